"""What the classifier asserts must be true (issue 14): one finding per replacement, values by
value, relocation is not deletion, polarity and modality of the clause, names, furniture inside
a sentence, and a ranking that informs. Each test is a worked example of one rule, run through
the real word diff and classifier.
"""

from __future__ import annotations

import pytest

import stmtdiff
from stmtdiff.classify import PairContext, TermIndex, classify_edits, weigh_terms
from stmtdiff.classify.ranking import score
from stmtdiff.model import Change, ChangeClass
from stmtdiff.worddiff import diff_spans

FORMATTING, SPELLING = ChangeClass.FORMATTING, ChangeClass.SPELLING
WORDING, SUBSTANTIVE = ChangeClass.WORDING, ChangeClass.SUBSTANTIVE


def changes(a: str, b: str, context: PairContext | None = None) -> tuple[Change, ...]:
    return classify_edits(diff_spans(a, 0, b, 0), context=context)


def substantive(a: str, b: str, context: PairContext | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(c.a_text, c.b_text, c.reasons) for c in changes(a, b, context) if c.change_class is SUBSTANTIVE]


def reasons(a: str, b: str, context: PairContext | None = None) -> set[str]:
    return {r for c in changes(a, b, context) for r in c.reasons}


# ------------------------------------------------------------------ 1. one finding per replacement


def test_unrelated_words_that_share_letters_are_one_replacement() -> None:
    found = changes(
        "the goals of the 21st Conference of the Parties remain",
        "the goals of the Paris Climate Agreement remain",
    )
    assert [(c.a_text, c.b_text) for c in found] == [("21st Conference of the Parties", "Paris Climate Agreement")]


def test_variants_inside_a_run_are_still_findings_of_their_own() -> None:
    found = changes("work towards sustainable normal trade relations", "work toward permanent normal trade relations")
    assert [(c.a_text, c.b_text, c.change_class) for c in found] == [
        ("towards", "toward", SPELLING),
        ("sustainable", "permanent", SUBSTANTIVE),
    ]


# ------------------------------------------------------------------------ 2. values, not tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("to mark the 30th anniversary of relations", "to mark the 30 year anniversary of relations"),
        ("both countries agreed", "the two countries agreed"),
        ("First Deputy Minister Umarov met them", "Minister Umarov met them"),
        ("signed on 5 June in Astana", "signed on June 5 in Astana"),
        ("grants of $5 million were announced", "grants of $5,000,000 were announced"),
        ("held in Singapore on June 12, 2018.", "held on June 12 in Singapore."),
        ("First, the sides agreed to meet.", "The sides agreed to meet."),
        ("The ministers met today in Astana.", "The ministers met on April 23 in Astana."),
    ],
)
def test_the_same_values_written_another_way_are_not_substantive(a: str, b: str) -> None:
    assert substantive(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("more than 30 years of relations", "more than 40 years of relations", "number changed"),
        ("the two sides agreed", "the three sides agreed", "number changed"),
        ("signed on June 12, 2018", "signed on June 12, 2019", "number changed"),
        ("they will meet on Monday", "they will meet on Tuesday", "date changed"),
        ("aid of $5 million", "aid of $5", "number changed"),
    ],
)
def test_a_value_present_on_one_side_only_is_substantive(a: str, b: str, reason: str) -> None:
    assert any(reason in r for _, _, r in substantive(a, b))


def test_a_value_that_moved_to_the_next_sentence_has_moved() -> None:
    a, b = "The ministers met in Astana on May 20.", "The ministers met in Astana."
    assert any("date changed" in r for _, _, r in substantive(a, b))
    context = PairContext(after=("", "Their talks on May 20 were long."))
    assert substantive(a, b, context) == []
    assert "moved to the next sentence" in reasons(a, b, context)


# ------------------------------------------------------------------ 3. relocation is not deletion


def test_a_phrase_moved_within_the_sentence_is_wording() -> None:
    found = changes(
        "The dialogue held in Astana on May 20 considered the outcomes.",
        "The dialogue held on May 20 in Astana considered the outcomes.",
    )
    assert found and all(c.change_class is not SUBSTANTIVE for c in found)
    assert {"moved within the sentence"} <= {r for c in found for r in c.reasons}


