"""Classification and ranking of changes (issue 5), rule by rule, on small literal texts.

The library gets its edits from the word diff; these tests make them with a small local
helper (difflib over the same kind of tokens) so that each rule is tested on its own.
"""

from __future__ import annotations

import doctest
import json
import random
import re
from difflib import SequenceMatcher
from pathlib import Path

import pytest

import pkgutil
from importlib import import_module

from stmtdiff import classify
from stmtdiff.classify import classify_edits, classify_unpaired, rank_changes
from stmtdiff.classify.pieces import common_keys
from stmtdiff.classify.tokens import TOKEN, tokenize
from stmtdiff.model import Change, ChangeClass, Edit, Op, Pair, Status

ROOT = Path(__file__).resolve().parent.parent
FORMATTING, SPELLING = ChangeClass.FORMATTING, ChangeClass.SPELLING
WORDING, SUBSTANTIVE = ChangeClass.WORDING, ChangeClass.SUBSTANTIVE

# Words (with inner apostrophes), whitespace runs and single punctuation marks, as the word
# diff tokenises.
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]")


def edits_between(
    a: str, b: str, a_start: int = 0, b_start: int = 0, *, join_runs: bool = True
) -> tuple[Edit, ...]:
    """Word-diff two texts found at ``a_start``/``b_start`` of their documents.

    ``join_runs`` folds a whitespace-only equality between two changes into one run, as the
    word diff's semantic cleanup does; without it, "reflected on" can arrive as two runs.
    """
    a_tokens, b_tokens = _TOKEN.findall(a), _TOKEN.findall(b)
    segments = []
    matcher = SequenceMatcher(None, a_tokens, b_tokens, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        segments.append([tag == "equal", "".join(a_tokens[i1:i2]), "".join(b_tokens[j1:j2])])
    if join_runs:
        for k in range(1, len(segments) - 1):
            between_changes = not segments[k - 1][0] and not segments[k + 1][0]
            if segments[k][0] and between_changes and not segments[k][1].strip():
                segments[k][0] = False
    merged: list[list] = []
    for segment in segments:
        if merged and not segment[0] and not merged[-1][0]:
            merged[-1][1] += segment[1]
            merged[-1][2] += segment[2]
        else:
            merged.append(segment)
    edits = []
    a_pos, b_pos = a_start, b_start
    for equal, a_text, b_text in merged:
        if equal:
            a_end, b_end = a_pos + len(a_text), b_pos + len(b_text)
            edits.append(Edit(Op.EQUAL, a_pos, a_end, b_pos, b_end, a_text))
            a_pos, b_pos = a_end, b_end
            continue
        if a_text:
            edits.append(Edit(Op.DELETE, a_pos, a_pos + len(a_text), b_pos, b_pos, a_text))
            a_pos += len(a_text)
        if b_text:
            edits.append(Edit(Op.INSERT, a_pos, a_pos, b_pos, b_pos + len(b_text), b_text))
            b_pos += len(b_text)
    return tuple(edits)


def changes_between(a: str, b: str, **options) -> tuple[Change, ...]:
    watch = options.pop("watch", ())
    return classify_edits(edits_between(a, b, **options), watch=watch)


def change(a: str, b: str, a_text: str, b_text: str, **options) -> Change:
    """The one change of the pair whose texts are ``a_text`` -> ``b_text``."""
    changes = changes_between(a, b, **options)
    found = [c for c in changes if (c.a_text, c.b_text) == (a_text, b_text)]
    assert len(found) == 1, [(c.a_text, c.b_text) for c in changes]
    return found[0]


def markup(changes: tuple[Change, ...]) -> list[str]:
    return [f"[-{c.a_text}-]{{+{c.b_text}+}} {c.change_class.value}" for c in changes]


# ---------------------------------------------------------------------------------------
# The issue's own example: one run, two changes of two classes.


def test_a_run_splits_into_the_changes_a_reader_would_name() -> None:
    changes = changes_between(
        "continuing to work towards sustainable normal trade relations",
        "continuing to work toward permanent normal trade relations",
    )
    assert markup(changes) == [
        "[-towards-]{+toward+} spelling",
        "[-sustainable-]{+permanent+} substantive",
    ]
    assert changes[0].reasons == ("US/UK spelling",)
    assert changes[1].reasons == ("qualifier of a term changed",)


def test_interleaved_deletes_and_inserts_form_one_run() -> None:
    edits = (
        Edit(Op.EQUAL, 0, 5, 0, 5, "work "),
        Edit(Op.DELETE, 5, 12, 5, 5, "towards"),
        Edit(Op.INSERT, 12, 12, 5, 11, "toward"),
        Edit(Op.DELETE, 12, 24, 11, 11, " sustainable"),
        Edit(Op.INSERT, 24, 24, 11, 21, " permanent"),
        Edit(Op.EQUAL, 24, 47, 21, 44, " normal trade relations"),
    )
    assert markup(classify_edits(edits)) == [
        "[-towards-]{+toward+} spelling",
        "[-sustainable-]{+permanent+} substantive",
    ]


# ---------------------------------------------------------------------------------------
# Formatting.


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text", "reasons"),
    [
        ("This Strategic Dialogue was", "This strategic dialogue was", "Strategic Dialogue",
         "strategic dialogue", ("letter case only",)),
        ("He said “yes” then.", 'He said "yes" then.', "“", '"',
         ("punctuation only", "quote or dash style")),
        ("peace – and trade", "peace - and trade", "–", "-",
         ("punctuation only", "quote or dash style")),
        ("the countries’ support", "the countries' support", "’", "'",
         ("punctuation only", "quote or dash style")),
        ("talks, and trade", "talks and trade", ",", "", ("punctuation only",)),
        ("the U.S. delegation", "the US delegation", "U.S.", "US", ("punctuation only",)),
        ("the ＵＮ body", "the UN body", "ＵＮ", "UN", ("Unicode variant",)),
        # a Cyrillic "а" in the first Paris
        ("in Pаris today", "in Paris today", "Pаris", "Paris", ("Unicode variant",)),
    ],
)
def test_formatting(a: str, b: str, a_text: str, b_text: str, reasons: tuple[str, ...]) -> None:
    found = change(a, b, a_text, b_text)
    assert found.change_class is FORMATTING
    assert found.reasons == reasons
    assert found.significance <= 0.05


