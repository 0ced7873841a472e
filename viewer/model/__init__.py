"""Qt-free article model: loading, parsing and entity extraction. Never imports PySide6."""

from viewer.model.article import (
    Article,
    Block,
    BlockKind,
    BlockRef,
    Caption,
    Entity,
    EntityType,
    Mention,
    Quote,
    Source,
    SourceFormat,
)
from viewer.model.errors import LoadError
from viewer.model.loader import MAX_BYTES, SUPPORTED_SUFFIXES, load_article

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Article",
    "Block",
    "BlockKind",
    "BlockRef",
    "Caption",
    "Entity",
    "EntityType",
    "LoadError",
    "Mention",
    "Quote",
    "Source",
    "SourceFormat",
    "load_article",
]
