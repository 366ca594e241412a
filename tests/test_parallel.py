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
