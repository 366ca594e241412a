"""Turn a web page, a Word document or a PDF (or a URL) into the plain text stmtdiff compares.

Every extractor returns ``(text, settings)``: the text is what all offsets refer to, and the
settings (``(name, value)`` pairs) say how it was made, so a report can show what was
compared. Paragraphs are separated by one blank line in every format, so ``--units
paragraphs`` means the same for a PDF as for a web page. The heavy libraries (trafilatura,
python-docx, pypdf) are imported only when a file of their kind is read: the command line
must start fast for plain text.
"""

from __future__ import annotations

import importlib
import io
import logging
import math
import re
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from itertools import pairwise
from types import ModuleType
from typing import Any, NamedTuple

from stmtdiff.decode import decode_as
from stmtdiff.errors import InputError
from stmtdiff.fetch import fetch_url, guess_kind  # noqa: F401 (re-exported: their home before fetch.py)
from stmtdiff.furniture import drop_page_furniture, find_page_furniture, furniture_notes  # noqa: F401
from stmtdiff.html_blocks import compare_with_page_blocks
from stmtdiff.limits import Limits, checked_limits, limit_hint

Settings = tuple[tuple[str, str], ...]
Styles = tuple[tuple[int, int, str], ...]  # (start, end, paragraph style name), as in model.Source

KINDS = ("html", "docx", "pdf")

_INSTALL_HINT = "pip install 'stmtdiff[formats]'"


class Extraction(NamedTuple):
    """What an extractor made of a file: the text, how it was made, and what it left out
    (one line each, for the comparison's notes: a reader must be able to see what is not
    compared)."""

    text: str
    settings: Settings
    notes: tuple[str, ...] = ()
    styles: Styles = ()  # a DOCX's named paragraph styles, as (start, end, name) spans of the text


def extract(data: bytes, kind: str, *, encoding: str | None = None, limits: Limits | None = None) -> Extraction:
    """The main text of ``data`` (an HTML page, a DOCX or a PDF), how it was extracted and
    what was left out.

    ``encoding`` only matters for HTML (DOCX and PDF carry their own); without it the page's
    own declaration, then a detector, decides. ``limits`` bounds what the file may cost
    (``Limits()``: DOCX XML 128 MiB unzipped, 10,000 PDF pages, HTML 20 MiB). Text that is
    empty after extraction from a non-empty file is an error, never an empty document.
    """
    limits = checked_limits(limits)
    if kind == "html":
        return _extract_html(data, encoding, limits)
    if kind == "docx":
        return _extract_docx(data, limits)
    if kind == "pdf":
        return _extract_pdf(data, limits)
    raise InputError(f"cannot extract text from a {kind!r} document: expected one of {', '.join(KINDS)}")


def extract_text(
    data: bytes, kind: str, *, encoding: str | None = None, limits: Limits | None = None
) -> tuple[str, Settings]:
    """``extract``'s text and settings alone."""
    extraction = extract(data, kind, encoding=encoding, limits=limits)
    return extraction.text, extraction.settings


def extract_with_styles(
    data: bytes, kind: str, *, encoding: str | None = None, limits: Limits | None = None
) -> tuple[str, Settings, Styles]:
    """:func:`extract_text`, plus the named paragraph styles of a DOCX as ``(start, end, name)``
    spans of the text (``()`` for other kinds): the Word redline gives them back to the same
    paragraphs. A DOCX with a heading and a body paragraph gives ``((0, 7, "Heading 1"),)``.
    """
    extraction = extract(data, kind, encoding=encoding, limits=limits)
    return extraction.text, extraction.settings, extraction.styles


def _import(module: str, package: str, kind: str) -> ModuleType:
    """Import an optional extractor, or say in one line how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise InputError(f"reading {kind} needs the {package} package ({error}): {_INSTALL_HINT}") from error


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "unknown version"


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Keep a library's complaints about a damaged file off stderr while it reads one.

    The InputError raised instead says it in one line. A level the application set on the
    library's logger is respected.
    """
    logger = logging.getLogger(logger_name)
    previous = logger.level
    if previous == logging.NOTSET:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(previous)


