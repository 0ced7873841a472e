"""Resolving date mentions against the publication date: "Thursday" → 2019-02-21, "December" → 2018-12."""

from __future__ import annotations

import re
from datetime import date, timedelta

from viewer.model.dates import MONTHS

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(_WEEKDAYS)
_FILLER = r"(?:(?:on|in|of|the|early|late|mid|last|this|next|past|coming|since|by|until|from)\s+|mid-)*"
_DAY_MONTH_YEAR = re.compile(
    rf"^{_FILLER}(?:(?:{_WEEKDAY}),?\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\.?,?"
    rf"(?:\s+(?P<year>\d{{4}}))?$",
    re.I,
)
_MONTH_DAY_YEAR = re.compile(
    rf"^{_FILLER}(?:(?:{_WEEKDAY}),?\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(?P<year>\d{{4}}))?$",
    re.I,
)
_MONTH_YEAR = re.compile(rf"^{_FILLER}(?P<month>{_MONTH})\.?,?(?:\s+(?:of\s+)?(?P<year>\d{{4}}))?$", re.I)
_WEEKDAY_ONLY = re.compile(
    rf"^(?P<which>{_FILLER})(?P<weekday>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?$", re.I
)
_YEAR = re.compile(r"^(?:(?:in|the|year|since|of|by|until|from)\s+)*(?P<year>(?:1[89]|20)\d\d)$", re.I)
_RELATIVE = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "tomorrow": 1,
}
_YEAR_WORDS = {"this year": 0, "last year": -1, "next year": 1}
#: Words before a date that put it in the future ("will meet on Monday", "due to meet in April"); "would"
#: is left out: reported speech ("said there would be an attempt on Friday") is mostly about the past week.
_FUTURE = re.compile(r"(?:\b(?:will|shall|next|due to|scheduled to|going to|to be held|upcoming)|’ll|'ll)\b", re.I)
#: How far back the future words are looked for: the clause before the date.
_FUTURE_REACH = 60


def resolve_date(words: str, published: date | None, before: str = "") -> str | None:
    """ISO text for ``words`` ("2019-02-21", "2018-12", "2017") or None when they do not pin a date.

    ``before`` is the text just ahead of the mention: a future tense there ("would return on
    Monday") turns a weekday or month forward from the publication date instead of back.
    """
    text = " ".join(words.split()).strip(" .,")
    if match := _YEAR.match(text):
        return match.group("year")
    for pattern in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if match := pattern.match(text):
            return _full_date(match, published)
    if match := _MONTH_YEAR.match(text):
        month = MONTHS[match.group("month").casefold()]
        if match.group("year"):
            return f"{match.group('year')}-{month:02d}"
        if published is None:
            return None
        forward = _future(text, before)
        year = published.year
        if forward and month < published.month:
            year += 1
        elif not forward and month > published.month:
            year -= 1
        return f"{year}-{month:02d}"
    if published is None:
        return None
    lowered = text.casefold()
    if lowered in _RELATIVE:
        return (published + timedelta(days=_RELATIVE[lowered])).isoformat()
    if lowered in _YEAR_WORDS:
        return str(published.year + _YEAR_WORDS[lowered])
    if match := _WEEKDAY_ONLY.match(text):
        weekday = _WEEKDAYS.index(match.group("weekday").casefold())
        if _future(text, before):
            return (published + timedelta(days=(weekday - published.weekday()) % 7 or 7)).isoformat()
        # The most recent such day before publication: news reports what happened.
        return (published - timedelta(days=(published.weekday() - weekday) % 7 or 7)).isoformat()
    return None


def _future(text: str, before: str) -> bool:
    return bool(_FUTURE.search(text) or _FUTURE.search(before[-_FUTURE_REACH:]))


def _full_date(match: re.Match[str], published: date | None) -> str | None:
    month = MONTHS[match.group("month").casefold()]
    day = int(match.group("day"))
    year_text = match.group("year")
    if year_text is None and published is None:
        return None
    year = int(year_text) if year_text else published.year if published else 0
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
