"""Content: words that add or take away information, and qualifiers swapped inside a term.

*New content words* of a piece are its content words (not function words, numbers or
punctuation) that the other side of the pair has in no form, and that did not come from, or
go to, the sentence just before or after.

* Content added or removed: a piece that brings two or more new content words while the other
  side of the piece brings none ("panel data or" added, "in disks with cylindrical temperature
  structure" dropped). A sentence added is substantive; so is a clause or a phrase that adds
  information. One new word ("clearly", "also") stays wording. A rewrite (new words on both
  sides) adds or removes content when one side brings at least two more new content words than
  the other ("discussed the agenda" -> "signed a memorandum on energy transit": "signed",
  "memorandum", "energy", "transit" for "discussed", "agenda", a margin of two); one new word for
  one, or two for one, is the same thing said another way ("enhance cooperation" -> "increase
  collaboration", "discuss" -> "review and debate"): "rephrased".
* Qualifier of a term changed: one adjective-like word (-able, -ent, -al, -ive...) swapped for
  an unrelated word, added or dropped, right before a term: two or more unchanged content
  words ("sustainable" -> "permanent" normal trade relations), or a phrase the documents
  repeat ("secure" -> "reliable" supply chains, where "supply chains" recurs). A verb before a
  term ("advance" -> "increase" gender equality) is wording.

The worked examples run through the whole classifier in ``tests/test_classify_meaning.py``.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from stmtdiff.classify.lexicon import VERB_AND_ADVERB_ENDINGS
from stmtdiff.classify.pieces import PairView, Piece, has_form_of
from stmtdiff.classify.tokens import TOKEN, Word, current_languages, respelled, same_stem, word
from stmtdiff.languages.wordlists import adjectives_follow_noun

NEW_CONTENT_MIN = 2  # new content words that make an addition or omission substantive
NEW_CONTENT_MARGIN = 2  # new content words one side must bring beyond the other side's new ones
TERM_WORDS = 2  # unchanged content words after a qualifier that make a term by themselves


def content_reason(
    pair: PairView, side: str, words: tuple[str, ...], probe: tuple[str, ...]
) -> tuple[str, str]:
    """("content added" or "content removed", "") when the piece's content words on ``side``
    bring two or more the other side of the pair lacks, and at least two more than the new
    words of the piece's other side (``probe``: its words that are no form of the first side's;
    the ones ``side`` of the pair also lacks are new); with "before" or "after" as second item
    when they moved to or from that neighbour instead; ("", "") otherwise.

    Why a margin of two: a margin of one also catches many rewrites that only say the same
    thing at more length (it made 60% more of the changes between two Bible translations
    substantive); a margin of two adds about 10% there, while it still finds the new facts
    that the old rule (no new word at all on the other side) missed in long rewrites."""
    other = "a" if side == "b" else "b"
    found = [info for info in map(word, words) if not pair.has_form_of(other, info)]
    if len(found) < NEW_CONTENT_MIN:
        return "", ""
    answered = sum(not pair.has_form_of(side, word(text)) for text in probe)
    if len(found) - answered < NEW_CONTENT_MARGIN:
        return "", ""  # about as many new words on the other side: a rephrasing
    return ("content added" if side == "b" else "content removed"), moved_to_a_neighbour(found, pair, side)


def moved_to_a_neighbour(words: list[Word], pair: PairView, side: str) -> str:
    """"before" or "after" when words lost on side A arrived in that neighbour (they are in its
    B text and not its A text), or words gained on side B left it (conversely); else ""."""
    for where, (neighbour_a, neighbour_b) in (("before", pair.context.before), ("after", pair.context.after)):
        arrived, there = (neighbour_b, neighbour_a) if side == "a" else (neighbour_a, neighbour_b)
        if not arrived:
            continue
        folded_arrived, folded_there = arrived.casefold(), there.casefold()
        if all(has_form_of(folded_arrived, w) and not has_form_of(folded_there, w) for w in words):
            return where
    return ""


def qualifier_candidate(a_info: list[Word], b_info: list[Word]) -> str:
    """"b" (or "a" for a deletion) when the piece is one qualifier swapped, added or dropped:
    lower-case content words, one a side at most, at least one adjective-like (by ending,
    6+ letters), none a verb form (-ing, -ed) and unrelated to each other. Whether a term
    follows is checked in context (:func:`qualifies_a_term`)."""
    if len(a_info) > 1 or len(b_info) > 1:
        return ""
    words = a_info + b_info
    adjective = False
    for i in words:
        if i.function or i.capital or i.number or not i.fold.isalpha():
            return ""
        adjective = adjective or i.adjective_like
    if not adjective:
        return ""
    other_languages = current_languages()
    if not other_languages and any([i.fold.endswith(VERB_AND_ADVERB_ENDINGS) for i in words]):
        return ""
    if len(words) == 2:
        a, b = words
        if other_languages:  # an inflected language: a shared ending relates nothing
            a_key, b_key = _without_shared_ending(a.key, b.key)
            if same_stem(a.key, b.key) or Indel.normalized_similarity(a_key, b_key) >= 0.5:
                return ""
        elif same_stem(a.key, b.key) or respelled(a.key, b.key) or a.key[:3] == b.key[:3]:
            return ""
    return "b" if b_info else "a"


def _without_shared_ending(a: str, b: str) -> tuple[str, str]:
    """Both words without the ending they share: "постоянных", "устойчивых" -> "постоянн",
    "устойчив" (an inflection says nothing about whether two adjectives are related)."""
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[-1 - shared] == b[-1 - shared]:
        shared += 1
    return (a[: len(a) - shared], b[: len(b) - shared]) if shared else (a, b)


def qualifies_a_term(piece: Piece, pair: PairView, side: str) -> bool:
    """Whether the piece stands right before a term: two or more unchanged content words, or
    one or more that the documents repeat as a phrase."""
    following = _following_words(piece, pair, side)
    if len(following) >= TERM_WORDS:
        return True
    if _adjectives_follow_nouns() and len(_preceding_words(piece, side)) >= TERM_WORDS:
        return True  # French, Spanish: "relations commerciales normales [permanentes]"
    terms = pair.context.terms
    if not following or terms is None:
        return False
    tail = tuple([w.fold for w in following])
    return any(
        terms.recurs(tuple([word(t).fold for t in texts]) + tail, piece.a_start, piece.b_start)
        for texts in (piece.a_texts(), piece.b_texts())
        if texts
    )


def _adjectives_follow_nouns() -> bool:
    """Whether a language being classified puts adjectives after the noun (French, Spanish):
    there the term a qualifier belongs to comes before it ("relations commerciales normales
    permanentes")."""
    return any(adjectives_follow_noun(lang) for lang in current_languages())


def _preceding_words(piece: Piece, side: str) -> list[Word]:
    """The unchanged content words right before the piece (up to the first other token)."""
    return _unchanged_words(piece, side, step=-1)


def _following_words(piece: Piece, pair: PairView, side: str) -> list[Word]:
    """The unchanged content words right after the piece (up to the first other token)."""
    return _unchanged_words(piece, side, step=1)


def _unchanged_words(piece: Piece, side: str, *, step: int) -> list[Word]:
    """The unchanged content words next to the piece on ``side``, going back (``step`` -1) or
    forward (1) token by token until a changed token, a function word, a number or
    punctuation; past the run's end, into the text around it (80 characters)."""
    run = piece.run
    layout = run.layout
    if layout is None:
        return []
    if side == "a":
        tokens, kept, index = layout.a_texts, layout.a_kept, (piece.i0 - 1 if step < 0 else piece.i1)
    else:
        tokens, kept, index = layout.b_texts, layout.b_kept, (piece.j0 - 1 if step < 0 else piece.j1)
    texts: list[str] = []
    while 0 <= index < len(tokens):
        if index not in kept:
            break
        texts.append(tokens[index])
        index += step
    else:
        texts.extend(reversed(TOKEN.findall(run.before[-80:])) if step < 0 else TOKEN.findall(run.after[:80]))
    found = []
    for text in texts:
        info = word(text)
        if not info.alnum or info.function or info.number:
            break
        found.append(info)
    return found
