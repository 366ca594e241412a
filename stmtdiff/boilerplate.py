"""Flag page furniture (URL slugs, "Comments (0)", share buttons, repeated lines) in a document.

Copies of a statement pasted or scraped from web pages carry the page around them. Those
units are only flagged, never removed, so every offset stays valid; reports keep them out
of the change counts. The rules are deliberately narrow: a real sentence of a statement
must never be flagged, so most rules apply only to a unit that stands alone on its line.

    >>> boilerplate_reason("joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue")
    'URL slug'
    >>> boilerplate_reason("Follow the Department of State on Instagram and Twitter.")
    'social-media footer'
    >>> print(boilerplate_reason("They expressed support for permanent normal trade relations."))
    None
"""

from __future__ import annotations

from collections.abc import Sequence

import dataclasses
import re
from collections import Counter

from stmtdiff.model import Document, Sentence

# A lowercase-hyphenated single token of four or more parts (a page's URL slug), or a bare URL.
_SLUG = re.compile(r"/?[a-z0-9]+(?:[-_][a-z0-9]+){3,}/?(?:\.html?)?|(?i:https?://|www\.)\S+")
_COMMENTS = re.compile(
    r"(?:\d+\s+)?comments?\s*(?:\(\d+\))?|(?:leave|add|post|view|show|hide)\s+(?:a\s+)?comments?|no comments(?: yet)?",
    re.IGNORECASE,
)
_PLATFORMS = (
    r"(?:facebook|twitter|instagram|linkedin|youtube|telegram|tiktok|threads|bluesky|mastodon|flickr|social media|on x)"
)
# "Follow the Department on Instagram and Twitter.", "Follow Daryo's official Instagram and Twitter pages…"
_FOLLOW = re.compile(rf"(?:follow|like|find|join|connect with|subscribe to)\s.{{0,80}}?\b{_PLATFORMS}\b", re.IGNORECASE)
# Words that make up share and print button rows ("Share this Print Tweet", "Email | Print").
_BUTTON_WORDS = frozenset(
    """share this print tweet email e-mail mail facebook twitter x linkedin whatsapp telegram
    reddit pinterest copy link save pdf download page article on via""".split()
)
_BUTTON_ACTIONS = frozenset(
    "share print tweet email e-mail facebook twitter linkedin whatsapp telegram reddit pinterest download".split()
)
_BUTTON_SEPARATORS = re.compile(r"[\s|·•/,]+")
# A lone page number or page marker: "0", "7", "Page 3", "3 of 10", "- 3 -".
_PAGE_MARKER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]", re.IGNORECASE)
# Markers a learning or news site puts at the end of a page ("Lesson finished.") and
# navigation left in the text ("Back to top").
_END_MARKER = re.compile(
    r"(?:lesson|article|reading|page|quiz|video|story|section|module|chapter|exercise|course|audio|listening)\s+"
    r"(?:finished|completed|complete|ended|over)[.!]?"
    r"|end of (?:the )?(?:article|story|page|lesson|transcript)\.?"
    r"|back to top|skip to (?:main )?content|continue reading|read more|advertisement"
    r"|related (?:articles|stories|content|posts|news)",
    re.IGNORECASE,
)
_SENTENCE_OR_CLAUSE_END = re.compile(r"[.!?…,;:][\"'”’»)\]]*$")
# No rule flags a unit longer than this: page furniture is short.
_MAX_FURNITURE_WORDS = 25
# A repeated line longer than this is more likely a sentence said twice than a running header.
_MAX_REPEATED_WORDS = 15


def flag_boilerplate(doc: Document) -> Document:
    """The same document with ``boilerplate=True`` on units that are page furniture.

    Nothing is removed or moved: texts and offsets are unchanged, only the flag is set (a
    unit already flagged stays flagged).
    """
    alone = _alone_on_lines(doc.text, doc.sentences)
    repeats = Counter(
        _repeat_key(sentence.text) for sentence, is_alone in zip(doc.sentences, alone, strict=True) if is_alone
    )
    flagged = []
    for sentence, is_alone in zip(doc.sentences, alone, strict=True):
        repeated = is_alone and repeats[_repeat_key(sentence.text)] >= 2 and _looks_like_running_header(sentence.text)
        is_furniture = repeated or boilerplate_reason(sentence.text, alone_on_line=is_alone) is not None
        flagged.append(
            dataclasses.replace(sentence, boilerplate=True) if is_furniture and not sentence.boilerplate else sentence
        )
    return dataclasses.replace(doc, sentences=tuple(flagged))


def boilerplate_reason(text: str, *, alone_on_line: bool = True) -> str | None:
    """Why one unit's text is page furniture, or None; repetition is judged by flag_boilerplate.

    Slugs, page numbers, buttons and end markers count only when they stand alone on their
    line, since inside a line they may be part of a sentence.
    """
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_FURNITURE_WORDS:
        return None
    words = " ".join(tokens)
    if _COMMENTS.fullmatch(words):
        return "comments counter"
    if _FOLLOW.match(words):
        return "social-media footer"
    if not alone_on_line:
        return None
    if _SLUG.fullmatch(words):
        return "URL slug"
    if _PAGE_MARKER.fullmatch(words):
        return "page number"
    if _is_button_row(words):
        return "share or print buttons"
    if _END_MARKER.fullmatch(words):
        return "page end or navigation marker"
    return None


def _is_button_row(words: str) -> bool:
    tokens = [token.casefold() for token in _BUTTON_SEPARATORS.split(words.rstrip(".")) if token]
    return (
        0 < len(tokens) <= 8
        and all(token in _BUTTON_WORDS for token in tokens)
        and any(token in _BUTTON_ACTIONS for token in tokens)
    )


def _alone_on_lines(text: str, units: Sequence[Sentence]) -> list[bool]:
    """Per unit, whether nothing but whitespace shares its first and last lines.

    Units hold every non-space character, so that is: a line break separates the unit from
    each neighbour. Linear in the text (searching each unit's line ends was quadratic on a
    text without line breaks).
    """
    breaks = [False] + ["\n" in text[u.end : v.start] for u, v in zip(units, units[1:])] + [False]
    return [
        (k == 0 or breaks[k]) and (k == len(units) - 1 or breaks[k + 1]) for k in range(len(units))
    ]


def _repeat_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _looks_like_running_header(text: str) -> bool:
    """Short and not a sentence or a clause: "Joint Statement - Office of the Spokesperson", "UNCLASSIFIED".

    A repeated line that ends like a sentence ("Thou shalt not kill.") is a sentence said twice.
    """
    words = text.split()
    return 0 < len(words) <= _MAX_REPEATED_WORDS and _SENTENCE_OR_CLAUSE_END.search(text.rstrip()) is None
