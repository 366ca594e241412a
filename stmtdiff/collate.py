"""The cross-version step: N-1 pairwise comparisons with one base, lined up as one table of rows.

Each pairwise comparison (base = A, a version = B) already says, for every base sentence, what
that version has in its place. Putting those side by side (a "plain pivot") leaves three holes,
which this module closes without comparing any two versions directly:

1. **Sentences the base lacks.** Each version's inserted sentences are aligned with the rows
   the base lacks so far (:func:`_rows_the_base_lacks`), version after version, so a sentence
   added by two reprints forms one row, not two.
2. **Merges and splits.** When one version holds two of another's sentences in one, a single row
   would link sentences that share nothing (version C's verse 3 with version D's verse 4, both
   against B's line 3+4). So the base text of each *region* (base sentences joined by any
   version's merge) is cut at every version's sentence boundaries, projected onto the base
   through that version's word diff, and boundaries that different versions put at the same
   place are clustered into one cut (:func:`_cluster_cuts`). Each piece between two cuts is a
   row; a unit that spans two pieces (the line 3+4) sits in both rows, so every row's units
   agree with each other transitively.
3. **Moves** need nothing extra: a pairwise move links a base sentence like any other pair, and
   the row stays at the base's place with the cell marked moved.

Cost: one pass over every pairwise pair, plus one small alignment per version of the
sentences the base lacks; nothing compares two versions that are not the base.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from stmtdiff.align import AlignOptions, align
from stmtdiff.model import Change, Comparison, Document, Edit, Op, Pair, Status
from stmtdiff.moves import MOVE_EXTRA

# A version's boundary joins another version's cut when the two are closer than this share of
# the shorter of the version's two sentences on either side of it: two distinct boundaries in
# one base sentence lie a whole sentence apart, while the word diff of a paraphrase misplaces
# one by a few words.
CUT_TOLERANCE = 0.5
# A cut placed by projection moves to the nearest word start within this many characters, so a
# row's share of a base sentence never starts or ends inside a word.
SNAP_CHARS = 12
# Sentences the base lacks are joined across versions only when the places they take in the
# base order are at most this many base units apart, unless the aligner found them moved (a
# move must stand out on its own, see align.find_moves).
EXTRA_SLACK = 3
# A version's unit that spans several pieces is left out of a piece where it has less text of
# its own than this share of the base's text there (see _present).
ABSENT_SHARE = 0.25
# Sentences of a long document that give the word statistics of a small alignment of a few of
# its sentences (every n-th one, so that they stand for the whole text).
STATISTICS_SAMPLE = 500


@dataclass(frozen=True, slots=True)
class Part:
    """What one version has in one row.

    ``units`` are its sentence indices (``()`` when it lacks a base row); ``pair`` indexes the
    pairwise comparison's pairs (-1 for the base); ``edits`` and ``changes`` are the share of
    that pair's word diff and classified changes that falls in this row (for a missing
    version: none, and the changes of its ``deleted`` pair).
    """

    units: tuple[int, ...]
    pair: int
    edits: tuple[Edit, ...]
    changes: tuple[Change, ...]
    moved: bool = False


@dataclass(frozen=True, slots=True)
class DraftRow:
    """A row before readings are formed: one part per version (``None``: nothing there, in a
    row the base lacks) and the base text it covers (``None`` when the base lacks it)."""

    parts: tuple[Part | None, ...]
    window: tuple[int, int] | None


def collate_rows(
    docs: Sequence[Document], base: int, comparisons: Sequence[Comparison | None], threshold: float, max_group: int
) -> list[DraftRow]:
    """Every row, in the base's order; rows the base lacks stand where the versions have them."""
    nb = len(docs[base].sentences)
    versions = [v for v in range(len(docs)) if v != base]
    owner: dict[int, list[int]] = {}  # version -> per base unit, the index of its linked pair or -1
    deleted: dict[int, list[int]] = {}  # version -> per base unit, the index of its deleted pair or -1
    joined = [False] * max(0, nb - 1)  # base units i and i+1 sit in one group of some version
    for v in versions:
        c = comparisons[v]
        assert c is not None
        own, gone = [-1] * nb, [-1] * nb
        for k, p in enumerate(c.pairs):
            if p.a and p.b:
                for i in p.a:
                    own[i] = k
                for i in p.a[:-1]:
                    joined[i] = True
            elif p.a:
                for i in p.a:
                    gone[i] = k
        owner[v], deleted[v] = own, gone
    # versions whose word diffs place cuts best go first: the most similar to the base
    order = sorted(versions, key=lambda v: (-comparisons[v].summary.similarity, v))  # type: ignore[union-attr]
    out: list[DraftRow] = []
    extras = _rows_the_base_lacks(docs, base, comparisons, versions, threshold, max_group)
    extras.sort(key=lambda e: e[0])  # stable: rows that follow the same base unit keep their order
    n = 0
    while n < len(extras) and extras[n][0] < 0:  # before the base's first unit
        out.append(extras[n][1])
        n += 1
    i0 = 0
    while i0 < nb:
        i1 = i0
        while i1 < nb - 1 and joined[i1]:
            i1 += 1
        out.extend(_region_rows(docs, base, comparisons, order, owner, deleted, i0, i1))
        while n < len(extras) and extras[n][0] <= i1:
            out.append(extras[n][1])
            n += 1
        i0 = i1 + 1
    out.extend(row for _, row in extras[n:])
    return out


