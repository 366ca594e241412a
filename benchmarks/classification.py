"""Classification report: how right stmtdiff's change classes are, and what it ranks first.

1. Human-labelled revisions (``../shared/data/revisions/dev.json`` by default, read in place; see
   ``_revisions.py`` for how labelled edits are matched to stmtdiff's changes): substantive
   precision, recall and F1 (Content is the positive class), four-way accuracy and the
   confusion matrix, with and without the edits that touch a corpus placeholder.
2. The labelled real revisions of ``tests/real_revisions`` (``_real_revisions.py``): accuracy,
   substantive F1, false substantive alarms in the top 10, must-rank items in their top N.
3. The seed pair: changes per class and the top 10 changes with their reasons.
4. The Bible development cases (``--data``): changes per class and the top 10 per level.

``--before REF`` measures 1 to 3 again with the stmtdiff of a git revision (``git archive``
into a temporary folder, run in a child process) and prints both, before -> after.

    .venv/bin/python benchmarks/classification.py --before main
    .venv/bin/python benchmarks/classification.py --revisions ../shared/data/revisions/train.json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _revisions import CLASSES, predict, summarize  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_A = ROOT / "seeds" / "espd-2024-statement-state-dept-reworded.txt"
SEED_B = ROOT / "seeds" / "espd-2024-statement-in-article.txt"
DEFAULT_REVISIONS = ROOT.parent / "shared" / "data" / "revisions" / "dev.json"
TARGETS = {"f1": 0.70, "accuracy": 0.65}


def seed_report() -> dict[str, Any]:
    """Changes per class and the top 10 of the seed pair (plain data, so a child can send it)."""
    import stmtdiff

    comparison = stmtdiff.compare_files(SEED_A, SEED_B)
    counts: Counter[str] = Counter(ch.change_class.value for p in comparison.pairs for ch in p.changes)
    top = []
    for p, k in comparison.summary.top_changes[:10]:
        ch = comparison.pairs[p].changes[k]
        top.append([ch.a_text, ch.b_text, ch.change_class.value, ch.significance, list(ch.reasons)])
    return {"counts": dict(counts), "top": top}


def real_report() -> dict[str, Any] | None:
    """The headline figures on the labelled real revisions in ``tests/real_revisions``."""
    import _real_revisions as rr

    if not rr.DEFAULT_CORPUS.is_dir():
        return None
    return rr.score(rr.load_corpus()).summary()


def measure(revisions: Path) -> dict[str, Any]:
    import stmtdiff

    return {
        "stmtdiff": str(Path(stmtdiff.__file__).parent),
        "revisions": predict(revisions) if revisions.is_file() else None,
        "seed": seed_report(),
        "real": real_report(),
    }


def measure_before(ref: str, revisions: Path) -> dict[str, Any]:
    """The same measurements with the stmtdiff of git revision ``ref``, in a child process."""
    with tempfile.TemporaryDirectory(prefix="stmtdiff-before-") as folder:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", ref, "stmtdiff"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        env = dict(os.environ, PYTHONPATH=folder, PYTHONDONTWRITEBYTECODE="1")
        out = subprocess.run(
            [sys.executable, __file__, "--emit", "--revisions", str(revisions)],
            env=env, check=True, capture_output=True, text=True,
        ).stdout
        result = json.loads(out)
        if not Path(result["stmtdiff"]).is_relative_to(folder):  # the editable install won
            sys.exit(f"--before measured {result['stmtdiff']}, not the archive of {ref}")
    return result


def _cell(before: float | None, after: float) -> str:
    return f"{after:.3f}" if before is None else f"{before:.3f} -> {after:.3f}"


def revisions_report(after: list[dict[str, Any]], before: list[dict[str, Any]] | None, name: str) -> None:
    print(f"\n## Labelled revisions: {name}\n")
    print("| edits | n | unmatched | substantive P | R | F1 | 4-way accuracy | table accuracy |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, keep in (("all", lambda r: True), ("no placeholder", lambda r: not r["placeholder"])):
        now = summarize(r for r in after if keep(r))
        old = summarize(r for r in before if keep(r)) if before is not None else None
        cells = [
            _cell(old[k] if old else None, now[k])
            for k in ("precision", "recall", "f1", "accuracy", "table_accuracy")
        ]
        unmatched = f"{old['unmatched']} -> {now['unmatched']}" if old else str(now["unmatched"])
        print(f"| {label} | {now['edits']} | {unmatched} | " + " | ".join(cells) + " |")
    now = summarize(after)
    verdicts = [
        f"substantive F1 {now['f1']:.3f} (target >= {TARGETS['f1']}): "
        + ("met" if now["f1"] >= TARGETS["f1"] else "MISSED"),
        f"4-way accuracy {now['accuracy']:.3f} (target >= {TARGETS['accuracy']}): "
        + ("met" if now["accuracy"] >= TARGETS["accuracy"] else "MISSED"),
        f"table accuracy {now['table_accuracy']:.3f}: "
        + ("met" if now["table_accuracy"] >= TARGETS["accuracy"] else "MISSED"),
    ]
    print("\n" + "; ".join(verdicts))
    for title, rows in (("after", after), ("before", before)):
        if rows is None:
            continue
        confusion = Counter((r["gold"], r["predicted"]) for r in rows)
        print(f"\nConfusion matrix, all edits ({title}; rows: gold, columns: stmtdiff):\n")
        print("| gold \\ stmtdiff | " + " | ".join(CLASSES) + " | none |")
        print("|---|" + "---:|" * (len(CLASSES) + 1))
        for gold in CLASSES:
            print(f"| {gold} | " + " | ".join(str(confusion[gold, p]) for p in CLASSES + ("none",)) + " |")


def real_table(after: dict[str, Any] | None, before: dict[str, Any] | None) -> None:
    if after is None:
        print("\n(no labelled real revisions in tests/real_revisions: skipped)")
        return
    print(f"\n## Real revisions (tests/real_revisions: {after['pairs']} pairs, {after['labels']} labels)\n")
    print("| measure | " + ("before | " if before else "") + "after | target |")
    print("|---|" + ("---:|" if before else "") + "---:|---|")
    rows = [
        ("four-way accuracy", "accuracy", "{:.3f}", ""),
        ("substantive F1", "substantive_f1", "{:.3f}", ""),
        ("false substantive alarms in the top 10", "top10_false_alarm_share", "{:.1%}", "<= 10%"),
        ("must-rank items in their top N", "must_rank_hits", "{}", f"all {after['must_rank']}"),
    ]
    for label, key, form, target in rows:
        old = (form.format(before[key]) + " | ") if before else ""
        print(f"| {label} | {old}{form.format(after[key])} | {target} |")


def seed_table(title: str, report: dict[str, Any]) -> None:
    print(f"\n## {title}\n")
    print("| class | changes |\n|---|---:|")
    for cls in CLASSES[::-1]:
        print(f"| {cls} | {report['counts'].get(cls, 0)} |")
    print("\n| # | a | b | class | significance | reasons |\n|---|---|---|---|---:|---|")
    for n, (a, b, cls, significance, reasons) in enumerate(report["top"], 1):
        a, b = a[:50].replace("|", "/"), b[:50].replace("|", "/")
        print(f"| {n} | {a} | {b} | {cls} | {significance:.3f} | {'; '.join(reasons)} |")


def bible_report(data: Path) -> None:
    import stmtdiff

    cases = sorted(p for p in (data / "cases").glob("*/lines") if not p.parent.name.startswith("large"))
    for level in ("light", "medium", "heavy"):
        chosen = [p for p in cases if p.parent.name.startswith(level + "-")]
        counts: Counter[str] = Counter()
        ranked = []
        for p in chosen:
            c = stmtdiff.compare_files(p / "a.txt", p / "b.txt", units="lines")
            counts.update(ch.change_class.value for pair in c.pairs for ch in pair.changes)
            ranked += [c.pairs[i].changes[k] for i, k in c.summary.top_changes]
        ranked.sort(key=lambda ch: -ch.significance)
        top = [[ch.a_text, ch.b_text, ch.change_class.value, ch.significance, list(ch.reasons)] for ch in ranked[:10]]
        seed_table(f"Development data, {level} revision ({len(chosen)} cases, lines)", {"counts": counts, "top": top})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("--revisions", type=Path, default=DEFAULT_REVISIONS)
    parser.add_argument("--before", metavar="REF", help="also measure the stmtdiff of this git revision")
    parser.add_argument("--json", help="write the measurements to this file")
    parser.add_argument("--emit", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    after = measure(args.revisions)
    if args.emit:
        print(json.dumps(after))
        return
    before = measure_before(args.before, args.revisions) if args.before else None
    if after["revisions"] is None:
        print(f"\n(no labelled revisions at {args.revisions}: skipped)")
    else:
        revisions_report(after["revisions"], before["revisions"] if before else None, args.revisions.name)
    real_table(after.get("real"), before.get("real") if before else None)
    if before:
        seed_table(f"Seed pair, before ({args.before})", before["seed"])
    seed_table("Seed pair (reworded statement vs article reprint)", after["seed"])
    if (args.data / "cases").is_dir():
        bible_report(args.data)
    if args.json:
        Path(args.json).write_text(json.dumps({"after": after, "before": before}, indent=1) + "\n")


if __name__ == "__main__":
    main()
