"""The command line: every option, every exit status, stdin, colour, git, snapshots, docs.

Exit status is diff(1)'s: 0 no differences, 1 differences, 2 trouble, with one line on stderr.
Snapshots of the seed pair live in tests/snapshots/; after a deliberate change to the report
or the engine, regenerate them with ``STMTDIFF_UPDATE_SNAPSHOTS=1`` and read the diff.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from stmtdiff import cli as cli_module
from stmtdiff.cli import cli, resolve_color

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_A = SEEDS / "espd-2024-statement-state-dept-reworded.txt"
SEED_B = SEEDS / "espd-2024-statement-in-article.txt"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
ANSI = re.compile(r"\x1b\[[0-9;]*m")

OLD = "We met in Astana. Participants expressed their intention to act. The talks ended.\n"
NEW = "We met in Astana. Participants expressed their intent to act. The talks ended.\n"


def invoke(*args: object, input: str | bytes | None = None, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process; NO_COLOR and git's pager variable are cleared unless given."""
    base = {"NO_COLOR": "", "GIT_PAGER_IN_USE": "", "COLUMNS": "100"}
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, env={**base, **(env or {})})


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def assert_trouble(result: Result, *needles: str) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("stmtdiff: error: "), lines[0]
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# --------------------------------------------------------------------------- exit status


def test_identical_documents_exit_0(pair: tuple[Path, Path]) -> None:
    result = invoke("diff", pair[0], pair[0])
    assert result.exit_code == 0, result.stderr
    assert "verdict: identical" in result.stdout
    assert result.stderr == ""


def test_different_documents_exit_1_with_an_inline_word_diff(pair: tuple[Path, Path]) -> None:
    result = invoke("diff", *pair)
    assert result.exit_code == 1, result.stderr
    assert "their [-intention-]{+intent+} to act." in result.stdout
    assert "@@ changed a 2 -> b 2" in result.stdout
    assert result.stderr == ""


def test_a_difference_in_page_furniture_alone_still_exits_1(tmp_path: Path) -> None:
    """Boilerplate is left out of the change counts, but the documents are not the same."""
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The two sides met in Astana.\n", encoding="utf-8")
    new.write_text("The two sides met in Astana.\n12\n", encoding="utf-8")  # a lone page number
    result = invoke("diff", "--format", "json", old, new)
    assert result.exit_code == 1, result.stderr
    summary = json.loads(result.stdout)["summary"]
    assert summary["boilerplate"] == 1 and summary["inserted"] == 0 and summary["identical"] is False


def test_missing_file_exits_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", tmp_path / "nope.txt", pair[1]), "nope.txt")


def test_an_empty_file_name_is_named_as_such_not_as_the_current_directory(pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", pair[0], ""), "empty file name")


def test_directory_exits_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", pair[0], tmp_path))


def test_binary_file_exits_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    assert_trouble(invoke("diff", binary, pair[1]))


def test_undecodable_bytes_exit_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\u00e9 cr\u00e8me.".encode("latin-1"))
    assert_trouble(invoke("diff", "--encoding", "ascii", latin, pair[1]))


def test_unknown_encoding_exits_2(pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", "--encoding", "no-such-codec", *pair))


@pytest.mark.parametrize("codec", ["base64", "punycode", "unicode_escape"])
def test_an_encoding_that_is_not_a_text_codec_is_trouble_not_an_internal_error(
    pair: tuple[Path, Path], codec: str
) -> None:
    pair[0].write_bytes(b"We met in \\ud800 Astana.\n")
    result = invoke("diff", "--encoding", codec, *pair)
    assert_trouble(result, str(pair[0]))
    assert "internal error" not in result.stderr


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--units", "words"], "--units"),
        (["--threshold", "1.5"], "--threshold"),
        (["--threshold", "abc"], "--threshold"),
        (["--threshold", "nan"], "--threshold"),  # FloatRange alone lets NaN through
        (["-y", "--width", "99999999999999999999"], "--width"),  # overflowed padding the columns
        (["--format", "odt"], "--format"),
        (["--color", "sometimes"], "--color"),
        (["--from", "odt"], "--from"),
        (["--ignore", "grammar"], "grammar"),
        (["--width", "5"], "--width"),
        (["--context", "-1"], "--context"),
        (["--no-such-option"], "--no-such-option"),
        (["-L", "x", "-L", "y", "-L", "z"], "--label"),
    ],
)
def test_bad_option_values_exit_2_with_one_line(pair: tuple[Path, Path], args: list[str], needle: str) -> None:
    assert_trouble(invoke("diff", *args, *pair), needle)


