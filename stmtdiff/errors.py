"""The library's own errors: one base type the command line turns into exit status 2."""

from __future__ import annotations


class StmtdiffError(Exception):
    """Anything stmtdiff refuses to do; the message is one line a user can act on."""


class InputError(StmtdiffError):
    """A document could not be read, decoded or extracted."""
