"""The value of a number written in any script, so that "30", "٣٠", "３０" and "三十" compare equal.

Digits of every script Python knows as decimal digits (Arabic-Indic ٠-٩, Persian ۰-۹,
Devanagari ०-९, full-width ０-９...) are read by their value; Arabic writes ٫ for the decimal
point and ٬ between thousands. Chinese and Japanese numerals are read with their units (十 ten,
百 hundred, 千 thousand, 万/萬 ten thousand, 亿/億 a hundred million), including the financial
forms (壹 贰 叁...) and mixed forms ("3万" = 30000, "2.5亿").

    >>> [number_value(t) for t in ("30", "٣٠", "３０", "三十", "二〇二四", "3万", "1,000", "word")]
    ['30', '30', '30', '30', '2024', '30000', '1000', '']
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Chinese/Japanese digit characters (plain and financial forms), and their units.
_CJK_DIGITS = {
    "〇": 0, "零": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "三": 3,
    "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6, "七": 7,
    "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CJK_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CJK_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
_CJK_NUMERAL = re.compile(
    "[" + "".join(_CJK_DIGITS) + "".join(_CJK_SMALL_UNITS) + "".join(_CJK_LARGE_UNITS) + "]+"
)
# A number in any script's digits: groups of thousands, one decimal point (Western or Arabic).
_DIGITS = re.compile(r"\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?|\d+(?:[.٫]\d+)?")
_MIXED = re.compile(r"(\d+(?:\.\d+)?)([万萬亿億兆千百十])")


def number_value(text: str) -> str:
    """The canonical decimal value of a number token ("" when it is not one number)."""
    if not text:
        return ""
    if _DIGITS.fullmatch(text):
        return _canonical(_ascii_digits(text).replace(",", "").replace("٬", "").replace("٫", "."))
    mixed = _MIXED.fullmatch(_ascii_digits(text))
    if mixed:
        unit = _CJK_LARGE_UNITS.get(mixed.group(2)) or _CJK_SMALL_UNITS[mixed.group(2)]
        return _canonical(str(Decimal(mixed.group(1)) * unit))
    if _CJK_NUMERAL.fullmatch(text) and (len(text) > 1 or text in _CJK_DIGITS or text in "十拾"):
        value = _cjk_value(text)
        return "" if value is None else str(value)
    return ""


def _ascii_digits(text: str) -> str:
    """Every decimal digit of any script as its ASCII digit ("٣٠" -> "30")."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def _canonical(number: str) -> str:
    try:
        value = Decimal(number)
    except InvalidOperation:
        return number
    text = format(value.normalize(), "f")
    return text


def _cjk_value(text: str) -> int | None:
    """A Chinese/Japanese numeral's value: digits read positionally ("二〇二四" = 2024) when
    there is no unit character, else digits times their units ("三十五" = 35, "十" = 10)."""
    if all(c in _CJK_DIGITS for c in text):
        return int("".join(str(_CJK_DIGITS[c]) for c in text))
    total = section = digit = 0
    for char in text:
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_SMALL_UNITS:
            section += (digit or 1) * _CJK_SMALL_UNITS[char]
            digit = 0
        else:
            total += (section + digit or 1) * _CJK_LARGE_UNITS[char]
            section = digit = 0
    return total + section + digit
