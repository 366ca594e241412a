"""Per-language word lists for the classifier, read from ``stmtdiff/data/languages/``.

* function words: ``function_words/<lang>.txt`` (Stopwords ISO; see ``scripts/make_function_words.py``);
* negation words: ``negation.tsv``; modality and commitment words: ``modality.tsv`` (each file
  names its sources);
* adjective endings: ``adjective_endings.tsv`` (a qualifier swapped inside a term is
  substantive in any language whose adjectives show by their endings);
* number words: ``number_words.tsv`` ("пять" is 5); words that hold a negation or modality
  entry without negating: ``not_markers.tsv`` (未来 "future").

Chinese, Japanese and Korean entries are found inside a word (they write no spaces between
words, or attach endings: 不能, できない, 하지 않는다); the others are whole words, letter case
folded.

    >>> markers("не", "ru"), markers("должны", "ru"), markers("不能", "zh")
    ((True, '', 0), (False, 'must', 0), (True, 'can', 0))
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = [
    "adjective_endings", "adjectives_follow_noun", "function_words", "markers", "modality_words", "negation_words",
    "not_markers", "number_word",
]

_DATA = Path(__file__).resolve().parent.parent / "data" / "languages"
INSIDE_WORDS = frozenset(("zh", "ja", "ko"))  # entries matched inside a word
# Commitment levels, as the English rules have them: 2 binds the speaker, 1 states an aim.
_COMMITMENT = {"commit": 2, "intend": 1}


def _rows(name: str) -> list[list[str]]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def function_words(language: str) -> frozenset[str]:
    """The function words of a language (casefolded), empty when stmtdiff has no list for it."""
    path = _DATA / "function_words" / f"{language}.txt"
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@lru_cache(maxsize=None)
def _negations() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for lang, word, *_ in _rows("negation.tsv"):
        found.setdefault(lang, set()).add(word.casefold())
    return {lang: frozenset(words) for lang, words in found.items()}


@lru_cache(maxsize=None)
def _narrowed() -> dict[tuple[str, str], str]:
    """(language, negation entry) -> "word" or "start" where the entry's third column narrows
    where it is found in a word (Korean 안 alone, 못 at a word's start)."""
    return {(row[0], row[1].casefold()): row[2] for row in _rows("negation.tsv") if len(row) > 2}


@lru_cache(maxsize=None)
def not_markers(language: str) -> tuple[str, ...]:
    """Words that hold a negation or modality entry without negating or stating a modality
    (``not_markers.tsv``: 未来 "future", 会议 "meeting", 안보 "security"), longest first.

        >>> not_markers("zh")[:2]
        ('莫斯科', '委员会')
    """
    words = [row[1] for row in _rows("not_markers.tsv") if row[0] == language]
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def _modalities() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for lang, word, meaning, *_ in _rows("modality.tsv"):
        found.setdefault(lang, {})[word.casefold()] = meaning
    return found


@lru_cache(maxsize=None)
def _endings() -> dict[str, tuple[tuple[str, ...], bool]]:
    """language -> (adjective endings, longest first; whether adjectives follow the noun)."""
    found: dict[str, list[str]] = {}
    after: dict[str, bool] = {}
    for lang, ending, place, *_ in _rows("adjective_endings.tsv"):
        found.setdefault(lang, []).append(ending)
        after[lang] = place == "after"
    return {lang: (tuple(sorted(ends, key=len, reverse=True)), after[lang]) for lang, ends in found.items()}


@lru_cache(maxsize=None)
def _number_words() -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for lang, word, value, *_ in _rows("number_words.tsv"):
        found.setdefault(lang, {})[word.casefold()] = value
    return found


def number_word(fold: str, language: str) -> str:
    """The value of a casefolded number word of a language ("" when it is none).

        >>> number_word("пять", "ru"), number_word("cinq", "fr"), number_word("un", "fr")
        ('5', '5', '')
    """
    return _number_words().get(language, {}).get(fold, "")


def negation_words(language: str) -> frozenset[str]:
    """The negation words of a language (casefolded); empty when stmtdiff has none for it."""
    return _negations().get(language, frozenset())


def modality_words(language: str) -> dict[str, str]:
    """Word -> meaning (must, should, shall, may, can, will, commit, intend) for a language."""
    return _modalities().get(language, {})


def adjective_endings(language: str) -> tuple[str, ...]:
    """Endings that mark the adjectives of a language (longest first); empty when unknown."""
    return _endings().get(language, ((), False))[0]


def adjectives_follow_noun(language: str) -> bool:
    """Whether the adjectives of a language stand after their noun (French, Spanish)."""
    return _endings().get(language, ((), False))[1]


def _holds(fold: str, entry: str, where: str) -> bool:
    if where == "word":
        return fold == entry
    if where == "start":
        return fold.startswith(entry)
    return entry in fold


@lru_cache(maxsize=1 << 15)
def markers(fold: str, language: str) -> tuple[bool, str, int]:
    """(negation, modal meaning, commitment level) of one casefolded word in a language.

    The modal meaning of a commitment word is its level's name ("commit", "intend"), so a
    change from "обязуются" to "намерены" (undertake -> intend) reads as a change of modality.
    """
    if language in INSIDE_WORDS:
        for word in not_markers(language):  # 未来 (future) holds 未 (not yet) but negates nothing
            if word in fold:
                fold = fold.replace(word, "\0")
        modal = ""
        for entry, meaning in modality_words(language).items():
            if entry in fold and len(entry) > len(modal):
                modal, found = entry, meaning
        meaning = found if modal else ""
        # a modal entry's own letters negate nothing: しなければならない (must) holds ない
        rest = fold.replace(modal, "\0") if modal else fold
        narrowed = _narrowed()
        negation = any(
            _holds(rest, entry, narrowed.get((language, entry), "")) for entry in negation_words(language)
        )
    else:
        negation = fold in negation_words(language)
        meaning = modality_words(language).get(fold, "")
    return negation, meaning, _COMMITMENT.get(meaning, 0)
