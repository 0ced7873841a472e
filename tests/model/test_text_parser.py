from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.model.text_checks import assert_no_text_lost
from viewer.model import BlockKind, SourceFormat, load_article
from viewer.model.article import Source
from viewer.model.decode import normalise_text
from viewer.model.text_parser import parse_text

SOURCE = Source(path="/tmp/x.txt", format=SourceFormat.TEXT, encoding="utf-8", size=0, sha256="")


def parse(text: str):  # type: ignore[no-untyped-def]
    article = parse_text(normalise_text(text), SOURCE)
    assert_no_text_lost(article, text)
    return article


def test_seed_fields(seed_path: Path) -> None:
    article = load_article(seed_path)
    assert article.tagline == "Creating new perspectives since 2009"
    assert article.headline == "Truckloads of civilians leave Daesh enclave in Syria ahead of final battle"
    assert article.published == datetime(2019, 2, 23, 10, 27)
    assert article.date_text == "February 23, 2019 at 10:27 am"
    assert article.caption is not None
    assert article.caption.text.startswith("(L to R) French Major")
    assert article.caption.credit == "DAPHNE BENOIT/AFP/Getty Images"
    assert article.caption.photographer == "DAPHNE BENOIT"
    assert article.caption.agencies == ("AFP", "Getty Images")
    related = [b for b in article.blocks if b.kind is BlockKind.RELATED]
    assert [b.text for b in related] == ["Read: Daesh ‘caliphate’ on brink of defeat in Syria"]


def test_seed_body_paragraphs_in_order(seed_path: Path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in raw.split("\n\n") if p.strip()]
    article = load_article(seed_path)
    assert [b.text for b in article.blocks] == paragraphs[4:]
    assert article.blocks[0].text.startswith("Trucks loaded with civilians")
    assert article.blocks[-1].text.startswith("Trump in December ordered")
    assert_no_text_lost(article, raw)


def test_sample_article(sample_path: Path) -> None:
    article = load_article(sample_path)
    assert article.tagline is not None
    assert article.tagline.startswith("The Harbour Ledger")
    assert article.headline.startswith("Flood barrier talks stall")
    assert article.published == datetime(2024, 3, 14, 16, 5)
    assert article.caption is not None
    assert article.caption.photographer == "LENA HOFFMANN"
    kinds = [b.kind for b in article.blocks]
    assert BlockKind.RELATED in kinds
    assert BlockKind.SUBHEADING in kinds
    assert_no_text_lost(article, sample_path.read_text(encoding="utf-8"))


def test_headline_only_on_first_line_without_header() -> None:
    article = parse("Shares rise on strong results\n\nShares rose 5% on Monday.\n\nAnalysts were surprised.\n")
    assert article.headline == "Shares rise on strong results"
    assert article.tagline is None
    assert article.published is None
    assert article.caption is None
    assert len(article.blocks) == 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("23 February 2019", datetime(2019, 2, 23)),
        ("2019-02-23T10:27:00Z", datetime(2019, 2, 23, 10, 27, tzinfo=UTC)),
        ("Feb. 23, 2019 10:27 AM GMT", datetime(2019, 2, 23, 10, 27, tzinfo=UTC)),
        ("Updated: 23 February 2019", datetime(2019, 2, 23)),
        ("Published 10:27 EST, 23 Feb 2019", datetime(2019, 2, 23, 10, 27, tzinfo=timezone(timedelta(hours=-5)))),
        ("February 23, 2019 at 10:27 am", datetime(2019, 2, 23, 10, 27)),
    ],
)
def test_date_formats(line: str, expected: datetime) -> None:
    article = parse(f"Headline here\n\n{line}\n\nBody text that is long enough to be a paragraph.\n")
    assert article.published == expected
    assert article.date_text == line
    assert len(article.blocks) == 1


@pytest.mark.parametrize(
    "byline", ["By Jane Doe", "By Jane Doe and John Smith", "Jane Doe, Reuters", "By Amir Haddad, BBC News"]
)
def test_bylines(byline: str) -> None:
    article = parse(f"Headline here\n\n{byline}\n\n5 March 2021\n\nThe body starts here. It goes on.\n")
    assert article.byline == byline
    assert article.published == datetime(2021, 3, 5)


def test_tagline_needs_a_confirming_header_line() -> None:
    with_date = parse("The Daily Lamp\n\nMayor resigns\n\n5 March 2021\n\nThe mayor resigned today.\n")
    assert with_date.tagline == "The Daily Lamp"
    assert with_date.headline == "Mayor resigns"
    without = parse("Mayor resigns\n\nCouncil shaken\n\nThe mayor resigned today after a vote.\n")
    assert without.tagline is None
    assert without.headline == "Mayor resigns"
    assert without.blocks[0].text == "Council shaken"


