"""Flagging page furniture: slugs, comment counters, share rows, repeated lines, page numbers."""

from __future__ import annotations

import pytest
from conftest import ARTICLE, DEV_DATA, NEWS, STATEMENT

from stmtdiff.boilerplate import boilerplate_reason, flag_boilerplate
from stmtdiff.model import Document, Units
from stmtdiff.segment import segment


def document(text: str, units: Units = Units.SENTENCES) -> Document:
    return Document("test", text, segment(text, units), units)


def flagged(text: str, units: Units = Units.SENTENCES) -> list[str]:
    return [sentence.text for sentence in flag_boilerplate(document(text, units)).sentences if sentence.boilerplate]


def test_the_statement_seed_keeps_its_body_and_flags_the_page_around_it():
    text = STATEMENT.read_text(encoding="utf-8")
    body_start = text.index("The following is the text of a statement")
    body_end = text.index("in Astana in 2025.") + len("in Astana in 2025.")

    result = flag_boilerplate(document(text))

    body = [s for s in result.sentences if body_start <= s.start and s.end <= body_end]
    assert len(body) > 20
    assert not [s.text for s in body if s.boilerplate]
    assert [s.text for s in result.sentences if s.boilerplate] == [
        "0",
        "Lesson finished.",
        "joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue-united-states-department-of-state",
    ]


def test_the_news_seed_flags_its_social_footer_and_comment_counter():
    assert flagged(NEWS.read_text(encoding="utf-8")) == [
        "Follow Daryo's official Instagram and Twitter pages to keep current on world news.",
        "Comments (0)",
    ]


def test_the_article_seed_has_no_furniture():
    assert flagged(ARTICLE.read_text(encoding="utf-8")) == []


def test_flagging_changes_only_the_flag():
    original = document(STATEMENT.read_text(encoding="utf-8"))
    result = flag_boilerplate(original)

    assert result.text == original.text
    assert [(s.index, s.start, s.end, s.text) for s in result.sentences] == [
        (s.index, s.start, s.end, s.text) for s in original.sentences
    ]
    assert all(result.text[s.start : s.end] == s.text for s in result.sentences)


def test_a_unit_already_flagged_stays_flagged():
    once = flag_boilerplate(document("Comments (0)\n\nThe talks went well."))
    assert flag_boilerplate(once) == once


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue", "URL slug"),
        ("https://www.state.gov/joint-statement-on-the-espd/", "URL slug"),
        ("Comments (0)", "comments counter"),
        ("12 Comments", "comments counter"),
        ("Follow the Department of State on Instagram and Twitter.", "social-media footer"),
        ("Like us on Facebook", "social-media footer"),
        ("Share this Print Tweet", "share or print buttons"),
        ("Email | Print | Share", "share or print buttons"),
        ("Tweet", "share or print buttons"),
        ("0", "page number"),
        ("Page 3 of 10", "page number"),
        ("- 4 -", "page number"),
        ("Lesson finished.", "page end or navigation marker"),
        ("Back to top", "page end or navigation marker"),
    ],
)
def test_furniture_examples(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "They expressed support for continuing to work towards sustainable normal trade relations.",
        "The ministers discussed disinformation spread on Twitter and Facebook.",
        "Follow-up talks on Instagram's data practices are planned.",
        "Both sides share this view.",
        "The ESPD builds on more than 30 years of bilateral relations.",
        "Non-proliferation",
        "2024",  # a year standing in for a page number would be flagged only alone on its line
        "Introductory text:",
        "Trans-Caspian-Transport-Corridor",  # capitals: a name, not a slug
    ],
)
def test_statement_sentences_are_not_furniture(sentence):
    text = f"Opening line of the statement. {sentence} Closing line."
    assert flagged(text) == []


def test_slugs_and_numbers_count_only_alone_on_their_line():
    assert boilerplate_reason("2024", alone_on_line=False) is None
    assert boilerplate_reason("joint-statement-on-the-espd", alone_on_line=False) is None
    assert boilerplate_reason("Comments (0)", alone_on_line=False) == "comments counter"


def test_a_running_header_repeated_in_pasted_pdf_text_is_flagged():
    text = (
        "UNCLASSIFIED\nJoint Statement on the Dialogue\n\nThe talks were held in Washington.\n\n"
        "UNCLASSIFIED\nBoth sides agreed to meet in Astana.\n"
    )
    assert flagged(text) == ["UNCLASSIFIED", "UNCLASSIFIED"]


def test_a_sentence_said_twice_is_not_a_running_header():
    text = "Thank you.\n\nThe talks were held in Washington.\n\nThank you.\n"
    assert flagged(text) == []


def test_the_same_rules_hold_for_line_and_paragraph_units():
    text = STATEMENT.read_text(encoding="utf-8")
    for units in (Units.LINES, Units.PARAGRAPHS):
        assert flagged(text, units) == [
            "0",
            "Lesson finished.",
            "joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue-united-states-department-of-state",
        ]


def test_no_verse_of_the_development_texts_is_flagged():
    """Thousands of real sentences (Bible versions, one verse a line or running prose): no false alarms."""
    cases = sorted(path for path in (DEV_DATA / "cases").glob("*/*/[ab].txt") if "large" not in str(path))
    if not cases:
        pytest.skip("the development data (../shared/data/dev) is not here")
    for path in cases:
        text = path.read_text(encoding="utf-8")
        assert flagged(text) == [], path


def _alone_by_definition(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:start].strip() and not text[end:line_end].strip()


def test_the_linear_alone_on_line_check_agrees_with_its_definition():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from stmtdiff.boilerplate import _alone_on_lines
    from stmtdiff.segment import segment

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet="ab. \n", max_size=60))
    def check(text: str) -> None:
        units = segment(text)
        expected = [_alone_by_definition(text, u.start, u.end) for u in units]
        assert _alone_on_lines(text, units) == expected

    check()