def test_whitespace_only() -> None:
    (found,) = changes_between("It is a  test.", "It is a\ntest.")
    assert (found.a_text, found.b_text) == ("  ", "\n")
    assert found.change_class is FORMATTING and found.reasons == ("whitespace only",)


def test_case_changes_split_by_the_word_diff_are_one_change() -> None:
    changes = changes_between("This Strategic Dialogue was", "This strategic dialogue was",
                              join_runs=False)
    assert markup(changes) == ["[-Strategic Dialogue-]{+strategic dialogue+} formatting"]


def test_case_and_punctuation_together_name_both() -> None:
    found = change("the U.S. side", "the us side", "U.S.", "us")
    assert found.reasons == ("punctuation only", "letter case only")


# ---------------------------------------------------------------------------------------
# Spelling.


@pytest.mark.parametrize(
    ("a_word", "b_word", "reason"),
    [
        ("towards", "toward", "US/UK spelling"),
        ("organise", "organize", "US/UK spelling"),
        ("organisation", "organization", "US/UK spelling"),
        ("colour", "color", "US/UK spelling"),
        ("labourers", "laborers", "US/UK spelling"),
        ("centre", "center", "US/UK spelling"),
        ("defence", "defense", "US/UK spelling"),
        ("catalogue", "catalog", "US/UK spelling"),
        ("analysed", "analyzed", "US/UK spelling"),
        ("travelled", "traveled", "US/UK spelling"),
        ("paediatric", "pediatric", "US/UK spelling"),
        ("programmes", "programs", "US/UK spelling"),
        ("amongst", "among", "US/UK spelling"),
        ("grey", "gray", "US/UK spelling"),
        ("nonproliferation", "non-proliferation", "hyphenation or compound"),
        ("wellbeing", "well-being", "hyphenation or compound"),
        ("café", "cafe", "accents"),
        ("thirty", "30", "number written another way"),
    ],
)
def test_spelling_variants(a_word: str, b_word: str, reason: str) -> None:
    found = change(f"They saw the {a_word} there.", f"They saw the {b_word} there.", a_word, b_word)
    assert (found.change_class, found.reasons) == (SPELLING, (reason,))
    assert found.significance == pytest.approx(0.15)


def test_hyphen_against_space_between_two_word_parts() -> None:
    (found,) = changes_between("closer data-sharing to prevent", "closer data sharing to prevent")
    assert (found.a_text, found.b_text) == ("-", " ")
    assert found.change_class is SPELLING and found.reasons == ("hyphenation or compound",)


