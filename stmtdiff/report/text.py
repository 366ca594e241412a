"""The terminal report: inline word diff (wdiff markers or colour), side by side, summary.

Renderers are pure functions of a ``Comparison`` and a ``RenderOptions``: they never re-diff,
never read the environment and never import click, so the command line resolves colour and
width once at its edge and the same call gives the same bytes in a test.

The report lists groups in the comparison's order. Equal groups are folded to a count unless
``context`` asks for some around each change (or ``show_all``); groups outside the region the two
documents share are folded to one line per side. With colour off, deleted words read
``[-like this-]`` and inserted ones ``{+like this+}`` (wdiff, ``git diff --word-diff=plain``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from numbers import Integral

from wcwidth import iter_graphemes, wcswidth, wcwidth

from stmtdiff.errors import StmtdiffError
from stmtdiff.model import ChangeClass, Comparison, Document, Op, Pair, Status, Units
from stmtdiff.report import (
    MAX_WIDTH,
    class_count_parts,
    visible_change,
    visible_controls,
    visible_if_invisible,
    visible_name,
    visible_spaces,
    visible_top_changes,
)

__all__ = [
    "RenderOptions",
    "Row",
    "inline_ops",
    "plan_rows",
    "render_stat",
    "render_text",
    "render_units",
]


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How a report is shown (the comparison's own settings live in ``CompareOptions``).

    - ``color``: ANSI colour instead of wdiff markers; decided by the caller (TTY, NO_COLOR).
    - ``width``: columns to wrap to; 80 like a terminal nobody resized. Past MAX_WIDTH it is
      taken as MAX_WIDTH (a side-by-side row is padded to the width: 10**9 would be a gigabyte).
    - ``context``: equal groups shown around each change; 0 (like ``diff -U0``) keeps the
      report about what changed.
    - ``show_all``: every group, equal and outside ones included, nothing folded.
    - ``side_by_side``: two columns, A left and B right, aligned row by row (``diff -y``).
    - ``stat``: the summary block alone (``git diff --stat``, ``dwdiff -s``).
    - ``summary``: append the summary block to the group listing.
    - ``top``: how many of the most significant changes the summary lists.
    """

    color: bool = False
    width: int = 80
    context: int = 0
    show_all: bool = False
    side_by_side: bool = False
    stat: bool = False
    summary: bool = True
    top: int = 10


def checked(o: RenderOptions) -> RenderOptions:
    """``o`` with its numbers checked (a StmtdiffError names the first bad one) and the width
    capped at MAX_WIDTH.

        >>> checked(RenderOptions(width=10**9)).width == MAX_WIDTH
        True
    """
    for name, lowest in (("width", 1), ("context", 0), ("top", 0)):
        value = getattr(o, name)
        if isinstance(value, bool) or not isinstance(value, Integral) or value < lowest:
            raise StmtdiffError(f"{name} must be a whole number of at least {lowest}, not {value!r}")
    return o if o.width <= MAX_WIDTH else replace(o, width=MAX_WIDTH)


_capped = checked  # its name before it checked the numbers too


# ---------------------------------------------------------------------------- layout plan


@dataclass(frozen=True, slots=True)
class Row:
    """One line-level item of a report, shared by the text and Markdown renderers.

    ``kind`` is ``pair`` (show ``Comparison.pairs[pair]``), ``equal`` (``count`` units of
    equal groups folded), ``outside`` (``count`` units of side ``side`` outside the shared
    region, ``where`` is before/after/within) or ``moved-away`` (``pair`` moved from here).
    """

    kind: str
    pair: int = -1
    count: int = 0
    side: str = ""
    where: str = ""
    ignored: int = 0  # folded groups whose only changes are of ignored classes


def _quiet(pair: Pair, ignored: frozenset[ChangeClass]) -> bool:
    """Whether a group shows nothing the user counts: equal, or only ignored classes."""
    if pair.status is Status.EQUAL:
        return True
    return (
        pair.status is Status.CHANGED
        and bool(pair.changes)
        and all(ch.ignored or ch.change_class in ignored for ch in pair.changes)
    )


