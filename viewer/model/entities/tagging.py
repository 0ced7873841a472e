"""Running spaCy's tagger over an article's pieces: joined into few docs, each of a bounded size."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from viewer.model.entities.found import Piece

if TYPE_CHECKING:
    from spacy.language import Language

#: Pieces are joined with a blank line: one doc per article costs no more than ``nlp.pipe`` over
#: the pieces (README gives the figures), and a blank line keeps the tagger from running blocks together.
JOIN = "\n\n"
#: The most characters in one doc: the tagger's memory grows with a doc's length, and spaCy refuses
#: docs over ``nlp.max_length`` (1,000,000); a longer article is cut at line breaks or spaces.
MAX_DOC = 100_000
#: Docs per ``nlp.pipe`` batch.
BATCH_SIZE = 16

#: spaCy's labels for when something happens; side by side they are one moment.
_WHEN = frozenset({"DATE", "TIME"})
#: One tagger entity inside a piece: start, end, spaCy label.
Raw = tuple[int, int, str]
#: Where a stretch of one piece sits in a doc: piece index, offset in the piece, start in the doc, length.
_Part = tuple[int, int, int, int]
_T = TypeVar("_T")


def tag(nlp: Language, items: Iterable[tuple[_T, list[Piece]]]) -> Iterator[tuple[_T, list[list[Raw]]]]:
    """Each item with the tagger's entities per piece, in order, every doc going through one ``nlp.pipe``."""

    def docs() -> Iterator[tuple[str, tuple[_T, int, list[_Part], bool]]]:
        for item, pieces in items:
            layout = lay_out(pieces)
            for number, (text, parts) in enumerate(layout):
                yield text, (item, len(pieces), parts, number == len(layout) - 1)

    raw: list[list[Raw]] | None = None
    for doc, (item, count, parts, last) in nlp.pipe(docs(), as_tuples=True, batch_size=BATCH_SIZE):
        if raw is None:
            raw = [[] for _ in range(count)]
        starts = [start for _, _, start, _ in parts]
        previous_end = -1
        for ent in doc.ents:
            index, offset, start, length = parts[bisect.bisect_right(starts, ent.start_char) - 1]
            end = min(ent.end_char, start + length)  # a span running into the joint stops at its piece's end
            if end <= ent.start_char:
                continue
            spans = raw[index]
            # "Thursday night" comes back as DATE "Thursday" and TIME "night": one moment, one mention.
            if spans and {spans[-1][2], ent.label_} <= _WHEN and doc.text[previous_end : ent.start_char] == " ":
                spans[-1] = (spans[-1][0], end - start + offset, "DATE")
            else:
                spans.append((ent.start_char - start + offset, end - start + offset, ent.label_))
            previous_end = end
        if last:
            yield item, raw
            raw = None


def lay_out(pieces: Sequence[Piece]) -> list[tuple[str, list[_Part]]]:
    """The docs to tag for ``pieces``: their texts joined, cut so no doc exceeds :data:`MAX_DOC`."""
    docs: list[tuple[str, list[_Part]]] = []
    texts: list[str] = []
    parts: list[_Part] = []
    length = 0
    for index, piece in enumerate(pieces):
        for offset, chunk in _chunks(piece.text):
            if parts and length + len(JOIN) + len(chunk) > MAX_DOC:
                docs.append((JOIN.join(texts), parts))
                texts, parts, length = [], [], 0
            start = length + len(JOIN) if parts else 0
            parts.append((index, offset, start, len(chunk)))
            texts.append(chunk)
            length = start + len(chunk)
    if parts or not docs:
        docs.append((JOIN.join(texts), parts))
    return docs


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """``text`` in stretches of at most :data:`MAX_DOC` characters, cut at a line break or space if any."""
    start = 0
    while len(text) - start > MAX_DOC:
        cut = text.rfind("\n", start + 1, start + MAX_DOC)
        if cut == -1:
            cut = text.rfind(" ", start + 1, start + MAX_DOC)
        if cut == -1:
            cut = start + MAX_DOC
        yield start, text[start:cut]
        start = cut
    yield start, text[start:]
