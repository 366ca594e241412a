"""Tokens and what the rules need to know about each one (:class:`Word`), computed once.

A word keeps its inner hyphens and apostrophes ("non-proliferation", "don't"), a number its
separators ("5,000,000", "3.5") and a dotted abbreviation stays whole ("U.S."), so "nonproliferation" / "non-proliferation" compare as two
words, not as a word against three tokens; every other non-space character is a token.

    >>> tokenize("U.S. non-proliferation, 30th")
    (('U.S.', 'non-proliferation', ',', '30th'), (0, 5, 22, 24))
    >>> word("Colours").key, word("30th").number, word("won't").modal
    ('colors', '30', 'will')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, wraps
from itertools import accumulate
from typing import Any, NamedTuple, TypeVar, cast

from rapidfuzz.distance import Levenshtein

from stmtdiff.classify.lexicon import (
    ADJECTIVE_ENDINGS,
    COMMITMENT,
    COMPARATIVE_ENDING,
    COMPARATIVES,
    MODALS,
    MONTHS,
    NEGATING_PREFIXES,
    NEGATIONS,
    NOUN_ENDINGS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    WEEKDAYS,
    function_words,
    us_spelling,
)
from stmtdiff.languages.marks import CLUSTER, MARKS, WORD, has_marks
from stmtdiff.languages.numbers import number_value
from stmtdiff.languages.scripts import HAN_KANA, KATAKANA, has_unspaced, pattern
from stmtdiff.languages.wordlists import adjective_endings, markers
from stmtdiff.languages.wordlists import number_word as language_number_word
from stmtdiff.languages.wordlists import function_words as language_function_words


def _token_pattern(letter: str, *, clusters: bool = True) -> str:
    """A token: an initialism ("U.S."), a number with separators ("1,000.5"), a word made of
    ``letter`` (hyphens and apostrophes inside it), an emoji sequence (``clusters``), or one
    other non-space character."""
    other = f"{CLUSTER}|[^\\s{WORD}]" if clusters else r"[^\w\s]"
    return (
        rf"(?:[^\W\d_]\.){{2,}}|\d+(?:[.,]\d+)+(?!\w)|{letter}+(?:[-\u2010\u2011'\u2019]{letter}+)*|{other}"
    )


# A word keeps its combining marks (Hindi vowel signs, Arabic harakat, decomposed accents: see
# stmtdiff.languages.marks) and an emoji sequence is one token.
_W = f"[{WORD}]"
TOKEN = re.compile(_token_pattern(_W))
# The same tokens, kept by re.split; text without marks or emoji joiners (``has_marks``: all
# English, most of any language) splits the same with plain \w, 2.4 times faster.
_TOKEN_SPLIT = re.compile(f"({TOKEN.pattern})")
_PLAIN_TOKEN_SPLIT = re.compile("(" + _token_pattern(r"\w", clusters=False) + ")")


WORD_AT = re.compile(rf"{_W}+(?:[-\u2010\u2011'\u2019]{_W}+)*")


HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"


SENTENCE_OPENERS = frozenset(".!?:;\"'()[]\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026")


# Quote and dash styles, folded before any comparison (formatting, never a change of wording).
_STYLE_TABLE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
    }
)


# Letters that look like Latin ones (a subset of Unicode's confusables.txt: Cyrillic and Greek
# capitals and small letters that render identically in common fonts).
_LOOKALIKE_TABLE = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0458\u0455\u04bb\u0501"
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7\u03bf",
    "aeopcyxijshd"
    "ABEKMHOPCTXIJS"
    "ABEZHIKMNOPTYXo",
)


_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


class Word(NamedTuple):
    """What the rules need to know about one token, computed once per distinct token."""

    norm: str  # NFKC, look-alike letters and quote/dash styles folded; case kept
    fold: str  # norm, case-folded
    plain: str  # fold without punctuation (hyphens, apostrophes, dots)
    bare: str  # plain without accents
    key: str  # bare in American spelling: equal keys mean "the same word"
    alnum: bool  # a word, not punctuation
    function: bool  # a closed-class word (the, of, will...)
    capital: bool  # starts with a capital letter
    acronym: str  # the letters of an abbreviation ("U.S." -> "US"), else ""
    number: str  # a number, amount or date in canonical form, else ""
    ordinal: bool  # "30th", "first": the same value as "30", "1", but maybe part of a title
    negation: bool
    modal: str
    commitment: int
    adjective_like: bool
    meaningful: bool  # negation, modal, commitment word or number: the meaning rules apply
    name_like: bool  # capitalised content word: a name unless it opens a sentence
    content: bool  # a word that carries content: not a function word, number or punctuation
    comparative: bool  # more, better, stronger...


# The languages of the pair being classified, other than English (whose rules are built in):
# their negation, modality, function words and adjective endings count too. Set around one
# classification by :func:`languages`; every cache of facts that depend on it is keyed by it.
_LANGUAGES: ContextVar[tuple[str, ...]] = ContextVar("stmtdiff_classify_languages", default=())


@contextmanager
def languages(codes: Sequence[str | None]) -> Iterator[None]:
    """Classify in these languages (ISO 639-1 codes; None and "en" add nothing).

        >>> with languages(["ru"]):
        ...     word("не").negation, word("должны").modal
        (True, 'must')
    """
    wanted = tuple(sorted({code.split("-")[0] for code in codes if code and code.split("-")[0] != "en"}))
    token = _LANGUAGES.set(wanted)
    try:
        yield
    finally:
        _LANGUAGES.reset(token)


def current_languages() -> tuple[str, ...]:
    """The languages set by :func:`languages` (() for English)."""
    return _LANGUAGES.get()


# str.isalnum() as patterns (``\w`` is exactly isalnum() or "_", a test checks): a
# character-by-character generator took a second on a 1 MB token.
_ALNUM = re.compile(r"[^\W_]")
# ... and Indic vowel signs, which are combining marks but letters of the word ("किया" and
# "किये" are two words), while Latin and Arabic accents are left out of a word's key.
_NOT_ALNUM = re.compile(r"(?:[^\w\u0900-\u0dff]|_)+")


def _word(text: str, langs: tuple[str, ...]) -> Word:
    norm = unicodedata.normalize("NFKC", text).translate(_LOOKALIKE_TABLE).translate(_STYLE_TABLE)
    fold = norm.casefold()
    alnum = _ALNUM.search(fold) is not None
    if not alnum:
        number = NUMBER_WORDS.get(norm, "")
        return Word(norm, fold, "", "", fold, False, False, False, "", number, False, False, "",
                    0, False, bool(number), False, False, False)
    plain = _NOT_ALNUM.sub("", fold)
    bare = _NOT_ALNUM.sub("", unicodedata.normalize("NFKD", plain))
    key = us_spelling(bare)
    number = _number_of(norm, fold)  # first: "May" is a month, "may" a modal verb
    ordinal = bool(number) and (fold in ORDINAL_WORDS or bool(_ORDINAL.fullmatch(fold)))
    negation = fold in NEGATIONS or fold.endswith("n't")
    function = fold in function_words()
    capital = norm[0].isupper()
    modal = "" if number else _modal_of(fold)
    commitment = COMMITMENT.get(fold, 0)
    adjective_like = len(fold) >= 6 and fold.endswith(ADJECTIVE_ENDINGS) and not fold.endswith(NOUN_ENDINGS)
    # the word as written (Cyrillic letters not folded to their Latin look-alikes)
    written = unicodedata.normalize("NFKC", text).translate(_STYLE_TABLE).casefold() if langs else fold
    for lang in langs:
        number = number or language_number_word(written, lang)  # "пять" is 5
        lang_negation, lang_modal, lang_commitment = markers(written, lang)
        negation = negation or lang_negation
        modal = modal or ("" if number else lang_modal)
        commitment = commitment or lang_commitment
        function = function or (written in language_function_words(lang) and not (lang_negation or lang_modal))
        adjective_like = adjective_like or (
            len(written) >= 6 and written.endswith(adjective_endings(lang) or ("\0",))
        )
    letters = norm.replace(".", "")
    acronym = (
        letters
        if 2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2
        and letters[0].isupper()
        else ""
    )
    return Word(
        norm=norm,
        fold=fold,
        plain=plain,
        bare=bare,
        key=key,
        alnum=True,
        function=function,
        capital=capital,
        acronym=acronym,
        number=number,
        ordinal=ordinal,
        negation=negation,
        modal=modal,
        commitment=commitment,
        adjective_like=adjective_like,
        meaningful=bool(number or negation or modal or commitment),
        name_like=capital and not function and not number and len(plain) > 1,
        content=not function and not number,
        comparative=fold in COMPARATIVES
        or (len(fold) >= 5 and fold.endswith(COMPARATIVE_ENDING) and not function),
    )


# The facts of each distinct token, one table per set of languages: a dictionary looked up by
# the token alone is about a third faster than an LRU cache keyed by (token, languages), and
# the classifier asks two million times on the whole Bible. A table that reaches
# _WORDS_REMEMBERED tokens starts over (bounded memory on any input).
_WORD_TABLES: dict[tuple[str, ...], dict[str, Word]] = {}
_WORDS_REMEMBERED = 1 << 16


def _table(langs: tuple[str, ...]) -> dict[str, Word]:
    table = _WORD_TABLES.get(langs)
    if table is None:
        table = _WORD_TABLES[langs] = {}
    return table


def _remembered(table: dict[str, Word], text: str, langs: tuple[str, ...]) -> Word:
    """The facts of a token not in ``table`` yet, added to it."""
    if len(table) >= _WORDS_REMEMBERED:
        table.clear()
    found = table[text] = _word(text, langs)
    return found


def word(text: str, _languages: Callable[[], tuple[str, ...]] = _LANGUAGES.get) -> Word:
    """The facts about one token, in the languages being classified (called two million times
    on the whole Bible: the language is bound once, as a default argument)."""
    langs = _languages()
    table = _table(langs)
    return table.get(text) or _remembered(table, text, langs)


def words_of(texts: Sequence[str], _languages: Callable[[], tuple[str, ...]] = _LANGUAGES.get) -> list[Word]:
    """:func:`word` for each of ``texts`` (the languages asked once for all of them: most
    rules read a piece's or a sentence's tokens together)."""
    langs = _languages()
    table = _table(langs)
    get = table.get
    return [get(text) or _remembered(table, text, langs) for text in texts]


def _modal_of(fold: str) -> str:
    """The modal verb a folded word is or contains ("won't" -> "will"), else ""."""
    if fold.endswith("n't"):
        return MODALS.get(fold, "") or MODALS.get(fold[:-3], "")
    return MODALS.get(fold, "")


def _number_of(norm: str, fold: str) -> str:
    """The canonical number, amount or date a token names, or "".

        >>> [_number_of(w, w.casefold()) for w in ("1,000", "thirty", "3rd", "third", "May", "may")]
        ['1000', '30', '3', '3', 'month 5', '']
    """
    if not fold.isascii():
        value = number_value(norm)  # Arabic-Indic or Devanagari digits, Chinese numerals
        if value:
            return value
    if fold[0].isdigit():
        ordinal = _ORDINAL.fullmatch(fold)
        if ordinal:
            return ordinal.group(1)
        if _NUMBER.fullmatch(fold):
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", fold):
                return fold.replace(",", "")
            return fold
        return fold
    if norm[0].isupper() and (norm in MONTHS or norm in WEEKDAYS):
        return MONTHS.get(norm) or WEEKDAYS[norm]
    if "-" in fold and all(part in NUMBER_WORDS for part in fold.split("-")):
        parts = [NUMBER_WORDS[part] for part in fold.split("-")]
        if all(p.isdigit() for p in parts):
            return str(sum(int(p) for p in parts))
    return NUMBER_WORDS.get(fold, "") or ORDINAL_WORDS.get(fold, "")


def same_stem(a: str, b: str) -> bool:
    """True when two folded words are forms of one word: they differ only in their endings.

    Plural, tense, derivation (intention/intent, Mineral/Minerals, Kazakhstan/Kazakhstani):
    a common prefix of 4+ letters covering at least 60% of the shorter word, after which the
    two endings differ from their last letter on. A change inside the word with the same
    ending (Rakhmetulin/Rakhmetullin) is a respelling, not another form.

        >>> same_stem("intention", "intent"), same_stem("permanent", "permission")
        (True, False)
        >>> same_stem("rakhmetulin", "rakhmetullin")
        False
    """
    if a == b:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    if common < 4 or common < 0.6 * min(len(a), len(b)):
        return False
    rest_a, rest_b = a[common:], b[common:]
    return not rest_a or not rest_b or rest_a[-1] != rest_b[-1]


def respelled(a: str, b: str) -> bool:
    """True when two folded words are one word spelled another way: at most 2 edits, and at
    most a quarter of the shorter word's letters (Rakhmetulin / Rakhmetullin, hydrogren /
    hydrogen); never for a word of under 4 letters.

        >>> respelled("rakhmetulin", "rakhmetullin"), respelled("parties", "paris")
        (True, False)
    """
    shorter = min(len(a), len(b))
    if shorter < 4 or abs(len(a) - len(b)) > 2:
        return False
    distance = Levenshtein.distance(a, b, score_cutoff=2)
    return distance <= 2 and distance <= shorter / 4


def negated(a: str, b: str) -> bool:
    """True when one folded word is the other with a negating prefix (likely/unlikely)."""
    if len(a) < len(b):
        a, b = b, a
    return len(b) >= 4 and any(a == prefix + b for prefix in NEGATING_PREFIXES)


def initials_match(words: Sequence[str], acronym: str) -> bool:
    """True when ``acronym`` abbreviates ``words`` (United Nations / UN, Department of State /
    DoS, right-handed neutrino / RHN), counting either every word's initial, or only the
    content words', or the initial of every part of a hyphenated word.

        >>> initials_match(["right-handed", "neutrino"], "RHN"), initials_match(["United", "Nations"], "UK")
        (True, False)
    """
    if not words:
        return False
    infos = [word(w) for w in words]
    if not all(info.alnum for info in infos):
        return False
    target = acronym.casefold()
    every = "".join(info.fold[0] for info in infos)
    content = "".join(info.fold[0] for info in infos if not info.function)
    parts = "".join(part[0] for info in infos for part in info.fold.split("-") if part)
    if len(words) < 2:
        return len(parts) >= 2 and target == parts
    return target in (every, content, parts)


def tokenize_side(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The tokens of one whole side of a pair, and where each starts: :func:`tokenize`, except
    that Chinese and Japanese characters are tokens one by one (katakana runs whole), as the
    word diff cuts them, so that the pair's facts line up with its pieces' tokens.

        >>> tokenize_side("签署了三十项")[0]
        ('签', '署', '了', '三', '十', '项')
    """
    if not has_unspaced(text):
        return tokenize(text)
    found = list(pattern(_UNSPACED_TOKEN).finditer(text))
    return tuple([m[0] for m in found]), tuple([m.start() for m in found])


