"""The terminal and Markdown reports, on hand-built comparisons (no engine involved).

The factory below writes a comparison the way a reader thinks of one ("sentence 2 of A became
sentence 2 of B, intention -> intent"), so each test states one behaviour of the report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from stmtdiff.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Op,
    Pair,
    Sentence,
    Status,
    Summary,
)
from stmtdiff.report.markdown import escape, paragraph, render_markdown
import stmtdiff
from stmtdiff.report.text import RenderOptions, cell_width, plan_rows, render_stat, render_text, render_units

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def doc(name: str, sentences: Sequence[str], sep: str = " ", boilerplate: Sequence[int] = ()) -> Document:
    """A document whose sentences are joined by ``sep``, with exact offsets."""
    parts, units, pos = [], [], 0
    for i, s in enumerate(sentences):
        if i:
            parts.append(sep)
            pos += len(sep)
        units.append(Sentence(i, pos, pos + len(s), s, i in boilerplate))
        parts.append(s)
        pos += len(s)
    return Document(name, "".join(parts), tuple(units))


def edits(*steps: tuple[str, str]) -> tuple[Edit, ...]:
    """Word edits from ("=", text) / ("-", text) / ("+", text); offsets do not matter here."""
    ops = {"=": Op.EQUAL, "-": Op.DELETE, "+": Op.INSERT}
    return tuple(Edit(ops[o], 0, 0, 0, 0, t) for o, t in steps)


def pair(
    a: Sequence[int],
    b: Sequence[int],
    status: Status,
    steps: Sequence[tuple[str, str]] = (),
    *,
    similarity: float = 1.0,
    outside: bool = False,
    changes: Sequence[Change] = (),
    moved_from: int | None = None,
) -> Pair:
    return Pair(
        tuple(a), tuple(b), status, similarity, outside, edits(*steps), tuple(changes), moved_from=moved_from
    )


def comparison(
    a: Document,
    b: Document,
    pairs: Sequence[Pair],
    *,
    top: Sequence[tuple[int, int]] = (),
    options: CompareOptions | None = None,
    notes: Sequence[str] = (),
) -> Comparison:
    counts = {s: sum(p.status is s for p in pairs) for s in Status}
    classes: dict[ChangeClass, int] = {}
    for p in pairs:
        for ch in p.changes:
            classes[ch.change_class] = classes.get(ch.change_class, 0) + 1
    summary = Summary(
        equal=counts[Status.EQUAL],
        changed=counts[Status.CHANGED],
        moved=counts[Status.MOVED],
        deleted=counts[Status.DELETED],
        inserted=counts[Status.INSERTED],
        similarity=0.9,
        a_units=len(a.sentences),
        b_units=len(b.sentences),
        words_deleted=1,
        words_inserted=1,
        class_counts=tuple(classes.items()),
        top_changes=tuple(top),
    )
    return Comparison(a, b, tuple(pairs), summary, options or CompareOptions(), tuple(notes))


def change(a_text: str, b_text: str, cls: ChangeClass, significance: float, *reasons: str) -> Change:
    return Change(a_text, b_text, 0, 0, 0, 0, cls, significance, tuple(reasons))


def intent_pair() -> Comparison:
    """A: two sentences; B: the second reworded (intention -> intent)."""
    a = doc("old.txt", ["We met.", "We state our intention to act."])
    b = doc("new.txt", ["We met.", "We state our intent to act."])
    return comparison(
        a,
        b,
        [
            pair([0], [0], Status.EQUAL, [("=", "We met.")]),
            pair(
                [1],
                [1],
                Status.CHANGED,
                [("=", "We state our "), ("-", "intention"), ("+", "intent"), ("=", " to act.")],
                similarity=0.87,
                changes=[change("intention", "intent", ChangeClass.WORDING, 0.4, "synonym")],
            ),
        ],
        top=[(1, 0)],
    )


PLAIN = RenderOptions(width=80)


def test_inline_diff_uses_wdiff_markers_without_colour() -> None:
    out = render_text(intent_pair(), PLAIN)
    assert "We state our [-intention-]{+intent+} to act." in out
    assert "\x1b[" not in out


def test_colour_strikes_deletions_and_underlines_insertions_instead_of_markers() -> None:
    out = render_text(intent_pair(), RenderOptions(color=True, width=80))
    assert "\x1b[31;9mintention\x1b[0m" in out
    assert "\x1b[32;4mintent\x1b[0m" in out
    assert "[-" not in out and "{+" not in out


def test_header_names_both_documents_and_group_title_says_status_where_and_similarity() -> None:
    out = render_text(intent_pair(), PLAIN)
    assert out.startswith("--- a: old.txt (2 sentences)\n+++ b: new.txt (2 sentences)\n")
    assert "@@ changed a 2 -> b 2 (87% similar; wording)" in out


def test_equal_groups_fold_to_a_count_by_default() -> None:
    out = render_text(intent_pair(), PLAIN)
    assert "... 1 sentence unchanged" in out
    assert "We met." not in out


def equal_run() -> Comparison:
    """Five equal sentences, one changed sentence, three equal sentences."""
    a_s = [f"Same {i}." for i in range(5)] + ["Old words here."] + [f"Tail {i}." for i in range(3)]
    b_s = a_s[:5] + ["New words here."] + a_s[6:]
    pairs = [pair([i], [i], Status.EQUAL, [("=", a_s[i])]) for i in range(5)]
    pairs.append(pair([5], [5], Status.CHANGED, [("-", "Old"), ("+", "New"), ("=", " words here.")], similarity=0.7))
    pairs += [pair([i], [i], Status.EQUAL, [("=", a_s[i])]) for i in range(6, 9)]
    return comparison(doc("a", a_s), doc("b", b_s), pairs)


def test_context_shows_n_equal_groups_on_each_side_of_a_change() -> None:
    out = render_text(equal_run(), RenderOptions(width=80, context=1, summary=False))
    assert "Same 4." in out and "Tail 0." in out
    assert "Same 3." not in out and "Tail 1." not in out
    assert "... 4 sentences unchanged" in out and "... 2 sentences unchanged" in out


def test_all_shows_every_group() -> None:
    out = render_text(equal_run(), RenderOptions(width=80, show_all=True, summary=False))
    assert all(f"Same {i}." in out for i in range(5))
    assert "unchanged" not in out


def embedded() -> Comparison:
    """B reprints A's one sentence inside an article: other text before and after it."""
    a = doc("statement", ["We agree."])
    b = doc("article", ["Intro one.", "Intro two.", "We agree.", "Outro."])
    pairs = [
        pair([], [0, 1], Status.INSERTED, [("+", "Intro one. Intro two.")], outside=True),
        pair([0], [2], Status.EQUAL, [("=", "We agree.")]),
        pair([], [3], Status.INSERTED, [("+", "Outro.")], outside=True),
    ]
    return comparison(a, b, pairs)


