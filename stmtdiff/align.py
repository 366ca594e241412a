"""Sentence alignment: anchors first, dynamic programming in the gaps, then moves.

The only module that imports rapidfuzz. The alignment is a cost model (README, "How it works"):

* a group of ``k`` A sentences aligned with ``l`` B sentences earns
  ``weight * (similarity - threshold) - merge_penalty * weight * (k + l - 2)``, where ``weight``
  is the group's length in characters; leaving a sentence unaligned earns 0. So a pair only
  forms when it is more similar than the threshold (nothing is forced together), longer
  sentences count for more, and a merge must beat the separate pairs it replaces.
* the best monotone alignment is found by dynamic programming, but never over the whole N x M
  matrix: sentences whose text is unique on both sides, or that share a word found in one
  sentence of each side only, are anchors (a weighted longest increasing subsequence keeps the
  consistent ones, as in patience diff). The same search runs again inside each gap between
  anchors, and the dynamic programming runs only inside small gaps.
* groups are then widened by an unaligned neighbour when that earns more (merges and splits
  next to an anchor), and sentences still unaligned on both sides are paired as *moves* when
  they are each other's best match, stand out from their runners-up, and look like a true pair
  of these two documents (``_Aligner.calibrate``): a weak leftover stays deleted + inserted.

Similarity is the mean of two rapidfuzz Indel ratios, both in [0, 1]: one over the lowercased
words (spelling-level closeness) and one over the stems of the words that are not frequent in
the two documents (content-level closeness, so paraphrases that keep the content words align and
unrelated sentences, which share only function words, do not).
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance import Indel

from stmtdiff.languages.marks import WORD, has_marks
from stmtdiff.languages.scripts import HAN_KANA, has_unspaced, pattern
from stmtdiff.moves import MOVE_EXTRA, Move, MoveFinder
from stmtdiff.parallel import in_a_child

_NON_WORD = re.compile(r"\W+")
STEM_LENGTH = 5  # crude, language-neutral stemming: "repatriations" ~ "repatriation"
_STEM = re.compile(r"(\w{1,%d})\w*" % STEM_LENGTH)  # a word's first STEM_LENGTH characters
# The same where combining marks are words' letters too (Hindi vowel signs, Arabic harakat:
# see stmtdiff.languages.marks); compiled on first use.
_NON_WORD_MARKED = f"[^{WORD}]+"
_STEM_MARKED = f"([{WORD}]{{1,{STEM_LENGTH}}})[{WORD}]*"
FREQUENT_SHARE = 0.05  # a stem in more than this share of all sentences carries no content
FREQUENT_MIN = 20  # ... but small documents need a floor, or every topic word counts as frequent
SMALL_GAP_CELLS = 64  # gaps up to this many cells go straight to dynamic programming
FULL_GAP_CELLS = 2500  # a gap without anchors up to this size is still searched in full
LONG_KEY = 10_000  # similarity of longer keys is estimated from their two ends ...
SAMPLE_CHARS = 4_000  # ... this long each, so no stage is quadratic in one sentence's length
MAX_KEY_DIFFERENCES = 5000  # repeated-sentence anchoring only for nearly equal sequences
BAND_CELL_BUDGET = 400_000  # a gap without anchors is aligned in a band of at most this many cells
MERGE_PENALTY = 0.03
# A weak match at either end of the alignment, cut off from the rest by a long run of
# unaligned sentences, is a coincidence in the text around an embedded statement, not the
# start of the shared region (seed: a page title vs an article's first sentence).
EDGE_GAP_UNITS = 6
EDGE_CONFIDENT = 0.75
# A pocket of at most two unaligned sentences a side between two aligned groups is
# probably rewritten text (heavy paraphrase): it is aligned again at a similarity this much
# below the threshold, with lengths that agree. Unrelated sentences dropped at the same place
# rarely reach it (measured on the development data: recall up, precision unchanged).
POCKET_DISCOUNT = 0.05
POCKET_MAX_UNITS = 2
POCKET_LENGTH_RATIO = 1.8  # "0" and "Comments (0)" are too short to call anything a move
ANCHOR_MIN_WEIGHT = 1.0
PARALLEL_MIN_UNITS = 8000  # both documents' sentences; below this a fork costs more than it saves


@dataclass(frozen=True, slots=True, eq=False)
class Group:
    """Sentences of A aligned with sentences of B (one side empty: unaligned)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    reason: str
    moved: bool = False


