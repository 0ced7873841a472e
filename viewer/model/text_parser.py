"""Scraped plain-text articles: find the header fields, keep every other line as body.

The layout newsroom scrapes share (see ``resources/sample-article.txt``)::

    Outlet tagline            (optional, only when a date or byline confirms the header)
    Headline
    By Jane Doe               (optional, any order with the date line)
    February 23, 2019 at 10:27 am
    Caption … [PHOTOGRAPHER/AGENCY]   (optional)
    Body paragraphs, "Read: …" related lines, subheadings, lists, quotes

The parser promotes a line to metadata only on explicit evidence and never drops one:
every non-blank line ends up in exactly one field or block, and block text is kept as
written (a list item keeps its "- " marker; views decide how to show it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from viewer.model.article import Article, Block, BlockKind, Caption, Source
from viewer.model.captions import KNOWN_AGENCIES, caption_from_paragraph, is_image_source_line, make_caption
from viewer.model.dates import parse_date_line

#: A first line longer than this is body text, not a headline.
MAX_HEADLINE = 200
#: Header fields (byline, date, caption) are looked for only this many units past the headline.
HEADER_DEPTH = 5

_RELATED = re.compile(
    r"^(?:read(?:\s+(?:more|also|next))?|also\s+read|related(?:\s+(?:articles?|stories|coverage|content|links?))?"
    r"|see\s+also|more\s+on\s+this(?:\s+story)?|watch|listen|recommended)\s*[:：]\s*\S",
    re.I,
)
_LIST_ITEM = re.compile(r"^(?:[-*•·▪◦‣–]\s+|\d{1,2}[.)]\s+)(?=\S)")
_QUOTE_MARK = re.compile(r"^>\s?")
_TERMINAL = re.compile(r"[.,;:!?…\"”’')\]]$")
_NAME = r"[A-Z][\w.'’-]*"
_BYLINE_BY = re.compile(
    rf"^by\s+{_NAME}(?:\s+(?:{_NAME}|and|&|de|da|van|von|der|al-\w+|bin|el-\w+),?)*"
    r"(?:\s*(?:,|and|in|for|-|–)\s*.{0,40})?$",
    re.I,
)
_BYLINE_AGENCY = re.compile(rf"^(?P<name>{_NAME}(?:\s+{_NAME}){{1,3}}),\s*(?P<org>[A-Z][\w&.'’ -]{{1,40}})$")
_NEWSROOM_WORDS = re.compile(
    r"\b(news|times|post|press|journal|herald|telegraph|guardian|tribune|correspondent|reporter|"
    r"editor|staff|writer|agency|bureau)\b",
    re.I,
)
# A run of non-blank lines, and one line's text without its surrounding spaces.
_CHUNK = re.compile(r"[^\S\n]*\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_SEPARATOR = re.compile(r"\s+[|·•—–]\s+")


class _Unit(NamedTuple):
    """A paragraph candidate: its text (hard wraps joined) and its range in the source."""

    text: str
    start: int
    end: int


@dataclass
class _Header:
    tagline: str | None = None
    headline: str = ""
    byline: str | None = None
    published: datetime | None = None
    date_lines: tuple[str, ...] = ()
    caption: Caption | None = None


def split_units(text: str) -> list[_Unit]:
    """Split text into paragraph units with their source ranges.

    Blank lines separate paragraphs. Inside a paragraph, lines that look hard-wrapped
    (a column of similar width) are joined; otherwise each line is its own unit, which is
    how scrapes that put one paragraph per line without blank lines come out right.
    """
    units: list[_Unit] = []
    for chunk in _CHUNK.finditer(text):
        lines = [(m.group(), m.start(), m.end()) for m in _LINE.finditer(text, chunk.start(), chunk.end())]
        units.extend(_chunk_units(lines))
    return units


def _chunk_units(lines: list[tuple[str, int, int]]) -> list[_Unit]:
    if len(lines) > 1 and _hard_wrapped([line for line, _, _ in lines]):
        return [_Unit(" ".join(line for line, _, _ in lines), lines[0][1], lines[-1][2])]
    return [_Unit(line, start, end) for line, start, end in lines]


def _hard_wrapped(lines: list[str]) -> bool:
    widths = [len(line) for line in lines[:-1]]
    widest = max(widths)
    return (
        40 <= widest <= 100
        and min(widths) >= widest * 0.6
        and not any(_LIST_ITEM.match(line) for line in lines)
        and not _RELATED.match(lines[-1])
    )


def parse_byline(line: str) -> str | None:
    """The byline a line states ("By Jane Doe", "Jane Doe, Reuters"), else None."""
    text = line.strip()
    if len(text) > 100 or text.endswith((".", "?", "!")):
        return None
    if _BYLINE_BY.match(text):
        return text
    match = _BYLINE_AGENCY.match(text)
    if match and (match["org"].strip().lower() in KNOWN_AGENCIES or _NEWSROOM_WORDS.search(match["org"])):
        return text
    return None


def _is_title(unit: _Unit) -> bool:
    return len(unit.text) <= MAX_HEADLINE and not unit.text.endswith(".")


def _confirms_header(unit: _Unit) -> bool:
    text = unit.text
    return parse_date_line(text) is not None or parse_byline(text) is not None or _split_by_and_date(text) is not None


def _split_by_and_date(text: str) -> tuple[str, datetime] | None:
    """A combined "By Jane Doe | February 23, 2019" line."""
    parts = _SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2:
        byline, date = parse_byline(parts[0]), parse_date_line(parts[1])
        if byline and date:
            return byline, date
    return None


def _read_header(units: list[_Unit]) -> tuple[_Header, int]:
    """Fill the header fields from the leading units; return it and the first body unit."""
    header = _Header()
    if not units:
        return header, 0
    i = 0
    if (
        len(units) >= 3
        and _is_title(units[0])
        and _is_title(units[1])
        and not _confirms_header(units[1])
        and _confirms_header(units[2])
    ):
        header.tagline = units[0].text
        i = 1
    if len(units[i].text) > MAX_HEADLINE:
        return header, i  # one long paragraph first: there is no headline to promote
    header.headline = units[i].text
    i += 1
    pending_credit: str | None = None
    limit = min(len(units), i + HEADER_DEPTH)
    while i < limit:
        text = units[i].text
        date = parse_date_line(text)
        combined = _split_by_and_date(text)
        if date is not None:
            header.date_lines += (text,)
            header.published = header.published or date
        elif combined is not None and header.byline is None:
            header.byline = combined[0]
            header.date_lines += (text[len(combined[0]) :].strip(" |·•—–"),)
            header.published = header.published or combined[1]
        elif header.byline is None and parse_byline(text) is not None:
            header.byline = text
        elif header.caption is None and pending_credit is None and is_image_source_line(text) is not None:
            pending_credit = is_image_source_line(text)
        elif header.caption is None:
            caption = caption_from_paragraph(text)
            if caption is None:
                break
            if pending_credit and not caption.credit:
                caption = make_caption(caption.text, pending_credit)
            header.caption = caption
            pending_credit = None
        else:
            break
        i += 1
    if pending_credit is not None:
        i -= 1  # an "Image source" line with no caption after it stays in the body
    return header, i


def classify_block(text: str, previous: str | None, following: str | None) -> BlockKind:
    """The kind of a body unit, judged from its text and its neighbours."""
    if _RELATED.match(text):
        return BlockKind.RELATED
    if _LIST_ITEM.match(text):
        return BlockKind.LIST_ITEM
    if _QUOTE_MARK.match(text):
        return BlockKind.QUOTE
    words = text.split()
    if (
        previous is not None
        and following is not None
        and 2 <= len(words) <= 10
        and len(text) <= 80
        and (text[0].isupper() or text[0].isdigit())
        and not _TERMINAL.search(text)
        and len(following) > 2 * len(text)
        and previous.endswith((".", "!", "?", "”", '"', "’"))
    ):
        return BlockKind.SUBHEADING
    return BlockKind.PARAGRAPH


def parse_text(text: str, source: Source) -> Article:
    """Parse a normalised plain-text article."""
    units = split_units(text)
    header, first_body = _read_header(units)
    body = units[first_body:]
    if header.caption is not None:
        caption_unit = units[first_body - 1]
        header.caption = Caption(
            text=header.caption.text,
            credit=header.caption.credit,
            photographer=header.caption.photographer,
            agencies=header.caption.agencies,
            start=caption_unit.start,
            end=caption_unit.end,
        )
    blocks = []
    for n, unit in enumerate(body):
        previous = body[n - 1].text if n else None
        following = body[n + 1].text if n + 1 < len(body) else None
        kind = classify_block(unit.text, previous, following)
        blocks.append(Block(kind, unit.text, unit.start, unit.end))
    return Article(
        source=source,
        text=text,
        tagline=header.tagline,
        headline=header.headline,
        byline=header.byline,
        published=header.published,
        date_text="\n".join(header.date_lines) or None,
        caption=header.caption,
        blocks=tuple(blocks),
    )
