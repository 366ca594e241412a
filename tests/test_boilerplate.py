"""Flagging page and news furniture: slugs, counters, share rows, repeated lines, page numbers,
datelines, credits, time stamps, headings, lead-ins, attributions and embedded posts."""

from __future__ import annotations

import sys

import pytest
from conftest import ARTICLE, DEV_DATA, NEWS, STATEMENT

from stmtdiff.boilerplate import boilerplate_reason, flag_boilerplate
from stmtdiff.model import Document, Units
from stmtdiff.segment import segment


def document(text: str, units: Units = Units.SENTENCES) -> Document:
    return Document("test", text, segment(text, units), units)


def flagged(text: str, units: Units = Units.SENTENCES) -> list[str]:
    return [sentence.text for sentence in flag_boilerplate(document(text, units)).sentences if sentence.boilerplate]


STATEMENT_FURNITURE = [
    "0",
    "Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue – United States "
    "Department of State",
    "The following is the text of a statement issued by the Governments of the United States of America and the "
    "Republic of Kazakhstan on the occasion of the annual United States-Kazakhstan Enhanced Strategic Partnership "
    "Dialogue.",
    "Introductory text:",
    "Lesson finished.",
    "joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue-united-states-department-of-state",
]


def test_the_statement_seed_keeps_its_body_and_flags_the_page_around_it():
    text = STATEMENT.read_text(encoding="utf-8")
    body_start = text.index("On May 31, 2024, U.S. Assistant Secretary")
    body_end = text.index("in Astana in 2025.") + len("in Astana in 2025.")

    result = flag_boilerplate(document(text))

    body = [s for s in result.sentences if body_start <= s.start and s.end <= body_end]
    assert len(body) == 19
    assert not [s.text for s in body if s.boilerplate]
    # the page's title, the lead-in ("The following is the text of …") and its label are
    # furniture too: a copy without them has lost nothing of the statement
    assert [s.text for s in result.sentences if s.boilerplate] == STATEMENT_FURNITURE


def test_the_news_seed_flags_its_section_heading_social_footer_and_comment_counter():
    # the page puts each paragraph on one line: the title-like line before one is a heading
    assert flagged(NEWS.read_text(encoding="utf-8")) == [
        "US-Kazakhstan Trade Dynamics",
        "Follow Daryo's official Instagram and Twitter pages to keep current on world news.",
        "Comments (0)",
    ]


def test_the_article_seed_flags_only_the_attribution_of_its_embedded_post():
    assert flagged(ARTICLE.read_text(encoding="utf-8")) == ["— Kazakh🇰🇿Embassy DC (@KazakhEmbassy) May 31, 2024"]


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
        ("[[Page 9292]]", "page number"),  # a printed record's page marker
        ("[Page 3]", "page number"),
        ("Image", "photo caption or credit"),  # the label left where a picture was
        ("Photo 2", "photo caption or credit"),
        ("CreditSaul Loeb/Agence France-Presse — Getty Images", "photo caption or credit"),
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
        "Trans-Caspian-Transport-Corridor",  # capitals: a name, not a slug
        "The statement was welcomed by both governments.",
        "The ministry said it would respond to the request within a week.",
        "Images of the summit were shared with the press.",
        "Kazakhstan and the United States signed the agreement.",
        "Abram (that is Abraham) left Haran.",
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
        assert flagged(text, units) == STATEMENT_FURNITURE


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