def test_text_outside_the_shared_region_folds_to_one_line_per_side() -> None:
    out = render_text(embedded(), PLAIN)
    assert "... b: 2 sentences of other text before the statement (use --all)" in out
    assert "... b: 1 sentence of other text after the statement (use --all)" in out
    assert "Intro one." not in out
    shown = render_text(embedded(), RenderOptions(width=80, show_all=True))
    assert "{+Intro one. Intro two.+}" in shown and "outside the shared text" in shown


def test_outside_runs_count_each_side_separately() -> None:
    a = doc("a", ["Head a.", "Shared."])
    b = doc("b", ["Head b1.", "Head b2.", "Shared."])
    c = comparison(
        a,
        b,
        [
            pair([0], [], Status.DELETED, [("-", "Head a.")], outside=True),
            pair([], [0, 1], Status.INSERTED, [("+", "Head b1. Head b2.")], outside=True),
            pair([1], [2], Status.EQUAL, [("=", "Shared.")]),
        ],
    )
    rows = [r for r in plan_rows(c) if r.kind == "outside"]
    assert [(r.side, r.count, r.where) for r in rows] == [("a", 1, "before"), ("b", 2, "before")]


def moved() -> Comparison:
    """A: one two three; B: three one two (three moved to the front)."""
    a = doc("a", ["One.", "Two.", "Three."])
    b = doc("b", ["Three.", "One.", "Two."])
    pairs = [
        pair([2], [0], Status.MOVED, [("=", "Three.")], moved_from=2),
        pair([0], [1], Status.EQUAL, [("=", "One.")]),
        pair([1], [2], Status.EQUAL, [("=", "Two.")]),
    ]
    return comparison(a, b, pairs)


