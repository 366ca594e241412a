"""Shared paths and helpers for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEEDS = ROOT / "seeds"
STATEMENT = SEEDS / "espd-2024-statement-state-dept-reworded.txt"
ARTICLE = SEEDS / "espd-2024-statement-in-article.txt"
NEWS = SEEDS / "espd-2024-news-report.txt"
DEV_DATA = ROOT.parent / "shared" / "data" / "dev"


@pytest.fixture(scope="session")
def seed_comparison():
    """The main seed pair, compared once for every test that reads it."""
    from stmtdiff import compare_files

    return compare_files(STATEMENT, ARTICLE)


@pytest.fixture(scope="session")
def acceptance() -> dict:
    return json.loads((TESTS / "acceptance_001_vs_002.json").read_text(encoding="utf-8"))
