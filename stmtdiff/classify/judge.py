"""Judging a piece: its verdict from its words alone (cached), then the pair's context.

The order in which the rules are tried lives here (:func:`resolve`), from the safest up:

1. formatting, compounds and reference markers: nothing overrides them;
2. values, polarity and modality (``values.py``, ``polarity.py``): what no respelling can
   explain, judged over the pair and the clause;
3. spelling and other forms of one word (``surface.py``);
4. names (``names.py``), after spelling, so a respelled name is not a new name;
5. a qualifier swapped inside a term, content added or removed (``content.py``);
6. wording (``wording.py``).

A change that the pair alone would call substantive but that only moved to or from the
sentence before or after is wording: "moved to the next sentence" and the like.
"""

from __future__ import annotations

import re

from functools import lru_cache

from stmtdiff.classify.content import content_reason, qualifier_candidate, qualifies_a_term
from stmtdiff.classify.names import name_outcome
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
from stmtdiff.classify.polarity import piece_marks, polarity_reasons
from stmtdiff.classify.ranking import score
from stmtdiff.classify.surface import (
    compound,
    formatting,
    is_hyphenation_run,
    reference_markers,
    variant_reasons,
)
from stmtdiff.classify.tokens import Word, cached_from_second_call, negated, same_stem, tokenize, word, words_of
from stmtdiff.classify.values import changed_values, moved_values, value_reason
from stmtdiff.classify.furniture import piece_furniture
from stmtdiff.classify.wording import gloss_reason, moved_reason, wording_reasons
from stmtdiff.model import ChangeClass


