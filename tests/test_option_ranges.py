"""Every numeric option of the library is range-checked: a bad value is one StmtdiffError line,
never an exhausted memory, a gigabyte of padding or a TypeError from deep inside."""

from __future__ import annotations

import pytest

import stmtdiff
from stmtdiff.report import MAX_WIDTH
from stmtdiff.report.markdown import render_markdown
from stmtdiff.report.text import RenderOptions, render_text


@pytest.mark.parametrize(
    "option",
    [
        {"max_group": 10**30},  # built 2 x 10**30 group shapes: memory ran out
        {"max_group": 11},
        {"max_group": 0},
        {"max_group": -1},
        {"threshold": float("nan")},
        {"threshold": float("inf")},
        {"threshold": -0.1},
        {"threshold": 1e300},
    ],
)
def test_a_comparison_option_out_of_range_is_one_line(option):
    with pytest.raises(stmtdiff.StmtdiffError) as raised:
        stmtdiff.compare("We will act.", "We shall act.", **option)
    assert "\n" not in str(raised.value)


def test_the_largest_group_allowed_still_compares():
    c = stmtdiff.compare("A one. A two. A three.", "A one, a two and a three.", max_group=10)
    assert c.options.max_group == 10


@pytest.fixture(scope="module")
def comparison():
    return stmtdiff.compare("We will act. It is done.", "We shall act. It is done.")


@pytest.mark.parametrize(
    "option",
    [
        {"width": float("nan")},  # padded side-by-side rows to half a million characters
        {"width": "80"},  # a TypeError
        {"width": 0},
        {"width": -5},
        {"width": 2.5},
        {"width": True},
        {"context": -1},
        {"context": 1.5},
        {"top": -1},
        {"top": None},
    ],
)
def test_a_render_option_out_of_range_is_one_line(comparison, option):
    for render, extra in ((render_text, {}), (render_text, {"side_by_side": True}), (render_markdown, {})):
        with pytest.raises(stmtdiff.StmtdiffError):
            render(comparison, RenderOptions(**option, **extra))


def test_huge_but_whole_render_options_are_fine(comparison):
    text = render_text(comparison, RenderOptions(width=10**9, context=10**30, top=10**30, side_by_side=True))
    assert "shall" in text and len(text) < 3 * MAX_WIDTH  # the width is capped, as documented
