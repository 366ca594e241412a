"""Word diff: edits fall on word boundaries and rebuild both texts exactly."""

from __future__ import annotations

from conftest import SEEDS
from hypothesis import given
from hypothesis import strategies as st

from stmtdiff.model import Op
from stmtdiff.worddiff import TokenCodec, diff_spans, rebuild, tokenize


def markup(a: str, b: str) -> str:
    """wdiff-style markup of a word diff, so assertions read like the change itself."""
    out = []
    for edit in diff_spans(a, 0, b, 0):
        if edit.op is Op.EQUAL:
            out.append(edit.text)
        elif edit.op is Op.DELETE:
            out.append(f"[-{edit.text}-]")
        else:
            out.append(f"{{+{edit.text}+}}")
    return "".join(out)


def test_a_suffix_change_is_a_whole_word_change():
    assert markup("work towards it", "work toward it") == "work [-towards-]{+toward+} it"


def test_the_headline_change_of_the_seed_pair():
    assert markup(
        "to work towards sustainable normal trade relations",
        "to work toward permanent normal trade relations",
    ) == "to work [-towards sustainable-]{+toward permanent+} normal trade relations"


def test_identical_texts_give_one_equal_edit():
    edits = diff_spans("Same text.", 10, "Same text.", 20)
    assert [(e.op, e.a_start, e.a_end, e.b_start, e.b_end) for e in edits] == [
        (Op.EQUAL, 10, 20, 20, 30)
    ]


def test_empty_side_is_one_delete_or_insert():
    assert [e.op for e in diff_spans("Gone.", 0, "", 0)] == [Op.DELETE]
    assert [e.op for e in diff_spans("", 0, "New.", 0)] == [Op.INSERT]


def test_offsets_point_into_the_documents():
    a_doc, b_doc = "xx The cat sat.", "yyyy The dog sat."
    for edit in diff_spans(a_doc[3:], 3, b_doc[5:], 5):
        if edit.op is not Op.INSERT:
            assert a_doc[edit.a_start : edit.a_end] == edit.text
        if edit.op is not Op.DELETE:
            assert b_doc[edit.b_start : edit.b_end] == edit.text


def test_edits_rebuild_both_texts_including_crlf_and_odd_spaces():
    a = "Line one,\r\nline  two — “quoted”.\tEnd"
    b = "Line one, line two - \"quoted\". End!"
    assert rebuild(diff_spans(a, 0, b, 0)) == (a, b)


def test_tokens_join_back_to_the_text():
    text = "U.S.-Kazakhstan ties, don't stop:\n  $85.5mn…"
    assert "".join(tokenize(text)) == text


def test_codec_is_shared_and_stable_across_pairs():
    codec = TokenCodec()
    first = codec.encode(tokenize("the cat"))
    second = codec.encode(tokenize("the cat"))
    assert first == second and len(first) == 3


def test_more_distinct_words_than_one_pool_still_works():
    codec = TokenCodec()
    words = [f"w{n}" for n in range(100_000)]
    encoded = codec.encode(words)
    assert len(set(encoded)) == len(words)


def test_the_c_plus_plus_build_gives_the_same_diffs_as_the_pure_python_one():
    import pytest

    from stmtdiff import worddiff

    if worddiff._fast_dmp is None:
        pytest.skip("fast-diff-match-patch is not installed on this platform")
    codec = TokenCodec()
    lines_a = (SEEDS / "espd-2024-statement-state-dept-reworded.txt").read_text("utf-8").splitlines()
    lines_b = (SEEDS / "espd-2024-statement-in-article.txt").read_text("utf-8").splitlines()
    for a in lines_a:
        for b in lines_b[-12:]:
            ea, eb = codec.encode(tokenize(a)), codec.encode(tokenize(b))
            assert worddiff.diff_encoded(ea, eb) == worddiff.diff_encoded(ea, eb, use_fast=False)


def test_chinese_diffs_by_character_so_one_changed_character_is_one_change():
    assert markup("双方同意加强合作。", "双方同意深化合作。") == "双方同意[-加强-]{+深化+}合作。"
    assert markup("他们讨论了安全问题。", "他们讨论了安全议题。") == "他们讨论了安全[-问-]{+议+}题。"


def test_japanese_kana_by_character_and_a_katakana_word_whole():
    assert tokenize("ヘブル語で書く") == ["ヘブル", "語", "で", "書", "く"]
    assert markup("パートナーシップを強化する", "パートナーシップを拡大する") == "パートナーシップを[-強化-]{+拡大+}する"


def test_korean_and_mixed_latin_diff_by_words():
    assert markup("양국은 협력을 강화한다.", "양국은 협력을 확대한다.") == "양국은 협력을 [-강화한다-]{+확대한다+}."
    assert tokenize("G20峰会 2024年") == ["G20", "峰会", " ", "2024", "年"]  # 峰会 (summit) holds 会 (will)


def test_unspaced_text_still_rebuilds_both_sides_exactly():
    a, b = "「双方同意。」他说，G20会议将于2024年举行。", "「双方决定。」她说：G20会议于2025年举行！"
    assert rebuild(diff_spans(a, 0, b, 0)) == (a, b)


def test_combining_marks_stay_in_their_word_so_a_changed_vowel_sign_changes_one_word():
    # Python's \w leaves combining marks out: Hindi "भारत" came out as "भ", "ा", "रत"
    assert tokenize("भारत और रूस") == ["भारत", " ", "और", " ", "रूस"]
    assert tokenize("تُفتتَح المناقشة") == ["تُفتتَح", " ", "المناقشة"]
    assert tokenize("cafe\u0301 noir") == ["cafe\u0301", " ", "noir"]
    assert markup("भारत ने समझौता किया।", "भारत ने समझौता किये।") == "भारत ने समझौता [-किया-]{+किये+}।"


def test_an_emoji_sequence_or_a_flag_is_never_cut_by_the_diff():
    family, smaller = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466", "\U0001F468\u200d\U0001F469\u200d\U0001F467"
    assert markup(f"A family {family} here.", f"A family {smaller} here.") == f"A family [-{family}-]{{+{smaller}+}} here."
    assert markup("Talks \U0001F1F0\U0001F1FF today.", "Talks \U0001F1F0\U0001F1F7 today.") == (
        "Talks [-\U0001F1F0\U0001F1FF-]{+\U0001F1F0\U0001F1F7+} today."
    )


@given(st.text(alphabet=st.sampled_from(list("aé\u0301 भा\u093f\u200d\U0001F469\U0001F3FD\U0001F1F0双.")), max_size=40))
def test_tokens_with_marks_and_joiners_join_back_to_the_text(text: str) -> None:
    assert "".join(tokenize(text)) == text
