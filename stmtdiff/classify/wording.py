"""Wording: rephrasing that keeps the meaning as far as the rules can tell, and moved words.

    >>> from stmtdiff.classify.tokens import word
    >>> wording_reasons([], [word("the")], 0, 0)[1], wording_reasons([word("said")], [word("noted")], 1, 1)[1]
    (('grammar words',), ('rephrased',))
"""

from __future__ import annotations

from stmtdiff.classify.pieces import Piece
from stmtdiff.classify.ranking import SIGNIFICANCE
from stmtdiff.classify.tokens import Word, word
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


def mark_moves(pieces: list[Piece]) -> None:
    """A deletion and an insertion of the same words in one pair: the words moved (wording)."""
    deletion = insertion = False
    for piece in pieces:
        if not piece.raw:
            deletion = deletion or piece.j1 == piece.j0
            insertion = insertion or piece.i1 == piece.i0
    if not (deletion and insertion):
        return
    deleted: dict[tuple[str, ...], list[Piece]] = {}
    inserted: list[tuple[tuple[str, ...], Piece]] = []
    for piece in pieces:
        if piece.raw or piece.change_class is ChangeClass.FORMATTING:
            continue
        if piece.j1 == piece.j0 and piece.i1 > piece.i0:
            key = _words_key(piece.a_texts())
            if key:
                deleted.setdefault(key, []).append(piece)
        elif piece.i1 == piece.i0 and piece.j1 > piece.j0:
            key = _words_key(piece.b_texts())
            if key:
                inserted.append((key, piece))
    if not deleted or not inserted:
        return
    for key, piece in inserted:
        partners = deleted.get(key)
        if partners:
            partner = partners.pop(0)
            for moved in (piece, partner):
                moved.change_class = ChangeClass.WORDING
                moved.reasons = ("moved within the sentence",)
                moved.significance = SIGNIFICANCE["moved within the sentence"]


def _words_key(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple([info.key for info in [word(t) for t in texts] if info.alnum])