def plan_rows(c: Comparison, *, context: int = 0, show_all: bool = False) -> list[Row]:
    """Decide what a report shows, in order: which groups, which folds, where moves left.

    A moved group leaves a ``moved-away`` row right after the group it followed in A
    (``Pair.moved_from``), or at the top when it opened A; such rows break folds.
    """
    ignored = frozenset(c.options.ignore_classes)
    pairs = c.pairs
    away: dict[int, list[int]] = {}
    for j, p in enumerate(pairs):
        if p.status is Status.MOVED and p.moved_from is not None:
            away.setdefault(p.moved_from, []).append(j)

    # Distance from each inside group to the nearest one that shows a change.
    inside = [k for k, p in enumerate(pairs) if not p.outside]
    loud = [pos for pos, k in enumerate(inside) if not _quiet(pairs[k], ignored)]
    near: set[int] = set()
    if context > 0:
        for pos in loud:
            for q in range(max(0, pos - context), min(len(inside), pos + context + 1)):
                near.add(inside[q])
    first_inside = inside[0] if inside else len(pairs)
    last_inside = inside[-1] if inside else -1

    rows: list[Row] = [Row("moved-away", pair=j) for j in away.get(-1, ())]
    fold: list[Row] = []  # the fold being built: at most one equal or one outside per side

    def flush() -> None:
        rows.extend(fold)
        fold.clear()

    for k, p in enumerate(pairs):
        if show_all:
            rows.append(Row("pair", pair=k))
        elif p.outside:
            if not inside:
                where = "unshared"
            else:
                where = "before" if k < first_inside else "after" if k > last_inside else "within"
            if fold and fold[0].kind != "outside":
                flush()
            for side, units in (("a", p.a), ("b", p.b)):
                if not units:
                    continue
                at = next((i for i, r in enumerate(fold) if r.side == side), None)
                if at is None:
                    fold.append(Row("outside", count=len(units), side=side, where=where))
                    fold.sort(key=lambda r: r.side)
                else:
                    r = fold[at]
                    fold[at] = Row("outside", count=r.count + len(units), side=side, where=r.where)
        elif _quiet(p, ignored) and k not in near:
            if fold and fold[0].kind != "equal":
                flush()
            extra = 0 if p.status is Status.EQUAL else 1
            if fold:
                r = fold[0]
                fold[0] = Row("equal", count=r.count + len(p.a), ignored=r.ignored + extra)
            else:
                fold.append(Row("equal", count=len(p.a), ignored=extra))
        else:
            flush()
            rows.append(Row("pair", pair=k))
        if k in away:
            flush()
            rows.extend(Row("moved-away", pair=j) for j in away[k])
    flush()
    return rows


# ------------------------------------------------------------------------- shared words


def unit_word(units: Units | str, n: int) -> str:
    """``sentences`` -> "1 sentence" / "3 sentences"."""
    plural = units.value if isinstance(units, Units) else str(units)
    return f"{n} {plural[:-1] if n == 1 else plural}"


def document_facts(doc: Document) -> str:
    """What the header says of a document: its units and language. "25 sentences, en";
    the language is left out when the text was too short to tell."""
    facts = unit_word(doc.units, len(doc.sentences))
    return f"{facts}, {doc.language}" if doc.language else facts


def span(indices: Sequence[int]) -> str:
    """Unit numbers for people, counted from 1: (4,) -> "4", (4, 5, 6) -> "4-6"."""
    if not indices:
        return "-"
    lo, hi = min(indices) + 1, max(indices) + 1
    return str(lo) if lo == hi else f"{lo}-{hi}"


def side_text(doc: Document, indices: Sequence[int]) -> str:
    """The exact text a group covers on one side, from its first unit's start to its last's end."""
    if not indices:
        return ""
    sents = doc.sentences
    return doc.text[sents[min(indices)].start : sents[max(indices)].end]


def inline_ops(c: Comparison, pair: Pair) -> list[tuple[Op, str]]:
    """The group as (op, text) steps: its word edits, or whole sides when it has none."""
    if pair.edits:
        return [(e.op, e.text) for e in pair.edits]
    a, b = side_text(c.a, pair.a), side_text(c.b, pair.b)
    if a == b:
        return [(Op.EQUAL, a)] if a else []
    if pair.status is Status.EQUAL:
        return [(Op.EQUAL, a or b)]  # equal up to ignored differences: show A as it reads
    return [(op, t) for op, t in ((Op.DELETE, a), (Op.INSERT, b)) if t]


