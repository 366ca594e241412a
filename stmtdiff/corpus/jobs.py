"""One unit of corpus work, run by a worker process (local or on a Dask cluster).

A job takes a context (the statement and the settings, sent to each worker once) and one
item, and returns a ``Result``: the document's summary row and, when it was compared, the
normal report JSON (exactly what ``stmtdiff diff --format json`` writes) and the HTML report.
A job never raises: whatever goes wrong with one document becomes that document's row with a
one-line error, so one bad file never stops a run. Rows depend only on the inputs, never on
timing or on which worker ran them, so every engine writes the same summary.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Any

from stmtdiff.errors import InputError, StmtdiffError
from stmtdiff.limits import Limits
from stmtdiff.model import ChangeClass, CompareOptions, Comparison, Document, Status
from stmtdiff.corpus.screen import ContainmentIndex, MinHashIndex, required_hits
from stmtdiff.corpus.sources import Item, PairItem, is_url, printable

# A statement sentence counts as reprinted when it is aligned, inside the shared region, with
# at least this similarity: well above the 0.35 at which the aligner pairs sentences at all, so
# a news report that paraphrases one sentence of the statement does not reprint it (the seed
# news report's closest sentence scores 0.37; the reworded official text scores 0.86-0.99).
REPRINT_SIMILARITY = 0.5
# A document reprints the statement when at least this many of its sentences (every sentence of
# a shorter statement) and this share of them are reprinted: one quoted sentence is a quote.
REPRINT_MIN_SENTENCES = 2
REPRINT_MIN_SHARE = 0.1
MAX_BYTES = 20_000_000  # as for URLs: a larger document is refused with an error row
ROW_TOP_CHANGES = 3
_SNIPPET = 60

TRACE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("n", "int"),
    ("id", "str"),
    ("location", "str"),
    ("verdict", "str"),  # reprint | not reprinted | screened out | error
    ("statement_sentences", "int"),
    ("screen_hits", "int"),
    ("reprinted", "float"),  # share of the statement's sentences: exact + changed
    ("exact", "float"),
    ("changed", "float"),
    ("omitted", "float"),
    ("added", "int"),  # document sentences added inside the reprinted region
    ("similarity", "float"),
    ("top_changes", "str"),
    ("notes", "str"),
    ("report", "str"),
    ("html", "str"),
    ("error", "str"),
)

BATCH_COLUMNS: tuple[tuple[str, str], ...] = (
    ("n", "int"),
    ("id", "str"),
    ("a", "str"),
    ("b", "str"),
    ("verdict", "str"),  # identical | different | error
    ("similarity", "float"),
    ("equal", "int"),
    ("changed", "int"),
    ("moved", "int"),
    ("deleted", "int"),
    ("inserted", "int"),
    ("words_deleted", "int"),
    ("words_inserted", "int"),
    ("substantive", "int"),
    ("wording", "int"),
    ("spelling", "int"),
    ("formatting", "int"),
    ("top_changes", "str"),
    ("notes", "str"),
    ("report", "str"),
    ("html", "str"),
    ("error", "str"),
)


@dataclass(frozen=True, slots=True)
class Result:
    """What a job sends back: the row, and the two reports when the document was compared.

    ``stamp`` is the size and modification time of the file(s) it read (see :func:`item_stamp`),
    so that a later run with the same ``--out`` can tell a result that is still true from one
    whose document has changed since."""

    key: str
    row: dict[str, Any]
    json: str | None = None
    html: str | None = None
    stamp: str | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """How documents are read and compared (the same for every document of a run)."""

    options: CompareOptions = field(default_factory=CompareOptions)
    kind: str | None = None  # --from: text, html, docx, pdf (None: guess from the name)
    encoding: str | None = None
    max_bytes: int = MAX_BYTES
    html: bool = True  # write each compared document's HTML report
    limits: Limits = field(default_factory=Limits)  # --limit: what reading one document may cost


@dataclass(frozen=True, slots=True)
class TraceContext:
    """Everything a worker needs to trace one statement: sent once, used for every document."""

    statement: Document
    index: ContainmentIndex | MinHashIndex
    settings: Settings
    columns: tuple[tuple[str, str], ...] = TRACE_COLUMNS

    @property
    def statement_units(self) -> list[int]:
        return [s.index for s in self.statement.sentences if not s.boilerplate]

    def failure(self, item: Item, message: str) -> Result:
        row = empty_row(self.columns, id=item.id, location=printable(item.location or ""), verdict="error")
        row["error"] = one_line(message)
        return Result(item.key, row)


@dataclass(frozen=True, slots=True)
class BatchContext:
    """The settings of a batch run (each pair brings its own two documents)."""

    settings: Settings
    columns: tuple[tuple[str, str], ...] = BATCH_COLUMNS

    def failure(self, item: PairItem, message: str) -> Result:
        row = empty_row(self.columns, id=item.id, a=item.a, b=item.b, verdict="error")
        row["error"] = one_line(message)
        return Result(item.key, row)


def empty_row(columns: tuple[tuple[str, str], ...], **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = {name: ("" if kind == "str" else None) for name, kind in columns if name != "n"}
    row.update(values)
    return row


def one_line(message: str) -> str:
    return " ".join(printable(str(message)).split())


def file_stamp(location: str | None) -> str | None:
    """``"SIZE:MTIME_NS"`` of a local file (None for a URL, inline text, or a file that
    cannot be stat'ed): what ``make`` and ``rsync`` look at to tell a file has changed."""
    if not location or is_url(location):
        return None
    try:
        status = os.stat(location)
    except OSError:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}"