def _paragraphs_to_text(paragraphs: list[str]) -> str:
    """One paragraph per block, blocks separated by a blank line, and a final newline."""
    kept = [paragraph for paragraph in paragraphs if paragraph.strip()]
    return "\n\n".join(kept) + "\n" if kept else ""


# --- HTML -------------------------------------------------------------------------------

# trafilatura's options, recorded in the settings as they are passed.
_HTML_OPTIONS: dict[str, Any] = {
    "output_format": "txt",  # plain text: markdown marks ("# ", "**") would show up as changes
    "include_comments": False,  # reader comments are not part of a statement
    "include_tables": True,  # statements sometimes list commitments in a table
    "include_formatting": False,
    "include_links": False,
    "favor_precision": True,  # a page whose only text is its menus has no main text, not "Home News"
    "favor_recall": False,
    "deduplicate": False,  # a statement may repeat a sentence on purpose
}


# A character reference to a C0 control other than tab, line feed and carriage return
# (&#x1b;, &#7;): XML forbids those characters, and one of them anywhere made the parser give up
# on the whole page ("no main text"). Written as raw bytes they are dropped; so are references.
_CONTROL_REFERENCE = r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]));"
_CONTROL_REFERENCE_TEXT = re.compile(_CONTROL_REFERENCE)
_CONTROL_REFERENCE_BYTES = re.compile(_CONTROL_REFERENCE.encode("ascii"))


