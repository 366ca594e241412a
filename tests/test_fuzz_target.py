"""The fuzz target (fuzz/stmtdiff_fuzz.py) works, and the inputs it once failed on pass.

``make fuzz`` runs it for FUZZ_SECONDS with atheris (or hypothesis); ``make test`` runs it for
a short bounded time after pytest. Here: the saved failures, and a few cases of each kind.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FUZZ = Path(__file__).resolve().parent.parent / "fuzz"
sys.path.insert(0, str(FUZZ))

import stmtdiff_fuzz  # noqa: E402


@pytest.mark.parametrize("path", sorted((FUZZ / "regressions").iterdir()), ids=lambda path: path.name)
def test_inputs_the_fuzz_target_once_failed_on_pass(path):
    stmtdiff_fuzz.one_input(path.read_bytes())


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=stmtdiff_fuzz.MAX_LEN))
def test_the_fuzz_target_holds_on_random_inputs(data):
    stmtdiff_fuzz.one_input(data)


def test_the_invariants_catch_a_lost_text():
    """The checks are not vacuous: JSON whose text lost a space fails them."""
    import json

    import stmtdiff
    from stmtdiff.report.json import render_json

    data = json.loads(render_json(stmtdiff.compare("We met.  It ended.", "We met. It ended.")))
    stmtdiff_fuzz.check_json(data, {"a": "We met.  It ended.", "b": "We met. It ended."})
    data["a"]["text"] = data["a"]["text"].replace("  ", " ")
    with pytest.raises(AssertionError):
        stmtdiff_fuzz.check_json(data, {"a": "We met.  It ended.", "b": "We met. It ended."})
