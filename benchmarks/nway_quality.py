#!/usr/bin/env python3
"""Three or more versions (issue 17): collation quality on the dev N-way cases, and its cost.

Quality. Every case of ``../shared/data/dev-nway`` (four versions of one passage), in ``lines``
mode (units ``lines``) and ``raw`` mode (units ``sentences``), is collated by
``stmtdiff.compare_many_files``; its JSON report is written and scored by the shared
``score_nway.py`` (imported by path, never copied): pairwise link F1 for each of the 6 pairs,
``consistency`` and ``complete``. Next to each pair's N-way F1 stands the **two-way** F1 of
the same pair: stmtdiff's own pairwise comparison of those two versions, its pairs written as
rows and scored by the same scorer. The **pivot** columns score the plain pivot built from the
same pairwise comparisons (the base's units as rows, each version's pair in its row, each
inserted group a row of its own): the baseline of the issue. Targets: lines consistency >=
0.98 and complete >= 0.97; for every pair, N-way F1 >= two-way F1 - 0.01.

Cost. (1) 10 versions of a 50-line statement (the first 50 lines of the narrative case's four
versions, and six copies of the first with a line dropped, two lines swapped and a word
changed), in-process, best of 3: target < 1 s (of CPU: on this shared machine wall time is up to
three times that when the other jobs run). (2) 5 whole-Bible versions (the two
``large-*`` cases' lines files, plus a fifth made from the first: every 40th line dropped,
"shall" -> "will" in every third line) against one pair of them (the first two), each run
``stmtdiff diff --units lines --format json -o FILE`` in a fresh process, the fastest of
``--repeat`` runs: target < 5x the pair. Wall and CPU seconds are both given, as the machine is
shared (CPU time is the steadier ratio).

    .venv/bin/python benchmarks/nway_quality.py [--data ../shared/data/dev-nway]
        [--dev ../shared/data/dev] [--no-speed] [--repeat N] [--json FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import REPO, machine, table, write_json  # noqa: E402

# (mode of the data, units compared, label): raw prose is also run with clause units, which cut
# sentences at ; and : as well (what the pairwise benchmark recommends for scripture)
RUNS = [("lines", "lines", "lines"), ("raw", "sentences", "raw"), ("raw", "clauses", "raw/clauses")]
CONSISTENCY_TARGET, COMPLETE_TARGET = 0.98, 0.97  # lines mode
F1_SLACK = 0.01  # N-way F1 >= two-way F1 - this, for every pair
SMALL_TARGET_S = 1.0
BIBLE_TARGET_RATIO = 5.0


def load_scorer(data: Path) -> Any:
    """The shared ``score_nway.py`` next to ``score.py`` (it imports score.py by name)."""
    tools = data.parent.parent / "tools"
    path = tools / "score_nway.py"
    if not path.is_file():
        sys.exit(f"score_nway.py not found at {path}")
    sys.path.insert(0, str(tools))
    spec = importlib.util.spec_from_file_location("stmtdiff_bench_score_nway", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _doc_json(doc: Any) -> dict[str, Any]:
    return {"name": doc.name, "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in doc.sentences]}


def two_way_output(docs: list[Any], x: int, y: int, c: Any) -> dict[str, Any]:
    """A pairwise comparison of versions x and y as an N-way output: one row per pair."""
    out = {"docs": [_doc_json(d) for d in docs], "rows": []}
    out["docs"][x], out["docs"][y] = _doc_json(c.a), _doc_json(c.b)
    for p in c.pairs:
        row: list[list[int]] = [[] for _ in docs]
        row[x], row[y] = list(p.a), list(p.b)
        out["rows"].append(row)
    return out


def pivot_output(col: Any) -> dict[str, Any]:
    """The plain pivot of the same pairwise comparisons: a row per base unit holding each
    version's pair there; each inserted group a row of its own."""
    n, base = len(col.docs), col.base
    rows: list[list[list[int]]] = [[[i] if v == base else [] for v in range(n)] for i in range(len(col.docs[base].sentences))]
    extra: list[list[list[int]]] = []
    for v, c in enumerate(col.comparisons):
        if c is None:
            continue
        for p in c.pairs:
            if p.a and p.b:
                for i in p.a:
                    rows[i][v] = list(p.b)
            elif p.b:
                row: list[list[int]] = [[] for _ in range(n)]
                row[v] = list(p.b)
                extra.append(row)
    return {"docs": [_doc_json(d) for d in col.docs], "rows": rows + extra}


