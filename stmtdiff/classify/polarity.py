"""Polarity and modality: negations, modal verbs and commitment words, judged by clause.

A piece that adds, drops or swaps a negation ("not", "never", "without", "-n't"), a modal verb
("shall", "will", "may", "must"...) or a commitment word ("commit", "agree" / "intend", "plan")
changes the meaning only if the *clause* it stands in changed: the clause around the piece on
each side (between commas, semicolons, colons, brackets, dashes and sentence ends) is compared
for its negations, its modal verbs and its commitment levels.

* Same counts on both sides: a rephrasing with the same polarity, not substantive ("do not
  assume" / "without assuming"; "has never been stronger" / "are stronger than ever", where
  "never" with a comparative says what "ever" with one says).
* Different counts, but the marker with the word it governs is found elsewhere on the other
  side of the pair: the clause moved ("The ministers will meet, and ..." / "..., and the
  ministers will meet"), not substantive.
* Otherwise: "negation added or dropped", "modality changed", "commitment changed"
  ("will" -> "may", "shall not" -> "shall", "agreed" -> "hoped").

"not only ... but also" is no negation, and "May" opening a sentence away from any digit is
the modal verb ("May the talks succeed"), not the month.

    >>> [m.kind for m in markers_of(("We", "will", "not", "only", "meet", "but", "agree"))]
    ['modal will', 'commitment 2']
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from stmtdiff.classify.lexicon import EVER, NEVER, NOT_NEGATING_AFTER
from stmtdiff.classify.pieces import PairView, Piece, opens_sentence
from stmtdiff.classify.tokens import SENTENCE_OPENERS, word, words_of

# Tokens that end a clause.
CLAUSE_ENDS = frozenset(",;:()[]{}\u2014\u2013.!?\u2026")
HEAD_REACH = 4  # tokens after a marker in which to look for the word it governs

NEGATION, MODALITY, COMMITMENT = "negation added or dropped", "modality changed", "commitment changed"
_REASON_OF_KIND = {"not": NEGATION, "modal": MODALITY, "commitment": COMMITMENT}
_ORDER = [NEGATION, MODALITY, COMMITMENT]


class Marker(NamedTuple):
    """A negation, modal verb or commitment word: where it is, what it is, what it governs."""

    position: int  # into the side's tokens
    kind: str  # "not", "modal will", "commitment 2"
    head: str  # the stem of the next content word in its clause, "" if none


def markers_of(texts: tuple[str, ...], opens: bool = True, heads: bool = True) -> list[Marker]:
    """The polarity and modality markers of a token sequence, in order (``opens``: its first
    token starts a sentence; ``heads``: find the word each governs)."""
    found: list[Marker] = []
    infos = words_of(texts)
    for k, info in enumerate(infos):
        if not info.meaningful or not info.alnum:
            continue
        kinds = []
        if info.negation and not (
            k + 1 < len(texts) and infos[k + 1].fold in NOT_NEGATING_AFTER.get(info.fold, ())
        ):
            kinds.append("not")
        modal = info.modal
        if not modal and info.fold == "may" and (opens if k == 0 else texts[k - 1][-1] in SENTENCE_OPENERS):
            if not any(t[:1].isdigit() for t in texts[max(0, k - 2) : k + 3]):
                modal = "may"  # "May the talks succeed"
        if modal:
            kinds.append("modal " + modal)
        if info.commitment:
            kinds.append(f"commitment {info.commitment}")
        if kinds:
            head = _head(texts, k) if heads else ""
            found += [Marker(k, kind, head) for kind in kinds]
    return found


def _kinds_of(texts: tuple[str, ...], opens: bool) -> list[str]:
    """The marker kinds of a few tokens, in order (:func:`markers_of` without positions)."""
    infos = words_of(texts)
    if not any([i.meaningful for i in infos]):
        return []
    return [m.kind for m in markers_of(texts, opens, heads=False)]


def _head(texts: tuple[str, ...], k: int) -> str:
    for text in texts[k + 1 : k + 1 + HEAD_REACH]:
        if text in CLAUSE_ENDS:
            break
        info = word(text)
        if info.alnum and info.content and not info.meaningful:
            return info.key[:5]
    return ""


def _side(
    pair: PairView, side: str
) -> tuple[list[Marker], tuple[str, ...], tuple[int, ...], list[int], list[int], dict[str, Counter[tuple[str, str]]]]:
    """A side's markers (and where each is), tokens, token offsets, and each family's frames
    (kind, governed word), computed once for all the pair's pieces."""
    key = "markers " + side
    found = pair.memo.get(key)
    if found is None:
        texts, starts = pair.tokens(side)
        ends = [start + len(text) for start, text in zip(starts, texts)]
        markers = markers_of(texts)
        frames = {
            family: Counter([(m.kind, m.head) for m in markers if m.kind.startswith(family)])
            for family in ("not", "modal", "commitment")
        }
        found = pair.memo[key] = (markers, texts, starts, ends, [m.position for m in markers], frames)
    return found


