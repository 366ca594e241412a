"""Bytes to exact text: a byte order mark, strict UTF-8, or a guessed legacy encoding.

The first stage of every document, used by ``load`` (text files) and ``extract`` (web pages
read with ``--encoding``); it imports no other stage. The decoded text is never normalised
(CRLF, tabs and odd spaces stay), because every offset in a result is an index into it. Only
a byte order mark is dropped, as it is not text.
"""

from __future__ import annotations

import codecs
import re

from stmtdiff.errors import InputError

# Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Bytes that never occur in text: C0 controls other than tab, newlines, form feed and ESC.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
_TEXT_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_SNIFF_SIZE = 8192  # how much of the input the control-character share is measured on
_MAX_CONTROL_SHARE = 0.3  # above this share of control characters it is not text
_MAX_MESS = 0.1  # charset-normalizer "chaos" above which a legacy decoding is garbage
_PREFERRED_LEGACY = "cp1252"  # wins ties: the usual legacy encoding of English text


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, guessed)``: the named encoding, else a BOM, else UTF-8, else a guess.

    Only a leading BOM is removed; line ends and everything else stay as they were, so the
    offsets of every unit point into exactly this text. ``guessed`` is True only when a
    detector chose a legacy encoding (cp1252, cp1251, ...), which reports should say.
    """
    if encoding:
        text = decode_as(data, encoding)
        name = codecs.lookup(encoding).name
        if name == "utf-8" and text.startswith("\ufeff"):
            name = "utf-8-sig"  # the mark is dropped, so the name says how to write it back
        return _refuse_binary(text.removeprefix("\ufeff")), name, False
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
