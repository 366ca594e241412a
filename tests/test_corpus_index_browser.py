"""index.html of a corpus run in a real browser (Debian's Chromium through Playwright): it sorts,
filters and links to each document's report, fetches nothing, logs no error and runs no
document text. Shares the launch and offline checks of tests/test_report_html_browser.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import STATEMENT
from test_corpus import make_corpus, statement_body
from test_report_html_browser import ARGS, CHROMIUM, FIX, VIEWPORT, browser  # noqa: F401 (fixture)

from stmtdiff.corpus import trace

pytestmark = pytest.mark.browser
XSS = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("index")
    corpus = make_corpus(root)
    records = root / "hostile.jsonl"
    records.write_text(json.dumps({"id": XSS, "text": " ".join(statement_body()[:6]) + " " + XSS}) + "\n", encoding="utf-8")
    out = root / "out"
    trace(str(STATEMENT), [str(corpus), str(records)], str(out), jobs=2)
    return out


def open_index(browser: Any, out: Path) -> tuple[Any, list[str], list[str], list[str]]:  # noqa: F811
    ctx = browser.new_context(viewport=VIEWPORT)
    page = ctx.new_page()
    errors: list[str] = []
    requests: list[str] = []
    dialogs: list[str] = []

    def on_route(route: Any) -> None:
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    ctx.route("**/*", on_route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((out / "index.html").as_uri())
    return page, errors, requests, dialogs


def column(page: Any, name: str) -> list[str]:
    return page.evaluate(
        """name => Array.from(document.querySelectorAll('#docs tbody tr'))
            .filter(r => !r.hidden).map(r => r.querySelector('td.' + name).textContent)""",
        name,
    )


def test_index_sorts_filters_and_links_offline_with_no_errors(browser, run: Path) -> None:  # noqa: F811
    page, errors, requests, dialogs = open_index(browser, run)
    assert column(page, "n") == [str(n) for n in range(1, 9)]  # input order to start with

    page.click("th.reprinted button")  # ascending, empty cells (never compared) last
    shares = [float(v.rstrip("%")) for v in column(page, "reprinted") if v]
    assert shares == sorted(shares) and column(page, "reprinted")[-1] == ""
    page.click("th.reprinted button")  # descending
    shares = [float(v.rstrip("%")) for v in column(page, "reprinted") if v]
    assert shares == sorted(shares, reverse=True)
    assert page.get_attribute("th.reprinted", "aria-sort") == "descending"
    page.click("th.id button")
    names = column(page, "id")
    assert names == sorted(names, key=str.lower)

    page.select_option("#verdict", "reprint")
    assert set(column(page, "verdict")) == {"reprint"} and len(column(page, "verdict")) == 4
    assert page.text_content("#shown") == "4 of 8 shown"
    page.fill("#q", "decoy")
    assert column(page, "id") == []
    page.select_option("#verdict", "")
    assert sorted(Path(n).name for n in column(page, "id")) == ["decoy-news-report.txt", "decoy-visit.txt"]
    page.fill("#q", "")

    assert XSS in column(page, "id")  # the hostile id shows as text, and nothing ran
    link = page.locator("#docs a", has_text="in-commentary.txt")
    href = link.get_attribute("href")
    assert href.startswith("docs/") and (run / href).exists()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(href) and "in-commentary.txt" in page.title()
    assert errors == [] and requests == [] and dialogs == []
