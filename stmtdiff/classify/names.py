"""Names: a proper name added, removed or replaced, and a name or title shortened or completed.

A *name word* is a capitalised content word that does not open a sentence and is not a
reference marker ("[3]", "[REF]"). A name word is *new* when the other side of the pair has it
in no form (a respelled or inflected form counts as the same word).

* New name words on both sides: "proper name changed" (substantive): "Mineral Security
  Partnership Platform" -> "... Forum".
* Words dropped from, or added to, a name or title that stays: "name or title shortened" /
  "name or title completed" (wording), when the piece is only name words and joiners ("of",
  "the", "for"...; never "and" or a comma, which join two names) and stands next to a name
  word that both sides keep: "Donald Lu" -> "Lu", "First Deputy Minister of Foreign Affairs
  Umarov" -> "Minister Umarov".
* Name words replaced by name words the other side has elsewhere: "name or title reworded"
  (wording): "Foreign Minister" -> "Minister of Foreign Affairs".
* Otherwise new name words on one side: "proper name added" / "proper name removed"
  (substantive, the least of the substantive reasons).

The worked examples are in ``tests/test_classify_meaning.py`` (names need a pair around them).
"""

from __future__ import annotations

from bisect import bisect_left

from stmtdiff.classify.lexicon import NAME_JOINERS
from stmtdiff.classify.pieces import PairView, Piece, opens_sentence
from stmtdiff.classify.tokens import Word, word
from stmtdiff.model import ChangeClass

SHORTENED, COMPLETED, REWORDED = "name or title shortened", "name or title completed", "name or title reworded"


def name_outcome(
    piece: Piece, pair: PairView, a_positions: tuple[int, ...], b_positions: tuple[int, ...]
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """The names rule for a piece whose tokens hold name words (positions within the piece)."""
    a_texts, b_texts = piece.a_texts(), piece.b_texts()
    a_names = _inside(piece, "a", a_texts, a_positions)
    b_names = _inside(piece, "b", b_texts, b_positions)
    a_new = [k for k in a_names if not pair.has_form_of("b", word(a_texts[k]))]
    b_new = [k for k in b_names if not pair.has_form_of("a", word(b_texts[k]))]
    if a_new and b_new:
        return ChangeClass.SUBSTANTIVE, ("proper name changed",)
    for side, texts, names, other in (("a", a_texts, a_names, b_texts), ("b", b_texts, b_names, a_texts)):
        if names and not any(word(t).alnum for t in other) and _part_of_a_kept_name(piece, pair, side, texts):
            return ChangeClass.WORDING, (SHORTENED if side == "a" else COMPLETED,)
    if not a_new and not b_new and a_names and b_names and _only_name_words(a_texts) and _only_name_words(b_texts):
        return ChangeClass.WORDING, (REWORDED,)  # "Foreign Minister" / "Minister of Foreign Affairs"
    if a_new:
        return ChangeClass.SUBSTANTIVE, ("proper name removed",)
    if b_new:
        return ChangeClass.SUBSTANTIVE, ("proper name added",)
    return None


def _inside(piece: Piece, side: str, texts: tuple[str, ...], names: tuple[int, ...]) -> list[int]:
    """The name words, without a first word that opens a sentence or a bracketed marker."""
    kept = []
    for k in names:
        if k == 0 and opens_sentence(piece, side):
            continue
        if 0 < k < len(texts) - 1 and texts[k - 1] == "[" and texts[k + 1] == "]":
            continue
        kept.append(k)
    return kept


def _part_of_a_kept_name(piece: Piece, pair: PairView, side: str, texts: tuple[str, ...]) -> bool:
    """Whether the piece's words on ``side`` are only name words and joiners, next to a name
    word that both sides of the pair have."""
    if not _only_name_words(texts):
        return False
    start, end = (piece.a_start, piece.a_end) if side == "a" else (piece.b_start, piece.b_end)
    tokens, starts = pair.tokens(side)
    other = "b" if side == "a" else "a"
    before = bisect_left(starts, start) - 1  # the token before the piece...
    after = bisect_left(starts, end)  # ... and the one after it
    return (before >= 0 and _kept_name(tokens[before], pair, other)) or (
        after < len(tokens) and _kept_name(tokens[after], pair, other)
    )


def _only_name_words(texts: tuple[str, ...]) -> bool:
    return all(
        w.name_like or w.ordinal or w.fold in NAME_JOINERS or not w.alnum and w.norm in ".-'"
        for w in map(word, texts)
    )


def _kept_name(text: str, pair: PairView, other: str) -> bool:
    info: Word = word(text)
    return info.name_like and pair.has_form_of(other, info)
