"""The Article as JSON-ready dicts: the ``--json`` schema documented in README."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from viewer.model.article import Article, Entity, Mention, Quote


def article_to_dict(article: Article) -> dict[str, Any]:
    """The ``--json`` object for ``article``; keys are stable, order is reading order."""
    src = article.source
    caption = article.caption
    # The zone goes in its own key: consumers of ``published`` expect YYYY-MM-DDTHH:MM:SS.
    published = article.published
    return {
        "source": {
            "path": src.path,
            "format": str(src.format),
            "encoding": src.encoding,
            "size": src.size,
            "sha256": src.sha256,
            "url": src.url,
            "language": src.language,
        },
        "tagline": article.tagline,
        "headline": article.headline,
        "byline": article.byline,
        "published": published.replace(tzinfo=None).isoformat() if published else None,
        "utc_offset": _utc_offset(published),
        "date_text": article.date_text,
        "caption": None
        if caption is None
        else {
            "text": caption.text,
            "credit": caption.credit,
            "photographer": caption.photographer,
            "agencies": list(caption.agencies),
        },
        "image": None
        if article.image is None
        else {"src": article.image.src, "alt": article.image.alt, "path": article.image.path},
        "blocks": [{"kind": str(b.kind), "text": b.text, "start": b.start, "end": b.end} for b in article.blocks],
        "entities": [entity_to_dict(e) for e in article.entities],
        "entities_read": article.entities_read,
        "quotes": [quote_to_dict(q) for q in article.quotes],
        "notes": list(article.notes),
    }


def _utc_offset(moment: datetime | None) -> str | None:
    """``+05:30`` style offset of an aware datetime, None for naive or missing ones."""
    offset = moment.utcoffset() if moment else None
    if offset is None:
        return None
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def mention_to_dict(mention: Mention) -> dict[str, Any]:
    """One mention: where it is and what it says."""
    return {"block": mention.block, "start": mention.start, "end": mention.end, "text": mention.text}


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    """One grouped entity with all its mentions."""
    return {
        "id": entity.id,
        "name": entity.name,
        "type": str(entity.type),
        "aliases": list(entity.aliases),
        "role": entity.role,
        "resolved": entity.resolved,
        "count": entity.count,
        "mentions": [mention_to_dict(m) for m in entity.mentions],
    }


def quote_to_dict(quote: Quote) -> dict[str, Any]:
    """Quoted speech and who said it."""
    return {
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_id": quote.speaker_id,
        "block": quote.block,
        "start": quote.start,
        "end": quote.end,
    }
