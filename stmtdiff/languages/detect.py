"""Which language a document is in, from its text: the script first, then function words.

Method (no model, no dependency; measured against lingua, langdetect and py3langid by
``benchmarks/language_detection.py``):

1. Count the letters of each script in a sample of the text (three windows of 4,000
   characters: start, middle, end, so a long document costs the same as a short one). The
   script with most letters decides alone for Korean (Hangul), Japanese (kana among the Han
   characters) or Chinese (Han alone), Greek, Hebrew, Thai, Armenian, Georgian, and the Indic
   scripts other than Devanagari; letters found only in one language decide among the Arabic
   (Persian پ چ ژ گ, Urdu ٹ ڈ ڑ ں ے), Cyrillic (Kazakh ә ғ қ ң ө ұ ү һ, Belarusian ў,
   Serbian and Macedonian ђ ј љ њ ћ џ, Ukrainian і ї є ґ) and Latin (Polish ł ń ś ź ż, Czech
   ě ř ů, Hungarian ő ű, Turkish ğ ı) alphabets.
2. Otherwise the function words decide: each word of the sample that is on a language's list
   (``stmtdiff/data/languages/function_words`` from Stopwords ISO, with the negation and
   modality words) is one vote for that language; a tie goes to the language whose words
   fewer other lists share. (Weighting every vote by 1/n, n the lists holding the word, was
   measured too: it let one rare entry outvote six common ones, "próxima" making Spanish
   Portuguese.)

A document in two languages gets the one most of its sample is in; nothing downstream needs
one language per sentence. Too little text (fewer than 20 letters, or 10 Chinese, Japanese or
Korean characters) gives ``None``.

    >>> detect_language("The parties agreed to expand trade and to meet again in the spring.")
    'en'
    >>> detect_language("双方同意扩大贸易，并于明年春天再次会晤。")
    'zh'
    >>> detect_language("Стороны договорились расширить торговлю и встретиться снова весной.")
    'ru'
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from stmtdiff.languages.scripts import pattern
from stmtdiff.languages.wordlists import function_words, modality_words, negation_words

WINDOW = 4000  # characters per sample window
MIN_LETTERS = 20
MIN_SYLLABLES = 10  # a Chinese character or a Hangul block says as much as a short word
MAX_WORDS = 3000  # words of the sample that vote
# The most widely written languages of a script are tried first, alone; their winner stands
# when it has this many votes and this many times the runner-up's (an English statement then
# loads 8 word lists, not 40).
FIRST_TRIED = 8
CLEAR_HITS = 20
CLEAR_RATIO = 1.5


# script name -> letters of that script (one character class each)
_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "cyrillic": "\u0400-\u04ff\u0500-\u052f",
    "arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "hangul": "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f",
    "kana": "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "devanagari": "\u0900-\u097f",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "hebrew": "\u0590-\u05ff",
    "thai": "\u0e00-\u0e7f",
    "armenian": "\u0530-\u058f",
    "georgian": "\u10a0-\u10ff",
    "bengali": "\u0980-\u09ff",
    "gujarati": "\u0a80-\u0aff",
    "tamil": "\u0b80-\u0bff",
}
_LATIN = re.compile(f"[{_SCRIPTS['latin']}]")
# Scripts written by one language only (for the texts stmtdiff is used on).
_SINGLE_LANGUAGE = {
    "hangul": "ko", "greek": "el", "hebrew": "he", "thai": "th", "armenian": "hy",
    "georgian": "ka", "bengali": "bn", "gujarati": "gu", "tamil": "ta",
}
# Letters that only one language of a script uses, with the share of the script's letters
# above which they decide, unless a letter that language never writes is there too:
# (language, letters, share, letters it never writes). The shares are about a third of the
# letters' share in running text of the language (Persian ی and ک alone are 8-10% of its
# letters), so a document decides by the language most of it is in: an Arabic resolution
# quoting a Persian paragraph stays Arabic.
_MARK_LETTERS = {
    "arabic": [("ur", "ٹڈڑںے", 0.015, ""), ("fa", "پچژگکی", 0.03, "")],
    "cyrillic": [
        ("kk", "әғқңөұүһӘҒҚҢӨҰҮҺ", 0.02, ""),
        ("be", "ўЎ", 0.003, ""),
        # Macedonian before Serbian, which shares ј љ њ џ with it; neither alphabet has
        # й щ ъ ы ь э ю я ё (nor ѣ, which old Russian spelling has)
        ("mk", "ѓќѕЃЌЅ", 0.003, "йщъыьэюяёѣЙЩЪЫЬЭЮЯЁѢ"),
        ("sr", "ђјљњћџЂЈЉЊЋЏ", 0.003, "йщъыьэюяёѣЙЩЪЫЬЭЮЯЁѢ"),
        # і after Kazakh and Belarusian, which write it too, and not with ы э ъ ё ѣ, which
        # Ukrainian never writes (Russian before 1918 wrote і: "сказалъ … міръ")
        ("uk", "іїєґІЇЄҐ", 0.003, "ыэъёѣЫЭЪЁѢ"),
    ],
    "latin": [
        ("pl", "łńśźżŁŃŚŹŻ", 0.005, ""),
        ("cs", "ěřůĚŘŮ", 0.005, ""),
        ("hu", "őűŐŰ", 0.003, ""),
        # ć and đ: Croatian, Bosnian and Serbian in Latin letters (one list of function
        # words, "hr"), not Polish (ć with ł ń ś ź ż), Czech or Slovak (č with ě ř ů ĺ ľ ŕ)
        # nor Vietnamese (đ with ơ ư and its tone marks)
        ("hr", "ćđĆĐ", 0.003, "łńśźżěřůĺľŕŁŃŚŹŻĚŘŮĹĽŔơưƠƯạảấầậắặẹẻếềệịọỏốồộớờợụủứừự"),
        ("tr", "ğıĞİ", 0.005, ""),
    ],
}
# Languages whose function words are compared, per script, most widely written first: a tie
# goes to the first ("President Donald Trump met the envoy": "the" is English, "met" Dutch,
# Afrikaans and Breton).
_CANDIDATES = {
    "latin": tuple(
        "en es fr de pt it nl pl tr id vi ro cs sv hu fi da no sk hr sl lt lv et ca gl eu ms tl "
        "sw ha yo zu so st af br eo ga la ku".split()
    ),
    "cyrillic": ("ru", "bg", "uk"),
    "arabic": ("ar", "fa", "ur"),
    "devanagari": ("hi", "mr"),
}
_FALLBACK = {"cyrillic": "ru", "arabic": "ar", "devanagari": "hi"}
# Letters a candidate language never writes (its alphabet lacks them): when they are more
# than a trace of the sample (a quoted name), the language is no candidate. Bulgarian and
# Ukrainian have no ы э ё, so "…провёл переговоры…" is not Bulgarian, whatever short words
# the two languages share (Stopwords ISO lists "си" and "с" for Bulgarian). From the
# alphabets in each language's reference grammar.
_NEVER_WRITES = {"bg": "ыэёЫЭЁ", "uk": "ыэъёЫЭЪЁ"}
NEVER_TRACE = 0.002
# Letters only: French "l'accord" gives "l" and "accord", and "l" is a French function word.
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language most of ``text`` is in, or None when unsure."""
    sample = _sample(text)
    if not any(char.isalpha() for char in set(sample) if char > "\x7f"):
        counts = {"latin": len(_LATIN.findall(sample))}  # English text, curly quotes and all
    else:
        counts = {name: len(pattern(f"[{letters}]").findall(sample)) for name, letters in _SCRIPTS.items()}
    if counts.get("han") or counts.get("kana"):
        han_kana = counts.pop("han") + counts.pop("kana")
        counts["han_kana"] = han_kana
    script = max(counts, key=lambda name: counts[name])
    letters = counts[script]
    if script == "hangul" and letters >= 2:
        return "ko"  # Hangul is Korean however short ("한중 공동성명")
    if script == "han_kana":
        kana = len(pattern(f"[{_SCRIPTS['kana']}]").findall(sample))
        if kana > 0.1 * letters and letters >= 2:
            return "ja"  # kana are Japanese however short
    if letters < (MIN_SYLLABLES if script in ("han_kana", "hangul") else MIN_LETTERS):
        return None
    if script == "han_kana":
        return "zh"
    if script in _SINGLE_LANGUAGE:
        return _SINGLE_LANGUAGE[script]
    for language, marks, share, never in _MARK_LETTERS.get(script, ()):
        if sum(map(sample.count, marks)) > share * letters and not any(map(sample.__contains__, never)):
            return language
    candidates = tuple(
        language
        for language in _CANDIDATES.get(script, ())
        if sum(map(sample.count, _NEVER_WRITES.get(language, ""))) <= NEVER_TRACE * letters
    )
    first = candidates[:FIRST_TRIED]
    if len(candidates) > FIRST_TRIED:  # most statements are in one of the first: try them alone
        scores = _scores(sample, first)
        ranked = sorted(range(len(first)), key=lambda n: scores[n], reverse=True)
        best, runner_up = scores[ranked[0]], scores[ranked[1]]
        if best[0] >= CLEAR_HITS and best[0] >= CLEAR_RATIO * runner_up[0]:
            return first[ranked[0]]
    return _by_function_words(sample, candidates) or _FALLBACK.get(script)