def test_moved_group_says_where_it_came_from_and_leaves_a_marker_there() -> None:
    out = render_text(moved(), PLAIN)
    assert "@@ moved a 3 -> b 1 (100% similar; in a it came after a 2)" in out
    lines = out.splitlines()
    marker = lines.index("... a 3 moved from here to b 1")
    assert lines[marker - 1] == "... 2 sentences unchanged"


def test_moved_group_that_opened_a_says_so() -> None:
    c = moved()
    first = Pair((0,), (2,), Status.MOVED, 1.0, moved_from=-1)
    c2 = comparison(c.a, c.b, [first])
    out = render_text(c2, PLAIN)
    assert "in a it came first" in out
    assert out.index("... a 1 moved from here to b 3") < out.index("@@ moved")


def test_deleted_and_inserted_groups_say_which_side_they_are_on() -> None:
    a = doc("a", ["Kept.", "Dropped."])
    b = doc("b", ["Kept.", "Added."])
    c = comparison(
        a,
        b,
        [
            pair([0], [0], Status.EQUAL, [("=", "Kept.")]),
            pair([1], [], Status.DELETED, [("-", "Dropped.")]),
            pair([], [1], Status.INSERTED, [("+", "Added.")]),
        ],
    )
    out = render_text(c, PLAIN)
    assert "@@ deleted a 2 (only in a)\n  [-Dropped.-]" in out
    assert "@@ inserted b 2 (only in b)\n  {+Added.+}" in out


def test_pair_without_edits_is_shown_from_its_sentences() -> None:
    a = doc("a", ["Alpha beta."])
    b = doc("b", ["Gamma delta."])
    c = comparison(a, b, [pair([0], [0], Status.CHANGED, similarity=0.2)])
    assert "[-Alpha beta.-]{+Gamma delta.+}" in render_text(c, PLAIN)


def test_change_of_spaces_alone_is_made_visible() -> None:
    a = doc("a", ["One two."])
    b = doc("b", ["One  two."])
    c = comparison(a, b, [pair([0], [0], Status.CHANGED, [("=", "One"), ("-", " "), ("+", "  "), ("=", "two.")])])
    assert "One[-\u2423-]{+\u2423\u2423+}two." in render_text(c, PLAIN)


def test_markers_keep_surrounding_spaces_outside() -> None:
    a = doc("a", ["to work towards peace."])
    b = doc("b", ["to work toward peace."])
    c = comparison(
        a,
        b,
        [pair([0], [0], Status.CHANGED, [("=", "to work"), ("-", " towards"), ("+", " toward"), ("=", " peace.")])],
    )
    assert "to work [-towards-] {+toward+} peace." in render_text(c, PLAIN)


def long_pair() -> Comparison:
    words = " ".join(f"word{i}" for i in range(60))
    a = doc("a", [words + " old."])
    b = doc("b", [words + " new."])
    steps = [("=", words + " "), ("-", "old"), ("+", "new"), ("=", ".")]
    return comparison(a, b, [pair([0], [0], Status.CHANGED, steps)])


def test_inline_lines_fit_the_width() -> None:
    for color in (False, True):
        out = render_text(long_pair(), RenderOptions(width=40, color=color, summary=False))
        body = [ANSI.sub("", line) for line in out.splitlines()[2:]]
        assert max(cell_width(line) for line in body) <= 40
        assert len(body) > 5


def test_side_by_side_fits_the_width_and_aligns_columns_row_by_row() -> None:
    out = render_text(long_pair(), RenderOptions(width=60, side_by_side=True, summary=False))
    rows = [line for line in out.splitlines() if " | " in line]
    assert rows and all(cell_width(line) <= 60 for line in rows)
    assert len({line.index(" | ") for line in rows}) == 1  # the gutter never moves
    assert any("[-old-]" in line.split(" | ")[0] for line in rows)
    assert any("{+new+}" in line.split(" | ")[1] for line in rows)
    assert not any("{+" in line.split(" | ")[0] for line in rows)


