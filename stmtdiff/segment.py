"""Split a text into comparison units (sentences, lines, paragraphs or clauses) with exact offsets.

Offsets are produced while scanning and are never found again by searching the text (the
trap pySBD falls into). Every unit is stripped of surrounding whitespace, units never overlap,
and every non-whitespace character lies in exactly one unit.

Sentences are found in two passes (see ../shared/notes/segmentation.md):

1. Newlines first. A line break ends a unit unless the line is soft-wrapped prose: it does
   not end a sentence and the next line carries on in lower case, or it ends with a word
   that cannot end one ("talks with the\\nUnited States") or a hyphen ("inter-\\nnational").
   A blank line always ends a unit. This keeps headings, slugs and tweets apart.
2. Inside each block, a run of ``. ? ! …`` (plus closing quotes or brackets) followed by
   whitespace is a candidate; a few rules decide, looking only at the word before and the
   word after. Only candidates cost Python time (4 MB of Bible prose: about 0.1 s), and a
   line with no punctuation costs one regex scan. A news dateline that opens a block
   ("ASTANA. KAZINFORM –", "WASHINGTON, June 5 (Reuters) -") is a unit of its own: it is
   page furniture, not part of the sentence after it.

    >>> [s.text for s in segment("U.S. Assistant Secretary Lu arrived. “Is this the end?” asked one.")]
    ['U.S. Assistant Secretary Lu arrived.', '“Is this the end?” asked one.']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from stmtdiff.errors import StmtdiffError
from stmtdiff.model import Sentence, Units

Span = tuple[int, int]

# Characters that end a line (str.splitlines' separators); "\r\n" counts as one.
_BREAKS_BUT_CR = "\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAKS = "\r" + _BREAKS_BUT_CR

# One non-empty line, without its surrounding whitespace.
_LINE = re.compile(f"\\S(?:[^{_LINE_BREAKS}]*\\S)?")

# One line break: "\r\n" must never pass for two, or every CRLF line would look blank.
_BREAK = f"(?:\r\n|\r(?!\n)|[{_BREAKS_BUT_CR}])"
# Two line breaks with only spaces between them: a blank line.
_BLANK_LINE = re.compile(f"{_BREAK}[^\\S{_LINE_BREAKS}]*{_BREAK}")

_OPENERS = "“‘\"'([{«¿¡"
_CLOSERS = "”’\"')]}»"

_STOPS = ".?!…‼⁇⁈⁉"
# A candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace.
# The lookbehind starts a match only at the first stop of a run, so "......" stays linear.
_CANDIDATE = re.compile(f"(?<![{_STOPS}])(?P<stop>[{_STOPS}]+)(?P<close>[{re.escape(_CLOSERS)}]*)(?=\\s)")
_SPACE = re.compile(r"\s+")
_NEXT_WORD = re.compile(f"[{re.escape(_OPENERS)}]*(\\w*)")

# A list marker that may open a sentence: "1.", "a.", "iv.", "(2)."
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)?")
# Dotted initialisms, as keys without their last dot: "u.s", "d.c", "a.m", "u.s.a".
_INITIALISM = re.compile(r"(?:[a-z]\.)+[a-z]")
_ROMAN = re.compile(r"(?:[IVXLC]{2,}|[VXLC])\b")  # not a lone "I": "He said No. I think…"

# Lower-cased words, without the final dot, after which a sentence never ends: titles that
# stand before a name and Latin short forms that stand before more of the sentence.
_NEVER_ENDS = frozenset(
    """mr mrs ms mx dr prof amb dep asst pres hon sec gen lt col capt cmdr adm maj sgt cpl pvt
    brig sen rep gov rev fr st supt insp det atty messrs mme mlle msgr h.e rt ret exec
    drs profs sens reps govs
    e.g i.e cf vs v viz approx ca incl esp""".split()
)
# Short forms that stand before a number ("No. 2", "Art. 5", "Jan. 5", "p. 12"); before
# anything else they are ordinary words ("He said No. Then…").
_BEFORE_NUMBER = frozenset(
    """no nos art arts para paras ch chap vol vols fig figs p pp sect ed eq ref op pt pts nr
    tab jan feb mar apr jun jul aug sep sept oct nov dec
    res con stat pub doc docs rept cong sess amdt""".split()
)
# A citation short form may also stand before an initial: "Pub. L. 117-58".
_INITIAL_AHEAD = re.compile(r"[A-Z]\.\s")
# Short forms that mostly sit inside a sentence ("U.S. Assistant Secretary", "King Jr.
# Day", "10 a.m. Eastern"): a sentence ends after them only when the next word is a usual
# sentence opener ("…the U.S. The talks…").
_USUALLY_INSIDE = frozenset(
    """jr sr ph.d esq inc ltd corp co llc plc bros dept univ assn intl govt mt ft ave blvd
    rd""".split()
)
# Place names that end an appositive: after "Washington, D.C." a capitalised word opens a
# new sentence ("…in Washington, D.C. Kazakhstan's envoy…"); "2024, U.S. Assistant…" does not.
_PLACE_SUFFIXES = frozenset(["d.c"])
_SENTENCE_OPENERS = frozenset(
    """The A An This That These Those There Then Thus They Their It Its He She His Her We Our
    I You In On At As After Before During Since While When Where If But And Or So Yet Both
    Each All Some Many Most Several Such One However Meanwhile Moreover Also Furthermore
    Nevertheless Today Yesterday Now Last Next For From To With According Despite Although
    Though Because What Who Why How Which No Not Only Neither Nor Every Any Another
    Additionally Earlier Later Separately Similarly Likewise Instead Indeed Still Here Given
    Following Among By Through Within Without Upon Unlike Regarding Notably Overall Finally
    Accordingly Consequently Therefore Hence Otherwise My Your Let""".split()
)
# "U.S. May 31" or "Washington, D.C. December 9, 2010": a date goes on after a short form.
_DATE_AHEAD = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d"
)
# Characters that join the parts of a compound: "Kazakhstan-U.S.", "post-Sept.", "EU/U.S."
_COMPOUND_JOINERS = re.compile(r"[-\u2010\u2011\u2013/]")
# Lower-case words that cannot end a line of prose: a line ending so is soft-wrapped.
_OPEN_ENDINGS = frozenset(
    """the a an of and or to in for with on by at from as that between into is are was were
    will be has have its their our his her""".split()
)
_LOOKBACK = 24  # longest word worth checking against the short forms, plus opening marks

# A news dateline at the start of a block, followed by a word in lower or mixed case (one word
# in capitals may come first: "(UNI) US President"). It ends
# with a dash ("WASHINGTON, June 5 (Reuters) -", "ASTANA –"), or is a place and an agency in
# capitals ("ASTANA. KAZINFORM"); a place in mixed case needs a date or an agency before its
# dash or colon ("Washington D.C., 1 May 2023 (TDI):"), or both ("Washington, Apr 17 (UNI)").
# A heading in capitals ("JOINT STATEMENT – UNITED STATES") is no dateline: no such word follows.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH} \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)? {_MONTH}(?:,? \d{{4}})?)"
_CAPS_PLACE = r"[A-Z][A-Z'’\-]{2,}(?: [A-Z][A-Z'’\-]+){0,3}"
_PLACE = r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’.\-]*){0,3}"
_REGION = r"(?:, [A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)?){0,2}"
_AGENCY = r"\([^()\n]{1,40}\)"
_DASH = r"(?:--|[-–—])"
_DATELINE = re.compile(
    "(?:"
    + "|".join(
        [
            rf"{_CAPS_PLACE}{_REGION}(?:,? {_DATE})?(?: {_AGENCY})? {_DASH}",
            rf"{_CAPS_PLACE}\. [A-Z]{{3,}}(?: {_DASH})?",
            rf"{_PLACE}{_REGION}(?:,? {_DATE}(?: {_AGENCY})?| {_AGENCY}) ?(?:{_DASH}|:)",
            rf"{_PLACE}{_REGION},? {_DATE} {_AGENCY}",
        ]
    )
    + r")(?=\s+(?:[^\W\d_]+\s+)?[^\W\d_]*[a-z])"
)


def segment(text: str, units: Units | str = Units.SENTENCES) -> tuple[Sentence, ...]:
    """Split ``text`` into units whose ``text == text[start:end]``, in order, never overlapping."""
    spans = _UNIT_FINDERS[as_units(units)](text)
    return tuple(Sentence(index, start, end, text[start:end]) for index, (start, end) in enumerate(spans))


def as_units(units: Units | str) -> Units:
    """``units`` as a ``Units`` member; any other name is a StmtdiffError."""
    try:
        return Units(units)
    except ValueError:
        choices = ", ".join(u.value for u in Units)
        raise StmtdiffError(f"unknown units {units!r}: choose from {choices}") from None


def line_spans(text: str) -> list[Span]:
    """Each non-empty line, stripped (CR, CRLF and Unicode line separators all end a line)."""
    return [match.span() for match in _LINE.finditer(text)]


def paragraph_spans(text: str) -> list[Span]:
    """Blocks of lines separated by blank lines, stripped."""
    return _join_lines(text, line_spans(text), _is_blank_between)


def sentence_spans(text: str) -> list[Span]:
    """Sentences: lines joined where soft-wrapped, then split at sentence ends."""
    spans: list[Span] = []
    for block_start, block_end in _join_lines(text, line_spans(text), _breaks_unit):
        spans.extend(_split_block(text, block_start, block_end))
    return spans


# A clause ends at a semicolon or colon followed by whitespace ("10:30" and "a;b" do not).
_CLAUSE_END = re.compile(r"[;:](?=\s)")


def clause_spans(text: str) -> list[Span]:
    """Sentences, each cut again after every ``;`` or ``:`` that is followed by whitespace.

    Long legal and scriptural sentences chain several statements with semicolons ("(a) …;
    (b) …"); as units of their own, a dropped or moved clause shows as such instead of
    as a change to one long sentence.
    """
    spans: list[Span] = []
    for start, end in sentence_spans(text):
        for clause_end in _CLAUSE_END.finditer(text, start, end):
            cut = clause_end.end()
            if cut < end:
                spans.append((start, cut))
                start = _SPACE.match(text, cut).end()  # type: ignore[union-attr]
        spans.append((start, end))
    return spans


_UNIT_FINDERS = {
    Units.SENTENCES: sentence_spans,
    Units.LINES: line_spans,
    Units.PARAGRAPHS: paragraph_spans,
    Units.CLAUSES: clause_spans,
}


def _join_lines(text: str, lines: list[Span], separates: Callable[[str, Span, Span], bool]) -> list[Span]:
    """Merge consecutive line spans unless ``separates(text, line, next_line)`` says not to."""
    if not lines:
        return []
    joined: list[Span] = []
    block_start, block_end = lines[0]
    for line in lines[1:]:
        if separates(text, (block_start, block_end), line):
            joined.append((block_start, block_end))
            block_start = line[0]
        block_end = line[1]
    joined.append((block_start, block_end))
    return joined


def _is_blank_between(text: str, line: Span, next_line: Span) -> bool:
    return _BLANK_LINE.search(text, line[1], next_line[0]) is not None


def _breaks_unit(text: str, line: Span, next_line: Span) -> bool:
    """Whether the line break before ``next_line`` ends a unit (it does unless soft-wrapped)."""
    if _is_blank_between(text, line, next_line):
        return True
    end = line[1]
    last = text[end - 1]
    first = _first_letter(text, next_line[0], next_line[1])
    if last == "-" and end - 2 >= line[0] and text[end - 2].isalpha():
        return not first.isalnum()  # a word hyphenated across the break: "inter-\nnational"
    ending = text[max(line[0], end - 8) : end].rsplit(None, 1)[-1]
    if ending in _OPEN_ENDINGS:
        return not first.isalnum()  # "…talks with the\nUnited States…"
    if ending.rstrip(_CLOSERS)[-1:] in ".?!…:":
        return True
    return not first.islower()


def _first_letter(text: str, start: int, end: int) -> str:
    """The first character after any opening quotes or brackets ('' if there is none)."""
    position = start
    while position < end and text[position] in _OPENERS:
        position += 1
    return text[position] if position < end else ""


def _split_block(text: str, block_start: int, block_end: int) -> Iterator[Span]:
    """Sentence spans of one block (a line, or soft-wrapped lines), stripped."""
    start = block_start
    dateline = _dateline(text, block_start, block_end)
    if dateline is not None:
        yield block_start, dateline.end()
        start = _SPACE.match(text, dateline.end()).end()  # type: ignore[union-attr]
    for candidate in _CANDIDATE.finditer(text, start, block_end):
        stop_start, stop_end = candidate.span()
        next_start = _SPACE.match(text, stop_end).end()  # type: ignore[union-attr]
        if _ends_sentence(text, candidate, start, next_start, block_end):
            yield start, stop_end
            start = next_start
    yield start, block_end


# Every dateline has a second capital, a digit or a bracket in its first 64 characters.
_DATELINE_HINT = re.compile(r"\S[A-Z]|[^\n]{0,62}?[\d(]")


def _dateline(text: str, block_start: int, block_end: int) -> re.Match[str] | None:
    """The dateline opening a block, if any (a cheap look first: most blocks start otherwise)."""
    if _DATELINE_HINT.match(text, block_start, min(block_end, block_start + 64)) is None:
        return None
    return _DATELINE.match(text, block_start, block_end)


def _ends_sentence(
    text: str, candidate: re.Match[str], start: int, next_start: int, block_end: int
) -> bool:
    """Decide one candidate from the word before its stop and the word after it."""
    first = _first_letter(text, next_start, block_end)
    if first.islower():
        return False  # “Is this the end?” asked one diplomat. / Washington D.C. on May 31.
    stop = candidate.group("stop")
    if stop != "." or candidate.group("close").strip(")]}"):
        return True  # ? ! … and a stop closed by a quote are not abbreviations
    stop_start = candidate.start()
    word = _word_before(text, start, stop_start)
    if word is None:
        return True
    if stop_start - len(word) == start and _LIST_MARKER.fullmatch(word):
        return False  # "1. The parties agree…"
    # The last part of a compound decides: "Kazakhstan-U.S. Enhanced", "post-Sept. 11".
    bare = _COMPOUND_JOINERS.split(word.lstrip(_OPENERS))[-1] or word.lstrip(_OPENERS)
    key = bare.lower()
    if key in _NEVER_ENDS:
        return False  # "Sen. Lee", "(Sen.) --", "Reps. Smith and Jones"
    if key in _BEFORE_NUMBER:
        return not _citation_goes_on(text, next_start, first)
    is_initial = len(bare) == 1 and bare.isupper() and bare not in "IA"  # "John F. Kennedy"
    if not (is_initial or key in _USUALLY_INSIDE or _INITIALISM.fullmatch(key)):
        return True  # an ordinary word: "held in May. Kazakhstan…", "$85.5mn. Between…"
    next_word = _NEXT_WORD.match(text, next_start).group(1)  # type: ignore[union-attr]
    if _DATE_AHEAD.match(text, next_start):
        return False  # "in Washington, D.C. December 9, 2010": the date goes on
    if next_word in _SENTENCE_OPENERS and not text.startswith(".", next_start + len(next_word)):
        return True  # "…the U.S. The talks…", "…than B.B. No one…" (but "U.S. No. 2")
    return key in _PLACE_SUFFIXES and _follows_comma(text, start, stop_start - len(word))


def _citation_goes_on(text: str, next_start: int, first: str) -> bool:
    """After a short form such as "No." or "Res.": a number, a roman numeral, an initial or
    another such short form carries the citation on ("Res. 79", "Art. IV", "Pub. L. 117-58",
    "Con. Res. 5")."""
    if first.isdigit() or _ROMAN.match(text, next_start) or _INITIAL_AHEAD.match(text, next_start):
        return True
    next_word = _NEXT_WORD.match(text, next_start).group(1)  # type: ignore[union-attr]
    return next_word.lower() in _BEFORE_NUMBER and text.startswith(".", next_start + len(next_word))


def _word_before(text: str, start: int, stop_start: int) -> str | None:
    """The word right before a stop ('' after a space), or None when too long to matter."""
    if stop_start == start or text[stop_start - 1].isspace():
        return ""
    window_start = max(start, stop_start - _LOOKBACK)
    parts = text[window_start:stop_start].rsplit(None, 1)
    if len(parts) == 1 and window_start > start and not text[window_start - 1].isspace():
        return None
    return parts[-1]


def _follows_comma(text: str, start: int, word_start: int) -> bool:
    position = word_start - 1
    while position > start and text[position].isspace():
        position -= 1
    return position > start and text[position] == ","
