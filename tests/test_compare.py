"""compare(): the result object, the lossless JSON, and the seed pair's gold alignment."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

import stmtdiff
from stmtdiff.model import Op, Status
from stmtdiff.parallel import can_fork
from stmtdiff.report.json import comparison_to_dict, render_json

from conftest import ARTICLE, NEWS, STATEMENT


def sentence_with(doc: stmtdiff.Document, snippet: str) -> int:
    """Index of the one sentence holding ``snippet`` (which occurs once in the file)."""
    at = doc.text.index(snippet)
    assert doc.text.find(snippet, at + 1) == -1, f"snippet not unique: {snippet!r}"
    hits = [s.index for s in doc.sentences if s.start <= at < s.end]
    assert len(hits) == 1, f"no sentence holds {snippet!r}"
    return hits[0]


def pair_of(comparison: stmtdiff.Comparison, side: str, index: int) -> stmtdiff.Pair:
    return next(p for p in comparison.pairs if index in getattr(p, side))


def test_every_gold_pair_is_aligned_together(seed_comparison, acceptance):
    c = seed_comparison
    for gold in acceptance["pairs"]:
        i, j = sentence_with(c.a, gold["a"]), sentence_with(c.b, gold["b"])
        pair = pair_of(c, "a", i)
        assert j in pair.b, f"{gold['a']!r} should align with {gold['b']!r}, got {pair}"
        assert pair.status in (Status.CHANGED, Status.EQUAL, Status.MOVED)


def test_sentences_found_in_one_version_only_stay_unaligned(seed_comparison, acceptance):
    c = seed_comparison
    for snippet in acceptance["only_in_a"]:
        assert pair_of(c, "a", sentence_with(c.a, snippet)).b == ()
    for snippet in acceptance["only_in_b"]:
        assert pair_of(c, "b", sentence_with(c.b, snippet)).a == ()


def test_every_gold_change_is_visible_in_the_word_diff(seed_comparison, acceptance):
    c = seed_comparison
    for change in acceptance["changes"]:
        pair = pair_of(c, "a", sentence_with(c.a, change["pair"]))
        deleted = " ".join(e.text for e in pair.edits if e.op is Op.DELETE)
        inserted = " ".join(e.text for e in pair.edits if e.op is Op.INSERT)
        assert change["a"] in deleted, (change, deleted)
        assert change["b"] in inserted, (change, inserted)


def test_the_commentary_around_the_embedded_statement_is_outside(seed_comparison, acceptance):
    c = seed_comparison
    commentary = sentence_with(c.b, "Even after reading the stated purpose of the ESPD")
    assert pair_of(c, "b", commentary).outside
    # the added sentence inside the statement is not context: it is a real addition
    added = sentence_with(c.b, "The parties underlined the importance of infrastructure development")
    assert not pair_of(c, "b", added).outside
    # the commentary's near-copy of the statement's second sentence does not steal its pair
    near_copy = sentence_with(c.b, "The U.S.-Kazakhstan Enhanced Strategic Partnership Dialogue was created")
    assert pair_of(c, "b", near_copy).a == ()


def test_a_related_news_article_is_not_a_version_of_the_statement():
    c = stmtdiff.compare_files(NEWS, STATEMENT)
    aligned = [p for p in c.pairs if p.a and p.b]
    assert len(aligned) <= len(c.a.sentences) // 3
    assert c.summary.similarity < 0.2


def test_json_is_valid_against_the_shipped_schema(seed_comparison):
    schema = json.loads(resources.files("stmtdiff").joinpath("schema.json").read_text("utf-8"))
    jsonschema.validate(json.loads(render_json(seed_comparison)), schema)


def test_json_is_lossless(seed_comparison):
    data = comparison_to_dict(seed_comparison)
    texts = {"a": STATEMENT.read_text("utf-8"), "b": ARTICLE.read_text("utf-8")}
    assert_lossless(data, texts)


def assert_lossless(data: dict, texts: dict[str, str]) -> None:
    """The JSON's promises: see stmtdiff/report/json.py."""
    for side in "ab":
        text, sentences = texts[side], data[side]["sentences"]
        assert data[side]["length"] == len(text)
        covered = [False] * len(text)
        for s in sentences:
            assert text[s["start"] : s["end"]] == s["text"]
            for k in range(s["start"], s["end"]):
                assert not covered[k], "sentences overlap"
                covered[k] = True
        assert all(covered[k] or text[k].isspace() for k in range(len(text)))
        indices = sorted(i for p in data["pairs"] for i in p[side])
        assert indices == list(range(len(sentences)))
    for p in data["pairs"]:
        for side, keep in (("a", "insert"), ("b", "delete")):
            if p[side]:
                first, last = data[side]["sentences"][p[side][0]], data[side]["sentences"][p[side][-1]]
                rebuilt = "".join(e["text"] for e in p["edits"] if e["op"] != keep)
                assert rebuilt == texts[side][first["start"] : last["end"]]
                for e in p["edits"]:
                    if e["op"] != keep:
                        assert texts[side][e[f"{side}_start"] : e[f"{side}_end"]] == e["text"]


