"""The core never imports the command line or a renderer, and only cli.py imports click."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "stmtdiff"
CORE = [
    "model", "errors", "parallel", "load", "segment", "align", "worddiff", "classify", "compare", "extract",
    "boilerplate",
]


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_modules_import_neither_the_cli_nor_a_renderer_nor_click():
    for name in CORE:
        imports = imported_modules(PACKAGE / f"{name}.py")
        bad = {m for m in imports if m.startswith(("stmtdiff.cli", "stmtdiff.report", "click"))}
        assert not bad, f"{name}.py imports {bad}"


def test_renderers_never_run_the_engine():
    for path in (PACKAGE / "report").glob("*.py"):
        imports = imported_modules(path)
        bad = {m for m in imports if m in ("stmtdiff.align", "stmtdiff.worddiff", "stmtdiff.compare", "click")}
        assert not bad, f"report/{path.name} imports {bad}"


def test_similarity_and_diff_libraries_stay_in_their_stages():
    for path in PACKAGE.rglob("*.py"):
        imports = imported_modules(path)
        if any(m.startswith("rapidfuzz") for m in imports):
            assert path.name in ("align.py", "classify.py", "worddiff.py"), path
        if any("diff_match_patch" in m for m in imports):
            assert path.name == "worddiff.py", path
