"""The Word redline (issue 19), read back with an independent reader of tracked changes.

Accepting every change must give B's text and rejecting every change A's, paragraph breaks aside
(``docx_reader.breaks_aside``) and with the characters XML cannot hold shown as symbols
(``as_written``). LibreOffice itself is checked in ``test_report_docx_office.py``.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
from conftest import DEV_DATA
from docx_reader import W, breaks_aside, document_xml, paragraph_text, read
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from html_factories import XSS, Group, make_comparison, sample_comparison, xss_comparison
from test_properties import document_pair

import stmtdiff
from stmtdiff.extract import extract_text
from stmtdiff.model import ChangeClass, CompareOptions, Comparison
from stmtdiff.report.docx import AUTHOR, as_written, render_docx

# Strings that would be fields, links or markup if a writer pasted them into the XML unescaped.
OOXML_INJECTION = (
    '</w:t></w:r><w:r><w:instrText>HYPERLINK "http://example.invalid/"</w:instrText></w:r><w:r><w:t>',
    '<w:fldSimple w:instr="DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot;"/>',
    '{ DDEAUTO c:\\windows\\system32\\cmd.exe "/k calc.exe" }',
    "]]><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>&e;",
    '=cmd|" /C calc"!A0 &amp; &lt;w:p&gt;',
)


def assert_exact(c: Comparison, data: bytes) -> None:
    assert breaks_aside(read(data, accept=True)) == breaks_aside(as_written(c.b.text))
    assert breaks_aside(read(data, accept=False)) == breaks_aside(as_written(c.a.text))


def xml_of(data: bytes, part: str = "word/document.xml") -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(part).decode("utf-8")


def paragraphs(data: bytes) -> list[ElementTree.Element]:
    return list(document_xml(data).iter(f"{W}p"))


# ------------------------------------------------------------------------------ exactness


def test_accepting_all_gives_b_and_rejecting_all_gives_a_for_the_seed_pair(seed_comparison):
    data = render_docx(seed_comparison)
    assert_exact(seed_comparison, data)
    accepted = read(data, accept=True)
    assert "toward permanent normal trade relations" in accepted
    assert "towards sustainable normal trade relations" in read(data, accept=False)


def test_every_kind_of_row_round_trips():
    c = sample_comparison()  # equal, changed, merged, moved, deleted, inserted, outside, minor
    assert_exact(c, render_docx(c))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_pair(), st.sampled_from(["sentences", "lines", "clauses"]))
@example(("x\n\n  \ny. Z.", "x\ny.\r\nZ."), "sentences")
@example(("A b. C d. E f.", "E f. A b. C d."), "sentences")  # a move
def test_accept_and_reject_give_b_and_a_for_random_edits(texts, units):
    a, b = texts
    c = stmtdiff.compare(a, b, units=units)
    assert_exact(c, render_docx(c))


noise = st.sampled_from(["<", "&", "]]>", "\x1b", "\x00", "\x0b", "\x0c", "\ufffe", "\udc80", "\t", "\u2028", '"'])


@settings(max_examples=80, deadline=None)
@given(document_pair(), st.lists(st.tuples(st.booleans(), st.integers(0, 400), noise), max_size=6))
def test_markup_and_control_characters_round_trip_as_stated(texts, sprinkles):
    """Markup characters come back as themselves, controls XML forbids as symbols (as_written)."""
    a, b = texts
    for to_a, at, char in sprinkles:
        if to_a:
            a = a[: at % (len(a) + 1)] + char + a[at % (len(a) + 1) :]
        else:
            b = b[: at % (len(b) + 1)] + char + b[at % (len(b) + 1) :]
    c = stmtdiff.compare(a, b)
    data = render_docx(c)
    assert_exact(c, data)
    ElementTree.fromstring(xml_of(data))  # well-formed whatever the text


def test_as_written_is_stated_exactly():
    assert as_written("plain <text> & \"quotes\"\t\n\r\f") == "plain <text> & \"quotes\"\t\n\r\f"
    assert as_written("\x1b[31m\x00\x1f") == "\u241b[31m\u2400\u241f"
    assert as_written("\x0b\x1c\x1d\x1e") == "\x0b\x1c\x1d\x1e"  # line breaks: paragraph marks
    assert as_written("\ufffe\uffff\udc80") == "\ufffd\ufffd\ufffd"


def test_a_form_feed_is_a_page_break_and_reads_back():
    c = stmtdiff.compare("One page.\fTwo pages.", "One page.\fTwo pages and more.")
    data = render_docx(c)
    assert '<w:br w:type="page"/>' in xml_of(data)
    assert_exact(c, data)


# ------------------------------------------------------------------------- what it shows


def test_deletions_insertions_and_paragraph_marks_are_native_tracked_changes():
    c = stmtdiff.compare("We will act.\n\nIt is done.", "We shall act.\nIt is done.\nA new sentence.")
    xml = xml_of(render_docx(c))
    assert re.search(r'<w:del w:id="\d+" w:author="stmtdiff" w:date="[^"]+"><w:r><w:delText[^>]*>will<', xml)
    assert re.search(r'<w:ins w:id="\d+" w:author="stmtdiff" w:date="[^"]+"><w:r><w:t[^>]*>shall<', xml)
    # "A new sentence." is a paragraph of its own in B: its paragraph break is inserted
    assert re.search(r"<w:pPr><w:rPr><w:ins [^>]*/></w:rPr></w:pPr>", xml)
    ids = re.findall(r'<w:(?:ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))  # every revision has its own id


@pytest.mark.parametrize(("a", "b"), [
    ("The sides met. They talked.\n", "The sides met. They talked. They will sign a treaty in 2025.\n"),
    ("The sides met. They will sign a treaty in 2025. They talked.\n", "The sides met. They talked.\n"),
])
def test_a_sentence_added_or_omitted_whose_class_is_ignored_leaves_nothing_tracked(a, b):
    """--ignore substantive: the added (or omitted) sentence is plain text, and so is the space
    before it; the redline used to hold one tracked space and nothing else."""
    c = stmtdiff.compare(a, b, ignore_classes=frozenset({ChangeClass.SUBSTANTIVE}))
    assert all(ch.ignored for p in c.pairs for ch in p.changes)
    data = render_docx(c)
    assert not re.search(r"<w:(?:ins|del|moveFrom|moveTo) ", xml_of(data))
    assert read(data, accept=True) == b


def test_every_annotation_id_is_unique_across_comments_revisions_and_move_ranges(seed_comparison):
    """ECMA-376: an annotation's w:id is unique in the document. Word, stricter than LibreOffice,
    mixes up a comment and a revision that share an id; comments used to count from 0 and
    revisions from 1, so the second comment had the first revision's id."""
    for c in (seed_comparison, sample_comparison()):
        xml = xml_of(render_docx(c))
        comments = re.findall(r'<w:commentRangeStart w:id="(\d+)"', xml)
        revisions = re.findall(r'<w:(?:ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeStart) w:id="(\d+)"', xml)
        assert len(comments) >= 2 and revisions
        assert len(comments + revisions) == len(set(comments + revisions))
        assert re.findall(r'<w:commentReference w:id="(\d+)"', xml) == comments


