"""Running headers, footers and page numbers of a PDF: found, kept once, and counted.

Part of extraction (``extract`` calls it on each page's layout lines). A line near the top or
the bottom of most pages is page furniture: left in place it would cut the sentence that runs
across every page break. Only copies are dropped, never text: each running header or footer
is kept once (headers at the start of the text, footers at its end), and a line is a copy only
when it repeats another exactly, or differs from it only in a page number at one of its ends
("Joint Statement | page 3"). Lone page numbers ("7", "- 7 -", "Page 7 of 12") are dropped when
they count the pages. What was dropped is counted, for the comparison's notes. So two PDFs
whose running lines differ ("shall" on every page of one, "may" on every page of the other)
still differ.

    >>> found = find_page_furniture([["ACME Statement", "Text one.", "1"], ["ACME Statement", "Text two.", "2"]])
    >>> found.pages, found.headers, found.page_numbers, found.copies
    ([['Text one.'], ['Text two.']], ['ACME Statement'], 2, 1)
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

# Lines looked at, at the top and the bottom of each page, for running headers and footers.
PAGE_EDGE_LINES = 3

# "7", "- 7 -", "Page 7", "PAGE 7 OF 12", "7/12", "vii" (lower-case Roman only: "CIVIL" is a word)
PAGE_NUMBER = re.compile(
    r"(?:(?:[Pp]age|PAGE)\s+|[Pp]\.\s*)?(?P<n>\d{1,4}|(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3}))(?:\s*(?:/|of|OF)\s*\d{1,4})?"
    r"|[-–—]\s*(?P<m>\d{1,4})\s*[-–—]"
)
# A page number at the start or the end of a running line, set off from its text by spaces
# or a separator: "Joint Statement | page 3", "3 | Joint Statement", "Statement - 3".
_LEADING_NUMBER = re.compile(r"^(?:(?:[Pp]age|PAGE|[Pp]\.)\s*)?(\d{1,4})(?:\s*(?:/|of|OF)\s*\d{1,4})?(?:\s*[|·•:–—-]\s*|\s+)(?=\S)")
_TRAILING_NUMBER = re.compile(r"(?<=\S)(?:\s*[|·•:,–—-]\s*|\s+)(?:(?:[Pp]age|PAGE|[Pp]\.)\s*)?(\d{1,4})(?:\s*(?:/|of|OF)\s*\d{1,4})?$")
_ROMAN = {"i": 1, "v": 5, "x": 10}


@dataclass(frozen=True, slots=True)
class PageFurniture:
    """Each page's lines with furniture taken out, and what was taken."""

    pages: list[list[str]]  # the body lines of each page
    headers: list[str]  # each running header once, in the order first seen
    footers: list[str]  # each running footer once
    page_numbers: int  # lone page-number lines dropped
    copies: int  # repeats of a kept header or footer dropped


def _spaced(line: str) -> str:
    return " ".join(line.split())


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if v < w else v for v, w in zip(values, values[1:] + [0]))


def page_number_of(line: str) -> int | None:
    """The number a lone page-number line shows, else None.

    >>> page_number_of("- 12 -"), page_number_of("Page 3 of 9"), page_number_of("vii"), page_number_of("Article 3")
    (12, 3, 7, None)
    """
    match = PAGE_NUMBER.fullmatch(line.strip())
    if match is None:
        return None
    number = match.group("n") or match.group("m")
    if not number:
        return None
    return int(number) if number.isdigit() else _roman(number)


def _without_page_number(line: str) -> tuple[str, int | None]:
    """``line`` with a page number at either end cut out, and that number.

    >>> _without_page_number("Joint Statement | page 3"), _without_page_number("3 | Joint Statement")
    (('Joint Statement', 3), ('Joint Statement', 3))
    >>> _without_page_number("Article 5 of the Treaty")
    ('Article 5 of the Treaty', None)
    """
    trailing = _TRAILING_NUMBER.search(line)
    if trailing is not None:
        return line[: trailing.start()], int(trailing.group(1))
    leading = _LEADING_NUMBER.match(line)
    if leading is not None:
        return line[leading.end() :], int(leading.group(1))
    return line, None


def _counts_pages(numbers: list[tuple[int, int]]) -> bool:
    """Whether ``(page, number)`` pairs count the pages: every number is its page's index plus
    one offset (a cover page unnumbered, front matter in Roman numerals, a restart at 1 are
    each their own run), shared by two pages at least unless the number is the page's own."""
    offsets = Counter(number - page for page, number in numbers)
    return all(number == page or offsets[number - page] >= 2 for page, number in numbers)


