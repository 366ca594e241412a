"""Score stmtdiff's change classes and ranking on real revisions of US government texts.

The corpus lives in ``tests/real_revisions/`` (see its README for the sources and the labelling
guide): one folder per pair of versions, each with ``a.txt``, ``b.txt``, ``source.json`` and
``labels.json``. A label names one change an analyst would name, by its text on each side, and
gives the class an analyst would assign (``formatting``, ``spelling``, ``wording``,
``substantive``) and, for changes that must not be missed, ``must_rank_top: N``.

A label's side is written as a context with the changed text in white square brackets::

    {"a": "continue to work ⟦towards sustainable⟧ normal trade",
     "b": "continue to work ⟦toward permanent⟧ normal trade",
     "class": "substantive"}

The context without the brackets must occur exactly once in that side's text; ``⟦⟧`` marks
the place where the other side's text is missing, and ``null`` a side that has no counterpart
at all (a headline only one version carries).

API (what ``benchmarks/classification.py`` imports)::

    corpus = load_corpus()                 # list[RealPair], validated
    scores = score(corpus)                 # runs stmtdiff.compare_files on every pair
    print(scores.table())                  # Markdown tables
    scores.accuracy, scores.substantive_f1, scores.false_alarm_share, scores.must_rank_hits

Matching: a label matches every stmtdiff change whose A span overlaps the label's A span or
whose B span overlaps the label's B span; an empty span (a place where that side has nothing)
overlaps a span it lies strictly inside, and a whole added or omitted sentence has a span on one
side only. When several changes match a label, its predicted class is the most serious
of them: that is what the report asserts about that text. A label that no change overlaps is
``missed`` (a moved group with no changes of its own counts as ``wording`` for the labels that
lie inside it). A change that overlaps no label is ``unlabelled``.

Top 10: the first ten entries of ``summary.top_changes`` of each pair. An entry is a false
substantive alarm when stmtdiff calls it substantive and no substantive label overlaps it: the
labels there say the change is not substantive, or there is no label because no reader would
name a change there (the corpus labels every difference a reader would name, so an unlabelled
entry is a change only the tool sees). The pooled share is false alarms / entries over all
pairs. Ranks 1-20 are stmtdiff's own ``summary.top_changes``; beyond them the remaining changes
follow by significance, ties in document order, as the README documents the ranking.

Run it: ``.venv/bin/python benchmarks/_real_revisions.py [--details] [--json FILE]``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import stmtdiff
from stmtdiff.model import Change, ChangeClass, Comparison, Status

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "tests" / "real_revisions"
# White square brackets: never in the texts (a Federal Register page marker is "[[Page 9292]]").
OPEN, CLOSE = "⟦", "⟧"
TOP = 10
CLASS_ORDER = {cls: i for i, cls in enumerate(ChangeClass)}  # formatting < ... < substantive
SOURCE_SIDE_KEYS = ("url", "title", "date", "version")


class CorpusError(ValueError):
    """The corpus on disk breaks one of its rules (a label not found, a source missing, ...)."""


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled change; spans are ``(start, end)`` into the side's text, ``None`` = no side."""

    pair: str
    id: str
    change_class: ChangeClass
    a_span: tuple[int, int] | None
    b_span: tuple[int, int] | None
    a_text: str
    b_text: str
    kind: str = ""
    must_rank_top: int | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class RealPair:
    """Two versions of one text, where they come from, and the labelled changes between them."""

    id: str
    path: Path
    a: str
    b: str
    source: dict[str, Any]
    labels: tuple[Label, ...]

    @property
    def a_path(self) -> Path:
        return self.path / "a.txt"

    @property
    def b_path(self) -> Path:
        return self.path / "b.txt"


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _occurrences(text: str, needle: str) -> list[int]:
    """Every start of ``needle`` in ``text``, overlapping ones included."""
    found, at = [], text.find(needle)
    while at != -1:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def locate(text: str, marked: str) -> tuple[int, int]:
    """The span of the bracketed part of ``marked`` in ``text``; the context must occur once.

        >>> locate("We will act now.", "We ⟦will⟧ act")
        (3, 7)
        >>> locate("We act.", "We ⟦⟧act")
        (3, 3)
    """
    if marked.count(OPEN) != 1 or marked.count(CLOSE) != 1 or marked.find(OPEN) > marked.find(CLOSE):
        raise CorpusError(f"needs exactly one {OPEN}...{CLOSE}: {marked!r}")
    before, rest = marked.split(OPEN)
    inside, after = rest.split(CLOSE)
    starts = _occurrences(text, before + inside + after)
    if len(starts) != 1:
        raise CorpusError(f"context found {len(starts)} times, not once: {marked!r}")
    start = starts[0] + len(before)
    return start, start + len(inside)