def test_paragraphs_follow_b():
    c = stmtdiff.compare("One. Two. Three.", "One.\nTwo.\r\n\r\nThree.")
    texts = [paragraph_text(p, accept=True) for p in paragraphs(render_docx(c))]
    assert texts == ["One.", "Two.", "Three."]


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\v", "\x1e"])
def test_every_line_break_the_segmenter_knows_ends_a_paragraph(separator):
    """U+2029 is a paragraph separator, U+2028 a line separator, NEL and VT line breaks: each
    cuts a line for --units lines. Written inside the run, LibreOffice printed "Two.Three." on
    one line (and VT became the symbol ␋)."""
    a = f"One.{separator}Two.{separator}Three."
    b = f"One.{separator}Two, and more.{separator}Three."
    c = stmtdiff.compare(a, b, units="lines")
    data = render_docx(c)
    assert [paragraph_text(p, accept=True) for p in paragraphs(data)] == ["One.", "Two, and more.", "Three."]
    assert [paragraph_text(p, accept=False) for p in paragraphs(data)] == ["One.", "Two.", "Three."]
    assert_exact(c, data)
    deleted = stmtdiff.compare(a, "Three.", units="lines")  # A's breaks inside deleted text
    assert read(render_docx(deleted), accept=False) == "One.\nTwo.\nThree."


