"""The no-text-lost rule, shared by the parser tests and the corpus tests."""

from __future__ import annotations

import re
from collections import Counter

from viewer.model import Article

_WORD = re.compile(r"\w+")
# Labels a parser may consume when it lifts a caption or credit out of the text.
LABEL_WORDS = frozenset({"image", "caption", "source", "copyright", "photo", "photograph", "picture", "credit", "by"})


def _words(text: str) -> Counter[str]:
    return Counter(w for w in _WORD.findall(text.lower()) if w not in LABEL_WORDS)


def fields_text(article: Article) -> list[str]:
    """Every piece of text the article holds, fields first, then body blocks."""
    parts = [article.tagline, article.headline, article.byline, article.date_text]
    if article.caption is not None:
        parts += [article.caption.text, article.caption.credit]
    return [p for p in parts if p] + [b.text for b in article.blocks]


def assert_no_text_lost(article: Article, source_text: str) -> None:
    """Every word of the file is in exactly one field or block, and blocks keep file order."""
    held = Counter[str]()
    for part in fields_text(article):
        held += _words(part)
    expected = _words(source_text)
    assert held == expected, f"lost {expected - held}, invented {held - expected}"
    starts = [b.start for b in article.blocks if b.start is not None]
    assert starts == sorted(starts)
    for block in article.blocks:
        assert block.start is not None
        assert block.end is not None
        assert _words(article.text[block.start : block.end]) == _words(block.text)
