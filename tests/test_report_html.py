"""The HTML report without a browser: structure, escaping, CSP, controls' hooks and speed."""

from __future__ import annotations

import base64
import hashlib
import re
import time
from html import unescape
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from html_factories import XSS, big_comparison, sample_comparison, xss_comparison

from stmtdiff.model import Status
from stmtdiff.report.html import render_html


class Tree(HTMLParser):
    """Collects every start tag, the text under each element with an id, and the raw
    contents of <script> and <style> (for the CSP hashes)."""

    VOID = {
        "meta",
        "link",
        "input",
        "br",
        "img",
        "hr",
        "area",
        "base",
        "col",
        "embed",
        "source",
        "wbr",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, str | None, list[str]]] = []
        self.text_by_id: dict[str, str] = {}
        self.raw: dict[str, list[str]] = {"script": [], "style": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        self.tags.append((tag, d))
        if tag in self.raw:
            self.raw[tag].append("")
        if tag not in self.VOID:
            self.stack.append((tag, d.get("id"), []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, ident, parts = self.stack.pop()
            text = "".join(parts)
            if ident:
                self.text_by_id[ident] = text
            if self.stack:
                self.stack[-1][2].append(text)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack:
            if self.stack[-1][0] in self.raw:
                self.raw[self.stack[-1][0]][-1] += data
            self.stack[-1][2].append(data)


def parse(page: str) -> Tree:
    tree = Tree()
    tree.feed(page)
    tree.close()
    return tree


def cell(page: str, pair: int, which: str, drop: str | None = None) -> str:
    """The text of one cell (class a or b) of row ``pair``, optionally without <ins>/<del> texts."""
    m = re.search(rf'<div class="[^"]*" id="p{pair}">(.*?)</div><div class="s">', page)
    assert m, pair
    row = m.group(1) + "</div>"
    c = re.search(rf'<div class="{which}">(.*?)</div>', row)
    assert c
    html = c.group(1)
    if drop:
        html = re.sub(rf"<{drop}[^>]*>.*?</{drop}>", "", html)
    html = re.sub(r'<span class="gap">.*?</span>', "", html)
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.fixture(scope="module")
def sample():
    c = sample_comparison()
    return c, render_html(c)


def test_one_self_contained_page_with_nothing_fetched(sample):
    _, page = sample
    tree = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    for tag, attrs in tree.tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or href.startswith("data:"), href
    assert (
        "url(" not in page
        and "@import" not in page
        and "http://" not in page
        and "https://" not in page
    )
    assert [t for t, _ in tree.tags].count("script") == 1
    assert [t for t, _ in tree.tags].count("style") == 1


def test_csp_names_the_exact_script_and_style_by_hash(sample):
    _, page = sample
    tree = parse(page)
    meta = [
        a for t, a in tree.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert len(meta) == 1
    csp = meta[0]["content"] or ""
    assert "default-src 'none'" in csp and "img-src data:" in csp
    assert (
        "unsafe-eval" not in csp
        and "unsafe-inline" not in csp.split("script-src", 1)[1].split(";")[0]
    )

    def h(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {h(tree.raw['script'][0])}" in csp
    assert f"style-src {h(tree.raw['style'][0])}" in csp
    # the CSP comes before anything it governs
    assert page.index("Content-Security-Policy") < page.index("<style>") < page.index("<script>")


def test_no_inline_event_handlers_or_script_urls(sample):
    _, page = sample
    for tag, attrs in parse(page).tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert "javascript:" not in (attrs.get("href") or "")


def test_xss_documents_are_text_everywhere():
    page = render_html(xss_comparison())
    tree = parse(page)
    tags = [t for t, _ in tree.tags]
    assert tags.count("script") == 1 and "img" not in tags
    assert [a for t, a in tree.tags if t == "a" and not (a.get("href") or "").startswith("#")] == []
    for tag, attrs in tree.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
    for bad in XSS:
        assert bad not in page
    # and they show, escaped, as the characters they are
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;" in page
    assert tree.text_by_id["doc-a"].startswith(XSS[1])
    assert tree.text_by_id["doc-b"] == XSS[0]


def test_title_is_escaped_and_overridable():
    page = render_html(sample_comparison(), title='Q&A <b>"x"</b>')
    assert "<title>Q&amp;A &lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>" in page
    default = render_html(sample_comparison())
    assert "<title>stmtdiff: statement-a.txt vs article-b.txt</title>" in default


def test_one_row_per_pair_in_order(sample):
    c, page = sample
    ids = re.findall(r'<div class="r [^"]*" id="p(\d+)"', page)
    assert [int(i) for i in ids] == list(range(len(c.pairs)))
    for i, p in enumerate(c.pairs):
        assert re.search(rf'<div class="r s-{p.status.value}[ "][^>]*id="p{i}"', page)


def test_word_highlights_rebuild_both_sides(sample):
    c, page = sample
    for i, p in enumerate(c.pairs):
        if p.status not in (Status.CHANGED, Status.MOVED, Status.EQUAL):
            continue
        a_span = c.a.text[c.a.sentences[p.a[0]].start : c.a.sentences[p.a[-1]].end]
        b_span = c.b.text[c.b.sentences[p.b[0]].start : c.b.sentences[p.b[-1]].end]
        assert cell(page, i, "a", drop="ins") == a_span  # A cell = equal + <del>
        assert cell(page, i, "b") == b_span  # B cell = equal + <ins>
        assert cell(page, i, "a", drop="del") == b_span  # inline view = A cell without <del>
    assert "<del" in page and "<ins" in page
    # substantive highlights are marked (bold), formatting/spelling ones too (dotted)
    assert '<del class="sb">sustainable</del>' in page and '<ins class="sb">permanent</ins>' in page
    assert '<del class="mn">towards</del>' in page and '<ins class="mn">toward</ins>' in page


def test_deleted_and_inserted_rows_show_one_side(sample):
    c, page = sample
    deleted = next(i for i, p in enumerate(c.pairs) if p.status is Status.DELETED and not p.outside)
    inserted = next(
        i for i, p in enumerate(c.pairs) if p.status is Status.INSERTED and not p.outside
    )
    assert cell(page, deleted, "a") == "Nothing else happened." and cell(page, deleted, "b") == ""
    assert "(not in B)" in re.search(rf'id="p{deleted}".*?<div class="s">', page).group(0)
    assert cell(page, inserted, "b") == "A new sentence appears."
    assert cell(page, inserted, "a", drop="ins") == ""


def test_merged_group_is_one_row(sample):
    c, page = sample
    i = next(i for i, p in enumerate(c.pairs) if len(p.a) == 2)
    row = re.search(rf'id="p{i}">(.*?)<div class="a">', page).group(1)
    assert "A 4\u20135 \u00b7 B 5" in row and "merged 2\u21921" in row


def test_moves_link_both_ways(sample):
    c, page = sample
    j = next(i for i, p in enumerate(c.pairs) if p.status is Status.MOVED)
    k = c.pairs[j].moved_from
    moved_row = re.search(rf'id="p{j}">(.*?)<div class="a">', page).group(1)
    anchor_row = re.search(rf'id="p{k}">(.*?)<div class="a">', page).group(1)
    assert f'href="#p{k}"' in moved_row and "moved from" in moved_row
    assert f'href="#p{j}"' in anchor_row and "moved away" in anchor_row


def test_move_from_the_start_of_a_has_an_anchor():
    from html_factories import Group, make_comparison

    c = make_comparison(
        ["First.", "Second."],
        ["Second.", "First."],
        [Group((1,), (0,), "equal"), Group((0,), (1,), "moved", moved_from=-1)],
    )
    page = render_html(c)
    assert (
        'id="mv-start"' in page and 'href="#mv-start"' in page and '<a href="#p1">A 1</a>' in page
    )


def test_outside_groups_collapse_into_one_details_block(sample):
    c, page = sample
    n_out = sum(p.outside for p in c.pairs)
    blocks = re.findall(r'<details class="out">(.*?)</details>', page, re.S)
    assert len(blocks) == 1
    assert len(re.findall(r'<div class="r ', blocks[0])) == n_out
    assert "Other text outside the shared region: 2 groups (1 only in A, 1 only in B)" in blocks[0]


def test_header_numbers_equal_the_summary(sample):
    c, page = sample
    s = c.summary
    keys = ("equal", "changed", "moved", "deleted", "inserted")
    keys += ("words_deleted", "words_inserted", "outside", "boilerplate")
    for key in keys:
        m = re.search(rf'id="sum-{key}" data-value="(\d+)">(\d+)<', page)
        assert m and int(m.group(1)) == int(m.group(2)) == getattr(s, key), key
    m = re.search(r'id="sum-similarity" data-value="([^"]+)">([^<]+)<', page)
    assert m and float(m.group(1)) == s.similarity and m.group(2) == f"{s.similarity * 100:.1f}%"
    for cls, n in s.class_counts:
        assert f'id="cls-{cls.value}" data-value="{n}"' in page


def test_ranked_changes_link_to_their_rows_in_order(sample):
    c, page = sample
    top = re.search(r'<ol class="top" id="top">(.*?)</ol>', page, re.S).group(1)
    links = re.findall(r'<li><a href="#p(\d+)">.*?</a> <b class="k-\w+">(\w+)</b>', top)
    want = [
        (str(pi), c.pairs[pi].changes[ci].change_class.value) for pi, ci in c.summary.top_changes
    ]
    assert links == want[: len(links)] and len(links) == min(10, len(want))
    assert "<del>sustainable</del> \u2192 <ins>permanent</ins>" in top.split("</li>")[0]
    assert "qualifier in a fixed term" in top


def test_notes_are_shown(sample):
    _, page = sample
    assert "alignment banded: 10x10 &gt; max_cells (test note)" in page
    assert re.search(r'<h2 id="notes-h">Notes</h2>', page)


def test_minor_and_boilerplate_rows_are_marked(sample):
    c, page = sample
    for i, p in enumerate(c.pairs):
        classes = re.search(rf'<div class="([^"]*)" id="p{i}"', page).group(1).split()
        minor = (
            p.status is Status.CHANGED
            and bool(p.changes)
            and all(ch.change_class.value in ("formatting", "spelling") for ch in p.changes)
        )
        assert ("minor" in classes) == minor, i
        assert ("x" in classes) == (p.status is not Status.EQUAL)
        bp = all(c.a.sentences[k].boilerplate for k in p.a) and all(
            c.b.sentences[k].boilerplate for k in p.b
        )
        assert ("bp" in classes) == (bp and bool(p.a or p.b)), i


def test_accessible_structure(sample):
    _, page = sample
    tree = parse(page)
    tags = [t for t, _ in tree.tags]
    for landmark in ("header", "nav", "main", "h1", "h2"):
        assert landmark in tags
    assert '<html lang="en">' in page
    inputs = [a for t, a in tree.tags if t == "input"]
    assert inputs and all(a.get("id") for a in inputs)
    # every input sits inside its <label>
    assert len(re.findall(r"<label><input ", page)) == len(inputs)
    assert (
        "prefers-color-scheme:dark" in page and "@media print" in page and "max-width:48rem" in page
    )


def test_lone_surrogates_do_not_break_writing():
    from html_factories import Group, make_comparison

    c = make_comparison(["Bad \udcff byte."], ["Bad byte."], [Group((0,), (0,), "changed")])
    page = render_html(c)
    page.encode("utf-8")  # would raise on a lone surrogate
    assert "\ufffd" in page


def test_large_comparison_renders_fast_and_in_blocks():
    c = big_comparison(31_000)
    start = time.perf_counter()
    page = render_html(c)
    elapsed = time.perf_counter() - start
    size = len(page.encode("utf-8"))
    print(f"\nrender_html: 31,000 pairs in {elapsed:.2f} s, {size / 1e6:.1f} MB")
    assert elapsed < 15.0  # a hang guard, not the speed goal (benchmarks/speed.py times the HTML); ~0.3 s here
    assert page.count('<div class="r ') == 31_000
    assert page.count('<div class="blk">') >= 31_000 // 50


def test_rows_list_their_changes_with_class_and_reasons(sample):
    c, page = sample
    i = next(i for i, p in enumerate(c.pairs) if len(p.changes) == 2)
    row = re.search(rf'id="p{i}">.*?</ul></div>', page).group(0)
    items = re.findall(r"<li>(.*?)</li>", row)
    assert items[0] == (
        '<b class="k-sub">substantive</b> <del>sustainable</del> \u2192 <ins>permanent</ins>'
        " <i>qualifier in a fixed term</i>"
    )
    assert items[1].startswith('<b class="k-spl">spelling</b> <del>towards</del>')


def test_empty_comparison_renders():
    from html_factories import make_comparison

    page = render_html(make_comparison([], [], []))
    assert '<div id="rows"></div>' in page and 'id="sum-equal" data-value="0"' in page


def test_each_side_carries_its_language_and_direction_only_where_the_page_does_not():
    import stmtdiff

    zh_ar = render_html(stmtdiff.compare("双方同意扩大贸易，并于明年春天再次会晤。", "اتفق الطرفان على توسيع التجارة وعقد الجولة التالية في الربيع."))
    assert '<div class="a" lang="zh">' in zh_ar
    assert '<div class="b" lang="ar" dir="rtl">' in zh_ar
    assert '<ins lang="ar" dir="rtl">' in zh_ar  # B's words shown in A's cell, inline view
    english = render_html(stmtdiff.compare("The parties agreed to expand trade this year.", "The parties agreed to widen trade this year."))
    assert '<div class="a">' in english and '<div class="b">' in english and "dir=" not in english


# ------------------------------------------------- control characters and white space shown
# What no page may write raw from a document: C0/C1 controls that are not layout (ESC, BEL,
# CSI...) and the bidi embeddings, overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def test_an_inserted_escape_shows_as_a_symbol_in_every_view():
    """Written raw, an inserted ESC is a change nobody sees (and a terminal that shows the file
    obeys it); the page shows it as the terminal report does, ␛."""
    import stmtdiff

    c = stmtdiff.compare("The fee is 100 dollars per year.", "The fee is 100\x1b[8m dollars per year.")
    page = render_html(c)
    assert RAW_CONTROL.search(page) is None
    shown = "The fee is 100\u241b[8m dollars per year."
    assert cell(page, 0, "b") == shown  # side by side
    assert cell(page, 0, "a", drop="del") == shown  # inline
    tree = parse(page)
    assert "\u241b[8m" in tree.text_by_id["top"]  # the ranked changes
    assert "\u241b[8m" in re.search(r'<ul class="c">.*?</ul>', page).group()  # the row's changes


def test_a_bidi_override_is_spelled_out_and_reorders_nothing():
    """"100" -> RLO "001" PDF would read as no change on screen ("Trojan Source"): the override
    is spelled out, while a real right-to-left text keeps its dir and its marks (RLM)."""
    import stmtdiff

    c = stmtdiff.compare("The fee is 100 dollars.", "The fee is \u202e001\u202c dollars.")
    page = render_html(c)
    assert RAW_CONTROL.search(page) is None
    assert cell(page, 0, "b") == "The fee is \\u202e001\\u202c dollars."
    assert "(nothing) \u2192 \\u202e" in parse(page).text_by_id["top"]

    arabic_a = "اتفق الطرفان على توسيع التجارة\u200f في الربيع."
    arabic = render_html(stmtdiff.compare(arabic_a, arabic_a.replace("في", "\u202eفي")))
    assert RAW_CONTROL.search(arabic) is None and "<ins>\\u202e</ins>" in arabic
    assert '<div class="b" lang="ar" dir="rtl">' in arabic and "\u200f" in arabic


def test_a_line_break_that_became_a_space_is_not_two_empty_marks():
    import stmtdiff

    c = stmtdiff.compare("The parties agreed\nto expand trade.", "The parties agreed to expand trade.")
    page = render_html(c)
    assert '<del class="mn">\u21b5</del><ins class="mn">\u2423</ins>' in page  # the row
    assert "<del>\u21b5</del> \u2192 <ins>\u2423</ins>" in page  # its changes and the ranked list
    assert "<del></del>" not in page and "<ins></ins>" not in page and "<ins> </ins>" not in page
    zero_width = render_html(stmtdiff.compare("The parties agreed.", "The parties\u200b agreed."))
    assert "<ins>\\u200b</ins>" in zero_width


def test_names_titles_and_notes_show_their_control_characters():
    import stmtdiff

    c = stmtdiff.compare("One fee.", "One tax.", name_a="old\r.txt\x1b[2J", name_b="b\u202e.txt")
    page = render_html(c, title="Report\x1b]0;owned\x07")
    assert RAW_CONTROL.search(page) is None and "\r" not in page
    assert "<title>Report\u241b]0;owned\u2407</title>" in page
    tree = parse(page)
    assert tree.text_by_id["doc-a"] == "old\u240d.txt\u241b[2J"
    assert tree.text_by_id["doc-b"] == "b\\u202e.txt"


_HOSTILE = st.sampled_from(["\x1b[31m", "\x07", "\x9b", "\x00", "\u202e", "\u2066", "\u202c", "\u200b", "\n", " ", "\t"])
_WORD = st.sampled_from(["The", "fee", "is", "100", "shall", "may", "dollars", "اتفق", "."])


@settings(max_examples=60, deadline=None)
@given(st.lists(_WORD | _HOSTILE, max_size=14), st.lists(_WORD | _HOSTILE, max_size=14))
def test_no_page_writes_a_raw_control_character(a: list[str], b: list[str]):
    import stmtdiff

    page = render_html(stmtdiff.compare(" ".join(a), " ".join(b)))
    found = RAW_CONTROL.search(page)
    assert found is None, repr(found.group())


def test_text_markdown_and_html_reports_show_the_same_markers():
    """One set of helpers (report/__init__: visible_controls, visible_spaces...) for every format."""
    import stmtdiff
    from stmtdiff.report.markdown import render_markdown
    from stmtdiff.report.text import RenderOptions, render_text

    c = stmtdiff.compare("The fee is 100 dollars per\nyear.", "The fee is \u202e001\u202c dollars\x1b[8m per year.")
    for report in (render_text(c, RenderOptions(width=200)), render_markdown(c), render_html(c)):
        assert RAW_CONTROL.search(report) is None
        for marker in ("\u241b", "\\u202e", "\u21b5", "\u2423"):
            assert marker in report, (marker, report[:300])
    # the line break that became a space, in each report's list of top changes
    assert '"\u21b5" -> "\u2423"' in render_text(c, RenderOptions(width=200))
    assert "| \u21b5 | \u2423 |" in render_markdown(c)


def test_the_printed_pdf_page_is_the_same_shown_text():
    """The PDF is this page printed (report/pdf.py): it shows the markers too, without Chromium here."""
    import stmtdiff
    from stmtdiff.report.pdf import printable_html

    page = printable_html(stmtdiff.compare("The fee is 100 dollars.", "The fee is \u202e001\u202c\x1b[8m dollars."))
    assert RAW_CONTROL.search(page) is None and "\\u202e001" in page and "\u241b[8m" in page
