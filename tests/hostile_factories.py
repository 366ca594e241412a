"""Hostile inputs, made in the test run (nothing is downloaded): PDFs with fpdf2, web pages as
strings, DOCX zip bombs with zipfile, and a local HTTP server whose routes misbehave.

Each maker builds the smallest file that shows one failure of the issue-15 campaign.
"""

from __future__ import annotations

import io
import socket
import socketserver
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import fpdf


def pdf_of_pages(pages: list[list[str]], *, font_size: float = 11) -> bytes:
    """A PDF with the given lines on each page (one page per list), nothing else on them."""
    pdf = fpdf.FPDF()
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=font_size)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()


def page_per_clause_pdf(verb: str, *, pages: int = 6, body: bool = False) -> bytes:
    """One clause per page, its number that of the page ("The Supplier shall deliver the
    goods under clause 3" on page 3): a line that repeats on every page with only a
    page-number-like number changed. ``body`` adds a paragraph of its own to each page."""
    return pdf_of_pages(
        [
            [
                f"The Supplier {verb} deliver the goods under clause {n}",
                *([f"The delegations reviewed the {ORDINALS[n - 1]} schedule of deliveries in detail.", ""] if body else []),
            ]
            for n in range(1, pages + 1)
        ]
    )


def numbered_clause_pdf(verb: str, *, pages: int = 6) -> bytes:
    """"1. The Supplier shall deliver the goods." on page 1, "2. ..." on page 2, and so on."""
    return pdf_of_pages([[f"{n}. The Supplier {verb} deliver the goods."] for n in range(1, pages + 1)])


def page_numbers_only_pdf(pages: int = 4) -> bytes:
    return pdf_of_pages([[f"- {n} -"] for n in range(1, pages + 1)])


def page(body: str) -> bytes:
    """A web page: a menu, then ``body`` as the page's only content, then a footer."""
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Statement</title></head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
        f"{body}"
        "<footer><p>Privacy Policy | Accessibility Statement</p></footer></body></html>"
    ).encode("utf-8")


STATEMENT_PARAGRAPHS = [
    "The delegations met in Astana on Tuesday to review the partnership and its next steps.",
    "They agreed to expand cooperation on critical minerals, energy security and transport.",
    "Both sides will meet again next year to review the progress made on these commitments.",
]


def doubled_paragraph_page(doubled: bool) -> bytes:
    """The statement in a bare ``<div>``, its second paragraph twice in a row when ``doubled``."""
    first, second, third = STATEMENT_PARAGRAPHS
    paragraphs = [first, second, second, third] if doubled else [first, second, third]
    return page("<div>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>")