def _sample(text: str) -> str:
    """Up to three windows of the text: its start, middle and end."""
    if len(text) <= 3 * WINDOW:
        return text
    middle = len(text) // 2 - WINDOW // 2
    return "\n".join((text[:WINDOW], text[middle : middle + WINDOW], text[-WINDOW:]))


def _by_function_words(sample: str, candidates: tuple[str, ...]) -> str | None:
    """The candidate whose function words the sample uses most; a tie goes to the one whose
    words fewer other languages share ("avant" is French only, "fin" Spanish and Italian),
    then to the first."""
    if not candidates:
        return None
    scores = _scores(sample, candidates)
    best = max(range(len(candidates)), key=lambda n: (scores[n], -n))
    return candidates[best] if scores[best][0] > 0 else None


def _scores(sample: str, candidates: tuple[str, ...]) -> list[tuple[int, float]]:
    """Per candidate: (words of the sample on its list, the same with each word counting
    1/n when n of the candidates' lists hold it)."""
    lists = [_telling_words(language) for language in candidates]
    hits = [0] * len(candidates)
    telling = [0.0] * len(candidates)
    for word, count in Counter(_WORD.findall(sample.casefold())[:MAX_WORDS]).items():
        holders = [n for n, words in enumerate(lists) if word in words]
        for n in holders:
            hits[n] += count
            telling[n] += count / len(holders)
    return list(zip(hits, telling))


@lru_cache(maxsize=None)
def _telling_words(language: str) -> frozenset[str]:
    """The words that tell a language: its function words, negation and modality words
    (French "ne", "pas" are left out of the function words, not out of the evidence)."""
    return function_words(language) | negation_words(language) | frozenset(modality_words(language))