@dataclass(frozen=True, slots=True)
class AlignOptions:
    threshold: float = 0.35
    max_group: int = 3
    move_threshold: float | None = None  # default: threshold + 0.05


@dataclass
class Alignment:
    """The groups in B order (moved groups at their B position) and what shortcuts were taken."""

    groups: list[Group]
    notes: list[str] = field(default_factory=list)


class _Features:
    """Comparison keys of both documents' sentences; the documents' text is never changed."""

    def __init__(
        self, a_texts: Sequence[str], b_texts: Sequence[str], shared: bool = False, background: Sequence[str] = ()
    ) -> None:
        """``shared``: B's words are prepared by a forked child meanwhile; ``background``:
        more sentences of the same documents, counted in the word statistics only."""
        if shared:
            b_words = in_a_child(lambda: _words_of(b_texts, joined=True))
            self.a_keys, a_stems, df = _words_of(a_texts, joined=False)
            self.b_keys, b_joined, b_df = b_words()
            b_stems = [s.split() for s in b_joined]
        else:
            self.a_keys, a_stems, df = _words_of(a_texts, joined=False)
            self.b_keys, b_stems, b_df = _words_of(b_texts, joined=False)
        df.update(b_df)  # A's stems first, then B's new ones: the same codes either way
        seen = len(a_texts) + len(b_texts) + len(background)
        if background:
            background_df = _words_of(background, joined=False)[2]
            df.update({s: n for s, n in background_df.items() if s in df})  # codes only for A's and B's
        limit = max(FREQUENT_MIN, FREQUENT_SHARE * seen)
        # each content stem becomes one character: rapidfuzz compares strings fastest
        codes = {s: chr(0x100 + n) for n, s in enumerate(s for s, count in df.items() if count <= limit)}

        def encode(stems: list[str]) -> str:
            return "".join(filter(None, map(codes.get, stems)))

        total = seen + 1
        # rarity weights of the content stems (by code): shared rare words are evidence
        self.stem_weight = {code: math.log(total / df[s]) for s, code in codes.items()}
        self.pair_stems = {code for s, code in codes.items() if df[s] == 2}  # in two sentences only
        self.a_stems = [encode(s) for s in a_stems]
        self.b_stems = [encode(s) for s in b_stems]
        # each sentence's distinct content stems, in a fixed order (anchors and moves vote by them)
        self.a_stem_set = ["".join(sorted(set(s))) for s in self.a_stems]
        self.b_stem_set = ["".join(sorted(set(s))) for s in self.b_stems]
        self.unspaced = any(map(has_unspaced, self.a_keys)) or any(map(has_unspaced, self.b_keys))
        self.a_len = [len(k) for k in self.a_keys]
        self.b_len = [len(k) for k in self.b_keys]
        self._cache: dict[tuple[int, int], float] = {}  # single pairs only: bounded memory
        self.sampled = False  # set when a huge sentence's similarity was estimated

    def similarity(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float:
        """Similarity of A[a_lo:a_hi] (joined) and B[b_lo:b_hi] (joined), in [0, 1]."""
        single = a_hi - a_lo == 1 and b_hi - b_lo == 1
        if single:
            cached = self._cache.get((a_lo, b_lo))
            if cached is not None:
                return cached
            ka, kb = self.a_keys[a_lo], self.b_keys[b_lo]
            sa, sb = self.a_stems[a_lo], self.b_stems[b_lo]
        else:
            ka = " ".join(self.a_keys[a_lo:a_hi])
            kb = " ".join(self.b_keys[b_lo:b_hi])
            sa = "".join(self.a_stems[a_lo:a_hi])
            sb = "".join(self.b_stems[b_lo:b_hi])
        if len(ka) > LONG_KEY or len(kb) > LONG_KEY:  # bounded cost for a huge sentence
            self.sampled = True
            ka, kb = _ends(ka, SAMPLE_CHARS), _ends(kb, SAMPLE_CHARS)
            sa, sb = _ends(sa, SAMPLE_CHARS // 6), _ends(sb, SAMPLE_CHARS // 6)
        if ka == kb:
            value = 1.0
        else:
            chars = Indel.normalized_similarity(ka, kb)
            value = (chars + Indel.normalized_similarity(sa, sb)) / 2 if (sa or sb) else chars
            if self.unspaced and has_unspaced(ka) and has_unspaced(kb):
                value = value**UNSPACED_SCALE
        if single:
            self._cache[(a_lo, b_lo)] = value
        return value

    def weight(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> int:
        return sum(self.a_len[a_lo:a_hi]) + sum(self.b_len[b_lo:b_hi]) + 2

    def content_share(self, a: Sequence[int], b: Sequence[int]) -> float:
        """How much of their content the two runs share, each word weighted by its rarity
        (weighted Dice over distinct content stems, in [0, 1]).

        "Kazakhstan" in every sentence weighs little; "Rakhmetullin" in two weighs much, so two
        sentences on the same topic share little weight and a reworded sentence shares most.
        """
        sa = set("".join(self.a_stem_set[i] for i in a))
        sb = set("".join(self.b_stem_set[j] for j in b))
        weight = self.stem_weight.__getitem__
        total = sum(map(weight, sa), 0.0) + sum(map(weight, sb), 0.0)
        if not total:
            return 0.0
        return 2 * sum(map(weight, sa & sb), 0.0) / total

    def share_a_pair_word(self, a: Sequence[int], b: Sequence[int]) -> bool:
        """Whether the runs share a content word found in no other sentence of either document
        (the evidence an anchor rests on)."""
        sa = set("".join(self.a_stem_set[i] for i in a)) & self.pair_stems
        return bool(sa) and not sa.isdisjoint("".join(self.b_stem_set[j] for j in b))


def _words_of(texts: Sequence[str], joined: bool) -> tuple[list[str], list[Any], Counter[str]]:
    """Each sentence's key (its words, casefolded, joined by single spaces, built by one C call),
    its stems, and in how many sentences each stem is. ``joined`` gives each sentence's stems as
    one space-separated string, which moves between processes far faster than lists."""
    keys = [_NON_WORD.sub(" ", t.casefold()).strip() for t in texts]
    if any(map(has_marks, texts)):  # "भारत" is one word, not "भ रत"
        non_word, stem = pattern(_NON_WORD_MARKED), pattern(_STEM_MARKED)
        keys = [non_word.sub(" ", t.casefold()).strip() if has_marks(t) else k for t, k in zip(texts, keys)]
        stems = [_unspaced_stems(k) if has_unspaced(k) else stem.findall(k) for k in keys]
    elif any(map(has_unspaced, keys)):
        stems = [_unspaced_stems(k) if has_unspaced(k) else _STEM.findall(k) for k in keys]
    else:
        stems = [_STEM.findall(k) for k in keys]
    counts = Counter(itertools.chain.from_iterable(map(set, stems)))
    return keys, [" ".join(s) for s in stems] if joined else stems, counts


# A run of Chinese or Japanese characters, or a word of any other script (compiled on first use).
_UNSPACED_RUN = f"([{HAN_KANA}]+)|[^\\W{HAN_KANA}]+"
CHAR_NGRAM = 1  # single characters: they separate translations better than bigrams (README)
# Chinese and Japanese characters are far more varied than letters, so two unrelated sentences
# share fewer of them: the similarity of two such sentences is raised to this power to put it
# on the scale of alphabetic text, where the threshold was chosen. Measured on unrelated verse
# pairs of the development data: 1 in 20 reaches 0.178 in Chinese and Japanese and 0.298 in
# Russian, French, Spanish and German, and 0.178 ** 0.7 = 0.30.
UNSPACED_SCALE = 0.7


def _unspaced_stems(key: str) -> list[str]:
    """The content units of a key holding Chinese or Japanese: each of those characters (runs
    of them cut into CHAR_NGRAM-grams; they write no spaces, so ``\\w+`` would make a clause
    one word), and the usual stems of the words of other scripts in it.

        >>> _unspaced_stems("双方同意 g20 summit")
        ['双', '方', '同', '意', 'g20', 'summi']
    """
    stems: list[str] = []
    for match in pattern(_UNSPACED_RUN).finditer(key):
        run = match.group()
        if match.group(1) is None:
            stems.append(run[:STEM_LENGTH])
        elif len(run) <= CHAR_NGRAM:
            stems.append(run)
        else:
            stems.extend(run[i : i + CHAR_NGRAM] for i in range(len(run) - CHAR_NGRAM + 1))
    return stems


def _ends(seq: Any, size: int) -> Any:
    """The first and last ``size`` items of a string or list (all of it when short)."""
    return seq if len(seq) <= 2 * size else seq[:size] + seq[-size:]


class _Aligner:
    def __init__(self, features: _Features, options: AlignOptions) -> None:
        self.f = features
        self.t = options.threshold
        self.max_group = max(1, options.max_group)
        self.move_threshold = (
            options.move_threshold if options.move_threshold is not None else self.t + MOVE_EXTRA
        )
        self.notes: list[str] = []
        # group shapes (k A sentences, l B sentences): one side single, or 2-2
        m = self.max_group
        self.shapes = [(k, 1) for k in range(1, m + 1)] + [(1, l) for l in range(2, m + 1)]
        if m >= 2:
            self.shapes.append((2, 2))

    # -- the cost model ------------------------------------------------------------------
    def gain(
        self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, threshold: float | None = None
    ) -> tuple[float, float]:
        """(gain, similarity) of aligning the two runs as one group; gain < 0 if not allowed.
        ``threshold`` overrides the usual bar (pockets between aligned neighbours)."""
        t = self.t if threshold is None else threshold
        f = self.f
        la, lb = sum(f.a_len[a_lo:a_hi]), sum(f.b_len[b_lo:b_hi])
        size = (a_hi - a_lo) + (b_hi - b_lo)
        if size > 2 and max(la, lb) > 2.5 * min(la, lb) + 30:
            return -1.0, 0.0  # lengths too different for a merge (Gale-Church style pruning)
        sim = f.similarity(a_lo, a_hi, b_lo, b_hi)
        if sim < t:
            return -1.0, sim
        weight = la + lb + 2
        return weight * (sim - t) - MERGE_PENALTY * weight * (size - 2), sim

    # -- anchors ------------------------------------------------------------------------
    def anchors(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int]]:
        """Consistent (increasing) pairs of sentences that are unique matches within the range."""
        f = self.f
        candidates: dict[tuple[int, int], float] = {}
        a_key_at: dict[str, list[int]] = defaultdict(list)
        for i in range(a_lo, a_hi):
            a_key_at[f.a_keys[i]].append(i)
        b_key_at: dict[str, list[int]] = defaultdict(list)
        for j in range(b_lo, b_hi):
            b_key_at[f.b_keys[j]].append(j)
        for key, a_at in a_key_at.items():
            b_at = b_key_at.get(key)
            if b_at and len(a_at) == 1 and len(b_at) == 1 and key:
                candidates[a_at[0], b_at[0]] = 10.0
        a_stem_at: dict[str, list[int]] = defaultdict(list)
        for i in range(a_lo, a_hi):
            for s in f.a_stem_set[i]:
                a_stem_at[s].append(i)
        b_stem_at: dict[str, list[int]] = defaultdict(list)
        for j in range(b_lo, b_hi):
            for s in f.b_stem_set[j]:
                b_stem_at[s].append(j)
        votes: Counter[tuple[int, int]] = Counter()
        for s, a_at in a_stem_at.items():
            if len(a_at) == 1:
                b_at = b_stem_at.get(s)
                if b_at is not None and len(b_at) == 1:
                    votes[a_at[0], b_at[0]] += 1
        for (i, j), n in votes.items():
            if (i, j) in candidates:
                continue
            sim = f.similarity(i, i + 1, j, j + 1)
            if sim >= self.t:
                candidates[i, j] = n + sim
        return _heaviest_increasing(candidates)

    def repeated_anchors(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> list[tuple[int, int]]:
        """Anchors where nothing is unique but the two runs are nearly the same sequence of
        sentences (100,000 identical sentences with a few edits): equal runs of a diff of the
        sentence keys. Only when the keys differ in at most MAX_KEY_DIFFERENCES places, which
        bounds the diff's cost."""
        n, m = a_hi - a_lo, b_hi - b_lo
        if n * m <= FULL_GAP_CELLS:
            return []
        a_keys, b_keys = self.f.a_keys[a_lo:a_hi], self.f.b_keys[b_lo:b_hi]
        shared = sum((Counter(a_keys) & Counter(b_keys)).values())
        if n + m - 2 * shared > MAX_KEY_DIFFERENCES:
            return []
        from stmtdiff.worddiff import matching_runs

        anchors = [
            (a_lo + i + k, b_lo + j + k) for i, j, size in matching_runs(a_keys, b_keys) for k in range(size)
        ]
        if anchors:  # a diff that finds nothing equal anchored nothing: no note
            self.notes.append(
                f"no unique sentences in a gap of {n} x {m}: anchored on a diff of the sentence texts"
            )
        return anchors

    # -- gaps ---------------------------------------------------------------------------
    def align_range(
        self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, out: list[Group], shared: bool = False
    ) -> None:
        """Append the monotone groups of A[a_lo:a_hi] x B[b_lo:b_hi] to ``out``, in order.

        ``shared``: the gaps after the middle anchor are aligned by a forked child meanwhile
        (once the anchors are fixed, the gaps between them are independent)."""
        n, m = a_hi - a_lo, b_hi - b_lo
        if n == 0 or m == 0:
            out.extend(Group((i,), (), 0.0, "only in A") for i in range(a_lo, a_hi))
            out.extend(Group((), (j,), 0.0, "only in B") for j in range(b_lo, b_hi))
            return
        if n * m <= SMALL_GAP_CELLS:
            self.dynamic(a_lo, a_hi, b_lo, b_hi, out, band=None)
            return
        anchors = self.anchors(a_lo, a_hi, b_lo, b_hi) or self.repeated_anchors(a_lo, a_hi, b_lo, b_hi)
        if not anchors:
            if n * m <= FULL_GAP_CELLS:
                self.dynamic(a_lo, a_hi, b_lo, b_hi, out, band=None)
            else:
                self.banded(a_lo, a_hi, b_lo, b_hi, out)
            return
        if not shared or len(anchors) < 2:
            self.through_anchors(anchors, a_lo, b_lo, a_hi, b_hi, out)
            return
        half = len(anchors) // 2
        mid_i, mid_j = anchors[half]
        later = in_a_child(lambda: self.packed_through_anchors(anchors[half:], mid_i, mid_j, a_hi, b_hi))
        self.through_anchors(anchors[:half], a_lo, b_lo, mid_i, mid_j, out)
        packed, notes, sampled = later()
        out.extend(Group(*fields) for fields in packed)
        self.notes += notes
        self.f.sampled = self.f.sampled or sampled

    def through_anchors(
        self, anchors: list[tuple[int, int]], a_lo: int, b_lo: int, a_hi: int, b_hi: int, out: list[Group]
    ) -> None:
        """The anchors, each as a group, and the gaps before, between and after them, in order."""
        prev_i, prev_j = a_lo, b_lo
        for i, j in anchors:
            self.align_range(prev_i, i, prev_j, j, out)
            sim = self.f.similarity(i, i + 1, j, j + 1)
            out.append(Group((i,), (j,), sim, "anchor: unique match"))
            prev_i, prev_j = i + 1, j + 1
        self.align_range(prev_i, a_hi, prev_j, b_hi, out)

    def packed_through_anchors(
        self, anchors: list[tuple[int, int]], a_lo: int, b_lo: int, a_hi: int, b_hi: int
    ) -> tuple[list[tuple[Any, ...]], list[str], bool]:
        """``through_anchors`` as plain tuples (fast to pickle), with the notes it added."""
        known_notes = len(self.notes)
        out: list[Group] = []
        self.through_anchors(anchors, a_lo, b_lo, a_hi, b_hi, out)
        packed = [(g.a, g.b, g.similarity, g.reason, g.moved) for g in out]
        return packed, self.notes[known_notes:], self.f.sampled

    def banded(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int, out: list[Group]) -> None:
        n, m = a_hi - a_lo, b_hi - b_lo
        width = max(abs(n - m) // 2 + 8, 8)
        if (n + m) * (2 * width + 1) > BAND_CELL_BUDGET:
            width = max(2, BAND_CELL_BUDGET // (n + m) // 2)
            if (n + m) * (2 * width + 1) > BAND_CELL_BUDGET * 2:
                self.notes.append(
                    f"no anchors in a gap of {n} x {m} sentences: left unaligned "
                    "(too large to align without anchors)"
                )
                self.align_range(a_lo, a_hi, b_hi, b_hi, out)
                self.align_range(a_hi, a_hi, b_lo, b_hi, out)
                return
        self.notes.append(
            f"alignment banded: no anchors in a gap of {n} x {m} sentences, "
            f"searched within {width} sentences of the diagonal"
        )
        self.dynamic(a_lo, a_hi, b_lo, b_hi, out, band=width)

    def dynamic(
        self,
        a_lo: int,
        a_hi: int,
        b_lo: int,
        b_hi: int,
        out: list[Group],
        band: int | None,
        threshold: float | None = None,
    ) -> None:
        """Best-gain monotone grouping of a gap (optionally only near its diagonal)."""
        n, m = a_hi - a_lo, b_hi - b_lo
        shapes = self.shapes
        score: dict[tuple[int, int], float] = {(0, 0): 0.0}
        back: dict[tuple[int, int], tuple[int, int, float]] = {}

        reach = (band or 0) * max(n, m)  # |i * m - j * n| <= reach: within the band

        for i in range(n + 1):
            if band is None:
                j_range = range(m + 1)
            else:  # only the band's cells: never a loop over the whole n x m grid
                j_range = range(max(0, -((reach - i * m) // n)), min(m, (i * m + reach) // n) + 1)
            for j in j_range:
                if (i or j) == 0:
                    continue
                best, arg = float("-inf"), (0, 0, 0.0)
                if i and (i - 1, j) in score and score[i - 1, j] > best:
                    best, arg = score[i - 1, j], (i - 1, j, 0.0)
                if j and (i, j - 1) in score and score[i, j - 1] > best:
                    best, arg = score[i, j - 1], (i, j - 1, 0.0)
                for k, l in shapes:
                    if k <= i and l <= j:
                        prev = score.get((i - k, j - l))
                        if prev is None:
                            continue
                        g, sim = self.gain(a_lo + i - k, a_lo + i, b_lo + j - l, b_lo + j, threshold)
                        if g >= 0 and prev + g > best:
                            best, arg = prev + g, (i - k, j - l, sim)
                if best > float("-inf"):
                    score[i, j] = best
                    back[i, j] = arg
        if (n, m) not in score:  # the band missed the corner: leave the gap unaligned
            self.align_range(a_lo, a_hi, b_hi, b_hi, out)
            self.align_range(a_hi, a_hi, b_lo, b_hi, out)
            return
        steps: list[Group] = []
        i, j = n, m
        while i or j:
            pi, pj, sim = back[i, j]
            a_run = tuple(range(a_lo + pi, a_lo + i))
            b_run = tuple(range(b_lo + pj, b_lo + j))
            if a_run and b_run:
                steps.append(Group(a_run, b_run, sim, "similarity in gap"))
            elif a_run:
                steps.append(Group(a_run, (), 0.0, "only in A"))
            else:
                steps.append(Group((), b_run, 0.0, "only in B"))
            i, j = pi, pj
        # deletions before insertions within a gap, each side in document order
        steps.reverse()
        out.extend(steps)

    # -- pockets between aligned groups ---------------------------------------------------
    def fill_pockets(self, chain: list[Group]) -> list[Group]:
        """Align small pockets of lone sentences between two aligned groups at a lower bar."""
        out: list[Group] = []
        n = 0
        while n < len(chain):
            end = n
            while end < len(chain) and not (chain[end].a and chain[end].b):
                end += 1
            if end == n:  # an aligned group
                out.append(chain[n])
                n += 1
                continue
            pocket = chain[n:end]
            a_idx = [i for p in pocket for i in p.a]
            b_idx = [j for p in pocket for j in p.b]
            if (
                out
                and end < len(chain)  # aligned neighbours on both sides
                and 0 < len(a_idx) <= POCKET_MAX_UNITS
                and 0 < len(b_idx) <= POCKET_MAX_UNITS
                and self._lengths_agree(a_idx, b_idx)
            ):
                found: list[Group] = []
                bar = self.t - POCKET_DISCOUNT
                self.dynamic(min(a_idx), max(a_idx) + 1, min(b_idx), max(b_idx) + 1, found, None, bar)
                pocket = [
                    Group(x.a, x.b, x.similarity, "between aligned neighbours") if x.a and x.b else x
                    for x in found
                ]
            out.extend(pocket)
            n = end
        return out

    def _lengths_agree(self, a_idx: list[int], b_idx: list[int]) -> bool:
        la = sum(self.f.a_len[i] for i in a_idx)
        lb = sum(self.f.b_len[j] for j in b_idx)
        return max(la, lb) <= POCKET_LENGTH_RATIO * min(la, lb) + 10

    # -- widening groups by unaligned neighbours ------------------------------------------
    def widen(self, groups: list[Group]) -> list[Group]:
        """Absorb unaligned neighbours into matched groups when the cost model says so."""
        alive: list[Group | None] = list(groups)
        owner_a = {i: k for k, g in enumerate(groups) for i in g.a}
        owner_b = {j: k for k, g in enumerate(groups) for j in g.b}
        n_a, n_b = len(self.f.a_keys), len(self.f.b_keys)

        def lone(owner: dict[int, int], index: int, size: int) -> bool:
            if not 0 <= index < size:
                return False
            g = alive[owner[index]]
            return g is not None and not (g.a and g.b)

        # a group that did not widen in one pass never will: its options only shrink
        todo: Sequence[int] = range(len(alive))
        while todo:
            widened: list[int] = []
            for k in todo:
                g = alive[k]
                if g is None or not (g.a and g.b):
                    continue
                options = []
                if len(g.a) < self.max_group:
                    if lone(owner_a, g.a[0] - 1, n_a):
                        options.append(((g.a[0] - 1, *g.a), g.b))
                    if lone(owner_a, g.a[-1] + 1, n_a):
                        options.append(((*g.a, g.a[-1] + 1), g.b))
                if len(g.b) < self.max_group:
                    if lone(owner_b, g.b[0] - 1, n_b):
                        options.append((g.a, (g.b[0] - 1, *g.b)))
                    if lone(owner_b, g.b[-1] + 1, n_b):
                        options.append((g.a, (*g.b, g.b[-1] + 1)))
                if not options:
                    continue
                base, _ = self.gain(g.a[0], g.a[-1] + 1, g.b[0], g.b[-1] + 1)
                best = None
                for a_run, b_run in options:
                    gain, sim = self.gain(a_run[0], a_run[-1] + 1, b_run[0], b_run[-1] + 1)
                    if gain > base + 1e-9 and (best is None or gain > best[0]):
                        best = (gain, sim, a_run, b_run)
                if best is None:
                    continue
                _, sim, a_run, b_run = best
                for i in a_run:
                    if owner_a[i] != k:
                        alive[owner_a[i]] = None
                        owner_a[i] = k
                for j in b_run:
                    if owner_b[j] != k:
                        alive[owner_b[j]] = None
                        owner_b[j] = k
                alive[k] = Group(a_run, b_run, sim, g.reason + "; widened by a neighbour", g.moved)
                widened.append(k)
            todo = widened
        return [g for g in alive if g is not None]


def _trim_edges(chain: list[Group]) -> list[Group]:
    """Unalign weak matches isolated at either end of the chain (see EDGE_GAP_UNITS)."""

    def unaligned(g: Group) -> list[Group]:
        return [Group((i,), (), 0.0, "only in A") for i in g.a] + [
            Group((), (j,), 0.0, "only in B") for j in g.b
        ]

    for _ in range(2):
        matched = [n for n, g in enumerate(chain) if g.a and g.b]
        while len(matched) > 1:
            first, second = matched[0], matched[1]
            run = sum(len(g.a) + len(g.b) for g in chain[first + 1 : second])
            if run < EDGE_GAP_UNITS or chain[first].similarity >= EDGE_CONFIDENT:
                break
            chain[first : first + 1] = unaligned(chain[first])
            matched = [n for n, g in enumerate(chain) if g.a and g.b]
        chain.reverse()
    return chain


def _heaviest_increasing(candidates: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """The subset of (i, j) pairs, increasing in both, with the largest total weight."""
    if not candidates:
        return []
    items = sorted(candidates.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    js = sorted({j for (_, j), _ in items})
    rank = {j: r + 1 for r, j in enumerate(js)}
    size = len(js)
    tree_best = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)
    total = [0.0] * len(items)
    parent = [-1] * len(items)
    for idx, ((_, j), w) in enumerate(items):
        r = rank[j] - 1  # best chain ending at a j' < j
        best, arg = 0.0, -1
        while r > 0:
            if tree_best[r] > best:
                best, arg = tree_best[r], tree_arg[r]
            r -= r & -r
        total[idx] = best + w
        parent[idx] = arg
        r = rank[j]
        while r <= size:
            if total[idx] > tree_best[r]:
                tree_best[r], tree_arg[r] = total[idx], idx
            r += r & -r
    end = max(range(len(items)), key=lambda k: (total[k], -k))
    chain = []
    while end != -1:
        chain.append(items[end][0])
        end = parent[end]
    chain.reverse()
    return chain


def align(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    options: AlignOptions | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    background: Sequence[str] = (),
) -> Alignment:
    """Align two lists of sentences; every sentence ends up in exactly one group.

    ``background``: more sentences of the documents the two lists come from, counted only in
    the word statistics (which words are too frequent to carry content). A few sentences
    picked out of two documents (those one of them lacks) need them: among five sentences
    "and" and "the" are rare words, and two unrelated verses look alike.
    """
    options = options or AlignOptions()
    large = len(a_texts) + len(b_texts) >= PARALLEL_MIN_UNITS  # worth sharing with a child
    features = _Features(a_texts, b_texts, shared=large, background=background)
    aligner = _Aligner(features, options)
    chain: list[Group] = []
    aligner.align_range(0, len(a_texts), 0, len(b_texts), chain, shared=large)
    if progress:
        progress("align", 1, 2)
    chain = aligner.widen(aligner.fill_pockets(_trim_edges(chain)))
    finder = MoveFinder(features, aligner.gain, aligner.t, aligner.move_threshold, aligner.max_group)
    moves = _as_groups(finder.find(chain))
    if moves:
        chain = _in_b_order(_unaligned_removed(chain, moves) + moves)
        grown = _as_groups(finder.grow(chain))
        if grown:
            chain = _in_b_order(_unaligned_removed(chain, grown) + grown)
        chain = aligner.widen(chain)
    if features.sampled:
        aligner.notes.append(
            f"similarity of sentences over {LONG_KEY:,} characters estimated from their first "
            f"and last {SAMPLE_CHARS:,} characters"
        )
    if progress:
        progress("align", 2, 2)
    return Alignment(_in_b_order(chain), aligner.notes)


def _as_groups(moves: list[Move]) -> list[Group]:
    return [Group(m.a, m.b, m.similarity, m.reason, moved=True) for m in moves]


def _unaligned_removed(groups: list[Group], moves: list[Group]) -> list[Group]:
    """``groups`` without the unaligned sentences that ``moves`` now hold."""
    moved_a = {i for g in moves for i in g.a}
    moved_b = {j for g in moves for j in g.b}
    kept = [g for g in groups if not (g.a and not g.b and g.a[0] in moved_a)]
    return [g for g in kept if not (g.b and not g.a and g.b[0] in moved_b)]


def similarity_scorer(a_texts: Sequence[str], b_texts: Sequence[str]) -> Callable[[int, int], float]:
    """The aligner's similarity of ``a_texts[i]`` and ``b_texts[j]``, in [0, 1], with the word
    statistics of these two lists (which words are too frequent to carry content), for callers
    that weigh a few candidate pairs themselves (collations check one version's link against
    the others' texts).

        >>> score = similarity_scorer(["We will act now.", "It is done."], ["We shall act now."])
        >>> score(0, 0) > 0.5 > score(1, 0)
        True
    """
    features = _Features(a_texts, b_texts)
    return lambda i, j: features.similarity(i, i + 1, j, j + 1)


def _in_b_order(groups: list[Group]) -> list[Group]:
    """Order groups for reading: the monotone chain, A-only groups at their A place, B-only and
    moved groups at their B place."""
    in_order = [g for g in groups if not g.moved]
    # sort key for the monotone groups: the chain is increasing on both sides, so a group is
    # placed by (last A index seen, last B index seen) as we sweep.
    positioned: list[tuple[tuple[float, int, int], Group]] = []
    anchored = sorted(
        (g for g in in_order if g.a and g.b), key=lambda g: (g.a[0], g.b[0])
    )
    a_pos: dict[int, float] = {}
    b_pos: dict[int, float] = {}
    for rank, g in enumerate(anchored):
        for i in g.a:
            a_pos[i] = rank
        for j in g.b:
            b_pos[j] = rank
    for g in anchored:
        positioned.append(((a_pos[g.a[0]], 2, g.a[0]), g))
    # an unaligned or moved group goes after the last anchored group that precedes it
    sorted_a = sorted(a_pos)
    sorted_b = sorted(b_pos)

    def after_a(i: int) -> float:
        k = bisect.bisect_left(sorted_a, i)
        return a_pos[sorted_a[k - 1]] if k else -1

    def after_b(j: int) -> float:
        k = bisect.bisect_left(sorted_b, j)
        return b_pos[sorted_b[k - 1]] if k else -1

    for g in groups:
        if g.moved:
            positioned.append(((after_b(g.b[0]) + 0.5, 1, g.b[0]), g))
        elif g.a and not g.b:
            positioned.append(((after_a(g.a[0]) + 0.5, 0, g.a[0]), g))
        elif g.b and not g.a:
            positioned.append(((after_b(g.b[0]) + 0.5, 1, g.b[0]), g))
    positioned.sort(key=lambda x: x[0])
    return [g for _, g in positioned]
