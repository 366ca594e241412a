"""The JSON report (version 1): lossless, offsets into the compared texts, schema in the package.

Every sentence index is in exactly one pair; every non-whitespace character of a document lies
in exactly one sentence; the equal+delete edits of a pair rebuild its A span and the
equal+insert edits its B span. ``stmtdiff/schema.json`` is the JSON Schema of this document.
"""

from __future__ import annotations

import json
from typing import Any

from stmtdiff.model import Comparison, Document, Pair

VERSION = 1


def document_to_dict(doc: Document) -> dict[str, Any]:
    source = doc.source
    return {
        "name": doc.name,
        "length": len(doc.text),
        "units": doc.units.value,
        "source": {
            "kind": source.kind,
            "location": source.location,
            "encoding": source.encoding,
            "encoding_guessed": source.encoding_guessed,
            "settings": dict(source.settings),
        },
        "sentences": [
            {"start": s.start, "end": s.end, "text": s.text, "boilerplate": s.boilerplate}
            for s in doc.sentences
        ],
    }


def pair_to_dict(pair: Pair) -> dict[str, Any]:
    item: dict[str, Any] = {
        "a": list(pair.a),
        "b": list(pair.b),
        "status": pair.status.value,
        "similarity": pair.similarity,
        "outside": pair.outside,
        "reason": pair.reason,
        "edits": [
            {
                "op": e.op.value,
                "a_start": e.a_start,
                "a_end": e.a_end,
                "b_start": e.b_start,
                "b_end": e.b_end,
                "text": e.text,
            }
            for e in pair.edits
        ],
        "changes": [
            {
                "a_text": c.a_text,
                "b_text": c.b_text,
                "a_start": c.a_start,
                "a_end": c.a_end,
                "b_start": c.b_start,
                "b_end": c.b_end,
                "class": c.change_class.value,
                "significance": c.significance,
                "reasons": list(c.reasons),
            }
            for c in pair.changes
        ],
    }
    if pair.moved_from is not None:
        item["moved_from"] = pair.moved_from
    return item


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    s = comparison.summary
    opts = comparison.options
    return {
        "version": VERSION,
        "a": document_to_dict(comparison.a),
        "b": document_to_dict(comparison.b),
        "pairs": [pair_to_dict(p) for p in comparison.pairs],
        "summary": {
            "equal": s.equal,
            "changed": s.changed,
            "moved": s.moved,
            "deleted": s.deleted,
            "inserted": s.inserted,
            "outside": s.outside,
            "boilerplate": s.boilerplate,
            "identical": s.identical,
            "similarity": s.similarity,
            "a_units": s.a_units,
            "b_units": s.b_units,
            "words_deleted": s.words_deleted,
            "words_inserted": s.words_inserted,
            "classes": {c.value: n for c, n in s.class_counts},
            "top_changes": [{"pair": p, "change": c} for p, c in s.top_changes],
        },
        "options": {
            "units": opts.units.value,
            "threshold": opts.threshold,
            "max_group": opts.max_group,
            "ignore_case": opts.ignore_case,
            "ignore_punctuation": opts.ignore_punctuation,
            "ignore_whitespace": opts.ignore_whitespace,
            "watch": list(opts.watch),
            "ignore_classes": sorted(c.value for c in opts.ignore_classes),
        },
        "notes": list(comparison.notes),
    }


def render_json(comparison: Comparison) -> str:
    """The JSON text: one sentence or pair per line, keys in a fixed order (same bytes every run).

    Lines are encoded one at a time with the standard library's C encoder (``indent`` would
    switch it to the pure-Python one, ten times slower on a Bible-sized comparison).
    """
    return "".join(_lines(comparison_to_dict(comparison))) + "\n"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _lines(data: dict[str, Any]) -> list[str]:
    out = ["{"]
    for n, (key, value) in enumerate(data.items()):
        out.append("\n" if n == 0 else ",\n")
        out.append(f" {_dump(key)}: ")
        if key in ("a", "b"):
            head = {k: v for k, v in value.items() if k != "sentences"}
            out.append(_dump(head)[:-1] + ', "sentences": [')
            out.append(_list_body(value["sentences"], "  "))
            out.append("]}")
        elif key == "pairs":
            out.append("[")
            out.append(_list_body(value, "  "))
            out.append("]")
        else:
            out.append(_dump(value))
    out.append("\n}")
    return out


def _list_body(items: list[Any], indent: str) -> str:
    if not items:
        return ""
    return "\n" + ",\n".join(indent + _dump(item) for item in items) + "\n "
