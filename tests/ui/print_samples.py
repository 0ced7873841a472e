"""Articles written for the printing tests (our own words), and reading printed PDFs back."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from pathlib import Path

import pypdf

from viewer.model import Article, Block, BlockKind, Entity, EntityType, Mention
from viewer.model.article import HEADLINE

HEADLINE_TEXT = "Harbour council in Eastport votes to rebuild the old sea wall"
NAMES = {
    "Mara Quint": EntityType.PERSON,
    "Harbour Board": EntityType.ORG,
    "Eastport": EntityType.PLACE,
}
#: Words the made-up sentences are drawn from.
_VOCABULARY = (
    "engineers surveyors residents councillors fishermen the old wall tide stone budget winter storm "
    "repairs quay ferry timber survey report meeting vote plan pier lantern warehouse market cost "
    "delay review season crews cranes gravel concrete drainage harbour shore levels forecast grant"
)
_WORDS = _VOCABULARY.split()


def sentence(rng: random.Random, name: str | None = None) -> str:
    """One made-up sentence, optionally naming someone or something."""
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 18))]
    if name is not None:
        words.insert(rng.randint(1, len(words) - 1), name)
    return " ".join([words[0].capitalize(), *words[1:]]) + "."


def paragraphs(count: int, seed: int = 7, *, subheading_every: int = 0) -> list[tuple[BlockKind, str]]:
    """Body blocks: paragraphs of 2 to 9 sentences, a subheading every ``subheading_every`` blocks."""
    rng = random.Random(seed)
    names = list(NAMES)
    blocks: list[tuple[BlockKind, str]] = []
    for index in range(count):
        if subheading_every and index % subheading_every == subheading_every - 1:
            blocks.append((BlockKind.SUBHEADING, f"Part {index // subheading_every + 1}: {rng.choice(_WORDS)} works"))
            continue
        text = " ".join(
            sentence(rng, names[(index + i) % 3] if i == 0 and index % 2 == 0 else None)
            for i in range(rng.randint(2, 9))
        )
        blocks.append((BlockKind.PARAGRAPH, f"{index + 1:03d}. {text}"))
    return blocks


def sample_text(count: int, seed: int = 7) -> str:
    """A plain-text article file as a scraper would save it: headline, date, caption, body."""
    body = "\n\n".join(text for _kind, text in paragraphs(count, seed))
    return (
        f"{HEADLINE_TEXT}\n\nMarch 3, 2021 at 9:15 am\n\n"
        "Workers inspect the cracked wall at low tide in Eastport. [JO VERLAINE/Coast Photo]\n\n"
        f"{body}\n"
    )


def _mentions(text: str, ref: int | str) -> dict[str, list[Mention]]:
    found: dict[str, list[Mention]] = {}
    for name in NAMES:
        for match in re.finditer(re.escape(name), text):
            found.setdefault(name, []).append(Mention(ref, match.start(), match.end(), name))
    return found


def with_sample_entities(article: Article) -> Article:
    """The article with every mention of the sample names as entities (what extraction would find)."""
    by_name: dict[str, list[Mention]] = {}
    refs: list[tuple[int | str, str]] = [(HEADLINE, article.headline)]
    refs += [(i, b.text) for i, b in enumerate(article.blocks)]
    for ref, text in refs:
        for name, mentions in _mentions(text, ref).items():
            by_name.setdefault(name, []).extend(mentions)
    roles = {"Mara Quint": "harbour engineer"}
    entities = tuple(
        Entity(f"e{i}", name, NAMES[name], tuple(mentions), role=roles.get(name))
        for i, (name, mentions) in enumerate(sorted(by_name.items()))
    )
    return article.with_entities(entities)


def with_blocks(article: Article, blocks: list[tuple[BlockKind, str]]) -> Article:
    """The article with these body blocks instead of its own."""
    return replace(article, blocks=tuple(Block(kind, text) for kind, text in blocks), entities=())


def write_sample(folder: Path, count: int, seed: int = 7) -> Path:
    """Save :func:`sample_text` as ``sample.txt`` in ``folder``."""
    path = folder / "sample.txt"
    path.write_text(sample_text(count, seed), encoding="utf-8")
    return path


def squash(text: str) -> str:
    """Text without any whitespace: PDF extraction puts line breaks and tabs where words wrapped."""
    return re.sub(r"\s+", "", text)


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of a PDF."""
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def page_sizes(path: Path) -> list[tuple[float, float]]:
    """Width and height of every page, in points."""
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(path).pages]


def body_of(pages: list[str], furniture: list[str]) -> str:
    """All pages' text squashed, with the header and footer lines (exactly ``furniture``) removed."""
    drop = {squash(line) for line in furniture}
    kept = [
        line
        for page in pages
        for line in page.splitlines()
        if squash(line) not in drop and not re.fullmatch(r"Page\d+of\d+", squash(line))
    ]
    return squash("".join(kept))


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle appears in ``haystack`` after the previous one."""
    position = 0
    for needle in needles:
        found = haystack.find(squash(needle), position)
        assert found >= 0, f"missing or out of order: {needle[:60]!r}"
        position = found + len(squash(needle))