def test_a_moved_group_is_a_word_move_with_matching_named_ranges():
    c = sample_comparison()
    xml = xml_of(render_docx(c))
    assert "<w:moveFrom " in xml and "<w:moveTo " in xml
    for side in ("moveFrom", "moveTo"):
        starts = re.findall(rf'<w:{side}RangeStart w:id="(\d+)"[^>]* w:name="(move\d+)"/>', xml)
        ends = re.findall(rf'<w:{side}RangeEnd w:id="(\d+)"/>', xml)
        assert [i for i, _ in starts] == ends
        assert [name for _, name in starts] == ["move1"]
    moved_from = re.search(r"<w:moveFromRangeStart.*?<w:moveFromRangeEnd[^>]*/>", xml).group()
    moved_to = re.search(r"<w:moveToRangeStart.*?<w:moveToRangeEnd[^>]*/>", xml).group()
    assert "A moved sentence stands here." in moved_from and "A moved sentence stands here." in moved_to
    # where it stood in A (after "...relations.") and where it stands in B (before "The parties met")
    assert xml.index("permanent") < xml.index("<w:moveToRangeStart") < xml.index("The parties met")
    assert xml.index("<w:moveFromRangeStart") > xml.index("on little.")


def test_a_moved_and_edited_sentence_shows_its_edits_inside_the_move():
    a = ["Alpha one is first.", "Beta two is second.", "The gamma sentence moves to the end today.", "Delta four."]
    b = ["Alpha one is first.", "Beta two is second.", "Delta four.", "The gamma sentence moves to the end now."]
    groups = [
        Group((0,), (0,), "equal"),
        Group((1,), (1,), "equal"),
        Group((3,), (2,), "equal"),
        Group((2,), (3,), "moved", changes=[("today", "now", "wording")], moved_from=1),
    ]
    c = make_comparison(a, b, groups)
    data = render_docx(c)
    xml = xml_of(data)
    assert re.search(r"<w:moveFrom [^>]*><w:r><w:t[^>]*>The gamma sentence moves to the end </w:t>", xml)
    assert re.search(r"<w:del [^>]*><w:r><w:delText[^>]*>today</w:delText>", xml)
    assert re.search(r"<w:ins [^>]*><w:r><w:t[^>]*>now</w:t>", xml)
    assert_exact(c, data)


def test_substantive_changes_carry_a_comment_with_class_and_reasons():
    c = sample_comparison()
    data = render_docx(c)
    comments = ElementTree.fromstring(xml_of(data, "word/comments.xml"))
    texts = ["".join(t.text or "" for t in cm.iter(f"{W}t")) for cm in comments.iter(f"{W}comment")]
    substantive = [
        ch for p in c.pairs for ch in p.changes if ch.change_class is ChangeClass.SUBSTANTIVE
    ]
    assert len(texts) == len(substantive)
    assert "substantive: qualifier in a fixed term" in texts
    assert all(cm.get(f"{W}author") == AUTHOR for cm in comments.iter(f"{W}comment"))
    xml = xml_of(data)
    # the comment on "sustainable" -> "permanent" spans exactly that change
    n = texts.index("substantive: qualifier in a fixed term")
    anchored = re.search(rf'<w:commentRangeStart w:id="{n}"/>(.*?)<w:commentRangeEnd w:id="{n}"/>', xml).group(1)
    assert "sustainable" in anchored and "permanent" in anchored and "towards" not in anchored
    assert f'<w:commentReference w:id="{n}"/>' in xml


def test_a_document_without_substantive_changes_has_no_comments_part():
    data = render_docx(stmtdiff.compare("The parties met in May.", "The parties met in  May."))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert "word/comments.xml" not in zf.namelist()
        assert "comments" not in zf.read("[Content_Types].xml").decode()


