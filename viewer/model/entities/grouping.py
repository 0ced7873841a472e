"""Grouping mentions into entities: titles, surnames, acronyms, one type per name, every occurrence found."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from viewer.model.article import EntityType
from viewer.model.entities.context import sure_in_context, type_in_context
from viewer.model.entities.found import Claimed, Found, Piece
from viewer.model.entities.names import NAME_TYPES, STOP_WORDS, article_start, name_key
from viewer.model.entities.roles import is_role_word

#: Name particles that belong to a surname ("van Aalst", "al-Assad", "La Fontaine").
_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "di",
        "da",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "ter",
        "dos",
        "das",
    }
)
_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&]{0,2}[A-Z&]{1,8})\)")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "in", "on", "de", "du", "la", "&"})
_WORD_BEFORE = re.compile(r"[\w’'&.-]+")
#: Propagated occurrences must look like names: short single words are too often something else.
_MIN_PROPAGATED = 3


_PERSON_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)*$")
#: What names that differ only in spacing differ by ("TimeWarner", "Time Warner"; "Kilroy-Silk", "Kilroy Silk").
SPACING = re.compile(r"[\s-]+")


def strip_titles(found: Found) -> Found:
    """A person mention without leading titles ("President Donald Trump" → "Donald Trump")."""
    if found.type is not EntityType.PERSON:
        return found
    words = found.text.split(" ")
    cut = 0
    while cut < len(words) - 1 and is_role_word(words[cut]):
        cut += 1
    if cut == 0:
        return found
    offset = len(" ".join(words[:cut])) + 1
    text = found.text[offset:]
    return dataclasses.replace(found, start=found.start + offset, text=text, key=name_key(text))


def settle_types(found: Sequence[Found]) -> None:
    """One type per name across the article: the majority of what the tagger said (first seen wins ties).

    Mentions whose context settled their type outvote the tagger's guesses for the same name.
    """
    votes: dict[str, Counter[EntityType]] = defaultdict(Counter)
    sure: dict[str, Counter[EntityType]] = defaultdict(Counter)
    for mention in found:
        (sure if mention.sure else votes)[mention.key][mention.type] += 1
    for key, counts in sure.items():
        votes[key] = counts
    for mention in found:
        mention.type = votes[mention.key].most_common(1)[0][0]


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?][\"”’')]*\s+)$")
_SPEECH_AFTER = re.compile(r"[’']?s?,?\s+(?:said|says|told|added|explained|argued|insisted|replied|asked|wrote)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|according to)\s+$")


def doubt_lone_names(pieces: Sequence[Piece], found: Sequence[Found]) -> None:
    """A one-word "person" the article otherwise tags as something else takes that type ("Chelsea", "Labour").

    Only when no mention of it has an honorific or a speech verb ("Chelsea said"); a full name
    ending in it ("Tom Chelsea") makes it a person again when surnames are joined.
    """
    others: dict[str, Counter[EntityType]] = defaultdict(Counter)
    personal: set[str] = set()
    for mention in found:
        if " " in mention.key:
            continue
        if mention.type is not EntityType.PERSON:
            others[mention.key][mention.type] += 1
            continue
        text = pieces[mention.piece].text
        if mention.sure or _SPEECH_AFTER.match(text, mention.end) or _SPEECH_BEFORE.search(text, 0, mention.start):
            personal.add(mention.key)
    for mention in found:
        votes = others.get(mention.key)
        if mention.type is EntityType.PERSON and votes and mention.key not in personal:
            mention.type = votes.most_common(1)[0][0]


def surname_of(name: str) -> str | None:
    """The family name of a full name ("Pieter van Aalst" → "van Aalst"), None for one-word names."""
    words = name.split()
    if len(words) < 2:
        return None
    for index in range(1, len(words) - 1):
        if words[index].casefold() in _PARTICLES:
            return " ".join(words[index:])
    return words[-1]


def _first_of_double(surname: str) -> str:
    """The first half of a double-barrelled surname, by which its bearer also goes ("Kilroy" of "Kilroy-Silk")."""
    first, dash, second = surname.rsplit(maxsplit=1)[-1].partition("-")
    return first if dash and _PERSON_WORD.match(first) and second[:1].isupper() else ""


def join_surnames(found: Sequence[Found]) -> None:
    """Surname-only mentions join the full name introduced before them (or, failing that, after).

    A surname the tagger mislabelled ("Bali" as a place) becomes the person when a person of
    that name is in the article; so does the first half of a double-barrelled one ("Kilroy").
    """
    # A full name the tagger called something else ("Phillips Idowu" as an organisation) is a
    # person when its last word is a person on its own elsewhere.
    single = {m.key for m in found if m.type is EntityType.PERSON and " " not in m.key}
    for mention in found:
        words = mention.text.split()
        if (
            mention.type in {EntityType.ORG, EntityType.PLACE}
            and 2 <= len(words) <= 3
            and all(_PERSON_WORD.match(word) for word in words)
            and name_key(words[-1]) in single
        ):
            mention.type = EntityType.PERSON
    # Keyed without spaces or hyphens: "Kilroy-Silk" is the surname of "Robert Kilroy Silk" too.
    people: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for order, mention in enumerate(found):
        if mention.type is EntityType.PERSON:
            surname = surname_of(mention.text)
            if surname:
                words = mention.text.split()
                two = " ".join(words[-2:]) if len(words) > 2 else ""
                for form in {surname, surname.split()[-1], _first_of_double(surname), two}:
                    if form:
                        people[SPACING.sub("", name_key(form))].append((order, mention.piece, mention.key))
    for order, mention in enumerate(found):
        owners = [owner for owner in people.get(SPACING.sub("", mention.key), ()) if owner[2] != mention.key]
        if not owners:
            continue
        earlier = [key for at, _, key in owners if at < order]
        mention.key = earlier[-1] if earlier else owners[0][2]
        mention.type = EntityType.PERSON


def join_short_names(found: Sequence[Found]) -> None:
    """A one-word name joins the longer organisation or person it starts ("Allied" → Allied Domecq).

    Only when exactly one longer name in the article starts with that word, and never for an
    all-capitals word (acronyms have their own rule: "US" is not "US Army").
    """
    kinds = {EntityType.ORG, EntityType.PERSON}
    starts: dict[str, dict[str, EntityType]] = defaultdict(dict)
    for mention in found:
        if mention.type in kinds and " " in mention.key:
            starts[mention.key.split(" ")[0]][mention.key] = mention.type
    for mention in found:
        if mention.type not in kinds or " " in mention.key or mention.text.isupper():
            continue
        longer = starts.get(mention.key, {})
        if len(longer) == 1:
            ((mention.key, mention.type),) = longer.items()


def define_acronyms(pieces: Sequence[Piece], found: list[Found]) -> dict[str, str]:
    """Acronyms defined in the text, ``Syrian Democratic Forces (SDF)``, as acronym → expansion key.

    The capitalised words before the parenthesis must supply the acronym's letters in order
    (small words may be skipped), so "(AFP)" after an unrelated phrase defines nothing. The
    expansion becomes one mention, replacing the pieces the tagger cut it into; its type is
    the tagger's majority over those pieces and the acronym, an organisation by default.
    """
    defined: dict[str, str] = {}
    for index, piece in enumerate(pieces):
        for match in _ACRONYM.finditer(piece.text):
            acronym = match.group("acronym")
            before = piece.text[: match.start()].rstrip()
            expansion = _expansion(before, acronym)
            if not expansion:
                continue
            start, end = len(before) - len(expansion), len(before)
            inside = [m for m in found if m.piece == index and m.start < end and start < m.end]
            # Only a tag covering most of the expansion (or the acronym's own) says what it is:
            # "Iraq" inside "Islamic State of Iraq and the Levant" does not make it a place.
            votes = Counter(
                m.type
                for m in found
                if (m in inside and 2 * (m.end - m.start) > end - start) or m.key == name_key(acronym)
            )
            # Ties go to an organisation: what gets an acronym in news is mostly one.
            kind = max(votes, key=lambda t: (votes[t], t is EntityType.ORG)) if votes else EntityType.ORG
            if kind not in NAME_TYPES:
                continue
            for mention in inside:
                found.remove(mention)
            found.append(Found(index, start, end, kind, expansion, name_key(expansion)))
            defined.setdefault(acronym, name_key(expansion))
    found.sort(key=lambda m: (m.piece, m.start))
    return defined


def drop_capitalised_words(pieces: Sequence[Piece], found: list[Found]) -> None:
    """A one-word "person" only because it opens a headline or a sentence ("Plumber jailed…") goes.

    It goes when the article also uses the word in lower case ("a plumber") and no longer name
    ends in it ("Gordon Brown" keeps "Brown" a surname). People only: "Labour" opening a sentence
    is still the party where the article speaks of "labour costs".
    """
    texts = [piece.text for piece in pieces]
    surnames = {m.text.rsplit(" ", 1)[-1] for m in found if " " in m.text}
    doubtful = {
        m.text
        for m in found
        if m.type is EntityType.PERSON
        and " " not in m.text
        and m.text[:1].isupper()
        and m.text[1:].islower()
        and m.text not in surnames
        and _SENTENCE_OPENING.search(texts[m.piece], max(0, m.start - 4), m.start)
    }
    common = {word for word in doubtful if any(re.search(rf"\b{re.escape(word.lower())}\b", t) for t in texts)}
    found[:] = [m for m in found if m.text not in common]


def drop_common_acronyms(pieces: Sequence[Piece], found: list[Found]) -> None:
    """Acronyms of common words, "forward operating base (FOB)", are no names: their mentions go."""
    common = {
        name_key(match.group("acronym"))
        for piece in pieces
        for match in _ACRONYM.finditer(piece.text)
        if _expansion(piece.text[: match.start()].rstrip(), match.group("acronym"), capitalised=False)
    }
    found[:] = [m for m in found if m.key not in common]


def _expansion(before: str, acronym: str, capitalised: bool = True) -> str | None:
    """The capitalised (or, if not ``capitalised``, lower-case) words ending ``before`` that spell ``acronym``."""
    letters = [ch for ch in acronym if ch.isupper()]
    words = list(_WORD_BEFORE.finditer(before))
    need = len(letters)
    index = len(words) - 1
    while index >= 0 and need > 0:
        word = words[index].group()
        if word.casefold() in _ACRONYM_SKIP:
            index -= 1
            continue
        if word[0].upper() != letters[need - 1] or word[0].isupper() is not capitalised:
            return None
        need -= 1
        index -= 1
    if need:
        return None
    return before[words[index + 1].start() :]


def apply_acronyms(found: Sequence[Found], defined: dict[str, str]) -> None:
    """Acronym mentions take their expansion's key, and its type."""
    if not defined:
        return
    targets = {name_key(acronym): key for acronym, key in defined.items()}
    types = {m.key: m.type for m in found if m.key in targets.values()}
    for mention in found:
        target = targets.get(mention.key)
        if target:
            mention.key = target
            mention.type = types.get(target, mention.type)