def _flagged_rule_by_rule(doc: Document) -> list[bool]:
    """flag_boilerplate's verdicts the plain way: every rule on every unit, every line counted."""
    from collections import Counter

    from stmtdiff.boilerplate import (
        _alone_on_lines,
        _captions,
        _heads_unwrapped_prose,
        _list_items,
        _looks_like_running_header,
        _own_paragraphs,
        _repeat_key,
        _starts_lines,
    )

    alone = _alone_on_lines(doc.text, doc.sentences)
    own = _own_paragraphs(doc.text, doc.sentences)
    starts = _starts_lines(doc.text, doc.sentences)
    listed = _list_items(doc.text, doc.sentences, alone)
    repeats = Counter(_repeat_key(s.text) for s, is_alone in zip(doc.sentences, alone) if is_alone)
    reasons = [
        boilerplate_reason(
            s.text,
            alone_on_line=a,
            own_paragraph=(o or (a and _heads_unwrapped_prose(doc.text, doc.sentences, k))) and not item,
            starts_line=first,
        )
        for k, (s, a, o, first, item) in enumerate(zip(doc.sentences, alone, own, starts, listed))
    ]
    captions = _captions(doc.text, doc.sentences, [k for k, r in enumerate(reasons) if r == "photo caption or credit"])
    return [
        s.boilerplate
        or (is_alone and repeats[_repeat_key(s.text)] >= 2 and _looks_like_running_header(s.text))
        or reason is not None
        or k in captions
        for k, (s, is_alone, reason) in enumerate(zip(doc.sentences, alone, reasons))
    ]


_PIECES = [
    # comment counters and social-media footers
    "Comments (0)", "12 comments", "COMMENT", "no comments yet",
    "Follow us on Facebook", "Like us on Twitter.", "connect   with us on X", "Join us on social\nmedia",
    # share and print buttons (with exotic case folds and long separator runs)
    "Share this Print Tweet", "Email | Print | Share", "Share, .", "Print...", "Tweet", "pintereﬆ", "ſhare",
    "share | | | | | | | | | | print", "Share, Print, Email, Tweet, Facebook.",
    "Share Print Email Tweet Facebook Twitter LinkedIn Download",
    "Share Print Email Tweet Facebook Twitter LinkedIn Download Reddit",
    # page numbers, end markers, slugs
    "0", "Page 3 of 10", "- 4 -", "page ٣", "1 / 2", "Lesson finished.", "Back to top", "read more",
    "end of the transcript.", "skip to main content", "joint-statement-on-the-united-states", "https://x.org/a",
    # running headers and sentences
    "UNCLASSIFIED", "Office of the Spokesperson", "Header (draft)", "“Quoted.”", "Thou shalt not kill.",
    "ΣΊΣΥΦΟΣ", "Straße", "STRASSE", "The talks went well.",
    "They met in Astana on Monday and agreed to meet again in the spring of next year",
    # news furniture, and sentences that look a little like it
    "ASTANA. KAZINFORM –", "WASHINGTON, June 5 (Reuters) -", "BAKU, Azerbaijan, June 28.", "/tass/.",
    "Washington D.C., 1 May 2023 (TDI):", "12:45, 5 June 2024", "Updated: 12:45 GMT", "June 16, 2024",
    "Photo: the two ministers", "(AP Photo/Evan Vucci)", "REUTERS/Jonathan Ernst", "Getty Images", "Credit: Kazinform",
    "Biden meets Modi.", "The following is the full text of the statement.", "Begin Text:", "End text.",
    "The statement said.", "Kazinform cites the press service of Akorda.", "— A Name (@handle) May 31, 2024",
    "Joint Statement on the Dialogue", "Regional Security Cooperation", "May God bless them.", "ASTANA is the capital.",
    "The following countries joined:", "• United Kingdom", "The statement reads as follows:", "12.50", "THE PRESIDENT:",
]


def test_the_prechecks_never_skip_a_unit_a_rule_would_flag():
    """flag_boilerplate runs the rules only on units that pass cheap hints; this is the proof."""
    from hypothesis import example, given, settings
    from hypothesis import strategies as st

    gaps = ["\n", "\n\n", " ", "  ", "\r\n", "\t", ". ", "\n  \n"]
    pieces = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(gaps)), max_size=12)

    @settings(max_examples=300, deadline=None)
    @given(pieces, st.sampled_from(list(Units)))
    @example([("Share, Print, Email, Tweet, Facebook.", "\n")], Units.LINES)  # neither short nor header-like
    @example([("The talks went well.", " "), ("12 comments", "\n")], Units.SENTENCES)  # not alone on its line
    @example([("The talks went well.", " "), ("Like us on Twitter.", "\n")], Units.SENTENCES)
    def check(parts: list[tuple[str, str]], units: Units) -> None:
        doc = document("".join(piece + gap for piece, gap in parts), units)
        assert [s.boilerplate for s in flag_boilerplate(doc).sentences] == _flagged_rule_by_rule(doc)

    check()


