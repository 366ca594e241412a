"""The terminal report of a collation (three or more versions), and the plan Markdown shares.

One block per row that differs, in the base's order: a title saying who omits, adds, moves or
words it differently, then one line per reading, led by the versions that carry it, with the
word diff against the base (``[a,c] ... / [b] ...``). Equal rows fold to a count (``--context``
shows some around each change, ``--all`` everything), and so do rows outside the text the
versions share. ``--stat`` gives the summary alone: one line per version against the base.

    a: us.txt (25 sentences) [base]
    b: partner.txt (24 sentences)
    c: reprint.txt (26 sentences)

    @@ row 3: changed in b (a 3 · b 3 · c 3; substantive)
      [a,c] They support work towards sustainable trade relations.
      [b]   They support work [-towards sustainable-]{+toward permanent+} trade relations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from stmtdiff.model import ChangeClass, Collation, CollationRow, Op, RowStatus, version_label
from stmtdiff.report import MAX_WIDTH, visible_controls
from stmtdiff.report.text import RenderOptions, clip, paint, span, styled, unit_word, wrap

__all__ = ["Fold", "plan_collation", "render_collation_stat", "render_collation_text", "row_title", "version_label"]

_ANSI = {"head": "\x1b[1;36m", "fold": "\x1b[2m", "title": "\x1b[1;33m"}
_RESET = "\x1b[0m"


def _style(text: str, style: str, color: bool) -> str:
    return f"{_ANSI[style]}{text}{_RESET}" if color and text else text


@dataclass(frozen=True, slots=True)
class Fold:
    """One item of a report: ``row`` (show ``Collation.rows[row]``), or ``count`` rows folded,
    ``equal`` ones or ``outside`` ones (outside the text the versions share)."""

    kind: str
    row: int = -1
    count: int = 0


def plan_collation(c: Collation, *, context: int = 0, show_all: bool = False) -> list[Fold]:
    """What a report shows, in order: the rows that differ, with ``context`` equal rows around
    each, and folds for the rest (``show_all``: every row)."""
    if show_all:
        return [Fold("row", k) for k in range(len(c.rows))]
    loud = [k for k, row in enumerate(c.rows) if row.status is not RowStatus.EQUAL and not row.outside]
    near: set[int] = set()
    for k in loud:
        near.update(range(max(0, k - context), min(len(c.rows), k + context + 1)))
    out: list[Fold] = []
    for k, row in enumerate(c.rows):
        kind = "outside" if row.outside else "row" if k in near else "equal"
        if kind == "row":
            out.append(Fold("row", k))
        elif out and out[-1].kind == kind:
            out[-1] = Fold(kind, count=out[-1].count + 1)
        else:
            out.append(Fold(kind, count=1))
    return out


def _names(versions: Sequence[int]) -> str:
    return ", ".join(version_label(v) for v in versions)


def row_classes(c: Collation, row: CollationRow) -> list[ChangeClass]:
    """The classes of the row's changes that count, most severe first."""
    ignored = c.options.ignore_classes
    found = {ch.change_class for r in row.readings if not r.base for ch in r.changes if ch.change_class not in ignored}
    return [cls for cls in reversed(ChangeClass) if cls in found]


def row_title(c: Collation, k: int) -> str:
    """One line saying what a row is: who adds, omits, moves or changes it, where, and how.

    ``row 3: omitted by c; changed in b (a 3 · b 3; substantive)``
    """
    row = c.rows[k]
    present = [v for v, cell in enumerate(row.cells) if cell.units]
    what: list[str] = []
    if row.status is RowStatus.ADDED:
        what.append(f"added by {_names(present)}")
    omitted = [v for v, cell in enumerate(row.cells) if not cell.units and row.window is not None]
    if omitted:
        what.append(f"omitted by {_names(omitted)}")
    moved = [v for v, cell in enumerate(row.cells) if cell.moved]
    if moved:
        what.append(f"moved in {_names(moved)}")
    if row.window is not None:
        differ = [v for r in row.readings if not r.base for v in r.versions]
        if differ:
            what.append(f"changed in {_names(sorted(differ))}")
    where = " \u00b7 ".join(f"{version_label(v)} {span(row.cells[v].units)}" for v in present)
    notes = [where] if where else []
    classes = row_classes(c, row)
    if classes:
        notes.append(", ".join(cls.value for cls in classes))
    if row.outside:
        notes.append("outside the shared text")
    return f"row {k + 1}: {'; '.join(what) or 'equal'}" + (f" ({'; '.join(notes)})" if notes else "")


def _reading_lines(c: Collation, row: CollationRow, o: RenderOptions) -> list[str]:
    labels = ["[" + ",".join(version_label(v) for v in r.versions) + "]" for r in row.readings]
    omitted = [v for v, cell in enumerate(row.cells) if not cell.units and row.window is not None]
    if omitted:
        labels.append("[" + ",".join(version_label(v) for v in omitted) + "]")
    pad = max(len(label) for label in labels)
    lines: list[str] = []
    for label, reading in zip(labels, row.readings):
        if reading.base:
            ops = [(Op.EQUAL, e.text) for e in reading.edits]
        else:
            ops = [(e.op, e.text) for e in reading.edits]
        body = wrap(styled(ops, o.color), max(10, o.width - pad - 3))
        if not any(body):  # a row where the base has no text: a version inserts a sentence there
            body = wrap([("(empty)", "fold" if o.color else "")], 20)
        for n, line in enumerate(body):
            lead = f"  {label.ljust(pad)} " if n == 0 else " " * (pad + 3)
            lines.append((lead + paint(line, o.color)).rstrip())
    if omitted:
        lines.append(f"  {labels[-1].ljust(pad)} " + _style("(omitted)", "fold", o.color))
    return lines


