"""The collation page (three or more versions) in a real browser: Debian's Chromium driven by
Playwright, as for the two-way page (see test_report_html_browser.py, whose fixtures these use).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_report_html_browser import browser, focused_id, open_report, visible_ids  # noqa: F401

from stmtdiff import RowStatus, compare_many
from stmtdiff.report.collation_html import render_collation_html
from stmtdiff.report.collation_json import collation_to_dict

pytestmark = pytest.mark.browser

BASE = (
    "The ministers met in Astana on Monday.\n"
    "They discussed trade and transport across the Caspian.\n"
    "Both sides agreed to expand the rail corridor by 2030.\n"
    "The next meeting will be held in Washington.\n"
    "They thanked the hosts.\n"
)


def versions() -> list[str]:
    lines = BASE.splitlines(keepends=True)
    return [
        BASE,
        BASE.replace("expand", "extend"),
        "".join(lines[:3] + lines[4:]),  # omits the fourth line
        BASE.replace("2030", "2035") + "A line only this version has.\n",
        BASE.replace("expand", "extend"),
    ]


@pytest.fixture(scope="module")
def collation() -> Any:
    return compare_many(versions(), units="lines", names=["us.txt", "partner.txt", "short.txt", "long.txt", "copy.txt"])


def test_page_runs_clean_offline(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    o = open_report(browser, tmp_path, render_collation_html(collation))
    o.page.wait_for_timeout(100)
    assert o.errors == [] and o.requests == [] and o.dialogs == []
    assert o.page.is_visible("#controls") and o.page.is_visible("#picker")
    assert o.page.locator("#picker input").count() == 5


def test_header_numbers_equal_the_json(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    data = collation_to_dict(collation)
    page = open_report(browser, tmp_path, render_collation_html(collation)).page
    for key in ("equal", "changed", "moved", "omitted", "added"):
        assert int(page.inner_text(f"#sum-{key}")) == data["summary"][key], key
    cells = page.eval_on_selector_all("#ver-2 td", "tds => tds.map(td => td.textContent)")
    v = data["versions"][2]
    assert cells[:5] == [str(v["units"]), str(v["omits"]), str(v["adds"]), str(v["changes"]), str(v["moves"])]
    top = page.eval_on_selector_all("#top a", "as => as.map(a => a.getAttribute('href'))")
    assert top == [f"#r{k}" for k in data["summary"]["top_rows"]]


def test_cells_are_coloured_by_reading(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    k = next(k for k, row in enumerate(collation.rows) if len(row.readings) == 3)
    page = open_report(browser, tmp_path, render_collation_html(collation)).page
    colour = [
        page.eval_on_selector(f"#r{k} .v{v}", "el => getComputedStyle(el).backgroundColor") for v in range(5)
    ]
    readings = [cell.reading for cell in collation.rows[k].cells]
    for v in range(5):
        for w in range(5):
            assert (colour[v] == colour[w]) == (readings[v] == readings[w]), (v, w, colour, readings)


def test_picker_chooses_the_columns(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    page = open_report(browser, tmp_path, render_collation_html(collation)).page
    assert page.locator(".v2:visible").count() == len(collation.rows) + 1  # every row and the head
    page.uncheck("#show-2")
    assert page.locator(".v2:visible").count() == 0
    assert page.locator(".v3:visible").count() == len(collation.rows) + 1
    page.check("#show-2")
    assert page.locator(".v2:visible").count() == len(collation.rows) + 1


def test_a_narrow_window_starts_with_the_columns_that_fit(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    o = open_report(browser, tmp_path, render_collation_html(collation), viewport={"width": 900, "height": 800})
    ticked = o.page.eval_on_selector_all("#picker input", "bs => bs.map(b => b.checked)")
    assert ticked[0] and not all(ticked) and ticked == sorted(ticked, reverse=True)


def test_n_and_p_visit_the_rows_that_differ(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    want = [f"r{k}" for k, row in enumerate(collation.rows) if row.status is not RowStatus.EQUAL]
    assert len(want) >= 3
    page = open_report(browser, tmp_path, render_collation_html(collation)).page
    page.keyboard.press("n")
    assert focused_id(page) == want[0]
    page.keyboard.press("n")
    page.keyboard.press("n")
    assert focused_id(page) == want[2]
    page.keyboard.press("p")
    assert focused_id(page) == want[1]


def test_filters_and_the_readings_view(browser, tmp_path: Path, collation) -> None:  # noqa: F811
    page = open_report(browser, tmp_path, render_collation_html(collation)).page
    equal = [f"r{k}" for k, row in enumerate(collation.rows) if row.status is RowStatus.EQUAL]
    assert equal and set(equal) <= set(visible_ids(page, "#rows .r"))
    page.check("#f-equal")
    assert not set(equal) & set(visible_ids(page, "#rows .r"))
    assert page.locator(".rds:visible").count() == 0
    page.check("#v-inline")
    assert page.locator(".vs .v:visible").count() == 0
    assert page.locator(".rds:visible").count() == len(collation.rows) - len(equal)
    assert "[b,e]" in page.inner_text("#r2 .rds")


def test_document_text_never_runs(browser, tmp_path: Path) -> None:  # noqa: F811
    evil = BASE.replace("Monday", "<script>alert(1)</script> <img src=x onerror=alert(2)>")
    c = compare_many([BASE, evil, BASE], units="lines", names=["a", "<b onmouseover=alert(3)>", "c"])
    o = open_report(browser, tmp_path, render_collation_html(c))
    o.page.hover("#doc-1")
    o.page.wait_for_timeout(100)
    assert o.dialogs == [] and o.requests == [] and o.errors == []
    assert "<script>alert(1)</script>" in o.page.inner_text("#r0 .v1")
