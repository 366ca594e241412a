"""Extracting statements from Word documents, PDFs and web pages, and fetching them by URL.

Every input is made here from the seeds (nothing is downloaded): DOCX files with python-docx,
PDFs with fpdf2, HTML pages as strings, served from a local http.server on 127.0.0.1.
"""

from __future__ import annotations

import doctest
import html
import io
import re
import threading
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ARTICLE, STATEMENT

import stmtdiff.boilerplate
import stmtdiff.extract
from stmtdiff.errors import InputError
from stmtdiff.extract import drop_page_furniture, extract_text, fetch_url, guess_kind, join_pdf_lines

docx = pytest.importorskip("docx")
fpdf = pytest.importorskip("fpdf")
pytest.importorskip("pypdf")
pytest.importorskip("trafilatura")

RUNNING_HEADER = "Joint Statement - Office of the Spokesperson"


# --- the seeds as paragraphs -------------------------------------------------------------


def paragraphs_of(path: Path) -> list[str]:
    """A seed's paragraphs: blank-line blocks (the statement) or lines (the article)."""
    text = path.read_text(encoding="utf-8")
    blocks = text.split("\n\n") if "\n\n" in text else text.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


STATEMENT_PARAGRAPHS = paragraphs_of(STATEMENT)
STATEMENT_TITLE = STATEMENT_PARAGRAPHS[1]  # "Joint Statement on the United States-Kazakhstan ..."
# The statement proper: from "The following is the text..." to "...in Astana in 2025."
STATEMENT_BODY = STATEMENT_PARAGRAPHS[2:-2]


# --- makers ------------------------------------------------------------------------------


def make_docx(paragraphs: list[str], *, heading: str | None = None, table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, cells, strict=True):
                cell.text = value
        document.add_paragraph("Issued by the Office of the Spokesperson.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(
    paragraphs: list[str],
    *,
    header: str | None = RUNNING_HEADER,
    line_breaks: dict[str, str] | None = None,
    font_size: float = 12,
    encrypt: tuple[str, str] | None = None,
) -> bytes:
    """A PDF with a running header and "Page n of N" footers; ``line_breaks`` forces breaks.

    ``line_breaks={"nonproliferation": "non-\\nproliferation"}`` makes the PDF break the line
    there, as a typesetter hyphenating the word would. The built-in fonts cover Windows-1252
    only, so characters outside it (the article's flag emoji) are left out.
    """

    class StatementPDF(fpdf.FPDF):
        def header(self) -> None:
            if header:
                self.set_font("helvetica", size=9)
                self.cell(0, 8, header, align="C", new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=9)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = StatementPDF()
    pdf.core_fonts_encoding = "windows-1252"  # the seeds' curly quotes and dashes
    if encrypt:
        pdf.set_encryption(owner_password=encrypt[0], user_password=encrypt[1])
    pdf.add_page()
    pdf.set_font("helvetica", size=font_size)
    for paragraph in paragraphs:
        for word, broken in (line_breaks or {}).items():
            paragraph = paragraph.replace(word, broken)
        paragraph = paragraph.encode("cp1252", "ignore").decode("cp1252")
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def make_scanned_pdf() -> bytes:
    """One page holding only a picture: what a scanner without OCR produces."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(picture)
    for y in range(30, 280, 20):
        draw.line((30, y, 370, y), fill=0, width=6)  # lines of "text" as pixels
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.image(picture, x=10, y=10, w=180)
    return bytes(pdf.output())


def make_html(title: str, paragraphs: list[str]) -> bytes:
    """A government-style page: navigation, the statement in <article>, share buttons, footer."""
    body = "\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs)
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<header><nav><ul>
  <li><a href="/">Home</a></li><li><a href="/news">News and Events</a></li>
  <li><a href="/about">About the Department</a></li><li><a href="/travel">Travel Advisories</a></li>
</ul></nav></header>
<main>
<article>
<h1>{html.escape(title)}</h1>
{body}
</article>
<div class="share"><a href="#">Share this</a> <a href="#">Print</a> <a href="#">Tweet</a></div>
</main>
<footer>
  <p>Follow the Department of State on Instagram and Twitter.</p>
  <p>Privacy Policy | Accessibility Statement | Copyright Information</p>
</footer>
</body></html>"""
    return page.encode("utf-8")


