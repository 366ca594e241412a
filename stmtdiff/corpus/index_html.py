"""``index.html`` of a corpus run: one self-contained page, a sortable and filterable table.

Like the two-way HTML report it fetches nothing (inline style and script, allowed by hash in a
Content-Security-Policy that forbids everything else) and escapes every piece of document text:
an id or a change containing ``<script>`` shows as text. Each compared document's name links to
its own HTML report in ``docs/``. The table is written in the page, so it reads without script;
the script only sorts (click a column heading) and filters (a search box and a verdict menu).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from html import escape
from typing import Any

HIDDEN = ("location", "report", "html")  # in the summary files; the page links instead

_CSS = """
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--mute:#666;--line:#ddd;--hi:#fff4c2;--bad:#b00020;--ok:#1b5e20}
@media (prefers-color-scheme:dark){:root{--fg:#e8e8e8;--bg:#161616;--mute:#aaa;--line:#444;--hi:#4a4120;--bad:#ff8a80;--ok:#a5d6a7}}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:1.5rem}
h1{font-size:1.3rem;margin:0 0 .3rem}p.totals{color:var(--mute);margin:.2rem 0 1rem}
.controls{display:flex;gap:1rem;flex-wrap:wrap;align-items:center;margin-bottom:.8rem}
input,select{font:inherit;padding:.2rem .4rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;background:none;border:0;color:inherit;cursor:pointer;padding:0}
th[aria-sort=ascending] button::after{content:" \\25B2"}th[aria-sort=descending] button::after{content:" \\25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.v-reprint,tr.v-different{background:var(--hi)}td.verdict{white-space:nowrap}
tr.v-error td.verdict,td.error{color:var(--bad)}tr.v-identical td.verdict{color:var(--ok)}
td.top_changes{min-width:22rem;max-width:40rem}td.id{max-width:28rem;overflow-wrap:anywhere}
@media print{.controls{display:none}}
"""

_JS = """
(function(){
  var table=document.getElementById('docs'), body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows), q=document.getElementById('q');
  var verdict=document.getElementById('verdict'), shown=document.getElementById('shown');
  document.getElementById('controls').hidden=false;
  function key(row,i,num){var c=row.cells[i], v=c.getAttribute('data-v');
    if(num){return v===null||v===''?null:parseFloat(v);} return (v===null?c.textContent:v).toLowerCase();}
  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
    var b=th.querySelector('button'); if(!b){return;}
    b.addEventListener('click',function(){
      var num=th.getAttribute('data-type')==='num', asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      rows.sort(function(r1,r2){var a=key(r1,i,num),b2=key(r2,i,num);
        if(a===b2){return parseInt(r1.getAttribute('data-n'),10)-parseInt(r2.getAttribute('data-n'),10);}
        if(a===null){return 1;} if(b2===null){return -1;}
        return (a<b2?-1:1)*(asc?1:-1);});
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
  function filter(){var t=q.value.trim().toLowerCase(), v=verdict.value, n=0;
    rows.forEach(function(r){var ok=(!v||r.getAttribute('data-verdict')===v)&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);
      r.hidden=!ok; if(ok){n++;}});
    shown.textContent=n+' of '+rows.length+' shown';}
  q.addEventListener('input',filter); verdict.addEventListener('change',filter); filter();
})();
"""


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _e(value: object) -> str:
    """Escaped for HTML text and attributes; line breaks as character references (the same
    text to a browser), so a row is one line and the page can be written a row at a time."""
    return escape(str(value), quote=True).replace("\r", "&#13;").replace("\n", "&#10;")


def render_index(
    rows: Iterable[str],
    columns: Sequence[tuple[str, str]],
    *,
    title: str,
    heading: str,
    totals: Mapping[str, int],
    documents: int,
    listed: int,
) -> Iterator[str]:
    """The page in pieces: ``rows`` (from :func:`render_row`, in input order, ``listed`` of
    them out of ``documents``) under ``columns`` (name, type) headings. The rows are passed
    through as they come, so a long page never sits in memory."""
    shown = [(name, kind) for name, kind in columns if name not in HIDDEN]
    head = "".join(
        f'<th scope="col" data-type="{"num" if kind != "str" else "text"}" class="{_e(name)}">'
        f'<button type="button">{_e(name.replace("_", " "))}</button></th>'
        for name, kind in shown
    )
    counts = ", ".join(f"{n:,} {_e(verdict)}" for verdict, n in sorted(totals.items()))
    part = "" if listed == documents else f" ({listed:,} listed here; every row is in summary.csv)"
    options = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in sorted(totals))
    csp = (
        f"default-src 'none'; style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    yield (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{_e(heading)}</h1>"
        f'<p class="totals">{documents:,} documents: {counts}{part}. '
        'Summary files: <a href="summary.csv">summary.csv</a>, <a href="summary.jsonl">summary.jsonl</a>, '
        '<a href="summary.parquet">summary.parquet</a>.</p>'
        '<div id="controls" class="controls" hidden>'
        '<label>Filter <input type="search" id="q" placeholder="name, change, error"></label>'
        f'<label>Verdict <select id="verdict"><option value="">all</option>{options}</select></label>'
        '<span id="shown" aria-live="polite"></span></div>'
        f'<table id="docs"><thead><tr>{head}</tr></thead><tbody>'
    )
    yield from rows
    yield f"</tbody></table><script>{_JS}</script></body></html>\n"


def render_row(row: Mapping[str, Any], columns: Sequence[tuple[str, str]]) -> str:
    """One table row, on one line (document text escaped, line breaks too)."""
    shown = [(name, kind) for name, kind in columns if name not in HIDDEN]
    verdict = str(row.get("verdict") or "")
    cells = []
    for name, kind in shown:
        value = row.get(name)
        if kind == "str":
            if name == "id" and row.get("html"):
                text = f'<a href="{_e(row["html"])}">{_e(value)}</a>'
            else:
                text = _e(_shown(value))
            cells.append(f'<td class="{name}">{text}</td>')
        else:  # numbers need no escaping
            raw = "" if value is None else repr(value)
            cells.append(f'<td class="{name} num" data-v="{raw}">{_shown(value)}</td>')
    n = int(row.get("n") or 0)
    return f'<tr id="n{n}" data-n="{n}" data-verdict="{_e(verdict)}" class="v-{_e(verdict.replace(" ", "-"))}">{"".join(cells)}</tr>'


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0%}" if 0.0 <= value <= 1.0 else f"{value:g}"
    return str(value)
