"""Whole sentences deleted or inserted: omissions and additions, boilerplate, outside text.

Page furniture is recognised by :mod:`stmtdiff.boilerplate`; here it only gets its class.
"""

from __future__ import annotations

from collections.abc import Sequence

from stmtdiff.classify.ranking import SIGNIFICANCE
from stmtdiff.classify.tokens import TOKEN, word
from stmtdiff.classify.watch import watch_pattern, watched_outcome
from stmtdiff.model import Change, ChangeClass

def classify_unpaired(
    text: str,
    start: int,
    end: int,
    side: str,
    *,
    outside: bool,
    boilerplate: bool,
    watch: Sequence[str] = (),
) -> Change:
    """One change for a deleted (``side="a"``) or inserted (``side="b"``) group of sentences.

    Inside the shared region it is substantive ("sentence omitted" / "sentence added"):
    0.6 for a short sentence up to 0.8 at 40 words. Boilerplate (page furniture) and text
    outside the shared region (an article's commentary around a reprinted statement) are
    ``formatting``: like formatting they leave the shared statement's wording as it was, so
    they rank last and ``--ignore formatting`` hides them; significance 0.02 (boilerplate)
    and 0.05-0.1 (outside, by length). A watched term makes any of them substantive.

        >>> change = classify_unpaired("Lesson finished.", 10, 26, "a", outside=True,
        ...                            boilerplate=False)
        >>> change.change_class.value, change.reasons, change.b_start, change.b_end
        ('formatting', ('outside the shared text',), 0, 0)
    """
    if side not in ("a", "b"):
        raise ValueError(f"side must be 'a' or 'b', not {side!r}")
    words = sum(1 for t in TOKEN.findall(text) if word(t).alnum)
    change_class = ChangeClass.FORMATTING
    if boilerplate:
        reasons: tuple[str, ...] = ("boilerplate",)
        significance = SIGNIFICANCE["boilerplate"]
    elif outside:
        reasons = ("outside the shared text",)
        significance = SIGNIFICANCE["outside the shared text"] + 0.05 * min(1.0, words / 80)
    else:
        change_class = ChangeClass.SUBSTANTIVE
        reasons = ("sentence omitted",) if side == "a" else ("sentence added",)
        significance = SIGNIFICANCE[reasons[0]] + 0.2 * min(1.0, words / 40)
    pattern = watch_pattern(tuple(watch)) if watch else None
    if pattern is not None and pattern.search(text):
        change_class, reasons, significance = watched_outcome(reasons)
    significance = round(significance, 3)
    if side == "a":
        return Change(text, "", start, end, 0, 0, change_class, significance, reasons)
    return Change("", text, 0, 0, start, end, change_class, significance, reasons)