def test_the_docstring_examples_hold():
    for module in (stmtdiff.extract, stmtdiff.boilerplate):
        assert doctest.testmod(module).failed == 0


# --- DOCX --------------------------------------------------------------------------------


def test_docx_keeps_the_heading_paragraphs_and_table_in_body_order():
    table = [["Date", "May 31, 2024"], ["Place", "Washington, D.C."]]
    text, settings = extract_text(make_docx(STATEMENT_BODY, heading=STATEMENT_TITLE, table=table), "docx")

    blocks = text.rstrip("\n").split("\n\n")
    assert blocks[0] == STATEMENT_TITLE
    assert blocks[1 : 1 + len(STATEMENT_BODY)] == STATEMENT_BODY
    assert blocks[-2] == "Date\tMay 31, 2024\nPlace\tWashington, D.C."
    assert blocks[-1] == "Issued by the Office of the Spokesperson."
    assert dict(settings)["extractor"].startswith("python-docx ")


def test_docx_tracked_changes_read_as_the_final_text():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("They expressed support for continuing to work toward ")
    revision = f'{nsdecls("w")} w:author="Editor" w:date="2024-06-01T00:00:00Z"'
    paragraph._p.append(parse_xml(f'<w:del w:id="1" {revision}><w:r><w:delText>sustainable</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins w:id="2" {revision}><w:r><w:t>permanent</w:t></w:r></w:ins>'))
    paragraph.add_run(" normal trade relations.")
    out = io.BytesIO()
    document.save(out)

    text, settings = extract_text(out.getvalue(), "docx")

    assert text == "They expressed support for continuing to work toward permanent normal trade relations.\n"
    assert "permanent" not in paragraph.text  # python-docx alone drops the insertion
    assert dict(settings)["revisions"] == "1 insertions, 1 deletions"


def test_a_deleted_paragraph_mark_joins_the_paragraph_to_the_next():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    first = document.add_paragraph("The delegations concluded the meeting ")
    document.add_paragraph("by reaffirming their intention to meet in 2025.")
    mark_deleted = f'<w:pPr {nsdecls("w")}><w:rPr><w:del w:id="3" w:author="Editor"/></w:rPr></w:pPr>'
    first._p.insert(0, parse_xml(mark_deleted))
    out = io.BytesIO()
    document.save(out)

    text, _ = extract_text(out.getvalue(), "docx")

    assert text == "The delegations concluded the meeting by reaffirming their intention to meet in 2025.\n"


def test_docx_hyperlinks_and_field_results_are_text_but_field_codes_are_not():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("The full text is on ")
    paragraph._p.append(
        parse_xml(f"<w:hyperlink {nsdecls('w')}><w:r><w:t>the Department’s site</w:t></w:r></w:hyperlink>")
    )
    for run in (
        '<w:r><w:t xml:space="preserve">, issued </w:t></w:r>',
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "MMMM d, yyyy" </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>June 3, 2024</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "<w:r><w:t>.</w:t></w:r>",
    ):
        paragraph._p.append(parse_xml(run.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))
    out = io.BytesIO()
    document.save(out)

    text, _ = extract_text(out.getvalue(), "docx")

    assert text == "The full text is on the Department’s site, issued June 3, 2024.\n"


