"""A person's role from the words around a name: "French Defence Minister", "head of the SDF’s media office"."""

from __future__ import annotations

import re

#: Words that make a phrase a title or a role (matched case-insensitively).
ROLE_WORDS = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "chancellor",
        "premier",
        "king",
        "queen",
        "prince",
        "princess",
        "emir",
        "sultan",
        "sheikh",
        "pope",
        "cardinal",
        "archbishop",
        "bishop",
        "rabbi",
        "imam",
        "ayatollah",
        "cleric",
        "general",
        "gen",
        "lieutenant",
        "lt",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "commander",
        "cmdr",
        "admiral",
        "adm",
        "sergeant",
        "sgt",
        "brigadier",
        "brig",
        "marshal",
        "corporal",
        "private",
        "officer",
        "commandant",
        "chief",
        "head",
        "leader",
        "senator",
        "sen",
        "representative",
        "rep",
        "congressman",
        "congresswoman",
        "governor",
        "gov",
        "mayor",
        "councillor",
        "councilor",
        "ambassador",
        "envoy",
        "diplomat",
        "consul",
        "attache",
        "delegate",
        "commissioner",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "executive",
        "manager",
        "president-elect",
        "deputy",
        "judge",
        "justice",
        "prosecutor",
        "attorney",
        "lawyer",
        "professor",
        "prof",
        "dr",
        "doctor",
        "researcher",
        "scientist",
        "engineer",
        "analyst",
        "economist",
        "expert",
        "adviser",
        "advisor",
        "correspondent",
        "reporter",
        "journalist",
        "editor",
        "photographer",
        "columnist",
        "writer",
        "author",
        "mr",
        "mrs",
        "ms",
        "miss",
        "sir",
        "dame",
        "lord",
        "lady",
        "speaker",
        "official",
        "aide",
        "coordinator",
        "inspector",
        "superintendent",
        "constable",
        "detective",
        "candidate",
        "activist",
        "lawmaker",
        "legislator",
        "politician",
    ]
)

#: Words that may join a role's parts ("ambassador to Iraq", "Major of the Wagram Task Force").
_JOINERS = frozenset({"of", "to", "for", "the", "in", "at", "on", "de", "du", "'s", "’s"})
# Lower-case words that end a role phrase even before a role word ("as President", "was Minister").
_NOT_MODIFIERS = frozenset(
    {"as", "was", "is", "are", "were", "be", "been", "by", "with", "from", "after", "before", "while", "when", "and"}
    | {"or", "but", "that", "this", "a", "an", "his", "her", "their", "its", "our", "said", "says", "told", "new"}
)
_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")
_STOP_PUNCT = frozenset(',;:()[]{}“”"‘!?')
_ARTICLE = re.compile(r"^(?:the|a|an|its|their)\s+", re.I)
_APPOSITIVE = re.compile(r"\s*,\s*(?P<role>[^,;:.“”\"()\n]{3,90}?)\s*(?:,|\.(?:\s|$)|;)")
#: An appositive is a role when one of its first words is a role word.
_APPOSITIVE_REACH = 4


def is_role_word(word: str) -> bool:
    """True for a title or role noun ("Minister", "mayor", "Gen.")."""
    return word.casefold().rstrip(".") in ROLE_WORDS


def role_before(text: str, start: int) -> str | None:
    """The title in front of a name at ``start`` ("Cologne deputy mayor"), if there is one.

    The parser is not loaded (NER only, for speed), so this reads tokens backwards: capitalised
    words, role words, lower-case words that modify a role word ("water engineer") and joiners
    between them; the phrase must hold a role word.
    """
    line_start = text.rfind("\n", 0, start) + 1
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(text, line_start, start)]
    taken: list[tuple[str, int]] = []
    recent = tokens[-12:]
    for at in range(len(recent) - 1, -1, -1):
        word, position = recent[at]
        if word in _STOP_PUNCT or (word == "." and taken) or _ends_sentence(word):
            break
        lowered = word.casefold()
        modifier = bool(taken) and is_role_word(taken[-1][0]) and word.isalpha() and lowered not in _NOT_MODIFIERS
        joined = lowered == "and" and _joins_title(recent[:at], taken)
        if word[0].isupper() or is_role_word(word) or lowered in _JOINERS or modifier or joined:
            taken.append((word, position))
        else:
            break
    while taken and taken[-1][0].casefold() in _JOINERS:
        taken.pop()
    while taken and taken[0][0].casefold() in _JOINERS:
        taken.pop(0)
    if not taken or not any(is_role_word(word) for word, _ in taken):
        return None
    first = taken[-1][1]
    last_word, last_position = taken[0]
    role = text[first : last_position + len(last_word)].strip()
    return role or None


def _joins_title(before: list[tuple[str, int]], taken: list[tuple[str, int]]) -> bool:
    """True for the "and" in "Trade and Industry Secretary": one capitalised word before it, only capitals after.

    Two capitalised words before it are more likely a name ("Ola Berg and Dutch Trade Minister").
    """
    if not taken or not before or not all(word[0].isupper() for word, _ in taken):
        return False
    return before[-1][0][0].isupper() and (len(before) == 1 or not before[-2][0][0].isupper())


def _ends_sentence(word: str) -> bool:
    """True for "November." ending the sentence before; not for "Gen." or "U.S." inside a title."""
    return len(word) > 2 and word.endswith(".") and not is_role_word(word) and "." not in word[:-1]


def role_after(text: str, end: int) -> str | None:
    """An appositive role after a name at ``end``: ", head of the SDF’s media office,"."""
    match = _APPOSITIVE.match(text, end)
    if not match:
        return None
    role = _ARTICLE.sub("", match.group("role").strip())
    words = role.split()
    if not words or len(words) > 14 or not any(is_role_word(w.strip("’'s")) for w in words[:_APPOSITIVE_REACH]):
        return None
    if words[0].casefold() in {"who", "which", "that", "said", "says", "told"}:
        return None
    return role


#: Words that end an organisation's name, so a capitalised pair after them is a person.
_ORG_ENDS = frozenset(
    {"force", "forces", "army", "navy", "command", "ministry", "department", "office", "council", "commission"}
    | {"committee", "agency", "party", "group", "brigade", "division", "corps", "police", "guard", "government"}
    | {"east", "west", "affairs", "union", "institute", "university", "court", "bank", "service", "services"}
)
_TITLE_OF = re.compile(r"\b(?P<role>[\w.-]+)\s+(?:of|for)\s+(?:the\s+)?$")
_PERSON_NAME = re.compile(r"^[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*$")


def person_in_titled_org(text: str, start: int, end: int) -> int | None:
    """Where the person starts in "Major of the Wagram Task Force Francois-Regis Legrier".

    The tagger reads a title's organisation and the name after it as one organisation; when a
    role word and "of"/"for" come before the span, and it ends in an organisation word followed
    by two name-like words, those two words are the person.
    """
    before = _TITLE_OF.search(text, max(0, start - 40), start)
    if before is None or not is_role_word(before.group("role")):
        return None
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) < 3 or not all(_PERSON_NAME.match(w.group()) for w in words[-2:]):
        return None
    if words[-3].group().casefold() not in _ORG_ENDS or any(w.group().casefold() in _ORG_ENDS for w in words[-2:]):
        return None
    return start + words[-2].start()