# ---------------------------------------------------------------------------- base regions


@dataclass(slots=True)
class _Cut:
    """A place in the base text where some versions' units end and the next ones begin.

    ``unit`` is the base unit that begins there (-1: a cut inside a base unit); ``rules`` gives,
    for each version whose own boundary was placed here, that boundary's offset in its text.
    """

    at: int
    unit: int = -1
    versions: set[int] = field(default_factory=set)
    rules: dict[int, int] = field(default_factory=dict)


def _region_rows(
    docs: Sequence[Document],
    base: int,
    comparisons: Sequence[Comparison | None],
    order: list[int],
    owner: dict[int, list[int]],
    deleted: dict[int, list[int]],
    i0: int,
    i1: int,
) -> list[DraftRow]:
    """The rows of base units ``i0..i1`` (joined by merges): one per piece between two cuts."""
    bdoc = docs[base]
    sents = bdoc.sentences
    lo, hi = sents[i0].start, sents[i1].end
    pairs: dict[int, list[Pair]] = {}
    indices: dict[int, list[int]] = {}  # each version's linked pairs over the region, in base order
    for v in order:
        c = comparisons[v]
        assert c is not None
        ks: list[int] = []
        for i in range(i0, i1 + 1):
            k = owner[v][i]
            if k >= 0 and (not ks or ks[-1] != k):
                ks.append(k)
        indices[v], pairs[v] = ks, [c.pairs[k] for k in ks]
    if i0 == i1 and all(len(p.b) == 1 for v in order for p in pairs[v]):
        # one base unit, at most one unit per version: one row, the pairs as they are
        parts: list[Part | None] = [None] * len(docs)
        parts[base] = _base_part(bdoc, (i0,), *_trimmed(bdoc.text, lo, hi))
        for v in order:
            if pairs[v]:
                p = pairs[v][0]
                parts[v] = Part(p.b, indices[v][0], p.edits, p.changes, p.status is Status.MOVED)
            else:
                parts[v] = _missing_part(comparisons[v], deleted[v][i0])  # type: ignore[arg-type]
        return [DraftRow(tuple(parts), _trimmed(bdoc.text, lo, hi))]

    # cuts: every base boundary inside the region, then each version's own boundaries
    cuts = [_Cut(sents[i].start, i, {base}) for i in range(i0 + 1, i1 + 1)]
    for v in order:
        for p in pairs[v]:
            for i in (p.a[0], p.a[-1] + 1):
                if i0 < i <= i1:
                    cuts[i - i0 - 1].versions.add(v)
    for v in order:
        vsents = docs[v].sentences
        for p in pairs[v]:
            if len(p.b) < 2:
                continue
            own = [vsents[j].start for j in p.b[1:]]
            lengths = [len(vsents[j].text) for j in p.b]
            tolerances = [CUT_TOLERANCE * min(lengths[m], lengths[m + 1]) for m in range(len(own))]
            first, last = _cut_index(cuts, p.a[0], i0, i1), _cut_index(cuts, p.a[-1] + 1, i0, i1)
            at = [_project(p.edits, y) for y in own]
            span = (sents[p.a[0]].start, sents[p.a[-1]].end)
            cuts[first + 1 : last] = _cluster_cuts(cuts[first + 1 : last], v, own, at, tolerances, bdoc.text, span)

    bounds = [lo] + [c.at for c in cuts] + [hi]
    n_pieces = len(cuts) + 1
    cells: list[list[Part | None]] = [[None] * len(docs) for _ in range(n_pieces)]
    for i in range(i0, i1 + 1):  # base unit i covers the pieces up to the next unit's start
        for piece in range(_cut_index(cuts, i, i0, i1) + 1, _cut_index(cuts, i + 1, i0, i1) + 1):
            cells[piece][base] = _base_part(bdoc, (i,), *_trimmed(bdoc.text, bounds[piece], bounds[piece + 1]))
    for v in order:
        c = comparisons[v]
        assert c is not None
        for k, p in zip(indices[v], pairs[v]):
            first, last = _cut_index(cuts, p.a[0], i0, i1), _cut_index(cuts, p.a[-1] + 1, i0, i1)
            inner = range(first + 1, last)  # the cuts inside the pair, in both texts' offsets
            rules = _rules(p.edits, [cuts[t].rules.get(v) for t in inner], [cuts[t].at for t in inner])
            edit_parts = _split_edits(p.edits, rules)
            change_parts = _split_changes(p.changes, rules)
            own_cuts = [t for t in inner if v in cuts[t].rules] + [last]  # where each unit ends
            moved = p.status is Status.MOVED
            pieces = list(range(first + 1, last + 1))
            owners = []  # the unit of the version that each piece belongs to
            unit = 0
            for piece in pieces:
                owners.append(p.b[unit])
                if piece == own_cuts[unit]:
                    unit += 1
            present = _present(edit_parts, owners, [bounds[t + 1] - bounds[t] for t in pieces])
            _keep_words_shown(edit_parts, change_parts, owners, present)
            for n, piece in enumerate(pieces):
                units = (owners[n],) if present[n] else ()
                cells[piece][v] = Part(units, k, tuple(edit_parts[n]), tuple(change_parts[n]), moved)
        for piece in range(n_pieces):
            if cells[piece][v] is None:
                unit_here = cells[piece][base].units[0]  # type: ignore[union-attr]
                cells[piece][v] = _missing_part(c, deleted[v][unit_here])
    rows = [DraftRow(tuple(cell), _trimmed(bdoc.text, bounds[n], bounds[n + 1])) for n, cell in enumerate(cells)]
    return _merged_repeats(rows)


