"""Significance: one number per reason, and the ranking of all changes by it.

=============  ============  =======================================================
class          significance  what it is
=============  ============  =======================================================
formatting     0.02 - 0.05   whitespace, letter case, punctuation, quote/dash style,
                             Unicode variants (NFKC, look-alike letters)
spelling       0.15          the same word written another way
wording        0.20 - 0.45   moved words 0.20, another form of a word 0.25,
                             grammar words 0.25, content words 0.30 + 0.03 a word
substantive    0.60 - 1.00   watched term 0.95 ... name added/removed 0.60;
                             +0.02 for each extra reason
=============  ============  =======================================================

    >>> from stmtdiff.model import ChangeClass
    >>> score(ChangeClass.WORDING, ("rephrased",), 3), score(ChangeClass.SUBSTANTIVE, ("number changed",))
    (0.36, 0.86)
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from stmtdiff.classify.terms import TermIndex
from stmtdiff.classify.tokens import word
from stmtdiff.model import Change, ChangeClass, Pair

SIGNIFICANCE: dict[str, float] = {
    # formatting
    "whitespace only": 0.02,
    "quote or dash style": 0.03,
    "Unicode variant": 0.03,
    "letter case only": 0.05,
    "punctuation only": 0.05,
    "boilerplate": 0.02,
    "reference marker": 0.03,
    "attribution": 0.02,
    "outside the shared text": 0.05,
    # spelling
    "US/UK spelling": 0.15,
    "hyphenation or compound": 0.15,
    "accents": 0.15,
    "name spelled another way": 0.15,
    "abbreviation and its expansion": 0.15,
    "number written another way": 0.15,
    "word spelled another way": 0.15,
    # wording
    "in a repeated phrase": 0.0,  # evidence added to another reason (see weigh_terms)
    "moved within the sentence": 0.20,
    "moved to the next sentence": 0.20,
    "moved to the previous sentence": 0.20,
    "moved from the next sentence": 0.20,
    "moved from the previous sentence": 0.20,
    "gloss added": 0.30,
    "gloss removed": 0.30,
    "name or title shortened": 0.22,
    "name or title completed": 0.22,
    "name or title reworded": 0.22,
    "another form of the same word": 0.25,
    "grammar words": 0.25,
    "rephrased": 0.30,
    "words added": 0.30,
    "words removed": 0.30,
    # substantive
    "watched term": 0.95,
    "negation added or dropped": 0.90,
    "number changed": 0.85,
    "date changed": 0.85,
    "modality changed": 0.80,
    "commitment changed": 0.80,
    "qualifier of a term changed": 0.75,
    "proper name changed": 0.75,
    "content added": 0.62,
    "content removed": 0.62,
    "proper name added": 0.60,
    "proper name removed": 0.60,
    "sentence omitted": 0.60,
    "sentence added": 0.60,
}


_CONTENT_REASONS = frozenset({"rephrased", "words added", "words removed", "gloss added", "gloss removed"})


@lru_cache(maxsize=4096)
def score(change_class: ChangeClass, reasons: tuple[str, ...], content: int = 1, letters: int = 0) -> float:
    """The significance of a classified change: its reason's level, then its evidence.

    ``content``: content words on its longer side; ``letters``: their letters (or, with no
    content word, the letters of its words). Within a class, a change that carries more
    counts for more, so changes rarely tie: a substantive change gains 0.02 for each further
    reason, 0.01 a content word (up to 5) and 0.0002 a letter (up to 50); a rewording of
    content words 0.03 for each content word after the first (up to 5) and 0.0004 a letter;
    other wording 0.0002 a letter. Spelling and formatting stay flat.

        >>> score(ChangeClass.WORDING, ("rephrased",), 1, 6), score(ChangeClass.WORDING, ("rephrased",), 1, 12)
        (0.302, 0.305)
    """
    values = [SIGNIFICANCE.get(r, 0.3) for r in reasons] or [0.3]
    value = max(values)
    letters = min(letters, 50)
    if change_class is ChangeClass.SUBSTANTIVE:
        value += 0.02 * (len(values) - 1) + 0.01 * min(content, 5) + 0.0002 * letters
    elif change_class is ChangeClass.WORDING:
        if reasons[0] in _CONTENT_REASONS:
            value += 0.03 * min(5, max(0, content - 1)) + 0.0004 * letters
        else:
            value += 0.0002 * letters
    return round(min(1.0, value), 3)


def rank_changes(pairs: Sequence[Pair], limit: int | None = None) -> tuple[tuple[int, int], ...]:
    """(pair index, change index) of every change, most significant first.

    Ties keep document order (pair index, then change index), so the ranking is
    deterministic.
    """
    ranked = sorted(
        [
            (-change.significance, p, c)
            for p, pair in enumerate(pairs)
            for c, change in enumerate(pair.changes)
        ]
    )
    if limit is not None:
        ranked = ranked[: max(0, limit)]
    return tuple((p, c) for _, p, c in ranked)


REPEAT_PENALTY = 0.05  # a sentence added or omitted that repeats the shape of an earlier one
_SHAPE_MIN_WORDS = 3  # lower-case words a shape needs: "SEC. 553." has none and repeats nothing
# What varies between the items of a list written to one pattern: names (capitalised words,
# with the commas between them) and numbers.
_VARYING = re.compile(r"(?:[A-Z][\w'’.-]*|\S*\d\S*)(?:[\s,]+(?:[A-Z][\w'’.-]*|\S*\d\S*))*")
_SENTENCE_REASONS = ("sentence added", "sentence omitted")


def damp_repeated_sentences(pairs: Sequence[Pair]) -> list[Pair]:
    """The pairs with each sentence added (or omitted) that repeats the shape of an earlier one
    :data:`REPEAT_PENALTY` lower (never below the substantive floor, 0.6).

    A list whose items follow one pattern ("(A) the Port of Carbury, North Dakota, port of entry
    from the operational hours of 9:00 AM to 5:00 PM daily;", "(B) the Port of Fortuna, …")
    says one new thing many times: its first item ranks by its own evidence, the others below
    it, so that fourteen such items do not push every other added sentence out of the top
    changes. The shape is the sentence with its names and numbers masked; one needs at least
    three other words.

        >>> from stmtdiff.model import Change, ChangeClass, Pair, Status
        >>> def added(text, start):
        ...     change = Change("", text, 0, 0, start, start + len(text), ChangeClass.SUBSTANTIVE, 0.77,
        ...                     ("sentence added",))
        ...     return Pair((), (start,), Status.INSERTED, 0.0, False, (), (change,))
        >>> pairs = [added("(A) the Port of Carbury, North Dakota, opens at 9:00 AM.", 0),
        ...          added("(B) the Port of Roseau, Minnesota, opens at 8:00 AM.", 1)]
        >>> [p.changes[0].significance for p in damp_repeated_sentences(pairs)]
        [0.77, 0.72]
    """
    seen: set[tuple[str, str]] = set()
    out = list(pairs)
    for n, pair in enumerate(pairs):
        if len(pair.changes) != 1 or (pair.a and pair.b):
            continue
        change = pair.changes[0]
        if change.change_class is not ChangeClass.SUBSTANTIVE or change.reasons[0] not in _SENTENCE_REASONS:
            continue
        shape = " ".join(_VARYING.sub("N", change.a_text or change.b_text).casefold().split())
        if sum(1 for w in shape.split() if w.strip(",.;:()") not in ("n", "")) < _SHAPE_MIN_WORDS:
            continue
        key = (change.reasons[0], shape)
        if key not in seen:
            seen.add(key)
            continue
        damped = round(max(SIGNIFICANCE["sentence added"], change.significance - REPEAT_PENALTY), 3)
        out[n] = replace(pair, changes=(replace(change, significance=damped),))
    return out


TERM_BONUS = 0.04  # a change that touches a phrase the documents repeat
WORD_BONUS = 0.01  # at most, for changed words the documents use again (0.002 a use)
TERM_REASON = "in a repeated phrase"
CANDIDATES_PER_PLACE = 3  # changes looked at for each place of the list, the most significant
WEIGHED_MAX_CHARS = 160  # a longer change (a sentence added) is weighed by what it says, not by a phrase
_WORD = re.compile(r"\w[\w'\u2019-]*")


def weigh_terms(
    pairs: Sequence[Pair], a_text: str, b_text: str, terms: TermIndex, limit: int
) -> list[Pair]:
    """The pairs with the changes that touch a term lifted by :data:`TERM_BONUS`.

    A change touches a term when the two words right after it (or, at a sentence's end, right
    before it) are content words the documents repeat as a phrase: "secure" -> "reliable"
    before "supply chains" ranks above "keen" -> "strong" before "interest". A change of a word
    the documents use again gains a little too (up to :data:`WORD_BONUS`), so changes rarely
    tie. Only wording and substantive changes that the lift could bring into the top ``limit``
    are looked at, the most significant three for each place of the list (the others could
    not reach it), so a long document costs a few phrase counts.

        >>> from stmtdiff.model import Change, ChangeClass, Pair, Status
        >>> text = "We build secure supply chains. Supply chains matter."
        >>> change = Change("secure", "reliable", 9, 15, 9, 17, ChangeClass.WORDING, 0.3, ("rephrased",))
        >>> pair = Pair((0,), (0,), Status.CHANGED, 0.9, False, (), (change,))
        >>> weigh_terms([pair], text, text.replace("secure", "reliable"), TermIndex(text, text), 20)[0].changes[0].reasons
        ('rephrased', 'in a repeated phrase')
    """
    significances = heapq.nlargest(
        limit, (c.significance for pair in pairs for c in pair.changes if not c.ignored)
    )
    if not significances:
        return list(pairs)
    bar = significances[-1] - TERM_BONUS - WORD_BONUS
    candidates = heapq.nsmallest(
        CANDIDATES_PER_PLACE * limit,
        (
            (-change.significance, n, k)
            for n, pair in enumerate(pairs)
            for k, change in enumerate(pair.changes)
            if change.significance >= bar
            and not change.ignored
            and change.change_class in _WEIGHED
            and len(change.a_text) + len(change.b_text) <= WEIGHED_MAX_CHARS
        ),
    )
    out = list(pairs)
    chosen: dict[int, list[int]] = {}
    for _, n, k in candidates:
        chosen.setdefault(n, []).append(k)
    for n, ks in chosen.items():
        pair = pairs[n]
        lifted = None
        for k in ks:
            change = pair.changes[k]
            term = _touches_term(change, a_text, b_text, terms)
            lift = (TERM_BONUS if term else 0.0) + _recurring_words(change, terms)
            if lift:
                lifted = lifted or list(pair.changes)
                lifted[k] = replace(
                    change,
                    significance=round(min(1.0, change.significance + lift), 3),
                    reasons=change.reasons + (TERM_REASON,) if term else change.reasons,
                )
        if lifted is not None:
            out[n] = replace(pair, changes=tuple(lifted))
    return out


_WEIGHED = (ChangeClass.WORDING, ChangeClass.SUBSTANTIVE)


def _touches_term(change: Change, a_text: str, b_text: str, terms: TermIndex) -> bool:
    """Whether two content words next to the change, or its first or last word with the word
    beside it, make a phrase that its document repeats ("secure" before "supply chains";
    "trade" in "trade policy")."""
    for text, start, end, changed in (
        (b_text, change.b_start, change.b_end, change.b_text),
        (a_text, change.a_start, change.a_end, change.a_text),
    ):
        after = _WORD.findall(_STOP.split(text[end : end + 60], 1)[0])[:2]
        before = _WORD.findall(_STOP.split(text[max(0, start - 60) : start])[-1])[-2:]
        words = _WORD.findall(changed)
        phrases = [after, before]
        if words and len(_STOP.split(changed)) == 1:
            phrases += [[words[-1]] + after[:1], before[-1:] + [words[0]]]
        for phrase in phrases:
            if len(phrase) == 2 and all(_is_content(w) for w in phrase):
                if terms.recurs(tuple(w.casefold() for w in phrase), change.a_start, change.b_start):
                    return True
    return False


def _recurring_words(change: Change, terms: TermIndex) -> float:
    """0.002 for each further use, in the documents, of the change's most used content word
    (a word the text keeps coming back to counts for more than one it uses once)."""
    uses = 0
    for text in (change.a_text, change.b_text):
        for found in _WORD.findall(text)[:3]:
            if _is_content(found):
                uses = max(uses, terms.count((found.casefold(),), change.a_start, change.b_start))
    return round(min(WORD_BONUS, 0.002 * max(0, uses - 1)), 3)


_STOP = re.compile(r"[.,;:!?()\[\]\u2014\u2013\n]")


def _is_content(text: str) -> bool:
    info = word(text)
    return info.alnum and info.content and len(info.plain) > 2
