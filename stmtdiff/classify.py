"""Edits -> changes: split word-diff runs into the changes a reader would name, class and rank them.

A *run* is a maximal sequence of delete/insert edits between two equal edits. Inside a run the
deleted words are sub-aligned with the inserted words so that words that are variants of each
other become changes of their own:

    "work towards sustainable normal" -> "work toward permanent normal"
    towards -> toward           spelling     ("US/UK spelling")
    sustainable -> permanent    substantive  ("qualifier of a term changed")

Every change gets one class (from least to most important) and a significance in [0, 1]:

=============  ============  =======================================================
class          significance  what it is
=============  ============  =======================================================
formatting     0.02 - 0.05   whitespace, letter case, punctuation, quote/dash style,
                             Unicode variants (NFKC, look-alike letters)
spelling       0.15          the same word written another way: US/UK, hyphenation
                             and compounds, accents, transliterated names, an
                             abbreviation and its expansion, "30" / "thirty"
wording        0.20 - 0.45   rephrasing that keeps the meaning as far as rules can
                             tell (moved words 0.20, another form of a word 0.25,
                             grammar words 0.25, content words 0.30 + 0.03 a word)
substantive    0.60 - 1.00   can change the meaning: watched term 0.95, negation
                             0.90, number/date 0.85, modality/commitment 0.80,
                             qualifier of a term 0.75, proper name replaced 0.75,
                             name added/removed 0.60, sentence omitted/added
                             0.60 - 0.80 by length; +0.02 for each extra reason
=============  ============  =======================================================

Text outside the region the two documents share, and boilerplate, is ``formatting`` with a
significance of at most 0.1 (see :func:`classify_unpaired`). Everything is deterministic: no
clock, no randomness, ties in the ranking go to document order.

The rules use no words of any particular document. Their data: ``data/function_words.txt``
(English closed-class words), ``data/us_uk_spelling.tsv`` (irregular US/UK pairs the spelling
rules do not cover), and small closed lists in this module (number words, months, negations,
modal verbs, commitment words, adjective endings, look-alike letters from Unicode's
confusables.txt). String distances come from RapidFuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import resources
from itertools import accumulate
from typing import Any, NamedTuple, TypeVar, cast

from rapidfuzz.distance import Indel, Levenshtein

from stmtdiff.model import Change, ChangeClass, Edit, Op, Pair

__all__ = ["classify_edits", "classify_unpaired", "rank_changes", "SIGNIFICANCE"]

# --------------------------------------------------------------------------------------
# The significance scale: one number per reason, the class's level in the middle.

SIGNIFICANCE: dict[str, float] = {
    # formatting
    "whitespace only": 0.02,
    "quote or dash style": 0.03,
    "Unicode variant": 0.03,
    "letter case only": 0.05,
    "punctuation only": 0.05,
    "boilerplate": 0.02,
    "outside the shared text": 0.05,
    # spelling
    "US/UK spelling": 0.15,
    "hyphenation or compound": 0.15,
    "accents": 0.15,
    "name spelled another way": 0.15,
    "abbreviation and its expansion": 0.15,
    "number written another way": 0.15,
    # wording
    "moved within the sentence": 0.20,
    "another form of the same word": 0.25,
    "grammar words": 0.25,
    "rephrased": 0.30,
    "words added": 0.30,
    "words removed": 0.30,
    # substantive
    "watched term": 0.95,
    "negation added or dropped": 0.90,
    "number changed": 0.85,
    "date changed": 0.85,
    "modality changed": 0.80,
    "commitment changed": 0.80,
    "qualifier of a term changed": 0.75,
    "proper name changed": 0.75,
    "proper name added": 0.60,
    "proper name removed": 0.60,
    "sentence omitted": 0.60,
    "sentence added": 0.60,
}

# --------------------------------------------------------------------------------------
# Tokens. A word keeps its inner hyphens and apostrophes ("non-proliferation", "don't") and a
# dotted abbreviation stays whole ("U.S."), so "nonproliferation" / "non-proliferation" compare
# as two words, not as a word against three tokens; every other non-space character is a token.

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[-\u2010\u2011'\u2019]\w+)*|[^\w\s]")
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")  # the same tokens, kept by re.split
_WORD_AT = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SENTENCE_OPENERS = frozenset(".!?:;\"'()[]\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026")

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

# --------------------------------------------------------------------------------------
# Closed word lists (small enough to read here; the open-ended ones live in data/).

_NUMBER_WORDS = {
    "zero": "0", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "trillion": "1000000000000", "dozen": "12", "half": "0.5", "twice": "x2", "once": "x1",
    "thrice": "x3", "percent": "%", "%": "%", "$": "$", "\u20ac": "\u20ac", "\u00a3": "\u00a3",
    "first": "#1", "second": "#2", "third": "#3", "fourth": "#4", "fifth": "#5", "sixth": "#6",
    "seventh": "#7", "eighth": "#8", "ninth": "#9", "tenth": "#10", "eleventh": "#11",
    "twelfth": "#12", "twentieth": "#20", "hundredth": "#100",
}
_MONTHS = {
    name: f"month {i}"
    for i, names in enumerate(
        [("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"),
         ("May",), ("June", "Jun"), ("July", "Jul"), ("August", "Aug"),
         ("September", "Sep", "Sept"), ("October", "Oct"), ("November", "Nov"),
         ("December", "Dec")],
        start=1,
    )
    for name in names
}
_WEEKDAYS = {
    name: f"day {i}"
    for i, name in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], start=1
    )
}
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

_NEGATIONS = frozenset(
    "not no never none nor neither nothing nobody nowhere cannot without "
    "non unable".split()
)
_MODALS = {
    "shall": "shall", "will": "will", "would": "would", "may": "may", "might": "might",
    "can": "can", "could": "could", "should": "should", "must": "must", "ought": "ought",
    "cannot": "can", "can't": "can", "won't": "will", "shan't": "shall", "'ll": "will",
}
# Commitment: 2 binds the speaker (commit, pledge, agree, oblige...), 1 states an aim (intend,
# plan, hope, seek, be ready...). Swapping one level for the other, or dropping it, is
# substantive; staying on one level ("intention" -> "intent") is not.
_COMMITMENT: dict[str, int] = {}
for _level, _words in (
    (2, "commit commits committed committing commitment commitments pledge pledges pledged "
        "pledging promise promises promised promising undertake undertakes undertook "
        "undertaken undertaking undertakings oblige obliges obliged obligation obligations "
        "obligated obligatory binding agree agrees agreed agreeing agreement agreements "
        "guarantee guarantees guaranteed guaranteeing vow vows vowed vowing dedicate "
        "dedicates dedicated dedicating dedication resolve resolves resolved require "
        "requires required requiring requirement requirements"),
    (1, "intend intends intended intending intention intentions intent aim aims aimed "
        "aiming plan plans planned planning hope hopes hoped hoping wish wishes wished "
        "desire desires desired seek seeks sought seeking aspire aspires aspired aspiration "
        "aspirations ready readiness willing willingness"),
):
    for _word_text in _words.split():
        _COMMITMENT[_word_text] = _level
del _level, _words, _word_text
# Endings that mark most English adjectives (sustainable, permanent, national, effective...),
# and noun endings that look like them (agreement, element).
_ADJECTIVE_ENDINGS = (
    "able", "ible", "al", "ial", "ant", "ent", "ive", "ous", "ic", "ful", "less", "ary", "ory",
)
_NOUN_ENDINGS = ("ment", "ance", "ence")
# "<prefix>word" is the negation of "word": likely/unlikely, proliferation/nonproliferation.
_NEGATING_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")
# Directional words whose British form ends in -wards (towards, afterwards, onwards...).
_WARD_STEMS = frozenset(
    "to after for back up down on in out home west east north south sky heaven earth sea "
    "land lee wind side".split()
)


def _read_data(name: str) -> list[str]:
    """The non-comment lines of a file in stmtdiff/data/ (read once, on first use)."""
    text = resources.files("stmtdiff").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(line.strip() for line in _read_data("function_words.txt"))


@lru_cache(maxsize=1)
def _irregular_spellings() -> dict[str, str]:
    pairs = dict(line.split("\t") for line in _read_data("us_uk_spelling.tsv"))
    return {uk.strip(): us.strip() for uk, us in pairs.items()}


# --------------------------------------------------------------------------------------
# Word keys.

_UK_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        # -ise/-ize, -isation/-ization (organise, organising, organisation)
        (r"(?<=\w\w)is(e|es|ed|ing|ingly|er|ers|ation|ations|ational|able|ably|ance)$", r"iz\1"),
        # -yse/-yze (analyse, paralysed)
        (r"(?<=\w\w)ys(e|es|ed|ing|er|ers)$", r"yz\1"),
        # -our/-or with two letters of stem at least (colour, behaviourism, armoury; not four)
        (r"(?<=\w\w)our(?=(?:s|ed|ing|ings|er|ers|able|ably|ite|ites|itism|ful|fully|less|ly|"
         r"y|ies|ism|ist|ists|al|ant|ants|hood|hoods|liness|some|iz\w*)?$)", "or"),
        # -tre/-ter, -bre/-ber, -gre/-ger, -vre/-ver (centre, fibres, centred, manoeuvre)
        (r"(?<=\w)([tbgv]|ch)re$", r"\1er"),
        (r"(?<=\w)([tbgv]|ch)res$", r"\1ers"),
        (r"(?<=\w)([tbgv]|ch)red$", r"\1ered"),
        # -ogue/-og (catalogue, dialogues, catalogued)
        (r"(?<=\w\w)ogue(s?)$", r"og\1"),
        (r"(?<=\w\w)ogu(ed|ing)$", r"og\1"),
        # -ence/-ense (defence, licences, offenceless, pretence)
        (r"(?<=\w)([fct])ence(s|less)?$", r"\1ense\2"),
        # ae/oe -> e in long words (paediatric, manoeuvre, oestrogen)
        (r"(?<=\w)(?:ae|oe)(?=\w{3})", "e"),
        (r"^(?:ae|oe)(?=\w{5})", "e"),
    )
)
# Any of the rules above: most words match none, and one search rules them all out.
_UK_ANY = re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in _UK_RULES))
# travelled, cancellation, counsellor, cruellest: -ll- after a stem of two syllables at least
_DOUBLED_L = re.compile(
    r"^(\w*[aeiou]\w*?[^aeiou\W][aeiou])"
    r"ll(ed|ing|ingly|er|ers|or|ors|ation|ations|est|ist|ists|ous|ously)$"
)
_INFLECTIONS = ("", "s", "es", "ed", "d", "ing", "ly", "ment", "ments", "ness")


def _us_spelling(word: str) -> str:
    """A folded word in its American spelling (a comparison key, never shown).

    Over-applying a rule is harmless: keys are only compared between the two versions of one
    sentence, so a key matters only where it makes two real, different words equal.

        >>> [_us_spelling(w) for w in ("organised", "colour", "towards", "travelled", "four")]
        ['organized', 'color', 'toward', 'traveled', 'four']
    """
    irregular = _irregular_spellings()
    for ending in _INFLECTIONS:
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)] if ending else word
            if stem in irregular:
                return irregular[stem] + ending
    if word.endswith("wards") and word[:-5] in _WARD_STEMS:
        return word[:-1]
    if _UK_ANY.search(word):  # a rule that does not match the word leaves it as it is
        for pattern, replacement in _UK_RULES:
            word = pattern.sub(replacement, word)
    doubled = _DOUBLED_L.match(word)
    if doubled:  # travelled, cancelling, counsellor: the stem has two syllables at least
        word = doubled.group(1) + "l" + doubled.group(2)
    return word


class _Word(NamedTuple):
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
    negation: bool
    modal: str
    commitment: int
    adjective_like: bool
    meaningful: bool  # negation, modal, commitment word or number: the meaning rules apply
    name_like: bool  # capitalised content word: a name unless it opens a sentence


@lru_cache(maxsize=1 << 16)
def _word(text: str) -> _Word:
    norm = unicodedata.normalize("NFKC", text).translate(_LOOKALIKE_TABLE).translate(_STYLE_TABLE)
    fold = norm.casefold()
    alnum = any(c.isalnum() for c in fold)
    if not alnum:
        number = _NUMBER_WORDS.get(norm, "")
        return _Word(norm, fold, "", "", fold, False, False, False, "", number, False, "", 0,
                     False, bool(number), False)
    plain = "".join(c for c in fold if c.isalnum())
    bare = "".join(c for c in unicodedata.normalize("NFKD", plain) if c.isalnum())
    key = _us_spelling(bare)
    number = _number_of(norm, fold)  # first: "May" is a month, "may" a modal verb
    negation = fold in _NEGATIONS or fold.endswith("n't")
    function = fold in _function_words()
    capital = norm[0].isupper()
    modal = "" if number else _modal_of(fold)
    commitment = _COMMITMENT.get(fold, 0)
    letters = norm.replace(".", "")
    acronym = (
        letters
        if 2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2
        and letters[0].isupper()
        else ""
    )
    return _Word(
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
        negation=negation,
        modal=modal,
        commitment=commitment,
        adjective_like=len(fold) >= 6
        and fold.endswith(_ADJECTIVE_ENDINGS)
        and not fold.endswith(_NOUN_ENDINGS),
        meaningful=bool(number or negation or modal or commitment),
        name_like=capital and not function and not number and len(plain) > 1,
    )


def _modal_of(fold: str) -> str:
    """The modal verb a folded word is or contains ("won't" -> "will"), else ""."""
    if fold.endswith("n't"):
        return _MODALS.get(fold, "") or _MODALS.get(fold[:-3], "")
    return _MODALS.get(fold, "")


def _number_of(norm: str, fold: str) -> str:
    """The canonical number, amount or date a token names, or "".

        >>> [_number_of(w, w.casefold()) for w in ("1,000", "thirty", "3rd", "May", "may")]
        ['1000', '30', '#3', 'month 5', '']
    """
    if fold[0].isdigit():
        ordinal = _ORDINAL.fullmatch(fold)
        if ordinal:
            return "#" + ordinal.group(1)
        if _NUMBER.fullmatch(fold):
            if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", fold):
                return fold.replace(",", "")
            return fold
        return fold
    if norm[0].isupper() and (norm in _MONTHS or norm in _WEEKDAYS):
        return _MONTHS.get(norm) or _WEEKDAYS[norm]
    if "-" in fold and all(part in _NUMBER_WORDS for part in fold.split("-")):
        parts = [_NUMBER_WORDS[part] for part in fold.split("-")]
        if all(p.isdigit() for p in parts):
            return str(sum(int(p) for p in parts))
    return _NUMBER_WORDS.get(fold, "")


# --------------------------------------------------------------------------------------
# Relations between two words.


def _same_stem(a: str, b: str) -> bool:
    """True when two folded words are forms of one word: they differ only in their endings.

    Plural, tense, derivation (intention/intent, Mineral/Minerals, Kazakhstan/Kazakhstani):
    a common prefix of 4+ letters covering at least 60% of the shorter word, after which the
    two endings differ from their last letter on. A change inside the word with the same
    ending (Rakhmetulin/Rakhmetullin) is a respelling, not another form.

        >>> _same_stem("intention", "intent"), _same_stem("permanent", "permission")
        (True, False)
        >>> _same_stem("rakhmetulin", "rakhmetullin")
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


