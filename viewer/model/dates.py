"""Recognise an article's date line and parse it with dateutil, whatever its format."""

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
_TZINFOS = {
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
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
_LEADING_LABEL = re.compile(r"^[^\W\d_]+\s*:\s*")
_DEFAULTS = (datetime(1900, 1, 1), datetime(1904, 6, 17))
#: A date line is short; anything longer is a sentence that merely mentions a date.
MAX_DATE_LINE = 64


def parse_date_line(line: str) -> datetime | None:
    """The datetime a line states, or None when the line is not purely a date line.

    A line qualifies only when dateutil finds a year and a month in it and every word it
    skipped is a label such as "Updated" or "at" — so "Reading or Swansea v Chelsea" and
    body sentences that mention a date are never taken for the date line.
    """
    text = line.strip()
    if not text or len(text) > MAX_DATE_LINE or not _DIGIT.search(text):
        return None
    # dateutil is imported on first use so it loads on the parsing thread, not at start-up.
    from dateutil import parser as date_parser

    iso = _parse_iso(text)
    if iso is not None:
        return iso
    results = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parsed, skipped = date_parser.parse(text, default=default, fuzzy_with_tokens=True, tzinfos=_TZINFOS)
        except (ValueError, OverflowError, TypeError):
            return None
        if any(w.lower() not in _LABEL_WORDS for token in skipped for w in _WORD.findall(token)):
            return None
        results.append(parsed)
    first, second = results
    if first.year != second.year or first.month != second.month:
        return None  # no year or no month in the text: "Friday", "10"
    return first


def _parse_iso(text: str) -> datetime | None:
    """Strict ISO 8601 (``2019-02-23T10:27:00Z``), which fuzzy parsing mangles."""
    from dateutil import parser as date_parser

    try:
        return date_parser.isoparse(_LEADING_LABEL.sub("", text))
    except (ValueError, OverflowError):
        return None
