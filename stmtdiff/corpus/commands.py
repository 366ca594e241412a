"""``stmtdiff trace`` and ``stmtdiff batch``: thin click commands over ``stmtdiff.corpus``.

``cli.py`` registers them with :func:`add_corpus_commands` and hands over its shared option
decorators, so the two commands read documents and compare them exactly as ``diff`` does,
and this module never imports ``cli.py`` (imports run one way).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from typing import Any, TextIO

import click

from stmtdiff.model import CompareOptions

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]
EXIT_FOUND, EXIT_NOT_FOUND, EXIT_TROUBLE = 0, 1, 2
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
TRACE_TABLE = [
    ("n", "#"),
    ("id", "document"),
    ("verdict", "verdict"),
    ("reprinted", "reprinted"),
    ("exact", "exact"),
    ("changed", "changed"),
    ("omitted", "omitted"),
    ("added", "added"),
    ("details", "top changes / error"),
]
BATCH_TABLE = [
    ("n", "#"),
    ("id", "pair"),
    ("verdict", "verdict"),
    ("similarity", "similarity"),
    ("changed", "changed"),
    ("moved", "moved"),
    ("deleted", "deleted"),
    ("inserted", "inserted"),
    ("substantive", "substantive"),
    ("details", "top changes / error"),
]


class Progress:
    """One line on stderr, redrawn at most ten times a second: documents done, rate, time left."""

    def __init__(self, total: int | None, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.started = time.monotonic()
        self.shown = 0.0
        self.done = self.skipped = 0

    def __call__(self, done: int, skipped: int) -> None:
        self.done, self.skipped = done, skipped
        now = time.monotonic()
        if now - self.shown >= 0.1:
            self.shown = now
            self.draw(now)

    def draw(self, now: float) -> None:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        finished = self.done + self.skipped
        parts = [f"{finished:,}" + (f"/{self.total:,}" if self.total else "") + " documents"]
        if self.skipped:
            parts.append(f"{self.skipped:,} done before")
        parts.append(f"{rate:,.1f}/s")
        if self.total and rate > 0:
            left = max(0, self.total - finished) / rate
            parts.append(f"ETA {int(left // 60)}:{int(left % 60):02d}")
        self.stream.write("\r\x1b[K" + " · ".join(parts))
        self.stream.flush()

    def close(self) -> None:
        self.draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


def _stderr_isatty() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


def _stdout_isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _engine_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(
        [
            click.option(
                "-o",
                "--out",
                required=True,
                type=click.Path(file_okay=False),
                help="Folder for the results; run again with the same folder to finish a stopped run.",
            ),
            click.option(
                "-j",
                "--jobs",
                type=click.IntRange(min=1),
                help="Local worker processes [default: all cores].",
            ),
            click.option(
                "--scheduler",
                metavar="ADDRESS",
                envvar="DASK_SCHEDULER_ADDRESS",
                help="Run on this Dask cluster (tcp://HOST:PORT) instead [env: DASK_SCHEDULER_ADDRESS].",
            ),
            click.option(
                "--max-size",
                type=click.FloatRange(min=0.001),
                default=20.0,
                show_default=True,
                metavar="MB",
                help="Documents larger than this many megabytes get an error row.",
            ),
            click.option("--no-html", is_flag=True, help="Do not write each document's HTML report."),
            click.option("--retry-errors", is_flag=True, help="Run again the documents that failed before."),
        ]
    ):
        fn = option(fn)
    return fn


def add_corpus_commands(
    group: click.Group,
    *,
    compare_options: Decorator,
    input_options: Decorator,
    debug_option: Decorator,
    compare_settings: Callable[[dict[str, Any]], CompareOptions],
) -> None:
    """Add ``trace`` and ``batch`` to ``group`` with the CLI's shared option decorators."""

    @group.command(context_settings=CONTEXT_SETTINGS)
    @click.argument("statement", type=click.Path(dir_okay=False))
    @click.argument("sources", nargs=-1, required=True)
    @_engine_options
    @click.option(
        "--screen",
        type=click.Choice(("exact", "minhash"), case_sensitive=False),
        default="exact",
        show_default=True,
        help="How candidates are found: exact shingle containment, or MinHash LSH (datasketch).",
    )
    @input_options
    @compare_options
    @debug_option
    def trace(statement: str, sources: tuple[str, ...], screen: str, **kw: Any) -> int:
        """Find every reprint of STATEMENT among SOURCES and compare each with it.

        SOURCE is a file, a directory (read recursively), a glob ('news/**/*.html'), a URL,
        @LIST (a file of paths or URLs, one a line) or a .jsonl file of records with "id" and
        "text" (or "path" or "url"). Documents that contain enough of the statement's sentences
        are compared in full; every document gets a row in the summary.

        Writes to --out: summary.csv, summary.parquet, summary.jsonl, index.html, and each
        compared document's report (docs/*.json, docs/*.html). Exit status: 0 a reprint was
        found, 1 none, 2 trouble (some document failed: see its row).

        \b
        Examples:
          stmtdiff trace statement.txt news/ --out traced/
          stmtdiff trace statement.txt 'archive/**/*.html' @urls.txt --out traced/ --jobs 8
          stmtdiff trace statement.txt crawl.jsonl --out traced/ --scheduler tcp://10.0.0.5:8786
        """
        from stmtdiff.corpus import trace as run_trace
        from stmtdiff.corpus.sources import count_sources

        return _run(
            kw,
            TRACE_TABLE,
            lambda: count_sources(sources, exclude=kw["out"]),
            lambda progress: run_trace(
                statement,
                sources,
                kw["out"],
                options=compare_settings(kw),
                screen=screen.lower(),
                progress=progress,
                **_engine_kw(kw),
            ),
            interesting="reprint",
            status=lambda verdicts: EXIT_FOUND if verdicts.get("reprint") else EXIT_NOT_FOUND,
        )

    @group.command(context_settings=CONTEXT_SETTINGS)
    @click.argument("manifest", type=click.Path(dir_okay=False))
    @_engine_options
    @input_options
    @compare_options
    @debug_option
    def batch(manifest: str, **kw: Any) -> int:
        """Compare every pair listed in MANIFEST, as `stmtdiff diff` compares two documents.

        MANIFEST is a CSV file with a header line and columns a, b and optionally id, or a
        .jsonl file of records with "a", "b" and optionally "id". Relative paths are relative
        to the manifest. Writes the same outputs as `trace`. Exit status: 0 every pair is
        identical, 1 some differ, 2 trouble (some pair failed: see its row).

        \b
        Examples:
          stmtdiff batch pairs.csv --out compared/
          stmtdiff batch pairs.jsonl --out compared/ --scheduler tcp://10.0.0.5:8786
        """
        from stmtdiff.corpus import batch as run_batch
        from stmtdiff.corpus.sources import iter_pairs

        return _run(
            kw,
            BATCH_TABLE,
            lambda: sum(1 for _ in iter_pairs(manifest)),
            lambda progress: run_batch(
                manifest, kw["out"], options=compare_settings(kw), progress=progress, **_engine_kw(kw)
            ),
            interesting="different",
            status=lambda verdicts: 1 if verdicts.get("different") else 0,  # as diff(1)
        )