def _token_range(starts: tuple[int, ...], ends: list[int], start: int, end: int) -> tuple[int, int]:
    """Indexes of the tokens a document span covers (an empty span: the token after it)."""
    lo = bisect_right(ends, start)
    return lo, max(lo, bisect_left(starts, end))


def _net_marks(pair: PairView) -> Counter[str]:
    """For each marker kind, how many more times side A has it than side B.

    Both sides share their equal text, so the difference is what the pieces drop minus what
    they add: summed from the pieces' cached verdicts, without reading the pair again.
    """
    found = pair.memo.get("net marks")
    if found is None:
        found = Counter()
        for piece in pair.pieces:
            verdict = piece.verdict
            if verdict is not None and (verdict.lost_marks or verdict.gained_marks):
                found.update(verdict.lost_marks)
                found.subtract(verdict.gained_marks)
        pair.memo["net marks"] = found
    return found


def _surely_changed(family: str, lost: Sequence[str], gained: Sequence[str], pair: PairView) -> bool:
    """The quick answer for most pieces: a marker the piece drops that the pair as a whole
    loses (side A has it more often than side B), or one it adds that the pair gains, changed
    a clause, wherever the clause is. Not for "never", which a comparative and "ever" can
    answer."""
    if family == "not" and (NEVER in pair.folded("a") or NEVER in pair.folded("b")):
        return False
    net = _net_marks(pair)
    return any(net[k] > 0 for k in lost) or any(net[k] < 0 for k in gained)


CLAUSE_REACH = 120  # tokens looked at either side of a piece for its clause's ends


def _clause(texts: tuple[str, ...], lo: int, hi: int) -> tuple[int, int]:
    """The clause (or clauses) around tokens lo:hi, at most :data:`CLAUSE_REACH` tokens either
    side (a sentence without punctuation is judged near the piece: each piece costs the same)."""
    floor, ceiling = max(0, lo - CLAUSE_REACH), min(len(texts), hi + CLAUSE_REACH)
    while lo > floor and texts[lo - 1] not in CLAUSE_ENDS:
        lo -= 1
    while hi < ceiling and texts[hi] not in CLAUSE_ENDS:
        hi += 1
    return lo, hi


def _kinds(markers: list[Marker], at: list[int], lo: int, hi: int, family: str) -> Counter[str]:
    """The marker kinds of a family among tokens lo:hi (``at``: each marker's token index)."""
    window = markers[bisect_left(at, lo) : bisect_left(at, hi)]
    return Counter([m.kind for m in window if m.kind.startswith(family)])


def _never_comparative(texts: tuple[str, ...], lo: int, hi: int) -> tuple[bool, bool]:
    """(has "never" and a comparative, has "ever" and a comparative) for a clause."""
    folds = [word(t).fold for t in texts[lo:hi]]
    comparative = any(word(t).comparative for t in texts[lo:hi])
    return comparative and NEVER in folds, comparative and EVER in folds