def _cut_index(cuts: list[_Cut], unit: int, i0: int, i1: int) -> int:
    """Index in ``cuts`` of the base boundary where ``unit`` begins: -1 for the region's first
    unit, ``len(cuts)`` for the unit after its last."""
    if unit == i0:
        return -1
    if unit == i1 + 1:
        return len(cuts)
    return next(n for n, c in enumerate(cuts) if c.unit == unit)


def _cluster_cuts(
    span: list[_Cut],
    v: int,
    own: list[int],
    at: list[int],
    tolerances: list[float],
    base_text: str,
    bounds: tuple[int, int],
) -> list[_Cut]:
    """The cuts inside one pair of version ``v`` (``span``, in order) once that pair's own
    boundaries (offsets ``own`` in the version, projected onto the base at ``at``) have each
    joined one: the nearest within its tolerance, in order and one boundary per cut, or a new
    cut at its projection (kept inside ``bounds``, the pair's base text). A small alignment by
    dynamic programming, as a pair holds at most a few boundaries.

        >>> cuts = _cluster_cuts([_Cut(100, 5, {0})], 1, [55], [96], [40.0], "x " * 100, (0, 200))
        >>> [(c.at, c.unit, sorted(c.versions), c.rules) for c in cuts]
        [(100, 5, [0, 1], {1: 55})]
        >>> cuts = _cluster_cuts(cuts, 2, [30, 80], [41, 103], [30.0, 30.0], "x " * 100, (0, 200))
        >>> [(c.at, sorted(c.versions)) for c in cuts]
        [(40, [2]), (100, [0, 1, 2])]
    """
    m, q = len(own), len(span)
    inf = float("inf")
    # cost[x][y]: least cost of placing the first x boundaries among the first y cuts
    cost = [[inf] * (q + 1) for _ in range(m + 1)]
    step = [[""] * (q + 1) for _ in range(m + 1)]
    for y in range(q + 1):
        cost[0][y], step[0][y] = 0.0, "skip"
    for x in range(1, m + 1):
        for y in range(q + 1):
            # a new cut stands between the cuts around it (y of them before it), never out of
            # order: placed after a cut it precedes, it was squeezed to one character past it
            # (the base's row "T" of "The", and "he two sides..." in the next row)
            in_order = (y == 0 or span[y - 1].at <= at[x - 1]) and (y == q or at[x - 1] <= span[y].at)
            best, how = (cost[x - 1][y] + tolerances[x - 1], "new") if in_order else (inf, "new")
            if y > 0:
                if cost[x][y - 1] < best:
                    best, how = cost[x][y - 1], "skip"
                distance = abs(at[x - 1] - span[y - 1].at)
                if v not in span[y - 1].versions and distance <= tolerances[x - 1]:
                    if cost[x - 1][y - 1] + distance < best:
                        best, how = cost[x - 1][y - 1] + distance, "match"
            cost[x][y], step[x][y] = best, how
    path: list[tuple[str, int, int]] = []
    x, y = m, q
    while x > 0 or y > 0:
        how = step[x][y] if x > 0 else "skip"
        path.append((how, x - 1, y - 1))
        if how == "match":
            x, y = x - 1, y - 1
        elif how == "skip":
            y -= 1
        else:
            x -= 1
    out: list[_Cut] = []
    new: set[int] = set()
    for how, x, y in reversed(path):
        if how == "skip":
            out.append(span[y])
        elif how == "match":
            span[y].versions.add(v)
            span[y].rules[v] = own[x]
            out.append(span[y])
        else:
            new.add(len(out))
            out.append(_Cut(at[x], -1, {v}, {v: own[x]}))
    # a new cut moves to a word start, kept in order between its neighbours (two of the
    # version's boundaries that fall at one place in the base, around a sentence it inserts
    # there, make a row where the base has no text, rather than one holding a letter of a word)
    for n in sorted(new):
        out[n].at = _snap(base_text, out[n].at)
    for n in sorted(new):
        left = out[n - 1].at if n > 0 else bounds[0]
        right = out[n + 1].at if n + 1 < len(out) else bounds[1]
        out[n].at = min(max(out[n].at, left), max(left, right))
    return out


