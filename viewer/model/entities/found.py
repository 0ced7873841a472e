"""The working records of one extraction: the texts searched and the mentions found in them."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
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


class Claimed:
    """Character ranges of one text already taken by mentions, for overlap checks in log time.

    A paragraph can hold thousands of mentions (a scraped page with no line breaks): checking
    each new one against every claimed range made extraction quadratic (43 s for 270 kB).
    """

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        # Kept as a sorted union of ranges: overlapping any claimed range means overlapping the union.
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._ends and start < self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` shares a character with a claimed range."""
        last_before = bisect.bisect_left(self._starts, end) - 1
        return last_before >= 0 and self._ends[last_before] > start

    def add(self, start: int, end: int) -> None:
        """Claim ``[start, end)``, which overlaps nothing claimed yet."""
        at = bisect.bisect_left(self._starts, start)
        self._starts.insert(at, start)
        self._ends.insert(at, end)
