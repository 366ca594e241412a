"""Flag page and news furniture (slugs, datelines, credits, time stamps, headings) in a document.

Copies of a statement pasted or scraped from web pages carry the page around them, and news
reprints add their own furniture: a dateline ("ASTANA. KAZINFORM –"), photo captions and
credits, time stamps, a headline, a lead-in ("The following is the full text of the
statement.") and attributions ("The statement said."). Those units are only flagged, never
removed, so every offset stays valid; reports show them but keep them out of the change
counts, and an unaligned one is never a substantive addition or omission. The rules are
deliberately narrow: a real sentence of a statement must never be flagged, so the rules that
look only at a unit's shape (slugs, page numbers, headings) apply only to a unit that stands
alone on its line, and the others need words that only furniture uses.

    >>> boilerplate_reason("joint-statement-on-the-united-states-kazakhstan-enhanced-strategic-partnership-dialogue")
    'URL slug'
    >>> boilerplate_reason("Follow the Department of State on Instagram and Twitter.")
    'social-media footer'
    >>> boilerplate_reason("WASHINGTON, June 5 (Reuters) -", alone_on_line=False)
    'dateline'
    >>> boilerplate_reason("(AP Photo/Evan Vucci)", alone_on_line=False)
    'photo caption or credit'
    >>> print(boilerplate_reason("They expressed support for permanent normal trade relations."))
    None
"""

from __future__ import annotations

from collections.abc import Sequence

import dataclasses
import re
from bisect import bisect_right
from collections import Counter

from stmtdiff.model import Document, Sentence

# A lowercase-hyphenated single token of four or more parts (a page's URL slug), or a bare URL.
_SLUG = re.compile(r"/?[a-z0-9]+(?:[-_][a-z0-9]+){3,}/?(?:\.html?)?|(?i:https?://|www\.)\S+")
_COMMENTS = re.compile(
    r"(?:\d+\s+)?comments?\s*(?:\(\d+\))?|(?:leave|add|post|view|show|hide)\s+(?:a\s+)?comments?|no comments(?: yet)?",
    re.IGNORECASE,
)
_PLATFORMS = (
    r"(?:facebook|twitter|instagram|linkedin|youtube|telegram|tiktok|threads|bluesky|mastodon|flickr|social media|on x)"
)
# "Follow the Department on Instagram and Twitter.", "Follow Daryo's official Instagram and Twitter pages…",
# "Like us on Facebook", "Join our Telegram channel". "Like", "find" and "join" only with "us" or "our":
# "Like Facebook and Google, TikTok will have to disclose its algorithms." is a sentence.
_FOLLOW = re.compile(
    rf"(?:follow|(?:like|find|join)(?=\s+(?:us|our)\b)|connect with|subscribe to)\s.{{0,80}}?\b{_PLATFORMS}\b", re.IGNORECASE
)
# Words that make up share and print button rows ("Share this Print Tweet", "Email | Print").
_BUTTON_WORDS = frozenset(
    """share this print tweet email e-mail mail facebook twitter x linkedin whatsapp telegram
    reddit pinterest copy link save pdf download page article on via""".split()
)
_BUTTON_ACTIONS = frozenset(
    "share print tweet email e-mail facebook twitter linkedin whatsapp telegram reddit pinterest download".split()
)
_BUTTON_SEPARATORS = re.compile(r"[\s|·•/,]+")
# A lone page number or page marker: "0", "7", "Page 3", "3 of 10", "- 3 -".
# A printed record's page marker in brackets: "[[Page 9292]]" (Federal Register, Congressional
# Record), "[Page 3]", "[p. 12]".
_PAGE_MARKER = re.compile(
    r"(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—]"
    r"|\[{1,2}\s*(?:page|pp?\.)\s*[\dA-Z]{0,2}-?\d{1,6}\s*\]{1,2}",
    re.IGNORECASE,
)
# A picture's label left alone on its line where the picture was: "Image", "Photo 2", "Video".
_MEDIA_LABEL = re.compile(r"(?:image|photo|photograph|picture|video|graphic|illustration)s?(?:\s+\d{1,3})?[.:]?", re.IGNORECASE)
# Markers a learning or news site puts at the end of a page ("Lesson finished.") and
# navigation left in the text ("Back to top").
_END_MARKER = re.compile(
    r"(?:lesson|article|reading|page|quiz|video|story|section|module|chapter|exercise|course|audio|listening)\s+"
    r"(?:finished|completed|complete|ended|over)[.!]?"
    r"|end of (?:the )?(?:article|story|page|lesson|transcript)\.?"
    r"|back to top|skip to (?:main )?content|continue reading|read more|advertisement"
    r"|related (?:articles|stories|content|posts|news)",
    re.IGNORECASE,
)
# What ends a sentence or clause, possibly followed by closing quotes or brackets.
_SENTENCE_OR_CLAUSE_ENDERS = ".!?…,;:"
_SENTENCE_ENDERS = ".!?…"
_CLOSERS = "\"'”’»)]"
# No rule flags a unit longer than this: page furniture is short.
_MAX_FURNITURE_WORDS = 25
# A repeated line longer than this is more likely a sentence said twice than a running header.
_MAX_REPEATED_WORDS = 15

