"""Renderers: pure functions of a Comparison (text, json, markdown, html); they never re-diff."""

from __future__ import annotations

from collections.abc import Collection

from stmtdiff.model import ChangeClass, Comparison, Summary


def class_count_parts(summary: Summary, ignored: Collection[ChangeClass]) -> list[str]:
    """``["3 substantive", "58 wording", ...]``, most serious class first, ignored ones marked."""
    order = {cls: i for i, cls in enumerate(reversed(ChangeClass))}
    return [
        f"{n} {cls.value}" + (" (ignored)" if cls in ignored else "")
        for cls, n in sorted(summary.class_counts, key=lambda cn: order.get(cn[0], 9))
    ]


def visible_top_changes(
    c: Comparison, ignored: Collection[ChangeClass], limit: int
) -> list[tuple[int, int]]:
    """The ranked (pair, change) indices a report shows: valid, not of an ignored class."""
    return [
        (pk, ck)
        for pk, ck in c.summary.top_changes
        if 0 <= pk < len(c.pairs)
        and 0 <= ck < len(c.pairs[pk].changes)
        and c.pairs[pk].changes[ck].change_class not in ignored
    ][: max(0, limit)]
