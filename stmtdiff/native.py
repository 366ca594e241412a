"""The hot modules compiled by mypyc, used when they were built from exactly this source.

stmtdiff is pure Python. Its classifier, segmenter, aligner and word diff spend most of a long
comparison's time in small Python loops, which mypyc (mypy's compiler for type-hinted Python)
turns into C from the same source: on the whole-Bible pairs a run executes 12% (light
revision) to 18% (heavy paraphrase) fewer instructions, with byte-identical output. ``make
setup`` builds them where a C compiler is (``scripts/compile_native.py``) into
``stmtdiff/_compiled/``, with a manifest of the source they were built from.

They are loaded only when they can be trusted, else every module is the Python source:

* the manifest says they were built, for this interpreter (its extension suffix);
* every ``.py`` file of the package is the one they were built from (same size and time, or
  else the same SHA-256): a module edited since, or a branch checked out, means Python until
  the next build, never stale compiled code;
* ``STMTDIFF_PURE_PYTHON=1`` is not set (``make test`` runs the tests both ways).

All of them or none: compiled modules call each other directly, so one of them from source
and the rest compiled would not be the code that was built.

    >>> state().startswith(("compiled", "python"))
    True
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = Path(__file__).resolve().parent
FOLDER = PACKAGE / "_compiled"
MANIFEST = "manifest.json"
PURE_ENV = "STMTDIFF_PURE_PYTHON"

# The modules compiled: the classifier's per-piece loops, the segmenter, the furniture rules, the
# word diff's decoding, the aligner and the moves. Not compare, the loaders or the reports: little
# of a run's time, spent mostly in C already (regular expressions, rapidfuzz, json).
COMPILED = (
    "stmtdiff.classify.judge",
    "stmtdiff.classify.pieces",
    "stmtdiff.classify.tokens",
    "stmtdiff.classify.surface",
    "stmtdiff.classify.wording",
    "stmtdiff.classify.content",
    "stmtdiff.classify.polarity",
    "stmtdiff.classify.names",
    "stmtdiff.classify.values",
    "stmtdiff.classify.ranking",
    "stmtdiff.classify.terms",
    "stmtdiff.segment",
    "stmtdiff.boilerplate",
    "stmtdiff.worddiff",
    "stmtdiff.align",
    "stmtdiff.moves",
)
# mypyc's runtime and the compiled code of all modules, one shared library they import
SHARED_LIBRARY = "stmtdiff._native__mypyc"

_state = "python: not looked for yet"


def state() -> str:
    """"compiled" when the compiled modules are in use, else "python: " and why not."""
    return _state


def use_compiled() -> str:
    """Load the compiled modules from now on when they can be trusted (see the module's
    docstring); called once, by ``stmtdiff/__init__.py``, before any of them is imported."""
    global _state
    if any(isinstance(finder, _CompiledFinder) for finder in sys.meta_path):
        return _state
    if os.environ.get(PURE_ENV, "") not in ("", "0"):
        _state = f"python: {PURE_ENV} is set"
        return _state
    files, why_not = trusted_build(FOLDER, PACKAGE)
    if files is None:
        _state = f"python: {why_not}"
        return _state
    failed = install_finder(files)
    _state = f"python: the compiled files did not load ({failed})" if failed else "compiled"
    return _state


def install_finder(files: dict[str, Path], first: str = SHARED_LIBRARY) -> str:
    """Find the modules of ``files`` there from now on, once ``first`` (the shared library,
    which holds every module's code) has loaded; else leave the finder out and say why."""
    finder = _CompiledFinder(files)
    sys.meta_path.insert(0, finder)
    try:
        importlib.import_module(first)
    except ImportError as error:
        sys.meta_path.remove(finder)
        return str(error) or type(error).__name__
    return ""


def trusted_build(folder: Path, package: Path) -> tuple[dict[str, Path] | None, str]:
    """The compiled file of each module, when ``folder`` holds a build of exactly ``package``'s
    source for this interpreter; else None and the reason."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, "not compiled (make setup compiles where a C compiler is)"
    if not manifest.get("built"):
        return None, f"not compiled ({manifest.get('reason', 'no reason given')})"
    if manifest.get("suffix") != importlib.machinery.EXTENSION_SUFFIXES[0]:
        return None, "compiled for another Python"
    modules: dict[str, str] = manifest.get("modules", {})
    if set(modules) != {*COMPILED, SHARED_LIBRARY}:
        return None, "compiled from another list of modules"
    changed = changed_sources(package, manifest.get("sources", {}))
    if changed:
        return None, f"{changed[0]} changed since it was compiled"
    files = {name: folder / file for name, file in modules.items()}
    if not all(path.is_file() for path in files.values()):
        return None, "a compiled file is missing"
    return files, ""


def changed_sources(package: Path, recorded: dict[str, Sequence[Any]]) -> list[str]:
    """The package's ``.py`` files (relative paths) that are not as ``recorded`` (size,
    modification time in ns, SHA-256), new ones and missing ones included. A file whose size
    and time are unchanged is not read; one copied or checked out again is hashed."""
    present = {path.relative_to(package).as_posix(): path for path in sorted(package.rglob("*.py"))}
    changed = sorted(set(present) ^ set(recorded))
    for name in sorted(set(present) & set(recorded)):
        size, mtime_ns, digest = recorded[name]
        stat = present[name].stat()
        if (stat.st_size, stat.st_mtime_ns) == (size, mtime_ns):
            continue
        if stat.st_size != size or hashlib.sha256(present[name].read_bytes()).hexdigest() != digest:
            changed.append(name)
    return changed


def source_record(package: Path) -> dict[str, list[Any]]:
    """What :func:`changed_sources` compares: each ``.py`` file's size, time and SHA-256."""
    record: dict[str, list[Any]] = {}
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        record[path.relative_to(package).as_posix()] = [
            stat.st_size,
            stat.st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        ]
    return record


class _CompiledFinder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules in ``_compiled/`` before the source is looked for."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        return importlib.util.spec_from_file_location(fullname, file)