# Cheap necessary conditions, so that the full rules run on a few units instead of all of them
# (on a Bible-sized text they were most of the loading time). Each follows from the rules above:
# - a slug, page number or end marker has at most four words; a button row is at most eight
#   runs of at most nine characters between separators (or dots, as a row may end in some);
_AT_MOST_FOUR_WORDS = r"\s*\S+(?:\s+\S+){0,3}\s*"
_BUTTON_SHAPED = r"[\s|·•/,.]*(?:[^\s|·•/,.]{1,9}(?:[\s|·•/,.]+|\Z)){1,8}"
# (``(?=(X))\1`` takes X's first match whole and never backtracks into it, an atomic group that
# Python 3.10 can do: a long sentence fails in one pass.)
_SHORT_OR_BUTTON_SHAPED = re.compile(rf"(?=({_AT_MOST_FOUR_WORDS}))\1\Z|(?=({_BUTTON_SHAPED}))\2\Z")
# - a comments counter says "comment"; a social-media footer opens with its verb.
_COMMENTS_HINT = re.compile(r"comment", re.IGNORECASE)
_FOLLOW_HINT = re.compile(r"\s*(?:follow|like|find|join|connect|subscribe)\s", re.IGNORECASE)

# --- news furniture: recognised wherever it sits ------------------------------------------------

