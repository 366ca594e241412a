"""The output folder of a corpus run: per-document results as they finish, then the summary.

Layout of ``--out DIR``::

    run.json            what was run (statement, settings): a restart must match it
    .lock               held by the run using the folder: a second run at once is refused
    rows/KEY.json       one document's summary row; written last, so it marks the document done
                        (with the size and time of the file it read: a changed file is redone)
    docs/KEY.json       the normal report JSON of each compared document (stmtdiff diff --format json)
    docs/KEY.html       its HTML report
    summary.csv         one row per document, in input order
    summary.jsonl       the same rows as JSON Lines
    summary.parquet     the same rows as Parquet (pyarrow)
    index.html          a sortable, filterable table linking each document's HTML report

Every file is written to a temporary name and renamed, so a run killed at any moment leaves
whole files only (and temporary ones, which the next run sweeps away), and a restart with the
same ``--out`` redoes exactly the documents without a row, or whose file changed since. The
summary is rebuilt from the rows in input order, so it is the same bytes whichever engine,
worker count or number of restarts produced them.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from stmtdiff.errors import StmtdiffError
from stmtdiff.corpus.jobs import Result

RUN_FILE = "run.json"
LOCK_FILE = ".lock"
TEMPORARY = ".tmp-"  # the prefix of every file written before its rename
STAMP = "_source"  # the row file's record of the file it was made from (not a column)
# A cell a spreadsheet would run as a formula (CSV injection): such cells of summary.csv get a
# leading apostrophe, which spreadsheets show as text; JSON Lines and Parquet keep the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
INDEX_MAX_ROWS = 20_000  # past this, index.html lists the documents of interest only
TABLE_MAX_ROWS = 200  # rows of the table printed on the terminal
# Rows that need a reader's eye: shown first in the index and on the terminal.
INTERESTING = {"reprint", "different", "error"}


class OutDirError(StmtdiffError):
    """--out holds something else: another run's results, or it is not a folder."""


