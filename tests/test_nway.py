"""Three or more versions in one report (issue 17): ``compare_many``, its rows and readings,
its JSON (schema and what score_nway.py reads), its text and Markdown reports, and the dev
N-way cases' consistency and completeness targets."""

from __future__ import annotations

import importlib.util
import json
import sys
from itertools import combinations
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import stmtdiff
from stmtdiff import InputError, RowStatus, StmtdiffError, compare_many
from stmtdiff.report.collation_json import collation_to_dict, render_collation_json
from stmtdiff.report.collation_markdown import render_collation_markdown
from stmtdiff.report.collation_text import render_collation_text
from stmtdiff.report.text import RenderOptions

DEV_NWAY = ROOT.parent / "shared" / "data" / "dev-nway"
SCORE_NWAY = ROOT.parent / "shared" / "tools" / "score_nway.py"

BASE = (
    "The ministers met in Astana on Monday.\n"
    "They discussed trade and transport across the Caspian.\n"
    "Both sides agreed to expand the rail corridor by 2030.\n"
    "The next meeting will be held in Washington.\n"
)


def units_of(c: stmtdiff.Collation, k: int) -> list[list[int]]:
    return [list(cell.units) for cell in c.rows[k].cells]


def row_with(c: stmtdiff.Collation, version: int, unit: int) -> list[int]:
    return [k for k, row in enumerate(c.rows) if unit in row.cells[version].units]


def test_a_sentence_added_by_two_versions_forms_one_row() -> None:
    added = "The parties also welcomed a new customs agreement.\n"
    lines = BASE.splitlines(keepends=True)
    b = "".join(lines[:2] + [added] + lines[2:])
    c = "".join(lines[:2] + [added.replace("also ", "")] + lines[2:])
    col = compare_many([BASE, b, c, BASE], units="lines")
    rows = [row for row in col.rows if row.status is RowStatus.ADDED]
    assert len(rows) == 1
    assert [list(cell.units) for cell in rows[0].cells] == [[], [2], [2], []]
    assert [r.versions for r in rows[0].readings] == [(1,), (2,)]  # worded differently: two readings
    assert all(ch.reasons == ("sentence added",) for r in rows[0].readings for ch in r.changes)
    assert col.rows.index(rows[0]) == 2  # where the versions have it, after the base's line 2


def test_an_omission_is_an_empty_cell_and_counts() -> None:
    d = "".join(line for n, line in enumerate(BASE.splitlines(keepends=True)) if n != 2)
    col = compare_many([BASE, BASE, d], units="lines")
    row = col.rows[2]
    assert row.status is RowStatus.OMITTED
    assert [list(cell.units) for cell in row.cells] == [[2], [2], []]
    assert row.cells[2].reading == -1 and row.significance > 0
    assert row.omissions and row.omissions[0][0] == 2
    assert col.summary.versions[2].omits == 1 and col.summary.versions[1].omits == 0
    assert col.summary.top_rows[0] == 2


def test_a_moved_sentence_stays_in_its_row_marked_moved() -> None:
    lines = BASE.splitlines(keepends=True)
    moved = "".join([lines[0], lines[2], lines[3], lines[1]])
    col = compare_many([BASE, moved, BASE], units="lines")
    assert len(col.rows) == 4
    statuses = [row.status for row in col.rows]
    assert statuses.count(RowStatus.MOVED) == 1
    k = statuses.index(RowStatus.MOVED)
    moved_unit = col.rows[k].cells[1].units[0]
    assert col.rows[k].cells[1].moved and not col.rows[k].cells[2].moved
    assert col.rows[k].cells[0].units != (moved_unit,)  # it sits in the base's order, not its own


