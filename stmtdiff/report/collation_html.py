"""One self-contained, offline HTML page for a collation of three or more versions.

It is the two-way report's page (``report/html.py``): the same style sheet, script, filters
(hide unchanged rows, hide formatting- and spelling-only changes), keys (``n``/``p`` to the
next and previous difference), Content-Security-Policy and escaping, with what a collation
needs on top:

- one column per version, in input order, each cell coloured by its reading (versions that
  read alike share a colour; the base's reading is plain), with the word diff against the
  base inside it; an omitted cell says so, a moved one is marked;
- a picker: one checkbox per version chooses which columns show; on a narrow screen only
  the columns that fit are ticked at first (the base always);
- the "inline" view lists each row's readings once, led by the versions that carry them;
- the header ranks the most significant rows and gives each version's counts against the base.

Every document string goes through the two-way report's escaping (``html_text``, ``html_changed``,
``html_name``): document text never becomes markup, a URL or script, its control characters are
shown, not written, and a change of white space alone reads ↵/␣.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stmtdiff.model import ChangeClass, Collation, CollationRow, Op, Reading, RowStatus
from stmtdiff.report.collation_text import row_classes, row_title, top_change, version_label
from stmtdiff.report.html import PAGE_CSS, PAGE_JS, csp_hash, html_changed, html_name, short_name
from stmtdiff.report.html import html_text as _e

__all__ = ["render_collation_html"]

BLOCK = 50  # rows per content-visibility block, as in the two-way page
READING_COLOURS = 6  # reading colours before they repeat
_SURROGATE = re.compile("[\ud800-\udfff]")
_MINOR = frozenset({ChangeClass.FORMATTING, ChangeClass.SPELLING})
_K = {ChangeClass.FORMATTING: "fmt", ChangeClass.SPELLING: "spl", ChangeClass.WORDING: "wrd", ChangeClass.SUBSTANTIVE: "sub"}


def _diff_html(reading: Reading) -> str:
    """A reading's word diff against the base, escaped: equal text, <del> and <ins>."""
    out = []
    for e in reading.edits:
        if reading.base or e.op is Op.EQUAL:
            out.append(_e(e.text))
            continue
        text = html_changed(e.text)
        if e.op is Op.DELETE:
            out.append(f"<del>{text}</del>")
        else:
            out.append(f"<ins>{text}</ins>")
    return "".join(out).strip()


def _tint(row: CollationRow, n: int) -> str:
    """The colour class of a row's reading ``n``: none for the base's, then one per reading."""
    if row.readings[n].base:
        return ""
    first = 1 if row.readings and row.readings[0].base else 0
    return f" rd{(n - first) % READING_COLOURS + 1}"


def _row_html(c: Collation, k: int) -> str:
    row = c.rows[k]
    status = row.status.value
    classes = f"r s-{status}" + ("" if row.status is RowStatus.EQUAL else " x")
    counted = [ch for r in row.readings if not r.base for ch in r.changes if ch.change_class not in c.options.ignore_classes]
    found = row_classes(c, row)
    if found:
        classes += f" k-{_K[found[0]]}"
        if row.status is RowStatus.CHANGED and all(ch.change_class in _MINOR for ch in counted):
            classes += " minor"
    if row.outside:
        classes += " out"
    title = row_title(c, k).split(": ", 1)[1].split(" (")[0]
    meta = f'<a class="n" href="#r{k}">row {k + 1}</a> <span class="st">{status}</span>'
    if row.status is not RowStatus.EQUAL:
        meta += f' <span class="tag">{_e(title)}</span>'
    if found:
        meta += f' <span class="tag k-{_K[found[0]]}">{found[0].value}</span>'
    cells = []
    for v, cell in enumerate(row.cells):
        if not cell.units:
            gap = "(omitted)" if row.window is not None else "(not in this version)"
            cells.append(f'<div class="v v{v} om"><span class="gap">{gap}</span></div>')
            continue
        reading = row.readings[cell.reading]
        tint = _tint(row, cell.reading)
        moved = ' <span class="mvd">moved</span>' if cell.moved else ""
        cells.append(f'<div class="v v{v}{tint}">{_diff_html(reading)}{moved}</div>')
    readings = []
    for n, reading in enumerate(row.readings):
        tint = _tint(row, n)
        who = ",".join(version_label(v) for v in reading.versions)
        readings.append(f'<li class="rdg{tint}"><b>[{who}]</b> {_diff_html(reading)}</li>')
    missing = [version_label(v) for v, cell in enumerate(row.cells) if not cell.units and row.window is not None]
    if missing:
        readings.append(f'<li class="rdg om"><b>[{",".join(missing)}]</b> <span class="gap">(omitted)</span></li>')
    changes = []
    for reading in row.readings:
        if reading.base:
            continue
        who = ",".join(version_label(v) for v in reading.versions)
        for ch in sorted(reading.changes, key=lambda ch: -ch.significance):
            if ch.a_text and ch.b_text:
                body = f"<del>{html_changed(ch.a_text)}</del> \u2192 <ins>{html_changed(ch.b_text)}</ins>"
            else:
                body = f"<del>{html_changed(ch.a_text)}</del>" if ch.a_text else f"<ins>{html_changed(ch.b_text)}</ins>"
            why = f" <i>{_e('; '.join(ch.reasons))}</i>" if ch.reasons else ""
            changes.append(f'<li><b class="k-{_K[ch.change_class]}">{ch.change_class.value}</b> [{who}] {body}{why}</li>')
    listed = f'<ul class="c">{"".join(changes)}</ul>' if changes else ""
    return (
        f'<div class="{classes}" id="r{k}"><div class="m">{meta}</div>'
        f'<div class="vs">{"".join(cells)}</div><ol class="rds">{"".join(readings)}</ol>{listed}</div>'
    )


