"""Corpus mode by example: trace a statement through small corpora, and batch-compare pairs.

Every corpus here is made from the repository's seeds and a few filler paragraphs, so the tests
need nothing outside the repository. The Dask tests start real clusters on 127.0.0.1 and
stop them, whatever happens (tests/test_corpus_dask.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, NEWS, ROOT, SEEDS, STATEMENT

from stmtdiff import compare_files
from stmtdiff.cli import cli
from stmtdiff.corpus import batch, trace
from stmtdiff.corpus.outputs import iter_rows_jsonl
from stmtdiff.corpus.sources import SourceError, iter_sources, output_key
from stmtdiff.load import load_document
from stmtdiff.report.json import render_json

FILLER = [
    "The harbour committee met on Tuesday to discuss the new ferry timetable.",
    "Residents asked for later departures on weekends and a second stop near the market.",
    "The council said the budget for the pier repairs would be published next month.",
    "A local bakery won the regional prize for its rye bread for the third year running.",
    "Volunteers cleaned the beach on Saturday and collected forty bags of plastic.",
    "The library will extend its opening hours during the examination period.",
    "Heavy rain is expected on Thursday, and drivers are asked to avoid the coastal road.",
    "The school choir performed at the town hall to raise money for new instruments.",
]
SUMMARY_FILES = ("summary.csv", "summary.jsonl", "summary.parquet")


def filler(start: int, count: int) -> str:
    return "\n\n".join(" ".join(FILLER[(start + i + k) % len(FILLER)] for k in range(3)) for i in range(count))


def statement_body() -> list[str]:
    """The statement's own sentences (not its page furniture), as they are in the file."""
    doc = load_document(STATEMENT)
    return [s.text for s in doc.sentences if not s.boilerplate][3:]


def make_corpus(root: Path) -> Path:
    """Planted reprints, decoys that discuss the same events, unrelated articles, a broken file."""
    body = statement_body()
    docs = root / "docs"
    (docs / "news").mkdir(parents=True)
    (docs / "reprint-whole.txt").write_text(filler(0, 2) + "\n\n" + " ".join(body) + "\n\n" + filler(3, 2), encoding="utf-8")
    (docs / "reprint-part.txt").write_text(filler(1, 2) + "\n\n" + " ".join(body[4:12]) + "\n\n" + filler(5, 1), encoding="utf-8")
    shutil.copy(ARTICLE, docs / "news" / "in-commentary.txt")  # the official wording, quoted in an article
    shutil.copy(NEWS, docs / "news" / "decoy-news-report.txt")  # the same meeting, reported, not reprinted
    shutil.copy(SEEDS / "kazakh-minister-us-visit-news.txt", docs / "news" / "decoy-visit.txt")
    (docs / "news" / "local.txt").write_text(filler(2, 4), encoding="utf-8")
    (docs / "broken.txt").write_bytes(b"\x00\x01binary\x00" * 50)
    return docs


EXPECTED = {
    "reprint-whole.txt": "reprint",
    "reprint-part.txt": "reprint",
    "in-commentary.txt": "reprint",
    "decoy-news-report.txt": "screened out",
    "decoy-visit.txt": "screened out",
    "local.txt": "screened out",
    "broken.txt": "error",
}


def verdicts(out: Path) -> dict[str, str]:
    return {Path(row["id"]).name: row["verdict"] for row in iter_rows_jsonl(str(out / "summary.jsonl"))}


