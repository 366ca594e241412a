"""Wires the stages together: documents -> alignment -> word diffs -> changes -> Comparison.

Compute once, render many times: every report is a pure function of the ``Comparison`` this
module returns.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields, replace
from functools import partial
from numbers import Integral, Real
from typing import TYPE_CHECKING, Any

from stmtdiff import classify
from stmtdiff.align import AlignOptions, Group, align
from stmtdiff.errors import StmtdiffError
from stmtdiff.languages.marks import MARKS, has_marks
from stmtdiff.languages.scripts import HAN_KANA, KATAKANA, has_unspaced, pattern
from stmtdiff.limits import Limits
from stmtdiff.model import (
    Change,
    ChangeClass,
    CompareOptions,
    Comparison,
    Document,
    Edit,
    Op,
    Pair,
    Status,
    Summary,
)
from stmtdiff.parallel import can_fork, start_child
from stmtdiff.segment import as_units
from stmtdiff.worddiff import TokenCodec, diff_spans

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

Progress = Callable[[str, int, int], None]

# An unaligned run at either end of the alignment is "outside" the shared region (text around
# an embedded statement) when it holds at least this many units on one side; a single
# dropped first or last sentence is an omission, not context.
OUTSIDE_MIN_UNITS = 2
TOP_CHANGES = 20

_WORD = re.compile(r"\w+")
# Words for the counts in text with Chinese or Japanese: as the word diff splits them (each
# Han character or kana is one, a katakana run is one); compiled on first use.
_UNSPACED_WORD = f"[{KATAKANA}]+|[{HAN_KANA}]|[^\\W{HAN_KANA}]+"
# Words where combining marks belong to them (Hindi "भारत" is one word, not two).
_MARKED_WORD = f"[{KATAKANA}]+|[{HAN_KANA}]|(?:[^\\W{HAN_KANA}]|[{MARKS}])+"
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")


# The most units a side of one group may hold. The aligner tries every group shape up to it at
# each step (2 x max_group shapes), so 10**30 exhausted memory; a merge of more than ten
# sentences into one is not a merge a reader would recognise.
MAX_GROUP_LIMIT = 10


def options_from(options: CompareOptions | None = None, **overrides: Any) -> CompareOptions:
    """CompareOptions from an optional base and keyword overrides (``threshold=0.4``...),
    checked and in canonical form whichever way they came: ``CompareOptions(units="lines")``
    is as good as ``units=Units.LINES``, and the reports may rely on ``.value``."""
    base = options or CompareOptions()
    known = {f.name for f in fields(CompareOptions)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise StmtdiffError(f"unknown comparison option(s): {', '.join(unknown)}")
    result = replace(base, **overrides)
    result = replace(
        result,
        units=as_units(result.units),
        watch=tuple(_strings("watch", result.watch)),
        ignore_classes=frozenset(_change_class(c) for c in _strings("ignore_classes", result.ignore_classes)),
    )
    if result.lang is not None:
        result = replace(result, lang=language_code(result.lang))
    threshold, max_group = result.threshold, result.max_group
    if isinstance(threshold, bool) or not isinstance(threshold, Real) or not 0.0 <= threshold <= 1.0:
        raise StmtdiffError(f"threshold must be a number between 0 and 1, not {threshold!r}")
    if isinstance(max_group, bool) or not isinstance(max_group, Integral) or not 1 <= max_group <= MAX_GROUP_LIMIT:
        raise StmtdiffError(f"max_group must be a whole number from 1 to {MAX_GROUP_LIMIT}, not {max_group!r}")
    for flag in ("ignore_case", "ignore_punctuation", "ignore_whitespace"):
        if not isinstance(getattr(result, flag), bool):  # "no" would count as True
            raise StmtdiffError(f"{flag} must be True or False, not {getattr(result, flag)!r}")
    return result


def _strings(name: str, values: Any) -> list[str]:
    """An option's terms as a list; one string is one term ("sanctions", not its letters)."""
    if isinstance(values, str):
        return [values]
    try:
        items = list(values)
    except TypeError:
        raise StmtdiffError(f"{name} must be a collection of strings, not {values!r}") from None
    if not all(isinstance(v, str) for v in items):
        raise StmtdiffError(f"{name} must hold strings only, not {items!r}")
    # a set has no order of its own (string hashes change between runs): the report's options
    # would list its terms differently each time
    return sorted(items) if isinstance(values, (set, frozenset)) else items


