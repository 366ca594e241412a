"""Three or more versions in one report: ``compare_many`` (issue 17).

The first version is the base unless ``base`` names another. Every other version is compared
with the base exactly as a pair is today (so each reading's changes are the pairwise ones), and
the cross-version step (``stmtdiff.collate``) lines the N-1 comparisons up as rows: one row per
sentence family, one cell per version. Within a row, versions with the same text (up to the
ignore options) share one reading.

    >>> c = compare_many(["We will act. It is done.", "We shall act. It is done.",
    ...                   "We shall act. It is done. Thanks."])
    >>> [(r.status.value, [list(cell.units) for cell in r.cells]) for r in c.rows]
    [('changed', [[0], [0], [0]]), ('equal', [[1], [1], [1]]), ('added', [[], [], [2]])]
    >>> [r.versions for r in c.rows[0].readings]
    [(0,), (1, 2)]
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from stmtdiff.collate import DraftRow, collate_rows
from stmtdiff.compare import (
    collector_paused,
    comparable_text,
    compare_documents,
    counts_as_difference,
    options_from,
)
from stmtdiff.errors import StmtdiffError
from stmtdiff.witness import second_opinion
from stmtdiff.model import (
    Cell,
    Collation,
    CollationRow,
    CollationSummary,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Op,
    Reading,
    RowStatus,
    Status,
    VersionSummary,
    version_label,
)

__all__ = ["compare_many", "compare_many_documents", "compare_many_files"]

TOP_ROWS = 20
Progress = Any  # Callable[[str, int, int], None], as for compare_documents


def compare_many(
    texts_or_paths: Sequence[str | os.PathLike[str] | Document],
    options: CompareOptions | None = None,
    *,
    base: int = 0,
    names: Sequence[str] | None = None,
    progress: Progress | None = None,
    **option_overrides: Any,
) -> Collation:
    """Collate versions given as texts (``str``), files (``pathlib.Path`` or any path-like
    object) or loaded ``Document`` objects, in any mix; ``base`` is the 0-based index of the
    version the others are compared with. ``names`` names the versions (default: a, b, c...
    for texts, the path for files)."""
    from stmtdiff.load import document_from_text, load_document

    opts = options_from(options, **option_overrides)
    items = list(texts_or_paths)
    if names is not None and len(names) != len(items):
        raise StmtdiffError(f"{len(names)} names for {len(items)} versions")
    docs: list[Document] = []
    for n, item in enumerate(items):
        name = names[n] if names is not None else None
        if isinstance(item, Document):
            docs.append(item)
        elif isinstance(item, str):
            docs.append(document_from_text(item, name=name or version_label(n), units=opts.units, language=opts.lang))
        elif isinstance(item, os.PathLike):
            docs.append(load_document(item, name=name, units=opts.units, language=opts.lang))
        else:
            raise StmtdiffError(f"version {n + 1} is neither a text, a path nor a Document: {item!r}")
    return compare_many_documents(docs, opts, base=base, progress=progress)


def compare_many_files(
    paths: Sequence[str | os.PathLike[str]],
    options: CompareOptions | None = None,
    *,
    base: int = 0,
    names: Sequence[str | None] | None = None,
    kind: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    **option_overrides: Any,
) -> Collation:
    """Load files (``"-"`` is stdin, for one of them) and collate them; a file that cannot be
    read raises an InputError naming it."""
    from stmtdiff.load import load_document

    opts = options_from(options, **option_overrides)
    if names is not None and len(names) != len(paths):
        raise StmtdiffError(f"{len(names)} names for {len(paths)} versions")
    docs = [
        load_document(
            path, name=names[n] if names else None, units=opts.units, kind=kind, encoding=encoding, language=opts.lang
        )
        for n, path in enumerate(paths)
    ]
    return compare_many_documents(docs, opts, base=base, progress=progress)


def compare_many_documents(
    docs: Sequence[Document],
    options: CompareOptions | None = None,
    *,
    base: int = 0,
    progress: Progress | None = None,
) -> Collation:
    """Compare the base with every other version, then line the comparisons up as rows."""
    opts = options_from(options)
    if len(docs) < 2:
        raise StmtdiffError(f"a collation needs at least two versions, not {len(docs)}")
    if isinstance(base, bool) or not isinstance(base, int) or not 0 <= base < len(docs):
        # ``base`` counts from 0 here (the command line's --base counts from 1 and checks its own)
        raise StmtdiffError(f"base must be the index of a version, 0 to {len(docs) - 1}, not {base!r}")
    with collector_paused():
        comparisons: list[Comparison | None] = [None] * len(docs)
        others = [v for v in range(len(docs)) if v != base]
        for n, v in enumerate(others, 1):
            step = _stage_progress(progress, f"{n}/{len(others)} ")
            comparisons[v] = compare_documents(docs[base], docs[v], opts, progress=step)
        drafts = collate_rows(docs, base, comparisons, opts.threshold, opts.max_group)
        drafts = second_opinion(drafts, docs, base, comparisons, opts)
        rows = tuple(_row(d, base, comparisons, opts) for d in drafts)
        notes = tuple(
            f"{docs[v].name}: {note}" for v in others for note in comparisons[v].notes  # type: ignore[union-attr]
        )
        summary = _summary(docs, base, comparisons, rows)
        return Collation(tuple(docs), base, rows, summary, tuple(comparisons), opts, notes)


def _stage_progress(progress: Progress | None, prefix: str) -> Progress | None:
    if progress is None:
        return None
    return lambda stage, done, total: progress(prefix + stage, done, total)


# -------------------------------------------------------------------------------- readings


def _version_text(edits: Sequence[Edit]) -> str:
    """What a version reads in a row: the equal and inserted text of its share of the diff."""
    return "".join(e.text for e in edits if e.op is not Op.DELETE).strip()


def _row(draft: DraftRow, base: int, comparisons: Sequence[Comparison | None], opts: CompareOptions) -> CollationRow:
    """Readings, status and significance of one row.

    A version joins the base's reading when its text there is the base's (up to the ignore
    options) or when none of its changes there counts (``--ignore spelling``); versions that
    read alike otherwise share one reading, which carries the first one's changes.
    """
    n = len(draft.parts)
    cells: list[Cell] = [Cell()] * n
    readings: list[tuple[list[int], tuple[Edit, ...], tuple, bool]] = []
    by_text: dict[str, int] = {}
    by_change: dict[tuple[tuple[int, int, str], ...], str] = {}  # counted changes -> reading key
    significance = 0.0
    has_base = draft.window is not None
    if has_base:
        part = draft.parts[base]
        assert part is not None
        readings.append(([base], part.edits, (), True))
        cells[base] = Cell(part.units, 0, False, -1)
    base_key: str | None = None
    ignoring = _ignoring(opts)
    omitted = moved = False
    outside: list[bool] = []
    omissions: list[tuple[int, tuple]] = []
    for v in range(n):
        part = draft.parts[v]
        if v == base or part is None:
            continue
        c = comparisons[v]
        assert c is not None
        pair = c.pairs[part.pair] if part.pair >= 0 else None
        if pair is not None:
            outside.append(pair.outside)
        changes = part.changes
        counted = [ch.significance for ch in changes if counts_as_difference(ch, opts)] if ignoring else [
            ch.significance for ch in changes
        ]
        if not part.units:  # lacks a base row
            omitted = True
            cells[v] = Cell((), -1, False, part.pair)
            significance = max([significance, *counted])
            omissions.append((v, changes))
            continue
        moved = moved or part.moved
        key = ""
        if has_base and not counted and not changes and _rewords(part.edits):
            # no change fell in this row, yet the version's words here are not the base's: a
            # change that straddles the cut between two rows goes to the row holding its
            # middle, and its other words (the full stop of a sentence the version split off)
            # show here, in a reading of their own unless the options ignore them
            key = comparable_text(_version_text(part.edits), opts)
            if base_key is None:
                base_key = comparable_text(_version_text(readings[0][1]), opts)
                by_text[base_key] = 0
        if has_base and not counted and (not key or key == base_key):
            index = 0
        else:
            key = key or comparable_text(_version_text(part.edits), opts)
            if has_base and base_key is None:
                base_key = comparable_text(_version_text(readings[0][1]), opts)
                by_text[base_key] = 0
            if has_base and key == base_key:
                # its words are the base's, yet a change counts: the line break or space
                # between two units (a line of the base joined or split here); a reading of
                # its own, shared by the versions laid out alike
                key = "\0" + comparable_text("".join(e.text for e in part.edits if e.op is not Op.DELETE), opts)
            if opts.ignore_classes:
                # the same counted changes as an earlier reading: they differ only in changes
                # the options ignore (one spells "color", the other "colour")
                counted_changes = _counted_changes(changes, opts)
                if key not in by_text:
                    key = by_change.get(counted_changes, key)
                by_change.setdefault(counted_changes, key)
            significance = max([significance, *counted])
            index = by_text.setdefault(key, len(readings))
            if index == len(readings):
                readings.append(([], part.edits, changes, False))
        readings[index][0].append(v)
        cells[v] = Cell(part.units, index, part.moved, part.pair)
    if not has_base:
        status = RowStatus.ADDED
    elif omitted:
        status = RowStatus.OMITTED
    elif moved:
        status = RowStatus.MOVED
    elif len(readings) > 1:
        status = RowStatus.CHANGED
    else:
        status = RowStatus.EQUAL
    return CollationRow(
        cells=tuple(cells),
        status=status,
        readings=tuple(Reading(tuple(vs), edits, changes, is_base) for vs, edits, changes, is_base in readings),
        significance=significance,
        window=draft.window,
        outside=bool(outside) and all(outside),
        omissions=tuple(omissions),
    )


def _rewords(edits: Sequence[Edit]) -> bool:
    """Whether a share of a word diff inserts or deletes more than white space.

        >>> _rewords([Edit(Op.EQUAL, 0, 4, 0, 4, "done"), Edit(Op.INSERT, 4, 4, 4, 6, ". ")])
        True
        >>> _rewords([Edit(Op.EQUAL, 0, 4, 0, 4, "done"), Edit(Op.INSERT, 4, 4, 4, 5, "\\n")])
        False
    """
    return any(e.op is not Op.EQUAL and not e.text.isspace() and e.text for e in edits)


def _counted_changes(changes: Sequence[Any], opts: CompareOptions) -> tuple[tuple[int, int, str], ...]:
    """What a version changes in the base's text, as far as the options count: (base start,
    base end, its text there) per change, in order.

        >>> from stmtdiff.model import Change, ChangeClass
        >>> spell = Change("colour", "color", 4, 10, 4, 9, ChangeClass.SPELLING, 0.1, ())
        >>> word = Change("red", "crimson", 14, 17, 13, 20, ChangeClass.WORDING, 0.3, ())
        >>> _counted_changes([spell, word], CompareOptions(ignore_classes=frozenset({ChangeClass.SPELLING})))
        ((14, 17, 'crimson'),)
    """
    return tuple(
        (ch.a_start, ch.a_end, comparable_text(ch.b_text, opts)) for ch in changes if counts_as_difference(ch, opts)
    )


def _ignoring(opts: CompareOptions) -> bool:
    """Whether any change can be ignored under the options (else every change counts)."""
    return bool(opts.ignore_classes or opts.ignore_case or opts.ignore_punctuation or opts.ignore_whitespace)


# --------------------------------------------------------------------------------- summary


def _summary(
    docs: Sequence[Document], base: int, comparisons: Sequence[Comparison | None], rows: Sequence[CollationRow]
) -> CollationSummary:
    counts = {status: 0 for status in RowStatus}
    for row in rows:
        counts[row.status] += 1
    versions = []
    for v, doc in enumerate(docs):
        c = comparisons[v]
        if c is None:
            versions.append(VersionSummary(v, len(doc.sentences), 0, 0, 0, 0, 1.0, True))
            continue
        units = {status: 0 for status in Status}
        for p in c.pairs:
            units[p.status] += len(p.a) if p.status is Status.DELETED else len(p.b)
        versions.append(
            VersionSummary(
                version=v,
                units=len(doc.sentences),
                omits=units[Status.DELETED],
                adds=units[Status.INSERTED],
                changes=units[Status.CHANGED],
                moves=units[Status.MOVED],
                similarity=c.summary.similarity,
                identical=c.summary.identical,
            )
        )
    ranked = sorted((-row.significance, k) for k, row in enumerate(rows) if row.significance > 0)
    return CollationSummary(
        equal=counts[RowStatus.EQUAL],
        changed=counts[RowStatus.CHANGED],
        moved=counts[RowStatus.MOVED],
        omitted=counts[RowStatus.OMITTED],
        added=counts[RowStatus.ADDED],
        versions=tuple(versions),
        top_rows=tuple(k for _, k in ranked[:TOP_ROWS]),
    )