def test_compound_written_in_two_words() -> None:
    found = change("rose 5 per cent in", "rose 5 percent in", "per cent", "percent")
    assert found.change_class is SPELLING


def test_transliterated_name() -> None:
    found = change("Minister Akan Rakhmetulin and", "Minister Akan Rakhmetullin and",
                   "Rakhmetulin", "Rakhmetullin")
    assert (found.change_class, found.reasons) == (SPELLING, ("name spelled another way",))


def test_different_names_are_not_a_transliteration() -> None:
    found = change("met Minister Lu and", "met Minister Blinken and", "Lu", "Blinken")
    assert found.change_class is SUBSTANTIVE


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text"),
    [
        ("the principles of the United Nations Charter, underscoring",
         "the principles of the UN charter, underscoring", "United Nations", "UN"),
        ("said the Ministry of Foreign Affairs today", "said the MFA today",
         "Ministry of Foreign Affairs", "MFA"),
        ("the UN said", "the United Nations said", "UN", "United Nations"),
        ("a maximum-a-posteriori estimate of the state", "a MAP estimate of the state", "maximum-a-posteriori", "MAP"),
    ],
)
def test_abbreviation_and_its_expansion(a: str, b: str, a_text: str, b_text: str) -> None:
    found = change(a, b, a_text, b_text)
    assert (found.change_class, found.reasons) == (SPELLING, ("abbreviation and its expansion",))


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text"),
    [
        ("as shown in Fig. 3 the rate", "as shown in Figure 3 the rate", "Fig.", "Figure"),
        ("see Section 4 for details", "see Sec. 4 for details", "Section", "Sec."),
    ],
)
def test_a_word_cut_short_with_a_stop_is_its_abbreviation(a: str, b: str, a_text: str, b_text: str) -> None:
    found = change(a, b, a_text, b_text)
    assert (found.change_class, found.reasons) == (SPELLING, ("abbreviation and its expansion",))


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text", "expected"),
    [
        # a space lost inside a name with a digit: the digits stay the same number
        ("simulations of the 3D XY model agree", "simulations of the 3DXY model agree", "3D XY", "3DXY", SPELLING),
        # digits joined into another number are a number changed
        ("a rise of 3 5 percent", "a rise of 35 percent", "3 5", "35", SUBSTANTIVE),
        ("a rise of 3.5 percent", "a rise of 35 percent", "3.5", "35", SUBSTANTIVE),
    ],
)
def test_words_with_digits_glued_or_split(a: str, b: str, a_text: str, b_text: str, expected: ChangeClass) -> None:
    assert change(a, b, a_text, b_text).change_class is expected


def test_a_name_before_a_stop_is_no_abbreviation_of_a_longer_name() -> None:
    from stmtdiff.classify.surface import _cut_with_a_stop
    from stmtdiff.classify.tokens import word

    # not a cut of the other word: two countries
    assert change("They met in Mali. Then", "They met in Malawi Then", "Mali.", "Malawi").change_class is SUBSTANTIVE
    # a cut, but of five letters: a word that ends a sentence, not an abbreviation
    assert _cut_with_a_stop(("Austral", "."), ("Australia",), word("Austral"), word("Australia")) is None
    assert _cut_with_a_stop(("Fig", "."), ("Figure",), word("Fig"), word("Figure")) is not None


def test_abbreviation_leaves_the_rest_of_the_run_to_its_own_change() -> None:
    changes = changes_between("of the United Nations Charter, underscoring",
                              "of the UN charter, underscoring")
    assert markup(changes) == [
        "[-United Nations-]{+UN+} spelling",
        "[-Charter-]{+charter+} formatting",
    ]


@pytest.mark.parametrize(("a_word", "b_word"), [("four", "for"), ("filled", "filed")])
def test_real_words_are_not_respellings_of_each_other(a_word: str, b_word: str) -> None:
    found = change(f"They {a_word} it.", f"They {b_word} it.", a_word, b_word)
    assert found.change_class is not SPELLING


# ---------------------------------------------------------------------------------------
# Wording.


