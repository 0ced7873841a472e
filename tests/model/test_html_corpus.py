"""The saved-page corpora end to end, with the network blocked for the whole run (skipped without ../shared)."""

from __future__ import annotations

import gzip
import json
import re
import socket
from pathlib import Path
from typing import Any

import pytest

from viewer.model import Article, LoadError, load_article

pytestmark = pytest.mark.corpus

_SPACE = re.compile(r"\s+")
_FIGCAPTION = re.compile(rb"<figcaption[^>]*>\s*(?:<[^>]+>\s*)*[^<\s]", re.IGNORECASE)


def norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


@pytest.fixture(scope="module")
def corpus_run(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every page of both HTML corpora loaded while any socket connection or name lookup raises."""
    pages = sorted((corpus_dir / "trafilatura-pages" / "pages").glob("*"))
    unzipped = tmp_path_factory.mktemp("aeb")
    for gz in sorted((corpus_dir / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        target = unzipped / gz.name.removesuffix(".gz")
        with gzip.open(gz, "rb") as handle:
            target.write_bytes(handle.read())
        pages.append(target)
    if not pages:
        pytest.skip("the HTML corpora are empty")
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("the network is blocked in this test")

    results: dict[Path, Article | LoadError] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "create_connection", refuse)
        patch.setattr(socket, "getaddrinfo", refuse)
        for page in pages:
            try:
                results[page] = load_article(page)
            except LoadError as exc:
                results[page] = exc
    return {"results": results, "attempts": attempts}


def articles(run: dict[str, Any]) -> dict[Path, Article]:
    return {path: result for path, result in run["results"].items() if isinstance(result, Article)}


def test_nothing_is_fetched(corpus_run: dict[str, Any]) -> None:
    assert corpus_run["attempts"] == []


def test_every_page_is_an_article(corpus_run: dict[str, Any]) -> None:
    failed = {p.name: r.reason for p, r in corpus_run["results"].items() if isinstance(r, LoadError)}
    assert failed == {}


def test_block_ranges_index_the_text(corpus_run: dict[str, Any]) -> None:
    for article in articles(corpus_run).values():
        for block in article.blocks:
            assert block.start is not None
            assert block.end is not None
            assert article.text[block.start : block.end] == block.text


def test_headline_is_never_the_first_block(corpus_run: dict[str, Any]) -> None:
    for path, article in articles(corpus_run).items():
        if article.blocks and article.headline:
            assert norm(article.blocks[0].text).casefold() != norm(article.headline).casefold(), path.name


def test_must_and_must_not_strings(corpus_dir: Path, corpus_run: dict[str, Any]) -> None:
    folder = corpus_dir / "trafilatura-pages"
    expectations = json.loads((folder / "expectations.json").read_text(encoding="utf-8"))
    found = absent = musts = must_nots = 0
    done = articles(corpus_run)
    for name, expected in expectations.items():
        article = done[folder / "pages" / name]
        body = norm("\n".join(b.text for b in article.blocks))
        musts += len(expected["with"])
        must_nots += len(expected["without"])
        found += sum(norm(s) in body for s in expected["with"])
        absent += sum(norm(s) not in body for s in expected["without"])
    # Plain trafilatura 2.3.1 scores 94.9% and 88.9% here (see bench/html_quality.py).
    assert found / musts >= 0.94
    assert absent / must_nots >= 0.93


def test_caption_found_where_the_page_has_a_figcaption(corpus_run: dict[str, Any]) -> None:
    with_figcaption = [p for p in articles(corpus_run) if _FIGCAPTION.search(p.read_bytes())]
    captioned = [p for p in with_figcaption if articles(corpus_run)[p].caption is not None]
    assert len(with_figcaption) >= 10
    assert len(captioned) >= 0.9 * len(with_figcaption)


def test_pages_that_are_not_utf8_decode_to_clean_text(corpus_run: dict[str, Any]) -> None:
    for path, article in articles(corpus_run).items():
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            assert "\ufffd" not in article.text, path.name
            assert not re.search("Ã[\u0080-\u00bf]", article.text), path.name
