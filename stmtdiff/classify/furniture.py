"""Furniture: whole sentences deleted or inserted (omissions and additions, boilerplate,
outside text), and news furniture inside a sentence.

Page and news furniture is recognised by :mod:`stmtdiff.boilerplate`; here it gets its class.
Inside a sentence, a run of words a news reprint adds to say who said it (", the statement
said", "reports the ministry", "a press release reads") is formatting with the reason
"attribution", like a boilerplate sentence: kept and shown, never a substantive addition.

    >>> piece_furniture((",", "the", "statement", "said"))
    'attribution'
    >>> print(piece_furniture(("and", "the", "statement", "was", "welcomed")))
    None
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from stmtdiff.boilerplate import attribution_reason
from stmtdiff.classify.ranking import SIGNIFICANCE
from stmtdiff.classify.tokens import TOKEN, Word, words_of
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
    0.6 for a short sentence up to 0.8 at 40 words, and 0.02 more for each kind of meaning
    it carries (values, polarity or modality, names). Boilerplate (page furniture) and text
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
    infos = words_of(TOKEN.findall(text))
    words = sum(1 for info in infos if info.alnum)
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
        significance = SIGNIFICANCE[reasons[0]] + 0.2 * min(1.0, words / 40) + _weight(infos)
    pattern = watch_pattern(tuple(watch)) if watch else None
    if pattern is not None and pattern.search(text):
        change_class, reasons, significance = watched_outcome(reasons)
    significance = round(significance, 3)
    if side == "a":
        return Change(text, "", start, end, 0, 0, change_class, significance, reasons)
    return Change("", text, 0, 0, start, end, change_class, significance, reasons)


def as_boilerplate(change: Change) -> Change:
    """A change between two units of page furniture, as furniture: ``formatting``, reason
    "boilerplate", significance 0.02, like a furniture line added or dropped. A page title
    reworded ("U.S. Relations With Mongolia" -> "U.S. Bilateral Relations Fact Sheets:
    Mongolia") changes no sentence of the text; without this its new words ranked as "proper
    name added". A watched term keeps its change substantive.

        >>> change = Change("With", "Fact Sheets:", 10, 14, 10, 22, ChangeClass.SUBSTANTIVE, 0.7,
        ...                 ("proper name added",))
        >>> furniture = as_boilerplate(change)
        >>> furniture.change_class.value, furniture.reasons, furniture.significance
        ('formatting', ('boilerplate',), 0.02)
    """
    if "watched term" in change.reasons:
        return change
    return dataclasses.replace(
        change, change_class=ChangeClass.FORMATTING, reasons=("boilerplate",), significance=SIGNIFICANCE["boilerplate"]
    )


def _weight(infos: list[Word]) -> float:
    """What makes a whole sentence added or omitted weigh more than its length: 0.02 for each
    kind of meaning it carries, values (numbers, amounts, dates), polarity or modality
    (negations, modal verbs, commitments) and names (capitalised words after its first)."""
    values = any(i.number for i in infos)
    markers = any(i.negation or i.modal or i.commitment for i in infos)
    names = any(i.name_like for i in infos[1:])
    return 0.02 * (values + markers + names)


# Words an attribution must hold one of (a cheap test before the pattern's).
_SAYING = re.compile(
    r"said|says|note|added|adds|stated|states|report|read|stress|emphasi|announce|inform|according"
    r"|cite|quote|learn",
    re.IGNORECASE,
)
_ATTRIBUTION_MAX_TOKENS = 20


def piece_furniture(texts: tuple[str, ...]) -> str | None:
    """"attribution" when the words a piece adds or drops only say who said the sentence."""
    if len(texts) < 2 or len(texts) > _ATTRIBUTION_MAX_TOKENS + 4:
        return None
    words = list(texts)
    while words and not any(c.isalnum() for c in words[0]):
        del words[0]  # quotes and commas before an attribution: ",\u00bb a press release reads"
    while words and not any(c.isalnum() for c in words[-1]):
        del words[-1]
    if not words or len(words) > _ATTRIBUTION_MAX_TOKENS:
        return None
    joined = " ".join(words)
    if not _SAYING.search(joined):
        return None
    return attribution_reason(joined)
