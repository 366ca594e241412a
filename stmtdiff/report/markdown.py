"""The Markdown report, for pull requests, issues and notes (GitHub-flavoured Markdown).

It shows the same rows as the terminal report (``text.plan_rows``: folds, moves, context), with
deleted words as ``<del>`` and inserted ones as ``<ins>``: GitHub and most renderers show
them struck and underlined, and unlike ``~~``/``**`` they work between two letters of a word.
Every character of the documents is escaped, so a statement can never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from stmtdiff.model import ChangeClass, Comparison, Op, Units
from stmtdiff.report import (
    class_count_parts,
    visible_change,
    visible_controls,
    visible_if_invisible,
    visible_name,
    visible_spaces,
    visible_top_changes,
)
from stmtdiff.report.text import (
    RenderOptions,
    checked,
    clip,
    fold_text,
    inline_ops,
    pair_title,
    plan_rows,
    span,
    document_facts,
)

__all__ = ["escape", "inline_diff", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_START = re.compile(r"^(#|>|[-+=]|\d+(?=[.)]))")


def escape(text: str) -> str:
    """Text as inline Markdown that renders to exactly that text, on one line; control
    characters (ESC...) are shown, never written, as the report is also read in a terminal.

    >>> print(escape("a *b* <c> [d] | e"))
    a \\*b\\* &lt;c&gt; \\[d\\] \\| e
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return " ".join(visible_controls(text).split())


def paragraph(text: str) -> str:
    """Inline Markdown made safe to start a line: no heading, quote, list or rule by accident.

    >>> print(paragraph("1. Intro"), paragraph("- item"), paragraph("plain"))
    1\\. Intro \\- item plain
    """
    match = _BLOCK_START.match(text)
    if not match:
        return text
    end = match.end()
    if text[end : end + 1] and text[end] in ".)":
        return text[:end] + "\\" + text[end:]
    return "\\" + text


def _inline(c: Comparison, k: int) -> str:
    """A group as one Markdown paragraph with ``<del>``/``<ins>`` around changed words."""
    return paragraph(inline_diff(inline_ops(c, c.pairs[k])))


def inline_diff(ops: Iterable[tuple[Op, str]]) -> str:
    """Edits as inline Markdown on one line, ``<del>``/``<ins>`` around changed words; a change
    of spaces alone (a line break that became a space) is made visible, as the text and HTML
    reports show it (``visible_spaces``: ↵ a line break, ␣ a space, → a tab).

    >>> print(inline_diff([(Op.EQUAL, "a <b>"), (Op.DELETE, "\\n"), (Op.INSERT, " "), (Op.EQUAL, "c")]))
    a &lt;b&gt;<del>↵</del><ins>␣</ins>c
    """
    out: list[str] = []
    for op, text in ops:
        if not text.strip():
            if op is Op.EQUAL or not text:
                out.append(" ")
            else:  # a change of spaces alone, made visible
                tag = "del" if op is Op.DELETE else "ins"
                out.append(f"<{tag}>{escape(visible_spaces(text))}</{tag}>")
            continue
        lead = " " if text[0].isspace() else ""
        trail = " " if text[-1].isspace() else ""
        core = escape(text if op is Op.EQUAL else visible_if_invisible(text))
        if op is not Op.EQUAL:
            tag = "del" if op is Op.DELETE else "ins"
            core = f"<{tag}>{core}</{tag}>"
        out.append(lead + core + trail)
    return re.sub(r" {2,}", " ", "".join(out)).strip()


def _summary(c: Comparison, o: RenderOptions) -> list[str]:
    s = c.summary
    ignored = frozenset(c.options.ignore_classes)
    unit = c.a.units.value if isinstance(c.a.units, Units) else str(c.a.units)
    lines = [
        "## Summary",
        "",
        "| | a | b |",
        "|---|---|---|",
        f"| document | {escape(visible_name(c.a.name))} | {escape(visible_name(c.b.name))} |",
        f"| {unit} | {s.a_units} | {s.b_units} |",
        "",
        "| status | groups |",
        "|---|---:|",
    ]
    for name in ("equal", "changed", "moved", "deleted", "inserted"):
        lines.append(f"| {name} | {getattr(s, name)} |")
    if getattr(s, "ignored", 0):
        lines.append(f"| ignored (not counted) | {s.ignored} |")
    lines += [
        "",
        f"Words deleted: {s.words_deleted}; words inserted: {s.words_inserted}; "
        f"similarity: {round(s.similarity * 100)}%; verdict: "
        + ("**identical**." if s.identical else "**different**."),
    ]
    if s.class_counts:
        parts = class_count_parts(s, ignored)
        lines += ["", "Changes by class: " + ", ".join(parts) + "."]
    top = visible_top_changes(c, ignored, o.top)
    if top:
        lines += [
            "",
            "## Top changes",
            "",
            "| # | class | significance | where | a | b | why |",
            "|---:|---|---:|---|---|---|---|",
        ]
        for rank, (pk, ck) in enumerate(top, 1):
            p, ch = c.pairs[pk], c.pairs[pk].changes[ck]
            where = " → ".join(x for x in (p.a and f"a {span(p.a)}", p.b and f"b {span(p.b)}") if x)
            lines.append(
                f"| {rank} | {ch.change_class.value} | {ch.significance:.2f} | {where} "
                f"| {escape(clip(visible_change(ch.a_text), 80))} | {escape(clip(visible_change(ch.b_text), 80))} "
                f"| {escape('; '.join(ch.reasons))} |"
            )
    if c.notes:
        lines += ["", *(f"- Note: {escape(visible_name(n))}" for n in c.notes)]
    return lines


def render_markdown(c: Comparison, options: RenderOptions | None = None) -> str:
    """The report as one Markdown document ending in a newline (``--stat``: summary only).

    Colour, width and side by side are terminal matters and do not apply here.
    """
    o = checked(options or RenderOptions())
    lines = [
        f"# stmtdiff: {escape(visible_name(c.a.name))} → {escape(visible_name(c.b.name))}",
        "",
        f"a: {escape(visible_name(c.a.name))} ({escape(document_facts(c.a))}); "
        f"b: {escape(visible_name(c.b.name))} ({escape(document_facts(c.b))}).",
        "",
    ]
    if not o.stat:
        lines += ["## Groups", ""]
        for row in plan_rows(c, context=o.context, show_all=o.show_all):
            if row.kind == "pair":
                lines += [f"### {escape(pair_title(c, row.pair))}", "", _inline(c, row.pair) or "*(empty)*", ""]
            else:
                lines += [f"*{escape(fold_text(c, row).removeprefix('... '))}*", ""]
    lines += _summary(c, o)
    return "\n".join(lines).rstrip("\n") + "\n"