def _negated(a: str, b: str) -> bool:
    """True when one folded word is the other with a negating prefix (likely/unlikely)."""
    if len(a) < len(b):
        a, b = b, a
    return len(b) >= 4 and any(a == prefix + b for prefix in _NEGATING_PREFIXES)


@lru_cache(maxsize=1 << 16)
def _variant_score(a_text: str, b_text: str) -> float:
    """How strongly two tokens look like one word changed (0 = unrelated).

    Used to split a run: pairs that score are reported as changes of their own. Punctuation
    pairs with punctuation and numbers with numbers, weakly, so that "more than 30" -> "over
    40" gives "more than" -> "over" and "30" -> "40".
    """
    a, b = _word(a_text), _word(b_text)
    if a.alnum != b.alnum:
        return 0.0
    if not a.alnum:
        return 0.5
    if a.key == b.key:
        return 1.0
    if a.number and b.number:
        return 0.6
    if len(a.key) < 4 or len(b.key) < 4:
        return 0.0
    if _same_stem(a.key, b.key) or _negated(a.key, b.key):
        return 0.9
    similarity = Indel.normalized_similarity(a.key, b.key)
    return similarity if similarity >= 0.75 else 0.0


def _initials_match(words: Sequence[str], acronym: str) -> bool:
    """True when ``acronym`` abbreviates ``words`` (United Nations / UN, Department of State /
    DoS), counting either every word's initial or only the content words'."""
    if len(words) < 2:
        return False
    infos = [_word(w) for w in words]
    if not all(info.alnum for info in infos):
        return False
    target = acronym.casefold()
    every = "".join(info.fold[0] for info in infos)
    content = "".join(info.fold[0] for info in infos if not info.function)
    return target in (every, content)