def test_case_folding_keeps_what_decides_a_running_header():
    """Lines with one repeat key all look like running headers or none does, so flag_boilerplate
    counts only header-like lines: case folding must neither add nor drop spaces, nor add,
    drop or change end punctuation and closing quotes."""
    from stmtdiff.boilerplate import _CLOSERS, _SENTENCE_OR_CLAUSE_ENDERS

    kept = set(_CLOSERS + _SENTENCE_OR_CLAUSE_ENDERS)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        folded = char.casefold()
        if char.isspace() or char in kept:
            assert folded == char, hex(code)
        else:
            assert folded and not any(c.isspace() or c in kept for c in folded), hex(code)


# --- news furniture ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "reason"),
    [
        ("ASTANA. KAZINFORM –", "dateline"),
        ("NUR-SULTAN. KAZINFORM", "dateline"),
        ("ASTANA –", "dateline"),
        ("WASHINGTON, June 5 (Reuters) -", "dateline"),
        ("WASHINGTON, May 19 (Xinhua) --", "dateline"),
        ("BAKU, Azerbaijan, June 28.", "dateline"),
        ("WASHINGTON, December 5th.", "dateline"),
        ("/tass/.", "dateline"),
        ("Washington D.C., 1 May 2023 (TDI):", "dateline"),
        ("Washington, Apr 17 (UNI)", "dateline"),
        ("12:45, 5 June 2024", "time stamp"),
        ("31 October 2019, 10:06", "time stamp"),
        ("09/11/2014 04:23 PM EDT", "time stamp"),
        ("Tue, 10/08/2024 - 05:00", "time stamp"),
        ("DECEMBER 6, 2022", "time stamp"),
        ("Updated: 12:45 GMT", "time stamp"),
        ("Posted on January 20, 2012", "time stamp"),
        ("Photo: Kazakh Foreign Minister with the Secretary of State", "photo caption or credit"),
        ("Photo credit: The Ministry of Foreign Affairs of Kazakhstan", "photo caption or credit"),
        ("(AP Photo/Evan Vucci)", "photo caption or credit"),
        ("(Official White House Photo by Pete Souza)", "photo caption or credit"),
        ("Credit: Reuters", "photo caption or credit"),
        ("REUTERS/Jonathan Ernst", "photo caption or credit"),
        ("Photographer: Qilai Shen/Bloomberg", "photo caption or credit"),
        ("Getty Images", "photo caption or credit"),
        ("The following is the full text of the statement.", "lead-in to the text"),
        ("Following is the text of a joint statement by the United States and Pakistan.", "lead-in to the text"),
        ("The text of the following statement was released by the Governments of both countries.",
         "lead-in to the text"),
        ("Below is a joint statement issued by the United States and India on July 31, 2014 in New Delhi.",
         "lead-in to the text"),
        ("The below is attributable to Spokesperson Ned Price:", "lead-in to the text"),
        ("Begin Text:", "lead-in to the text"),
        ("End Text.", "lead-in to the text"),
        ("The statement said.", "attribution"),
        ("Kazinform cites the press service of Akorda.", "attribution"),
        ("This was reported by the press service of the Ministry of Foreign Affairs.", "attribution"),
        ("— Narendra Modi (@narendramodi) September 21, 2024", "embedded post"),
        ("The statement reads as follows:", "lead-in to the text"),
        ("The full text of the joint declaration reads:", "lead-in to the text"),
        ("NEW DELHI:", "dateline"),
        ("11.16 AM ET", "time stamp"),
        ("Copyright © 2024 Kazinform. All rights reserved.", "photo caption or credit"),
        ("Sputnik/Mikhail Klimentyev/Kremlin via REUTERS", "photo caption or credit"),
        ("Kazinform correspondent reports.", "attribution"),
        ("The ministry said in a statement on Monday.", "attribution"),
        ("Like us on Facebook", "social-media footer"),
    ],
)
def test_news_furniture_is_recognised_wherever_it_sits(unit, reason):
    assert boilerplate_reason(unit, alone_on_line=False) == reason


