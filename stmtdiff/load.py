"""Read a path, a URL or stdin into a ``Document``: bytes, decoded text kept exactly, units.

The decoded text is never normalised (CRLF, tabs and odd spaces stay), because every offset
in a result is an index into it. Only a byte order mark is dropped, as it is not text.
Every failure is an ``InputError`` whose message names the input and fits on one line.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stmtdiff.errors import InputError
from stmtdiff.languages.detect import detect_language
from stmtdiff.model import Document, Source, Units
from stmtdiff.segment import as_units, segment

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_KIND_BY_SUFFIX = {".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx", ".pdf": "pdf"}
_KINDS = ("text", "html", "docx", "pdf")

# Bytes that never occur in text: C0 controls other than tab, newlines, form feed and ESC.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_TEXT_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SNIFF_SIZE = 8192  # how much of the input the control-character share is measured on
_MAX_CONTROL_SHARE = 0.3  # above this share of control characters it is not text
_MAX_MESS = 0.1  # charset-normalizer "chaos" above which a legacy decoding is garbage
_PREFERRED_LEGACY = "cp1252"  # wins ties: the usual legacy encoding of English text


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


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, guessed)``: the named encoding, else a BOM, else UTF-8, else a guess.

    Only a leading BOM is removed; line ends and everything else stay as they were, so the
    offsets of every unit point into exactly this text. ``guessed`` is True only when a
    detector chose a legacy encoding (cp1252, cp1251, ...), which reports should say.
    """
    if encoding:
        text = decode_as(data, encoding)
        return _refuse_binary(text.removeprefix("\ufeff")), codecs.lookup(encoding).name, False
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError as error:
                raise InputError(
                    f"starts with a {codec.upper()} byte order mark but is not valid {codec}: {error.reason}"
                ) from None
            return _refuse_binary(text), codec, False
    if b"\x00" in data:
        raise InputError(
            "looks like a binary file (it holds NUL bytes), not text; "
            "if it is UTF-16 without a byte order mark, give the encoding (utf-16-le or utf-16-be)"
        )
    sample = data[:_SNIFF_SIZE]
    if len(sample.translate(None, _TEXT_BYTES)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError("looks like a binary file (mostly control characters), not text")
    try:
        return _refuse_binary(data.decode("utf-8")), "utf-8", False
    except UnicodeDecodeError:
        pass
    text, guessed_encoding = _guess_legacy(data)
    return _refuse_binary(text), guessed_encoding, True


def decode_as(data: bytes, encoding: str) -> str:
    """``data`` in the named encoding, or an InputError (text files, and web pages read with
    ``--encoding``).

    codecs also knows bytes-to-bytes codecs (base64, zlib, rot13) and codecs whose errors
    are plain UnicodeErrors (punycode); some (unicode_escape, utf-7) can yield lone
    surrogates, which no report could then write out as UTF-8. All of them are bad input.
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{encoding!r} is not a text encoding")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"is not valid {encoding}: byte 0x{data[error.start]:02x} at offset {error.start} ({error.reason})"
        ) from None
    except UnicodeError as error:
        raise InputError(f"is not valid {encoding}: {error}") from None
    surrogate = _LONE_SURROGATE.search(text)
    if surrogate is not None:
        raise InputError(
            f"is not valid {encoding}: it decodes to a lone surrogate "
            f"(U+{ord(surrogate.group()):04X}) at character {surrogate.start()}, which is not text"
        )
    return text


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 text with the encoding charset-normalizer finds, or refuse."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        raise InputError("is not UTF-8, and guessing its encoding needs charset-normalizer; give its encoding") from None

    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is None or best.chaos > _MAX_MESS:
        raise InputError("is neither UTF-8 nor a legacy encoding that reads as text; give its encoding")
    # Western text often reads cleanly in cp1250, cp1252, cp1257 and cp775 alike, and the
    # detector then ranks them by a language score that is noise on short or repetitive
    # text (it may pick cp1250 and turn "naïve" into "naďve"): prefer cp1252 among clean ones.
    clean = [match for match in matches if match.chaos <= best.chaos]
    preferred = any(_PREFERRED_LEGACY in match.could_be_from_charset for match in clean)
    chosen = _PREFERRED_LEGACY if preferred else best.encoding
    try:
        return data.decode(chosen), chosen
    except UnicodeDecodeError:
        return data.decode(best.encoding), best.encoding


def _refuse_binary(text: str) -> str:
    """``text`` itself, unless it holds NULs or mostly control characters."""
    if "\x00" in text:
        raise InputError("looks like a binary file (it holds NUL characters), not text")
    sample = text[:_SNIFF_SIZE]
    if len(_CONTROL_CHARS.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise InputError("looks like a binary file (mostly control characters), not text")
    return text


def guess_kind(location: str | os.PathLike[str]) -> str:
    """What a location holds, from its name: url, html, docx, pdf, or text (anything else)."""
    name = os.fspath(location)
    if name.lower().startswith(("http://", "https://")):
        return "url"
    return _KIND_BY_SUFFIX.get(Path(name).suffix.lower(), "text")


def load_document(
    source: str | os.PathLike[str],
    *,
    name: str | None = None,
    units: Units | str = Units.SENTENCES,
    kind: str | None = None,
    encoding: str | None = None,
    language: str | None = None,
) -> Document:
    """Read, decode or extract, and segment one document.

    ``kind`` (text, html, docx or pdf) overrides the guess from the file name; a URL is
    always fetched first, and then ``kind`` overrides the kind its content type implies.
    ``language`` (an ISO 639-1 code) is the document's language instead of the one detected.
    """
    location = os.fspath(source)
    units = as_units(units)
    if kind is not None and kind not in (*_KINDS, "url"):
        raise InputError(f"{location}: unknown input format {kind!r}; choose one of {', '.join(_KINDS)}")
    try:
        if guess_kind(location) == "url":
            from_url = _import_extract("fetch_url", "reading URLs")
            data, fetched_kind = from_url(location)
            kind = fetched_kind if kind in (None, "url") else kind
        else:
            data = read_source(location)
            kind = kind or guess_kind(location)
        settings: tuple[tuple[str, str], ...] = ()
        styles: tuple[tuple[int, int, str], ...] = ()
        encoding_guessed = False
        if kind == "text":
            text, used_encoding, encoding_guessed = decode(data, encoding=encoding)
        else:
            extract = _import_extract("extract_with_styles", f"reading {kind} files")
            text, settings, styles = extract(data, kind, encoding=encoding)
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
        source=Source(kind, location, used_encoding, encoding_guessed, tuple(settings), styles, _modified(location)),
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
