"""The JSON report (version 2): lossless, offsets into the compared texts, schema in the package.

Each document's ``text`` is written once, exactly the decoded or extracted text every offset
points into, so both inputs come back byte for byte from the JSON alone (version 1 lost the
whitespace between units). Every sentence index is in exactly one pair; every non-whitespace
character of a document lies in exactly one sentence; the equal+delete edits of a pair
rebuild its A span and the equal+insert edits its B span. ``stmtdiff/schema.json`` is the
JSON Schema of this document.
"""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache
from math import isfinite
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TextIO, TypeVar

from stmtdiff.model import CompareOptions, Comparison, Document, Pair, Sentence

VERSION = 2
T = TypeVar("T")


def document_to_dict(doc: Document) -> dict[str, Any]:
    source = doc.source
    return {
        "name": doc.name,
        "length": len(doc.text),
        "units": doc.units.value,
        "language": doc.language,
        "source": {
            "kind": source.kind,
            "location": source.location,
            "encoding": source.encoding,
            "encoding_guessed": source.encoding_guessed,
            "settings": dict(source.settings),
            "notes": list(source.notes),
        },
        "text": doc.text,
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
                **({"ignored": True} if c.ignored else {}),
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
            **({"ignored": s.ignored} if s.ignored else {}),
            "identical": s.identical,
            "similarity": s.similarity,
            "a_units": s.a_units,
            "b_units": s.b_units,
            "words_deleted": s.words_deleted,
            "words_inserted": s.words_inserted,
            "classes": {c.value: n for c, n in s.class_counts},
            "top_changes": [{"pair": p, "change": c} for p, c in s.top_changes],
        },
        "options": options_to_dict(opts),
        "notes": list(comparison.notes),
    }


def options_to_dict(opts: CompareOptions, *, lang: bool = True) -> dict[str, Any]:
    """The comparison's options as the JSON records them (``lang`` left out where a format's
    schema has no place for it: the collation's, whose documents each carry their language)."""
    out: dict[str, Any] = {
        "units": opts.units.value,
        "threshold": opts.threshold,
        "max_group": opts.max_group,
        "ignore_case": opts.ignore_case,
        "ignore_punctuation": opts.ignore_punctuation,
        "ignore_whitespace": opts.ignore_whitespace,
        "watch": list(opts.watch),
        "ignore_classes": sorted(c.value for c in opts.ignore_classes),
    }
    if lang:
        out["lang"] = opts.lang
    return out


def render_json(comparison: Comparison) -> str:
    """The JSON text: one sentence or pair per line, keys in a fixed order (same bytes every run)."""
    return "".join(iter_json(comparison))


def write_json(comparison: Comparison, stream: TextIO) -> None:
    """Write the JSON a line at a time: a Bible-sized report never sits in memory whole."""
    for chunk in iter_json(comparison):
        stream.write(chunk)


def iter_json(comparison: Comparison) -> Iterator[str]:
    """The JSON text in pieces, equal as data to ``comparison_to_dict`` (a test checks it).

    Written with string templates and the standard library's C string escaper: building a
    dict per edit made this the slowest step on a Bible-sized comparison.
    """
    c = comparison
    data = comparison_to_dict(_without_units_and_pairs(c))
    yield "{\n \"version\": " + _dump(data["version"])
    for side, doc in (("a", c.a), ("b", c.b)):
        head = {k: v for k, v in data[side].items() if k not in ("text", "sentences")}
        head["length"] = len(doc.text)
        yield f',\n "{side}": {_dump(head)[:-1]}, "text": '
        yield _string(doc.text)
        yield ', "sentences": ['
        yield from _body(doc.sentences, _sentence_line)
        yield "]}"
    yield ',\n "pairs": ['
    yield from _body(c.pairs, _pair_line)
    yield "]"
    for key in ("summary", "options", "notes"):
        yield f',\n "{key}": {_dump(data[key])}'
    yield "\n}\n"


def _without_units_and_pairs(c: Comparison) -> Comparison:
    """The comparison without what is written piece by piece (and with the texts left out of
    the header: each is escaped on its own below, so no dict holds a second copy)."""
    return replace(
        c, a=replace(c.a, sentences=(), text=""), b=replace(c.b, sentences=(), text=""), pairs=()
    )


_string = json.encoder.encode_basestring  # the C implementation when available


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _body(items: Sequence[T], line: Callable[[T], str], batch: int = 500) -> Iterator[str]:
    """The items one per line, comma-separated, in batches of ``batch`` lines per chunk."""
    for start in range(0, len(items), batch):
        lines = [line(item) for item in items[start : start + batch]]
        yield ("\n" if start == 0 else ",\n") + ",\n".join(lines)
    if items:
        yield "\n "


# The helpers below write what json.dumps writes, without its per-call cost (a Bible-sized
# report made 320,000 calls). Enum members are read through ``_value_``, the attribute behind
# ``.value``, which skips the property's Python-level lookup.


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _number(value: float) -> str:
    """A finite float as json.dumps writes it (its repr); anything else through json.dumps."""
    if type(value) is float and isfinite(value):
        return float.__repr__(value)
    return _dump(value)


def _ints(values: Sequence[int]) -> str:
    """A list of unit indices as json.dumps writes it."""
    return "[" + ", ".join([str(v) for v in values]) + "]"


@lru_cache(maxsize=1024)
def _reasons(reasons: tuple[str, ...]) -> str:
    """A change's reasons as a JSON list; cached, as a few dozen lists recur 100,000 times."""
    return "[" + ", ".join([_string(reason) for reason in reasons]) + "]"


def _sentence_line(s: Sentence) -> str:
    return (
        f'  {{"start": {s.start}, "end": {s.end}, "text": {_string(s.text)}, '
        f'"boilerplate": {_bool(s.boilerplate)}}}'
    )


_IGNORED = ', "ignored": true'


def _pair_line(p: Pair) -> str:
    edits = ", ".join(
        [
            f'{{"op": "{e.op._value_}", "a_start": {e.a_start}, "a_end": {e.a_end}, '
            f'"b_start": {e.b_start}, "b_end": {e.b_end}, "text": {_string(e.text)}}}'
            for e in p.edits
        ]
    )
    changes = ", ".join(
        [
            f'{{"a_text": {_string(ch.a_text)}, "b_text": {_string(ch.b_text)}, '
            f'"a_start": {ch.a_start}, "a_end": {ch.a_end}, "b_start": {ch.b_start}, '
            f'"b_end": {ch.b_end}, "class": "{ch.change_class._value_}", '
            f'"significance": {_number(ch.significance)}, "reasons": {_reasons(ch.reasons)}'
            f'{_IGNORED if ch.ignored else ""}}}'
            for ch in p.changes
        ]
    )
    moved = f', "moved_from": {p.moved_from}' if p.moved_from is not None else ""
    return (
        f'  {{"a": {_ints(p.a)}, "b": {_ints(p.b)}, "status": "{p.status._value_}", '
        f'"similarity": {_number(p.similarity)}, "outside": {_bool(p.outside)}, '
        f'"reason": {_string(p.reason)}, "edits": [{edits}], "changes": [{changes}]{moved}}}'
    )
