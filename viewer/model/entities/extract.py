"""Entity extraction: spaCy's NER over an article's texts, then cleaning, grouping, roles, dates and quotes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from viewer.model.article import CAPTION, CREDIT, HEADLINE, Article, Entity, EntityType, Mention, Quote
from viewer.model.captions import split_credit
from viewer.model.entities import grouping
from viewer.model.entities.context import sure_in_context, type_in_context
from viewer.model.entities.dates import resolve_date
from viewer.model.entities.found import Claimed, Found, Piece
from viewer.model.entities.names import (
    NAME_TYPES,
    SPACY_TYPES,
    clean_spans,
    is_compound_part,
    join_ampersands,
    money_spans,
    name_key,
    widen_number,
    without_article,
)
from viewer.model.entities.pipeline import DEFAULT_MODEL, load_pipeline
from viewer.model.entities.quotes import find_quotes
from viewer.model.entities.roles import person_in_titled_org, role_after, role_before
from viewer.model.entities.tagging import Raw, tag

#: How much of an article extraction reads: ~80,000 words, far beyond any news story, about half a
#: minute on one core. A 20 MB file read whole kept the CPU busy for ten minutes.
MAX_CHARS = 500_000
#: A bare one- to three-digit "date" is an age or a count ("he was 24"); years have four digits.
_AGE = re.compile(r"\d{1,3}")
#: A price in pence ("120p"), which the tagger may call a date.
_PENCE = re.compile(r"\d+(?:\.\d+)?p")
#: A bracketed credit with a slash in it, the way photo credits sit in scraped text.
_BRACKETED_CREDIT = re.compile(r"\[([^\[\]\n/]{2,60}(?:/[^\[\]\n/]{2,60})+)\]")


def article_pieces(article: Article) -> list[Piece]:
    """The texts searched: headline, caption, credit and every body block, in reading order."""
    pieces = [Piece(HEADLINE, article.headline)] if article.headline else []
    if article.caption is not None:
        pieces.append(Piece(CAPTION, article.caption.text))
        if article.caption.credit:
            pieces.append(Piece(CREDIT, article.caption.credit))
    pieces.extend(Piece(index, block.text) for index, block in enumerate(article.blocks))
    return pieces


def extract_entities(article: Article, model: str = DEFAULT_MODEL) -> Article:
    """``article`` with its entities and quotes; the first call loads the pipeline (slow, once).

    Raises:
        ModelNotFound: ``model`` is not installed.
    """
    return next(extract_many([article], model))


def extract_many(articles: Iterable[Article], model: str = DEFAULT_MODEL) -> Iterator[Article]:
    """Each article with its entities, in order, the tagger batched over them with ``nlp.pipe``.

    Only the first :data:`MAX_CHARS` characters are read; the article records how far when it
    is longer, so the reader can be told.
    """
    nlp = load_pipeline(model)
    items = (
        ((article, pieces, sum(len(piece.text) for piece in every)), pieces)
        for article in articles
        for every in [article_pieces(article)]
        for pieces in [within(every)]
    )
    for (article, pieces, total), raw in tag(nlp, items):
        entities, quotes = build(pieces, raw, _published(article), _credit_names(article, pieces))
        read = sum(len(piece.text) for piece in pieces)
        yield article.with_entities(entities, quotes, nlp.lang, None if read == total else read)


def within(pieces: list[Piece], limit: int | None = None) -> list[Piece]:
    """The pieces up to ``limit`` characters (default :data:`MAX_CHARS`), the last one cut short if need be.

    Cutting is safe: mentions index the piece's own text from its start.
    """
    limit = MAX_CHARS if limit is None else limit
    kept: list[Piece] = []
    for piece in pieces:
        if limit <= 0:
            break
        kept.append(piece if len(piece.text) <= limit else Piece(piece.ref, piece.text[:limit]))
        limit -= len(piece.text)
    return kept


def extract_texts(texts: Iterable[str], model: str = DEFAULT_MODEL) -> Iterator[tuple[Entity, ...]]:
    """Entities of plain texts, each one piece (body block 0): the ``--entities`` command line."""
    nlp = load_pipeline(model)
    items = (([Piece(0, text)], [Piece(0, text)]) for text in texts)
    for pieces, raw in tag(nlp, items):
        yield build(pieces, raw, None, _bracketed_credits(pieces[0].text))[0]


def _published(article: Article) -> date | None:
    return article.published.date() if article.published else None


def _credit_names(article: Article, pieces: Sequence[Piece]) -> list[Found]:
    """The photo credit's photographer and agencies, which the caption parser already split out."""
    caption = article.caption
    index = next((i for i, piece in enumerate(pieces) if piece.ref == CREDIT), None)
    if caption is None or index is None:
        return []
    return _credit_found(
        index,
        pieces[index].text,
        0,
        len(pieces[index].text),
        photographer=caption.photographer,
        agencies=caption.agencies,
    )