def score_output(scorer: Any, gold: Path, out: dict[str, Any], tmp: Path) -> dict[str, Any]:
    path = tmp / "out.json"
    path.write_text(json.dumps(out), encoding="utf-8")
    return scorer.score(gold, path)


def run_quality(data: Path, scorer: Any, tmp: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    import stmtdiff
    from stmtdiff.nway import compare_many_files
    from stmtdiff.report.collation_json import render_collation_json

    cases, pairs_out = [], []
    for case in sorted(p for p in (data / "cases").iterdir() if p.is_dir()):
        for mode, units, label in RUNS:
            folder = case / mode
            gold_path = folder / "gold.json"
            if not gold_path.is_file():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            files = [folder / d["file"] for d in gold["docs"]]
            t0 = time.perf_counter()
            col = compare_many_files(files, units=units)
            out = tmp / "collation.json"
            out.write_text(render_collation_json(col), encoding="utf-8")
            seconds = time.perf_counter() - t0
            res = scorer.score(gold_path, out)
            pivot = score_output(scorer, gold_path, pivot_output(col), tmp)
            for w in res.get("warnings", []):
                print(f"  {case.name} {mode}: {w}", file=sys.stderr)
            cases.append(dict(case=case.name, mode=label, units=units, seconds=seconds, **{
                k: res[k] for k in ("tp", "pred", "gold", "rows", "rows_consistent", "gold_rows", "complete_rows",
                                    "consistency", "complete", "F1")
            }, pivot={k: pivot[k] for k in ("rows", "rows_consistent", "gold_rows", "complete_rows",
                                             "consistency", "complete", "F1", "tp", "pred", "gold")}))
            for n, (x, y) in enumerate(combinations(range(len(files)), 2)):
                c2 = stmtdiff.compare_files(files[x], files[y], units=units)
                two = score_output(scorer, gold_path, two_way_output(list(col.docs), x, y, c2), tmp)["pairs"][n]
                mine = res["pairs"][n]
                pairs_out.append(dict(case=case.name, mode=label, pair="-".join(mine["pair"]),
                                      nway={k: mine[k] for k in ("tp", "pred", "gold")},
                                      two_way={k: two[k] for k in ("tp", "pred", "gold")}))
    return cases, pairs_out


def quality_tables(cases: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> tuple[str, str, str, int]:
    """(cases table, pooled pairs table, per-case pairs table, number of targets missed)."""
    missed = 0
    rows = []
    for _, _, mode in RUNS:
        group = [c for c in cases if c["mode"] == mode]
        for c in group + [_pooled(group, mode)]:
            pv = c["pivot"]
            verdict = "-"
            if mode == "lines" and c["case"] == "all":
                miss = [name for name, value, target in (("consistency", c["consistency"], CONSISTENCY_TARGET),
                                                         ("complete", c["complete"], COMPLETE_TARGET))
                        if round(value, 3) < target]
                verdict = "met" if not miss else "MISSED: " + ", ".join(miss)
                missed += bool(miss)
            rows.append([c["case"], mode, f"{c['F1']:.3f}", f"{pv['F1']:.3f}",
                         f"{c['consistency']:.3f} ({c['rows_consistent']}/{c['rows']})", f"{pv['consistency']:.3f}",
                         f"{c['complete']:.3f} ({c['complete_rows']}/{c['gold_rows']})", f"{pv['complete']:.3f}",
                         f"{c.get('seconds', 0):.2f}", verdict])
    case_table = table(["case", "mode", "F1", "pivot F1", "consistency", "pivot cons.", "complete", "pivot compl.",
                        "s", "verdict (lines, all: cons >= 0.98, complete >= 0.97)"], rows, right={2, 3, 4, 5, 6, 7, 8})

    def pair_row(label: str, mode: str, pair: str, items: list[dict[str, Any]]) -> tuple[list[str], bool]:
        nway = prf(*(sum(i["nway"][k] for i in items) for k in ("tp", "pred", "gold")))[2]
        two = prf(*(sum(i["two_way"][k] for i in items) for k in ("tp", "pred", "gold")))[2]
        ok = round(nway, 3) >= round(two - F1_SLACK, 3)
        return [label, mode, pair, f"{nway:.3f}", f"{two:.3f}", f"{nway - two:+.3f}", "met" if ok else "MISSED"], ok

    pooled_rows, case_rows = [], []
    for _, _, mode in RUNS:
        names = sorted({p["pair"] for p in pairs if p["mode"] == mode}, key=lambda n: [q["pair"] for q in pairs].index(n))
        for name in names:
            row, ok = pair_row("all", mode, name, [p for p in pairs if p["mode"] == mode and p["pair"] == name])
            pooled_rows.append(row)
            missed += not ok
        for p in pairs:
            if p["mode"] == mode:
                case_rows.append(pair_row(p["case"], mode, p["pair"], [p])[0])
    headers = ["case", "mode", "pair", "N-way F1", "two-way F1", "difference", "verdict (>= two-way - 0.01)"]
    return (case_table, table(headers, pooled_rows, right={3, 4, 5}), table(headers, case_rows, right={3, 4, 5}),
            missed)


def _pooled(group: list[dict[str, Any]], mode: str) -> dict[str, Any]:
    def pool(items: list[dict[str, Any]]) -> dict[str, Any]:
        total = {k: sum(i[k] for i in items) for k in ("tp", "pred", "gold", "rows", "rows_consistent",
                                                      "gold_rows", "complete_rows")}
        total["F1"] = prf(total["tp"], total["pred"], total["gold"])[2]
        total["consistency"] = total["rows_consistent"] / total["rows"] if total["rows"] else 0.0
        total["complete"] = total["complete_rows"] / total["gold_rows"] if total["gold_rows"] else 0.0
        return total

    out = pool(group)
    out.update(case="all", mode=mode, seconds=sum(c["seconds"] for c in group), pivot=pool([c["pivot"] for c in group]))
    return out


# ----------------------------------------------------------------------------------- cost


def small_versions(data: Path, folder: Path) -> list[Path]:
    """Ten versions of a 50-line statement, written to ``folder``."""
    src = data / "cases" / "nway-narrative" / "lines"
    firsts = [[ln for ln in (src / f"{x}.txt").read_text(encoding="utf-8").splitlines() if ln.strip()][:50] for x in "abcd"]
    versions = list(firsts)
    for k in range(6):
        lines = list(firsts[0])
        del lines[5 * k + 3]
        lines[7 * k + 1], lines[7 * k + 2] = lines[7 * k + 2], lines[7 * k + 1]
        lines[3 * k] = lines[3 * k].replace(" the ", " that ", 1)
        versions.append(lines)
    paths = []
    for n, lines in enumerate(versions):
        path = folder / f"v{n + 1:02d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def bible_versions(dev: Path, folder: Path) -> list[Path]:
    cases = dev / "cases"
    sources = [cases / "large-light-bible/lines/a.txt", cases / "large-light-bible/lines/b.txt",
               cases / "large-heavy-bible/lines/a.txt", cases / "large-heavy-bible/lines/b.txt"]
    paths = []
    for n, src in enumerate(sources):
        path = folder / f"bible{n + 1}.txt"
        path.write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
        paths.append(path)
    lines = sources[0].read_text(encoding="utf-8").split("\n")
    fifth = [ln.replace(" shall ", " will ") if n % 3 == 0 else ln for n, ln in enumerate(lines)
             if not (ln.strip() and n % 40 == 7)]
    path = folder / "bible5.txt"
    path.write_text("\n".join(fifth), encoding="utf-8")
    return paths + [path]


def timed_cli(args: list[str], out: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one ``stmtdiff diff`` in a fresh process, children included."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "stmtdiff", "diff", *args, "--format", "json", "-o", str(out)],
                          cwd=REPO, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def phases(paths: list[str]) -> None:
    """Collate ``paths`` (units lines) in this process and print one JSON line: CPU seconds of
    loading, of the N-1 pairwise comparisons, of the cross-version step and of the JSON."""
    import stmtdiff.nway as nway
    from stmtdiff.load import load_document
    from stmtdiff.report.collation_json import iter_collation_json

    def cpu() -> float:
        me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime

    spent = {"pairs": 0.0}
    real = nway.compare_documents

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = cpu()
        result = real(*args, **kwargs)
        spent["pairs"] += cpu() - start
        return result

    nway.compare_documents = timed  # type: ignore[assignment]
    t0 = cpu()
    docs = [load_document(p, units="lines") for p in paths]
    t1 = cpu()
    col = nway.compare_many_documents(docs)
    t2 = cpu()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for piece in iter_collation_json(col):
            sink.write(piece)
    t3 = cpu()
    print(json.dumps({"load": t1 - t0, "pairs": spent["pairs"], "cross": t2 - t1 - spent["pairs"], "json": t3 - t2}))


def run_speed(data: Path, dev: Path, tmp: Path, repeat: int) -> tuple[str, list[dict[str, Any]], int]:
    from stmtdiff.nway import compare_many_files
    from stmtdiff.report.collation_json import render_collation_json

    rows, out, missed = [], [], 0
    small = small_versions(data, tmp)
    compare_many_files(small[:3], units="lines")  # warm-up: imports, caches
    best, best_cpu = float("inf"), float("inf")
    for _ in range(3):
        t0, c0 = time.perf_counter(), time.process_time()
        render_collation_json(compare_many_files(small, units="lines"))
        best, best_cpu = min(best, time.perf_counter() - t0), min(best_cpu, time.process_time() - c0)
    ok = best_cpu < SMALL_TARGET_S
    missed += not ok
    rows.append(["10 versions x 50 lines", "in-process, best of 3", f"{best:.3f}", f"{best_cpu:.3f}", "-", "-",
                 f"< {SMALL_TARGET_S:.0f} s", "met" if ok else "MISSED"])
    out.append(dict(run="small", seconds=best, cpu=best_cpu, target=SMALL_TARGET_S, met=ok))
    if not (dev / "cases" / "large-light-bible").is_dir():
        print(f"no large-* cases in {dev}: whole-Bible timing skipped", file=sys.stderr)
        return table(["run", "how", "wall s", "CPU s", "wall ratio", "CPU ratio", "target", "verdict"], rows), out, missed
    bibles = bible_versions(dev, tmp)
    pair_runs = [timed_cli(["--units", "lines", str(bibles[0]), str(bibles[1])], tmp / "pair.json") for _ in range(repeat)]
    five_runs = [timed_cli(["--units", "lines", *map(str, bibles)], tmp / "five.json") for _ in range(repeat)]
    pair_wall, pair_cpu = min(w for w, _ in pair_runs), min(c for _, c in pair_runs)
    five_wall, five_cpu = min(w for w, _ in five_runs), min(c for _, c in five_runs)
    split = subprocess.run([sys.executable, __file__, "--phases", *map(str, bibles)], cwd=REPO, capture_output=True,
                           text=True)
    parts = json.loads(split.stdout.strip().splitlines()[-1]) if split.returncode == 0 else {}
    ratio_wall, ratio_cpu = five_wall / pair_wall, five_cpu / pair_cpu
    ok = ratio_cpu < BIBLE_TARGET_RATIO
    missed += not ok
    rows.append(["1 pair of Bibles", f"CLI, JSON, best of {repeat}", f"{pair_wall:.1f}", f"{pair_cpu:.1f}", "1.00", "1.00", "-", "-"])
    rows.append(["5 Bible versions", f"CLI, JSON, best of {repeat}", f"{five_wall:.1f}", f"{five_cpu:.1f}",
                 f"{ratio_wall:.2f}", f"{ratio_cpu:.2f}", f"< {BIBLE_TARGET_RATIO:.0f}x the pair", "met" if ok else "MISSED"])
    if parts:
        total = sum(parts.values())
        rows.append(["  of which", "CPU, one more run", "-", f"{total:.1f}", "-", "-",
                     f"load {parts['load']:.1f}, 4 pairwise {parts['pairs']:.1f}, cross-version "
                     f"{parts['cross']:.1f} ({parts['cross'] / parts['pairs']:.0%} of the pairwise), JSON {parts['json']:.1f}", "-"])
    out.append(dict(run="bible", pair_wall=pair_wall, pair_cpu=pair_cpu, five_wall=five_wall, five_cpu=five_cpu,
                    ratio_wall=ratio_wall, ratio_cpu=ratio_cpu, target=BIBLE_TARGET_RATIO, met=ok, phases=parts))
    return (table(["run", "how", "wall s", "CPU s", "wall ratio", "CPU ratio", "target", "verdict"], rows,
                  right={2, 3, 4, 5}), out, missed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", help="the dev-nway folder (default ../shared/data/dev-nway from the repo root)")
    ap.add_argument("--dev", help="the dev folder with the large-* cases (default ../shared/data/dev)")
    ap.add_argument("--no-speed", action="store_true", help="quality only")
    ap.add_argument("--repeat", type=int, default=1, help="whole-Bible runs of each kind (the fastest counts)")
    ap.add_argument("--per-case", action="store_true", help="also print every case's pairs")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--only-speed", action="store_true", help="cost only")
    ap.add_argument("--phases", nargs="+", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phases:
        phases(args.phases)
        return 0
    data = Path(args.data).resolve() if args.data else REPO.parent / "shared" / "data" / "dev-nway"
    dev = Path(args.dev).resolve() if args.dev else REPO.parent / "shared" / "data" / "dev"
    if not (data / "cases").is_dir():
        sys.exit(f"no cases/ folder in {data} (pass --data ../shared/data/dev-nway)")
    scorer = load_scorer(data)
    with tempfile.TemporaryDirectory(prefix="stmtdiff-nway-") as name:
        tmp = Path(name)
        t0 = time.perf_counter()
        cases: list[dict[str, Any]] = []
        pairs: list[dict[str, Any]] = []
        missed = 0
        if not args.only_speed:
            cases, pairs = run_quality(data, scorer, tmp)
            case_table, pooled, per_case, missed = quality_tables(cases, pairs)
            print(f"stmtdiff N-way collation on {len({c['case'] for c in cases})} dev cases ({data}), "
                  f"{time.perf_counter() - t0:.1f} s\n")
            print(case_table)
            print("\nPairwise F1, pooled over the cases (two-way: stmtdiff's pairwise comparison of the same pair)\n")
            print(pooled)
            if args.per_case:
                print("\nPairwise F1, per case\n")
                print(per_case)
        speed: list[dict[str, Any]] = []
        if not args.no_speed:
            speed_table, speed, speed_missed = run_speed(data, dev, tmp, max(1, args.repeat))
            missed += speed_missed
            print("\nCost\n")
            print(speed_table)
    print(f"\n{missed} target(s) missed.")
    write_json(args.json, {"machine": machine(), "data": str(data), "cases": cases, "pairs": pairs, "speed": speed})
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