def _extract_html(data: bytes, encoding: str | None, limits: Limits) -> Extraction:
    """The page's main text via trafilatura, one paragraph (or heading) per block, checked
    against the page's own text blocks (see ``html_blocks``)."""
    if len(data) > limits.html_bytes:
        raise InputError(
            f"the web page is {len(data):,} bytes, over the {limits.html_bytes:,}-byte limit; {limit_hint('html-size')}"
        )
    trafilatura = _import("trafilatura", "trafilatura", "HTML")
    page: str | bytes = data
    if encoding is not None:
        page = decode_as(data, encoding)  # a lone surrogate is refused: the parser cut the text there
    if isinstance(page, str):
        page = _CONTROL_REFERENCE_TEXT.sub("", page)
    else:
        page = _CONTROL_REFERENCE_BYTES.sub(b"", page)
    try:
        with _quiet("trafilatura"), _quiet("htmldate"), _quiet("courlan"):
            extracted = trafilatura.extract(page, **_HTML_OPTIONS)
    except Exception as error:  # trafilatura and lxml raise many types on broken markup
        raise InputError(f"cannot parse the HTML page: {error}") from error
    lines = [" ".join(line.split()) for line in (extracted or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise InputError("the HTML page has no main text (only navigation or boilerplate?)")
    checked = compare_with_page_blocks(page, lines)
    text = _paragraphs_to_text(checked.lines)
    settings: Settings = (
        ("extractor", f"trafilatura {_version('trafilatura')}"),
        *((name, str(value).lower()) for name, value in _HTML_OPTIONS.items()),
        ("encoding", encoding or "declared by the page or detected"),
        ("paragraphs", "one per block, blank-line separated"),
        ("checked", "against the page's own text blocks: a repeated paragraph the extractor merged is restored"),
    )
    return Extraction(text, settings, tuple(checked.notes))


# --- DOCX -------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Inline containers whose runs are part of the final text (an insertion is final text).
_INLINE_CONTAINERS = frozenset(
    f"{_W}{name}" for name in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
# Content that is not in the final text: tracked deletions and the source side of moves.
_REMOVED = frozenset((f"{_W}del", f"{_W}moveFrom"))


def _extract_docx(data: bytes, limits: Limits) -> Extraction:
    """Paragraphs, headings and tables in body order, tracked changes read as accepted.

    python-docx's ``paragraph.text`` skips runs inside ``<w:ins>``, so the body XML is walked
    here: ``w:ins``/``w:moveTo`` runs are kept, ``w:del``/``w:moveFrom`` dropped. The file is
    checked before python-docx opens it (see ``_docx_text_parts``): a zip bomb is refused
    from its directory, before anything is unzipped.
    """
    docx = _import("docx", "python-docx", "DOCX")
    parts = _docx_text_parts(data, limits)
    try:
        document = docx.Document(io.BytesIO(parts))
        body = document.element.body
        style_names = _docx_style_names(document)
    except Exception as error:  # zipfile, KeyError, lxml and python-docx errors alike
        raise InputError(f"not a readable DOCX file ({type(error).__name__}: {error})") from error
    revisions = Counter(element.tag.removeprefix(_W) for element in body.iter(*_REMOVED, f"{_W}ins", f"{_W}moveTo"))
    blocks = [(text, style) for text, style in _docx_blocks(body) if text.strip()]
    text = _paragraphs_to_text([block for block, _ in blocks])
    styles: list[tuple[int, int, str]] = []
    start = 0
    for block, style_id in blocks:  # the offsets _paragraphs_to_text gives each block
        name = style_names.get(style_id or "", "")
        if name and name not in _DEFAULT_STYLE_NAMES:
            styles.append((start, start + len(block), name))
        start += len(block) + 2
    if not text:
        raise InputError("the DOCX file has no text")
    insertions = revisions["ins"] + revisions["moveTo"]
    deletions = revisions["del"] + revisions["moveFrom"]
    settings: Settings = (
        ("extractor", f"python-docx {_version('python-docx')}"),
        ("tracked_changes", "final text (insertions kept, deletions dropped)"),
        ("revisions", f"{insertions} insertions, {deletions} deletions"),
        ("tables", "one row per line, cells tab-separated"),
        ("skipped", "headers, footers, footnotes, comments, text boxes"),
        ("paragraphs", "one per block, blank-line separated"),
    )
    return Extraction(text, settings, tuple(_docx_notes(document, body, deletions)), tuple(styles))


# Zip entries read as the document's XML; any other part (pictures, fonts, embedded files) is
# handed to python-docx empty: it would unzip them all into memory, and none holds text.
_XML_PART = re.compile(r".*\.(?:xml|rels)", re.IGNORECASE)


def _docx_text_parts(data: bytes, limits: Limits) -> bytes:
    """The DOCX with only its XML parts, after checking their unzipped size against the limit.

    The sizes come from the zip's directory, and zipfile never unzips more than an entry
    declares, so a bomb is refused before any of it is unzipped.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InputError(f"not a readable DOCX file ({type(error).__name__}: {error})") from error
    xml_names = {entry.filename for entry in entries if _XML_PART.fullmatch(entry.filename)}
    expanded = sum(entry.file_size for entry in entries if entry.filename in xml_names)
    if expanded > limits.docx_expanded_bytes:
        raise InputError(
            f"the DOCX's XML unzips to {expanded:,} bytes, over the {limits.docx_expanded_bytes:,}-byte limit "
            f"(a zip bomb?); {limit_hint('docx-expanded')}"
        )
    odd = [entry.filename for entry in entries if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)]
    if odd:  # Word writes deflate only; bzip2 and lzma could not be unzipped in bounded pieces
        raise InputError(f"not a readable DOCX file: {odd[0]} is compressed in a way Word never uses")
    out = io.BytesIO()
    try:
        with archive, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as stripped:
            for entry in entries:
                content = b""
                if entry.filename in xml_names:
                    with archive.open(entry) as part:
                        # never more than the directory declares (read() alone would unzip a
                        # part whose header lies about its size whole, then cut it)
                        content = part.read(entry.file_size + 1)
                    if len(content) > entry.file_size:
                        raise InputError(f"not a readable DOCX file: {entry.filename} is longer than its zip entry says")
                stripped.writestr(entry.filename, content)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as error:
        raise InputError(f"not a readable DOCX file ({type(error).__name__}: {error})") from error
    return out.getvalue()


_SKIPPED_PARTS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header": "header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer": "footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes": "footnote",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes": "endnote",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments": "comment",
}
_PLURAL = {"header": "headers", "footer": "footers", "footnote": "footnotes", "endnote": "endnotes",
           "comment": "comments", "text box": "text boxes", "equation": "equations",
           "embedded document": "embedded documents"}
_M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"


def _docx_notes(document: Any, body: Any, deletions: int) -> list[str]:
    """What the DOCX holds that is not compared, counted (only the kinds that hold text).

    Headers and footers count once per part; footnotes, endnotes and comments one by one
    (Word's separator notes hold no text); text boxes, equations and embedded documents
    (``w:altChunk``: imported HTML or RTF; ``w:subDoc``) in the body one by one.
    """
    from lxml import etree  # python-docx's own XML library

    counts: Counter[str] = Counter()
    for relationship in document.part.rels.values():
        kind = _SKIPPED_PARTS.get(relationship.reltype)
        if kind is None or relationship.is_external:
            continue
        try:
            root = etree.fromstring(relationship.target_part.blob)
        except Exception:  # an unreadable part holds no text we could have compared
            continue
        if kind in ("header", "footer"):
            counts[kind] += int(_has_text(root))
        else:
            counts[kind] += sum(_has_text(item) for item in root if item.get(f"{_W}type") in (None, "normal"))
    counts["text box"] = sum(_has_text(box) for box in body.iter(f"{_W}txbxContent"))
    counts["equation"] = sum(1 for _ in body.iter(f"{_M}oMath"))
    counts["embedded document"] = sum(1 for _ in body.iter(f"{_W}altChunk", f"{_W}subDoc"))
    parts = [f"{n:,} {kind if n == 1 else _PLURAL[kind]}" for kind, n in counts.items() if n]
    notes = []
    if parts:
        notes.append(f"left out, not body text: {', '.join(parts)}")
    if deletions:
        notes.append(f"{deletions:,} tracked deletion{'s' if deletions != 1 else ''} left out (read as accepted)")
    return notes


def _has_text(element: Any) -> bool:
    return any((node.text or "").strip() for node in element.iter(f"{_W}t"))


# Style names that mean "no particular style": not recorded.
_DEFAULT_STYLE_NAMES = frozenset({"Normal", "Default Paragraph Font", "Body Text"})


def _docx_style_names(document: Any) -> dict[str, str]:
    """Paragraph style id -> name (``Heading1`` -> ``Heading 1``), as python-docx names them."""
    return {
        style.style_id: style.name
        for style in document.styles
        if getattr(style, "type", None) == 1 and style.style_id and style.name  # WD_STYLE_TYPE.PARAGRAPH
    }


def _docx_blocks(container: Any) -> Iterator[tuple[str, str | None]]:
    """The text of each paragraph or table in ``container`` (a body, a cell), in order, with
    the paragraph's style id (``None`` for a table or an unstyled paragraph).

    A paragraph whose mark was deleted (``w:pPr/w:rPr/w:del``) runs on into the next one, as
    Word shows it once the change is accepted (it takes the style of the paragraph it ends in).
    """
    pending = ""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            pending += _docx_paragraph_text(child)
            if child.find(f"{_W}pPr/{_W}rPr/{_W}del") is None:
                style = child.find(f"{_W}pPr/{_W}pStyle")
                yield pending.strip(), None if style is None else style.get(f"{_W}val")
                pending = ""
        elif tag == f"{_W}tbl":
            yield from _flush(pending)
            pending = ""
            yield _docx_table_text(child), None
        elif tag == f"{_W}sdt":
            yield from _flush(pending)
            pending = ""
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _docx_blocks(content)
        elif tag in (f"{_W}customXml", f"{_W}ins", f"{_W}moveTo"):
            yield from _flush(pending)
            pending = ""
            yield from _docx_blocks(child)
    yield from _flush(pending)


def _flush(pending: str) -> Iterator[tuple[str, None]]:
    if pending.strip():
        yield pending.strip(), None


def _docx_paragraph_text(paragraph: Any) -> str:
    """The paragraph's final text: runs, hyperlinks and insertions; not deletions."""
    return "".join(_docx_inline_text(paragraph))


def _docx_inline_text(element: Any) -> Iterator[str]:
    for child in element.iterchildren():
        tag = child.tag
        if tag == f"{_W}r":
            yield from _docx_run_text(child)
        elif tag in _INLINE_CONTAINERS:
            yield from _docx_inline_text(child)
        elif tag == f"{_W}sdt":
            for content in child.iterchildren(f"{_W}sdtContent"):
                yield from _docx_inline_text(content)
        # w:del, w:moveFrom, w:pPr, bookmarks, proofing marks and math are not final text


def _docx_run_text(run: Any) -> Iterator[str]:
    for child in run.iterchildren():
        tag = child.tag
        if tag == f"{_W}t":
            yield child.text or ""
        elif tag == f"{_W}tab":
            yield "\t"
        elif tag in (f"{_W}br", f"{_W}cr"):
            yield "\n"
        elif tag == f"{_W}noBreakHyphen":
            yield "-"
        # w:softHyphen is shown only at a line end; w:delText, w:instrText (field codes),
        # drawings and text boxes are left out


def _docx_table_text(table: Any) -> str:
    """One row per line, cells tab-separated; a cell's paragraphs are joined by spaces."""
    rows = []
    for row in table.iterchildren(f"{_W}tr"):
        cells = []
        for cell in row.iterchildren(f"{_W}tc"):
            cell_text = " ".join(text for text, _ in _docx_blocks(cell))
            cells.append(" ".join(cell_text.split()))
        rows.append("\t".join(cells).rstrip("\t"))
    return "\n".join(row for row in rows if row)


# --- PDF --------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_LETTERS_AT_END = re.compile(r"([^\W\d_]+)[-‐]$")
_LETTERS_AT_START = re.compile(r"[^\W\d_]+")
_ATTACHED_DASH_AT_END = re.compile(r"\S[-‐‑–—]$")


def _extract_pdf(data: bytes, limits: Limits) -> Extraction:
    """Text in reading order with page furniture dropped and soft line breaks joined.

    pypdf's layout mode places each line by its position on the page, so running headers
    sit at the top and footers at the bottom whatever order the PDF drew them in, and a
    paragraph gap shows as a blank line.
    """
    pypdf = _import("pypdf", "pypdf", "PDF")
    with _quiet("pypdf"):
        pages, encrypted = _open_pdf(pypdf, data, limits)
        content = 0
        for number, page in enumerate(pages, 1):  # all measured before any is read
            content += _content_size(page)
            if content > limits.pdf_content_bytes:
                raise InputError(
                    f"the PDF's pages draw over {limits.pdf_content_bytes:,} bytes of content by page {number:,} "
                    f"(a page repeated or a decompression bomb?); {limit_hint('pdf-content')}"
                )
        page_lines = [_pdf_page_lines(page, number) for number, page in enumerate(pages, 1)]
    if not any(line.strip() for lines in page_lines for line in lines):
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, e.g. with ocrmypdf")
    furniture = find_page_furniture(page_lines)
    body_lines = [list(lines) for lines in furniture.pages]
    for header in reversed(furniture.headers):  # kept once, as paragraphs of their own
        body_lines[0][:0] = [header, ""]
    for footer in furniture.footers:
        body_lines[-1] += ["", footer]
    words_known = _dictionary()
    text = _paragraphs_to_text(join_pdf_lines(body_lines, words_known))
    if not text:
        raise InputError("the PDF's only text is page numbers: there is nothing to compare")
    settings: Settings = (
        ("extractor", f"pypdf {_version('pypdf')}"),
        ("extraction_mode", "layout"),
        ("pages", str(len(pages))),
        ("encrypted", "yes, opened with the empty password" if encrypted else "no"),
        (
            "page_furniture",
            "page numbers dropped; running headers and footers kept once (headers at the start of the "
            "text, footers at its end) and their repeats on other pages dropped",
        ),
        ("line_breaks", "soft breaks joined with spaces; blank lines, indents and short last lines end paragraphs"),
        (
            "dehyphenation",
            "a line-end hyphen is dropped when the document, then "
            + ("the pyspellchecker English list" if words_known is not None else "no dictionary (not installed)")
            + ", shows the joined word; kept before a capital or a digit and between two words",
        ),
    )
    notes = [*furniture_notes(furniture), *_pdf_form_notes(reader_of(pages))]
    return Extraction(text, settings, tuple(notes))


def _open_pdf(pypdf: ModuleType, data: bytes, limits: Limits) -> tuple[list[Any], bool]:
    """The PDF's pages, and whether it was encrypted (with an empty password)."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = bool(reader.is_encrypted)
        if encrypted:
            _open_encrypted(pypdf, reader)
        count = len(reader.pages)
        if count > limits.pdf_pages:
            raise InputError(
                f"the PDF has {count:,} pages, over the {limits.pdf_pages:,}-page limit; {limit_hint('pdf-pages')}"
            )
        pages = list(reader.pages)
    except InputError:
        raise
    except Exception as error:  # pypdf raises PdfReadError, ValueError, KeyError... on damage
        raise InputError(f"not a readable PDF file ({type(error).__name__}: {error})") from error
    if not pages:
        raise InputError("the PDF file has no pages")
    return pages, encrypted


def reader_of(pages: list[Any]) -> Any:
    """The PdfReader the pages came from (pypdf's page objects keep a reference to it)."""
    return getattr(pages[0], "pdf", None) if pages else None


def _pdf_form_notes(reader: Any) -> list[str]:
    """Filled-in form fields: their values are not in the page text, so say how many."""
    try:
        fields = reader.get_fields() or {} if reader is not None else {}
        filled = sum(1 for field in fields.values() if str(field.get("/V", "") or "").strip())
    except Exception:  # a damaged form holds nothing we could compare
        return []
    return [f"{filled:,} filled-in form field{'s' if filled != 1 else ''} left out (not page text)"] if filled else []


def _open_encrypted(pypdf: ModuleType, reader: Any) -> None:
    """Open a PDF that is encrypted with an empty user password (restrictions only), or refuse."""
    try:
        result = reader.decrypt("")
    except pypdf.errors.DependencyError as error:
        raise InputError(f"the PDF is encrypted with AES, which needs the cryptography package: {error}") from error
    if result == pypdf.PasswordType.NOT_DECRYPTED:
        raise InputError("the PDF is encrypted with a password: save an unprotected copy and compare that")


def _content_size(page: Any) -> int:
    """Bytes of drawing instructions the page's text is read from, decompressed: its content
    streams and the forms it draws. Reading them costs time in proportion (a 4 KB PDF whose
    fifty pages share one megabyte of instructions took 70 s), so they count towards a limit;
    a stream shared by many pages counts on each."""
    try:
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for xobject in (xobjects.get_object().values() if xobjects is not None else ()):
            stream = xobject.get_object()
            if stream.get("/Subtype") == "/Form":
                size += len(stream.get_data())
    except Exception:  # damaged streams fail again, with a message, when the text is read
        return 0
    return size


def _pdf_page_lines(page: Any, number: int) -> list[str]:
    try:
        text = page.extract_text(extraction_mode="layout")
    except Exception:  # layout mode is stricter about odd fonts; plain order still has the text
        try:
            text = page.extract_text()
        except Exception as error:
            raise InputError(f"cannot extract the text of PDF page {number}: {error}") from error
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def join_pdf_lines(pages: list[list[str]], words_known: Callable[[str], bool] | None = None) -> list[str]:
    """Paragraphs from layout lines: soft line breaks joined, hyphenated words rejoined.

    A paragraph ends at a blank line, before an indented first line, and after a short line
    that ends a sentence (or a very short one before a capital); otherwise it runs on, across
    a page break too (a full line ending in a full stop is usually not a paragraph's last).

    >>> join_pdf_lines([["The talks cover non-", "proliferation and the Trans-", "Caspian route.", "", "Next."]])
    ['The talks cover nonproliferation and the Trans-Caspian route.', 'Next.']
    """
    paragraphs: list[list[str]] = []
    current: list[str] = []
    width = _usual_line_length(pages)
    previous = ""  # the line before, which may end the page before
    for page in pages:
        lines = _trim_blank_lines(page)
        margin = _page_margin(lines)
        for line in lines:
            stripped = " ".join(line.split())
            if not stripped:
                if current:
                    paragraphs.append(current)
                    current = []
                continue
            indent = len(line) - len(line.lstrip())
            if current and (indent >= margin + 2 or _ends_paragraph(previous, stripped, width)):
                paragraphs.append(current)
                current = []
            current.append(stripped)
            previous = stripped
    if current:
        paragraphs.append(current)
    vocabulary = _vocabulary(paragraphs)
    return [_join_paragraph_lines(paragraph, vocabulary, words_known) for paragraph in paragraphs]


def _ends_paragraph(line: str, next_line: str, width: int) -> bool:
    """Whether ``line`` is a paragraph's last: short, and ending a sentence or before a capital.

    Only a paragraph's last line falls well short of the full width; a very short line
    before a capital is a heading or a dateline even without a full stop.
    """
    if _SENTENCE_END.search(line) is not None:
        return len(line) < 0.8 * width
    return len(line) < 0.6 * width and next_line[:1].isupper()


def _trim_blank_lines(lines: list[str]) -> list[str]:
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return lines[filled[0] : filled[-1] + 1] if filled else []


def _page_margin(lines: list[str]) -> int:
    """The page's most common left indent (odd and even pages may differ)."""
    indents = Counter(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return indents.most_common(1)[0][0] if indents else 0


def _usual_line_length(pages: list[list[str]]) -> int:
    """The length of a full line of text: the 90th percentile of the document's line lengths."""
    lengths = sorted(len(" ".join(line.split())) for lines in pages for line in lines if line.strip())
    return lengths[math.ceil(0.9 * (len(lengths) - 1))] if lengths else 0


def _vocabulary(paragraphs: list[list[str]]) -> Counter[str]:
    """Casefolded word counts, leaving out the two halves of every line-end hyphenation."""
    counts: Counter[str] = Counter()
    for lines in paragraphs:
        follows_hyphen = False
        for line in lines:
            words = _WORD.findall(line)
            ends_with_hyphen = _LETTERS_AT_END.search(line) is not None
            if follows_hyphen and words:
                words = words[1:]
            if ends_with_hyphen and words:
                words = words[:-1]
            counts.update(word.casefold() for word in words)
            follows_hyphen = ends_with_hyphen
    return counts


def _join_paragraph_lines(lines: list[str], vocabulary: Counter[str], words_known: Callable[[str], bool] | None) -> str:
    parts = [lines[0]]
    for previous, line in pairwise(lines):
        # a soft hyphen (U+00AD) only ever marks a line-end hyphenation
        if previous.endswith("\u00ad") or _joins_hyphenated(previous, line, vocabulary, words_known):
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        elif _ATTACHED_DASH_AT_END.search(previous):
            parts.append(line)  # a real hyphen or dash: "Trans-" + "Caspian", "2024-" + "2025"
        else:
            parts.append(" " + line)
    return "".join(parts)


def _joins_hyphenated(
    line: str, next_line: str, vocabulary: Counter[str], words_known: Callable[[str], bool] | None
) -> bool:
    """Whether the hyphen ending ``line`` only split a word across lines ("non-" + "proliferation").

    The hyphen stays before a capital or a digit ("Trans-Caspian", "COVID-19"). Otherwise the
    document decides first (the joined or the hyphenated form appears elsewhere, the more
    frequent wins), then the dictionary: a known joined word is joined ("nonproliferation"),
    two known words keep their hyphen ("data-sharing"), word fragments are joined.
    """
    left_match = _LETTERS_AT_END.search(line)
    right_match = _LETTERS_AT_START.match(next_line)
    if left_match is None or right_match is None or not next_line[0].islower():
        return False
    left, right = left_match.group(1).casefold(), right_match.group(0).casefold()
    joined, hyphenated = left + right, f"{left}-{right}"
    joined_seen, hyphenated_seen = vocabulary[joined], vocabulary[hyphenated]
    if joined_seen != hyphenated_seen:
        return joined_seen > hyphenated_seen

    def known(word: str) -> bool:
        return vocabulary[word] > 0 or (words_known is not None and words_known(word))

    if words_known is not None and words_known(joined):
        return True
    return not (known(left) and known(right))


def _dictionary() -> Callable[[str], bool] | None:
    """An English word list for dehyphenation (pyspellchecker), or None when not installed."""
    words = _english_words()
    return words.__contains__ if words is not None else None


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str] | None:
    try:
        from spellchecker import SpellChecker
    except ImportError:
        return None
    return frozenset(SpellChecker(language="en").word_frequency.dictionary)