def classes_of(pair: Pair, ignored: frozenset[ChangeClass]) -> list[ChangeClass]:
    """The change classes a group holds, most severe first, ignored ones left out."""
    found = {ch.change_class for ch in pair.changes if not ch.ignored and ch.change_class not in ignored}
    return [cls for cls in reversed(ChangeClass) if cls in found]


def pair_title(c: Comparison, k: int) -> str:
    """One line saying what a group is: status, where on each side, how similar, classes."""
    p = c.pairs[k]
    ignored = frozenset(c.options.ignore_classes)
    where = {
        Status.DELETED: f"a {span(p.a)}",
        Status.INSERTED: f"b {span(p.b)}",
    }.get(p.status, f"a {span(p.a)} -> b {span(p.b)}")
    notes: list[str] = []
    if p.status in (Status.DELETED, Status.INSERTED):
        notes.append(f"only in {'a' if p.a else 'b'}")
    if p.status in (Status.CHANGED, Status.MOVED):
        notes.append(f"{round(p.similarity * 100)}% similar")
    if p.status is Status.MOVED and p.moved_from is not None:
        if p.moved_from < 0 or p.moved_from >= len(c.pairs) or not c.pairs[p.moved_from].a:
            notes.append("in a it came first")
        else:
            notes.append(f"in a it came after a {span(c.pairs[p.moved_from].a)}")
    classes = classes_of(p, ignored)
    if classes:
        notes.append(", ".join(cls.value for cls in classes))
    if p.outside:
        notes.append("outside the shared text")
    units = [c.a.sentences[i] for i in p.a] + [c.b.sentences[i] for i in p.b]
    if units and all(s.boilerplate for s in units):
        notes.append("boilerplate")
    return f"{p.status.value} {where}" + (f" ({'; '.join(notes)})" if notes else "")


def fold_text(c: Comparison, row: Row) -> str:
    """The one line a fold, or the place a group moved away from, is shown as."""
    if row.kind == "equal":
        units = unit_word(c.a.units, row.count)
        extra = f", {row.ignored} with ignored changes only" if row.ignored else ""
        return f"... {units} unchanged{extra}"
    if row.kind == "outside":
        units = unit_word(c.a.units if row.side == "a" else c.b.units, row.count)
        if row.where == "unshared":
            return f"... {row.side}: {units} with nothing in common (use --all)"
        where = {"before": "before", "after": "after"}.get(row.where, "inside")
        return f"... {row.side}: {units} of other text {where} the statement (use --all)"
    p = c.pairs[row.pair]
    return f"... a {span(p.a)} moved from here to b {span(p.b)}"


def clip(text: str, limit: int) -> str:
    """One line of at most ``limit`` terminal columns: whitespace runs become one space."""
    text = " ".join(text.split())
    if cell_width(text) <= limit:
        return text
    kept, used = [], 0
    for grapheme in iter_graphemes(text):
        used += cell_width(grapheme)
        if used > max(1, limit - 3):
            break
        kept.append(grapheme)
    return ("".join(kept) or text[:1]).rstrip() + "..."


# ------------------------------------------------------------------------- styled words

Piece = tuple[str, str]  # (text, style); style "" is plain
_ANSI = {
    "del": "\x1b[31;9m",  # red, struck through
    "ins": "\x1b[32;4m",  # green, underlined
    "head": "\x1b[1;36m",  # bold cyan
    "fold": "\x1b[2m",  # dim
    "changed": "\x1b[1;33m",
    "moved": "\x1b[1;35m",
    "deleted": "\x1b[1;31m",
    "inserted": "\x1b[1;32m",
    "equal": "\x1b[1m",
}
_RESET = "\x1b[0m"
_MARKS = {"del": ("[-", "-]"), "ins": ("{+", "+}")}
_SPACE = re.compile(r"\s+")


