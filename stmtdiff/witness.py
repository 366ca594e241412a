"""A second opinion on each version's place in the rows, from the other versions' texts.

A pairwise comparison sees only the base and one version, so it errs where the base alone is
weak evidence: a paraphrase too loose to align with the base's wording, two different verses
dropped at the same place (one from each side) that look alike enough to pair, a move the
aligner could not tell from a coincidence. Once the rows exist, each row carries up to N-1
*witnesses* of its text (the base's share and the other versions'), and a version's sentence
can be weighed against all of them (its *agreement* with a row: its best similarity with one
of the row's witnesses of about its length). For each version, in input order:

* **swap**: two of its sentences that the pairwise comparison crossed (one of them moved) trade
  rows when each agrees with the other's row clearly better (two similar verses, each moved in
  a different version, or a move below that crossed two); checked after the moves;
* **move**: a sentence alone in its row, or linked to text it hardly agrees with, moves to a
  row the version lacks at about the same place in its own order (NEAR units) when it agrees
  with that row clearly better;
* **extend**: a sentence also joins such a neighbouring row when it reads like the two rows'
  witnesses joined (a line holding two verses) better than like either alone;
* **far move**: a sentence alone in its row moves to a distant row the version lacks when the
  two are each other's best match and stand out as a pairwise move must.

A sentence placed anew gets a word diff against the base's text in its row, and its changes
classified, exactly as a pair's would be.
"""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from stmtdiff import classify
from stmtdiff.align import POCKET_DISCOUNT, similarity_scorer
from stmtdiff.collate import STATISTICS_SAMPLE, DraftRow, Part, cut_in_version
from stmtdiff.compare import counts_as_difference
from stmtdiff.model import Comparison, CompareOptions, Document, Edit, Op, Status
from stmtdiff.moves import MOVE_CONFIDENT, MOVE_EXTRA, MOVE_MARGIN
from stmtdiff.worddiff import TokenCodec, diff_spans

NEAR = 2  # units of the version's own order within which a row counts as "the same place"
# A sentence leaves the row it is in only for a row it agrees with this much better.
REHOME_MARGIN = 0.1
# A unit joins a neighbouring row as well when it agrees with the two rows' witnesses joined
# this much better than with either alone.
EXTEND_MARGIN = 0.05
# Sentences to weigh times rows to weigh them against, above which the searches across the
# whole text (far moves, swaps) are left out, so that the step stays linear in the text's
# length (a whole Bible has hundreds of such sentences); nearby rows are always checked.
SEARCH_LIMIT = 5_000
LENGTH_RATIO = 1.8  # a sentence and a witness of very different lengths are no evidence
MAX_WITNESSES = 6  # distinct texts a row offers as evidence, at most
# A unit linked to the base more closely than this is not moved by the other versions' word.
WEAK_LINK = 0.6
WEAK_SHARE = 4  # ... and than this fraction (1/4) of its links

Move = tuple[tuple[int, ...], int, int, str]  # (rows it is in, unit, row it goes to, how)


