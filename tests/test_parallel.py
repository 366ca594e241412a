"""Work handed to a forked child comes back the same as done here, even if the child dies."""

from __future__ import annotations

import os

import pytest

from stmtdiff.parallel import can_fork, in_a_child


def test_a_childs_result_is_the_work_done_here(monkeypatch):
    def work() -> list[object]:
        return ["the two sides reaffirmed".split(), os.getpid()]

    here = os.getpid()
    monkeypatch.setenv("STMTDIFF_WORKERS", "1")
    assert in_a_child(work)() == [["the", "two", "sides", "reaffirmed"], here]
    monkeypatch.delenv("STMTDIFF_WORKERS")
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    value, pid = in_a_child(work)()
    assert value == ["the", "two", "sides", "reaffirmed"] and pid != here


def test_if_the_child_dies_the_work_is_done_here():
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    here = os.getpid()

    def work() -> str:
        if os.getpid() != here:
            os._exit(3)
        return "done here"

    assert in_a_child(work)() == "done here"


def test_a_child_that_fails_says_nothing_and_the_work_is_redone_here(capfd):
    """Only the parent reports errors (the command line makes them one line)."""
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    here = os.getpid()

    def work() -> str:
        if os.getpid() != here:
            raise RuntimeError("a bug in the child")
        return "done here"

    assert in_a_child(work)() == "done here"
    assert capfd.readouterr().err == ""


# --- a parent killed mid-run takes its helper with it ---------------------------------------

PARENT = r"""
import os, sys, time
import stmtdiff.parallel as parallel

parallel.USE_PDEATHSIG = sys.argv[2] == "pdeathsig"
doing = sys.argv[1]

def body(sender):
    if doing == "computing":
        while True:
            sum(range(10_000))
    elif doing == "sending":  # a result far bigger than the pipe, which nobody reads
        sender.send_bytes(b"x" * (64 << 20))
    else:
        time.sleep(3600)

child, receiver = parallel.start_child(body)
print(child.pid, flush=True)
time.sleep(3600)
"""


def _gone(pid: int) -> bool:
    """Ended: no such process, or a zombie nobody reaped yet (in a container PID 1 may not)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc to see the helper")
@pytest.mark.parametrize("doing", ["computing", "sending", "sleeping"])
@pytest.mark.parametrize("how", ["pdeathsig", "watchdog"])
def test_a_helper_ends_within_a_second_of_its_parent_being_killed(tmp_path, doing, how):
    import signal
    import subprocess
    import sys
    import time

    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    if how == "pdeathsig" and not sys.platform.startswith("linux"):
        pytest.skip("PR_SET_PDEATHSIG is Linux's")
    script = tmp_path / "parent.py"
    script.write_text(PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), doing, how], stdout=subprocess.PIPE, text=True)
    child = 0
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.5)  # the helper is at work (or blocked on the full pipe)
        assert not _gone(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        killed = time.monotonic()
        while not _gone(child) and time.monotonic() - killed < 5:
            time.sleep(0.05)
        assert _gone(child), f"the helper outlived its parent ({doing}, {how})"
        assert time.monotonic() - killed < 1.5  # within about a second (0.2 s polls, a busy machine)
    finally:
        if child and not _gone(child):
            os.kill(child, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()


def test_a_cancelled_child_is_ended_not_left_waiting():
    """A caller that no longer wants the result (loading A failed) ends the child at once."""
    if not can_fork():
        pytest.skip("no fork on this platform or a single core")
    later = in_a_child(lambda: "x" * (8 << 20))  # more than the pipe holds: it would block
    child = later._child
    later.cancel()
    assert child is not None and not child.is_alive()
    later.cancel()  # twice is harmless


def _statement(path, sentence: str) -> str:
    path.write_text(" ".join(f"{sentence} Item {k}." for k in range(300)), encoding="utf-8")
    return str(path)


@pytest.fixture
def small_files_are_shared(monkeypatch):
    """Files of a few kilobytes count as large here: the tests stay quick."""
    monkeypatch.setattr("stmtdiff.load.SHARED_LOAD_MIN_BYTES", 1000)


def test_two_large_files_load_the_same_shared_with_a_child(tmp_path, small_files_are_shared, monkeypatch):
    """compare_files reads B in a forked child while it reads A (two large files): the documents
    and the comparison are the ones one process makes."""
    import stmtdiff
    from stmtdiff.load import load_document, load_two
    from stmtdiff.report.json import render_json

    a = _statement(tmp_path / "a.txt", "The ministers will meet in Astana.")
    b = _statement(tmp_path / "b.txt", "The ministers shall meet in Astana.")
    pid = os.getpid()
    docs = load_two(lambda: load_document(a), lambda: (load_document(b), os.getpid()), a, b)
    assert docs[0] == load_document(a) and docs[1][0] == load_document(b)
    assert docs[1][1] != pid or not can_fork()  # B was read by the child
    shared = render_json(stmtdiff.compare_files(a, b))
    monkeypatch.setenv("STMTDIFF_WORKERS", "1")
    assert render_json(stmtdiff.compare_files(a, b)) == shared


def test_loading_two_large_files_reports_the_errors_one_process_would(tmp_path, small_files_are_shared):
    from stmtdiff.errors import InputError
    from stmtdiff.load import load_document, load_two

    a = _statement(tmp_path / "a.txt", "The ministers will meet in Astana.")
    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(InputError) as alone:
        load_document(str(folder))
    with pytest.raises(InputError) as shared:  # the child fails; this process reads B and says why
        load_two(lambda: load_document(a), lambda: load_document(str(folder)), a, str(folder))
    assert str(shared.value) == str(alone.value)
    missing = str(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no such file"):  # A's error first; B's child is ended
        load_two(lambda: load_document(missing), lambda: load_document(a), a, a)