# --------------------------------------------------------------------------------------
# Runs and pieces.


_F = TypeVar("_F", bound=Callable[..., Any])
_SEEN_LIMIT = 1 << 16  # argument hashes remembered by one cache below, then it starts over


def _cached_from_second_call(maxsize: int) -> Callable[[_F], _F]:
    """An LRU cache that keeps a result only when the same arguments come a second time.

    Most runs of a long document, and most of their pieces, occur once. A cache of every
    result holds thousands of objects that are never asked for again, and every object held
    brings the garbage collector's next full pass closer: on the whole Bible heavily
    reworded, caching every layout and verdict cost more in collections than it saved in
    computing. A first call only notes the hash of its arguments, an int, which the
    collector does not track.
    """

    def decorate(function: _F) -> _F:
        cached = lru_cache(maxsize=maxsize)(function)
        seen: set[int] = set()

        @wraps(function)
        def call(*args: Any) -> Any:
            key = hash(args)
            if key in seen:
                return cached(*args)
            if len(seen) >= _SEEN_LIMIT:
                seen.clear()
            seen.add(key)
            return function(*args)

        return cast(_F, call)

    return decorate


_Token = tuple[int, int, str]  # (start, end, text) in the document (a merged neighbour's)


# One piece of a layout: its token ranges, then the offsets they cover in the run's texts
# (from the run's start): i0, i1, j0, j1, a_start, a_end, b_start, b_end.
_PieceRange = tuple[int, int, int, int, int, int, int, int]


class _Layout(NamedTuple):
    """How a run splits into pieces: it depends on the run's two texts only, so it is cached.

    Made of few objects, since every object a cached layout holds brings the garbage
    collector's next full pass closer (see :func:`_cached_from_second_call`): its tokens are
    two parallel tuples, texts and offsets, and besides the verdicts it holds tuples of
    numbers and strings only, which the collector stops tracking.
    """

    a_texts: tuple[str, ...]  # the tokens of the run's A text
    a_starts: tuple[int, ...]  # where each starts in it
    b_texts: tuple[str, ...]
    b_starts: tuple[int, ...]
    ranges: tuple[_PieceRange, ...]
    verdicts: tuple[_Verdict, ...]  # one a piece
    a_kept: tuple[int, ...]  # tokens matched by a token of the other side (anchors)
    b_kept: tuple[int, ...]


@dataclass(slots=True)
class _Run:
    """One run of deleted/inserted text with the equal text around it."""

    index: int
    a_start: int
    b_start: int
    a_text: str = ""
    b_text: str = ""
    before: str = ""  # the equal text just before ("" at the start of the pair)
    after: str = ""  # the equal text just after
    layout: _Layout | None = None


@dataclass(slots=True)
class _Piece:
    """A candidate change: token ranges of one run (plus a merged neighbour's tokens), or the
    run's raw text when the run has no tokens (whitespace) or is a hyphenation.

    Its document span is set when it is made (see :func:`_span`): the report, the merging of
    neighbours and the watched terms all ask for it.
    """

    run: _Run
    i0: int
    i1: int
    j0: int
    j1: int
    a_start: int
    a_end: int
    b_start: int
    b_end: int
    verdict: _Verdict | None = None
    change_class: ChangeClass = ChangeClass.WORDING
    reasons: tuple[str, ...] = ()
    significance: float = 0.0
    raw: bool = False
    runs: tuple[int, ...] = ()  # indexes of the runs it covers (for watched terms)
    a_extra: tuple[_Token, ...] = ()  # a merged neighbour's tokens, with document offsets
    b_extra: tuple[_Token, ...] = ()

    def a_texts(self) -> tuple[str, ...]:
        texts = _texts_of(self.run, "a")[self.i0 : self.i1]
        return texts + tuple([t[2] for t in self.a_extra]) if self.a_extra else texts

    def b_texts(self) -> tuple[str, ...]:
        texts = _texts_of(self.run, "b")[self.j0 : self.j1]
        return texts + tuple([t[2] for t in self.b_extra]) if self.b_extra else texts

    def document_tokens(self, side: str) -> tuple[_Token, ...]:
        """This piece's own tokens on ``side``, with document offsets (for merging)."""
        run, layout = self.run, self.run.layout
        assert layout is not None
        if side == "a":
            base, start, end, extra = run.a_start, self.i0, self.i1, self.a_extra
            texts, starts = layout.a_texts, layout.a_starts
        else:
            base, start, end, extra = run.b_start, self.j0, self.j1, self.b_extra
            texts, starts = layout.b_texts, layout.b_starts
        own = [
            (starts[k] + base, starts[k] + base + len(texts[k]), texts[k])
            for k in range(start, end)
        ]
        return tuple(own) + extra


def _raw_piece(run: _Run, change_class: ChangeClass, reason: str) -> _Piece:
    """The whole run as one change, its text as it is (whitespace only, a hyphenation)."""
    reasons = (reason,)
    return _Piece(
        run, 0, 0, 0, 0,
        run.a_start, run.a_start + len(run.a_text), run.b_start, run.b_start + len(run.b_text),
        None, change_class, reasons, _score(change_class, reasons), raw=True, runs=(run.index,),
    )


def _tokens_piece(
    run: _Run,
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    runs: tuple[int, ...],
    a_extra: tuple[_Token, ...] = (),
    b_extra: tuple[_Token, ...] = (),
) -> _Piece:
    """A piece over token ranges of a run with a layout (plus merged tokens), span computed."""
    layout = run.layout
    assert layout is not None
    a_start, a_end = _span(layout.a_texts, layout.a_starts, i0, i1, a_extra, run.a_start)
    b_start, b_end = _span(layout.b_texts, layout.b_starts, j0, j1, b_extra, run.b_start)
    return _Piece(
        run, i0, i1, j0, j1, a_start, a_end, b_start, b_end,
        runs=runs, a_extra=a_extra, b_extra=b_extra,
    )


def _texts_of(run: _Run, side: str) -> tuple[str, ...]:
    layout = run.layout
    if layout is None:
        return ()
    return layout.a_texts if side == "a" else layout.b_texts


def _span(
    texts: tuple[str, ...],
    starts: tuple[int, ...],
    start: int,
    end: int,
    extra: tuple[_Token, ...],
    base: int,
) -> tuple[int, int]:
    """Document offsets of a piece's side: tokens ``start:end`` (their offsets in ``starts``,
    from ``base``) and the merged ``extra`` ones, or the point of a pure insertion."""
    if extra:
        return (starts[start] + base if end > start else extra[0][0]), extra[-1][1]
    if end > start:
        return starts[start] + base, starts[end - 1] + len(texts[end - 1]) + base
    if start > 0:
        point = starts[start - 1] + len(texts[start - 1]) + base
    elif starts:
        point = starts[0] + base
    else:
        point = base
    return point, point


def _find_runs(edits: Sequence[Edit]) -> list[_Run]:
    runs: list[_Run] = []
    equal, delete = Op.EQUAL, Op.DELETE  # local names: this loop sees every edit of the text
    before = ""
    first: Edit | None = None  # the first edit of the run being read
    a_text = b_text = ""
    for edit in edits:
        if edit.op is equal:
            if first is not None:
                runs.append(
                    _Run(len(runs), first.a_start, first.b_start, a_text, b_text, before, edit.text)
                )
                first = None
                a_text = b_text = ""
            before = edit.text
        else:
            if first is None:
                first = edit
            if edit.op is delete:
                a_text += edit.text
            else:
                b_text += edit.text
    if first is not None:
        runs.append(_Run(len(runs), first.a_start, first.b_start, a_text, b_text, before))
    return runs


def _pieces_of_run(run: _Run) -> list[_Piece]:
    """The run's pieces: its whitespace or hyphenation as they are, else its cached layout.

    Raw pieces and pieces with a settled verdict come classified; the others are left to
    :func:`_classify_piece`.
    """
    if _is_hyphenation_run(run):
        return [_raw_piece(run, ChangeClass.SPELLING, "hyphenation or compound")]
    layout = run.layout = _layout(run.a_text, run.b_text)
    if not layout.a_texts and not layout.b_texts:
        return [_raw_piece(run, ChangeClass.FORMATTING, "whitespace only")]
    a_base, b_base, runs = run.a_start, run.b_start, (run.index,)
    pieces = []
    for (i0, i1, j0, j1, a0, a1, b0, b1), verdict in zip(layout.ranges, layout.verdicts):
        change_class, reasons, significance = verdict.settled or _UNSETTLED
        pieces.append(
            _Piece(
                run, i0, i1, j0, j1, a_base + a0, a_base + a1, b_base + b0, b_base + b1,
                verdict, change_class, reasons, significance, runs=runs,
            )
        )
    return pieces


