#!/usr/bin/env python3
"""Time and peak memory of stmtdiff on the two whole-Bible dev cases (issues 2 and 7).

For ``large-light-bible`` and ``large-heavy-bible``, each in ``lines`` mode (units lines) and
``raw`` mode (units sentences), runs compare + JSON and compare + HTML, each in a fresh child
process, so the peak memory (``ru_maxrss`` of the child) belongs to that run alone. Seconds run
from ``import stmtdiff`` to the report written (interpreter start excluded); with
``--repeat N`` the fastest of N runs is kept (the machine is shared: expect +-30%). Prints one table
with the targets and whether each is met:

- issue 7: light case compare + JSON <= 5 s and <= 400 MiB, compare + HTML <= 6 s;
  heavy case <= 2x the light case's time (same mode and output);
- issue 2: every whole-Bible run <= 10 s and <= 1 GB (1,000 MiB here).

    .venv/bin/python benchmarks/speed.py --data ../shared/data/dev [--json FILE] [--profile] [--against REV]

``--against REV`` also times git revision REV in every cell, the two taking turns run by run, and
prints the ratios: this shared machine's speed drifts by 25% over minutes, so two revisions timed
one whole table after the other differ by the drift as much as by their code (a 10% bound on a
slowdown is checked this way, or by ``instructions.py``).

``--profile`` also runs cProfile over one compare + JSON of the light lines case in-process and
prints the top functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, machine, measure, package_at, table, write_json  # noqa: E402

CASES = ["large-light-bible", "large-heavy-bible"]
MODES = {"lines": "lines", "raw": "sentences"}
LIGHT_S = {"json": 5.0, "html": 6.0}
LIGHT_MIB = 400
ISSUE2_S, ISSUE2_MIB = 10.0, 1000


def html_available() -> str | None:
    """None when stmtdiff.report.html renders; otherwise why not."""
    try:
        import stmtdiff
        from stmtdiff.report.html import render_html

        render_html(stmtdiff.compare("We will act. It is done.", "We shall act. It is done."))
    except Exception as exc:  # in progress elsewhere: skip the HTML column
        return f"{type(exc).__name__}: {exc}"
    return None


def profile(data: Path, top: int) -> list[str]:
    import cProfile
    import io
    import pstats

    import stmtdiff
    from stmtdiff.report.json import render_json

    d = data / "cases" / "large-light-bible" / "lines"
    prof = cProfile.Profile()
    prof.enable()
    render_json(stmtdiff.compare_files(d / "a.txt", d / "b.txt", units="lines"))
    prof.disable()
    out = []
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        text = buf.getvalue()
        out.append(f"cProfile, large-light-bible lines, compare + JSON, top {top} by {key}:\n"
                   + text[text.find("   ncalls"):].rstrip())
    return out


def _fastest(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest good run, with the highest peak memory and every good run's seconds."""
    good = [x for x in runs if x["status"] == "ok"]
    r = min(good, key=lambda x: x["seconds"]) if good else runs[-1]
    if good:
        r["peak_mib"] = max(x["peak_mib"] for x in good)
        r["all_seconds"] = [round(x["seconds"], 3) for x in good]
    return r


