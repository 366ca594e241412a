"""One very long word, number or run of punctuation never hangs a comparison.

Every stage is linear, or bounded with a note, in the length of one token and of one
sentence (`benchmarks/pathological.py` times a 1 MB token). These tests check the results on
long tokens, and one of them guards against a hang: a 200,000-letter word, which took minutes
when a spelling rule's pattern backtracked quadratically, must finish in a fraction of that.
"""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

import stmtdiff
from stmtdiff.report.json import comparison_to_dict

from test_compare import assert_lossless

# Shapes of long tokens a real file can hold: a hex dump, a run of one letter, a number with
# thousands separators, an acronym with dots, a hyphenated or apostrophised chain, a base64 blob.
ALPHABETS = ("0123456789abcdef", "a", "al", "0123456789,", "A.", "ab-", "ab'", "AZaz09+/=", "aeiou", "!")


@st.composite
def long_token_pair(draw: st.DrawFn) -> tuple[str, str]:
    """A sentence around one long token, and the same with one character of the token changed."""
    alphabet = draw(st.sampled_from(ALPHABETS))
    length = draw(st.integers(1_000, 20_000))
    seed = draw(st.integers(0, 2**16))
    token = "".join(alphabet[(seed * 7919 + k * k) % len(alphabet)] for k in range(length))
    token += draw(st.sampled_from(["", "lled", "isation", "our", "ogue", "ence"]))
    where = draw(st.integers(0, len(token) - 1))
    changed = token[:where] + ("Z" if token[where] != "Z" else "Y") + token[where + 1 :]
    return f"The parties agreed on {token} today. It is done.", f"The parties agreed on {changed} today. It is done."


@settings(max_examples=25, deadline=None)
@given(long_token_pair())
def test_a_long_token_that_changed_is_found_and_nothing_is_lost(texts):
    a, b = texts
    c = stmtdiff.compare(a, b)
    assert_lossless(comparison_to_dict(c), {"a": a, "b": b})
    assert not c.summary.identical
    assert c.pairs[0].status in (stmtdiff.Status.CHANGED, stmtdiff.Status.DELETED, stmtdiff.Status.INSERTED)


def test_spelling_rules_on_long_words_still_see_the_variant():
    """The -ll- rule keeps working as the word grows (it was rewritten to be linear)."""
    stem = "ba" * 20  # forty letters: long, but a word
    c = stmtdiff.compare(f"They {stem}velled far.", f"They {stem}veled far.")
    assert [ch.change_class.value for p in c.pairs for ch in p.changes] == ["spelling"]


def test_a_word_past_the_spelling_bound_is_compared_and_the_bound_is_noted():
    long_word = "x" * 150 + "colour"
    c = stmtdiff.compare(f"A {long_word} here.", f"A {long_word[:-6]}color here.")
    assert not c.summary.identical
    assert any(re.search(r"spelling rules .* longer than \d+ characters", note) for note in c.notes)


def test_word_characters_are_exactly_the_alphanumerics_and_underscore():
    r"""The classifier strips non-alphanumerics with ``[\W_]+``: equal to filtering by
    str.isalnum() only if ``\w`` is isalnum() plus "_" for every code point."""
    word = re.compile(r"\w")
    differ = [c for c in map(chr, range(sys.maxunicode + 1)) if bool(word.match(c)) != (c.isalnum() or c == "_")]
    assert differ == []


def test_a_200000_letter_word_does_not_hang_the_command():
    """A hang guard, not a speed test: the quadratic pattern took over 4 minutes on this input;
    linear stages take well under a second. The limit leaves a wide margin for a busy machine."""
    script = (
        "import stmtdiff; w = 'deadbeef' * 25_000; "
        "c = stmtdiff.compare('Dump ' + w + ' ends.', 'Dump ' + w[:-1] + '0 ends.'); "
        "print(c.summary.changed)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"