def test_side_by_side_gutter_marks_one_sided_groups_like_diff_y() -> None:
    a = doc("a", ["Gone."])
    b = doc("b", ["Here."])
    gone = pair([0], [], Status.DELETED, [("-", "Gone.")])
    c = comparison(a, b, [gone, pair([], [0], Status.INSERTED, [("+", "Here.")])])
    out = render_text(c, RenderOptions(width=40, side_by_side=True, summary=False))
    assert re.search(r"^\[-Gone\.-\] +<$", out, re.M)
    assert re.search(r"^ +> \{\+Here\.\+\}$", out, re.M)


def test_wide_characters_count_two_columns() -> None:
    assert cell_width("abc") == 3
    assert cell_width("日本") == 4
    assert cell_width("e\u0301") == 1


def test_stat_prints_the_summary_alone_with_counts_and_top_changes() -> None:
    out = render_text(intent_pair(), RenderOptions(width=80, stat=True))
    assert out.startswith("Summary\n")
    assert "@@" not in out
    assert "groups: 1 equal, 1 changed, 0 moved, 0 deleted, 0 inserted" in out
    assert "words: 1 deleted, 1 inserted" in out
    assert "similarity: 90%" in out
    assert "changes: 1 wording" in out
    assert '1. wording 0.40 (a 2 -> b 2) "intention" -> "intent"' in out
    assert "      synonym" in out


def test_summary_follows_the_groups_by_default() -> None:
    out = render_text(intent_pair(), PLAIN)
    assert out.index("@@ changed") < out.index("Summary")


def test_ignored_classes_are_left_out_of_the_top_changes_and_marked_in_the_counts() -> None:
    c = intent_pair()
    ignore_wording = CompareOptions(ignore_classes=frozenset({ChangeClass.WORDING}))
    c = comparison(c.a, c.b, c.pairs, top=[(1, 0)], options=ignore_wording)
    out = render_stat(c, PLAIN)
    assert "Top changes" not in out
    assert "1 wording (ignored)" in out


def test_changed_group_with_only_ignored_changes_folds_like_an_equal_one() -> None:
    c = intent_pair()
    c = comparison(c.a, c.b, c.pairs, options=CompareOptions(ignore_classes=frozenset({ChangeClass.WORDING})))
    out = render_text(c, RenderOptions(width=80, summary=False))
    assert "@@" not in out
    assert "... 2 sentences unchanged, 1 with ignored changes only" in out


def test_notes_are_shown_in_the_summary() -> None:
    c = intent_pair()
    c = comparison(c.a, c.b, c.pairs, notes=["alignment banded: 4000x5000 > max_cells"])
    assert "note: alignment banded: 4000x5000 > max_cells" in render_stat(c)


def test_top_change_of_a_deleted_sentence_is_clipped() -> None:
    a = doc("a", ["Kept.", "A long sentence " * 20])
    b = doc("b", ["Kept."])
    ch = change(a.sentences[1].text, "", ChangeClass.SUBSTANTIVE, 0.9, "sentence omitted")
    c = comparison(
        a,
        b,
        [
            pair([0], [0], Status.EQUAL, [("=", "Kept.")]),
            pair([1], [], Status.DELETED, [("-", a.sentences[1].text)], changes=[ch]),
        ],
        top=[(1, 0)],
    )
    line = next(x for x in render_stat(c, PLAIN).splitlines() if "1. substantive" in x)
    assert 'deleted "A long sentence' in line and line.endswith('..."')
    assert len(line) <= 80


def test_boilerplate_groups_are_flagged() -> None:
    a = doc("a", ["Shared.", "Comments (0)"], boilerplate=[1])
    b = doc("b", ["Shared."])
    shared = pair([0], [0], Status.EQUAL, [("=", "Shared.")])
    c = comparison(a, b, [shared, pair([1], [], Status.DELETED, [("-", "Comments (0)")])])
    assert "@@ deleted a 2 (only in a; boilerplate)" in render_text(c, PLAIN)