@pytest.mark.parametrize(
    ("caption", "text", "credit", "photographer", "agencies"),
    [
        (
            "A crowd gathers in the square. [JANE ROE/AFP/Getty Images]",
            "A crowd gathers in the square.",
            "JANE ROE/AFP/Getty Images",
            "JANE ROE",
            ("AFP", "Getty Images"),
        ),
        (
            "A crowd gathers in the square. (Photo by Jane Roe/AFP via Getty Images)",
            "A crowd gathers in the square.",
            "Jane Roe/AFP via Getty Images",
            "Jane Roe",
            ("AFP", "Getty Images"),
        ),
        (
            "A crowd gathers in the square. Photo: Reuters",
            "A crowd gathers in the square.",
            "Reuters",
            None,
            ("Reuters",),
        ),
        ("Image caption A crowd gathers in the square", "A crowd gathers in the square", None, None, ()),
        (  # who lent the picture is no photographer
            "A still life from 1761. (Photo: Courtesy of the Harbour Museum)",
            "A still life from 1761.",
            "Courtesy of the Harbour Museum",
            None,
            ("Harbour Museum",),
        ),
        (
            "Troops at the base. (Photo: File: Reuters)",
            "Troops at the base.",
            "File: Reuters",
            None,
            ("Reuters",),
        ),
        (
            "A writer in 1987. [Harbour Ledger. Photo by Karl Berg.]",
            "A writer in 1987.",
            "Harbour Ledger. Photo by Karl Berg.",
            "Karl Berg",
            (),
        ),
        (
            "A still life from 1761. [Jane Roe, courtesy Nordic Gallery]",
            "A still life from 1761.",
            "Jane Roe, courtesy Nordic Gallery",
            "Jane Roe",
            ("Nordic Gallery",),
        ),
    ],
)
def test_caption_credits(
    caption: str, text: str, credit: str | None, photographer: str | None, agencies: tuple[str, ...]
) -> None:
    article = parse(f"Headline here\n\n1 May 2020\n\n{caption}\n\nBody paragraph one. It is here.\n")
    assert article.caption is not None
    assert article.caption.text == text
    assert article.caption.credit == credit
    assert article.caption.photographer == photographer
    assert article.caption.agencies == agencies
    assert [b.text for b in article.blocks] == ["Body paragraph one. It is here."]


def test_image_source_line_gives_the_credit() -> None:
    article = parse("Headline here\n\nImage source, Getty Images\n\nImage caption, Fans at the gate\n\nBody.\n")
    assert article.caption is not None
    assert article.caption.text == "Fans at the gate"
    assert article.caption.credit == "Getty Images"


def test_body_is_never_promoted_to_metadata() -> None:
    article = parse(
        "Cup draw made\n\nReading or Swansea v Chelsea\n\nThe draw was made on 23 February 2019 in London.\n\n"
        "Read more: earlier rounds\n"
    )
    assert article.published is None
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.RELATED]


def test_whole_article_in_one_paragraph_has_no_headline() -> None:
    text = "This is a long sentence of body text. " * 12
    article = parse(text)
    assert article.headline == ""
    assert len(article.blocks) == 1


def test_one_word_paragraphs_and_lists_stay_body() -> None:
    article = parse("Title\n\nHe said it\n\nwas\n\nfine.\n\n - first point\n - second point\n")
    assert [b.text for b in article.blocks] == ["He said it", "was", "fine.", "- first point", "- second point"]
    assert [b.kind for b in article.blocks][-2:] == [BlockKind.LIST_ITEM, BlockKind.LIST_ITEM]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Title\n\nThe committee met on Tuesday to discuss the budget for the\n"
        "coming year, and after a long debate agreed to raise spending\non schools.\n"
    )
    article = parse(text)
    assert len(article.blocks) == 1
    assert article.blocks[0].text.endswith("raise spending on schools.")


def test_subheading_between_paragraphs() -> None:
    article = parse(
        "Title\n\nFirst paragraph of the story ends here.\n\nWhat happens next\n\n"
        "A much longer paragraph follows the subheading and explains the next steps in detail.\n"
    )
    assert article.blocks[1].kind is BlockKind.SUBHEADING


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=600))
def test_parser_never_crashes_and_keeps_all_words(text: str) -> None:
    article = parse_text(normalise_text(text), SOURCE)
    assert_no_text_lost(article, normalise_text(text))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Headline",
                "By Jo Bloggs",
                "3 March 2020",
                "Read: more",
                "- item",
                "word",
                "A caption. [X/AFP]",
                "Sentence one. Sentence two.",
                "Updated: 4 March 2020 10:00 GMT",
                "",
                "Image caption, Thing",
            ]
        ),
        max_size=12,
    )
)
def test_parser_on_header_like_lines(lines: list[str]) -> None:
    text = "\n\n".join(lines)
    assert_no_text_lost(parse_text(normalise_text(text), SOURCE), text)


def test_published_and_updated_lines() -> None:
    article = parse("Title\n\n23 February 2019\n\nUpdated: 24 February 2019 08:00 GMT\n\nBody text here.\n")
    assert article.published == datetime(2019, 2, 23)
    assert article.date_text == "23 February 2019\nUpdated: 24 February 2019 08:00 GMT"
    assert [b.text for b in article.blocks] == ["Body text here."]


def test_byline_and_date_on_one_line() -> None:
    article = parse("Title\n\nBy Jane Doe | February 23, 2019\n\nBody text here.\n")
    assert article.byline == "By Jane Doe"
    assert article.published == datetime(2019, 2, 23)
    assert article.date_text == "February 23, 2019"
