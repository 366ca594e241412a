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
    (0.36, 0.85)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from stmtdiff.model import ChangeClass, Pair

SIGNIFICANCE: dict[str, float] = {
    # formatting
    "whitespace only": 0.02,
    "quote or dash style": 0.03,
    "Unicode variant": 0.03,
    "letter case only": 0.05,
    "punctuation only": 0.05,
    "boilerplate": 0.02,
    "outside the shared text": 0.05,
    # spelling
    "US/UK spelling": 0.15,
    "hyphenation or compound": 0.15,
    "accents": 0.15,
    "name spelled another way": 0.15,
    "abbreviation and its expansion": 0.15,
    "number written another way": 0.15,
    # wording
    "moved within the sentence": 0.20,
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
    "proper name added": 0.60,
    "proper name removed": 0.60,
    "sentence omitted": 0.60,
    "sentence added": 0.60,
}


@lru_cache(maxsize=4096)
def score(change_class: ChangeClass, reasons: tuple[str, ...], content: int = 1) -> float:
    """The significance of a classified change (see the module docstring for the scale)."""
    values = [SIGNIFICANCE.get(r, 0.3) for r in reasons] or [0.3]
    value = max(values)
    if change_class is ChangeClass.SUBSTANTIVE:
        value += 0.02 * (len(values) - 1)
    elif reasons[0] in ("rephrased", "words added", "words removed"):
        value += 0.03 * min(5, max(0, content - 1))
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
