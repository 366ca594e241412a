"""The Markdown report of a collation, for pull requests, issues and notes.

The same rows as the terminal report (``collation_text.plan_collation``), each a heading and
one list item per reading, led by the versions that carry it, with ``<del>``/``<ins>`` around
the words that differ from the base; then the versions' table and the top rows. Every document
character is escaped, as in the two-way Markdown report.
"""

from __future__ import annotations

from stmtdiff.model import Collation, CollationRow, Op
from stmtdiff.report.collation_text import plan_collation, row_title, top_change, version_label
from stmtdiff.report.markdown import escape, inline_diff
from stmtdiff.report.text import RenderOptions, unit_word

__all__ = ["render_collation_markdown"]


def _row(c: Collation, row: CollationRow) -> list[str]:
    items = []
    for reading in row.readings:
        who = ",".join(version_label(v) for v in reading.versions)
        ops = [(Op.EQUAL if reading.base else e.op, e.text) for e in reading.edits]
        items.append(f"- **\\[{who}\\]** {inline_diff(ops) or '*(empty)*'}")
    missing = [version_label(v) for v, cell in enumerate(row.cells) if not cell.units and row.window is not None]
    if missing:
        items.append(f"- **\\[{','.join(missing)}\\]** *(omitted)*")
    return items


def render_collation_markdown(c: Collation, options: RenderOptions | None = None) -> str:
    """The report as one Markdown document ending in a newline (``stat``: the summary only)."""
    o = options or RenderOptions()
    lines = ["# stmtdiff: " + " / ".join(escape(d.name) for d in c.docs), ""]
    for v, doc in enumerate(c.docs):
        base = " (base)" if v == c.base else ""
        lines.append(f"- {version_label(v)}{base}: {escape(doc.name)} ({unit_word(doc.units, len(doc.sentences))})")
    lines.append("")
    if not o.stat:
        lines += ["## Rows", ""]
        for fold in plan_collation(c, context=o.context, show_all=o.show_all):
            if fold.kind == "row":
                lines += [f"### {escape(row_title(c, fold.row))}", "", *_row(c, c.rows[fold.row]), ""]
            else:
                rows = f"{fold.count} row{'s' if fold.count != 1 else ''}"
                what = "equal in every version" if fold.kind == "equal" else "outside the text the versions share"
                lines += [f"*{rows} {what}*", ""]
    s = c.summary
    lines += [
        "## Summary",
        "",
        f"Rows: {len(c.rows)} ({s.equal} equal, {s.changed} changed, {s.moved} moved, {s.omitted} omitted, "
        f"{s.added} added); verdict: " + ("**identical**." if s.identical else "**different**."),
        "",
        f"| version | {c.options.units.value} | omits | adds | changes | moves | similarity |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for v in s.versions:
        name = f"{version_label(v.version)}: {escape(c.docs[v.version].name)}"
        if v.version == c.base:
            lines.append(f"| {name} (base) | {v.units} | | | | | |")
        else:
            lines.append(
                f"| {name} | {v.units} | {v.omits} | {v.adds} | {v.changes} | {v.moves} | {round(v.similarity * 100)}% |"
            )
    if s.top_rows:
        lines += ["", "## Top rows", "", "| # | row | class | significance | what |", "|---:|---:|---|---:|---|"]
        for rank, k in enumerate(s.top_rows[: o.top], 1):
            cls, what = top_change(c, k)
            lines.append(f"| {rank} | {k + 1} | {cls} | {c.rows[k].significance:.2f} | {escape(what)} |")
    if c.notes:
        lines += ["", *(f"- Note: {escape(n)}" for n in c.notes)]
    return "\n".join(lines).rstrip("\n") + "\n"
