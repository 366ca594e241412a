"""Engines run jobs over a stream of items and yield results as they finish, in any order.

* ``run_local``: worker processes on this machine (``--jobs N``).
* ``run_dask``: an existing Dask cluster (``--scheduler tcp://HOST:PORT``), through
  ``dask.distributed``; the workers need stmtdiff installed and must be able to read the
  documents (shared storage, URLs, or JSON Lines with the text inline).

Both keep a bounded number of items in flight, pulling the next one from the stream only as a
result comes back: memory stays flat however large the corpus is. The context (statement and
settings) goes to each worker once. Jobs never raise (see ``jobs``); a worker that dies (a
crash, the out-of-memory killer) costs the documents it held an error row each, never the run.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from stmtdiff.errors import StmtdiffError

Job = Callable[[Any, Any], Any]
IN_FLIGHT_PER_WORKER = 3  # Dask tasks (chunks) queued per worker thread: it never waits for the client
CHUNK = 8  # documents per local task: one message each way per chunk, not per document
CHUNKS_IN_FLIGHT_PER_WORKER = 3
DASK_CHUNK = 32  # documents per Dask task: the scheduler's own cost per task is about a millisecond
LONE_RETRIES = 2  # a lone document whose Dask task failed is sent again this many times


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# ----------------------------------------------------------------------------- local processes

_worker_job: Job | None = None
_worker_context: Any = None
_worker_write: Callable[[Any], Any] | None = None


def _install(job: Job, context: Any, write: Callable[[Any], Any] | None) -> None:
    """Pool initializer: the job, its context and the writer, unpickled once per worker."""
    global _worker_job, _worker_context, _worker_write
    _worker_job, _worker_context, _worker_write = job, context, write


def _call_many(items: list[Any]) -> list[Any]:
    """Run a chunk of items; with a writer, write each result here and send back its row only."""
    assert _worker_job is not None
    results = [_worker_job(_worker_context, item) for item in items]
    if _worker_write is None:
        return results
    for result in results:
        _worker_write(result)
    return [replace(result, json=None, html=None) for result in results]


def run_local(
    job: Job,
    context: Any,
    items: Iterator[Any],
    *,
    jobs: int | None = None,
    write: Callable[[Any], Any] | None = None,
) -> Iterator[Any]:
    """Run ``job(context, item)`` for every item in ``jobs`` worker processes.

    Items go out in chunks of ``CHUNK`` (one message each way per chunk, not per document),
    and with ``write`` each worker writes its own results (the parent would otherwise be the
    bottleneck: it shares the cores with the workers), sending back the rows alone.
    """
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    workers = jobs or default_jobs()
    limit = workers * CHUNKS_IN_FLIGHT_PER_WORKER
    items = iter(items)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_install, initargs=(job, context, write))

    pool = new_pool()
    pending: dict[Any, list[Any]] = {}
    try:
        while True:
            while len(pending) < limit:
                chunk = list(itertools.islice(items, CHUNK))
                if not chunk:
                    break
                pending[pool.submit(_call_many, chunk)] = chunk
            if not pending:
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken: list[Any] = []
            for future in done:
                chunk = pending.pop(future)
                try:
                    yield from future.result()
                except BrokenProcessPool:
                    broken.extend(chunk)
            if broken:  # a worker died: every item it was working on or queued is suspect
                for chunk in pending.values():
                    broken.extend(chunk)
                pending.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                yield from _isolated(context, broken, new_pool)
                pool = new_pool()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(context: Any, items: list[Any], new_pool: Callable[[], Any]) -> Iterator[Any]:
    """Run each item alone in a fresh worker: the one that kills its worker again gets an
    error row, and the others their real results."""
    from concurrent.futures.process import BrokenProcessPool

    for item in items:
        pool = new_pool()
        try:
            yield from pool.submit(_call_many, [item]).result()
        except BrokenProcessPool:
            yield context.failure(item, "the worker process died while comparing this document (crash or out of memory)")
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# ------------------------------------------------------------------------------------- Dask


def require_dask() -> None:
    """Say in one line that the dask extra is missing, before any work starts."""
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise MissingExtra("dask", "--scheduler needs dask.distributed") from None


def dask_client(address: str) -> Any:
    """A client of the Dask scheduler at ``address``, or one line saying what is wrong."""
    require_dask()
    import dask.config
    from distributed import Client

    # Dask's own connect timeout (30 s; DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT changes it)
    timeout = dask.config.get("distributed.comm.timeouts.connect")
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise StmtdiffError(f"cannot reach the Dask scheduler at {address}: {error}") from None


def _unchanged(value: Any) -> Any:
    return value


def run_chunk(job: Job, context: Any, items: list[Any]) -> list[Any]:
    """One Dask task: a chunk of items (a task per document would cost the scheduler more
    than many documents take to screen)."""
    return [job(context, item) for item in items]


def run_dask(
    job: Job, context: Any, items: Iterator[Any], *, address: str, in_flight: int | None = None
) -> Iterator[Any]:
    """Run ``job(context, item)`` for every item on the Dask cluster at ``address``.

    A chunk whose task fails (its worker died more often than Dask retries) is sent again one
    item per task, and a lone item up to LONE_RETRIES times more (a worker that dies takes the
    tasks queued on it along), so only the document that kills workers gets an error row.
    """
    client = dask_client(address)
    quiet = _QuietClientLog()  # its one line below says it; Dask's own log would say it again
    try:
        yield from _run_on(client, job, context, items, in_flight)
    except Exception as error:
        if client.status == "running":
            raise
        raise StmtdiffError(
            f"lost the Dask scheduler at {address} ({type(error).__name__}); the documents done "
            "are saved: run again with the same --out to finish"
        ) from None
    finally:
        client.close()
        quiet.restore()


def _run_on(client: Any, job: Job, context: Any, items: Iterator[Any], in_flight: int | None) -> Iterator[Any]:
    from distributed import as_completed

    items = iter(items)
    threads = sum(client.nthreads().values()) or 1
    limit = in_flight or max(8, threads * IN_FLIGHT_PER_WORKER)
    # The context as a task's result, not scattered data: if every worker holding it dies,
    # Dask computes it again from the task instead of cancelling everything that needs it.
    shared = client.submit(_unchanged, context, pure=False)
    pending: dict[Any, list[Any]] = {}
    tries: dict[Any, int] = {}  # future of a lone item -> how often that item was sent

    def submit(chunk: list[Any], attempt: int = 1) -> Any:
        future = client.submit(run_chunk, job, shared, chunk, pure=False)
        pending[future] = chunk
        if len(chunk) == 1:
            tries[future] = attempt
        return future

    def next_chunk() -> list[Any]:
        return list(itertools.islice(items, DASK_CHUNK))

    first: list[Any] = []
    while len(first) < limit:
        chunk = next_chunk()
        if not chunk:
            break
        first.append(submit(chunk))
    if not first:
        return
    queue = as_completed(first, loop=client.loop)
    for future in queue:
        chunk = pending.pop(future)
        attempt = tries.pop(future, 0)
        try:
            results = future.result()
        except Exception as error:  # the worker died (KilledWorker) or the cluster failed
            if client.status != "running":
                raise
            results = []
            if len(chunk) > 1:
                for item in chunk:
                    queue.add(submit([item]))
            elif attempt <= LONE_RETRIES:  # it may have died with a neighbour that killed it
                queue.add(submit(chunk, attempt + 1))
            else:
                results = [context.failure(chunk[0], f"the Dask worker failed: {type(error).__name__}: {error}")]
        future.release()
        following = next_chunk()
        if following:
            queue.add(submit(following))
        yield from results


class _QuietClientLog:
    """Dask's client logs an error of its own when it loses the scheduler; the command says
    it in one line instead (warnings below errors still show)."""

    def __init__(self) -> None:
        import logging

        self.logger = logging.getLogger("distributed.client")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def restore(self) -> None:
        self.logger.setLevel(self.level)


class MissingExtra(StmtdiffError):
    """An optional dependency is not installed: the message names the extra to install."""

    def __init__(self, extra: str, what: str) -> None:
        super().__init__(f"{what}, which is not installed: pip install 'stmtdiff[{extra}]'")
        self.extra = extra