def test_a_phrase_moved_to_the_next_sentence_is_not_an_omission() -> None:
    a = "The parties discussed cooperation on border security and counterterrorism."
    b = "The parties discussed cooperation."
    assert any("content removed" in r for _, _, r in substantive(a, b))
    context = PairContext(after=("They met.", "They met on border security and counterterrorism."))
    assert substantive(a, b, context) == []
    assert "moved to the next sentence" in reasons(a, b, context)


def test_content_added_is_substantive_and_one_word_is_wording() -> None:
    assert any("content added" in r for _, _, r in substantive("We will cooperate.", "We will cooperate on energy security and trade."))
    assert substantive("We will cooperate.", "We will also cooperate closely.") == []


def test_a_rewrite_that_brings_two_more_new_content_words_than_it_drops_adds_content() -> None:
    # "discussed", "agenda" are gone; "signed", "memorandum", "energy", "transit" are new:
    # two more new words than the side replaced, so the rewrite says something new.
    found = substantive("The ministers discussed the agenda.", "The ministers signed a memorandum on energy transit.")
    assert [r for _, _, r in found] == [("content added",)]
    assert substantive("The parties reviewed progress.", "The parties approved a joint investment fund worth billions.")
    # One new word for one, or two for one, is the same thing said another way.
    assert substantive("They will enhance cooperation.", "They will increase collaboration.") == []
    assert substantive("They met to discuss trade.", "They met to review and debate trade.") == []


def test_a_phrase_said_again_in_grammar_words_is_not_content_removed() -> None:
    # "Now" is a grammar word, yet new to the sentence: the phrase is said another way.
    assert substantive("At this point in time, they will meet.", "Now they will meet.") == []
    # A grammar word the sentence already holds brings nothing: the phrase is dropped.
    assert substantive("They met in the capital of the country to trade.", "They met to trade.") != []


# ------------------------------------------------------- 4. polarity and modality of the clause


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Relations have never been stronger.", "Relations are stronger than ever."),
        ("The model does not assume a tariff.", "The model works without assuming a tariff."),
        (
            "The ministers will meet in Astana, and they agreed on the agenda.",
            "They agreed on the agenda, and the ministers will meet in Astana.",
        ),
        ("They support trade.", "They not only support trade but also investment."),
        ("They reiterated their intention to cooperate.", "They reiterated their intent to cooperate."),
    ],
)
def test_the_same_polarity_and_modality_said_another_way_is_not_substantive(a: str, b: str) -> None:
    assert substantive(a, b) == []


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("The parties will review the plan.", "The parties may review the plan.", "modality changed"),
        ("Members shall not export arms.", "Members shall export arms.", "negation added or dropped"),
        ("They committed to reduce emissions.", "They hoped to reduce emissions.", "commitment changed"),
        ("An agreement is likely.", "An agreement is unlikely.", "negation added or dropped"),
    ],
)
def test_a_real_flip_of_polarity_or_modality_is_substantive(a: str, b: str, reason: str) -> None:
    assert any(reason in r for _, _, r in substantive(a, b))


# ---------------------------------------------------------------------------------- 5. names


@pytest.mark.parametrize(
    ("a", "b", "reason"),
    [
        ("Assistant Secretary Donald Lu welcomed the delegation.", "Assistant Secretary Lu welcomed the delegation.", "name or title shortened"),
        ("talks with First Deputy Minister of Foreign Affairs Umarov ended", "talks with Minister Umarov ended", "name or title shortened"),
        ("talks with Minister Umarov ended", "talks with Deputy Foreign Minister Umarov ended", "name or title completed"),
    ],
)
def test_a_shortened_or_completed_name_is_wording(a: str, b: str, reason: str) -> None:
    found = changes(a, b)
    assert found and all(c.change_class is WORDING for c in found)
    assert reason in {r for c in found for r in c.reasons}


def test_a_name_replaced_by_another_name_stays_substantive() -> None:
    found = substantive("the Mineral Security Partnership Platform", "the Mineral Security Partnership Forum")
    assert found == [("Platform", "Forum", ("proper name changed",))]


def test_a_second_name_dropped_is_not_a_shortened_name() -> None:
    found = substantive("talks between the United States and Kazakhstan ended", "talks with Kazakhstan ended")
    assert any("proper name removed" in r for _, _, r in found)


def test_words_glued_by_a_lost_space_are_whitespace() -> None:
    found = changes("support for the United States position", "support for the UnitedStates position")
    assert [(c.change_class, c.reasons) for c in found] == [(FORMATTING, ("whitespace only",))]


