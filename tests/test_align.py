"""Sentence alignment on small literal inputs: each test names one behaviour."""

from __future__ import annotations

from pathlib import Path

from stmtdiff.align import AlignOptions, align
from stmtdiff.segment import segment


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


PARAPHRASE_A = [
    "But we know that God does not hear sinners; but if any one be God-fearing and do his will, him he hears.",
    "Since time was, it has not been heard that any one opened the eyes of one born blind.",
    "If this man were not of God he would be able to do nothing.",
    "They answered and said to him, Thou wast wholly born in sins, and dost thou teach us?",
]
PARAPHRASE_B = [
    "We have knowledge that God does not give ear to sinners, but if any man is a worshipper of God and does his pleasure, to him God's ears are open.",
    "In all the years nobody has ever before seen the eyes of a man blind from birth made open.",
    "If this man did not come from God he would be unable to do anything.",
    "They said to him in answer, You were completely formed in sin, and are you our teacher?",
]


def test_a_heavy_paraphrase_between_two_aligned_neighbours_aligns():
    # Darby -> Basic English (John 9:31-34): the middle verse keeps few content words, but
    # it is the only sentence left between two aligned neighbours on both sides. Its
    # similarity (0.40) is under the threshold used here (0.42), but over the pocket bar (0.37).
    assert groups(PARAPHRASE_A, PARAPHRASE_B, threshold=0.42)[1] == ((1,), (1,), False)


def test_a_pocket_of_unrelated_sentences_stays_unaligned():
    b = list(PARAPHRASE_B)
    b[1] = "Tickets for the football final sold out within an hour of going on sale."
    result = groups(PARAPHRASE_A, b, threshold=0.42)
    assert ((1,), (), False) in result and ((), (1,), False) in result


def test_three_sentences_fused_into_one_are_one_group():
    b = [A[0], "They agreed to expand the pipeline network before winter, both sides condemned the attack "
         "on the border post, and a working group on customs will report in the autumn.", A[4]]
    assert ((1, 2, 3), (1,), False) in groups(A, b)


def test_one_sentence_split_in_three_is_one_group():
    b = [A[0], "They agreed to expand", "the pipeline network", "before winter.", *A[2:]]
    assert ((1,), (1, 2, 3), False) in groups(A, b)


BLOCK = [
    "The delegations reviewed the customs agreement signed last spring.",
    "They noted progress on the electronic exchange of transit documents.",
    "A joint inspection of the border crossings is planned for June.",
]


def test_a_moved_block_moves_as_a_whole_even_where_one_sentence_was_rewritten():
    # the middle sentence alone is too weak for a move (no margin); next to a sure move it follows.
    a = [*A[:2], *BLOCK, *A[2:]]
    rewritten = "Transit paperwork will now be exchanged online, they noted."  # similarity 0.34
    b = [*A, BLOCK[0], rewritten, BLOCK[2]]
    result = groups(a, b)
    assert ((2,), (5,), True) in result
    assert ((3,), (6,), True) in result
    assert ((4,), (7,), True) in result


def test_two_sentences_moved_and_merged_into_one_are_one_moved_group():
    # each half alone is as close to the merged sentence as the other (0.56, 0.54): no single
    # move stands out, but the two neighbours together do (John 9:28, ASV -> Darby).
    a = [*A, "And they reviled him, and said, Thou art his disciple;", "but we are disciples of Moses."]
    b = ["They railed at him, and said, you are his disciple, but we are disciples of Moses.", *A]
    moved = [g for g in align(a, b).groups if g.moved]
    assert [(g.a, g.b) for g in moved] == [((5, 6), (0,))]
    assert "merged" in moved[0].reason


def test_features_read_the_same_when_b_is_prepared_in_a_child():
    """Large inputs prepare B's words in a forked child; the keys, stems and stem codes agree."""
    import stmtdiff.align as align_module

    a = [f"Verse {n}: the {n % 11} kings of Judah went up to Jerusalem." for n in range(300)]
    b = [s.replace("went up", "ascended").replace("kings", "rulers") for s in a[::-1]]
    alone = align_module._Features(a, b, shared=False)
    shared = align_module._Features(a, b, shared=True)
    for name in ("a_keys", "b_keys", "a_stems", "b_stems", "a_stem_set", "b_stem_set", "a_len", "b_len"):
        assert getattr(shared, name) == getattr(alone, name), name


def test_aligning_the_later_gaps_in_a_child_changes_nothing(monkeypatch):
    """Large inputs align the gaps after the middle anchor in a forked child: same groups, same notes."""
    import stmtdiff.align as align_module

    a = [
        f"Verse {n}: the {n % 13} elders of {'Judah' if n % 3 else 'Israel'} met at the gate."
        for n in range(400)
    ]
    b = list(a)
    b[50:53] = ["The elders met at the gate of the city.", "They sat down."]  # a merge near an edit
    b[300] = b[300].replace("elders", "old men")
    del b[120:125]  # an omission
    b.insert(10, a[350])  # a move
    monkeypatch.setattr(align_module, "PARALLEL_MIN_UNITS", 10**9)
    alone = align_module.align(a, b)
    monkeypatch.setattr(align_module, "PARALLEL_MIN_UNITS", 0)
    shared = align_module.align(a, b)

    def fields(groups):
        return [(g.a, g.b, g.similarity, g.reason, g.moved) for g in groups]

    assert fields(shared.groups) == fields(alone.groups)
    assert shared.notes == alone.notes


# --- moves that are true: a move is claimed only on strong evidence ---------------------------

