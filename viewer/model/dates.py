"""Recognise an article's date line and parse it, whatever its format.

dateutil reads any format, but importing it costs as much as the rest of parsing a short article
and sits on the window's way to its first paint. So the common shapes ("March 14, 2024 at 4:05 pm",
"Thursday 14 March 2024 10:27 GMT", ISO 8601) and lines that cannot be date lines are decided here,
exactly as dateutil would decide them (tests/model/test_dates.py holds the two side by side), and
only the rest reaches dateutil.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta, timezone

# Words a date line may carry besides the date itself ("Updated: ... at 10:27 am GMT").
_LABEL_WORDS = frozenset(
    [
        "at",
        "on",
        "updated",
        "published",
        "posted",
        "last",
        "modified",
        "first",
        "created",
        "date",
        "time",
        "uhr",
        "le",
        "am",
        "pm",
        "de",
        "the",
        "of",
        "and",
        "by",
        "local",
    ]
)
#: Time zone abbreviations a date line may end with, and the offsets they stand for.
TIME_ZONES = {
    "EST": timezone(timedelta(hours=-5)),
    "EDT": timezone(timedelta(hours=-4)),
    "CST": timezone(timedelta(hours=-6)),
    "CDT": timezone(timedelta(hours=-5)),
    "MST": timezone(timedelta(hours=-7)),
    "MDT": timezone(timedelta(hours=-6)),
    "PST": timezone(timedelta(hours=-8)),
    "PDT": timezone(timedelta(hours=-7)),
    "BST": timezone(timedelta(hours=1)),
    "CET": timezone(timedelta(hours=1)),
    "CEST": timezone(timedelta(hours=2)),
    "IST": timezone(timedelta(hours=5, minutes=30)),
    "UTC": UTC,
    "GMT": UTC,
    "Z": UTC,
}
#: Month names and abbreviations, lower case, to month numbers.
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = frozenset(
    [
        "mon",
        "monday",
        "tue",
        "tuesday",
        "wed",
        "wednesday",
        "thu",
        "thursday",
        "fri",
        "friday",
        "sat",
        "saturday",
        "sun",
        "sunday",
    ]
)
#: Every word dateutil's parser understands (its ``parserinfo``). Any other word in a line is skipped
#: as noise, and a skipped word that is not a label disqualifies the line.
_DATEUTIL_WORDS = (
    frozenset(
        [
            "at",
            "on",
            "and",
            "ad",
            "m",
            "t",
            "of",
            "st",
            "nd",
            "rd",
            "th",
            "h",
            "hour",
            "hours",
            "minute",
            "minutes",
            "s",
            "second",
            "seconds",
            "am",
            "a",
            "pm",
            "p",
            "utc",
            "gmt",
            "z",
        ]
    )
    | MONTHS.keys()
    | _WEEKDAYS
)
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_LEADING_LABEL = re.compile(r"^[^\W\d_]+\s*:\s*")
_ISO = re.compile(r"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?(?:Z|[+-]\d\d:?\d\d)?)?")
_COMMON = re.compile(
    r"(?P<labels>(?:[^\W\d_]+:?\s+)*?)"
    r"(?:(?P<weekday>[^\W\d_]+),?\s+)?"
    r"(?:(?P<month>[^\W\d_]+)\s+(?P<day>\d{1,2}),?|(?P<day_first>\d{1,2})\s+(?P<month_second>[^\W\d_]+),?)"
    r"\s+(?P<year>\d{4})"
    r"(?:,?\s+(?:at\s+)?(?P<hour>\d{1,2}):(?P<minute>\d\d)(?::(?P<second>\d\d))?"
    r"(?:\s*(?P<ampm>[aApP][mM]))?(?:\s+(?P<zone>[A-Z]{1,4}))?)?"
)
_DEFAULTS = (datetime(1900, 1, 1), datetime(1904, 6, 17))
#: A date line is short; anything longer is a sentence that merely mentions a date.
MAX_DATE_LINE = 64


def parse_date_line(line: str) -> datetime | None:
    """The datetime a line states, or None when the line is not purely a date line.

    A line qualifies only when it names a year and a month and every other word in it is a
    label such as "Updated" or "at" — so "Reading or Swansea v Chelsea" and body sentences
    that mention a date are never taken for the date line.
    """
    text = line.strip()
    if not text or len(text) > MAX_DATE_LINE or not _DIGIT.search(text) or _has_stray_word(text):
        return None
    quick = _parse_common(text)
    return quick if quick is not None else _parse_with_dateutil(text)


def _has_stray_word(text: str) -> bool:
    """Whether the line has a word dateutil would skip that is not a label: then it is no date line."""
    for word in _WORD.findall(text):
        lower = word.lower()
        if lower in _LABEL_WORDS or lower in _DATEUTIL_WORDS:
            continue
        if len(word) <= 5 and word.isascii() and word.isupper():
            continue  # dateutil may read it as a time zone name
        return True
    return False


def _parse_common(text: str) -> datetime | None:
    """ISO 8601 and "[Weekday,] Month D, YYYY [at H:MM[:SS] [am|pm] [ZONE]]" (or "D Month YYYY …").

    None means "not decided here", never "not a date".
    """
    unlabelled = _LEADING_LABEL.sub("", text)
    if _ISO.fullmatch(unlabelled):
        try:
            return datetime.fromisoformat(unlabelled)
        except ValueError:
            return None
    match = _COMMON.fullmatch(text)
    if match is None:
        return None
    parts = match.groupdict()
    month = MONTHS.get((parts["month"] or parts["month_second"]).lower())
    if (
        month is None
        or any(word.lower() not in _LABEL_WORDS for word in _WORD.findall(parts["labels"]))
        or (parts["weekday"] is not None and parts["weekday"].lower() not in _WEEKDAYS)
    ):
        return None
    hour, minute, second = (int(parts[name] or 0) for name in ("hour", "minute", "second"))
    if parts["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if parts["ampm"].lower() == "pm" else 0)
    zone = parts["zone"]
    if zone is not None and zone not in TIME_ZONES:
        return None
    try:
        return datetime(
            int(parts["year"]),
            month,
            int(parts["day"] or parts["day_first"]),
            hour,
            minute,
            second,
            tzinfo=TIME_ZONES[zone] if zone else None,
        )
    except ValueError:
        return None


def _parse_with_dateutil(text: str) -> datetime | None:
    """Any format: ISO 8601 strictly, then dateutil's fuzzy reading with two defaults.

    Parsing with two different defaults tells a stated year and month from a filled-in one.
    """
    # Imported on first use: most articles never get here (see the module docstring).
    from dateutil import parser as date_parser

    try:
        return date_parser.isoparse(_LEADING_LABEL.sub("", text))  # which fuzzy parsing mangles
    except (ValueError, OverflowError):
        pass
    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed, skipped = date_parser.parse(text, default=default, fuzzy_with_tokens=True, tzinfos=TIME_ZONES)
        except (ValueError, OverflowError, TypeError):
            return None
        if any(w.lower() not in _LABEL_WORDS for token in skipped for w in _WORD.findall(token)):
            return None
        results.append(parsed)
    first, second = results
    if first.year != second.year or first.month != second.month:
        return None  # no year or no month in the text: "Friday", "10"
    return first
