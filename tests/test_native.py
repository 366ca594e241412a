"""The compiled modules (``stmtdiff/native.py``): used only when built from the source as it is,
and giving exactly what the Python source gives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from stmtdiff import native

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
compiled_only = pytest.mark.skipif(
    native.state() != "compiled", reason=f"the compiled modules are not in use ({native.state()})"
)


def a_package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "a.py").write_text("x = 1\n")
    (package / "sub" / "b.py").write_text("y = 2\n")
    return package


def a_build(package: Path, folder: Path) -> None:
    """A manifest as scripts/compile_native.py writes it, its files present (empty)."""
    import importlib.machinery

    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    names = (*native.COMPILED, native.SHARED_LIBRARY)
    folder.mkdir()
    for name in names:
        (folder / (name + suffix)).write_bytes(b"")
    manifest = {
        "built": True,
        "suffix": suffix,
        "modules": {name: name + suffix for name in names},
        "sources": native.source_record(package),
    }
    (folder / native.MANIFEST).write_text(json.dumps(manifest))


def test_a_build_of_the_source_as_it_is_is_trusted(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    a_build(package, tmp_path / "built")
    files, why_not = native.trusted_build(tmp_path / "built", package)
    assert files is not None and why_not == ""
    assert set(files) == {*native.COMPILED, native.SHARED_LIBRARY}


def test_a_source_edited_since_the_build_means_python(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    a_build(package, tmp_path / "built")
    (package / "sub" / "b.py").write_text("y = 3\n")  # same size, another content
    os.utime(package / "sub" / "b.py", ns=(1, 1))
    assert native.trusted_build(tmp_path / "built", package) == (None, "sub/b.py changed since it was compiled")


def test_a_file_copied_again_unchanged_is_still_trusted(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    a_build(package, tmp_path / "built")
    os.utime(package / "a.py", ns=(5, 5))  # a checkout or a copy: another time, the same bytes
    assert native.changed_sources(package, native.source_record(package)) == []
    assert native.trusted_build(tmp_path / "built", package)[0] is not None


def test_a_source_added_or_removed_means_python(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    recorded = native.source_record(package)
    (package / "c.py").write_text("z = 0\n")
    (package / "a.py").unlink()
    assert native.changed_sources(package, recorded) == ["a.py", "c.py"]


def test_no_build_or_a_failed_one_means_python_and_says_why(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    assert native.trusted_build(tmp_path / "none", package)[1].startswith("not compiled")
    folder = tmp_path / "failed"
    folder.mkdir()
    (folder / native.MANIFEST).write_text(json.dumps({"built": False, "reason": "no C compiler"}))
    assert native.trusted_build(folder, package) == (None, "not compiled (no C compiler)")


def test_a_build_for_another_python_means_python(tmp_path: Path) -> None:
    package = a_package(tmp_path)
    a_build(package, tmp_path / "built")
    manifest = json.loads((tmp_path / "built" / native.MANIFEST).read_text())
    manifest["suffix"] = ".cpython-39-x86_64-linux-gnu.so"
    (tmp_path / "built" / native.MANIFEST).write_text(json.dumps(manifest))
    assert native.trusted_build(tmp_path / "built", package) == (None, "compiled for another Python")


def test_without_a_c_compiler_the_build_says_why_and_stmtdiff_stays_python(tmp_path: Path) -> None:
    pytest.importorskip("mypyc", reason="mypy is not installed (the native extra)")
    import shutil

    shutil.copytree(REPO / "stmtdiff", tmp_path / "stmtdiff", ignore=shutil.ignore_patterns("__pycache__", "_compiled"))
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "compile_native.py"), "--package", str(tmp_path / "stmtdiff")],
        capture_output=True, text=True, env={**os.environ, "CC": str(tmp_path / "no-such-cc")}, check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("stmtdiff: not compiled (mypyc failed")
    files, why_not = native.trusted_build(tmp_path / "stmtdiff" / "_compiled", tmp_path / "stmtdiff")
    assert files is None and why_not.startswith("not compiled (mypyc failed")


def test_compiled_files_that_do_not_load_mean_python(tmp_path: Path) -> None:
    broken = tmp_path / "broken.so"
    broken.write_bytes(b"not a shared library")
    finders = list(sys.meta_path)
    assert native.install_finder({"stmtdiff._broken__mypyc": broken}, first="stmtdiff._broken__mypyc")
    assert sys.meta_path == finders and "stmtdiff._broken__mypyc" not in sys.modules


def _run(code: str, *args: str, pure: bool) -> str:
    """The output of ``code`` run by a new interpreter, as pure Python or as installed."""
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout


def test_the_environment_variable_keeps_python() -> None:
    code = "import stmtdiff, sys; print(stmtdiff.native.state()); print(sys.modules['stmtdiff.classify.judge'].__file__)"
    state, judge = _run(code, pure=True).splitlines()
    assert state == "python: STMTDIFF_PURE_PYTHON is set" and judge.endswith("judge.py")


@compiled_only
def test_the_compiled_modules_are_the_ones_imported() -> None:
    for name in native.COMPILED:
        assert not sys.modules[name].__file__.endswith(".py"), name  # type: ignore[union-attr]


# The JSON of each comparison, as pure Python and compiled: the seeds, texts in the other scripts
# stmtdiff handles, and, with ../shared, the first 300 lines of the whole-Bible pairs.
_COMPARE = """
import sys, json, stmtdiff
from stmtdiff.report.json import render_json
pairs = json.loads(sys.argv[1])
for a, b, units in pairs:
    print(render_json(stmtdiff.compare_files(a, b, units=units)))
"""


@compiled_only
def test_compiled_and_python_give_the_same_json(tmp_path: Path) -> None:
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    pairs = [(str(seeds[0]), str(seeds[1]), "sentences")]
    texts = {
        "zh": ("双方同意加强合作，推动贸易增长百分之五。", "双方同意深化合作，推动贸易增长百分之七。"),
        "ru": ("Стороны не будут вводить пошлины до 2025 года.", "Стороны будут вводить пошлины с 2026 года."),
        "ar": ("اتفق الطرفان على تعزيز التعاون في مجال الطاقة.", "اتفق الطرفان على توسيع التعاون في مجال الطاقة."),
        "fr": ("Les relations commerciales normales permanentes.", "Les relations commerciales normales durables."),
    }
    for lang, (a, b) in texts.items():
        (tmp_path / f"{lang}-a.txt").write_text(a, encoding="utf-8")
        (tmp_path / f"{lang}-b.txt").write_text(b, encoding="utf-8")
        pairs.append((str(tmp_path / f"{lang}-a.txt"), str(tmp_path / f"{lang}-b.txt"), "sentences"))
    for case in ("large-light-bible", "large-heavy-bible"):
        folder = SHARED / "data" / "dev" / "cases" / case / "raw"
        if folder.is_dir():
            for side in ("a", "b"):
                lines = (folder / f"{side}.txt").read_text(encoding="utf-8").splitlines(keepends=True)
                (tmp_path / f"{case}-{side}.txt").write_text("".join(lines[:300]), encoding="utf-8")
            pairs.append((str(tmp_path / f"{case}-a.txt"), str(tmp_path / f"{case}-b.txt"), "sentences"))
    pure = _run(_COMPARE, json.dumps(pairs), pure=True)
    compiled = _run(_COMPARE, json.dumps(pairs), pure=False)
    assert pure.count("\n") >= len(pairs) and compiled == pure
