"""What the words around a span say about its type: "Ms Pugh" is a person, "near Palmyra" a place."""

from __future__ import annotations

import re

from viewer.model.article import EntityType
from viewer.model.entities.names import STOP_WORDS, article_start

_GROUP_AFTER = re.compile(
    r"(?: (?:militants|fighters|jihadists|terrorists|insurgents|extremists|gunmen)\b|-(?:held|controlled|linked)\b)"
)
_DEMONYM_END = re.compile(r"(?:an|ish|ese|i|ic|ch|ss|s)$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof"})
_PERSON_TITLES = "Minister|Secretary|Spokesman|Spokeswoman|Secretary-General"
_ROLE_AFTER = re.compile(rf" (?:{_PERSON_TITLES}|Ministry)\b")
_PERSON_TITLE_AFTER = re.compile(rf" (?:{_PERSON_TITLES})\b")
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|himself|herself)\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|inside|(?P<near>near|outside|across|around))\s+$", re.I)
_TITLE_OF_BEFORE = re.compile(r"\b(?:Secretary|Minister|Ministry|Department|Secretariat) of\s+$")
#: How far back ``_TITLE_OF_BEFORE`` looks: "Secretariat of " and a few spaces (a whole paragraph was quadratic).
_TITLE_OF_REACH = 24
# "Rings" in "Lord of the Rings": one word closing a longer capitalised title.
_TITLE_HEAD = re.compile(r"\b(?P<head>[A-Z][a-z]+) of the\s+$")
#: Last words of football clubs' names: "Manchester United" and "Blackburn Rovers" are no people.
_CLUB_ENDS = frozenset(
    {"United", "City", "Rovers", "Wanderers", "Athletic", "Albion", "Hotspur", "Rangers", "County", "Town", "FC", "AFC"}
)
_QUANTIFIERS = frozenset({"some", "most", "many", "much", "none", "few", "several", "part", "rest", "half", "one"})
#: Members and offices of a party: "Labour peer", "Tory MPs", "Green candidate" name an organisation.
_PARTY_ROLE_AFTER = re.compile(
    r" (?:MPs?|MEPs?|ministers?|peers?|councillors?|candidates?|backbenchers?|leader|manifesto)\b"
)
_PERSON_AS_MODIFIER = re.compile(
    r" (?:regime|government|administration|family|campaign|era|foundation|doctrine|plan)\b"
)


def type_in_context(text: str, start: int, end: int, kind: EntityType) -> EntityType | None:
    """The type the words around a span make certain: "Ms Pugh" is a person, "the Rhine" is not.

    None when the span is no entity at all: a portfolio word before a title ("Defence Minister").
    """
    words = text[start:end].split()
    if len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS:
        return EntityType.PERSON
    # Places have no fighters and hold no ground: "Daesh militants", "ISIL-held" name an
    # organisation, though the tagger may call it a place, a group or a work ("Kurdish fighters"
    # stay a group: nationality words end like one); people have no peers: "Labour peer".
    if _armed_group(text, start, end, kind) or _club(words, kind) or _party(words, text, end, kind):
        return EntityType.ORG
    # "the Rhine", "the Levant"; but "the Assad regime" names a person used as a modifier.
    if kind is EntityType.PERSON and article_start(text, start) != start:
        return kind if _PERSON_AS_MODIFIER.match(text, end) else EntityType.PLACE
    # What comes "near" something is a place, and so is one word after "in" or "at", unless it
    # is a known person's surname (join_surnames runs later and takes it back).
    before = _PLACE_BEFORE.search(text, max(0, start - 8), start)
    if kind is EntityType.PERSON and before and (" " not in text[start:end] or before.group("near")):
        return EntityType.PLACE
    # Organisations are "it"; one word followed in its sentence by "he", "his", "her" is a person
    # ("Winstone met his wife", "Rona developed ... with her").
    if kind is EntityType.ORG and " " not in text[start:end] and not text[start:end].isupper():
        clause = text[end : end + 80].split(". ", maxsplit=1)[0]
        if _PERSONAL.search(clause):
            return EntityType.PERSON
    if " " not in text[start:end] and kind in {EntityType.ORG, EntityType.PERSON, EntityType.WORK}:
        head = _TITLE_HEAD.search(text, max(0, start - 30), start)
        if head and _is_title_head(head.group("head")):
            return None
    # "Defence" in "Defence Minister", "State" in "Secretary of State": part of a title; so is
    # "Trade and Industry" in "Trade and Industry Secretary" (but not before "Ministry": a cut name).
    if " " not in text[start:end] and (
        _ROLE_AFTER.match(text, end) or _TITLE_OF_BEFORE.search(text, max(0, start - _TITLE_OF_REACH), start)
    ):
        return None
    if kind is EntityType.ORG and _PERSON_TITLE_AFTER.match(text, end):
        return None
    return kind


def _is_title_head(word: str) -> bool:
    lowered = word.casefold()
    return not (lowered in STOP_WORDS or lowered in _QUANTIFIERS)


def _club(words: list[str], kind: EntityType) -> bool:
    return kind is EntityType.PERSON and len(words) > 1 and words[-1] in _CLUB_ENDS


def _party(words: list[str], text: str, end: int, kind: EntityType) -> bool:
    """One word before a party member's title ("a former Labour minister"): surely an organisation.

    Whether the tagger said so there and elsewhere called it a person, or called it a person there.
    """
    person_or_org = kind in {EntityType.PERSON, EntityType.ORG}
    return person_or_org and len(words) == 1 and bool(_PARTY_ROLE_AFTER.match(text, end))


def _armed_group(text: str, start: int, end: int, kind: EntityType) -> bool:
    if kind is EntityType.PERSON or not _GROUP_AFTER.match(text, end):
        return False
    name = text[start:end]
    return kind is not EntityType.GROUP or name.isupper() or not _DEMONYM_END.search(name)


def sure_in_context(text: str, start: int, end: int, kind: EntityType) -> bool:
    """True when the words around a span settle its type whatever the tagger said ("Ms Pugh", "ISIL-held")."""
    words = text[start:end].split()
    honorific = len(words) > 1 and words[0].rstrip(".").casefold() in _HONORIFICS
    return honorific or _armed_group(text, start, end, kind) or _club(words, kind) or _party(words, text, end, kind)