def item_stamp(item: Item | PairItem) -> str | None:
    """The stamp of what an item reads: its file, or the two files of a pair. Inline text
    needs none (its key already hashes the text).

    >>> item_stamp(Item(id="inline", text="Some text.")) is None
    True
    """
    if isinstance(item, PairItem):
        a, b = file_stamp(item.a_location), file_stamp(item.b_location)
        return None if a is None and b is None else f"{a}|{b}"
    return file_stamp(item.location)


def _quietly(job: Any, context: Any, item: Any) -> Result:
    """Run ``job``; any error (a bad document, a bug) becomes the item's error row. The
    item's stamp is taken before anything is read: a file that changes while it is read is
    done again by the next run."""
    # This worker is one of several already: the library's own forked helper, which large
    # comparisons start, would only compete with them (and a Dask worker may not fork).
    os.environ["STMTDIFF_WORKERS"] = "1"
    stamp = item_stamp(item) if isinstance(item, (Item, PairItem)) else None
    try:
        result = job(context, item)
    except StmtdiffError as error:
        result = context.failure(item, str(error))
    except MemoryError:
        result = context.failure(item, "out of memory while comparing this document")
    except RecursionError as error:
        result = context.failure(item, f"input too deeply nested: {error}")
    except Exception as error:  # a bug: still a row, never a stopped run
        result = context.failure(item, f"internal error: {type(error).__name__}: {error}")
    return replace(result, stamp=stamp) if stamp is not None else result


def trace_job(context: TraceContext, item: Item) -> Result:
    """Screen one document against the statement and, if it is a candidate, compare them."""
    return _quietly(_trace, context, item)


def batch_job(context: BatchContext, item: PairItem) -> Result:
    """Compare one pair of a manifest, as ``stmtdiff diff`` does."""
    return _quietly(_batch, context, item)


def load_item(item: Item, settings: Settings) -> Document:
    """The document an item names, read in this worker; too large a document is an error.
    Inline text is read as ``--from`` says (plain text unless it says ``html``)."""
    from stmtdiff.load import document_from_text

    units = settings.options.units
    if item.error is not None:
        raise InputError(item.error)
    if item.text is not None:
        size = len(item.text.encode("utf-8", "surrogatepass"))
        _check_size(item.id, size, settings.max_bytes)
        if settings.kind in (None, "text"):
            return document_from_text(item.text, name=item.id, units=units)
        if settings.kind != "html":
            raise InputError(f"{item.id}: inline text cannot be read as {settings.kind}; give its path instead")
        try:
            from stmtdiff.extract import extract_with_styles
        except ImportError as error:
            raise InputError(f"reading html needs the {error.name} package: pip install 'stmtdiff[formats]'") from None
        text = extract_with_styles(item.text.encode("utf-8"), "html", encoding="utf-8", limits=settings.limits)[0]
        document = document_from_text(text, name=item.id, units=units)
        return replace(document, source=replace(document.source, kind="html"))
    assert item.location is not None
    return _load_location(item.location, item.id, settings)


def _plain_text(item: Item, settings: Settings) -> str | None:
    """A plain-text document's text, read and decoded but not yet segmented: most documents
    of a corpus are screened out, and segmenting them would cost more than screening does.
    None for anything that must be extracted first (or fetched)."""
    from stmtdiff.load import decode, guess_kind, read_source

    if item.error is not None:
        raise InputError(item.error)
    if item.text is not None:
        if settings.kind not in (None, "text"):
            return None  # a web page inline: extracted first
        _check_size(item.id, len(item.text.encode("utf-8", "surrogatepass")), settings.max_bytes)
        return item.text
    location = item.location
    assert location is not None
    if (settings.kind or guess_kind(location)) != "text":
        return None
    try:
        _check_size(item.id, os.path.getsize(location), settings.max_bytes)
    except OSError:
        return None  # load_document says what is wrong with it
    try:
        return decode(read_source(location), encoding=settings.encoding)[0]
    except InputError as error:  # worded as load_document words it
        raise InputError(error if location in str(error) else f"{location}: {error}") from error


def _load_location(location: str, name: str, settings: Settings) -> Document:
    from stmtdiff.load import load_document

    if not is_url(location):
        try:
            size = os.path.getsize(location)
        except OSError:
            size = 0  # load_document says what is wrong with it
        _check_size(name, size, settings.max_bytes)
    document = load_document(
        location,
        name=name,
        units=settings.options.units,
        kind=settings.kind,
        encoding=settings.encoding,
        limits=settings.limits,
    )
    return shown_as_text(document)