SEEDS = Path(__file__).parent.parent / "seeds"


def statement_sentences() -> list[str]:
    """Nineteen sentences of the 2024 ESPD joint statement (a public-domain State Department text)."""
    text = (SEEDS / "espd-2024-statement-state-dept-reworded.txt").read_text(encoding="utf-8")
    return [s.text for s in segment(text)][4:23]


def moved_pairs(a: list[str], b: list[str]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(g.a, g.b) for g in align(a, b).groups if g.moved]


def test_a_dropped_sentence_is_not_moved_to_an_added_one_on_the_same_topic():
    # Re-released statements align at ~1.0 similarity; a dropped sentence (on the return of
    # fighters from Syria) and an added one (border security) share only the topic's common
    # words at 0.41: mutual best match with a margin, but far below what this pair's true
    # pairs look like. They stay deleted + inserted.
    s = statement_sentences()
    added = "The United States and Kazakhstan discussed deepening cooperation on border security and transnational threats."
    b = s[:4] + s[5:15] + [added] + s[15:]
    assert moved_pairs(s, b) == []
    result = groups(s, b)
    assert ((4,), (), False) in result and ((), (14,), False) in result


def test_a_moved_sentence_rewritten_around_its_rare_words_is_still_a_move():
    # The same place, but the added sentence is the dropped one rewritten: it keeps the words
    # no other sentence has ("Syria", "reintegration"), the evidence an anchor rests on.
    s = statement_sentences()
    rewritten = "The two delegations discussed the return of Kazakhstani citizens from Syria and their reintegration."
    b = s[:4] + s[5:15] + [rewritten] + s[15:]
    assert moved_pairs(s, b) == [((4,), (14,))]


def test_a_weak_neighbour_of_a_sure_move_stays_where_it_is():
    # One sentence moves unchanged; beside it, A loses a sentence and B gains an unrelated one
    # (similarity 0.32). In documents whose pairs are near copies that is no evidence of a
    # block: only the sure move is claimed.
    s = statement_sentences()
    dropped = "Participants also reviewed preparations for the visit of a congressional delegation in the autumn."
    added = "A delegation of the Kazakh parliament plans to visit Washington next spring."
    a = s[:6] + [dropped] + s[6:]
    b = s[:5] + s[6:15] + [s[5], added] + s[15:]
    assert moved_pairs(a, b) == [((5,), (14,))]


def test_documents_that_only_share_a_topic_have_no_moves():
    # A news report on the meeting and an article reprinting the statement: related texts,
    # not versions of each other (few aligned pairs): sentences on the same subjects (energy
    # and critical minerals, human rights legislation) are not moves.
    def sentences(name: str) -> list[str]:
        return [s.text for s in segment((SEEDS / name).read_text(encoding="utf-8"))]

    assert moved_pairs(sentences("espd-2024-news-report.txt"), sentences("espd-2024-statement-in-article.txt")) == []


ZH_A = [
    "双方同意在能源领域加强合作，并扩大石油和天然气贸易。",
    "两国元首讨论了地区安全和反恐问题。",
    "哈萨克斯坦支持建立跨里海国际运输走廊。",
    "下一次会议将于明年在华盛顿举行。",
]


def test_chinese_translations_align_by_their_characters():
    b = [
        "双方决定深化能源领域的合作，扩大石油和天然气贸易。",
        "两国领导人就地区安全和打击恐怖主义问题进行了讨论。",
        "哈方支持建设跨里海国际运输通道。",
        "下次会议定于明年在华盛顿召开。",
    ]
    assert groups(ZH_A, b) == [((i,), (i,), False) for i in range(4)]


def test_unrelated_chinese_sentences_are_not_forced_together():
    b = list(ZH_A)
    b[1] = "今天天气晴朗，许多市民前往公园散步。"
    result = groups(ZH_A, b)
    assert ((1,), (), False) in result and ((), (1,), False) in result


def test_words_with_combining_marks_are_whole_words_in_the_comparison_keys():
    # Hindi vowel signs are combining marks, which \W counted as separators ("भ रत" for "भारत")
    from stmtdiff.align import _words_of

    keys, stems, _ = _words_of(["भारत और रूस ने वक्तव्य जारी किया।", "Le café"], joined=False)
    assert keys == ["भारत और रूस ने वक्तव्य जारी किया", "le café"]
    assert stems[0] == ["भारत", "और", "रूस", "ने", "वक्तव", "जारी", "किया"]


def test_a_few_sentences_picked_out_of_documents_are_scored_with_the_documents_words():
    """Alone, two unrelated sentences share "the", "of" and "and", which are rare words among
    two sentences: they align. Counted with the rest of their documents (``background``),
    those words carry no content, and only a real rewording aligns."""
    added_by_one = "The parties discussed the expansion of trade and the development of transport routes."
    added_by_other = "The ministers welcomed the opening of the new consulate in the capital."
    reworded = "The parties discussed expanding trade and developing the transport routes."
    background = A + [s.text for s in segment(Path(__file__).parent.parent.joinpath(
        "seeds", "espd-2024-statement-in-article.txt").read_text(encoding="utf-8"))]
    assert [(g.a, g.b) for g in align([added_by_one], [added_by_other]).groups] == [((0,), (0,))]
    alone = align([added_by_one], [added_by_other], background=background)
    assert [(g.a, g.b) for g in alone.groups] == [((0,), ()), ((), (0,))]
    assert [(g.a, g.b) for g in align([added_by_one], [reworded], background=background).groups] == [((0,), (0,))]