def test_missing_argument_exits_2(pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", pair[0]), "Missing argument")


def test_unknown_command_exits_2() -> None:
    assert_trouble(invoke("compare", "a", "b"), "compare")


def test_stdin_on_both_sides_exits_2() -> None:
    assert_trouble(invoke("diff", "-", "-", input=OLD), "stdin")


def test_missing_watch_file_exits_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", "--watch", tmp_path / "terms.txt", *pair), "--watch")


def test_debug_shows_the_traceback(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    result = invoke("diff", "--debug", tmp_path / "nope.txt", pair[1])
    assert result.exit_code == 2
    assert "Traceback" in result.stderr
    assert result.stderr.splitlines()[-1].startswith("stmtdiff: error: ")


def test_library_bug_is_one_line_without_debug(monkeypatch: pytest.MonkeyPatch, pair: tuple[Path, Path]) -> None:
    def broken(*_a: object, **_k: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(importlib.import_module("stmtdiff.compare"), "compare_documents", broken)
    assert_trouble(invoke("diff", *pair), "internal error", "boom", "--debug")


# ------------------------------------------------------------------------------- options


def test_stdin_can_be_either_side(pair: tuple[Path, Path]) -> None:
    left = invoke("diff", "-", pair[1], input=OLD)
    right = invoke("diff", pair[0], "-", input=NEW)
    assert left.exit_code == right.exit_code == 1
    assert "[-intention-]{+intent+}" in left.stdout and "[-intention-]{+intent+}" in right.stdout


def test_labels_replace_the_names_like_diff(pair: tuple[Path, Path]) -> None:
    result = invoke("diff", "--label", "draft", "-L", "final", *pair)
    assert result.stdout.startswith("--- a: draft (3 sentences, en)\n+++ b: final (3 sentences, en)\n")


def test_units_lines_and_paragraphs(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One. Two.\nThree.\n\nFour.\n", encoding="utf-8")
    b.write_text("One. Two.\nThree!\n\nFour.\n", encoding="utf-8")
    lines = invoke("diff", "--units", "lines", a, b)
    paragraphs = invoke("diff", "--units", "paragraphs", a, b)
    assert "(3 lines)" in lines.stdout and "(2 paragraphs)" in paragraphs.stdout
    assert lines.exit_code == paragraphs.exit_code == 1


def test_threshold_one_refuses_to_align_a_reworded_sentence(pair: tuple[Path, Path]) -> None:
    result = invoke("diff", "--threshold", "1", *pair)
    assert result.exit_code == 1
    assert "@@ changed" not in result.stdout
    assert "@@ deleted" in result.stdout and "@@ inserted" in result.stdout


def test_ignore_case_punctuation_and_whitespace(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    a.write_text("We will act now. It is done.\n", encoding="utf-8")
    variants = {
        "--ignore-case": "WE WILL ACT NOW. It is done.\n",
        "--ignore-punctuation": "We will act now! It is done.\n",
        "--ignore-whitespace": "We will  act\nnow. It is done.\n",
    }
    for flag, text in variants.items():
        b = tmp_path / "b.txt"
        b.write_text(text, encoding="utf-8")
        assert invoke("diff", a, b).exit_code == 1, flag
        assert invoke("diff", flag, a, b).exit_code == 0, flag


def test_ignore_classes_leave_the_rest_to_decide_the_exit_status(pair: tuple[Path, Path]) -> None:
    pytest.importorskip("stmtdiff.classify")
    everything = "formatting,spelling,wording,substantive"
    assert invoke("diff", "--ignore", everything, *pair).exit_code == 0
    assert invoke("diff", "--ignore", "formatting", "--ignore", "spelling", *pair).exit_code == 1


def test_watch_list_makes_a_change_substantive(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    pytest.importorskip("stmtdiff.classify")
    terms = tmp_path / "terms.txt"
    terms.write_text("# terms we care about\n\nintention\n", encoding="utf-8")
    result = invoke("diff", "--watch", terms, "--format", "json", *pair)
    changes = [ch for p in json.loads(result.stdout)["pairs"] for ch in p.get("changes", [])]
    assert any(ch["class"] == "substantive" and "watched term" in ch["reasons"] for ch in changes)


def html_page(text: str) -> str:
    body = "".join(f"<p>{s.strip()}</p>" for s in text.strip().split(". "))
    nav = "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    return f"<html><head><title>Statement</title></head><body>{nav}<article>{body}</article></body></html>"


def test_from_reads_html_whatever_the_file_is_called(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    old_page, new_page = tmp_path / "old-page.txt", tmp_path / "new-page.txt"
    old_page.write_text(html_page(OLD), encoding="utf-8")
    new_page.write_text(html_page(NEW), encoding="utf-8")
    assert invoke("diff", "--from", "html", old_page, old_page).exit_code == 0
    assert "[-intention-]{+intent+}" in invoke("diff", "--from", "html", old_page, new_page).stdout
    extracted = invoke("extract", "--from", "html", old_page)
    assert "<p>" not in extracted.stdout and "intention to act" in extracted.stdout
    assert "<p>" in invoke("extract", old_page).stdout  # without --from, a .txt is text


def test_from_a_and_from_b_set_one_side(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    page = tmp_path / "page.txt"
    page.write_text(html_page(OLD), encoding="utf-8")
    result = invoke("diff", "--from-a", "html", page, pair[1])
    assert result.exit_code == 1 and "[-intention-]{+intent+}" in result.stdout
    result = invoke("diff", "--from-b", "html", pair[1], page)
    assert result.exit_code == 1 and "[-intent-]{+intention+}" in result.stdout


def test_encoding_decodes_legacy_bytes(tmp_path: Path) -> None:
    text = "Caf\u00e9 cr\u00e8me. Na\u00efve r\u00e9sum\u00e9.\n"
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_bytes(text.encode("latin-1"))
    two.write_bytes(text.replace("Na\u00efve", "Naive").encode("latin-1"))
    assert invoke("extract", "--encoding", "latin-1", one).stdout == text
    result = invoke("diff", "--encoding", "latin-1", one, two)
    assert result.exit_code == 1 and "[-Na\u00efve-]{+Naive+} r\u00e9sum\u00e9." in result.stdout


def test_context_and_all_unfold_equal_groups(pair: tuple[Path, Path]) -> None:
    folded = invoke("diff", *pair).stdout
    assert "We met in Astana." not in folded and "... 1 sentence unchanged" in folded
    assert "We met in Astana." in invoke("diff", "--context", "1", *pair).stdout
    assert "The talks ended." in invoke("diff", "--all", *pair).stdout


def test_side_by_side_fits_width(pair: tuple[Path, Path]) -> None:
    for flag in ("-y", "--side-by-side"):
        result = invoke("diff", flag, "--width", "50", *pair)
        rows = [line for line in result.stdout.split("\n\nSummary")[0].splitlines() if " | " in line]
        assert rows and max(len(r) for r in rows) <= 50
        assert any("[-intention-]" in r.split(" | ")[0] and "{+intent+}" in r.split(" | ")[1] for r in rows)


def test_width_defaults_to_the_terminal(pair: tuple[Path, Path]) -> None:
    narrow = invoke("diff", "-y", *pair, env={"COLUMNS": "40"}).stdout
    assert max(len(line) for line in narrow.splitlines() if " | " in line) <= 40


def test_stat_prints_only_the_summary(pair: tuple[Path, Path]) -> None:
    result = invoke("diff", "--stat", *pair)
    assert result.exit_code == 1
    assert result.stdout.startswith("Summary\n") and "@@" not in result.stdout
    assert "groups: 2 equal, 1 changed" in result.stdout


def test_formats(pair: tuple[Path, Path]) -> None:
    data = json.loads(invoke("diff", "--format", "json", *pair).stdout)
    assert {"a", "b", "pairs", "summary"} <= set(data)
    assert "<html" in invoke("diff", "--format", "html", *pair).stdout.lower()
    md = invoke("diff", "--format", "markdown", *pair).stdout
    assert md.startswith("# stmtdiff: ") and "<del>intention</del><ins>intent</ins>" in md


def test_output_file_is_written_whole_and_stdout_stays_empty(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "result.json"
    result = invoke("diff", "--format", "json", "-o", out, *pair)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["pairs"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".stmtdiff-")]


def test_output_file_is_untouched_when_the_comparison_fails(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    out = tmp_path / "report.txt"
    out.write_text("previous report\n", encoding="utf-8")
    assert_trouble(invoke("diff", "-o", out, tmp_path / "missing.txt", pair[1]))
    assert out.read_text(encoding="utf-8") == "previous report\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".stmtdiff-")]


def test_output_into_a_missing_directory_exits_2(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    assert_trouble(invoke("diff", "-o", tmp_path / "no" / "such" / "dir.txt", *pair))


def test_output_into_a_missing_directory_names_the_path_not_a_temporary_file(
    tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    out = tmp_path / "no" / "report.txt"
    result = invoke("diff", "-o", out, *pair)
    assert_trouble(result, str(out))
    assert ".stmtdiff-" not in result.stderr


def test_output_through_a_symlink_writes_the_file_it_names(tmp_path: Path, pair: tuple[Path, Path]) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    assert invoke("diff", "-o", link, *pair).exit_code == 1
    assert link.is_symlink() and "[-intention-]" in real.read_text(encoding="utf-8")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_output_to_a_device_or_pipe_is_written_in_place_not_replaced(
    tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    # `-o /dev/null` as root once renamed a regular file over the device; a FIFO shows it safely
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        assert invoke("diff", "-o", fifo, *pair).exit_code == 1
        assert fifo.is_fifo()
        assert b"[-intention-]" in os.read(reader, 65536)
    finally:
        os.close(reader)


def test_output_dash_means_stdout(pair: tuple[Path, Path]) -> None:
    assert "[-intention-]" in invoke("diff", "-o", "-", *pair).stdout


# -------------------------------------------------------------------------------- colour


def test_color_always_and_never(pair: tuple[Path, Path]) -> None:
    always = invoke("diff", "--color", "always", *pair).stdout
    assert "\x1b[31;9mintention\x1b[0m" in always and "[-" not in always
    assert "\x1b[" not in invoke("diff", "--color", "never", *pair).stdout


def test_color_auto_is_off_in_a_pipe(pair: tuple[Path, Path]) -> None:
    assert "\x1b[" not in invoke("diff", *pair).stdout


def test_no_color_is_respected_on_a_terminal(monkeypatch: pytest.MonkeyPatch, pair: tuple[Path, Path]) -> None:
    monkeypatch.setattr(cli_module, "_stdout_isatty", lambda: True)
    assert "\x1b[" in invoke("diff", *pair).stdout
    assert "\x1b[" not in invoke("diff", *pair, env={"NO_COLOR": "1"}).stdout
    assert "\x1b[" in invoke("diff", *pair, env={"NO_COLOR": ""}).stdout  # empty means unset
    assert "\x1b[" in invoke("diff", "--color", "always", *pair, env={"NO_COLOR": "1"}).stdout


def test_colour_never_goes_into_an_output_file_on_auto(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, pair: tuple[Path, Path]
) -> None:
    monkeypatch.setattr(cli_module, "_stdout_isatty", lambda: True)
    out = tmp_path / "r.txt"
    invoke("diff", "-o", out, *pair, env={"GIT_PAGER_IN_USE": "true"})
    assert "\x1b[" not in out.read_text(encoding="utf-8")
    invoke("diff", "--color", "always", "-o", out, *pair)
    assert "\x1b[" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "choice, isatty, env, expected",
    [
        ("auto", True, {}, True),
        ("auto", False, {}, False),
        ("auto", True, {"NO_COLOR": "1"}, False),
        ("auto", True, {"NO_COLOR": ""}, True),
        ("auto", False, {"GIT_PAGER_IN_USE": "true"}, True),
        ("always", False, {"NO_COLOR": "1"}, True),
        ("never", True, {}, False),
    ],
)
def test_resolve_color(choice: str, isatty: bool, env: dict[str, str], expected: bool) -> None:
    assert resolve_color(choice, isatty=isatty, environ=env) is expected


# ------------------------------------------------------------------ segment and extract


def test_segment_lists_units_with_offsets(pair: tuple[Path, Path]) -> None:
    result = invoke("segment", pair[0])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == "1 0-17 We met in Astana."
    assert len(lines) == 4
    as_json = json.loads(invoke("segment", "--format", "json", pair[0]).stdout)
    first = as_json["sentences"][0]
    assert (first["index"], first["start"], first["end"]) == (0, 0, 17)
    assert OLD[first["start"] : first["end"]] == first["text"]
    assert invoke("segment", "--units", "paragraphs", pair[0]).stdout.count("\n") == 2


def test_segment_reads_stdin_and_fails_cleanly(tmp_path: Path) -> None:
    assert "We met in Astana." in invoke("segment", "-", input=OLD).stdout
    assert_trouble(invoke("segment", tmp_path / "missing.txt"))
    assert_trouble(invoke("segment", "--units", "words", "-", input=OLD), "--units")


def test_clause_units_show_a_dropped_clause_as_deleted(tmp_path: Path) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("The parties agree: to meet in June; to report by May; to publish the minutes.\n")
    new.write_text("The parties agree: to meet in June; to publish the minutes.\n")
    result = json.loads(invoke("diff", "--units", "clauses", "--format", "json", old, new).stdout)
    assert [s["text"] for s in result["a"]["sentences"]][2] == "to report by May;"
    assert {"a": [2], "b": [], "status": "deleted"}.items() <= next(
        p for p in result["pairs"] if p["a"] == [2]
    ).items()


def test_extract_prints_the_compared_text_exactly(pair: tuple[Path, Path]) -> None:
    result = invoke("extract", pair[0])
    assert result.exit_code == 0 and result.stdout == OLD
    assert_trouble(invoke("extract", pair[0].parent))


# ----------------------------------------------------------------------------------- git


def test_git_diff_takes_gits_seven_arguments_and_exits_0_on_differences(pair: tuple[Path, Path]) -> None:
    args = ["doc.txt", pair[0], "a" * 40, "100644", pair[1], "b" * 40, "100644"]
    result = invoke("git-diff", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("--- a: a/doc.txt (3 sentences, en)\n+++ b: b/doc.txt (3 sentences, en)\n")
    assert "[-intention-]{+intent+}" in result.stdout


def test_git_diff_of_an_added_file_compares_with_nothing(pair: tuple[Path, Path]) -> None:
    result = invoke("git-diff", "new.txt", os.devnull, "0" * 40, "000000", pair[1], "b" * 40, "100644")
    assert result.exit_code == 0
    assert "@@ inserted" in result.stdout


def test_git_diff_rename_form_and_unmerged_path(pair: tuple[Path, Path]) -> None:
    nine = ["old.txt", pair[0], "a" * 40, "100644", pair[1], "b" * 40, "100644", "new.txt", "similarity index 90%\n"]
    assert "+++ b: b/new.txt" in invoke("git-diff", *nine).stdout
    unmerged = invoke("git-diff", "doc.txt")
    assert unmerged.exit_code == 0 and unmerged.stdout == "* Unmerged path doc.txt\n"
    assert_trouble(invoke("git-diff", "a", "b"), "7")
    assert_trouble(invoke("git-diff", "doc.txt", "/nonexistent/x", "a", "100644", pair[1], "b", "100644"))


def console_script() -> str:
    """The installed ``stmtdiff`` next to this interpreter (the one `make setup` installs)."""
    candidate = Path(sys.executable).parent / "stmtdiff"
    found = str(candidate) if candidate.exists() else shutil.which("stmtdiff")
    assert found, "the stmtdiff console script is not installed: run `make setup`"
    return found


def git(repo: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {
        **os.environ,
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_PAGER": "cat",
        "NO_COLOR": "",
    }
    return subprocess.run(
        ["git", *args], cwd=repo, env={**base, **(env or {})}, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits of the seed statement: the reworded copy, then the official one."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    assert git(repo, "init", "-q").returncode == 0
    shutil.copy(SEED_A, repo / "statement.txt")
    git(repo, "add", "statement.txt")
    assert git(repo, "commit", "-q", "-m", "first").returncode == 0
    shutil.copy(SEED_B, repo / "statement.txt")
    assert git(repo, "commit", "-q", "-am", "second").returncode == 0
    return repo


def test_git_external_diff_recipe(repo: Path) -> None:
    command = f"{console_script()} git-diff --width 100"
    done = git(repo, "diff", "--ext-diff", "HEAD~1", "HEAD", env={"GIT_EXTERNAL_DIFF": command})
    assert done.returncode == 0, done.stderr
    assert "--- a: a/statement.txt" in done.stdout and "+++ b: b/statement.txt" in done.stdout
    assert "[-towards sustainable-]{+toward permanent+}" in done.stdout
    logged = git(repo, "log", "-p", "--ext-diff", "-1", "--", "statement.txt", env={"GIT_EXTERNAL_DIFF": command})
    assert logged.returncode == 0 and "{+toward permanent+}" in logged.stdout


def test_git_diff_driver_recipe(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.txt diff=stmtdiff\n", encoding="utf-8")
    driver = f"diff.stmtdiff.command={console_script()} git-diff --stat"
    done = git(repo, "-c", driver, "diff", "--ext-diff", "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Summary\n") and "a: a/statement.txt" in done.stdout


def test_git_difftool_recipe_with_labels(repo: Path) -> None:
    command = f'{console_script()} diff --stat -L "a/$MERGED" -L "b/$MERGED"'
    done = git(repo, "difftool", "-y", "-x", command, "HEAD~1", "HEAD")
    assert done.returncode == 0, done.stderr
    assert "a: a/statement.txt" in done.stdout and "b: b/statement.txt" in done.stdout


# ---------------------------------------------------------------------- the real program


def test_console_script_reads_stdin_in_a_subprocess(pair: tuple[Path, Path]) -> None:
    env = {**os.environ, "NO_COLOR": "", "GIT_PAGER_IN_USE": ""}
    done = subprocess.run(
        [console_script(), "diff", "--width", "100", "-", str(pair[1])],
        input=OLD,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "[-intention-]{+intent+}" in done.stdout
    assert done.stderr == ""
    bad = subprocess.run(
        [console_script(), "diff", "missing.txt", "-"], input="", capture_output=True, text=True, env=env
    )
    assert bad.returncode == 2 and bad.stderr.startswith("stmtdiff: error: ") and bad.stderr.count("\n") == 1


def test_python_dash_m_works(pair: tuple[Path, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "stmtdiff", "diff", str(pair[0]), str(pair[0])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr


def test_the_real_program_ends_at_once_without_losing_output() -> None:
    """main() skips tearing the comparison down; the report must still arrive whole, in a pipe."""
    args = ["diff", "--format", "json", str(SEED_A), str(SEED_B)]
    done = subprocess.run([sys.executable, "-m", "stmtdiff", *args], capture_output=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1, done.stderr
    assert done.stdout == invoke(*args).stdout_bytes
    assert cli_module._kept_until_exit is None  # in-process callers free their results as usual


def test_shell_completion_script_is_provided() -> None:
    env = {**os.environ, "_STMTDIFF_COMPLETE": "bash_source"}
    done = subprocess.run([console_script()], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "_stmtdiff_completion" in done.stdout


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("stmtdiff ")


# ------------------------------------------------------------------------------ the seeds


def test_seed_pair_is_the_same_bytes_every_time() -> None:
    args = ("diff", "--width", "100", "--context", "1", SEED_A, SEED_B)
    first, second = invoke(*args), invoke(*args)
    assert first.exit_code == 1
    assert first.stdout_bytes == second.stdout_bytes


SNAPSHOT_CASES = {
    "seed-pair.txt": ["--width", "100"],
    "seed-pair-side-by-side.txt": ["-y", "--width", "160"],
    "seed-pair-stat.txt": ["--stat", "--width", "100"],
    "seed-pair.md": ["--format", "markdown"],
}


@pytest.mark.parametrize("name", sorted(SNAPSHOT_CASES))
def test_seed_pair_snapshot(name: str) -> None:
    result = invoke("diff", *SNAPSHOT_CASES[name], "-L", SEED_A.name, "-L", SEED_B.name, SEED_A, SEED_B)
    assert result.exit_code == 1, result.stderr
    path = SNAPSHOTS / name
    if os.environ.get("STMTDIFF_UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(result.stdout, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    assert result.stdout == expected, f"{name} changed; if intended, rerun with STMTDIFF_UPDATE_SNAPSHOTS=1"


# ---------------------------------------------------------------------------------- docs


def every_command() -> list[str]:
    return sorted(cli.commands)


@pytest.mark.parametrize("command", every_command())
def test_help_has_examples(command: str) -> None:
    result = invoke(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"stmtdiff {command} " in result.stdout or f"stmtdiff {command}'" in result.stdout


def test_every_option_of_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index("<!-- cli-start -->"), readme.index("<!-- cli-end -->")
    section = readme[start:end]
    missing = []
    for name in every_command():
        assert f"stmtdiff {name}" in section, name
        for param in cli.commands[name].params:
            for opt in [*param.opts, *param.secondary_opts]:
                documented = re.search(rf"`[^`]*{re.escape(opt)}(?![\w-])", section)
                if opt.startswith("-") and opt not in ("-h", "--help") and not documented:
                    missing.append(f"{name} {opt}")
    assert not missing, f"options not documented in README's cli section: {missing}"


# ------------------------------------------------------------------------------ progress


def test_progress_bars_only_for_large_inputs_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, pair: tuple[Path, Path]
) -> None:
    quiet = invoke("diff", *pair)
    assert quiet.stderr == ""  # small inputs, and stderr is not a terminal here
    monkeypatch.setattr(cli_module, "_stderr_isatty", lambda: True)
    assert invoke("diff", *pair).stderr == ""  # a terminal, but small inputs
    monkeypatch.setattr(cli_module, "PROGRESS_MIN_BYTES", 10)
    shown = invoke("diff", *pair)
    assert "diff" in shown.stderr  # one bar per stage, labelled with the stage
    assert shown.stdout == quiet.stdout  # the report is untouched


def test_a_report_written_with_o_gets_the_usual_file_mode(tmp_path):
    import os
    import stat

    from stmtdiff.cli import write_atomically

    umask = os.umask(0o022)
    try:
        write_atomically(str(tmp_path / "report.html"), "<p>x</p>")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644


def test_ignored_differences_do_not_make_the_exit_status_or_the_html_count_them(tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The talks  went well.\nTrade grew by 5%.\n", encoding="utf-8")
    b.write_text("The talks went well.\nTrade grew by 5%.\n", encoding="utf-8")
    assert invoke("diff", str(a), str(b)).exit_code == 1
    assert invoke("diff", "--ignore-whitespace", str(a), str(b)).exit_code == 0
    html = invoke("diff", "--ignore-whitespace", "--format", "html", str(a), str(b)).stdout
    assert "whitespace only" not in html  # the ignored change is in no row's list of changes
    b.write_text("The Talks went well.\nTrade grew by 5%.\n", encoding="utf-8")
    assert invoke("diff", "--ignore-whitespace", "--ignore-case", str(a), str(b)).exit_code == 0
    assert invoke("diff", "--ignore-whitespace", str(a), str(b)).exit_code == 1
