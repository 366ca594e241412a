"""Invariants on random documents with random edits: nothing is ever lost or invented."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import stmtdiff
from stmtdiff.report.json import comparison_to_dict

from test_compare import assert_lossless

WORDS = (
    "the delegations discussed energy security trade minerals cooperation Kazakhstan "
    "United States partnership dialogue human rights support will may shall not 2024 "
    "30 percent border counterterrorism transport corridor"
).split()

word = st.sampled_from(WORDS) | st.text(
    alphabet=st.characters(categories=("L", "N"), max_codepoint=0x2FF), min_size=1, max_size=8
)
sentence = st.builds(
    lambda ws, end: " ".join(ws).capitalize() + end,
    st.lists(word, min_size=1, max_size=12),
    st.sampled_from([".", "!", "?", ";", "", ".”", "…"]),
)
separator = st.sampled_from([" ", "  ", "\n", "\r\n", "\n\n", "\t", " \u00a0"])


@st.composite
def document_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A document and an edited version: sentences inserted, deleted, changed, moved, merged, split."""
    sentences = draw(st.lists(sentence, min_size=0, max_size=12))
    edited = list(sentences)
    for _ in range(draw(st.integers(0, 5))):
        op = draw(st.sampled_from(["insert", "delete", "change", "move", "merge", "split"]))
        if op == "insert" or not edited:
            edited.insert(draw(st.integers(0, len(edited))), draw(sentence))
            continue
        k = draw(st.integers(0, len(edited) - 1))
        if op == "delete":
            del edited[k]
        elif op == "change":
            ws = edited[k].split(" ")
            ws[draw(st.integers(0, len(ws) - 1))] = draw(word)
            edited[k] = " ".join(ws)
        elif op == "move":
            edited.insert(draw(st.integers(0, len(edited) - 1)), edited.pop(k))
        elif op == "merge" and k + 1 < len(edited):
            edited[k : k + 2] = [edited[k].rstrip(".!?") + ", and " + edited[k + 1]]
        elif op == "split":
            ws = edited[k].split(" ")
            cut = draw(st.integers(0, len(ws)))
            edited[k : k + 1] = [" ".join(ws[:cut]) + ".", " ".join(ws[cut:])]

    def join(parts: list[str]) -> str:
        seps = [draw(separator) for _ in parts]
        return "".join(p + s for p, s in zip(parts, seps))

    return draw(separator) + join(sentences), join(edited)


@settings(max_examples=150, deadline=None)
@given(document_pair(), st.sampled_from(["sentences", "lines", "paragraphs", "clauses"]))
def test_both_documents_can_be_rebuilt_from_the_comparison(texts, units):
    a, b = texts
    c = stmtdiff.compare(a, b, units=units)
    assert_lossless(comparison_to_dict(c), {"a": a, "b": b})


@settings(max_examples=100, deadline=None)
@given(document_pair())
@example((" ", "0 "))  # found by hypothesis: a lone page number once made documents "identical"
def test_statuses_agree_with_the_text(texts):
    a, b = texts
    c = stmtdiff.compare(a, b)
    for pair in c.pairs:
        if pair.status is stmtdiff.Status.EQUAL:  # no ignore options: exactly the same text
            a_span = c.a.text[c.a.sentences[pair.a[0]].start : c.a.sentences[pair.a[-1]].end]
            b_span = c.b.text[c.b.sentences[pair.b[0]].start : c.b.sentences[pair.b[-1]].end]
            assert a_span == b_span
        assert (pair.status is stmtdiff.Status.DELETED) == (not pair.b)
        assert (pair.status is stmtdiff.Status.INSERTED) == (not pair.a)
        assert 0.0 <= pair.similarity <= 1.0
    if c.summary.identical:
        assert [s.text for s in c.a.sentences] == [s.text for s in c.b.sentences]


@settings(max_examples=60, deadline=None)
@given(document_pair())
def test_a_document_compared_with_itself_is_identical(texts):
    a, _ = texts
    c = stmtdiff.compare(a, a)
    assert c.summary.identical
    assert all(p.status is stmtdiff.Status.EQUAL for p in c.pairs)
