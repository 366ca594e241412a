"""Renderers: pure functions of a Comparison (text, json, markdown, html); they never re-diff."""

from __future__ import annotations

import re
from collections.abc import Collection

from stmtdiff.model import ChangeClass, Comparison, Summary


# Control characters that are not whitespace: C0 (ESC, BEL, backspace...), DEL and C1 (CSI,
# OSC...). Whitespace controls (tab, newlines, form feed, \x1c-\x1f, NEL) are left to the
# renderers, which wrap or collapse them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def visible_controls(text: str) -> str:
    r"""``text`` with its control characters shown as symbols (ESC as ␛, CSI as ``\x9b``).

    Written raw to a terminal, document text could recolour the report, move the cursor,
    clear the screen or set the window title; shown, it is also plain what changed.

    >>> print(visible_controls("a\x1b[31mb\x07 \x9b"))
    a␛[31mb␇ \x9b
    """
    return _CONTROL.sub(_control_symbol, text) if _CONTROL.search(text) else text


def _control_symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC is ␛
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"  # C1 controls have no pictures


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
