"""Quoted speech and who said it: “…,” he said / “…,” Vaskova said / Bali said: “…”."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.model.entities.found import Piece

_QUOTED = re.compile(r"“(?P<q>[^“”\n]{2,})”|(?<![\w])\"(?P<s>[^\"\n]{2,})\"")
_VERBS = (
    r"said|says|told|added|asked|warned|explained|stated|insisted|argued|noted|wrote|replied|"
    r"continued|declared|claimed|tweeted|urged|stressed|admitted|recalled|conceded|cautioned|concluded"
)
_NAME = r"(?P<name>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|van|von|de|al|bin|la|le)){0,3})"
_PRONOUN = r"(?P<pronoun>he|she|they|He|She|They)"
# After the quote: “…,” he said / “…,” Vaskova said / “…,” said Vaskova /
# “…,” chairman and chief executive Richard Parsons said.
_AFTER = (
    re.compile(rf"\s*(?:{_PRONOUN}|(?:[a-z][\w-]*\s+){{0,5}}{_NAME})\s+(?:{_VERBS})\b"),
    re.compile(rf"\s*(?:{_VERBS})\s+(?:{_PRONOUN}|{_NAME})\b"),
)
# Before it: Bali said: “…” / Vaskova told reporters, “…” / he told Five Live's Sportsweek: “…”.
_BEFORE = re.compile(rf"(?:{_PRONOUN}|{_NAME})\s+(?:{_VERBS})(?:\s+[\w’'.-]+){{0,4}}\s*[:,]?\s*$")
#: How far an attribution after a quote reaches ("said RCA spokeswoman Sue Bradburn").
_CLAUSE = 100
#: A quote without an attribution is speech only when it reads like a sentence.
_MIN_WORDS = 4


@dataclass(frozen=True)
class QuoteFound:
    """A quote in one piece, with the words naming its speaker (a name or a pronoun) if any."""

    piece: int
    start: int
    end: int
    text: str
    name: str | None
    pronoun: bool
    #: The attribution clause ("said RCA spokeswoman Sue Bradburn") as a range of the piece.
    said: tuple[int, int] | None = None


def find_quotes(pieces: Sequence[Piece]) -> list[QuoteFound]:
    """Quoted speech in reading order.

    An unattributed quote right after an attributed one in the same paragraph continues it
    (“…,” Vaskova said. “…”).
    """
    quotes: list[QuoteFound] = []
    for index, piece in enumerate(pieces):
        previous: QuoteFound | None = None
        for match in _QUOTED.finditer(piece.text):
            inner = match.group("q") if match.group("q") is not None else match.group("s")
            name, pronoun, said = _speaker(piece.text, match.start(), match.end())
            if name is None and not pronoun:
                if previous is not None and (previous.name or previous.pronoun):
                    name, pronoun, said = previous.name, previous.pronoun, previous.said
                elif len(inner.split()) < _MIN_WORDS or inner.rstrip()[-1:] not in ".,!?…":
                    continue
            # The comma that hands over to "he said" belongs to the sentence, not to the words.
            words = inner.strip().rstrip(",")
            start = match.start() + 1 + (len(inner) - len(inner.lstrip()))
            found = QuoteFound(index, start, start + len(words), words, name, pronoun, said)
            quotes.append(found)
            previous = found
    return quotes


def _speaker(text: str, start: int, end: int) -> tuple[str | None, bool, tuple[int, int] | None]:
    """The name or pronoun attributing the quote at ``start:end`` and its clause, looking after it first."""
    for pattern in _AFTER:
        if after := pattern.match(text, end):
            stop = text.find(". ", end, end + _CLAUSE)
            said = (end, stop if stop != -1 else min(len(text), end + _CLAUSE))
            return after.group("name") or None, bool(after.group("pronoun")), said
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = _BEFORE.search(text[sentence_start:start])
    if before:
        return before.group("name") or None, bool(before.group("pronoun")), (sentence_start, start)
    return None, False, None