def test_a_dateline_cut_from_its_sentence_is_flagged_and_the_sentence_is_not():
    text = "Kazakh Deputy PM, U.S. Ambassador vow to strengthen ties\n\nNUR-SULTAN. KAZINFORM – Deputy Prime Minister Roman Sklyar met with U.S. Ambassador William H. Moser."
    assert flagged(text) == [
        "Kazakh Deputy PM, U.S. Ambassador vow to strengthen ties",
        "NUR-SULTAN. KAZINFORM –",
    ]


def test_a_caption_before_a_credit_on_its_line_is_flagged_with_it():
    text = (
        "The leaders met at the White House.\n\n"
        "President Biden greets Prime Minister Modi in the Oval Office. (AP Photo/Evan Vucci)\n\n"
        "They discussed trade and climate."
    )
    assert flagged(text) == [
        "President Biden greets Prime Minister Modi in the Oval Office.",
        "(AP Photo/Evan Vucci)",
    ]


def test_a_long_paragraph_ending_in_a_credit_keeps_its_sentences():
    paragraph = " ".join(f"Sentence number {n} of the article says something." for n in range(5))
    assert flagged(f"{paragraph} (AP Photo/Evan Vucci)") == ["(AP Photo/Evan Vucci)"]


@pytest.mark.parametrize(
    "text",
    [
        "Joint Statement on the United States-Kazakhstan Enhanced Strategic Partnership Dialogue",
        "Kazakh Deputy PM, U.S. Ambassador vow to strengthen bilateral ties",
        "REGIONAL SECURITY COOPERATION",
    ],
)
def test_a_heading_in_a_paragraph_of_its_own_is_flagged(text):
    assert flagged(f"First paragraph of the statement.\n\n{text}\n\nThe talks went well.") == [text]


@pytest.mark.parametrize(
    "text",
    [
        "Participants reiterated their intention to work together",  # a sentence that lost its stop
        "Focus on energy, critical minerals, transport projects",  # written in sentence case
    ],
)
def test_a_sentence_without_a_stop_is_no_heading(text):
    assert flagged(f"First paragraph of the statement.\n\n{text}\n\nThe talks went well.") == []


def test_a_title_line_inside_a_paragraph_is_no_heading():
    assert flagged("First line of the statement.\nKazakhstan and the United States\nThe talks went well.") == []


def test_the_cheap_gates_let_every_example_of_each_news_rule_through():
    """_news_rules_to_try is a necessary condition: every example above passes its rule's gate."""
    from stmtdiff.boilerplate import _may_be_news_furniture

    examples = [
        "ASTANA. KAZINFORM –", "Washington, Apr 17 (UNI)", "/tass/.", "12:45, 5 June 2024", "Updated: 12:45 GMT",
        "Getty Images", "REUTERS/Jonathan Ernst", "(AP Photo/Evan Vucci)", "Photo by Jane Doe",
        "The statement said.", "This was reported by the press service of the Ministry of Foreign Affairs.",
        "— Narendra Modi (@narendramodi) September 21, 2024", "The following is the full text of the statement.",
        "The statement reads as follows:", "Copyright © 2024 Kazinform. All rights reserved.",
    ]
    for example in examples:
        assert boilerplate_reason(example, alone_on_line=False) is not None, example
        assert _may_be_news_furniture(example), example


@pytest.mark.parametrize(
    "run",
    [", the statement said", "reports the ministry", ", according to the statement",
     "Kazinform cites the press service of Akorda", "the Kazakh MFA's press service reports"],
)
def test_a_trailing_attribution_inside_a_sentence_is_recognised(run):
    from stmtdiff.boilerplate import attribution_reason

    assert attribution_reason(run) == "attribution"


@pytest.mark.parametrize("run", ["and the statement was welcomed", "the ministry", "said", ", and the talks ended"])
def test_words_that_say_more_than_who_said_it_are_no_attribution(run):
    from stmtdiff.boilerplate import attribution_reason

    assert attribution_reason(run) is None


