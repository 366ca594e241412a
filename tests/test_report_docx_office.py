"""The Word redline in a real office application: Debian's LibreOffice, headless (issue 19).

LibreOffice opens each redline without a repair, converts it to PDF, and the page is read back
(pdftotext) and rendered (pdftoppm); LibreOffice also accepts and rejects every tracked change
itself, through UNO, and must then hold exactly B and A (paragraph breaks aside).

The tools come from ``scripts/ensure-office.sh`` (``make test`` runs it); when they are missing
the fixture runs it, and the tests skip, saying why, only when that cannot install them (not
root, no apt-get).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from docx_reader import breaks_aside, read
from html_factories import sample_comparison
from test_report_docx import OOXML_INJECTION, injection_comparison

import stmtdiff
from stmtdiff.model import Comparison
from stmtdiff.report.docx import as_written, render_docx

SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's, which python3-uno extends (the venv cannot import uno)
ACCEPT_REJECT = Path(__file__).with_name("office_accept_reject.py")
PAGE_IMAGE = ROOT / "docs" / "redline-docx-page.png"


def _missing() -> list[str]:
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if shutil.which(tool) is None]
    uno = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True) if os.access(SYSTEM_PYTHON, os.X_OK) else None
    if uno is None or uno.returncode != 0:
        missing.append("python3-uno")
    return missing


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A LibreOffice profile folder for this module, after making sure the tools are there."""
    if _missing():
        subprocess.run(["bash", str(ROOT / "scripts" / "ensure-office.sh")], capture_output=True)
    missing = _missing()
    if missing:
        pytest.skip(
            f"{', '.join(missing)} missing and scripts/ensure-office.sh could not install them "
            "(it needs root and apt-get): apt-get install libreoffice-writer-nogui python3-uno poppler-utils"
        )
    yield tmp_path_factory.mktemp("lo-profile")


def to_pdf(profile: Path, docx: Path) -> Path:
    """soffice --convert-to pdf; fails the test when LibreOffice does not produce it."""
    result = subprocess.run(
        [
            "soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx),
        ],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    pdf = docx.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.is_file() and pdf.stat().st_size > 1000, result.stderr
    assert "error" not in result.stderr.lower().replace("failed to launch javaldx", ""), result.stderr
    return pdf


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def words(text: str) -> list[str]:
    """Words, without hyphens: pdftotext drops the one at a line end where a word was split."""
    return [w.replace("-", "") for w in text.split()]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(w == h for h in it) for w in needle)


def without_comments(data: bytes) -> bytes:
    """The redline minus its comment anchors: LibreOffice 7.4 crashes when a document with
    comments is loaded through UNO (python-docx's own commented files too), not when converted."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = part.decode("utf-8")
                xml = re.sub(r'<w:commentRange(?:Start|End) w:id="\d+"/>', "", xml)
                xml = re.sub(r'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="\d+"/></w:r>', "", xml)
                part = xml.encode("utf-8")
            dst.writestr(info, part)
    return out.getvalue()


def test_libreoffice_converts_the_seed_redline_and_shows_its_tracked_changes(office, tmp_path, seed_comparison):
    data = render_docx(seed_comparison)
    docx = tmp_path / "redline.docx"
    docx.write_bytes(data)
    pdf = to_pdf(office, docx)
    text = pdf_text(pdf)
    # the header, then every word, deleted and inserted ones included, in order (page headers aside)
    assert words(text)[:2] == ["stmtdiff", "redline:"]
    assert is_subsequence(words(read(data, accept=None)), words(text))
    flat = " ".join(text.split())
    assert "work towards sustainable" in flat and "permanent normal trade relations" in flat  # A's words too

    # the page as LibreOffice draws it: deleted and inserted words in the reviewer's colour
    subprocess.run(["pdftoppm", "-r", "70", "-f", "2", "-l", "2", "-png", str(pdf), str(tmp_path / "page")], check=True)
    from PIL import Image

    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    rgb = page.tobytes()
    coloured = sum(1 for k in range(0, len(rgb), 3) if max(rgb[k : k + 3]) - min(rgb[k : k + 3]) > 80)
    assert coloured > 500, "no tracked changes visible on page 2"
    if os.environ.get("STMTDIFF_UPDATE_SCREENSHOT"):  # refresh the README's picture on demand
        PAGE_IMAGE.write_bytes(next(tmp_path.glob("page*.png")).read_bytes())


def test_libreoffice_accepting_and_rejecting_gives_b_and_a(office, tmp_path, seed_comparison):
    cases: dict[str, Comparison] = {
        "seed": seed_comparison,
        "every-row": sample_comparison(),  # a move, a merge, deletions, insertions
        "injection": injection_comparison(),
        "paragraphs": stmtdiff.compare(
            "Intro.\n\nWe will act. It is done.\n\nThe end is near.\nAfter the end.",
            "We shall act.\nIt is done.\n\nA new line.\nThe end is near. After the end.\n\nCoda.",
        ),
        "moves": stmtdiff.compare(
            "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. Nu xi omicron pi.",
            "Iota kappa lambda mu. Alpha beta gamma delta. Nu xi omicron pi. Epsilon zeta eta theta now.",
        ),
    }
    paths = []
    for name, c in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(without_comments(render_docx(c)))
        paths.append(str(path))
    out = tmp_path / "result.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    run = subprocess.run(
        [SYSTEM_PYTHON, str(ACCEPT_REJECT), str(out), *paths], capture_output=True, text=True, timeout=300, env=env
    )
    assert run.returncode == 0, run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    for (name, c), path in zip(cases.items(), paths):
        got = results[path]
        assert "error" not in got, (name, got)
        assert breaks_aside(got["accept"]) == breaks_aside(as_written(c.b.text)), name
        assert breaks_aside(got["reject"]) == breaks_aside(as_written(c.a.text)), name


def test_injected_markup_stays_text_in_the_pdf_libreoffice_makes(office, tmp_path):
    from pypdf import PdfReader

    c = injection_comparison()
    docx = tmp_path / "injection.docx"
    docx.write_bytes(render_docx(c))
    pdf = to_pdf(office, docx)
    flat = "".join(pdf_text(pdf).split())
    for text in OOXML_INJECTION:
        assert "".join(text.split()) in flat
    for page in PdfReader(str(pdf)).pages:
        for annot in page.get("/Annots") or []:
            assert annot.get_object().get("/Subtype") != "/Link"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
