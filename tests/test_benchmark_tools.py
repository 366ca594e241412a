"""The tools that check a bound on a slowdown: another revision's package, and the turn-by-turn table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import _common  # noqa: E402
import speed  # noqa: E402


def test_another_revisions_package_is_extracted_and_imported_first(tmp_path):
    if subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
        pytest.skip("not a git checkout")
    tree = _common.package_at("HEAD", tmp_path / "rev")
    found = subprocess.run(
        [sys.executable, "-c", "import stmtdiff; print(stmtdiff.__file__)"],
        capture_output=True, text=True, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, check=True,
        cwd=tmp_path,  # not the repository, whose stmtdiff the current directory would supply
    )
    assert found.stdout.strip() == str(tree / "stmtdiff" / "__init__.py")


def test_the_against_table_gives_each_turns_ratio():
    def run(seconds: list[float]) -> dict:
        return {"status": "ok", "case": "large-light-bible", "mode": "lines", "output": "json",
                "seconds": min(seconds), "all_seconds": seconds, "peak_mib": 200.0}

    text = speed.against_table([run([11.0, 9.0])], [run([10.0, 6.0])], "abc123")
    row = text.splitlines()[2]
    assert "6.00" in row and "9.00" in row and "1.50x" in row  # fastest against fastest
    assert "1.10 1.50" in row  # turn by turn: 11/10, 9/6
