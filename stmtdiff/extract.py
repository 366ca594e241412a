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
import time
import urllib.parse
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from itertools import pairwise
from types import ModuleType
from typing import Any

from stmtdiff.errors import InputError
from stmtdiff.decode import decode_as

Settings = tuple[tuple[str, str], ...]
Styles = tuple[tuple[int, int, str], ...]  # (start, end, paragraph style name), as in model.Source

KINDS = ("html", "docx", "pdf")

_INSTALL_HINT = "pip install 'stmtdiff[formats]'"


def extract_text(data: bytes, kind: str, *, encoding: str | None = None) -> tuple[str, Settings]:
    """The main text of ``data`` (an HTML page, a DOCX or a PDF) and how it was extracted.

    ``encoding`` only matters for HTML (DOCX and PDF carry their own); without it the page's
    own declaration, then a detector, decides.
    """
    text, settings, _styles = extract_with_styles(data, kind, encoding=encoding)
    return text, settings


def extract_with_styles(data: bytes, kind: str, *, encoding: str | None = None) -> tuple[str, Settings, Styles]:
    """:func:`extract_text`, plus the named paragraph styles of a DOCX as ``(start, end, name)``
    spans of the text (``()`` for other kinds): the Word redline gives them back to the same
    paragraphs. A DOCX with a heading and a body paragraph gives ``((0, 7, "Heading 1"),)``.
    """
    if kind == "html":
        return (*_extract_html(data, encoding), ())
    if kind == "docx":
        return _extract_docx(data)
    if kind == "pdf":
        return (*_extract_pdf(data), ())
    raise InputError(f"cannot extract text from a {kind!r} document: expected one of {', '.join(KINDS)}")


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


def _extract_html(data: bytes, encoding: str | None) -> tuple[str, Settings]:
    """The page's main text via trafilatura, one paragraph (or heading) per block."""
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
    text = _paragraphs_to_text(lines)
    if not text:
        raise InputError("the HTML page has no main text (only navigation or boilerplate?)")
    settings: Settings = (
        ("extractor", f"trafilatura {_version('trafilatura')}"),
        *((name, str(value).lower()) for name, value in _HTML_OPTIONS.items()),
        ("encoding", encoding or "declared by the page or detected"),
        ("paragraphs", "one per block, blank-line separated"),
    )
    return text, settings


# --- DOCX -------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# Inline containers whose runs are part of the final text (an insertion is final text).
_INLINE_CONTAINERS = frozenset(
    f"{_W}{name}" for name in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)
# Content that is not in the final text: tracked deletions and the source side of moves.
_REMOVED = frozenset((f"{_W}del", f"{_W}moveFrom"))


def _extract_docx(data: bytes) -> tuple[str, Settings, Styles]:
    """Paragraphs, headings and tables in body order, tracked changes read as accepted.

    python-docx's ``paragraph.text`` skips runs inside ``<w:ins>``, so the body XML is walked
    here: ``w:ins``/``w:moveTo`` runs are kept, ``w:del``/``w:moveFrom`` dropped.
    """
    docx = _import("docx", "python-docx", "DOCX")
    try:
        document = docx.Document(io.BytesIO(data))
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
    return text, settings, tuple(styles)


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

# Lines looked at, at the top and the bottom of each page, for running headers and footers.
_PAGE_EDGE_LINES = 3

# "7", "- 7 -", "Page 7", "PAGE 7 OF 12", "7/12", "vii" (lower-case Roman only: "CIVIL" is a word)
_PAGE_NUMBER = re.compile(
    r"(?:(?:[Pp]age|PAGE)\s+|[Pp]\.\s*)?(?:\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))(?:\s*(?:/|of|OF)\s*\d{1,4})?"
    r"|[-–—]\s*\d{1,4}\s*[-–—]"
)
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")
_LETTERS_AT_END = re.compile(r"([^\W\d_]+)[-‐]$")
_LETTERS_AT_START = re.compile(r"[^\W\d_]+")
_ATTACHED_DASH_AT_END = re.compile(r"\S[-‐‑–—]$")