def second_opinion(
    drafts: Sequence[DraftRow],
    docs: Sequence[Document],
    base: int,
    comparisons: Sequence[Comparison | None],
    options: CompareOptions,
) -> list[DraftRow]:
    """The rows with each version's misplaced sentences placed where its witnesses agree;
    rows left empty disappear."""
    rows = list(drafts)
    codec = TokenCodec()
    evidence = _Evidence()
    for v in range(len(docs)):
        c = comparisons[v]
        if v == base or c is None:
            continue
        pair_of = {j: k for k, p in enumerate(c.pairs) for j in p.b}
        moved_here = False
        view = _view(rows, v, c, evidence)
        for step in (_moves, _swaps):  # swaps last: a move may have crossed two units
            if step is _swaps and not (view.moved or moved_here):  # nothing moved: nothing crossed
                break
            placed = step(rows, docs, v, c, options, view)
            moved_here = bool(placed)
            for sources, unit, target, how in placed:
                if how in ("move", "far"):
                    for source in sources:
                        rows[source] = _without(rows[source], v)
                pair = pair_of.get(unit, -1)
                if how == "extend" and (cut := _cut_between(rows[sources[0]], rows[target], docs, base, v, unit, codec)):
                    # the unit's words are shared out between the two rows, each diffed with its row
                    was = rows[sources[0]].parts[v]
                    for row, span in ((sources[0], cut[0]), (target, cut[1])):
                        rows[row] = _with(rows[row], v, unit, pair, how, docs, base, c, options, codec, span)
                    if was is not None and was.moved:  # still where it was, moved as it was
                        parts = list(rows[sources[0]].parts)
                        parts[v] = replace(parts[v], moved=True)  # type: ignore[arg-type]
                        rows[sources[0]] = replace(rows[sources[0]], parts=tuple(parts))
                    continue
                rows[target] = _with(rows[target], v, unit, pair, how, docs, base, c, options, codec)
            if placed:
                view = _view(rows, v, c, evidence)
    return [row for row in rows if any(p is not None and p.units for p in row.parts)]


# ------------------------------------------------------------------------------ evidence


def _lacks(row: DraftRow, v: int) -> bool:
    part = row.parts[v]
    return part is None or not part.units


def _part_text(part: Part) -> str:
    """What a version reads in a row: the equal and inserted text of its share of the diff."""
    return "".join(e.text for e in part.edits if e.op is not Op.DELETE).strip()


class _Evidence:
    """What each row offers as evidence, read once per row (a row is read again only when the
    second opinion replaces it): which versions have text there, and (when asked) its distinct
    texts with the first two versions that carry each. Asking it about one version then costs
    the same however many versions there are, so the step stays linear in their number
    (reading every version's part for every version's question made it quadratic: 120
    versions of a 50-line statement spent more on these questions than on the 119 pairwise
    comparisons)."""

    def __init__(self) -> None:
        # id(row) -> (the row itself, so that its id is not reused while cached; the first two
        # versions with text there)
        self._present: dict[int, tuple[DraftRow, list[int]]] = {}
        # id(row) -> (the row; distinct texts in the order of their first carrier, each with its
        # first two carriers; version -> index of the text it carries first)
        self._texts: dict[int, tuple[DraftRow, list[tuple[str, list[int]]], dict[int, int]]] = {}

    def has_witness(self, row: DraftRow, v: int) -> bool:
        """Whether some version other than ``v`` has text in the row (without joining any)."""
        hit = self._present.get(id(row))
        if hit is None or hit[0] is not row:
            present: list[int] = []
            for w, part in enumerate(row.parts):
                if part is not None and part.units:
                    present.append(w)
                    if len(present) == 2:
                        break
            hit = self._present[id(row)] = (row, present)
        present = hit[1]
        return len(present) > 1 or (len(present) == 1 and present[0] != v)

    def _distinct(self, row: DraftRow) -> tuple[list[tuple[str, list[int]]], dict[int, int]]:
        hit = self._texts.get(id(row))
        if hit is not None and hit[0] is row:
            return hit[1], hit[2]
        texts: dict[str, int] = {}
        distinct: list[tuple[str, list[int]]] = []
        first: dict[int, int] = {}
        for w, part in enumerate(row.parts):
            if part is None or not part.units:
                continue
            text = _part_text(part)
            if not text:
                continue
            n = texts.setdefault(text, len(distinct))
            if n == len(distinct):
                distinct.append((text, [w]))
                first[w] = n
            elif len(distinct[n][1]) < 2:
                distinct[n][1].append(w)
        self._texts[id(row)] = (row, distinct, first)
        return distinct, first

    def witnesses(self, row: DraftRow, v: int) -> dict[int, str]:
        """The texts a row has in the versions other than ``v``, by version, each text once (a
        copy adds no evidence) and at most MAX_WITNESSES of them, in input order: the cost of
        weighing a unit stays bounded however many versions there are.

            >>> part = lambda text: Part((0,), 0, (Edit(Op.EQUAL, 0, len(text), 0, len(text), text),), ())
            >>> row = DraftRow((part("x"), part("y"), part("x"), None, part("z")), (0, 1))
            >>> _Evidence().witnesses(row, 1), _Evidence().witnesses(row, 0)
            ({0: 'x', 4: 'z'}, {1: 'y', 2: 'x', 4: 'z'})
        """
        distinct, first = self._distinct(row)
        found: list[tuple[int, str]] = []
        for text, carriers in distinct:  # in the order of their first carriers
            if carriers[0] != v:
                found.append((carriers[0], text))
                if len(found) == MAX_WITNESSES:
                    break
        own = first.get(v)
        if own is not None and len(distinct[own][1]) > 1:  # v's text, also carried by a later version
            found.append((distinct[own][1][1], distinct[own][0]))
            found.sort()
        return dict(found[:MAX_WITNESSES])


