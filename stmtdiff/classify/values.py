"""Values: numbers, amounts, percentages and dates, compared by value over the whole pair.

Each side of an aligned pair is read once for its values, in context:

* a number is its value however it is written: "1,000" and "1000", "30th" and "30", "thirty"
  and "30", "first" and "1st"; a multiplier joins the number before it ("5 million" is
  5000000, "two hundred" 200) and tens join units ("twenty five" is 25);
* units (%, percent, $, EUR, GBP) are values of their own; months and weekdays are dates;
* a *weak* value is a number word that does not count anything new: a number word after a
  determiner ("the two countries", "all three parties"), "both", and an ordinal in a title or
  name ("First Deputy Minister", "21st Conference of the Parties") or opening a list item
  ("First, ..."); and the year of a date ("June 12, 2018" / "June 12");
* a date on one side against "today", "yesterday"... on the other is the same day written
  another way.

A piece changes a value when it holds a value that the other side of the pair lacks: the
multisets of values (strong and weak together) differ on it. Written another way or moved
within the pair ("5 June" / "June 5", "in Astana on May 20" / "on May 20 in Astana"), a value is
on both sides and nothing changed. A weak value added or dropped says nothing new ("both
countries" / "the countries"); replaced by another value it is a change ("the two" / "the
three"). A value that left the pair for the sentence before or after it has moved (see
:func:`moved_values`).

    >>> [v.value for v in values_of(("$", "5", "million", "on", "5", "June"))]
    ['$', '5000000', '5', 'month 6']
    >>> [(v.value, v.weak) for v in values_of(("the", "two", "countries", "and", "First", "Deputy", "Minister"))]
    [('2', True), ('1', True)]
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from stmtdiff.classify.lexicon import MULTIPLIERS, NUMBER_DETERMINERS, NUMBER_WORDS, RELATIVE_DATES
from stmtdiff.classify.pieces import PairView, Piece
from stmtdiff.classify.tokens import SENTENCE_OPENERS, tokenize, word, words_of


class Value(NamedTuple):
    """One value found on one side: where it starts (an index into the tokens), what it is."""

    start: int
    end: int  # the token after it ("5 million" is two tokens)
    value: str
    weak: bool  # a weak value, or the year of a date: dropped or added alone it changes nothing


def values_of(texts: tuple[str, ...]) -> list[Value]:
    """The values of a token sequence, in order (see the module docstring)."""
    found: list[Value] = []
    infos = words_of(texts)
    n = len(texts)
    k = 0
    while k < n:
        info = infos[k]
        value = info.number
        if not value:
            k += 1
            continue
        start = k
        if info.fold == "may" and info.capital and _opens(texts, k) and not _near_digits(texts, k):
            k += 1  # "May the talks succeed": the modal verb, not the month
            continue
        if _is_marker(texts, k):
            k += 1  # a reference marker ("[3]", "[REF]") is no value
            continue
        if value[0].isdigit() and k + 1 < n:
            following = infos[k + 1]
            unit = MULTIPLIERS.get(following.fold)
            if unit:  # "5 million", "two hundred"
                value = _times(value, unit)
                k += 1
            elif (
                following.number.isdigit()
                and value.isdigit()
                and 20 <= int(value) <= 90
                and int(value) % 10 == 0
                and len(following.number) == 1
                and not texts[k + 1][0].isdigit()
                and not texts[k][0].isdigit()
            ):  # "twenty five"
                value = str(int(value) + int(following.number))
                k += 1
        found.append(Value(start, k + 1, value, _weak(texts, start) or _year_of_a_date(texts, start)))
        k += 1
    return found


def _year_of_a_date(texts: tuple[str, ...], k: int) -> bool:
    """A year right after a month or a day of a month ("June 12, 2018", "12 June 2018",
    "June 2018"): without it the date still names the day ("on June 12")."""
    text = texts[k]
    if not (len(text) == 4 and text.isdigit() and text[0] in "12"):
        return False
    for j in range(k - 1, max(-1, k - 4), -1):
        info = word(texts[j])
        if info.number.startswith("month"):
            return True
        if not (info.norm == "," or texts[j].isdigit() and len(texts[j]) <= 2):
            return False
    return False


def _times(value: str, unit: int) -> str:
    try:
        product = Decimal(value) * unit
    except InvalidOperation:
        return value
    return str(product.quantize(1)) if product == product.to_integral_value() else str(product.normalize())


def _opens(texts: tuple[str, ...], k: int) -> bool:
    return k == 0 or texts[k - 1][-1] in SENTENCE_OPENERS


def _near_digits(texts: tuple[str, ...], k: int) -> bool:
    return any(0 <= j < len(texts) and texts[j][:1].isdigit() for j in (k - 2, k - 1, k + 1, k + 2))


def _is_marker(texts: tuple[str, ...], k: int) -> bool:
    return 0 < k < len(texts) - 1 and texts[k - 1] == "[" and texts[k + 1] == "]"


def _weak(texts: tuple[str, ...], k: int) -> bool:
    """A number word that refers rather than counts, or an ordinal in a title or list item."""
    info = word(texts[k])
    if info.fold == "both":
        return True
    spelled = not texts[k][0].isdigit()
    if spelled and not info.ordinal and info.fold in NUMBER_WORDS and k > 0:
        before = word(texts[k - 1])
        if before.fold in NUMBER_DETERMINERS:
            return True
    if info.ordinal:
        following = word(texts[k + 1]) if k + 1 < len(texts) else None
        if following is not None and following.capital and following.alnum and (info.capital or not spelled):
            return True  # "First Deputy Minister", "21st Conference of the Parties"
        if spelled and (_opens(texts, k) or following is not None and following.norm == ","):
            return True  # "First, ...", "Second we show ..."
    return False


def pair_values(pair: PairView, side: str) -> tuple[list[int], list[int], list[Value], Counter[str]]:
    """A side's values, where each starts and ends in the document, how often each occurs."""
    key = "values " + side
    found = pair.memo.get(key)
    if found is None:
        texts, starts = pair.tokens(side)
        values = values_of(texts)
        found = pair.memo[key] = (
            [starts[v.start] for v in values],
            [starts[v.end - 1] + len(texts[v.end - 1]) for v in values],
            values,
            Counter([v.value for v in values]),
        )
    return found


