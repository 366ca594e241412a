"""Terms: phrases a document repeats ("normal trade relations", "supply chains").

A word swapped inside a phrase the document keeps using changes a term, not a turn of
phrase: "secure" -> "reliable" before "supply chains", which recur, is substantive (see
``judge.py``), and a content word replaced in a recurring phrase ranks above one replaced in
a phrase used once.

Counting is bounded: a phrase is looked for in a window of the documents around the pair
(the whole of a statement-sized document, 32-48 KB of a book), one substring count per phrase
and window, remembered.

    >>> terms = TermIndex("Secure supply chains matter. Supply chains grow.", "")
    >>> terms.recurs(("supply", "chains"), 0, 0), terms.recurs(("chains", "matter"), 0, 0)
    (True, False)
"""

from __future__ import annotations

WINDOW = 1 << 14  # characters: a phrase is counted within a block of this size either side
COUNT_CAP = 6  # counting a phrase stops here: more says nothing more


class TermIndex:
    """Counts phrases in the two documents of a comparison, lazily."""

    def __init__(self, a_text: str, b_text: str) -> None:
        self._texts = (a_text, b_text)
        self._folded: list[str | None] = [None, None]
        self._memo: dict[tuple[tuple[str, ...], int, int], int] = {}

    def recurs(self, words: tuple[str, ...], a_at: int, b_at: int) -> bool:
        """Whether the phrase ``words`` (folded, in order, whitespace between) occurs twice or
        more in A around offset ``a_at`` or in B around ``b_at``."""
        return self.count(words, a_at, b_at) >= 2

    def count(self, words: tuple[str, ...], a_at: int, b_at: int) -> int:
        """How often the phrase occurs in A around ``a_at`` or in B around ``b_at`` (the more
        of the two, at most :data:`COUNT_CAP`). A phrase is counted where a word starts: after
        a space or a line break (a plain substring count, which also counts longer forms:
        "mineral" counts "minerals")."""
        if not words:
            return 0
        key = (words, a_at // WINDOW, b_at // WINDOW)
        found = self._memo.get(key)
        if found is None:
            phrase = " ".join(words)
            found = max(self._count(side, phrase, block) for side, block in ((0, key[1]), (1, key[2])))
            self._memo[key] = min(found, COUNT_CAP)
            found = self._memo[key]
        return found

    def _count(self, side: int, phrase: str, block: int) -> int:
        folded = self._folded[side]
        if folded is None:
            folded = self._folded[side] = " " + self._texts[side].casefold()
        start, end = max(0, (block - 1) * WINDOW), (block + 2) * WINDOW + 1
        return folded.count(" " + phrase, start, end) + folded.count("\n" + phrase, start, end)