def _label(pair: str, raw: dict[str, Any], a: str, b: str) -> Label:
    where = f"{pair}/{raw.get('id', '?')}"
    try:
        cls = ChangeClass(raw["class"])
    except (KeyError, ValueError) as error:
        classes = ", ".join(c.value for c in ChangeClass)
        raise CorpusError(f"{where}: class must be one of {classes}") from error
    spans: list[tuple[int, int] | None] = []
    for side, text in (("a", a), ("b", b)):
        marked = raw.get(side)
        try:
            spans.append(None if marked is None else locate(text, marked))
        except CorpusError as error:
            raise CorpusError(f"{where} ({side}): {error}") from error
    a_span, b_span = spans
    if not any(s is not None and s[1] > s[0] for s in spans):
        raise CorpusError(f"{where}: a label needs changed text on at least one side")
    top = raw.get("must_rank_top")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise CorpusError(f"{where}: must_rank_top must be a positive integer")
    return Label(
        pair=pair,
        id=str(raw["id"]),
        change_class=cls,
        a_span=a_span,
        b_span=b_span,
        a_text=a[a_span[0] : a_span[1]] if a_span else "",
        b_text=b[b_span[0] : b_span[1]] if b_span else "",
        kind=str(raw.get("kind", "")),
        must_rank_top=top,
        note=str(raw.get("note", "")),
    )


def _check_source(pair: str, source: dict[str, Any]) -> None:
    for side in ("a", "b"):
        entry = source.get(side)
        if not isinstance(entry, dict) or any(not entry.get(k) for k in SOURCE_SIDE_KEYS):
            raise CorpusError(f"{pair}/source.json: '{side}' needs {', '.join(SOURCE_SIDE_KEYS)}")
    if not source.get("public_domain"):
        raise CorpusError(f"{pair}/source.json: say why the text is in the public domain")


def _check_overlaps(pair: str, labels: Sequence[Label]) -> None:
    """No two labels may claim the same characters: each difference is named once."""
    for side in ("a", "b"):
        spans = sorted(
            (span, lab.id)
            for lab in labels
            if (span := lab.a_span if side == "a" else lab.b_span) and span[1] > span[0]
        )
        for (first, first_id), (second, second_id) in zip(spans, spans[1:]):
            if second[0] < first[1]:
                raise CorpusError(f"{pair}: labels {first_id} and {second_id} overlap on side {side}")


def load_pair(path: Path) -> RealPair:
    """One pair folder, validated (see the module docstring for the rules)."""
    pair = path.name
    for name in ("a.txt", "b.txt", "source.json", "labels.json"):
        if not (path / name).is_file():
            raise CorpusError(f"{pair}: {name} missing")
    a, b = _read(path / "a.txt"), _read(path / "b.txt")
    if any(mark in text for mark in (OPEN, CLOSE) for text in (a, b)):
        raise CorpusError(f"{pair}: a text holds the label marker {OPEN} or {CLOSE}")
    source = json.loads(_read(path / "source.json"))
    _check_source(pair, source)
    raw_labels = json.loads(_read(path / "labels.json"))["labels"]
    labels = tuple(_label(pair, raw, a, b) for raw in raw_labels)
    ids = Counter(lab.id for lab in labels)
    if any(n > 1 for n in ids.values()):
        raise CorpusError(f"{pair}: duplicate label ids {sorted(i for i, n in ids.items() if n > 1)}")
    _check_overlaps(pair, labels)
    return RealPair(pair, path, a, b, source, labels)


