"""Sentence alignment on small literal inputs: each test names one behaviour."""

from __future__ import annotations

from stmtdiff.align import AlignOptions, align


def groups(a: list[str], b: list[str], **options) -> list[tuple[tuple[int, ...], tuple[int, ...], bool]]:
    return [(g.a, g.b, g.moved) for g in align(a, b, AlignOptions(**options)).groups]


A = [
    "The ministers met in Astana on Monday to review energy cooperation.",
    "They agreed to expand the pipeline network before winter.",
    "Both sides condemned the attack on the border post.",
    "A working group on customs will report in the autumn.",
    "The next meeting will be held in Washington in 2025.",
]


def test_identical_lists_align_one_to_one():
    assert groups(A, A) == [((i,), (i,), False) for i in range(len(A))]


def test_a_paraphrase_aligns():
    b = list(A)
    b[1] = "They agreed to extend the pipeline network ahead of the winter."
    assert ((1,), (1,), False) in groups(A, b)


def test_an_omission_and_an_addition_stay_unaligned():
    b = A[:2] + A[3:] + ["Journalists were not allowed to attend the closing dinner."]
    result = groups(A, b)
    assert ((2,), (), False) in result
    assert ((), (4,), False) in result


def test_unrelated_sentences_in_the_same_gap_are_not_forced_together():
    b = list(A)
    b[2] = "Tickets for the football final sold out within an hour."
    result = groups(A, b)
    assert ((2,), (), False) in result and ((), (2,), False) in result


def test_a_merge_of_two_sentences_is_one_group():
    b = [A[0], A[1][:-1] + ", and " + A[2][0].lower() + A[2][1:], A[3], A[4]]
    assert ((1, 2), (1,), False) in groups(A, b)


def test_a_split_sentence_is_one_group():
    b = [A[0], "They agreed to expand the pipeline network.", "This will happen before winter.", *A[2:]]
    assert ((1,), (1, 2), False) in groups(A, b)


def test_two_unrelated_neighbours_are_not_merged():
    b = [A[0], A[1], "Tickets for the football final sold out within an hour.", A[3], A[4]]
    result = groups(A, b)
    assert ((1,), (1,), False) in result
    assert ((), (2,), False) in result


def test_a_moved_and_edited_sentence_is_found():
    b = [A[0], A[2], A[3], A[4], "They agreed to expand the gas pipeline network before the winter."]
    result = groups(A, b)
    assert ((1,), (4,), True) in result
    assert ((0,), (0,), False) in result and ((4,), (3,), False) in result


def test_every_sentence_is_in_exactly_one_group():
    b = [A[4], A[0], "Something else entirely.", A[2] + " " + A[3]]
    result = align(A, b).groups
    assert sorted(i for g in result for i in g.a) == list(range(len(A)))
    assert sorted(j for g in result for j in g.b) == list(range(len(b)))


def test_a_higher_threshold_aligns_less():
    b = ["The ministers gathered in Astana to discuss energy ties."]
    assert groups(A[:1], b, threshold=0.35) == [((0,), (0,), False)]
    assert groups(A[:1], b, threshold=0.95) == [((0,), (), False), ((), (0,), False)]
