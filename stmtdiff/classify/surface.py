"""Surface rules: formatting (whitespace, case, punctuation, styles) and spelling variants.

    >>> from stmtdiff.classify.tokens import word
    >>> _one_word_variant(word("colour"), word("color"))[1], _one_word_variant(word("30"), word("thirty"))[1]
    (('US/UK spelling',), ('number written another way',))
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from stmtdiff.classify.pieces import Run
from stmtdiff.classify.tokens import HYPHENS, Word, initials_match, respelled, same_stem, word
from stmtdiff.model import ChangeClass

def is_hyphenation_run(run: Run) -> bool:
    """"data-sharing" -> "data sharing": only hyphens against space between two word parts."""
    texts = run.a_text + run.b_text
    if texts.strip(HYPHENS + " ") or not any(c in HYPHENS for c in texts):
        return False
    return bool(run.before[-1:].isalnum() and run.after[:1].isalnum())


def formatting(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    a_info: list[Word],
    b_info: list[Word],
    a_words: list[Word],
    b_words: list[Word],
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


def _digit_runs(texts: Sequence[str]) -> list[str]:
    """The numbers written in digits, in order, with the tokens kept apart ("3", ".", "5" are
    two runs; "35" one)."""
    return _DIGITS.findall(" ".join(texts))


_DIGITS = re.compile(r"\d+")


def _letters(text: str) -> str:
    return "".join([c for c in text if c.isalnum()])


def _hyphen_count(text: str) -> int:
    return sum(text.count(h) for h in HYPHENS)


def compound(
    a_texts: Sequence[str], b_texts: Sequence[str], a_words: list[Word], b_words: list[Word]
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling: the same letters, only hyphens or spaces between word parts differ
    (nonproliferation / non-proliferation, per cent / percent, 3D XY / 3DXY); never when digits
    join into another number, where "3.5" / "35" is a number changed.

    Words glued together by a lost space, or split by a stray one, are formatting
    ("whitespace only"): the glued word is the words exactly, letter case included, with a
    capital inside it where a word began ("United States" / "UnitedStates").

        >>> from stmtdiff.classify.tokens import word
        >>> compound(["United", "States"], ["UnitedStates"], [word("United"), word("States")], [word("UnitedStates")])
        (<ChangeClass.FORMATTING: 'formatting'>, ('whitespace only',))
        >>> compound(["3D", "XY"], ["3DXY"], [word("3D"), word("XY")], [word("3DXY")])
        (<ChangeClass.SPELLING: 'spelling'>, ('hyphenation or compound',))
        >>> print(compound(["3", ".", "5"], ["35"], [word("3"), word("5")], [word("35")]))
        None
    """
    if not a_words or not b_words:
        return None
    a_plain = "".join([i.plain for i in a_words])
    b_plain = "".join([i.plain for i in b_words])
    if not a_plain or a_plain != b_plain or _digit_runs(a_texts) != _digit_runs(b_texts):
        return None  # "3.5" / "35", "3 5" / "35": digits joined into another number
    for glued, parts in ((a_texts, b_texts), (b_texts, a_texts)):
        if len(glued) == 1 and len(parts) > 1 and glued[0] == "".join(parts):
            if all(part[:1].isupper() for part in parts[1:]) and any(c.islower() for c in parts[0]):
                return ChangeClass.FORMATTING, ("whitespace only",)
    return ChangeClass.SPELLING, ("hyphenation or compound",)


