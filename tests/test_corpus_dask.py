"""Corpus mode on Dask: a LocalCluster of two worker processes, and a scheduler and two workers
started as separate processes on 127.0.0.1 (``dask scheduler``, ``dask worker``), as a real
cluster is. Both must write the same summary, byte for byte, as the local run. Every process a
fixture starts is stopped at the end, also when a test fails.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import STATEMENT
from test_corpus import SUMMARY_FILES, make_corpus, runner_invoke, summary_bytes

from stmtdiff.corpus import batch, trace

distributed = pytest.importorskip("distributed", reason="needs the dask extra: pip install 'stmtdiff[dask]'")
DASK = Path(sys.executable).with_name("dask")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def local_run(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    trace(str(STATEMENT), [str(corpus)], str(out), jobs=2)
    return out


def test_a_local_cluster_of_two_worker_processes_writes_the_local_summary(
    corpus: Path, local_run: Path, tmp_path: Path
) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        out = tmp_path / "out"
        totals = trace(str(STATEMENT), [str(corpus)], str(out), scheduler=cluster.scheduler_address)
        assert totals.verdicts["reprint"] == 3
        assert summary_bytes(out) == summary_bytes(local_run)
        assert sorted(p.name for p in (out / "docs").iterdir()) == sorted(p.name for p in (local_run / "docs").iterdir())


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End one process we started (its own session, so its children too), politely first."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1; yields the address."""
    folder = tmp_path_factory.mktemp("cluster")
    scheduler_file = folder / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str, log: str) -> None:
        with open(folder / log, "wb") as fh:
            started.append(
                subprocess.Popen([str(DASK), *args], stdout=fh, stderr=subprocess.STDOUT, cwd=folder, start_new_session=True)
            )

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(scheduler_file), log="scheduler.log")
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            assert time.monotonic() < deadline and started[0].poll() is None, (folder / "scheduler.log").read_text()
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written whole before the scheduler listens
        address = json.loads(scheduler_file.read_text())["address"]
        for n in (1, 2):
            start("worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                  "--host", "127.0.0.1", log=f"worker{n}.log")
        from distributed import Client

        with Client(address, timeout="30s", set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(started):
            _stop(process)


def test_a_scheduler_and_two_workers_in_their_own_processes_write_the_local_summary(
    cluster: str, corpus: Path, local_run: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = runner_invoke("trace", STATEMENT, corpus, "--out", out, "--scheduler", cluster)
    assert result.exit_code == 2, result.output  # the broken file: its row, and trouble
    assert summary_bytes(out) == summary_bytes(local_run)


def test_the_scheduler_address_can_come_from_the_environment(cluster: str, corpus: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(f"a,b\n{STATEMENT},{corpus / 'reprint-part.txt'}\n", encoding="utf-8")
    from click.testing import CliRunner

    from stmtdiff.cli import cli

    result = CliRunner().invoke(
        cli, ["batch", str(manifest), "--out", str(tmp_path / "dask")], env={"DASK_SCHEDULER_ADDRESS": cluster}
    )
    assert result.exit_code == 1, result.output  # the pair differs
    batch(str(manifest), str(tmp_path / "local"), jobs=1)
    for name in SUMMARY_FILES:
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_an_unreachable_scheduler_is_one_line_and_exit_2(corpus: Path, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = subprocess.run(
        [sys.executable, "-m", "stmtdiff", "trace", str(STATEMENT), str(corpus / "news"), "--out", str(tmp_path / "o"),
         "--scheduler", f"tcp://127.0.0.1:{port}"],
        capture_output=True, text=True, timeout=120, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"},
    )
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"stmtdiff: error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port}")
    assert result.stderr.count("\n") == 1, result.stderr


def test_a_document_that_kills_dask_workers_gets_an_error_row_and_the_rest_finish() -> None:
    import dask.config
    from distributed import LocalCluster
    from test_corpus import _Context, _dying_job

    from stmtdiff.corpus.engines import run_dask

    items = [f"doc{n}" for n in range(20)]
    items.insert(5, "crash")
    # Dask gives up on a task the first time its worker dies, and hands a worker one task at a
    # time (so no innocent task is queued behind the killer): the test stays short and certain.
    settings = {"distributed.scheduler.allowed-failures": 0, "distributed.scheduler.worker-saturation": 1.0}
    with dask.config.set(settings), LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
    ) as cluster:
        results = {r.key: r.row for r in run_dask(_dying_job, _Context(), iter(items), address=cluster.scheduler_address)}
    assert sorted(results) == sorted(items)
    assert results["crash"]["verdict"] == "error" and "KilledWorker" in results["crash"]["error"]
    assert all(row["verdict"] == "done" for key, row in results.items() if key != "crash")
