#!/usr/bin/env python3
"""CPU work of stmtdiff against an earlier revision, counted in instructions (issue 14's speed bound).

Wall-clock time on the shared 2-core development machine varies by 25% within minutes, so a 10%
bound cannot be checked with a handful of timed runs (``speed.py``). The instructions a run
executes do not vary: valgrind's callgrind counts them (``Collected``), the same on a busy machine
as on an idle one, and runs may go in parallel. This script counts them for compare + JSON in one
process (``STMTDIFF_WORKERS=1``: the forked helpers share work, they do not remove it) on the first
``--lines`` lines of the whole-Bible pairs, for the working tree and for ``--base`` (extracted from
git into a temporary folder), and prints one table with the ratios. The interpreter's start and
the imports are counted apart (``import``): they are paid once per process, whatever its input.

    .venv/bin/python benchmarks/instructions.py --data ../shared/data/dev [--base 65ccff4] [--lines 150] [--pure]

The working tree runs as it is installed: with its compiled modules when ``make setup`` built
them (``stmtdiff/native.py``). ``--pure`` also counts it as pure Python
(``STMTDIFF_PURE_PYTHON=1``), the form it takes where nothing was compiled.

Callgrind runs a program about 50 times slower: the defaults take about 4 minutes on two cores.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, data_dir, machine, package_at, table, write_json  # noqa: E402

CASES = [("large-light-bible", "raw", "sentences"), ("large-heavy-bible", "raw", "sentences")]

# What each counted run does: import, and then compare + JSON when given files.
_RUN = """
import os, sys
os.environ["STMTDIFF_WORKERS"] = "1"
sys.path.insert(0, sys.argv[1])
import stmtdiff
from stmtdiff.report.json import render_json
assert stmtdiff.__file__.startswith(sys.argv[1]), stmtdiff.__file__
if len(sys.argv) > 2:
    render_json(stmtdiff.compare_files(sys.argv[2], sys.argv[3], units=sys.argv[4]))
"""


def count(tree: Path, files: tuple[str, ...], pure: bool = False) -> int:
    """Instructions executed by one run (callgrind's ``Collected``); ``pure``: without the
    compiled modules."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", _RUN, str(tree), *files],
        capture_output=True,
        text=True,
        env={"PYTHONHASHSEED": "0", "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
        | ({"STMTDIFF_PURE_PYTHON": "1"} if pure else {}),
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or not found:
        sys.exit(f"callgrind run failed ({tree}, {files}): {done.stderr.strip().splitlines()[-1:]}")
    return int(found.group(1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--base", default="65ccff4", help="git revision to compare with (default 65ccff4)")
    ap.add_argument("--lines", type=int, default=150, help="lines of each whole-Bible side (default 150)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--pure", action="store_true", help="also count the working tree as pure Python "
                    "(when make setup compiled its hot modules)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:  # a tool missing, not bad input: `make bench` goes on
        print("instructions not counted: valgrind is not installed (apt-get install valgrind)")
        return 0
    data = data_dir(args.data)
    with tempfile.TemporaryDirectory(prefix="stmtdiff-instructions-") as tmp_name:
        tmp = Path(tmp_name)
        trees = {"base": package_at(args.base, tmp / "base"), "now": REPO}
        if args.pure:
            trees["pure"] = REPO
        # bytecode first, so that no counted run compiles
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "stmtdiff")], check=True)
        jobs: dict[tuple[str, str], tuple[Path, tuple[str, ...], bool]] = {}
        for case, mode, units in CASES:
            sides = []
            for side in ("a", "b"):
                text = (data / "cases" / case / mode / f"{side}.txt").read_text(encoding="utf-8")
                path = tmp / f"{case}-{side}.txt"
                path.write_text("".join(text.splitlines(keepends=True)[: args.lines]), encoding="utf-8")
                sides.append(str(path))
            for name, tree in trees.items():
                jobs[(name, case)] = (tree, (*sides, units), name == "pure")
        for name, tree in trees.items():
            jobs[(name, "import")] = (tree, (), name == "pure")
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            futures = {key: pool.submit(count, *job) for key, job in jobs.items()}
            counts = {key: future.result() for key, future in futures.items()}
    rows: list[list[Any]] = []
    results = []
    for case in [c for c, _, _ in CASES] + ["import"]:
        own = {name: counts[(name, case)] for name in trees}
        if case != "import":  # the run's own work: its imports counted apart
            own = {name: value - counts[(name, "import")] for name, value in own.items()}
        base, now = own["base"], own["now"]
        label = f"{case} raw, first {args.lines} lines: compare + JSON" if case != "import" else "interpreter start and imports"
        row = [label, f"{base / 1e9:.3f}", f"{now / 1e9:.3f}", f"{now / base:.3f}x"]
        if "pure" in own:
            row += [f"{own['pure'] / 1e9:.3f}", f"{own['pure'] / base:.3f}x"]
        rows.append(row)
        results.append({"case": case, **own, "ratio": now / base})
    from stmtdiff import native

    print(f"Instructions (callgrind), {args.base} against the working tree ({native.state()}); one process, "
          "PYTHONHASHSEED=0")
    headers = ["run", f"{args.base} (10^9)", "now (10^9)", "ratio"]
    if "pure" in trees:
        headers += ["pure Python (10^9)", "ratio"]
    print(table(headers, rows, right=set(range(1, len(headers)))))
    write_json(args.json, {"machine": machine(), "base": args.base, "lines": args.lines, "runs": results})
    return 0


if __name__ == "__main__":
    sys.exit(main())