def find_page_furniture(pages: list[list[str]]) -> PageFurniture:
    """Find page numbers and running headers and footers among the lines near the page edges.

    Only the first and last few lines of a page are looked at, so a body sentence is never
    taken for a header. A lone page number goes when the numbers count the pages. A line
    repeated exactly on at least half the pages, or with only a page number at one of its
    ends changed on three quarters of them, is a running header (or footer): its first copy
    is kept, the others go. Numbered headings ("Article 5", "Article 7") do not count pages,
    so they stay where they are.
    """
    edges: list[list[int]] = []
    for lines in pages:
        filled = [index for index, line in enumerate(lines) if line.strip()]
        edges.append(sorted(set(filled[:PAGE_EDGE_LINES] + filled[-PAGE_EDGE_LINES:])))

    numbered_lines: dict[tuple[int, int], int] = {}  # (page, line) -> the page number it shows
    for page, edge in enumerate(edges, 1):
        for index in edge:
            number = page_number_of(pages[page - 1][index])
            if number is not None:
                numbered_lines[(page, index)] = number
    offsets = Counter(number - page for (page, _), number in numbered_lines.items())
    lone_numbers = {
        (page, index)
        for (page, index), number in numbered_lines.items()
        if number == page or offsets[number - page] >= 2
    }

    exact: defaultdict[str, set[int]] = defaultdict(set)
    numbered: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
    for page, edge in enumerate(edges, 1):
        seen_numbered: set[str] = set()
        for index in edge:
            if (page, index) in lone_numbers:
                continue
            line = _spaced(pages[page - 1][index])
            exact[line].add(page)
            text, number = _without_page_number(line)
            if number is not None and text not in seen_numbered:
                seen_numbered.add(text)
                numbered[text].append((page, number))
    needed = max(2, math.ceil(len(pages) / 2))
    needed_numbered = max(3, math.ceil(len(pages) * 3 / 4))
    running_exact = {line for line, on_pages in exact.items() if len(on_pages) >= needed}
    running_numbered = {
        text
        for text, numbers in numbered.items()
        if len({page for page, _ in numbers}) >= needed_numbered and _counts_pages(numbers)
    }

    headers: list[str] = []
    footers: list[str] = []
    kept: set[str] = set()
    body: list[list[str]] = []
    page_numbers = copies = 0
    for page, (lines, edge) in enumerate(zip(pages, edges, strict=True), 1):
        dropped: set[int] = set()
        for index in edge:
            if (page, index) in lone_numbers:
                dropped.add(index)
                page_numbers += 1
                continue
            line = _spaced(lines[index])
            text, number = _without_page_number(line)
            if line in running_exact:
                identity = line
            elif number is not None and text in running_numbered:
                identity = "\0" + text
            else:
                continue
            dropped.add(index)
            if identity in kept:
                copies += 1
                continue
            kept.add(identity)
            (headers if edge.index(index) < len(edge) / 2 else footers).append(line)
        body.append([line for index, line in enumerate(lines) if index not in dropped])
    return PageFurniture(body, headers, footers, page_numbers, copies)


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """The pages with furniture taken out, each running header kept once at the top of the
    first page and each footer once at the bottom of the last, set apart by blank lines.

    >>> drop_page_furniture([["ACME Statement", "Text one.", "1"], ["ACME Statement", "Text two.", "Page 2"]])
    [['ACME Statement', '', 'Text one.'], ['Text two.']]
    """
    found = find_page_furniture(pages)
    body = [list(lines) for lines in found.pages] or [[]]
    for header in reversed(found.headers):
        body[0][:0] = [header, ""]
    for footer in found.footers:
        body[-1] += ["", footer]
    return body


def furniture_notes(found: PageFurniture) -> list[str]:
    """What was dropped, in words, for the comparison's notes (nothing when nothing was)."""
    notes = []
    if found.page_numbers:
        notes.append(f"{found.page_numbers:,} page-number line{'s' if found.page_numbers != 1 else ''} dropped")
    running = len(found.headers) + len(found.footers)
    if found.copies:
        notes.append(
            f"{found.copies:,} repeated line{'s' if found.copies != 1 else ''} of {running} running "
            f"header{'s' if running != 1 else ''} or footer{'s' if running != 1 else ''} dropped "
            "(each kept once, headers at the start of the text and footers at its end)"
        )
    return notes
