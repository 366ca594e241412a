"""Wording: rephrasing that keeps the meaning as far as the rules can tell, and moved words.

    >>> from stmtdiff.classify.tokens import word
    >>> wording_reasons([], [word("the")], 0, 0)[1], wording_reasons([word("said")], [word("noted")], 1, 1)[1]
    (('grammar words',), ('rephrased',))
"""

from __future__ import annotations

from stmtdiff.classify.pieces import Piece
from stmtdiff.classify.ranking import SIGNIFICANCE
from stmtdiff.classify.tokens import Word, same_stem, word, words_of
from stmtdiff.model import ChangeClass

def wording_reasons(
    a_words: list[Word], b_words: list[Word], a_content: int, b_content: int
) -> tuple[ChangeClass, tuple[str, ...]]:
    """Wording: grammar words only (no content word on either side), words added, words
    removed, else "rephrased"."""
    if not a_words and not b_words:
        return ChangeClass.FORMATTING, ("punctuation only",)
    if not a_content and not b_content:
        return ChangeClass.WORDING, ("grammar words",)
    if not a_words:
        return ChangeClass.WORDING, ("words added",)
    if not b_words:
        return ChangeClass.WORDING, ("words removed",)
    return ChangeClass.WORDING, ("rephrased",)


def gloss_reason(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> str:
    """"gloss added" / "gloss removed" for a piece that only adds or drops one remark in
    brackets: "Astana (renamed Nur-Sultan in 2019)", "Dialogue (ESPD)". What a gloss says
    explains the text around it; its words are not weighed as names or values.

        >>> gloss_reason((), ("(", "renamed", "Nur-Sultan", "in", "2019", ")")), gloss_reason(("(", "a", ")", "b"), ())
        ('gloss added', '')
    """
    if a_texts and b_texts:
        return ""
    texts = a_texts or b_texts
    if len(texts) < 3 or texts[0] != "(" or texts[-1] != ")" or "(" in texts[1:] or ")" in texts[:-1]:
        return ""
    return "gloss added" if b_texts else "gloss removed"


def moved_reason(side: str, where: str) -> str:
    """The wording reason for words that left this sentence for a neighbour (``side`` "a") or
    came from one ("b"); ``where`` is "before" or "after".

        >>> moved_reason("a", "after"), moved_reason("b", "before")
        ('moved to the next sentence', 'moved from the previous sentence')
    """
    if side == "a":
        return "moved to the next sentence" if where == "after" else "moved to the previous sentence"
    return "moved from the next sentence" if where == "after" else "moved from the previous sentence"


def mark_moves(pieces: list[Piece]) -> None:
    """A deletion and an insertion of the same words in one pair: the words moved (wording).

    The same words in any form ("foreign Kazakhstani fighters" / "Kazakh foreign fighters":
    the forms of a word share a stem); and words deleted that reappear inside a longer
    insertion elsewhere in the pair (or the reverse) moved too, while the longer one keeps its
    own class for the words it adds: "in Astana" / "on May 20 in Astana".
    """
    deletion = insertion = False
    for piece in pieces:
        if not piece.raw:
            deletion = deletion or piece.j1 == piece.j0
            insertion = insertion or piece.i1 == piece.i0
    if not (deletion and insertion):
        return
    deleted: list[tuple[tuple[str, ...], Piece]] = []
    inserted: list[tuple[tuple[str, ...], Piece]] = []
    for piece in pieces:
        if piece.raw or piece.change_class is ChangeClass.FORMATTING:
            continue
        if piece.j1 == piece.j0 and not piece.b_extra:
            key = _words_key(piece.a_texts())
            if key:
                deleted.append((key, piece))
        elif piece.i1 == piece.i0 and not piece.a_extra:
            key = _words_key(piece.b_texts())
            if key:
                inserted.append((key, piece))
    if not deleted or not inserted:
        return
    for key, piece in inserted:  # the same words, in the same or other forms
        if len(key) > MOVED_MAX_WORDS and not any(key == other for other, _ in deleted):
            continue
        for n, (other_key, partner) in enumerate(deleted):
            if len(key) == len(other_key) and all(map(_same_word, key, other_key)):
                _moved(piece)
                _moved(partner)
                del deleted[n]
                break
    unmatched = [(key, piece) for key, piece in inserted if piece.reasons[:1] != (MOVED,)]
    # words dropped that reappear inside a longer insertion, and conversely; a word and its
    # forms share their first four letters (see same_stem), so a longer piece lacking one of
    # those beginnings cannot hold the shorter one
    for short_side, long_side in ((deleted, unmatched), (unmatched, deleted)):
        beginnings = [(other, {w[:4] for w in other}) for other, _ in long_side]
        for key, piece in short_side:
            if len(key) > MOVED_MAX_WORDS or piece.reasons[:1] == (MOVED,):
                continue
            wanted = {w[:4] for w in key}
            longer = [other for other, found in beginnings if len(other) > len(key) and wanted <= found]
            if not longer or not any(word(t).content for t in piece.a_texts() + piece.b_texts()):
                continue
            if any(_contains(other, key) for other in longer):
                _moved(piece)


MOVED = "moved within the sentence"
MOVED_MAX_WORDS = 12  # longer pieces are matched whole only: bounded cost in a long sentence


def _same_word(a: str, b: str) -> bool:
    return a == b or same_stem(a, b)


def _moved(piece: Piece) -> None:
    piece.change_class = ChangeClass.WORDING
    piece.reasons = ("moved within the sentence",)
    piece.significance = SIGNIFICANCE["moved within the sentence"]


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether ``shorter`` occurs in ``longer`` as a run of words (in any of their forms)."""
    size = len(shorter)
    return any(
        all(map(_same_word, longer[k : k + size], shorter)) for k in range(len(longer) - size + 1)
    )


def _words_key(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple([info.key for info in words_of(texts) if info.alnum])
