"""``python -m stmtdiff``: the same as the ``stmtdiff`` command."""

from stmtdiff.cli import main

main()