def propagate(pieces: Sequence[Piece], found: list[Found], defined: dict[str, str]) -> None:
    """Find every other occurrence of a name the tagger found once, and add it to the same entity."""
    forms: dict[str, tuple[str, EntityType]] = {}
    for mention in found:
        if mention.type in NAME_TYPES and _propagatable(mention.text):
            forms.setdefault(mention.text, (mention.key, mention.type))
    by_key = {m.key: m.type for m in found}
    for acronym, expansion in defined.items():
        forms.setdefault(acronym, (expansion, by_key[expansion]))
    if not forms:
        return
    pattern = re.compile(
        r"(?<![\w’'-])(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?![\w-])"
    )
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for mention in found:
        taken[mention.piece].append((mention.start, mention.end))
    for index, piece in enumerate(pieces):
        spans = Claimed(taken[index])
        for match in pattern.finditer(piece.text):
            start, end = match.span()
            if spans.overlaps(start, end):
                continue
            key, kind = forms[match.group()]
            sort = type_in_context(piece.text, start, end, kind)
            if sort is None:
                continue  # no entity there: part of a title ("Trade and Industry Secretary")
            sure = sort is not kind or sure_in_context(piece.text, start, end, kind)
            found.append(Found(index, start, end, sort, piece.text[start:end], key, sure=sure))
            spans.add(start, end)
    found.sort(key=lambda m: (m.piece, m.start))


