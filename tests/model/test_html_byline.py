"""Author lines from saved pages: labels, glued dates, buttons, bios and fragments are cleaned away."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.model import load_article
from viewer.model.html_byline import clean_byline


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Mira Okafor", "Mira Okafor"),
        ("By Mira Okafor", "Mira Okafor"),
        ("Article by", None),
        ("Article by Mira Okafor", "Mira Okafor"),
        ("View all posts by Tomas Brandt", "Tomas Brandt"),
        ("Posted by: Tomas Brandt", "Tomas Brandt"),
        ("Written by Tomas Brandt", "Tomas Brandt"),
        ("Author Tomas Brandt", "Tomas Brandt"),
        ("Follow", None),
        ("Tomas Brandt Follow", "Tomas Brandt"),
        ("Harbour Ledger wire services Published", "Harbour Ledger wire services"),
        ("Harbour Ledger March", "Harbour Ledger"),
        ("Tomas Brandt 14.03.2023", "Tomas Brandt"),
        ("Author Ke", None),
        ("Ink", None),
        ("Reuters", "Reuters"),
        ("NPX", "NPX"),
        ("Second Edition Edited by Lena Holm", None),
        ("Tomas Brandt Tomas is a data engineer; Has Written About Harbours Since", "Tomas Brandt"),
        ("Mira Okafor; Tomas Brandt", "Mira Okafor, Tomas Brandt"),
        ("Mira Okafor | Tomas Brandt | Mira Okafor", "Mira Okafor, Tomas Brandt"),
        ("", None),
        (None, None),
    ],
)
def test_clean_byline(raw: str | None, expected: str | None) -> None:
    assert clean_byline(raw) == expected


def test_site_name_beside_a_person_is_dropped() -> None:
    assert clean_byline("The Coastal Ledger; Mira Okafor", "The Coastal Ledger") == "Mira Okafor"


def test_site_name_alone_stays() -> None:
    assert clean_byline("The Coastal Ledger", "The Coastal Ledger") == "The Coastal Ledger"


def page_by(tmp_path: Path, author: str, first: str = "") -> Path:
    """A saved page whose metadata names ``author``, with ``first`` as its first paragraph when given."""
    body = "".join(
        f"<p>Paragraph {n} about the harbour works, the ferry timetable and the budget the council approved.</p>"
        for n in range(6)
    )
    lead = f"<p>{first}</p>" if first else ""
    html = (
        f"<html><head><title>Pier closes</title><meta name='author' content='{author}'></head>"
        f"<body><article><h1>Pier closes</h1>{lead}{body}</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_page_byline_is_cleaned(tmp_path: Path) -> None:
    assert load_article(page_by(tmp_path, "View all posts by Mira Okafor")).byline == "Mira Okafor"


@pytest.mark.parametrize("first", ["Staff Reports", "5:45 AM PST 11/19/2019 by Staff Reports"])
def test_the_author_line_printed_above_the_body_is_not_a_paragraph(tmp_path: Path, first: str) -> None:
    article = load_article(page_by(tmp_path, "Staff Reports", first))
    assert article.byline == "Staff Reports"
    assert article.blocks[0].text.startswith("Paragraph 0")


def page_with_lead(tmp_path: Path, lead: str) -> Path:
    """A saved page with no author in its metadata or classes, ``lead`` the paragraph after the ``<h1>``."""
    body = "".join(
        f"<p>Paragraph {n} about the harbour works, the ferry timetable and the budget the council approved.</p>"
        for n in range(6)
    )
    html = (
        "<html><head><title>Pier closes</title></head>"
        f"<body><article><h1>Pier closes</h1><p>{lead}</p>{body}</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("lead", "byline"),
    [("By Mira Okafor", "Mira Okafor"), ("By Mira Okafor, Business Reporter", "Mira Okafor, Business Reporter")],
)
def test_a_plain_byline_paragraph_is_the_byline(tmp_path: Path, lead: str, byline: str) -> None:
    article = load_article(page_with_lead(tmp_path, lead))
    assert article.byline == byline
    assert article.blocks[0].text.startswith("Paragraph 0")


@pytest.mark.parametrize(
    "lead", ["By Monday the river had risen two metres above the quay.", "By Monday the river had risen"]
)
def test_prose_starting_with_by_stays_in_the_body(tmp_path: Path, lead: str) -> None:
    article = load_article(page_with_lead(tmp_path, lead))
    assert article.byline is None
    assert article.blocks[0].text == lead