def cell_width(text: str) -> int:
    """Terminal columns a string takes, by Unicode display width (wcwidth): wide East Asian
    characters and emoji count 2, an emoji with a skin tone or a family joined by zero-width
    joiners counts 2 as a whole, combining marks and zero-width spaces 0.

        >>> cell_width("中文"), cell_width("👍🏽"), cell_width("a\u200bb")
        (4, 2, 2)
    """
    if text.isascii():
        return len(text)
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(0, wcwidth(ch)) for ch in text)  # a control character: it takes no column


def styled(ops: Iterable[tuple[Op, str]], color: bool, keep: Sequence[Op] = tuple(Op)) -> list[Piece]:
    """Edits as styled pieces; without colour, changed words get wdiff markers.

    Leading and trailing spaces of a changed run sit outside its markers, so the report reads
    ``their [-intention-]{+intent+}`` rather than ``their[- intention-]``; a change of spaces
    alone is made visible (``[-\u21b5-]{+\u2423+}``), and so are control characters (ESC) and a
    change of zero-width characters alone.
    """
    pieces: list[Piece] = []
    for op, text in ops:
        if op not in keep or not text:
            continue
        text = visible_controls(text)
        if op is Op.EQUAL:
            pieces.append((text, ""))
            continue
        style = "del" if op is Op.DELETE else "ins"
        text = visible_if_invisible(text)
        core = text.strip()
        if not core:
            core, lead, trail = visible_spaces(text), "", ""
        else:
            lead = text[: len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()) :]
        if lead:
            pieces.append((lead, ""))
        if color:
            pieces.append((core, style))
        else:
            left, right = _MARKS[style]
            pieces.append((left + core + right, ""))
        if trail:
            pieces.append((trail, ""))
    return pieces


def _words(pieces: Sequence[Piece]) -> list[list[Piece]]:
    """Split pieces into words at whitespace; a word may mix styles (``[-a-]{+b+}``)."""
    words: list[list[Piece]] = []
    current: list[Piece] = []
    for text, style in pieces:
        parts = _SPACE.split(text)
        for i, part in enumerate(parts):
            if i > 0 and current:
                words.append(current)
                current = []
            if part:
                current.append((part, style))
    if current:
        words.append(current)
    return words


def _split_long(word: list[Piece], width: int) -> list[list[Piece]]:
    """Cut a word wider than the line into line-sized parts (URLs, slugs)."""
    out: list[list[Piece]] = [[]]
    used = 0
    for text, style in word:
        for ch in iter_graphemes(text):  # never between an emoji and its skin tone
            w = cell_width(ch)
            if used + w > width and used > 0:
                out.append([])
                used = 0
            if out[-1] and out[-1][-1][1] == style:
                out[-1][-1] = (out[-1][-1][0] + ch, style)
            else:
                out[-1].append((ch, style))
            used += w
    return out


def wrap(pieces: Sequence[Piece], width: int) -> list[list[Piece]]:
    """Greedy word wrap of styled pieces to ``width`` columns; always at least one line."""
    width = max(1, width)
    lines: list[list[Piece]] = []
    line: list[Piece] = []
    used = 0
    for word in _words(pieces):
        w = sum(cell_width(t) for t, _ in word)
        if w > width:
            parts = _split_long(word, width)
        else:
            parts = [word]
        for part in parts:
            pw = sum(cell_width(t) for t, _ in part)
            if line and used + 1 + pw > width:
                lines.append(line)
                line, used = [], 0
            if line:
                # a space inside one changed run keeps its style (an underline does not break)
                shared = line[-1][1] if part and line[-1][1] == part[0][1] else ""
                line.append((" ", shared))
                used += 1
            line.extend(part)
            used += pw
    lines.append(line)
    return lines


def paint(line: Sequence[Piece], color: bool) -> str:
    """A line of pieces as a string, each styled run opened and closed on the same line."""
    if not color:
        return "".join(t for t, _ in line)
    out: list[str] = []
    run_style, run = "", ""
    for text, style in [*line, ("", "\0")]:
        if style == run_style:
            run += text
            continue
        if run:
            out.append(f"{_ANSI[run_style]}{run}{_RESET}" if run_style else run)
        run_style, run = style, text
    return "".join(out)