def piece_marks(
    a_texts: tuple[str, ...], b_texts: tuple[str, ...], a_opens: bool = False, b_opens: bool = False
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The marker kinds a piece drops and adds (a swap of "shall" for "will" drops one and
    adds one; "not" for "never" neither), from its own words.

        >>> piece_marks(("shall", "not"), ("will", "never"))
        (('modal shall',), ('modal will',))
    """
    lost = _kinds_of(a_texts, a_opens)
    gained = []
    for kind in _kinds_of(b_texts, b_opens):
        if kind in lost:
            lost.remove(kind)
        else:
            gained.append(kind)
    return (tuple(lost), tuple(gained)) if lost or gained else _NONE


_NONE: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())


def polarity_reasons(
    piece: Piece, pair: PairView, lost: tuple[str, ...], gained: tuple[str, ...], may: bool = False
) -> tuple[str, ...]:
    """The polarity and modality reasons that hold for the piece, judged by clause (``lost``
    and ``gained`` from :func:`piece_marks`; ``may``: the piece holds "May", which is the modal
    verb where it opens a sentence)."""
    if may:
        lost, gained = piece_marks(
            piece.a_texts(), piece.b_texts(), opens_sentence(piece, "a"), opens_sentence(piece, "b")
        )
    reasons = []
    slow = []
    for family in ("not", "modal", "commitment"):
        family_lost = [k for k in lost if k.startswith(family)]
        family_gained = [k for k in gained if k.startswith(family)]
        if not (family_lost or family_gained):
            continue  # the piece keeps this family's markers as they were
        if _surely_changed(family, family_lost, family_gained, pair):
            reasons.append(_REASON_OF_KIND[family])
        else:
            slow.append(family)
    if not slow:
        return tuple(reasons)
    a_markers, a_texts, a_starts, a_ends, a_at, a_frames_of = _side(pair, "a")
    b_markers, b_texts, b_starts, b_ends, b_at, b_frames_of = _side(pair, "b")
    a_lo, a_hi = _token_range(a_starts, a_ends, piece.a_start, piece.a_end)
    b_lo, b_hi = _token_range(b_starts, b_ends, piece.b_start, piece.b_end)
    mine_a = a_markers[bisect_left(a_at, a_lo) : bisect_left(a_at, a_hi)]
    mine_b = b_markers[bisect_left(b_at, b_lo) : bisect_left(b_at, b_hi)]
    a_clause = _clause(a_texts, a_lo, a_hi)
    b_clause = _clause(b_texts, b_lo, b_hi)
    for family in slow:
        a_kinds = _kinds(a_markers, a_at, *a_clause, family)
        b_kinds = _kinds(b_markers, b_at, *b_clause, family)
        if family == "not" and a_kinds != b_kinds:
            a_never, a_ever = _never_comparative(a_texts, *a_clause)
            b_never, b_ever = _never_comparative(b_texts, *b_clause)
            if a_never and b_ever and not b_never:
                a_kinds["not"] -= 1
            elif b_never and a_ever and not a_never:
                b_kinds["not"] -= 1
            a_kinds, b_kinds = +a_kinds, +b_kinds
        if a_kinds == b_kinds:
            continue  # the clause says the same: rephrased
        a_frames, b_frames = a_frames_of[family], b_frames_of[family]
        if any(a_frames[(m.kind, m.head)] > b_frames[(m.kind, m.head)] for m in mine_a if m.kind.startswith(family)) or any(
            b_frames[(m.kind, m.head)] > a_frames[(m.kind, m.head)] for m in mine_b if m.kind.startswith(family)
        ):
            reasons.append(_REASON_OF_KIND[family])
    return tuple(sorted(reasons, key=_ORDER.index))