def _fold_text(c: Collation, fold: Fold) -> str:
    rows = f"{fold.count} row{'s' if fold.count != 1 else ''}"
    if fold.kind == "equal":
        return f"... {rows} equal in every version"
    return f"... {rows} outside the text the versions share (use --all)"


def _header(c: Collation, o: RenderOptions) -> list[str]:
    lines = []
    for v, doc in enumerate(c.docs):
        tag = " [base]" if v == c.base else ""
        lines.append(_style(f"{version_label(v)}: {visible_controls(doc.name)} ({unit_word(doc.units, len(doc.sentences))}){tag}", "head", o.color))
    return lines


def render_collation_text(c: Collation, options: RenderOptions | None = None) -> str:
    """The whole terminal report as one string ending in a newline."""
    o = options or RenderOptions()
    o = o if o.width <= MAX_WIDTH else replace(o, width=MAX_WIDTH)
    if o.stat:
        return render_collation_stat(c, o)
    lines = _header(c, o)
    for fold in plan_collation(c, context=o.context, show_all=o.show_all):
        if fold.kind == "row":
            lines.append("")
            lines.append("@@ " + _style(visible_controls(row_title(c, fold.row)), "title", o.color))
            lines.extend(_reading_lines(c, c.rows[fold.row], o))
        else:
            lines.append("")
            lines.append(_style(_fold_text(c, fold), "fold", o.color))
    out = "\n".join(lines) + "\n"
    if o.summary:
        out += "\n" + render_collation_stat(c, o)
    return out


def top_change(c: Collation, k: int) -> tuple[str, str]:
    """(class, what) of row ``k``'s most significant change that counts, for the ranked list:
    ``("substantive", 'in b: "sustainable" -> "permanent" (qualifier of a term changed)')``."""
    row = c.rows[k]
    found = [(ch, r.versions, "in") for r in row.readings if not r.base for ch in r.changes]
    found += [(ch, (v,), "omitted by") for v, changes in row.omissions for ch in changes]
    found = [f for f in found if f[0].change_class not in c.options.ignore_classes]
    if not found:
        return row.status.value, row_title(c, k).split(": ", 1)[1].split(" (")[0]
    ch, versions, how = max(found, key=lambda f: f[0].significance)
    if how == "omitted by":
        what = f'"{clip(ch.a_text, 60)}"'
    elif ch.a_text.strip() and ch.b_text.strip():
        what = f'"{clip(ch.a_text, 30)}" -> "{clip(ch.b_text, 30)}"'
    elif ch.a_text.strip():
        what = f'deleted "{clip(ch.a_text, 60)}"'
    else:
        what = f'inserted "{clip(ch.b_text, 60)}"'
    why = f" ({'; '.join(ch.reasons)})" if ch.reasons else ""
    return ch.change_class.value, f"{how} {_names(versions)}: {what}{why}"


def render_collation_stat(c: Collation, options: RenderOptions | None = None) -> str:
    """The summary: rows per status, one line per version against the base, the top rows."""
    o = options or RenderOptions()
    s = c.summary
    lines = [_style("Summary", "head", o.color)]
    lines.append(
        f"  rows: {len(c.rows)} ({s.equal} equal, {s.changed} changed, {s.moved} moved, "
        f"{s.omitted} omitted, {s.added} added)"
    )
    unit = c.options.units.value
    names = [f"{version_label(v.version)}: {visible_controls(c.docs[v.version].name)}" for v in s.versions]
    width = min(max(len("version"), *(len(n) for n in names)), max(12, o.width - 56))
    head = f"  {'version'.ljust(width)}  {unit:>9}  {'omits':>5}  {'adds':>5}  {'changes':>7}  {'moves':>5}  {'similar':>7}"
    lines.append(head.rstrip())
    for name, v in zip(names, s.versions):
        name = clip(name, width).ljust(width)
        if v.version == c.base:
            lines.append(f"  {name}  {v.units:>9}  {'base':>5}")
            continue
        similar = f"{round(v.similarity * 100)}%"
        lines.append(
            f"  {name}  {v.units:>9}  {v.omits:>5}  {v.adds:>5}  {v.changes:>7}  {v.moves:>5}  {similar:>7}"
        )
    lines.append("  verdict: " + ("identical" if s.identical else "different"))
    if s.top_rows:
        lines.append(_style("Top rows", "head", o.color))
        for rank, k in enumerate(s.top_rows[: o.top], 1):
            cls, what = top_change(c, k)
            lead = f"  {rank:>2}. row {k + 1} {cls} {c.rows[k].significance:.2f} "
            lines.append(lead + visible_controls(clip(what, max(10, o.width - len(lead)))))
    for note in c.notes:
        lines.append(f"  note: {visible_controls(note)}")
    return "\n".join(lines) + "\n"
