"""The JSON alone gives both inputs back, byte for byte (version 2 writes each text once)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from hypothesis import example, given, settings
from hypothesis import strategies as st

import stmtdiff
from stmtdiff.report.json import comparison_to_dict, render_json

from test_compare import assert_lossless
from test_properties import document_pair

SCHEMA = json.loads((Path(stmtdiff.__file__).parent / "schema.json").read_text(encoding="utf-8"))
# Text with the whitespace version 1 lost: runs of spaces, tabs, CR LF, form feeds, odd spaces.
spacing = st.text(alphabet=" \t\r\n\x0b\x0c\u00a0\u2028\u3000", max_size=4)


@st.composite
def spaced_pair(draw: st.DrawFn) -> tuple[str, str]:
    a, b = draw(document_pair())
    return draw(spacing) + a + draw(spacing), draw(spacing) + b.replace(" ", draw(spacing) or " ", 1)


@settings(max_examples=150, deadline=None)
@given(spaced_pair(), st.sampled_from(["sentences", "lines", "paragraphs", "clauses"]))
@example(("One.  \n\n Two.\t", "One.\r\n Two. "), "sentences")  # whitespace between groups
def test_both_inputs_are_rebuilt_byte_for_byte_from_the_json_alone(texts, units):
    a, b = texts
    data = json.loads(render_json(stmtdiff.compare(a, b, units=units)))
    assert data["a"]["text"].encode("utf-8") == a.encode("utf-8")
    assert data["b"]["text"].encode("utf-8") == b.encode("utf-8")
    assert_lossless(data, {"a": data["a"]["text"], "b": data["b"]["text"]})  # offsets point into it


def test_a_file_comes_back_from_its_json(tmp_path):
    raw = "\ufeffThe talks ended.\r\n\r\n  They  will meet again.\t\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(raw)
    (tmp_path / "b.txt").write_bytes(b"The talks ended.\nThey shall meet again.\n")
    data = json.loads(render_json(stmtdiff.compare_files(tmp_path / "a.txt", tmp_path / "b.txt")))
    source = data["a"]["source"]
    assert source["encoding"] == "utf-8-sig"
    assert data["a"]["text"].encode(source["encoding"]) == raw


def test_the_json_is_version_2_and_valid(seed_comparison):
    data = json.loads(render_json(seed_comparison))
    assert data["version"] == 2
    jsonschema.validate(data, SCHEMA)
    assert data == json.loads(json.dumps(comparison_to_dict(seed_comparison)))  # streamed == built whole


def test_a_byte_order_mark_read_with_an_explicit_utf8_is_recorded_so_it_comes_back(tmp_path):
    """Found by the fuzz target: --encoding utf-8 dropped the mark and said "utf-8"."""
    raw = "\ufeffWe met.\n".encode("utf-8")
    (tmp_path / "a.txt").write_bytes(raw)
    doc = stmtdiff.load_document(tmp_path / "a.txt", encoding="utf-8")
    assert doc.text == "We met.\n"
    assert doc.text.encode(doc.source.encoding) == raw