def _snap(text: str, at: int) -> int:
    """The word start nearest to ``at`` within SNAP_CHARS, or ``at`` itself."""
    best = None
    for d in range(SNAP_CHARS + 1):
        for p in (at - d, at + d):
            if 0 < p < len(text) and text[p - 1].isspace() and not text[p].isspace():
                best = p
                break
        if best is not None:
            return best
    return at


def _project(edits: Sequence[Edit], offset: int, to_base: bool = True) -> int:
    """The base offset that version offset ``offset`` corresponds to in a pair's word diff
    (``to_base=False``: the other way round): exact in equal text, in proportion inside a run
    of deleted and inserted words.

        >>> e = [Edit(Op.EQUAL, 0, 4, 10, 14, "abc "), Edit(Op.DELETE, 4, 8, 14, 14, "old "),
        ...      Edit(Op.INSERT, 8, 8, 14, 16, "n "), Edit(Op.EQUAL, 8, 12, 16, 20, "end.")]
        >>> _project(e, 12), _project(e, 15), _project(e, 17), _project(e, 6, to_base=False)
        (2, 6, 9, 15)
    """
    if not edits:
        return 0

    def sides(e: Edit) -> tuple[int, int, int, int]:  # (from_start, from_end, to_start, to_end)
        return (e.b_start, e.b_end, e.a_start, e.a_end) if to_base else (e.a_start, e.a_end, e.b_start, e.b_end)

    run: tuple[int, int] | None = None  # (from, to) start of the current run of non-equal edits
    for e in edits:
        f0, f1, t0, t1 = sides(e)
        if e.op is Op.EQUAL:
            if run is not None and offset < f0:
                return _between(run[1], t0, run[0], f0, offset)
            run = None
            if offset < f1:
                return t0 + max(0, offset - f0)
        elif run is None:
            run = (f0, t0)
    f0, f1, t0, t1 = sides(edits[-1])
    if run is not None:
        return _between(run[1], t1, run[0], f1, offset)
    return t1