def load_corpus(root: Path = DEFAULT_CORPUS) -> list[RealPair]:
    """Every pair under ``root`` (folders holding an ``a.txt``), in name order, validated."""
    folders = sorted(p for p in Path(root).iterdir() if (p / "a.txt").is_file())
    if not folders:
        raise CorpusError(f"no pairs under {root}")
    return [load_pair(p) for p in folders]


# --------------------------------------------------------------------------------------
# Matching labels to stmtdiff's changes

Span = tuple[int, int]


def _nonempty(span: Span | None) -> bool:
    return span is not None and span[1] > span[0]


def _overlap(x: Span | None, y: Span | None) -> bool:
    """Two spans of one side share text, or one is a place strictly inside the other.

    A place (an empty span) is where the other side's text stands: "$0⟦⟧." lies inside a
    change that deleted "$0." and so names the same change.

        >>> _overlap((0, 5), (4, 9)), _overlap((0, 5), (5, 9))
        (True, False)
        >>> _overlap((3, 3), (0, 5)), _overlap((5, 5), (0, 5))
        (True, False)
    """
    if x is None or y is None:
        return False
    if _nonempty(x) and _nonempty(y):
        return x[0] < y[1] and y[0] < x[1]
    if _nonempty(x) != _nonempty(y):
        place, span = (y, x) if _nonempty(x) else (x, y)
        return span[0] < place[0] < span[1]
    return False


def _change_spans(change: Change) -> tuple[Span | None, Span | None]:
    """A change's span on each side. An empty span is a place inside a changed group (where the
    other side's words were inserted or deleted); the missing side of a wholly deleted or
    inserted group is recorded as (0, 0) and is no place at all."""
    a: Span | None = (change.a_start, change.a_end)
    b: Span | None = (change.b_start, change.b_end)
    if change.a_start == change.a_end == 0 and not change.a_text and _nonempty(b):
        a = None
    if change.b_start == change.b_end == 0 and not change.b_text and _nonempty(a):
        b = None
    return a, b


def full_ranking(c: Comparison) -> list[tuple[int, int]]:
    """Every (pair, change) in rank order: stmtdiff's own top changes, then the rest by
    significance with ties in document order (the ranking rule the README documents)."""
    valid = {(p, k) for p, pair in enumerate(c.pairs) for k in range(len(pair.changes))}
    head = [pk for pk in c.summary.top_changes if pk in valid]
    rest = sorted(valid - set(head), key=lambda pk: (-c.pairs[pk[0]].changes[pk[1]].significance, pk))
    return head + rest


@dataclass(frozen=True, slots=True)
class LabelResult:
    """How stmtdiff reported one labelled change."""

    label: Label
    predicted: ChangeClass | None  # None: no change of stmtdiff's overlaps the label
    changes: tuple[tuple[int, int], ...]  # the matching (pair, change) indices
    rank: int | None  # best 1-based rank among the matching changes
    reasons: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.predicted == self.label.change_class

    @property
    def in_place(self) -> bool:
        """A must-rank label stands in its top N."""
        top = self.label.must_rank_top
        return top is not None and self.rank is not None and self.rank <= top


@dataclass(frozen=True, slots=True)
class TopEntry:
    """One of the first ten entries of a pair's ranking."""

    pair: str
    rank: int
    change: Change
    labels: tuple[str, ...]  # ids of the labels it overlaps
    false_alarm: bool  # called substantive, and no substantive label lies under it


