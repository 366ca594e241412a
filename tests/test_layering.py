"""The core never imports the command line or a renderer, and only cli.py imports click."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "stmtdiff"
CORE = [
    "model", "errors", "parallel", "load", "segment", "align", "moves", "worddiff", "classify", "compare", "extract",
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


def stage_files(name: str) -> list[Path]:
    """A stage's module, or every module of a stage that is a package (``classify/``)."""
    package = PACKAGE / name
    return sorted(package.glob("*.py")) if package.is_dir() else [PACKAGE / f"{name}.py"]


def test_core_modules_import_neither_the_cli_nor_a_renderer_nor_click():
    for name in CORE:
        for path in stage_files(name):
            imports = imported_modules(path)
            bad = {m for m in imports if m.startswith(("stmtdiff.cli", "stmtdiff.report", "click"))}
            assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_the_classify_package_imports_one_way():
    """Each module of ``stmtdiff/classify/`` imports only modules that never import it back,
    directly or through others: the package's modules form a chain of concerns, not a web."""
    package = PACKAGE / "classify"
    graph = {
        path.stem: {
            m.rsplit(".", 1)[1] for m in imported_modules(path) if m.startswith("stmtdiff.classify.")
        }
        for path in package.glob("*.py")
    }
    assert len(graph) >= 6, "classify is one package with a module per concern"
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join(path + (name,))}"
        if name in done:
            return
        for other in graph.get(name, ()):
            visit(other, path + (name,))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_renderers_never_run_the_engine():
    for path in (PACKAGE / "report").glob("*.py"):
        imports = imported_modules(path)
        bad = {m for m in imports if m in ("stmtdiff.align", "stmtdiff.worddiff", "stmtdiff.compare", "click")}
        assert not bad, f"report/{path.name} imports {bad}"


def test_similarity_and_diff_libraries_stay_in_their_stages():
    for path in PACKAGE.rglob("*.py"):
        imports = imported_modules(path)
        if any(m.startswith("rapidfuzz") for m in imports):
            assert path.name in ("align.py", "worddiff.py") or path.parent.name == "classify", path
        if any("diff_match_patch" in m for m in imports):
            assert path.name == "worddiff.py", path
