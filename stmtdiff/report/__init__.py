"""Renderers: pure functions of a Comparison (text, json, markdown, html); they never re-diff."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from stmtdiff.model import ChangeClass, Comparison, Summary

MAX_WIDTH = 1_000_000  # report width cap, wider than any terminal: 999999 still means "never wrap"

# Control characters that are not whitespace: C0 (ESC, BEL, backspace...), DEL and C1 (CSI,
# OSC...). Whitespace controls (tab, newlines, form feed, \x1c-\x1f, NEL) are left to the
# renderers, which wrap or collapse them. Also the bidi embeddings, overrides and isolates
# (U+202A-U+202E, U+2066-U+2069): written raw, they reorder what a terminal or a Markdown viewer
# shows, so "100" -> RLO "001" PDF reads [-100-]{+100+}. The marks LRM, RLM and ALM (U+200E,
# U+200F, U+061C) stay: they only nudge neutral characters and RTL text needs them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_controls(text: str) -> str:
    r"""``text`` with its control characters shown as symbols (ESC as ␛, CSI as ``\x9b``, a
    bidi override as ``\u202e``).

    Written raw to a terminal, document text could recolour the report, move the cursor,
    clear the screen or set the window title, or reorder the words on screen; shown, it is
    also plain what changed.

    >>> print(visible_controls("a\x1b[31mb\x07 \x9b \u202e001\u202c"))
    a␛[31mb␇ \x9b \u202e001\u202c
    """
    return _CONTROL.sub(_control_symbol, text) if _CONTROL.search(text) else text


def _control_symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC is ␛
    if code == 0x7F:
        return "\u2421"
    if code > 0xFF:
        return f"\\u{code:04x}"  # bidi controls, spelled as a Python literal would
    return f"\\x{code:02x}"  # C1 controls have no pictures


def hidden_characters(text: str) -> tuple[str, ...]:
    """The code points of ``text``'s characters that act unseen where a report must keep them
    raw (a Word redline, whose accepted text must be exactly B's): C1 controls, DEL and the bidi
    embeddings, overrides and isolates, each once, in order of first appearance.

    A bidi override inside an inserted run reorders the words after it; the redline comments
    on the change instead of altering its text.

    >>> hidden_characters("100 \u202e001\u202c and \u202e")
    ('U+202E', 'U+202C')
    """
    if not _CONTROL.search(text):
        return ()
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in _CONTROL.findall(text) if ord(c) >= 0x7F)
    return tuple(found)


# What else can break a one-line name: line and page breaks of every kind, tab, the C0
# separators and NEL. In a document they are its layout; in a name, a label or a message, a
# carriage return lets the rest of the line overwrite what came before it.
_LAYOUT_CONTROL = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")


def visible_name(text: str) -> str:
    r"""A name, label or message for one line: every control character shown as a symbol,
    line breaks and tabs too (``visible_controls`` leaves those to the renderers).

    >>> print(visible_name("old\r.txt\x1b[2J"))
    old␍.txt␛[2J
    """
    text = visible_controls(text)
    return _LAYOUT_CONTROL.sub(_control_symbol, text) if _LAYOUT_CONTROL.search(text) else text


def visible_if_invisible(text: str) -> str:
    r"""A changed run made only of invisible format characters (zero-width space, word joiner,
    soft hyphen, BOM), spelled out; any other text as it is.

    Shown as they are, such a change reads as an empty one (``{+ +}``). Inside visible text
    they stay, since some scripts need them (ZWJ and ZWNJ in Persian or Devanagari).

    >>> visible_if_invisible("\u200b"), visible_if_invisible("fee\u00ad")
    ('\\u200b', 'fee\xad')
    """
    core = text.strip()
    if not core or core.isprintable():  # no format character in it (the usual word): fast
        return text
    if not all(c.isspace() or unicodedata.category(c) == "Cf" for c in core):
        return text
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) == "Cf" else c for c in text)


# A line break of any kind (what str.splitlines cuts at; CR LF is one), a tab, a space.
_WHITE = re.compile("\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]|\t| ")
_WHITE_SYMBOL = {"\t": "\u2192", " ": "\u2423"}


def visible_spaces(text: str) -> str:
    r"""A changed run of white space alone, spelled out: a line break as ↵, a tab as →, a
    space as ␣, any other space (no-break, em...) as its code.

    Shown as they are, a line break that became a space reads as two empty marks, a change
    nobody sees; every report (text, Markdown, HTML, collations) shows it this way.

    >>> visible_spaces("\n"), visible_spaces("\r\n\t "), visible_spaces("\xa0")
    ('↵', '↵→␣', '\\u00a0')
    """
    shown = _WHITE.sub(lambda m: _WHITE_SYMBOL.get(m.group(), "\u21b5"), text)
    return "".join(c if not c.isspace() else f"\\u{ord(c):04x}" for c in shown) or " "


def visible_change(text: str) -> str:
    r"""A deleted or inserted run as a report lists it on its own (a row's changes, the top
    changes): white space alone spelled out (``visible_spaces``), invisible format characters
    alone too (``visible_if_invisible``); any other text as it is.

    >>> visible_change("\n"), visible_change("\u200b"), visible_change("fee")
    ('↵', '\\u200b', 'fee')
    """
    if text and text.isspace():
        return visible_spaces(text)
    return visible_if_invisible(text)


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
        and not c.pairs[pk].changes[ck].ignored
    ][: max(0, limit)]
