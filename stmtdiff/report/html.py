"""One self-contained, offline HTML page for a Comparison (issue 4); renders, never diffs.

Shape of the page and the reasons for it:

- Rows are plain static HTML, not a JSON blob rendered by script: the page then prints, works
  without JavaScript and keeps the browser's find-in-page over every sentence. What keeps a
  30,000-row report light is ``content-visibility: auto`` on blocks of 50 rows (the browser lays
  out only the blocks near the viewport, and a jump across the page touches ~600 block boxes, not
  30,000 rows), short class names, no per-row attributes the script can add itself (``tabindex``
  is set on focus), reasons said once per change (no ``title`` on each highlight).
- The A cell holds the inline diff (equal, ``<del>``, ``<ins>``) and the B cell equal + ``<ins>``;
  CSS hides the A cell's insertions side by side and hides the B column inline, so the view toggle
  is one class on ``<html>`` and the text is written at most twice.
- Safety: every document string goes through ``html.escape(quote=True)`` (text and attributes);
  document text never becomes a URL, attribute name or script. Its control characters are shown,
  not written (ESC as ␛, a bidi override spelled out, as in the terminal report): raw, an inserted
  ESC is a change nobody sees and an override reorders the words after it. A change of white
  space alone shows as ↵/␣, not as empty marks. Real right-to-left text still reads right to
  left: the sides' ``dir`` attributes do that, not characters from the document. The CSP meta allows nothing from
  the network, the one ``<style>`` and the one ``<script>`` by their SHA-256 hashes (computed
  here, from the exact text written), and ``data:`` images only (the blank favicon).
- Speed: one list of strings joined once, escaping only rows that need it: ~0.5 s for the whole
  Bible (30,000 pairs, 116,000 changes, 32 MB).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from html import escape
from importlib import resources

from stmtdiff.languages.scripts import direction
from stmtdiff.model import (
    Change,
    ChangeClass,
    Comparison,
    Document,
    Op,
    Pair,
    Status,
)
from stmtdiff.report import visible_change, visible_controls, visible_name

__all__ = ["render_html"]

TOP_SHOWN = 10  # top changes listed openly in the header
TOP_MAX = 200  # further ones go into a collapsed list, up to this many in all
BLOCK = 50  # rows per content-visibility block (see _blocks)
SNIPPET = 160  # longest a_text/b_text shown in the ranked list, in characters

_CLASS_RANK = {c: i for i, c in enumerate(ChangeClass)}  # formatting < ... < substantive
_MINOR = frozenset({ChangeClass.FORMATTING, ChangeClass.SPELLING})
# Short CSS class per change class (they repeat on every highlight of a large report).
_K = {
    ChangeClass.FORMATTING: "fmt",
    ChangeClass.SPELLING: "spl",
    ChangeClass.WORDING: "wrd",
    ChangeClass.SUBSTANTIVE: "sub",
}
# What a highlight carries: substantive ones are bold, formatting/spelling ones dotted.
_HIGHLIGHT_ORDER = {
    ChangeClass.SUBSTANTIVE: 0,
    ChangeClass.WORDING: 1,
    ChangeClass.SPELLING: 2,
    ChangeClass.FORMATTING: 3,
}
_EDIT_ATTR = {
    ChangeClass.SUBSTANTIVE: ' class="sb"',
    ChangeClass.FORMATTING: ' class="mn"',
    ChangeClass.SPELLING: ' class="mn"',
}
_SURROGATE = re.compile("[\ud800-\udfff]")
_NEEDS_ESCAPE = re.compile("[&<>\"']").search
_STATUS = {s: s.value for s in Status}


def _e(s: str) -> str:
    """Escape for text and for double-quoted attribute values alike (& < > " ')."""
    return escape(s, True) if _NEEDS_ESCAPE(s) else s  # the test is cheaper than five replaces


def _text(s: str) -> str:
    r"""Document text as HTML text: escaped, its control characters shown as the terminal and
    Markdown reports show them (``visible_controls``).

    >>> _text("<b>\x1b[31m \u202e001")
    '&lt;b&gt;␛[31m \\u202e001'
    """
    return _e(visible_controls(s))


def _changed(s: str) -> str:
    r"""A deleted or inserted run as HTML text: a run of white space alone spelled out (a line
    break that became a space reads ``<del>↵</del><ins>␣</ins>``, not as two empty marks), and
    so is a run of invisible format characters alone (a zero-width space); else as ``_text``.

    >>> _changed("\n"), _changed("\u200b"), _changed("a\x07")
    ('↵', '\\u200b', 'a␇')
    """
    if s.isprintable() and not s.isspace():  # the usual word: no control, no format character
        return _e(s)
    return _text(visible_change(s))


def _shown_change(raw: str, escaped: str) -> str:
    """``escaped`` (``raw`` as ``_text`` writes it), unless ``raw`` is white space or invisible
    format characters alone: then spelled out by ``_changed``. Cheap for the usual word."""
    if raw.isprintable() and not raw.isspace():  # the usual word: no control, no format character
        return escaped
    return _changed(raw)


def _name(s: str) -> str:
    r"""A name, label, title or note as HTML text: escaped, every control character shown,
    line breaks too, as the other reports show names (``visible_name``).

    >>> _name("old\r.txt\x1b[2J")
    'old␍.txt␛[2J'
    """
    return _e(visible_name(s))


def _pct(x: float) -> str:
    """A similarity as a percentage that never rounds a difference away to 100 % (or to 0 %)."""
    if x >= 1.0:
        return "100%"
    if x <= 0.0:
        return "0%"
    p = round(x * 100)
    return ">99%" if p >= 100 else ("<1%" if p <= 0 else f"{p}%")


def _span_label(side: str, idxs: Sequence[int]) -> str:
    """``A 3`` or ``A 3–5`` (1-based unit numbers), or an empty string for an empty side."""
    if not idxs:
        return ""
    first, last = idxs[0] + 1, idxs[-1] + 1
    return f"{side} {first}" if first == last else f"{side} {first}\u2013{last}"


def _group_text(doc: Document, idxs: Sequence[int]) -> str:
    """The exact text a group of units covers, the gaps between its units included."""
    if not idxs:
        return ""
    sents = doc.sentences
    return doc.text[sents[idxs[0]].start : sents[idxs[-1]].end]


def _counted(pair: Pair) -> tuple[Change, ...]:
    """The pair's changes that count (those the options ignore stay in the JSON only)."""
    changes = pair.changes
    return changes if not any(c.ignored for c in changes) else tuple(c for c in changes if not c.ignored)


def _max_class(pair: Pair) -> ChangeClass | None:
    changes = _counted(pair)
    if not changes:
        return None
    if len(changes) == 1:
        return changes[0].change_class
    return max((c.change_class for c in changes), key=_CLASS_RANK.__getitem__)


def _snippet(s: str) -> str:
    r"""A change's text for the ranked list, on one line, shown as ``_changed`` shows it (not
    yet escaped: the cut must not split an entity); white space alone spelled out.

    >>> _snippet("a\n  b\x1b"), _snippet("\n")
    ('a b␛', '↵')
    """
    s = visible_controls(visible_change(s if s.isspace() else " ".join(s.split())))
    return s if len(s) <= SNIPPET else s[: SNIPPET - 1] + "\u2026"


Span = tuple[int, int, int, int, int, str]  # highlight rank, a_start, a_end, b_start, b_end, attribute


def _change_spans(pair: Pair) -> list[Span]:
    """Where the pair's changes lie in A and in B, with the attribute their highlights carry.

    Ordered substantive, wording, then formatting/spelling, so a highlight that touches several
    changes is marked by the weightiest (changes of one rank carry the same attribute, so their
    order among themselves does not matter). Reasons are not repeated on each highlight (no
    ``title``): the row's change list says them, once.
    """
    return sorted(
        [
            (
                _HIGHLIGHT_ORDER[c.change_class],
                c.a_start,
                c.a_end,
                c.b_start,
                c.b_end,
                _EDIT_ATTR.get(c.change_class, ""),
            )
            for c in _counted(pair)
        ]
    )


def _a_attr(spans: list[Span], start: int, end: int) -> str:
    """The attribute of the first span touching ``start:end`` of A (a deletion)."""
    for _, lo, hi, _, _, attr in spans:
        if (start < hi and end > lo) or start == end == lo:
            return attr
    return ""


def _b_attr(spans: list[Span], start: int, end: int) -> str:
    """The attribute of the first span touching ``start:end`` of B (an insertion)."""
    for _, _, _, lo, hi, attr in spans:
        if (start < hi and end > lo) or start == end == lo:
            return attr
    return ""


def _cells(comparison: Comparison, pair: Pair, b_in_a: str = "") -> tuple[str, str]:
    """The A cell (inline diff) and B cell contents of one row, escaped. ``b_in_a``: the
    ``lang``/``dir`` attributes B's insertions need inside the A cell (when B's differ from A's)."""
    a_doc, b_doc = comparison.a, comparison.b
    if pair.status is Status.DELETED or not pair.b:
        text = _text(_group_text(a_doc, pair.a))
        return f"<del>{text}</del>", '<span class="gap">(not in B)</span>'
    if pair.status is Status.INSERTED or not pair.a:
        text = _text(_group_text(b_doc, pair.b))
        return f'<span class="gap">(not in A)</span><ins{b_in_a}>{text}</ins>', f"<ins>{text}</ins>"
    if not pair.edits or all(ed.op is Op.EQUAL for ed in pair.edits):
        a_text = _group_text(a_doc, pair.a)
        b_text = _group_text(b_doc, pair.b)
        if a_text == b_text:
            t = _text(a_text)
            return t, t
        return _text(a_text), _text(b_text)
    spans = _change_spans(pair) if _counted(pair) else []
    # One test for the whole row, as most rows need no escaping (escaping a text that needs
    # none gives it back unchanged, so escaping all of them when one needs it is the same).
    texts = [ed.text for ed in pair.edits]
    row_text = "".join(texts)
    if _NEEDS_ESCAPE(row_text) or visible_controls(row_text) is not row_text:
        texts = [escape(visible_controls(t), True) for t in texts]
    a_parts: list[str] = []
    b_parts: list[str] = []
    a_add, b_add = a_parts.append, b_parts.append
    for ed, t in zip(pair.edits, texts):
        op = ed.op
        if op is Op.EQUAL:
            a_add(t)
            b_add(t)
        elif op is Op.DELETE:
            t = _shown_change(ed.text, t)
            attr = _a_attr(spans, ed.a_start, ed.a_end) if spans else ""
            a_add(f"<del{attr}>{t}</del>")
        else:
            t = _shown_change(ed.text, t)
            attr = _b_attr(spans, ed.b_start, ed.b_end) if spans else ""
            tag = f"<ins{attr}>{t}</ins>"
            a_add(f"<ins{attr}{b_in_a}>{t}</ins>" if b_in_a else tag)
            b_add(tag)
    return "".join(a_parts), "".join(b_parts)


def _changes_list(pair: Pair, a_attrs: str = "", b_attrs: str = "") -> str:
    """The row's changes, most significant first, as a short list under the texts; A's and
    B's words carry their side's ``lang``/``dir`` attributes."""
    changes = _counted(pair)
    if not changes:
        return ""
    if len(changes) > 1:
        changes = sorted(changes, key=lambda c: -c.significance)
    whole = pair.status is Status.DELETED or pair.status is Status.INSERTED
    items: list[str] = []
    for ch in changes:
        why = _why(ch.reasons)
        if whole:
            body = ""
        elif ch.a_text and ch.b_text:
            body = f" <del{a_attrs}>{_changed(ch.a_text)}</del> \u2192 <ins{b_attrs}>{_changed(ch.b_text)}</ins>"
        else:  # a deletion or an insertion: <del>/<ins> say which
            body = (
                f" <del{a_attrs}>{_changed(ch.a_text)}</del>" if ch.a_text else f" <ins{b_attrs}>{_changed(ch.b_text)}</ins>"
            )
        items.append(f"{_CLASS_ITEM[ch.change_class]}{body}{why}</li>")
    return '<ul class="c">' + "".join(items) + "</ul>"


# How each change class opens its item in a row's list of changes.
_CLASS_ITEM = {cls: f'<li><b class="k-{_K[cls]}">{cls.value}</b>' for cls in ChangeClass}


@lru_cache(maxsize=1024)
def _why(reasons: tuple[str, ...]) -> str:
    """A change's reasons as the row shows them; cached, as a few dozen recur 100,000 times."""
    return f" <i>{_text('; '.join(reasons))}</i>" if reasons else ""


def _boilerplate_pairs(comparison: Comparison) -> list[bool]:
    """Per pair, whether it holds units and all of them are boilerplate (none is, usually)."""
    a_flags = [s.boilerplate for s in comparison.a.sentences]
    b_flags = [s.boilerplate for s in comparison.b.sentences]
    if not any(a_flags) and not any(b_flags):
        return [False] * len(comparison.pairs)
    return [
        bool(p.a or p.b) and all(a_flags[k] for k in p.a) and all(b_flags[k] for k in p.b)
        for p in comparison.pairs
    ]


def _row(
    comparison: Comparison,
    i: int,
    pair: Pair,
    moved_here: Sequence[int],
    a_last: Sequence[str],
    boiler: bool,
    sides: tuple[str, str, str] = ("", "", ""),
) -> str:
    """One Pair as one row (merged and split groups included); ``boiler``: all boilerplate.
    ``sides``: the ``lang``/``dir`` attributes of A's cell, of B's cell, and of B's insertions
    inside A's cell (see _side_attributes)."""
    status = _STATUS[pair.status]
    classes = _ROW_CLASSES[pair.status]
    top = _max_class(pair)
    if top is not None:
        classes += f" k-{_K[top]}"
        if pair.status is Status.CHANGED and all(c.change_class in _MINOR for c in _counted(pair)):
            classes += " minor"
    if boiler:
        classes += " bp"

    a_label, b_label = _span_label("A", pair.a), _span_label("B", pair.b)
    label = f"{a_label} \u00b7 {b_label}" if a_label and b_label else a_label or b_label
    meta = [f'<a class="n" href="#p{i}">{label}</a> <span class="st">{status}</span>']
    na, nb = len(pair.a), len(pair.b)
    if na and nb and (na > 1 or nb > 1):
        kind = "merged" if na > nb else "split" if na < nb else "regrouped"
        meta.append(f' <span class="tag">{kind} {na}\u2192{nb}</span>')
    if top is not None and pair.status is not Status.EQUAL:
        meta.append(f' <span class="tag k-{_K[top]}">{_CLASS_NAME[top]}</span>')
    if boiler:
        meta.append(' <span class="tag">boilerplate</span>')
    if pair.status is Status.MOVED and pair.moved_from is not None:
        k = pair.moved_from
        if k < 0:
            meta.append(
                ' <span class="mv">moved from <a href="#mv-start">the start of A</a></span>'
            )
        else:
            where = a_last[k] if 0 <= k < len(a_last) and a_last[k] else f"group {k}"
            meta.append(f' <span class="mv">moved from <a href="#p{k}">after {where}</a></span>')
    for j in moved_here:
        what = _span_label("A", comparison.pairs[j].a) or f"group {j}"
        meta.append(
            f' <span class="mv"><a href="#p{j}">{what} moved away from after here</a></span>'
        )

    a_attrs, b_attrs, b_in_a = sides
    a_cell, b_cell = _cells(comparison, pair, b_in_a)
    sim = "" if pair.status is Status.DELETED or pair.status is Status.INSERTED else _pct(pair.similarity)
    return (
        f'<div class="{classes}" id="p{i}"><div class="m">{"".join(meta)}</div>'
        f'<div class="a"{a_attrs}>{a_cell}</div><div class="b"{b_attrs}>{b_cell}</div>'
        f'<div class="s">{sim}</div>{_changes_list(pair, a_attrs, b_attrs)}</div>'
    )


PAGE_LANGUAGE = "en"  # the language of the page's own words (headings, labels)


def _side_attributes(a_doc: Document, b_doc: Document) -> tuple[str, str, str]:
    """``lang`` and ``dir`` attributes for A's cells, B's cells and B's insertions shown in A's
    cells, so that a browser picks the right fonts (Chinese and Japanese share code points but
    not glyphs), a screen reader the right voice, and right-to-left text reads right to left in
    its column. Only what differs from the page is written (an unknown language inherits the
    page's): an English comparison's rows carry no attributes at all (30,000 rows would
    otherwise carry 600 kB more).

        >>> from stmtdiff.model import Document
        >>> _side_attributes(Document("a", "x", (), language="en"), Document("b", "اتفق الطرفان", (), language="ar"))
        ('', ' lang="ar" dir="rtl"', ' lang="ar" dir="rtl"')
    """
    a_attrs, b_attrs = (_attributes_of(doc) for doc in (a_doc, b_doc))
    a_dir, b_dir = direction(a_doc.text), direction(b_doc.text)
    if a_doc.language == b_doc.language and a_dir == b_dir:
        return a_attrs, b_attrs, ""
    b_in_a = (f' lang="{_e(b_doc.language)}"' if b_doc.language else "") + f' dir="{b_dir}"'
    return a_attrs, b_attrs, b_in_a


def _attributes_of(doc: Document) -> str:
    attrs = "" if doc.language in (None, PAGE_LANGUAGE) else f' lang="{_e(doc.language)}"'
    return attrs + (' dir="rtl"' if direction(doc.text) == "rtl" else "")


# A row's first classes: its status, and "x" when it is a difference.
_ROW_CLASSES = {s: f"r s-{s.value}" + ("" if s is Status.EQUAL else " x") for s in Status}
_CLASS_NAME = {cls: cls.value for cls in ChangeClass}


def _blocks(rows: list[str]) -> str:
    """Rows in blocks of BLOCK: the browser then skips whole blocks off screen, and a jump
    across 30,000 rows lays out a few hundred boxes, not 30,000."""
    return "".join(
        '<div class="blk">' + "".join(rows[k : k + BLOCK]) + "</div>"
        for k in range(0, len(rows), BLOCK)
    )


def _outside_block(rows: list[str], pairs: Sequence[Pair]) -> str:
    only_a = sum(1 for p in pairs if p.a and not p.b)
    only_b = sum(1 for p in pairs if p.b and not p.a)
    both = len(pairs) - only_a - only_b
    parts = [f"{len(pairs)} group{'s' if len(pairs) != 1 else ''}"]
    detail = [
        f"{n} {what}"
        for n, what in ((only_a, "only in A"), (only_b, "only in B"), (both, "in both"))
        if n
    ]
    if detail:
        parts.append(" (" + ", ".join(detail) + ")")
    return (
        '<details class="out"><summary>Other text outside the shared region: '
        + "".join(parts)
        + "</summary>"
        + _blocks(rows)
        + "</details>"
    )


def _summary(comparison: Comparison) -> str:
    s = comparison.summary
    counts = []
    for key in ("equal", "changed", "moved", "deleted", "inserted"):
        n = getattr(s, key)
        counts.append(
            f'<div class="cnt s-{key}"><dt>{key}</dt>'
            f'<dd id="sum-{key}" data-value="{n}">{n}</dd></div>'
        )
    sim = f"{s.similarity * 100:.1f}%"
    counts.append(
        f'<div class="cnt"><dt>similarity</dt>'
        f'<dd id="sum-similarity" data-value="{s.similarity!r}">{sim}</dd></div>'
    )

    def num(key: str, value: int) -> str:
        return f'<span id="sum-{key}" data-value="{value}">{value}</span>'

    outside, boiler = getattr(s, "outside", 0), getattr(s, "boilerplate", 0)
    extra = (
        f'<p class="sub">{num("a_units", s.a_units)} units in A, {num("b_units", s.b_units)} in B; '
        f"{num('words_deleted', s.words_deleted)} words deleted, {num('words_inserted', s.words_inserted)} inserted; "
        f"{num('outside', outside)} groups outside the shared region; "
        f"{num('boilerplate', boiler)} groups of boilerplate, not counted above"
        + (f"; {num('ignored', s.ignored)} groups with ignored changes only" if getattr(s, "ignored", 0) else "")
        + ".</p>"
    )
    classes = ""
    if s.class_counts:
        items = "".join(
            f'<div class="cnt k-{_K[c]}"><dt>{c.value}</dt>'
            f'<dd id="cls-{c.value}" data-value="{n}">{n}</dd></div>'
            for c, n in s.class_counts
        )
        classes = (
            '<div><h3 id="classes-h">Changes by class</h3>'
            f'<dl class="counts" aria-labelledby="classes-h">{items}</dl></div>'
        )
    return (
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2><div class="sums">'
        '<div><h3 id="groups-h">Groups by status</h3>'
        f'<dl class="counts" aria-labelledby="groups-h">{"".join(counts)}</dl></div>{classes}</div>{extra}</section>'
    )


def _top_changes(comparison: Comparison) -> str:
    pairs = comparison.pairs
    items: list[str] = []
    for pi, ci in comparison.summary.top_changes:
        if len(items) >= TOP_MAX:
            break
        if not (0 <= pi < len(pairs)) or not (0 <= ci < len(pairs[pi].changes)):
            continue
        pair = pairs[pi]
        ch = pair.changes[ci]
        cls = ch.change_class
        a = (
            f"<del>{_e(_snippet(ch.a_text))}</del>"
            if ch.a_text
            else '<span class="gap">(nothing)</span>'
        )
        b = (
            f"<ins>{_e(_snippet(ch.b_text))}</ins>"
            if ch.b_text
            else '<span class="gap">(nothing)</span>'
        )
        where = " \u00b7 ".join(
            x for x in (_span_label("A", pair.a), _span_label("B", pair.b)) if x
        )
        why = f' <span class="why">{_text("; ".join(ch.reasons))}</span>' if ch.reasons else ""
        items.append(
            f'<li><a href="#p{pi}">{a} \u2192 {b}</a> '
            f'<b class="k-{_K[cls]}">{cls.value}</b> <span class="sig">{ch.significance:.2f}</span>{why} '
            f'<span class="where">{where}</span></li>'
        )
    if not items:
        return ""
    shown = "".join(items[:TOP_SHOWN])
    rest = ""
    if len(items) > TOP_SHOWN:
        rest = (
            f'<details class="more"><summary>{len(items) - TOP_SHOWN} more</summary>'
            f'<ol start="{TOP_SHOWN + 1}" class="top">{"".join(items[TOP_SHOWN:])}</ol></details>'
        )
    return (
        '<section aria-labelledby="top-h"><h2 id="top-h">Most significant changes</h2>'
        f'<ol class="top" id="top">{shown}</ol>{rest}</section>'
    )


def _notes(notes: Iterable[str]) -> str:
    items = "".join(f"<li>{_name(n)}</li>" for n in notes)
    if not items:
        return ""
    return f'<section aria-labelledby="notes-h" class="notes"><h2 id="notes-h">Notes</h2><ul>{items}</ul></section>'


def _doc_line(side: str, doc: Document) -> str:
    loc = doc.source.location
    extra = f' <span class="loc">{_name(loc)}</span>' if loc and loc != doc.name else ""
    language = f' <span class="loc">language: {_name(doc.language)}</span>' if doc.language else ""
    return f'<div><dt>{side}</dt><dd id="doc-{side.lower()}">{_name(doc.name)}{extra}{language}</dd></div>'


def _short(name: str) -> str:
    """The last part of a path or URL, for the default title (the header shows the full names)."""
    tail = name.rstrip("/\\").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    return tail or name


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(comparison: Comparison, *, title: str | None = None) -> str:
    """Render ``comparison`` as one self-contained page (inline CSS and JS, nothing fetched)."""
    a_doc, b_doc = comparison.a, comparison.b
    pairs = comparison.pairs
    page_title = (
        title if title is not None else f"stmtdiff: {_short(a_doc.name)} vs {_short(b_doc.name)}"
    )

    # Moves both ways: a moved row links to the row it stood after in A; that row links back.
    moved_here: dict[int, list[int]] = {}
    for j, p in enumerate(pairs):
        if p.status is Status.MOVED and p.moved_from is not None:
            moved_here.setdefault(p.moved_from, []).append(j)
    a_last = [_span_label("A", p.a[-1:]) for p in pairs] if moved_here else []

    out: list[str] = []
    start_moves = moved_here.get(-1, [])
    if start_moves:
        links = ", ".join(
            f'<a href="#p{j}">{_span_label("A", pairs[j].a) or f"group {j}"}</a>'
            for j in start_moves
        )
        out.append(f'<p id="mv-start" class="mv">Start of A. Moved away from here: {links}</p>')
    run: list[str] = []  # rows of the current run of outside groups
    run_pairs: list[Pair] = []
    block: list[str] = []  # rows of the current block of shared-region groups
    all_boilerplate = _boilerplate_pairs(comparison)
    sides = _side_attributes(a_doc, b_doc)
    for i, p in enumerate(pairs):
        row = _row(comparison, i, p, moved_here.get(i, ()), a_last, all_boilerplate[i], sides)
        if p.outside:
            if block:
                out.append(_blocks(block))
                block = []
            run.append(row)
            run_pairs.append(p)
            continue
        if run:
            out.append(_outside_block(run, run_pairs))
            run, run_pairs = [], []
        block.append(row)
    if block:
        out.append(_blocks(block))
    if run:
        out.append(_outside_block(run, run_pairs))
    rows = "".join(out)

    style_hash, script_hash = _csp_hash(_CSS), _csp_hash(_JS)
    csp = (
        f"default-src 'none'; style-src {style_hash}; script-src {script_hash}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    a_name, b_name = _name(_short(a_doc.name)), _name(_short(b_doc.name))  # full names are in the header
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{_name(page_title)}</title><style>{_CSS}</style></head><body>"
        '<a class="skip" href="#rows-h">Skip to the sentences</a>'
        f'<header><h1>{_name(page_title)}</h1><dl class="docs">{_doc_line("A", a_doc)}{_doc_line("B", b_doc)}</dl>'
        f"{_notes(comparison.notes)}{_summary(comparison)}{_top_changes(comparison)}</header>"
        '<nav id="controls" class="controls" aria-label="Report controls" hidden>'
        '<label><input type="checkbox" id="f-equal"> Hide unchanged rows</label>'
        '<label><input type="checkbox" id="f-minor"> Hide formatting- and spelling-only changes</label>'
        "<fieldset><legend>View</legend>"
        '<label><input type="radio" name="view" id="v-side" value="side" checked> side by side</label>'
        '<label><input type="radio" name="view" id="v-inline" value="inline"> inline</label></fieldset>'
        '<button type="button" id="prev" title="Previous change (p)">\u2191 Previous change <kbd>p</kbd></button>'
        '<button type="button" id="next" title="Next change (n)">\u2193 Next change <kbd>n</kbd></button>'
        "</nav>"
        '<main id="main" aria-labelledby="rows-h"><h2 id="rows-h">Sentences</h2>'
        '<div class="head" aria-hidden="true"><div class="m">Group</div>'
        f'<div class="a"><span class="sbs">A: </span><span class="inl">A \u2192 B: </span>{a_name}'
        f'<span class="inl"> \u2192 {b_name}</span></div><div class="b">B: {b_name}</div>'
        '<div class="s">Similarity</div></div>'
        f'<div id="rows">{rows}</div></main>'
        f"<script>{_JS}</script></body></html>\n"
    )
    # Lone surrogates (bytes decoded with surrogateescape) could not be written as UTF-8; they can
    # only come from the inputs, so look there (cheaper than searching the page) and replace them.
    inputs = (a_doc.text, b_doc.text, a_doc.name, b_doc.name, page_title, *comparison.notes)
    inputs += (a_doc.source.location or "", b_doc.source.location or "")
    if any(_SURROGATE.search(x) for x in inputs) or _SURROGATE.search(
        "".join(r for p in pairs for c in p.changes for r in c.reasons)
    ):
        page = _SURROGATE.sub("\ufffd", page)
    return page


# The page's style and script, kept as files of their own (package data) so that editors and
# linters read them as CSS and JavaScript; the Content-Security-Policy hashes them as read.
_ASSETS = resources.files("stmtdiff.report") / "assets"
_CSS = (_ASSETS / "page.css").read_text(encoding="utf-8")
_JS = (_ASSETS / "page.js").read_text(encoding="utf-8")

# Shared with the collation report (report/collation_html.py): one look, one keyboard, one
# escaping for every page stmtdiff writes.
PAGE_CSS, PAGE_JS = _CSS, _JS
escape_html = _e
html_text, html_changed, html_name = _text, _changed, _name
csp_hash = _csp_hash
short_name = _short
similarity_label = _pct
