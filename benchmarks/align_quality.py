#!/usr/bin/env python3
"""Alignment quality of stmtdiff on the small development cases (issues 2 and 8).

Runs stmtdiff in-process over every ``cases/*/{lines,raw}`` of the dev data except the
``large-*`` speed cases (units ``lines`` in lines mode; in raw mode twice, with the default
``sentences`` and with ``clauses``), writes the JSON report of each, scores it with the shared
``score.py`` and prints one table: level x mode x units with link precision, recall, F1, recall
on moved verses, time, the target and whether it is met. Cells pool the cases of a level
(micro-averaged, as ``score.py --summary``).

    .venv/bin/python benchmarks/align_quality.py --data ../shared/data/dev [--json FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, load_score, machine, table, write_json  # noqa: E402

LEVELS = ["light", "medium", "heavy", "hard-light", "hard-medium", "hard-heavy"]
# (mode of the dev data, units stmtdiff compares): raw prose is run with both prose units.
RUNS = [("lines", "lines"), ("raw", "sentences"), ("raw", "clauses")]
# The plain fuzzy DP aligner of the data README, raw mode, hard levels (issue 8: beat by 0.03).
PLAIN_RAW = {"hard-light": 0.809, "hard-medium": 0.771, "hard-heavy": 0.808}


def targets(level: str, mode: str) -> tuple[float, float]:
    """(F1 target, moved-recall target) of issues 2 and 8."""
    hard = level.startswith("hard-")
    if mode == "lines":
        f1 = 0.97 if hard else 0.99
    else:
        f1 = PLAIN_RAW[level] + 0.03 if hard else 0.87
    return f1, (0.85 if hard else 0.90)


def run_case(
    stmtdiff: Any, render_json: Any, score_mod: Any, case_dir: Path, mode: str, units: str, out: Path
) -> dict[str, Any]:
    gold = case_dir / mode / "gold.json"
    t0 = time.perf_counter()
    try:
        c = stmtdiff.compare_files(case_dir / mode / "a.txt", case_dir / mode / "b.txt", units=units)
        out.write_text(render_json(c), encoding="utf-8")
        elapsed = time.perf_counter() - t0
        res = score_mod.score(gold, out)
    except Exception as exc:  # a failed run scores 0, as score.py does
        elapsed = time.perf_counter() - t0
        res = dict(case=case_dir.name, mode=mode, units=units, tp=0, pred=0, moved_found=0, moved=0, gold=0,
                   P=0.0, R=0.0, F1=0.0, error=f"{type(exc).__name__}: {exc}")
    res["time"] = elapsed
    res["units"] = units
    return res


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--json", metavar="FILE", help="also write per-case and per-cell results as JSON")
    ap.add_argument("--cases", metavar="SUBSTR", help="only cases whose name contains this")
    args = ap.parse_args()

    data = data_dir(args.data)
    score_mod = load_score(data)
    import stmtdiff
    from stmtdiff.report.json import render_json

    cases = sorted(p for p in (data / "cases").iterdir() if p.is_dir() and not p.name.startswith("large-"))
    if args.cases:
        cases = [p for p in cases if args.cases in p.name]
    rows_out: list[dict[str, Any]] = []
    t_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="stmtdiff-bench-") as tmp:
        for case_dir in cases:
            for mode, units in RUNS:
                if not (case_dir / mode / "gold.json").is_file():
                    continue
                res = run_case(stmtdiff, render_json, score_mod, case_dir, mode, units, Path(tmp) / "out.json")
                res["level"] = case_dir.name.rsplit("-", 1)[0]
                for w in res.get("warnings", []):
                    print(f"  {case_dir.name} {mode}/{units}: {w}", file=sys.stderr)
                if "error" in res:
                    print(f"  {case_dir.name} {mode}/{units}: FAILED {res['error']}", file=sys.stderr)
                rows_out.append(res)
    total = time.perf_counter() - t_all

    cells: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows_out:
        cells[r["level"], r["mode"], r["units"]].append(r)
    rows, cell_out, missed = [], [], 0
    for mode, units in RUNS:
        for level in LEVELS + sorted({lv for lv, _, _ in cells} - set(LEVELS)):
            rs = cells.get((level, mode, units))
            if not rs:
                continue
            tp, pred, gl = (sum(r[k] for r in rs) for k in ("tp", "pred", "gold"))
            mv, mvf = sum(r["moved"] for r in rs), sum(r["moved_found"] for r in rs)
            p = tp / pred if pred else 0.0
            rc = tp / gl if gl else 0.0
            f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
            mr = mvf / mv if mv else None
            secs = sum(r["time"] for r in rs)
            f1_t, mr_t = targets(level, mode) if level in LEVELS else (None, None)
            fails = [r["case"] for r in rs if "error" in r]
            miss = []
            if f1_t is not None and round(f1, 3) < round(f1_t, 3):
                miss.append("F1")
            if mr_t is not None and mr is not None and round(mr, 2) < mr_t:
                miss.append("moved")
            if fails:
                miss.append(f"{len(fails)} failed")
            missed += bool(miss)
            verdict = "met" if not miss else "MISSED: " + ", ".join(miss)
            target = f"F1 >= {f1_t:.3f}, moved >= {mr_t:.2f}" if f1_t is not None else "-"
            rows.append([level, mode, units, len(rs), f"{p:.3f}", f"{rc:.3f}", f"{f1:.3f}",
                         f"{mr:.2f} ({mvf}/{mv})" if mr is not None else "-", f"{secs:.2f}", target, verdict])
            cell_out.append(dict(level=level, mode=mode, units=units, cases=len(rs), P=p, R=rc, F1=f1, moved_R=mr,
                                 moved_found=mvf, moved=mv, time=secs, F1_target=f1_t,
                                 moved_target=mr_t, met=not miss, missed=miss))
    print(f"stmtdiff alignment quality on {len(cases)} dev cases ({data})")
    print(table(["level", "mode", "units", "cases", "P", "R", "F1", "moved R", "time s", "target", "verdict"],
                rows, right={3, 4, 5, 6, 7, 8}))
    print(f"\n{len(cells)} cells, {missed} missing a target; {total:.1f} s in all. "
          "Raw-mode precision has a ceiling below 1 (a sentence spanning two verses links to four "
          "verse pairs; clause units lift it, since 11% of verse ends fall at ';' or ':' inside "
          "a sentence); hard raw targets are the plain aligner's F1 + 0.03.")
    write_json(args.json, {"machine": machine(), "data": str(data), "cells": cell_out, "cases": rows_out,
                           "total_seconds": total})
    return 0


if __name__ == "__main__":
    sys.exit(main())