def escape_sequence_pair() -> Comparison:
    """A document that tries to recolour the terminal, set its title and ring its bell."""
    a = doc("old\x1b]0;pwned\x07.txt", ["We act.", "It is \x1b[2Jdone."])
    b = doc("new.txt", ["We act.", "It is \x9b31mover\x07."])
    steps = [("=", "It is "), ("-", "\x1b[2Jdone"), ("+", "\x9b31mover\x07"), ("=", ".")]
    top = change("\x1b[2Jdone", "\x9b31mover\x07", ChangeClass.WORDING, 0.5, "other")
    return comparison(
        a,
        b,
        [pair([0], [0], Status.EQUAL, [("=", "We act.")]), pair([1], [1], Status.CHANGED, steps, changes=[top])],
        top=[(1, 0)],
    )


def test_control_characters_in_documents_never_reach_the_terminal_raw() -> None:
    c = escape_sequence_pair()
    for o in (PLAIN, RenderOptions(color=True), RenderOptions(side_by_side=True, color=True), RenderOptions(stat=True)):
        out = ANSI.sub("", render_text(c, o))  # the report's own colours are fine
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
    assert "It is [-\u241b[2Jdone-]{+\\x9b31mover\u2407+}." in render_text(c, PLAIN)
    assert "old\u241b]0;pwned\u2407.txt" in render_text(c, PLAIN)


def test_output_is_the_same_every_time() -> None:
    for o in (PLAIN, RenderOptions(color=True), RenderOptions(side_by_side=True, context=2)):
        assert render_text(equal_run(), o) == render_text(equal_run(), o)


def test_segment_listing_numbers_units_from_one_with_offsets_and_escaped_breaks() -> None:
    d = doc("x.txt", ["One.", "Two\nlines."], sep="\n\n", boilerplate=[1])
    out = render_units(d)
    assert out.splitlines() == [
        "# x.txt: 2 sentences (number start-end text)",
        "1 0-4 One.",
        "2 6-16 [boilerplate] Two\\nlines.",
    ]


def test_segment_listing_keeps_each_unit_on_one_line_and_controls_out_of_the_terminal() -> None:
    d = doc("x.txt", ["The talks with the\vUnited\u2028States \x1b[2Jended."])
    assert render_units(d).splitlines()[1] == "1 0-43 The talks with the\\vUnited\\u2028States \\x1b[2Jended."


def bidi_pair() -> Comparison:
    """B's "001" wrapped in a right-to-left override (RLO ... PDF) displays as "100"."""
    a = doc("a.txt", ["The fee is 100 dollars.", "\u05e9\u05dc\u05d5\u05dd \u200fok."])
    b = doc("b\u2067.txt", ["The fee is \u202e001\u202c dollars.", "\u05e9\u05dc\u05d5\u05dd \u200fok."])
    steps = [("=", "The fee is "), ("-", "100"), ("+", "\u202e001\u202c"), ("=", " dollars.")]
    top = change("100", "\u202e001\u202c", ChangeClass.SUBSTANTIVE, 0.9, "number changed")
    return comparison(
        a,
        b,
        [pair([0], [0], Status.CHANGED, steps, changes=[top]), pair([1], [1], Status.EQUAL, [("=", a.sentences[1].text)])],
        top=[(0, 0)],
    )


def test_bidi_controls_are_shown_so_they_cannot_disguise_a_change() -> None:
    c = bidi_pair()
    for o in (PLAIN, RenderOptions(side_by_side=True, show_all=True), RenderOptions(stat=True)):
        out = render_text(c, o)
        assert not re.search("[\u202a-\u202e\u2066-\u2069]", out), repr(out)
    assert "The fee is [-100-]{+\\u202e001\\u202c+} dollars." in render_text(c, PLAIN)
    assert "b\\u2067.txt" in render_text(c, PLAIN)
    # right-to-left letters and the RLM mark are text, not tricks: they stay as they are
    assert "\u05e9\u05dc\u05d5\u05dd \u200fok." in render_text(c, RenderOptions(show_all=True))
    assert render_units(c.b).splitlines()[1] == "1 0-25 The fee is \\u202e001\\u202c dollars."


def test_a_change_of_zero_width_characters_alone_is_spelled_out() -> None:
    import stmtdiff

    c = stmtdiff.compare("The fee is due. A\u200dB stays.", "The fee is\u200b due. A\u200dB stays.")
    assert "The fee is{+\\u200b+} due." in render_text(c, PLAIN)  # not an empty-looking {++}
    assert "The fee is<ins>\\\\u200b</ins> due." in render_markdown(c)
    assert "A\u200dB stays." in render_text(c, RenderOptions(show_all=True))  # a joiner in a word stays


