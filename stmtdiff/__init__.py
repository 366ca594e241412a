"""stmtdiff: compare two versions of a statement sentence by sentence.

    >>> import stmtdiff
    >>> c = stmtdiff.compare("We will act. It is done.", "We shall act. It is done.")
    >>> [p.status.value for p in c.pairs]
    ['changed', 'equal']

    >>> c = stmtdiff.compare_many(["We will act.", "We shall act.", "We will act."])
    >>> [r.versions for r in c.rows[0].readings]
    [(0, 2), (1,)]

The public API is re-exported here.
"""

from __future__ import annotations

from stmtdiff import native

native.use_compiled()  # before any compiled module is imported (see stmtdiff/native.py)

from stmtdiff.errors import InputError, StmtdiffError  # noqa: E402
from stmtdiff.limits import Limits  # noqa: E402
from stmtdiff.model import (  # noqa: E402
    Cell,
    Change,
    ChangeClass,
    Collation,
    CollationRow,
    CollationSummary,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Op,
    Pair,
    Reading,
    RowStatus,
    Sentence,
    Source,
    Status,
    Summary,
    Units,
    VersionSummary,
)

# Imported eagerly: the function ``compare`` must shadow the submodule of the same name.
from stmtdiff.compare import compare, compare_documents, compare_files  # noqa: E402
from stmtdiff.load import load_document  # noqa: E402
from stmtdiff.nway import compare_many, compare_many_documents, compare_many_files  # noqa: E402

__all__ = [
    "Cell",
    "Change",
    "ChangeClass",
    "Collation",
    "CollationRow",
    "CollationSummary",
    "CompareOptions",
    "Comparison",
    "Document",
    "Edit",
    "InputError",
    "Limits",
    "Op",
    "Pair",
    "Reading",
    "RowStatus",
    "Sentence",
    "Source",
    "Status",
    "StmtdiffError",
    "Summary",
    "Units",
    "VersionSummary",
    "compare",
    "compare_documents",
    "compare_files",
    "compare_many",
    "compare_many_documents",
    "compare_many_files",
    "load_document",
]