# An ISO 639-1 code ("ru"), optionally with a region or script ("zh-Hant", "pt-BR").
_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def language_code(value: object) -> str:
    """``value`` as a language code in canonical case ("RU" -> "ru"), or a StmtdiffError.

        >>> language_code("ZH-Hant")
        'zh-Hant'
    """
    if not isinstance(value, str):
        raise StmtdiffError(f"lang must be a language code such as 'ru', not {value!r}")
    head, _, rest = value.strip().partition("-")
    code = head.lower() + ("-" + rest if rest else "")
    if not _LANGUAGE_CODE.fullmatch(code):
        raise StmtdiffError(f"lang must be a language code such as 'ru' or 'zh-Hant', not {value!r}")
    return code


def _change_class(value: str) -> ChangeClass:
    """``value`` as a ChangeClass; any other name is a StmtdiffError, as for units."""
    try:
        return ChangeClass(value)
    except ValueError:
        choices = ", ".join(c.value for c in ChangeClass)
        raise StmtdiffError(f"unknown change class {value!r}: choose from {choices}") from None


def compare(
    a_text: str,
    b_text: str,
    options: CompareOptions | None = None,
    *,
    name_a: str = "a",
    name_b: str = "b",
    **option_overrides: Any,
) -> Comparison:
    """Compare two texts.

        >>> c = compare("We will act. It is done.", "We shall act. It is done.")
        >>> c.summary.changed, c.summary.equal
        (1, 1)
    """
    from stmtdiff.load import document_from_text

    opts = options_from(options, **option_overrides)
    a = document_from_text(a_text, name=name_a, units=opts.units, language=opts.lang)
    b = document_from_text(b_text, name=name_b, units=opts.units, language=opts.lang)
    return compare_documents(a, b, opts)


def compare_files(
    path_a: str | os.PathLike[str],
    path_b: str | os.PathLike[str],
    options: CompareOptions | None = None,
    *,
    name_a: str | None = None,
    name_b: str | None = None,
    kind_a: str | None = None,
    kind_b: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
    **option_overrides: Any,
) -> Comparison:
    """Load two files (``"-"`` is stdin) and compare them; ``limits`` bounds what reading
    them may cost (``stmtdiff.Limits``)."""
    from stmtdiff.load import load_document, load_two

    opts = options_from(options, **option_overrides)
    read = partial(load_document, units=opts.units, encoding=encoding, language=opts.lang, limits=limits)
    a, b = load_two(
        lambda: read(path_a, name=name_a, kind=kind_a),
        lambda: read(path_b, name=name_b, kind=kind_b),
        path_a,
        path_b,
    )
    return compare_documents(a, b, opts, progress=progress)


def compare_documents(
    a: Document,
    b: Document,
    options: CompareOptions | None = None,
    *,
    progress: Progress | None = None,
) -> Comparison:
    """Align two loaded documents, diff every group word by word and classify the changes."""
    opts = options_from(options)  # a CompareOptions built by hand is checked too
    if opts.lang:  # the language given wins over the one each document was loaded with
        a, b = replace(a, language=opts.lang), replace(b, language=opts.lang)
    with collector_paused():
        return _compare_documents(a, b, opts, progress)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block (reference counting still frees).

    A Bible-sized comparison builds about a million small objects that never form cycles; each
    of the dozen full collections they set off re-scans all of them (about 1.5 s of a 7 s run,
    measured with a gc callback). The command line also pauses it around loading and rendering.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compare_documents(
    a: Document, b: Document, opts: CompareOptions, progress: Progress | None
) -> Comparison:
    # what extraction left out comes first: a reader must see what was not compared
    notes: list[str] = [f"{side}: {note}" for side, doc in (("a", a), ("b", b)) for note in doc.source.notes]
    if a.text == b.text and a.sentences == b.sentences:
        groups = [
            Group((s.index,), (s.index,), 1.0, "identical documents") for s in a.sentences
        ]
    else:
        alignment = align(
            [s.text for s in a.sentences],
            [s.text for s in b.sentences],
            AlignOptions(threshold=opts.threshold, max_group=opts.max_group),
            progress=progress,
        )
        groups = alignment.groups
        notes += alignment.notes
    outside = _outside_groups(groups)
    terms = classify.TermIndex(a.text, b.text)  # phrases the documents repeat, counted lazily
    pairs = _all_pairs(a, b, groups, outside, opts, progress, notes, terms)
    pairs = classify.damp_repeated_sentences(pairs)
    pairs = classify.weigh_terms(pairs, a.text, b.text, terms, TOP_CHANGES)
    pairs = _with_moved_from(pairs, len(a.sentences))
    notes += _long_word_notes(pairs)
    return Comparison(a, b, tuple(pairs), _summary(a, b, pairs), opts, _collapsed(notes))