@cached_from_second_call(maxsize=1 << 15)
def _verdict(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> Verdict:
    """The context-free verdict on a piece's tokens, cached: in a long document the same
    words change the same way many times ("shall" -> "will")."""
    a_info = words_of(a_texts)
    b_info = words_of(b_texts)
    a_words = [i for i in a_info if i.alnum]
    b_words = [i for i in b_info if i.alnum]
    final = (
        formatting(a_texts, b_texts, a_info, b_info, a_words, b_words)
        or compound(a_texts, b_texts, a_words, b_words)
        or (("[" in a_texts or "[" in b_texts) and reference_markers(a_texts, b_texts))
        or ((not a_words or not b_words) and _furniture(a_texts, b_texts, a_words, b_words))
        or None
    )
    if final:
        final = _shared(final)
        return Verdict(
            final, (), (), False, False, False, None, (), (), "", "", (), (), final, 0, 0, _settled(*final, 0, 0)
        )
    meaningful = any([i.meaningful for i in a_info]) or any([i.meaningful for i in b_info])
    lost_marks, gained_marks = piece_marks(a_texts, b_texts) if meaningful else ((), ())
    may = meaningful and (any([i.norm == "May" for i in a_info]) or any([i.norm == "May" for i in b_info]))
    polar = bool(lost_marks or gained_marks or may)
    prefix_negation = len(a_info) == len(b_info) == 1 and negated(a_info[0].key, b_info[0].key)
    values = meaningful and _values_differ(a_info, b_info)
    variant = variant_reasons(a_texts, b_texts, a_info, b_info, a_words, b_words)
    variant = None if variant is None else _shared(variant)
    a_names = tuple([k for k, i in enumerate(a_info) if i.name_like])
    b_names = tuple([k for k, i in enumerate(b_info) if i.name_like])
    qualifier = qualifier_candidate(a_words, b_words)
    a_content = len([i for i in a_words if i.content])
    b_content = len([i for i in b_words if i.content])
    informative, content_words, probe = (
        _may_add_content(a_words, b_words, a_content, b_content) if a_content > 1 or b_content > 1 else _NO_CONTENT
    )
    gloss = gloss_reason(a_texts, b_texts) if "(" in a_texts[:1] or "(" in b_texts[:1] else ""
    if gloss:  # a remark in brackets: its names and values explain, they are not news
        a_names = b_names = ()
        values = False
        names = {word(t).norm for t in a_texts + b_texts if word(t).name_like}
        content_words = tuple([t for t in content_words if t not in names])
    wording = _shared((ChangeClass.WORDING, (gloss,)) if gloss else wording_reasons(a_words, b_words, a_content, b_content))
    content = max(a_content, b_content)
    letters = _letters(a_words if a_content >= b_content else b_words)
    # What resolve would decide when the pair has nothing to add (see there).
    outcome: tuple[ChangeClass, tuple[str, ...]] | None = None
    if not (polar or prefix_negation or values):
        if variant:
            outcome = variant
        elif not (a_names or b_names or qualifier or informative):
            outcome = wording
    settled = None if outcome is None else _settled(*outcome, content, letters)
    return Verdict(
        None, lost_marks, gained_marks, may, prefix_negation, values, variant, a_names, b_names,
        qualifier, informative, content_words, probe,
        wording, content, letters, settled,
    )


_NO_CONTENT: tuple[str, tuple[str, ...], tuple[str, ...]] = ("", (), ())


def _letters(words: list[Word]) -> int:
    """Letters of the content words (of all the words when none is a content word)."""
    content = [len(w.plain) for w in words if w.content]
    return sum(content) if content else sum([len(w.plain) for w in words])


def _furniture(
    a_texts: tuple[str, ...], b_texts: tuple[str, ...], a_words: list[Word], b_words: list[Word]
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """News furniture inside a sentence (see ``furniture.py``): a one-sided piece of words."""
    if a_words and b_words or not (a_words or b_words):
        return None
    reason = piece_furniture(a_texts or b_texts)
    return (ChangeClass.FORMATTING, (reason,)) if reason else None


def _may_add_content(
    a_words: list[Word], b_words: list[Word], a_content: int, b_content: int
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """Whether the piece may add or remove content (see ``content.py``): two or more content
    words on one side. Returns that side, its content words and the other side's content words
    that are no form of them (the pair decides which are new, and whether the first side brings
    enough more), or ("", (), ())."""
    if max(a_content, b_content) < 2:
        return "", (), ()
    side = "b" if b_content > a_content else "a"
    few, many = (a_words, b_words) if side == "b" else (b_words, a_words)
    keys = {w.key for w in many if w.content}
    probe = []
    for w in few:
        if w.content and w.key not in keys and not any(same_stem(k, w.key) for k in keys):
            probe.append(w.norm)
    if not probe and not any(w.content for w in few):
        # Only grammar words replace the phrase: one the other side lacks may be the phrase said
        # another way ("Compte tenu de" -> "Vu", "at this point in time" -> "now").
        folds = {w.fold for w in many}
        probe = [w.norm for w in few if w.alnum and len(w.plain) > 1 and w.fold not in folds][:1]
    return side, tuple([w.norm for w in many if w.content and len(w.plain) > 1]), tuple(probe)


def _values_differ(a_info: list[Word], b_info: list[Word]) -> bool:
    """Whether the piece itself holds a value on one side only (a piece with the same values on
    both sides, however written, changes none)."""
    a_values = sorted([i.number for i in a_info if i.number])
    b_values = sorted([i.number for i in b_info if i.number])
    return a_values != b_values


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
    change_class: ChangeClass, reasons: tuple[str, ...], content: int, letters: int
) -> tuple[ChangeClass, tuple[str, ...], float]:
    """Class, reasons and significance, one shared tuple for each (see :func:`_shared`)."""
    return change_class, reasons, score(change_class, reasons, content, letters)


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
    elif n == 0 or m == 0 or (n == 1 and m == 1) or max(n, m) > MAX_RUN_TOKENS or (n != m and _same_letters(a_text, b_text)):
        ranges = [(0, n, 0, m)]  # a whole passage rewritten (or only re-spaced): one change
    else:
        a_info = words_of(a_texts)
        b_info = words_of(b_texts)
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


def _same_letters(a_text: str, b_text: str) -> bool:
    """Whether the two sides have the same letters and digits in the same order: words glued
    or split, hyphens or punctuation moved ("United States" / "UnitedStates") are one change."""
    if abs(len(a_text) - len(b_text)) > 8:
        return False
    a_plain = _NOT_ALNUM.sub("", a_text).casefold()
    return a_plain != "" and a_plain == _NOT_ALNUM.sub("", b_text).casefold()


_NOT_ALNUM = re.compile(r"[\W_]+")


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
    """Class, reasons and significance of one piece (see :func:`resolve` for the order)."""
    verdict = piece.verdict
    if verdict is None:
        verdict = piece.verdict = _verdict(piece.a_texts(), piece.b_texts())
    if verdict.settled is not None:
        piece.change_class, piece.reasons, piece.significance = verdict.settled
        return
    change_class, reasons = resolve(piece, verdict, pair)
    piece.change_class, piece.reasons = change_class, reasons
    piece.significance = score(change_class, reasons, verdict.content, verdict.letters)


def resolve(piece: Piece, verdict: Verdict, pair: PairView) -> tuple[ChangeClass, tuple[str, ...]]:
    """The rules in order, with the pair (and the groups beside it) as context."""
    if verdict.final:
        return verdict.final
    reasons: tuple[str, ...] = ()
    moved = ""
    if verdict.values:
        a_values, b_values = changed_values(piece, pair)
        if a_values or b_values:
            where = moved_values(a_values, b_values, pair)
            if where:
                moved = moved_reason("a" if a_values else "b", where)
            else:
                reasons += (value_reason(a_values + b_values),)
    if verdict.lost_marks or verdict.gained_marks or verdict.may:
        reasons += polarity_reasons(piece, pair, verdict.lost_marks, verdict.gained_marks, verdict.may)
    if verdict.prefix_negation and "negation added or dropped" not in reasons:
        reasons += ("negation added or dropped",)
    names = name_outcome(piece, pair, verdict.a_names, verdict.b_names) if verdict.a_names or verdict.b_names else None
    if reasons:
        if names and names[0] is ChangeClass.SUBSTANTIVE:
            reasons += names[1]
        return ChangeClass.SUBSTANTIVE, reasons
    if verdict.variant:
        return verdict.variant
    if names:
        if names[0] is not ChangeClass.SUBSTANTIVE or not verdict.qualifier:
            return names
    if verdict.qualifier and qualifies_a_term(piece, pair, verdict.qualifier):
        return ChangeClass.SUBSTANTIVE, ("qualifier of a term changed",) + (names[1] if names else ())
    if names:
        return names
    if verdict.informative:
        found, where = content_reason(pair, verdict.informative, verdict.content_words, verdict.probe)
        if found and not where:
            return ChangeClass.SUBSTANTIVE, (found,)
        if where:
            return ChangeClass.WORDING, (moved_reason("a" if found == "content removed" else "b", where),)
    if moved:
        return ChangeClass.WORDING, (moved,)
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
