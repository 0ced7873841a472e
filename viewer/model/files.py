"""Which files are articles, and what a list of paths opens: light enough for a launch's first steps.

The launch hands the first file to the entity worker before the window's imports (see
:mod:`viewer.model.entity_worker`), so this module must not import the parser.
"""

from __future__ import annotations

import os
from pathlib import Path

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
MHTML_SUFFIXES = frozenset({".mhtml", ".mht"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ""})
SUPPORTED_SUFFIXES = HTML_SUFFIXES | MHTML_SUFFIXES | TEXT_SUFFIXES


def is_article_file(path: Path) -> bool:
    """Whether a folder entry looks like an article the loader can read."""
    return path.is_file() and not path.name.startswith(".") and path.suffix.lower() in SUPPORTED_SUFFIXES


def articles_in(folder: Path) -> list[str]:
    """The folder's articles in name order (case-insensitive, the order a file manager shows)."""
    try:
        entries = [p for p in folder.iterdir() if is_article_file(p)]
    except OSError:
        return []
    return [os.path.abspath(p) for p in sorted(entries, key=lambda p: (p.name.casefold(), p.name))]


def expand_paths(paths: list[str]) -> list[str]:
    """Files stay as given; a folder becomes its articles in name order."""
    result: list[str] = []
    for name in paths:
        path = Path(name)
        result.extend(articles_in(path) if path.is_dir() else [os.path.abspath(name)])
    return result