def _between(a0: int, a1: int, b0: int, b1: int, y: int) -> int:
    if b1 <= b0:
        return a0
    return a0 + round((min(max(y, b0), b1) - b0) * (a1 - a0) / (b1 - b0))


def _rules(edits: Sequence[Edit], own: Sequence[int | None], at: Sequence[int]) -> list[tuple[int, int]]:
    """Where a pair's word diff is cut, as (base offset, version offset) pairs: at the
    version's own boundary where it has one there (``own``), else at the cut's base offset
    (``at``), each mapped to the other text through the diff (never going backwards), at a
    word start of the text mapped to (see _word_start)."""
    rules: list[tuple[int, int]] = []
    for y, x in zip(own, at):
        if y is not None:
            rule = (_word_start(edits, _project(edits, y), on_base=True), y)
        else:
            rule = (x, cut_in_version(edits, x))
        if rules:
            rule = (max(rule[0], rules[-1][0]), max(rule[1], rules[-1][1]))
        rules.append(rule)
    return rules


def cut_in_version(edits: Sequence[Edit], at: int) -> int:
    """The version offset where a cut at base offset ``at`` falls, through a pair's word diff
    ``edits``: exact in equal text, at the nearest word start inside rewritten words."""
    return _word_start(edits, _project(edits, at, to_base=False), on_base=False)


def _word_start(edits: Sequence[Edit], offset: int, on_base: bool) -> int:
    """``offset`` (in the base, or the version when not ``on_base``) moved to the nearest word
    start of the run of rewritten text it falls inside, if any. A cut projected into a rewritten
    run lands in proportion, often inside a word; cut there, a row would show half a word
    inserted and the next row the rest (a version merging "homes. Participants" into "homes,
    and participants" showed "{+, a+}" in one row and "{+nd participants+}" in the next).

        >>> e = [Edit(Op.EQUAL, 0, 5, 0, 5, "homes"), Edit(Op.DELETE, 5, 19, 5, 5, ". Participants"),
        ...      Edit(Op.INSERT, 19, 19, 5, 23, ", and participants"), Edit(Op.EQUAL, 19, 23, 23, 27, " met")]
        >>> _word_start(e, 8, on_base=False), _word_start(e, 9, on_base=True), _word_start(e, 3, on_base=False)
        (7, 7, 3)
    """
    kinds = (Op.DELETE,) if on_base else (Op.INSERT,)
    run: list[Edit] = []
    for e in [*edits, None]:
        if e is not None and e.op is not Op.EQUAL:
            run.append(e)
            continue
        spans = [(x.a_start, x.text) if on_base else (x.b_start, x.text) for x in run if x.op in kinds and x.text]
        run = []
        if not spans or not (spans[0][0] < offset < spans[-1][0] + len(spans[-1][1])):
            continue
        starts = [start + i for start, text in spans for i in range(len(text))
                  if i == 0 or (text[i].isalnum() and not text[i - 1].isalnum())]
        starts.append(spans[-1][0] + len(spans[-1][1]))
        return min(starts, key=lambda p: (abs(p - offset), p))
    return offset


