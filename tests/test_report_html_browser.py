"""The HTML report in a real browser: Debian's Chromium driven by Playwright (issue 4).

These tests fail (never skip) when Chromium or Playwright is missing, since CI must run them:
`make browser` installs both. Set STMTDIFF_SKIP_BROWSER=1 to skip them on purpose.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from html_factories import XSS, big_comparison, sample_comparison, xss_comparison

from stmtdiff.model import Comparison, Status
from stmtdiff.report.html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("STMTDIFF_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google on this closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
SCREENSHOT = ROOT / "docs" / "screenshot-seed-report.png"
FIX = "run `make browser` (scripts/ensure-browser.sh), or set STMTDIFF_SKIP_BROWSER=1 to skip on purpose"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if os.environ.get("STMTDIFF_SKIP_BROWSER") == "1":
        pytest.skip("STMTDIFF_SKIP_BROWSER=1")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the Python package playwright is not installed: {FIX}", pytrace=False)
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"Chromium not found at {CHROMIUM}: {FIX}", pytrace=False)
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield b
        finally:
            b.close()


@dataclass
class Opened:
    """A report open in a page, with everything the page tried that it should not."""

    page: Any
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    requests: list[str] = field(default_factory=list)  # anything but file: and data:
    dialogs: list[str] = field(default_factory=list)  # alert/confirm/prompt: script ran


def open_report(
    browser: Any, tmp_path: Path, html: str, name: str = "report.html", **context: Any
) -> Opened:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    ctx = browser.new_context(viewport=context.pop("viewport", VIEWPORT), **context)
    page = ctx.new_page()
    opened = Opened(page)

    def on_route(route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            opened.requests.append(url)
            route.abort()

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(dialog.message)
        dialog.dismiss()

    ctx.route("**/*", on_route)
    page.on(
        "request",
        lambda r: None if r.url.startswith(("file:", "data:")) else opened.requests.append(r.url),
    )
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("dialog", on_dialog)
    page.goto(path.as_uri())
    return opened


def focused_id(page: Any) -> str | None:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def visible_ids(page: Any, selector: str) -> list[str]:
    """Ids of rows matching selector that take up space (not display:none, not in closed <details>)."""
    return page.evaluate(
        """sel => Array.from(document.querySelectorAll(sel))
            .filter(r => r.getClientRects().length > 0 && !r.closest('details:not([open])'))
            .map(r => r.id)""",
        selector,
    )


def expected_changes(c: Comparison, *, skip_minor: bool = False) -> list[str]:
    """Ids n/p should visit: non-equal rows outside the collapsed other-text blocks."""
    ids = []
    for i, p in enumerate(c.pairs):
        if p.status is Status.EQUAL or p.outside:
            continue
        minor = (
            p.status is Status.CHANGED
            and p.changes
            and all(ch.change_class.value in ("formatting", "spelling") for ch in p.changes)
        )
        if skip_minor and minor:
            continue
        ids.append(f"p{i}")
    return ids


@pytest.fixture(scope="module")
def seed_html(seed_comparison: Comparison) -> str:
    return render_html(seed_comparison)


def test_seed_report_runs_clean_offline_and_is_photographed(browser, tmp_path, seed_html):
    o = open_report(browser, tmp_path, seed_html)
    o.page.wait_for_timeout(100)
    assert o.errors == [] and o.requests == [] and o.dialogs == []
    assert o.page.is_visible("#controls")  # the script ran under the CSP (it unhides the controls)
    shot = tmp_path / "seed-report.png"
    o.page.screenshot(path=str(shot))
    if os.environ.get("STMTDIFF_UPDATE_SCREENSHOT"):  # refresh the README's picture on demand
        SCREENSHOT.write_bytes(shot.read_bytes())
    assert 10_000 < shot.stat().st_size < 1_000_000


def test_header_numbers_equal_the_json_summary(browser, tmp_path, seed_comparison, seed_html):
    from stmtdiff.report.json import comparison_to_dict

    summary = comparison_to_dict(seed_comparison)["summary"]
    page = open_report(browser, tmp_path, seed_html).page
    for key in ("equal", "changed", "moved", "deleted", "inserted", "outside", "boilerplate",
                "a_units", "b_units", "words_deleted", "words_inserted"):  # fmt: skip
        shown = page.inner_text(f"#sum-{key}")
        assert int(page.get_attribute(f"#sum-{key}", "data-value")) == int(shown) == summary[key], (
            key
        )
    assert float(page.get_attribute("#sum-similarity", "data-value")) == summary["similarity"]
    assert page.inner_text("#sum-similarity") == f"{summary['similarity'] * 100:.1f}%"
    for cls, n in summary["classes"].items():
        assert int(page.inner_text(f"#cls-{cls}")) == n
    top = page.eval_on_selector_all("#top a, .more a", "as => as.map(a => a.getAttribute('href'))")
    assert top == [f"#p{t['pair']}" for t in summary["top_changes"]][: len(top)]


def test_n_and_p_move_focus_through_the_changes(browser, tmp_path, seed_comparison, seed_html):
    want = expected_changes(seed_comparison)
    assert len(want) >= 3
    page = open_report(browser, tmp_path, seed_html).page
    page.keyboard.press("n")
    assert focused_id(page) == want[0]
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert focused_id(page) == want[2]
    page.keyboard.press("p")
    assert focused_id(page) == want[1]
    box = page.locator(f"#{want[1]}").bounding_box()
    assert box and 0 <= box["y"] < VIEWPORT["height"]  # focus scrolled it into view
    for _ in range(len(want) + 2):
        page.keyboard.press("n")
    assert focused_id(page) == want[-1]  # stops at the last change
    page.click("#prev")
    assert focused_id(page) == want[-2]


def test_filters_hide_what_they_say(browser, tmp_path):
    c = sample_comparison()
    page = open_report(browser, tmp_path, render_html(c)).page
    equal = [f"p{i}" for i, p in enumerate(c.pairs) if p.status is Status.EQUAL and not p.outside]
    minor = page.eval_on_selector_all(".r.minor", "rs => rs.map(r => r.id)")
    assert equal and minor
    everything = visible_ids(page, "#rows .r")
    assert set(equal) <= set(everything) and set(minor) <= set(everything)

    page.check("#f-equal")
    after = visible_ids(page, "#rows .r")
    assert not set(equal) & set(after)
    assert set(after) == set(everything) - set(equal)

    page.check("#f-minor")
    after = visible_ids(page, "#rows .r")
    assert set(after) == set(everything) - set(equal) - set(minor)
    page.keyboard.press("n")
    visited = [focused_id(page)]
    for _ in range(10):
        page.keyboard.press("n")
        visited.append(focused_id(page))
    assert not set(visited) & set(minor)  # n skips what is hidden
    assert list(dict.fromkeys(visited)) == expected_changes(c, skip_minor=True)

    page.uncheck("#f-equal")
    page.uncheck("#f-minor")
    assert visible_ids(page, "#rows .r") == everything


def test_side_by_side_and_inline_views(browser, tmp_path):
    c = sample_comparison()
    page = open_report(browser, tmp_path, render_html(c)).page
    i = next(i for i, p in enumerate(c.pairs) if p.status is Status.CHANGED and p.changes)
    row = page.locator(f"#p{i}")
    a_cell, b_cell = row.locator(".a"), row.locator(".b")
    assert b_cell.is_visible() and not row.locator(".a ins").first.is_visible()
    a_box, b_box = a_cell.bounding_box(), b_cell.bounding_box()
    assert a_box and b_box and b_box["x"] > a_box["x"] + a_box["width"] - 1  # side by side

    page.check("#v-inline")
    assert not b_cell.is_visible()
    assert row.locator(".a ins").first.is_visible() and row.locator(".a del").first.is_visible()
    assert row.locator(".a del").all_inner_texts() == ["towards", "sustainable"]
    assert row.locator(".a ins").all_inner_texts() == ["toward", "permanent"]

    page.check("#v-side")
    assert b_cell.is_visible() and not row.locator(".a ins").first.is_visible()


def test_xss_documents_run_nothing_and_show_as_text(browser, tmp_path):
    from stmtdiff import compare

    a_text = "Intro sentence one. " + " ".join(f"Case {k}: {x} here." for k, x in enumerate(XSS))
    b_text = "Intro sentence one. " + " ".join(f"Case {k}: {x} there." for k, x in enumerate(XSS))
    for name, c in (("factory", xss_comparison()), ("engine", compare(a_text, b_text))):
        o = open_report(browser, tmp_path, render_html(c), name=f"xss-{name}.html")
        page = o.page
        page.click("#next")
        page.check("#v-inline")
        page.hover("#rows")
        page.wait_for_timeout(100)
        assert o.dialogs == [] and o.requests == [] and o.errors == [], name
        assert page.locator("img").count() == 0
        assert page.locator("a[href^='javascript']").count() == 0
        assert page.locator("script").count() == 1
        text = page.inner_text("body")
        for x in XSS:
            assert x in text, (name, x)


def test_links_open_collapsed_text_and_focus_the_row(browser, tmp_path):
    c = sample_comparison()
    page = open_report(browser, tmp_path, render_html(c)).page
    out = next(i for i, p in enumerate(c.pairs) if p.outside and p.changes)
    assert page.evaluate("() => document.querySelector('details.out').open") is False
    page.click(f"#top a[href='#p{out}']")
    assert page.evaluate("() => document.querySelector('details.out').open") is True
    assert focused_id(page) == f"p{out}"
    moved = next(i for i, p in enumerate(c.pairs) if p.status is Status.MOVED)
    page.click(f"#p{moved} .mv a")
    assert focused_id(page) == f"p{c.pairs[moved].moved_from}"
    page.click(f"#p{c.pairs[moved].moved_from} .mv a")
    assert focused_id(page) == f"p{moved}"


def test_narrow_dark_and_print(browser, tmp_path, seed_html):
    page = open_report(
        browser, tmp_path, seed_html, viewport={"width": 420, "height": 800}, color_scheme="dark"
    ).page
    row = page.locator("#rows .r.s-changed").first
    a_box, b_box = row.locator(".a").bounding_box(), row.locator(".b").bounding_box()
    assert a_box and b_box and b_box["y"] >= a_box["y"] + a_box["height"] - 1  # stacked
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
    bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert sum(int(v) for v in bg[bg.index("(") + 1 : -1].split(",")[:3]) < 150  # dark
    page.emulate_media(media="print")
    assert not page.is_visible("#controls")


def test_30000_pairs_open_and_scroll(browser, tmp_path):
    c = big_comparison(30_000)
    html = render_html(c)
    path = tmp_path / "big.html"
    start = time.perf_counter()
    o = open_report(browser, tmp_path, html, name="big.html")
    frame = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
    o.page.evaluate(frame)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    worst = o.page.evaluate(
        """async () => {
          let worst = 0;
          const H = () => document.documentElement.scrollHeight;
          for (let i = 1; i <= 40; i++) {
            const t = performance.now();
            window.scrollTo(0, H() * i / 40);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            worst = Math.max(worst, performance.now() - t);
          }
          return worst;
        }"""
    )
    scrolled = time.perf_counter() - start
    at_bottom = o.page.evaluate(
        "() => window.scrollY + innerHeight >= document.documentElement.scrollHeight - 2"
    )
    start = time.perf_counter()
    o.page.check("#f-equal")
    o.page.evaluate(frame)
    filtered = time.perf_counter() - start
    size = path.stat().st_size / 1e6
    print(
        f"\n30,000 pairs, {size:.1f} MB: load+first frame {loaded:.2f} s, scroll to bottom in 40 jumps "
        f"{scrolled:.2f} s (worst jump {worst:.0f} ms), hide unchanged {filtered:.2f} s"
    )
    assert o.errors == [] and o.requests == []
    assert at_bottom
    assert loaded < 15 and scrolled < 15 and worst < 5000  # hang guards (lazy blocks work); ~0.8 s, ~0.8 s, <100 ms here


ARABIC_A = "اتفق الطرفان على توسيع التجارة بين البلدين. وسيعقد الاجتماع القادم في الربيع المقبل."
ARABIC_B = "اتفق الطرفان على تعزيز التجارة بين البلدين. وسيعقد الاجتماع القادم في الربيع المقبل."


def test_right_to_left_text_reads_right_to_left_in_its_column(browser: Any, tmp_path: Path) -> None:
    import stmtdiff

    c = stmtdiff.compare("The parties agreed to expand trade between the two countries. " * 2, ARABIC_B)
    arabic = stmtdiff.compare(ARABIC_A, ARABIC_B)
    for name, comparison in (("mixed.html", c), ("arabic.html", arabic)):
        opened = open_report(browser, tmp_path, render_html(comparison), name=name)
        page = opened.page
        cells = page.evaluate(
            """() => Array.from(document.querySelectorAll('#rows .r .b')).filter(b => b.textContent.trim())
                .map(b => {
                    const box = b.getBoundingClientRect(), range = document.createRange();
                    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);  // first letter
                    const node = walker.nextNode();
                    range.setStart(node, 0); range.setEnd(node, 1);
                    const first = range.getBoundingClientRect();
                    return {dir: getComputedStyle(b).direction, lang: b.closest('[lang]').lang,
                            fromRight: box.right - first.right, fromLeft: first.left - box.left,
                            width: box.width};
                })"""
        )
        assert cells, name
        for cell in cells:
            assert cell["dir"] == "rtl" and cell["lang"] == "ar", (name, cell)
            # the first letter stands at the right edge of the column, not the left
            assert cell["fromRight"] < 20 < cell["fromLeft"], (name, cell)
        a_dirs = page.evaluate(
            "() => Array.from(document.querySelectorAll('#rows .r .a')).map(a => getComputedStyle(a).direction)"
        )
        assert set(a_dirs) == ({"ltr"} if name == "mixed.html" else {"rtl"}), name
        assert not opened.errors and not opened.requests


def test_control_characters_render_as_markers_and_reorder_nothing(browser: Any, tmp_path: Path) -> None:
    """Rendered, an inserted ESC reads ␛, a right-to-left override is spelled out and the digits
    after it stay in their order on screen ("001" drawn left to right, not as "100"), and a line
    break that became a space reads ↵ / ␣, in both views."""
    import stmtdiff

    c = stmtdiff.compare("The fee is 100 dollars per\nyear.", "The fee is \u202e001\u202c dollars\x1b[8m per year.")
    opened = open_report(browser, tmp_path, render_html(c))
    page = opened.page
    b_text = page.locator("#p0 .b").inner_text()
    assert "\\u202e001\\u202c" in b_text and "dollars\u241b[8m" in b_text and "per\u2423year" in b_text
    first, last = page.evaluate(
        """() => {
            const walker = document.createTreeWalker(document.querySelector('#p0 .b'), NodeFilter.SHOW_TEXT);
            let node = walker.nextNode();
            while (node && !node.data.includes('001')) node = walker.nextNode();
            const at = node.data.indexOf('001'), box = k => {
                const r = document.createRange(); r.setStart(node, at + k); r.setEnd(node, at + k + 1);
                return r.getBoundingClientRect().left;
            };
            return [box(0), box(2)];
        }"""
    )
    assert first < last  # "0" drawn before the final "1": no override reversed them
    page.check("#v-inline")
    inline = page.locator("#p0 .a").inner_text()
    assert "\u241b[8m" in inline and "\u21b5" in inline and "\u2423" in inline
    assert not opened.errors and not opened.requests
