"""The English the classifier knows: closed word lists and the US/UK spelling key, in one place.

Every language-specific fact the rules use is here (or in the ``stmtdiff/data/`` files read
here): number words and ordinals, multipliers and units, months and weekdays, negations, modal
verbs, commitment words, the words that make a number word a determiner or join the parts of a
name, comparatives, adjective and noun endings, negating prefixes, function words and American
spelling. The rules in the
other modules ask these tables; they hold no word lists of their own.

    >>> us_spelling("organised"), NUMBER_WORDS["thirty"], ORDINAL_WORDS["third"], MODALS["won't"]
    ('organized', '30', '3', 'will')
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

NUMBER_WORDS = {
    "zero": "0", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100", "thousand": "1000", "million": "1000000", "billion": "1000000000",
    "trillion": "1000000000000", "dozen": "12", "half": "0.5", "twice": "x2", "once": "x1",
    "thrice": "x3", "percent": "%", "%": "%", "$": "$", "\u20ac": "\u20ac", "\u00a3": "\u00a3",
    "both": "2",
}


# Ordinals name the same value as their number ("30th" / "30", "first" / "1st"); whether one
# is a value at all depends on where it stands (see values.py).
ORDINAL_WORDS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10", "eleventh": "11",
    "twelfth": "12", "twentieth": "20", "hundredth": "100",
}


# Words that multiply the number before them ("5 million", "two hundred").
MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


# A number word right after one of these refers to known things ("the two countries", "all
# three parties") rather than counting them: a weak value (see values.py).
NUMBER_DETERMINERS = frozenset(
    "the these those both all our their its his her your my whose".split()
)


# Words that join the parts of one name or title ("Minister of Foreign Affairs", "Ludwig van
# Beethoven"); "and" and commas join two names, not the parts of one.
NAME_JOINERS = frozenset("of the for on de du del della la le van von der den bin al".split())


# Comparatives: "has never been stronger" says what "is stronger than ever" says.
COMPARATIVES = frozenset("more less better worse greater fewer".split())
COMPARATIVE_ENDING = "er"
EVER = "ever"
NEVER = "never"


# Words that name a day relative to the text's own date: "today" and "on April 23" can be the
# same day written two ways.
RELATIVE_DATES = frozenset("today yesterday tomorrow tonight currently recently".split())


# "not only ... but also" adds, it does not negate.
NOT_NEGATING_AFTER = {"not": frozenset({"only", "just", "merely"})}


MONTHS = {
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


WEEKDAYS = {
    name: f"day {i}"
    for i, name in enumerate(
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"], start=1
    )
}


NEGATIONS = frozenset(
    "not no never none nor neither nothing nobody nowhere cannot without "
    "non unable".split()
)


MODALS = {
    "shall": "shall", "will": "will", "would": "would", "may": "may", "might": "might",
    "can": "can", "could": "could", "should": "should", "must": "must", "ought": "ought",
    "cannot": "can", "can't": "can", "won't": "will", "shan't": "shall", "'ll": "will",
}


# Commitment: 2 binds the speaker (commit, pledge, agree, oblige...), 1 states an aim (intend,
# plan, hope, seek, be ready...). Swapping one level for the other, or dropping it, is
# substantive; staying on one level ("intention" -> "intent") is not.
COMMITMENT: dict[str, int] = {}
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
        COMMITMENT[_word_text] = _level
del _level, _words, _word_text


# Endings that mark most English adjectives (sustainable, permanent, national, effective...),
# and noun endings that look like them (agreement, element).
ADJECTIVE_ENDINGS = (
    "able", "ible", "al", "ial", "ant", "ent", "ive", "ous", "ic", "ful", "less", "ary", "ory",
)


NOUN_ENDINGS = ("ment", "ance", "ence")


# Endings of verb forms and adverbs: a word swapped before a term with one of them is no
# qualifier ("advancing" / "increasing" gender equality).
VERB_AND_ADVERB_ENDINGS = ("ing", "ed", "ly")


# "<prefix>word" is the negation of "word": likely/unlikely, proliferation/nonproliferation.
NEGATING_PREFIXES = ("non", "un", "in", "im", "il", "ir", "dis")


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
def function_words() -> frozenset[str]:
    return frozenset(line.strip() for line in _read_data("function_words.txt"))


@lru_cache(maxsize=1)
def _irregular_spellings() -> dict[str, str]:
    pairs = dict(line.split("\t") for line in _read_data("us_uk_spelling.tsv"))
    return {uk.strip(): us.strip() for uk, us in pairs.items()}


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


# travelled, cancellation, counsellor, cruellest: -ll- after a stem of two syllables at least.
# The ending is found first and the stem checked by hand: one pattern for both,
# ``^(\w*[aeiou]\w*?[^aeiou\W][aeiou])ll(...)$``, backtracked quadratically in the word's
# length (a 40,000-letter run took 10 s).
_DOUBLED_L_ENDING = re.compile(r"ll(ed|ing|ingly|er|ers|or|ors|ation|ations|est|ist|ists|ous|ously)$")
_WORD_CHARACTERS = re.compile(r"\w+")
_VOWELS = frozenset("aeiou")


_INFLECTIONS = ("", "s", "es", "ed", "d", "ing", "ly", "ment", "ments", "ness")


# Spelling rules skip longer words: no natural word is this long (German's longest compounds have
# about 80 letters), and the rules' patterns, linear as they are, took a second on a 1 MB token.
# The comparison notes when a changed word is this long.
LONGEST_SPELLED_WORD = 100


def us_spelling(word: str) -> str:
    """A folded word in its American spelling (a comparison key, never shown).

    Over-applying a rule is harmless: keys are only compared between the two versions of one
    sentence, so a key matters only where it makes two real, different words equal.

        >>> [us_spelling(w) for w in ("organised", "colour", "towards", "travelled", "four")]
        ['organized', 'color', 'toward', 'traveled', 'four']
    """
    if len(word) > LONGEST_SPELLED_WORD:
        return word
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
    doubled = _DOUBLED_L_ENDING.search(word)
    if doubled and _two_syllable_stem(word[: doubled.start()]):  # travelled, cancelling, counsellor
        word = word[: doubled.start()] + "l" + doubled.group(1)
    return word


def _two_syllable_stem(stem: str) -> bool:
    """Whether ``stem`` ends in a consonant and a vowel with another vowel before them, in
    linear time ("trave", "cance", "counse"; not "we", "fe").

        >>> _two_syllable_stem("trave"), _two_syllable_stem("fe")
        (True, False)
    """
    return (
        len(stem) >= 3
        and stem[-1] in _VOWELS
        and stem[-2] not in _VOWELS
        and not _VOWELS.isdisjoint(stem[:-2])
        and _WORD_CHARACTERS.fullmatch(stem) is not None
    )
