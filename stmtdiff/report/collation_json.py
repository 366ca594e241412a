"""The JSON report of a collation (three or more versions): format ``stmtdiff-collation``,
version 1; its JSON Schema ships in the package (``stmtdiff/schema_collation.json``).

Top level: ``docs`` (one per version, in input order, each exactly as the pairwise report
writes a document: ``name``, ``text``, ``sentences`` with ``start``/``end``/``text``...), ``rows`` (per row, one
list of sentence indices per version, ``[]`` where it has none: exactly what the shared
``score_nway.py`` reads), and ``row_details``, whose item k describes ``rows[k]``: its status,
significance, the base text it covers (``window``), which versions omit it or have it moved,
and its readings (the versions that read alike, the text they read, their classified changes
against the base). Then ``versions`` (each against the base), ``summary``, ``options``,
``notes``. Offsets are Python string indices into each document's text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from math import isfinite
from typing import Any

from stmtdiff.model import Change, Collation, CollationRow, Op, Reading
from stmtdiff.report.json import document_to_dict, options_to_dict

FORMAT = "stmtdiff-collation"
VERSION = 1

_string = json.encoder.encode_basestring  # the C implementation when available


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def change_to_dict(ch: Change) -> dict[str, Any]:
    return {
        "a_text": ch.a_text,
        "b_text": ch.b_text,
        "a_start": ch.a_start,
        "a_end": ch.a_end,
        "b_start": ch.b_start,
        "b_end": ch.b_end,
        "class": ch.change_class.value,
        "significance": ch.significance,
        "reasons": list(ch.reasons),
        **({"ignored": True} if ch.ignored else {}),
    }


def reading_text(reading: Reading) -> str:
    """What the reading's versions read in the row (its first version's exact text there)."""
    return "".join(e.text for e in reading.edits if e.op is not Op.DELETE).strip()


def row_details(row: CollationRow) -> dict[str, Any]:
    return {
        "status": row.status.value,
        "significance": row.significance,
        "window": list(row.window) if row.window is not None else None,
        "outside": row.outside,
        "moved": [v for v, cell in enumerate(row.cells) if cell.moved],
        "omitted": [v for v, cell in enumerate(row.cells) if not cell.units],
        "readings": [
            {
                "versions": list(r.versions),
                "base": r.base,
                "text": reading_text(r),
                "changes": [change_to_dict(ch) for ch in r.changes],
            }
            for r in row.readings
        ],
    }


def collation_to_dict(c: Collation) -> dict[str, Any]:
    """The whole report as plain data (``iter_collation_json`` writes the same, streamed)."""
    s = c.summary
    opts = c.options
    return {
        "format": FORMAT,
        "version": VERSION,
        "base": c.base,
        "docs": [document_to_dict(doc) for doc in c.docs],
        "rows": [[list(cell.units) for cell in row.cells] for row in c.rows],
        "row_details": [row_details(row) for row in c.rows],
        "versions": [
            {
                "version": v.version,
                "name": c.docs[v.version].name,
                "units": v.units,
                "omits": v.omits,
                "adds": v.adds,
                "changes": v.changes,
                "moves": v.moves,
                "similarity": v.similarity,
                "identical": v.identical,
            }
            for v in s.versions
        ],
        "summary": {
            "rows": len(c.rows),
            "equal": s.equal,
            "changed": s.changed,
            "moved": s.moved,
            "omitted": s.omitted,
            "added": s.added,
            "identical": s.identical,
            "top_rows": list(s.top_rows),
        },
        "options": options_to_dict(opts, lang=False),
        "notes": list(c.notes),
    }


def render_collation_json(c: Collation) -> str:
    """The JSON text: keys in a fixed order, one sentence or row per line (same bytes every run)."""
    return "".join(iter_collation_json(c))


def iter_collation_json(c: Collation) -> Iterator[str]:
    """The JSON text in pieces, equal as data to ``collation_to_dict`` (a test checks it): a
    collation of whole Bibles never sits in memory as one string of dicts."""
    light = collation_to_dict(replace(c, docs=tuple(replace(d, sentences=()) for d in c.docs), rows=()))
    light["summary"]["rows"] = len(c.rows)
    yield "{\n"
    for key in ("format", "version", "base"):
        yield f' "{key}": {_dump(light[key])},\n'
    yield ' "docs": ['
    for n, (doc, head) in enumerate(zip(c.docs, light["docs"])):
        fields = _dump({k: v for k, v in head.items() if k != "sentences"})[:-1]
        yield ("\n  " if n == 0 else ",\n  ") + fields + ', "sentences": ['
        yield from _lines(
            [
                f'   {{"start": {s.start}, "end": {s.end}, "text": {_string(s.text)}, '
                f'"boilerplate": {"true" if s.boilerplate else "false"}}}'
                for s in doc.sentences
            ]
        )
        yield "]}"
    yield "\n ],\n \"rows\": ["
    yield from _lines(["  " + _dump([list(cell.units) for cell in row.cells]) for row in c.rows])
    yield '],\n "row_details": ['
    yield from _lines([_details_line(row) for row in c.rows])
    yield "]"
    for key in ("versions", "summary", "options", "notes"):
        yield f',\n "{key}": {_dump(light[key])}'
    yield "\n}\n"


# The helpers below write what json.dumps writes for ``row_details`` (a test checks), without
# its per-call cost: a collation of five Bibles has 400,000 changes.


def _number(value: float) -> str:
    return float.__repr__(value) if type(value) is float and isfinite(value) else _dump(value)


def _ints(values: Iterable[int]) -> str:
    return "[" + ", ".join([str(v) for v in values]) + "]"


@lru_cache(maxsize=1024)
def _reasons(reasons: tuple[str, ...]) -> str:
    return "[" + ", ".join([_string(r) for r in reasons]) + "]"


_IGNORED = ', "ignored": true'


def _change_json(ch: Change) -> str:
    return (
        f'{{"a_text": {_string(ch.a_text)}, "b_text": {_string(ch.b_text)}, "a_start": {ch.a_start}, '
        f'"a_end": {ch.a_end}, "b_start": {ch.b_start}, "b_end": {ch.b_end}, '
        f'"class": "{ch.change_class._value_}", "significance": {_number(ch.significance)}, '
        f'"reasons": {_reasons(ch.reasons)}{_IGNORED if ch.ignored else ""}}}'
    )


def _details_line(row: CollationRow) -> str:
    readings = ", ".join(
        [
            f'{{"versions": {_ints(r.versions)}, "base": {"true" if r.base else "false"}, '
            f'"text": {_string(reading_text(r))}, "changes": [{", ".join([_change_json(ch) for ch in r.changes])}]}}'
            for r in row.readings
        ]
    )
    window = _ints(row.window) if row.window is not None else "null"
    return (
        f'  {{"status": "{row.status._value_}", "significance": {_number(row.significance)}, '
        f'"window": {window}, "outside": {"true" if row.outside else "false"}, '
        f'"moved": {_ints(v for v, cell in enumerate(row.cells) if cell.moved)}, '
        f'"omitted": {_ints(v for v, cell in enumerate(row.cells) if not cell.units)}, '
        f'"readings": [{readings}]}}'
    )


def _lines(lines: list[str], batch: int = 500) -> Iterator[str]:
    for start in range(0, len(lines), batch):
        yield ("\n" if start == 0 else ",\n") + ",\n".join(lines[start : start + batch])
    if lines:
        yield "\n "