_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = rf"(?i:{_MONTH}\s+{_DAY}(?:,?\s+\d{{4}})?|{_DAY}\s+{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|\d{{4}}-\d\d-\d\d|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})"
_TIME = r"(?:\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)(?:\s+(?:[a-z]{1,4}t|utc|gmt|[a-z]{3}\+?\d*))?"
# A time stamp: dates, times and weekdays only, with an optional label ("Updated: 12:45 GMT",
# "31 October 2019, 10:06", "Tue, 10/08/2024 - 05:00", "09/11/2014 04:23 PM EDT").
_STAMP_PART = rf"(?:{_WEEKDAY}|{_DATE}|{_TIME})"
_TIME_STAMP = re.compile(
    rf"(?:(?:posted|published|updated|last updated|modified|date|time|released)(?:\s+on)?:?\s+)?"
    rf"{_STAMP_PART}(?:\s*[,|·•–—-]?\s*(?:at\s+)?{_STAMP_PART})*\.?",
    re.IGNORECASE,
)
# A number with two decimals alone ("12.50", a price or a score) is no time, though "11.16 AM" is.
_DECIMAL = re.compile(r"\d{1,2}\.\d\d\.?")
# A dateline: a place (in capitals, or in mixed case with a date or an agency), a region, a
# date, an agency, then a dash, colon or stop: "ASTANA. KAZINFORM –", "WASHINGTON, June 5
# (Reuters) -", "BAKU, Azerbaijan, June 28.", "Washington D.C., 1 May 2023 (TDI):".
_PLACE_CAPS = r"(?!THE\b)[A-Z][A-Z'’\-]{2,}(?: [A-Z][A-Z'’\-]+){0,3}"
_PLACE_MIXED = r"[A-Z][\w'’\-]*\.?(?: [A-Z][\w'’.\-]*){0,3}"
_REGION = r"(?:, [A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*)?){0,2}"
_AGENCY = r"(?:\([A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}\)|/[\w .-]{1,30}/\.?)"  # (Reuters), /tass/
_DATELINE_END = r"\s*(?:--|[-–—:.])?"
_DATELINE = re.compile(
    rf"(?:{_PLACE_CAPS}{_REGION}(?:,?\s+{_DATE})?(?:\s+{_AGENCY})?{_DATELINE_END}(?:\s+[A-Z]{{3,}}(?:\s+(?:--|[-–—]))?)?"
    rf"|{_PLACE_MIXED}{_REGION}(?:,?\s+{_DATE}(?:\s+{_AGENCY})?|\s+{_AGENCY}){_DATELINE_END}"
    rf"|/[\w .-]{{1,30}}/\.?)"
)
# Photo captions and credits: a label ("Photo: …", "Photo credit: …", "Credit: …", "Photographer:
# …"), a credit in brackets ("(AP Photo/Evan Vucci)", "(Official White House Photo by Pete
# Souza)"), or an agency and a name ("REUTERS/Jonathan Ernst", "Getty Images").
# A name in a credit: capitalised words, joined by spaces, slashes or small words ("Evan Vucci",
# "Mikhail Klimentyev/Kremlin via REUTERS", "the Embassy of Kazakhstan"). Lower-case words other
# than those make it a sentence: "Photos by the ministry show the damage." is no credit.
_NAME_WORD = r"[A-Z\d][\w.&'’-]*"
# A dash between spaces joins a photographer and an agency too: "Saul Loeb/Agence France-Presse —
# Getty Images".
_CREDIT_NAME = rf"(?-i:(?:the\s+)?{_NAME_WORD}(?:(?:\s*/\s*|\s+[—–]\s+|\s+(?:(?:of|for|and|the|de|del|da|van|von|al|bin|via|at)\s+)*){_NAME_WORD}){{0,7}})"
# Inside brackets only credit words, names and their joiners: "(AP Photo/Evan Vucci)", "(Official
# White House Photo by Pete Souza)", "(File photo)"; not "(A photo of the signing is attached.)".
_CREDIT_WORD = r"(?:photo|image|picture|pool|file)s?"
_IN_BRACKETS = rf"(?:{_CREDIT_WORD}|courtesy|credit|by|via|of|for|and|the|(?-i:{_NAME_WORD}))"
_CREDIT = re.compile(
    r"(?:photo|image|picture|video|graphic|illustration)s?(?:\s+(?:credit|source|caption))?\s*:.*"
    r"|caption\s*:.*"
    # a credit label names someone: "Credit: Kazinform", not "Credit: the bank will lend $30 million."
    rf"|(?:credits?|photographer|photo\s+courtesy|courtesy(?:\s+of)?)\s*:\s*{_CREDIT_NAME}\.?"
    rf"|[(\[](?=[^()\[\]]*\b{_CREDIT_WORD}\b){_IN_BRACKETS}(?:[\s/:,]+{_IN_BRACKETS}){{0,11}}[)\]]\.?"
    rf"|(?:[\w.&' -]{{0,40}}\s)?(?:photo|image|picture)s?\s+(?:by|courtesy of)\s+{_CREDIT_NAME}\.?"
    rf"|(?-i:{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}\s*/\s*{_CREDIT_NAME})\.?"
    # a copyright line has the sign or a year: "© 2024 Reuters", "Copyright © Kazinform", not
    # "Copyright protection will be extended to 70 years."
    r"|(?:©|(?:copyright|\(c\))\s*(?:©|\d{4}))\s*.{0,60}"
    r"|(?:getty|afp|ap|reuters|epa|anadolu|xinhua|tass|ria novosti|sputnik)(?:\s+images|\s+photo)?(?:\s*/\s*getty images)?\.?",
    re.IGNORECASE,
)
# A lead-in that introduces the text (or closes it): "The following is the (full) text of …",
# "Following is the text of a joint statement by …", "The text of the following statement was
# released by …", "Below is a joint statement issued by …", "Begin text:", "End text.",
# "Introductory text:", "The below is attributable to Spokesperson Ned Price:".
_LEAD_IN = re.compile(
    r"(?:the\s+)?following\s+is\s+(?:the\s+|a\s+)?(?:full\s+|complete\s+|unofficial\s+)?(?:text|transcript|translation)\b.*"
    r"|(?:the\s+)?(?:full\s+|complete\s+)?text\s+of\s+the\s+following\s+.*"
    r"|(?:below|here)\s+is\s+(?:the\s+)?(?:full\s+)?(?:text\s+of\s+)?(?:a|an|the|their|its|his|her|this)\s+(?:joint\s+)?(?:statement|declaration|communiqu[eé]|readout|transcript)\b.*"
    r"|(?:the\s+)?below\s+is\s+attributable\s+to\b.*"
    r"|(?:begin|end|start)s?\s+(?:of\s+)?text[.:]?|text\s+(?:begins|ends)[.:]?"
    r"|(?:introductory|full|complete|official)\s+text[.:]?"
    r"|(?:read|see)\s+the\s+full\s+(?:text|statement)\b.*"
    # "The statement reads as follows:", "The full text of the declaration reads:"
    r"|(?:the\s+)?(?:full\s+|complete\s+)?(?:text|statement|communiqu[eé]|declaration)(?:\s+of\s+the(?:\s+[\w-]+){1,3}?)?"
    r"\s+(?:reads|says|states|is\s+as\s+follows)(?:\s+as\s+follows)?\s*:",
    re.IGNORECASE,
)
_LEAD_IN_MAX_WORDS = 60  # a lead-in names the governments and the occasion: longer than furniture
_LEAD_IN_STARTS = (
    "the following", "following", "the full", "the complete", "full", "complete", "the text", "text", "the below",
    "below", "here is", "begin", "end", "start", "introductory", "official text", "read the", "see the",
    "the statement", "statement", "the communiqu", "the declaration",
)
# A pointer sends the reader to other material and says nothing itself: "More information about
# Mongolia is available on the Mongolia Page and from other Department of State publications.",
# "A fact sheet on U.S. assistance to Uzbekistan can be found here.", "For more information,
# visit www.state.gov.", "For the most recently published version of this fact sheet, see …",
# "Click here to read the report." Only in the present tense and only with material as its
# subject: "Funding is available to small businesses." and "The report will be available in
# June." say something.
_MATERIAL = (
    r"(?:fact\s+sheets?|texts?|transcripts?|cop(?:y|ies)|lists?|videos?|recordings?|maps?|versions?|summar(?:y|ies)"
    r"|reports?|photos?|pictures?|images?|documents?|links?|pdfs?|(?:press\s+)?releases?|readouts?|statements?)"
)
_AVAILABLE = (
    r"(?:is|are)\s+(?:also\s+)?(?:available|posted|published)"
    r"|(?:can|may)\s+(?:also\s+)?be\s+(?:found|viewed|read|accessed|downloaded|seen|obtained)"
)
_WHERE_TO_LOOK = r"(?:here|online|below|above|on|at|from|via|through|by\s+visiting)\b"
_POINTER = re.compile(
    rf"(?:(?:more|additional|further|detailed|background|general)\s+)?(?:information|details|background)"
    rf"(?:\s+(?:about|on|regarding|concerning|for)\s+.{{1,150}}?)?\s+(?:{_AVAILABLE})\s+{_WHERE_TO_LOOK}.*"
    rf"|(?:a|an|the)\s+(?:(?:full|complete|printable|related|latest|separate)\s+)?{_MATERIAL}"
    rf"(?:\s+(?:of|on|about|for|regarding|concerning)\s+.{{1,150}}?)?\s+(?:{_AVAILABLE})\s+{_WHERE_TO_LOOK}.*"
    rf"|for\s+(?:more|additional|further|complete|detailed)\s+(?:information|details)(?:\s+(?:about|on|regarding)\s+.{{1,150}}?)?"
    rf",?\s+(?:please\s+)?(?:see|visit|go\s+to|click|refer\s+to|contact|call|consult)\b.*"
    rf"|for\s+the\s+(?:most\s+)?(?:recent|recently\s+published|latest|current|updated)\s+(?:version|edition)\s+of\s+this\s+.{{1,60}}?"
    rf",?\s+(?:please\s+)?(?:see|visit|go\s+to|refer\s+to)\b.*"
    rf"|(?:please\s+)?(?:click|tap)\s+here\b.*",
    re.IGNORECASE,
)
_POINTER_MAX_WORDS = 40  # "More information about … sources listed at the end of this fact sheet." is 29
_POINTER_STARTS = (
    "more ", "additional ", "further ", "detailed ", "background", "general ", "information", "details", "a ", "an ",
    "the ", "for ", "click", "tap", "please click", "please tap",
)
_POINTER_VERBS = ("availab", "posted", "published", "found", "viewed", "read", "accessed", "download", "seen",
                  "obtained", "see", "visit", "go to", "click", "tap", "refer", "contact", "call", "consult")
