"""Corpus mode against hostile inputs: names that are not UTF-8, broken JSON Lines, ids that
collide, symbolic-link loops, an output folder inside the corpus, documents that change between
runs, a folder two runs want at once, spreadsheet formulas in ids, and a Dask scheduler that
goes away. Each test is a promise of the README's corpus section that such an input once broke.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from html import escape
from pathlib import Path

import pytest
from conftest import ARTICLE, NEWS, STATEMENT
from test_corpus import runner_invoke, summary_bytes

from stmtdiff.corpus import trace
from stmtdiff.corpus.outputs import OutDirError, iter_rows_jsonl
from stmtdiff.corpus.sources import iter_sources

REPRINT = ARTICLE.read_text(encoding="utf-8")  # the statement inside commentary: a reprint
DECOY = NEWS.read_text(encoding="utf-8")  # the same meeting, reported: screened out


def rows(out: Path) -> list[dict[str, object]]:
    return list(iter_rows_jsonl(str(out / "summary.jsonl")))


def test_file_names_that_are_not_utf8_get_their_rows_and_the_run_finishes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    latin1_name = os.path.join(os.fsencode(docs), b"caf\xe9.txt")  # a Latin-1 name, as old archives have
    try:
        with open(latin1_name, "wb") as fh:
            fh.write(REPRINT.encode("utf-8"))
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    (docs / "news.txt").write_text(DECOY, encoding="utf-8")
    out = tmp_path / "out"
    totals = trace(str(STATEMENT), [str(docs)], str(out), jobs=1)
    assert totals.verdicts == {"reprint": 1, "screened out": 1}
    first = rows(out)[0]
    assert first["id"] == f"{docs}/caf\\xe9.txt" and first["location"] == first["id"]  # its bytes, shown
    report = json.loads((out / str(first["report"])).read_text(encoding="utf-8"))
    assert report["b"]["name"] == first["id"] and report["b"]["source"]["location"] == first["id"]
    assert "caf\\xe9.txt" in (out / "summary.csv").read_text(encoding="utf-8")


def test_a_json_lines_record_that_is_not_text_is_an_error_row_not_the_end_of_the_run(tmp_path: Path) -> None:
    records = tmp_path / "crawl.jsonl"
    with records.open("wb") as fh:
        fh.write(json.dumps({"id": "first", "text": DECOY}).encode() + b"\n")
        fh.write(b'{"id": "latin-1 line", "text": "caf\xe9"}\n')  # not UTF-8
        fh.write(b'{"id": "lone \\ud800 in id", "text": "fine text"}\n')  # JSON may escape lone surrogates
        fh.write(b'{"id": "lone in text", "text": "bad \\udc00 text"}\n')
        fh.write(json.dumps({"id": "last", "text": REPRINT}).encode() + b"\n")
    out = tmp_path / "out"
    totals = trace(str(STATEMENT), [str(records)], str(out), jobs=1)
    found = {str(r["id"]): r for r in rows(out)}
    assert list(found) == ["first", f"{records}:2", "lone \\ud800 in id", "lone in text", "last"]
    assert found[f"{records}:2"]["error"] == f"{records}:2: is not UTF-8 (invalid continuation byte)"
    assert found["lone \\ud800 in id"]["verdict"] == "screened out"
    assert found["lone in text"]["error"] == (
        f"{records}:4: the text holds a lone surrogate (U+DC00) at character 4, which is not text"
    )
    assert found["last"]["verdict"] == "reprint" and totals.failed == 2


def test_records_that_share_an_id_each_keep_their_own_result(tmp_path: Path) -> None:
    records = tmp_path / "crawl.jsonl"
    lines = [{"id": "wire", "text": REPRINT}, {"id": "wire", "text": DECOY}]
    records.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    for folder in ("east", "west"):  # two lists, each naming its own "story.txt"
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(REPRINT if folder == "east" else DECOY, encoding="utf-8")
        (tmp_path / folder / "list.txt").write_text("story.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    sources = [str(records), f"@{tmp_path / 'east' / 'list.txt'}", f"@{tmp_path / 'west' / 'list.txt'}"]
    trace(str(STATEMENT), sources, str(out), jobs=2)
    assert [(r["id"], r["verdict"]) for r in rows(out)] == [
        ("wire", "reprint"), ("wire", "screened out"), ("story.txt", "reprint"), ("story.txt", "screened out"),
    ]
    assert len(list((out / "rows").iterdir())) == 4


def test_a_recursive_glob_names_each_file_once_and_follows_no_symlink_loop(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "news"
    (root / "2024" / "may").mkdir(parents=True)
    (root / "a.txt").write_text("one", encoding="utf-8")
    (root / "2024" / "b.txt").write_text("two", encoding="utf-8")
    (root / "2024" / "may" / "c.html").write_text("<p>three</p>", encoding="utf-8")
    (root / "2024" / ".hidden.txt").write_text("no", encoding="utf-8")
    for n in range(3):  # loops: with them Python's glob walks 2024/up/2024/up/... until ELOOP
        os.symlink("..", root / "2024" / f"up{n}")
    walked = [item.id for item in iter_sources([str(root)])]
    assert walked == [f"{root}/a.txt", f"{root}/2024/b.txt", f"{root}/2024/may/c.html"]
    assert [item.id for item in iter_sources([f"{root}/**"])] == walked
    assert [item.id for item in iter_sources([f"{root}/**/*.txt"])] == walked[:2]
    assert [item.id for item in iter_sources([f"{root}/**/may"])] == walked[2:]
    assert [item.id for item in iter_sources([f"{root}/*/b.*"])] == walked[1:2]
    monkeypatch.chdir(root)
    assert [item.id for item in iter_sources(["**/*.html"])] == ["2024/may/c.html"]


def test_an_out_folder_inside_a_source_folder_is_not_traced(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(REPRINT, encoding="utf-8")
    (tmp_path / "other.txt").write_text(DECOY, encoding="utf-8")
    out = tmp_path / "traced"
    first = runner_invoke("trace", STATEMENT, tmp_path, "--out", out)
    assert first.exit_code == 0, first.output  # a reprint, and every document has its row
    before = summary_bytes(out)
    again = runner_invoke("trace", STATEMENT, f"{tmp_path}/**", "--out", out)  # its reports are no documents
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines()[-1].startswith("2 documents: 1 reprint, 1 screened out")
    assert summary_bytes(out)["summary.csv"] == before["summary.csv"]


def test_sources_are_read_as_from_says_and_the_statement_as_its_name_says(tmp_path: Path) -> None:
    page = "<html><body><nav>Home | World</nav><article>" + "".join(
        f"<p>{escape(p)}</p>" for p in REPRINT.split("\n\n")
    ) + "</article></body></html>"
    (tmp_path / "page-without-suffix").write_text(page, encoding="utf-8")
    records = tmp_path / "crawl.jsonl"
    records.write_text(json.dumps({"id": "inline page", "text": page}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    totals = trace(str(STATEMENT), [str(tmp_path / "page-without-suffix"), str(records)], str(out), kind="html", jobs=1)
    assert totals.verdicts == {"reprint": 2}
    for row in rows(out):
        report = json.loads((out / str(row["report"])).read_text(encoding="utf-8"))
        assert report["a"]["source"]["kind"] == "text" and "<p>" not in report["b"]["sentences"][0]["text"]


def test_a_document_changed_since_the_last_run_is_compared_again(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DECOY, encoding="utf-8")
    (docs / "b.txt").write_text(DECOY, encoding="utf-8")
    out = tmp_path / "out"
    trace(str(STATEMENT), [str(docs)], str(out), jobs=1)
    assert [r["verdict"] for r in rows(out)] == ["screened out", "screened out"]
    (docs / "b.txt").write_text(REPRINT, encoding="utf-8")  # the outlet updated its page
    calls: list[tuple[int, int]] = []
    trace(str(STATEMENT), [str(docs)], str(out), jobs=1, progress=lambda done, before: calls.append((done, before)))
    assert [r["verdict"] for r in rows(out)] == ["screened out", "reprint"]
    assert calls[-1] == (1, 1)  # a.txt kept, b.txt done again
    fresh = tmp_path / "fresh"
    trace(str(STATEMENT), [str(docs)], str(fresh), jobs=1)
    assert summary_bytes(out) == summary_bytes(fresh)


def test_a_folder_in_use_by_another_run_is_refused_and_a_dead_runs_leftovers_are_swept(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(REPRINT, encoding="utf-8")
    out = tmp_path / "out"
    trace(str(STATEMENT), [str(tmp_path / "story.txt")], str(out), jobs=1)
    leftovers = [out / ".tmp-summary-x1", out / "rows" / ".tmp-x2", out / "docs" / ".tmp-x3", out / ".tmp-index-x4"]
    for path in leftovers:  # what a run killed while writing leaves
        path.write_text("half", encoding="utf-8")
    holder = subprocess.Popen(  # another run, holding the folder
        [sys.executable, "-c", "import sys, time; from stmtdiff.corpus.outputs import OutDir; "
         "folder = OutDir(sys.argv[1]); folder.lock(); print('held', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(OutDirError, match="another stmtdiff run is using this folder"):
            trace(str(STATEMENT), [str(tmp_path / "story.txt")], str(out), jobs=1)
        assert all(path.exists() for path in leftovers)  # maybe the other run's: left alone
    finally:
        holder.kill()
        holder.wait()
    trace(str(STATEMENT), [str(tmp_path / "story.txt")], str(out), jobs=1)
    assert not any(path.exists() for path in leftovers)


def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_a_quote(tmp_path: Path) -> None:
    records = tmp_path / "crawl.jsonl"
    ids = ['=HYPERLINK("http://example.invalid/","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "plain"]
    records.write_text("".join(json.dumps({"id": i, "text": DECOY}) + "\n" for i in ids), encoding="utf-8")
    out = tmp_path / "out"
    trace(str(STATEMENT), [str(records)], str(out), jobs=1)
    with (out / "summary.csv").open(encoding="utf-8", newline="") as fh:
        cells = [row["id"] for row in csv.DictReader(fh)]
    assert cells == ["'" + i for i in ids[:-1]] + ["plain"]
    assert [r["id"] for r in rows(out)] == ids  # JSON Lines and Parquet keep the exact text


def test_an_empty_statement_is_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(REPRINT, encoding="utf-8")
    result = runner_invoke("trace", empty, tmp_path / "story.txt", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == f"stmtdiff: error: {empty}: the statement has no sentences to trace\n"


def test_documents_added_while_a_run_walked_are_named_when_the_summary_misses_them(tmp_path: Path,
                                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import stmtdiff.corpus.run as run

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(DECOY, encoding="utf-8")
    real = run.OutDir.summarize

    def late_arrival(self: object, *args: object, **kwargs: object) -> object:
        (docs / "b.txt").write_text(DECOY, encoding="utf-8")  # written after the walk, before the summary
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run.OutDir, "summarize", late_arrival)
    result = runner_invoke("trace", STATEMENT, docs, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1].startswith(
        "1 documents: 1 screened out; 1 without a row (the sources changed during the run: run again with the same --out)"
    )


def test_losing_the_dask_scheduler_mid_run_is_one_line_and_what_finished_is_kept(tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="needs the dask extra: pip install 'stmtdiff[dask]'")
    from test_corpus_dask import DASK, _stop

    docs = tmp_path / "docs"
    docs.mkdir()
    for n in range(400):
        (docs / f"{n:03d}.txt").write_text(REPRINT if n % 2 else DECOY, encoding="utf-8")  # ~10 s on one worker
    scheduler_file = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}
    started = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                 "--scheduler-file", str(scheduler_file)], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
        address = json.loads(scheduler_file.read_text())["address"]
        started.append(subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1", "--no-dashboard",
                                         "--host", "127.0.0.1"], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL, start_new_session=True))
        out = tmp_path / "out"
        command = [sys.executable, "-m", "stmtdiff", "trace", str(STATEMENT), str(docs), "--out", str(out),
                   "--scheduler", address, "--no-html"]
        run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and run.poll() is None and rows_written(out) < 20:
            time.sleep(0.05)
        _stop(started[0])  # the scheduler goes away mid-run
        stdout, stderr = run.communicate(timeout=120)
    finally:
        for process in reversed(started):
            _stop(process)
    assert run.returncode == 2 and stdout == ""
    assert stderr.startswith(f"stmtdiff: error: lost the Dask scheduler at {address}"), stderr
    assert stderr.count("\n") == 1, stderr
    assert "run again with the same --out" in stderr
    assert 20 <= rows_written(out) < 400


def rows_written(out: Path) -> int:
    return len(list((out / "rows").glob("*.json"))) if (out / "rows").exists() else 0


def test_a_reprint_with_soft_hyphens_in_its_words_is_still_screened_in(tmp_path: Path) -> None:
    """A hyphenating web system puts invisible soft hyphens (U+00AD) inside long words, and a
    crawl's plain text keeps them; the comparison reads through them, so screening must too."""
    import re

    hyphenated = re.sub(r"\w{7,}", lambda m: "\u00ad".join(m.group()[i:i + 3] for i in range(0, len(m.group()), 3)),
                        REPRINT.replace("the ", "the\u200b "))  # and zero-width spaces
    story = tmp_path / "story.txt"
    story.write_text(hyphenated, encoding="utf-8")
    totals = trace(str(STATEMENT), [str(story)], str(tmp_path / "out"), jobs=1, html=False)
    assert totals.verdicts == {"reprint": 1}