def _extract_pdf(data: bytes) -> tuple[str, Settings]:
    """Text in reading order with page furniture dropped and soft line breaks joined.

    pypdf's layout mode places each line by its position on the page, so running headers
    sit at the top and footers at the bottom whatever order the PDF drew them in, and a
    paragraph gap shows as a blank line.
    """
    pypdf = _import("pypdf", "pypdf", "PDF")
    with _quiet("pypdf"):
        pages, encrypted = _open_pdf(pypdf, data)
        page_lines = [_pdf_page_lines(page, number) for number, page in enumerate(pages, 1)]
    if not any(line.strip() for lines in page_lines for line in lines):
        raise InputError("the PDF has no text layer (a scanned image?): run OCR on it first, e.g. with ocrmypdf")
    body_lines = drop_page_furniture(page_lines)
    words_known = _dictionary()
    text = _paragraphs_to_text(join_pdf_lines(body_lines, words_known))
    settings: Settings = (
        ("extractor", f"pypdf {_version('pypdf')}"),
        ("extraction_mode", "layout"),
        ("pages", str(len(pages))),
        ("encrypted", "yes, opened with the empty password" if encrypted else "no"),
        ("page_furniture", "running headers/footers on most pages and page numbers dropped"),
        ("line_breaks", "soft breaks joined with spaces; blank lines, indents and short last lines end paragraphs"),
        (
            "dehyphenation",
            "a line-end hyphen is dropped when the document, then "
            + ("the pyspellchecker English list" if words_known is not None else "no dictionary (not installed)")
            + ", shows the joined word; kept before a capital or a digit and between two words",
        ),
    )
    return text, settings


def _open_pdf(pypdf: ModuleType, data: bytes) -> tuple[list[Any], bool]:
    """The PDF's pages, and whether it was encrypted (with an empty password)."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        encrypted = bool(reader.is_encrypted)
        if encrypted:
            _open_encrypted(pypdf, reader)
        pages = list(reader.pages)
    except InputError:
        raise
    except Exception as error:  # pypdf raises PdfReadError, ValueError, KeyError... on damage
        raise InputError(f"not a readable PDF file ({type(error).__name__}: {error})") from error
    if not pages:
        raise InputError("the PDF file has no pages")
    return pages, encrypted


def _open_encrypted(pypdf: ModuleType, reader: Any) -> None:
    """Open a PDF that is encrypted with an empty user password (restrictions only), or refuse."""
    try:
        result = reader.decrypt("")
    except pypdf.errors.DependencyError as error:
        raise InputError(f"the PDF is encrypted with AES, which needs the cryptography package: {error}") from error
    if result == pypdf.PasswordType.NOT_DECRYPTED:
        raise InputError("the PDF is encrypted with a password: save an unprotected copy and compare that")


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


def _furniture_key(line: str) -> str:
    """A running header's identity: case and spacing do not matter."""
    return " ".join(line.split()).casefold()