def summary_bytes(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in (*SUMMARY_FILES, "index.html")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus traced once with two local workers: what every other run must reproduce."""
    out = tmp_path_factory.mktemp("reference") / "out"
    trace(str(STATEMENT), [str(corpus)], str(out), jobs=2)
    return out


def test_a_directory_trace_finds_reprints_and_flags_no_decoy(reference: Path) -> None:
    assert verdicts(reference) == EXPECTED
    rows = {Path(r["id"]).name: r for r in iter_rows_jsonl(str(reference / "summary.jsonl"))}
    whole, part, article = rows["reprint-whole.txt"], rows["reprint-part.txt"], rows["in-commentary.txt"]
    assert whole["exact"] == round(1 - 3 / whole["statement_sentences"], 4)  # all but the title and intro
    assert 0.3 < part["exact"] < 0.5 and part["changed"] == 0
    assert article["changed"] > 0.7 and '"sustainable" -> "permanent"' in article["top_changes"]
    assert rows["broken.txt"]["error"].endswith("looks like a binary file (it holds NUL bytes), not text; "
                                               "if it is UTF-16 without a byte order mark, give the encoding "
                                               "(utf-16-le or utf-16-be)")
    assert [r["n"] for r in rows.values()] == list(range(1, 8))  # input order: the walk is sorted


def test_each_compared_document_gets_the_normal_report_json_and_html(reference: Path) -> None:
    row = next(r for r in iter_rows_jsonl(str(reference / "summary.jsonl")) if r["id"].endswith("in-commentary.txt"))
    expected = render_json(compare_files(STATEMENT, row["location"], name_a=str(STATEMENT), name_b=row["id"]))
    assert (reference / row["report"]).read_text(encoding="utf-8") == expected
    assert (reference / row["html"]).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    screened = next(r for r in iter_rows_jsonl(str(reference / "summary.jsonl")) if r["verdict"] == "screened out")
    assert screened["report"] == screened["html"] == ""  # never compared: only its row


def test_files_globs_lists_and_json_lines_name_the_same_documents(corpus: Path, tmp_path: Path, reference: Path) -> None:
    names = sorted(EXPECTED)
    paths = sorted(str(p) for p in corpus.rglob("*.txt"))
    listing = tmp_path / "list.txt"
    listing.write_text("# one a line\n" + "\n".join(os.path.relpath(p, tmp_path) for p in paths) + "\n", encoding="utf-8")
    records = tmp_path / "corpus.jsonl"
    with records.open("w", encoding="utf-8") as fh:
        for p in paths:
            name = Path(p).name
            if name == "broken.txt":
                fh.write(json.dumps({"id": name, "path": p}) + "\n")
            else:
                fh.write(json.dumps({"id": name, "text": Path(p).read_text(encoding="utf-8")}) + "\n")
    kinds = {
        "files": paths,
        "glob": [str(corpus / "**" / "*.txt")],
        "list": [f"@{listing}"],
        "jsonl": [str(records)],
    }
    for kind, sources in kinds.items():
        found = sorted(Path(item.id).name for item in iter_sources(sources))
        assert found == names, kind
    out = tmp_path / "jsonl-out"
    trace(str(STATEMENT), kinds["jsonl"], str(out), jobs=1)
    reference_rows = {Path(r["id"]).name: r for r in iter_rows_jsonl(str(reference / "summary.jsonl"))}
    for row in iter_rows_jsonl(str(out / "summary.jsonl")):
        same = reference_rows[row["id"]]
        for column in ("verdict", "screen_hits", "reprinted", "exact", "changed", "omitted", "added", "top_changes"):
            assert row[column] == same[column], (row["id"], column)


def test_a_bad_source_argument_stops_the_run_before_it_starts(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        list(iter_sources([str(tmp_path / "missing")]))
    with pytest.raises(SourceError, match="no file matches"):
        list(iter_sources([str(tmp_path / "*.nothing")]))
    assert output_key("a/b/c d.txt") != output_key("x/c d.txt")  # same name, other folder


def test_one_worker_and_two_give_byte_identical_summaries(corpus: Path, reference: Path, tmp_path: Path) -> None:
    trace(str(STATEMENT), [str(corpus)], str(tmp_path / "one"), jobs=1)
    assert summary_bytes(tmp_path / "one") == summary_bytes(reference)


def test_a_restart_does_only_what_is_left_and_ends_with_the_same_summary(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    for name in (*SUMMARY_FILES, "index.html"):  # as if stopped before the summary was written
        (out / name).unlink()
    lost = sorted((out / "rows").iterdir())[:3]  # ... and before these three documents finished
    for row in lost:
        row.unlink()
    (out / "rows" / ".tmp-half-written").write_text('{"id": "x", "verd', encoding="utf-8")
    calls: list[tuple[int, int]] = []
    trace(str(STATEMENT), [str(corpus)], str(out), jobs=2, progress=lambda done, before: calls.append((done, before)))
    assert max(done for done, _ in calls) == 3 and max(before for _, before in calls) == 4
    assert summary_bytes(out) == summary_bytes(reference)


def test_a_run_killed_midway_finishes_on_restart_with_the_same_summary(corpus: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    big = tmp_path / "big"
    for copy in range(6):  # enough documents that the kill lands in the middle
        shutil.copytree(corpus, big / f"part{copy}")
    command = [sys.executable, "-m", "stmtdiff", "trace", str(STATEMENT), str(big), "--out", str(out), "-j", "1"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def rows_written() -> int:
        return len(list((out / "rows").glob("*.json"))) if (out / "rows").exists() else 0

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and rows_written() < 5 and process.poll() is None:
            time.sleep(0.02)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    partial = rows_written()
    assert 0 < partial < 42, "the kill should land mid-run"
    assert not (out / "summary.csv").exists()
    full = tmp_path / "full"
    trace(str(STATEMENT), [str(big)], str(full), jobs=2)
    trace(str(STATEMENT), [str(big)], str(out), jobs=2)
    assert summary_bytes(out) == summary_bytes(full)


def runner_invoke(*args: object) -> object:
    return CliRunner().invoke(cli, [str(a) for a in args], env={"NO_COLOR": "", "COLUMNS": "200"})


def test_the_command_prints_the_table_and_exits_2_when_a_document_failed(corpus: Path, tmp_path: Path) -> None:
    result = runner_invoke("trace", STATEMENT, corpus, "--out", tmp_path / "out", "-j", "2")
    assert result.exit_code == 2, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["#", "document", "verdict"]
    assert sum("reprint " in line for line in lines) == 3 and sum(" error " in line for line in lines) == 1
    assert lines[-1].startswith("7 documents: 1 error, 3 reprint, 3 screened out; results in ")
    assert result.stderr == ""  # no progress bar: stderr is not a terminal here


def test_exit_status_0_when_a_reprint_is_found_and_1_when_none(corpus: Path, tmp_path: Path) -> None:
    found = runner_invoke("trace", STATEMENT, corpus / "reprint-whole.txt", "--out", tmp_path / "a")
    assert found.exit_code == 0, found.output
    news = corpus / "news"
    none = runner_invoke(
        "trace", STATEMENT, news / "decoy-news-report.txt", news / "decoy-visit.txt", news / "local.txt",
        "--out", tmp_path / "b", "--no-html",
    )
    assert none.exit_code == 1, none.output
    assert "0 reprint" not in none.stdout and "3 screened out" in none.stdout


def test_another_statement_in_the_same_out_folder_is_refused(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner_invoke("trace", STATEMENT, corpus / "news" / "local.txt", "--out", out).exit_code == 1
    other = runner_invoke("trace", NEWS, corpus / "news" / "local.txt", "--out", out)
    assert other.exit_code == 2 and other.stdout == ""
    assert other.stderr.startswith("stmtdiff: error: --out ") and "different run" in other.stderr
    assert len(other.stderr.splitlines()) == 1


@pytest.mark.parametrize(
    ("blocked", "args", "extra"),
    [
        ("pyarrow", [], "stmtdiff[corpus]"),
        ("distributed", ["--scheduler", "tcp://127.0.0.1:9"], "stmtdiff[dask]"),
        ("datasketch", ["--screen", "minhash"], "stmtdiff[corpus]"),
    ],
)
def test_a_missing_extra_is_one_line_naming_it(blocked: str, args: list[str], extra: str, corpus: Path, tmp_path: Path) -> None:
    code = f"import sys; sys.modules[{blocked!r}] = None; from stmtdiff.cli import main; main()"
    command = [sys.executable, "-c", code, "trace", str(STATEMENT), str(corpus / "news"), "--out", str(tmp_path / "o"), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and f"pip install '{extra}'" in result.stderr, result.stderr


def test_minhash_screening_finds_the_same_candidates_here(corpus: Path, reference: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    trace(str(STATEMENT), [str(corpus)], str(out), jobs=1, screen="minhash", html=False)
    assert verdicts(out) == verdicts(reference)


def test_index_html_escapes_document_text_and_links_reports(tmp_path: Path) -> None:
    records = tmp_path / "docs.jsonl"
    hostile = '<script>alert("id")</script>'
    body = " ".join(statement_body())
    broken = "two\nlines\rand a\r\nthird"  # the page is written a row (a line) at a time
    records.write_text(
        json.dumps({"id": hostile, "text": body}) + "\n" + json.dumps({"id": broken, "text": "Short."}) + "\n",
        encoding="utf-8",
    )
    trace(str(STATEMENT), [str(records)], str(tmp_path / "out"), jobs=1)
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert hostile not in page and "&lt;script&gt;alert(&quot;id&quot;)&lt;/script&gt;" in page
    assert "two&#10;lines&#13;and a&#13;&#10;third" in page and page.count("<tr id=") == 2
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    row = next(iter_rows_jsonl(str(tmp_path / "out" / "summary.jsonl")))
    assert f'href="{row["html"]}"' in page and (tmp_path / "out" / row["html"]).exists()


# ------------------------------------------------------------------------------------ batch


def test_batch_compares_each_pair_of_a_csv_or_json_lines_manifest(tmp_path: Path) -> None:
    (tmp_path / "copy.txt").write_bytes(STATEMENT.read_bytes())
    rel = os.path.relpath(STATEMENT, tmp_path)
    manifest = tmp_path / "pairs.csv"
    manifest.write_text(
        f"id,a,b\nsame,{rel},copy.txt\nreprinted,{rel},{os.path.relpath(ARTICLE, tmp_path)}\nmissing,{rel},nowhere.txt\n",
        encoding="utf-8",
    )
    totals = batch(str(manifest), str(tmp_path / "out"), jobs=2)
    assert totals.verdicts == {"identical": 1, "different": 1, "error": 1}
    rows = {r["id"]: r for r in iter_rows_jsonl(str(tmp_path / "out" / "summary.jsonl"))}
    assert rows["reprinted"]["substantive"] == 3 and rows["same"]["similarity"] == 1.0
    assert "nowhere.txt: no such file or directory" in rows["missing"]["error"]
    # the report is the one `stmtdiff diff` writes for the same two documents
    expected = render_json(compare_files(STATEMENT, ARTICLE, name_a=rel, name_b=os.path.relpath(ARTICLE, tmp_path)))
    assert (tmp_path / "out" / rows["reprinted"]["report"]).read_text(encoding="utf-8") == expected

    jsonl = tmp_path / "pairs.jsonl"
    jsonl.write_text(
        "".join(json.dumps({"id": r["id"], "a": r["a"], "b": r["b"]}) + "\n" for r in rows.values()), encoding="utf-8"
    )
    batch(str(jsonl), str(tmp_path / "out2"), jobs=1)
    for name in SUMMARY_FILES:
        if name != "summary.parquet":
            assert (tmp_path / "out2" / name).read_text() == (tmp_path / "out" / name).read_text()

    result = runner_invoke("batch", manifest, "--out", tmp_path / "out")
    assert result.exit_code == 2  # a pair failed (as diff -r says trouble)
    assert result.stdout.splitlines()[-1] == "3 documents: 1 different, 1 error, 1 identical; results in " + str(
        tmp_path / "out" / "index.html"
    )


def test_a_malformed_manifest_is_one_line_and_exit_2(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("left,right\nx,y\n", encoding="utf-8")
    result = runner_invoke("batch", manifest, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "needs a header line with columns a and b" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_the_progress_line_shows_documents_rate_and_time_left() -> None:
    import io

    from stmtdiff.corpus.commands import Progress

    stream = io.StringIO()
    bar = Progress(100, stream)
    bar.started -= 10  # ten seconds in
    bar(20, 30)  # 20 done now, 30 done by an earlier run
    line = stream.getvalue()
    assert "50/100 documents" in line and "30 done before" in line and "2.0/s" in line and "ETA 0:25" in line


def test_corpus_modules_keep_click_to_the_command_module() -> None:
    from test_layering import imported_modules

    for path in (ROOT / "stmtdiff" / "corpus").glob("*.py"):
        imports = imported_modules(path)
        if path.name != "commands.py":
            assert not any(m.startswith(("click", "stmtdiff.cli")) for m in imports), path
        assert "stmtdiff.cli" not in imports, path
    for path in (ROOT / "stmtdiff").glob("*.py"):
        if path.name != "cli.py":
            assert not any(m.startswith("stmtdiff.corpus") for m in imported_modules(path)), path


def test_the_corpus_package_imports_one_way() -> None:
    """Stages import only later-built ones: sources and screen know nothing of jobs, jobs
    nothing of engines or outputs, and so on; no module imports one that imports it back."""
    from test_layering import imported_modules

    package = ROOT / "stmtdiff" / "corpus"
    graph = {
        path.stem: {m.rsplit(".", 1)[1] for m in imported_modules(path) if m.startswith("stmtdiff.corpus.")}
        for path in package.glob("*.py")
        if path.stem != "__init__"
    }
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join(path + (name,))}"
        if name not in done:
            for other in graph.get(name, ()):
                visit(other, path + (name,))
            done.add(name)

    for name in graph:
        visit(name, ())
    assert "jobs" not in graph["sources"] | graph["screen"] and "outputs" not in graph["jobs"]


class _Context:
    """A stand-in context whose job kills its own worker process on one item."""

    def failure(self, item: str, message: str) -> object:
        from stmtdiff.corpus.jobs import Result

        return Result(item, {"id": item, "verdict": "error", "error": message})


def _dying_job(_context: _Context, item: str) -> object:
    from stmtdiff.corpus.jobs import Result

    if item == "crash":
        os._exit(3)  # as a segfault or the out-of-memory killer would end it
    return Result(item, {"id": item, "verdict": "done"})


def test_a_worker_that_dies_costs_its_document_an_error_row_and_nothing_else() -> None:
    from stmtdiff.corpus.engines import run_local

    items = [f"doc{n}" for n in range(30)]
    items.insert(11, "crash")
    results = {r.key: r.row for r in run_local(_dying_job, _Context(), iter(items), jobs=2)}
    assert sorted(results) == sorted(items)
    assert results["crash"]["verdict"] == "error" and "worker process died" in results["crash"]["error"]
    assert all(row["verdict"] == "done" for key, row in results.items() if key != "crash")


@pytest.mark.parametrize("decoy", [NEWS, SEEDS / "kazakhstan-us-foreign-ministers-news.txt"])
def test_a_decoy_compared_in_full_is_still_not_a_reprint(decoy: Path) -> None:
    """Screening usually stops decoys; when one gets through, the verdict still holds: a news
    report aligns a sentence or two with the statement, at similarities a reprint never has."""
    from stmtdiff.corpus.jobs import reprint_measures

    comparison = compare_files(STATEMENT, decoy)
    assert any(p.a and p.b and not p.outside for p in comparison.pairs)  # the aligner did pair something
    units = {s.index for s in comparison.a.sentences if not s.boilerplate}
    measures = reprint_measures(comparison, units)
    assert measures["verdict"] == "not reprinted" and measures["reprinted"] == 0.0
    assert measures["omitted"] == 1.0 and measures["top_changes"] == ""


def test_web_pages_are_read_as_diff_reads_them(tmp_path: Path) -> None:
    from html import escape

    page = tmp_path / "page.html"
    paragraphs = "".join(f"<p>{escape(s)}</p>" for s in statement_body())
    page.write_text(f"<html><body><nav>Home | News</nav><article><h1>Statement</h1>{paragraphs}</article></body></html>",
                    encoding="utf-8")
    totals = trace(str(STATEMENT), [str(page)], str(tmp_path / "out"), jobs=1, html=False)
    assert totals.verdicts == {"reprint": 1}
    row = next(iter_rows_jsonl(str(tmp_path / "out" / "summary.jsonl")))
    report = json.loads((tmp_path / "out" / row["report"]).read_text(encoding="utf-8"))
    assert report["b"]["source"]["kind"] == "html" and row["exact"] > 0.8


def test_too_large_and_undecodable_documents_get_error_rows(corpus: Path, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 society met again.".encode("latin-1"))
    result = runner_invoke(
        "trace", STATEMENT, corpus / "reprint-whole.txt", latin, "--out", tmp_path / "out",
        "--max-size", "0.002", "--encoding", "utf-8",
    )
    assert result.exit_code == 2, result.output
    rows = {Path(r["id"]).name: r for r in iter_rows_jsonl(str(tmp_path / "out" / "summary.jsonl"))}
    size = (corpus / "reprint-whole.txt").stat().st_size
    assert rows["reprint-whole.txt"]["error"].endswith(f"too large: {size:,} bytes, over the limit of 2,000 (--max-size)")
    assert "is not valid utf-8: byte 0xe9 at offset 3" in rows["latin.txt"]["error"]


def test_retry_errors_runs_the_failed_documents_again_and_only_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import stmtdiff.corpus.commands as commands

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text(filler(0, 2), encoding="utf-8")
    fixed = " ".join(statement_body()).encode("utf-8")
    later = docs / "later.txt"
    later.write_bytes(b"\x00" * len(fixed))  # not yet readable
    out = tmp_path / "out"
    assert runner_invoke("trace", STATEMENT, docs, "--out", out).exit_code == 2
    when = later.stat().st_mtime_ns
    later.write_bytes(fixed)  # fixed, with the same size and time: as if the failure had been the reading's
    os.utime(later, ns=(when, when))
    assert runner_invoke("trace", STATEMENT, docs, "--out", out).exit_code == 2  # done before: kept
    monkeypatch.setattr(commands, "_stderr_isatty", lambda: True)  # the progress line, too
    result = runner_invoke("trace", STATEMENT, docs, "--out", out, "--retry-errors")
    assert result.exit_code == 0 and verdicts(out) == {"good.txt": "screened out", "later.txt": "reprint"}
    assert "2/2 documents · 1 done before · " in result.stderr and result.stderr.endswith("\n")


def test_a_long_index_lists_the_documents_of_interest_first(reference: Path, tmp_path: Path, corpus: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import stmtdiff.corpus.outputs as outputs

    monkeypatch.setattr(outputs, "INDEX_MAX_ROWS", 5)
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    trace(str(STATEMENT), [str(corpus)], str(out), jobs=1)  # nothing left to do: only the summary
    page = (out / "index.html").read_text(encoding="utf-8")
    listed = [Path(name).name for name in re.findall(r'<td class="id">(?:<a href="[^"]*">)?([^<]*)', page)]
    # every reprint and error, then the first other documents, in input order
    assert listed == ["broken.txt", "reprint-part.txt", "reprint-whole.txt", "decoy-news-report.txt", "in-commentary.txt"]
    assert "7 documents: 1 error, 3 reprint, 3 screened out (5 listed here; every row is in summary.csv)" in page
    assert summary_bytes(out)["summary.csv"] == summary_bytes(reference)["summary.csv"]


@pytest.mark.parametrize("module", ["sources", "screen", "jobs"])
def test_the_worked_examples_in_the_docstrings_hold(module: str) -> None:
    import doctest
    from importlib import import_module

    assert doctest.testmod(import_module(f"stmtdiff.corpus.{module}")).failed == 0