@dataclass(frozen=True, slots=True)
class PairScore:
    pair: str
    results: tuple[LabelResult, ...]
    top: tuple[TopEntry, ...]
    unlabelled: tuple[Change, ...]  # changes that overlap no label

    @property
    def accuracy(self) -> float | None:
        return sum(r.correct for r in self.results) / len(self.results) if self.results else None


def _moved_spans(c: Comparison) -> list[tuple[Span, Span]]:
    """(A span, B span) of each moved group that carries no change of its own."""
    spans = []
    for pair in c.pairs:
        if pair.status is Status.MOVED and not pair.changes and pair.a and pair.b:
            a = (c.a.sentences[pair.a[0]].start, c.a.sentences[pair.a[-1]].end)
            b = (c.b.sentences[pair.b[0]].start, c.b.sentences[pair.b[-1]].end)
            spans.append((a, b))
    return spans


def _result(label: Label, c: Comparison, spans: dict, rank_of: dict, moved: list) -> LabelResult:
    hits = tuple(
        pk for pk, (a, b) in spans.items() if _overlap(label.a_span, a) or _overlap(label.b_span, b)
    )
    if hits:
        found = [c.pairs[p].changes[k] for p, k in hits]
        predicted = max((ch.change_class for ch in found), key=CLASS_ORDER.__getitem__)
        reasons = tuple(dict.fromkeys(r for ch in found for r in ch.reasons))
        return LabelResult(label, predicted, hits, min(rank_of[pk] for pk in hits), reasons)
    if any(_overlap(label.a_span, a) or _overlap(label.b_span, b) for a, b in moved):
        return LabelResult(label, ChangeClass.WORDING, (), None, ("moved group",))
    return LabelResult(label, None, (), None)


def score_pair(pair: RealPair, comparison: Comparison) -> PairScore:
    """Match one pair's labels to one comparison of its two texts."""
    if comparison.a.text != pair.a or comparison.b.text != pair.b:
        raise CorpusError(f"{pair.id}: stmtdiff read other text than the files hold")
    rank_of = {pk: i for i, pk in enumerate(full_ranking(comparison), 1)}
    spans = {
        (p, k): _change_spans(change)
        for p, group in enumerate(comparison.pairs)
        for k, change in enumerate(group.changes)
    }
    moved = _moved_spans(comparison)
    results = tuple(_result(label, comparison, spans, rank_of, moved) for label in pair.labels)
    labels_of: dict[tuple[int, int], list[Label]] = {}
    for r in results:
        for pk in r.changes:
            labels_of.setdefault(pk, []).append(r.label)
    top = []
    for rank, (p, k) in enumerate(comparison.summary.top_changes[:TOP], 1):
        change, labels = comparison.pairs[p].changes[k], labels_of.get((p, k), [])
        alarm = change.change_class is ChangeClass.SUBSTANTIVE and not any(
            lab.change_class is ChangeClass.SUBSTANTIVE for lab in labels
        )
        top.append(TopEntry(pair.id, rank, change, tuple(lab.id for lab in labels), alarm))
    unlabelled = tuple(comparison.pairs[p].changes[k] for p, k in spans if (p, k) not in labels_of)
    return PairScore(pair.id, results, tuple(top), unlabelled)


def score(corpus: Sequence[RealPair], **options: Any) -> Scores:
    """Compare every pair with ``stmtdiff.compare_files(a, b, **options)`` and score it."""
    return Scores(
        tuple(score_pair(p, stmtdiff.compare_files(p.a_path, p.b_path, **options)) for p in corpus)
    )


# --------------------------------------------------------------------------------------
# The figures