def test_readings_group_identical_versions_and_carry_the_pairwise_changes() -> None:
    b = BASE.replace("expand", "extend")
    col = compare_many([BASE, b, BASE, b.replace("extend", "EXTEND")], units="lines")
    row = col.rows[2]
    assert row.status is RowStatus.CHANGED
    assert [r.versions for r in row.readings] == [(0, 2), (1,), (3,)]
    assert row.readings[0].base and not row.readings[0].changes
    pairwise = col.comparisons[1].pairs[row.cells[1].pair]
    assert row.readings[1].changes == pairwise.changes
    assert [(ch.a_text, ch.b_text) for ch in row.readings[1].changes] == [("expand", "extend")]
    # identical up to the ignore options: one reading
    same = compare_many([BASE, b, BASE, b.replace("extend", "EXTEND")], units="lines", ignore_case=True)
    assert [r.versions for r in same.rows[2].readings] == [(0, 2), (1, 3)]


def test_base_names_the_version_the_others_are_compared_with() -> None:
    lines = BASE.splitlines(keepends=True)
    short = "".join(lines[:3])
    col = compare_many([short, BASE, short], base=1, units="lines")
    assert col.base == 1 and col.comparisons[1] is None
    assert col.comparisons[0].a is col.docs[1]  # the base is A of every pairwise comparison
    last = col.rows[-1]
    assert last.status is RowStatus.OMITTED and [list(c.units) for c in last.cells] == [[], [3], []]
    assert collation_to_dict(col)["base"] == 1
    with pytest.raises(StmtdiffError, match="base") as raised:
        compare_many([short, BASE], base=2)
    assert "0 to 1, not 2" in str(raised.value)  # the indices base= takes, counted from 0 as it counts


def test_a_line_holding_two_sentences_sits_in_both_rows() -> None:
    lines = BASE.splitlines(keepends=True)
    merged = lines[0] + lines[1].rstrip("\n") + " " + lines[2] + lines[3]
    col = compare_many([merged, BASE, BASE], units="lines")
    assert row_with(col, 0, 1) == [1, 2]  # the base's line "2+3" is in two rows
    for k in (1, 2):
        assert col.rows[k].cells[1].units == col.rows[k].cells[2].units == (k,)
    assert col.rows[1].window[1] <= col.rows[2].window[0]  # each row covers its own part of it
    # and the other way round: a version's merged line joins both base rows
    other = compare_many([BASE, merged, BASE], units="lines")
    assert row_with(other, 1, 1) == [1, 2]


def test_a_line_joined_or_split_against_the_base_is_a_difference_its_rows_show() -> None:
    """Every difference the pairwise comparison counts shows in some row: a version that joins
    two of the base's lines into one reads like the base within each row, but where the line
    break was it has a space, and that row says so (otherwise all rows read "equal" under a
    verdict of "different")."""
    lines = BASE.splitlines(keepends=True)
    merged = lines[0] + lines[1].rstrip("\n") + " " + lines[2] + lines[3]
    for texts, readings in (([BASE, BASE, merged], [(0, 1), (2,)]), ([merged, BASE, BASE], [(0,), (1, 2)])):
        col = compare_many(texts, units="lines")
        changed = [row for row in col.rows if row.status is not RowStatus.EQUAL]
        assert len(changed) == 1 and changed[0].significance > 0
        assert [r.versions for r in changed[0].readings] == readings
        assert [ch.change_class.value for ch in changed[0].readings[1].changes] == ["formatting"]
        assert [e.op.value for e in changed[0].readings[1].edits][-2:] == ["delete", "insert"]  # the break
    # with the whitespace ignored, they read alike
    col = compare_many([BASE, BASE, merged], units="lines", ignore_whitespace=True)
    assert {row.status for row in col.rows} == {RowStatus.EQUAL}


def test_versions_that_differ_only_in_what_the_options_ignore_share_a_reading() -> None:
    """--ignore spelling: two versions that make the same change to the base, one spelling a
    word the US way and one the UK way, read alike."""
    base = BASE.replace("expand", "widen the colour of")
    us = BASE.replace("expand", "enlarge the color of")
    uk = BASE.replace("expand", "enlarge the colour of")
    col = compare_many([base, us, uk], units="lines", ignore_classes=("spelling",))
    row = col.rows[2]
    assert [r.versions for r in row.readings] == [(0,), (1, 2)]
    # not ignored: two readings, as before
    col = compare_many([base, us, uk], units="lines")
    assert [r.versions for r in col.rows[2].readings] == [(0,), (1,), (2,)]