def _split_edits(edits: Sequence[Edit], rules: Sequence[tuple[int, int]]) -> list[list[Edit]]:
    """A pair's word diff cut into ``len(rules) + 1`` parts at the (base, version) offsets of
    ``rules``: equal and deleted text by its base offsets, inserted text by its version offsets,
    so a run of rewritten words is shared out in proportion. An edit that spans a cut is split
    there; one that starts at a cut (or an empty one lying at it) goes after it.

        >>> e = [Edit(Op.EQUAL, 0, 6, 0, 6, "ab cd "), Edit(Op.DELETE, 6, 10, 6, 6, "ef g"),
        ...      Edit(Op.INSERT, 10, 10, 6, 12, "EF GHI")]
        >>> [[x.text for x in part] for part in _split_edits(e, [(3, 3), (8, 9)])]
        [['ab '], ['cd ', 'ef', 'EF '], [' g', 'GHI']]
    """
    parts: list[list[Edit]] = [[] for _ in range(len(rules) + 1)]
    a_cuts = [x for x, _ in rules]
    b_cuts = [y for _, y in rules]
    for e in edits:
        on_b = e.op is Op.INSERT
        cuts, lo, hi = (b_cuts, e.b_start, e.b_end) if on_b else (a_cuts, e.a_start, e.a_end)
        n = bisect.bisect_right(cuts, lo)
        while n < len(cuts) and cuts[n] < hi:
            head, e = _split_edit(e, "b" if on_b else "a", cuts[n])
            parts[n].append(head)
            n += 1
        parts[n].append(e)
    return parts


def _split_edit(e: Edit, side: str, at: int) -> tuple[Edit, Edit]:
    d = at - (e.a_start if side == "a" else e.b_start)
    if e.op is Op.EQUAL:
        return (
            Edit(Op.EQUAL, e.a_start, e.a_start + d, e.b_start, e.b_start + d, e.text[:d]),
            Edit(Op.EQUAL, e.a_start + d, e.a_end, e.b_start + d, e.b_end, e.text[d:]),
        )
    if e.op is Op.DELETE:
        return (
            Edit(Op.DELETE, e.a_start, e.a_start + d, e.b_start, e.b_end, e.text[:d]),
            Edit(Op.DELETE, e.a_start + d, e.a_end, e.b_start, e.b_end, e.text[d:]),
        )
    return (
        Edit(Op.INSERT, e.a_start, e.a_end, e.b_start, e.b_start + d, e.text[:d]),
        Edit(Op.INSERT, e.a_start, e.a_end, e.b_start + d, e.b_end, e.text[d:]),
    )


def _split_changes(changes: Sequence[Change], rules: Sequence[tuple[int, int]]) -> list[list[Change]]:
    """Each change goes to the part holding its middle: of its base text, or of its version
    text when it has no base text (an insertion)."""
    parts: list[list[Change]] = [[] for _ in range(len(rules) + 1)]
    a_cuts = [x for x, _ in rules]
    b_cuts = [y for _, y in rules]
    for ch in changes:
        if ch.a_end > ch.a_start:
            n = bisect.bisect_right(a_cuts, (ch.a_start + ch.a_end) / 2)
        else:
            n = bisect.bisect_right(b_cuts, (ch.b_start + ch.b_end) / 2)
        parts[n].append(ch)
    return parts


def _present(edit_parts: Sequence[Sequence[Edit]], owners: Sequence[int], widths: Sequence[int]) -> list[bool]:
    """Whether the version has text in each piece of a pair. A unit that covers several pieces
    (a line holding two of the base's sentences) is left out of a piece where its share of the
    diff holds almost no text of its own, less than ABSENT_SHARE of the base's: the base line
    "1+2" against a version that moved verse 1 away and kept verse 2 in place. A unit keeps
    at least the piece where it has the most text.

        >>> eq, gone = Edit(Op.EQUAL, 0, 40, 0, 40, "x" * 40), Edit(Op.DELETE, 40, 80, 40, 40, "y" * 40)
        >>> _present([[gone], [eq]], [7, 7], [40, 40]), _present([[eq], [eq]], [7, 7], [40, 40])
        ([False, True], [True, True])
    """
    mine = [sum(len(e.text) - e.text.count(" ") for e in part if e.op is not Op.DELETE) for part in edit_parts]
    present = [mine[n] >= ABSENT_SHARE * widths[n] for n in range(len(mine))]
    for unit in set(owners):
        pieces = [n for n, owner in enumerate(owners) if owner == unit]
        if len(pieces) > 1 and not any(present[n] for n in pieces):
            present[max(pieces, key=lambda n: mine[n])] = True
        elif len(pieces) == 1:
            present[pieces[0]] = True
    return present