_NEWS_MAX_CHARS = 600  # no furniture is longer (a lead-in of 60 words included)
_SHORT_FURNITURE_CHARS = 400  # credits, datelines, time stamps, attributions, embedded posts
_POINTER_STARTS_CHARS = max(map(len, _POINTER_STARTS))
_SHORT_NEWS_WORDS = 12  # time stamps and datelines are at most this long
_ATTRIBUTION_MAX_WORDS = 16
_CAPS_START = re.compile(r"[A-Z][A-Z'’\-]{2,}\b")
_FIRST_WORD_STRIP = "(—–-\"'“‘"
_DIGIT = re.compile(r"\d")
# What the credit and attribution rules need, as plain strings (a test checks each rule's
# examples pass their gate): a credit has one of these marks or at most four words ("Getty
# Images"); an attribution names a source or says "it was" ("it was reported by …").
_CREDIT_WORDS = ("photo", "image", "picture", "courtesy", "copyright")
_AGENCY_CREDIT_CHARS = 40  # "Getty Images", "AFP": an agency alone
_ATTRIBUTION_WORDS = (
    "statement", "ministry", "press service", "spokes", "agency", "embassy", "office", "release", "readout",
    "communiqu", "report", "government", "mfa", "department", "source", "website", "cites", "quotes", "learn",
    "according", "it was", "this was", "inform",
)
# Each list as one pattern: a substring test per word cost a generator step per word per unit
# (a million of them on the whole Bible).
_POINTER_VERB_SEARCH = re.compile("|".join(map(re.escape, _POINTER_VERBS))).search
_CREDIT_WORD_SEARCH = re.compile("|".join(map(re.escape, _CREDIT_WORDS))).search
_ATTRIBUTION_WORD_SEARCH = re.compile("|".join(map(re.escape, _ATTRIBUTION_WORDS))).search
_ATTRIBUTION_MAX_CHARS = 160  # an attribution of at most 16 words
_STAMP_STARTS = tuple(
    """posted published updated last modified date time released jan feb mar apr may jun jul aug sep oct
    nov dec mon tue wed thu fri sat sun""".split()
)
# An attribution standing alone, or trailing a sentence: "The statement said.", "…, reports the
# ministry", "Kazinform cites the press service of Akorda", "according to the statement".
# Before the source's noun only names, possessives and a few adjectives ("the Kazakh Foreign
# Ministry", "the ministry's press service", "the official website of the ministry"): with any
# words there, "Russia cites security concerns in its report." was an attribution.
_SOURCE_WORD = r"(?:(?-i:[A-Z][\w'’.-]*)|[\w'’.-]+['’]s|official|press|foreign|national|joint|local|state|federal|presidential|diplomatic|news|its|their|his|her)"
_SOURCE = (
    rf"(?:(?:the|a|its|their|his|her)\s+)?(?:{_SOURCE_WORD}\s+){{0,6}}?"
    r"(?:statement|ministry|press\s+service|spokes(?:person|man|woman)|agency|embassy|office|release|readout"
    r"|communiqu[eé]|report|government|mfa|department|source|sources|website)"
    r"(?:\s+of\s+(?:the\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){0,5}?)?"
)
# When and where it was said: "on Monday", "in Astana", "on 5 June 2024", "in a statement", "on
# its website" (at most three). Only such words: "The embassy said on Monday it would close." says
# more than who said it.
_WHEN_WHERE = (
    rf"(?:,?\s+{_WEEKDAY}|,?\s+(?:on|in|at)\s+(?:{_WEEKDAY}(?:,?\s+{_DATE})?|{_DATE}|{_MONTH}(?:\s+\d{{4}})?|\d{{4}}"
    r"|(?:(?:a|an|its|their|his|her|the)\s+)?(?:[\w'’-]+\s+){0,2}?(?:statement|release|briefing|website|post|message"
    r"|interview|communiqu[eé]|channel|account|conference|comment|note)"
    r"|(?-i:[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}))){0,3}"
)
_SAYS = r"(?:said|says|noted|notes|added|adds|stated|states|reported|reports|read|reads|stressed|stresses|emphasized|emphasised|announced|informed)"
_ATTRIBUTION = re.compile(
    rf"[,–—-]?[”\"’']?\s*(?:{_SOURCE}\s+{_SAYS}|{_SAYS}\s+{_SOURCE}|according\s+to\s+{_SOURCE}"
    rf"|(?:it|this|the\s+statement)\s+(?:was\s+)?(?:said|noted|added|reported|stated)(?:\s+(?:in|by)\s+{_SOURCE})?"
    rf"|[\w'’.-]+(?:\s+[\w'’.-]+)?\s+(?:reports|informs|cites|quotes|has\s+learn[te]d\s+from|learn[te]d\s+from)"
    rf"(?:(?:\s+(?:citing|quoting|with\s+reference\s+to|referring\s+to|via|from))?\s+{_SOURCE})?"
    rf"|(?:as\s+)?(?:reported|quoted)\s+by\s+{_SOURCE})"
    rf"{_WHEN_WHERE}\s*[.,]?",
    re.IGNORECASE,
)
# A post embedded from a social network: "— Narendra Modi (@narendramodi) September 21, 2024".
_EMBED = re.compile(r"[—–-]\s*[^\n]{1,60}\(@\w{1,30}\).*|.*\bpic\.twitter\.com/\w+.*", re.IGNORECASE)
# A heading stands alone on its line, ends in no stop or clause mark, is short and written as a
# title: a headline, a section heading, a slug line.
_HEADING_MAX_WORDS = 20
_OPENERS = "\"'“‘«([{"
_CAPTION_MAX_UNITS = 3
_LINE_BREAK = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BLANK_LINE = re.compile(f"(?:\r\n|[{_LINE_BREAK}])[^\\S{_LINE_BREAK}]*(?:\r\n|[{_LINE_BREAK}])")
_LIST_ITEM = re.compile(r"\s*(?:[-*•·▪◦‣–—]|\(?[0-9a-zA-Z]{1,3}[.)])\s")


