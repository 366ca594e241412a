"""Loading: bytes from files and stdin, decoding with the exact text kept, clear errors."""

from __future__ import annotations

import io
import os
import sys
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from stmtdiff.errors import InputError
from stmtdiff.load import decode, document_from_text, guess_kind, load_document, read_source
from stmtdiff.model import Document, Units

SEEDS = Path(__file__).parent.parent / "seeds"
STATEMENT = "Kazakhstan’s “strategic dialogue” met.\r\nThe talks — in Astana — went well.\r\n"
# Western text whose legacy bytes are not UTF-8; long enough for a detector to be sure.
WESTERN = "The ministers’ “strategic dialogue” — held at a café — was naïve, said the résumé. " * 4


def write(tmp_path: Path, data: bytes, name: str = "doc.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- decoding ------------------------------------------------------------------------------


def test_utf8_without_bom_is_kept_exactly() -> None:
    assert decode(STATEMENT.encode("utf-8")) == (STATEMENT, "utf-8", False)


@pytest.mark.parametrize(
    ("bom_encoding", "reported"),
    [("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("utf-32", "utf-32-le")],
)
def test_a_byte_order_mark_chooses_the_encoding_and_is_dropped(bom_encoding: str, reported: str) -> None:
    data = STATEMENT.encode(bom_encoding)
    if bom_encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # Python writes no BOM for an explicit byte order
    assert decode(data) == (STATEMENT, reported, False)


def test_utf16_little_endian_with_bom_is_decoded() -> None:
    assert decode(b"\xff\xfe" + "Hi.\r\n".encode("utf-16-le")) == ("Hi.\r\n", "utf-16-le", False)


def test_crlf_is_kept_and_offsets_index_the_decoded_text(tmp_path: Path) -> None:
    path = write(tmp_path, b"\xef\xbb\xbf" + STATEMENT.encode("utf-8"))
    document = load_document(path)
    assert document.text == STATEMENT
    assert [unit.text for unit in document.sentences] == [
        "Kazakhstan’s “strategic dialogue” met.",
        "The talks — in Astana — went well.",
    ]
    for unit in document.sentences:
        assert document.text[unit.start : unit.end] == unit.text


def test_a_cp1252_file_is_guessed_and_says_so(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, WESTERN.encode("cp1252")))
    assert document.text == WESTERN
    assert document.source.encoding == "cp1252"
    assert document.source.encoding_guessed is True


def test_a_cp1251_text_is_guessed() -> None:
    russian = "Казахстан и США провели стратегический диалог в Вашингтоне. " * 3
    assert decode(russian.encode("cp1251")) == (russian, "cp1251", True)


def test_an_explicit_encoding_wins_over_utf8() -> None:
    # Valid UTF-8, but the user says it is Latin-1: "Ã©" is what they asked for.
    assert decode("café".encode("utf-8"), encoding="latin-1") == ("cafÃ©", "iso8859-1", False)


def test_an_explicit_utf8_drops_a_bom_and_says_so() -> None:
    # "utf-8-sig" writes the mark back: the text file comes back byte for byte from the JSON
    assert decode(b"\xef\xbb\xbfHi.", encoding="utf-8") == ("Hi.", "utf-8-sig", False)
    assert decode(b"Hi.", encoding="utf-8") == ("Hi.", "utf-8", False)


def test_bytes_that_the_explicit_encoding_cannot_decode_are_refused() -> None:
    with pytest.raises(InputError, match=r"not valid utf-8: byte 0xe9 at offset 3"):
        decode("café".encode("cp1252"), encoding="utf-8")


def test_an_unknown_encoding_is_refused() -> None:
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode(b"Hi.", encoding="klingon")


@pytest.mark.parametrize(
    ("encoding", "data", "message"),
    [
        ("base64", b"SGku", "not a text encoding"),  # a bytes-to-bytes codec
        ("rot13", b"Hi.", "not a text encoding"),
        ("punycode", b"We will act.", "is not valid punycode"),  # raises a bare UnicodeError
        ("unicode_escape", b"We \\ud800 act.", "lone surrogate"),  # no report could write it out
        ("utf-7", b"+2AA- act.", "lone surrogate"),
    ],
)
def test_codecs_that_do_not_decode_bytes_to_text_are_refused(encoding: str, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        decode(data, encoding=encoding)


def test_a_broken_utf16_body_after_its_bom_is_refused() -> None:
    with pytest.raises(InputError, match="UTF-16-LE byte order mark"):
        decode(b"\xff\xfeA\x00\x00\xdc")  # a lone low surrogate


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "Hi.".encode("utf-16-le"),  # UTF-16 without a BOM reads as NULs
        bytes(range(1, 9)) * 100,
    ],
    ids=["png", "utf16-without-bom", "control-characters"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        decode(data)


def test_an_explicit_encoding_does_not_let_binary_data_through() -> None:
    with pytest.raises(InputError, match="looks like a binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", encoding="latin-1")


def test_empty_input_is_an_empty_text() -> None:
    assert decode(b"") == ("", "utf-8", False)


# --- reading -------------------------------------------------------------------------------


def test_a_missing_path_is_named_in_the_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(InputError, match=f"^{missing}: no such file or directory$"):
        load_document(missing)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"secret")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_source(path)


def test_a_binary_file_is_refused_with_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, name="logo.txt")
    with pytest.raises(InputError, match=r"logo\.txt: looks like a binary file"):
        load_document(path)


def test_dash_reads_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeStdin:
        buffer = io.BytesIO("One. Two.\n".encode("utf-16"))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    document = load_document("-")
    assert document.name == "<stdin>"
    assert document.source.location == "-"
    assert document.source.encoding == "utf-16-le"
    assert [unit.text for unit in document.sentences] == ["One.", "Two."]


# --- kinds and documents -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "kind"),
    [
        ("statement.txt", "text"),
        ("notes.md", "text"),
        ("README", "text"),
        ("page.HTML", "html"),
        ("page.htm", "html"),
        ("draft.docx", "docx"),
        ("scan.pdf", "pdf"),
        ("https://www.state.gov/joint-statement/", "url"),
        ("http://example.org/a.pdf", "url"),
        ("-", "text"),
    ],
)
def test_the_kind_is_guessed_from_the_name(location: str, kind: str) -> None:
    assert guess_kind(location) == kind