# A run of word characters, hyphens and apostrophes: what the classifier takes as one word.
_LONG_WORD = re.compile(rf"[\w\u2010\u2011'\u2019-]{{{classify.LONGEST_SPELLED_WORD + 1},}}")


def _long_word_notes(pairs: list[Pair]) -> list[str]:
    """A note when a changed word in a word-diffed group is longer than the spelling rules
    look at (a hex dump, a base64 blob): it is compared and classified, but never as a
    respelling. Deleted and inserted groups are not word-diffed, so their words do not count;
    the classified changes' texts are looked at (far fewer than the edits).

        >>> change = Change("ab" * 60, "", 0, 120, 0, 0, ChangeClass.WORDING, 0.3)
        >>> _long_word_notes([Pair((0,), (0,), Status.CHANGED, 0.5, changes=(change,))])
        ['spelling rules skipped 1 changed word longer than 100 characters (the longest has 120)']
    """
    bound = classify.LONGEST_SPELLED_WORD
    texts = [
        text for p in pairs if p.a and p.b for ch in p.changes for text in (ch.a_text, ch.b_text) if len(text) > bound
    ]
    longest = [len(m.group()) for text in texts for m in _LONG_WORD.finditer(text)]
    if not longest:
        return []
    words = "word" if len(longest) == 1 else "words"
    return [
        f"spelling rules skipped {len(longest):,} changed {words} longer than {bound} characters "
        f"(the longest has {max(longest):,})"
    ]


# Shortcuts are noted once per place they were taken; a shuffled document takes the same one in
# hundreds of gaps, which would bury the report's summary in near-identical lines.
NOTES_OF_A_KIND = 3
_NUMBER = re.compile(r"\d[\d,]*")


def _collapsed(notes: list[str]) -> tuple[str, ...]:
    """The notes in order, those that differ only in their numbers kept up to NOTES_OF_A_KIND
    times; the last one kept says how many more there were.

        >>> notes = _collapsed([f"alignment banded: a gap of {n} x 9" for n in range(5)])
        >>> len(notes), notes[-1]
        (3, 'alignment banded: a gap of 2 x 9 (and 2 more like it)')
    """
    kinds = [_NUMBER.sub("#", note) for note in notes]
    total = Counter(kinds)
    seen: Counter[str] = Counter()
    kept = []
    for note, kind in zip(notes, kinds):
        seen[kind] += 1
        if seen[kind] > NOTES_OF_A_KIND:
            continue
        more = total[kind] - NOTES_OF_A_KIND if seen[kind] == NOTES_OF_A_KIND else 0
        kept.append(f"{note} (and {more:,} more like it)" if more else note)
    return tuple(kept)


# Word diffs and classification are independent per group, so large comparisons share them
# with a forked second process (the machines this runs on have two cores or more). The child
# returns plain tuples, which pickle fast; the output is the same either way (a test checks).
PARALLEL_MIN_GROUPS = 4000
PARALLEL_CHUNK = 500  # groups claimed at a time by either process