@dataclass(frozen=True, slots=True)
class Scores:
    """Everything measured on the corpus; ``table()`` prints it, ``summary()`` for JSON."""

    pairs: tuple[PairScore, ...]

    @property
    def results(self) -> tuple[LabelResult, ...]:
        return tuple(r for p in self.pairs for r in p.results)

    @property
    def confusion(self) -> dict[ChangeClass, Counter[str]]:
        """Label class -> counts of stmtdiff's class (``missed`` when no change matched)."""
        matrix: dict[ChangeClass, Counter[str]] = {cls: Counter() for cls in ChangeClass}
        for r in self.results:
            matrix[r.label.change_class][r.predicted.value if r.predicted else "missed"] += 1
        return matrix

    @property
    def accuracy(self) -> float:
        results = self.results
        return sum(r.correct for r in results) / len(results) if results else 0.0

    def _substantive_counts(self) -> tuple[int, int, int]:
        """(true positives, false positives, false negatives) of "substantive or not"."""
        tp = fp = fn = 0
        for r in self.results:
            truth = r.label.change_class is ChangeClass.SUBSTANTIVE
            said = r.predicted is ChangeClass.SUBSTANTIVE
            tp, fp, fn = tp + (truth and said), fp + (said and not truth), fn + (truth and not said)
        return tp, fp, fn

    @property
    def substantive_precision(self) -> float:
        tp, fp, _ = self._substantive_counts()
        return tp / (tp + fp) if tp + fp else 0.0

    @property
    def substantive_recall(self) -> float:
        tp, _, fn = self._substantive_counts()
        return tp / (tp + fn) if tp + fn else 0.0

    @property
    def substantive_f1(self) -> float:
        p, r = self.substantive_precision, self.substantive_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def top_entries(self) -> int:
        return sum(len(p.top) for p in self.pairs)

    @property
    def false_alarms(self) -> int:
        return sum(e.false_alarm for p in self.pairs for e in p.top)

    @property
    def false_alarm_share(self) -> float:
        """False substantive alarms / top-10 entries, pooled over all pairs."""
        return self.false_alarms / self.top_entries if self.top_entries else 0.0

    @property
    def must_rank(self) -> tuple[LabelResult, ...]:
        return tuple(r for r in self.results if r.label.must_rank_top)

    @property
    def must_rank_hits(self) -> int:
        return sum(r.in_place for r in self.must_rank)

    @property
    def unlabelled(self) -> int:
        return sum(len(p.unlabelled) for p in self.pairs)

    def summary(self) -> dict[str, Any]:
        """The headline figures, JSON-ready."""
        return {
            "pairs": len(self.pairs),
            "labels": len(self.results),
            "accuracy": round(self.accuracy, 4),
            "substantive_precision": round(self.substantive_precision, 4),
            "substantive_recall": round(self.substantive_recall, 4),
            "substantive_f1": round(self.substantive_f1, 4),
            "top10_entries": self.top_entries,
            "top10_false_alarms": self.false_alarms,
            "top10_false_alarm_share": round(self.false_alarm_share, 4),
            "must_rank": len(self.must_rank),
            "must_rank_hits": self.must_rank_hits,
            "unlabelled_changes": self.unlabelled,
            "confusion": {cls.value: dict(counts) for cls, counts in self.confusion.items()},
        }

    def table(self, details: bool = False) -> str:
        """Markdown tables: headline figures, confusion matrix, top 10 per pair, must-rank items;
        with ``details`` also every wrong or missed label and every false alarm."""
        parts = [
            f"Real revisions: {len(self.pairs)} pairs, {len(self.results)} labelled changes",
            _headline_table(self),
            "Confusion matrix (rows: label, columns: stmtdiff)",
            _confusion_table(self),
            "Top 10 per pair",
            _pairs_table(self),
            "Must-rank items",
            _must_rank_table(self),
        ]
        if details:
            parts += ["Wrong or missed labels", _wrong_table(self)]
            parts += ["False substantive alarms in the top 10", _alarm_table(self)]
        return "\n\n".join(parts)