def test_output_is_byte_identical_when_run_twice():
    first = render_json(stmtdiff.compare_files(STATEMENT, ARTICLE))
    second = render_json(stmtdiff.compare_files(STATEMENT, ARTICLE))
    assert first == second


def test_identical_documents_have_no_differences():
    c = stmtdiff.compare("One sentence. Another one.", "One sentence. Another one.")
    assert c.summary.identical and c.summary.similarity == 1.0
    assert [p.status for p in c.pairs] == [Status.EQUAL, Status.EQUAL]


def test_ignore_case_makes_a_case_only_change_equal_but_keeps_the_exact_edits():
    c = stmtdiff.compare("The Strategic Dialogue met.", "The strategic dialogue met.", ignore_case=True)
    assert c.summary.identical
    assert any(e.op is Op.DELETE for e in c.pairs[0].edits)


def test_units_lines_and_paragraphs():
    text_a, text_b = "one line\nsecond line\n\nnew para", "one line\nsecond line changed\n\nnew para"
    assert len(stmtdiff.compare(text_a, text_b, units="lines").a.sentences) == 3
    assert len(stmtdiff.compare(text_a, text_b, units="paragraphs").a.sentences) == 2


def test_bad_options_raise_the_library_error():
    with pytest.raises(stmtdiff.StmtdiffError):
        stmtdiff.compare("a", "b", threshold=2)
    with pytest.raises(stmtdiff.StmtdiffError):
        stmtdiff.compare("a", "b", units="words")
    with pytest.raises(stmtdiff.StmtdiffError):
        stmtdiff.compare("a", "b", colour=True)


@pytest.mark.parametrize(
    "option",
    [
        {"ignore_classes": ["typo"]},  # was a bare ValueError from ChangeClass
        {"threshold": "0.5"},  # was a TypeError from the range check
        {"threshold": None},
        {"max_group": 2.5},
        {"max_group": "3"},
        {"watch": None},
        {"watch": [1, 2]},
        {"ignore_case": "no"},  # a string would have counted as True
    ],
)
def test_a_bad_option_value_raises_the_library_error(option):
    with pytest.raises(stmtdiff.StmtdiffError):
        stmtdiff.compare("We will act.", "We shall act.", **option)


def test_one_string_is_one_watched_term_or_ignored_class():
    c = stmtdiff.compare("We will act.", "We shall act.", watch="shall", ignore_classes="formatting")
    assert c.options.watch == ("shall",)  # not ("s", "h", "a", "l", "l")
    assert c.options.ignore_classes == {stmtdiff.ChangeClass.FORMATTING}


def test_a_set_of_watched_terms_is_listed_in_the_same_order_every_run():
    c = stmtdiff.compare("We will act.", "We shall act.", watch={"tariff", "shall", "duty"})
    assert c.options.watch == ("duty", "shall", "tariff")