def test_two_versions_collate_like_their_pairwise_comparison() -> None:
    b = BASE.replace("Monday", "Tuesday")
    col = compare_many([BASE, b], units="lines")
    pairs = stmtdiff.compare(BASE, b, units="lines").pairs
    assert [units_of(col, k) for k in range(len(col.rows))] == [[list(p.a), list(p.b)] for p in pairs]


def test_inputs_are_texts_paths_or_documents(tmp_path: Path) -> None:
    path = tmp_path / "v.txt"
    path.write_text(BASE, encoding="utf-8")
    doc = stmtdiff.load_document(path, name="loaded", units="lines")
    col = compare_many([BASE, path, doc], units="lines", names=["first", "second", "third"])
    assert [d.name for d in col.docs] == ["first", "second", "loaded"]
    assert col.summary.identical
    with pytest.raises(InputError, match="missing.txt"):
        stmtdiff.compare_many_files([path, tmp_path / "missing.txt", path])
    with pytest.raises(StmtdiffError, match="at least two"):
        compare_many([BASE])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(BASE.splitlines() + ["A line no other version has.", "Another line."]),
                 max_size=6),
        min_size=3,
        max_size=4,
    )
)
def test_every_unit_of_every_version_is_in_a_row(versions: list[list[str]]) -> None:
    texts = ["\n".join(v) + "\n" for v in versions]
    col = compare_many(texts, units="lines")
    for v, doc in enumerate(col.docs):
        placed = {j for row in col.rows for j in row.cells[v].units}
        assert placed == set(range(len(doc.sentences)))
    base_order = [row.cells[0].units for row in col.rows if row.cells[0].units]
    assert base_order == sorted(base_order)  # rows follow the base's order
    for row in col.rows:
        present = {v for v, cell in enumerate(row.cells) if cell.units}
        carried = [v for r in row.readings for v in r.versions]
        assert sorted(carried) == sorted(present)  # readings partition the versions present


STATEMENT = [
    "The United States and Kazakhstan discussed returning foreign fighters and their family members from Syria.",
    "Participants also discussed deepening multilateral cooperation to support the principles of the Charter.",
    "The two sides considered the outcomes of the third annual dialogue on human rights held in Astana on May 20.",
    "The delegations concluded the meeting by reaffirming their intention to hold the next dialogue in Astana.",
    "Both sides expressed keen interest in deepening the bilateral strategic partnership in the coming year.",
]


def _joined(first: str, second: str) -> str:
    """Two sentences as one: "..., and the ..." (a reprint's run-on line)."""
    return first[:-1] + ", and " + second[0].lower() + second[1:]


@st.composite
def statement_versions(draw: st.DrawFn) -> list[str]:
    """The statement as a version might print it: sentences dropped, joined (next to each other,
    or across one it drops), split at a comma, moved, reworded."""
    sents = list(STATEMENT)
    for _ in range(draw(st.integers(1, 4))):
        k = draw(st.integers(0, len(sents) - 1))
        how = draw(st.sampled_from(["drop", "join", "join-over", "split", "move", "reword"]))
        if how == "drop" and len(sents) > 2:
            sents.pop(k)
        elif how == "join" and k + 1 < len(sents):
            sents[k : k + 2] = [_joined(sents[k], sents[k + 1])]
        elif how == "join-over" and k + 2 < len(sents):
            sents[k : k + 3] = [_joined(sents[k], sents[k + 2])]
        elif how == "split" and " to " in sents[k]:
            head, tail = sents[k].split(" to ", 1)
            sents[k : k + 1] = [head + ".", "They aim to " + tail]
        elif how == "move" and len(sents) > 1:
            sents.insert(draw(st.integers(0, len(sents) - 1)), sents.pop(k))
        elif how == "reword":
            sents[k] = sents[k].replace(" the ", " this ", 1)
    return sents