def _headline_table(s: Scores) -> str:
    rows = [
        ["four-way accuracy", f"{s.accuracy:.3f}"],
        ["substantive precision", f"{s.substantive_precision:.3f}"],
        ["substantive recall", f"{s.substantive_recall:.3f}"],
        ["substantive F1", f"{s.substantive_f1:.3f}"],
        [
            "top-10 false substantive alarms",
            f"{s.false_alarms}/{s.top_entries} = {s.false_alarm_share:.1%}",
        ],
        ["must-rank items in their top N", f"{s.must_rank_hits}/{len(s.must_rank)}"],
        ["stmtdiff changes no label covers", str(s.unlabelled)],
    ]
    return _table(["measure", "value"], rows)


def _confusion_table(s: Scores) -> str:
    columns = [cls.value for cls in ChangeClass] + ["missed"]
    matrix = s.confusion
    rows = [
        [cls.value, *(str(matrix[cls][c]) for c in columns), str(sum(matrix[cls].values()))]
        for cls in ChangeClass
    ]
    return _table(["label \\ stmtdiff", *columns, "total"], rows)


def _pairs_table(s: Scores) -> str:
    rows = [
        [
            p.pair,
            str(len(p.results)),
            str(len(p.top)),
            str(sum(e.false_alarm for e in p.top)),
            str(sum(not e.labels for e in p.top)),
            "-" if p.accuracy is None else f"{p.accuracy:.2f}",
        ]
        for p in s.pairs
    ]
    headers = ["pair", "labels", "top 10", "false alarms", "unlabelled in top 10", "accuracy"]
    return _table(headers, rows)


def _must_rank_table(s: Scores) -> str:
    rows = [
        [
            r.label.pair,
            r.label.id,
            str(r.label.must_rank_top),
            str(r.rank) if r.rank else "-",
            r.predicted.value if r.predicted else "missed",
            "yes" if r.in_place else "NO",
        ]
        for r in s.must_rank
    ]
    return _table(["pair", "label", "top N", "rank", "stmtdiff class", "in place"], rows)


def _wrong_table(s: Scores) -> str:
    rows = [
        [
            r.label.pair,
            r.label.id,
            _cell(r.label.a_text),
            _cell(r.label.b_text),
            r.label.change_class.value,
            r.predicted.value if r.predicted else "missed",
            "; ".join(r.reasons),
        ]
        for r in s.results
        if not r.correct
    ]
    return _table(["pair", "label", "a", "b", "label class", "stmtdiff", "reasons"], rows)


def _alarm_table(s: Scores) -> str:
    rows = [
        [
            e.pair,
            str(e.rank),
            _cell(e.change.a_text),
            _cell(e.change.b_text),
            "; ".join(e.change.reasons),
            ", ".join(e.labels) or "-",
        ]
        for p in s.pairs
        for e in p.top
        if e.false_alarm
    ]
    return _table(["pair", "rank", "a", "b", "reasons", "labels"], rows)


def _cell(text: str, width: int = 48) -> str:
    flat = " ".join(text.split()).replace("|", "/")
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A Markdown table, padded so that it reads as plain text too."""
    body = [list(map(str, r)) for r in rows]
    widths = [max(len(x) for x in column) for column in zip(headers, *body)]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(headers), rule, *map(line, body)])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score stmtdiff on the labelled real revisions.")
    parser.add_argument("--root", type=Path, default=DEFAULT_CORPUS,
                        help="the corpus folder (default: tests/real_revisions)")
    parser.add_argument("--details", action="store_true",
                        help="also list every wrong label and every false alarm")
    parser.add_argument("--json", metavar="FILE", help="write the headline figures as JSON")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus(args.root)
    except CorpusError as error:
        print(f"real revisions: {error}", file=sys.stderr)
        return 2
    scores = score(corpus)
    try:
        print(scores.table(details=args.details))
    except BrokenPipeError:  # | head
        sys.stdout = open(os.devnull, "w")
        return 0
    if args.json:
        Path(args.json).write_text(json.dumps(scores.summary(), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
