"""A Word redline (issue 19): B's text with every difference from A as a native tracked change.

Accept all changes in Word or LibreOffice and the document reads B; reject them all and it reads
A. Deleted words are ``w:del``, inserted ones ``w:ins``, a moved group is a Word move
(``w:moveFrom`` where it stood in A, ``w:moveTo`` where it stands in B, with matching named
move ranges), a substantive change carries a comment with its class and reasons (so does one
holding a bidi override or a C1 control, named in the comment, as it acts unseen), and a change
of an ``ignore_classes`` class is plain text (B's wording, not tracked).

How the document is laid out, and why:

- **One stream, two orders.** The pairs come in B's reading order. Each contributes its A
  text (equal, deleted, moved-from) and its B text (equal, inserted, moved-to); read with the
  deletions only, the stream must give A in A's order, and read with the insertions only, B in
  B's order. A moved group's A side is therefore written apart, right after the group that
  precedes it in A, which is also where a reader of A looks for it. The whitespace between
  units (not part of any pair) is written between the groups, deleted or inserted when A and B
  differ there.
- **Paragraphs follow B.** Every line break in B's text (a run of line breaks, with any blank
  lines in it; a line break is what ``str.splitlines`` and the segmenter cut at, a form feed
  aside: ``\\n``, ``\\r\\n``, ``\\r``, U+2028, U+2029, NEL, ``\\v``...) ends a paragraph: an equal one a plain paragraph mark, an inserted
  one a paragraph mark tracked as inserted, so rejecting it joins the two paragraphs again.
  A's own line breaks, inside deleted or moved-from text, are deleted line breaks
  (``<w:br/>``). Paragraph breaks are the one thing the round trip does not keep exactly: which
  characters made a break (``\\n\\n`` or ``\\r\\n``) is not recorded, and a break in A where B has
  the same break written differently is one paragraph mark.
- **Styles.** When B is a DOCX, each paragraph gets its paragraph style back (a heading stays a
  heading); when only A is, a paragraph gets the style of the A paragraph it maps onto cleanly
  (its sentences align with that paragraph's sentences and no others). Known Word styles
  (headings, title, quote, list paragraph) get a definition that looks like Word's; any other
  name is kept, based on Normal.
- **A document is data.** Every string is XML-escaped and written only as run text, comment
  text or a header line; nothing becomes a field code, a hyperlink, an attribute other than a
  style name or a macro. Characters XML 1.0 cannot hold (C0 controls other than tab, form feed
  and line breaks, U+FFFE, U+FFFF, lone surrogates) are written as symbols: ESC as ``␛`` (U+241B),
  the others as U+FFFD; a form feed is a page break. :func:`as_written` says exactly what
  text the redline holds for a given text.
- **Reproducible.** Revisions are authored ``stmtdiff`` and dated with B's modification time
  (``Source.modified``: B is the revision), else A's, else 1980-01-01; the zip entries carry
  that date too, in a fixed order, so the same inputs give the same bytes.
- **Checked as written.** Before the bytes are made, the stream is read back both ways and
  compared with A and B; a mismatch is an internal error, never a wrong redline.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone

from stmtdiff.errors import StmtdiffError
from stmtdiff.model import ChangeClass, Comparison, Document, Op, Pair, Status
from stmtdiff.report import hidden_characters

__all__ = ["AUTHOR", "as_written", "render_docx"]

AUTHOR = "stmtdiff"
EPOCH = "1980-01-01T00:00:00Z"  # the date when the inputs have none (stdin, URLs): zip's first day

# Kinds of pieces in the stream. Text pieces: (kind, text, comment key, A text when it differs).
EQ, INS, DEL, MOVE_FROM, MOVE_TO = range(5)
# Markers: (kind, number).
COMMENT_START, COMMENT_END, FROM_START, FROM_END, TO_START, TO_END = range(10, 16)
_B_VISIBLE = (EQ, INS, MOVE_TO)

Piece = tuple  # (kind, text, key, a_text) or (marker, number)

# A line break: what str.splitlines (and the segmenter, for --units lines) cuts at, but the form
# feed, which is a page break. "a\u2028b" is two lines, so two paragraphs; written as a
# character in the run, LibreOffice showed "ab" on one line.
_LINE_BREAK = "\r\n|[\n\r\v\x1c\x1d\x1e\x85\u2028\u2029]"
# A paragraph break in B's text: a line break, and any blank lines right after it.
PARAGRAPH_BREAK = re.compile(f"(?:{_LINE_BREAK})(?:[ \t]*(?:{_LINE_BREAK}))*")
# What XML 1.0 cannot hold (line breaks and the form feed are handled before: they become
# paragraph marks, line breaks and page breaks).
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1b\x1f\ufffe\uffff\ud800-\udfff]")
_NOT_XML_OR_FF = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_RUN_SPECIAL = re.compile(f"\\t|\\f|{_LINE_BREAK}")
_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def as_written(text: str) -> str:
    """``text`` as the redline holds it: what XML 1.0 cannot carry replaced by a symbol.

    C0 controls other than tab, form feed and the line breaks (line feed, carriage return,
    vertical tab, and the file, group and record separators, which ``str.splitlines`` cuts at)
    become their control pictures; U+FFFE, U+FFFF and lone surrogates become U+FFFD. Everything
    else is kept (a line break reads back as a paragraph or line break, see the module).

    >>> as_written("a\\x1bb\\x00\\ufffe\\tc")
    'a␛b␀\\ufffd\\tc'
    """
    return _NOT_XML.sub(_symbol, text) if _NOT_XML.search(text) else text


def _symbol(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\ufffd"


def _esc(text: str) -> str:
    """XML text and attribute escaping (&, <, >, ") after :func:`as_written`'s replacements."""
    if _NOT_XML_OR_FF.search(text):
        text = _NOT_XML_OR_FF.sub(_symbol, text)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


# ---------------------------------------------------------------------------- the stream


def _span(doc: Document, idxs: Sequence[int]) -> tuple[int, int] | None:
    if not idxs:
        return None
    return doc.sentences[idxs[0]].start, doc.sentences[idxs[-1]].end


def _layout(c: Comparison) -> list[tuple[str, int]]:
    """The parts of the stream in order, as (role, pair index): ``whole`` for a group in place,
    ``to`` for a moved group's B side (at its place in B), ``from`` for its A side.

    A moved group's A side goes right after the group that precedes it in A (or first, when it
    opened A). A group the aligner did not call moved but whose A side is out of order is
    treated as moved too, so A's order holds whatever the input.
    """
    a_sents = c.a.sentences
    parts: list[tuple[str, int]] = []
    moved: list[int] = []
    anchors: list[tuple[int, int]] = []  # (A start, position in parts) of groups in place
    last_a_end = -1
    for i, p in enumerate(c.pairs):
        a_start = a_sents[p.a[0]].start if p.a else None
        if p.a and p.b and (p.status is Status.MOVED or (a_start is not None and a_start < last_a_end)):
            moved.append(i)
            parts.append(("to", i))
            continue
        if p.a:
            anchors.append((a_sents[p.a[0]].start, len(parts)))
            last_a_end = a_sents[p.a[-1]].end
        parts.append(("whole", i))
    if not moved:
        return parts
    starts = [s for s, _ in anchors]
    after: dict[int, list[tuple[int, int]]] = {}
    for i in moved:
        s = a_sents[c.pairs[i].a[0]].start
        k = bisect.bisect_left(starts, s) - 1
        after.setdefault(anchors[k][1] if k >= 0 else -1, []).append((s, i))
    ordered = [("from", i) for _, i in sorted(after.get(-1, []))]
    for pos, part in enumerate(parts):
        ordered.append(part)
        ordered.extend(("from", i) for _, i in sorted(after.get(pos, [])))
    return ordered


def _edit_runs(c: Comparison, p: Pair) -> list[tuple[Op, int, int, int, int]]:
    """The pair's edits as (op, a_start, a_end, b_start, b_end), checked to tile its spans in
    order; edits that do not (never seen) are replaced by one deletion and one insertion."""
    a = _span(c.a, p.a)
    b = _span(c.b, p.b)
    a0, a1 = a if a else (0, 0)
    b0, b1 = b if b else (0, 0)
    ac, bc, ok = a0, b0, True
    runs: list[tuple[Op, int, int, int, int]] = []
    for e in p.edits:
        if e.op is Op.EQUAL:
            ok = e.a_start == ac and e.b_start == bc and e.a_end >= ac and e.b_end >= bc
            ac, bc = e.a_end, e.b_end
        elif e.op is Op.DELETE:
            ok = e.a_start == ac and e.a_end >= ac
            ac = e.a_end
        else:
            ok = e.b_start == bc and e.b_end >= bc
            bc = e.b_end
        if not ok:
            break
        runs.append((e.op, e.a_start, e.a_end, e.b_start, e.b_end))
    if ok and ac == a1 and bc == b1:
        return runs
    fallback = []
    if a1 > a0:
        fallback.append((Op.DELETE, a0, a1, b0, b0))
    if b1 > b0:
        fallback.append((Op.INSERT, a1, a1, b0, b1))
    return fallback


def _split(start: int, end: int, intervals: Sequence[tuple[int, int, int]]) -> Iterator[tuple[int, int, int]]:
    """``start:end`` cut where changes (sorted, not overlapping) begin and end: (start, end,
    change index or -1). ``_split(0, 10, [(2, 4, 0)])`` gives (0, 2, -1), (2, 4, 0), (4, 10, -1)."""
    pos = start
    first = max(0, bisect.bisect_right(intervals, (start, start, -1)) - 1)  # a long pair has thousands
    for lo, hi, k in itertools.islice(intervals, first, None):
        if lo >= end:
            break
        if hi <= pos:
            continue
        if lo > pos:
            yield pos, lo, -1
            pos = lo
        stop = min(hi, end)
        if stop > pos:
            yield pos, stop, k
            pos = stop
    if pos < end:
        yield pos, end, -1


def _part_pieces(c: Comparison, role: str, i: int) -> list[Piece]:
    """The text pieces of one part: equal, deleted, inserted or moved text, each deleted or
    inserted piece tagged with its substantive change (for the comment)."""
    p = c.pairs[i]
    a_text, b_text = c.a.text, c.b.text
    ignored = c.options.ignore_classes
    changes = p.changes
    out: list[Piece] = []
    a_iv = sorted((ch.a_start, ch.a_end, k) for k, ch in enumerate(changes) if ch.a_end > ch.a_start)
    b_iv = sorted((ch.b_start, ch.b_end, k) for k, ch in enumerate(changes) if ch.b_end > ch.b_start)
    for op, a0, a1, b0, b1 in _edit_runs(c, p):
        if op is Op.EQUAL:
            at, bt = a_text[a0:a1], b_text[b0:b1]
            if role == "whole":  # equal up to what the user ignores (case...): B's text, plain
                out.append((EQ, bt, None, None if at == bt else at))
            elif role == "from":
                out.append((MOVE_FROM, at, None, None))
            else:
                out.append((MOVE_TO, bt, None, None))
        elif op is Op.DELETE:
            if role == "to":
                continue
            for s, e, k in _split(a0, a1, a_iv):
                cls = changes[k].change_class if k >= 0 else None
                t = a_text[s:e]
                if cls is not None and (cls in ignored or changes[k].ignored):
                    out.append((EQ, "", None, t) if role == "whole" else (MOVE_FROM, t, None, None))
                else:
                    out.append((DEL, t, (i, k) if _commented(cls, t) else None, None))
        else:
            if role == "from":
                continue
            for s, e, k in _split(b0, b1, b_iv):
                cls = changes[k].change_class if k >= 0 else None
                t = b_text[s:e]
                if cls is not None and (cls in ignored or changes[k].ignored):
                    out.append((EQ, t, None, "") if role == "whole" else (MOVE_TO, t, None, None))
                else:
                    out.append((INS, t, (i, k) if _commented(cls, t) else None, None))
    return out


def _commented(cls: ChangeClass | None, text: str) -> bool:
    """Whether a change gets a comment: a substantive one, and one whose text holds a character
    that acts unseen (a bidi override reorders the words after it; the redline keeps the text
    exact, so the comment names it: ``formatting: whitespace only; holds U+202E``)."""
    return cls is ChangeClass.SUBSTANTIVE or (cls is not None and bool(hidden_characters(text)))


def _gap(a_gap: str, b_gap: str) -> list[Piece]:
    """The whitespace between two groups where A has ``a_gap`` and B ``b_gap``."""
    if a_gap == b_gap:
        return [(EQ, b_gap, None, None)] if b_gap else []
    if PARAGRAPH_BREAK.sub("\n", a_gap) == PARAGRAPH_BREAK.sub("\n", b_gap):
        return [(EQ, b_gap, None, a_gap)]  # the same paragraph break, written differently
    out: list[Piece] = []
    if a_gap:
        out.append((DEL, a_gap, None, None))
    if b_gap:
        out.append((INS, b_gap, None, None))
    return out


def _stream(c: Comparison) -> tuple[list[Piece], list[tuple[int, int]]]:
    """Every piece and marker in document order, and the (pair, change) of each comment."""
    layout = _layout(c)
    pieces = {part: _part_pieces(c, *part) for part in layout}
    # A move needs text on both sides; without (only deletions and insertions), it is those.
    for role, i in layout:
        if role != "to":
            continue
        src, dst = pieces[("from", i)], pieces[("to", i)]
        if not (any(x[0] == MOVE_FROM and x[1] for x in src) and any(x[0] == MOVE_TO and x[1] for x in dst)):
            pieces[("from", i)] = [(DEL, *x[1:]) if x[0] == MOVE_FROM else x for x in src]
            pieces[("to", i)] = [(INS, *x[1:]) if x[0] == MOVE_TO else x for x in dst]
    # Each comment goes where the change shows in B (the moved-to side), else where it shows in A.
    home: dict[tuple[int, int], str] = {}
    for (role, _i), part in pieces.items():
        for x in part:
            if x[2] is not None and home.get(x[2]) != "to":
                home[x[2]] = role
    keys_of: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for key, role in home.items():
        keys_of.setdefault((role, key[0]), []).append(key)
    comments: list[tuple[int, int]] = []
    move_number = itertools.count(1)
    moves: dict[int, int] = {}
    a, b = c.a.text, c.b.text
    out: list[Piece] = []
    ac = bc = 0
    for role, i in layout:
        p = c.pairs[i]
        sa = _span(c.a, p.a) if role != "to" else None
        sb = _span(c.b, p.b) if role != "from" else None
        part = pieces[(role, i)]
        # A sentence added or omitted whose change is ignored is plain text, and so is the space
        # before it: else the redline showed one tracked space and nothing else.
        plain = all(x[0] == EQ for x in part if x[0] < COMMENT_START)
        if sa and sb:
            out.extend(_gap(a[ac : sa[0]], b[bc : sb[0]]))
        elif sa and sa[0] > ac:
            out.append((EQ, "", None, a[ac : sa[0]]) if plain else (DEL, a[ac : sa[0]], None, None))
        elif sb and sb[0] > bc:
            out.append((EQ, b[bc : sb[0]], None, "") if plain else (INS, b[bc : sb[0]], None, None))
        if sa:
            ac = max(ac, sa[1])
        if sb:
            bc = max(bc, sb[1])
        is_move = role != "whole" and any(x[0] in (MOVE_FROM, MOVE_TO) for x in part)
        if is_move:
            number = moves.setdefault(i, next(move_number))
            out.append((FROM_START if role == "from" else TO_START, number))
        out.extend(_with_comments(part, keys_of.get((role, i), ()), comments))
        if is_move:
            out.append((FROM_END if role == "from" else TO_END, moves[i]))
    out.extend(_gap(a[ac:], b[bc:]))
    out = _unflank(_coalesce(out))
    _check(c, out)
    return out, comments


def _with_comments(part: list[Piece], keys: Sequence[tuple[int, int]], comments: list[tuple[int, int]]) -> list[Piece]:
    """``part`` with a comment range around the pieces of each change in ``keys``, from its
    first piece to its last; each new comment's key is appended to ``comments`` (its id is its
    place there). ``[del "will", ins "shall"]`` with key (3, 0) becomes ``[start 0, del "will",
    ins "shall", end 0]``."""
    if not keys:
        return part
    wanted = set(keys)
    first: dict[tuple[int, int], int] = {}
    last: dict[tuple[int, int], int] = {}
    for n, x in enumerate(part):
        if x[2] in wanted:
            first.setdefault(x[2], n)
            last[x[2]] = n
    opens = {n: key for key, n in first.items()}  # a piece belongs to one change: one key a place
    closes: dict[int, list[tuple[int, int]]] = {}
    for key, n in last.items():
        closes.setdefault(n, []).append(key)
    ids: dict[tuple[int, int], int] = {}
    out: list[Piece] = []
    for n, x in enumerate(part):
        if n in opens:
            ids[opens[n]] = len(comments)
            comments.append(opens[n])
            out.append((COMMENT_START, ids[opens[n]]))
        out.append(x)
        out.extend((COMMENT_END, ids[key]) for key in closes.get(n, ()))
    return out


def _check(c: Comparison, stream: list[Piece]) -> None:
    """The stream must give back B with the insertions and A with the deletions, exactly."""
    accept = "".join(x[1] for x in stream if x[0] in _B_VISIBLE)
    reject = "".join(
        (x[3] if x[3] is not None else x[1]) if x[0] == EQ else x[1] for x in stream if x[0] in (EQ, DEL, MOVE_FROM)
    )
    if accept != c.b.text or reject != c.a.text:
        side = "B" if accept != c.b.text else "A"
        raise StmtdiffError(f"internal error: the Word redline does not give back document {side}; not written")


def _coalesce(stream: list[Piece]) -> list[Piece]:
    """Neighbouring pieces of one kind and comment written as one run (smaller files)."""
    out: list[Piece] = []
    for x in stream:
        if x[0] >= COMMENT_START:
            out.append(x)
            continue
        if not x[1] and not x[3]:
            continue
        if out:
            y = out[-1]
            if y[0] == x[0] and y[2] == x[2]:
                a_text = None if y[3] is None and x[3] is None else (y[1] if y[3] is None else y[3]) + (x[1] if x[3] is None else x[3])
                out[-1] = (x[0], y[1] + x[1], x[2], a_text)
                continue
        out.append(x)
    return out


def _unflank(stream: list[Piece]) -> list[Piece]:
    """A plain paragraph break between two insertions, written as A's break deleted and B's
    inserted.

    LibreOffice (7.4) joins an insertion that ends a paragraph with one that starts the next
    into one change, paragraph mark and all, so rejecting all changes there loses a paragraph
    break that A has ("x[+a+]¶[+b+]c" rejects to "xc"). Word does not; the rewritten break
    reads the same in both.
    """
    texts = [n for n, x in enumerate(stream) if x[0] < COMMENT_START]
    flanked = {
        n
        for before, n, after in zip(texts, texts[1:], texts[2:])
        if stream[n][0] == EQ
        and stream[before][0] == INS
        and stream[after][0] == INS
        and PARAGRAPH_BREAK.fullmatch(stream[n][1])
    }
    if not flanked:
        return stream
    out: list[Piece] = []
    for n, x in enumerate(stream):
        if n in flanked:
            out.append((DEL, x[1] if x[3] is None else x[3], None, None))
            out.append((INS, x[1], None, None))
        else:
            out.append(x)
    return out


# ------------------------------------------------------------------------------ the XML

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class _Writer:
    """Turns the stream into paragraphs of WordprocessingML, numbering revisions as it goes."""

    def __init__(self, date: str, first_id: int = 1) -> None:
        self.rev = f' w:author="{AUTHOR}" w:date="{date}"'
        # Comments have ids 0..n-1; revisions and move ranges take the ids after them. ECMA-376
        # asks every annotation id to be unique in the document, and Word is stricter than
        # LibreOffice about it.
        self.ids = itertools.count(first_id)
        self.range_ids: dict[tuple[int, int], int] = {}
        # (content XML, paragraph mark inserted, B start, B end) per paragraph
        self.paragraphs: list[tuple[str, bool, int, int]] = []

    def _inner(self, text: str, tag: str) -> str:
        """A run's content: text, tabs, page breaks and (in A's text) line breaks."""
        if not _RUN_SPECIAL.search(text):
            return f'<w:{tag} xml:space="preserve">{_esc(text)}</w:{tag}>'
        parts: list[str] = []
        pos = 0
        for m in _RUN_SPECIAL.finditer(text):
            if m.start() > pos:
                parts.append(f'<w:{tag} xml:space="preserve">{_esc(text[pos : m.start()])}</w:{tag}>')
            special = m.group()
            parts.append("<w:tab/>" if special == "\t" else '<w:br w:type="page"/>' if special == "\f" else "<w:br/>")
            pos = m.end()
        if pos < len(text):
            parts.append(f'<w:{tag} xml:space="preserve">{_esc(text[pos:])}</w:{tag}>')
        return "".join(parts)

    def run(self, kind: int, text: str) -> str:
        if kind == EQ:
            return f"<w:r>{self._inner(text, 't')}</w:r>"
        if kind == DEL:
            return f'<w:del w:id="{next(self.ids)}"{self.rev}><w:r>{self._inner(text, "delText")}</w:r></w:del>'
        tag = {INS: "ins", MOVE_FROM: "moveFrom", MOVE_TO: "moveTo"}[kind]
        return f'<w:{tag} w:id="{next(self.ids)}"{self.rev}><w:r>{self._inner(text, "t")}</w:r></w:{tag}>'

    def marker(self, kind: int, number: int) -> str:
        if kind == COMMENT_START:
            return f'<w:commentRangeStart w:id="{number}"/>'
        if kind == COMMENT_END:
            return (
                f'<w:commentRangeEnd w:id="{number}"/>'
                f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="{number}"/></w:r>'
            )
        tag = "moveFrom" if kind in (FROM_START, FROM_END) else "moveTo"
        if kind in (FROM_START, TO_START):
            rid = self.range_ids[(kind, number)] = next(self.ids)
            return f'<w:{tag}RangeStart w:id="{rid}"{self.rev} w:name="move{number}"/>'
        rid = self.range_ids[(kind - 1, number)]
        return f'<w:{tag}RangeEnd w:id="{rid}"/>'

    def write(self, stream: list[Piece]) -> None:
        content: list[str] = []
        b_pos = start = 0
        for x in stream:
            kind = x[0]
            if kind >= COMMENT_START:
                content.append(self.marker(kind, x[1]))
                continue
            text = x[1]
            if kind not in _B_VISIBLE:
                content.append(self.run(kind, text))
                continue
            pos = 0
            for m in PARAGRAPH_BREAK.finditer(text):
                if m.start() > pos:
                    content.append(self.run(kind, text[pos : m.start()]))
                self.paragraphs.append(("".join(content), kind != EQ, start, b_pos + m.start()))
                content = []
                start = b_pos + m.end()
                pos = m.end()
            if pos < len(text):
                content.append(self.run(kind, text[pos:]))
            b_pos += len(text)
        self.paragraphs.append(("".join(content), False, start, b_pos))

    def mark(self) -> str:
        return f'<w:ins w:id="{next(self.ids)}"{self.rev}/>'


# ----------------------------------------------------------------------------- styles

# Word's built-in paragraph styles, by lower-case name: (w:name, style id, pPr, rPr).
_BUILTIN: dict[str, tuple[str, str, str, str]] = {
    "title": ("Title", "Title", '<w:spacing w:after="240"/>', '<w:sz w:val="52"/><w:szCs w:val="52"/>'),
    "subtitle": ("Subtitle", "Subtitle", "", '<w:i/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
    "quote": ("Quote", "Quote", '<w:ind w:left="720" w:right="720"/>', "<w:i/>"),
    "intense quote": ("Intense Quote", "IntenseQuote", '<w:ind w:left="720" w:right="720"/>', "<w:b/><w:i/>"),
    "list paragraph": ("List Paragraph", "ListParagraph", '<w:ind w:left="720"/>', ""),
    "caption": ("caption", "Caption", "", '<w:i/><w:sz w:val="18"/><w:szCs w:val="18"/>'),
    **{
        f"heading {n}": (
            f"heading {n}",
            f"Heading{n}",
            f'<w:keepNext/><w:spacing w:before="{320 if n == 1 else 200}" w:after="80"/><w:outlineLvl w:val="{n - 1}"/>',
            f'<w:b/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>',
        )
        for n, size in zip(range(1, 10), (32, 28, 26, 24, 22, 22, 22, 22, 22))
    },
}


def _style_ids(names: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Style name -> (style id, its <w:style> XML or "" when another name has it), each style
    defined once; ids are ASCII letters and digits, unique."""
    out: dict[str, tuple[str, str]] = {}
    used = {"Normal", "DefaultParagraphFont", "Header", "CommentText", "CommentReference"}
    for name in names:
        if name in out:
            continue
        builtin = _BUILTIN.get(name.lower())
        if builtin:
            w_name, sid, ppr, rpr = builtin
            if sid in used:  # "Heading 1" after "heading 1": the same style
                out[name] = (sid, "")
                continue
            used.add(sid)
            xml = (
                f'<w:style w:type="paragraph" w:styleId="{sid}"><w:name w:val="{w_name}"/>'
                f'<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>'
                + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
                + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
                + "</w:style>"
            )
        else:
            base = re.sub(r"[^A-Za-z0-9]", "", name)[:32] or "Style"
            sid = base
            n = 2
            while sid in used:
                sid, n = f"{base}{n}", n + 1
            used.add(sid)
            xml = (
                f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{_esc(name)}"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
            )
        out[name] = (sid, xml)
    return out


def _paragraph_styles(c: Comparison, ranges: Sequence[tuple[int, int]]) -> list[str | None]:
    """The style name of each output paragraph (its B span given), or None.

    B's own styles when B is a DOCX; else A's, for a paragraph that maps cleanly onto one
    styled A paragraph: each of its units is aligned with units of that A paragraph, and each
    unit of that A paragraph with units of this one (a heading reworded keeps its style; a
    heading that gained or lost a sentence does not).
    """
    b_styles = sorted(c.b.source.paragraph_styles)
    if b_styles:
        return [_containing(b_styles, s, e) for s, e in ranges]
    a_styles = sorted(c.a.source.paragraph_styles)
    if not a_styles:
        return [None] * len(ranges)
    a_pair: dict[int, int] = {}
    b_pair: dict[int, int] = {}
    for k, p in enumerate(c.pairs):
        for u in p.a:
            a_pair[u] = k
        for u in p.b:
            b_pair[u] = k
    a_starts = [s.start for s in c.a.sentences]
    b_starts = [s.start for s in c.b.sentences]
    out: list[str | None] = []
    for s, e in ranges:
        b_units = _units_within(c.b, b_starts, s, e)
        if not b_units or any(v not in b_pair or not c.pairs[b_pair[v]].a for v in b_units):
            out.append(None)  # empty, or a sentence of it is new
            continue
        a_units = {u for v in b_units for u in c.pairs[b_pair[v]].a}
        first, last = c.a.sentences[min(a_units)], c.a.sentences[max(a_units)]
        k = bisect.bisect_right(a_styles, (first.start, float("inf"), "")) - 1
        if k < 0 or last.end > a_styles[k][1]:
            out.append(None)
            continue
        qs, qe, name = a_styles[k]
        back = [c.pairs[a_pair[u]].b if u in a_pair else () for u in _units_within(c.a, a_starts, qs, qe)]
        inside = all(
            group and all(s <= c.b.sentences[v].start and c.b.sentences[v].end <= e for v in group) for group in back
        )
        out.append(name if inside else None)  # else a sentence of it was dropped or went elsewhere
    return out


def _containing(spans: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The name of the span that holds ``start:end`` (a non-empty range), if one does."""
    if end <= start:
        return None
    k = bisect.bisect_right(spans, (start, float("inf"), "")) - 1
    if k >= 0 and spans[k][0] <= start and end <= spans[k][1]:
        return spans[k][2]
    return None


def _units_within(doc: Document, starts: Sequence[int], lo: int, hi: int) -> list[int]:
    """Indices of the units of ``doc`` that overlap ``lo:hi``."""
    k = max(0, bisect.bisect_right(starts, lo) - 1)
    out = []
    sents = doc.sentences
    while k < len(sents) and sents[k].start < hi:
        if sents[k].end > lo:
            out.append(k)
        k += 1
    return out


# ------------------------------------------------------------------------------ package


def _revision_date(c: Comparison, date: datetime | None) -> str:
    """The date of every revision: given, else B's modification time, else A's, else 1980."""
    if date is not None:
        if date.tzinfo is not None:
            date = date.astimezone(timezone.utc)
        return date.strftime("%Y-%m-%dT%H:%M:%SZ")
    found = [m for m in (c.b.source.modified, c.a.source.modified) if m and _ISO_DATE.fullmatch(m)]
    return found[0] if found else EPOCH


def _zip_time(date: str) -> tuple[int, int, int, int, int, int]:
    y, mo, d, h, mi, s = (int(x) for x in re.findall(r"\d+", date)[:6])
    if y < 1980:
        return (1980, 1, 1, 0, 0, 0)
    if y > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (y, mo, d, h, mi, s)


def _comment_text(c: Comparison, key: tuple[int, int]) -> str:
    ch = c.pairs[key[0]].changes[key[1]]
    hidden = hidden_characters(ch.a_text + ch.b_text)
    reasons = list(ch.reasons) + ([f"holds invisible characters {', '.join(hidden)}"] if hidden else [])
    return f"{ch.change_class.value}: {'; '.join(reasons)}" if reasons else ch.change_class.value


def render_docx(comparison: Comparison, *, date: datetime | None = None) -> bytes:
    """The Word redline of ``comparison``: a .docx file's bytes (see the module docstring).

    ``date`` overrides the revision date (by default the inputs' latest modification time).

    >>> import io, zipfile
    >>> from stmtdiff import compare
    >>> data = render_docx(compare("We will act. It is done.", "We shall act. It is done."))
    >>> package = zipfile.ZipFile(io.BytesIO(data))
    >>> '<w:delText xml:space="preserve">will</w:delText>' in package.read("word/document.xml").decode()
    True
    >>> "substantive: " in package.read("word/comments.xml").decode()  # will -> shall: modality
    True
    """
    c = comparison
    when = _revision_date(c, date)
    stream, comments = _stream(c)
    writer = _Writer(when, first_id=max(1, len(comments)))
    writer.write(stream)
    ranges = [(s, e) for _, _, s, e in writer.paragraphs]
    names = _paragraph_styles(c, ranges)
    styles = _style_ids([n for n in names if n])
    body: list[str] = []
    for (content, inserted, _s, _e), name in zip(writer.paragraphs, names):
        ppr = ""
        if name:
            ppr += f'<w:pStyle w:val="{styles[name][0]}"/>'
        if inserted:
            ppr += f"<w:rPr>{writer.mark()}</w:rPr>"
        body.append(f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>" if ppr else f"<w:p>{content}</w:p>")
    header = f"stmtdiff redline: {c.a.name} \u2192 {c.b.name}"
    document = (
        f'{_XML_HEAD}<w:document xmlns:w="{_W_NS}" xmlns:r="{_R_NS}"><w:body>{"".join(body)}'
        '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1247" w:right="1134" w:bottom="1247" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/>'
        "</w:sectPr></w:body></w:document>"
    )
    files = [
        ("[Content_Types].xml", _content_types(bool(comments))),
        ("_rels/.rels", _ROOT_RELS),
        ("word/_rels/document.xml.rels", _document_rels(bool(comments))),
        ("word/document.xml", document),
        ("word/styles.xml", _styles_xml([xml for _sid, xml in styles.values()])),
        ("word/settings.xml", _SETTINGS),
        (
            "word/header1.xml",
            f'{_XML_HEAD}<w:hdr xmlns:w="{_W_NS}"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr>'
            f"<w:r><w:t xml:space=\"preserve\">{_esc(header)}</w:t></w:r></w:p></w:hdr>",
        ),
    ]
    if comments:
        items = "".join(
            f'<w:comment w:id="{n}" w:author="{AUTHOR}" w:date="{when}" w:initials="sd">'
            f'<w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
            f'<w:r><w:t xml:space="preserve">{_esc(_comment_text(c, key))}</w:t></w:r></w:p></w:comment>'
            for n, key in enumerate(comments)
        )
        files.append(("word/comments.xml", f'{_XML_HEAD}<w:comments xmlns:w="{_W_NS}">{items}</w:comments>'))
    out = io.BytesIO()
    stamp = _zip_time(when)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            zf.writestr(info, xml.encode("utf-8"))
    return out.getvalue()


_ROOT_RELS = (
    f"{_XML_HEAD}"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)

_SETTINGS = (
    f'{_XML_HEAD}<w:settings xmlns:w="{_W_NS}"><w:trackRevisions/>'
    '<w:defaultTabStop w:val="720"/><w:compat/></w:settings>'
)


def _content_types(with_comments: bool) -> str:
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    parts = [("document", "document.main"), ("styles", "styles"), ("settings", "settings"), ("header1", "header")]
    if with_comments:
        parts.append(("comments", "comments"))
    overrides = "".join(f'<Override PartName="/word/{n}.xml" ContentType="{main}.{t}+xml"/>' for n, t in parts)
    return (
        f"{_XML_HEAD}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )


def _document_rels(with_comments: bool) -> str:
    kind = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = [("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"), ("rId4", "header", "header1.xml")]
    if with_comments:
        rels.append(("rId3", "comments", "comments.xml"))
    items = "".join(f'<Relationship Id="{i}" Type="{kind}/{t}" Target="{target}"/>' for i, t, target in rels)
    return f'{_XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def _styles_xml(used: Sequence[str]) -> str:
    return (
        f'{_XML_HEAD}<w:styles xmlns:w="{_W_NS}">'
        "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:rPrDefault>"
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        "</w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>'
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/>'
        '<w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="CommentText"><w:name w:val="annotation text"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>'
        + "".join(used)
        + "</w:styles>"
    )