# ----------------------------------------------------------------- furniture inside a sentence


def test_an_attribution_added_by_a_reprint_is_formatting() -> None:
    found = changes(
        "The sides discussed regional security.",
        "The sides discussed regional security, a press release reads.",
    )
    assert [(c.change_class, c.reasons) for c in found if c.b_text.strip(" ,.")] == [(FORMATTING, ("attribution",))]


def test_a_page_title_reworded_is_furniture_not_a_name_added() -> None:
    prose = (
        "The United States established diplomatic relations with Mongolia in 1987 and has sought to assist "
        "its market-oriented reforms ever since."
    )
    a = f"U.S. Relations With Mongolia\n{prose}\n"
    b = f"U.S. Bilateral Relations Fact Sheets: Mongolia\n{prose}\n"
    found = [c for p in stmtdiff.compare(a, b).pairs for c in p.changes]
    assert found and {(c.change_class, c.reasons) for c in found} == {(FORMATTING, ("boilerplate",))}
    # a title reworded inside the text (not a line of its own) is still judged by its words
    inside = [c for p in stmtdiff.compare(f"See U.S. Relations With Mongolia. {prose}",
                                          f"See U.S. Bilateral Relations Fact Sheets: Mongolia. {prose}").pairs
              for c in p.changes]
    assert any(c.change_class is not FORMATTING for c in inside)


def test_a_watched_term_in_a_page_title_stays_substantive() -> None:
    prose = "The United States established diplomatic relations with Mongolia in 1987 and has assisted its reforms since."
    comparison = stmtdiff.compare(
        f"U.S. Relations With Mongolia\n{prose}\n", f"U.S. Sanctions on Mongolia\n{prose}\n", watch=["sanctions"]
    )
    assert comparison.a.sentences[0].boilerplate and comparison.b.sentences[0].boilerplate
    found = [c for p in comparison.pairs for c in p.changes]
    assert SUBSTANTIVE in {c.change_class for c in found}


def test_a_gloss_in_brackets_is_wording() -> None:
    found = changes("He visited Astana last week.", "He visited Astana (renamed Nur-Sultan in 2019) last week.")
    assert [(c.change_class, c.reasons) for c in found] == [(WORDING, ("gloss added",))]


# ----------------------------------------------------------------------- 8. a ranking that informs


def test_significance_spreads_by_evidence_within_a_class() -> None:
    function_words = score(WORDING, ("grammar words",), 0, 3)
    short = score(WORDING, ("rephrased",), 1, 4)
    long = score(WORDING, ("rephrased",), 1, 12)
    more_words = score(WORDING, ("rephrased",), 3, 12)
    assert function_words < short < long < more_words
    assert score(SUBSTANTIVE, ("number changed",), 1, 2) < score(SUBSTANTIVE, ("number changed",), 3, 20)


def test_a_qualifier_swapped_inside_a_repeated_term_is_substantive() -> None:
    a = "We build secure supply chains. Supply chains need investment. The talks were useful."
    b = "We build reliable supply chains. Supply chains need investment. The talks were useful."
    found = [c for p in stmtdiff.compare(a, b).pairs for c in p.changes]
    assert [(c.a_text, c.b_text, c.change_class) for c in found] == [("secure", "reliable", SUBSTANTIVE)]


def test_a_change_inside_a_repeated_phrase_ranks_above_one_outside() -> None:
    text = "Our trade policy supports farmers. Our trade policy is fair. They expressed keen interest."
    edited = "Our business policy supports farmers. Our trade policy is fair. They expressed great interest."
    comparison = stmtdiff.compare(text, edited)
    top = [comparison.pairs[p].changes[k] for p, k in comparison.summary.top_changes]
    assert [(c.a_text, c.b_text) for c in top] == [("trade", "business"), ("keen", "great")]
    assert top[0].reasons[-1] == "in a repeated phrase" and top[0].significance > top[1].significance


