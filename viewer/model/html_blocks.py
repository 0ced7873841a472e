"""trafilatura's extracted body (its XML tree) to our body blocks, keeping what each block is."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from trafilatura.xml import xmltotxt

from viewer.model.article import BlockKind
from viewer.model.decode import normalise_text

_FALLBACK_KINDS = {
    "p": BlockKind.PARAGRAPH,
    "pre": BlockKind.PARAGRAPH,
    "h2": BlockKind.SUBHEADING,
    "h3": BlockKind.SUBHEADING,
    "h4": BlockKind.SUBHEADING,
    "li": BlockKind.LIST_ITEM,
    "blockquote": BlockKind.QUOTE,
}
_FALLBACK_SKIPPED = frozenset({"nav", "header", "footer", "aside", "form", "script", "style", "noscript", "template"})
_CONTAINERS = frozenset({"body", "div", "main", "article", "section"})
_ITEM_MARKER = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")
_SPACES = re.compile(r"[ \t]+")
_FOLD = re.compile(r"[\W_]+")


#: A capitalised subheading is a line, not a paragraph; nor is an acronym alone ("NATO").
_SHOUTED_MAX = 80
_SHOUTED_MIN = 8


def body_blocks(body: Any) -> list[tuple[BlockKind, str]]:
    """``(kind, text)`` for each block of trafilatura's body tree, in reading order.

    ``head`` becomes a subheading, each ``item`` of a ``list`` a list item, each paragraph
    of a ``quote`` a quote; paragraphs, tables (one block a row) and code stay paragraphs.
    A paragraph keeps its line breaks (``<br>`` in addresses and verse).
    """
    blocks: list[tuple[BlockKind, str]] = []
    if body is not None:
        for element in body:
            _collect(element, blocks)
    return [(kind, text) for kind, text in blocks if text]


def _collect(element: Any, blocks: list[tuple[BlockKind, str]]) -> None:
    tag = element.tag
    if tag in _CONTAINERS and len(element):
        for child in element:
            _collect(child, blocks)
        return
    text = xmltotxt(element, False)
    if tag == "head":
        blocks.append((BlockKind.SUBHEADING, clean_line(text)))
    elif tag == "list":
        blocks.extend((BlockKind.LIST_ITEM, clean_line(_ITEM_MARKER.sub("", line))) for line in text.split("\n"))
    elif tag == "quote":
        blocks.extend((BlockKind.QUOTE, clean_line(line)) for line in text.split("\n"))
    elif tag == "table":
        blocks.extend((BlockKind.PARAGRAPH, clean_line(line.strip(" |"))) for line in text.split("\n"))
    else:
        lines = [clean_line(line) for line in text.split("\n")]
        paragraph = "\n".join(line for line in lines if line)
        if not any(ch.isalnum() for ch in paragraph):
            return  # a rule drawn in characters ("___", "* * *")
        blocks.append((BlockKind.SUBHEADING if _is_shouted_heading(paragraph) else BlockKind.PARAGRAPH, paragraph))


def _is_shouted_heading(text: str) -> bool:
    """A short paragraph all in capitals ("WHO IS THE FRONT-RUNNER?"): a subheading set without a heading tag."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(text) <= _SHOUTED_MAX and len(letters) >= _SHOUTED_MIN and all(ch.isupper() for ch in letters)


def fold(text: str) -> str:
    """Text reduced to its letters and digits, lower-cased, for "is this the same line" tests."""
    return _FOLD.sub("", unicodedata.normalize("NFKC", text)).casefold()


def clean_line(text: str) -> str:
    """One line of page text as readers see it: normalised spaces, no runs, no edges."""
    return _SPACES.sub(" ", normalise_text(text).replace("\n", " ")).strip()


def fallback_blocks(tree: Any) -> list[tuple[BlockKind, str]]:
    """The page's own paragraphs, headings, list items and quotes, for pages trafilatura finds no article in.

    A short page (a note, a one-paragraph notice) is below trafilatura's minimum and still
    deserves to be read. Only the outermost of nested text elements counts, and navigation,
    headers, footers, asides, forms and scripts are left out.
    """
    blocks: list[tuple[BlockKind, str]] = []
    for element in tree.iter(*_FALLBACK_KINDS):
        if any(a.tag in _FALLBACK_KINDS or a.tag in _FALLBACK_SKIPPED for a in element.iterancestors()):
            continue
        text = clean_line(" ".join(element.itertext()))
        if text:
            blocks.append((_FALLBACK_KINDS[element.tag], text))
    return blocks
