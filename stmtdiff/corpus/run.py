"""Corpus runs: stream the items, skip those already done, run the rest, write, summarize.

    >>> from stmtdiff.corpus import trace                                    # doctest: +SKIP
    >>> totals = trace("statement.txt", ["news/"], "out/", jobs=2)           # doctest: +SKIP
    >>> totals.verdicts                                                      # doctest: +SKIP
    {'reprint': 12, 'screened out': 9_870, 'not reprinted': 3, 'error': 1}

The parent process only walks names, hands items to the engine (a bounded number at a time)
and writes what comes back; workers read, screen and compare. Stopping a run at any point and
starting it again with the same ``out`` continues where it stopped and ends with the same
summary, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from typing import Any

from stmtdiff.corpus.engines import MissingExtra, require_dask, run_dask, run_local
from stmtdiff.corpus.jobs import BatchContext, Settings, TraceContext, batch_job, item_stamp, shown_as_text, trace_job
from stmtdiff.corpus.outputs import OutDir, RunTotals
from stmtdiff.corpus.screen import make_index
from stmtdiff.corpus.sources import iter_pairs, iter_sources, printable
from stmtdiff.errors import StmtdiffError
from stmtdiff.limits import Limits, checked_limits
from stmtdiff.model import CompareOptions

# progress(done in this run, already done before it)
Progress = Callable[[int, int], None]
RUN_FORMAT = 1


def require_corpus_extra() -> None:
    """Corpus mode writes Parquet: without pyarrow say so in one line, before any work."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise MissingExtra("corpus", "corpus mode writes Parquet with pyarrow") from None


def trace(
    statement: str,
    sources: Sequence[str],
    out: str,
    *,
    options: CompareOptions | None = None,
    kind: str | None = None,
    encoding: str | None = None,
    screen: str = "exact",
    max_bytes: int | None = None,
    html: bool = True,
    limits: Limits | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    retry_errors: bool = False,
    progress: Progress | None = None,
) -> RunTotals:
    """Find and compare every reprint of ``statement`` among the documents of ``sources``.

    ``kind`` and ``encoding`` say how to read the sources (``--from html`` for a crawl of pages
    saved without a suffix); the statement is read as ``stmtdiff diff`` reads a file, its
    format from its name and its encoding found.
    """
    from stmtdiff.compare import options_from
    from stmtdiff.load import load_document

    require_corpus_extra()
    opts = options_from(options)
    if screen not in ("exact", "minhash"):
        raise StmtdiffError(f"unknown screen {screen!r}: choose exact or minhash")
    document = shown_as_text(load_document(statement, name=printable(statement), units=opts.units, limits=limits))
    sentences = [s.text for s in document.sentences if not s.boilerplate]
    if not sentences:
        raise StmtdiffError(f"{printable(statement)}: the statement has no sentences to trace")
    if screen == "minhash":
        try:
            import datasketch  # noqa: F401
        except ImportError:
            raise MissingExtra("corpus", "--screen minhash needs datasketch") from None
    settings = _settings(opts, kind, encoding, max_bytes, html, limits)
    context = TraceContext(document, make_index(screen, sentences), settings)
    run = {
        "command": "trace",
        "format": RUN_FORMAT,
        "statement": printable(statement),
        "statement_sha256": hashlib.sha256(document.text.encode("utf-8", "surrogatepass")).hexdigest(),
        "screen": screen,
        "settings": _settings_record(settings),
    }
    name = document.name
    return _run(
        run,
        out,
        trace_job,
        context,
        lambda: iter_sources(sources, exclude=out),
        title=f"stmtdiff trace: {name}",
        heading=f"Where {name} was reprinted",
        jobs=jobs,
        scheduler=scheduler,
        retry_errors=retry_errors,
        progress=progress,
    )