def test_a_truncated_docx_is_refused_in_one_line():
    data = make_docx(STATEMENT_BODY)
    with pytest.raises(InputError, match="not a readable DOCX") as error:
        extract_text(data[: len(data) // 2], "docx")
    assert "\n" not in str(error.value)


def test_a_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a document")
    with pytest.raises(InputError, match="not a readable DOCX"):
        extract_text(out.getvalue(), "docx")


# --- PDF ---------------------------------------------------------------------------------

HYPHENATED = {
    "nonproliferation": "non-\nproliferation",  # a word split by hyphenation: rejoined
    "Trans-Caspian": "Trans-\nCaspian",  # a real hyphen before a capital: kept
    "data-sharing": "data-\nsharing",  # a real hyphen between two words: kept
}


@pytest.fixture(scope="module")
def statement_pdf() -> bytes:
    return make_pdf([STATEMENT_TITLE, *STATEMENT_BODY], line_breaks=HYPHENATED, font_size=13)


def test_the_statement_pdf_spans_two_pages_with_a_paragraph_across_the_break(statement_pdf):
    import pypdf

    pages = pypdf.PdfReader(io.BytesIO(statement_pdf)).pages
    assert len(pages) == 2
    first_on_page_two = pages[1].extract_text().splitlines()[1]  # after the running header
    assert first_on_page_two[0].islower(), "the fixture should break a paragraph across pages"


def test_pdf_paragraphs_come_back_whole(statement_pdf):
    text, _ = extract_text(statement_pdf, "pdf")

    assert text.rstrip("\n").split("\n\n") == [RUNNING_HEADER, STATEMENT_TITLE, *STATEMENT_BODY]


def test_pdf_running_header_is_kept_once_and_page_numbers_are_dropped_and_counted(statement_pdf):
    extraction = stmtdiff.extract.extract(statement_pdf, "pdf")

    assert extraction.text.startswith(RUNNING_HEADER + "\n\n") and extraction.text.count(RUNNING_HEADER) == 1
    assert not re.search(r"Page \d of \d", extraction.text)
    assert dict(extraction.settings)["pages"] == "2"
    assert extraction.notes == (
        "2 page-number lines dropped",
        "1 repeated line of 1 running header or footer dropped (each kept once, headers at the start "
        "of the text and footers at its end)",
    )


def test_pdf_hyphenation_at_a_line_end_is_joined_but_real_hyphens_stay(statement_pdf):
    text, _ = extract_text(statement_pdf, "pdf")

    assert "counterterrorism, nonproliferation, and transnational threats" in text
    assert "along the Trans-Caspian Transport Corridor" in text
    assert "closer cooperation and data-sharing to prevent" in text


def test_line_joining_examples():
    lines = [
        "Participants reiterated their intention to work to-",  # a fragment: joined
        "gether on non-",  # "nonproliferation" is a word: joined
        "proliferation and counter-",  # "counter" and "terrorism" are words: kept
        "terrorism with the United States-",  # a capital follows: kept
        "Kazakhstan Council, as of 2024-",  # a digit follows: kept
        "2025 – and beyond.",  # a spaced dash: a space
    ]
    dictionary = {"together", "nonproliferation", "counter", "terrorism"}
    assert join_pdf_lines([lines], words_known=dictionary.__contains__) == [
        "Participants reiterated their intention to work together on nonproliferation and counter-terrorism"
        " with the United States-Kazakhstan Council, as of 2024-2025 – and beyond."
    ]


def test_the_document_itself_decides_a_hyphenation_before_the_dictionary():
    lines = ["Both sides back non-", "proliferation, and non-proliferation matters."]
    assert join_pdf_lines([lines], words_known={"nonproliferation"}.__contains__) == [
        "Both sides back non-proliferation, and non-proliferation matters."
    ]


def test_paragraphs_end_at_blank_lines_indents_and_short_sentence_ends():
    page = [
        "Joint Statement",
        "",
        "The talks were held in Washington and covered trade, security and energy",
        "cooperation between the two countries.",
        "    Both sides agreed to meet again in Astana in 2025 and to review the",
        "progress then.",
        "Participants also discussed deepening bilateral economic cooperation and",
        "promoting resilient infrastructure.",
    ]
    assert join_pdf_lines([page]) == [
        "Joint Statement",
        "The talks were held in Washington and covered trade, security and energy cooperation"
        " between the two countries.",
        "Both sides agreed to meet again in Astana in 2025 and to review the progress then.",
        "Participants also discussed deepening bilateral economic cooperation and promoting resilient infrastructure.",
    ]


def test_a_paragraph_runs_on_across_a_page_break_unless_a_short_line_ends_it():
    pages = [
        [
            "The talks were held in Washington and covered trade, security and",
            "energy. The delegations concluded the meeting by reaffirming",
        ],
        ["their intention to meet again in Astana in 2025 and to review", "the progress."],
        ["The next paragraph opens this page."],
    ]
    assert join_pdf_lines(pages) == [
        "The talks were held in Washington and covered trade, security and energy. The delegations concluded"
        " the meeting by reaffirming their intention to meet again in Astana in 2025 and to review the progress.",
        "The next paragraph opens this page.",
    ]


def test_page_furniture_is_only_looked_for_at_the_page_edges():
    pages = [
        ["UNCLASSIFIED", "Body one.", "UNCLASSIFIED is a marking.", "Body two.", "Body three.", "Body four.", "- 1 -"],
        ["UNCLASSIFIED", "Body five.", "Body six.", "Body seven.", "Body eight.", "Body nine.", "- 2 -"],
        ["Unclassified", "Body ten.", "Body eleven.", "Body twelve.", "Body thirteen.", "Body fourteen.", "- 3 -"],
    ]
    kept = drop_page_furniture(pages)
    classified = [line for page in kept for line in page if "classified" in line.lower()]
    # the marking kept once; the body line; the third page's marking differs in case, so it stays
    assert classified == ["UNCLASSIFIED", "UNCLASSIFIED is a marking.", "Unclassified"]
    assert not any(line.startswith("- ") for page in kept for line in page)


def test_numbered_running_headers_are_kept_once_and_numbered_headings_stay():
    pages = [
        [f"Joint Statement | {number}", f"Article {number}" if number % 2 else "Text.", "More text.", "Even more."]
        for number in range(1, 5)
    ]
    kept = drop_page_furniture(pages)
    assert [line for page in kept for line in page if "|" in line] == ["Joint Statement | 1"]
    assert [line for page in kept for line in page if line.startswith("Article")] == ["Article 1", "Article 3"]


def test_a_pdf_encrypted_with_a_password_is_refused():
    data = make_pdf(STATEMENT_BODY[:1], encrypt=("owner-secret", "user-secret"))
    with pytest.raises(InputError, match="encrypted with a password"):
        extract_text(data, "pdf")


def test_a_pdf_with_only_an_owner_password_is_read():
    data = make_pdf(STATEMENT_BODY[:1], header=None, encrypt=("owner-secret", ""))
    text, settings = extract_text(data, "pdf")
    assert text == STATEMENT_BODY[0] + "\n"
    assert dict(settings)["encrypted"].startswith("yes")


def test_a_scanned_pdf_without_a_text_layer_is_refused():
    with pytest.raises(InputError, match="no text layer"):
        extract_text(make_scanned_pdf(), "pdf")


def test_a_damaged_pdf_is_refused():
    with pytest.raises(InputError, match="not a readable PDF"):
        extract_text(b"%PDF-1.7\nthis is not a PDF body at all", "pdf")


# --- HTML --------------------------------------------------------------------------------


def test_html_keeps_the_statement_and_drops_navigation_share_buttons_and_footer():
    text, settings = extract_text(make_html(STATEMENT_TITLE, STATEMENT_BODY), "html")

    assert text.rstrip("\n").split("\n\n") == [STATEMENT_TITLE, *STATEMENT_BODY]
    for furniture in ("News and Events", "Travel Advisories", "Share this", "Tweet", "Instagram", "Privacy Policy"):
        assert furniture not in text
    assert dict(settings)["extractor"].startswith("trafilatura ")


def test_html_in_a_legacy_encoding_is_read_with_the_given_encoding():
    page = (
        "<html><body><article><h1>Déclaration</h1>"
        "<p>Les délégations ont réaffirmé leur intention.</p></article></body></html>"
    )
    text, settings = extract_text(page.encode("cp1252"), "html", encoding="cp1252")
    assert "Les délégations ont réaffirmé leur intention." in text
    assert dict(settings)["encoding"] == "cp1252"


def test_html_that_decodes_to_a_lone_surrogate_is_refused_not_cut_short():
    """UTF-7 can spell a lone surrogate; the HTML parser then silently dropped the rest of the
    paragraph ("We will " was all that was left)."""
    page = b"<html><body><article><p>We will +2AA- act on trade and energy.</p></article></body></html>"
    with pytest.raises(InputError, match="lone surrogate"):
        extract_text(page, "html", encoding="utf-7")


def test_a_reference_to_a_control_character_does_not_lose_the_whole_page():
    """&#x1b; anywhere made the parser give up: "the HTML page has no main text"."""
    page = (
        "<html><body><article><h1>Joint Statement</h1><p>The parties agreed &#x1b;to meet again"
        " next spring&#7; to review trade.</p><p>They signed a memorandum on energy.</p></article></body></html>"
    )
    for data, encoding in ((page.encode("utf-8"), None), (page.encode("utf-8"), "utf-8")):
        text, _ = extract_text(data, "html", encoding=encoding)
        assert "The parties agreed to meet again next spring to review trade." in text
        assert "They signed a memorandum on energy." in text


def test_a_page_with_only_navigation_has_no_main_text():
    page = b"""<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <div class="share"><a href="#">Share this</a> <a href="#">Print</a></div>
    <footer>Follow us on Instagram and Twitter.</footer></body></html>"""
    with pytest.raises(InputError, match="no main text"):
        extract_text(page, "html")


def test_an_unknown_kind_is_refused():
    with pytest.raises(InputError, match="expected one of html, docx, pdf"):
        extract_text(b"", "rtf")


# --- URLs --------------------------------------------------------------------------------


class _Site(BaseHTTPRequestHandler):
    """A tiny site: a statement page, a PDF download, a huge body, a slow page and a 404."""

    routes: dict[str, tuple[str, bytes]] = {}
    release = threading.Event()  # the slow page answers when the test lets it go

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        if self.path == "/slow":
            self.release.wait(timeout=5)
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: the size is only known by reading
            self.wfile.write(b"<p>" + b"x" * 5000 + b"</p>")
            return
        if self.path not in self.routes:
            self.send_error(404, "Not Found")
            return
        content_type, body = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output clean


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the client hung up on the slow page on purpose


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """Serve _Site on 127.0.0.1 (a free port) for this module's tests, then stop it."""
    _Site.routes = {
        "/statement.html": ("text/html; charset=utf-8", make_html(STATEMENT_TITLE, STATEMENT_BODY)),
        "/files/statement.pdf": ("application/octet-stream", make_pdf(STATEMENT_BODY[:2])),
        "/statement.txt": ("text/plain; charset=utf-8", STATEMENT.read_bytes()),
    }
    _Site.release.clear()
    server = _QuietServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        _Site.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Talk to 127.0.0.1 directly even where a proxy is configured."""
    for variable in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(variable, raising=False)


def test_fetch_a_page_and_tell_its_kind_from_the_content_type(site):
    data, kind = fetch_url(f"{site}/statement.html")
    assert kind == "html"
    assert STATEMENT_BODY[1].encode() in data


def test_fetch_falls_back_to_the_extension_for_a_generic_content_type(site):
    data, kind = fetch_url(f"{site}/files/statement.pdf")
    assert kind == "pdf"
    assert data.startswith(b"%PDF-")


def test_fetch_plain_text(site):
    assert fetch_url(f"{site}/statement.txt") == (STATEMENT.read_bytes(), "text")


def test_fetch_refuses_a_body_over_the_size_limit(site):
    with pytest.raises(InputError, match="too big"):
        fetch_url(f"{site}/huge", max_bytes=1000)
    with pytest.raises(InputError, match="too big"):
        fetch_url(f"{site}/statement.html", max_bytes=1000)  # refused from Content-Length


def test_fetch_gives_up_on_a_slow_server(site):
    with pytest.raises(InputError, match="timed out"):
        fetch_url(f"{site}/slow", timeout=0.3)


def test_fetch_reports_http_errors(site):
    with pytest.raises(InputError, match="HTTP 404"):
        fetch_url(f"{site}/missing")


def test_fetch_refuses_other_schemes():
    with pytest.raises(InputError, match="only http"):
        fetch_url("file:///etc/passwd")


def test_fetch_refuses_a_malformed_url_as_bad_input():
    with pytest.raises(InputError, match="not a valid URL"):
        fetch_url("http://[::1/statement")  # urlsplit raises ValueError: Invalid IPv6 URL


@pytest.mark.parametrize(
    ("content_type", "url", "data", "kind"),
    [
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "https://x.org/d", b"", "docx"),
        ("application/xhtml+xml", "https://x.org/d", b"", "html"),
        ("", "https://x.org/statement.docx", b"", "docx"),
        ("text/plain", "https://x.org/d", b"%PDF-1.7 ...", "pdf"),
        ("", "https://x.org/d", b"<!DOCTYPE html><html>", "html"),
    ],
)
def test_guess_kind(content_type, url, data, kind):
    assert guess_kind(content_type, url, data) == kind


def test_guess_kind_refuses_to_guess_blindly():
    with pytest.raises(InputError, match="--from"):
        guess_kind("application/octet-stream", "https://x.org/download", b"\x00\x01")


# --- end to end: load_document and the seed pair's alignment in every format --------------


def _write_formats(directory: Path, stem: str, paragraphs: list[str]) -> dict[str, Path]:
    files = {
        "docx": (directory / f"{stem}.docx", make_docx(paragraphs)),
        "pdf": (directory / f"{stem}.pdf", make_pdf(paragraphs, header=None)),
        "html": (directory / f"{stem}.html", make_html(paragraphs[0], paragraphs[1:])),
    }
    for path, data in files.values():
        path.write_bytes(data)
    return {kind: path for kind, (path, _) in files.items()}


@pytest.fixture(scope="module")
def seed_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """The seed pair (statement, article) as .docx, .pdf and .html files."""
    directory = tmp_path_factory.mktemp("formats")
    statement = _write_formats(directory, "statement", STATEMENT_PARAGRAPHS)
    article = _write_formats(directory, "article", paragraphs_of(ARTICLE))
    return {kind: (statement[kind], article[kind]) for kind in statement}


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_load_document_records_the_source_kind_and_settings(seed_files, kind):
    load = pytest.importorskip("stmtdiff.load")
    document = load.load_document(seed_files[kind][0])

    assert document.source.kind == kind
    assert dict(document.source.settings)["extractor"]
    assert any("sixth annual United States-Kazakhstan" in sentence.text for sentence in document.sentences)


def test_load_document_fetches_a_url(site):
    load = pytest.importorskip("stmtdiff.load")
    document = load.load_document(f"{site}/statement.html")

    assert document.source.kind == "html"
    assert document.text.rstrip("\n").split("\n\n") == [STATEMENT_TITLE, *STATEMENT_BODY]


def _gold_pairs_met(comparison, gold_pairs: list[dict[str, str]]) -> set[tuple[str, str]]:
    """The gold pairs whose two sentences ended up in the same Pair."""

    def sentence_with(document, snippet: str) -> int:
        return next(s.index for s in document.sentences if snippet in s.text)

    met = set()
    for gold in gold_pairs:
        i, j = sentence_with(comparison.a, gold["a"]), sentence_with(comparison.b, gold["b"])
        if any(i in pair.a and j in pair.b for pair in comparison.pairs):
            met.add((gold["a"], gold["b"]))
    return met


@pytest.mark.parametrize("kind", ["docx", "pdf", "html"])
def test_the_seed_pair_aligns_the_same_from_every_format(seed_files, acceptance, kind):
    compare = pytest.importorskip("stmtdiff.compare")
    from_text = _gold_pairs_met(compare.compare_files(STATEMENT, ARTICLE), acceptance["pairs"])
    from_format = _gold_pairs_met(compare.compare_files(*seed_files[kind]), acceptance["pairs"])

    assert from_format == from_text
    assert len(from_text) == len(acceptance["pairs"])