def _summary(c: Collation) -> str:
    s = c.summary
    counts = "".join(
        f'<div class="cnt s-{key}"><dt>{key}</dt><dd id="sum-{key}" data-value="{n}">{n}</dd></div>'
        for key, n in (("equal", s.equal), ("changed", s.changed), ("moved", s.moved), ("omitted", s.omitted), ("added", s.added))
    )
    head = "<tr><th scope=\"col\">version</th><th scope=\"col\">units</th><th scope=\"col\">omits</th>" \
           "<th scope=\"col\">adds</th><th scope=\"col\">changes</th><th scope=\"col\">moves</th>" \
           "<th scope=\"col\">similarity</th></tr>"
    body = []
    for v in s.versions:
        name = f"{version_label(v.version)}: {html_name(short_name(c.docs[v.version].name))}"
        if v.version == c.base:
            body.append(f'<tr id="ver-{v.version}"><th scope="row">{name} (base)</th><td>{v.units}</td>'
                        '<td colspan="5">the others are compared with it</td></tr>')
            continue
        body.append(
            f'<tr id="ver-{v.version}"><th scope="row">{name}</th><td>{v.units}</td><td>{v.omits}</td>'
            f"<td>{v.adds}</td><td>{v.changes}</td><td>{v.moves}</td><td>{v.similarity * 100:.1f}%</td></tr>"
        )
    return (
        '<section aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
        f'<h3 id="rows-count-h">Rows by status ({len(c.rows)} in all)</h3>'
        f'<dl class="counts" aria-labelledby="rows-count-h">{counts}</dl>'
        f'<table class="vers"><caption>Each version against the base</caption><thead>{head}</thead>'
        f'<tbody>{"".join(body)}</tbody></table></section>'
    )


def _top_rows(c: Collation) -> str:
    items = []
    for k in c.summary.top_rows:
        cls, what = top_change(c, k)
        badge = f'<b class="k-{_K[ChangeClass(cls)]}">{cls}</b>' if cls in ChangeClass._value2member_map_ else f"<b>{cls}</b>"
        items.append(
            f'<li><a href="#r{k}">row {k + 1}</a> {badge} <span class="sig">{c.rows[k].significance:.2f}</span> '
            f'<span class="why">{_e(what)}</span></li>'
        )
    if not items:
        return ""
    return (
        '<section aria-labelledby="top-h"><h2 id="top-h">Most significant rows</h2>'
        f'<ol class="top" id="top">{"".join(items)}</ol></section>'
    )


def _css(n: int) -> str:
    """The two-way page's style sheet, and the rules a collation of ``n`` versions adds."""
    hide = "".join(f".hide-v{v} .v{v}," for v in range(n)).rstrip(",")
    return PAGE_CSS + (
        "\n.nw .r,.nw .head{display:grid;grid-template-columns:8.5rem minmax(0,1fr);"
        'grid-template-areas:"m vs" "m c";column-gap:.9rem}'
        "\n.nw .vs{grid-area:vs;display:flex;gap:.6rem;min-width:0}"
        "\n.nw .v{flex:1 1 0;min-width:0;white-space:pre-wrap;overflow-wrap:anywhere;padding:0 .25rem;border-radius:4px}"
        "\n.nw .head .v{font-weight:700}"
        "\n.nw .rds{grid-area:vs;display:none;margin:0;padding:0;list-style:none}"
        "\n.nw .rdg{white-space:pre-wrap;overflow-wrap:anywhere;padding:0 .25rem;border-radius:4px;margin:.1rem 0}"
        "\n.inline .nw .vs{display:none}.inline .nw .rds{display:block}"
        "\n.inline .nw .head{display:none}"
        "\n.nw .om{color:var(--muted)}.mvd{font-size:.75rem;color:var(--mv);border:1px solid currentColor;"
        "border-radius:4px;padding:0 .2rem;white-space:nowrap}"
        "\n.rd1{background:#fff3bf}.rd2{background:#d0ebff}.rd3{background:#ffd8f0}.rd4{background:#d3f9d8}"
        ".rd5{background:#e5dbff}.rd6{background:#ffe8cc}"
        "\n@media (prefers-color-scheme:dark){.rd1{background:#3d3311}.rd2{background:#10304d}.rd3{background:#4a1838}"
        ".rd4{background:#173b24}.rd5{background:#2f2456}.rd6{background:#4a2c10}}"
        "\n.s-omitted .st{border-color:var(--del-fg)}.s-added .st{border-color:var(--ins-fg)}"
        "\ntable.vers{border-collapse:collapse;margin:.4rem 0}table.vers th,table.vers td{border:1px solid var(--line);"
        "padding:.1rem .5rem;text-align:right}table.vers th[scope=row]{text-align:left}"
        "table.vers caption{text-align:left;color:var(--muted)}"
        "\n#picker label{white-space:nowrap}"
        f"\n{hide}{{display:none}}"
        "\n@media (max-width:48rem){.nw .r{grid-template-columns:1fr;grid-template-areas:\"m\" \"vs\" \"c\"}"
        ".nw .vs{flex-direction:column}}"
        "\n@media print{.rd1,.rd2,.rd3,.rd4,.rd5,.rd6{print-color-adjust:exact;-webkit-print-color-adjust:exact}}\n"
    )