def _label(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_RESET}" if color and text else text


# --------------------------------------------------------------------------- renderers


def _header(c: Comparison, o: RenderOptions) -> list[str]:
    a = f"--- a: {visible_name(c.a.name)} ({visible_controls(document_facts(c.a))})"
    b = f"+++ b: {visible_name(c.b.name)} ({visible_controls(document_facts(c.b))})"
    return [_label(a, "head", o.color), _label(b, "head", o.color)]


def _title_line(c: Comparison, k: int, o: RenderOptions) -> str:
    title = pair_title(c, k)
    status = c.pairs[k].status.value
    if o.color:
        title = _label(status, status, True) + title[len(status) :]
    return "@@ " + title


def _inline_block(c: Comparison, k: int, o: RenderOptions) -> list[str]:
    lines = [_title_line(c, k, o)]
    body = wrap(styled(inline_ops(c, c.pairs[k]), o.color), o.width - 2)
    lines.extend(("  " + paint(line, o.color)).rstrip() for line in body)
    return lines


def _side_block(c: Comparison, k: int, o: RenderOptions) -> list[str]:
    p = c.pairs[k]
    col = max(8, (o.width - 3) // 2)
    ops = inline_ops(c, p)
    left = wrap(styled(ops, o.color, (Op.EQUAL, Op.DELETE)), col) if p.a else [[]]
    right = wrap(styled(ops, o.color, (Op.EQUAL, Op.INSERT)), col) if p.b else [[]]
    gutter = {
        Status.EQUAL: " ",
        Status.DELETED: "<",
        Status.INSERTED: ">",
        Status.MOVED: "~",
    }.get(p.status, "|")
    lines = [_title_line(c, k, o)]
    for i in range(max(len(left), len(right))):
        lt = left[i] if i < len(left) else []
        rt = right[i] if i < len(right) else []
        pad = " " * (col - sum(cell_width(t) for t, _ in lt))
        lines.append(f"{paint(lt, o.color)}{pad} {gutter} {paint(rt, o.color)}".rstrip())
    return lines


def render_stat(c: Comparison, options: RenderOptions | None = None) -> str:
    """The summary block: units per status, words, similarity, classes, top changes, notes."""
    o = _capped(options or RenderOptions())
    s = c.summary
    ignored = frozenset(c.options.ignore_classes)
    unit = c.a.units.value if isinstance(c.a.units, Units) else str(c.a.units)
    lines = [_label("Summary", "head", o.color)]
    lines.append(f"  a: {visible_name(c.a.name)} ({unit_word(c.a.units, s.a_units)})")
    lines.append(f"  b: {visible_name(c.b.name)} ({unit_word(c.b.units, s.b_units)})")
    counts = ", ".join(
        f"{n} {name}"
        for n, name in (
            (s.equal, "equal"),
            (s.changed, "changed"),
            (s.moved, "moved"),
            (s.deleted, "deleted"),
            (s.inserted, "inserted"),
        )
    )
    lines.append(f"  groups: {counts}")
    outside, boilerplate = getattr(s, "outside", 0), getattr(s, "boilerplate", 0)
    if outside:
        lines.append(f"  outside the shared text: {outside} groups")
    if boilerplate:
        lines.append(f"  boilerplate, not counted above: {boilerplate} groups")
    if getattr(s, "ignored", 0):
        lines.append(f"  ignored, not counted above: {s.ignored} groups")
    lines.append(f"  words: {s.words_deleted} deleted, {s.words_inserted} inserted")
    lines.append(f"  similarity: {round(s.similarity * 100)}%")
    if s.class_counts:
        parts = class_count_parts(s, ignored)
        lines.append(f"  changes: {', '.join(parts)}")
    lines.append("  verdict: " + ("identical" if s.identical else "different"))
    top = visible_top_changes(c, ignored, o.top)
    if top:
        lines.append(_label("Top changes", "head", o.color))
        for rank, (pk, ck) in enumerate(top, 1):
            p, ch = c.pairs[pk], c.pairs[pk].changes[ck]
            where = " -> ".join(x for x in (p.a and f"a {span(p.a)}", p.b and f"b {span(p.b)}") if x)
            cls = ch.change_class.value
            lead = f"  {rank:>2}. {cls} {ch.significance:.2f} ({where}) "
            room = max(12, o.width - len(lead))
            a_text, b_text = visible_change(ch.a_text), visible_change(ch.b_text)  # "\n" -> "↵"
            if a_text.strip() and b_text.strip():
                half = max(5, (room - 8) // 2)
                what = f'"{clip(a_text, half)}" -> "{clip(b_text, half)}"'
            elif a_text.strip():
                what = f'deleted "{clip(a_text, room - 10)}"'
            else:
                what = f'inserted "{clip(b_text, room - 11)}"'
            what = visible_controls(what)
            styled_cls = _label(cls, _CLASS_STYLE[ch.change_class], o.color)
            lines.append(f"  {rank:>2}. {styled_cls} {ch.significance:.2f} ({where}) {what}")
            if ch.reasons:
                lines.extend(_wrapped("; ".join(ch.reasons), "      ", "      ", o.width))
    for note in c.notes:
        lines.extend(_wrapped(visible_name(note), "  note: ", "        ", o.width))
    return "\n".join(lines) + "\n"


def _wrapped(text: str, first: str, rest: str, width: int) -> list[str]:
    """Plain text wrapped to ``width`` after a first-line prefix and a hanging indent."""
    body = wrap([(text, "")], max(10, width - len(first)))
    return [(first if i == 0 else rest) + paint(line, False) for i, line in enumerate(body)]


_CLASS_STYLE = {
    ChangeClass.SUBSTANTIVE: "deleted",
    ChangeClass.WORDING: "changed",
    ChangeClass.SPELLING: "moved",
    ChangeClass.FORMATTING: "fold",
}


def render_text(c: Comparison, options: RenderOptions | None = None) -> str:
    """The whole terminal report as one string ending in a newline."""
    o = _capped(options or RenderOptions())
    if o.stat:
        return render_stat(c, o)
    block = _side_block if o.side_by_side else _inline_block
    lines = _header(c, o)
    for row in plan_rows(c, context=o.context, show_all=o.show_all):
        lines.append("")
        if row.kind == "pair":
            lines.extend(block(c, row.pair, o))
        else:
            lines.append(_label(fold_text(c, row), "fold", o.color))
    out = "\n".join(_merge_folds(lines)) + "\n"
    if o.summary:
        out += "\n" + render_stat(c, o)
    return out


def _merge_folds(lines: list[str]) -> list[str]:
    """Keep consecutive one-line folds together instead of a blank line between each."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if line == "" and out and _is_fold(out[-1]) and i + 1 < len(lines) and _is_fold(lines[i + 1]):
            continue
        out.append(line)
    return out


def _is_fold(line: str) -> bool:
    return line.startswith("...") or line.startswith(_ANSI["fold"] + "...")


def render_units(doc: Document) -> str:
    """``stmtdiff segment``: one unit a line, numbered from 1, with its exact offsets.

    Line breaks and tabs inside a unit are shown as ``\\n`` and ``\\t`` so each unit stays on
    one line, and every other control character, line separator or bidi control as ``\\x1b``,
    ``\\u2028``, ``\\u202e``, so none reaches the terminal; boilerplate units are flagged.
    """
    lines = [f"# {visible_name(doc.name)}: {unit_word(doc.units, len(doc.sentences))} (number start-end text)"]
    digits = len(str(len(doc.sentences)))
    for s in doc.sentences:
        text = _escape_unit(s.text)
        flag = " [boilerplate]" if s.boilerplate else ""
        lines.append(f"{s.index + 1:>{digits}} {s.start}-{s.end}{flag} {text}")
    return "\n".join(lines) + "\n"


_UNIT_SPECIAL = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_UNIT_ESCAPES = {"\\": "\\\\", "\r": "\\r", "\n": "\\n", "\t": "\\t", "\v": "\\v", "\f": "\\f"}


def _escape_unit(text: str) -> str:
    """A unit on one line, as a Python string literal would spell its special characters."""
    return _UNIT_SPECIAL.sub(lambda m: _UNIT_ESCAPES.get(m.group()) or ascii(m.group())[1:-1], text)