def _words_shown(col: stmtdiff.Collation, v: int) -> list[str]:
    """The words version ``v``'s readings show, over the rows where it has text."""
    import re

    from stmtdiff.model import Op

    shown: list[str] = []
    for row in col.rows:
        if row.cells[v].units:
            reading = row.readings[row.cells[v].reading]
            text = "".join(e.text for e in reading.edits if reading.base or e.op is not Op.DELETE)
            shown += re.findall(r"\w+", text)
    return sorted(shown)


@settings(max_examples=40, deadline=None)
@given(st.lists(statement_versions(), min_size=2, max_size=3))
def test_every_word_of_every_version_shows_in_its_rows(versions: list[list[str]]) -> None:
    """No text lost: across the rows where a version has text, its readings show each of its
    words (a word the version adds where the base has a sentence it omits, too: a run-on line
    joining the sentences around it)."""
    import re

    col = compare_many([" ".join(STATEMENT)] + [" ".join(v) for v in versions])
    for v, doc in enumerate(col.docs):
        assert _words_shown(col, v) == sorted(re.findall(r"\w+", doc.text)), v


def test_a_line_joining_two_sentences_around_one_it_omits_shows_its_joining_words() -> None:
    version = " ".join([_joined(STATEMENT[0], STATEMENT[2]), *STATEMENT[3:]])
    col = compare_many([" ".join(STATEMENT), version, " ".join(STATEMENT)])
    assert "and" in _words_shown(col, 1)
    omitted = [row for row in col.rows if row.status is RowStatus.OMITTED]
    assert len(omitted) == 1 and not omitted[0].cells[1].units  # sentence 2, and only it


def test_a_sentence_put_inside_a_sentence_the_version_splits_is_a_row_with_no_base_text() -> None:
    """A version splits the base's second sentence and puts a sentence of its own (the base's
    fourth, moved) between the halves: both of its boundaries fall at one place of the base.
    The row between holds no base text, and says so, rather than one letter of the base's word
    ("cooperatio" in one row, "n" in the next)."""
    import re

    second = STATEMENT[1].split(" to ", 1)
    version = [second[0] + ".", STATEMENT[3], "They aim to " + second[1], STATEMENT[2], STATEMENT[0], STATEMENT[4]]
    col = compare_many([" ".join(STATEMENT), " ".join(STATEMENT[1:]), " ".join(version)])
    assert _words_shown(col, 0) == sorted(re.findall(r"\w+", " ".join(STATEMENT)))
    text = render_collation_text(col, RenderOptions(width=200))
    assert "[a,b] (empty)" in text
    assert all(line.strip() not in ("[a,b]", "[a]") for line in text.splitlines())


# ----------------------------------------------------------------------------------- JSON


def test_json_validates_against_the_shipped_schema_and_equals_the_dict() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "stmtdiff" / "schema_collation.json").read_text(encoding="utf-8"))
    b = BASE.replace("Monday", "Tuesday") + "Thanks to <script>alert(1)</script> the hosts.\n"
    col = compare_many([BASE, b, BASE.replace("2030", "2035")], units="lines")
    data = json.loads(render_collation_json(col))
    jsonschema.validate(data, schema)
    assert data == collation_to_dict(col)
    assert data["format"] == "stmtdiff-collation" and data["version"] == 1
    assert [d["name"] for d in data["docs"]] == ["a", "b", "c"]
    for doc, loaded in zip(data["docs"], col.docs):
        assert all(loaded.text[s["start"] : s["end"]] == s["text"] for s in doc["sentences"])
    assert len(data["rows"]) == len(data["row_details"])
    assert all(len(row) == 3 and all(isinstance(i, int) for cell in row for i in cell) for row in data["rows"])


def test_documents_and_changes_are_written_as_the_pairwise_json_writes_them() -> None:
    """One definition of a document and of a change for both JSON formats: a change to the
    pairwise schema's (a new field) must be made to the collation's too."""
    pairwise = json.loads((ROOT / "stmtdiff" / "schema.json").read_text(encoding="utf-8"))["$defs"]
    collation = json.loads((ROOT / "stmtdiff" / "schema_collation.json").read_text(encoding="utf-8"))["$defs"]
    assert collation["document"] == pairwise["document"]
    assert collation["change"] == pairwise["pair"]["properties"]["changes"]["items"]
    col = compare_many([BASE, BASE.replace("Monday", "Friday"), BASE], units="lines")
    from stmtdiff.report.json import comparison_to_dict

    two = comparison_to_dict(col.comparisons[1])
    data = collation_to_dict(col)
    assert data["docs"][0] == two["a"] and data["docs"][1] == two["b"]
    assert data["row_details"][0]["readings"][1]["changes"] == two["pairs"][0]["changes"]