def test_a_width_past_any_terminal_is_capped_not_padded_to() -> None:
    """Side by side pads every row to the width: 10**9 columns asked for a gigabyte a row."""
    out = render_text(intent_pair(), RenderOptions(width=10**9, side_by_side=True))
    assert max(len(line) for line in out.splitlines()) <= 1_000_000


# ------------------------------------------------------------------------------- Markdown


def test_markdown_marks_deletions_and_insertions_with_del_and_ins() -> None:
    out = render_markdown(intent_pair())
    assert "We state our <del>intention</del><ins>intent</ins> to act." in out
    assert "### changed a 2 -&gt; b 2 (87% similar; wording)" in out
    assert "*1 sentence unchanged*" in out
    assert "| 1 | wording | 0.40 | a 2 → b 2 | intention | intent | synonym |" in out


def test_markdown_escapes_document_text() -> None:
    a = doc("a", ["Say <script>alert(1)</script> *now*."])
    b = doc("b", ["Say [link](http://x) now."])
    c = comparison(a, b, [pair([0], [0], Status.CHANGED, [("-", a.text), ("+", b.text)], similarity=0.3)])
    out = render_markdown(c)
    assert "<script>" not in out
    assert "&lt;script&gt;" in out and "\\*now\\*" in out and "\\[link\\](http://x)" in out


def test_markdown_shows_control_characters_instead_of_writing_them() -> None:
    out = render_markdown(escape_sequence_pair())
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out), repr(out)
    assert "<del>\u241b\\[2Jdone</del><ins>\\x9b31mover\u2407</ins>" in out


def test_markdown_shows_bidi_controls_instead_of_writing_them() -> None:
    out = render_markdown(bidi_pair())
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out), repr(out)
    assert "<del>100</del><ins>\\u202e001\\u202c</ins>" in out


def test_markdown_stat_is_the_summary_alone() -> None:
    out = render_markdown(intent_pair(), RenderOptions(stat=True))
    assert "## Groups" not in out and "## Summary" in out and "## Top changes" in out


def test_escape_keeps_text_on_one_line() -> None:
    assert escape("a\n\nb  c") == "a b c"
    assert escape("1. x | y") == "1. x \\| y"
    assert paragraph(escape("1. x")) == "1\\. x"
    assert paragraph("# x") == "\\# x" and paragraph("#") == "\\#"


def test_emoji_sequences_and_zero_width_characters_take_their_display_width() -> None:
    assert cell_width("👍🏽") == 2  # an emoji and its skin tone: one picture, two columns
    assert cell_width("👨\u200d👩\u200d👧") == 2  # a family joined by zero-width joiners
    assert cell_width("a\u200bb") == 2  # a zero-width space takes no column
    assert cell_width("ｱｲ") == 2  # half-width katakana


def test_side_by_side_keeps_its_gutter_in_one_column_with_wide_and_zero_width_text() -> None:
    a_text = "Leaders 👍🏽 the 合作协议 today.\u200b Trade grows. " * 3
    b_text = "Leaders 👍🏽 the 合作框架 today.\u200b Trade grew. " * 3
    c = stmtdiff.compare(a_text, b_text)
    out = render_text(c, RenderOptions(width=50, side_by_side=True, summary=False))
    rows = [line for line in out.splitlines() if " | " in line]
    assert rows
    gutters = {cell_width(line[: line.index(" | ")]) for line in rows}
    assert len(gutters) == 1  # every row puts the gutter in the same terminal column
    assert all(cell_width(line) <= 50 for line in rows)


def test_a_long_word_is_never_cut_inside_an_emoji_sequence() -> None:
    from stmtdiff.report.text import wrap

    lines = wrap([("👍🏽" * 10, "")], 5)
    assert all(cell_width(text) <= 5 for line in lines for text, _ in line)
    assert "".join(text for line in lines for text, _ in line) == "👍🏽" * 10
    assert all(not text.startswith("🏽") for line in lines for text, _ in line)