@pytest.mark.parametrize("join_runs", [True, False])
def test_considered_reflected_on(join_runs: bool) -> None:
    changes = changes_between("The two sides considered the outcomes",
                              "The two sides reflected on the outcomes", join_runs=join_runs)
    assert markup(changes) == ["[-considered-]{+reflected on+} wording"]


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text", "reason"),
    [
        ("reiterated their intention to work", "reiterated their intent to work", "intention",
         "intent", "another form of the same word"),
        ("strengthen bilateral trade ties.", "strengthen bilateral trade relationship.", "ties",
         "relationship", "rephrased"),
        ("The ESPD builds on 30 years", "The ESPD builds upon 30 years", "on", "upon",
         "grammar words"),
        ("the Mineral Security Partnership", "the Minerals Security Partnership", "Mineral",
         "Minerals", "another form of the same word"),
        ("expressed keen interest in", "expressed strong interest in", "keen", "strong",
         "rephrased"),
        ("efforts to increase gender equality and", "efforts to advance gender equality and",
         "increase", "advance", "rephrased"),
        ("reiterated their intention to", "reiterated their readiness to", "intention",
         "readiness", "rephrased"),
    ],
)
def test_wording(a: str, b: str, a_text: str, b_text: str, reason: str) -> None:
    found = change(a, b, a_text, b_text)
    assert (found.change_class, found.reasons) == (WORDING, (reason,))
    assert 0.2 <= found.significance < 0.5


def test_words_that_move_inside_the_sentence_are_wording() -> None:
    changes = changes_between("held in Astana on May 20 and underscored",
                              "held on May 20 in Astana and underscored")
    assert {c.change_class for c in changes} == {WORDING}
    assert {c.reasons for c in changes} == {("moved within the sentence",)}


# ---------------------------------------------------------------------------------------
# Substantive.


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text", "reason"),
    [
        ("more than 30 years", "more than 40 years", "30", "40", "number changed"),
        ("rose 3.5 percent", "rose 35 percent", "3.5", "35", "number changed"),
        ("held on May 20 in", "held on June 20 in", "May", "June", "date changed"),
        ("The parties will meet.", "The parties may meet.", "will", "may", "modality changed"),
        ("They shall act.", "They should act.", "shall", "should", "modality changed"),
        ("The parties shall not meet.", "The parties shall meet.", "not", "",
         "negation added or dropped"),
        ("It is likely to pass.", "It is unlikely to pass.", "likely", "unlikely",
         "negation added or dropped"),
        ("expressed their intention to", "expressed their commitment to", "intention",
         "commitment", "commitment changed"),
        ("work towards sustainable normal trade relations", "work towards permanent normal trade "
         "relations", "sustainable", "permanent", "qualifier of a term changed"),
        ("work towards sustainable normal trade relations", "work towards normal trade relations",
         "sustainable", "", "qualifier of a term changed"),
    ],
)
def test_substantive(a: str, b: str, a_text: str, b_text: str, reason: str) -> None:
    found = change(a, b, a_text, b_text)
    assert (found.change_class, found.reasons) == (SUBSTANTIVE, (reason,))
    assert found.significance >= 0.6


def test_proper_name_changed_inside_a_multi_word_name() -> None:
    changes = changes_between(
        "within the Mineral Security Partnership Platform to enhance",
        "within the Minerals Security Partnership Forum to increase",
    )
    assert markup(changes) == [
        "[-Mineral-]{+Minerals+} wording",
        "[-Platform-]{+Forum+} substantive",
        "[-enhance-]{+increase+} wording",
    ]
    assert changes[1].reasons == ("proper name changed",)


@pytest.mark.parametrize(
    ("a", "b", "a_text", "b_text"),
    [
        # a capital that only opens the sentence is no name
        ("The delegations concluded it.", "Delegations concluded it.", "The", ""),
        # "both" stands for "two", and is no number of its own
        ("The two delegations discussed", "Both delegations discussed", "The two", "Both"),
        ("both the US and Kazakhstan agreed", "the US and Kazakhstan agreed", "both", ""),
        # a modal "May" opening a sentence is no date
        ("They met. May talks go well.", "They met. May talks go on.", "well", "on"),
        # an adjective before a single noun is no qualifier of a term
        ("expressed keen interest in", "expressed strong interest in", "keen", "strong"),
    ],
)
def test_not_substantive(a: str, b: str, a_text: str, b_text: str) -> None:
    assert change(a, b, a_text, b_text).change_class is not SUBSTANTIVE


def test_may_opening_a_sentence_is_the_modal_verb() -> None:
    found = change("They met. May the talks go well.", "They met. The talks go well.", "May", "")
    assert (found.change_class, found.reasons) == (SUBSTANTIVE, ("modality changed",))


# ---------------------------------------------------------------------------------------
# Watched terms.


def test_watched_term_makes_a_change_substantive() -> None:
    found = change("reiterated their intention to work", "reiterated their intent to work",
                   "intention", "intent", watch=["Intent"])
    assert found.change_class is SUBSTANTIVE
    assert found.reasons[0] == "watched term"
    assert found.significance >= 0.95


