"""The core never imports the command line or a renderer, and only cli.py imports click."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).parent.parent / "stmtdiff"
CORE = [
    "model", "errors", "parallel", "decode", "load", "segment", "align", "moves", "worddiff", "classify", "compare",
    "extract", "boilerplate", "fetch", "furniture", "html_blocks", "limits", "collate", "witness", "nway",
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


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Which stmtdiff modules each stmtdiff module imports, at the top or inside a function.

    ``from stmtdiff import classify`` counts as importing ``stmtdiff.classify``; importing a
    package's submodule does not count as importing the package's ``__init__`` (Python runs
    it, but it is a re-export list, not a stage).
    """
    paths = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets.add(node.module)
                targets.update(f"{node.module}.{alias.name}" for alias in node.names)
        graph[name] = {target for target in targets if target in paths and target != name}
    return graph


def test_modules_import_each_other_in_one_direction_only():
    """The stages are a straight line: no module reaches back, directly or round a loop,
    to one that imports it (load once imported extract, which imported load)."""
    graph = import_graph()
    graph.pop("stmtdiff", None)  # the package's re-exports: every stage may be imported from it
    for edges in graph.values():
        edges.discard("stmtdiff")
    state: dict[str, str] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert cycles == [], "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)