def _all_pairs(
    a: Document,
    b: Document,
    groups: list[Group],
    outside: set[int],
    opts: CompareOptions,
    progress: Progress | None,
    notes: list[str],
    terms: classify.TermIndex,
) -> list[Pair]:
    """Diff and classify every group; shortcuts taken are added to ``notes``."""
    points = _insertion_points(a, b, groups)
    total = len(groups)

    def build(lo: int, hi: int, notes: list[str], codec: TokenCodec, report: Progress | None = None) -> list[Pair]:
        out = []
        for n in range(lo, hi):
            pair = _pair(a, b, groups[n], n in outside, codec, opts, *points[n], notes)
            out.append(_classified(a, b, pair, opts, partial(_context, a, b, groups, n, terms)))
            if report and n % 2000 == 0:
                report("diff", n, total)
        return out

    if total < PARALLEL_MIN_GROUPS or not can_fork():
        pairs = build(0, total, notes, TokenCodec(), progress)
    else:
        pairs = _shared_with_a_child(total, build, notes, progress)
    if progress:
        progress("diff", total, total)
    return pairs


Builder = Callable[..., list[Pair]]


def _shared_with_a_child(total: int, build: Builder, notes: list[str], progress: Progress | None) -> list[Pair]:
    """``build`` over all groups by this process and a forked child: this one takes chunks from
    the front and the child from the back until they meet, so neither waits on the other however
    the cost is spread. Chunks are joined in order, so the result is the same as one process's.

    The child sends each chunk as soon as it is built and this process unpacks what has arrived
    between its own chunks, so sending and unpacking are shared out like the rest of the work
    instead of waiting at the end (0.28 s of a whole-Bible run when the child sent all at once).
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    front, back, lock = context.RawValue("l", 0), context.RawValue("l", total), context.Lock()

    def claim(from_back: bool) -> tuple[int, int] | None:
        with lock:
            lo, hi = front.value, back.value
            if lo >= hi:
                return None
            if from_back:
                back.value = max(lo, hi - PARALLEL_CHUNK)
                return back.value, hi
            front.value = min(hi, lo + PARALLEL_CHUNK)
            return lo, front.value

    def from_the_back(sender: Connection) -> None:
        codec = TokenCodec()
        while (span := claim(from_back=True)) is not None:
            chunk_notes: list[str] = []
            pairs = build(*span, chunk_notes, codec)
            sender.send((span[0], [_pair_to_tuple(p) for p in pairs], chunk_notes))
        sender.send(None)  # every claimed chunk was sent

    child, receiver = start_child(from_the_back)
    codec = TokenCodec()
    mine: list[tuple[int, list[Pair], list[str]]] = []
    theirs: list[tuple[int, list[Pair], list[str]]] = []
    child_finished = child_died = False

    def unpack_arrived(wait: bool) -> None:
        nonlocal child_finished, child_died
        try:
            while not child_finished and (wait or receiver.poll()):
                message = receiver.recv()
                if message is None:
                    child_finished = True
                else:
                    start, tuples, chunk_notes = message
                    theirs.append((start, [_pair_from_tuple(t) for t in tuples], chunk_notes))
        except (EOFError, OSError):  # the child died, before its last chunk or while this one polled
            child_finished = child_died = True

    while not child_died and (span := claim(from_back=False)) is not None:
        chunk_notes: list[str] = []
        mine.append((span[0], build(*span, chunk_notes, codec, progress), chunk_notes))
        unpack_arrived(wait=False)
    unpack_arrived(wait=True)
    if child_died:  # do everything it had claimed here (what it sent may be partial)
        chunk_notes = []
        theirs = [(front.value, build(front.value, total, chunk_notes, codec), chunk_notes)]
    receiver.close()
    child.join()
    done = sorted(mine + theirs, key=lambda chunk: chunk[0])
    for _, _, chunk_notes in done:
        notes += chunk_notes
    return [pair for _, pairs, _ in done for pair in pairs]


def _insertion_points(a: Document, b: Document, groups: list[Group]) -> list[tuple[int, int]]:
    """Per group, where an unaligned group's text would go in the other document."""
    points = []
    a_point = b_point = 0
    for group in groups:
        points.append((a_point, b_point))
        if group.a and not group.moved:
            a_point = a.sentences[group.a[-1]].end
        if group.b:
            b_point = b.sentences[group.b[-1]].end
    return points