def test_options_built_by_hand_are_checked_and_render_like_keyword_ones():
    by_hand = stmtdiff.CompareOptions(units="lines", ignore_classes=["wording"])  # names, not enums
    c = stmtdiff.compare("We will act.\nIt is done.", "We shall act.\nIt is done.", by_hand)
    assert c.options == stmtdiff.compare("x", "y", units="lines", ignore_classes=["wording"]).options
    assert json.loads(render_json(c))["options"]["units"] == "lines"  # was an AttributeError
    a, b = c.a, c.b
    with pytest.raises(stmtdiff.StmtdiffError):
        stmtdiff.compare_documents(a, b, stmtdiff.CompareOptions(max_group=0))


def test_public_api_summary():
    c = stmtdiff.compare_files(STATEMENT, ARTICLE)
    assert c.summary.changed >= 15 and c.summary.inserted >= 1
    assert 0 < c.summary.similarity < 1


def test_gold_change_classes_and_the_substantive_ones_rank_in_the_top_five(seed_comparison, acceptance):
    c = seed_comparison
    for gold in acceptance["changes"]:
        pair = pair_of(c, "a", sentence_with(c.a, gold["pair"]))
        found = [
            ch for ch in pair.changes if gold["a"] in ch.a_text and gold["b"] in ch.b_text
        ]
        assert found, f"no change {gold['a']!r} -> {gold['b']!r} in {pair.changes}"
        assert found[0].change_class.value == gold["class"], (gold, found[0])
    top5 = [c.pairs[p].changes[k] for p, k in c.summary.top_changes[:5]]
    for gold in acceptance["changes"]:
        if gold["class"] == "substantive":
            assert any(gold["a"] in ch.a_text and gold["b"] in ch.b_text for ch in top5), gold


def test_a_watched_term_makes_its_change_substantive():
    c = stmtdiff.compare(
        "Both sides will work towards closer ties.",
        "Both sides will work toward closer ties.",
        watch=("towards",),
    )
    (change,) = c.pairs[0].changes
    assert change.change_class.value == "substantive" and "watched term" in change.reasons


def test_a_change_of_case_and_punctuation_still_counts_when_only_case_is_ignored():
    assert not stmtdiff.compare("Talks with the U.S. began.", "Talks with the us began.", ignore_case=True).summary.identical
    both = stmtdiff.compare(
        "Talks with the U.S. began.", "Talks with the us began.", ignore_case=True, ignore_punctuation=True
    )
    assert both.summary.identical


def test_the_fast_json_writer_says_exactly_what_comparison_to_dict_says(seed_comparison):
    assert json.loads(render_json(seed_comparison)) == comparison_to_dict(seed_comparison)
    moved = stmtdiff.compare(
        "Alpha beta gamma delta epsilon. The next meeting will be held in Astana in the spring. Zeta eta theta. Iota kappa lambda.",
        "Zeta eta theta. Iota kappa lambda. Alpha beta gamma delta epsilon. The next meeting will be held in Astana in spring.",
    )
    assert json.loads(render_json(moved)) == comparison_to_dict(moved)


def test_streamed_json_is_the_same_text(seed_comparison):
    import io

    from stmtdiff.report.json import write_json

    sink = io.StringIO()
    write_json(seed_comparison, sink)
    assert sink.getvalue() == render_json(seed_comparison)


def test_sharing_the_work_with_a_second_process_changes_nothing(monkeypatch):
    import importlib

    compare_module = importlib.import_module("stmtdiff.compare")

    verses = [f"Verse {n} tells of the {n % 7} kings and {n % 5} prophets of the land." for n in range(60)]
    edited = [v.replace("kings", "rulers") if n % 3 == 0 else v for n, v in enumerate(verses)]
    del edited[10]
    edited.insert(40, "An added verse about something else entirely, far from kings.")
    a_text, b_text = "\n".join(verses), "\n".join(edited)
    monkeypatch.setattr(compare_module, "PARALLEL_MIN_GROUPS", 10)
    monkeypatch.setattr(compare_module, "PARALLEL_CHUNK", 7)  # many chunks from each end
    monkeypatch.setenv("STMTDIFF_WORKERS", "1")
    alone = render_json(stmtdiff.compare(a_text, b_text, units="lines"))
    monkeypatch.delenv("STMTDIFF_WORKERS")
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    shared = render_json(stmtdiff.compare(a_text, b_text, units="lines"))
    assert shared == alone


