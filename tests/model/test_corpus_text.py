"""Every plain-text corpus file parses, keeps its headline on line 1 and loses no text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.text_checks import assert_no_text_lost
from viewer.model import load_article
from viewer.model.decode import decode_bytes, normalise_text


def _text_files(corpus_dir: Path) -> list[Path]:
    files = sorted((corpus_dir / "bbc-news" / "articles").rglob("*.txt"))
    if not files:
        pytest.skip("no BBC articles in the corpus")
    return files


def test_every_bbc_file(corpus_dir: Path) -> None:
    failures = []
    for path in _text_files(corpus_dir):
        article = load_article(path)
        text, _ = decode_bytes(path.read_bytes(), str(path))
        text = normalise_text(text)
        first_line = next(line.strip() for line in text.splitlines() if line.strip())
        if article.headline != first_line or article.tagline or article.byline or article.caption:
            failures.append(f"{path.name}: header {article.headline!r}")
            continue
        if article.published is not None:
            failures.append(f"{path.name}: spurious date {article.date_text!r}")
            continue
        try:
            assert_no_text_lost(article, text)
        except AssertionError as exc:
            failures.append(f"{path}: {exc}")
    assert not failures, "\n".join(failures[:10])


def test_seed_loses_no_text(seed_path: Path) -> None:
    assert_no_text_lost(load_article(seed_path), seed_path.read_text(encoding="utf-8"))
