"""``stmtdiff diff A B C [D ...]``: three or more versions from the command line (issue 17).

Exit status as for two documents (0 all identical, 1 differences, 2 trouble with one line);
the two-document report itself is guarded by the snapshots in test_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from test_cli import OLD, assert_trouble, invoke

NEW = OLD.replace("intention", "intent")
MORE = OLD + "A closing line the others lack.\n"


@pytest.fixture
def three(tmp_path: Path) -> tuple[Path, Path, Path]:
    paths = (tmp_path / "first.txt", tmp_path / "second.txt", tmp_path / "third.txt")
    for path, text in zip(paths, (OLD, NEW, MORE)):
        path.write_text(text, encoding="utf-8")
    return paths


def ok(result: Result, code: int) -> Result:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr == ""
    return result


def test_three_versions_give_one_row_per_sentence_family(three: tuple[Path, Path, Path]) -> None:
    out = ok(invoke("diff", *three, "--color", "never"), 1).stdout
    first = out.splitlines()[0]
    assert first.endswith("first.txt (3 sentences) [base]") and first.startswith("a: ")
    assert "@@ row 2: changed in b (a 2 \u00b7 b 2 \u00b7 c 2; wording)" in out
    assert "  [a,c] Participants expressed their intention to act." in out
    assert "  [b]   Participants expressed their [-intention-]{+intent+} to act." in out
    assert "@@ row 4: added by c" in out and "{+A closing line the others lack.+}" in out
    assert "Summary" in out and "verdict: different" in out


def test_identical_versions_exit_0(tmp_path: Path) -> None:
    paths = [tmp_path / f"{n}.txt" for n in range(4)]
    for path in paths:
        path.write_text(OLD, encoding="utf-8")
    out = ok(invoke("diff", *paths), 0).stdout
    assert "... 3 rows equal in every version" in out and "verdict: identical" in out


def test_stat_gives_the_per_version_table(three: tuple[Path, Path, Path]) -> None:
    out = ok(invoke("diff", "--stat", *three), 1).stdout
    lines = out.splitlines()
    assert lines[0] == "Summary" and "@@" not in out
    assert lines[2].split() == ["version", "sentences", "omits", "adds", "changes", "moves", "similar"]
    assert lines[3].split()[-2:] == ["3", "base"]
    assert lines[4].split()[-6:-1] == ["3", "0", "0", "1", "0"]  # b changes one sentence
    assert lines[5].split()[-6:-1] == ["4", "0", "1", "0", "0"]  # c adds one


def test_base_names_another_version(three: tuple[Path, Path, Path]) -> None:
    out = ok(invoke("diff", "--base", "3", *three), 1).stdout
    assert out.splitlines()[2].endswith("third.txt (4 sentences) [base]")
    assert "@@ row 4: omitted by a, b" in out
    data = json.loads(ok(invoke("diff", "--base", "2", "--format", "json", *three), 1).stdout)
    assert data["base"] == 1 and [Path(d["name"]).name for d in data["docs"]] == ["first.txt", "second.txt", "third.txt"]


def test_base_2_of_two_versions_is_the_pairwise_report_the_other_way(three: tuple[Path, Path, Path]) -> None:
    swapped = ok(invoke("diff", "--base", "2", three[0], three[1]), 1).stdout
    direct = ok(invoke("diff", three[1], three[0]), 1).stdout
    assert swapped == direct


def test_json_html_and_markdown(three: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data = json.loads(ok(invoke("diff", "--format", "json", *three), 1).stdout)
    assert data["format"] == "stmtdiff-collation" and len(data["docs"]) == 3
    assert data["rows"][1] == [[1], [1], [1]]
    page = tmp_path / "report.html"
    ok(invoke("diff", "--format", "html", "-o", page, *three), 1)
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="picker"' in html
    md = ok(invoke("diff", "--format", "markdown", *three), 1).stdout
    assert md.startswith("# stmtdiff: ") and "- **\\[b\\]** Participants" in md


def test_labels_name_the_versions(three: tuple[Path, Path, Path]) -> None:
    out = ok(invoke("diff", "-L", "US", "-L", "partner", "-L", "reprint", *three), 1).stdout
    assert out.splitlines()[:3] == [
        "a: US (3 sentences) [base]",
        "b: partner (3 sentences)",
        "c: reprint (4 sentences)",
    ]
    assert_trouble(invoke("diff", *(["-L", "x"] * 4), *three), "--label")


def test_bad_input_in_one_file_is_one_line_naming_it(three: tuple[Path, Path, Path], tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    assert_trouble(invoke("diff", three[0], three[1], missing), "missing.txt")
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    assert_trouble(invoke("diff", three[0], binary, three[2]), "image.bin")
    assert_trouble(invoke("diff", three[0], tmp_path, three[2]), str(tmp_path))


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--base", "4"], "--base"),
        (["--base", "0"], "--base"),
        (["-y"], "side by side"),
        (["--from-a", "html"], "--from-a"),
        (["--format", "docx", "-o", "x.docx"], "--format docx"),
    ],
)
def test_bad_usage_with_three_versions_exits_2(three: tuple[Path, Path, Path], args: list[str], needle: str) -> None:
    assert_trouble(invoke("diff", *args, *three), needle)


def test_stdin_for_one_version_only(three: tuple[Path, Path, Path]) -> None:
    out = ok(invoke("diff", three[0], "-", three[2], input=NEW), 1).stdout
    assert "b: <stdin>" in out
    assert_trouble(invoke("diff", "-", "-", three[2], input=NEW), "stdin")