def test_watched_phrase_around_an_insertion() -> None:
    changes = changes_between("toward normal trade relations soon", "toward normal free trade "
                              "relations soon", watch=["normal trade relations"])
    assert [c.reasons for c in changes] == [("watched term", "words added")]


def test_watched_terms_match_whole_words_in_the_run_only() -> None:
    changes = changes_between("They shall act on the action plan.",
                              "They shall not act on the action plan.", watch=["act", "plan"])
    # "act" and "plan" sit beside the change, outside its run
    assert [c.reasons for c in changes] == [("negation added or dropped",)]
    changes = changes_between("The reaction was calm.", "The reaction was mild.", watch=["act"])
    assert changes[0].change_class is WORDING


# ---------------------------------------------------------------------------------------
# Offsets, determinism and the seed pair.


def _sentence(document: str, snippet: str) -> tuple[int, int]:
    """The sentence of ``document`` holding ``snippet`` (a simple splitter, for tests)."""
    at = document.index(snippet)
    starts = [m.end() for m in re.finditer(r"(?<=[.:])\s+|\n|“", document[:at])]
    start = starts[-1] if starts else 0
    end = re.compile(r"\.(?=\s|”|$)").search(document, at + len(snippet) - 1)
    return start, end.end() if end else len(document)


def _seed_pairs() -> list[tuple[str, tuple[Change, ...]]]:
    a_doc = (ROOT / "seeds/espd-2024-statement-state-dept-reworded.txt").read_text("utf-8")
    b_doc = (ROOT / "seeds/espd-2024-statement-in-article.txt").read_text("utf-8")
    gold = json.loads((ROOT / "tests/acceptance_001_vs_002.json").read_text("utf-8"))
    pairs = []
    for pair in gold["pairs"]:
        a0, a1 = _sentence(a_doc, pair["a"])
        b0, b1 = _sentence(b_doc, pair["b"])
        changes = classify_edits(edits_between(a_doc[a0:a1], b_doc[b0:b1], a0, b0))
        for found in changes:
            assert a_doc[found.a_start : found.a_end] == found.a_text
            assert b_doc[found.b_start : found.b_end] == found.b_text
        pairs.append((pair["a"], changes))
    return pairs


def test_offsets_point_at_the_change_texts() -> None:
    a = "Intro.\nThe sides will work towards sustainable normal trade relations, it said."
    b = "Other text here.\nThe sides may work toward permanent normal trade relations,\nit said"
    a0, b0 = a.index("The"), b.index("The")
    changes = classify_edits(edits_between(a[a0:], b[b0:], a0, b0))
    assert [c.a_text for c in changes] == ["will", "towards", "sustainable", " ", "."]
    for found in changes:
        assert a[found.a_start : found.a_end] == found.a_text
        assert b[found.b_start : found.b_end] == found.b_text
        assert found.a_start <= found.a_end and found.b_start <= found.b_end
    deletion = next(c for c in changes if c.b_text == "")
    assert deletion.a_text == "." and deletion.b_start == deletion.b_end == len(b)


def test_seed_pair_expected_classes() -> None:
    gold = json.loads((ROOT / "tests/acceptance_001_vs_002.json").read_text("utf-8"))
    pairs = dict(_seed_pairs())
    for expected in gold["changes"]:
        wanted = (expected["a"], expected["b"])
        found = [c for c in pairs[expected["pair"]] if (c.a_text, c.b_text) == wanted]
        assert [c.change_class.value for c in found] == [expected["class"]], expected


def test_seed_pair_substantive_changes_rank_first() -> None:
    seed = _seed_pairs()
    pairs = [Pair((k,), (k,), Status.CHANGED, 0.8, changes=c) for k, (_, c) in enumerate(seed)]
    top = [pairs[p].changes[c] for p, c in rank_changes(pairs, limit=5)]
    expected = {("sustainable", "permanent"), ("Platform", "Forum")}
    assert {(c.a_text, c.b_text) for c in top[:2]} == expected


def test_classification_is_deterministic() -> None:
    a = "The two sides considered the outcomes held in Astana on May 20 and 30 more."
    b = "Both sides reflected on the outcomes, held on May 20 in Astana, and 40 more."
    assert changes_between(a, b) == changes_between(a, b)


def test_no_edits_and_equal_edits_give_no_changes() -> None:
    assert classify_edits(()) == ()
    assert classify_edits((Edit(Op.EQUAL, 0, 3, 0, 3, "abc"),)) == ()