def test_a_seed_loads_with_its_source_recorded() -> None:
    path = SEEDS / "espd-2024-statement-in-article.txt"
    document = load_document(path, units="paragraphs")
    assert document.name == str(path)
    assert document.units is Units.PARAGRAPHS
    assert document.source.kind == "text"
    assert document.source.encoding == "utf-8"
    assert document.source.encoding_guessed is False
    assert document.text == path.read_bytes().decode("utf-8")


def test_a_name_overrides_the_path(tmp_path: Path) -> None:
    assert load_document(write(tmp_path, b"Hi."), name="A").name == "A"


def test_an_explicit_kind_overrides_the_extension(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, b"<p>Kept as text.</p>", name="page.html"), kind="text")
    assert document.text == "<p>Kept as text.</p>"


def test_an_unknown_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown input format 'odt'"):
        load_document(write(tmp_path, b"Hi."), kind="odt")


def test_a_document_from_text_needs_no_file() -> None:
    document = document_from_text("We will act. It is done.", name="A", units="sentences")
    assert document.name == "A"
    assert [unit.text for unit in document.sentences] == ["We will act.", "It is done."]
    assert document.source.location is None


def test_formats_are_refused_cleanly_when_the_extractor_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "stmtdiff.extract", None)  # makes the import fail
    with pytest.raises(InputError, match=r"page\.html: reading html files is not supported"):
        load_document(write(tmp_path, b"<p>Hi.</p>", name="page.html"))


def test_boilerplate_is_flagged_when_that_stage_is_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    def flag_last_unit(document: Document) -> Document:
        *body, last = document.sentences
        return replace(document, sentences=(*body, replace(last, boilerplate=True)))

    monkeypatch.setitem(sys.modules, "stmtdiff.boilerplate", SimpleNamespace(flag_boilerplate=flag_last_unit))
    document = document_from_text("The statement. Comments (0)")
    assert [unit.boilerplate for unit in document.sentences] == [False, True]