def reference_markers(
    a_texts: Sequence[str], b_texts: Sequence[str]
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Formatting: the piece only adds, drops or changes reference markers, a number, letter or
    capitalised word in square brackets ("[3]", "[a]", "[REF]"), with the punctuation around
    them: a footnote or a citation, not a number or a name of the text.

        >>> reference_markers(["[", "12", "]"], ["[", "13", "]", ","])
        (<ChangeClass.FORMATTING: 'formatting'>, ('reference marker',))
    """
    if "[" not in a_texts and "[" not in b_texts:
        return None
    seen = False
    for texts in (a_texts, b_texts):
        for k, text in enumerate(texts):
            if text.isalnum() and not (text.isdigit() or text.isupper() or len(text) == 1):
                return None
            if text.isalnum():
                if not (0 < k < len(texts) - 1 and texts[k - 1] == "[" and texts[k + 1] == "]"):
                    return None
                seen = True
            elif any(c.isalnum() for c in text):
                return None
    return (ChangeClass.FORMATTING, ("reference marker",)) if seen else None


def variant_reasons(
    a_texts: Sequence[str],
    b_texts: Sequence[str],
    a_info: list[Word],
    b_info: list[Word],
    a_words: list[Word],
    b_words: list[Word],
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling when the words are the same words written another way.

    Accents; US/UK spelling (rules for -ise/-ize, -our/-or, -tre/-ter, -ogue/-og,
    -ence/-ense, -lled/-led, ae/oe, -wards, plus data/us_uk_spelling.tsv); a number written
    in words ("30" / "thirty"); a name transliterated another way: two capitalised words at
    most 2 edits and a quarter of the length apart (Rakhmetulin / Rakhmetullin); an
    abbreviation and its expansion (United Nations / UN, counting every initial or only
    those of the content words); a name shortened to its initial (Donald / D., Дональд / Д.).
    Another form of one word (a shared stem: intention /
    intent, Mineral / Minerals) is wording.
    """
    if not a_words or not b_words:
        return None
    if len(a_words) == len(b_words) == 1:
        a, b = a_words[0], b_words[0]
        return _one_word_variant(a, b) or _cut_with_a_stop(a_texts, b_texts, a, b) or _acronym_of_parts(a, b)
    spelling = ChangeClass.SPELLING
    if len(a_words) == len(b_words):
        if [i.bare for i in a_words] == [i.bare for i in b_words]:
            return spelling, ("accents",)
        if [i.key for i in a_words] == [i.key for i in b_words]:
            return spelling, ("US/UK spelling",)
    if "".join([i.key for i in a_words]) == "".join([i.key for i in b_words]):
        return spelling, ("hyphenation or compound",)
    for short, long_texts, long_info in ((b_words, a_texts, a_info), (a_words, b_texts, b_info)):
        if len(short) == 1 and short[0].acronym and initials_match(
            [t for t, i in zip(long_texts, long_info) if i.alnum], short[0].acronym
        ):
            return spelling, ("abbreviation and its expansion",)
    return None


def _one_word_variant(a: Word, b: Word) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """:func:`variant_reasons` for one word against one word (the common case, made quick)."""
    if a.bare == b.bare:
        return ChangeClass.SPELLING, ("accents",)
    if a.key == b.key:
        return ChangeClass.SPELLING, ("US/UK spelling",)
    if a.number and a.number == b.number:
        return ChangeClass.SPELLING, ("number written another way",)
    if _initial_of(a, b) or _initial_of(b, a):
        return ChangeClass.SPELLING, ("name shortened to its initial",)
    if _abbreviates(a, b) or _abbreviates(b, a):
        return ChangeClass.SPELLING, ("abbreviation and its expansion",)
    if a.key + "s" == b.key or b.key + "s" == a.key or a.key + "es" == b.key or b.key + "es" == a.key:
        return ChangeClass.WORDING, ("another form of the same word",)  # NGO / NGOs, K / Ks
    if a.key[:4] != b.key[:4] and not (a.capital and b.capital):
        return None
    if _transliterated(a, b):
        return ChangeClass.SPELLING, ("name spelled another way",)
    if same_stem(a.key, b.key):
        return ChangeClass.WORDING, ("another form of the same word",)
    if _misspelled(a, b):
        return ChangeClass.SPELLING, ("word spelled another way",)
    return None


def _acronym_of_parts(a: Word, b: Word) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling when one word is an acronym of the parts of the other, a hyphenated word
    ("maximum-a-posteriori" / "MAP", "right-handed" / "RH"): one word against one, so the
    several-word expansions of :func:`variant_reasons` do not see it.

        >>> from stmtdiff.classify.tokens import word
        >>> _acronym_of_parts(word("maximum-a-posteriori"), word("MAP"))
        (<ChangeClass.SPELLING: 'spelling'>, ('abbreviation and its expansion',))
        >>> print(_acronym_of_parts(word("well-known"), word("MAP")))
        None
    """
    for short, long in ((a, b), (b, a)):
        if short.acronym and "-" in long.norm and initials_match([long.norm], short.acronym):
            return ChangeClass.SPELLING, ("abbreviation and its expansion",)
    return None


def _cut_with_a_stop(
    a_texts: Sequence[str], b_texts: Sequence[str], a: Word, b: Word
) -> tuple[ChangeClass, tuple[str, ...]] | None:
    """Spelling when one word is the other cut short and followed by a stop, the stop a token of
    its own: "Fig." / "Figure", "Section" / "Sec.", "Eq." / "Equation" (the tokens are "Fig",
    "."). Only a cut (the start of the word) of at most four letters, two letters shorter or
    more: a stop after a word may end the sentence, and "Mali." / "Malawi" or "Niger." /
    "Nigeria" are two countries.

        >>> from stmtdiff.classify.tokens import word
        >>> _cut_with_a_stop(("Fig", "."), ("Figure",), word("Fig"), word("Figure"))
        (<ChangeClass.SPELLING: 'spelling'>, ('abbreviation and its expansion',))
        >>> print(_cut_with_a_stop(("Mali", "."), ("Malawi",), word("Mali"), word("Malawi")))
        None
    """
    for short, texts, long in ((a, a_texts, b), (b, b_texts, a)):
        stop = _followed_by_stop(texts, short)
        cut = long.plain.startswith(short.plain) and len(long.plain) >= len(short.plain) + 2
        if stop and cut and short.plain.isalpha() and len(short.plain) <= _CUT_MAX_LETTERS:
            return ChangeClass.SPELLING, ("abbreviation and its expansion",)
    return None


_CUT_MAX_LETTERS = 4  # "Fig.", "Sec.", "Eq.", "Ref.", "Vol."; "Niger." / "Nigeria" are two countries


def _followed_by_stop(texts: Sequence[str], w: Word) -> bool:
    for k, text in enumerate(texts[:-1]):
        if texts[k + 1] == "." and word(text).plain == w.plain:
            return True
    return False


def _initial_of(name: Word, initial: Word) -> bool:
    """True when ``initial`` is the first letter of the capitalised word ``name``, in any
    alphabet: "Donald" -> "D.", "Дональд" -> "Д." (the dot is a token of its own)."""
    return (
        initial.capital
        and len(initial.plain) == 1
        and name.capital
        and len(name.plain) > 1
        and not name.function
        and name.plain[0] == initial.plain[0]
    )


def _abbreviates(short: Word, long: Word) -> bool:
    """A dotted abbreviation of one word: its letters, in order, begin the word or are picked
    from it, first letter first (Fig. / figure, Sec. / Section, Dept. / Department, Figs. /
    Figures).

        >>> from stmtdiff.classify.tokens import word
        >>> _abbreviates(word("Dept."), word("Department")), _abbreviates(word("Dr."), word("Doctrine"))
        (True, True)
    """
    if not short.norm.endswith(".") or len(short.plain) < 2 or len(long.plain) <= len(short.plain):
        return False
    letters, target = short.plain, long.plain
    if letters[0] != target[0] or not letters.isalpha():
        return False
    position = 0
    for letter in letters:
        position = target.find(letter, position) + 1
        if position == 0:
            return False
    return True


def _misspelled(a: Word, b: Word) -> bool:
    """One word typed two ways: lower-case letters only, the same first four letters, six
    letters or more, a few letters apart (:func:`respelled`): hydrogren / hydrogen,
    intrinsecally / intrinsically. Words that differ at their start are different words
    (increase / decrease, present / prevent keep their first four letters apart)."""
    if a.capital or b.capital or not (a.fold.isalpha() and b.fold.isalpha()):
        return False
    return min(len(a.key), len(b.key)) >= 6 and respelled(a.key, b.key)


def _transliterated(a: Word, b: Word) -> bool:
    if not (a.capital and b.capital) or a.function or b.function:
        return False
    if a.acronym or b.acronym or same_stem(a.key, b.key):
        return False
    shorter = min(len(a.key), len(b.key))
    if shorter < 4:
        return False
    distance = Levenshtein.distance(a.key, b.key, score_cutoff=2)
    return distance <= 2 and distance <= shorter / 4
