"""Saved pages' publication dates: the page's own date or none, and the date line's words as printed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from viewer.model import load_article

PROSE = (
    "<p>The ferry operator said on Monday that the old pier would close for repairs, a job that keeps "
    "forty divers and welders busy through the winter.</p>"
    "<p>The harbour board and the regional transport fund were also named in the audit published by the "
    "port inspectorate in March 2024.</p>"
    "<p>Commuters will use a temporary landing two streets north, with a shuttle bus every ten minutes.</p>"
)


def saved(tmp_path: Path, header: str = "", head: str = "", footer: str = "") -> Path:
    """A saved article page with ``header`` printed between its ``<h1>`` and its body."""
    html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Pier to close for repairs</title>"
        f"{head}</head><body><article><h1>Pier to close for repairs</h1>{header}{PROSE}</article>{footer}"
        "</body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_a_month_named_in_the_prose_is_no_publication_date(tmp_path: Path) -> None:
    article = load_article(saved(tmp_path, "<p>By Lena Holm</p>"))
    assert article.published is None
    assert article.date_text is None


def test_a_copyright_year_is_no_publication_date(tmp_path: Path) -> None:
    article = load_article(saved(tmp_path, footer="<footer><p>© 2020 Harbour Ledger</p></footer>"))
    assert article.published is None


def test_the_printed_date_line_gives_the_date_and_its_words(tmp_path: Path) -> None:
    article = load_article(saved(tmp_path, "<p>Published 4 March 2024</p>"))
    assert article.published == datetime(2024, 3, 4)
    assert article.date_text == "Published 4 March 2024"
    assert "Published" not in article.text


@pytest.mark.parametrize(
    ("header", "words"),
    [
        (
            "<div class='meta'><span>Published</span> <time datetime='2024-03-04'>4 March 2024</time></div>",
            "Published 4 March 2024",
        ),
        (
            "<div class='meta'><time datetime='2024-03-04'><span>Mar 4,</span> <span>2024</span></time></div>",
            "Mar 4, 2024",
        ),
    ],
)
def test_the_printed_words_name_a_date_found_in_the_page_tags(tmp_path: Path, header: str, words: str) -> None:
    article = load_article(saved(tmp_path, header))
    assert article.published == datetime(2024, 3, 4)
    assert article.date_text == words


def test_a_printed_time_is_kept(tmp_path: Path) -> None:
    head = "<meta property='article:published_time' content='2024-03-04'>"
    article = load_article(saved(tmp_path, "<p>March 4, 2024 at 10:27 am</p>", head))
    assert article.published == datetime(2024, 3, 4, 10, 27)
    assert article.date_text == "March 4, 2024 at 10:27 am"


def test_the_printed_date_line_wins_over_a_stale_tag(tmp_path: Path) -> None:
    head = "<meta name='date' content='2011-02-21'>"
    article = load_article(saved(tmp_path, "<p>03.03.2011, 14:17</p>", head))
    assert article.published == datetime(2011, 3, 3, 14, 17)
    assert article.date_text == "03.03.2011, 14:17"


def test_a_date_only_in_the_metadata_keeps_its_declared_words(tmp_path: Path) -> None:
    head = "<meta property='article:published_time' content='2024-03-04T09:30:00+01:00'>"
    article = load_article(saved(tmp_path, head=head))
    assert article.published is not None
    assert article.published.replace(tzinfo=None) == datetime(2024, 3, 4, 9, 30)
    assert article.date_text == "2024-03-04T09:30:00+01:00"


def test_an_updated_line_is_no_publication_date_when_the_page_has_one(tmp_path: Path) -> None:
    head = "<meta property='article:published_time' content='2024-03-01T08:00:00+00:00'>"
    both = load_article(saved(tmp_path, "<p>Published 1 March 2024</p><p>Updated 6 March 2024</p>", head))
    assert both.published is not None
    assert both.published.date() == datetime(2024, 3, 1).date()
    assert both.date_text == "Published 1 March 2024\nUpdated 6 March 2024"  # the lines as printed
    only_update = load_article(saved(tmp_path, "<p>Updated 6 March 2024</p>", head))
    assert only_update.published is not None
    assert only_update.published.date() == datetime(2024, 3, 1).date()  # the tag's day, not the update's
    assert only_update.date_text == "2024-03-01T08:00:00+00:00"  # and the tag's words, not the update's
    nothing_else = load_article(saved(tmp_path, "<p>Updated 6 March 2024</p>"))
    assert nothing_else.published == datetime(2024, 3, 6)  # the one date the page gives
