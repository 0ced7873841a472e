"""The working records of one extraction: the texts searched and the mentions found in them."""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.article import BlockRef, EntityType


@dataclass(frozen=True)
class Piece:
    """One searched text (headline, caption, credit or a body block) and where it sits."""

    ref: BlockRef
    text: str


@dataclass
class Found:
    """A mention being cleaned and grouped; ``key`` is the name it is grouped under."""

    piece: int
    start: int
    end: int
    type: EntityType
    text: str
    key: str
    #: True when the words around it settle its type ("Ms Pugh"), outvoting the tagger elsewhere.
    sure: bool = False

    def overlaps(self, other: Found) -> bool:
        """True when both sit in one piece and share a character."""
        return self.piece == other.piece and self.start < other.end and other.start < self.end
