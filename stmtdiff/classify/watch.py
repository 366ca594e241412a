"""Watched terms (``--watch``): a change touching one is substantive, whatever else it is.

    >>> bool(watch_pattern(("trade relations",)).search("normal trade\\nrelations"))
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from stmtdiff.classify.pieces import PairView, Run
from stmtdiff.classify.ranking import score
from stmtdiff.model import ChangeClass

@lru_cache(maxsize=64)
def watch_pattern(watch: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole words/phrases; a space matches any whitespace."""
    terms = sorted({t.strip() for t in watch if t.strip()}, key=lambda t: (-len(t), t))
    if not terms:
        return None
    parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def watched_runs(runs: list[Run], pair: PairView, pattern: re.Pattern[str]) -> set[int]:
    """Indexes of the runs that a watched term overlaps, on either side (a term around a pure
    insertion point counts: "normal trade relations" -> "normal free trade relations")."""
    a_text, a_base, b_text, b_base = pair.texts()
    hits: set[int] = set()
    for text, base, side in ((a_text, a_base, "a"), (b_text, b_base, "b")):
        for match in pattern.finditer(text):
            start, end = match.start() + base, match.end() + base
            for run in runs:
                run_start = run.a_start if side == "a" else run.b_start
                run_end = run_start + len(run.a_text if side == "a" else run.b_text)
                if start < run_end and end > run_start or start < run_start < end:
                    hits.add(run.index)
    return hits


def watched_outcome(reasons: tuple[str, ...]) -> tuple[ChangeClass, tuple[str, ...], float]:
    reasons = ("watched term",) + tuple(r for r in reasons if r != "watched term")
    return ChangeClass.SUBSTANTIVE, reasons, score(ChangeClass.SUBSTANTIVE, reasons)