def test_items_added_to_one_pattern_rank_below_a_different_sentence_added() -> None:
    kept = "The Department will report to Congress every year on the ports it runs.\n\n"
    ports = "".join(
        f"({letter}) the Port of {name}, North Dakota, port of entry from the operational hours of {hour}:00 AM "
        "to 5:00 PM daily;\n\n"
        for letter, name, hour in [("A", "Carbury", 9), ("B", "Fortuna", 8), ("C", "Neche", 9), ("D", "Noonan", 8)]
    )
    salary = "The salary of Jane Roe, Adjudication Officer, shall be reduced to $1.\n\n"
    end = "This Act may be cited as the Ports Act.\n"
    comparison = stmtdiff.compare(kept + end, kept + ports + salary + end)
    top = [comparison.pairs[p].changes[k] for p, k in comparison.summary.top_changes]
    added = [c.b_text.strip() for c in top]
    # the first item ranks by its own evidence; the items that repeat its shape rank below the
    # shorter sentence that says something else
    assert added[0].startswith("(A)") and added[1] == salary.strip()
    assert all(c.change_class is SUBSTANTIVE for c in top)
    assert [c.significance for c in top[2:]] == [top[0].significance - 0.05] * 3


def test_sentences_of_different_shapes_or_only_names_are_not_damped() -> None:
    from stmtdiff.classify import damp_repeated_sentences
    from stmtdiff.model import Pair, Status

    def added(text: str, n: int) -> Pair:
        change = Change("", text, 0, 0, n, n + 1, SUBSTANTIVE, 0.7, ("sentence added",))
        return Pair((), (n,), Status.INSERTED, 0.0, False, (), (change,))

    different = [added("The ministers met in Astana on 5 June.", 0), added("The ministers left Astana on 6 June.", 1)]
    headers = [added("SEC. 553.", 2), added("SEC. 554.", 3)]
    assert [p.changes[0].significance for p in damp_repeated_sentences(different + headers)] == [0.7] * 4


def test_weigh_terms_only_looks_at_changes_that_can_reach_the_list() -> None:
    text = "Our trade policy is fair. Our trade policy works."
    low = Change("Our", "Their", 0, 3, 0, 5, ChangeClass.FORMATTING, 0.05, ("letter case only",))
    high = Change("fair", "just", 20, 24, 22, 26, ChangeClass.WORDING, 0.9, ("rephrased",))
    pair = stmtdiff.model.Pair((0,), (0,), stmtdiff.model.Status.CHANGED, 0.9, False, (), (low, high))
    weighed = weigh_terms([pair], text, text, TermIndex(text, text), 1)[0]
    assert weighed.changes[0] is low  # formatting is never lifted


def test_the_seed_pair_top_ten_rarely_ties() -> None:
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    comparison = stmtdiff.compare_files(
        seeds / "espd-2024-statement-state-dept-reworded.txt", seeds / "espd-2024-statement-in-article.txt"
    )
    top = [comparison.pairs[p].changes[k].significance for p, k in comparison.summary.top_changes[:10]]
    assert len(set(top)) >= 7, top


# ------------------------------------------------------------------------ every rule is linear


def test_a_clause_is_looked_for_near_the_piece_only() -> None:
    """A sentence without punctuation is judged near each piece: the clause scan is bounded,
    so a long sentence with many pieces costs linear time (pathological.py times it)."""
    from stmtdiff.classify.polarity import CLAUSE_REACH, _clause

    texts = tuple(["word"] * 10_000)
    lo, hi = _clause(texts, 5_000, 5_001)
    assert (lo, hi) == (5_000 - CLAUSE_REACH, 5_001 + CLAUSE_REACH)
    assert _clause(("a", ",", "b", "c", ".", "d"), 2, 3) == (2, 4)


def test_a_long_sentence_is_indexed_once_for_its_words() -> None:
    from stmtdiff.classify.pieces import PairView
    from stmtdiff.classify.tokens import word

    a = "The ministers discussed trade. " * 400
    pair = PairView(diff_spans(a, 0, a.replace("trade", "energy"), 0))
    assert pair.has_form_of("a", word("discussing")) and not pair.has_form_of("a", word("energy"))
    assert ("forms", "a") in pair.memo  # one index, not one pass over the text per question


def test_every_rule_gives_the_same_answer_on_a_long_sentence() -> None:
    unit = "Minister Umarov will not meet 30 delegates of the Ministry on May 20 and may sign. "
    edited = "Minister Umarov shall meet 40 delegates of the Agency on May 21 and will sign. "
    short = changes(unit, edited)
    long = changes(unit * 50, edited * 50)
    assert len(long) == 50 * len(short)
    assert [c.reasons for c in long[: len(short)]] == [c.reasons for c in short]