@pytest.mark.parametrize("pairs_sent_first", [0, 7])  # dies at once, or after one chunk arrived
def test_if_the_helper_process_dies_this_process_does_its_share(monkeypatch, pairs_sent_first):
    import importlib
    import os

    compare_module = importlib.import_module("stmtdiff.compare")
    a_text = "\n".join(f"Verse {n} tells of {n % 7} kings." for n in range(60))
    b_text = a_text.replace("kings", "rulers")
    monkeypatch.setenv("STMTDIFF_WORKERS", "1")
    alone = render_json(stmtdiff.compare(a_text, b_text, units="lines"))
    monkeypatch.delenv("STMTDIFF_WORKERS")
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    monkeypatch.setattr(compare_module, "PARALLEL_MIN_GROUPS", 10)
    monkeypatch.setattr(compare_module, "PARALLEL_CHUNK", 7)
    packed = compare_module._pair_to_tuple
    calls = iter(range(10**6))

    def pack_then_die(pair):  # only the child packs pairs
        if next(calls) >= pairs_sent_first:
            os._exit(3)
        return packed(pair)

    monkeypatch.setattr(compare_module, "_pair_to_tuple", pack_then_die)
    assert render_json(stmtdiff.compare(a_text, b_text, units="lines")) == alone


def test_the_summary_counts_what_it_would_count_edit_by_edit(seed_comparison):
    """_summary measures the edit texts in one concatenation per kind; the plain way agrees."""
    import re

    c = seed_comparison
    edits = [e for p in c.pairs for e in p.edits]

    def nonspace(text: str) -> int:
        return len("".join(text.split()))

    equal_chars = sum(nonspace(e.text) for e in edits if e.op is Op.EQUAL)
    assert c.summary.similarity == round(2 * equal_chars / (nonspace(c.a.text) + nonspace(c.b.text)), 4)
    def words(op: Op) -> int:
        return sum(len(re.findall(r"\w+", e.text)) for e in edits if e.op is op)

    assert c.summary.words_deleted == words(Op.DELETE)
    assert c.summary.words_inserted == words(Op.INSERT)
    assert c.summary.words_deleted and c.summary.words_inserted


def test_the_whitespace_the_summary_counts_is_what_split_splits_on():
    import importlib
    import sys

    compare_module = importlib.import_module("stmtdiff.compare")
    spaces = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(compare_module._WHITESPACE) == spaces
    assert len(compare_module._WHITESPACE) == len(spaces)
    text = "a\u00a0b\u3000c\r\n d\x1ce\u2028"
    assert compare_module._nonspace(text) == len("".join(text.split())) == 5


@pytest.mark.parametrize(
    "value", [0.0, -0.0, 1.0, 0.35, 1e-05, 0.1 + 0.2, 123456789.0, 1, True, float("nan"), float("inf")]
)
def test_json_numbers_are_written_as_json_dumps_writes_them(value):
    from stmtdiff.report.json import _number

    assert _number(value) == json.dumps(value)


def test_json_lists_are_written_as_json_dumps_writes_them():
    from stmtdiff.report.json import _ints, _reasons

    assert _ints((3, 14, 159)) == json.dumps([3, 14, 159])
    assert _ints(()) == json.dumps([])
    reasons = ("grammar words", 'a "quoted" \u00e9 reason\n', "</script>")
    assert _reasons(reasons) == json.dumps(list(reasons), ensure_ascii=False)
    assert _reasons(()) == "[]"


def test_the_garbage_collector_is_paused_during_a_comparison_and_restored_after(monkeypatch) -> None:
    import gc
    import importlib

    from stmtdiff.load import document_from_text

    compare_module = importlib.import_module("stmtdiff.compare")
    seen: list[bool] = []
    original = compare_module.align

    def spying_align(*args, **kwargs):
        seen.append(gc.isenabled())
        return original(*args, **kwargs)

    monkeypatch.setattr(compare_module, "align", spying_align)
    a = document_from_text("We will act. It is done.")
    b = document_from_text("We shall act. It is done.")
    try:
        assert gc.isenabled()
        compare_module.compare_documents(a, b)
        assert gc.isenabled()  # restored
        gc.disable()
        compare_module.compare_documents(a, b)
        assert not gc.isenabled()  # a caller's choice is left alone
    finally:
        gc.enable()
    assert seen == [False, False]