def batch(
    manifest: str,
    out: str,
    *,
    options: CompareOptions | None = None,
    kind: str | None = None,
    encoding: str | None = None,
    max_bytes: int | None = None,
    html: bool = True,
    limits: Limits | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    retry_errors: bool = False,
    progress: Progress | None = None,
) -> RunTotals:
    """Compare every pair of ``manifest`` (CSV or JSON Lines of ``a``, ``b``, optional ``id``)."""
    from stmtdiff.compare import options_from

    require_corpus_extra()
    settings = _settings(options_from(options), kind, encoding, max_bytes, html, limits)
    for _ in iter_pairs(manifest):  # a malformed manifest stops the run before it starts
        pass
    shown = printable(manifest)
    run = {"command": "batch", "format": RUN_FORMAT, "manifest": shown, "settings": _settings_record(settings)}
    return _run(
        run,
        out,
        batch_job,
        BatchContext(settings),
        lambda: iter_pairs(manifest),
        title=f"stmtdiff batch: {shown}",
        heading=f"Pairs of {shown}",
        jobs=jobs,
        scheduler=scheduler,
        retry_errors=retry_errors,
        progress=progress,
    )


def _settings(
    opts: CompareOptions,
    kind: str | None,
    encoding: str | None,
    max_bytes: int | None,
    html: bool,
    limits: Limits | None = None,
) -> Settings:
    from stmtdiff.corpus.jobs import MAX_BYTES

    if max_bytes is not None and max_bytes < 1:
        raise StmtdiffError(f"the size limit must be positive, not {max_bytes}")
    return Settings(opts, kind.lower() if kind else None, encoding, max_bytes or MAX_BYTES, html, checked_limits(limits))


def _settings_record(settings: Settings) -> dict[str, Any]:
    record = asdict(settings)
    opts = record.pop("options")
    record["options"] = {
        key: (value.value if hasattr(value, "value") else sorted(c.value for c in value) if isinstance(value, frozenset) else value)
        for key, value in opts.items()
    }
    record["options"]["watch"] = list(settings.options.watch)
    return record


def _preload(settings: Settings) -> None:
    """Import here what every worker needs: forked workers then start with it, instead of
    each importing the renderers (and the extractors) again."""
    import stmtdiff.compare  # noqa: F401
    import stmtdiff.report.json  # noqa: F401

    if settings.html:
        import stmtdiff.report.html  # noqa: F401


def _run(
    run: dict[str, Any],
    out: str,
    job: Callable[[Any, Any], Any],
    context: Any,
    items: Callable[[], Iterator[Any]],
    *,
    title: str,
    heading: str,
    jobs: int | None,
    scheduler: str | None,
    retry_errors: bool,
    progress: Progress | None,
) -> RunTotals:
    if jobs is not None and jobs < 1:
        raise StmtdiffError(f"--jobs must be at least 1, not {jobs}")
    if scheduler:
        require_dask()
    folder = OutDir(out)
    try:
        folder.prepare(run)
        return _work(folder, job, context, items, title=title, heading=heading, jobs=jobs,
                     scheduler=scheduler, retry_errors=retry_errors, progress=progress)
    finally:
        folder.close()


def _work(
    folder: OutDir,
    job: Callable[[Any, Any], Any],
    context: Any,
    items: Callable[[], Iterator[Any]],
    *,
    title: str,
    heading: str,
    jobs: int | None,
    scheduler: str | None,
    retry_errors: bool,
    progress: Progress | None,
) -> RunTotals:
    done = skipped = 0

    def todo() -> Iterator[Any]:
        nonlocal skipped
        for item in items():
            if folder.is_done(item.key, stamp=lambda: item_stamp(item), retry_errors=retry_errors):
                skipped += 1
                if progress is not None:
                    progress(done, skipped)
                continue
            yield item

    if scheduler:  # the cluster's workers may not see this file system: write here
        results = run_dask(job, context, todo(), address=scheduler)
    else:  # local workers write their own results
        _preload(context.settings)
        results = run_local(job, context, todo(), jobs=jobs, write=folder.write)
    for result in results:
        if scheduler or result.row.get("verdict") == "error":  # a dead worker's rows come from here
            folder.write(result)
        done += 1
        if progress is not None:
            progress(done, skipped)
    return folder.summarize(items(), context.columns, title=title, heading=heading)