def write_atomically(path: str, text: str | Iterable[str]) -> None:
    """Write ``text`` (or its pieces) through a temporary file and a rename: whole or not at all."""
    folder = os.path.dirname(path) or "."
    fd, tmp = tempfile.mkstemp(prefix=TEMPORARY, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines([text] if isinstance(text, str) else text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


@dataclass
class RunTotals:
    """What the summary counted, for the terminal and the exit status."""

    documents: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    table: list[dict[str, Any]] = field(default_factory=list)  # interesting rows, for the terminal
    missing: int = 0  # documents without a row (only when a run was cut short)

    @property
    def failed(self) -> int:
        return self.verdicts.get("error", 0)


class OutDir:
    """One run's output folder."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.rows = os.path.join(path, "rows")
        self.docs = os.path.join(path, "docs")
        self._lock: int | None = None

    def prepare(self, run: dict[str, Any]) -> None:
        """Create the folder, or check that it holds the same run (statement and settings);
        take it for this run, and sweep away what a killed run left half-written."""
        if os.path.exists(self.path) and not os.path.isdir(self.path):
            raise OutDirError(f"--out {self.path}: exists and is not a folder")
        try:
            os.makedirs(self.rows, exist_ok=True)
            os.makedirs(self.docs, exist_ok=True)
        except OSError as error:
            raise OutDirError(f"--out {self.path}: cannot create it ({error.strerror})") from None
        self.lock()
        self._check_run(run)
        for folder in (self.path, self.rows, self.docs):
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.startswith(TEMPORARY):
                        try:
                            os.unlink(entry.path)
                        except OSError:
                            pass

    def lock(self) -> None:
        """Hold the folder for this process: two runs writing one folder at once would each
        do all the work, and each sweep away the other's half-written files. A POSIX record
        lock: the system drops it when the process ends, however it ends, and forked workers
        do not inherit it."""
        try:
            import fcntl
        except ImportError:  # not on a POSIX system: no lock
            return
        try:
            fd = os.open(os.path.join(self.path, LOCK_FILE), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise OutDirError(f"--out {self.path}: cannot write in it ({error.strerror})") from None
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutDirError(
                f"--out {self.path}: another stmtdiff run is using this folder; "
                "wait for it to end, or give another folder"
            ) from None
        self._lock = fd

    def close(self) -> None:
        """Let the folder go (the end of the run)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def _check_run(self, run: dict[str, Any]) -> None:
        run_file = os.path.join(self.path, RUN_FILE)
        wanted = json.dumps(run, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        try:
            with open(run_file, encoding="utf-8") as fh:
                found = fh.read()
        except FileNotFoundError:
            write_atomically(run_file, wanted)
            return
        if found != wanted:
            raise OutDirError(
                f"--out {self.path}: holds the results of a different run (another statement, "
                "sources' kind or settings); give a new folder, or delete this one to start again"
            )

    def _row_path(self, key: str) -> str:
        return os.path.join(self.rows, f"{key}.json")

    def row(self, key: str) -> dict[str, Any] | None:
        try:
            with open(self._row_path(key), encoding="utf-8") as fh:
                return json.load(fh)  # type: ignore[no-any-return]
        except (FileNotFoundError, json.JSONDecodeError):
            return None

    def is_done(
        self, key: str, *, stamp: Callable[[], str | None] | None = None, retry_errors: bool = False
    ) -> bool:
        """Whether a document has its row, made from the file as it is now: ``stamp()`` gives
        the file's size and time here (asked only when there is a row; None when this process
        cannot see the file: a cluster's workers may read what the client cannot, and then the
        row stands)."""
        row = self.row(key)
        if row is None or (retry_errors and row.get("verdict") == "error"):
            return False
        now = stamp() if stamp is not None else None
        return now is None or row.get(STAMP) == now

    def write(self, result: Result) -> None:
        """A finished document: its reports first, its row last (the row marks it done)."""
        if result.json is not None:
            write_atomically(os.path.join(self.docs, f"{result.key}.json"), result.json)
        if result.html is not None:
            write_atomically(os.path.join(self.docs, f"{result.key}.html"), result.html)
        stored = result.row if result.stamp is None else {**result.row, STAMP: result.stamp}
        write_atomically(self._row_path(result.key), json.dumps(stored, ensure_ascii=False) + "\n")

    def summarize(
        self, items: Iterable[Any], columns: tuple[tuple[str, str], ...], *, title: str, heading: str
    ) -> RunTotals:
        """Write the summary table (CSV, JSON Lines, Parquet) and index.html, in input order,
        reading one row at a time; the page's rows wait in a temporary file, not in memory."""
        from stmtdiff.corpus.index_html import render_index, render_row

        totals = RunTotals()
        names = [name for name, _kind in columns]
        interesting = 0
        fd, rows_file = tempfile.mkstemp(prefix=TEMPORARY + "index-", dir=self.path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as pending, _Tables(self.path, columns) as tables:
                for n, item in enumerate(items, start=1):
                    stored = self.row(item.key)
                    if stored is None:
                        totals.missing += 1
                        continue
                    row = {name: stored.get(name) for name in names}
                    row["n"] = n
                    tables.add(row)
                    totals.documents += 1
                    verdict = str(row.get("verdict"))
                    totals.verdicts[verdict] = totals.verdicts.get(verdict, 0) + 1
                    flag = "+" if verdict in INTERESTING else "-"
                    if flag == "+":
                        interesting += 1
                        if len(totals.table) < TABLE_MAX_ROWS:
                            totals.table.append(row)
                    pending.write(flag + render_row(row, columns) + "\n")  # rows hold no newline
            listed = min(totals.documents, INDEX_MAX_ROWS)
            others = max(0, INDEX_MAX_ROWS - interesting)  # the first this many other rows fit too

            def shown() -> Iterator[str]:
                taken = [0, 0]  # interesting, others
                with open(rows_file, encoding="utf-8", newline="") as fh:
                    for line in fh:
                        kind = 0 if line[0] == "+" else 1
                        if taken[kind] < (INDEX_MAX_ROWS if kind == 0 else others):
                            taken[kind] += 1
                            yield line[1:-1]

            page = render_index(
                shown(), columns, title=title, heading=heading, totals=totals.verdicts,
                documents=totals.documents, listed=listed,
            )
            write_atomically(os.path.join(self.path, "index.html"), page)
        finally:
            os.unlink(rows_file)
        return totals


class _Tables:
    """summary.csv, summary.jsonl and summary.parquet, written side by side, row by row."""

    BATCH = 2_000  # rows per Parquet row group: the rows waiting for it are the parent's largest buffer

    def __init__(self, folder: str, columns: tuple[tuple[str, str], ...]) -> None:
        self.folder = folder
        self.columns = columns
        self.names = [name for name, _kind in columns]
        self.pending: list[dict[str, Any]] = []

    def __enter__(self) -> _Tables:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
        self.pa = pa
        self.schema = pa.schema([(name, types[kind]) for name, kind in self.columns])
        self.tmp: dict[str, str] = {}
        handles = {}
        for suffix in ("csv", "jsonl", "parquet"):
            fd, self.tmp[suffix] = tempfile.mkstemp(prefix=TEMPORARY + "summary-", dir=self.folder)
            os.close(fd)
        handles["csv"] = open(self.tmp["csv"], "w", encoding="utf-8", newline="")
        handles["jsonl"] = open(self.tmp["jsonl"], "w", encoding="utf-8", newline="")
        self.handles = handles
        self.csv = csv.writer(handles["csv"], lineterminator="\n")
        self.csv.writerow(self.names)
        self.parquet = pq.ParquetWriter(self.tmp["parquet"], self.schema)
        return self

    def add(self, row: dict[str, Any]) -> None:
        self.csv.writerow([_csv_cell(row[name]) for name in self.names])
        self.handles["jsonl"].write(json.dumps(row, ensure_ascii=False) + "\n")
        self.pending.append(row)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            table = self.pa.Table.from_pylist(self.pending, schema=self.schema)
            self.parquet.write_table(table)
            self.pending = []

    def __exit__(self, kind: Any, error: Any, _tb: Any) -> None:
        try:
            if kind is None:
                self._flush()
        finally:
            self.parquet.close()
            for handle in self.handles.values():
                handle.close()
        for suffix, tmp in self.tmp.items():
            if kind is None:
                os.chmod(tmp, 0o644)
                os.replace(tmp, os.path.join(self.folder, f"summary.{suffix}"))
            else:
                os.unlink(tmp)


def _csv_cell(value: Any) -> Any:
    """A cell of summary.csv: text a spreadsheet would run as a formula gets a leading apostrophe.

    >>> _csv_cell("=SUM(A1:A9)"), _csv_cell("news/a.txt"), _csv_cell(None), _csv_cell(0.5)
    ("'=SUM(A1:A9)", 'news/a.txt', '', 0.5)
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def format_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], width: int = 100) -> str:
    """A plain-text table of ``rows`` for the terminal: one line each, cut to ``width``.

    ``columns`` are (key, heading) pairs; floats between 0 and 1 show as percentages.
    """
    cells = [[heading for _key, heading in columns]]
    for row in rows:
        cells.append([_cell(row.get(key)) for key, _heading in columns])
    widths = [max(len(line[i]) for line in cells) for i in range(len(columns))]
    out = io.StringIO()
    for line in cells:
        text = "  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
        out.write((text if len(text) <= width else text[: width - 1] + "\u2026") + "\n")
    return out.getvalue()


def _cell(value: Any) -> str:
    from stmtdiff.report import visible_controls

    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.0%}" if 0.0 <= value <= 1.0 else f"{value:g}"
    return visible_controls(" ".join(str(value).split()))


def iter_rows_jsonl(path: str) -> Iterator[dict[str, Any]]:
    """The rows of a summary.jsonl (for tests and scripts)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)