#: Common names of one country or union, grouped as one entity (the mentions keep their own words).
ALIASES: dict[str, str] = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
}
#: Generic geographic words after a place name: "Euphrates River" is the Euphrates.
_GEOGRAPHIC = frozenset(
    {"river", "sea", "ocean", "mountains", "mountain", "valley", "province", "region", "desert", "lake", "island"}
    | {"islands", "peninsula", "gulf", "basin", "delta", "county", "district", "governorate", "state"}
)
#: A company's legal form after its name: "Smith & Sons Ltd" is Smith & Sons (keys have no full stops).
_LEGAL_FORMS = frozenset({"ltd", "limited", "inc", "plc", "corp", "corporation", "llc", "co", "ag", "gmbh", "sa", "nv"})


def join_variants(found: Sequence[Found]) -> None:
    """Spellings of one name become one entity.

    Country aliases ("US", "United States"; :data:`ALIASES`), a place and the place with a
    generic geographic word ("Euphrates River", "Euphrates"), a group and its plural
    ("Democrat", "Democrats"; "African American", "African Americans"), a company with and
    without its legal form ("Smith & Sons Ltd", "Smith & Sons"), and names that differ only in
    spaces or hyphens ("TimeWarner", "Time Warner"; "Kilroy-Silk", "Kilroy Silk").
    """
    places = {m.key for m in found if m.type is EntityType.PLACE}
    groups = {m.key for m in found if m.type is EntityType.GROUP}
    organisations = {m.key for m in found if m.type is EntityType.ORG}
    compact: dict[str, str] = {}
    for mention in found:
        if mention.type not in NAME_TYPES:
            continue
        key = ALIASES.get(mention.key, mention.key)
        bare, _, last = key.rpartition(" ")
        if mention.type is EntityType.PLACE and last in _GEOGRAPHIC and bare in places:
            key = ALIASES.get(bare, bare)
        elif mention.type is EntityType.GROUP and key.endswith("s") and key[:-1] in groups:
            key = key[:-1]
        elif mention.type is EntityType.ORG and last in _LEGAL_FORMS and bare in organisations:
            key = bare
        mention.key = compact.setdefault(SPACING.sub("", key), key)


def _propagatable(text: str) -> bool:
    """Names safe to look for elsewhere: not stop words, and long enough not to be a stray word."""
    if text.casefold() in STOP_WORDS and not text.isupper():
        return False
    return len(text) >= _MIN_PROPAGATED or text.isupper()


def mark_articles(pieces: Sequence[Piece], found: Sequence[Found]) -> None:
    """Organisation mentions take in the "the" before them ("the SDF"), people and places never.

    Done once types are final, so every mention of one organisation is marked the same way,
    wherever the tagger put its edge.
    """
    previous_end: dict[int, int] = {}
    for mention in found:
        text = pieces[mention.piece].text
        start = article_start(text, mention.start)
        if mention.type is EntityType.ORG and start >= previous_end.get(mention.piece, 0):
            mention.start, mention.text = start, text[start : mention.end]
        previous_end[mention.piece] = mention.end


def group(found: Sequence[Found]) -> list[list[Found]]:
    """Mentions grouped by key, groups in order of their first mention."""
    groups: dict[tuple[str, EntityType], list[Found]] = {}
    for mention in found:
        groups.setdefault((mention.key, mention.type), []).append(mention)
    return list(groups.values())