def _numbered_furniture_key(line: str) -> str:
    """The same with numbers blanked, for headers that carry the page number or a date."""
    return re.sub(r"\d+", "#", _furniture_key(line))


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and lines near a page edge that repeat near the edges of most pages.

    Only the first and last few lines of a page are looked at, so a body sentence is never
    dropped for resembling a header. A line repeated on at least half the pages goes; one
    that repeats only with its numbers blanked ("Statement | page 3") must be on three
    quarters of them, so numbered headings ("Article 5", "Article 7") stay.

    >>> drop_page_furniture([["ACME Statement", "Text one.", "1"], ["ACME Statement", "Text two.", "Page 2"]])
    [['Text one.'], ['Text two.']]
    """
    edges: list[set[int]] = []
    pages_with: Counter[str] = Counter()
    pages_with_numbered: Counter[str] = Counter()
    for lines in pages:
        filled = [index for index, line in enumerate(lines) if line.strip()]
        edge = set(filled[:_PAGE_EDGE_LINES] + filled[-_PAGE_EDGE_LINES:])
        edges.append(edge)
        pages_with.update({_furniture_key(lines[index]) for index in edge})
        pages_with_numbered.update({_numbered_furniture_key(lines[index]) for index in edge})
    needed = max(2, math.ceil(len(pages) / 2))
    needed_numbered = max(3, math.ceil(len(pages) * 3 / 4))

    def is_furniture(line: str) -> bool:
        return (
            _PAGE_NUMBER.fullmatch(line.strip()) is not None
            or pages_with[_furniture_key(line)] >= needed
            or pages_with_numbered[_numbered_furniture_key(line)] >= needed_numbered
        )

    return [
        [line for index, line in enumerate(lines) if not (index in edge and is_furniture(line))]
        for lines, edge in zip(pages, edges, strict=True)
    ]


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


# --- URLs -------------------------------------------------------------------------------

_USER_AGENT = "stmtdiff (+statement comparison; urllib)"

_KIND_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/plain": "text",
    "text/markdown": "text",
    "text/x-markdown": "text",
}
_KIND_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".md": "text",
}


def fetch_url(url: str, *, timeout: float = 20.0, max_bytes: int = 20_000_000) -> tuple[bytes, str]:
    """Download ``url`` and say what kind of document it is (html, pdf, docx or text).

    ``timeout`` bounds the whole download, not only each network read, and a body over
    ``max_bytes`` is refused without reading more than one byte past the limit.
    """
    import urllib.error  # here, not at the top: urllib.request costs 30 ms to import
    import urllib.request

    try:  # a malformed URL ("http://[::1") is bad input, not a bug
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    except ValueError as error:
        raise InputError(f"cannot fetch {url}: not a valid URL ({error})") from error
    if scheme not in ("http", "https"):
        raise InputError(f"cannot fetch {url!r}: only http:// and https:// URLs are supported")
    deadline = time.monotonic() + timeout
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.strip().isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url} is too big: {int(declared):,} bytes, over the {max_bytes:,}-byte limit")
            data = _read_bounded(response, url, deadline, timeout, max_bytes)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl() or url
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        raise InputError(f"cannot fetch {url}: HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s") from error
        raise InputError(f"cannot fetch {url}: {error.reason}") from error
    except TimeoutError as error:
        raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s") from error
    except (OSError, ValueError) as error:  # http.client errors are OSError or ValueError subclasses
        raise InputError(f"cannot fetch {url}: {error}") from error
    return data, guess_kind(content_type, final_url, data, original_url=url)


def _read_bounded(response: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s")
        chunk = response.read(min(1 << 16, max_bytes + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url} is too big: over the {max_bytes:,}-byte limit")


def guess_kind(content_type: str, url: str, data: bytes = b"", *, original_url: str | None = None) -> str:
    """html, pdf, docx or text: from the Content-Type, else the URL's extension, else the bytes.

    >>> guess_kind("text/html; charset=utf-8", "https://example.org/statement")
    'html'
    >>> guess_kind("application/octet-stream", "https://example.org/files/statement.pdf?dl=1")
    'pdf'
    """
    if data.startswith(b"%PDF-"):
        return "pdf"  # unambiguous, and servers do label PDFs text/plain
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type in _KIND_BY_CONTENT_TYPE:
        return _KIND_BY_CONTENT_TYPE[media_type]
    for candidate in (url, original_url):
        if candidate:
            path = urllib.parse.urlsplit(candidate).path.lower()
            for extension, kind in _KIND_BY_EXTENSION.items():
                if path.endswith(extension):
                    return kind
    head = data[:2048].lstrip().lower()
    if data.startswith(b"PK\x03\x04") and b"word/" in data[:65536]:
        return "docx"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    raise InputError(
        f"cannot tell what kind of document {url} is (Content-Type {media_type or 'missing'}): "
        "say it with --from html|pdf|docx|text"
    )
