"""Pathological inputs take a shortcut, say so in the notes, and still lose no text."""

from __future__ import annotations

import random

import stmtdiff
from stmtdiff.model import Op, Status
from stmtdiff.report.json import comparison_to_dict

from test_compare import assert_lossless


def test_many_identical_sentences_are_anchored_on_a_diff_of_the_sentences():
    lines = ["The same sentence again."] * 3000
    edited = list(lines)
    edited[700] = "A changed one here, quite different."
    del edited[2000]
    a, b = "\n".join(lines), "\n".join(edited)
    c = stmtdiff.compare(a, b, units="lines")
    assert any("anchored on a diff of the sentence texts" in note for note in c.notes)
    assert (c.summary.deleted, c.summary.inserted, c.summary.changed) == (2, 1, 0)
    assert c.summary.equal == 2998
    assert_lossless(comparison_to_dict(c), {"a": a, "b": b})


def test_a_huge_sentence_is_compared_from_its_ends_and_still_word_diffed():
    rng = random.Random(7)
    words = [rng.choice(["land", "people", "king", "river", "city", "law"]) + str(n % 97) for n in range(4000)]
    a = " ".join(words) + "."
    b = a.replace("river3 ", "stream3 ", 1)
    c = stmtdiff.compare(a, b)
    assert any("estimated from their first and last" in note for note in c.notes)
    deleted = [e.text for e in c.pairs[0].edits if e.op is Op.DELETE]
    assert deleted == ["river3"]


def test_two_huge_unrelated_sentences_are_not_word_diffed():
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(5000)]
    a = " ".join(rng.choice(vocabulary) for _ in range(12000)) + "."
    b = " ".join(rng.choice(vocabulary) for _ in range(12000)) + "."
    c = stmtdiff.compare(a, b, threshold=0.0)
    assert c.pairs[0].status is Status.CHANGED
    assert [e.op for e in c.pairs[0].edits] == [Op.DELETE, Op.INSERT]
    assert any("not word-diffed" in note for note in c.notes)
    assert_lossless(comparison_to_dict(c), {"a": a, "b": b})


def test_a_shuffled_document_names_each_shortcut_a_few_times_not_once_per_gap():
    """5,000 one-word lines against a shuffled copy: dozens of gaps are aligned in a band, and
    a diff of the sentence texts that finds nothing equal is not reported as an anchoring."""
    lines = [f"w{n}" for n in range(5000)]
    shuffled = list(lines)
    random.Random(1).shuffle(shuffled)
    a, b = "\n".join(lines), "\n".join(shuffled)
    c = stmtdiff.compare(a, b, units="lines")
    banded = [note for note in c.notes if note.startswith("alignment banded")]
    assert len(banded) == 3 and banded[-1].endswith("more like it)")
    assert not any("anchored on a diff" in note for note in c.notes)
    assert_lossless(comparison_to_dict(c), {"a": a, "b": b})