_OPS = {op.value: op for op in Op}
_CLASSES = {c.value: c for c in ChangeClass}
_STATUSES = {s.value: s for s in Status}


def _pair_to_tuple(p: Pair) -> tuple[Any, ...]:
    """Plain values that pickle fast; _pair_from_tuple builds the Pair back.

    The fields of all edits run together in one flat tuple, and those of all changes in
    another: for half a Bible that is 15,000 tuples to pickle and unpickle instead of 200,000
    (and fewer objects for the garbage collector to track). Enums go as their ``_value_``
    (``.value`` is a slower property).
    """
    edit_fields: list[Any] = []
    for e in p.edits:
        edit_fields += (e.op._value_, e.a_start, e.a_end, e.b_start, e.b_end, e.text)
    change_fields: list[Any] = []
    for c in p.changes:
        change_fields += (
            c.a_text, c.b_text, c.a_start, c.a_end, c.b_start, c.b_end,
            c.change_class._value_, c.significance, c.reasons, c.ignored,
        )
    return (
        p.a,
        p.b,
        p.status._value_,
        p.similarity,
        p.outside,
        tuple(edit_fields),
        tuple(change_fields),
        p.reason,
    )


def _pair_from_tuple(t: tuple[Any, ...]) -> Pair:
    a, b, status, similarity, outside, edit_fields, change_fields, reason = t
    edits = [
        Edit(_OPS[op], a_start, a_end, b_start, b_end, text)
        for op, a_start, a_end, b_start, b_end, text in _groups_of(6, edit_fields)
    ]
    changes = [
        Change(a_text, b_text, a_start, a_end, b_start, b_end, _CLASSES[change_class], significance, reasons, ignored)
        for a_text, b_text, a_start, a_end, b_start, b_end, change_class, significance, reasons, ignored
        in _groups_of(10, change_fields)
    ]
    return Pair(a, b, _STATUSES[status], similarity, outside, tuple(edits), tuple(changes), reason)


