"""Bad saved pages give a clear LoadError or a best-effort article, never a crash or a hang."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.model import LoadError, load_article

PARAGRAPH = "<p>" + "A sentence from a long report on the state of the river, with numbers and names. " * 6 + "</p>\n"


def test_truncated_page_is_read_as_far_as_it_goes(tmp_path: Path) -> None:
    path = tmp_path / "cut.html"
    path.write_text(f"<html><head><title>Cut short</title></head><body><article>{PARAGRAPH * 3}<p>And then it st")
    article = load_article(path)
    assert article.headline == "Cut short"
    assert article.blocks[-1].text == "And then it st"


def test_binary_garbage_named_html(tmp_path: Path) -> None:
    rng = random.Random(8)
    path = tmp_path / "photo.html"
    path.write_bytes(b"<html>" + bytes(rng.randrange(256) for _ in range(40_000)))
    with pytest.raises(LoadError, match=r"binary|not text"):
        load_article(path)


def test_garbage_without_nul_bytes(tmp_path: Path) -> None:
    rng = random.Random(9)
    path = tmp_path / "noise.html"
    path.write_bytes(b"<html><body>" + bytes(rng.randrange(1, 256) for _ in range(40_000)))
    with pytest.raises(LoadError):
        load_article(path)


def test_gigantic_page_is_read(tmp_path: Path) -> None:
    count = 2_000_000 // len(PARAGRAPH) + 10
    distinct = "".join(PARAGRAPH.replace("river", f"river number {i}") for i in range(count))
    path = tmp_path / "huge.html"
    path.write_text(f"<html><head><title>Huge</title></head><body><article>{distinct}</article></body></html>")
    article = load_article(path)
    assert article.headline == "Huge"
    assert len(article.blocks) > 100


def test_deeply_nested_page_with_title(tmp_path: Path) -> None:
    depth = 100_000
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><head><title>Nested</title></head><body>" + "<div>" * depth + "<p>deep</p>" + "</div>" * depth
    )
    article = load_article(path)
    assert article.headline == "Nested"


def test_deeply_nested_page_without_anything(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<span><div>" * 20_000 + "</div></span>" * 20_000 + "</body></html>")
    with pytest.raises(LoadError, match="no article text"):
        load_article(path)


def test_broken_and_hostile_json_ld_is_ignored(tmp_path: Path) -> None:
    nested = '{"@graph": [' * 50_000 + json.dumps({"@type": "NewsArticle", "headline": "Deep"}) + "]}" * 50_000
    deep_but_parseable = '{"@graph": [' * 50 + json.dumps({"@type": "NewsArticle", "headline": "Deep"}) + "]}" * 50
    scripts = (
        "<script type='application/ld+json'>{not json at all</script>"
        f"<script type='application/ld+json'>{nested}</script>"
        f"<script type='application/ld+json'>{deep_but_parseable}</script>"
        "<script type='application/ld+json'>[1, 2, \"three\", null]</script>"
    )
    path = tmp_path / "ld.html"
    path.write_text(f"<html><head><title>Plain title</title>{scripts}</head><body>{PARAGRAPH * 3}</body></html>")
    article = load_article(path)
    assert article.headline == "Plain title"


def test_page_with_markup_but_no_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>var a = 1;</script></head><body><div></div></body></html>")
    with pytest.raises(LoadError, match="no article text"):
        load_article(path)


def test_title_only_page_is_a_best_effort_article(tmp_path: Path) -> None:
    path = tmp_path / "title.html"
    path.write_text("<html><head><title>Only a title</title></head><body><nav>Home</nav></body></html>")
    article = load_article(path)
    assert article.headline == "Only a title"
    assert article.blocks == ()


def test_html_suffix_on_utf16_page(tmp_path: Path) -> None:
    path = tmp_path / "wide.html"
    path.write_bytes(f"<html><head><title>Wide</title></head><body>{PARAGRAPH * 3}</body></html>".encode("utf-16"))
    article = load_article(path)
    assert article.source.encoding == "utf-16-le"
    assert "state of the river" in article.text


_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<figure><img src='x.jpg' alt='a b c d'>",
        "<figcaption>",
        "</figcaption>",
        "</figure>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<ul><li>",
        "</li></ul>",
        "<blockquote>",
        "<table><tr><td>",
        '<script type=\'application/ld+json\'>{"@type": "NewsArticle", "headline": ',
        "</script>",
        "<meta property='og:title' content='",
        "'>",
        "<!--",
        "-->",
        "&amp;",
        "&#0;",
        "\x00",
        "\ufeff",
        "By Jane Roe",
        "12 March 2021",
        "The river rose by two metres overnight. ",
        "Photo: AFP",
        "<",
        ">",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(_PIECES, max_size=40))
def test_any_tag_soup_gives_an_article_or_load_error(tmp_path: Path, pieces: list[str]) -> None:
    path = tmp_path / "soup.html"
    path.write_text("<html><head><title>Soup</title></head><body>" + "".join(pieces), encoding="utf-8")
    try:
        article = load_article(path)
    except LoadError:
        return
    for block in article.blocks:
        assert block.start is not None
        assert article.text[block.start : block.end] == block.text
