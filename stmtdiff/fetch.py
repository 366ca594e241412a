"""Download a document by URL, within a deadline and a size limit, and say what kind it is.

Part of reading (``load`` calls it for http(s) locations). A hostile server must not hold a
run for ever or fill the memory: the whole download (connection, headers, body) has one
deadline, enforced by a timer that closes the connection; the body is read a network read at
a time up to a size limit; a body shorter than its Content-Length is an error, not a
document; a redirect may lead only to another http(s) URL; a URL holding a space or a
control character is bad input. Every failure is one ``InputError`` line naming the URL.
"""

from __future__ import annotations

import http.client
import math
import socket
import threading
import time
import urllib.parse
from typing import Any

from stmtdiff.errors import InputError

_USER_AGENT = "stmtdiff (+statement comparison; urllib)"
_SCHEMES = ("http", "https")
_CHUNK = 1 << 16
DEFAULT_SECONDS = 60.0
DEFAULT_BYTES = 100 * 2**20

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


def fetch_url(url: str, *, timeout: float = DEFAULT_SECONDS, max_bytes: int = DEFAULT_BYTES) -> tuple[bytes, str]:
    """Download ``url`` and say what kind of document it is (html, pdf, docx or text).

    ``timeout`` bounds the whole download (a server sending one byte a second is cut off
    when it runs out), and a body over ``max_bytes`` is refused without reading more than
    one read past the limit.
    """
    import urllib.error  # here, not at the top: urllib.request costs 30 ms to import
    import urllib.request

    _check_url(url)
    try:  # a malformed URL ("http://[::1") is bad input, not a bug
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept-Encoding": "identity"})
    except ValueError as error:
        raise InputError(f"cannot fetch {url}: not a valid URL ({error})") from error
    if scheme not in _SCHEMES:
        raise InputError(f"cannot fetch {url!r}: only http:// and https:// URLs are supported")
    if not (0 < timeout < math.inf and max_bytes > 0):
        raise InputError(f"cannot fetch {url}: the deadline and the size limit must be positive and finite")
    connections = _Connections()
    opener = urllib.request.build_opener(*connections.handlers(urllib.request), _redirect_handler(urllib.request))
    deadline = time.monotonic() + timeout
    timer = threading.Timer(timeout, connections.cut)
    timer.daemon = True
    timer.start()
    try:
        with opener.open(request, timeout=timeout) as response:
            coding = response.headers.get("Content-Encoding", "identity").strip().lower()
            if coding not in ("", "identity"):  # asked for identity; a compressed body is not the document
                raise InputError(f"cannot fetch {url}: the server sent a {coding}-encoded body")
            declared = _declared_length(response)
            if declared is not None and declared > max_bytes:
                raise InputError(f"{url} is too big: {declared:,} bytes, over the {max_bytes:,}-byte limit")
            data = _read_bounded(response, url, deadline, timeout, max_bytes)
            if connections.was_cut:  # the deadline passed during the last read, which saw an end
                raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s")
            if declared is not None and len(data) < declared:
                raise InputError(f"cannot fetch {url}: the body was cut short ({len(data):,} of {declared:,} bytes)")
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl() or url
    except InputError:
        raise
    except urllib.error.HTTPError as error:
        raise InputError(f"cannot fetch {url}: HTTP {error.code} {error.reason}") from error
    except Exception as error:  # sockets, TLS, http.client and urllib fail in many ways
        if connections.was_cut or time.monotonic() >= deadline or _is_timeout(error):
            raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s") from error
        if isinstance(error, http.client.IncompleteRead):
            raise InputError(f"cannot fetch {url}: the body was cut short") from error
        reason = getattr(error, "reason", None) or error
        raise InputError(f"cannot fetch {url}: {reason}") from error
    finally:
        timer.cancel()
        connections.close()
    return data, guess_kind(content_type, final_url, data, original_url=url)


def _check_url(url: str) -> None:
    """Refuse a URL with a space or a control character: no server sees such a URL, and
    http.client would fail on it deep inside (or a header could be injected)."""
    for position, char in enumerate(url):
        if char <= " " or "\x7f" <= char <= "\x9f" or char in "\u2028\u2029":
            shown = "a space" if char == " " else f"a control character (U+{ord(char):04X})"
            raise InputError(f"cannot fetch {url}: not a valid URL: it holds {shown} at position {position}")


def _is_timeout(error: BaseException) -> bool:
    reason = getattr(error, "reason", None)
    return isinstance(error, (TimeoutError, socket.timeout)) or isinstance(reason, (TimeoutError, socket.timeout))


def _declared_length(response: Any) -> int | None:
    declared = response.headers.get("Content-Length", "").strip()
    return int(declared) if declared.isdigit() else None


class _Connections:
    """The sockets of one download, so a timer can cut them all at the deadline (a read
    blocked on a slow server returns at once)."""

    def __init__(self) -> None:
        self.sockets: list[socket.socket] = []
        self.was_cut = False
        self._lock = threading.Lock()

    def handlers(self, request_module: Any) -> list[Any]:
        connections = self

        def recording(connection_class: type) -> type:
            class Recording(connection_class):  # type: ignore[misc, valid-type]
                def connect(self) -> None:
                    super().connect()
                    connections.add(self.sock)

            return Recording

        class HTTP(request_module.HTTPHandler):  # type: ignore[misc, name-defined]
            def do_open(self, http_class: type, request: Any, **kwargs: Any) -> Any:
                return super().do_open(recording(http_class), request, **kwargs)

        if not hasattr(request_module, "HTTPSHandler"):  # Python built without ssl
            return [HTTP()]

        class HTTPS(request_module.HTTPSHandler):  # type: ignore[misc, name-defined]
            def do_open(self, http_class: type, request: Any, **kwargs: Any) -> Any:
                return super().do_open(recording(http_class), request, **kwargs)

        return [HTTP(), HTTPS()]

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self.sockets.append(sock)
            if self.was_cut:
                self._shut(sock)

    def cut(self) -> None:
        with self._lock:
            self.was_cut = True
            for sock in self.sockets:
                self._shut(sock)

    def close(self) -> None:
        with self._lock:
            for sock in self.sockets:
                try:
                    sock.close()
                except OSError:
                    pass

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def _redirect_handler(request_module: Any) -> Any:
    class OnlyHttpRedirects(request_module.HTTPRedirectHandler):  # type: ignore[misc, name-defined]
        """A redirect may lead only to http(s): urllib would follow one to ftp:// too."""

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            target = urllib.parse.urljoin(req.full_url, newurl)
            if urllib.parse.urlsplit(target).scheme.lower() not in _SCHEMES:
                raise InputError(f"cannot fetch {req.full_url}: it redirects to {target!r}, which is not http(s)")
            _check_url(target)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return OnlyHttpRedirects()


def _read_bounded(response: Any, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    """The body, one network read at a time (``read1``): ``read(n)`` would wait for all n
    bytes, however slowly they come."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() >= deadline:
            raise InputError(f"cannot fetch {url}: timed out after {timeout:g} s")
        chunk = response.read1(min(_CHUNK, max_bytes + 1 - size))
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