@pytest.mark.skipif(not SCORE_NWAY.is_file(), reason="needs ../shared/tools/score_nway.py")
def test_score_nway_reads_the_json_as_it_is(tmp_path: Path) -> None:
    scorer = _score_nway()
    case = DEV_NWAY / "cases" / "nway-narrative" / "lines"
    col = stmtdiff.compare_many_files([case / f"{x}.txt" for x in "abcd"], units="lines")
    out = tmp_path / "out.json"
    out.write_text(render_collation_json(col), encoding="utf-8")
    result = scorer.score(case / "gold.json", out)
    assert result["warnings"] == [] and result["F1"] > 0.9


# ------------------------------------------------------------------------------- reports


def test_text_report_lists_readings_with_their_versions() -> None:
    b = BASE.replace("expand", "extend")
    d = "".join(line for n, line in enumerate(BASE.splitlines(keepends=True)) if n != 3)
    col = compare_many([BASE, b, BASE, d], units="lines")
    text = render_collation_text(col, RenderOptions(width=100))
    assert "@@ row 3: changed in b (a 3 \u00b7 b 3 \u00b7 c 3 \u00b7 d 3; wording)" in text
    assert "  [a,c,d] Both sides agreed to expand the rail corridor by 2030." in text
    assert "  [b]     Both sides agreed to [-expand-]{+extend+} the rail corridor by 2030." in text
    assert "@@ row 4: omitted by d (a 4 \u00b7 b 4 \u00b7 c 4)" in text and "  [d]     (omitted)" in text
    assert "... 2 rows equal in every version" in text
    assert "We met" not in text and "The ministers met" not in text  # equal rows are folded
    shown = render_collation_text(col, RenderOptions(width=100, context=1))
    assert "Both sides" in shown and "They discussed trade" in shown
    stat = render_collation_text(col, RenderOptions(width=100, stat=True))
    assert stat.startswith("Summary\n") and "@@" not in stat
    assert "  version      lines  omits   adds  changes  moves  similar\n" in stat
    assert "  a: a             4   base\n" in stat
    assert "  d: d             3      1      0        0      0      87%\n" in stat


def test_text_report_shows_control_characters_instead_of_writing_them() -> None:
    col = compare_many([BASE, BASE.replace("Monday", "Mon\x1b[31mday"), BASE], units="lines")
    text = render_collation_text(col, RenderOptions(width=100))
    assert "\x1b" not in text and "\u241b" in text


def test_markdown_report_escapes_document_text() -> None:
    b = BASE.replace("Monday", "*Monday* <b>|</b>")
    md = render_collation_markdown(compare_many([BASE, b, BASE], units="lines"))
    assert "<b>" not in md and "\\*" in md and "&lt;b&gt;" in md
    assert md.startswith("# stmtdiff: a / b / c\n")


def test_every_report_shows_a_line_break_that_became_a_space() -> None:
    """A version joins two of the base's lines: its row reads apart (a formatting change), and
    every report shows what differs there, not two readings that look the same."""
    lines = BASE.splitlines(keepends=True)
    merged = lines[0] + lines[1].rstrip("\n") + " " + lines[2] + lines[3]
    col = compare_many([BASE, merged, BASE], units="lines")
    md = render_collation_markdown(col)
    readings = [line for line in md.splitlines() if line.startswith("- **\\[") and "rail corridor" not in line
                and "Caspian" in line]
    assert len(readings) == 2 and readings[0].split("** ", 1)[1] != readings[1].split("** ", 1)[1], readings
    assert "<del>\u21b5</del><ins>\u2423</ins>" in md
    text = render_collation_text(col, RenderOptions(width=200))
    assert "[-\u21b5-]{+\u2423+}" in text