def _bracketed_credits(text: str) -> list[Found]:
    """Slash-joined photo credits in raw text, "[DAPHNE BENOIT/AFP/Getty Images]", split as the caption parser does."""
    found: list[Found] = []
    for match in _BRACKETED_CREDIT.finditer(text):
        photographer, agencies = split_credit(match.group(1))
        found.extend(_credit_found(0, text, match.start(1), match.end(1), photographer=photographer, agencies=agencies))
    return found


def _credit_found(
    index: int, text: str, start: int, end: int, *, photographer: str | None, agencies: Sequence[str]
) -> list[Found]:
    """The photographer (a person) and agencies (organisations) where they sit in ``text[start:end]``."""
    names = [(photographer, EntityType.PERSON)] if photographer else []
    names.extend((agency, EntityType.ORG) for agency in agencies)
    found: list[Found] = []
    for name, kind in names:
        at = text.find(name, start, end) if name else -1
        if name and at != -1:
            found.append(Found(index, at, at + len(name), kind, name, name_key(name)))
    return found


def build(
    pieces: Sequence[Piece], raw: Sequence[Sequence[Raw]], published: date | None, known: Sequence[Found]
) -> tuple[tuple[Entity, ...], tuple[Quote, ...]]:
    """Entities and quotes from the tagger's spans over ``pieces`` (``known`` mentions win overlaps)."""
    found: list[Found] = list(known)
    for index, spans in enumerate(raw):
        text = pieces[index].text
        for tag_start, tag_end, label in _with_money(text, join_ampersands(text, spans)):
            kind = SPACY_TYPES.get(label)
            if kind is None:
                continue
            start, end = tag_start, tag_end
            if kind is EntityType.NUMBER:
                if is_compound_part(text, start, end):
                    continue
                start, end = widen_number(text, start, end)
            elif kind is EntityType.DATE and (_AGE.fullmatch(text, start, end) or _PENCE.fullmatch(text, start, end)):
                kind = EntityType.NUMBER  # "24" in "he was 24" is an age, "120p" a price: no dates
            for s, e in _split_titled_org(text, start, end, kind):
                tagged = kind if s == start else EntityType.PERSON
                for cs, ce in clean_spans(text, s, e, tagged):
                    sort = type_in_context(text, cs, ce, tagged)
                    if sort is None:
                        continue
                    sure = sort is not tagged or sure_in_context(text, cs, ce, tagged)
                    found_here = Found(index, cs, ce, sort, text[cs:ce], name_key(text[cs:ce]), sure=sure)
                    mention = grouping.strip_titles(found_here)
                    if not any(mention.overlaps(other) for other in known):
                        found.append(mention)
    found.sort(key=lambda m: (m.piece, m.start))
    grouping.drop_capitalised_words(pieces, found)
    grouping.doubt_lone_names(pieces, found)
    grouping.settle_types(found)
    grouping.join_surnames(found)
    grouping.join_short_names(found)
    grouping.drop_common_acronyms(pieces, found)
    defined = grouping.define_acronyms(pieces, found)
    grouping.apply_acronyms(found, defined)
    grouping.propagate(pieces, found, defined)
    grouping.join_variants(found)
    grouping.settle_types(found)
    grouping.join_surnames(found)
    grouping.mark_articles(pieces, found)
    groups = grouping.group(found)
    entities = tuple(_entity(f"e{number}", members, pieces, published) for number, members in enumerate(groups, 1))
    return entities, _quotes(pieces, entities)


