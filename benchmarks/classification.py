"""Classification report: counts per change class and the top 10 changes with reasons.

Runs over the seed pair and the small development cases (read in place from --data).

    .venv/bin/python benchmarks/classification.py --data ../shared/data/dev
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import stmtdiff
from stmtdiff.model import ChangeClass

ROOT = Path(__file__).resolve().parent.parent


def report(title: str, comparisons: list[stmtdiff.Comparison], top: int = 10) -> None:
    counts: Counter[ChangeClass] = Counter()
    ranked = []
    for c in comparisons:
        for pair in c.pairs:
            counts.update(ch.change_class for ch in pair.changes)
        ranked += [c.pairs[p].changes[k] for p, k in c.summary.top_changes]
    ranked.sort(key=lambda ch: -ch.significance)
    print(f"\n## {title}\n")
    print("| class | changes |\n|---|---:|")
    for cls in ChangeClass:
        print(f"| {cls.value} | {counts[cls]} |")
    print(f"\n| # | a | b | class | significance | reasons |\n|---|---|---|---|---:|---|")
    for n, ch in enumerate(ranked[:top], 1):
        a, b = ch.a_text[:50].replace("|", "/"), ch.b_text[:50].replace("|", "/")
        print(f"| {n} | {a} | {b} | {ch.change_class.value} | {ch.significance:.2f} | {'; '.join(ch.reasons)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    args = parser.parse_args()
    seeds = ROOT / "seeds"
    report(
        "Seed pair (reworded statement vs article reprint)",
        [stmtdiff.compare_files(seeds / "espd-2024-statement-state-dept-reworded.txt",
                                seeds / "espd-2024-statement-in-article.txt")],
    )
    cases = sorted(p for p in (args.data / "cases").glob("*/lines") if not p.parent.name.startswith("large"))
    for level in ("light", "medium", "heavy"):
        chosen = [p for p in cases if p.parent.name.startswith(level + "-")]
        report(f"Development data, {level} revision ({len(chosen)} cases, lines)",
               [stmtdiff.compare_files(p / "a.txt", p / "b.txt", units="lines") for p in chosen])


if __name__ == "__main__":
    main()