def flag_boilerplate(doc: Document) -> Document:
    """The same document with ``boilerplate=True`` on units that are page furniture.

    Nothing is removed or moved: texts and offsets are unchanged, only the flag is set (a
    unit already flagged stays flagged). The rules run only on the units that pass the cheap
    hints above; a test checks the result against running every rule on every unit. A caption
    is the text before a photo credit on the credit's line ("Biden meets Modi. (AP Photo/Evan
    Vucci)"): see ``_captions``.
    """
    units = doc.sentences
    alone = _alone_on_lines(doc.text, units)
    starts = _starts_lines(doc.text, units)
    in_list = _list_items(doc.text, units, alone)
    own = _own_paragraphs(doc.text, units)
    saying_comment = _units_matching(_COMMENTS_HINT, doc.text, units)
    header_like: list[int] = []  # may be a repeated running header, or a heading
    suspects: list[int] = []  # may match one of boilerplate_reason's rules
    for k, (unit, is_alone) in enumerate(zip(units, alone)):
        text = unit.text
        if is_alone and (
            _looks_like_running_header(text)
            or (
                not in_list[k]
                and _looks_like_heading(text)
                and (own[k] or _heads_unwrapped_prose(doc.text, units, k))
            )
        ):
            header_like.append(k)
        elif (
            (is_alone and _SHORT_OR_BUTTON_SHAPED.match(text))
            or _FOLLOW_HINT.match(text)
            or k in saying_comment
            or _may_be_news_furniture(text)
        ):
            suspects.append(k)
    # Only header-like lines need counting: lines with the same key all look like running
    # headers or none does, since case folding adds no spaces and keeps end punctuation (a
    # test checks); a heading that does not look like one is never counted as a repeat.
    repeats = Counter(_repeat_key(units[k].text) for k in header_like if _looks_like_running_header(units[k].text))
    furniture: set[int] = set()
    credits: list[int] = []
    for k in header_like + suspects:
        sentence, is_alone = units[k], alone[k]
        repeated = is_alone and repeats[_repeat_key(sentence.text)] >= 2 and _looks_like_running_header(sentence.text)
        reason = boilerplate_reason(
            sentence.text,
            alone_on_line=is_alone,
            own_paragraph=(own[k] or _heads_unwrapped_prose(doc.text, units, k)) and not in_list[k],
            starts_line=starts[k],
        )
        if repeated or reason is not None:
            furniture.add(k)
        if reason == "photo caption or credit":
            credits.append(k)
    furniture.update(_captions(doc.text, units, credits))
    flagged = list(units)
    for k in furniture:
        if not units[k].boilerplate:
            flagged[k] = dataclasses.replace(units[k], boilerplate=True)
    return dataclasses.replace(doc, sentences=tuple(flagged))


def _captions(text: str, units: Sequence[Sentence], credits: Sequence[int]) -> set[int]:
    """The units before a photo credit that ends its line, on that line, up to CAPTION_MAX_UNITS:
    a caption ("President Biden meets Prime Minister Modi at the White House. (AP Photo/Evan
    Vucci)"), which reads like a sentence but only describes a picture."""
    captions: set[int] = set()
    for k in credits:
        if k + 1 < len(units) and text.find("\n", units[k].end, units[k + 1].start) < 0:
            continue  # the credit does not end its line
        m = k
        while m > 0 and k - m < _CAPTION_MAX_UNITS and text.find("\n", units[m - 1].end, units[m].start) < 0:
            m -= 1
            captions.add(m)
        if m > 0 and text.find("\n", units[m - 1].end, units[m].start) < 0:
            captions.difference_update(range(m, k))  # a long paragraph ending in a credit is no caption
    return captions


def _own_paragraphs(text: str, units: Sequence[Sentence]) -> list[bool]:
    """Per unit, whether a blank line (or the document's edge) separates it from both neighbours."""
    if not units:
        return []
    blank = [_BLANK_LINE.search(text, u.end, v.start) is not None for u, v in zip(units, units[1:])]
    return [before and after for before, after in zip([True, *blank], [*blank, True])]


# A line this long was not wrapped by hand: the text puts each paragraph on one line.
_UNWRAPPED_LINE_CHARS = 100


