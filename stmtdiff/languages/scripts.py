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
FIRST_HAN_KANA = "\u3005"  # the lowest character of HAN_KANA


@lru_cache(maxsize=None)
def pattern(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, on first use: a class of Chinese and Japanese characters takes
    milliseconds to compile, which a comparison of English text should not pay at import."""
    return re.compile(source)


def has_unspaced(text: str) -> bool:
    """Whether ``text`` holds any Chinese or Japanese character. Text whose highest character
    comes before them (all of English, curly quotes included) is answered by ``str.isascii``
    or ``max``, both far faster than a scan for the character class."""
    return not text.isascii() and max(text) >= FIRST_HAN_KANA and pattern(f"[{HAN_KANA}]").search(text) is not None


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
