"""The Article: frozen, Qt-free dataclasses every view, printer and exporter reads."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from viewer.model.html_language import page_language

#: Names for the language codes pages declare most often; others are shown as the code itself.
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "it": "Italian",
    "ja": "Japanese",
    "nl": "Dutch",
    "pl": "Polish",
    "pt": "Portuguese",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "zh": "Chinese",
}


class SourceFormat(StrEnum):
    """How the file was read. MHTML saves are HTML pages in a MIME wrapper."""

    TEXT = "text"
    HTML = "html"


class BlockKind(StrEnum):
    """What a body block is, so views and printing can style it as what it is."""

    PARAGRAPH = "paragraph"
    RELATED = "related"
    SUBHEADING = "subheading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"


class EntityType(StrEnum):
    """User-facing entity types; spaCy's finer labels map onto these."""

    PERSON = "PERSON"
    ORG = "ORG"
    PLACE = "PLACE"
    GROUP = "GROUP"
    DATE = "DATE"
    NUMBER = "NUMBER"
    EVENT = "EVENT"
    WORK = "WORK"
    LANGUAGE = "LANGUAGE"


#: Where a mention sits: ``"headline"``, ``"caption"``, ``"credit"`` or a body block index.
BlockRef = str | int

HEADLINE = "headline"
CAPTION = "caption"
CREDIT = "credit"


@dataclass(frozen=True)
class Source:
    """The file an article came from, as it was when read.

    ``size`` and ``sha256`` describe the bytes on disk, so a library index can tell an
    unchanged file from an edited one without parsing it again.
    """

    path: str
    format: SourceFormat
    encoding: str
    size: int
    sha256: str
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Caption:
    """The lead image's caption and its photo credit, split into photographer and agencies."""

    text: str
    credit: str | None = None
    photographer: str | None = None
    agencies: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Image:
    """The lead image of a saved page, never fetched: its address, alt text, and a copy beside the page.

    ``path`` is set only when the address names a file that exists in the page's folder
    (the browser's ``_files`` folder); a remote image is shown as a placeholder with ``alt``.
    """

    src: str
    alt: str | None = None
    path: str | None = None

    def alt_beside(self, *shown: str) -> str:
        """The alt text worth showing in the image's place: none when text already ``shown`` says it.

        Sites often reuse the caption or the headline as the alt text, sometimes with the credit
        glued on; shown twice it reads as a mistake.
        """
        alt = " ".join((self.alt or "").split()).casefold()
        for text in shown:
            said = " ".join(text.split()).casefold()
            if alt and said and (said.startswith(alt) or alt.startswith(said)):
                return ""
        return self.alt or ""


@dataclass(frozen=True)
class Block:
    """One body block; ``start``/``end`` index :attr:`Article.text` (None when not located)."""

    kind: BlockKind
    text: str
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity: ``start``/``end`` index the text of ``block``."""

    block: BlockRef
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One thing the article names, with every mention of it grouped under one name.

    ``resolved`` holds a date entity's value against the publication date (ISO 8601,
    as precise as the words allow: ``2019-02-21``, ``2018-12``, ``2017``).
    """

    id: str
    name: str
    type: EntityType
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    role: str | None = None
    resolved: str | None = None

    @property
    def count(self) -> int:
        """How many times the article mentions this entity."""
        return len(self.mentions)


@dataclass(frozen=True)
class Quote:
    """Quoted speech, with its speaker's entity id when the text makes it clear."""

    text: str
    block: BlockRef
    start: int
    end: int
    speaker: str | None = None
    speaker_id: str | None = None


@dataclass(frozen=True)
class Article:
    """A parsed article.

    ``text`` is the normalised decoded text that block ranges index. ``date_text`` keeps
    the date line's original words beside the parsed ``published`` datetime.
    """

    source: Source
    headline: str
    text: str = ""
    tagline: str | None = None
    byline: str | None = None
    published: datetime | None = None
    date_text: str | None = None
    caption: Caption | None = None
    image: Image | None = None
    blocks: tuple[Block, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    #: The language of the pipeline that found ``entities`` (spaCy's code: "en", "xx" for many).
    entity_language: str | None = None
    #: How many characters extraction read when the article was too long to read whole.
    entities_read: int | None = None
    #: Non-fatal observations made while parsing (e.g. "decoded as cp1252").
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def outlet(self) -> str | None:
        """The publication the article names: its tagline, else its saved URL's host without ``www.``.

        The window, the printed header and the library list all say this, so they agree. None
        when the article names none: a folder's name ("business") is no outlet.
        """
        if self.tagline and self.tagline.strip():
            return self.tagline.strip()
        host = urlsplit(self.source.url).hostname if self.source.url else None
        return host.removeprefix("www.") if host else None

    def block_text(self, ref: BlockRef) -> str:
        """The text a mention's ``block`` reference points into."""
        if isinstance(ref, int):
            return self.blocks[ref].text
        if ref == HEADLINE:
            return self.headline
        if ref == CAPTION and self.caption is not None:
            return self.caption.text
        if ref == CREDIT and self.caption is not None and self.caption.credit:
            return self.caption.credit
        raise KeyError(ref)

    def with_entities(
        self,
        entities: tuple[Entity, ...],
        quotes: tuple[Quote, ...] = (),
        language: str | None = None,
        read: int | None = None,
    ) -> Article:
        """A copy carrying extraction results; the parsed text is shared, not copied."""
        return dataclasses.replace(self, entities=entities, quotes=quotes, entity_language=language, entities_read=read)

    def foreign_language(self) -> tuple[str, str] | None:
        """The names of the page's language and the entity model's, when they differ (None otherwise)."""
        model = self.entity_language
        # Plain text declares nothing: its common words tell (None, taken as the model's, when too short).
        page = self.source.language or (page_language([], self.text) if model else None)
        code = (page or "").replace("_", "-").split("-")[0].casefold()
        if not (code and model and model != "xx" and code != model.casefold()):
            return None
        return LANGUAGE_NAMES.get(code, f"“{page}”"), LANGUAGE_NAMES.get(model.casefold(), f"“{model}”")

    def entity_warning(self) -> str | None:
        """Why the entity list may mislead: read only in part, or by a model for another language."""
        warnings = []
        if self.entities_read is not None:
            warnings.append(f"Entities were looked for in the first {self.entities_read:,} characters only.")
        foreign = self.foreign_language()
        if foreign is not None:
            page, model = foreign
            said = f"This page is in {page}; entities come from a model for {model}"
            warnings.append(f"{said}, so expect misses and mistakes.")
        return " ".join(warnings) or None

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, if any."""
        return next((e for e in self.entities if e.id == entity_id), None)