def _heads_unwrapped_prose(text: str, units: Sequence[Sentence], k: int) -> bool:
    """Whether unit ``k`` (a unit alone on its line) stands between paragraphs written on one
    line each, as a heading: the line after it is prose longer than _UNWRAPPED_LINE_CHARS that
    ends like a sentence; the line before it ends a sentence (or a blank line or the document's
    start comes first); and the unit itself is one phrase (at most one comma, no semicolon, no
    sentence ended inside it). Before it may also be a line of furniture ("Jul 15th, 2024").

    A page that puts each paragraph on a line of its own has no blank lines to set a heading
    apart, but a short title-like line before such a paragraph is a heading all the same:
    "…reforms.\nU.S. Assistance to Turkmenistan\nU.S. foreign assistance objectives include …
    reforms." In a text wrapped by hand no line is that long, so a title-like line inside a
    wrapped paragraph ("…\nKazakhstan and the United States\nThe talks went well.") is never
    one; nor is a verse that continues the sentence of the line before ("Gibeon and Ramah and
    Beeroth\nAnd Mizpeh and Chephirah and Mozah\n…") or one that holds clauses ("So Gad came to
    David, and said to him, Thus saith the LORD, Choose thee").
    """
    if k + 1 >= len(units):
        return False
    unit = units[k].text
    if unit.count(",") > 1 or ";" in unit or _SENTENCE_END_INSIDE.search(unit):
        return False
    if k > 0 and _BLANK_LINE.search(text, units[k - 1].end, units[k].start) is None:
        previous = units[k - 1].text
        ends_sentence = previous.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDERS
        if not ends_sentence and boilerplate_reason(previous) is None:  # a time stamp may come first
            return False
    line_start = units[k + 1].start
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end < 0 else line_end].rstrip()
    return len(line) > _UNWRAPPED_LINE_CHARS and line.rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDERS


# A sentence ended inside a unit: a stop after a word of two or more lower-case letters, then a
# space ("…is our refuge. Selah"); "U.S. Embassy" is an abbreviation.
_SENTENCE_END_INSIDE = re.compile(r"[a-z]{2}[.!?]\s")


def boilerplate_reason(
    text: str, *, alone_on_line: bool = True, own_paragraph: bool = False, starts_line: bool = True
) -> str | None:
    """Why one unit's text is page furniture, or None; repetition is judged by flag_boilerplate.

    News furniture (credits, time stamps, lead-ins, attributions, embedded posts) counts wherever
    it sits, and a dateline where it opens a line (the story it opens starts there: "NATO WILL
    RESPOND." inside a paragraph is a sentence); slugs, page numbers, buttons and end markers
    count only when they stand alone on their line, since inside a line they may be part of a
    sentence; a heading only when it is a paragraph of its own (blank lines or the document's
    edges around it).
    """
    if len(text) > _NEWS_MAX_CHARS:
        return None
    tokens = text.split()
    if not tokens:
        return None
    words = " ".join(tokens)
    if len(tokens) <= _LEAD_IN_MAX_WORDS and _may_be_lead_in(words) and _LEAD_IN.fullmatch(words):
        return "lead-in to the text"
    if starts_line and len(tokens) <= _LEAD_IN_MAX_WORDS and _is_dateline_and_lead_in(words):
        return "dateline"
    if len(tokens) <= _POINTER_MAX_WORDS and _may_be_pointer(words) and _POINTER.fullmatch(words):
        return "pointer to other material"
    if len(tokens) > _MAX_FURNITURE_WORDS:
        return None
    if _COMMENTS.fullmatch(words):
        return "comments counter"
    if _FOLLOW.match(words):
        return "social-media footer"
    news = _news_furniture(words, tokens, starts_line) if len(text) <= _SHORT_FURNITURE_CHARS else None
    if news is not None:
        return news
    if not alone_on_line:
        return None
    if _SLUG.fullmatch(words):
        return "URL slug"
    if _PAGE_MARKER.fullmatch(words):
        return "page number"
    if _MEDIA_LABEL.fullmatch(words):
        return "photo caption or credit"
    if _is_button_row(words):
        return "share or print buttons"
    if _END_MARKER.fullmatch(words):
        return "page end or navigation marker"
    if own_paragraph and _looks_like_heading(words):
        return "heading"
    return None


def attribution_reason(text: str) -> str | None:
    """"attribution" when a run of words deleted or inserted inside a sentence only says who said
    it (a news reprint adds it to a statement's sentence), else None.

        >>> attribution_reason(", the statement said")
        'attribution'
        >>> attribution_reason("reports the ministry")
        'attribution'
        >>> print(attribution_reason("and the statement was welcomed"))
        None
    """
    words = " ".join(text.split())
    if not words or len(words) > _ATTRIBUTION_MAX_CHARS:
        return None
    return "attribution" if _ATTRIBUTION.fullmatch(words) else None


def _may_be_news_furniture(text: str) -> bool:
    """A necessary condition of the lead-in and news rules, cheap enough for every verse of a Bible."""
    if len(text) > _NEWS_MAX_CHARS:
        return False
    if _may_be_lead_in(text) or _may_be_pointer(text):
        return True
    return len(text) <= _SHORT_FURNITURE_CHARS and bool(_news_rules_to_try(text, len(text.split())))


def _may_be_lead_in(text: str) -> bool:
    return text[:24].lstrip("(\"'“‘ ").casefold().startswith(_LEAD_IN_STARTS)


def _is_dateline_and_lead_in(words: str) -> bool:
    """A dateline that opens a lead-in, as one unit (no stop or dash between them):
    "Washington, DC (STL.News) The below is attributable to Spokesperson Ned Price:".

        >>> _is_dateline_and_lead_in("Washington, DC (STL.News) The below is attributable to Spokesperson Ned Price:")
        True
        >>> _is_dateline_and_lead_in("Washington, DC (STL.News) The ministers met on Monday.")
        False
    """
    if not _may_open_with_dateline(words):
        return False
    dateline = _DATELINE.match(words)
    if dateline is None or dateline.end() >= len(words):
        return False
    rest = words[dateline.end() :].lstrip()
    return _may_be_lead_in(rest) and _LEAD_IN.fullmatch(rest) is not None


