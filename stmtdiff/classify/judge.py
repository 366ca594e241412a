"""Judging a piece: its verdict from its words alone (cached), then the pair's context.

The order in which the rules are tried lives here: formatting and compounds; then the meaning
rules no respelling can explain (negation, numbers, modality, commitment); then spelling and
other forms of one word; then names and qualifiers (after spelling, so a respelled name is not a
new name); then wording.
"""

from __future__ import annotations

from functools import lru_cache

from stmtdiff.classify.meaning import (
    changed_numbers,
    context_reasons,
    meaning_reasons,
    number_reason,
    opening_may,
    qualifier_candidate,
)
from stmtdiff.classify.pieces import (
    MAX_RUN_TOKENS,
    Layout,
    PairView,
    Piece,
    Run,
    Verdict,
    common_keys,
    piece_range,
    raw_piece,
    split_gap,
    tokens_piece,
)
from stmtdiff.classify.ranking import score
from stmtdiff.classify.surface import compound, formatting, is_hyphenation_run, variant_reasons
from stmtdiff.classify.tokens import cached_from_second_call, negated, tokenize, word
from stmtdiff.classify.wording import wording_reasons
from stmtdiff.model import ChangeClass

@cached_from_second_call(maxsize=1 << 15)
def _verdict(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> Verdict:
    """The context-free verdict on a piece's tokens, cached: in a long document the same
    words change the same way many times ("shall" -> "will")."""
    a_info = list(map(word, a_texts))
    b_info = list(map(word, b_texts))
    a_words = [i for i in a_info if i.alnum]
    b_words = [i for i in b_info if i.alnum]
    final = formatting(a_texts, b_texts, a_info, b_info, a_words, b_words) or compound(
        a_words, b_words
    )
    if final:
        final = _shared(final)
        return Verdict(final, (), (), None, (), (), "", final, 0, _settled(*final, 0))
    meaningful = (
        any([i.meaningful for i in a_info])
        or any([i.meaningful for i in b_info])
        or (len(a_info) == len(b_info) == 1 and negated(a_info[0].key, b_info[0].key))
    )
    meaning = meaning_reasons(a_info, b_info) if meaningful else ()
    numbers = changed_numbers(a_info, b_info) if meaningful else ()
    variant = variant_reasons(a_texts, b_texts, a_info, b_info, a_words, b_words)
    variant = None if variant is None else _shared(variant)
    a_names = tuple([k for k, i in enumerate(a_info) if i.name_like])
    b_names = tuple([k for k, i in enumerate(b_info) if i.name_like])
    qualifier = qualifier_candidate(a_info, b_info)
    a_content = len([i for i in a_words if not i.function])
    b_content = len([i for i in b_words if not i.function])
    wording = _shared(wording_reasons(a_words, b_words, a_content, b_content))
    content = max(a_content, b_content)
    # What resolve would decide when the pair has nothing to add (see there).
    outcome: tuple[ChangeClass, tuple[str, ...]] | None = None
    if not numbers:
        no_context = not (a_names or b_names or qualifier)
        if meaning:
            outcome = (ChangeClass.SUBSTANTIVE, meaning) if no_context else None
        elif variant:
            outcome = variant
        elif no_context:
            outcome = wording
    settled = None if outcome is None else _settled(*outcome, content)
    return Verdict(
        None, meaning, numbers, variant, a_names, b_names, qualifier, wording, content, settled
    )


_Outcome = tuple[ChangeClass, tuple[str, ...]]


_SHARED_OUTCOMES: dict[_Outcome, _Outcome] = {}


def _shared(outcome: _Outcome) -> _Outcome:
    """The one stored copy of an outcome (a few dozen exist), for the cached verdicts.

    A tuple holding a :class:`ChangeClass` stays tracked by the garbage collector; shared,
    the tens of thousands of cached verdicts add no such tuples of their own.
    """
    return _SHARED_OUTCOMES.setdefault(outcome, outcome)


@lru_cache(maxsize=1024)
def _settled(
    change_class: ChangeClass, reasons: tuple[str, ...], content: int
) -> tuple[ChangeClass, tuple[str, ...], float]:
    """Class, reasons and significance, one shared tuple for each (see :func:`_shared`)."""
    return change_class, reasons, score(change_class, reasons, content)


# Class, reasons and significance of a piece until classify_piece has seen it.
_UNSETTLED: tuple[ChangeClass, tuple[str, ...], float] = (ChangeClass.WORDING, (), 0.0)


@cached_from_second_call(maxsize=1 << 14)
def _layout(a_text: str, b_text: str) -> Layout:
    """Sub-align one run: key-equal tokens anchor, variant pairs split the gaps between them.

    Anchors are a longest common subsequence of the word keys (so "Charter" anchors
    "charter"); an anchor whose text differs is a change of its own. Each gap between
    anchors is split by :func:`split_gap`. Each piece gets its :func:`_verdict`.
    """
    a_texts, a_starts = tokenize(a_text)
    b_texts, b_starts = tokenize(b_text)
    n, m = len(a_texts), len(b_texts)
    anchors: list[tuple[int, int]] = []
    if n == 0 and m == 0:
        ranges = []
    elif n == 0 or m == 0 or (n == 1 and m == 1) or max(n, m) > MAX_RUN_TOKENS:
        ranges = [(0, n, 0, m)]  # a whole passage rewritten: one change, no sub-alignment
    else:
        a_info = list(map(word, a_texts))
        b_info = list(map(word, b_texts))
        a_keys = [info.key for info in a_info]
        b_keys = [info.key for info in b_info]
        if not set(a_keys).isdisjoint(b_keys):
            anchors = common_keys(a_keys, b_keys)
        ranges = []
        i = j = 0
        for ai, bj in anchors + [(n, m)]:
            if ai > i or bj > j:
                ranges.extend(split_gap(a_texts, b_texts, a_info, b_info, i, ai, j, bj))
            if ai < n and a_texts[ai] != b_texts[bj]:
                ranges.append((ai, ai + 1, bj, bj + 1))
            i, j = ai + 1, bj + 1
    return Layout(
        a_texts,
        a_starts,
        b_texts,
        b_starts,
        tuple([piece_range(a_texts, a_starts, b_texts, b_starts, *r) for r in ranges]),
        tuple([_verdict(a_texts[i0:i1], b_texts[j0:j1]) for i0, i1, j0, j1 in ranges]),
        tuple([ai for ai, _ in anchors]),
        tuple([bj for _, bj in anchors]),
    )


def pieces_of_run(run: Run) -> list[Piece]:
    """The run's pieces: its whitespace or hyphenation as they are, else its cached layout.

    Raw pieces and pieces with a settled verdict come classified; the others are left to
    :func:`classify_piece`.
    """
    if is_hyphenation_run(run):
        return [raw_piece(run, ChangeClass.SPELLING, "hyphenation or compound")]
    layout = run.layout = _layout(run.a_text, run.b_text)
    if not layout.a_texts and not layout.b_texts:
        return [raw_piece(run, ChangeClass.FORMATTING, "whitespace only")]
    a_base, b_base, runs = run.a_start, run.b_start, (run.index,)
    pieces = []
    for (i0, i1, j0, j1, a0, a1, b0, b1), verdict in zip(layout.ranges, layout.verdicts):
        change_class, reasons, significance = verdict.settled or _UNSETTLED
        pieces.append(
            Piece(
                run, i0, i1, j0, j1, a_base + a0, a_base + a1, b_base + b0, b_base + b1,
                verdict, change_class, reasons, significance, runs=runs,
            )
        )
    return pieces


def classify_piece(piece: Piece, pair: PairView) -> None:
    """Class, reasons and significance of one piece, rules tried from the safest up.

    Order: formatting and compounds; then the meaning rules no respelling can explain
    (negation, numbers, modality, commitment); then spelling and other forms of one word;
    then names and qualifiers (after spelling, so a respelled name is not a new name); then
    wording.
    """
    verdict = piece.verdict
    if verdict is None:
        verdict = piece.verdict = _verdict(piece.a_texts(), piece.b_texts())
    if verdict.settled is not None:
        piece.change_class, piece.reasons, piece.significance = verdict.settled
        return
    change_class, reasons = resolve(piece, verdict, pair)
    piece.change_class, piece.reasons = change_class, reasons
    piece.significance = score(change_class, reasons, verdict.content)


def resolve(
    piece: Piece, verdict: Verdict, pair: PairView
) -> tuple[ChangeClass, tuple[str, ...]]:
    if verdict.final:
        return verdict.final
    reasons, numbers = verdict.meaning, verdict.numbers
    if "month 5" in numbers:
        numbers, modal = opening_may(piece, numbers)
        if modal and "modality changed" not in reasons:
            reasons += ("modality changed",)
    if numbers:
        value_reason = number_reason(pair, numbers)
        if value_reason:
            reasons = (value_reason,) + reasons
    if reasons:
        return ChangeClass.SUBSTANTIVE, reasons + context_reasons(piece, verdict, pair)
    if verdict.variant:
        return verdict.variant
    reasons = context_reasons(piece, verdict, pair)
    if reasons:
        return ChangeClass.SUBSTANTIVE, reasons
    return verdict.wording


def merge_neighbours(pieces: list[Piece], runs: list[Run], pair: PairView) -> list[Piece]:
    """Join changes that only whitespace separates when a reader would name them as one.

    "Strategic Dialogue" -> "strategic dialogue" is one letter-case change, not two; and when
    the word diff split "considered" -> "reflected on" into two runs, the two wording pieces
    become one if the joined piece is still wording.
    """
    merged = [pieces[0]]
    for piece in pieces[1:]:
        last = merged[-1]
        same_run = piece.run is last.run
        if (
            piece.raw
            or last.raw
            or piece.change_class is not last.change_class
            or not (piece.reasons == last.reasons or piece.change_class is ChangeClass.WORDING)
            or (same_run and piece.reasons != last.reasons)
            or (same_run and (piece.i0, piece.j0) != (last.i1, last.j1))
            or (not same_run and runs[last.runs[-1]].after.strip())
            or (not same_run and piece.run.index != last.runs[-1] + 1)
            or not _only_space_between(last, piece, pair)
        ):
            merged.append(piece)
            continue
        if same_run and not (last.a_extra or last.b_extra):
            joined = tokens_piece(last.run, last.i0, piece.i1, last.j0, piece.j1, last.runs)
        else:
            joined = tokens_piece(
                last.run, last.i0, last.i1, last.j0, last.j1,
                runs=last.runs + piece.runs,
                a_extra=last.a_extra + piece.document_tokens("a"),
                b_extra=last.b_extra + piece.document_tokens("b"),
            )
        if piece.reasons == last.reasons:
            joined.change_class, joined.reasons = last.change_class, last.reasons
            joined.significance = max(last.significance, piece.significance)
        else:
            classify_piece(joined, pair)
        if joined.change_class is last.change_class:
            merged[-1] = joined
        else:
            merged.append(piece)
    return merged


def _only_space_between(first: Piece, second: Piece, pair: PairView) -> bool:
    a_end, b_end = first.a_end, first.b_end
    a_start, b_start = second.a_start, second.b_start
    if a_start < a_end or b_start < b_end:
        return False
    return not (pair.slice("a", a_end, a_start).strip() or pair.slice("b", b_end, b_start).strip())