# Class, reasons and significance of a piece until _classify_piece has seen it.
_UNSETTLED: tuple[ChangeClass, tuple[str, ...], float] = (ChangeClass.WORDING, (), 0.0)


@_cached_from_second_call(maxsize=1 << 14)
def _layout(a_text: str, b_text: str) -> _Layout:
    """Sub-align one run: key-equal tokens anchor, variant pairs split the gaps between them.

    Anchors are a longest common subsequence of the word keys (so "Charter" anchors
    "charter"); an anchor whose text differs is a change of its own. Each gap between
    anchors is split by :func:`_split_gap`. Each piece gets its :func:`_verdict`.
    """
    a_texts, a_starts = _tokenize(a_text)
    b_texts, b_starts = _tokenize(b_text)
    n, m = len(a_texts), len(b_texts)
    anchors: list[tuple[int, int]] = []
    if n == 0 and m == 0:
        ranges = []
    elif n == 0 or m == 0 or (n == 1 and m == 1) or max(n, m) > _MAX_RUN_TOKENS:
        ranges = [(0, n, 0, m)]  # a whole passage rewritten: one change, no sub-alignment
    else:
        a_info = list(map(_word, a_texts))
        b_info = list(map(_word, b_texts))
        a_keys = [info.key for info in a_info]
        b_keys = [info.key for info in b_info]
        if not set(a_keys).isdisjoint(b_keys):
            anchors = _common_keys(a_keys, b_keys)
        ranges = []
        i = j = 0
        for ai, bj in anchors + [(n, m)]:
            if ai > i or bj > j:
                ranges.extend(_split_gap(a_texts, b_texts, a_info, b_info, i, ai, j, bj))
            if ai < n and a_texts[ai] != b_texts[bj]:
                ranges.append((ai, ai + 1, bj, bj + 1))
            i, j = ai + 1, bj + 1
    return _Layout(
        a_texts,
        a_starts,
        b_texts,
        b_starts,
        tuple([_piece_range(a_texts, a_starts, b_texts, b_starts, *r) for r in ranges]),
        tuple([_verdict(a_texts[i0:i1], b_texts[j0:j1]) for i0, i1, j0, j1 in ranges]),
        tuple([ai for ai, _ in anchors]),
        tuple([bj for _, bj in anchors]),
    )