def test_html_report_shows_control_characters_and_a_change_of_spaces() -> None:
    """The page shows what the terminal report shows: an inserted ESC as ␛ and a bidi override
    spelled out (raw, the one is invisible and the other reorders the words after it), and a
    line break that became a space as ↵ and ␣, not as two empty marks."""
    from stmtdiff.report.collation_html import render_collation_html

    lines = BASE.splitlines(keepends=True)
    merged = lines[0] + lines[1].rstrip("\n") + " " + lines[2] + lines[3]
    tricky = BASE.replace("Monday", "Mon\x1b[31mday").replace("2030", "\u202e0302\u202c")
    page = render_collation_html(compare_many([BASE, merged, tricky], units="lines"))
    body = page.split("<body>", 1)[1]
    assert "\x1b" not in body and "\u202e" not in body
    assert "\u241b[31m" in body and "\\u202e0302" in body
    assert "<del>\u21b5</del><ins>\u2423</ins>" in body


# ------------------------------------------------------------------------ dev N-way cases


def _score_nway():
    sys.path.insert(0, str(SCORE_NWAY.parent))
    spec = importlib.util.spec_from_file_location("score_nway_for_tests", SCORE_NWAY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DEV_NWAY / "cases").is_dir() or not SCORE_NWAY.is_file(), reason="needs ../shared/data/dev-nway")
def test_dev_nway_lines_cases_meet_the_consistency_and_complete_targets(tmp_path: Path) -> None:
    scorer = _score_nway()
    totals = dict(rows=0, ok=0, gold=0, complete=0)
    for case in sorted((DEV_NWAY / "cases").iterdir()):
        folder = case / "lines"
        col = stmtdiff.compare_many_files([folder / f"{x}.txt" for x in "abcd"], units="lines")
        out = tmp_path / f"{case.name}.json"
        out.write_text(render_collation_json(col), encoding="utf-8")
        r = scorer.score(folder / "gold.json", out)
        totals["rows"] += r["rows"]
        totals["ok"] += r["rows_consistent"]
        totals["gold"] += r["gold_rows"]
        totals["complete"] += r["complete_rows"]
    assert totals["ok"] / totals["rows"] >= 0.98
    assert totals["complete"] / totals["gold"] >= 0.97


