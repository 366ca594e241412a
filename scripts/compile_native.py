#!/usr/bin/env python3
"""Compile stmtdiff's hot modules with mypyc into ``stmtdiff/_compiled/`` (``make setup`` runs it).

The modules are those listed in ``stmtdiff/native.py``, compiled from the source as it is, into
one group (one shared library for mypyc's runtime and their code). The result goes with a
manifest of the sources it was built from; ``stmtdiff.native`` loads it only while they are
unchanged. Where it cannot be built (no mypy, no C compiler, no Python headers) the manifest
says why, stmtdiff runs as pure Python, and this script still exits 0: compiling is an
optimisation, never a requirement.

    .venv/bin/python scripts/compile_native.py [--package stmtdiff]
"""

from __future__ import annotations

import argparse
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["STMTDIFF_PURE_PYTHON"] = "1"  # this process imports stmtdiff, not the build it replaces

from stmtdiff import native  # noqa: E402  (the list of modules and the manifest's format)

_SETUP = """
import sys
from setuptools import setup
from mypyc.build import mypycify

files = sys.argv[sys.argv.index("--") + 1 :]
del sys.argv[sys.argv.index("--") :]
flags = ["--follow-imports=silent", "--ignore-missing-imports"]
setup(
    name="stmtdiff-native",
    packages=[],
    ext_modules=mypycify(flags + files, group_name="stmtdiff._native", opt_level="3"),
)
"""


def build(package: Path) -> dict[str, object]:
    """Compile a copy of ``package``'s source; returns the manifest (``built`` false and a
    ``reason`` when it could not be done)."""
    target = package / "_compiled"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return {"built": False, "reason": "mypy is not installed: pip install 'stmtdiff[native]'"}
    # Recorded before the copy: a file edited after this no longer matches the record, so the
    # build is not trusted (stmtdiff.native) whether the copy caught the edit or not.
    originals = native.source_record(package)
    with tempfile.TemporaryDirectory(prefix="stmtdiff-native-") as tmp_name:
        tmp = Path(tmp_name)
        shutil.copytree(package, tmp / "stmtdiff", ignore=shutil.ignore_patterns("__pycache__", "_compiled", "*.so"))
        (tmp / "setup.py").write_text(_SETUP, encoding="utf-8")
        files = [name.replace(".", "/") + ".py" for name in native.COMPILED]
        done = subprocess.run(
            [sys.executable, "setup.py", "build_ext", "--inplace", "--parallel", str(os.cpu_count() or 1), "--", *files],
            cwd=tmp,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
            last = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            return {"built": False, "reason": f"mypyc failed: {last[0][:200]}"}
        suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
        modules = {}
        target.mkdir()
        for name in (*native.COMPILED, native.SHARED_LIBRARY):
            built = tmp / (name.replace(".", "/") + suffix)
            if not built.is_file():
                return {"built": False, "reason": f"mypyc did not build {name}"}
            shutil.copy2(built, target / (name + suffix))
            modules[name] = name + suffix
    return {"built": True, "suffix": suffix, "modules": modules, "sources": originals}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--package", type=Path, default=REPO / "stmtdiff", help="the package folder (default: this clone's)")
    args = ap.parse_args()
    package = args.package.resolve()
    target = package / "_compiled"
    shutil.rmtree(target, ignore_errors=True)
    manifest = build(package)
    if not manifest["built"]:
        shutil.rmtree(target, ignore_errors=True)
    target.mkdir(exist_ok=True)
    (target / native.MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    print(f"stmtdiff: {'compiled' if manifest['built'] else 'not compiled'}"
          f"{'' if manifest['built'] else ' (' + str(manifest['reason']) + ')'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
