"""Split a text into comparison units (sentences, lines, paragraphs or clauses) with exact offsets.

Offsets are produced while scanning and are never found again by searching the text (the
trap pySBD falls into). Every unit is stripped of surrounding whitespace, units never overlap,
and every non-whitespace character lies in exactly one unit.

Sentences are found in two passes (see ../shared/notes/segmentation.md):

1. Newlines first. A line break ends a unit unless the line is soft-wrapped prose: it does
   not end a sentence and the next line carries on in lower case, or it ends with a word
   that cannot end one ("talks with the\\nUnited States") or a hyphen ("inter-\\nnational").
   A blank line always ends a unit. This keeps headings, slugs and tweets apart.
2. Inside each block, a run of ``. ? ! …`` or of another script's sentence terminator
   (Arabic ``؟ ۔``, Devanagari ``। ॥``...), plus closing quotes or brackets, followed by
   whitespace is a candidate; a few rules decide, looking only at the word before and the
   word after. Chinese and Japanese ``。！？`` (and their closing quotes) end a sentence with
   no space after them. Only candidates cost Python time (4 MB of Bible prose: about 0.1 s),
   and a line with no punctuation costs one regex scan. A news dateline that opens a block
   ("ASTANA. KAZINFORM –", "WASHINGTON, June 5 (Reuters) -") is a unit of its own: it is
   page furniture, not part of the sentence after it.
3. A long block with no sentence punctuation at all is prose whose punctuation was left out
   (literary Japanese, Korean Bible text): there a space between two Chinese or Japanese
   characters, and a space after a Korean sentence-final ending, end sentences instead.

    >>> [s.text for s in segment("U.S. Assistant Secretary Lu arrived. “Is this the end?” asked one.")]
    ['U.S. Assistant Secretary Lu arrived.', '“Is this the end?” asked one.']
    >>> [s.text for s in segment("双方发表联合声明。「我们同意。」他说。")]
    ['双方发表联合声明。', '「我们同意。」', '他说。']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

from stmtdiff.errors import StmtdiffError
from stmtdiff.languages.scripts import has_east_asian, pattern
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

# Chinese and Japanese brackets and quotation marks (full-width forms included).
_WIDE_OPENERS = "「『（【〔〖〘〚〈《｢［｛〝"
_WIDE_CLOSERS = "」』）】〕〗〙〛〉》｣］｝〞〟"
_OPENERS = "“‘\"'([{«¿¡" + _WIDE_OPENERS
_CLOSERS = "”’\"')]}»" + _WIDE_CLOSERS
# Right after a stop, German closing quotation marks too: „Wir sind uns einig.“ and »Ja.«
# (“ ‘ « open a quotation in English and French, but never right after a stop).
_STOP_CLOSERS = _CLOSERS + "“‘«"

# Sentence terminators of other scripts, each followed by whitespace like "?": Unicode's
# Sentence_Break=STerm characters (Unicode 16) other than "!", "?" and the full-width forms
# below; among them Armenian ։, Arabic-script ؝ ؞ ؟ ۔, Syriac ܀, Devanagari । ॥, Myanmar ။,
# Ethiopic ። and the interrobang ‽. The Arabic comma ، is not one (Sentence_Break=SContinue,
# as for ","): Arabic prose chains clauses with it.
_OTHER_STOPS = (
    "\u0589\u061d\u061e\u061f\u06d4\u0700\u0701\u0702\u07f9\u0837\u0839\u083d\u083e\u0964\u0965"
    "\u104a\u104b\u1362\u1367\u1368\u166e\u1735\u1736\u17d4\u17d5\u1803\u1809\u1944\u1945"
    "\u1aa8\u1aa9\u1aaa\u1aab\u1b5a\u1b5b\u1b5e\u1b5f\u1b7d\u1b7e\u1c3b\u1c3c\u1c7e\u1c7f\u203d"
    "\u2cf9\u2cfa\u2cfb\u2e2e\u2e3c\u2e53\u2e54\ua4ff\ua60e\ua60f\ua6f3\ua6f7\ua876\ua877\ua8ce"
    "\ua8cf\ua92f\ua9c8\ua9c9\uaa5d\uaa5e\uaa5f\uaaf0\uaaf1\uabeb"
)
_STOPS = ".?!…‼⁇⁈⁉" + _OTHER_STOPS
# The full stop, exclamation and question marks of Chinese and Japanese (ideographic,
# full-width, half-width and small forms): they end a sentence with no space after them.
_WIDE_STOPS = "。！？｡︒︕︖﹖﹗"
# A candidate sentence end: terminal punctuation, closing quotes/brackets, then whitespace;
# or a Chinese or Japanese stop with its closing marks, whatever follows. The pattern opens
# with one character class, which the regex engine scans for fastest (a lookbehind first made
# the scan 5x slower); the lookbehind after it starts a match only at the first stop of a run,
# so "......" stays linear. ``rest`` is None for a Chinese or Japanese stop.
_CANDIDATE = re.compile(
    f"[{_STOPS}{_WIDE_STOPS}]"
    f"(?:(?<=[{_STOPS}])(?<![{_STOPS}].)(?P<rest>[{_STOPS}]*)(?P<close>[{re.escape(_STOP_CLOSERS)}]*)(?=\\s)"
    f"|(?<=[{_WIDE_STOPS}])[{_WIDE_STOPS}{_STOPS}]*[{re.escape(_CLOSERS)}]*"
    f"|(?<=[^\\W\\d_][^\\W\\d_]\\.)(?P<tight>)(?=[^\\W\\d_]|[\u2460-\u24ff\u3251-\u32bf]))"
)
# Marks that cannot open a sentence: before them a wide stop did not end one ("。」、"); nor
# does it before the Japanese quotation particle と after a closing quote ("「…。」と言った").
_CONTINUES = "、，,：:；;)）"
_SPACE = re.compile(r"\s+")
_GAP = re.compile(r"\s*")
_NEXT_WORD = re.compile(f"[{re.escape(_OPENERS)}]*(\\w*)")
# A closing quotation mark standing alone after a stop, French style: "Vraiment ? »".
_SPACED_CLOSERS = "»”\""

# A list marker that may open a sentence: "1.", "a.", "iv.", "(2)."
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,6}|[IVXLCDM]{1,6})\)?")
# Dotted initialisms, as keys without their last dot: "u.s", "d.c", "a.m", "u.s.a", and in any
# alphabet: Russian "т.е" (that is), German "z.b" (for example).
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ROMAN = re.compile(r"(?:[IVXLC]{2,}|[VXLC])\b")  # not a lone "I": "He said No. I think…"
# The word after a one- or two-letter word and its stop, when it is one too: the pieces of a
# spaced short form such as German "z. B.", Russian "т. е.", Spanish "EE. UU." (no sentence
# ends inside one).
_SHORT_PIECE = re.compile(r"[^\W\d_]{1,2}\.")


# Lower-cased words, without the final dot, after which a sentence never ends: titles that
# stand before a name and Latin short forms that stand before more of the sentence; then the
# same in Russian (т.е. that is, см. see, им. named after, ул. street...), French (Mme, Mgr,
# cf., p.ex.), Spanish (Sra., Srta., Ud., Excmo., Lic.) and German (bzw., vgl., ggf., Hr.).
_NEVER_ENDS = frozenset(
    """mr mrs ms mx dr prof amb dep asst pres hon sec gen lt col capt cmdr adm maj sgt cpl pvt
    brig sen rep gov rev fr st supt insp det atty messrs mme mlle msgr h.e rt ret exec
    drs profs sens reps govs
    e.g i.e cf vs v viz approx ca incl esp
    т.е т.к т.н т.ч см ср напр им ул пл просп гр тов проф акад
    mmes mlles mgr p.ex
    sra sras srta srtas ud uds vd vds dña excmo excma ilmo ilma lic ing gral
    bzw vgl ggf evtl hr frl sog""".split()
)
# Short forms that stand before a number ("No. 2", "Art. 5", "Jan. 5", "p. 12"); before
# anything else they are ordinary words ("He said No. Then…"). Russian ст. 5 (article), п. 3
# (item), ч. 2 (part), т. 1 (volume), с. 12 (page); French/Spanish n°, núm., pág.; German
# S. 12 (page), Abs. 2 (paragraph), Bd. 3 (volume).
_BEFORE_NUMBER = frozenset(
    """no nos art arts para paras ch chap vol vols fig figs p pp sect ed eq ref op pt pts nr
    tab jan feb mar apr jun jul aug sep sept oct nov dec
    res con stat pub doc docs rept cong sess amdt
    ст п пп ч т с стр гл рис табл д тел
    янв февр фев мар апр авг сент сен окт нояб ноя дек
    núm nº pág págs ene abr ago dic
    janv févr fév avr juil déc
    s abs bd ziff mär okt dez""".split()
)
# Short forms that mostly sit inside a sentence ("U.S. Assistant Secretary", "King Jr.
# Day", "10 a.m. Eastern"): a sentence ends after them only when the next word is a usual
# sentence opener ("…the U.S. The talks…"). Russian г./гг. (year, city: "в 2024 г. Астана
# приняла"), тыс./млн./млрд. (thousand, million, billion), руб. and долл. (roubles, dollars).
_USUALLY_INSIDE = frozenset(
    """jr sr ph.d esq inc ltd corp co llc plc bros dept univ assn intl govt mt ft ave blvd
    rd
    г гг
    mrd mio tsd jh jhd""".split()
)
# Russian units and amounts after a number (thousand, million, billion, trillion, roubles,
# kopecks, dollars), and с.г./т.г. (of this year) after a date: a capitalised word after them
# opens the next sentence ("…9-10 октября с.г. Выразив озабоченность…"), since Russian
# writes its nouns in lower case ("240 млрд. долл. Стороны приветствовали…"); an acronym
# goes on ("1,5 млрд. долл. США"). German Mrd./Mio. stand before capitalised nouns ("3 Mrd.
# Euro") and are in _USUALLY_INSIDE instead.
_AMOUNTS = frozenset("тыс млн млрд трлн руб коп долл с.г т.г".split())
# A German ordinal is a number with a dot ("am 5. Juni", "das 3. Treffen"): before a month
# name, or after an article or a preposition fused with one, the dot ends no sentence, while
# "liegt bei 50. Beide…" ends one. Months (and their short forms) from the Duden.
_ORDINAL_BEFORE = frozenset(
    """Januar Jänner Februar Feber März April Mai Juni Juli August September Oktober November
    Dezember Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez""".split()
)
_ORDINAL_AFTER = frozenset(
    """am im vom zum zur beim ins der die das den dem des ein eine einen einem einer eines
    jeden jedes jedem jeder dieses diesem dieser""".split()
)
# French elision before a short form: "l’art. 5", "d’env. 20".
_ELISION = re.compile(r"^(?:[^\W\d_]{1,2}|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)['’](?=[^\W\d_])")
# Characters a sentence never opens with: after them a stop ended nothing ("Réf. : n° 5").
_CANNOT_OPEN = ",;:，；：、"
_DASHES = "—–-"
# Korean syllables before the declarative ending 다 (했다, 있다, 됐다, 합니다): "받았다.②방문기간중"
# ends a sentence without a space, "캐나다.미국" (Canada/US) does not.
_KOREAN_BEFORE_DA = frozenset("었았였했있없됐된한니겠렸웠왔갔졌켰쳤섰냈랐")

# Titles written as a capital letter alone (case matters): French M. (Monsieur), MM.
# (Messieurs) and Me (Maître) before a name that may begin with an article ("M. Le Drian").
_TITLE_INITIALS = frozenset(["M", "MM", "Me"])
# Place names that end an appositive: after "Washington, D.C." a capitalised word opens a
# new sentence ("…in Washington, D.C. Kazakhstan's envoy…"); "2024, U.S. Assistant…" does not.
_PLACE_SUFFIXES = frozenset(["d.c"])
# Words that usually open a sentence, in English, then Russian, French, Spanish and German
# (articles, pronouns, prepositions and connectives): "…the U.S. The talks…", "…в 2024 г. Мы…".
_SENTENCE_OPENERS = frozenset(
    """The A An This That These Those There Then Thus They Their It Its He She His Her We Our
    I You In On At As After Before During Since While When Where If But And Or So Yet Both
    Each All Some Many Most Several Such One However Meanwhile Moreover Also Furthermore
    Nevertheless Today Yesterday Now Last Next For From To With According Despite Although
    Though Because What Who Why How Which No Not Only Neither Nor Every Any Another
    Additionally Earlier Later Separately Similarly Likewise Instead Indeed Still Here Given
    Following Among By Through Within Without Upon Unlike Regarding Notably Overall Finally
    Accordingly Consequently Therefore Hence Otherwise My Your Let
    Это Этот Эта Эти Он Она Оно Они Мы Я Вы В Во На По При После До Для Но И А Однако Также
    Кроме Затем Тогда Сегодня Вчера Как Что Кто Где Когда Если Хотя Поэтому Все Всё Их Наш
    Le La Les Un Une Des Ce Cette Ces Il Elle Ils Elles Nous Vous Je On Dans Pour Par Sur
    Avec Selon Mais Et Donc Puis Ainsi Cependant Toutefois Depuis Après Avant Si Quand Comme
    El Los Las Una Unos Unas Este Esta Estos Estas Ese Esa Él Ella Ellos Ellas Nosotros Se En
    Con Por Para Según Pero Y Además Hoy Ayer Desde Tras Antes Después Cuando Como Así
    Der Die Das Den Dem Ein Eine Einen Einem Er Sie Es Wir Ich Im Am Auf Mit Nach Vor Bei
    Für Von Zu Aber Und Oder Doch Dann Danach Heute Gestern Seit Wenn Als Damit Auch Diese
    Dieser Dieses""".split()
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


# A clause ends at a semicolon or colon followed by whitespace ("10:30" and "a;b" do not),
# the Arabic semicolon ؛ likewise, and at a full-width ；or ：, which needs no space after it.
_CLAUSE_END = re.compile(r"[;:؛](?=\s)|[；：]")


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
                start = _GAP.match(text, cut).end()  # type: ignore[union-attr]
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
    if ending.rstrip(_STOP_CLOSERS)[-1:] in ".?!…:":
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
    quotes = _QuoteCounter(text, block_start)
    punctuated = False
    for candidate in _CANDIDATE.finditer(text, start, block_end):
        stop_end = candidate.end()
        if candidate.group("tight") is not None:  # "фашизмом.Вторая": no space after the stop
            if _ends_without_space(text, candidate, start, block_end):
                yield start, stop_end
                start = stop_end
            continue
        punctuated = True
        next_start = _GAP.match(text, stop_end).end()  # type: ignore[union-attr]
        if next_start >= block_end:
            continue  # the block ends here anyway
        if candidate.group("rest") is None:  # 。！？ and their closing marks
            particle = text[stop_end - 1] in _CLOSERS and text[next_start] == "と"  # 「…。」と言った
            if (
                text[next_start] not in _CONTINUES
                and not particle
                and not _inside_brackets(text, start, candidate.start(), stop_end)
            ):
                yield start, stop_end
                start = next_start
            continue
        quoted = False
        if _closes_quotation(text, next_start, block_end, quotes, start, candidate.start()):
            stop_end = next_start + 1  # "…pas. » David dit" / "…blind? " he asked"
            next_start = _GAP.match(text, stop_end).end()  # type: ignore[union-attr]
            quoted = True
            if next_start >= block_end:
                continue
        if _ends_sentence(text, candidate, start, next_start, block_end, quoted):
            yield start, stop_end
            start = next_start
    if (
        not punctuated
        and text[start:block_end].rstrip(_STOP_CLOSERS)[-1:] not in _STOPS  # its last stop counts
        and block_end - block_start >= UNPUNCTUATED_MIN_CHARS
        and has_east_asian(text[start:block_end])
    ):
        for end_match in pattern(_IMPLICIT_END).finditer(text, start, block_end):
            yield start, end_match.start()
            start = end_match.end()
    yield start, block_end


# A block this long without one sentence stop is prose whose punctuation was left out, not a
# heading or a name (Chinese headlines put spaces between names and titles: "习近平 主席").
UNPUNCTUATED_MIN_CHARS = 160
# Where such prose ends sentences: the whitespace between two Chinese or Japanese characters
# (a space is no word separator there: literary Japanese writes it where modern text has 。),
# and the whitespace after a Korean word of two syllables or more that ends in a sentence-final
# ending: declarative or imperative 다/라 (했다, 하니라, 하라), interrogative 냐/까, or the
# honorific request 소서. Over-splitting costs little: the aligner merges up to three units.
_CJK_CHAR = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_IMPLICIT_END = (  # compiled on first use: most texts never need it
    f"(?<=[{_CJK_CHAR}])\\s+(?=[{_CJK_CHAR}])"
    "|(?<=[\uac00-\ud7a3][다라냐까]|소서)\\s+(?=\\S)"
)


class _QuoteCounter:
    """Whether a straight double quote is open at a point of a block, counting forwards only
    (each character is counted once, however many candidates ask)."""

    def __init__(self, text: str, start: int) -> None:
        self.text, self.counted_to, self.count = text, start, 0

    def open_before(self, position: int) -> bool:
        self.count += self.text.count('"', self.counted_to, position)
        self.counted_to = max(self.counted_to, position)
        return self.count % 2 == 1


# Every dateline has a second capital, a digit or a bracket in its first 64 characters.
_DATELINE_HINT = re.compile(r"\S[A-Z]|[^\n]{0,62}?[\d(]")


def _dateline(text: str, block_start: int, block_end: int) -> re.Match[str] | None:
    """The dateline opening a block, if any (a cheap look first: most blocks start otherwise)."""
    if _DATELINE_HINT.match(text, block_start, min(block_end, block_start + 64)) is None:
        return None
    return _DATELINE.match(text, block_start, block_end)


def _closes_quotation(
    text: str, position: int, block_end: int, quotes: _QuoteCounter, sentence_start: int, stop_start: int
) -> bool:
    """Whether the mark at ``position``, alone between spaces after a stop, closes a quotation.

    French sets quotation marks off with spaces: in "…pas. » David dit" the » closes the
    sentence before it. A straight quote closes when one is open in the sentence or in the
    block ("répondit: " Non. " Il" closes, "…naissance. " Maître, lui demandèrent" opens the
    next sentence); the sentence alone still decides when a quote earlier in the block was
    never closed.
    """
    mark = text[position]
    if mark not in _SPACED_CLOSERS:
        return False
    if position + 1 < block_end and not text[position + 1].isspace():
        return False  # »Text« (German) or "Text" opens what follows
    if mark != '"':
        return True
    return text.count('"', sentence_start, stop_start) % 2 == 1 or quotes.open_before(stop_start)


def _ends_sentence(
    text: str, candidate: re.Match[str], start: int, next_start: int, block_end: int, quoted: bool
) -> bool:
    """Decide one candidate from the word before its stop and the word after it; ``quoted``:
    a quotation mark set off by a space closed it ("…pas. » David")."""
    first = _first_letter(text, next_start, block_end)
    if first.islower():
        return False  # “Is this the end?” asked one diplomat. / Washington D.C. on May 31.
    if first and first in _CANNOT_OPEN:
        return False  # "Réf. : n° 2024-15"
    if first and first in _DASHES and _dialogue_goes_on(text, candidate, start, next_start, block_end, quoted):
        return False  # "«Мы договорились?» — спросил он", "—¿Vienes? —preguntó el ministro"
    single_dot = candidate.end("rest") - candidate.start() == 1 and text[candidate.start()] == "."
    if not single_dot or quoted or candidate.group("close").strip(")]}"):
        return True  # ? ! … and a stop closed by a quote are not abbreviations
    stop_start = candidate.start()
    word = _word_before(text, start, stop_start)
    if word is None:
        return True
    if stop_start - len(word) == start and _LIST_MARKER.fullmatch(word):
        return False  # "1. The parties agree…"
    # The last part of a compound decides: "Kazakhstan-U.S. Enhanced", "post-Sept. 11".
    bare = _COMPOUND_JOINERS.split(word.lstrip(_OPENERS))[-1] or word.lstrip(_OPENERS)
    if "’" in bare or "'" in bare:
        bare = _ELISION.sub("", bare, count=1)  # "l’art." is "art."
    key = bare.lower()
    if bare.isdigit() and len(bare) <= 2 and _ordinal_goes_on(text, start, stop_start - len(bare), next_start):
        return False  # "am 5. Juni", "das 3. Treffen"
    if len(bare) == 1 and unicodedata.bidirectional(bare) in ("AL", "R"):
        return False  # an Arabic or Hebrew letter alone is a short form or an initial: "د. أحمد"
    if key in _AMOUNTS:
        next_word = _NEXT_WORD.match(text, next_start).group(1)  # type: ignore[union-attr]
        return not (first.isdigit() or next_word.isupper())  # "млрд. долл. США", "млн. Стороны"
    if key in _NEVER_ENDS:
        return False  # "Sen. Lee", "(Sen.) --", "Reps. Smith and Jones"
    if key in _BEFORE_NUMBER and not (len(bare) == 1 and bare.isupper()):  # "Д. Трамп": an initial
        return not _citation_goes_on(text, next_start, first)
    if len(bare) <= 2 and bare.isalpha() and _SHORT_PIECE.match(text, next_start):
        return False  # inside a spaced short form: "z. B. die", "т. е. в", "EE. UU. y"
    if bare in _TITLE_INITIALS:
        return False  # "M. Le Drian a dit"
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
    if first.isdigit() or _ROMAN.match(text, next_start) or _initial_at(text, next_start):
        return True
    next_word = _NEXT_WORD.match(text, next_start).group(1)  # type: ignore[union-attr]
    return next_word.lower() in _BEFORE_NUMBER and text.startswith(".", next_start + len(next_word))


def _initial_at(text: str, position: int) -> bool:
    """An initial in any alphabet at ``position``: a capital and its dot, then a space or the
    next initial ("Pub. L. 117-58", "С. В. Лавров", "В.В.Путин")."""
    end = position + 2
    return (
        end <= len(text)
        and text[position].isupper()
        and text[position + 1] == "."
        and (end == len(text) or text[end].isspace() or text[end].isupper())
    )


def _dialogue_goes_on(
    text: str, candidate: re.Match[str], start: int, next_start: int, block_end: int, quoted: bool
) -> bool:
    """Whether a dash and a lower-case word after a stop carry a line of dialogue on: after
    a closing quotation mark ("«Мы договорились?» — спросил журналист") or in a line that
    opens with a dash ("—¿Vienes? —preguntó el ministro"). Elsewhere a dash after a stop
    opens the next sentence ("…is it not small? — and my soul shall live": a new verse)."""
    if not (quoted or candidate.group("close").strip(")]}") or text[start] in _DASHES):
        return False
    position = next_start
    while position < block_end and (text[position] in _DASHES or text[position].isspace()):
        position += 1
    return position < block_end and text[position].islower()


def _ordinal_goes_on(text: str, start: int, number_start: int, next_start: int) -> bool:
    """Whether the number before a dot is a German ordinal: a month name follows ("am 5. Juni
    2024") or an article stands before it ("das 3. Treffen", "vom 1. bis 3. März")."""
    if _NEXT_WORD.match(text, next_start).group(1) in _ORDINAL_BEFORE:  # type: ignore[union-attr]
        return True
    before = text[max(start, number_start - _LOOKBACK) : number_start].split()
    return bool(before) and before[-1] in _ORDINAL_AFTER


def _ends_without_space(text: str, candidate: re.Match[str], start: int, block_end: int) -> bool:
    """A full stop with no space after it ends a sentence only in unmistakable cases:

    * a lower-case word, then a capital and a lower-case letter (a missing space in copied
      text: "над фашизмом.Вторая мировая"), unless the word is a short form ("ул.Ленина") or
      the next word is a web address ("kremlin.Ru");
    * an Arabic-script word of three letters or more, then an Arabic-script letter
      ("برگزار میکند.اصولا"): one or two letters are initials or short forms ("أ.د.");
    * a Korean declarative ending ("받았다.②방문기간중"), but not a name ending in 다 ("캐나다").
    """
    dot = candidate.start()
    word = _word_before(text, start, dot)
    if not word:
        return False
    word = word.lstrip(_OPENERS)
    following = text[dot + 1 : dot + 1 + _LOOKBACK].split(None, 1)[0].rstrip(".,;:!?)]}»”\"'")
    if any(mark in following for mark in "./@:"):
        return False  # a web or mail address
    after = text[dot + 1]
    if len(word) >= 2 and word[-1] == "다" and word[-2] in _KOREAN_BEFORE_DA:
        return True
    if unicodedata.bidirectional(after) == "AL":
        return len(word) >= 3 and all(unicodedata.bidirectional(c) == "AL" for c in word)
    bare = _COMPOUND_JOINERS.split(word)[-1]
    return (
        after.isupper()
        and dot + 2 < block_end
        and text[dot + 2].islower()
        and len(bare) >= 2
        and bare.isalpha()
        and bare.islower()
        and bare not in _NEVER_ENDS
        and bare not in _BEFORE_NUMBER
        and bare not in _USUALLY_INSIDE
        and bare not in _AMOUNTS
    )


def _inside_brackets(text: str, start: int, stop_start: int, stop_end: int) -> bool:
    """Whether a Chinese or Japanese stop closes a bracket opened inside the sentence: the
    sentence goes on after "（以下「双方」という。）". A bracket that opens the unit closes a
    sentence of its own."""
    if ")" not in text[stop_start:stop_end] and "）" not in text[stop_start:stop_end]:
        return False
    opened = max(text.rfind("(", start, stop_start), text.rfind("（", start, stop_start))
    closed = max(text.rfind(")", start, stop_start), text.rfind("）", start, stop_start))
    return opened > max(closed, start)


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
