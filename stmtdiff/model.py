"""The plain, frozen data passed between stmtdiff's stages; imports nothing from stmtdiff.

Every offset is a Python ``str`` index into ``Document.text`` (the decoded or extracted
text, kept exactly: CRLF, BOM-less, nothing normalised), so ``text[start:end]`` always
gives back what a record names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Units(str, Enum):
    """What one comparison unit is."""

    SENTENCES = "sentences"
    LINES = "lines"
    PARAGRAPHS = "paragraphs"
    CLAUSES = "clauses"


class Status(str, Enum):
    """What happened to one group of aligned units."""

    EQUAL = "equal"  # identical text (or identical up to the differences the user ignores)
    CHANGED = "changed"  # aligned, text differs
    MOVED = "moved"  # aligned, but out of order with the rest of the alignment
    DELETED = "deleted"  # only in A
    INSERTED = "inserted"  # only in B


class Op(str, Enum):
    """One word-diff operation, as in diff-match-patch (equal, delete, insert)."""

    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


class ChangeClass(str, Enum):
    """How much a change can matter, from least to most."""

    FORMATTING = "formatting"
    SPELLING = "spelling"
    WORDING = "wording"
    SUBSTANTIVE = "substantive"


@dataclass(frozen=True, slots=True)
class Sentence:
    """One unit of a document; ``text == document.text[start:end]``.

    ``boilerplate`` flags page furniture (slugs, "Comments (0)", share footers): it is kept
    (nothing is ever dropped) but left out of the change counts.
    """

    index: int
    start: int
    end: int
    text: str
    boilerplate: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document's text came from and how it was decoded or extracted."""

    kind: str = "text"  # text | html | docx | pdf
    location: str | None = None  # a path, a URL or "-" for stdin
    encoding: str | None = "utf-8"
    encoding_guessed: bool = False  # True when a detector, not a BOM or UTF-8, chose it
    settings: tuple[tuple[str, str], ...] = ()  # extraction settings, as (name, value)
    # Named paragraph styles of a DOCX, as (start, end, name) spans of the text ("Heading 1"),
    # for the Word redline; unstyled paragraphs are left out.
    paragraph_styles: tuple[tuple[int, int, str], ...] = ()
    modified: str | None = None  # the file's modification time (UTC, ISO 8601), when it has one
    notes: tuple[str, ...] = ()  # what extraction left out, counted ("12 page-number lines dropped")


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded text and its units; the units never overlap and hold every non-space char."""

    name: str
    text: str
    sentences: tuple[Sentence, ...]
    units: Units = Units.SENTENCES
    source: Source = field(default_factory=Source)
    # ISO 639-1 code of the language most of the text is in (detected, or given with ``lang``);
    # None when the text is too short to tell
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Edit:
    """One word-diff step; a delete has ``b_start == b_end``, an insert ``a_start == a_end``.

    ``text`` is A's text for equal and delete, B's for insert, so the equal+delete texts of a
    pair rebuild its A span and the equal+insert texts rebuild its B span.
    """

    op: Op
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


@dataclass(frozen=True, slots=True)
class Change:
    """The smallest difference a reader would name, with its class and why.

    ``ignored``: the options say it does not count (``--ignore-case``, ``--ignore-punctuation``,
    ``--ignore-whitespace``, ``--ignore CLASS``, or a pair equal up to those). It is kept, so
    the JSON stays lossless, but no count, ranking, group status or exit status sees it.
    """

    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    change_class: ChangeClass
    significance: float  # 0..1, higher matters more
    reasons: tuple[str, ...] = ()
    ignored: bool = False


@dataclass(frozen=True, slots=True)
class Pair:
    """A group of adjacent units of A aligned with a group of adjacent units of B.

    One side is empty for ``deleted``/``inserted``. ``moved_from`` (moved groups only) is the
    index, in ``Comparison.pairs``, of the pair whose A units came right before this group's
    A units, or -1 when the group opened document A: "moved here from after pair k".
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    status: Status
    similarity: float  # 0..1
    outside: bool = False  # outside the region the two documents share (embedded statement)
    edits: tuple[Edit, ...] = ()
    changes: tuple[Change, ...] = ()
    reason: str = ""  # why the aligner grouped these units (anchor, similarity, move, ...)
    moved_from: int | None = None


@dataclass(frozen=True, slots=True)
class CompareOptions:
    """Settings of the comparison itself (not of how it is shown).

    - ``units``: sentences (default), lines, paragraphs, or clauses (sentences cut at ; and :).
    - ``threshold``: the similarity (0..1) two groups need before they may align; below it
      they stay deleted and inserted. 0.35 (on the scale of ``Pair.similarity``) keeps heavy
      paraphrases and rejects unrelated sentences, as measured on the development data.
    - ``max_group``: most units on one side of a merge or split (3 allows 3-1 and 1-3), at most 10.
    - ``ignore_case``/``ignore_punctuation``/``ignore_whitespace``: differences of that kind
      do not count (a pair differing only so is ``equal``); texts and edits stay exact.
    - ``watch``: terms whose change is always substantive.
    - ``ignore_classes``: change classes that do not count as differences.
    - ``lang``: the language of both documents (an ISO 639-1 code such as "ru"), instead of
      the one detected from each text.

    An ignored difference is marked (``Change.ignored``), never dropped: the groups, the
    summary's counts, the top changes and the exit status leave it out.
    """

    units: Units = Units.SENTENCES
    threshold: float = 0.35
    max_group: int = 3
    ignore_case: bool = False
    ignore_punctuation: bool = False
    ignore_whitespace: bool = False
    watch: tuple[str, ...] = ()
    ignore_classes: frozenset[ChangeClass] = frozenset()
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts over a comparison, for headers and exit codes."""

    equal: int
    changed: int
    moved: int
    deleted: int
    inserted: int
    similarity: float  # share of both documents' characters that are equal (0..1)
    a_units: int
    b_units: int
    words_deleted: int
    words_inserted: int
    outside: int = 0  # groups outside the shared region (context around an embedded statement)
    boilerplate: int = 0  # unaligned groups of page furniture, left out of the counts above
    ignored: int = 0  # deleted or inserted groups whose every change is ignored, left out too
    class_counts: tuple[tuple[ChangeClass, int], ...] = ()
    top_changes: tuple[tuple[int, int], ...] = ()  # (pair index, change index), most significant first

    @property
    def identical(self) -> bool:
        """No differences at all: page furniture left out of the counts still differs (a page
        number that changed makes the documents different, and the exit status says so)."""
        return self.changed == self.moved == self.deleted == self.inserted == self.boilerplate == 0


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything stmtdiff found; every report renders from this and never re-diffs."""

    a: Document
    b: Document
    pairs: tuple[Pair, ...]
    summary: Summary
    options: CompareOptions = field(default_factory=CompareOptions)
    notes: tuple[str, ...] = ()  # shortcuts taken (e.g. "alignment banded: ..."), shown by reports