def _groups_of(size: int, values: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """``values`` taken ``size`` at a time (the flat tuples of _pair_to_tuple)."""
    return zip(*[iter(values)] * size)


def _outside_groups(groups: list[Group]) -> set[int]:
    """Indices of the unaligned groups before the first and after the last aligned group."""
    aligned = [n for n, g in enumerate(groups) if g.a and g.b and not g.moved]
    if not aligned:
        return set()
    result: set[int] = set()
    for run in (range(0, aligned[0]), range(aligned[-1] + 1, len(groups))):
        run_groups = [groups[n] for n in run if not groups[n].moved]
        a_units = sum(len(g.a) for g in run_groups)
        b_units = sum(len(g.b) for g in run_groups)
        if max(a_units, b_units) >= OUTSIDE_MIN_UNITS:
            result.update(n for n in run if not groups[n].moved)
    return result


def _span(doc: Document, indices: tuple[int, ...]) -> tuple[int, int]:
    if not indices:
        return 0, 0
    return doc.sentences[indices[0]].start, doc.sentences[indices[-1]].end


def _pair(
    a: Document,
    b: Document,
    group: Group,
    outside: bool,
    codec: TokenCodec,
    opts: CompareOptions,
    a_point: int,
    b_point: int,
    notes: list[str] | None = None,
) -> Pair:
    """One group as a Pair; ``a_point``/``b_point`` place a one-sided group in the other text."""
    a_start, a_end = _span(a, group.a)
    b_start, b_end = _span(b, group.b)
    a_text, b_text = a.text[a_start:a_end], b.text[b_start:b_end]
    if not group.b:
        edits: tuple[Edit, ...] = (Edit(Op.DELETE, a_start, a_end, b_point, b_point, a_text),)
        return Pair(group.a, (), Status.DELETED, 0.0, outside, edits, reason=group.reason)
    if not group.a:
        edits = (Edit(Op.INSERT, a_point, a_point, b_start, b_end, b_text),)
        return Pair((), group.b, Status.INSERTED, 0.0, outside, edits, reason=group.reason)
    edits = diff_spans(a_text, a_start, b_text, b_start, codec, notes)
    if group.moved:
        status = Status.MOVED
    elif a_text == b_text or _normalized(a_text, opts) == _normalized(b_text, opts):
        status = Status.EQUAL
    else:
        status = Status.CHANGED
    similarity = 1.0 if a_text == b_text else round(group.similarity, 4)
    return Pair(group.a, group.b, status, similarity, outside, edits, reason=group.reason)


def _normalized(text: str, opts: CompareOptions) -> str:
    """The text as the ignore options see it (only used to decide equality)."""
    if opts.ignore_case:
        text = text.casefold()
    if opts.ignore_punctuation:
        text = _PUNCT.sub(" ", text)
    if opts.ignore_whitespace or opts.ignore_punctuation:
        text = _SPACE.sub("", text)
    return text


def comparable_text(text: str, opts: CompareOptions) -> str:
    """``text`` as the ignore options see it: two texts are the same to stmtdiff when these
    are equal (collations group versions into readings with it).

        >>> comparable_text("U.S. Policy", CompareOptions(ignore_case=True, ignore_punctuation=True))
        'uspolicy'
    """
    return _normalized(text, opts)


def counts_as_difference(change: Change, opts: CompareOptions) -> bool:
    """Whether ``change`` counts under the options (neither its class nor its kind ignored)."""
    return not _ignored(change, opts)


def _with_moved_from(pairs: list[Pair], a_count: int) -> list[Pair]:
    """Fill ``moved_from``: the pair whose A units came right before a moved group's."""
    owner = [0] * a_count
    for n, pair in enumerate(pairs):
        for i in pair.a:
            owner[i] = n
    return [
        replace(p, moved_from=owner[p.a[0] - 1] if p.a[0] > 0 else -1)
        if p.status is Status.MOVED
        else p
        for p in pairs
    ]


def _context(a: Document, b: Document, groups: list[Group], n: int, terms: classify.TermIndex) -> classify.PairContext:
    """What the classifier may know around group ``n``: the texts of the groups before and
    after it in reading order (a phrase that moved to the next sentence has not gone), and the
    documents' repeated phrases."""

    def texts(m: int) -> tuple[str, str]:
        if not 0 <= m < len(groups):
            return "", ""
        group = groups[m]
        (a_start, a_end), (b_start, b_end) = _span(a, group.a), _span(b, group.b)
        return a.text[a_start:a_end], b.text[b_start:b_end]

    return classify.PairContext(texts(n - 1), texts(n + 1), terms)


def _classified(
    a: Document,
    b: Document,
    pair: Pair,
    opts: CompareOptions,
    context: Callable[[], classify.PairContext] | None = None,
) -> Pair:
    """The pair with its classified changes, those the options ignore marked so; a changed
    pair whose every change is ignored is equal, and an equal pair's changes (differences of
    case, punctuation or spacing the options ignore) are all ignored."""
    if pair.status is Status.EQUAL and not any(e.op is not Op.EQUAL for e in pair.edits):
        return pair
    if pair.status in (Status.DELETED, Status.INSERTED):
        doc, indices, side = (a, pair.a, "a") if pair.a else (b, pair.b, "b")
        start, end = _span(doc, indices)
        change = classify.classify_unpaired(
            doc.text[start:end],
            start,
            end,
            side,
            outside=pair.outside,
            boilerplate=all(doc.sentences[i].boilerplate for i in indices),
            watch=opts.watch,
        )
        return replace(pair, changes=_marked((change,), opts, all_ignored=False))
    classified = classify.classify_edits(
        pair.edits,
        watch=opts.watch,
        languages=(a.language, b.language),
        context=context,
        furniture=bool(pair.a and pair.b)
        and all(a.sentences[i].boilerplate for i in pair.a)
        and all(b.sentences[j].boilerplate for j in pair.b),
    )
    changes = _marked(classified, opts, pair.status is Status.EQUAL)
    status = pair.status
    if status is Status.CHANGED and changes and all(c.ignored for c in changes):
        status = Status.EQUAL
    return replace(pair, changes=changes, status=status)


def _marked(changes: tuple[Change, ...], opts: CompareOptions, all_ignored: bool) -> tuple[Change, ...]:
    """``changes`` with ``ignored`` set on those the options ignore (all of them if ``all_ignored``)."""
    if not (all_ignored or opts.ignore_classes or opts.ignore_case or opts.ignore_punctuation or opts.ignore_whitespace):
        return changes
    return tuple(replace(c, ignored=True) if all_ignored or _ignored(c, opts) else c for c in changes)


_FORMATTING_REASONS = {
    "whitespace only": "ignore_whitespace",
    "letter case only": "ignore_case",
    "punctuation only": "ignore_punctuation",
}


def _ignored(change: Change, opts: CompareOptions) -> bool:
    """A change is ignored when its class is, or when every one of its formatting kinds is:
    "U.S." -> "us" (case and punctuation) still counts under ``ignore_case`` alone."""
    if change.change_class in opts.ignore_classes:
        return True
    kinds = [_FORMATTING_REASONS[r] for r in change.reasons if r in _FORMATTING_REASONS]
    return bool(kinds) and all(getattr(opts, kind) for kind in kinds)


def _summary(a: Document, b: Document, pairs: list[Pair]) -> Summary:
    """Counts over the pairs. A Bible-sized comparison has 300,000 edits, so their texts are
    measured in one concatenation per kind rather than one by one: both measures add up over
    texts (joined by a space, no two words run together)."""
    statuses: Counter[Status] = Counter()
    boilerplate = ignored = 0
    for pair in pairs:
        unpaired = pair.status is Status.DELETED or pair.status is Status.INSERTED
        if unpaired and pair.changes and all(c.ignored for c in pair.changes):
            ignored += 1
        elif (
            unpaired
            and all(a.sentences[i].boilerplate for i in pair.a)
            and all(b.sentences[j].boilerplate for j in pair.b)
        ):
            boilerplate += 1
        else:
            statuses[pair.status] += 1
    ignored_any = any(change.ignored for pair in pairs for change in pair.changes)
    texts: dict[Op, list[str]] = {op: [] for op in Op}
    for pair in pairs:
        for edit in pair.edits:
            texts[edit.op].append(edit.text)
    classes = Counter([change.change_class for pair in pairs for change in pair.changes if not change.ignored])
    equal_chars = _nonspace("".join(texts[Op.EQUAL]))
    total_chars = _nonspace(a.text) + _nonspace(b.text)
    similarity = round(2 * equal_chars / total_chars, 4) if total_chars else 1.0
    top = classify.rank_changes(pairs, limit=None if ignored_any else TOP_CHANGES)
    if ignored_any:
        top = tuple([(p, k) for p, k in top if not pairs[p].changes[k].ignored][:TOP_CHANGES])
    return Summary(
        equal=statuses[Status.EQUAL],
        changed=statuses[Status.CHANGED],
        moved=statuses[Status.MOVED],
        deleted=statuses[Status.DELETED],
        inserted=statuses[Status.INSERTED],
        similarity=similarity,
        a_units=len(a.sentences),
        b_units=len(b.sentences),
        words_deleted=_word_count(" ".join(texts[Op.DELETE])),
        words_inserted=_word_count(" ".join(texts[Op.INSERT])),
        outside=sum([pair.outside for pair in pairs]),
        boilerplate=boilerplate,
        ignored=ignored,
        class_counts=tuple((c, classes[c]) for c in ChangeClass if classes[c]),
        top_changes=tuple(top),
    )


def _word_count(text: str) -> int:
    """Words in ``text``, as the word diff counts them (Chinese characters one by one)."""
    if has_marks(text):
        return len(pattern(_MARKED_WORD).findall(text))
    return len((pattern(_UNSPACED_WORD) if has_unspaced(text) else _WORD).findall(text))


# What str.split() splits on: every character for which str.isspace() is true (a test checks).
_WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _nonspace(text: str) -> int:
    """How many characters of ``text`` are not whitespace (counting each kind of space in C
    is faster than splitting a 4 MB text into its words)."""
    return len(text) - sum([text.count(space) for space in _WHITESPACE])