def _tokenize(text: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The tokens of a run text, and where each starts.

    Split around the tokens, the text alternates gap, token, gap, ..., gap; a token starts
    where the lengths of all parts before it add up to. No Python code runs per token.
    """
    parts = _TOKEN_SPLIT.split(text)
    return tuple(parts[1::2]), tuple(accumulate(map(len, parts[:-1])))[::2]


def _piece_range(
    a_texts: tuple[str, ...],
    a_starts: tuple[int, ...],
    b_texts: tuple[str, ...],
    b_starts: tuple[int, ...],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
) -> _PieceRange:
    a_start, a_end = _span(a_texts, a_starts, i0, i1, (), 0)
    b_start, b_end = _span(b_texts, b_starts, j0, j1, (), 0)
    return i0, i1, j0, j1, a_start, a_end, b_start, b_end


def _is_hyphenation_run(run: _Run) -> bool:
    """"data-sharing" -> "data sharing": only hyphens against space between two word parts."""
    texts = run.a_text + run.b_text
    if texts.strip(_HYPHENS + " ") or not any(c in _HYPHENS for c in texts):
        return False
    return bool(run.before[-1:].isalnum() and run.after[:1].isalnum())


def _common_keys(a_keys: list[str], b_keys: list[str]) -> list[tuple[int, int]]:
    """Index pairs of a longest common subsequence of the two key lists.

    Walks from the start, taking equal keys, else skipping the A key when that loses nothing
    (ties skip A). The LCS lengths it consults, ``lcs(i, j)`` of ``a_keys[i:]`` and
    ``b_keys[j:]``, come from a bit-parallel LCS (Allison-Dix, Hyyrö) over the reversed lists:
    one big-integer row per A key instead of a table of n x m cells.
    """
    n, m = len(a_keys), len(b_keys)
    if n * m > 400:
        from difflib import SequenceMatcher

        blocks = SequenceMatcher(None, a_keys, b_keys, autojunk=False).get_matching_blocks()
        return [(blk.a + k, blk.b + k) for blk in blocks for k in range(blk.size)]
    # Bit t stands for b_keys[m - 1 - t]. After the last k A keys, the zero bits among the
    # lowest w bits of rows[k] count lcs(n - k, m - w).
    where: dict[str, int] = {}
    for t, key in enumerate(reversed(b_keys)):
        where[key] = where.get(key, 0) | 1 << t
    full = (1 << m) - 1
    rows = [full]
    row = full
    for key in reversed(a_keys):
        matches = row & where.get(key, 0)
        row = ((row + matches) | (row - matches)) & full
        rows.append(row)
    pairs = []
    i = j = 0
    while i < n and j < m:
        if a_keys[i] == b_keys[j]:
            pairs.append((i, j))
            i += 1
            j += 1
            continue
        width = m - j
        skip_a = width - (rows[n - i - 1] & ((1 << width) - 1)).bit_count()  # lcs(i + 1, j)
        skip_b = width - 1 - (rows[n - i] & ((1 << (width - 1)) - 1)).bit_count()  # lcs(i, j + 1)
        if skip_a >= skip_b:
            i += 1
        else:
            j += 1
    return pairs


_MAX_RUN_TOKENS = 1_000  # longer runs are not sub-aligned: bounded cost on pathological input
_MAX_GAP_CELLS = 36  # larger gaps are heavy rephrasing: one change, no variant search


def _split_gap(
    a_run_texts: tuple[str, ...],
    b_run_texts: tuple[str, ...],
    a_run_info: list[_Word],
    b_run_info: list[_Word],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
) -> list[tuple[int, int, int, int]]:
    """Split a gap between anchors into variant pairs and the unmatched stretches between them.

    A small alignment: matching two tokens scores their :func:`_variant_score`, and 2-6
    words against their abbreviation ("United Nations" / "UN") score 1. The best-scoring
    alignment wins; ties prefer matching early, so the result is deterministic. Gaps above
    36 cells (heavy rephrasing) stay one change.
    """
    n, m = i1 - i0, j1 - j0
    whole = [(i0, i1, j0, j1)]
    if n == 0 or m == 0 or (n == 1 and m == 1) or n * m > _MAX_GAP_CELLS:
        return whole
    a_texts = a_run_texts[i0:i1]
    b_texts = b_run_texts[j0:j1]
    a_info = a_run_info[i0:i1]
    b_info = b_run_info[j0:j1]
    scores: dict[tuple[int, int], float] = {}  # the pairs that score, most gaps have none
    for i, x in enumerate(a_info):
        initial, alnum, number = x.key[:1], x.alnum, x.number
        for j, y in enumerate(b_info):
            # variants share a first letter (keys are folded); punctuation and numbers pair
            if y.key[:1] == initial or not (alnum or y.alnum) or (number and y.number):
                score = _variant_score(a_texts[i], b_texts[j])
                if score:
                    scores[i, j] = score
    groups = (
        _abbreviation_moves(a_texts, b_texts)
        if any(x.acronym for x in a_info) or any(y.acronym for y in b_info)
        else {}
    )
    if not scores and not groups:
        return whole
    # best[i][j]: the best total score aligning a_texts[i:] with b_texts[j:] (comparisons
    # rather than max(): the same values, in the innermost loop)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(m - 1, -1, -1):
            value = below[j] if below[j] >= row[j + 1] else row[j + 1]
            score = scores.get((i, j))
            if score and score + below[j + 1] > value:
                value = score + below[j + 1]
            for di, dj in groups.get((i, j), ()):
                if 1.0 + best[i + di][j + dj] > value:
                    value = 1.0 + best[i + di][j + dj]
            row[j] = value
    matches: list[tuple[int, int, int, int]] = []
    i = j = 0
    while i < n and j < m and best[i][j] > 0.0:
        target = best[i][j]
        step = None
        score = scores.get((i, j))
        if score and abs(score + best[i + 1][j + 1] - target) < 1e-9:
            step = (1, 1)
        else:
            for di, dj in groups.get((i, j), ()):
                if abs(1.0 + best[i + di][j + dj] - target) < 1e-9:
                    step = (di, dj)
                    break
        if step is not None:
            matches.append((i, i + step[0], j, j + step[1]))
            i, j = i + step[0], j + step[1]
        elif abs(best[i + 1][j] - target) < 1e-9:
            i += 1
        else:
            j += 1
    pieces: list[tuple[int, int, int, int]] = []
    i = j = 0
    for mi0, mi1, mj0, mj1 in matches + [(n, n, m, m)]:
        if mi0 > i or mj0 > j:
            pieces.append((i0 + i, i0 + mi0, j0 + j, j0 + mj0))
        if mi1 > mi0:
            pieces.append((i0 + mi0, i0 + mi1, j0 + mj0, j0 + mj1))
        i, j = mi1, mj1
    return pieces


def _abbreviation_moves(
    a_texts: Sequence[str], b_texts: Sequence[str]
) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Many-to-one matches: 2-6 words against their abbreviation, either way round."""
    moves: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for one, many, flip in ((b_texts, a_texts, False), (a_texts, b_texts, True)):
        for p, text in enumerate(one):
            acronym = _word(text).acronym
            if not acronym:
                continue
            for q in range(len(many) - 1):
                if _word(many[q]).fold[:1] != acronym[0].casefold():
                    continue
                for size in range(2, min(6, len(many) - q) + 1):
                    if _initials_match(many[q : q + size], acronym):
                        start, step = ((p, q), (1, size)) if flip else ((q, p), (size, 1))
                        moves.setdefault(start, []).append(step)
    return moves


# --------------------------------------------------------------------------------------
# The pair as a whole: "is this number or name new, or did it only move?"


class _PairView:
    """Lazy facts about a whole pair's A and B texts, shared by all its pieces."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self._edits = edits
        self._texts: tuple[str, int, str, int] | None = None
        self._numbers: tuple[Counter[str], Counter[str]] | None = None
        self._folded: tuple[str, str] | None = None

    def texts(self) -> tuple[str, int, str, int]:
        """(A text, its offset, B text, its offset) of the whole pair."""
        if self._texts is None:
            edits = self._edits
            a_text = "".join([e.text for e in edits if e.op is not Op.INSERT])
            b_text = "".join([e.text for e in edits if e.op is not Op.DELETE])
            self._texts = (a_text, edits[0].a_start, b_text, edits[0].b_start)
        return self._texts

    def slice(self, side: str, start: int, end: int) -> str:
        a_text, a_base, b_text, b_base = self.texts()
        text, base = (a_text, a_base) if side == "a" else (b_text, b_base)
        return text[start - base : end - base]

    def numbers(self, side: str) -> Counter[str]:
        """How often each number, amount or date occurs on one side of the pair."""
        if self._numbers is None:
            a_text, _, b_text, _ = self.texts()
            a, b = (
                Counter(n for n in (_word(t).number for t in _TOKEN.findall(x)) if n)
                for x in (a_text, b_text)
            )
            self._numbers = (a, b)
        return self._numbers[0 if side == "a" else 1]

    def has_form_of(self, side: str, word: _Word) -> bool:
        """Whether a word of ``side`` is ``word`` or another form of it.

        Finds the words with the same first letters in the folded text and compares their
        keys: no pass over every word of the pair.
        """
        if self._folded is None:
            a_text, _, b_text, _ = self.texts()
            self._folded = (a_text.casefold(), b_text.casefold())
        text = self._folded[0 if side == "a" else 1]
        prefix = word.fold[:3]
        position = text.find(prefix)
        while position != -1:
            if position == 0 or not text[position - 1].isalnum():
                found = _WORD_AT.match(text, position)
                if found:
                    key = _word(found[0]).key
                    if key == word.key or _same_stem(key, word.key):
                        return True
            position = text.find(prefix, position + 1)
        return False


# --------------------------------------------------------------------------------------
# Classifying one piece: a verdict from its words alone (cached), then the context.


class _Verdict(NamedTuple):
    """What the rules say about a piece from its tokens alone; context settles the rest."""

    final: tuple[ChangeClass, tuple[str, ...]] | None  # formatting/compound: nothing overrides
    meaning: tuple[str, ...]  # negation, modality, commitment reasons
    numbers: tuple[str, ...]  # numbers on one side only (the pair decides whether they moved)
    variant: tuple[ChangeClass, tuple[str, ...]] | None  # spelling, or another form of a word
    a_names: tuple[int, ...]  # positions of name-like words (capitalised content words)
    b_names: tuple[int, ...]
    qualifier: str  # "a"/"b": a qualifier-of-a-term candidate, followed by that side's words
    wording: tuple[ChangeClass, tuple[str, ...]]
    content: int  # content words on the longer side (wording significance)
    # class, reasons and significance when no context can change them (no number, name or
    # qualifier to look up in the pair): most pieces, classified without :func:`_resolve`
    settled: tuple[ChangeClass, tuple[str, ...], float] | None


@_cached_from_second_call(maxsize=1 << 15)
def _verdict(a_texts: tuple[str, ...], b_texts: tuple[str, ...]) -> _Verdict:
    """The context-free verdict on a piece's tokens, cached: in a long document the same
    words change the same way many times ("shall" -> "will")."""
    a_info = list(map(_word, a_texts))
    b_info = list(map(_word, b_texts))
    a_words = [i for i in a_info if i.alnum]
    b_words = [i for i in b_info if i.alnum]
    final = _formatting(a_texts, b_texts, a_info, b_info, a_words, b_words) or _compound(
        a_words, b_words
    )
    if final:
        final = _shared(final)
        return _Verdict(final, (), (), None, (), (), "", final, 0, _settled(*final, 0))
    meaningful = (
        any([i.meaningful for i in a_info])
        or any([i.meaningful for i in b_info])
        or (len(a_info) == len(b_info) == 1 and _negated(a_info[0].key, b_info[0].key))
    )
    meaning = _meaning_reasons(a_info, b_info) if meaningful else ()
    numbers = _changed_numbers(a_info, b_info) if meaningful else ()
    variant = _variant_reasons(a_texts, b_texts, a_info, b_info, a_words, b_words)
    variant = None if variant is None else _shared(variant)
    a_names = tuple([k for k, i in enumerate(a_info) if i.name_like])
    b_names = tuple([k for k, i in enumerate(b_info) if i.name_like])
    qualifier = _qualifier_candidate(a_info, b_info)
    a_content = len([i for i in a_words if not i.function])
    b_content = len([i for i in b_words if not i.function])
    wording = _shared(_wording_reasons(a_words, b_words, a_content, b_content))
    content = max(a_content, b_content)
    # What _resolve would decide when the pair has nothing to add (see there).
    outcome: tuple[ChangeClass, tuple[str, ...]] | None = None
    if not numbers:
        no_context = not (a_names or b_names or qualifier)
        if meaning:
            outcome = (ChangeClass.SUBSTANTIVE, meaning) if no_context else None
        elif variant:
            outcome = variant
        elif no_context:
            outcome = wording
    settled = None if outcome is None else _settled(*outcome, content)
    return _Verdict(
        None, meaning, numbers, variant, a_names, b_names, qualifier, wording, content, settled
    )


_Outcome = tuple[ChangeClass, tuple[str, ...]]
_SHARED_OUTCOMES: dict[_Outcome, _Outcome] = {}


def _shared(outcome: _Outcome) -> _Outcome:
    """The one stored copy of an outcome (a few dozen exist), for the cached verdicts.

    A tuple holding a :class:`ChangeClass` stays tracked by the garbage collector; shared,
    the tens of thousands of cached verdicts add no such tuples of their own.
    """
    return _SHARED_OUTCOMES.setdefault(outcome, outcome)


@lru_cache(maxsize=1024)
def _settled(
    change_class: ChangeClass, reasons: tuple[str, ...], content: int
) -> tuple[ChangeClass, tuple[str, ...], float]:
    """Class, reasons and significance, one shared tuple for each (see :func:`_shared`)."""
    return change_class, reasons, _score(change_class, reasons, content)


def _classify_piece(piece: _Piece, pair: _PairView) -> None:
    """Class, reasons and significance of one piece, rules tried from the safest up.

    Order: formatting and compounds; then the meaning rules no respelling can explain
    (negation, numbers, modality, commitment); then spelling and other forms of one word;
    then names and qualifiers (after spelling, so a respelled name is not a new name); then
    wording.
    """
    verdict = piece.verdict
    if verdict is None:
        verdict = piece.verdict = _verdict(piece.a_texts(), piece.b_texts())
    if verdict.settled is not None:
        piece.change_class, piece.reasons, piece.significance = verdict.settled
        return
    change_class, reasons = _resolve(piece, verdict, pair)
    piece.change_class, piece.reasons = change_class, reasons
    piece.significance = _score(change_class, reasons, verdict.content)


def _resolve(
    piece: _Piece, verdict: _Verdict, pair: _PairView
) -> tuple[ChangeClass, tuple[str, ...]]:
    if verdict.final:
        return verdict.final
    reasons, numbers = verdict.meaning, verdict.numbers
    if "month 5" in numbers:
        numbers, modal = _opening_may(piece, numbers)
        if modal and "modality changed" not in reasons:
            reasons += ("modality changed",)
    if numbers:
        number_reason = _number_reason(pair, numbers)
        if number_reason:
            reasons = (number_reason,) + reasons
    if reasons:
        return ChangeClass.SUBSTANTIVE, reasons + _context_reasons(piece, verdict, pair)
    if verdict.variant:
        return verdict.variant
    reasons = _context_reasons(piece, verdict, pair)
    if reasons:
        return ChangeClass.SUBSTANTIVE, reasons
    return verdict.wording


def _opening_may(piece: _Piece, numbers: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """"May" opening a sentence is the modal verb ("May the talks succeed"), not the month."""
    found = False
    for side, texts in (("a", piece.a_texts()), ("b", piece.b_texts())):
        opening = texts and texts[0] == "May" and _opens_sentence(piece, side)
        if opening and "month 5" in numbers:
            position = numbers.index("month 5")
            numbers = numbers[:position] + numbers[position + 1 :]
            found = True
    return numbers, found


def _formatting(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    a_info: list[_Word],
    b_info: list[_Word],
    a_words: list[_Word],
    b_words: list[_Word],
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Formatting: the texts are equal once styles, case or punctuation are set aside.

    - "quote or dash style" / "Unicode variant": equal after NFKC, look-alike letters folded
      and curly quotes and dashes made plain; with "punctuation only" when only punctuation
      differs (so ignoring punctuation ignores it too).
    - "letter case only": equal once case-folded.
    - "punctuation only": the same words once punctuation tokens and marks inside words are
      dropped, and no number changed; hyphens between word parts are spelling instead. With
      "letter case only" as well when the case differs too.
    """
    if len(a_words) != len(b_words):
        return None  # a word added or removed (equal norms, folds or plains keep the count)
    if len(a_info) == len(b_info):
        if [i.norm for i in a_info] == [i.norm for i in b_info]:
            if _letters("".join(a_texts)) == _letters("".join(b_texts)):
                return ChangeClass.FORMATTING, ("punctuation only", "quote or dash style")
            return ChangeClass.FORMATTING, ("Unicode variant",)
        if [i.fold for i in a_info] == [i.fold for i in b_info]:
            return ChangeClass.FORMATTING, ("letter case only",)
    if [i.plain for i in a_words] != [i.plain for i in b_words]:
        return None
    if [i.number for i in a_info if i.number] != [i.number for i in b_info if i.number]:
        return None  # "3.5" -> "35": a number changed
    if [_hyphen_count(i.norm) for i in a_words] != [_hyphen_count(i.norm) for i in b_words]:
        return None  # hyphenation: spelling
    if [_letters(i.norm) for i in a_words] != [_letters(i.norm) for i in b_words]:
        return ChangeClass.FORMATTING, ("punctuation only", "letter case only")
    return ChangeClass.FORMATTING, ("punctuation only",)


def _letters(text: str) -> str:
    return "".join([c for c in text if c.isalnum()])


def _hyphen_count(text: str) -> int:
    return sum(text.count(h) for h in _HYPHENS)


def _compound(
    a_words: list[_Word], b_words: list[_Word]
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling: the same letters, only hyphens or spaces between word parts differ
    (nonproliferation / non-proliferation, per cent / percent); never with digits, where
    "3.5" / "35" is a number changed."""
    if not a_words or not b_words:
        return None
    a_plain = "".join([i.plain for i in a_words])
    b_plain = "".join([i.plain for i in b_words])
    if a_plain and a_plain == b_plain and not any(c.isdigit() for c in a_plain):
        return ChangeClass.SPELLING, ("hyphenation or compound",)
    return None


def _meaning_reasons(a_info: list[_Word], b_info: list[_Word]) -> tuple[str, ...]:
    """Substantive, whatever the spelling: negation, modality, commitment (numbers: below).

    - negation: the count of negating words (not, no, never, without, -n't...) differs, or a
      word gains or loses a negating prefix (likely -> unlikely).
    - modality: the modal verbs differ (shall, will, may, should, must...).
    - commitment: the commitment level differs: binding words (commit, pledge, agree, oblige)
      against aims (intend, plan, hope, seek) or against nothing; "intention" -> "intent"
      keeps the level and is not substantive.
    """
    reasons: list[str] = []
    if sum(i.negation for i in a_info) != sum(i.negation for i in b_info) or (
        len(a_info) == len(b_info) == 1 and _negated(a_info[0].key, b_info[0].key)
    ):
        reasons.append("negation added or dropped")
    if sorted(i.modal for i in a_info if i.modal) != sorted(i.modal for i in b_info if i.modal):
        reasons.append("modality changed")
    if sorted(i.commitment for i in a_info if i.commitment) != sorted(
        i.commitment for i in b_info if i.commitment
    ) and not (len(a_info) == len(b_info) == 1 and _same_stem(a_info[0].key, b_info[0].key)):
        reasons.append("commitment changed")
    return tuple(reasons)


def _changed_numbers(a_info: list[_Word], b_info: list[_Word]) -> tuple[str, ...]:
    """Numbers, amounts and dates found on one side of the piece only ("both" counts as 2).

        >>> _changed_numbers([_word("30"), _word("May")], [_word("May"), _word("40")])
        ('30', '40')
    """
    a_numbers = [i.number for i in a_info if i.number]
    b_numbers = [i.number for i in b_info if i.number]
    if not a_numbers and not b_numbers:
        return ()
    for numbers, other in ((a_numbers, b_info), (b_numbers, a_info)):
        for _ in range(sum(i.fold == "both" for i in other)):  # "the two sides" / "both sides"
            if "2" in numbers:
                numbers.remove("2")
    changed = []
    for number in set(a_numbers) | set(b_numbers):
        changed += [number] * abs(a_numbers.count(number) - b_numbers.count(number))
    return tuple(sorted(changed))


def _number_reason(pair: _PairView, changed: tuple[str, ...]) -> str:
    """Number/date: a number, amount, percentage, ordinal, month or weekday is not on both
    sides; one that only moved inside the pair ("in Astana on May 20" -> "on May 20 in
    Astana") is no change of number."""
    a_counts, b_counts = pair.numbers("a"), pair.numbers("b")
    if all(a_counts[n] == b_counts[n] and a_counts[n] for n in changed):
        return ""
    if any(n.startswith(("month", "day")) for n in changed):
        return "date changed"
    return "number changed"


def _context_reasons(piece: _Piece, verdict: _Verdict, pair: _PairView) -> tuple[str, ...]:
    """Substantive, once spelling is ruled out: proper names and qualifiers of terms.

    - proper name: a capitalised word that does not open a sentence and is not found, in any
      form, on the other side of the pair (Platform -> Forum inside "Mineral Security
      Partnership Platform"); "changed" when both sides have one, else "added"/"removed".
    - qualifier of a term: one adjective-like content word (-able, -ent, -al, -ive, -ous...)
      replaced by an unrelated adjective-like one, or added or dropped, right before a term
      of two or more
      unchanged content words (sustainable -> permanent before "normal trade relations").
      Verbs before a term ("increase gender equality") and adjectives before a single noun
      ("keen interest") are wording.
    """
    reasons: tuple[str, ...] = ()
    if verdict.a_names or verdict.b_names:
        a_new = _has_new_name(piece, pair, "a", verdict.a_names)
        b_new = _has_new_name(piece, pair, "b", verdict.b_names)
        if a_new and b_new:
            reasons = ("proper name changed",)
        elif a_new:
            reasons = ("proper name removed",)
        elif b_new:
            reasons = ("proper name added",)
    if verdict.qualifier and _term_follows(piece, verdict.qualifier):
        reasons += ("qualifier of a term changed",)
    return reasons


def _has_new_name(piece: _Piece, pair: _PairView, side: str, positions: tuple[int, ...]) -> bool:
    """Does this side of the piece hold a name (a capitalised word inside a sentence) that the
    other side of the pair lacks in every form?"""
    if positions and positions[0] == 0 and _opens_sentence(piece, side):
        positions = positions[1:]
    if not positions:
        return False
    texts = piece.a_texts() if side == "a" else piece.b_texts()
    other = "b" if side == "a" else "a"
    return any(not pair.has_form_of(other, _word(texts[k])) for k in positions)


def _opens_sentence(piece: _Piece, side: str) -> bool:
    """Whether the piece's first token on ``side`` starts a sentence (its capital then says
    nothing about a name)."""
    run = piece.run
    index = piece.i0 if side == "a" else piece.j0
    if index > 0:
        return _texts_of(run, side)[index - 1][-1] in _SENTENCE_OPENERS
    before = run.before.rstrip()
    return not before or before[-1] in _SENTENCE_OPENERS


def _qualifier_candidate(a_info: list[_Word], b_info: list[_Word]) -> str:
    """"b" (or "a" for a deletion) when the piece is one qualifier swapped, added or dropped:
    lower-case content words, one a side at most, all adjective-like (by ending, 6+ letters),
    and unrelated to each other. Whether a term follows is checked in context."""
    if len(a_info) > 1 or len(b_info) > 1:
        return ""
    words = a_info + b_info
    if any(i.function or i.capital or i.number or not i.fold.isalpha() for i in words):
        return ""
    if not all(i.adjective_like for i in words):
        return ""
    if len(words) == 2:
        a, b = words
        if _same_stem(a.key, b.key) or Indel.normalized_similarity(a.key, b.key) >= 0.5:
            return ""
    return "b" if b_info else "a"


def _term_follows(piece: _Piece, side: str) -> bool:
    """True when two or more unchanged content words follow the piece: a multi-word term."""
    run = piece.run
    layout = run.layout
    if layout is None:
        return False
    if side == "a":
        tokens, kept, index = layout.a_texts, layout.a_kept, piece.i1
    else:
        tokens, kept, index = layout.b_texts, layout.b_kept, piece.j1
    texts: list[str] = []
    while index < len(tokens):
        if index not in kept:
            return _is_term(texts)
        texts.append(tokens[index])
        index += 1
    texts.extend(_TOKEN.findall(run.after[:80]))
    return _is_term(texts)


def _is_term(texts: list[str]) -> bool:
    count = 0
    for text in texts:
        info = _word(text)
        if not info.alnum or info.function:
            break
        count += 1
    return count >= 2


def _variant_reasons(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    a_info: list[_Word],
    b_info: list[_Word],
    a_words: list[_Word],
    b_words: list[_Word],
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling when the words are the same words written another way.

    Accents; US/UK spelling (rules for -ise/-ize, -our/-or, -tre/-ter, -ogue/-og,
    -ence/-ense, -lled/-led, ae/oe, -wards, plus data/us_uk_spelling.tsv); a number written
    in words ("30" / "thirty"); a name transliterated another way: two capitalised words at
    most 2 edits and a quarter of the length apart (Rakhmetulin / Rakhmetullin); an
    abbreviation and its expansion (United Nations / UN, counting every initial or only
    those of the content words). Another form of one word (a shared stem: intention /
    intent, Mineral / Minerals) is wording.
    """
    if not a_words or not b_words:
        return None
    if len(a_words) == len(b_words) == 1:
        return _one_word_variant(a_words[0], b_words[0])
    spelling = ChangeClass.SPELLING
    if len(a_words) == len(b_words):
        if [i.bare for i in a_words] == [i.bare for i in b_words]:
            return spelling, ("accents",)
        if [i.key for i in a_words] == [i.key for i in b_words]:
            return spelling, ("US/UK spelling",)
    if "".join([i.key for i in a_words]) == "".join([i.key for i in b_words]):
        return spelling, ("hyphenation or compound",)
    for short, long_texts, long_info in ((b_words, a_texts, a_info), (a_words, b_texts, b_info)):
        if len(short) == 1 and short[0].acronym and _initials_match(
            [t for t, i in zip(long_texts, long_info) if i.alnum], short[0].acronym
        ):
            return spelling, ("abbreviation and its expansion",)
    return None


def _one_word_variant(a: _Word, b: _Word) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """:func:`_variant_reasons` for one word against one word (the common case, made quick)."""
    if a.bare == b.bare:
        return ChangeClass.SPELLING, ("accents",)
    if a.key == b.key:
        return ChangeClass.SPELLING, ("US/UK spelling",)
    if a.number and a.number == b.number:
        return ChangeClass.SPELLING, ("number written another way",)
    if a.key[:4] != b.key[:4] and not (a.capital and b.capital):
        return None
    if _transliterated(a, b):
        return ChangeClass.SPELLING, ("name spelled another way",)
    if _same_stem(a.key, b.key):
        return ChangeClass.WORDING, ("another form of the same word",)
    return None


def _transliterated(a: _Word, b: _Word) -> bool:
    if not (a.capital and b.capital) or a.function or b.function:
        return False
    if a.acronym or b.acronym or _same_stem(a.key, b.key):
        return False
    shorter = min(len(a.key), len(b.key))
    if shorter < 4:
        return False
    distance = Levenshtein.distance(a.key, b.key, score_cutoff=2)
    return distance <= 2 and distance <= shorter / 4


def _wording_reasons(
    a_words: list[_Word], b_words: list[_Word], a_content: int, b_content: int
) -> tuple[ChangeClass, tuple[str, ...]]:
    """Wording: grammar words only (no content word on either side), words added, words
    removed, else "rephrased"."""
    if not a_words and not b_words:
        return ChangeClass.FORMATTING, ("punctuation only",)
    if not a_content and not b_content:
        return ChangeClass.WORDING, ("grammar words",)
    if not a_words:
        return ChangeClass.WORDING, ("words added",)
    if not b_words:
        return ChangeClass.WORDING, ("words removed",)
    return ChangeClass.WORDING, ("rephrased",)


@lru_cache(maxsize=4096)
def _score(change_class: ChangeClass, reasons: tuple[str, ...], content: int = 1) -> float:
    """The significance of a classified change (see the module docstring for the scale)."""
    values = [SIGNIFICANCE.get(r, 0.3) for r in reasons] or [0.3]
    value = max(values)
    if change_class is ChangeClass.SUBSTANTIVE:
        value += 0.02 * (len(values) - 1)
    elif reasons[0] in ("rephrased", "words added", "words removed"):
        value += 0.03 * min(5, max(0, content - 1))
    return round(min(1.0, value), 3)


# --------------------------------------------------------------------------------------
# Whole-pair passes: moved words, merging neighbours, watched terms.


def _mark_moves(pieces: list[_Piece]) -> None:
    """A deletion and an insertion of the same words in one pair: the words moved (wording)."""
    deletion = insertion = False
    for piece in pieces:
        if not piece.raw:
            deletion = deletion or piece.j1 == piece.j0
            insertion = insertion or piece.i1 == piece.i0
    if not (deletion and insertion):
        return
    deleted: dict[tuple[str, ...], list[_Piece]] = {}
    inserted: list[tuple[tuple[str, ...], _Piece]] = []
    for piece in pieces:
        if piece.raw or piece.change_class is ChangeClass.FORMATTING:
            continue
        if piece.j1 == piece.j0 and piece.i1 > piece.i0:
            key = _words_key(piece.a_texts())
            if key:
                deleted.setdefault(key, []).append(piece)
        elif piece.i1 == piece.i0 and piece.j1 > piece.j0:
            key = _words_key(piece.b_texts())
            if key:
                inserted.append((key, piece))
    if not deleted or not inserted:
        return
    for key, piece in inserted:
        partners = deleted.get(key)
        if partners:
            partner = partners.pop(0)
            for moved in (piece, partner):
                moved.change_class = ChangeClass.WORDING
                moved.reasons = ("moved within the sentence",)
                moved.significance = SIGNIFICANCE["moved within the sentence"]


def _words_key(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple([info.key for info in [_word(t) for t in texts] if info.alnum])


def _merge_neighbours(pieces: list[_Piece], runs: list[_Run], pair: _PairView) -> list[_Piece]:
    """Join changes that only whitespace separates when a reader would name them as one.

    "Strategic Dialogue" -> "strategic dialogue" is one letter-case change, not two; and when
    the word diff split "considered" -> "reflected on" into two runs, the two wording pieces
    become one if the joined piece is still wording.
    """
    merged = [pieces[0]]
    for piece in pieces[1:]:
        last = merged[-1]
        same_run = piece.run is last.run
        if (
            piece.raw
            or last.raw
            or piece.change_class is not last.change_class
            or not (piece.reasons == last.reasons or piece.change_class is ChangeClass.WORDING)
            or (same_run and piece.reasons != last.reasons)
            or (same_run and (piece.i0, piece.j0) != (last.i1, last.j1))
            or (not same_run and runs[last.runs[-1]].after.strip())
            or (not same_run and piece.run.index != last.runs[-1] + 1)
            or not _only_space_between(last, piece, pair)
        ):
            merged.append(piece)
            continue
        if same_run and not (last.a_extra or last.b_extra):
            joined = _tokens_piece(last.run, last.i0, piece.i1, last.j0, piece.j1, last.runs)
        else:
            joined = _tokens_piece(
                last.run, last.i0, last.i1, last.j0, last.j1,
                runs=last.runs + piece.runs,
                a_extra=last.a_extra + piece.document_tokens("a"),
                b_extra=last.b_extra + piece.document_tokens("b"),
            )
        if piece.reasons == last.reasons:
            joined.change_class, joined.reasons = last.change_class, last.reasons
            joined.significance = max(last.significance, piece.significance)
        else:
            _classify_piece(joined, pair)
        if joined.change_class is last.change_class:
            merged[-1] = joined
        else:
            merged.append(piece)
    return merged


def _only_space_between(first: _Piece, second: _Piece, pair: _PairView) -> bool:
    a_end, b_end = first.a_end, first.b_end
    a_start, b_start = second.a_start, second.b_start
    if a_start < a_end or b_start < b_end:
        return False
    return not (pair.slice("a", a_end, a_start).strip() or pair.slice("b", b_end, b_start).strip())


@lru_cache(maxsize=64)
def _watch_pattern(watch: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern for whole words/phrases; a space matches any whitespace."""
    terms = sorted({t.strip() for t in watch if t.strip()}, key=lambda t: (-len(t), t))
    if not terms:
        return None
    parts = [r"\s+".join(re.escape(word) for word in term.split()) for term in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def _watched_runs(runs: list[_Run], pair: _PairView, pattern: re.Pattern[str]) -> set[int]:
    """Indexes of the runs that a watched term overlaps, on either side (a term around a pure
    insertion point counts: "normal trade relations" -> "normal free trade relations")."""
    a_text, a_base, b_text, b_base = pair.texts()
    hits: set[int] = set()
    for text, base, side in ((a_text, a_base, "a"), (b_text, b_base, "b")):
        for match in pattern.finditer(text):
            start, end = match.start() + base, match.end() + base
            for run in runs:
                run_start = run.a_start if side == "a" else run.b_start
                run_end = run_start + len(run.a_text if side == "a" else run.b_text)
                if start < run_end and end > run_start or start < run_start < end:
                    hits.add(run.index)
    return hits


def _watched(reasons: tuple[str, ...]) -> tuple[ChangeClass, tuple[str, ...], float]:
    reasons = ("watched term",) + tuple(r for r in reasons if r != "watched term")
    return ChangeClass.SUBSTANTIVE, reasons, _score(ChangeClass.SUBSTANTIVE, reasons)


# --------------------------------------------------------------------------------------
# Public API.


def classify_edits(edits: Sequence[Edit], *, watch: Sequence[str] = ()) -> tuple[Change, ...]:
    """Split one aligned pair's word diff into named, classified changes, in document order.

    A change's ``a_text``/``b_text`` are exact document text; a pure insertion has
    ``a_text == ""`` and ``a_start == a_end`` at the point where it goes (and conversely).
    A watched term (case-insensitive, whole words) in a run of changes, on either side,
    makes every change of that run substantive with the reason "watched term".

        >>> from stmtdiff.model import Edit, Op
        >>> edits = (Edit(Op.EQUAL, 0, 5, 0, 5, "work "),
        ...          Edit(Op.DELETE, 5, 24, 5, 5, "towards sustainable"),
        ...          Edit(Op.INSERT, 24, 24, 5, 21, "toward permanent"),
        ...          Edit(Op.EQUAL, 24, 47, 21, 44, " normal trade relations"))
        >>> [(c.a_text, c.b_text, c.change_class.value) for c in classify_edits(edits)]
        [('towards', 'toward', 'spelling'), ('sustainable', 'permanent', 'substantive')]
    """
    runs = _find_runs(edits)
    if not runs:
        return ()
    pair = _PairView(edits)
    pieces: list[_Piece] = []
    for run in runs:
        pieces += _pieces_of_run(run)
    for piece in pieces:
        if piece.verdict is not None and piece.verdict.settled is None:
            _classify_piece(piece, pair)
    if len(pieces) > 1:  # a move or a merge takes two pieces
        _mark_moves(pieces)
        pieces = _merge_neighbours(pieces, runs, pair)
    pattern = _watch_pattern(tuple(watch)) if watch else None
    watched = _watched_runs(runs, pair, pattern) if pattern is not None else set()
    changes = []
    for piece in pieces:
        change_class, reasons, significance = piece.change_class, piece.reasons, piece.significance
        if watched and not watched.isdisjoint(piece.runs):
            change_class, reasons, significance = _watched(reasons)
        a_start, a_end, b_start, b_end = piece.a_start, piece.a_end, piece.b_start, piece.b_end
        run = piece.run
        if piece.raw:
            a_text, b_text = run.a_text, run.b_text
        elif piece.a_extra or piece.b_extra:
            a_text, b_text = pair.slice("a", a_start, a_end), pair.slice("b", b_start, b_end)
        else:  # within its run's texts
            a_text = run.a_text[a_start - run.a_start : a_end - run.a_start]
            b_text = run.b_text[b_start - run.b_start : b_end - run.b_start]
        changes.append(
            Change(
                a_text, b_text, a_start, a_end, b_start, b_end, change_class, significance, reasons
            )
        )
    return tuple(changes)


def classify_unpaired(
    text: str,
    start: int,
    end: int,
    side: str,
    *,
    outside: bool,
    boilerplate: bool,
    watch: Sequence[str] = (),
) -> Change:
    """One change for a deleted (``side="a"``) or inserted (``side="b"``) group of sentences.

    Inside the shared region it is substantive ("sentence omitted" / "sentence added"):
    0.6 for a short sentence up to 0.8 at 40 words. Boilerplate (page furniture) and text
    outside the shared region (an article's commentary around a reprinted statement) are
    ``formatting``: like formatting they leave the shared statement's wording as it was, so
    they rank last and ``--ignore formatting`` hides them; significance 0.02 (boilerplate)
    and 0.05-0.1 (outside, by length). A watched term makes any of them substantive.

        >>> change = classify_unpaired("Lesson finished.", 10, 26, "a", outside=True,
        ...                            boilerplate=False)
        >>> change.change_class.value, change.reasons, change.b_start, change.b_end
        ('formatting', ('outside the shared text',), 0, 0)
    """
    if side not in ("a", "b"):
        raise ValueError(f"side must be 'a' or 'b', not {side!r}")
    words = sum(1 for t in _TOKEN.findall(text) if _word(t).alnum)
    change_class = ChangeClass.FORMATTING
    if boilerplate:
        reasons: tuple[str, ...] = ("boilerplate",)
        significance = SIGNIFICANCE["boilerplate"]
    elif outside:
        reasons = ("outside the shared text",)
        significance = SIGNIFICANCE["outside the shared text"] + 0.05 * min(1.0, words / 80)
    else:
        change_class = ChangeClass.SUBSTANTIVE
        reasons = ("sentence omitted",) if side == "a" else ("sentence added",)
        significance = SIGNIFICANCE[reasons[0]] + 0.2 * min(1.0, words / 40)
    pattern = _watch_pattern(tuple(watch)) if watch else None
    if pattern is not None and pattern.search(text):
        change_class, reasons, significance = _watched(reasons)
    significance = round(significance, 3)
    if side == "a":
        return Change(text, "", start, end, 0, 0, change_class, significance, reasons)
    return Change("", text, 0, 0, start, end, change_class, significance, reasons)


def rank_changes(pairs: Sequence[Pair], limit: int | None = None) -> tuple[tuple[int, int], ...]:
    """(pair index, change index) of every change, most significant first.

    Ties keep document order (pair index, then change index), so the ranking is
    deterministic.
    """
    ranked = sorted(
        [
            (-change.significance, p, c)
            for p, pair in enumerate(pairs)
            for c, change in enumerate(pair.changes)
        ]
    )
    if limit is not None:
        ranked = ranked[: max(0, limit)]
    return tuple((p, c) for _, p, c in ranked)