def _may_be_pointer(text: str) -> bool:
    """A necessary condition of the pointer rule: how it starts and one of its verbs."""
    if not text[:_POINTER_STARTS_CHARS].casefold().startswith(_POINTER_STARTS):
        return False  # (case folding is letter by letter: the prefix's folding starts the text's)
    return _POINTER_VERB_SEARCH(text[:400].casefold()) is not None


def _news_furniture(words: str, tokens: list[str], starts_line: bool = True) -> str | None:
    """The news furniture rules, on a unit of at most _MAX_FURNITURE_WORDS words; each runs
    only when its cheap gate (``_news_rules_to_try``) lets it.

        >>> _news_furniture("ASTANA. KAZINFORM –", ["ASTANA.", "KAZINFORM", "–"])
        'dateline'
        >>> _news_furniture("12:45, 5 June 2024", "12:45, 5 June 2024".split())
        'time stamp'
        >>> _news_furniture("Photo credit: Kazinform", ["Photo", "credit:", "Kazinform"])
        'photo caption or credit'
        >>> _news_furniture("The statement said.", ["The", "statement", "said."])
        'attribution'
    """
    rules = _news_rules_to_try(words, len(tokens))
    short = len(tokens) <= _SHORT_NEWS_WORDS
    if "credit" in rules and _CREDIT.fullmatch(words):
        return "photo caption or credit"
    if "stamp" in rules and short and not _DECIMAL.fullmatch(words) and _TIME_STAMP.fullmatch(words):
        return "time stamp"
    if "dateline" in rules and short and starts_line and _DATELINE.fullmatch(words):
        return "dateline"
    if "attribution" in rules and len(tokens) <= _ATTRIBUTION_MAX_WORDS and _ATTRIBUTION.fullmatch(words):
        return "attribution"
    if "embed" in rules and _EMBED.fullmatch(words):
        return "embedded post"
    return None


def _news_rules_to_try(text: str, words: int) -> tuple[str, ...]:
    """Which news rules could match a text of ``words`` words (whitespace-separated), each from
    a mark a plain search sees: a credit a mark (``_has_credit_mark``) or at most
    _AGENCY_CREDIT_CHARS characters; a time stamp a digit, month or label first; a dateline a
    place in capitals, or a capital and a bracket or digit; an attribution a source or a saying
    construction; an embedded post an "@". The word limits of the time stamp and the attribution
    come first: most sentences of a long document are too long for either, and counting words is
    cheaper than searching for a source.

        >>> _news_rules_to_try("ASTANA. KAZINFORM –", 3)
        ('credit', 'dateline', 'attribution')
        >>> _news_rules_to_try("And the statement of the elders was read to all the people of the land that day.", 17)
        ()
    """
    rules = []
    first = text[:1]
    if len(text) <= _AGENCY_CREDIT_CHARS or _has_credit_mark(text):
        rules.append("credit")
    short = words <= _SHORT_NEWS_WORDS
    if short and (first.isdigit() or text[:10].casefold().startswith(_STAMP_STARTS)):
        rules.append("stamp")
    if _may_open_with_dateline(text):  # it may open a longer lead-in: no word limit
        rules.append("dateline")
    if words <= _ATTRIBUTION_MAX_WORDS and len(text) <= _ATTRIBUTION_MAX_CHARS:
        lowered = text.lower()
        if _ATTRIBUTION_WORD_SEARCH(lowered) is not None:
            rules.append("attribution")
    if "@" in text or "pic.twitter" in text:
        rules.append("embed")
    return tuple(rules)


def _may_open_with_dateline(text: str) -> bool:
    """The dateline rule's gate: a place in capitals ("ASTANA."), an agency in slashes
    ("/TASS/."), or a capital and, early on, a bracket or a digit ("Washington, Apr 17 (UNI)")."""
    first = text[:1]
    return (
        text[:3].isupper()
        or first == "/"
        or (first.isupper() and (text.find("(", 0, 64) >= 0 or _DIGIT.search(text, 0, 64) is not None))
    )


def _has_credit_mark(text: str) -> bool:
    """A credit is bracketed, or labelled ("Photo credit:"), or names a photo early ("Photo by …"),
    or is an agency and a name ("REUTERS/Jonathan Ernst"), or a copyright."""
    return (
        text[:1] in "(["
        or text.find(":", 0, 21) >= 0
        or text.find("/", 0, 33) >= 0
        or "©" in text
        or _CREDIT_WORD_SEARCH(text[:60].lower()) is not None
    )


def _first_word(tokens: list[str]) -> str:
    return tokens[0].casefold().strip(_FIRST_WORD_STRIP) if tokens else ""


def _looks_like_heading(text: str) -> bool:
    """Short, no stop or clause mark at the end, and written as a title: in capitals, or with
    most of its longer words capitalised ("Joint Statement on the Dialogue – Department of
    State", "Kazakh Deputy PM, U.S. Ambassador vow to strengthen bilateral ties"). A sentence
    that only lost its stop ("Participants reiterated their intention to work together") is
    written in sentence case and stays a sentence."""
    tail = text.rstrip().rstrip(_CLOSERS)
    if not tail or tail[-1] in _SENTENCE_OR_CLAUSE_ENDERS or not (tail[0].isupper() or tail[0].isdigit()):
        return False
    words = text.split()
    if not 2 <= len(words) <= _HEADING_MAX_WORDS:
        return False
    return _written_as_title(words)