def _engine_kw(kw: dict[str, Any]) -> dict[str, Any]:
    if kw["scheduler"] and kw["jobs"]:
        raise click.UsageError("--jobs sets local workers; with --scheduler the cluster's workers run the jobs")
    return {
        "kind": kw["kind"],
        "encoding": kw["encoding"],
        "max_bytes": int(kw["max_size"] * 1_000_000),
        "html": not kw["no_html"],
        "limits": kw.get("limits"),
        "jobs": kw["jobs"],
        "scheduler": kw["scheduler"] or None,
        "retry_errors": kw["retry_errors"],
    }


def _run(
    kw: dict[str, Any],
    table: list[tuple[str, str]],
    count: Callable[[], int],
    start: Callable[[Any], Any],
    *,
    interesting: str,
    status: Callable[[dict[str, int]], int],
) -> int:
    from stmtdiff.corpus.outputs import format_table

    progress = Progress(count(), sys.stderr) if _stderr_isatty() else None
    try:
        totals = start(progress)
    finally:
        if progress is not None:
            progress.close()
    rows = [dict(row, details=row.get("error") or row.get("top_changes") or "") for row in totals.table]
    width = shutil.get_terminal_size((100, 24)).columns if _stdout_isatty() else 10**6
    if rows:
        click.echo(format_table(rows, table, width=width), nl=False)
        if len(rows) < sum(totals.verdicts.get(v, 0) for v in (interesting, "error")):
            click.echo("... (more in summary.csv)")
    counts = ", ".join(f"{n:,} {verdict}" for verdict, n in sorted(totals.verdicts.items())) or "none"
    if totals.missing:
        counts += (f"; {totals.missing:,} without a row (the sources changed during the run: "
                   "run again with the same --out)")
    click.echo(f"{totals.documents:,} documents: {counts}; results in {os.path.join(kw['out'], 'index.html')}")
    if totals.failed or totals.missing:
        return EXIT_TROUBLE
    return status(totals.verdicts)