def test_a_change_holding_a_bidi_override_is_commented_and_kept_exact():
    """The redline's text must stay exactly B's, so an inserted override (which reorders the
    digits after it on the page: "100" reads as "001" reversed) is named in a comment instead."""
    c = stmtdiff.compare("The price is 100 euros.", "The price is \u202e001\u202c euros.")
    data = render_docx(c)
    comments = ElementTree.fromstring(xml_of(data, "word/comments.xml"))
    texts = ["".join(t.text or "" for t in cm.iter(f"{W}t")) for cm in comments.iter(f"{W}comment")]
    assert any("holds invisible characters U+202E" in t for t in texts), texts
    assert any("holds invisible characters U+202C" in t for t in texts), texts
    assert_exact(c, data)


def test_ignored_classes_are_plain_text():
    c = sample_comparison()
    c = dataclasses.replace(c, options=CompareOptions(ignore_classes=frozenset({ChangeClass.FORMATTING})))
    data = render_docx(c)
    xml = xml_of(data)
    assert "Strategic Dialogue" not in xml  # the ignored formatting change: B's text, untracked
    assert re.search(r"<w:r><w:t[^>]*>[^<]*strategic dialogue continues\.", xml)
    assert breaks_aside(read(data, accept=True)) == breaks_aside(c.b.text)
    # rejecting all gives A but for the ignored change, which keeps B's wording
    rejected = read(data, accept=False)
    want = c.a.text.replace("The Strategic Dialogue continues.", "The strategic dialogue continues.")
    assert breaks_aside(rejected) == breaks_aside(want)
    assert "sustainable" in rejected  # not ignored: still tracked


# ------------------------------------------------------------------------- reproducible