def _written_as_title(words: Sequence[str]) -> bool:
    """Most words of four letters or more capitalised: "Joint Statement on the Dialogue" (or none
    that long); "They met in Astana" is written in sentence case."""
    longer = [w for w in words if sum(c.isalpha() for c in w) >= 4]
    return not longer or 2 * sum(w.lstrip(_OPENERS)[:1].isupper() for w in longer) >= len(longer)


def _is_button_row(words: str) -> bool:
    tokens = [token.casefold() for token in _BUTTON_SEPARATORS.split(words.rstrip(".")) if token]
    return (
        0 < len(tokens) <= 8
        and all(token in _BUTTON_WORDS for token in tokens)
        and any(token in _BUTTON_ACTIONS for token in tokens)
    )


def _alone_on_lines(text: str, units: Sequence[Sentence]) -> list[bool]:
    """Per unit, whether nothing but whitespace shares its first and last lines.

    Units hold every non-space character, so that is: a line break separates the unit from
    each neighbour. Linear in the text (searching each unit's line ends was quadratic on a
    text without line breaks).
    """
    if not units:
        return []
    broken = [text.find("\n", u.end, v.start) >= 0 for u, v in zip(units, units[1:])]
    return [before and after for before, after in zip([True, *broken], [*broken, True])]


def _starts_lines(text: str, units: Sequence[Sentence]) -> list[bool]:
    """Per unit, whether it opens its line: a line break (or the document's start) comes before
    it, or only a dateline or time stamp that opens the line ("STOCKHOLM, June 9. /TASS/. Iceland
    has ...": the segmenter cuts "STOCKHOLM, June 9." and "/TASS/." apart)."""
    starts = [True, *(text.find("\n", u.end, v.start) >= 0 for u, v in zip(units, units[1:]))][: len(units)]
    for k in range(1, len(units)):
        previous = units[k - 1].text
        if (
            not starts[k]
            and starts[k - 1]
            and previous.count(" ") < _SHORT_NEWS_WORDS  # datelines and time stamps are short
            and _may_be_news_furniture(previous)
        ):
            starts[k] = boilerplate_reason(previous, alone_on_line=False) in ("dateline", "time stamp")
    return starts


# A sentence that introduces a list ("The following countries joined the statement:"): at least
# three words, so that a label ("Author:", "Related news:") introduces no list, and written in
# sentence case, so that a running header ("Federal Register / Vol. 89 / UA:") introduces none.
_LIST_INTRO_MIN_WORDS = 3


def _list_items(text: str, units: Sequence[Sentence], alone: Sequence[bool]) -> list[bool]:
    """Per unit, whether it is an item of a list: a line marked as one ("• Canada", "2) Japan"),
    or one of the lines right after a sentence that ends in a colon, up to the first line that
    is not short or ends a sentence.

    Such items look like headings (short, capitalised, no stop), but they are content: in
    "The following countries joined the statement:\n\nAustralia\n\nUnited Kingdom", a country
    dropped from the list is an omission, not furniture. Only the places two searches of the
    text find are looked at (a colon at a line's end, a marker at a line's start).
    """
    items = [False] * len(units)
    starts = [unit.start for unit in units]
    first = _MARKED_LINE.match("\n" + text[:8])  # the document's first line (the search needs a "\n")
    markers = ([first.start(1) - 1] if first else []) + [m.start(1) for m in _MARKED_LINE.finditer(text)]
    for position in markers:
        k = bisect_right(starts, position) - 1
        if k >= 0 and units[k].start == position and alone[k] and _LIST_ITEM.match(units[k].text):
            items[k] = True
    walked_to = 0  # a list ends where its first line that is no item is: walked once
    for match in _COLON_AT_LINE_END.finditer(text):
        k = bisect_right(starts, match.start()) - 1
        if k < walked_to or not units[k].text.rstrip().rstrip(_CLOSERS).endswith(":"):
            continue
        words = units[k].text.split()
        if len(words) < _LIST_INTRO_MIN_WORDS or _written_as_title(words):
            continue
        j = k + 1
        while j < len(units) and alone[j] and len(units[j].text.split()) <= _HEADING_MAX_WORDS:
            if units[j].text.rstrip().rstrip(_CLOSERS)[-1:] in _SENTENCE_ENDERS:
                break
            items[j] = True
            j += 1
        walked_to = j
    return items


# Where list items may be: a marker at a line's start, a colon (and closing quotes) at a line's end.
_MARKED_LINE = re.compile(r"\n[^\S\n]*((?:[-*•·▪◦‣–—]|\(?[0-9a-zA-Z]{1,3}[.)])\s)")  # a literal first: fast
_COLON_AT_LINE_END = re.compile(r":[\"'”’»)\]]*[^\S\n]*(?=\n|\Z)")


def _units_matching(pattern: re.Pattern[str], text: str, units: Sequence[Sentence]) -> set[int]:
    """Indices of the units where a match of ``pattern`` in the whole text starts.

    One search of the text instead of one per unit; right for a pattern whose matches cannot
    overlap (a plain word), since then every match inside a unit is one of these.
    """
    starts = [unit.start for unit in units]
    return {bisect_right(starts, match.start()) - 1 for match in pattern.finditer(text)}


def _repeat_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _looks_like_running_header(text: str) -> bool:
    """Short and not a sentence or a clause: "Joint Statement - Office of the Spokesperson", "UNCLASSIFIED".

    A repeated line that ends like a sentence ("Thou shalt not kill.") is a sentence said twice.
    """
    tail = text.rstrip().rstrip(_CLOSERS)
    if tail and tail[-1] in _SENTENCE_OR_CLAUSE_ENDERS:  # checked first: it is the cheap test
        return False
    return 0 < len(text.split()) <= _MAX_REPEATED_WORDS