def test_pairs_of_versions_are_never_compared_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    """N-1 pairwise comparisons, each with the base: nothing quadratic in the versions."""
    import stmtdiff.nway as nway

    seen: list[tuple[str, str]] = []
    real = nway.compare_documents

    def counting(a, b, *args, **kwargs):
        seen.append((a.name, b.name))
        return real(a, b, *args, **kwargs)

    monkeypatch.setattr(nway, "compare_documents", counting)
    texts = [BASE.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday", "Sunday", "today")]
    compare_many(texts, units="lines", base=2)
    assert seen == [("c", name) for name in "abde"]
    assert list(combinations("ab", 2))  # (keeps the import honest)


def count_part_reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts, in ``["n"]``, how often the cross-version step reads the text of a version's part."""
    import stmtdiff.witness as witness

    reads = {"n": 0}
    real = witness._part_text

    def counting(part):
        reads["n"] += 1
        return real(part)

    monkeypatch.setattr(witness, "_part_text", counting)
    return reads


def test_the_second_opinion_reads_each_row_once_however_many_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cross-version step is linear in the number of versions: each version asks what the
    rows offer as evidence, and the answer must not cost a read of every other version's part
    (120 versions of a 50-line text spent more on those reads than on the 119 comparisons)."""
    reads = count_part_reads(monkeypatch)
    lines = BASE.splitlines(keepends=True) + ["The delegations visited the port of Aktau.\n"]

    def version(k: int) -> str:  # each drops one line and rewords another, so every row is weighed
        out = [line for n, line in enumerate(lines) if n != k % len(lines)]
        return "".join(out).replace("Both sides", ("Both parties", "The two sides", "Each side")[k % 3])

    counts = {}
    for n in (6, 24):
        reads["n"] = 0
        compare_many([BASE] + [version(k) for k in range(n - 1)], units="lines")
        counts[n] = reads["n"]
    assert counts[6] > 0, counts
    assert counts[24] <= 6 * counts[6], counts  # four times the versions; reading every part for each: 16 times


def test_two_reprints_commentary_at_one_place_is_not_one_row() -> None:
    """Two news items reprint one statement, each inside its own report: their sentences stand
    at the same places (before and after the statement) and share the topic's words, but a
    sentence of one is a version of a sentence of the other only when they are alike as a
    move must be, not merely as much as two neighbours in a pocket of the base's order."""
    seeds = ROOT / "seeds"
    statement = stmtdiff.load_document(seeds / "espd-2024-statement-state-dept-reworded.txt")
    core = " ".join(s.text for s in statement.sentences[3:-3])

    def reprint(name: str) -> str:
        report = [s.text for s in stmtdiff.load_document(seeds / name).sentences]
        return " ".join(report[:8]) + "\n\n" + core + "\n\n" + " ".join(report[8:])

    col = compare_many([core, reprint("espd-2024-news-report.txt"), reprint("kazakhstan-us-foreign-ministers-news.txt")])
    shared = [
        (col.docs[1].sentences[row.cells[1].units[0]].text, col.docs[2].sentences[row.cells[2].units[0]].text)
        for row in col.rows
        if row.window is None and row.cells[1].units and row.cells[2].units
    ]
    assert shared  # the two sites' identical furniture ("Comments (0)") is one row
    for one, other in shared:
        assert not one.startswith("The sixth meeting") and not other.startswith("Nurtleu and Blinken discussed")
        assert not one.startswith("His meeting with") and not other.startswith('"The United States recognizes')


def test_the_second_opinion_reads_no_text_when_no_version_lacks_a_row(monkeypatch: pytest.MonkeyPatch) -> None:
    """Which versions have text in a row is all the second opinion needs to know about a row it
    weighs nothing against: versions that only reword the base's lines (nothing omitted, added
    or moved) leave it no row to move a sentence to, so no row's text is read at all (reading
    every row's text for that question cost a whole-Bible collation of five versions a sixth
    of its cross-version step)."""
    reads = count_part_reads(monkeypatch)
    versions = [BASE, BASE.replace("Monday", "Tuesday"), BASE.replace("expand", "extend"), BASE.replace("next", "following")]
    c = compare_many(versions, units="lines")
    assert all(all(cell.units for cell in row.cells) for row in c.rows)  # every version in every row
    assert reads["n"] == 0


def test_a_sentence_split_or_joined_shows_every_inserted_and_deleted_word_whole_and_once() -> None:
    """A version splits one of the base's sentences in two and joins two others into one: the
    base's text is cut into rows at the version's boundaries. Across the rows, its readings show
    exactly the words its pairwise diff inserts and deletes: none folded into the base's reading
    (the full stop that ends the sentence it split off), none cut in two ("{+, a+}" in one row,
    "{+nd participants+}" in the next)."""
    import re

    from stmtdiff.model import Op

    base = (
        "The ministers met in Astana to discuss regional security and transnational threats in the coming year. "
        "They discussed trade and transport across the Caspian. The families returned to their homes. "
        "Participants also discussed the charter of the organisation."
    )
    version = (
        base.replace("threats in the coming", "threats. They will do so in the coming")
        .replace("homes. Participants", "homes, and participants")
    )
    col = compare_many([base, version, base])
    shown = [e for row in col.rows for r in row.readings if 1 in r.versions for e in r.edits]
    diffed = [e for p in stmtdiff.compare(base, version).pairs for e in p.edits]
    for op in (Op.INSERT, Op.DELETE):
        texts = ["".join(e.text for e in edits if e.op is op) for edits in (shown, diffed)]
        assert texts[0] == texts[1]  # nothing folded away
        words = [sorted(w for e in edits if e.op is op for w in re.findall(r"\w+", e.text)) for edits in (shown, diffed)]
        assert words[0] == words[1]  # no word cut in two
