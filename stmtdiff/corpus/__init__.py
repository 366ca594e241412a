"""Corpus mode: trace one statement through thousands of documents, or compare many pairs.

    >>> from stmtdiff.corpus import trace, batch                             # doctest: +SKIP
    >>> trace("statement.txt", ["news/", "@more.txt"], "out/", jobs=2)       # doctest: +SKIP

Stages, one module each: ``sources`` (walk the inputs, streamed) -> ``screen`` (which documents
contain enough of the statement) -> ``jobs`` (the full comparison of a candidate, its row and
reports) -> ``engines`` (local worker processes, or a Dask cluster) -> ``outputs`` (per-document
results as they finish, then the summary tables and ``index.html``). ``run`` wires them.
Needs the ``corpus`` extra (pyarrow, datasketch); a Dask cluster also the ``dask`` extra.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RunTotals", "batch", "trace"]


def __getattr__(name: str) -> Any:
    """Imported when first used: ``stmtdiff --help`` and ``stmtdiff diff`` never pay for them."""
    if name in ("batch", "trace"):
        from stmtdiff.corpus import run

        return getattr(run, name)
    if name == "RunTotals":
        from stmtdiff.corpus.outputs import RunTotals

        return RunTotals
    raise AttributeError(f"module 'stmtdiff.corpus' has no attribute {name!r}")