def test_revisions_are_dated_from_the_inputs_and_reruns_are_byte_identical(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("We will act. It is done.\n", encoding="utf-8")
    b.write_text("We shall act. It is done.\n", encoding="utf-8")
    when_a = datetime(2024, 6, 9, 9, 30, tzinfo=timezone.utc).timestamp()  # A touched after B: B still dates it
    when_b = datetime(2024, 6, 5, 14, 0, 7, tzinfo=timezone.utc).timestamp()
    os.utime(a, (when_a, when_a))
    os.utime(b, (when_b, when_b))
    first = render_docx(stmtdiff.compare_files(a, b))
    second = render_docx(stmtdiff.compare_files(a, b))
    assert first == second
    xml = xml_of(first)
    assert set(re.findall(r'w:date="([^"]+)"', xml)) == {"2024-06-05T14:00:07Z"}  # B's, the revision's
    assert set(re.findall(r'w:author="([^"]+)"', xml)) == {"stmtdiff"}
    with zipfile.ZipFile(io.BytesIO(first)) as zf:
        assert {info.date_time for info in zf.infolist()} == {(2024, 6, 5, 14, 0, 6)}  # zip keeps even seconds
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_text_from_memory_has_no_date_so_it_gets_a_fixed_one():
    c = stmtdiff.compare("We will act.", "We shall act.")
    data = render_docx(c)
    assert set(re.findall(r'w:date="([^"]+)"', xml_of(data))) == {"1980-01-01T00:00:00Z"}
    assert data == render_docx(c)
    explicit = render_docx(c, date=datetime(2025, 1, 2, 3, 4, 5, tzinfo=timezone.utc))
    assert 'w:date="2025-01-02T03:04:05Z"' in xml_of(explicit)


# ------------------------------------------------------------------------------- styles


def make_docx(blocks: list[tuple[str, str | None]]) -> bytes:
    document = docx.Document()
    for text, style in blocks:
        if style and style.startswith("Heading"):
            document.add_heading(text, level=int(style.split()[-1]))
        else:
            document.add_paragraph(text, style=style)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def styled_paragraphs(data: bytes) -> dict[str, str | None]:
    """Paragraph text (as accepted) -> its style's name, looked up in styles.xml."""
    styles = ElementTree.fromstring(xml_of(data, "word/styles.xml"))
    names = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val") for s in styles.iter(f"{W}style")}
    out = {}
    for p in paragraphs(data):
        text = paragraph_text(p, accept=True)
        style = p.find(f"{W}pPr/{W}pStyle")
        out[text] = None if style is None else names[style.get(f"{W}val")]
    return out


def test_a_docx_b_keeps_its_paragraph_styles(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("Joint Statement\n\nThe parties met in May. They agreed.\n\nA quoted line.\n", encoding="utf-8")
    b = tmp_path / "b.docx"
    b.write_bytes(
        make_docx(
            [
                ("Joint Statement", "Heading 1"),
                ("The parties met in June. They agreed.", None),
                ("A quoted line.", "Quote"),
            ]
        )
    )
    data = render_docx(stmtdiff.compare_files(a, b))
    styles = styled_paragraphs(data)
    assert styles["Joint Statement"] == "heading 1"
    assert styles["A quoted line."] == "Quote"
    assert styles["The parties met in June. They agreed."] is None
    heading = ElementTree.fromstring(xml_of(data, "word/styles.xml"))
    outline = [s for s in heading.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1"][0]
    assert outline.find(f"{W}pPr/{W}outlineLvl").get(f"{W}val") == "0"


def test_a_docx_a_lends_its_styles_where_paragraphs_map_cleanly(tmp_path):
    a = tmp_path / "a.docx"
    a.write_bytes(make_docx([("Joint Statement", "Heading 1"), ("The parties met in May.", None), ("Next steps", "Heading 2")]))
    b = tmp_path / "b.txt"
    # "Next steps" now runs on with a sentence: it no longer maps onto the heading alone
    b.write_text("Joint Statement\n\nThe parties met in June.\n\nNext steps and more. They follow.\n", encoding="utf-8")
    data = render_docx(stmtdiff.compare_files(a, b, threshold=0.2))
    styles = styled_paragraphs(data)
    assert styles["Joint Statement"] == "heading 1"
    assert styles["The parties met in June."] is None
    assert all(name != "heading 2" for name in styles.values())


def test_style_names_are_data_too(tmp_path):
    b = tmp_path / "b.docx"
    document = docx.Document()
    from docx.enum.style import WD_STYLE_TYPE

    evil = document.styles.add_style('Evil" w:val="x"/><w:b/>', WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("A styled paragraph.", style=evil)
    out = io.BytesIO()
    document.save(out)
    b.write_bytes(out.getvalue())
    a = tmp_path / "a.txt"
    a.write_text("A styled paragraph.\n", encoding="utf-8")
    data = render_docx(stmtdiff.compare_files(a, b))
    styles = ElementTree.fromstring(xml_of(data, "word/styles.xml"))
    custom = [s for s in styles.iter(f"{W}style") if s.get(f"{W}customStyle") == "1"]
    assert [s.find(f"{W}name").get(f"{W}val") for s in custom] == ['Evil" w:val="x"/><w:b/>']
    assert re.fullmatch(r"[A-Za-z0-9]+", custom[0].get(f"{W}styleId"))


# ---------------------------------------------------------------------------- injection

ALLOWED = {
    f"{W}{name}"
    for name in (
        "document body p pPr pStyle rPr rStyle r t delText tab br ins del moveFrom moveTo "
        "moveFromRangeStart moveFromRangeEnd moveToRangeStart moveToRangeEnd "
        "commentRangeStart commentRangeEnd commentReference sectPr headerReference pgSz pgMar"
    ).split()
}


def injection_comparison() -> Comparison:
    a = ["Intro sentence one.", *[f"{s} is here." for s in OOXML_INJECTION]]
    b = ["Intro sentence one.", *[f"{s} is there." for s in OOXML_INJECTION]]
    groups = [Group((0,), (0,), "equal")] + [
        Group((k,), (k,), "changed", changes=[("here", "there", "substantive", 0.9, (OOXML_INJECTION[k - 1],))])
        for k in range(1, len(a))
    ]
    return make_comparison(a, b, groups, a_name=OOXML_INJECTION[0], b_name=OOXML_INJECTION[1])


@pytest.mark.parametrize("make", [xss_comparison, injection_comparison])
def test_document_text_cannot_inject_fields_links_or_markup(make):
    c = make()
    data = render_docx(c)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        package = {name: zf.read(name).decode("utf-8") for name in names}
    assert not any("vba" in n.lower() or n.endswith((".bin", ".bas")) for n in names)  # no macros
    assert "macroEnabled" not in package["[Content_Types].xml"]
    for name, xml in package.items():
        root = ElementTree.fromstring(xml)  # well-formed: nothing closed an element early
        if name.endswith(".rels"):  # the package's links: its own four parts, nothing external
            targets = {rel.get("Target") for rel in root}
            assert targets <= {"word/document.xml", "styles.xml", "settings.xml", "header1.xml", "comments.xml"}
            assert all(rel.get("TargetMode") is None for rel in root)
        elif name.startswith("word/"):
            tags = {el.tag for el in root.iter()}
            assert not tags & {f"{W}{t}" for t in ("instrText", "fldSimple", "fldChar", "hyperlink", "object")}
    assert {el.tag for el in document_xml(data).iter()} <= ALLOWED
    accepted, rejected = read(data, accept=True), read(data, accept=False)
    for text in XSS + OOXML_INJECTION:
        if any(text in s.text for s in c.b.sentences):
            assert text in accepted  # shown as the text it is
        if any(text in s.text for s in c.a.sentences):
            assert text in rejected
    header = package["word/header1.xml"]
    assert ElementTree.fromstring(header).find(f".//{W}t").text.endswith(c.b.name)
    if "word/comments.xml" in package:
        comment_texts = "".join(t.text or "" for t in ElementTree.fromstring(package["word/comments.xml"]).iter(f"{W}t"))
        assert OOXML_INJECTION[0] in comment_texts or XSS[0] in comment_texts


# ------------------------------------------------------------------------- other readers


def test_stmtdiffs_own_docx_reader_reads_the_redline_as_b(seed_comparison):
    """python-docx opens it, and the DOCX extractor (tracked changes read as accepted) gives B."""
    text, settings = extract_text(render_docx(seed_comparison), "docx")
    assert text.split() == seed_comparison.b.text.split()
    assert dict(settings)["revisions"].endswith("deletions")


# --------------------------------------------------------------------- development cases


def dev_cases() -> list[Path]:
    if not DEV_DATA.is_dir():
        return []
    return sorted(
        folder
        for case in (DEV_DATA / "cases").iterdir()
        if not case.name.startswith("large-")
        for folder in (case / "lines", case / "raw")
        if (folder / "a.txt").is_file()
    )


@pytest.mark.skipif(not DEV_DATA.is_dir(), reason="../shared/data/dev is not here")
@pytest.mark.parametrize("folder", dev_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_accept_and_reject_give_b_and_a_on_every_development_case(folder):
    c = stmtdiff.compare_files(folder / "a.txt", folder / "b.txt", units="lines" if folder.name == "lines" else "sentences")
    assert_exact(c, render_docx(c))


# ------------------------------------------------------------------------- command line


def test_the_command_line_writes_the_redline_to_a_file_or_a_pipe(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from stmtdiff import cli as cli_module

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("We will act. It is done.\n", encoding="utf-8")
    b.write_text("We shall act. It is done.\n", encoding="utf-8")
    out = tmp_path / "redline.docx"
    to_file = CliRunner().invoke(cli_module.cli, ["diff", str(a), str(b), "--format", "docx", "-o", str(out)])
    assert to_file.exit_code == 1 and to_file.stdout == ""
    data = out.read_bytes()
    assert read(data, accept=True) == b.read_text(encoding="utf-8")
    assert read(data, accept=False) == a.read_text(encoding="utf-8")
    to_pipe = CliRunner().invoke(cli_module.cli, ["diff", str(a), str(b), "--format", "docx", "-o", "-"])
    assert to_pipe.exit_code == 1 and to_pipe.stdout_bytes == data  # same inputs, same bytes

    monkeypatch.setattr(cli_module, "_stdout_isatty", lambda: True)
    for args in ([], ["-o", "-"]):
        to_terminal = CliRunner().invoke(cli_module.cli, ["diff", str(a), str(b), "--format", "docx", *args])
        assert to_terminal.exit_code == 2 and to_terminal.stdout_bytes == b""
        assert to_terminal.stderr == (
            "stmtdiff: error: --format docx is a binary file, not for a terminal: give -o FILE (or pipe it)\n"
        )


def test_the_docstring_examples_hold():
    import doctest

    import stmtdiff.report.docx

    assert doctest.testmod(stmtdiff.report.docx).failed == 0
