"""A small, independent reader of Word tracked changes, for the redline tests.

It reads ``word/document.xml`` with the standard library only (not with the module under
test) and gives the body text as Word shows it after "Accept All Changes" or "Reject All
Changes": with ``accept``, insertions and moved-to text stay and deletions and moved-from text
go; without, the reverse. A paragraph ends in ``\\n`` unless its mark was inserted (and changes
are rejected) or deleted (and changes are accepted): then it runs on into the next paragraph.
Line breaks read ``\\n``, page breaks ``\\f``, tabs ``\\t``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INSERTED = (f"{W}ins", f"{W}moveTo")
DELETED = (f"{W}del", f"{W}moveFrom")
# Containers whose runs are text like any other (hyperlinks never occur in a redline).
TRANSPARENT = {f"{W}{name}" for name in ("hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "fldSimple", "dir", "bdo")}

# A paragraph break in a text: a line break (what str.splitlines cuts at, the form feed aside)
# with any blank lines after it (the redline's rule).
_LINE_BREAK = "\r\n|[\n\r\v\x1c\x1d\x1e\x85\u2028\u2029]"
PARAGRAPH_BREAK = re.compile(f"(?:{_LINE_BREAK})(?:[ \t]*(?:{_LINE_BREAK}))*")


def breaks_aside(text: str) -> str:
    """``text`` with every paragraph break written as one ``\\n``: what the redline keeps."""
    return PARAGRAPH_BREAK.sub("\n", text)


def document_xml(data: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return ElementTree.fromstring(zf.read("word/document.xml"))


def read(data: bytes, *, accept: bool | None) -> str:
    """The body text after accepting (``accept=True``) or rejecting all tracked changes, or
    (``accept=None``) as shown with the changes marked: every deleted and inserted word."""
    body = document_xml(data).find(f"{W}body")
    assert body is not None
    out: list[str] = []
    paragraphs = list(body.iter(f"{W}p"))
    for n, p in enumerate(paragraphs):
        out.extend(_inline(p, accept))
        if n == len(paragraphs) - 1:
            break
        mark = p.find(f"{W}pPr/{W}rPr")
        gone = () if accept is None else DELETED if accept else INSERTED
        if mark is None or not any(mark.find(tag) is not None for tag in gone):
            out.append("\n")
    return "".join(out)


def paragraph_text(paragraph: ElementTree.Element, *, accept: bool | None) -> str:
    """One paragraph's text after accepting or rejecting its changes (its mark aside)."""
    return "".join(_inline(paragraph, accept))


def _inline(element: ElementTree.Element, accept: bool | None) -> Iterator[str]:
    for child in element:
        tag = child.tag
        if tag == f"{W}r":
            yield from _run(child)
        elif tag in INSERTED:
            if accept is None or accept:
                yield from _inline(child, accept)
        elif tag in DELETED:
            if accept is None or not accept:
                yield from _inline(child, accept)
        elif tag in TRANSPARENT:
            yield from _inline(child, accept)


def _run(run: ElementTree.Element) -> Iterator[str]:
    for child in run:
        tag = child.tag
        if tag in (f"{W}t", f"{W}delText"):
            yield child.text or ""
        elif tag == f"{W}tab":
            yield "\t"
        elif tag == f"{W}br":
            yield "\f" if child.get(f"{W}type") == "page" else "\n"
        elif tag == f"{W}cr":
            yield "\n"
        elif tag == f"{W}noBreakHyphen":
            yield "-"
