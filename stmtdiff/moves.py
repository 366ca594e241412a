"""Moves: sentences left unaligned on both sides that were relocated, claimed only on strong evidence.

A move has no aligned neighbours to vouch for it, and "this sentence was relocated" is a claim
a reader acts on, so a wrong move is worse than none: a weak leftover stays deleted + inserted.
A pair of unaligned sentences is a move when

1. it stands out: each is the other's best unaligned match, at least threshold + MOVE_EXTRA
   similar, and either MOVE_CONFIDENT similar or MOVE_MARGIN better than either runner-up;
2. it looks like a true pair of *these* two documents (``calibrate``): its similarity reaches
   halfway from what a wrong sentence nearby reaches (noise) to what the aligned pairs reach
   (signal). Re-released statements align at 0.95 with noise at 0.35, so a sentence dropped in
   one place and another added elsewhere on the same topic at 0.41 are no move; two paraphrased
   translations align at 0.5 with noise at 0.33, where 0.45 is a match. Under that bar, the
   pair still counts when it clears the noise by MOVE_CONTENT_FLOOR of the way and shares its
   content words as a true pair does (rare words weigh more, calibrated the same way), or
   shares a word no other sentence of either document has (the evidence an anchor rests on).

A move is judged on its whole text: unaligned neighbours that make it more similar (a moved
sentence that was also split) join it first. A block moves as a whole (``MoveFinder.grow``).

    A: "... the talks covered trade." (dropped here)    B: "... energy was discussed." (added there)
    similar at 0.41, in documents whose pairs are 0.95 similar: deleted + inserted, no move.

The module works on duck-typed features and groups (``align`` passes its own), so it imports
nothing from ``align``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

MOVE_CONFIDENT = 0.7
MOVE_MARGIN = 0.1
MOVE_EXTRA = 0.03  # moves need a little more than the threshold (measured on the dev data)
MOVE_MIN_CHARS = 12
MOVE_CANDIDATES_PER_WORD = 50  # a word in more unaligned sentences than this proposes none
# The share of the way from noise to signal a move must reach; with rare words shared as a true
# pair shares them (or a word no other sentence has), the share it must still clear.
MOVE_CALIBRATED = 0.5
MOVE_CONTENT_FLOOR = 0.15
CALIBRATION_PAIRS = 40  # aligned pairs sampled for the noise (evenly spaced)
CALIBRATION_MIN_PAIRS = 3  # fewer aligned pairs say nothing about the documents' true pairs
CALIBRATION_MIN_GAP = 0.1  # aligned pairs hardly more similar than noise show no shared order
# Neighbours on each side whose similarity to a pair's sentence is noise: at least this many, and
# half as many as there are unaligned sentences on that side (the more candidates a lone sentence
# has, the better its best wrong one), up to the maximum.
NOISE_WINDOW = 5
NOISE_WINDOW_MAX = 25
# A sentence next to a sure move, moved with it, needs this much less than the threshold
# (dev data, clause units: hard-heavy moved recall 0.71 -> 0.88; lines F1 -0.002 at worst),
# a quarter of the way from noise to signal, and no unaligned rival better by MOVE_MARGIN.
# Enclosed between two parts of a moved block on both sides, it needs only the first.
MOVE_GROW_DISCOUNT = 0.10
MOVE_GROW_CALIBRATED = 0.25

Run = tuple[int, ...]
Gain = Callable[[int, int, int, int], tuple[float, float]]


class Features(Protocol):
    """What moves need to know of the sentences (``align._Features`` provides it)."""

    a_keys: list[str]
    b_keys: list[str]
    a_len: list[int]
    b_len: list[int]
    a_stem_set: list[str]
    b_stem_set: list[str]

    def similarity(self, a_lo: int, a_hi: int, b_lo: int, b_hi: int) -> float: ...

    def content_share(self, a: Sequence[int], b: Sequence[int]) -> float: ...

    def share_a_pair_word(self, a: Sequence[int], b: Sequence[int]) -> bool: ...


class GroupLike(Protocol):
    @property
    def a(self) -> Run: ...

    @property
    def b(self) -> Run: ...

    @property
    def similarity(self) -> float: ...

    @property
    def moved(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Move:
    a: Run
    b: Run
    similarity: float
    reason: str


@dataclass(frozen=True, slots=True)
class Calibration:
    """What true pairs and wrong matches look like in two documents (see ``calibrate``)."""

    signal: float
    noise: float
    content_bar: float  # halfway between a wrong neighbour's and a true pair's content share
    calibrated: bool  # False: too few aligned pairs, or no better than noise

    def bar(self, share: float) -> float:
        """The similarity ``share`` of the way from noise to signal."""
        return self.noise + share * (self.signal - self.noise)


def calibrate(features: Features, groups: Sequence[GroupLike], threshold: float) -> Calibration:
    """Measure the documents' own true pairs and noise.

    ``signal``: the median similarity of the aligned 1-1 pairs. ``noise``: for up to
    CALIBRATION_PAIRS of them, evenly spaced, the best similarity of either sentence to its
    partner's neighbours (same topic, wrong sentence); the median of those. The content share
    of true pairs and of those best wrong neighbours is measured the same way. With fewer than
    CALIBRATION_MIN_PAIRS aligned pairs, or pairs hardly more similar than the noise, the
    documents show no shared order: then only near-copies move (halfway from the threshold to
    1.0), and shared words are no evidence.

        statement vs its re-release: signal 0.95, noise 0.35 -> a move needs 0.65
        Darby vs Basic English Bible: signal 0.54, noise 0.35 -> a move needs 0.45
    """
    f = features
    pairs = [g for g in groups if len(g.a) == 1 and len(g.b) == 1 and not g.moved]
    uncalibrated = Calibration(1.0, threshold, 1.0, calibrated=False)
    if len(pairs) < CALIBRATION_MIN_PAIRS:
        return uncalibrated
    window_a = min(NOISE_WINDOW_MAX, max(NOISE_WINDOW, sum(1 for g in groups if g.a and not g.b) // 2))
    window_b = min(NOISE_WINDOW_MAX, max(NOISE_WINDOW, sum(1 for g in groups if g.b and not g.a) // 2))
    wrong: list[float] = []
    shared: list[float] = []
    shared_wrong: list[float] = []
    for g in pairs[:: max(1, len(pairs) // CALIBRATION_PAIRS)]:
        i, j = g.a[0], g.b[0]
        near_b = [n for n in range(max(0, j - window_b), min(len(f.b_keys), j + window_b + 1)) if n != j]
        near_a = [n for n in range(max(0, i - window_a), min(len(f.a_keys), i + window_a + 1)) if n != i]
        sims = [f.similarity(i, i + 1, n, n + 1) for n in near_b] + [f.similarity(n, n + 1, j, j + 1) for n in near_a]
        wrong.append(max(sims, default=0.0))
        shared.append(f.content_share((i,), (j,)))
        others = [f.content_share((i,), (n,)) for n in near_b] + [f.content_share((n,), (j,)) for n in near_a]
        shared_wrong.append(max(others, default=0.0))
    signal, noise = statistics.median(g.similarity for g in pairs), statistics.median(wrong)
    if signal - noise < CALIBRATION_MIN_GAP:
        return uncalibrated
    content_bar = (statistics.median(shared) + statistics.median(shared_wrong)) / 2
    return Calibration(signal, noise, content_bar, calibrated=True)


class MoveFinder:
    """Finds moves among the sentences an alignment left unaligned on both sides.

    ``gain(a_lo, a_hi, b_lo, b_hi)`` is the aligner's cost model: (gain, similarity) of a group,
    gain < 0 when the group is not allowed (lengths too different).
    """

    def __init__(self, features: Features, gain: Gain, threshold: float, move_threshold: float, max_group: int):
        self.f = features
        self.gain = gain
        self.t = threshold
        self.move_threshold = move_threshold
        self.max_group = max_group
        self.calibration = Calibration(1.0, threshold, 1.0, calibrated=False)
        # each unaligned sentence's two best unaligned matches, (similarity, index), best first
        self.best_a: dict[int, list[tuple[float, int]]] = defaultdict(list)
        self.best_b: dict[int, list[tuple[float, int]]] = defaultdict(list)

    def find(self, groups: Sequence[GroupLike]) -> list[Move]:
        """Moves among the unaligned sentences of ``groups``: mutual best matches, and two
        neighbours whose best match is the same sentence (a move that also merged or split)."""
        f = self.f
        lone_a = [g.a[0] for g in groups if g.a and not g.b and f.a_len[g.a[0]] >= MOVE_MIN_CHARS]
        lone_b = [g.b[0] for g in groups if g.b and not g.a and f.b_len[g.b[0]] >= MOVE_MIN_CHARS]
        if not lone_a or not lone_b:
            return []
        self._best_matches(lone_a, lone_b)
        self.calibration = calibrate(f, groups, self.t)
        best_a, best_b = self.best_a, self.best_b
        moves: list[Move] = []
        used_a: set[int] = set()
        used_b: set[int] = set()
        free_a, free_b = set(lone_a), set(lone_b)
        for i, tops in sorted(best_a.items()):
            sim, j = tops[0]
            if i in used_a or j in used_b:
                continue
            if best_b[j][0][1] == i and self._stands_out(sim, _second(tops), _second(best_b[j])):
                a, b, sim = self._fullest((i,), (j,), sim, free_a - used_a, free_b - used_b)
                if self._convincing(sim, a, b):
                    reason = "moved: best match elsewhere" + (", merged" if len(a) + len(b) > 2 else "")
                    moves.append(Move(a, b, sim, reason))
                    used_a.update(a)
                    used_b.update(b)
        sides = ((best_a, best_b, used_a, used_b, True), (best_b, best_a, used_b, used_a, False))
        for best_one, best_other, used_one, used_other, a_side in sides:
            for k, tops in sorted(best_one.items()):
                partner = best_one.get(k + 1)
                j = tops[0][1]
                if k in used_one or k + 1 in used_one or not partner or partner[0][1] != j or j in used_other:
                    continue
                sim = f.similarity(k, k + 2, j, j + 1) if a_side else f.similarity(j, j + 1, k, k + 2)
                rivals = [s for s, n in best_other[j] if n not in (k, k + 1)]
                a, b = ((k, k + 1), (j,)) if a_side else ((j,), (k, k + 1))
                if (
                    sim > max(tops[0][0], partner[0][0])
                    and self._stands_out(sim, max(rivals, default=0.0))
                    and self._convincing(sim, a, b)
                ):
                    moves.append(Move(a, b, sim, "moved: best match elsewhere, merged"))
                    used_one.update((k, k + 1))
                    used_other.add(j)
        return moves

    def grow(self, groups: Sequence[GroupLike]) -> list[Move]:
        """Moves that extend the moved groups of ``groups`` to their unaligned neighbours.

        A block moves as a whole: once one of its sentences is a sure move, the sentence beside
        it in A and in B needs no margin over rivals, only a bar MOVE_GROW_DISCOUNT below the
        threshold and a quarter of the way from noise to signal, and no unaligned rival clearly
        better; it is judged on its whole text, as a move is. A sentence enclosed on both sides
        by the moved block (a pocket inside it) needs only the first bar: its position vouches.
        """
        f = self.f
        lone_a = {g.a[0] for g in groups if g.a and not g.b}
        lone_b = {g.b[0] for g in groups if g.b and not g.a}
        moved_at = {(i, j) for g in groups if g.moved for i in g.a for j in g.b}
        floor = self.t - MOVE_GROW_DISCOUNT
        bar = self.calibration.bar(MOVE_GROW_CALIBRATED)
        grown: list[Move] = []
        for move in [g for g in groups if g.moved]:
            for step in (1, -1):
                i = (move.a[-1] if step > 0 else move.a[0]) + step
                j = (move.b[-1] if step > 0 else move.b[0]) + step
                while i in lone_a and j in lone_b:
                    sim = f.similarity(i, i + 1, j, j + 1)
                    enclosed = (i + step, j + step) in moved_at
                    a: Run = (i,)
                    b: Run = (j,)
                    if not enclosed:
                        a, b, sim = self._fullest(a, b, sim, lone_a, lone_b)
                    if sim < floor or not (enclosed or (sim >= bar and not self._rivalled(i, j, sim))):
                        break
                    lone_a.difference_update(a)
                    lone_b.difference_update(b)
                    moved_at.update((x, y) for x in a for y in b)
                    grown.append(Move(a, b, sim, "moved with its neighbour"))
                    i = (a[-1] if step > 0 else a[0]) + step
                    j = (b[-1] if step > 0 else b[0]) + step
        return grown

    def _best_matches(self, lone_a: list[int], lone_b: list[int]) -> None:
        """Each unaligned sentence's best and second-best unaligned match at the threshold or
        above. Candidates share a content word or the whole text: never all pairs of a large input."""
        f = self.f
        by_stem: dict[str, list[int]] = defaultdict(list)
        by_key: dict[str, list[int]] = defaultdict(list)
        for j in lone_b:
            for s in f.b_stem_set[j]:
                by_stem[s].append(j)
            by_key[f.b_keys[j]].append(j)
        for i in lone_a:
            seen: set[int] = set(by_key.get(f.a_keys[i], ()))
            for s in f.a_stem_set[i]:
                candidates = by_stem.get(s, ())
                if len(candidates) <= MOVE_CANDIDATES_PER_WORD:
                    seen.update(candidates)
            for j in seen:
                sim = f.similarity(i, i + 1, j, j + 1)
                if sim >= self.t:
                    _keep_two(self.best_a[i], (sim, j))
                    _keep_two(self.best_b[j], (sim, i))

    def _stands_out(self, sim: float, *runners_up: float) -> bool:
        """A move has no neighbours to vouch for it: it must be similar and unrivalled."""
        if sim < self.move_threshold:
            return False
        return sim >= MOVE_CONFIDENT or sim - max(runners_up, default=0.0) >= MOVE_MARGIN

    def _convincing(self, sim: float, a: Run, b: Run) -> bool:
        """Whether the pair looks like a true pair of these documents (see the module docstring)."""
        c = self.calibration
        if sim >= c.bar(MOVE_CALIBRATED):
            return True
        if not c.calibrated or sim < c.bar(MOVE_CONTENT_FLOOR):
            return False
        return self.f.content_share(a, b) >= c.content_bar or self.f.share_a_pair_word(a, b)

    def _fullest(self, a: Run, b: Run, sim: float, free_a: set[int], free_b: set[int]) -> tuple[Run, Run, float]:
        """The move as it will be reported: grown by unaligned neighbours (``free_a``, ``free_b``)
        while that makes it more similar (a moved sentence that was also split or merged), as
        the aligner's widening would. Half of a split sentence is only half the evidence."""
        while True:
            options: list[tuple[Run, Run]] = []
            if len(a) < self.max_group and len(b) == 1:
                options += [((a[0] - 1, *a), b)] if a[0] - 1 in free_a else []
                options += [((*a, a[-1] + 1), b)] if a[-1] + 1 in free_a else []
            if len(b) < self.max_group and len(a) == 1:
                options += [(a, (b[0] - 1, *b))] if b[0] - 1 in free_b else []
                options += [(a, (*b, b[-1] + 1))] if b[-1] + 1 in free_b else []
            best: tuple[Run, Run, float] | None = None
            for a_run, b_run in options:
                gain, grown = self.gain(a_run[0], a_run[-1] + 1, b_run[0], b_run[-1] + 1)
                if gain >= 0 and grown > sim and (best is None or grown > best[2]):
                    best = (a_run, b_run, grown)
            if best is None:
                return a, b, sim
            a, b, sim = best

    def _rivalled(self, i: int, j: int, sim: float) -> bool:
        """Whether A's ``i`` or B's ``j`` has an unaligned match clearly better than each other."""
        rivals = [s for s, n in self.best_a.get(i, ()) if n != j] + [s for s, n in self.best_b.get(j, ()) if n != i]
        return max(rivals, default=0.0) > sim + MOVE_MARGIN


def _second(tops: list[tuple[float, int]]) -> float:
    return tops[1][0] if len(tops) > 1 else 0.0


def _keep_two(tops: list[tuple[float, int]], item: tuple[float, int]) -> None:
    """Keep the two best (similarity, index) items, best first."""
    tops.append(item)
    tops.sort(key=lambda x: (-x[0], x[1]))
    del tops[2:]