# --- the ignore options reach everything ---------------------------------------------------------

def _schema() -> dict:
    return json.loads(resources.files("stmtdiff").joinpath("schema.json").read_text(encoding="utf-8"))


def test_an_ignored_spacing_difference_leaves_no_counted_change_anywhere():
    c = stmtdiff.compare("The talks  went well. Trade grew.", "The talks went well. Trade grew.", ignore_whitespace=True)
    assert [p.status for p in c.pairs] == [Status.EQUAL, Status.EQUAL]
    changes = [ch for p in c.pairs for ch in p.changes]
    assert changes and all(ch.ignored for ch in changes)  # kept, marked: the JSON stays lossless
    assert c.summary.class_counts == () and c.summary.top_changes == ()
    assert c.summary.identical
    doc = json.loads(render_json(c))
    jsonschema.validate(doc, _schema())
    assert doc["summary"]["classes"] == {} and doc["summary"]["identical"] is True
    assert all(ch["ignored"] is True for p in doc["pairs"] for ch in p["changes"])
    # the exact text is still in the edits
    assert "".join(e["text"] for e in doc["pairs"][0]["edits"] if e["op"] != "insert") == "The talks  went well."


def test_an_equal_pair_carries_no_counted_change():
    # "U.S." -> "US" is equal once punctuation is ignored, whatever class its change has
    c = stmtdiff.compare("The U.S. and Kazakhstan met. Trade grew.", "The US and Kazakhstan met. Trade grew.",
                         ignore_punctuation=True)
    for pair in c.pairs:
        assert pair.status is Status.EQUAL
        assert all(ch.ignored for ch in pair.changes)


def test_ignored_classes_leave_the_counts_the_ranking_and_the_verdict():
    a = "The ministers met in Astana on Monday. They agreed to expand the pipeline network before winter."
    b = "The Ministers met in Astana on Monday. They agreed to expand the pipeline network before winter. A new sentence was added here."
    plain = stmtdiff.compare(a, b)
    assert plain.summary.inserted == 1 and not plain.summary.identical
    c = stmtdiff.compare(a, b, ignore_classes={"formatting", "substantive"})
    assert c.summary.inserted == 0 and c.summary.ignored == 1 and c.summary.changed == 0
    assert c.summary.class_counts == () and c.summary.top_changes == ()
    assert c.summary.identical
    doc = json.loads(render_json(c))
    jsonschema.validate(doc, _schema())
    assert doc["summary"]["ignored"] == 1


def test_a_counted_change_beside_an_ignored_one_is_ranked_alone():
    a = "They agreed to expand the pipeline network before winter."
    b = "They Agreed to extend the pipeline network before winter."
    c = stmtdiff.compare(a, b, ignore_case=True)
    (pair,) = c.pairs
    assert pair.status is Status.CHANGED
    counted = [ch for ch in pair.changes if not ch.ignored]
    assert counted and all(ch.change_class.value != "formatting" for ch in counted)
    assert any(ch.ignored and ch.reasons == ("letter case only",) for ch in pair.changes)
    ranked = [pair.changes[k] for _, k in c.summary.top_changes]
    assert ranked and not any(ch.ignored for ch in ranked)
    assert dict(c.summary.class_counts).get(stmtdiff.ChangeClass.FORMATTING) is None


def test_one_changed_chinese_character_is_one_word_and_the_texts_stay_similar():
    a = "双方同意加强合作。他们讨论了安全问题。"
    c = stmtdiff.compare(a, a.replace("问题", "议题"))
    changed = [p for p in c.pairs if p.status.value == "changed"]
    assert len(changed) == 1 and changed[0].similarity > 0.8
    assert (c.summary.words_deleted, c.summary.words_inserted) == (1, 1)
    assert c.summary.similarity > 0.9