def _keep_words_shown(
    edit_parts: list[list[Edit]], change_parts: list[list[Change]], owners: Sequence[int], present: Sequence[bool]
) -> None:
    """Words a version inserts in a piece it is left out of (see _present) join the
    neighbouring piece of the same unit, with the changes that insert them: a row where the
    version is omitted shows none of its words, and they would be shown nowhere. A version
    line "society, and the two sides..." that holds the base's sentences 1 and 3 (2 omitted)
    inserts ", and the" where sentence 2 was; those words go to the row of sentence 1.

        >>> ins = Edit(Op.INSERT, 9, 9, 5, 14, ", and the")
        >>> eq1, eq2 = Edit(Op.EQUAL, 0, 5, 0, 5, "first"), Edit(Op.EQUAL, 20, 25, 14, 19, "third")
        >>> parts, changes = [[eq1], [Edit(Op.DELETE, 5, 20, 5, 5, "x" * 15), ins], [eq2]], [[], [], []]
        >>> _keep_words_shown(parts, changes, [0, 0, 0], [True, False, True])
        >>> [[e.text for e in part] for part in parts]
        [['first', ', and the'], ['xxxxxxxxxxxxxxx'], ['third']]
    """
    for n, here in enumerate(present):
        if here:
            continue
        if not any(e.op is Op.INSERT and e.text.strip() for e in edit_parts[n]):
            continue
        # its words, and the spaces between them and the neighbouring piece's
        words = [e for e in edit_parts[n] if e.op is Op.INSERT or (e.op is Op.EQUAL and e.text.isspace())]
        if n > 0 and present[n - 1] and owners[n - 1] == owners[n]:
            to, at_end = n - 1, True
        elif n + 1 < len(present) and present[n + 1] and owners[n + 1] == owners[n]:
            to, at_end = n + 1, False
        else:
            continue
        spans = [(e.b_start, e.b_end) for e in words if e.op is Op.INSERT]
        moving = [ch for ch in change_parts[n] if ch.a_start == ch.a_end and any(
            lo <= ch.b_start and ch.b_end <= hi for lo, hi in spans)]
        edit_parts[n] = [e for e in edit_parts[n] if e not in words]
        change_parts[n] = [ch for ch in change_parts[n] if ch not in moving]
        edit_parts[to] = edit_parts[to] + words if at_end else words + edit_parts[to]
        change_parts[to] = change_parts[to] + moving if at_end else moving + change_parts[to]


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``lo:hi`` without the whitespace at either end (all of it when it is all whitespace)."""
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _base_part(doc: Document, units: tuple[int, ...], lo: int, hi: int) -> Part:
    text = doc.text[lo:hi]
    return Part(units, -1, (Edit(Op.EQUAL, lo, hi, lo, hi, text),) if text else (), ())


def _missing_part(c: Comparison, k: int) -> Part:
    """A version's part in a base row it lacks: its deleted pair and that pair's changes."""
    if k < 0:
        return Part((), -1, (), ())
    return Part((), k, (), c.pairs[k].changes)


def _merged_repeats(rows: list[DraftRow]) -> list[DraftRow]:
    """Neighbouring rows whose units are the same in every version become one row."""
    out: list[DraftRow] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and all(
            (p.units if p else ()) == (q.units if q else ()) for p, q in zip(prev.parts, row.parts)
        ) and prev.window and row.window:
            parts = tuple(
                None if p is None or q is None else Part(p.units, p.pair, p.edits + q.edits, p.changes + q.changes, p.moved)
                for p, q in zip(prev.parts, row.parts)
            )
            out[-1] = DraftRow(parts, (prev.window[0], row.window[1]))
        else:
            out.append(row)
    return out


# ---------------------------------------------------------------------- rows the base lacks


@dataclass(slots=True)
class _Extra:
    anchor: int  # the base unit after which it stands (-1: before all)
    rank: float
    text: str
    members: dict[int, tuple[tuple[int, ...], int, bool]] = field(default_factory=dict)  # v -> (units, pair, moved)


def _rows_the_base_lacks(
    docs: Sequence[Document],
    base: int,
    comparisons: Sequence[Comparison | None],
    versions: list[int],
    threshold: float,
    max_group: int,
) -> list[tuple[int, DraftRow]]:
    """(anchor, row) for every sentence family the base lacks.

    Version after version, the sentences the base lacks (its ``inserted`` pairs) are aligned
    with the rows found so far (each row stands for the text of the first version that had it);
    a match joins the row when both stand at about the same place in the base's order (or the
    aligner found it moved), anything else opens a new row. Two reprints that add the same
    sentence thus share one row. These sentences are sparse, with no aligned neighbours to vouch
    for a weak match (the commentary of two articles around one statement), so a match must
    reach the bar of a move (threshold + MOVE_EXTRA) wherever it stands.
    """
    rows: list[_Extra] = []
    options = AlignOptions(threshold=threshold, max_group=max_group)
    for v in versions:
        c = comparisons[v]
        assert c is not None
        items = _inserted_units(c)
        if not items:
            continue
        texts = [docs[v].sentences[j].text for j, _, _ in items]
        matched: dict[int, list[int]] = {}  # item -> rows it joined
        moved: dict[int, bool] = {}
        if rows:
            # scored with the word statistics of the base and the version, not of these few
            # sentences alone (where "and" and "the" are rare words)
            background = _sample(docs[base]) + _sample(docs[v])
            alignment = align([r.text for r in rows], texts, options, background=background)
            for g in alignment.groups:
                if not (g.a and g.b) or g.similarity < threshold + MOVE_EXTRA:
                    continue
                near = abs(rows[g.a[0]].anchor - items[g.b[0]][2]) <= EXTRA_SLACK
                if not (near or g.moved):
                    continue
                for x in g.b:
                    matched[x] = list(g.a)
                    moved[x] = g.moved
        # the units each row takes from this version (a split row takes several)
        taken: dict[int, list[int]] = {}
        for x, row_ids in matched.items():
            for r in row_ids:
                taken.setdefault(r, []).append(x)
        for r, xs in taken.items():
            units = tuple(sorted(items[x][0] for x in xs))
            rows[r].members[v] = (units, items[xs[0]][1], moved[xs[0]])
        # a new row goes right after the row this version's previous unit joined, at the same place
        new: list[_Extra] = []
        after: dict[int, float] = {}  # anchor -> rank of the last row joined there
        for x, (j, k, anchor) in enumerate(items):
            if x in matched:
                joined_here = [rows[r].rank for r in matched[x] if rows[r].anchor == anchor]
                if joined_here:
                    after[anchor] = max(joined_here)
                continue
            extra = _Extra(anchor, after.get(anchor, -1.0) + 0.5, docs[v].sentences[j].text)
            extra.members[v] = ((j,), k, False)
            new.append(extra)
        rows = sorted(rows + new, key=lambda e: (e.anchor, e.rank))
        for n, e in enumerate(rows):  # ranks back to whole numbers for the next version
            e.rank = float(n)
    out: list[tuple[int, DraftRow]] = []
    for e in rows:
        parts: list[Part | None] = [None] * len(docs)
        for v, (units, k, moved_here) in e.members.items():
            vdoc = docs[v]
            c = comparisons[v]
            assert c is not None
            pair = c.pairs[k]
            lo, hi = vdoc.sentences[units[0]].start, vdoc.sentences[units[-1]].end
            point = pair.edits[0].a_start if pair.edits else 0
            edits = (Edit(Op.INSERT, point, point, lo, hi, vdoc.text[lo:hi]),)
            changes = tuple(ch for ch in pair.changes if ch.b_start < hi and lo < ch.b_end) or pair.changes
            parts[v] = Part(units, k, edits, changes, moved_here)
        out.append((e.anchor, DraftRow(tuple(parts), None)))
    return out


def _sample(doc: Document) -> list[str]:
    """At most about STATISTICS_SAMPLE of the document's sentences, spread over all of it."""
    step = max(1, len(doc.sentences) // STATISTICS_SAMPLE)
    return [s.text for s in doc.sentences[::step]]


def _inserted_units(c: Comparison) -> list[tuple[int, int, int]]:
    """(unit, pair index, anchor) for each unit of B that the base (A) lacks, in B's order;
    the anchor is the base unit it follows (-1: before all)."""
    out: list[tuple[int, int, int]] = []
    anchor = -1
    for k, p in enumerate(c.pairs):
        if p.a and p.status is not Status.MOVED:
            anchor = max(anchor, p.a[-1])
        elif p.b and not p.a:
            out.extend((j, k, anchor) for j in p.b)
    return out


