"""The report as a PDF (issue 19): the HTML report printed by headless Chromium.

One look for screen and paper: the PDF is the HTML report (``render_html``) with its print
stylesheet, so header, summary, ranked changes and every row come out as the page shows them,
in the same browser the tests drive. For print, the folded blocks ("Other text outside the
shared region", the ranked changes past the tenth) are written open, and the print stylesheet
lays out every block of rows (on screen they are laid out lazily, ``content-visibility``).

Chromium is looked for at ``$STMTDIFF_CHROMIUM``, then as ``chromium``, ``chromium-browser``,
``google-chrome`` or ``google-chrome-stable`` on the PATH. It runs headless with a throw-away
profile, no network features, no header or footer lines (they would print a temporary path
and the time), and ``--no-sandbox`` only when run as root (Chromium refuses root otherwise;
the page it prints is stmtdiff's own, with a Content-Security-Policy that lets it fetch
nothing). The PDF differs from run to run only in its creation date.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from stmtdiff.errors import StmtdiffError
from stmtdiff.model import Comparison
from stmtdiff.report.html import render_html

__all__ = ["INSTALL_HINT", "find_browser", "render_pdf"]

INSTALL_HINT = (
    "printing a PDF needs Chromium: install it (Debian/Ubuntu: apt-get install chromium) "
    "or set STMTDIFF_CHROMIUM to a Chromium or Chrome executable"
)
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Background features that would dial out (updates, sync, safe browsing lists) or slow the start.
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pdf-header-footer",
    "--print-to-pdf-no-header",  # the same, as older Chromium spells it
)


def find_browser(path: str | None = None) -> str:
    """The Chromium to print with: ``path``, ``$STMTDIFF_CHROMIUM``, or one on the PATH."""
    for candidate in (path, os.environ.get("STMTDIFF_CHROMIUM")):
        if candidate:
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
            raise StmtdiffError(f"{candidate}: not an executable file; {INSTALL_HINT}")
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise StmtdiffError(INSTALL_HINT)


def printable_html(comparison: Comparison) -> str:
    """The HTML report with its folded blocks open, as it should print."""
    page = render_html(comparison)
    # Only the renderer writes these tags: document text is escaped, so "<details" is never text.
    return page.replace('<details class="out">', '<details class="out" open>').replace(
        '<details class="more">', '<details class="more" open>'
    )


def render_pdf(comparison: Comparison, *, browser: str | None = None, timeout: float = 600.0) -> bytes:
    """The HTML report of ``comparison`` printed to PDF by headless Chromium; the PDF's bytes.

    Raises :class:`StmtdiffError` (one line) when no browser is found or it prints nothing.
    """
    chromium = find_browser(browser)
    with tempfile.TemporaryDirectory(prefix="stmtdiff-pdf-") as folder:
        work = Path(folder)
        page, pdf = work / "report.html", work / "report.pdf"
        page.write_text(printable_html(comparison), encoding="utf-8", errors="surrogatepass")
        command = [chromium, *_FLAGS, f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={pdf}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--no-sandbox")
        command.append(page.as_uri())
        try:
            done = subprocess.run(
                command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout, cwd=folder, check=False
            )
        except subprocess.TimeoutExpired:
            raise StmtdiffError(f"Chromium did not print the report within {timeout:.0f} s") from None
        except OSError as error:
            raise StmtdiffError(f"cannot run {chromium}: {error.strerror or error}; {INSTALL_HINT}") from None
        if not pdf.is_file() or pdf.stat().st_size == 0:
            said = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.strip()]
            why = f": {said[-1].strip()}" if said else f" (exit status {done.returncode})"
            raise StmtdiffError(f"Chromium did not print the report{why}")
        return pdf.read_bytes()
