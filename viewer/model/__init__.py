"""Qt-free article model: loading, parsing and entity extraction. Never imports PySide6.

The loader (and with it the parser and its ~30 regular expressions) is imported on first use of
``load_article`` or ``MAX_BYTES``: the window's first article is read by the entity worker, so
a launch need not load the parser before its first paint.
"""

from typing import TYPE_CHECKING

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
from viewer.model.files import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from viewer.model.loader import MAX_BYTES, load_article

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


def __getattr__(name: str) -> object:
    if name in ("MAX_BYTES", "load_article"):
        from viewer.model import loader

        return getattr(loader, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
