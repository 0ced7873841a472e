"""Cleaning spaCy's entity spans into names, and the normalised keys that group them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from viewer.model.article import EntityType
from viewer.model.dates import TIME_ZONES

#: spaCy's OntoNotes labels, as the types a reader sees; labels not here (ORDINAL) are dropped.
SPACY_TYPES: dict[str, EntityType] = {
    "PERSON": EntityType.PERSON,
    "PER": EntityType.PERSON,
    "ORG": EntityType.ORG,
    "GPE": EntityType.PLACE,
    "LOC": EntityType.PLACE,
    "FAC": EntityType.PLACE,
    "NORP": EntityType.GROUP,
    "DATE": EntityType.DATE,
    "TIME": EntityType.DATE,
    "CARDINAL": EntityType.NUMBER,
    "QUANTITY": EntityType.NUMBER,
    "MONEY": EntityType.NUMBER,
    "PERCENT": EntityType.NUMBER,
    "EVENT": EntityType.EVENT,
    "WORK_OF_ART": EntityType.WORK,
    "LAW": EntityType.WORK,
    "PRODUCT": EntityType.WORK,
    "LANGUAGE": EntityType.LANGUAGE,
}

#: Types whose mentions are names: they must hold a capital letter and are grouped by name.
NAME_TYPES = frozenset(
    {
        EntityType.PERSON,
        EntityType.ORG,
        EntityType.PLACE,
        EntityType.GROUP,
        EntityType.EVENT,
        EntityType.WORK,
        EntityType.LANGUAGE,
    }
)

#: Words that are never an entity on their own, whatever the tagger says.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "they",
        "them",
        "their",
        "theirs",
        "we",
        "us",
        "our",
        "ours",
        "i",
        "me",
        "my",
        "mine",
        "you",
        "your",
        "yours",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "one",
        "ones",
        "some",
        "any",
        "all",
        "each",
        "both",
        "either",
        "neither",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "if",
        "so",
        "not",
        "no",
        "yes",
        "here",
        "there",
        "now",
        "then",
        "today",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "madam",
        "said",
        "says",
        "told",
        "also",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
    ]
)

# Spans end cleanly: no brackets, quotes, dashes or commas at the edges.
_EDGE = "\"'“”‘’«»()[]{}<>,;:!?*•·|/\\–—-_ \t\u00a0"
# "Chardin’s", "Jones'", and a scrape's "Chardin ‘s" (a stray space and an opening quote).
_POSSESSIVE = re.compile(r"(?:\s?['’‘]s|(?<=s)['’])$")
_ABBREVIATION_END = re.compile(r"(?:\b[A-Za-z]\.)+$|\b(?:Inc|Co|Ltd|Corp|Jr|Sr|St|Bros)\.$")
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_SPACES = re.compile(r"\s+")
# A sentence-initial preposition the tagger took for part of a name ("Near Palmyra").
_LEADING_PREPOSITION = re.compile(r"^(?:Near|In|At|On|From|Outside|Inside|Across|Around|Along)\s+(?=[A-Z])")
# A question's opening verb read as a first name: "Will Warren continue to face the heat?"
_QUESTION_VERB = re.compile(
    r"^(?:Will|Would|Can|Could|Should|Shall|Must|May|Might|Did|Does|Do|Is|Are|Was|Were|Has|Have|Had)\s+(?=[A-Z])"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“‘']\s*)$")
_QUESTION_END = re.compile(r"[^.!?]*\?")
# The tagger sometimes runs a name into the verb after it ("Baghouz marks").
_TRAILING_LOWER = re.compile(r"(?:\s+[a-z][a-z]*)+$")
_DIGIT = re.compile(r"\d")
_AGE = re.compile(r"\d+[- ](?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"\d{5,}")
#: A number mention must hold a digit or one of these exact values: "up to", "dozens", "thousands"
#: and "a few" alone are vague quantities, not numbers.
NUMBER_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
        "half",
        "quarter",
    ]
)
#: Words that make a date without a digit a date: "last week", "the summer", "Monday morning".
#: "our full-year" or "Quarterly" hold none and are no date.
DATE_WORDS = frozenset(
    {"day", "days", "week", "weeks", "weekend", "weekends", "month", "months", "year", "years", "decade", "decades"}
    | {"century", "centuries", "today", "yesterday", "tomorrow", "tonight", "morning", "afternoon", "evening"}
    | {"night", "ago", "hour", "hours", "minute", "minutes", "noon", "midnight", "spring", "summer", "autumn"}
    | {"fall", "winter", "christmas", "easter", "ramadan", "eid", "thanksgiving", "hanukkah", "era", "period"}
    | {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
    | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "season", "seasons"}
    | {"mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "quarter", "quarters"}
    | {"half", "midday", "overnight", "second", "seconds", "millennium", "twenties", "thirties", "forties"}
    | {"fifties", "sixties", "seventies", "eighties", "nineties", "fortnight", "fortnights"}
)
#: What may come before the hyphen in a time word: "three-year", "fourth-quarter", "mid-December".
_TIME_PREFIXES = NUMBER_WORDS | {"first", "second", "third", "fourth", "fifth", "mid", "pre", "post", "late", "early"}
# A currency sign or code right before an amount ("$300m", "US$5", "EUR 20") belongs to it ...
_CURRENCY_BEFORE = re.compile(r"(?:(?:[A-Z]{1,3})?[$£€¥₹]|\b(?:USD|EUR|GBP|JPY|CHF|CNY|AUD|CAD|Rs\.?) ?)$")
# ... and so do a scale or percent right after it ("300m", "5bn", "12 per cent").
_SCALE_AFTER = re.compile(r"(?: ?%|\s*(?:m|bn|k|tn|mn|million|billion|trillion|per ?cent|percent)\b)", re.I)
# An "&" or HTML's "&amp;" inside a name ("Smith &amp; Sons") is part of it, never its end.
_TRAILING_AMPERSAND = re.compile(r"\s*&(?:amp;?)?$")
_AMPERSAND_GAP = re.compile(r"\s*&(?:amp;)?\s*")
_MONEY = re.compile(
    r"(?<![\w$£€¥])(?:[A-Z]{1,3})?[$£€¥]\s?\d[\d,]*(?:\.\d+)?(?:\s?(?:m|bn|k|tn|million|billion|trillion)\b)?"
)


#: What no name crosses: a slash ("AFP/Getty Images") or a dash with spaces ("Veritas - Latin for truth").
_NAME_BREAK = re.compile(r"/|\s+[-–—]+\s+")


def clean_spans(text: str, start: int, end: int, kind: EntityType) -> list[tuple[int, int]]:
    """The parts of ``text[start:end]`` that are a clean mention of a ``kind`` entity.

    A span never crosses a line break (the tagger sometimes runs a photo credit into the next
    paragraph); possessives, a leading "the" and edge punctuation go; slash-joined credits
    ("AFP/Getty Images") and names either side of a spaced dash split into their parts;
    pronouns, stop words and lower-case fragments are rejected, so the result may be empty.
    """
    # A mention never cuts a word: the tagger's "Olympic 4x100" of "4x100m" takes the whole word.
    while end < len(text) and end > start and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    while 0 < start < end and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
    if kind in NAME_TYPES and _NAME_BREAK.search(text, start, end):
        parts: list[tuple[int, int]] = []
        position = start
        for gap in _NAME_BREAK.finditer(text, start, end):
            parts.extend(_clean_one(text, position, gap.start(), kind))
            position = gap.end()
        return parts + _clean_one(text, position, end, kind)
    return _clean_one(text, start, end, kind)


def _clean_one(text: str, start: int, end: int, kind: EntityType) -> list[tuple[int, int]]:
    while True:
        before = (start, end)
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if end > start and text[end - 1] == "." and not _ABBREVIATION_END.search(text[start:end]):
            end -= 1
        possessive = _POSSESSIVE.search(text, start, end)
        if possessive and end - start > 2:
            end = possessive.start()
        preposition = _LEADING_PREPOSITION.match(text[start:end])
        if preposition and kind in NAME_TYPES:
            start += preposition.end()
        question = _QUESTION_VERB.match(text[start:end]) if kind is EntityType.PERSON else None
        if question and _SENTENCE_START.search(text, max(0, start - 3), start) and _QUESTION_END.match(text, end):
            start += question.end()
        article = _LEADING_ARTICLE.match(text[start:end])
        if article and kind in NAME_TYPES:
            start += article.end()
        ampersand = _TRAILING_AMPERSAND.search(text, start, end)
        if ampersand and kind in NAME_TYPES:
            end = ampersand.start()
        trailing = _TRAILING_LOWER.search(text, start, end)
        if trailing and kind in NAME_TYPES and trailing.start() > start:
            end = trailing.start()
        if (start, end) == before:
            break
    if not _acceptable(text[start:end], kind):
        return []
    return [(start, end)]


def article_start(text: str, start: int) -> int:
    """Where a "the " right before ``start`` begins, or ``start`` when there is none."""
    return start - 4 if text[max(0, start - 4) : start] in ("the ", "The ") else start


def _acceptable(name: str, kind: EntityType) -> bool:
    """False for pronouns, stop words, fragments and lower-case words tagged as names."""
    if not any(ch.isalnum() for ch in name):
        return False
    if kind is EntityType.NUMBER and not _DIGIT.search(name):
        # A lone "one" is a pronoun or an article far more often than a count ("One group said…").
        words = [word.strip(".,-").casefold() for word in name.replace("-", " ").split()]
        return words != ["one"] and any(word in NUMBER_WORDS for word in words)
    if kind is EntityType.DATE and not _DIGIT.search(name):
        return any(_is_date_word(word) for word in name.split())
    if kind is EntityType.DATE and (_AGE.search(name) or _LONG_NUMBER.fullmatch(name)):
        return False  # an age ("32-year-old") or a catalogue number ("FRB 121102") is no date
    if name.casefold() in STOP_WORDS and not (kind in NAME_TYPES and name.isupper() and len(name) > 1):
        return False  # but "US" is a country, not "us"
    if kind in NAME_TYPES:
        name = _LEADING_ARTICLE.sub("", name)
        if len(name) < 2 or not any(ch.isupper() for ch in name) or name in TIME_ZONES:
            return False  # "GMT" in "10:27 GMT" is no organisation
        if not (name[0].isupper() or name[0].isdigit() or name[:2].casefold() in {"al", "el", "de", "va"}):
            return False
    return True


def _is_date_word(word: str) -> bool:
    """True for a word that names a time; "three-year" and "mid-December", but not "full-year"."""
    parts = word.strip(".,'’").casefold().split("-")
    if len(parts) > 1 and parts[0] not in _TIME_PREFIXES:
        return False
    return parts[-1] in DATE_WORDS


def widen_number(text: str, start: int, end: int) -> tuple[int, int]:
    """A number span with the currency before it and the scale after it: "300" in "$300m" → "$300m"."""
    currency = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    if currency:
        start = currency.start()
    scale = _SCALE_AFTER.match(text, end)
    if scale and not text[end - 1 : end].isalpha():
        end = scale.end()
    return start, end


def is_compound_part(text: str, start: int, end: int) -> bool:
    """True for a number word that is the start of a hyphenated word: "one" in "one-off"."""
    return not _DIGIT.search(text[start:end]) and text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()


def join_ampersands(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Name spans joined by "&" or "&amp;" ("Smith &amp;" + "Sons") as one organisation span."""
    joined: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans):
        if joined and _is_name_label(label) and _is_name_label(joined[-1][2]):
            first, last, _ = joined[-1]
            tail = _TRAILING_AMPERSAND.search(text, first, last)
            gap = tail.start() if tail else last
            if gap <= start and _AMPERSAND_GAP.fullmatch(text, gap, start):
                joined[-1] = (first, end, "ORG")
                continue
        joined.append((start, end, label))
    return joined


def money_spans(text: str) -> list[tuple[int, int, str]]:
    """Amounts with a currency sign ("€5m"), which the tagger sometimes misses, as MONEY spans."""
    return [(m.start(), m.end(), "MONEY") for m in _MONEY.finditer(text)]


def _is_name_label(label: str) -> bool:
    return SPACY_TYPES.get(label) in NAME_TYPES


def without_article(name: str) -> str:
    """``name`` without a leading "the": organisation mentions keep it in the text, names never show it."""
    return _LEADING_ARTICLE.sub("", name)


def name_key(name: str) -> str:
    """The form under which mentions of one thing are grouped: case, quotes and a leading "the" ignored."""
    folded = unicodedata.normalize("NFKC", name).translate(_QUOTES)
    folded = _SPACES.sub(" ", folded).strip()
    folded = _LEADING_ARTICLE.sub("", folded)
    folded = _POSSESSIVE.sub("", folded)
    return folded.casefold().replace(".", "")


def name_keys(name: str) -> tuple[str, ...]:
    """The keys one name is found under across articles (the library's cross-reference)."""
    key = name_key(name)
    return (key,) if key else ()
