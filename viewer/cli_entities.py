"""``--entities PATH...`` and ``--entities-batch FILE``: entity extraction on raw text, as JSON Lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

from viewer.cli import EXIT_BAD_INPUT, report
from viewer.model.article import Entity
from viewer.model.decode import decode_bytes
from viewer.model.errors import LoadError
from viewer.model.loader import read_bytes

STDIN = "-"


def read_text(path: str) -> str:
    """The decoded text of ``path``, or of standard input for ``-``.

    Raises:
        LoadError: the file is missing, binary, too big or undecodable.
    """
    data = sys.stdin.buffer.read() if path == STDIN else read_bytes(path)
    return decode_bytes(data, path)[0] if data else ""


def mentions_json(entities: Iterable[Entity]) -> list[dict[str, Any]]:
    """Every mention in text order, with its type and the id of the entity it belongs to."""
    rows = [
        {"start": m.start, "end": m.end, "text": m.text, "type": str(e.type), "entity": e.id}
        for e in entities
        for m in e.mentions
    ]
    return sorted(rows, key=lambda row: (row["start"], row["end"]))


def entities_json(entities: Iterable[Entity]) -> list[dict[str, Any]]:
    """The grouped entities without their mentions (listed once, in ``mentions``)."""
    return [
        {
            "id": e.id,
            "name": e.name,
            "type": str(e.type),
            "aliases": list(e.aliases),
            "role": e.role,
            "resolved": e.resolved,
            "count": e.count,
        }
        for e in entities
    ]


def print_rows(label: str, keys: Sequence[str], texts: Sequence[str], model: str) -> int:
    """Extract from ``texts`` in one batch and print ``{label: key, "mentions", "entities"}`` per text."""
    from viewer.model.entities import ModelNotFound, extract_texts

    try:
        for key, entities in zip(keys, extract_texts(texts, model), strict=True):
            row = {label: key, "mentions": mentions_json(entities), "entities": entities_json(entities)}
            print(json.dumps(row, ensure_ascii=False))
    except ModelNotFound as exc:
        report(model, str(exc))
        return EXIT_BAD_INPUT
    return 0


def run_entities(paths: Sequence[str], model: str) -> int:
    """Print one JSON object per readable input; unreadable ones are reported and skipped.

    All inputs go through the tagger in one ``nlp.pipe`` batch.
    """
    status = 0
    names: list[str] = []
    texts: list[str] = []
    for path in paths:
        try:
            texts.append(read_text(path))
            names.append(path)
        except LoadError as exc:
            report(exc.path, exc.reason)
            status = EXIT_BAD_INPUT
    return print_rows("path", names, texts, model) or status


def run_entities_batch(path: str, model: str) -> int:
    """``--entities-batch FILE``: JSON Lines of ``{"id", "text"}`` in, ``{"id", "mentions", "entities"}`` out."""
    try:
        lines = read_text(path).splitlines()
        documents = [json.loads(line) for line in lines if line.strip()]
        ids = [str(doc["id"]) for doc in documents]
        texts = [str(doc["text"]) for doc in documents]
    except LoadError as exc:
        report(exc.path, exc.reason)
        return EXIT_BAD_INPUT
    except (ValueError, KeyError, TypeError) as exc:
        report(path, f"not JSON Lines of {{'id', 'text'}} objects ({exc})")
        return EXIT_BAD_INPUT
    return print_rows("id", ids, texts, model)