def shown_as_text(document: Document) -> Document:
    """``document`` with a location its reports can write: a file name that is not UTF-8 as
    :func:`printable` shows it (the reports are UTF-8; the file was read by its real name)."""
    location = document.source.location
    if location is None or printable(location) == location:
        return document
    return replace(document, source=replace(document.source, location=printable(location)))


def _check_size(name: str, size: int, limit: int) -> None:
    if size > limit:
        raise InputError(f"{name}: too large: {size:,} bytes, over the limit of {limit:,} (--max-size)")


def _trace(context: TraceContext, item: Item) -> Result:
    from stmtdiff.compare import compare_documents

    text = _plain_text(item, context.settings)
    document = None
    if text is None:  # a web page, Word file, PDF or URL: extracted and segmented first
        document = load_item(item, context.settings)
        text = document.text
    units = context.statement_units
    hits = context.index.hits(text)
    row = empty_row(
        context.columns,
        id=item.id,
        location=printable(item.location or ""),
        statement_sentences=len(units),
        screen_hits=hits,
    )
    if hits < required_hits(context.index.screenable):
        row["verdict"] = "screened out"
        return Result(item.key, row)
    if document is None:
        document = load_item(item, context.settings)
    comparison = compare_documents(context.statement, document, context.settings.options)
    row.update(reprint_measures(comparison, set(units)))
    return _with_reports(item.key, row, comparison, context.settings)


def _batch(context: BatchContext, item: PairItem) -> Result:
    from stmtdiff.compare import compare_documents

    settings = context.settings
    a = _load_location(item.a_location, item.a, settings)
    b = _load_location(item.b_location, item.b, settings)
    comparison = compare_documents(a, b, settings.options)
    s = comparison.summary
    classes = dict(s.class_counts)
    row = empty_row(context.columns, id=item.id, a=item.a, b=item.b)
    row.update(
        verdict="identical" if s.identical else "different",
        similarity=round(s.similarity, 4),
        equal=s.equal,
        changed=s.changed,
        moved=s.moved,
        deleted=s.deleted,
        inserted=s.inserted,
        words_deleted=s.words_deleted,
        words_inserted=s.words_inserted,
        top_changes=top_changes(comparison),
        notes="; ".join(comparison.notes),
        **{cls.value: classes.get(cls, 0) for cls in ChangeClass},
    )
    return _with_reports(item.key, row, comparison, settings)


def _with_reports(key: str, row: dict[str, Any], comparison: Comparison, settings: Settings) -> Result:
    from stmtdiff.report.json import render_json

    row["report"] = f"docs/{key}.json"
    html = None
    if settings.html:
        from stmtdiff.report.html import render_html

        html = render_html(comparison)
        row["html"] = f"docs/{key}.html"
    return Result(key, row, render_json(comparison), html)


def reprint_measures(c: Comparison, units: set[int]) -> dict[str, Any]:
    """How much of the statement (side A) document B reprints, exactly or changed.

    Shares count the statement's sentences that are not page furniture: ``exact`` ones are
    equal, ``changed`` ones aligned (changed or moved) with similarity of at least
    REPRINT_SIMILARITY, and every other one is ``omitted``. ``added`` counts B's sentences
    inserted inside the shared region (not the commentary around it).
    """
    exact = changed = added = 0
    for pair in c.pairs:
        mine = sum(1 for i in pair.a if i in units)
        if pair.outside:
            continue
        if pair.status is Status.EQUAL:
            exact += mine
        elif pair.status in (Status.CHANGED, Status.MOVED) and pair.similarity >= REPRINT_SIMILARITY:
            changed += mine
        elif pair.status is Status.INSERTED:
            added += sum(1 for i in pair.b if not c.b.sentences[i].boilerplate)
    total = len(units)
    reprinted = exact + changed
    is_reprint = (
        total > 0
        and reprinted >= min(REPRINT_MIN_SENTENCES, total)
        and reprinted >= REPRINT_MIN_SHARE * total
    )
    share = (lambda n: round(n / total, 4)) if total else (lambda n: 0.0)
    return {
        "verdict": "reprint" if is_reprint else "not reprinted",
        "reprinted": share(reprinted),
        "exact": share(exact),
        "changed": share(changed),
        "omitted": share(total - reprinted),
        "added": added,
        "similarity": round(c.summary.similarity, 4),
        "top_changes": top_changes(c) if is_reprint else "",
        "notes": "; ".join(c.notes),
    }


def top_changes(c: Comparison, limit: int = ROW_TOP_CHANGES) -> str:
    """The most significant changes in one line: ``"a" -> "b" (class: reasons) | ...``."""
    parts = []
    for pair_index, change_index in c.summary.top_changes[:limit]:
        change = c.pairs[pair_index].changes[change_index]
        reasons = ", ".join(change.reasons)
        parts.append(
            f"{_snippet(change.a_text)} -> {_snippet(change.b_text)} "
            f"({change.change_class.value}{': ' + reasons if reasons else ''})"
        )
    return " | ".join(parts)


def _snippet(text: str) -> str:
    text = one_line(text)
    if len(text) > _SNIPPET:
        text = text[: _SNIPPET - 1] + "\u2026"
    return '"' + text + '"'
