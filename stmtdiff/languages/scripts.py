"""Scripts written without spaces between words, and the direction a text is written in.

Chinese and Japanese put no space between words, so a "word" found by ``\\w+`` is a whole
clause: the word diff and the similarity treat their characters one by one instead.

    >>> has_unspaced("双方同意"), has_unspaced("Both sides agree")
    (True, False)
    >>> direction("اتفق الطرفان"), direction("Both sides agree")
    ('rtl', 'ltr')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Han ideographs (with the iteration mark 々 and compatibility ideographs), hiragana and
# katakana (full- and half-width): the scripts whose words are not separated by spaces.
# Hangul is not among them: Korean separates words with spaces.
HAN_KANA = (
    "\u3005\u3007\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
FIRST_EAST_ASIAN = "\u1100"  # no Chinese, Japanese or Korean character comes before it


@lru_cache(maxsize=None)
def pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, on first use: a class of Chinese and Japanese characters takes
    milliseconds to compile, which a comparison of English text should not pay at import."""
    return re.compile(source)


# The same classes as code point ranges, for a test of a few distinct characters.
_HAN_KANA_RANGES = (
    (0x3005, 0x3005), (0x3007, 0x3007), (0x3040, 0x30FF), (0x31F0, 0x31FF), (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF66, 0xFF9F), (0x20000, 0x3134F),
)
_HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))


def has_unspaced(text: str) -> bool:
    """Whether ``text`` holds any Chinese or Japanese character.

    English text is answered by ``str.isascii``; other text by its distinct characters
    (``set`` and ``max`` run in C): no character-class scan, which would cost milliseconds to
    compile in every run (an English article with a flag emoji in it included)."""
    return not text.isascii() and _holds(text, _HAN_KANA_RANGES)


def has_east_asian(text: str) -> bool:
    """Whether ``text`` holds any Chinese, Japanese or Korean character."""
    return not text.isascii() and _holds(text, _HAN_KANA_RANGES + _HANGUL_RANGES)


def _holds(text: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    if max(text) < FIRST_EAST_ASIAN:
        return False
    return any(lo <= ord(char) <= hi for char in set(text) if char >= FIRST_EAST_ASIAN for lo, hi in ranges)


# Bidi classes of letters written right to left: Hebrew (R) and Arabic-script (AL) letters.
_RTL_CLASSES = frozenset(("R", "AL"))
_SAMPLE = 2000  # letters looked at: a document's direction shows in its first paragraphs


def direction(text: str) -> str:
    """``"rtl"`` when most strongly directional letters of ``text`` are written right to left
    (Arabic, Persian, Urdu, Hebrew), else ``"ltr"``: the HTML ``dir`` of a document.

        >>> direction("البيان المشترك (2024) of the parties")
        'rtl'
    """
    rtl = ltr = 0
    for char in text:
        if not char.isalpha():
            continue
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            rtl += 1
        elif kind == "L":
            ltr += 1
        if rtl + ltr >= _SAMPLE:
            break
    return "rtl" if rtl > ltr else "ltr"