# Chinese and Japanese characters one by one (katakana runs whole); a word of another script
# stops where they begin ("签署ABC协议": 签, 署, ABC, 协, 议).
_UNSPACED_TOKEN = f"[{KATAKANA}]+|[{HAN_KANA}]|" + _token_pattern(f"(?:[^\\W{HAN_KANA}]|[{MARKS}])")


def tokenize(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The tokens of a run text, and where each starts.

    Split around the tokens, the text alternates gap, token, gap, ..., gap; a token starts
    where the lengths of all parts before it add up to. No Python code runs per token.
    """
    parts = (_TOKEN_SPLIT if has_marks(text) else _PLAIN_TOKEN_SPLIT).split(text)
    return tuple(parts[1::2]), tuple(accumulate(map(len, parts[:-1])))[::2]


_F = TypeVar("_F", bound=Callable[..., Any])


_SEEN_LIMIT = 1 << 16  # argument hashes remembered by one cache below, then it starts over


def cached_from_second_call(maxsize: int) -> Callable[[_F], _F]:
    """An LRU cache that keeps a result only when the same arguments come a second time.

    Most runs of a long document, and most of their pieces, occur once. A cache of every
    result holds thousands of objects that are never asked for again, and every object held
    brings the garbage collector's next full pass closer: on the whole Bible heavily
    reworded, caching every layout and verdict cost more in collections than it saved in
    computing. A first call only notes the hash of its arguments, an int, which the
    collector does not track.
    """

    def decorate(function: _F) -> _F:
        # keyed by the languages being classified too: the same words mean other things in them
        cached = lru_cache(maxsize=maxsize)(lambda langs, *args: function(*args))
        seen: set[int] = set()

        @wraps(function)
        def call(*args: Any) -> Any:
            langs = _LANGUAGES.get()
            key = hash((langs, args))
            if key in seen:
                return cached(langs, *args)
            if len(seen) >= _SEEN_LIMIT:
                seen.clear()
            seen.add(key)
            return function(*args)

        return cast(_F, call)

    return decorate
