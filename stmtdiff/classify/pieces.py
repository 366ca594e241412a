"""Runs and pieces: how one pair's word diff is cut into the changes a reader would name.

A *run* is a maximal sequence of delete/insert edits between two equal edits. Inside a run the
deleted words are sub-aligned with the inserted words (:func:`split_gap`) so that words that are
variants of each other become changes of their own (*pieces*):

    "work towards sustainable normal" -> "work toward permanent normal"
    towards -> toward, sustainable -> permanent        (two pieces)

:class:`PairView` holds the facts about the whole pair that a piece's rules look up (is this
number or name found elsewhere in the pair?).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from stmtdiff.classify.ranking import score
from stmtdiff.classify.terms import TermIndex
from stmtdiff.classify.tokens import (
    SENTENCE_OPENERS,
    WORD_AT,
    Word,
    initials_match,
    negated,
    respelled,
    same_stem,
    tokenize_side,
    word,
    words_of,
)
from stmtdiff.model import ChangeClass, Edit, Op

_Token = tuple[int, int, str]  # (start, end, text) in the document (a merged neighbour's)


# One piece of a layout: its token ranges, then the offsets they cover in the run's texts
# (from the run's start): i0, i1, j0, j1, a_start, a_end, b_start, b_end.
_PieceRange = tuple[int, int, int, int, int, int, int, int]


class Verdict(NamedTuple):
    """What the rules say about a piece from its tokens alone; context settles the rest."""

    final: tuple[ChangeClass, tuple[str, ...]] | None  # formatting/compound: nothing overrides
    lost_marks: tuple[str, ...]  # negation, modal, commitment kinds the piece drops...
    gained_marks: tuple[str, ...]  # ... and adds: the clause decides whether they changed
    may: bool  # "May": the month, or the modal verb when it opens a sentence
    prefix_negation: bool  # likely -> unlikely
    values: bool  # a number, amount or date: the pair decides whether a value changed
    variant: tuple[ChangeClass, tuple[str, ...]] | None  # spelling, or another form of a word
    a_names: tuple[int, ...]  # positions of name-like words (capitalised content words)
    b_names: tuple[int, ...]
    qualifier: str  # "a"/"b": a qualifier-of-a-term candidate, followed by that side's words
    # maybe content added or removed: the side with two or more content words ("a"/"b"), its
    # content words, and the other side's content words that are no form of them (0 or 1)
    informative: str
    content_words: tuple[str, ...]
    probe: tuple[str, ...]
    wording: tuple[ChangeClass, tuple[str, ...]]
    content: int  # content words on the longer side (evidence for the significance)
    letters: int  # their letters (or the words' letters when there is no content word)
    # class, reasons and significance when no context can change them (no value, marker, name,
    # qualifier or new content to look up in the pair): most pieces, classified at once
    settled: tuple[ChangeClass, tuple[str, ...], float] | None


class Layout(NamedTuple):
    """How a run splits into pieces: it depends on the run's two texts only, so it is cached.

    Made of few objects, since every object a cached layout holds brings the garbage
    collector's next full pass closer (see :func:`cached_from_second_call`): its tokens are
    two parallel tuples, texts and offsets, and besides the verdicts it holds tuples of
    numbers and strings only, which the collector stops tracking.
    """

    a_texts: tuple[str, ...]  # the tokens of the run's A text
    a_starts: tuple[int, ...]  # where each starts in it
    b_texts: tuple[str, ...]
    b_starts: tuple[int, ...]
    ranges: tuple[_PieceRange, ...]
    verdicts: tuple[Verdict, ...]  # one a piece
    a_kept: tuple[int, ...]  # tokens matched by a token of the other side (anchors)
    b_kept: tuple[int, ...]


@dataclass(slots=True)
class Run:
    """One run of deleted/inserted text with the equal text around it."""

    index: int
    a_start: int
    b_start: int
    a_text: str = ""
    b_text: str = ""
    before: str = ""  # the equal text just before ("" at the start of the pair)
    after: str = ""  # the equal text just after
    layout: Layout | None = None


@dataclass(slots=True)
class Piece:
    """A candidate change: token ranges of one run (plus a merged neighbour's tokens), or the
    run's raw text when the run has no tokens (whitespace) or is a hyphenation.

    Its document span is set when it is made (see :func:`_span`): the report, the merging of
    neighbours and the watched terms all ask for it.
    """

    run: Run
    i0: int
    i1: int
    j0: int
    j1: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    verdict: Verdict | None = None
    change_class: ChangeClass = ChangeClass.WORDING
    reasons: tuple[str, ...] = ()
    significance: float = 0.0
    raw: bool = False
    runs: tuple[int, ...] = ()  # indexes of the runs it covers (for watched terms)
    a_extra: tuple[_Token, ...] = ()  # a merged neighbour's tokens, with document offsets
    b_extra: tuple[_Token, ...] = ()

    def a_texts(self) -> tuple[str, ...]:
        texts = _texts_of(self.run, "a")[self.i0 : self.i1]
        return texts + tuple([t[2] for t in self.a_extra]) if self.a_extra else texts

    def b_texts(self) -> tuple[str, ...]:
        texts = _texts_of(self.run, "b")[self.j0 : self.j1]
        return texts + tuple([t[2] for t in self.b_extra]) if self.b_extra else texts

    def document_tokens(self, side: str) -> tuple[_Token, ...]:
        """This piece's own tokens on ``side``, with document offsets (for merging)."""
        run, layout = self.run, self.run.layout
        assert layout is not None
        if side == "a":
            base, start, end, extra = run.a_start, self.i0, self.i1, self.a_extra
            texts, starts = layout.a_texts, layout.a_starts
        else:
            base, start, end, extra = run.b_start, self.j0, self.j1, self.b_extra
            texts, starts = layout.b_texts, layout.b_starts
        own = [
            (starts[k] + base, starts[k] + base + len(texts[k]), texts[k])
            for k in range(start, end)
        ]
        return tuple(own) + extra


def raw_piece(run: Run, change_class: ChangeClass, reason: str) -> Piece:
    """The whole run as one change, its text as it is (whitespace only, a hyphenation)."""
    reasons = (reason,)
    return Piece(
        run, 0, 0, 0, 0,
        run.a_start, run.a_start + len(run.a_text), run.b_start, run.b_start + len(run.b_text),
        None, change_class, reasons, score(change_class, reasons), raw=True, runs=(run.index,),
    )


def tokens_piece(
    run: Run,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    runs: tuple[int, ...],
    a_extra: tuple[_Token, ...] = (),
    b_extra: tuple[_Token, ...] = (),
) -> Piece:
    """A piece over token ranges of a run with a layout (plus merged tokens), span computed."""
    layout = run.layout
    assert layout is not None
    a_start, a_end = _span(layout.a_texts, layout.a_starts, i0, i1, a_extra, run.a_start)
    b_start, b_end = _span(layout.b_texts, layout.b_starts, j0, j1, b_extra, run.b_start)
    return Piece(
        run, i0, i1, j0, j1, a_start, a_end, b_start, b_end,
        runs=runs, a_extra=a_extra, b_extra=b_extra,
    )


def _texts_of(run: Run, side: str) -> tuple[str, ...]:
    layout = run.layout
    if layout is None:
        return ()
    return layout.a_texts if side == "a" else layout.b_texts


def _span(
    texts: tuple[str, ...],
    starts: tuple[int, ...],
    start: int,
    end: int,
    extra: tuple[_Token, ...],
    base: int,
) -> tuple[int, int]:
    """Document offsets of a piece's side: tokens ``start:end`` (their offsets in ``starts``,
    from ``base``) and the merged ``extra`` ones, or the point of a pure insertion."""
    if extra:
        return (starts[start] + base if end > start else extra[0][0]), extra[-1][1]
    if end > start:
        return starts[start] + base, starts[end - 1] + len(texts[end - 1]) + base
    if start > 0:
        point = starts[start - 1] + len(texts[start - 1]) + base
    elif starts:
        point = starts[0] + base
    else:
        point = base
    return point, point


def find_runs(edits: Sequence[Edit]) -> list[Run]:
    runs: list[Run] = []
    equal, delete = Op.EQUAL, Op.DELETE  # local names: this loop sees every edit of the text
    before = ""
    first: Edit | None = None  # the first edit of the run being read
    a_text = b_text = ""
    for edit in edits:
        if edit.op is equal:
            if first is not None:
                runs.append(
                    Run(len(runs), first.a_start, first.b_start, a_text, b_text, before, edit.text)
                )
                first = None
                a_text = b_text = ""
            before = edit.text
        else:
            if first is None:
                first = edit
            if edit.op is delete:
                a_text += edit.text
            else:
                b_text += edit.text
    if first is not None:
        runs.append(Run(len(runs), first.a_start, first.b_start, a_text, b_text, before))
    return runs


def piece_range(
    a_texts: tuple[str, ...],
    a_starts: tuple[int, ...],
    b_texts: tuple[str, ...],
    b_starts: tuple[int, ...],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
) -> _PieceRange:
    a_start, a_end = _span(a_texts, a_starts, i0, i1, (), 0)
    b_start, b_end = _span(b_texts, b_starts, j0, j1, (), 0)
    return i0, i1, j0, j1, a_start, a_end, b_start, b_end


@dataclass(frozen=True)
class PairContext:
    """What a pair's rules may know beyond the pair: the groups beside it and the documents.

    ``before`` and ``after`` are the (A text, B text) of the groups just before and after the
    pair in reading order ("" for a side they lack): a phrase or value that left this sentence
    for the next one has moved, not gone. ``terms`` finds phrases the documents repeat.
    """

    before: tuple[str, str] = ("", "")
    after: tuple[str, str] = ("", "")
    terms: TermIndex | None = None


_NO_CONTEXT = PairContext()
_INDEX_FROM = 4000  # characters of a side from which has_form_of indexes it


class PairView:
    """Lazy facts about a whole pair's A and B texts, shared by all its pieces.

    The rule modules keep what they work out about the pair (its values, its clauses) in
    :attr:`memo`, computed once for all its pieces and only when a piece asks.
    """

    def __init__(
        self, edits: Sequence[Edit], context: PairContext | Callable[[], PairContext] | None = None
    ) -> None:
        self._edits = edits
        self._context = context
        self.memo: dict[Any, Any] = {}
        self.pieces: list[Piece] = []  # all the pair's pieces, once cut
        self._texts: tuple[str, int, str, int] | None = None
        self._tokens: dict[str, tuple[tuple[str, ...], tuple[int, ...]]] = {}
        self._folded: tuple[str, str] | None = None

    @property
    def context(self) -> PairContext:
        """The groups around the pair and the documents (made on first use when the caller
        passed a function that makes it: most pairs never ask)."""
        context = self._context
        if context is None:
            return _NO_CONTEXT
        if not isinstance(context, PairContext):
            context = self._context = context()
        return context

    def texts(self) -> tuple[str, int, str, int]:
        """(A text, its offset, B text, its offset) of the whole pair."""
        if self._texts is None:
            edits = self._edits
            a_text = "".join([e.text for e in edits if e.op is not Op.INSERT])
            b_text = "".join([e.text for e in edits if e.op is not Op.DELETE])
            self._texts = (a_text, edits[0].a_start, b_text, edits[0].b_start)
        return self._texts

    def text(self, side: str) -> tuple[str, int]:
        """One side's text and its offset in the document."""
        a_text, a_base, b_text, b_base = self.texts()
        return (a_text, a_base) if side == "a" else (b_text, b_base)

    def slice(self, side: str, start: int, end: int) -> str:
        text, base = self.text(side)
        return text[start - base : end - base]

    def tokens(self, side: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
        """One side's tokens and their document offsets."""
        found = self._tokens.get(side)
        if found is None:
            text, base = self.text(side)
            texts, starts = tokenize_side(text)
            found = self._tokens[side] = (texts, tuple([s + base for s in starts]))
        return found

    def folded(self, side: str) -> str:
        """One side's text, casefolded."""
        if self._folded is None:
            a_text, _, b_text, _ = self.texts()
            self._folded = (a_text.casefold(), b_text.casefold())
        return self._folded[0 if side == "a" else 1]

    def has_form_of(self, side: str, target: Word) -> bool:
        """Whether a word of ``side`` is ``target`` or another form of it.

        A long side is indexed once (its words' keys by their first three letters), so that
        many questions about one long sentence cost no pass over it each; a sentence of usual
        length is searched (:func:`has_form_of`), which is cheaper for the few questions a
        pair asks.
        """
        folded = self.folded(side)
        if len(folded) < _INDEX_FROM:
            return has_form_of(folded, target)
        index = self.memo.get(("forms", side))
        if index is None:
            index = self.memo[("forms", side)] = {}
            words = set(WORD_AT.findall(folded))
            for found, info in zip(words, words_of(list(words))):
                index.setdefault(found[:3], set()).add(info.key)
        keys = index.get(target.fold[:3], ())
        return target.key in keys or any([same_stem(key, target.key) for key in keys])


def has_form_of(folded: str, target: Word) -> bool:
    """Whether a casefolded text holds ``target`` or another form of it.

    Finds the words with the same first letters and compares their keys: no pass over every
    word of the text.

        >>> has_form_of("the kazakh delegation", word("Kazakhstani")), has_form_of("the forum", word("Platform"))
        (True, False)
    """
    prefix = target.fold[:3]
    position = folded.find(prefix)
    while position != -1:
        if position == 0 or not folded[position - 1].isalnum():
            found = WORD_AT.match(folded, position)
            if found:
                key = word(found[0]).key
                if key == target.key or same_stem(key, target.key):
                    return True
        position = folded.find(prefix, position + 1)
    return False


def opens_sentence(piece: Piece, side: str) -> bool:
    """Whether the piece's first token on ``side`` starts a sentence (its capital then says
    nothing about a name)."""
    run = piece.run
    index = piece.i0 if side == "a" else piece.j0
    if index > 0:
        return _texts_of(run, side)[index - 1][-1] in SENTENCE_OPENERS
    before = run.before.rstrip()
    return not before or before[-1] in SENTENCE_OPENERS


MAX_RUN_TOKENS = 1_000  # longer runs are not sub-aligned: bounded cost on pathological input


_MAX_GAP_CELLS = 36  # larger gaps are heavy rephrasing: one change, no variant search


@lru_cache(maxsize=1 << 16)
def _variant_score(a_text: str, b_text: str) -> float:
    """How strongly two tokens look like one word changed (0 = unrelated).

    Used to split a run: pairs that score are reported as changes of their own, so only
    variants of one word score: the same key, another form, a negating prefix, a respelling
    (a few letters in a long word). Words that merely share letters do not ("Parties" /
    "Paris"): a replacement of unrelated words is one change. Punctuation pairs with
    punctuation and numbers with numbers, weakly, so that "more than 30" -> "over 40" gives
    "more than" -> "over" and "30" -> "40".

        >>> _variant_score("Rakhmetulin", "Rakhmetullin"), _variant_score("Parties", "Paris")
        (0.8, 0.0)
    """
    a, b = word(a_text), word(b_text)
    if a.alnum != b.alnum:
        return 0.0
    if not a.alnum:
        return 0.5
    if a.key == b.key:
        return 1.0
    if a.number and b.number:
        return 0.0 if "both" in (a.fold, b.fold) else 0.6  # "the two" / "both": one change
    if len(a.key) < 4 or len(b.key) < 4:
        return 0.0
    if same_stem(a.key, b.key) or negated(a.key, b.key):
        return 0.9
    return 0.8 if respelled(a.key, b.key) else 0.0


def common_keys(a_keys: list[str], b_keys: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of the two key lists.

    Walks from the start, taking equal keys, else skipping the A key when that loses nothing
    (ties skip A). The LCS lengths it consults, ``lcs(i, j)`` of ``a_keys[i:]`` and
    ``b_keys[j:]``, come from a bit-parallel LCS (Allison-Dix, Hyyrö) over the reversed lists:
    one big-integer row per A key instead of a table of n x m cells.
    """
    n, m = len(a_keys), len(b_keys)
    if n * m > 400:
        from difflib import SequenceMatcher

        blocks = SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_matching_blocks()
        return [(blk.a + k, blk.b + k) for blk in blocks for k in range(blk.size)]
    # Bit t stands for b_keys[m - 1 - t]. After the last k A keys, the zero bits among the
    # lowest w bits of rows[k] count lcs(n - k, m - w).
    where: dict[str, int] = {}
    for t, key in enumerate(reversed(b_keys)):
        where[key] = where.get(key, 0) | 1 << t
    full = (1 << m) - 1
    rows = [full]
    row = full
    for key in reversed(a_keys):
        matches = row & where.get(key, 0)
        row = ((row + matches) | (row - matches)) & full
        rows.append(row)
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a_keys[i] == b_keys[j]:
            pairs.append((i, j))
            i += 1
            j += 1
            continue
        width = m - j
        skip_a = width - (rows[n - i - 1] & ((1 << width) - 1)).bit_count()  # lcs(i + 1, j)
        skip_b = width - 1 - (rows[n - i] & ((1 << (width - 1)) - 1)).bit_count()  # lcs(i, j + 1)
        if skip_a >= skip_b:
            i += 1
        else:
            j += 1
    return pairs


def split_gap(
    a_run_texts: tuple[str, ...],
    b_run_texts: tuple[str, ...],
    a_run_info: list[Word],
    b_run_info: list[Word],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
) -> list[tuple[int, int, int, int]]:
    """Split a gap between anchors into variant pairs and the unmatched stretches between them.

    A small alignment: matching two tokens scores their :func:`_variant_score`, and 2-6
    words against their abbreviation ("United Nations" / "UN") score 1. The best-scoring
    alignment wins; ties prefer matching early, so the result is deterministic. Gaps above
    36 cells (heavy rephrasing) stay one change.
    """
    n, m = i1 - i0, j1 - j0
    whole = [(i0, i1, j0, j1)]
    if n == 0 or m == 0 or (n == 1 and m == 1) or n * m > _MAX_GAP_CELLS:
        return whole
    a_texts = a_run_texts[i0:i1]
    b_texts = b_run_texts[j0:j1]
    a_info = a_run_info[i0:i1]
    b_info = b_run_info[j0:j1]
    scores: dict[tuple[int, int], float] = {}  # the pairs that score, most gaps have none
    for i, x in enumerate(a_info):
        initial, alnum, number = x.key[:1], x.alnum, x.number
        for j, y in enumerate(b_info):
            # variants share a first letter (keys are folded); punctuation and numbers pair
            if y.key[:1] == initial or not (alnum or y.alnum) or (number and y.number):
                strength = _variant_score(a_texts[i], b_texts[j])
                if strength:
                    scores[i, j] = strength
    groups = (
        _abbreviation_moves(a_texts, b_texts)
        if any(x.acronym for x in a_info) or any(y.acronym for y in b_info)
        else {}
    )
    if not scores and not groups:
        return whole
    # best[i][j]: the best total score aligning a_texts[i:] with b_texts[j:] (comparisons
    # rather than max(): the same values, in the innermost loop)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            value = below[j] if below[j] >= row[j + 1] else row[j + 1]
            pair_score = scores.get((i, j), 0.0)
            if pair_score and pair_score + below[j + 1] > value:
                value = pair_score + below[j + 1]
            for di, dj in groups.get((i, j), ()):
                if 1.0 + best[i + di][j + dj] > value:
                    value = 1.0 + best[i + di][j + dj]
            row[j] = value
    matches: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < n and j < m and best[i][j] > 0.0:
        target = best[i][j]
        step = None
        pair_score = scores.get((i, j), 0.0)
        if pair_score and abs(pair_score + best[i + 1][j + 1] - target) < 1e-9:
            step = (1, 1)
        else:
            for di, dj in groups.get((i, j), ()):
                if abs(1.0 + best[i + di][j + dj] - target) < 1e-9:
                    step = (di, dj)
                    break
        if step is not None:
            matches.append((i, i + step[0], j, j + step[1]))
            i, j = i + step[0], j + step[1]
        elif abs(best[i + 1][j] - target) < 1e-9:
            i += 1
        else:
            j += 1
    pieces: list[tuple[int, int, int, int]] = []
    i = j = 0
    for mi0, mi1, mj0, mj1 in matches + [(n, n, m, m)]:
        if mi0 > i or mj0 > j:
            pieces.append((i0 + i, i0 + mi0, j0 + j, j0 + mj0))
        if mi1 > mi0:
            pieces.append((i0 + mi0, i0 + mi1, j0 + mj0, j0 + mj1))
        i, j = mi1, mj1
    return pieces


def _abbreviation_moves(
    a_texts: Sequence[str], b_texts: Sequence[str]
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Many-to-one matches: 2-6 words against their abbreviation, either way round."""
    moves: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for one, many, flip in ((b_texts, a_texts, False), (a_texts, b_texts, True)):
        for p, text in enumerate(one):
            acronym = word(text).acronym
            if not acronym:
                continue
            for q in range(len(many) - 1):
                if word(many[q]).fold[:1] != acronym[0].casefold():
                    continue
                for size in range(2, min(6, len(many) - q) + 1):
                    if initials_match(many[q : q + size], acronym):
                        start, step = ((p, q), (1, size)) if flip else ((q, p), (size, 1))
                        moves.setdefault(start, []).append(step)
    return moves
