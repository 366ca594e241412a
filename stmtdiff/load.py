"""Read a path, a URL or stdin into a ``Document``: bytes, decoded text kept exactly, units.

Stages in order: ``decode`` (bytes to text) and ``extract`` (HTML, DOCX, PDF, URLs) feed this
module, which segments the text; neither imports it back. Every failure is an ``InputError`` whose message names the input and fits on one line.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stmtdiff.decode import decode  # also part of this module's interface, as before
from stmtdiff.errors import InputError
from stmtdiff.languages.detect import detect_language
from stmtdiff.limits import Limits, checked_limits
from stmtdiff.model import Document, Source, Units
from stmtdiff.parallel import in_a_child
from stmtdiff.segment import as_units, segment

_KIND_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_KINDS = ("text", "html", "docx", "pdf")


def read_source(location: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, or of standard input when ``location`` is "-"."""
    path = os.fspath(location)
    if path == "-":
        if sys.stdin is None:
            raise InputError("-: there is no standard input to read")
        return sys.stdin.buffer.read()
    if not path:  # Path("") is the current directory, which would be reported as the input
        raise InputError("an empty file name was given")
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        if Path(path).is_dir():  # Windows says "permission denied" for a directory
            raise InputError(f"{path}: is a directory, not a file") from None
        raise InputError(f"{path}: cannot read it ({error.strerror or error})") from None


def guess_kind(location: str | os.PathLike[str]) -> str:
    """What a location holds, from its name: url, html, docx, pdf, or text (anything else)."""
    name = os.fspath(location)
    if name.lower().startswith(("http://", "https://")):
        return "url"
    return _KIND_BY_SUFFIX.get(Path(name).suffix.lower(), "text")


# Two files of this many bytes or more together are read at once, the second by a forked child
# (a fork and the pickled document cost about 0.2 s; reading and segmenting a 4 MB Bible, 0.7 s).
SHARED_LOAD_MIN_BYTES = 1 << 20


def load_two(
    load_a: Callable[[], Document], load_b: Callable[[], Document], *sources: str | os.PathLike[str]
) -> tuple[Document, Document]:
    """Both sides of a comparison: ``load_a()`` here while a forked child runs ``load_b()``, when
    ``sources`` are local files of SHARED_LOAD_MIN_BYTES or more together (two cores read two
    large files in the time of one); else one after the other. Errors are the same either way:
    A's first, and B's raised here (the child's failure makes this process read B itself)."""
    if not _worth_sharing(sources):
        return load_a(), load_b()
    later_b = in_a_child(load_b)
    try:
        a = load_a()
    except BaseException:
        later_b.cancel()
        raise
    return a, later_b()


def _worth_sharing(sources: tuple[str | os.PathLike[str], ...]) -> bool:
    total = 0
    for source in sources:
        location = os.fspath(source)
        if location in ("-", "", os.devnull) or guess_kind(location) == "url":
            return False
        try:
            total += os.stat(location).st_size
        except (OSError, ValueError):
            return False  # reading it reports why
    return total >= SHARED_LOAD_MIN_BYTES


def load_document(
    source: str | os.PathLike[str],
    *,
    name: str | None = None,
    units: Units | str = Units.SENTENCES,
    kind: str | None = None,
    encoding: str | None = None,
    language: str | None = None,
    limits: Limits | None = None,
) -> Document:
    """Read, decode or extract, and segment one document.

    ``kind`` (text, html, docx or pdf) overrides the guess from the file name; a URL is
    always fetched first, and then ``kind`` overrides the kind its content type implies.
    ``language`` (an ISO 639-1 code) is the document's language instead of the one detected.
    ``limits`` bounds what reading may cost (``Limits()``: the defaults); what an extractor
    left out is counted in ``document.source.notes``.
    """
    location = os.fspath(source)
    units = as_units(units)
    limits = checked_limits(limits)
    if kind is not None and kind not in (*_KINDS, "url"):
        raise InputError(f"{location}: unknown input format {kind!r}; choose one of {', '.join(_KINDS)}")
    try:
        if guess_kind(location) == "url":
            from stmtdiff.fetch import fetch_url

            data, fetched_kind = fetch_url(location, timeout=limits.url_seconds, max_bytes=limits.url_bytes)
            kind = fetched_kind if kind in (None, "url") else kind
        else:
            data = read_source(location)
            kind = kind or guess_kind(location)
        settings: tuple[tuple[str, str], ...] = ()
        styles: tuple[tuple[int, int, str], ...] = ()
        notes: tuple[str, ...] = ()
        encoding_guessed = False
        if kind == "text":
            text, used_encoding, encoding_guessed = decode(data, encoding=encoding)
        else:
            extract = _import_extract("extract", f"reading {kind} files")
            extraction = extract(data, kind, encoding=encoding, limits=limits)
            text, settings, notes, styles = extraction.text, extraction.settings, extraction.notes, extraction.styles
            used_encoding = encoding
    except InputError as error:
        if location in str(error):  # fetch_url's messages already name the URL
            raise
        raise InputError(f"{location}: {error}") from error
    document = Document(
        name=name if name is not None else ("<stdin>" if location == "-" else location),
        text=text,
        sentences=segment(text, units),
        units=units,
        source=Source(
            kind,
            location,
            used_encoding,
            encoding_guessed,
            tuple(settings),
            styles,
            _modified(location),
            notes=tuple(notes),
        ),
        language=language or detect_language(text),
    )
    return _flag_boilerplate(document)


def _modified(location: str) -> str | None:
    """A file's modification time as UTC ISO 8601 (``2024-06-01T09:30:00Z``), or ``None`` for
    stdin, a URL or a file that cannot be stat'ed: the Word redline dates its revisions with it,
    so that the same inputs give the same bytes."""
    if location == "-" or guess_kind(location) == "url":
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(max(0, int(os.stat(location).st_mtime))))
    except (OSError, ValueError, OverflowError):
        return None


def document_from_text(
    text: str, *, name: str = "text", units: Units | str = Units.SENTENCES, language: str | None = None
) -> Document:
    """A document from a ``str`` already in memory (the Python API's ``compare``)."""
    units = as_units(units)
    source = Source(kind="text", location=None, encoding=None)
    document = Document(name, text, segment(text, units), units, source, language or detect_language(text))
    return _flag_boilerplate(document)


def _import_extract(function: str, what: str) -> Callable[..., Any]:
    """A function of stmtdiff.extract, or an InputError when that module is not installed."""
    try:
        import stmtdiff.extract as extract
    except ModuleNotFoundError as error:
        if error.name != "stmtdiff.extract":
            raise InputError(f"{what} needs the {error.name} package, which is not installed") from error
        raise InputError(f"{what} is not supported by this installation of stmtdiff") from error
    return getattr(extract, function)


def _flag_boilerplate(document: Document) -> Document:
    """Mark page furniture when stmtdiff.boilerplate exists; the text is never changed."""
    try:
        from stmtdiff.boilerplate import flag_boilerplate
    except ModuleNotFoundError as error:
        if error.name == "stmtdiff.boilerplate":
            return document
        raise
    return flag_boilerplate(document)