def against_table(results: list[dict[str, Any]], against: list[dict[str, Any]], revision: str) -> str:
    """Each cell's fastest run against the fastest of ``revision``'s, and the ratio of each turn
    (the two revisions ran one after the other, so each turn saw the machine alike)."""
    rows = []
    for now, base in zip(results, against):
        if now["status"] != "ok" or base["status"] != "ok":
            rows.append([now["case"], now["mode"], now["output"].upper(), "-", "-", "-", "-", "-"])
            continue
        turns = [n / b for n, b in zip(now["all_seconds"], base["all_seconds"])]
        rows.append([
            now["case"], now["mode"], now["output"].upper(), f"{base['seconds']:.2f}", f"{now['seconds']:.2f}",
            f"{now['seconds'] / base['seconds']:.2f}x", " ".join(f"{t:.2f}" for t in turns),
            f"{base['peak_mib']:.0f} -> {now['peak_mib']:.0f}",
        ])
    return table(["case", "mode", "output", f"{revision} s", "now s", "ratio (fastest)", "ratio each turn", "peak MiB"],
                 rows, right={3, 4, 5})


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--timeout", type=float, default=300, help="seconds per run (default 300)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell; the fastest is kept (default 1)")
    ap.add_argument("--no-html", action="store_true", help="skip compare + HTML")
    ap.add_argument("--against", metavar="REV", help="also time git revision REV, taking turns with the working "
                    "tree in each cell (same interpreter, REV's package first on PYTHONPATH), and print the ratios")
    ap.add_argument("--profile", action="store_true", help="cProfile one light lines run (top functions)")
    ap.add_argument("--top", type=int, default=10)
    args = ap.parse_args()
    data = data_dir(args.data)

    formats = ["json"]
    html_note = "skipped (--no-html)" if args.no_html else html_available()
    if html_note is None:
        formats.append("html")
    else:
        print(f"compare + HTML not measured: {html_note}")

    results: list[dict[str, Any]] = []
    against: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="stmtdiff-speed-") as tmp:
        base_env = {"PYTHONPATH": str(package_at(args.against, Path(tmp) / "base"))} if args.against else None
        for case in CASES:
            for mode, units in MODES.items():
                d = data / "cases" / case / mode
                for fmt in formats:
                    out = Path(tmp) / f"out.{fmt}"
                    task = ["stmtdiff", str(d / "a.txt"), str(d / "b.txt"), "--units", units, "--format", fmt,
                            "--out", str(out)]
                    runs, base_runs = [], []
                    for _ in range(args.repeat):  # with --against, the two revisions take turns
                        runs.append(measure(task, timeout=args.timeout))
                        if base_env:
                            base_runs.append(measure(task, timeout=args.timeout, env=base_env))
                    r = _fastest(runs)
                    r.update(case=case, mode=mode, units=units, output=fmt)
                    results.append(r)
                    print(f"  {case} {mode} {fmt}: {r['status']} {r.get('seconds', r['wall']):.2f} s",
                          file=sys.stderr)
                    if base_env:
                        b = _fastest(base_runs)
                        b.update(case=case, mode=mode, units=units, output=fmt, revision=args.against)
                        against.append(b)

    def light_of(r: dict[str, Any]) -> dict[str, Any] | None:
        for x in results:
            if (x["case"], x["mode"], x["output"]) == ("large-light-bible", r["mode"], r["output"]):
                return x
        return None

    rows, n_missed = [], 0
    for r in results:
        ok = r["status"] == "ok"
        secs, mib = r.get("seconds"), r.get("peak_mib")
        checks: list[tuple[str, bool]] = []
        if r["case"] == "large-light-bible":
            lim = LIGHT_S[r["output"]]
            checks.append((f"<= {lim:g} s", ok and secs <= lim))
            if r["output"] == "json":
                checks.append((f"<= {LIGHT_MIB} MiB", ok and mib <= LIGHT_MIB))
        else:
            light = light_of(r)
            if light and light["status"] == "ok":
                checks.append(("<= 2x light", ok and secs <= 2 * light["seconds"]))
                r["ratio_to_light"] = secs / light["seconds"] if ok else None
        checks.append((f"<= {ISSUE2_S:g} s", ok and secs <= ISSUE2_S))
        checks.append(("<= 1 GB", ok and mib <= ISSUE2_MIB))
        missed = [name for name, good in checks if not good]
        n_missed += bool(missed)
        r["targets"] = {name: good for name, good in checks}
        ratio = f" ({r['ratio_to_light']:.2f}x light)" if r.get("ratio_to_light") else ""
        rows.append([
            r["case"], r["mode"], r["units"], "compare + " + r["output"].upper(),
            f"{secs:.2f}{ratio}" if ok else r["status"],
            f"{r['compare_s']:.2f} / {r['render_s']:.2f}" if ok else "-",
            f"{mib:.0f}" if ok else "-",
            f"{r['a_units']:,} / {r['b_units']:,}" if ok else "-",
            "; ".join(name for name, _ in checks),
            "met" if not missed else "MISSED: " + "; ".join(missed),
        ])
    print(f"stmtdiff on the whole-Bible dev cases ({data}); one fresh process per run")
    print(table(["case", "mode", "units", "run", "seconds", "compare / render s", "peak MiB",
                 "units a / b", "targets", "verdict"], rows, right={4, 5, 6, 7}))
    if args.against:
        print(f"\nAgainst {args.against}, taking turns in each cell (--repeat {args.repeat}):")
        print(against_table(results, against, args.against))
    notes = sorted({n for r in results for n in r.get("notes", [])})
    print(f"\n{len(rows)} runs, {n_missed} missing a target." + (" Notes reported by the comparisons:" if notes else ""))
    for n in notes[:10]:
        print(f"  - {n}")
    prof_text: list[str] = []
    if args.profile:
        prof_text = profile(data, args.top)
        for block in prof_text:
            print("\n" + block)
    write_json(args.json, {"machine": machine(), "data": str(data), "runs": results, "against": against,
                           "html": html_note or "measured", "profile": prof_text})
    return 0


if __name__ == "__main__":
    sys.exit(main())