def changed_values(piece: Piece, pair: PairView) -> tuple[list[str], list[str]]:
    """The values of the piece, per side, that the other side of the pair lacks."""
    a_at, a_ends, a_values, a_counts = pair_values(pair, "a")
    b_at, b_ends, b_values, b_counts = pair_values(pair, "b")
    a_excess = pair.memo.get("values a-b")
    if a_excess is None:
        a_excess = pair.memo["values a-b"] = a_counts - b_counts
        pair.memo["values b-a"] = b_counts - a_counts
    b_excess = pair.memo["values b-a"]
    # the values the piece's text overlaps ("million" is part of "5 million")
    a_mine = a_values[bisect_right(a_ends, piece.a_start) : bisect_left(a_at, piece.a_end)]
    b_mine = b_values[bisect_right(b_ends, piece.b_start) : bisect_left(b_at, piece.b_end)]
    a_changed = [v for v in a_mine if a_excess[v.value]]
    b_changed = [v for v in b_mine if b_excess[v.value]]
    # a date written as "today" on the other side is the same day written another way
    a_relative = any(word(t).fold in RELATIVE_DATES for t in piece.b_texts())
    b_relative = any(word(t).fold in RELATIVE_DATES for t in piece.a_texts())
    # a weak value alone on one side says nothing new; against another value it changed
    a_strong = not a_relative and (any(not v.weak for v in a_changed) or bool(a_changed and b_excess))
    b_strong = not b_relative and (any(not v.weak for v in b_changed) or bool(b_changed and a_excess))
    return (
        [v.value for v in a_changed] if a_strong else [],
        [v.value for v in b_changed] if b_strong else [],
    )


def value_reason(values: list[str]) -> str:
    """"date changed" when a month or weekday is among the values, else "number changed"."""
    return "date changed" if any(v.startswith(("month", "day")) for v in values) else "number changed"


def moved_values(a_values: list[str], b_values: list[str], pair: PairView) -> str:
    """"before" or "after" when every changed value went to, or came from, the group just
    before or after the pair, else "".

    A value lost here counts as moved when the neighbour's B text has more of it than its A
    text (it arrived there); a value gained here, when the neighbour's A text has more of it
    than its B text (it left there).
    """
    if not a_values and not b_values:
        return ""
    context = pair.context
    for where, (neighbour_a, neighbour_b) in (("before", context.before), ("after", context.after)):
        if not (neighbour_a or neighbour_b):
            continue
        there_a = Counter([v.value for v in values_of(tokenize(neighbour_a)[0])])
        there_b = Counter([v.value for v in values_of(tokenize(neighbour_b)[0])])
        arrived, left = there_b - there_a, there_a - there_b
        if not (Counter(a_values) - arrived) and not (Counter(b_values) - left):
            return where
    return ""
