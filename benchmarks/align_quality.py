#!/usr/bin/env python3
"""Alignment quality of stmtdiff on the small development cases (issues 2 and 8).

Runs stmtdiff in-process over every ``cases/*/{lines,raw}`` of the dev data except the
``large-*`` speed cases (units ``lines`` in lines mode; in raw mode twice, with the default
``sentences`` and with ``clauses``), writes the JSON report of each, scores it with the shared
``score.py`` and prints one table: level x mode x units with link precision, recall, F1, recall
on moved verses, *move precision* (the share of the pairs stmtdiff reports as ``moved`` that
the gold confirms), time, the target and whether it is met. Cells pool the cases of a level
(micro-averaged, as ``score.py --summary``).

A moved pair is right when it links at least one gold link: a gold unit of A and a gold unit of B,
linked in the gold, each covered by the pair's sentences for at least half of the smaller of the
two (the unit's or the pair side's non-space characters; a sentence holding two verses, or a
clause holding half a verse, still counts). Move precision guards what recall cannot: a move is a
strong claim ("this sentence was relocated"), and a wrong one is worse than none.

The same table runs on ``../shared/data/dev-multilingual`` (same layout) and on
``../shared/data/dev-nway`` (four versions per case: each of the six pairs is scored with the
pairwise gold that follows from its ``gold.json``, see its README).

``--drop 0.2,0.35,0.5`` adds a stress check of move precision where most sentences have no
counterpart, as in heavy rewrites: from every lines-mode case, that share of the lines is dropped
from A and, independently, from B (three seeded draws each); the gold links of the lines left are
kept, and the moves reported are scored as above.

    .venv/bin/python benchmarks/align_quality.py --data ../shared/data/dev [--json FILE] [--drop 0.5]
    .venv/bin/python benchmarks/align_quality.py --data ../shared/data/dev-nway
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import data_dir, gold_on_spans, load_score, machine, table, write_json  # noqa: E402

LEVELS = ["light", "medium", "heavy", "hard-light", "hard-medium", "hard-heavy"]
# (mode of the dev data, units stmtdiff compares): raw prose is run with both prose units.
RUNS = [("lines", "lines"), ("raw", "sentences"), ("raw", "clauses")]
# The plain fuzzy DP aligner of the data README, raw mode, hard levels (issue 8: beat by 0.03).
PLAIN_RAW = {"hard-light": 0.809, "hard-medium": 0.771, "hard-heavy": 0.808}


# Multilingual levels (issue 16): lines F1 >= 0.98 in every language; running prose at least
# this share of the gold alignment carried onto stmtdiff's own units ("gold F1").
ML_LINES_F1 = 0.98
ML_RAW_SHARE_OF_GOLD = 0.97


def ml_target(mode: str, f1_gold: float) -> float:
    """The F1 target of a multilingual level (``ml-<lang>``) in one mode."""
    return ML_LINES_F1 if mode == "lines" else ML_RAW_SHARE_OF_GOLD * f1_gold


def targets(level: str, mode: str) -> tuple[float, float]:
    """(F1 target, moved-recall target) of issues 2 and 8."""
    hard = level.startswith("hard-")
    if mode == "lines":
        f1 = 0.97 if hard else 0.99
    else:
        f1 = PLAIN_RAW[level] + 0.03 if hard else 0.87
    return f1, (0.85 if hard else 0.90)


def run_case(
    stmtdiff: Any, render_json: Any, score_mod: Any, gold: Path, mode: str, units: str, out: Path
) -> dict[str, Any]:
    spec = json.loads(gold.read_text(encoding="utf-8"))
    files = [gold.parent / spec[side]["file"] for side in "ab"]
    t0 = time.perf_counter()
    try:
        c = stmtdiff.compare_files(files[0], files[1], units=units)
        out.write_text(render_json(c), encoding="utf-8")
        elapsed = time.perf_counter() - t0
        res = score_mod.score(gold, out)
        res["moves_right"], res["moves"] = move_precision(spec, files, out)
        res["gold_on_units"] = score_gold_on_units(score_mod, gold, c, out)
    except Exception as exc:  # a failed run scores 0, as score.py does
        elapsed = time.perf_counter() - t0
        res = dict(case=spec["case"], mode=mode, units=units, tp=0, pred=0, moved_found=0, moved=0, gold=0,
                   moves_right=0, moves=0, P=0.0, R=0.0, F1=0.0, error=f"{type(exc).__name__}: {exc}")
    res["time"] = elapsed
    res["units"] = units
    return res


def move_precision(gold: dict[str, Any], files: list[Path], out: Path) -> tuple[int, int]:
    """(moved pairs the gold confirms, moved pairs reported): see the module docstring."""
    doc = json.loads(out.read_text(encoding="utf-8"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    prefix = [[0] + list(itertools.accumulate(not ch.isspace() for ch in t)) for t in texts]

    def chars(side: int, start: int, end: int) -> int:
        return prefix[side][end] - prefix[side][start]

    def units_touched(side: int, sentences: list[int]) -> set[int]:
        spans = [(doc["ab"[side]]["sentences"][k]["start"], doc["ab"[side]]["sentences"][k]["end"]) for k in sentences]
        size = sum(chars(side, s, e) for s, e in spans)
        touched = set()
        for u, (us, ue, _) in enumerate(gold["ab"[side]]["units"]):
            shared = sum(chars(side, max(s, us), min(e, ue)) for s, e in spans if s < ue and us < e)
            if shared and shared >= 0.5 * min(size, chars(side, us, ue)):
                touched.add(u)
        return touched

    linked = {(x, y) for g in gold["groups"] for x in g["a"] for y in g["b"]}
    moves = [p for p in doc["pairs"] if p["status"] == "moved"]
    right = 0
    for pair in moves:
        ua, ub = units_touched(0, pair["a"]), units_touched(1, pair["b"])
        right += any((x, y) in linked for x in ua for y in ub)
    return right, len(moves)


def pairwise_golds(case_dir: Path, mode: str, into: Path) -> list[Path]:
    """The gold of each pair of versions of an N-way case (``dev-nway``), as pairwise gold files."""
    spec = json.loads((case_dir / mode / "gold.json").read_text(encoding="utf-8"))
    docs = spec["docs"]
    paths = []
    for x, y in itertools.combinations(range(len(docs)), 2):
        groups: dict[tuple[int | None, int | None], bool] = {}
        for row in spec["rows"]:
            ux, uy = row["units"][x], row["units"][y]
            if ux is None and uy is None:
                continue
            key = (ux, uy)
            groups[key] = groups.get(key, False) or row["moved"][x] or row["moved"][y]
        merged = _connected(
            [((ux,) if ux is not None else (), (uy,) if uy is not None else (), moved) for (ux, uy), moved in groups.items()]
        )
        name = f"{spec.get('case', case_dir.name)}-{docs[x]['file'][0]}{docs[y]['file'][0]}"
        pair = {
            "case": name, "level": case_dir.name, "mode": mode,
            "a": {"file": str((case_dir / mode / docs[x]["file"]).resolve()), "units": docs[x]["units"]},
            "b": {"file": str((case_dir / mode / docs[y]["file"]).resolve()), "units": docs[y]["units"]},
            "groups": merged,
        }
        path = into / f"{name}-{mode}.json"
        path.write_text(json.dumps(pair), encoding="utf-8")
        paths.append(path)
    return paths


def _connected(links: list[tuple[tuple[int, ...], tuple[int, ...], bool]]) -> list[dict[str, Any]]:
    """Gold groups from unit links: units linked to the same unit form one group (merged lines)."""
    root: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        root.setdefault(node, node)
        while root[node] != node:
            node = root[node]
        return node

    moved: dict[tuple[str, int], bool] = {}
    for a, b, mv in links:
        nodes = [("a", u) for u in a] + [("b", u) for u in b]
        for node in nodes:
            find(node)
        for node in nodes[1:]:
            root[find(node)] = find(nodes[0])
        moved[find(nodes[0])] = moved.get(find(nodes[0]), False) or mv
    groups: dict[tuple[str, int], dict[str, Any]] = defaultdict(lambda: {"a": [], "b": [], "moved": False})
    for node in list(root):
        g = groups[find(node)]
        g[node[0]].append(node[1])
    for key, mv in moved.items():
        groups[find(key)]["moved"] |= mv
    return [{"a": sorted(g["a"]), "b": sorted(g["b"]), "moved": g["moved"]} for g in groups.values()]


def score_gold_on_units(score_mod: Any, gold_path: Path, c: Any, out: Path) -> dict[str, int]:
    """The gold alignment carried over to the units stmtdiff cut (``_common.gold_on_spans``)."""
    spans = [[(u.start, u.end) for u in doc.sentences] for doc in (c.a, c.b)]
    return gold_on_spans(score_mod, gold_path, spans[0], spans[1], out)


def dropped_lines_check(stmtdiff: Any, cases: list[Path], share: float, draws: int = 3) -> tuple[int, int]:
    """(moves right, moves reported) over the lines-mode cases with ``share`` of the lines of each
    side dropped independently (see the module docstring)."""
    right = reported = 0
    for case_dir in cases:
        gold_path = case_dir / "lines" / "gold.json"
        if not gold_path.is_file() or (case_dir / "lines" / "c.txt").is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        texts = [(case_dir / "lines" / gold[side]["file"]).read_text(encoding="utf-8") for side in "ab"]
        units = [gold[side]["units"] for side in "ab"]
        for draw in range(draws):
            rnd = random.Random(f"{case_dir.name}/{draw}")
            kept = [[k for k in range(len(u)) if rnd.random() >= share] for u in units]
            new_index = [{k: n for n, k in enumerate(side)} for side in kept]
            sides = ["\n".join(t[u[k][0] : u[k][1]] for k in side) for t, u, side in zip(texts, units, kept)]
            linked = {
                (new_index[0][x], new_index[1][y])
                for g in gold["groups"] for x in g["a"] for y in g["b"]
                if x in new_index[0] and y in new_index[1]
            }
            for pair in stmtdiff.compare(*sides, units="lines").pairs:
                if pair.status.value == "moved":
                    reported += 1
                    right += any((x, y) in linked for x in pair.a for y in pair.b)
    return right, reported


def _f1(tp: int, pred: int, gold: int) -> float:
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="dev data folder (default ../shared/data/dev from the repo root)")
    ap.add_argument("--json", metavar="FILE", help="also write per-case and per-cell results as JSON")
    ap.add_argument("--cases", metavar="SUBSTR", help="only cases whose name contains this")
    ap.add_argument("--drop", metavar="SHARES", help="also the dropped-lines stress check, e.g. 0.2,0.35,0.5")
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
                gold = case_dir / mode / "gold.json"
                if not gold.is_file():
                    continue
                nway = (case_dir / mode / "c.txt").is_file()
                golds = pairwise_golds(case_dir, mode, Path(tmp)) if nway else [gold]
                for pair_gold in golds:
                    res = run_case(stmtdiff, render_json, score_mod, pair_gold, mode, units, Path(tmp) / "out.json")
                    res["level"] = "nway" if nway else case_dir.name.rsplit("-", 1)[0]
                    for w in res.get("warnings", []):
                        print(f"  {res['case']} {mode}/{units}: {w}", file=sys.stderr)
                    if "error" in res:
                        print(f"  {res['case']} {mode}/{units}: FAILED {res['error']}", file=sys.stderr)
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
            known = [r["gold_on_units"] for r in rs if "gold_on_units" in r]
            f1_gold = _f1(*(sum(g[k] for g in known) for k in ("tp", "pred", "gold")))
            mr = mvf / mv if mv else None
            right, moves = sum(r["moves_right"] for r in rs), sum(r["moves"] for r in rs)
            mp = right / moves if moves else None
            secs = sum(r["time"] for r in rs)
            f1_t, mr_t = targets(level, mode) if level in LEVELS else (None, None)
            if level.startswith("ml-"):
                f1_t = ml_target(mode, f1_gold)
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
            target = f"F1 >= {f1_t:.3f}" if f1_t is not None else "-"
            if mr_t is not None:
                target += f", moved >= {mr_t:.2f}"
            rows.append([level, mode, units, len(rs), f"{p:.3f}", f"{rc:.3f}", f"{f1:.3f}", f"{f1_gold:.3f}",
                         f"{mr:.2f} ({mvf}/{mv})" if mr is not None else "-",
                         f"{mp:.2f} ({right}/{moves})" if mp is not None else "-", f"{secs:.2f}", target, verdict])
            cell_out.append(dict(level=level, mode=mode, units=units, cases=len(rs), P=p, R=rc, F1=f1,
                                 F1_gold_on_units=f1_gold, moved_R=mr, moved_found=mvf, moved=mv,
                                 move_P=mp, moves_right=right, moves=moves, time=secs,
                                 F1_target=f1_t, moved_target=mr_t, met=not miss, missed=miss))
    print(f"stmtdiff alignment quality on {len(cases)} dev cases ({data})")
    print(table(["level", "mode", "units", "cases", "P", "R", "F1", "gold F1", "moved R", "move P", "time s",
                 "target", "verdict"], rows, right={3, 4, 5, 6, 7, 8, 9, 10}))
    print(f"\n{len(cells)} cells, {missed} missing a target; {total:.1f} s in all. "
          "Raw-mode precision has a ceiling below 1 (a sentence spanning two verses links to four "
          "verse pairs; clause units lift it, since 11% of verse ends fall at ';' or ':' inside "
          "a sentence); hard raw targets are the plain aligner's F1 + 0.03; multilingual (ml-) targets are "
          "lines F1 >= 0.98 and raw F1 >= 0.97 x gold F1. 'gold F1' scores the gold "
          "alignment itself carried over to the same units: what knowing the answer would score. "
          "'move P': share of the pairs reported as moved that link a gold pair (right / reported).")
    stress = []
    for share in [float(x) for x in args.drop.split(",")] if args.drop else []:
        right, reported = dropped_lines_check(stmtdiff, cases, share)
        stress.append(dict(share=share, moves_right=right, moves=reported))
        print(f"lines cases with {share:.0%} of each side's lines dropped: move P "
              f"{right / reported if reported else 0:.2f} ({right}/{reported})")
    write_json(args.json, {"machine": machine(), "data": str(data), "cells": cell_out, "cases": rows_out,
                           "stress": stress, "total_seconds": total})
    return 0


if __name__ == "__main__":
    sys.exit(main())