def test_a_named_pipe_in_a_folder_is_an_error_row_and_never_opened(tmp_path: Path) -> None:
    """Reading a named pipe waits for a writer for ever: one in a corpus folder stalled the run."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "story.txt").write_text(REPRINT, encoding="utf-8")
    os.mkfifo(docs / "pipe.txt")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "stmtdiff", "trace", str(STATEMENT), str(docs), "--out", str(out), "--no-html"]
    run = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _stdout, stderr = run.communicate(timeout=120)
    finally:  # a stalled run goes, and its workers (its process group) with it
        try:
            os.killpg(run.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        run.wait()
    assert run.returncode == 2, stderr
    assert [(r["id"], r["verdict"], r["error"]) for r in rows(out)] == [
        (f"{docs}/pipe.txt", "error", f"{docs}/pipe.txt: not a regular file (a named pipe, socket or device)"),
        (f"{docs}/story.txt", "reprint", ""),
    ]


def test_a_folder_that_cannot_be_read_is_an_error_row_and_the_walk_goes_on(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a/locked", "b"):
        (tmp_path / name).mkdir(parents=True)
        (tmp_path / name / "x.txt").write_text("text", encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)  # (root may read any folder: refuse one here)
    locked = f"{tmp_path}/a/locked"
    for source in (str(tmp_path), f"{tmp_path}/**/*.txt"):
        found = [(item.id, item.error) for item in iter_sources([source])]
        assert found == [(locked, f"{locked}: cannot read this folder (Permission denied)"), (f"{tmp_path}/b/x.txt", None)]