def docx_bomb(base_docx: bytes, *, part: str, size: int, zip64: bool = True) -> bytes:
    """``base_docx`` with one more part of ``size`` zero bytes, deflated: a zip bomb (a few
    hundred KB on disk). Written in pieces, so the test never holds ``size`` bytes."""
    out = io.BytesIO(base_docx)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(part, "w", force_zip64=zip64) as stream:
            block = b"\0" * (1 << 20)
            for _ in range(size // len(block)):
                stream.write(block)
            stream.write(b"\0" * (size % len(block)))
    return out.getvalue()


# --- a misbehaving server -------------------------------------------------------------------

Route = Callable[[socket.socket], None]


def respond(sock: socket.socket, head: str, body: bytes = b"") -> None:
    sock.sendall(head.replace("\n", "\r\n").encode("latin-1") + b"\r\n" + body)


def drip(sock: socket.socket, data: bytes, every: float) -> None:
    """Send ``data`` one byte at a time, ``every`` seconds apart, until the client hangs up."""
    for byte in data:
        sock.sendall(bytes([byte]))
        time.sleep(every)


def slow_body(sock: socket.socket) -> None:
    respond(sock, "HTTP/1.0 200 OK\nContent-Type: text/plain\nContent-Length: 100000\n")
    drip(sock, b"x" * 100_000, 0.05)


def slow_headers(sock: socket.socket) -> None:
    drip(sock, b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nX-Filler: " + b"y" * 100_000, 0.05)


def short_body(sock: socket.socket) -> None:
    respond(sock, "HTTP/1.0 200 OK\nContent-Type: text/plain\nContent-Length: 1000\n", b"The talks ended. " * 10)


def redirect_to(location: str) -> Route:
    def route(sock: socket.socket) -> None:
        respond(sock, f"HTTP/1.0 302 Found\nLocation: {location}\nContent-Length: 0\n")

    return route


def big_body(size: int) -> Route:
    def route(sock: socket.socket) -> None:
        respond(sock, "HTTP/1.0 200 OK\nContent-Type: text/plain\n")  # no Content-Length
        sock.sendall(b"word " * (size // 5))

    return route


def fine(sock: socket.socket) -> None:
    body = b"The delegations met in Astana. They agreed to meet again.\n"
    respond(sock, f"HTTP/1.0 200 OK\nContent-Type: text/plain\nContent-Length: {len(body)}\n", body)


@contextmanager
def misbehaving_server(routes: dict[str, Route]) -> Iterator[str]:
    """Serve ``routes`` (path -> what the server does with the socket) on 127.0.0.1."""

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = self.request.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ", 2)[1].decode("latin-1")
            try:
                routes.get(path, lambda sock: respond(sock, "HTTP/1.0 404 Not Found\nContent-Length: 0\n"))(
                    self.request
                )
            except OSError:
                pass  # the client hung up, as it should on a hostile server

    class Server(socketserver.ThreadingTCPServer):
        daemon_threads = True
        allow_reuse_address = True

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def pdf_with_filled_form(value: str) -> bytes:
    """A one-page PDF whose statement points at a form field holding ``value``: the value is
    no part of the page text."""
    import pypdf
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_of_pages([["The amount is in the form."]]))))
    field = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("amount"),
            NameObject("/V"): TextStringObject(value),
            NameObject("/Rect"): ArrayObject([FloatObject(50), FloatObject(700), FloatObject(300), FloatObject(720)]),
        }
    )
    reference = writer._add_object(field)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([reference])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([reference])})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def gzipped_body(sock: socket.socket) -> None:
    import gzip

    body = gzip.compress(b"The delegations met in Astana.\n")
    respond(sock, f"HTTP/1.0 200 OK\nContent-Type: text/plain\nContent-Encoding: gzip\nContent-Length: {len(body)}\n", body)


def docx_document_bomb(base_docx: bytes, *, size: int) -> bytes:
    """``base_docx`` whose body (``word/document.xml``) is valid XML of about ``size`` bytes
    of empty paragraphs, deflated about 1,000 to 1: what python-docx would unzip and parse
    whole (300 MB took 68 s and 4.6 GB)."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{w}"><w:body>'.encode()
    paragraph = b"<w:p><w:r><w:t>x</w:t></w:r></w:p>" * 1000
    tail = b"</w:body></w:document>"
    source = zipfile.ZipFile(io.BytesIO(base_docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            if entry.filename != "word/document.xml":
                archive.writestr(entry, source.read(entry))
        with archive.open("word/document.xml", "w", force_zip64=True) as stream:
            stream.write(head)
            for _ in range(size // len(paragraph)):
                stream.write(paragraph)
            stream.write(tail)
    return out.getvalue()


def docx_with_lying_part(base_docx: bytes, *, part: str, size: int, declared: int) -> bytes:
    """``base_docx`` plus a part of ``size`` zero bytes whose zip headers claim ``declared``
    bytes: the directory looks harmless, the data is a bomb."""
    data = bytearray(docx_bomb(base_docx, part=part, size=size, zip64=False))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(part)
    assert data[info.header_offset : info.header_offset + 4] == b"PK\x03\x04"
    data[info.header_offset + 22 : info.header_offset + 26] = declared.to_bytes(4, "little")  # local header
    start = data.find(b"PK\x01\x02")
    while start != -1:  # the central directory's record of the part
        name_length = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + name_length] == part.encode():
            data[start + 24 : start + 28] = declared.to_bytes(4, "little")
        start = data.find(b"PK\x01\x02", start + 1)
    return bytes(data)


def shared_content_pdf(pages: int, instructions: int) -> bytes:
    """A few KB of PDF whose ``pages`` pages all draw one shared stream of ``instructions``
    text-drawing instructions (about 50 bytes each): small on disk, long to read."""
    import pypdf
    from pypdf.generic import DecodedStreamObject, NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_of_pages([["Hello."]]))))
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 712 Td (The parties agreed.) Tj ET\n" * instructions)
    shared = writer._add_object(stream.flate_encode())
    first = writer.pages[0]
    first[NameObject("/Contents")] = shared
    for _ in range(pages - 1):
        writer.add_page(first)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
