"""The PDF report (issue 19): the HTML report printed by headless Chromium, read back with poppler.

Chromium comes from ``scripts/ensure-browser.sh`` and pdftotext from ``scripts/ensure-office.sh``
(``make test`` runs both); the fixture runs them when a tool is missing and skips, saying why,
only when they cannot install it. STMTDIFF_SKIP_BROWSER=1 skips on purpose, as for the browser tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT
from html_factories import Group, big_comparison, make_comparison, sample_comparison

from stmtdiff import cli as cli_module
from stmtdiff.errors import StmtdiffError
from stmtdiff.model import Comparison
from stmtdiff.report.pdf import INSTALL_HINT, find_browser, printable_html, render_pdf

PAGE_IMAGE = ROOT / "docs" / "report-pdf-page.png"
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@pytest.fixture(scope="module")
def printer() -> None:
    if os.environ.get("STMTDIFF_SKIP_BROWSER") == "1":
        pytest.skip("STMTDIFF_SKIP_BROWSER=1")
    for script, ready in (
        ("ensure-browser.sh", lambda: _has_browser()),
        ("ensure-office.sh", lambda: shutil.which("pdftotext") is not None),
    ):
        if not ready():
            subprocess.run(["bash", str(ROOT / "scripts" / script)], capture_output=True)
        if not ready():
            pytest.skip(f"scripts/{script} could not install what this test needs (it needs root and apt-get)")


def _has_browser() -> bool:
    try:
        find_browser()
    except StmtdiffError:
        return False
    return True


def pdf_text(pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def assert_nothing_cut_at_the_right_edge(pdf: bytes, tmp_path: Path) -> None:
    """Every word lies inside its page, with room to spare (Chromium's margin is about 28 pt)."""
    boxes = pdf_text(pdf, tmp_path, "-bbox")
    pages = boxes.split("<page ")[1:]
    assert pages
    for page in pages:
        width = float(PAGE.match("<page " + page).group(1))
        for x_min, x_max, word in WORD.findall(page):
            assert 0 <= float(x_min) and float(x_max) <= width - 14, (word, x_max, width)


def words(text: str) -> list[str]:
    """Words without hyphens: pdftotext joins a word split at a line-end hyphen and drops it."""
    return [w.replace("-", "") for w in text.split()]


def assert_every_word_of_both_documents(c: Comparison, text: str) -> None:
    """Side by side, the A column holds A's text and the B column B's: each word of each, in full."""
    printed = Counter(words(text))
    wanted = Counter(words(c.a.text)) + Counter(words(c.b.text))
    missing = wanted - printed
    assert not missing, list(missing.items())[:10]


def test_the_seed_report_prints_header_ranked_changes_and_every_row(printer, tmp_path, seed_comparison):
    pdf = render_pdf(seed_comparison)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf, tmp_path)
    flat = " ".join(text.split())
    for heading in ("Summary", "Groups by status", "Changes by class", "Most significant changes", "Sentences"):
        assert heading in flat
    assert f"{seed_comparison.summary.similarity * 100:.1f}%" in flat
    # the ranked changes, all of them (the ones past the tenth are folded on screen)
    for rank, (pi, ci) in enumerate(seed_comparison.summary.top_changes[:20], start=1):
        change = seed_comparison.pairs[pi].changes[ci]
        shown = " ".join((change.b_text or change.a_text).split())[:40]
        assert shown.split()[0] in flat, (rank, shown)
    assert "Other text outside the shared region" in flat
    assert_every_word_of_both_documents(seed_comparison, text)
    assert_nothing_cut_at_the_right_edge(pdf, tmp_path)
    if os.environ.get("STMTDIFF_UPDATE_SCREENSHOT"):  # refresh the README's picture on demand
        path = tmp_path / "report.pdf"
        subprocess.run(["pdftoppm", "-r", "70", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "p")], check=True)
        PAGE_IMAGE.write_bytes(next(tmp_path.glob("p*.png")).read_bytes())


def test_rows_laid_out_lazily_on_screen_all_print(printer, tmp_path):
    c = big_comparison(n=200, seed=7)  # 4 blocks of 50 rows, an outside block, moves
    text = pdf_text(render_pdf(c), tmp_path)
    assert_every_word_of_both_documents(c, text)
    labels = re.findall(r"\bA (\d+)(?:–\d+)? · B (\d+)", text)
    assert len(labels) >= sum(1 for p in c.pairs if p.a and p.b)


def test_long_unbroken_text_wraps_instead_of_running_off_the_page(printer, tmp_path):
    token = "x" * 300
    a = ["Intro sentence one.", f"A very {token} token here.", "Equal https://example.org/" + "y" * 200 + " end."]
    b = ["Intro sentence one.", f"A very {token}z token there.", "Equal https://example.org/" + "y" * 200 + " end."]
    groups = [
        Group((0,), (0,), "equal"),
        Group((1,), (1,), "changed", changes=[(f"{token} token here", f"{token}z token there", "substantive", 0.9, ("r" * 200,))]),
        Group((2,), (2,), "equal"),
    ]
    c = make_comparison(a, b, groups, a_name="/very/" + "n" * 200 + ".txt", b_name="b.txt", notes=("q" * 300,))
    pdf = render_pdf(c)
    assert_nothing_cut_at_the_right_edge(pdf, tmp_path)
    joined = "".join(pdf_text(pdf, tmp_path).split())
    for long in ("n" * 200, "q" * 300, "y" * 200, token + "z", "r" * 200):
        assert long in joined  # wrapped onto several lines, every character printed


def test_the_printable_page_opens_the_folded_blocks():
    page = printable_html(sample_comparison())
    assert '<details class="out" open>' in page and '<details class="out">' not in page


def test_a_missing_browser_is_one_line_saying_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delenv("STMTDIFF_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing there
    with pytest.raises(StmtdiffError, match="apt-get install chromium"):
        render_pdf(sample_comparison())
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("We will act.\n", encoding="utf-8")
    b.write_text("We shall act.\n", encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["diff", str(a), str(b), "--format", "pdf", "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2
    assert result.stderr == f"stmtdiff: error: {INSTALL_HINT}\n"
    assert not (tmp_path / "r.pdf").exists()


def test_stmtdiff_chromium_must_name_an_executable(monkeypatch):
    monkeypatch.setenv("STMTDIFF_CHROMIUM", "/nonexistent/chromium")
    with pytest.raises(StmtdiffError, match="/nonexistent/chromium: not an executable file"):
        find_browser()


def test_the_command_line_writes_the_pdf(printer, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("We will act. It is done.\n", encoding="utf-8")
    b.write_text("We shall act. It is done.\n", encoding="utf-8")
    out = tmp_path / "report.pdf"
    result = CliRunner().invoke(cli_module.cli, ["diff", str(a), str(b), "--format", "pdf", "-o", str(out)])
    assert result.exit_code == 1, result.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert "We shall act." in pdf_text(out.read_bytes(), tmp_path)