# The picker: a column per ticked version; at first only as many as fit (the base always).
_PICKER_JS = """
(function () {
  "use strict";
  var root = document.documentElement;
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#picker input[type=checkbox]"));
  function apply() {
    boxes.forEach(function (b) { root.classList.toggle("hide-v" + b.value, !b.checked); });
  }
  var main = document.getElementById("main");
  var em = parseFloat(getComputedStyle(root).fontSize) || 16;
  var fit = Math.max(1, Math.floor((main.clientWidth - 9.4 * em) / (14 * em)));
  var shown = 0;
  boxes.forEach(function (b) { if (b.dataset.base === "1") { shown += 1; } });
  boxes.forEach(function (b) {
    if (b.dataset.base === "1") return;
    if (shown < fit) { shown += 1; } else { b.checked = false; }
  });
  document.getElementById("picker").addEventListener("change", apply);
  apply();
})();
"""


def render_collation_html(c: Collation, *, title: str | None = None) -> str:
    """Render ``c`` as one self-contained page (inline CSS and JS, nothing fetched)."""
    n = len(c.docs)
    page_title = title if title is not None else "stmtdiff: " + " / ".join(short_name(d.name) for d in c.docs)
    rows = [_row_html(c, k) for k in range(len(c.rows))]
    blocks = "".join('<div class="blk">' + "".join(rows[k : k + BLOCK]) + "</div>" for k in range(0, len(rows), BLOCK))
    css, js = _css(n), PAGE_JS + _PICKER_JS
    csp = (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {csp_hash(js)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    docs = "".join(
        f'<div><dt>{version_label(v)}{" (base)" if v == c.base else ""}</dt>'
        f'<dd id="doc-{v}">{html_name(doc.name)}</dd></div>'
        for v, doc in enumerate(c.docs)
    )
    notes = "".join(f"<li>{html_name(note)}</li>" for note in c.notes)
    notes = f'<section aria-labelledby="notes-h" class="notes"><h2 id="notes-h">Notes</h2><ul>{notes}</ul></section>' if notes else ""
    base_flag = ' data-base="1"'
    picker = "".join(
        f'<label><input type="checkbox" value="{v}" id="show-{v}" checked{base_flag if v == c.base else ""}>'
        f" {version_label(v)}</label>"
        for v in range(n)
    )
    heads = "".join(f'<div class="v v{v}">{version_label(v)}: {html_name(short_name(doc.name))}</div>' for v, doc in enumerate(c.docs))
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{html_name(page_title)}</title><style>{css}</style></head><body>"
        '<a class="skip" href="#rows-h">Skip to the sentences</a>'
        f'<header><h1>{html_name(page_title)}</h1><dl class="docs">{docs}</dl>{notes}{_summary(c)}{_top_rows(c)}</header>'
        '<nav id="controls" class="controls" aria-label="Report controls" hidden>'
        '<label><input type="checkbox" id="f-equal"> Hide unchanged rows</label>'
        '<label><input type="checkbox" id="f-minor"> Hide formatting- and spelling-only changes</label>'
        "<fieldset><legend>View</legend>"
        '<label><input type="radio" name="view" id="v-side" value="side" checked> a column per version</label>'
        '<label><input type="radio" name="view" id="v-inline" value="inline"> readings</label></fieldset>'
        f'<fieldset id="picker"><legend>Versions</legend>{picker}</fieldset>'
        '<button type="button" id="prev" title="Previous difference (p)">\u2191 Previous <kbd>p</kbd></button>'
        '<button type="button" id="next" title="Next difference (n)">\u2193 Next <kbd>n</kbd></button>'
        "</nav>"
        '<main id="main" class="nw" aria-labelledby="rows-h"><h2 id="rows-h">Rows</h2>'
        f'<div class="head" aria-hidden="true"><div class="m">Row</div><div class="vs">{heads}</div></div>'
        f'<div id="rows">{blocks}</div></main>'
        f"<script>{js}</script></body></html>\n"
    )
    inputs: Sequence[str] = [d.text for d in c.docs] + [d.name for d in c.docs] + [page_title, *c.notes]
    if any(_SURROGATE.search(x) for x in inputs):
        page = _SURROGATE.sub("\ufffd", page)
    return page