# ---------------------------------------------------------------------------------------
# Deleted and inserted sentences.


def test_sentence_omitted_inside_the_shared_region() -> None:
    found = classify_unpaired("They met.", 10, 19, "a", outside=False, boilerplate=False)
    assert (found.a_text, found.b_text) == ("They met.", "")
    assert (found.a_start, found.a_end, found.b_start, found.b_end) == (10, 19, 0, 0)
    assert (found.change_class, found.reasons) == (SUBSTANTIVE, ("sentence omitted",))
    assert 0.6 <= found.significance < 0.7


def test_longer_added_sentences_matter_more() -> None:
    short = classify_unpaired("They met.", 0, 9, "b", outside=False, boilerplate=False)
    long_text = "The parties underlined the importance of infrastructure development " * 4
    long = classify_unpaired(long_text, 5, 5 + len(long_text), "b", outside=False,
                             boilerplate=False)
    assert short.reasons == long.reasons == ("sentence added",)
    assert (long.a_start, long.a_end, long.b_start) == (0, 0, 5)
    assert short.significance < long.significance <= 0.8


@pytest.mark.parametrize(
    ("outside", "boilerplate", "reason"),
    [(True, False, "outside the shared text"), (False, True, "boilerplate"),
     (True, True, "boilerplate")],
)
def test_context_and_boilerplate_rank_last(outside: bool, boilerplate: bool, reason: str) -> None:
    found = classify_unpaired("Lesson finished.", 0, 16, "a", outside=outside,
                              boilerplate=boilerplate)
    assert (found.change_class, found.reasons) == (FORMATTING, (reason,))
    assert found.significance <= 0.1


def test_watched_term_in_an_unpaired_sentence() -> None:
    found = classify_unpaired("We reprint the joint statement.", 0, 31, "b", outside=True,
                              boilerplate=False, watch=["joint statement"])
    assert found.change_class is SUBSTANTIVE and found.reasons[0] == "watched term"


def test_unpaired_side_must_be_a_or_b() -> None:
    with pytest.raises(ValueError):
        classify_unpaired("x", 0, 1, "c", outside=False, boilerplate=False)


# ---------------------------------------------------------------------------------------
# Ranking.


def _change(significance: float) -> Change:
    return Change("a", "b", 0, 1, 0, 1, WORDING, significance, ("rephrased",))


def test_rank_by_significance_then_document_order() -> None:
    pairs = [
        Pair((0,), (0,), Status.CHANGED, 0.9, changes=(_change(0.3), _change(0.85))),
        Pair((1,), (1,), Status.CHANGED, 0.9, changes=()),
        Pair((2,), (2,), Status.CHANGED, 0.9, changes=(_change(0.85), _change(0.05))),
    ]
    assert rank_changes(pairs) == ((0, 1), (2, 0), (0, 0), (2, 1))
    assert rank_changes(pairs, limit=2) == ((0, 1), (2, 0))
    assert rank_changes(pairs, limit=0) == ()


# Internals with a simpler equivalent (the speed-ups must not change any result).


def _table_lcs(a_keys: list[str], b_keys: list[str]) -> list[tuple[int, int]]:
    """The longest common subsequence walk _common_keys makes, with a full table of lengths."""
    n, m = len(a_keys), len(b_keys)
    lengths = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            if a_keys[i] == b_keys[j]:
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if a_keys[i] == b_keys[j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def test_bit_parallel_lcs_walks_as_the_table_does() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        alphabet = [str(k) for k in range(rng.randint(1, 8))]
        a_keys = rng.choices(alphabet, k=rng.randint(0, 20))
        b_keys = rng.choices(alphabet, k=rng.randint(0, 20))
        assert common_keys(a_keys, b_keys) == _table_lcs(a_keys, b_keys)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "word", " word ", "U.S.-Kazakhstan ties,\n don’t  stop", "a\u00a0b\t—c..."],
)
def test_tokens_and_their_offsets(text: str) -> None:
    texts, starts = tokenize(text)
    matches = list(TOKEN.finditer(text))
    assert texts == tuple(m[0] for m in matches)
    assert starts == tuple(m.start() for m in matches)


@pytest.mark.parametrize(
    "module", ["stmtdiff.classify"] + [f"stmtdiff.classify.{m.name}" for m in pkgutil.iter_modules(classify.__path__)]
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(import_module(module))
    assert result.failed == 0
