"""Check the HTML extractor's text against the page's own text blocks: restore what it merged,
count what it left out.

Part of extraction (``extract`` calls it on trafilatura's lines). trafilatura keeps the main
text of a page and drops menus and footers, which is what it is for; but it also writes a
paragraph that appears twice in a row only once, and it can leave out a paragraph inside the
main text. Both would be lost text, so the page's own blocks (paragraphs, headings, list
items, table rows...) are read here, in order, and matched with the extracted lines:

- a block repeated right after a matched one, that the extractor wrote once, is put back
  after it as many times as the page has it;
- a block inside the main text (between the first and the last matched block) that appears
  nowhere in the text is counted, and so are the blocks around the main text; the notes say
  how many, and how many words they hold.

    >>> page = "<article><p>We agree.</p><p>We agree.</p><p>It ends.</p></article>"
    >>> checked = compare_with_page_blocks(page, ["We agree.", "It ends."])
    >>> checked.lines, checked.notes
    (['We agree.', 'We agree.', 'It ends.'], ['1 repeated paragraph the HTML extractor had merged restored'])
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

# Elements whose text is one block (when no block element is inside them).
_BLOCKS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd blockquote pre caption figcaption summary address div section article main "
    "center td th".split()
)
# Subtrees that hold no text a reader sees as text: neither restored nor counted. (Menus,
# headers and footers do hold text: what the extractor drops of them is counted.)
_SKIPPED = frozenset("script style noscript template head button select option iframe svg math object canvas".split())
_LIST_MARK = re.compile(r"^- ")
_WORDS = re.compile(r"\w+")


@dataclass
class CheckedLines:
    """The extracted lines with merged repeats restored, and notes on what was left out."""

    lines: list[str]
    notes: list[str] = field(default_factory=list)


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _load(page: str | bytes) -> Any:
    """The page parsed as trafilatura parses it (same decoding), else with lxml alone."""
    try:
        from trafilatura.utils import load_html

        tree = load_html(page)
        if tree is not None:
            return tree
    except Exception:  # an older trafilatura, or a page it cannot load: lxml decides
        pass
    try:
        import lxml.html

        return lxml.html.document_fromstring(page)
    except Exception:
        return None


def page_blocks(tree: Any) -> Iterator[str]:
    """The page's text blocks in reading order: each innermost block element's text, split
    at ``<br>``; a table row is one block written as trafilatura writes it (``| a | b |``).

    One walk over the tree (lxml's ``iterwalk``), skipping the subtrees that are never text,
    so a page of deeply nested elements costs no more than a flat one.
    """
    from lxml import etree

    root = tree.getroot() if hasattr(tree, "getroot") else tree
    holds_block: list[bool] = [False]  # per open element: a block element is inside it
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIPPED or tag == "tr":
                if tag == "tr":
                    cells = [_spaced(_inline_text(cell)) for cell in element if cell.tag in ("td", "th")]
                    if any(cells):
                        yield _spaced("| " + " | ".join(cells) + " |")
                    holds_block[-1] = True
                walker.skip_subtree()
                holds_block.append(True)  # its end event still comes: nothing more to do there
            else:
                holds_block.append(False)
            continue
        inside = holds_block.pop()
        if tag in _SKIPPED or tag == "tr":
            continue
        if tag in _BLOCKS and not inside:
            for piece in _inline_text(element).split("\n"):
                text = _spaced(piece)
                if text:
                    yield text
        if tag in _BLOCKS or inside:
            holds_block[-1] = True


def _inline_text(element: Any) -> str:
    """The element's text, a newline for each ``<br>``, skipped subtrees left out (their
    tails kept); iterative, so deep nesting is no problem."""
    parts = [element.text or ""]
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag and tag not in _SKIPPED:
            parts.append(child.text or "")
            stack.append(_Tail(child.tail))
            stack.extend(reversed(child))
            continue
        if isinstance(child, _Tail):
            parts.append(child.text or "")
        else:
            parts.append(child.tail or "")
    return "".join(parts)


class _Tail:
    """A text to add once an element's children are done (its tail, in document order)."""

    __slots__ = ("text", "tag")

    def __init__(self, text: str | None) -> None:
        self.text = text
        self.tag = None


def _key(line: str) -> str:
    """An extracted line as the page has it: without the list mark trafilatura adds."""
    return _LIST_MARK.sub("", line)


def compare_with_page_blocks(page: str | bytes, lines: list[str]) -> CheckedLines:
    """``lines`` (trafilatura's, one block each) checked against the blocks of ``page``."""
    tree = _load(page)
    if tree is None:
        return CheckedLines(list(lines), ["the extracted text could not be checked against the page's own blocks"])
    blocks = list(page_blocks(tree))
    where: defaultdict[str, list[int]] = defaultdict(list)
    for index, block in enumerate(blocks):
        where[block].append(index)

    matches: list[tuple[int, int]] = []  # (line, block), both increasing
    next_block = 0
    for line_index, line in enumerate(lines):
        places = where.get(_key(line)) or where.get(line)
        if not places:
            continue
        found = bisect_left(places, next_block)
        if found < len(places):
            matches.append((line_index, places[found]))
            next_block = places[found] + 1
    if not matches:
        return CheckedLines(list(lines), ["the extracted text could not be checked against the page's own blocks"])

    restored_after: dict[int, list[str]] = {}
    restored = left_inside = words_inside = 0
    ends = [*matches[1:], (len(lines), len(blocks))]
    for (line_index, block), (next_line, next_matched) in zip(matches, ends, strict=True):
        copies = []
        gap = block + 1
        while gap < next_matched and blocks[gap] == blocks[block]:
            copies.append(lines[line_index])
            gap += 1
        if copies:
            restored_after[line_index] = copies
            restored += len(copies)
        if next_line == len(lines):
            break  # past the last match: around the main text
        unmatched_text = " ".join(_key(line) for line in lines[line_index + 1 : next_line])
        for missing in blocks[gap:next_matched]:
            if missing not in unmatched_text:
                left_inside += 1
                words_inside += len(_WORDS.findall(missing))
    first, last = matches[0][1], matches[-1][1] + len(restored_after.get(matches[-1][0], ()))
    around = blocks[:first] + blocks[last + 1 :]

    out: list[str] = []
    for line_index, line in enumerate(lines):
        out.append(line)
        out.extend(restored_after.get(line_index, ()))
    notes = []
    if restored:
        notes.append(f"{restored:,} repeated paragraph{'s' if restored != 1 else ''} the HTML extractor had merged restored")
    if left_inside:
        notes.append(
            f"{left_inside:,} text block{'s' if left_inside != 1 else ''} inside the main text "
            f"({words_inside:,} words) left out by the HTML extractor"
        )
    if around:
        words = sum(len(_WORDS.findall(block)) for block in around)
        notes.append(
            f"{len(around):,} text block{'s' if len(around) != 1 else ''} around the main text "
            f"({words:,} words: menus, links, footers?) left out"
        )
    return CheckedLines(out, notes)
