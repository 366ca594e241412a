"""stmtdiff: compare two versions of a statement sentence by sentence.

    >>> import stmtdiff
    >>> c = stmtdiff.compare("We will act. It is done.", "We shall act. It is done.")
    >>> [p.status.value for p in c.pairs]
    ['changed', 'equal']

The public API is re-exported here.
"""

from __future__ import annotations

from stmtdiff.errors import InputError, StmtdiffError
from stmtdiff.limits import Limits
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

# Imported eagerly: the function ``compare`` must shadow the submodule of the same name.
from stmtdiff.compare import compare, compare_documents, compare_files  # noqa: E402
from stmtdiff.load import load_document  # noqa: E402

__all__ = [
    "Change",
    "ChangeClass",
    "CompareOptions",
    "Comparison",
    "Document",
    "Edit",
    "InputError",
    "Limits",
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