class _Agreement:
    """How well version ``v``'s units agree with rows (or with consecutive rows joined, keyed
    by a tuple of row indices): the best similarity with one of their witnesses of about the
    same length. All the witness texts needed are scored with one set of word statistics."""

    def __init__(
        self, rows: list[DraftRow], evidence: _Evidence, doc: Document, v: int, keys: Iterable[Hashable],
        units: Iterable[int],
    ) -> None:
        self.doc = doc
        # the units to score, and enough of the rest of the version for its word statistics
        # (which words are too frequent to count): all of it, or a sample of a long one
        step = max(1, len(doc.sentences) // STATISTICS_SAMPLE)
        wanted = set(units) | set(range(0, len(doc.sentences), step))
        self.units = {j: n for n, j in enumerate(sorted(wanted))}
        self.texts: list[str] = []
        self.owned: dict[Hashable, list[int]] = {}
        for key in sorted(set(keys), key=lambda k: (k,) if isinstance(k, int) else k):  # type: ignore[arg-type]
            if isinstance(key, int):
                found = list(evidence.witnesses(rows[key], v).values())
            else:
                each = [evidence.witnesses(rows[r], v) for r in sorted(key)]  # type: ignore[arg-type]
                common = set(each[0]).intersection(*each[1:])
                found = [" ".join(texts[w] for texts in each) for w in sorted(common)]
            self.owned[key] = list(range(len(self.texts), len(self.texts) + len(found)))
            self.texts.extend(found)
        self.score = similarity_scorer(self.texts, [doc.sentences[j].text for j in self.units])

    def __call__(self, key: Hashable, unit: int, any_length: bool = False) -> float:
        """The unit's agreement with the row(s) ``key``; ``any_length`` counts witnesses of any
        length (the similarity itself then weighs the difference in length)."""
        size = len(self.doc.sentences[unit].text)
        j = self.units[unit]
        best = 0.0
        for n in self.owned.get(key, ()):
            other = len(self.texts[n])
            if any_length or max(size, other) <= LENGTH_RATIO * max(1, min(size, other)):
                best = max(best, self.score(n, j))
        return best


@dataclass
class _View:
    """Version ``v``'s place in the rows, read in one pass over them.

    ``held``: the rows holding each of its units; ``position``: where each row stands in the
    version's own order (its unit there, or half past the last unit before it; moved cells
    stand elsewhere in the version and do not count); ``targets``: rows it lacks that have
    text in another version; ``alone``: rows where only it has text; ``moved``: rows where
    its cell is moved; ``weak``: links to the base less similar than this are doubtful (below
    WEAK_LINK and below most of the version's links: a paraphrase links loosely everywhere);
    ``evidence``: what the rows offer, shared by every version's view.
    """

    held: dict[int, list[int]]
    position: list[float]
    targets: list[int]
    alone: list[int]
    moved: list[int]
    weak: float
    evidence: _Evidence


def _view(rows: list[DraftRow], v: int, c: Comparison, evidence: _Evidence) -> _View:
    held: dict[int, list[int]] = {}
    position: list[float] = []
    targets: list[int] = []
    alone: list[int] = []
    moved: list[int] = []
    last = -1.0
    for r, row in enumerate(rows):
        part = row.parts[v]
        others = evidence.has_witness(row, v)
        if part is not None and part.units:
            for j in part.units:
                held.setdefault(j, []).append(r)
            if not others:
                alone.append(r)
            if part.moved:
                moved.append(r)
            else:
                last = float(max(part.units))
                position.append(last)
                continue
        elif others:
            targets.append(r)
        position.append(last + 0.5)
    linked = sorted(p.similarity for p in c.pairs if p.a and p.b)
    weak = min(WEAK_LINK, linked[len(linked) // WEAK_SHARE] if linked else WEAK_LINK)
    return _View(held, position, targets, alone, moved, weak, evidence)


def _single(rows: list[DraftRow], v: int, c: Comparison, view: _View, j: int) -> int | None:
    """The row of unit ``j`` when it sits in that row only, alone there among its version's
    units, and is not part of a merge or split the pairwise comparison found (its neighbours
    vouch for those); else None."""
    rs = view.held.get(j, ())
    if len(rs) != 1:
        return None
    part = rows[rs[0]].parts[v]
    assert part is not None
    if len(part.units) != 1:
        return None
    pair = c.pairs[part.pair] if part.pair >= 0 else None
    return rs[0] if pair is None or not pair.a or len(pair.a) + len(pair.b) == 2 else None


def _spread(rows: list[DraftRow], v: int, c: Comparison, view: _View, j: int) -> tuple[int, ...] | None:
    """The rows of unit ``j`` when it is linked one to one with a base unit that other
    versions' boundaries cut into several consecutive rows (it sits in each); else None."""
    rs = view.held.get(j, ())
    if len(rs) < 2 or rs != list(range(rs[0], rs[0] + len(rs))):
        return None
    parts = [rows[r].parts[v] for r in rs]
    if any(p is None or p.units != (j,) or p.pair < 0 or rows[r].window is None for p, r in zip(parts, rs)):
        return None
    pairs = {p.pair for p in parts}  # type: ignore[union-attr]
    if len(pairs) != 1:
        return None
    pair = c.pairs[pairs.pop()]
    return tuple(rs) if len(pair.a) == len(pair.b) == 1 else None


def _doubtful(rows: list[DraftRow], docs: Sequence[Document], v: int, c: Comparison, view: _View, r: int, j: int) -> bool:
    """Whether unit ``j``'s place in row ``r`` is open to doubt: alone in its row, moved,
    linked weakly to the base (see _View), or much longer than the base's text in its row (a
    line that may hold the next row's text too). A unit firmly linked is left alone, which
    keeps this step's cost to a few units per row the version lacks."""
    row = rows[r]
    part = row.parts[v]
    assert part is not None
    if row.window is None or part.moved or part.pair < 0:
        return True
    long = len(docs[v].sentences[j].text) >= 1.5 * max(1, row.window[1] - row.window[0])
    return c.pairs[part.pair].similarity < view.weak or long


def _bar(row: DraftRow, threshold: float) -> float:
    """The agreement a unit needs with a nearby row to move there. In a row of the base, or
    one that two versions share, the bar of a pocket between aligned neighbours (threshold -
    POCKET_DISCOUNT): the base's order, or two versions that agree, vouch for the sentence
    and its place. A row the base lacks that one version alone holds is a sentence that
    nothing vouches for, so it is joined only at the bar of a move (threshold + MOVE_EXTRA),
    as such rows are formed (see collate._rows_the_base_lacks); else two unrelated sentences
    that two reprints add at one place (their commentary around a statement) become one row:
    they share the words of any two sentences on one topic.

        >>> base_row, added = DraftRow((), (0, 10)), DraftRow((None, Part((3,), 0, (), ())), None)
        >>> _bar(base_row, 0.35) < 0.35 < _bar(added, 0.35)
        True
    """
    shared = sum(1 for part in row.parts if part is not None and part.units) > 1
    return threshold - POCKET_DISCOUNT if row.window is not None or shared else threshold + MOVE_EXTRA


def _adjacent(rows: list[DraftRow], v: int, r: int, t: int) -> bool:
    """Whether rows ``r`` and ``t`` are next to each other in version ``v`` (no row between
    them holds one of its units in place), so that one of its units may span both."""
    lo, hi = min(r, t), max(r, t)
    return hi - lo <= NEAR + 1 and all(
        _lacks(rows[k], v) or rows[k].parts[v].moved for k in range(lo + 1, hi)  # type: ignore[union-attr]
    )


# ----------------------------------------------------------------------------- decisions


def _swaps(
    rows: list[DraftRow], docs: Sequence[Document], v: int, c: Comparison, options: CompareOptions, view: _View
) -> list[Move]:
    """Pairs of ``v``'s units that trade rows, in a version with a moved unit or one just placed
    anew (without one, nothing crossed): each agrees with the other's row clearly better than with its own, and
    the first one, a doubtful unit (see _doubtful), agrees with no row better. Searched in
    short texts only (SEARCH_LIMIT): it weighs every doubtful unit against every row."""
    if len(view.held) ** 2 > 4 * SEARCH_LIMIT:
        return []
    units = [(r, j) for j in sorted(view.held) if (r := _single(rows, v, c, view, j)) is not None]
    placed = [(r, j) for r, j in units if rows[r].window is not None and view.evidence.has_witness(rows[r], v)]
    # the units that may have crossed: moved ones, and those their row hardly vouches for
    moved = [(r, j) for r, j in placed if _doubtful(rows, docs, v, c, view, r, j)]
    if not moved or len(moved) * len(placed) > SEARCH_LIMIT:
        return []
    agree = _Agreement(rows, view.evidence, docs[v], v, [r for r, _ in placed], [j for _, j in units])
    out: list[Move] = []
    used: set[int] = set()
    for r1, j1 in moved:
        if r1 in used:
            continue
        here1 = agree(r1, j1)
        best = max(((agree(r2, j1), r2, j2) for r2, j2 in placed if r2 != r1 and r2 not in used), default=None)
        if best is None:
            continue
        there1, r2, j2 = best
        gain = there1 + agree(r1, j2) - here1 - agree(r2, j2)
        if there1 >= options.threshold + MOVE_EXTRA and there1 >= here1 + REHOME_MARGIN and gain >= 2 * REHOME_MARGIN:
            out += [((r1,), j1, r2, "swap"), ((r2,), j2, r1, "swap")]
            used.update((r1, r2))
    return out


def _moves(
    rows: list[DraftRow], docs: Sequence[Document], v: int, c: Comparison, options: CompareOptions, view: _View
) -> list[Move]:
    """Units of ``v`` to move to (or also place in) rows it lacks; see the module's docstring."""
    targets = view.targets
    if not targets:
        return []
    by_place = sorted((view.position[r], r) for r in targets)
    places = [p for p, _ in by_place]

    def nearby(j: int) -> list[int]:
        return [t for _, t in by_place[bisect.bisect_left(places, j - NEAR) : bisect.bisect_right(places, j + NEAR)]]

    # only units near a row the version lacks can move there: look at those alone
    close = sorted({j for p in places for j in range(int(p - NEAR), int(p + NEAR) + 1) if j in view.held})
    near: dict[tuple[int, int], list[int]] = {}
    spread: dict[tuple[int, ...], tuple[int, list[int]]] = {}
    for j in close:
        found = nearby(j)
        if not found:
            continue
        r = _single(rows, v, c, view, j)
        if r is not None:
            if _doubtful(rows, docs, v, c, view, r, j):
                near[r, j] = found
            continue
        rs = _spread(rows, v, c, view, j)
        if rs is not None and _doubtful(rows, docs, v, c, view, rs[0], j):
            spread[rs] = (j, found)
    lonely = [(r, j) for r in view.alone for j in rows[r].parts[v].units if _single(rows, v, c, view, j) == r]  # type: ignore[union-attr]
    far = bool(lonely) and len(lonely) * len(targets) <= SEARCH_LIMIT
    keys: list[Hashable] = [r for r, _ in near] + [t for ts in near.values() for t in ts]
    keys += [(min(r, t), max(r, t)) for (r, _), ts in near.items() for t in ts if _adjacent(rows, v, r, t)]
    keys += targets if far else []
    keys += [rs for rs in spread] + [t for _, ts in spread.values() for t in ts]
    scored = [j for r, j in near] + ([j for _, j in lonely] if far else []) + [j for j, _ in spread.values()]
    agree = _Agreement(rows, view.evidence, docs[v], v, keys, scored)
    threshold = options.threshold
    proposals: list[tuple[float, tuple[int, ...], int, int, str]] = []
    for rs, (j, ts) in spread.items():  # a unit in the rows of a base unit others split: as a whole
        here = agree(rs, j)
        there, t = max((agree(t, j), t) for t in ts)
        if there >= _bar(rows[t], threshold) and there >= here + REHOME_MARGIN:
            proposals.append((there, rs, j, t, "move"))
    for (r, j), ts in near.items():
        here = agree(r, j)
        best = (0.0, -1, "move")
        for t in ts:
            there = agree(t, j)
            if there >= _bar(rows[t], threshold) and there >= here + REHOME_MARGIN and there > best[0]:
                best = (there, t, "move")
            if _adjacent(rows, v, r, t):
                # a unit holding both rows' text is too long for either alone: weigh all lengths
                both = agree((min(r, t), max(r, t)), j)
                alone = max(agree(r, j, any_length=True), agree(t, j, any_length=True))
                if both >= threshold and both >= alone + EXTEND_MARGIN and both > best[0]:
                    best = (both, t, "extend")
        if best[1] >= 0:
            proposals.append((best[0], (r,), j, best[1], best[2]))
    if far:
        table = {(r, j): {t: agree(t, j) for t in targets} for r, j in lonely}
        for (r, j), sims in table.items():
            ranked = sorted(((s, t) for t, s in sims.items()), reverse=True)
            sim, t = ranked[0]
            rival = max((other[t] for key, other in table.items() if key != (r, j)), default=0.0)
            runner_up = max(ranked[1][0] if len(ranked) > 1 else 0.0, rival)
            if sim >= threshold + MOVE_EXTRA and rival < sim and (sim >= MOVE_CONFIDENT or sim >= runner_up + MOVE_MARGIN):
                proposals.append((sim, (r,), j, t, "far"))
    proposals.sort(key=lambda p: (-p[0], p[1], p[3]))
    taken_units: set[int] = set()
    taken_rows: set[int] = set()
    out: list[Move] = []
    for _, r, j, t, how in proposals:
        if j in taken_units or t in taken_rows:
            continue
        taken_units.add(j)
        taken_rows.add(t)
        out.append((r, j, t, how))
    return out


# ------------------------------------------------------------------------------ applying


def _without(row: DraftRow, v: int) -> DraftRow:
    """The row once version ``v``'s unit has left it: a base row the version now lacks."""
    parts = list(row.parts)
    parts[v] = Part((), -1, (), ()) if row.window is not None else None
    return replace(row, parts=tuple(parts))


def _cut_between(
    row: DraftRow, other: DraftRow, docs: Sequence[Document], base: int, v: int, unit: int, codec: TokenCodec
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The spans of version ``v``'s ``unit`` that go to ``row`` and to ``other`` when it
    extends from one into the other (a line holding two of the base's sentences): the unit is
    diffed with the base's text of the two rows joined (not of the rows between, which it
    lacks), and cut where the later row's text begins, at a word start. Each row then shows
    its own share of the unit's words, rather than the whole unit with the other row's words as
    a false insertion. None when a row is one the base lacks, or a share would be empty.

    For the base "A. B. C." and a version line "A, and c." that holds A and C (B omitted),
    the row of A gets "A, " and the row of C gets "and c.".
    """
    if row.window is None or other.window is None:
        return None
    first, second = sorted((row, other), key=lambda r: r.window)  # type: ignore[arg-type, return-value]
    text = docs[base].text
    head_text = text[first.window[0] : first.window[1]] + " "  # type: ignore[index]
    sentence = docs[v].sentences[unit]
    edits = diff_spans(head_text + text[second.window[0] : second.window[1]], 0, sentence.text, sentence.start, codec)  # type: ignore[index]
    at = cut_in_version(edits, len(head_text))
    if not sentence.start < at < sentence.end:
        return None
    head, tail = (sentence.start, at), (at, sentence.end)
    return (head, tail) if first is row else (tail, head)


def _with(
    row: DraftRow,
    v: int,
    unit: int,
    pair: int,
    how: str,
    docs: Sequence[Document],
    base: int,
    c: Comparison,
    options: CompareOptions,
    codec: TokenCodec,
    span: tuple[int, int] | None = None,
) -> DraftRow:
    """The row with version ``v``'s ``unit`` (from pairwise pair ``pair``) in it, in place of
    what it had there, diffed against the base's text there (only its ``span`` of the version's
    text, when given: its share of a unit that spans two rows); a unit placed far from its
    neighbours is marked moved."""
    sentence = docs[v].sentences[unit]
    if span is not None:
        text = docs[v].text[span[0] : span[1]]
        stripped = text.strip()
        start = span[0] + (len(text) - len(text.lstrip()))
        sentence = replace(sentence, start=start, end=start + len(stripped), text=stripped)
    if row.window is None:
        point = next((e.a_start for p in row.parts if p is not None for e in p.edits), 0)
        edits: tuple[Edit, ...] = (Edit(Op.INSERT, point, point, sentence.start, sentence.end, sentence.text),)
        if pair >= 0 and c.pairs[pair].status is Status.INSERTED:
            found = c.pairs[pair].changes
            changes = tuple(ch for ch in found if ch.b_start < sentence.end and sentence.start < ch.b_end)
        else:
            changes = (
                classify.classify_unpaired(
                    sentence.text, sentence.start, sentence.end, "b",
                    outside=False, boilerplate=sentence.boilerplate, watch=options.watch,
                ),
            )
    else:
        lo, hi = row.window
        edits = diff_spans(docs[base].text[lo:hi], lo, sentence.text, sentence.start, codec)
        languages = (options.lang or docs[base].language, options.lang or docs[v].language)
        changes = classify.classify_edits(edits, watch=options.watch, languages=languages)
    # marked as the pairwise comparison marks them: what the options leave out is kept, flagged
    changes = tuple(ch if counts_as_difference(ch, options) else replace(ch, ignored=True) for ch in changes)
    parts = list(row.parts)
    moved = how == "far" or (how == "swap" and row.parts[v] is not None and not _near(row, v, unit))
    parts[v] = Part((unit,), pair, tuple(edits), tuple(changes), moved)
    return replace(row, parts=tuple(parts))


def _near(row: DraftRow, v: int, unit: int) -> bool:
    """Whether ``unit`` takes the place of what the version had in the row, give or take NEAR."""
    part = row.parts[v]
    return part is not None and bool(part.units) and not part.moved and abs(part.units[0] - unit) <= NEAR
