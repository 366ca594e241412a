"""stmtdiff: compare two versions of a statement sentence by sentence.

    >>> import stmtdiff
    >>> c = stmtdiff.compare("We will act. It is done.", "We shall act. It is done.")
    >>> [p.status.value for p in c.pairs]
    ['changed', 'equal']

The public API is re-exported here; heavy modules load on first use so that the command
line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stmtdiff.errors import InputError, StmtdiffError
from stmtdiff.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Op,
    Pair,
    Sentence,
    Source,
    Status,
    Summary,
    Units,
)

if TYPE_CHECKING:
    from stmtdiff.compare import compare, compare_documents, compare_files
    from stmtdiff.load import load_document

__all__ = [
    "Change",
    "ChangeClass",
    "CompareOptions",
    "Comparison",
    "Document",
    "Edit",
    "InputError",
    "Op",
    "Pair",
    "Sentence",
    "Source",
    "Status",
    "StmtdiffError",
    "Summary",
    "Units",
    "compare",
    "compare_documents",
    "compare_files",
    "load_document",
]

_LAZY = {
    "compare": "stmtdiff.compare",
    "compare_documents": "stmtdiff.compare",
    "compare_files": "stmtdiff.compare",
    "load_document": "stmtdiff.load",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'stmtdiff' has no attribute {name!r}")
