"""Hostile files and servers: never a wrong "identical", never unbounded (issue 15).

- Extraction never loses text silently: running lines are kept once, merged repeats are
  restored, what is left out is counted in the notes, and no text at all is an error.
- Reading is bounded: a DOCX zip bomb, too many PDF pages, a huge page or download fail at
  once with one line naming the limit, and the limit can be raised.
- A URL has one deadline for the whole download, a cut-short body is an error, redirects
  stay on http(s), and a URL with control characters is bad input.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

import stmtdiff
from stmtdiff.errors import InputError, StmtdiffError
from stmtdiff.limits import Limits, parse_limit

pytest.importorskip("fpdf")
pytest.importorskip("pypdf")
pytest.importorskip("trafilatura")
docx = pytest.importorskip("docx")

import hostile_factories as make  # noqa: E402 (needs fpdf, checked above)
from test_cli import assert_trouble, invoke  # noqa: E402


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- 1. never a wrong "identical" -------------------------------------------------------


@pytest.mark.parametrize(
    "maker",
    [make.page_per_clause_pdf, make.numbered_clause_pdf, lambda verb: make.page_per_clause_pdf(verb, body=True)],
    ids=["clause-numbered-like-pages", "numbered-clauses", "clause-over-a-body"],
)
def test_pdfs_that_differ_on_every_page_are_different(tmp_path, maker):
    a = write(tmp_path, "a.pdf", maker("shall"))
    b = write(tmp_path, "b.pdf", maker("may"))
    result = invoke("diff", a, b)
    assert result.exit_code == 1, result.stdout + result.stderr
    c = stmtdiff.compare_files(a, b)
    assert "shall" in c.a.text and "may" in c.b.text
    assert any(ch.a_text == "shall" and ch.b_text == "may" for p in c.pairs for ch in p.changes)


def test_numbered_clauses_are_all_kept(tmp_path):
    text = stmtdiff.load_document(write(tmp_path, "a.pdf", make.numbered_clause_pdf("shall"))).text
    assert all(f"{n}. The Supplier shall deliver the goods." in text for n in range(1, 7)), text


def test_a_line_repeated_with_page_numbers_is_kept_once_and_the_rest_counted(tmp_path):
    doc = stmtdiff.load_document(write(tmp_path, "a.pdf", make.page_per_clause_pdf("shall", body=True)))
    assert doc.text.count("The Supplier shall deliver the goods under clause") == 1
    assert all(f"reviewed the {ordinal} schedule" in doc.text for ordinal in make.ORDINALS[:6])
    assert any("5 repeated lines" in note for note in doc.source.notes), doc.source.notes


def test_what_extraction_left_out_reaches_the_notes_and_every_report(tmp_path):
    a = write(tmp_path, "a.pdf", make.page_per_clause_pdf("shall", body=True))
    b = write(tmp_path, "b.pdf", make.page_per_clause_pdf("shall", body=True, pages=7))
    c = stmtdiff.compare_files(a, b)
    assert c.notes[0].startswith("a: 5 repeated lines") and c.notes[1].startswith("b: 6 repeated lines")
    for fmt in ("text", "json", "markdown", "html"):
        assert "6 repeated lines" in invoke("diff", "--format", fmt, a, b).stdout, fmt
    data = json.loads(invoke("diff", "--format", "json", a, b).stdout)
    assert data["a"]["source"]["notes"] == list(c.a.source.notes)


def test_a_pdf_of_page_numbers_only_is_refused_not_identical(tmp_path):
    pdf = write(tmp_path, "a.pdf", make.page_numbers_only_pdf())
    assert_trouble(invoke("diff", pdf, pdf), "only text is page numbers")


def test_a_paragraph_the_page_has_twice_in_a_row_is_not_lost(tmp_path):
    single = write(tmp_path, "single.html", make.doubled_paragraph_page(doubled=False))
    doubled = write(tmp_path, "doubled.html", make.doubled_paragraph_page(doubled=True))
    assert invoke("diff", single, doubled).exit_code == 1
    doc = stmtdiff.load_document(doubled)
    assert doc.text.count(make.STATEMENT_PARAGRAPHS[1]) == 2
    assert "1 repeated paragraph the HTML extractor had merged restored" in doc.source.notes


def test_a_paragraph_the_html_extractor_leaves_out_inside_the_text_is_counted(tmp_path):
    first, second, third = make.STATEMENT_PARAGRAPHS
    body = f"<div><p>{first}</p><ul><li>{second}</li></ul><p>{third}</p></div>"  # a list in a bare <div>
    doc = stmtdiff.load_document(write(tmp_path, "page.html", make.page(body)))
    if second in doc.text:
        pytest.skip("this trafilatura keeps a list item in a bare <div>")
    notes = " ".join(doc.source.notes)
    assert "1 text block inside the main text (12 words) left out by the HTML extractor" in notes
    assert "around the main text" in notes  # the menu and the footer


def test_docx_notes_count_the_headers_and_footnotes_left_out(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Draft for the delegations"
    document.add_paragraph("The delegations met in Astana.")
    out = tmp_path / "a.docx"
    document.save(out)
    doc = stmtdiff.load_document(out)
    assert doc.source.notes == ("left out, not body text: 1 header",)


def test_docx_notes_count_equations_and_embedded_documents(tmp_path):
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("The rate is ")
    math = 'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    paragraph._p.append(parse_xml(f"<m:oMath {math}><m:r><m:t>x+1</m:t></m:r></m:oMath>"))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    document.element.body.append(parse_xml(f'<w:altChunk {w} {r} r:id="rIdMissing"/>'))
    out = tmp_path / "a.docx"
    document.save(out)
    notes = stmtdiff.load_document(out).source.notes
    assert notes == ("left out, not body text: 1 equation, 1 embedded document",)


def test_pdf_notes_count_filled_in_form_fields(tmp_path):
    doc = stmtdiff.load_document(write(tmp_path, "form.pdf", make.pdf_with_filled_form("5 million dollars")))
    assert "5 million" not in doc.text
    assert doc.source.notes == ("1 filled-in form field left out (not page text)",)


def test_extract_says_on_stderr_what_it_left_out(tmp_path):
    result = invoke("extract", write(tmp_path, "a.pdf", make.page_per_clause_pdf("shall", body=True)))
    assert result.exit_code == 0
    assert "stmtdiff: note: 5 repeated lines" in result.stderr
    assert "note" not in result.stdout


# --- 4. limits --------------------------------------------------------------------------


def small_docx() -> bytes:
    import io

    document = docx.Document()
    document.add_paragraph("The delegations met in Astana and agreed to meet again.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_docx_zip_bomb_is_refused_from_its_directory_in_one_line(tmp_path):
    bomb = make.docx_document_bomb(small_docx(), size=200 * 2**20)
    assert len(bomb) < 1_000_000  # 200 MB of XML in well under 1 MB
    path = write(tmp_path, "bomb.docx", bomb)
    started = time.monotonic()
    assert_trouble(invoke("diff", path, path), "unzips to 210,", "--limit docx-expanded")
    assert time.monotonic() - started < 10  # unzipping and parsing it took about a minute and 3 GB
    with pytest.raises(InputError, match="over the 1,048,576-byte limit"):
        stmtdiff.load_document(path, limits=Limits(docx_expanded_bytes=2**20))


def test_a_part_whose_zip_header_lies_about_its_size_is_never_unzipped_whole(tmp_path):
    import tracemalloc

    bomb = make.docx_with_lying_part(small_docx(), part="word/lie.xml", size=100 * 2**20, declared=1000)
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="not a readable DOCX"):
            stmtdiff.load_document(write(tmp_path, "lie.docx", bomb))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30 * 2**20  # unzipped whole, then cut to its declared size, it took 100 MB


def test_a_bomb_in_a_picture_is_never_unzipped(tmp_path):
    from stmtdiff.extract import _docx_text_parts

    bomb = make.docx_bomb(small_docx(), part="word/media/image1.png", size=300 * 2**20)
    assert len(_docx_text_parts(bomb, Limits())) < 2_000_000  # pictures go to python-docx empty
    doc = stmtdiff.load_document(write(tmp_path, "picture.docx", bomb))
    assert doc.text == "The delegations met in Astana and agreed to meet again.\n"


def test_the_docx_limit_can_be_raised(tmp_path):
    path = write(tmp_path, "big.docx", make.docx_bomb(small_docx(), part="word/padding.xml", size=3 * 2**20))
    assert invoke("extract", "--limit", "docx-expanded=1M", path).exit_code == 2
    result = invoke("extract", "--limit", "docx-expanded=8M", path)
    assert result.exit_code == 0, result.stderr


def test_too_many_pdf_pages_is_refused_and_the_limit_can_be_raised(tmp_path):
    path = write(tmp_path, "long.pdf", make.numbered_clause_pdf("shall", pages=30))
    assert_trouble(invoke("extract", "--limit", "pdf-pages=20", path), "30 pages, over the 20-page limit")
    assert invoke("extract", "--limit", "pdf-pages=30", path).exit_code == 0
    with pytest.raises(InputError, match="page limit"):
        stmtdiff.load_document(path, limits=Limits(pdf_pages=29))


def test_pages_that_share_a_huge_drawing_are_refused_before_they_are_read(tmp_path):
    pdf = make.shared_content_pdf(pages=400, instructions=20_000)  # 400 MB of instructions to read
    assert len(pdf) < 20_000
    path = write(tmp_path, "shared.pdf", pdf)
    started = time.monotonic()
    assert_trouble(invoke("extract", path), "over 268,435,456 bytes of content by page 264", "pdf-content")
    assert time.monotonic() - started < 60  # a hang guard: reading every page took minutes
    assert invoke("extract", "--limit", "pdf-content=512K", write(tmp_path, "one.pdf", make.pdf_of_pages([["Hi."]]))).exit_code == 0


def test_a_web_page_over_the_size_limit_is_refused(tmp_path):
    path = write(tmp_path, "page.html", make.doubled_paragraph_page(doubled=False))
    assert_trouble(invoke("extract", "--limit", "html-size=200", path), "over the 200-byte limit", "html-size")
    assert invoke("extract", "--limit", "html-size=1M", path).exit_code == 0


@pytest.mark.parametrize(
    "setting", ["pdf-pages=0", "pdf-pages=-3", "html-size=lots", "colour=3", "url-seconds=nan", "url-seconds=inf", "x"]
)
def test_a_bad_limit_is_one_line_and_exit_2(tmp_path, setting):
    path = write(tmp_path, "a.txt", b"We met.\n")
    assert_trouble(invoke("extract", "--limit", setting, path))


@pytest.mark.parametrize(
    "limits",
    [Limits(pdf_pages=0), Limits(html_bytes=10**30), Limits(url_seconds=float("nan")), Limits(pdf_pages=True), "big"],
)
def test_library_limits_are_range_checked(limits):
    with pytest.raises(StmtdiffError):
        stmtdiff.load_document("-", limits=limits)


def test_limit_sizes_read_like_sizes():
    assert parse_limit("url-size=2G", Limits()).url_bytes == 2 * 2**30
    assert parse_limit("docx-expanded=512k", Limits()).docx_expanded_bytes == 512 * 1024
    assert parse_limit("url-seconds=2.5", Limits()).url_seconds == 2.5


# --- 5. URLs ----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)


@pytest.mark.parametrize("route", ["/slow-body", "/slow-headers"])
def test_a_server_dripping_bytes_is_cut_off_at_the_deadline(route):
    from stmtdiff.fetch import fetch_url

    with make.misbehaving_server({"/slow-body": make.slow_body, "/slow-headers": make.slow_headers}) as site:
        started = time.monotonic()
        with pytest.raises(InputError, match="timed out after 1 s"):
            fetch_url(site + route, timeout=1)
        assert time.monotonic() - started < 5  # a hang guard: one byte each 0.05 s lasted 80 min


def test_the_url_deadline_is_a_limit_on_the_command_line():
    with make.misbehaving_server({"/slow": make.slow_body}) as site:
        assert_trouble(invoke("extract", "--limit", "url-seconds=0.5", site + "/slow"), "timed out after 0.5 s")


def test_a_body_shorter_than_its_content_length_is_an_error():
    from stmtdiff.fetch import fetch_url

    with make.misbehaving_server({"/short": make.short_body}) as site:
        with pytest.raises(InputError, match="cut short"):
            fetch_url(site + "/short")


@pytest.mark.parametrize("target", ["ftp://example.org/statement.txt", "file:///etc/passwd"])
def test_a_redirect_may_only_lead_to_http(target):
    from stmtdiff.fetch import fetch_url

    with make.misbehaving_server({"/moved": make.redirect_to(target), "/fine": make.fine}) as site:
        with pytest.raises(InputError, match="(?i)redirect"):
            fetch_url(site + "/moved")
        with make.misbehaving_server({"/moved": make.redirect_to(site + "/fine")}) as other:
            assert fetch_url(other + "/moved")[1] == "text"  # to http(s) is followed


def test_a_compressed_body_is_not_taken_for_the_document():
    from stmtdiff.fetch import fetch_url

    with make.misbehaving_server({"/gz": make.gzipped_body}) as site:
        with pytest.raises(InputError, match="gzip-encoded body"):
            fetch_url(site + "/gz")


def test_a_download_over_the_size_limit_is_refused():
    with make.misbehaving_server({"/big": make.big_body(3 * 2**20)}) as site:
        assert_trouble(invoke("extract", "--limit", "url-size=1M", site + "/big"), "too big")


@pytest.mark.parametrize("url", ["http://example.org/a\x07b", "http://exa\nmple.org/", "http://example.org/a b", "http://x/\x1b[2J"])
def test_a_url_with_control_characters_is_bad_input(url):
    from stmtdiff.fetch import fetch_url

    with pytest.raises(InputError, match="not a valid URL"):
        fetch_url(url)
    result = invoke("extract", url)
    assert_trouble(result, "not a valid URL")
    assert "\x07" not in result.stderr and "\x1b" not in result.stderr


def test_corpus_runs_read_with_the_same_limits(tmp_path):
    """``--limit`` is one of the input options every command shares: batch honours it too."""
    pytest.importorskip("pyarrow")
    from stmtdiff.corpus import batch
    from stmtdiff.corpus.outputs import iter_rows_jsonl

    page = write(tmp_path, "page.html", make.doubled_paragraph_page(doubled=False))
    (tmp_path / "pairs.csv").write_text("id,a,b\nsame,page.html,page.html\n", encoding="utf-8")
    result = invoke("batch", tmp_path / "pairs.csv", "--out", tmp_path / "out", "--limit", "html-size=100")
    assert result.exit_code == 2
    [row] = iter_rows_jsonl(str(tmp_path / "out" / "summary.jsonl"))
    assert "over the 100-byte limit" in row["error"]
    totals = batch(str(tmp_path / "pairs.csv"), str(tmp_path / "out2"), limits=Limits(html_bytes=10**6))
    assert totals.verdicts == {"identical": 1}
    assert page.exists()