# ------------------------------------------------------------- three or more versions (issue 17)


class RowStatus(str, Enum):
    """What one row of a collation shows, the most telling first when several apply:
    ``added`` (the base lacks it), ``omitted`` (some version lacks it), ``moved`` (some version
    has it elsewhere), ``changed`` (some version words it differently), ``equal``."""

    EQUAL = "equal"
    CHANGED = "changed"
    MOVED = "moved"
    OMITTED = "omitted"
    ADDED = "added"


def version_label(n: int) -> str:
    """The short name of version ``n`` (0-based) of a collation, in its reports and as the
    default name of a text: a, b, ... z, then v27, v28, ...

        >>> version_label(0), version_label(25), version_label(26)
        ('a', 'z', 'v27')
    """
    return chr(ord("a") + n) if n < 26 else f"v{n + 1}"


@dataclass(frozen=True, slots=True)
class Reading:
    """One wording of a row and the versions (indices into ``Collation.docs``) that carry it.

    ``edits`` is the word diff against the base's part of the row, as the pairwise comparison
    of the base with the first carrier found it (A = base, B = that version), cut to the row;
    the base's own reading is one equal edit. ``changes`` are that pairwise comparison's
    classified changes that fall in the row (none for the base's reading). In a row the base
    lacks, each reading's edits are one insert and its changes say "sentence added".
    """

    versions: tuple[int, ...]
    edits: tuple[Edit, ...]
    changes: tuple[Change, ...] = ()
    base: bool = False


@dataclass(frozen=True, slots=True)
class Cell:
    """What one version has in a row: its units (``()``: it lacks the row), the index of its
    reading in ``CollationRow.readings`` (-1 when it lacks the row), whether the pairwise
    comparison with the base found it moved, and the index of the pair in
    ``Collation.comparisons[version].pairs`` it comes from (-1 for the base's own cells; for a
    version that lacks a base row, its ``deleted`` pair)."""

    units: tuple[int, ...] = ()
    reading: int = -1
    moved: bool = False
    pair: int = -1


@dataclass(frozen=True, slots=True)
class CollationRow:
    """One sentence family: one cell per version, in input order.

    A unit may sit in two rows: a base line holding verses 3 and 4, where the other versions
    have two lines, is in the row of each (``window`` then says which part of the base text
    each row covers: base offsets ``(start, end)``, or ``None`` in a row the base lacks).
    ``significance`` is the row's most significant change (0 for equal rows), omissions
    included: ``omissions`` gives, for each version lacking a base row, the changes its
    pairwise comparison found for that ("sentence omitted").
    """

    cells: tuple[Cell, ...]
    status: RowStatus
    readings: tuple[Reading, ...]
    significance: float = 0.0
    window: tuple[int, int] | None = None
    outside: bool = False  # outside the text the versions share, in every version that has it
    omissions: tuple[tuple[int, tuple[Change, ...]], ...] = ()  # (version, its changes) per version lacking it


@dataclass(frozen=True, slots=True)
class VersionSummary:
    """One version against the base, counted in its units (the base's own line: zeros)."""

    version: int
    units: int
    omits: int  # base units this version lacks
    adds: int  # units of this version the base lacks
    changes: int  # units aligned with the base whose text differs
    moves: int  # units found at another place than in the base
    similarity: float  # the pairwise comparison's similarity with the base (1.0 for the base)
    identical: bool


@dataclass(frozen=True, slots=True)
class CollationSummary:
    """Rows per status, each version against the base, and the rows that matter most."""

    equal: int
    changed: int
    moved: int
    omitted: int
    added: int
    versions: tuple[VersionSummary, ...]
    top_rows: tuple[int, ...] = ()  # row indices, most significant first

    @property
    def identical(self) -> bool:
        """Every version identical to the base (the exit status 0 of ``stmtdiff diff``)."""
        return all(v.identical for v in self.versions)


@dataclass(frozen=True, slots=True)
class Collation:
    """Three or more versions (two work too) lined up sentence family by sentence family.

    ``comparisons[v]`` is the pairwise comparison of the base (A) with version ``v`` (B), from
    which every row was built; ``None`` at the base's own index.
    """

    docs: tuple[Document, ...]
    base: int
    rows: tuple[CollationRow, ...]
    summary: CollationSummary
    comparisons: tuple[Comparison | None, ...]
    options: CompareOptions = field(default_factory=CompareOptions)
    notes: tuple[str, ...] = ()
