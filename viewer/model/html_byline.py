"""A saved page's author line made presentable: labels, glued dates, buttons and author bios cut away."""

from __future__ import annotations

import re

from viewer.model.html_blocks import fold
from viewer.model.text_parser import parse_byline

# Labels in front of the name ("By", "Article by", "View all posts by", "Author:").
_LABEL = re.compile(
    r"^(?:(?:view|see|more)\s+(?:all\s+)?(?:posts|articles|stories)\s+by|(?:article|posted|written|words|reported|story)"
    r"\s+by|by|authors?|autor(?:in)?|von|par)(?!\w)\s*:?\s*",
    re.IGNORECASE,
)
# An editor of a book or a revised edition is not the article's author.
_EDITED_BY = re.compile(r"\bedited\s+by\b", re.IGNORECASE)
# Buttons and links printed beside the name.
_UI_WORD = re.compile(
    r"^(?:follow|share|author|subscribe|contact|profile|bio|email|twitter|more|see more)$", re.IGNORECASE
)
_UI_EDGE = re.compile(
    r"^(?:follow|share|author)\s+|\s+(?:follow|share|author|published|updated|posted)$", re.IGNORECASE
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# A date glued to the name ("CBS News February 24, 2020", "Jane Doe 24.02.2020", "Jane Doe on March 3").
_GLUED_DATE = re.compile(rf"\s+(?:(?:on|updated|published)\s+)?(?:(?:{_MONTHS})\.?(?:\s|$)|\d).*$", re.IGNORECASE)
# Where a short biography starts after the name ("Jane Doe Jane is a reporter ...").
_BIO = re.compile(r"\s+(?:is|was|has|writes|covers|joined)\s.*$", re.IGNORECASE)
_STARTS_WITH_VERB = re.compile(r"^(?:is|was|has|have|writes|covers|joined)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(?:;|\s\|\s)\s*")
#: A name longer than this many words is a sentence that slipped into the author field.
MAX_NAME_WORDS = 6
_WRITTEN_BY = re.compile(r"^(?:written|posted|reported|words)\s+by\s*:?\s*", re.IGNORECASE)
# What may follow the names on a byline line: a role, a place, a desk ("…, Business Reporter", "… in Paris").
_AFTER_NAMES = re.compile(r"\s*(?:,|\s(?:in|for)\s|\s[-–|]\s).*$")
# Lower-case words a run of names may hold ("Jane Doe and John Roe", "Ursula von der Leyen").
_NAME_PARTICLES = frozenset({"and", "&", "de", "da", "del", "van", "von", "der", "den", "du", "la", "le", "bin", "ibn"})


def clean_byline(raw: str | None, site_name: str | None = None) -> str | None:
    """The author names in ``raw`` joined with ", ", or None when nothing in it is a name.

    Args:
        raw: the author field as trafilatura or the page's metadata gives it; several
            authors are separated by ";" or " | ".
        site_name: the publication's name; it is dropped when it stands beside a person's name.
    """
    if not raw or _EDITED_BY.search(raw):
        return None
    names = [name for part in _SEPARATOR.split(raw) if (name := _clean_name(part))]
    site = fold(site_name or "")
    if site and any(len(name.split()) > 1 and not _same_as_site(name, site) for name in names):
        names = [name for name in names if not _same_as_site(name, site)]
    names = list(dict.fromkeys(names))
    if len(names) == 1 and not _may_be_name(names[0]):
        return None
    return ", ".join(names) or None


def printed_byline(line: str, site_name: str | None = None) -> str | None:
    """The author a plain line printed above the body names ("By Jane Doe, Business Reporter"), cleaned.

    None when the line is no byline, including prose that starts with "By" ("By Monday the river
    had risen"): the words standing for the names must each be capitalised.
    """
    stated = parse_byline(_WRITTEN_BY.sub("By ", line))
    if stated is None:
        return None
    names = _AFTER_NAMES.sub("", _LABEL.sub("", stated, count=1)).split()
    if not names or not all(word[0].isupper() or word.casefold() in _NAME_PARTICLES for word in names):
        return None
    return clean_byline(stated, site_name)


def _clean_name(part: str) -> str | None:
    """One author's name without its label, trailing date, buttons or biography."""
    text = " ".join(part.split()).strip(" ,:|-–—")
    previous = None
    while text != previous:
        previous = text
        text = _UI_EDGE.sub("", _LABEL.sub("", text)).strip(" ,:|-–—")
    if not text or _UI_WORD.match(text) or _STARTS_WITH_VERB.match(text):
        return None
    text = _GLUED_DATE.sub("", _BIO.sub("", text)).strip(" ,:|-–—.")
    words = text.split()
    if len(words) > 2 and words[-1] == words[0]:
        words = words[:-1]  # "Jane Doe Jane is a reporter": the bio's subject repeats the first name
    if not words or len(words) > MAX_NAME_WORDS:
        return None
    return " ".join(words)


def _may_be_name(name: str) -> bool:
    """A lone short word is a name only as an initialism ("AFP", "IWB"); "Red" or "Bo" are fragments."""
    if " " in name:
        return True
    letters = name.strip(".")
    return (len(letters) > 3 and letters[:1].isupper()) or (letters.isupper() and len(letters) >= 2)


def _same_as_site(name: str, site: str) -> bool:
    folded = fold(name)
    return bool(folded) and (folded in site or site in folded)