# Sentences of statements and news stories shaped like furniture, each with the rule it tripped:
# furniture is never counted, so flagging one of these would hide a real change from the reader.
CONTENT_LIKE_FURNITURE = [
    # attribution: "<source> <says>" followed by any 30 characters after "on"/"in"
    "The embassy said on Monday it would close.",
    "The Department announced in June a new visa policy.",
    "The statement noted in particular the progress made.",
    "According to the ministry in the first quarter exports rose.",
    "It was noted in Geneva with concern.",
    # attribution: "<one or two words> reports|cites|quotes <any four words>"
    "The government reports progress on all fronts.",
    "Kazakhstan reports record wheat harvest.",
    "The Office reports directly to the President.",
    "Russia cites security concerns in its report.",
    "The Council quotes the treaty.",
    # social-media footer: "like" / "join" / "find" as a preposition or a plain verb
    "Like Facebook and Google, TikTok will be required to disclose its algorithms.",
    "Like social media platforms, banks must report suspicious activity.",
    # credits: "copyright" opening a sentence, a photo "by" a sentence, a slash, a bracketed sentence
    "Copyright protection will be extended to 70 years.",
    "(c) The Secretary shall publish it.",
    "Photos by the ministry show the damage to the bridge.",
    "The EU/US Council will meet in June.",
    "(A photo of the signing ceremony is attached.)",
    "(See the attached file for details.)",
    "Credit: the bank will lend $30 million.",
    # time stamp: a decimal alone
    "12.50",
    # dateline: a speaker's label in a transcript
    "THE PRESIDENT:",
]


@pytest.mark.parametrize("sentence", CONTENT_LIKE_FURNITURE)
def test_sentences_shaped_like_furniture_are_content(sentence):
    assert boilerplate_reason(sentence, alone_on_line=False) is None
    assert boilerplate_reason(sentence, alone_on_line=True) is None


@pytest.mark.parametrize(
    "run", [", the embassy said on Monday it would close", "Russia cites security concerns", ", I learned from you"]
)
def test_an_inserted_run_that_says_what_was_said_is_no_attribution(run):
    from stmtdiff.boilerplate import attribution_reason

    assert attribution_reason(run) is None


@pytest.mark.parametrize(
    "run", [", the ministry said in a statement on Monday", ", the statement said on 5 June 2024 in Astana",
            "Trend reports citing the ministry", ", Kazinform has learned from the ministry's press service",
            ",” the statement said", ", the ministry announced Friday", "Azertag informs"],
)
def test_when_and_where_it_was_said_stays_part_of_an_attribution(run):
    from stmtdiff.boilerplate import attribution_reason

    assert attribution_reason(run) == "attribution"


def test_a_dateline_opens_a_line_and_a_capitalised_sentence_inside_a_paragraph_is_content():
    assert flagged("ASTANA. KAZINFORM The ministry issued a statement.\n") == ["ASTANA. KAZINFORM"]
    assert flagged("The talks ended without agreement. NATO WILL RESPOND. The ministers left.\n") == []


def test_the_items_of_a_list_introduced_by_a_sentence_are_content_not_headings():
    text = (
        "The following countries joined the statement:\n\nAustralia\n\nUnited Kingdom\n\n"
        "Republic of Korea\n\nThe statement was issued in Geneva.\n\nRegional Security Cooperation\n"
    )
    assert flagged(text) == ["Regional Security Cooperation"]  # a heading after the list still is one
    assert flagged("Signatories:\n\n• United Kingdom\n\n• Republic of Korea\n") == []
    # a label is no list: the author's name after "Author:" stays furniture
    assert flagged("Author:\n\nJane Doe Smith\n") == ["Jane Doe Smith"]