def _with_money(text: str, spans: list[Raw]) -> list[Raw]:
    """The tagger's spans and the currency amounts it missed ("€5m")."""
    claimed = Claimed((start, end) for start, end, _ in spans)
    missed = [m for m in money_spans(text) if not claimed.overlaps(m[0], m[1])]
    return sorted(spans + missed) if missed else spans


def _split_titled_org(text: str, start: int, end: int, kind: EntityType) -> list[tuple[int, int]]:
    """An organisation span cut before the person it swallowed (see ``person_in_titled_org``)."""
    person = person_in_titled_org(text, start, end) if kind is EntityType.ORG else None
    return [(start, end)] if person is None else [(start, person), (person, end)]


def _entity(entity_id: str, members: list[Found], pieces: Sequence[Piece], published: date | None) -> Entity:
    kind = members[0].type
    counts = Counter(without_article(m.text) if kind in NAME_TYPES else m.text for m in members)
    # The fullest spelling, hyphens counting as spaces, so "Robert Kilroy-Silk" (five times) wins
    # over "Robert Kilroy Silk" (once); then the commonest.
    name = max(counts, key=lambda text: (len(grouping.SPACING.split(text)), counts[text]))
    aliases = tuple(text for text in counts if text != name)
    if kind is EntityType.PERSON and name.isupper() and (" " in name or len(name) > 3):
        name = name.title()  # "DAPHNE BENOIT" from a credit; but "QC" stays as written
    role = resolved = None
    if kind is EntityType.PERSON:
        role = next(filter(None, (_role(pieces[m.piece].text, m) for m in members)), None)
    elif kind is EntityType.DATE:
        first = members[0]
        resolved = resolve_date(first.text, published, pieces[first.piece].text[: first.start])
    mentions = tuple(Mention(pieces[m.piece].ref, m.start, m.end, m.text) for m in members)
    return Entity(entity_id, name, kind, mentions, aliases, role, resolved)


def _role(text: str, mention: Found) -> str | None:
    return role_before(text, mention.start) or role_after(text, mention.end)


def _quotes(pieces: Sequence[Piece], entities: Sequence[Entity]) -> tuple[Quote, ...]:
    """Quotes with speakers linked to person entities.

    A named speaker is found by name or alias; "he"/"she" is the person last mentioned before the quote.
    """
    people = [e for e in entities if e.type is EntityType.PERSON]
    by_key = {name_key(form): e for e in people for form in (e.name, *e.aliases)}
    for person in people:
        surname = grouping.surname_of(person.name)
        if surname:
            by_key.setdefault(name_key(surname), person)
    order = {piece.ref: index for index, piece in enumerate(pieces)}
    positions = sorted(
        (((order[m.block], m.start), e) for e in people for m in e.mentions if m.block in order), key=lambda p: p[0]
    )
    quotes: list[Quote] = []
    for found in find_quotes(pieces):
        speaker: Entity | None = None
        if found.said is not None:
            # A person named inside the attribution clause is the speaker, whatever comes first.
            low, high = found.said
            speaker = next((e for (at, start), e in positions if at == found.piece and low <= start < high), None)
        if speaker is None and found.name:
            speaker = by_key.get(name_key(found.name))
        elif speaker is None and found.pronoun:
            earlier = [e for at, e in positions if at < (found.piece, found.start)]
            speaker = earlier[-1] if earlier else None
        name = speaker.name if speaker else found.name
        quotes.append(
            Quote(found.text, pieces[found.piece].ref, found.start, found.end, name, speaker.id if speaker else None)
        )
    return tuple(quotes)
