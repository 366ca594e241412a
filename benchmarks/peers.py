#!/usr/bin/env python3
"""stmtdiff against the tools a user would pick instead, on the same inputs in the same run (issue 7).

Inputs: prefixes of the ``large-light-bible`` dev pair (Webster 1833 vs ASV 1901, with the dev
case's dropped, moved and merged verses) of about 100, 1,000, 10,000 verses and the whole file
(31,086 verses), written to a temporary folder in two variants:

- ``lines``: one verse per line (the dev ``lines`` files). Every tool gets these files.
- ``prose``: the same characters with verses run together into one paragraph per chapter (the dev
  ``raw`` files cut at the same offsets); only the extra row "stmtdiff prose" uses them
  (units = sentences), to show what sentence splitting costs.

A's prefix ends at the line on which its N-th verse ends; B's ends at the last line holding a
verse of A's prefix, so both sides cover the same passage.

Tools, each run in a fresh child process (``_worker.py`` for the Python ones), time from the
tool's import (or the external process's start) to its output written; peak memory = GNU time's
``%M`` of that process (``/usr/bin/time``; ``ru_maxrss`` in the child if it is missing):

    stmtdiff JSON / HTML    stmtdiff.compare_files(units="lines") + render_json / render_html
    stmtdiff prose JSON     the same on the prose variant, units="sentences"
    difflib words           difflib.SequenceMatcher(None, a.split(), b.split()).get_opcodes()
    difflib.HtmlDiff        HtmlDiff().make_file(a lines, b lines)
    redlines                Redlines(a, b).output_markdown
    diff-match-patch        pure Python, whole text, word mode (words -> chars), Diff_Timeout = 0
    git diff                git diff --no-index --word-diff a b
    wdiff, dwdiff           wdiff a b, dwdiff a b (Debian packages)

A run longer than ``--timeout`` (120 s) is killed and marked "timeout"; that tool is then
"skipped" at larger sizes. Sizes up to 1,000 verses take the fastest of 3 runs; above that,
stmtdiff and the three C tools take the fastest of 2 (on a shared 2-core machine single runs vary
by up to 2x; the same number of tries for each side of a ratio that a check reads), and the slow
Python peers run once. Prints one table
(seconds, peak MiB and the ratio to stmtdiff compare + JSON at each size), a log-log least-squares
scaling exponent per tool (over all completed sizes, and over sizes >= 1,000 where start-up no
longer dominates), and issue 7's checks.

    .venv/bin/python benchmarks/peers.py --data ../shared/data/dev [--quick] [--setup] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, data_dir, fit_exponent, machine, measure, table, write_json  # noqa: E402

CASE = "large-light-bible"
SIZES = [100, 1_000, 10_000, None]  # None: the whole file
QUICK_SIZES = [100, 1_000]
BASE = "stmtdiff JSON"
SEED_A = "seeds/espd-2024-statement-state-dept-reworded.txt"
SEED_B = "seeds/espd-2024-statement-in-article.txt"
EXTERNAL = {"git diff --word-diff", "wdiff", "dwdiff"}
MUST_BEAT = ["wdiff", "dwdiff", "difflib.HtmlDiff", "redlines"]


def tools(d: Path, n: str) -> dict[str, list[str]]:
    """Worker tasks per tool for the inputs of size label ``n`` in folder ``d``."""
    a, b = str(d / f"a_{n}.txt"), str(d / f"b_{n}.txt")
    pa, pb = str(d / f"prose_a_{n}.txt"), str(d / f"prose_b_{n}.txt")
    out = str(d / "out")
    return {
        "stmtdiff JSON": ["stmtdiff", a, b, "--units", "lines", "--format", "json", "--out", out],
        "stmtdiff HTML": ["stmtdiff", a, b, "--units", "lines", "--format", "html", "--out", out],
        "stmtdiff prose JSON": ["stmtdiff", pa, pb, "--units", "sentences", "--format", "json", "--out", out],
        "git diff --word-diff": ["git", "diff", "--no-index", "--no-color", "--word-diff", a, b],
        "wdiff": ["wdiff", a, b],
        "dwdiff": ["dwdiff", a, b],
        "difflib.HtmlDiff": ["htmldiff", a, b, out],
        "difflib words": ["seqmatcher", a, b],
        "redlines": ["redlines", a, b, out],
        "diff-match-patch": ["dmp", a, b],
    }


def setup() -> None:
    """Install the peers: wdiff, dwdiff and GNU time with apt-get (as root), redlines with pip."""
    missing = [p for p in ("wdiff", "dwdiff", "time") if not shutil.which(p) and not
               (p == "time" and os.access("/usr/bin/time", os.X_OK))]
    if missing:
        if os.geteuid() != 0:
            print(f"not root: install {' '.join(missing)} yourself (apt-get install {' '.join(missing)})")
        else:
            env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
            subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
            subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False, env=env)
    try:
        import redlines  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "redlines"], check=False)


def available(name: str) -> str | None:
    """None when the tool can run; otherwise why not."""
    exe = {"git diff --word-diff": "git", "wdiff": "wdiff", "dwdiff": "dwdiff"}.get(name)
    if exe and not shutil.which(exe):
        return "not installed (--setup)"
    if name == "redlines":
        try:
            import redlines  # noqa: F401
        except ImportError:
            return "not installed (--setup)"
    if name == "stmtdiff HTML":
        try:
            import stmtdiff
            from stmtdiff.report.html import render_html

            render_html(stmtdiff.compare("We act. Done.", "We acted. Done."))
        except Exception as exc:
            return f"HTML report unavailable: {type(exc).__name__}"
    return None


def versions() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, cmd in (("git", ["git", "--version"]), ("wdiff", ["wdiff", "--version"]),
                      ("dwdiff", ["dwdiff", "--version"])):
        try:
            out[name] = subprocess.run(cmd, capture_output=True, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            out[name] = "missing"
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("stmtdiff", "redlines", "diff-match-patch", "rapidfuzz"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = "missing"
    return out


def make_inputs(data: Path, sizes: list[int | None], tmp: Path) -> dict[str, dict[str, Any]]:
    """Write a_N / b_N (lines) and prose_a_N / prose_b_N for every size; return their facts."""
    case = data / "cases" / CASE
    texts = {s: (case / "lines" / f"{s}.txt").read_text(encoding="utf-8") for s in "ab"}
    prose = {s: (case / "raw" / f"{s}.txt").read_text(encoding="utf-8") for s in "ab"}
    gold = json.loads((case / "lines" / "gold.json").read_text(encoding="utf-8"))
    ua, ub = gold["a"]["units"], gold["b"]["units"]
    total_verses = sum(len(u[2].split("+")) for u in ua)
    facts: dict[str, dict[str, Any]] = {}
    for size in sizes:
        if size is None or size >= total_verses:
            label, cut_a, cut_b, verses = "all", len(texts["a"]), len(texts["b"]), total_verses
            lines_a, lines_b = len(ua), len(ub)
        else:
            count, k, refs = 0, 0, set()
            while count < size:
                parts = ua[k][2].split("+")
                count += len(parts)
                refs.update(parts)
                k += 1
            j = max(i for i, u in enumerate(ub) if any(p in refs for p in u[2].split("+")))
            label, verses = str(size), count
            cut_a, cut_b = ua[k - 1][1] + 1, ub[j][1] + 1
            lines_a, lines_b = k, j + 1
        for side, cut in (("a", cut_a), ("b", cut_b)):
            (tmp / f"{side}_{label}.txt").write_text(texts[side][:cut], encoding="utf-8")
            (tmp / f"prose_{side}_{label}.txt").write_text(prose[side][:cut], encoding="utf-8")
        facts[label] = dict(verses=verses, lines_a=lines_a, lines_b=lines_b, bytes_a=cut_a, bytes_b=cut_b)
    return facts


def seed_cli(repeat: int = 5) -> dict[str, Any]:
    """Best-of-``repeat`` wall time of the CLI on the seed pair, start to output (text to /dev/null)."""
    exe = REPO / ".venv" / "bin" / "stmtdiff"
    cmd = [str(exe) if exe.exists() else "stmtdiff", "diff", SEED_A, SEED_B]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - t0)
        if proc.returncode > 1:
            return {"status": "error", "error": proc.stderr.decode()[-200:]}
    return {"status": "ok", "seconds": min(times), "all_seconds": times, "command": " ".join(cmd[1:])}


def fmt_s(x: float) -> str:
    return f"{x:.3f}" if x < 1 else f"{x:.2f}" if x < 100 else f"{x:.0f}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--json", metavar="FILE", default=str(REPO / "benchmarks" / "results" / "peers.json"),
                    help="write the results here (default benchmarks/results/peers.json; '' for none)")
    ap.add_argument("--quick", action="store_true", help="sizes 100 and 1,000 only")
    ap.add_argument("--sizes", help="comma-separated verse counts ('all' = whole file)")
    ap.add_argument("--tools", help="comma-separated tool names (default all)")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per run (default 120)")
    ap.add_argument("--repeat-small", type=int, default=3, help="runs per cell up to 1,000 verses (fastest kept)")
    ap.add_argument("--repeat-large", type=int, default=2,
                    help="runs per stmtdiff and C-tool cell above 1,000 verses (fastest kept; the machine is shared)")
    ap.add_argument("--mem-limit", type=int, default=8192, help="address-space limit per run, MiB")
    ap.add_argument("--setup", action="store_true", help="install wdiff, dwdiff (apt-get) and redlines (pip)")
    args = ap.parse_args()
    if args.setup:
        setup()
    data = data_dir(args.data)
    sizes: list[int | None] = QUICK_SIZES if args.quick else SIZES
    if args.sizes:
        sizes = [None if s.strip() == "all" else int(s) for s in args.sizes.split(",")]

    results: dict[str, dict[str, dict[str, Any]]] = {}
    with tempfile.TemporaryDirectory(prefix="stmtdiff-peers-") as tmp_name:
        tmp = Path(tmp_name)
        facts = make_inputs(data, sizes, tmp)
        labels = list(facts)
        names = list(tools(tmp, labels[0]))
        if args.tools:
            wanted = [t.strip() for t in args.tools.split(",")]
            names = [n for n in names if n in wanted or n == BASE]
        unavailable = {n: why for n in names if (why := available(n))}
        stopped: dict[str, str] = {}
        for label in labels:
            small = facts[label]["verses"] <= 1_000
            for name in names:
                cell: dict[str, Any]
                if name in unavailable:
                    cell = {"status": "unavailable", "why": unavailable[name]}
                elif name in stopped:
                    cell = {"status": "skipped", "why": stopped[name]}
                else:
                    runs = []
                    ext = name in EXTERNAL
                    repeated = ext or name.startswith("stmtdiff")
                    repeat = args.repeat_small if small else (args.repeat_large if repeated else 1)
                    for _ in range(repeat):
                        runs.append(measure(tools(tmp, label)[name], timeout=args.timeout,
                                            mem_limit_mib=args.mem_limit, cwd=tmp, external=ext,
                                            stdout_path=tmp / "out" if ext else None))
                        if runs[-1]["status"] != "ok":
                            break
                    good = [r for r in runs if r["status"] == "ok"]
                    cell = min(good, key=lambda r: r["seconds"]) if len(good) == len(runs) else runs[-1]
                    if good and len(good) == len(runs):
                        cell["peak_mib"] = max(r["peak_mib"] for r in good)
                        cell["all_seconds"] = [round(r["seconds"], 4) for r in good]
                    if cell["status"] != "ok":
                        stopped[name] = (f">{args.timeout:g} s at {facts[label]['verses']:,} verses"
                                         if cell["status"] == "timeout" else
                                         f"failed at {facts[label]['verses']:,} verses")
                results.setdefault(name, {})[label] = cell
                shown = fmt_s(cell["seconds"]) + " s" if cell["status"] == "ok" else cell["status"]
                print(f"  {label:>6} {name:22} {shown}", file=sys.stderr, flush=True)
    seed = seed_cli()

    # ---- the table: tool x size -> seconds, MiB, ratio to stmtdiff JSON
    def cell_text(name: str, label: str) -> str:
        c = results[name][label]
        if c["status"] == "ok":
            base = results[BASE][label]
            ratio = ""
            if name != BASE and base["status"] == "ok":
                ratio = f" · {c['seconds'] / base['seconds']:.2g}x"
            return f"{fmt_s(c['seconds'])} s · {c['peak_mib']:.0f} MiB{ratio}"
        if c["status"] == "timeout":
            return f"timeout (>{args.timeout:g} s)"
        if c["status"] == "skipped":
            return f"skipped ({c['why']})"
        return c["status"] + (f": {c.get('error', c.get('why', ''))[:40]}" if c["status"] != "ok" else "")

    exps: dict[str, dict[str, float | None]] = {}
    for name in names:
        pts = [(facts[lb]["verses"], c["seconds"]) for lb, c in results[name].items() if c["status"] == "ok"]
        exps[name] = {"k_all": fit_exponent(pts), "k_1k": fit_exponent([p for p in pts if p[0] >= 1_000])}

    def k(x: float | None) -> str:
        return "-" if x is None else f"{x:.2f}"

    headers = ["tool"] + [f"{facts[lb]['verses']:,} verses" for lb in labels] + ["k (all)", "k (>=1k)"]
    rows = [[name] + [cell_text(name, lb) for lb in labels] + [k(exps[name]["k_all"]), k(exps[name]["k_1k"])]
            for name in names]
    print(f"Peers on prefixes of {CASE} (lines variant; 'stmtdiff prose' = same text as prose, units sentences).")
    print("Cell: seconds · peak MiB · time ÷ stmtdiff JSON at that size. k = log-log slope of time on verses.")
    print(table(headers, rows, right=set(range(1, len(headers)))))
    print("Inputs: " + "; ".join(f"{facts[lb]['verses']:,} verses = {facts[lb]['lines_a']:,}/{facts[lb]['lines_b']:,} "
                                  f"lines, {facts[lb]['bytes_a'] / 1e6:.2f}/{facts[lb]['bytes_b'] / 1e6:.2f} MB"
                                  for lb in labels))

    # ---- issue 7's checks
    checks: list[dict[str, Any]] = []

    def check(what: str, ok: bool | None, detail: str) -> None:
        checks.append(dict(check=what, met=ok, detail=detail))

    check("seed pair, CLI start to output <= 0.3 s (best of 5)",
          seed["status"] == "ok" and seed["seconds"] <= 0.3,
          f"{seed['seconds']:.3f} s" if seed["status"] == "ok" else seed.get("error", ""))
    base = results[BASE]
    if "10000" in base and "all" in base:
        if base["10000"]["status"] == base["all"]["status"] == "ok":
            r = base["all"]["seconds"] / base["10000"]["seconds"]
            n = facts["all"]["verses"] / facts["10000"]["verses"]
            check("whole Bible / 10,000 verses <= 3.5x", r <= 3.5,
                  f"{r:.2f}x for {n:.2f}x the verses (k = {k(exps[BASE]['k_1k'])} over >= 1k)")
        else:
            check("whole Bible / 10,000 verses <= 3.5x", False, "stmtdiff did not finish both sizes")
    big = [lb for lb in labels if facts[lb]["verses"] > 1_000]
    for peer in MUST_BEAT + ["git diff --word-diff"]:
        if peer not in results:
            continue
        what = ("within 20x of git diff --word-diff above 1,000 verses" if peer == "git diff --word-diff"
                else f"faster than {peer} above 1,000 verses")
        if not big:
            check(what, None, "no size above 1,000 in this run")
            continue
        verdicts, details = [], []
        for lb in big:
            s, p = base[lb], results[peer][lb]
            if s["status"] != "ok":
                verdicts.append(False)
                details.append(f"{lb}: stmtdiff {s['status']}")
            elif peer == "git diff --word-diff":
                if p["status"] != "ok":
                    verdicts.append(None)
                    details.append(f"{lb}: git {p['status']}")
                else:
                    ratio = s["seconds"] / p["seconds"]
                    verdicts.append(ratio <= 20)
                    details.append(f"{facts[lb]['verses']:,}: stmtdiff = {ratio:.1f}x git")
            elif p["status"] in ("timeout", "skipped"):
                verdicts.append(True)
                details.append(f"{facts[lb]['verses']:,}: {peer} {p['status']}")
            elif p["status"] != "ok":
                verdicts.append(None)
                details.append(f"{facts[lb]['verses']:,}: {peer} {p['status']}")
            else:
                verdicts.append(s["seconds"] < p["seconds"])
                details.append(f"{facts[lb]['verses']:,}: {s['seconds']:.2f} vs {p['seconds']:.2f} s")
        met = None if any(v is None for v in verdicts) else all(verdicts)
        check(what, met, "; ".join(details))
    print("\nIssue 7 checks (whole-Bible dev pair targets: benchmarks/speed.py)")
    print(table(["check", "verdict", "measured"],
                [[c["check"], {True: "met", False: "MISSED", None: "n/a"}[c["met"]], c["detail"]] for c in checks]))
    if args.json:
        write_json(args.json, {"machine": machine(), "versions": versions(), "data": str(data), "case": CASE,
                               "timeout": args.timeout, "inputs": facts, "results": results,
                               "exponents": exps, "seed_cli": seed, "checks": checks})
    return 0


if __name__ == "__main__":
    sys.exit(main())