@pytest.mark.parametrize(
    "sentence",
    [
        "More information about Mongolia is available on the Mongolia Page and from other Department of State "
        "publications and other sources listed at the end of this fact sheet.",
        "A fact sheet on U.S. assistance to Uzbekistan can be found here.",
        "The full transcript is available on the Department's website.",
        "For more information, please visit www.state.gov.",
        "For more information about the program, contact the embassy.",
        "For the most recently published version of this fact sheet, see the Department's website.",
        "Click here to read the report.",
    ],
)
def test_a_line_pointing_the_reader_to_other_material_is_furniture_wherever_it_sits(sentence):
    assert boilerplate_reason(sentence, alone_on_line=False) == "pointer to other material"
    paragraph = f"The United States supports the reforms. {sentence} Both sides agreed to meet again."
    assert flagged(paragraph) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Funding is available to small businesses in the region.",  # the subject is no material
        "The report will be available in June.",  # an announcement, not a pointer
        "More information will be shared with Congress next week.",
        "Information on the vaccines is available in 12 languages.",  # says where it is not
        "The list of sanctioned entities can be found in Annex II of the regulation.",
        "A copy of the agreement was handed to the minister.",
        "For more than thirty years, the two countries have visited each other.",
        "The details of the agreement are available to the parties only.",
    ],
)
def test_sentences_about_information_are_no_pointers(sentence):
    assert boilerplate_reason(sentence, alone_on_line=False) is None


def test_a_title_line_before_a_paragraph_written_on_one_line_is_a_heading():
    prose = (
        "U.S. foreign assistance objectives include strengthening the capacity to manage its borders and "
        "cooperate on regional security issues."
    )
    text = f"The talks went well.\nU.S. Assistance to Turkmenistan\n{prose}\nU.S.-TURKMENISTAN RELATIONS\n{prose}\n"
    assert flagged(text) == ["U.S. Assistance to Turkmenistan", "U.S.-TURKMENISTAN RELATIONS"]
    # not before a short line, nor before a line that does not end like a sentence: a hand-wrapped
    # paragraph or a list
    assert flagged(f"The talks went well.\nU.S. Assistance to Turkmenistan\nThe talks went well.\n") == []
    assert flagged(f"The talks went well.\nU.S. Assistance to Turkmenistan\n{prose[:-1]} and\nmore.\n") == []
    # a sentence in sentence case that lost its stop stays a sentence
    assert flagged(f"The talks went well.\nThe talks were held in the capital\n{prose}\n") == []
    # a furniture line (a time stamp) may come before the heading
    assert flagged(f"Jul 15th, 2024\nU.S. Assistance to Turkmenistan\n{prose}\n") == [
        "Jul 15th, 2024", "U.S. Assistance to Turkmenistan"
    ]


@pytest.mark.parametrize(
    ("before", "line"),
    [
        # the line before does not end a sentence: the line goes on with it (a verse, a list of names)
        ("Gibeon and Ramah and Beeroth", "And Mizpeh and Chephirah and Mozah"),
        ("The delegation visited Astana and Almaty", "Then Tashkent and Samarkand"),
        # clauses: more than one comma, a semicolon, a sentence ended inside
        ("He went home.", "So Gad came to David, and said to him, Thus saith the LORD, Choose thee"),
        ("He went home.", "Jehovah of hosts is with us; The God of Jacob is our refuge. Selah"),
        ("He went home.", "The Lord Is Near. Thus Spoke The Prophet"),
        ("He went home.", "The Lord Is My Shepherd; I Shall Not Want"),
    ],
)
def test_a_line_that_is_not_one_phrase_after_a_sentence_is_no_heading(before, line):
    prose = (
        "forty days, tempted of the devil; and in those days he did not eat anything, and when they were "
        "finished he hungered."
    )
    assert flagged(f"{before}\n{line}\n{prose}\n", Units.LINES) == []


def test_a_dateline_that_runs_into_a_lead_in_is_furniture():
    line = "Washington, DC (STL.News) The below is attributable to Spokesperson Ned Price:"
    assert flagged(f"{line}\n\nSecretary Blinken hosted the ministers today.\n") == [line]
    # a dateline that opens a sentence of the story is no furniture: the sentence is content
    assert flagged("Washington, DC (STL.News) The ministers met on Monday.\n") == []


def test_a_lead_in_may_say_whose_statement_it_introduces():
    assert boilerplate_reason("Here is the full text of their joint statement:") == "lead-in to the text"
    assert boilerplate_reason("Here is their plan for the region:") is None
