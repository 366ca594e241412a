"""Meaning: the rules that make a change substantive (values, names, polarity and modality).

    >>> from stmtdiff.classify.tokens import word
    >>> meaning_reasons([word("will")], [word("may")])
    ('modality changed',)
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from stmtdiff.classify.pieces import PairView, Piece, Verdict, opens_sentence
from stmtdiff.classify.tokens import TOKEN, Word, current_languages, negated, same_stem, word
from stmtdiff.languages.wordlists import adjectives_follow_noun

def meaning_reasons(a_info: list[Word], b_info: list[Word]) -> tuple[str, ...]:
    """Substantive, whatever the spelling: negation, modality, commitment (numbers: below).

    - negation: the count of negating words (not, no, never, without, -n't...) differs, or a
      word gains or loses a negating prefix (likely -> unlikely).
    - modality: the modal verbs differ (shall, will, may, should, must...).
    - commitment: the commitment level differs: binding words (commit, pledge, agree, oblige)
      against aims (intend, plan, hope, seek) or against nothing; "intention" -> "intent"
      keeps the level and is not substantive.
    """
    reasons: list[str] = []
    if sum(i.negation for i in a_info) != sum(i.negation for i in b_info) or (
        len(a_info) == len(b_info) == 1 and negated(a_info[0].key, b_info[0].key)
    ):
        reasons.append("negation added or dropped")
    if sorted(i.modal for i in a_info if i.modal) != sorted(i.modal for i in b_info if i.modal):
        reasons.append("modality changed")
    if sorted(i.commitment for i in a_info if i.commitment) != sorted(
        i.commitment for i in b_info if i.commitment
    ) and not (len(a_info) == len(b_info) == 1 and same_stem(a_info[0].key, b_info[0].key)):
        reasons.append("commitment changed")
    return tuple(reasons)


def changed_numbers(a_info: list[Word], b_info: list[Word]) -> tuple[str, ...]:
    """Numbers, amounts and dates found on one side of the piece only ("both" counts as 2).

        >>> changed_numbers([word("30"), word("May")], [word("May"), word("40")])
        ('30', '40')
    """
    a_numbers = [i.number for i in a_info if i.number]
    b_numbers = [i.number for i in b_info if i.number]
    if not a_numbers and not b_numbers:
        return ()
    for numbers, other in ((a_numbers, b_info), (b_numbers, a_info)):
        for _ in range(sum(i.fold == "both" for i in other)):  # "the two sides" / "both sides"
            if "2" in numbers:
                numbers.remove("2")
    changed = []
    for number in set(a_numbers) | set(b_numbers):
        changed += [number] * abs(a_numbers.count(number) - b_numbers.count(number))
    return tuple(sorted(changed))


def number_reason(pair: PairView, changed: tuple[str, ...]) -> str:
    """Number/date: a number, amount, percentage, ordinal, month or weekday is not on both
    sides; one that only moved inside the pair ("in Astana on May 20" -> "on May 20 in
    Astana") is no change of number."""
    a_counts, b_counts = pair.numbers("a"), pair.numbers("b")
    if all(a_counts[n] == b_counts[n] and a_counts[n] for n in changed):
        return ""
    if any(n.startswith(("month", "day")) for n in changed):
        return "date changed"
    return "number changed"


def opening_may(piece: Piece, numbers: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """"May" opening a sentence is the modal verb ("May the talks succeed"), not the month."""
    found = False
    for side, texts in (("a", piece.a_texts()), ("b", piece.b_texts())):
        opening = texts and texts[0] == "May" and opens_sentence(piece, side)
        if opening and "month 5" in numbers:
            position = numbers.index("month 5")
            numbers = numbers[:position] + numbers[position + 1 :]
            found = True
    return numbers, found


def context_reasons(piece: Piece, verdict: Verdict, pair: PairView) -> tuple[str, ...]:
    """Substantive, once spelling is ruled out: proper names and qualifiers of terms.

    - proper name: a capitalised word that does not open a sentence and is not found, in any
      form, on the other side of the pair (Platform -> Forum inside "Mineral Security
      Partnership Platform"); "changed" when both sides have one, else "added"/"removed".
    - qualifier of a term: one adjective-like content word (-able, -ent, -al, -ive, -ous...)
      replaced by an unrelated adjective-like one, or added or dropped, right before a term
      of two or more
      unchanged content words (sustainable -> permanent before "normal trade relations").
      Verbs before a term ("increase gender equality") and adjectives before a single noun
      ("keen interest") are wording.
    """
    reasons: tuple[str, ...] = ()
    if verdict.a_names or verdict.b_names:
        a_new = _has_new_name(piece, pair, "a", verdict.a_names)
        b_new = _has_new_name(piece, pair, "b", verdict.b_names)
        if a_new and b_new:
            reasons = ("proper name changed",)
        elif a_new:
            reasons = ("proper name removed",)
        elif b_new:
            reasons = ("proper name added",)
    if verdict.qualifier and (
        _term_follows(piece, verdict.qualifier)
        or (_adjectives_follow_nouns() and _term_precedes(piece, verdict.qualifier))
    ):
        reasons += ("qualifier of a term changed",)
    return reasons


def _adjectives_follow_nouns() -> bool:
    """Whether a language being classified puts adjectives after the noun (French, Spanish):
    there the term a qualifier belongs to comes before it ("relations commerciales normales
    permanentes")."""
    return any(adjectives_follow_noun(lang) for lang in current_languages())


def _has_new_name(piece: Piece, pair: PairView, side: str, positions: tuple[int, ...]) -> bool:
    """Does this side of the piece hold a name (a capitalised word inside a sentence) that the
    other side of the pair lacks in every form?"""
    if positions and positions[0] == 0 and opens_sentence(piece, side):
        positions = positions[1:]
    if not positions:
        return False
    texts = piece.a_texts() if side == "a" else piece.b_texts()
    other = "b" if side == "a" else "a"
    return any(not pair.has_form_of(other, word(texts[k])) for k in positions)


def qualifier_candidate(a_info: list[Word], b_info: list[Word]) -> str:
    """"b" (or "a" for a deletion) when the piece is one qualifier swapped, added or dropped:
    lower-case content words, one a side at most, all adjective-like (by ending, 6+ letters),
    and unrelated to each other. Whether a term follows is checked in context."""
    if len(a_info) > 1 or len(b_info) > 1:
        return ""
    words = a_info + b_info
    if any(i.function or i.capital or i.number or not i.fold.isalpha() for i in words):
        return ""
    # in other languages one adjective shown by its ending is enough: their lists leave out
    # endings that nouns share (French "permanentes" is not known by it, "durables" is)
    known = any if current_languages() else all
    if not known(i.adjective_like for i in words):
        return ""
    if len(words) == 2:
        a, b = words
        a_key, b_key = a.key, b.key
        if current_languages():  # an inflected language: a shared ending relates nothing
            a_key, b_key = _without_shared_ending(a_key, b_key)
        if same_stem(a.key, b.key) or Indel.normalized_similarity(a_key, b_key) >= 0.5:
            return ""
    return "b" if b_info else "a"


def _without_shared_ending(a: str, b: str) -> tuple[str, str]:
    """Both words without the ending they share: "постоянных", "устойчивых" -> "постоянн",
    "устойчив" (an inflection says nothing about whether two adjectives are related)."""
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    return (a[: len(a) - shared], b[: len(b) - shared]) if shared else (a, b)


def _term_follows(piece: Piece, side: str) -> bool:
    """True when two or more unchanged content words follow the piece: a multi-word term."""
    run = piece.run
    layout = run.layout
    if layout is None:
        return False
    if side == "a":
        tokens, kept, index = layout.a_texts, layout.a_kept, piece.i1
    else:
        tokens, kept, index = layout.b_texts, layout.b_kept, piece.j1
    texts: list[str] = []
    while index < len(tokens):
        if index not in kept:
            return _is_term(texts)
        texts.append(tokens[index])
        index += 1
    texts.extend(TOKEN.findall(run.after[:80]))
    return _is_term(texts)


def _term_precedes(piece: Piece, side: str) -> bool:
    """True when two or more unchanged content words come right before the piece."""
    run = piece.run
    layout = run.layout
    if layout is None:
        return False
    if side == "a":
        tokens, kept, index = layout.a_texts, layout.a_kept, piece.i0
    else:
        tokens, kept, index = layout.b_texts, layout.b_kept, piece.j0
    texts: list[str] = []
    index -= 1
    while index >= 0:
        if index not in kept:
            return _is_term(texts)
        texts.append(tokens[index])
        index -= 1
    texts.extend(reversed(TOKEN.findall(run.before[-80:])))
    return _is_term(texts)


def _is_term(texts: list[str]) -> bool:
    count = 0
    for text in texts:
        info = word(text)
        if not info.alnum or info.function:
            break
        count += 1
    return count >= 2
