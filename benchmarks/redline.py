"""Time and size of the Word redline (DOCX) and the PDF report (issue 19).

Pairs: the seed pair, a 1,000-sentence development pair (the first 1,000 lines of both sides of
``large-light-bible/lines``, written to a temporary folder, never into the repository) and, for
the DOCX only, the whole-Bible pair (``--no-bible`` skips it). For each: the comparison itself
and the HTML report as baselines measured in the same run, then ``render_docx`` and
``render_pdf`` (headless Chromium), best of ``--repeat`` runs, with sizes, PDF pages and the
accept-all / reject-all check of the DOCX (a reader of its tracked changes must give back B and
A, paragraph breaks aside).

    .venv/bin/python benchmarks/redline.py --data ../shared/data/dev [--repeat 3] [--no-bible]
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import stmtdiff
from stmtdiff.report.docx import PARAGRAPH_BREAK, as_written, render_docx
from stmtdiff.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def read_changes(data: bytes, *, accept: bool) -> str:
    """The DOCX body after accepting or rejecting all changes (as tests/docx_reader.py does)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = ElementTree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    keep, drop = ((f"{W}ins", f"{W}moveTo"), (f"{W}del", f"{W}moveFrom"))
    if not accept:
        keep, drop = drop, keep
    out: list[str] = []

    def inline(element: ElementTree.Element) -> None:
        for child in element:
            if child.tag == f"{W}r":
                for part in child:
                    if part.tag in (f"{W}t", f"{W}delText"):
                        out.append(part.text or "")
                    elif part.tag == f"{W}tab":
                        out.append("\t")
                    elif part.tag == f"{W}br":
                        out.append("\f" if part.get(f"{W}type") == "page" else "\n")
            elif child.tag in keep:
                inline(child)

    paragraphs = list(body.iter(f"{W}p"))
    for n, p in enumerate(paragraphs):
        inline(p)
        mark = p.find(f"{W}pPr/{W}rPr")
        if n < len(paragraphs) - 1 and (mark is None or not any(mark.find(t) is not None for t in drop)):
            out.append("\n")
    return "".join(out)


def exact(c: stmtdiff.Comparison, data: bytes) -> bool:
    norm = lambda s: PARAGRAPH_BREAK.sub("\n", s)  # noqa: E731
    return norm(read_changes(data, accept=True)) == norm(as_written(c.b.text)) and norm(
        read_changes(data, accept=False)
    ) == norm(as_written(c.a.text))


def pdf_pages(data: bytes) -> int | str:
    try:
        from pypdf import PdfReader
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page[^s]", data)) or "?"
    return len(PdfReader(io.BytesIO(data)).pages)


def size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "dev")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-bible", action="store_true", help="skip the whole-Bible DOCX row")
    args = parser.parse_args()

    from stmtdiff.errors import StmtdiffError
    from stmtdiff.report.pdf import render_pdf

    bible = args.data / "cases" / "large-light-bible" / "lines"
    rows: list[tuple[str, Path, Path, str, bool]] = [
        ("seed pair", SEEDS / "espd-2024-statement-state-dept-reworded.txt", SEEDS / "espd-2024-statement-in-article.txt", "sentences", True)
    ]
    with tempfile.TemporaryDirectory(prefix="stmtdiff-redline-bench-") as tmp:
        if (bible / "a.txt").is_file():
            for side in "ab":
                lines = (bible / f"{side}.txt").read_text(encoding="utf-8").splitlines(keepends=True)[:1000]
                (Path(tmp) / f"{side}.txt").write_text("".join(lines), encoding="utf-8")
            rows.append(("1,000 verses (large-light-bible, first 1,000 lines)", Path(tmp) / "a.txt", Path(tmp) / "b.txt", "lines", True))
            if not args.no_bible:
                rows.append(("whole Bible (large-light-bible)", bible / "a.txt", bible / "b.txt", "lines", False))
        else:
            print(f"({bible} not found: the seed pair only)", file=sys.stderr)

        print("| pair | units A / B | compare | HTML | DOCX | DOCX size | DOCX / HTML time | PDF | PDF size | pages | PDF / HTML time | accept = B, reject = A |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        for name, a, b, units, with_pdf in rows:
            repeat = args.repeat if with_pdf else 1
            t_cmp, c = best(lambda: stmtdiff.compare_files(a, b, units=units), repeat)
            t_html, html = best(lambda: render_html(c), repeat)
            t_docx, docx = best(lambda: render_docx(c), repeat)
            if with_pdf:
                try:
                    t_pdf, pdf = best(lambda: render_pdf(c), repeat)
                    pdf_cells = f"{t_pdf:.2f} s | {size(len(pdf))} | {pdf_pages(pdf)} | {t_pdf / t_html:.0f}x"
                except StmtdiffError as error:
                    pdf_cells = f"({error}) | | | "
            else:
                pdf_cells = "not run | | | "
            verdict = "yes" if exact(c, docx) else "NO"
            print(
                f"| {name} | {len(c.a.sentences):,} / {len(c.b.sentences):,} | {t_cmp:.2f} s | {t_html:.3f} s "
                f"({size(len(html.encode('utf-8')))}) | {t_docx:.3f} s | {size(len(docx))} | {t_docx / t_html:.1f}x "
                f"| {pdf_cells} | {verdict} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
