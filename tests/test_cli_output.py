"""What the command writes: data byte for byte, names and messages that cannot drive a
terminal, and Ctrl-C as one line and exit status 130.

These run the real program in a subprocess, where stdout is a pipe (not a terminal), as in
``stmtdiff extract page.html > page.txt`` or ``stmtdiff diff a b --format html | ...``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A document holding escape sequences, a bell and a C1 control: data, like any other text.
HOSTILE = "Colour \x1b[31mred\x1b[0m and a bell \x07 and CSI \x9b2J here.\nThe talks ended.\n"
EDITED = "Color \x1b[31mred\x1b[0m and a bell \x07 and CSI \x9b2J here.\nThe talks ended.\n"
RAW_CONTROLS = [chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F, *range(0x80, 0xA0))]


def stmtdiff(*args: object, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "", "GIT_PAGER_IN_USE": "", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "stmtdiff", *map(str, args)], capture_output=True, env=env, timeout=60, **kwargs
    )


@pytest.fixture
def hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(HOSTILE, encoding="utf-8")
    b.write_text(EDITED, encoding="utf-8")
    return a, b


def test_extract_writes_exactly_the_text_the_offsets_refer_to(hostile_pair):
    done = stmtdiff("extract", hostile_pair[0])
    assert done.returncode == 0, done.stderr
    assert done.stdout == HOSTILE.encode("utf-8")


@pytest.mark.parametrize("fmt", ["json", "html", "markdown", "text"])
def test_a_report_on_stdout_is_the_report_written_with_o(hostile_pair, tmp_path, fmt):
    a, b = hostile_pair
    piped = stmtdiff("diff", "--format", fmt, "--width", "100", a, b)
    out = tmp_path / f"report.{fmt}"
    written = stmtdiff("diff", "--format", fmt, "--width", "100", "-o", out, a, b)
    assert piped.returncode == written.returncode == 1, (piped.stderr, written.stderr)
    assert piped.stdout == out.read_bytes()


def test_segment_json_on_stdout_keeps_the_text(hostile_pair):
    import json

    done = stmtdiff("segment", "--format", "json", hostile_pair[0])
    assert json.loads(done.stdout)["text"] == HOSTILE


def test_labels_and_file_names_never_reach_the_terminal_raw(tmp_path, hostile_pair):
    a, b = hostile_pair
    for fmt in ("text", "markdown"):
        done = stmtdiff("diff", "--format", fmt, "-L", "old\rOVERWRITTEN", "-L", "new\x1b]0;title\x07", a, b)
        report = done.stdout.decode("utf-8")
        assert not any(c in report for c in RAW_CONTROLS), report
        assert "old␍OVERWRITTEN" in report and "new␛" in report and "title␇" in report
    stat = stmtdiff("diff", "--stat", "-L", "a\rb", "-L", "c\x1bd", a, b).stdout.decode("utf-8")
    assert "a␍b" in stat and "c␛d" in stat


def test_an_error_line_shows_control_characters_in_a_name_as_symbols():
    done = stmtdiff("diff", "missing\x1b[31m\x07\r.txt", "other.txt")
    assert done.returncode == 2
    line = done.stderr.decode("utf-8")
    assert line.count("\n") == 1 and line.endswith("\n")
    assert not any(c in line[:-1] for c in RAW_CONTROLS), repr(line)
    assert "missing␛[31m␇␍.txt: no such file or directory" in line


@pytest.mark.skipif(not hasattr(signal, "SIGINT") or os.name != "posix", reason="POSIX signals")
def test_ctrl_c_exits_130_with_one_line(tmp_path, hostile_pair):
    """The command waits on a stdin that never ends; Ctrl-C (SIGINT) stops it."""
    env = {**os.environ, "NO_COLOR": ""}
    process = subprocess.Popen(
        [sys.executable, "-m", "stmtdiff", "diff", "-", str(hostile_pair[1])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        # as from a terminal: a suite started in the background (`make test &`) ignores SIGINT,
        # and a child would inherit that
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        process.stdin.write(b"The talks ")  # it is reading: imports are done
        process.stdin.flush()
        time.sleep(1.5)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130
    assert out == b""
    assert err == b"stmtdiff: error: interrupted\n"


def test_an_eof_error_inside_a_command_is_an_internal_error_not_an_interruption(monkeypatch, tmp_path):
    import importlib

    from click.testing import CliRunner

    from stmtdiff.cli import cli

    compare_module = importlib.import_module("stmtdiff.compare")  # the package's compare is the function

    def broken(*args: object, **kwargs: object) -> None:
        raise EOFError("a pipe closed")

    monkeypatch.setattr(compare_module, "compare_documents", broken)
    (tmp_path / "a.txt").write_text("We met.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "a.txt"), str(tmp_path / "a.txt")])
    assert result.exit_code == 2
    assert result.stderr == "stmtdiff: error: internal error: EOFError: a pipe closed (run with --debug for a traceback)\n"
