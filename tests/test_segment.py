"""Segmentation: exact offsets, the seed gold units, and one test per trap of the segmentation note."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stmtdiff.errors import StmtdiffError
from stmtdiff.model import Sentence, Units
from stmtdiff.segment import segment

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"


def texts(text: str, units: Units | str = Units.SENTENCES) -> list[str]:
    return [unit.text for unit in segment(text, units)]


def assert_tiles(text: str, units: tuple[Sentence, ...]) -> None:
    """The lossless invariants: ordered, stripped, exact slices, every non-space char once."""
    covered = [False] * len(text)
    previous_end = 0
    for index, unit in enumerate(units):
        assert unit.index == index
        assert previous_end <= unit.start < unit.end
        assert unit.text == text[unit.start : unit.end]
        assert unit.text == unit.text.strip()
        for position in range(unit.start, unit.end):
            covered[position] = True
        previous_end = unit.end
    assert all(covered[i] or char.isspace() for i, char in enumerate(text))


# --- the seed gold files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "gold"),
    [
        ("espd-2024-statement-state-dept-reworded.txt", "gold_sentences_statement.json"),
        ("espd-2024-statement-in-article.txt", "gold_sentences_article.json"),
    ],
)
def test_seed_sentences_match_the_gold_units_exactly(seed: str, gold: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    expected = [(unit["start"], unit["end"], unit["text"]) for unit in json.loads((HERE / gold).read_text("utf-8"))]
    units = segment(text)
    assert [(unit.start, unit.end, unit.text) for unit in units] == expected
    assert_tiles(text, units)


# --- traps from ../shared/notes/segmentation.md --------------------------------------------


def test_us_before_a_title_is_not_a_sentence_end() -> None:
    assert texts("On May 31, 2024, U.S. Assistant Secretary of State Donald Lu welcomed them.") == [
        "On May 31, 2024, U.S. Assistant Secretary of State Donald Lu welcomed them."
    ]


def test_dc_after_a_city_and_comma_can_end_a_sentence() -> None:
    assert texts("The talks were held in Washington, D.C. Kazakhstan's ambassador attended.") == [
        "The talks were held in Washington, D.C.",
        "Kazakhstan's ambassador attended.",
    ]


def test_us_before_a_sentence_opener_ends_a_sentence() -> None:
    assert texts("The minister then flew to the U.S. The talks began on Monday.") == [
        "The minister then flew to the U.S.",
        "The talks began on Monday.",
    ]


def test_initialisms_inside_a_sentence_stay_inside() -> None:
    assert texts("In the U.S. Government, talks in Washington D.C. on May 31 went well.") == [
        "In the U.S. Government, talks in Washington D.C. on May 31 went well."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Amb. Smith met Dep. Asst. Sec. Jones in Astana.",
        "Pres. Tokayev thanked the Hon. Mary Lee for her visit.",
        "Prof. Jane Doe, Ph.D. Director of the institute, spoke first.",
        "Martin Luther King Jr. Day is a federal holiday.",
        "Resolution No. 2 amends Art. 5 of the treaty.",
        "The treaty was signed on Jan. 5 at 10 a.m. Eastern Time.",
        "John F. Kennedy visited Berlin.",
        "See e.g. Kazakhstan and cf. Uzbekistan.",
    ],
)
def test_titles_and_short_forms_do_not_end_a_sentence(sentence: str) -> None:
    assert texts(f"{sentence} The next sentence follows.") == [sentence, "The next sentence follows."]


def test_a_month_name_as_the_last_word_ends_the_sentence() -> None:
    assert texts("The dialogue was held in May. Kazakhstan welcomed the outcome.") == [
        "The dialogue was held in May.",
        "Kazakhstan welcomed the outcome.",
    ]


def test_money_and_percentages_end_sentences() -> None:
    assert texts("Exports fell to $85.5mn. Between March and May they recovered.") == [
        "Exports fell to $85.5mn.",
        "Between March and May they recovered.",
    ]
    assert texts("Exports rose 12.5% y/y. Imports fell.") == ["Exports rose 12.5% y/y.", "Imports fell."]


def test_a_question_in_quotes_followed_by_lower_case_is_one_sentence() -> None:
    assert texts("“Is this the end?” asked one diplomat. Nobody answered.") == [
        "“Is this the end?” asked one diplomat.",
        "Nobody answered.",
    ]


def test_a_multi_sentence_quotation_on_one_line_is_split_and_keeps_its_quotes() -> None:
    assert texts("He said: “We agree. The talks went well.” Then he left.") == [
        "He said: “We agree.",
        "The talks went well.”",
        "Then he left.",
    ]


# --- error classes found by running the segmenter over real statement pages ----------------


@pytest.mark.parametrize(
    "sentence",
    [
        "They met for the Kazakhstan-U.S. Enhanced Strategic Partnership Dialogue in Astana.",
        "Swaraj and Kerry led the fifth annual India-U.S. Strategic Dialogue in New Delhi.",
        "Building on their post-Sept. 11 security co-operation, the parties signed a plan.",
        "The EU/U.S. Trade and Technology Council met in Paris.",
    ],
)
def test_a_compound_ending_in_a_short_form_is_judged_by_its_last_part(sentence: str) -> None:
    assert texts(f"{sentence} The next sentence follows.") == [sentence, "The next sentence follows."]


def test_a_compound_ending_in_an_initialism_still_ends_a_sentence_before_an_opener() -> None:
    assert texts("They discussed trade with the Kazakhstan-U.S. The talks went well.") == [
        "They discussed trade with the Kazakhstan-U.S.",
        "The talks went well.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The House passed H. J. Res. 79, eliminating the deadline.",
        "The Senate adopted S. Con. Res. 5 last week.",
        "The law, Pub. L. 117-58, was signed in November.",
        "Exec. Order 14028 requires it.",
        "The Rt. Hon. David Lammy met Reps. Smith and Jones and Sens. Lee and Kim.",
        "Lt. Gen. (Ret.) John Allen spoke first.",
    ],
)
def test_citations_plural_titles_and_bracketed_short_forms_do_not_end_a_sentence(sentence: str) -> None:
    assert texts(f"{sentence} The next sentence follows.") == [sentence, "The next sentence follows."]


def test_a_date_after_a_place_suffix_goes_on_with_the_sentence() -> None:
    assert texts("The tree was lit on the Ellipse in Washington, D.C. December 9, 2010. It snowed.") == [
        "The tree was lit on the Ellipse in Washington, D.C. December 9, 2010.",
        "It snowed.",
    ]


def test_a_determiner_or_negation_after_an_initialism_opens_a_sentence() -> None:
    assert texts("No one worked harder than B.B. No one inspired more artists.") == [
        "No one worked harder than B.B.",
        "No one inspired more artists.",
    ]
    assert texts("He is the U.S. No. 2 diplomat in the region.") == ["He is the U.S. No. 2 diplomat in the region."]


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("ASTANA. KAZINFORM President Tokayev met the envoy.", "ASTANA. KAZINFORM"),
        ("NUR-SULTAN. KAZINFORM – The deputy minister met the ambassador.", "NUR-SULTAN. KAZINFORM –"),
        ("ASTANA – The fifth meeting took place on Nov. 6.", "ASTANA –"),
        ("WASHINGTON, June 5 (Reuters) - The two sides agreed.", "WASHINGTON, June 5 (Reuters) -"),
        ("WASHINGTON, May 19 (Xinhua) -- China and the United States agreed.", "WASHINGTON, May 19 (Xinhua) --"),
        ("Washington D.C., 1 May 2023 (TDI): Kairat Umarov held talks.", "Washington D.C., 1 May 2023 (TDI):"),
        ("Washington, Apr 17 (UNI) US President Joe Biden met the Prime Minister.", "Washington, Apr 17 (UNI)"),
    ],
)
def test_a_news_dateline_opening_a_paragraph_is_a_unit_of_its_own(paragraph: str, dateline: str) -> None:
    units = segment(f"Headline\n\n{paragraph}")
    assert [unit.text for unit in units] == ["Headline", dateline, paragraph[len(dateline) :].strip()]
    assert_tiles(f"Headline\n\n{paragraph}", units)


@pytest.mark.parametrize(
    "line",
    [
        "JOINT STATEMENT – UNITED STATES AND KAZAKHSTAN",
        "Kazakhstan – United States (US) Enhanced Strategic Partnership Dialogue took place.",
        "The United States (US) and Kazakhstan met.",
        "MODERATOR: We are about to start the press conference.",
    ],
)
def test_headings_and_sentences_that_only_look_like_datelines_stay_whole(line: str) -> None:
    assert texts(line) == [line]


def test_a_long_line_without_punctuation_is_one_unit() -> None:
    line = " ".join(["word"] * 1000)  # 4,999 characters, no stop anywhere
    assert texts(line) == [line]


@pytest.mark.parametrize(
    "line",
    ["word " * 40_000, "x" * 200_000, "." * 200_000, "U.S. " * 40_000, "“" * 200_000],
    ids=["words", "one-token", "stops", "abbreviations", "openers"],
)
def test_pathological_lines_take_linear_time(line: str) -> None:
    # A hang guard, not a speed goal (benchmarks/pathological.py times these inputs): a
    # quadratic scan of 200,000 characters takes minutes; a linear one, well under a second
    # even on a busy machine.
    started = time.perf_counter()
    units = segment(line)
    assert time.perf_counter() - started < 10.0
    assert_tiles(line, units)


# --- newlines, units and offsets -----------------------------------------------------------


def test_headings_and_lines_without_a_stop_are_units_of_their_own() -> None:
    text = "Joint Statement\nWe reprint it below.\nFocus on energy, critical minerals\nDuring the meeting, they met."
    assert texts(text) == [
        "Joint Statement",
        "We reprint it below.",
        "Focus on energy, critical minerals",
        "During the meeting, they met.",
    ]


def test_soft_wrapped_prose_is_joined_across_the_newline() -> None:
    text = "The two sides discussed\ncooperation with the\nUnited States and inter-\nnational partners.\nNext line."
    assert texts(text) == [
        "The two sides discussed\ncooperation with the\nUnited States and inter-\nnational partners.",
        "Next line.",
    ]


def test_a_blank_line_always_ends_a_unit() -> None:
    assert texts("Lesson finished\n\njoint-statement-slug") == ["Lesson finished", "joint-statement-slug"]


def test_crlf_text_keeps_exact_offsets() -> None:
    text = "First line\r\ncarries on here. Second one.\r\n\r\nA new paragraph.\r\n"
    units = segment(text)
    assert [unit.text for unit in units] == [
        "First line\r\ncarries on here.",
        "Second one.",
        "A new paragraph.",
    ]
    assert_tiles(text, units)


def test_lines_are_each_non_empty_line_stripped() -> None:
    text = "  one. two.  \r\n\r\n\tthree\rfour\n   \n"
    units = segment(text, "lines")
    assert [unit.text for unit in units] == ["one. two.", "three", "four"]
    assert_tiles(text, units)


def test_paragraphs_are_blocks_between_blank_lines() -> None:
    text = "Title\n\nOne. Two.\nThree.\n \t\nFour.\r\n\r\nFive."
    units = segment(text, Units.PARAGRAPHS)
    assert [unit.text for unit in units] == ["Title", "One. Two.\nThree.", "Four.", "Five."]
    assert_tiles(text, units)


def test_numbered_items_keep_their_numbers() -> None:
    assert texts("1. The parties agree. 2. They will meet again.") == [
        "1. The parties agree.",
        "2. They will meet again.",
    ]


def test_bible_prose_splits_at_verse_ends() -> None:
    # John 9:6-9 (Webster): verses end with . or ? and the next one opens with a capital.
    text = (
        "When he had thus spoken, he spit on the ground, and made clay of the spittle, and he "
        "anointed the eyes of the blind man with the clay, And said to him, Go, wash in the pool "
        "of Siloam, (which is by interpretation, Sent.) He went therefore, and washed, and came "
        "seeing. The neighbors therefore, and they who before had seen him that he was blind, "
        "said, Is not this he that sat and begged? Some said, This is he: others said, He is like "
        "him: but he said, I am he. Then said they to him, Where is he? He said, I know not."
    )
    assert [sentence[:24] for sentence in texts(text)] == [
        "When he had thus spoken,",
        "He went therefore, and w",
        "The neighbors therefore,",
        "Some said, This is he: o",
        "Then said they to him, W",
        "He said, I know not.",
    ]


def test_empty_and_blank_texts_have_no_units() -> None:
    for units in Units:
        assert segment("", units) == ()
        assert segment(" \n\r\n\t", units) == ()


def test_unknown_units_are_refused_with_the_choices() -> None:
    with pytest.raises(StmtdiffError, match="sentences, lines, paragraphs, clauses"):
        segment("Text.", "words")


def test_clauses_cut_sentences_after_semicolons_and_colons() -> None:
    text = "The parties agree: (a) to meet; (b) to report. Nothing else changes."
    assert [s.text for s in segment(text, "clauses")] == [
        "The parties agree:",
        "(a) to meet;",
        "(b) to report.",
        "Nothing else changes.",
    ]


def test_clauses_keep_times_ratios_and_a_final_semicolon_whole() -> None:
    text = "They met at 10:30 in room 3;4 and adjourned;"
    assert [s.text for s in segment(text, "clauses")] == [text]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab AB.?!…,“”\"'()\n\r\t\u00a0\u20281$%U.S")), max_size=120),
    units=st.sampled_from(list(Units)),
)
def test_units_always_tile_the_text(text: str, units: Units) -> None:
    assert_tiles(text, segment(text, units))


# --- other languages and scripts (issue 16) ----------------------------------------------------


def test_chinese_sentences_end_at_full_width_stops_without_a_space() -> None:
    text = "双方发表联合声明。双方同意加强合作！是否继续？「我们同意。」他说。"
    assert texts(text) == ["双方发表联合声明。", "双方同意加强合作！", "是否继续？", "「我们同意。」", "他说。"]
    assert_tiles(text, segment(text))


def test_japanese_closing_quotes_stay_with_their_sentence_and_the_particle_to_continues() -> None:
    assert texts("彼は「わかりました。」と言った。次の文です。") == ["彼は「わかりました。」と言った。", "次の文です。"]
    assert texts("これはペンです｡あれは本です！") == ["これはペンです｡", "あれは本です！"]
    assert texts("会談が行われた。、これは続き。") == ["会談が行われた。、これは続き。"]


def test_arabic_question_mark_and_full_stop_end_sentences_but_the_arabic_comma_does_not() -> None:
    text = "هل وصل الوفد؟ نعم، وصل الوفد صباحا، ثم بدأت المحادثات۔ انتهى الاجتماع."
    assert texts(text) == ["هل وصل الوفد؟", "نعم، وصل الوفد صباحا، ثم بدأت المحادثات۔", "انتهى الاجتماع."]


def test_devanagari_danda_and_double_danda_end_sentences() -> None:
    assert texts("यह पहला वाक्य है। यह दूसरा है॥ तीसरा वाक्य") == ["यह पहला वाक्य है।", "यह दूसरा है॥", "तीसरा वाक्य"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Встреча прошла в 2024 г. Стороны подписали соглашение.",  # г. (year) inside a sentence
        "Это т.е. главное.",
        "Это, т. е. главное, решено.",
        "Визит В. В. Путина в Астану.",
        "Заявил Д. Трамп в Вашингтоне.",
        "См. ст. 5 договора.",
        "M. Le Drian a rencontré Mme Dupont.",
        "Le Sr. Pérez visitó los EE. UU. y Kazajistán.",
        "La Sra. Gómez llegó con el Dr. Ruiz.",
        "Das gilt z. B. für Verträge nach Nr. 5 und S. 12.",
        "Das gilt z.B. für alle, d. h. für jeden.",
    ],
)
def test_abbreviations_of_other_languages_do_not_end_a_sentence(sentence: str) -> None:
    assert texts(sentence) == [sentence]


def test_abbreviations_before_a_sentence_opener_still_end_the_sentence() -> None:
    assert texts("Соглашение подписано в 2024 г. Мы его выполним.") == [
        "Соглашение подписано в 2024 г.",
        "Мы его выполним.",
    ]
    assert texts("Acuerdo con los EE. UU. El texto sigue.") == ["Acuerdo con los EE. UU.", "El texto sigue."]


def test_french_closing_quotes_set_off_by_a_space_stay_with_their_sentence() -> None:
    text = "Il dit : « Non. » Marie répondit : « Vraiment ? » Puis elle partit."
    assert texts(text) == ["Il dit : « Non. »", "Marie répondit : « Vraiment ? »", "Puis elle partit."]
    straight = 'Il naquit aveugle. " Maître, qui a péché? " Jésus répondit: " Ni lui. " Il partit.'
    assert texts(straight) == ["Il naquit aveugle.", '" Maître, qui a péché? "', 'Jésus répondit: " Ni lui. "', "Il partit."]
    assert texts('Il demanda: " Où est-il? " lui dit-on.') == ['Il demanda: " Où est-il? " lui dit-on.']


def test_long_prose_without_punctuation_splits_at_script_boundaries() -> None:
    korean = "네가 백성 앞에 세울 율례는 이러하니라 " * 8 + "그가 영영히 그 상전을 섬기리라"
    units = segment(korean)
    assert [u.text for u in units][:2] == ["네가 백성 앞에 세울 율례는 이러하니라", "네가 백성 앞에 세울 율례는 이러하니라"]
    assert len(units) == 9
    japanese = "是は汝が民の前に立べき律例なり 牛もし男あるひは女を衝て死しめなば " * 5
    assert len(segment(japanese)) == 10
    assert_tiles(japanese, segment(japanese))


def test_short_unpunctuated_lines_are_not_split_at_spaces() -> None:
    assert texts("习近平 主席 会见 哈萨克斯坦 总统") == ["习近平 主席 会见 哈萨克斯坦 总统"]
    assert texts("대한민국 외교부 보도자료입니다 다음 주 발표") == ["대한민국 외교부 보도자료입니다 다음 주 발표"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("中文。！？「」『』 、と a.\"»«\n؟،।г")), max_size=200),
    units=st.sampled_from(list(Units)),
)
def test_units_tile_the_text_in_any_script(text: str, units: Units) -> None:
    assert_tiles(text, segment(text, units))


# --- punctuation of real statements in other languages (qa3) -------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Außenminister treffen sich am 5. Juni 2025 in Berlin.",  # a German date
        "Das Abkommen gilt vom 1. bis 31. Dezember 2024.",
        "Die Erklärung zum 40. Jahrestag des Vertrags wurde verlesen.",  # an ordinal after an article
        "Gemeinsame Erklärung (22. Januar 2003)",
        "Die Hilfe beträgt 3 Mrd. Euro und 2 Mio. Dollar.",
        "Selon l’art. 5 du traité, les parties se consultent.",  # French elision before a short form
        "Réf. : n° 2024-15",  # a French colon after a short form
        "Как отметил С. В. Лавров, переговоры продолжатся.",  # Cyrillic initials after С (page)
        "Встреча прошла 5 сент. 2024 г. в Пекине.",  # a Russian month short form
        "«Мы договорились?» — спросил журналист.",  # dialogue goes on after a dash
        "—¿Vienes? —preguntó el ministro.",
        "وقال د. أحمد إن القرار مهم.",  # an Arabic letter alone is a short form
        "双方（以下「双方」という。）の構築に努力した。",  # a stop inside brackets opened mid-sentence
        "Встреча прошла на ул.Ленина в Казани.",  # a short form with no space after it
        "Подробнее на сайте www.Kremlin.ru и в прессе.",
        "한.중 양국과 캐나다.미국 정상이 만났다.",
    ],
)
def test_dates_ordinals_short_forms_and_dialogue_stay_inside_a_sentence(sentence: str) -> None:
    assert texts(sentence) == [sentence]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Der Minister sagte: „Wir sind uns einig.“ Dann ging er.", ["Der Minister sagte: „Wir sind uns einig.“", "Dann ging er."]),
        ("Er sagte: »Ja.« Dann ging er.", ["Er sagte: »Ja.«", "Dann ging er."]),
        ("Die Obergrenze liegt bei 50. Beide Mandate laufen aus.", ["Die Obergrenze liegt bei 50.", "Beide Mandate laufen aus."]),
        ("Объём составил 240 млрд. долл. Стороны приветствовали рост.", ["Объём составил 240 млрд. долл.", "Стороны приветствовали рост."]),
        ("Рост на 1,5 млрд. долл. США отмечен.", ["Рост на 1,5 млрд. долл. США отмечен."]),
        ("Встреча прошла 9 октября с.г. Стороны её приветствовали.", ["Встреча прошла 9 октября с.г.", "Стороны её приветствовали."]),
        ("Победы над фашизмом.Вторая мировая война закончилась.", ["Победы над фашизмом.", "Вторая мировая война закончилась."]),
        ("مجمع سالانه برگزار میکند.اصولا تصمیم ها توصیه است.", ["مجمع سالانه برگزار میکند.", "اصولا تصمیم ها توصیه است."]),
        ("영접을 받았다.②방문 기간 중 회담을 가졌다.", ["영접을 받았다.", "②방문 기간 중 회담을 가졌다."]),
        ("Mais ce n’est pas fini ? — et il partit.", ["Mais ce n’est pas fini ?", "— et il partit."]),
        ("（注：以上は概要である。）次の項目に移る。", ["（注：以上は概要である。）", "次の項目に移る。"]),
    ],
)
def test_quotes_amounts_missing_spaces_and_opening_brackets_end_a_sentence(text: str, sentences: list[str]) -> None:
    assert texts(text) == sentences
    assert_tiles(text, segment(text))


def test_a_long_punctuated_korean_sentence_is_not_cut_at_its_connective_endings() -> None:
    # "뿐만 아니라" (not only ... but) ends in 라 like a literary sentence end; with its full stop the
    # line is punctuated prose, one sentence however long.
    sentence = (
        "양국 지도자들은 수교의 의의를 높이 평가하면서 양국이 상호 협력관계를 발전시키는 것이 양국 국민의 이익에 "
        "부합될 뿐만 아니라 현재의 국제정세의 발전 추세에도 일치되며 아시아와 세계의 평화와 발전에 중요한 의의를 "
        "가지고 있다고 인식하였으며 앞으로도 각 분야에서 교류와 협력을 더욱 적극적으로 추진해 나가기로 하였다."
    )
    assert len(sentence) >= 160
    assert texts(sentence) == [sentence]


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("Ab5. —“„»«（）(。다اد:\n")), max_size=160),
    units=st.sampled_from(list(Units)),
)
def test_units_tile_the_text_with_the_marks_of_real_statements(text: str, units: Units) -> None:
    assert_tiles(text, segment(text, units))
