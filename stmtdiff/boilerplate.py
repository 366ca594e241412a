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
from bisect import bisect_right
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
# What ends a sentence or clause, possibly followed by closing quotes or brackets.
_SENTENCE_OR_CLAUSE_ENDERS = ".!?…,;:"
_CLOSERS = "\"'”’»)]"
# No rule flags a unit longer than this: page furniture is short.
_MAX_FURNITURE_WORDS = 25
# A repeated line longer than this is more likely a sentence said twice than a running header.
_MAX_REPEATED_WORDS = 15

# Cheap necessary conditions, so that the full rules run on a few units instead of all of them
# (on a Bible-sized text they were most of the loading time). Each follows from the rules above:
# - a slug, page number or end marker has at most four words; a button row is at most eight
#   runs of at most nine characters between separators (or dots, as a row may end in some);
_AT_MOST_FOUR_WORDS = r"\s*\S+(?:\s+\S+){0,3}\s*"
_BUTTON_SHAPED = r"[\s|·•/,.]*(?:[^\s|·•/,.]{1,9}(?:[\s|·•/,.]+|\Z)){1,8}"
# (``(?=(X))\1`` takes X's first match whole and never backtracks into it, an atomic group that
# Python 3.10 can do: a long sentence fails in one pass.)
_SHORT_OR_BUTTON_SHAPED = re.compile(rf"(?=({_AT_MOST_FOUR_WORDS}))\1\Z|(?=({_BUTTON_SHAPED}))\2\Z")
# - a comments counter says "comment"; a social-media footer opens with its verb.
_COMMENTS_HINT = re.compile(r"comment", re.IGNORECASE)
_FOLLOW_HINT = re.compile(r"\s*(?:follow|like|find|join|connect|subscribe)\s", re.IGNORECASE)


def flag_boilerplate(doc: Document) -> Document:
    """The same document with ``boilerplate=True`` on units that are page furniture.

    Nothing is removed or moved: texts and offsets are unchanged, only the flag is set (a
    unit already flagged stays flagged). The rules run only on the units that pass the cheap
    hints above; a test checks the result against running every rule on every unit.
    """
    units = doc.sentences
    alone = _alone_on_lines(doc.text, units)
    saying_comment = _units_matching(_COMMENTS_HINT, doc.text, units)
    header_like: list[int] = []  # may be a repeated running header
    suspects: list[int] = []  # may match one of boilerplate_reason's rules
    for k, (unit, is_alone) in enumerate(zip(units, alone)):
        text = unit.text
        if is_alone and _looks_like_running_header(text):
            header_like.append(k)
        elif (
            (is_alone and _SHORT_OR_BUTTON_SHAPED.match(text)) or _FOLLOW_HINT.match(text) or k in saying_comment
        ):
            suspects.append(k)
    # Only header-like lines need counting: lines with the same key are all header-like or
    # all not, since case folding adds no spaces and keeps end punctuation (a test checks).
    repeats = Counter(_repeat_key(units[k].text) for k in header_like)
    flagged = list(units)
    for k in header_like + suspects:
        sentence, is_alone = units[k], alone[k]
        repeated = is_alone and repeats[_repeat_key(sentence.text)] >= 2 and _looks_like_running_header(sentence.text)
        is_furniture = repeated or boilerplate_reason(sentence.text, alone_on_line=is_alone) is not None
        if is_furniture and not sentence.boilerplate:
            flagged[k] = dataclasses.replace(sentence, boilerplate=True)
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
    if not units:
        return []
    broken = [text.find("\n", u.end, v.start) >= 0 for u, v in zip(units, units[1:])]
    return [before and after for before, after in zip([True, *broken], [*broken, True])]


def _units_matching(pattern: re.Pattern[str], text: str, units: Sequence[Sentence]) -> set[int]:
    """Indices of the units where a match of ``pattern`` in the whole text starts.

    One search of the text instead of one per unit; right for a pattern whose matches cannot
    overlap (a plain word), since then every match inside a unit is one of these.
    """
    starts = [unit.start for unit in units]
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(text)}


def _repeat_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _looks_like_running_header(text: str) -> bool:
    """Short and not a sentence or a clause: "Joint Statement - Office of the Spokesperson", "UNCLASSIFIED".

    A repeated line that ends like a sentence ("Thou shalt not kill.") is a sentence said twice.
    """
    tail = text.rstrip().rstrip(_CLOSERS)
    if tail and tail[-1] in _SENTENCE_OR_CLAUSE_ENDERS:  # checked first: it is the cheap test
        return False
    return 0 < len(text.split()) <= _MAX_REPEATED_WORDS
