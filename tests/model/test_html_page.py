"""Saved web pages: fields, block kinds, caption and credit, metadata fallbacks, MHTML, local images."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.mime.image import MIMEImage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest

from viewer.model import BlockKind, LoadError, SourceFormat, load_article
from viewer.model.article import Image
from viewer.model.serialize import article_to_dict

BODY = (
    "<p>The harbour authority in Port Elling voted on Tuesday to close the old ferry pier for a year of repairs, "
    "after divers found cracked pilings under the busiest berth.</p>"
    "<p>Commuters will be moved to a temporary landing two streets north, which opens next month with a "
    "shuttle bus running every ten minutes during the morning rush.</p>"
    "<h2>What changes for passengers</h2>"
    "<ul><li>Tickets bought for the old pier stay valid until the end of the season.</li>"
    "<li>Bicycles travel free on the shuttle while the works last.</li></ul>"
    "<blockquote><p>We would rather close it on our own terms than have the pier close itself.</p></blockquote>"
    "<p>The repairs are expected to cost about four million, shared between the city and the regional "
    "transport fund, according to figures published with the vote.</p>"
)

LD = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "headline": "Port Elling to close ferry pier for a year",
    "datePublished": "2023-03-14T09:30:00+01:00",
    "author": [{"@type": "Person", "name": "Mira Okafor"}],
    "publisher": {"@type": "Organization", "name": "The Coastal Ledger"},
    "inLanguage": "en-GB",
}


def page(body: str = BODY, head: str = "", *, h1: str = "Port Elling to close ferry pier for a year") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>Port Elling to close ferry pier for a year | The Coastal Ledger</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>{h1}</h1>{body}</article>"
        "<footer>© The Coastal Ledger. All rights reserved.</footer></body></html>"
    )


def ld_script(data: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


def write(tmp_path: Path, html: str, name: str = "page.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_fields_come_from_json_ld(tmp_path: Path) -> None:
    og = "<meta property='og:url' content='https://ledger.example/news/pier'>"
    article = load_article(write(tmp_path, page(head=ld_script(LD) + og)))
    assert article.source.format is SourceFormat.HTML
    assert article.source.url == "https://ledger.example/news/pier"
    assert article.source.language == "en"
    assert article.headline == "Port Elling to close ferry pier for a year"
    assert article.byline == "Mira Okafor"
    assert article.tagline == "The Coastal Ledger"
    assert article.published is not None
    assert article.published.replace(tzinfo=None) == datetime(2023, 3, 14, 9, 30)
    assert article.date_text == "2023-03-14T09:30:00+01:00"


def test_block_kinds_and_no_headline_in_body(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, page(head=ld_script(LD))))
    kinds = [b.kind for b in article.blocks]
    assert kinds == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.SUBHEADING,
        BlockKind.LIST_ITEM,
        BlockKind.LIST_ITEM,
        BlockKind.QUOTE,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[0].text.startswith("The harbour authority in Port Elling")
    assert all(article.headline not in b.text for b in article.blocks)
    assert "Home" not in article.text
    assert "All rights reserved" not in article.text


def test_block_ranges_index_article_text(tmp_path: Path) -> None:
    article = load_article(write(tmp_path, page()))
    for block in article.blocks:
        assert block.start is not None
        assert block.end is not None
        assert article.text[block.start : block.end] == block.text
    assert article.text == "\n\n".join(b.text for b in article.blocks)


def test_opengraph_fills_what_the_page_lacks(tmp_path: Path) -> None:
    head = (
        "<meta property='og:title' content='Port Elling to close ferry pier for a year'>"
        "<meta property='og:site_name' content='Coastal Ledger'>"
        "<meta property='article:published_time' content='2023-03-14T08:00:00Z'>"
        "<meta property='og:locale' content='en_US'>"
        "<meta name='author' content='Mira Okafor'>"
    )
    html = page(head=head).replace("<html lang='en'>", "<html>")
    article = load_article(write(tmp_path, html))
    assert article.tagline == "Coastal Ledger"
    assert article.source.language == "en"
    assert article.published == datetime(2023, 3, 14, 8, 0, tzinfo=UTC)
    assert article.byline == "Mira Okafor"


def test_caption_and_credit_from_figcaption(tmp_path: Path) -> None:
    figure = (
        "<figure><img src='https://img.ledger.example/pier.jpg' alt='The ferry pier at low tide'>"
        "<figcaption>Divers inspect the pilings under the ferry pier. "
        "<span class='credit'>Jonas Berg/Reuters</span></figcaption></figure>"
    )
    article = load_article(write(tmp_path, page(figure + BODY)))
    assert article.caption is not None
    assert article.caption.text == "Divers inspect the pilings under the ferry pier."
    assert article.caption.credit == "Jonas Berg/Reuters"
    assert article.caption.photographer == "Jonas Berg"
    assert article.caption.agencies == ("Reuters",)
    assert all("Divers inspect" not in b.text for b in article.blocks)
    assert article.image is not None
    assert article.image.src == "https://img.ledger.example/pier.jpg"
    assert article.image.alt == "The ferry pier at low tide"
    assert article.image.path is None


def test_bracketed_credit_inside_caption_text(tmp_path: Path) -> None:
    figure = (
        "<figure><img src='pier.jpg' alt=''><figcaption>The old pier closes in April [ANNA LIND/AFP/Getty Images]"
        "</figcaption></figure>"
    )
    caption = load_article(write(tmp_path, page(figure + BODY))).caption
    assert caption is not None
    assert caption.text == "The old pier closes in April"
    assert caption.photographer == "ANNA LIND"
    assert caption.agencies == ("AFP", "Getty Images")


def test_lead_figure_is_the_og_image_one(tmp_path: Path) -> None:
    figures = (
        "<figure><img src='/media/logo-strip.png'><figcaption>Sponsored by the harbour fund</figcaption></figure>"
        "<figure><img src='/media/2023/pier-main.jpg'><figcaption>The pier seen from the water</figcaption></figure>"
    )
    head = "<meta property='og:image' content='https://cdn.ledger.example/media/2023/pier-main.jpg?w=1200'>"
    caption = load_article(write(tmp_path, page(figures + BODY, head))).caption
    assert caption is not None
    assert caption.text == "The pier seen from the water"


def test_local_image_beside_the_page(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "pier.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    figure = "<figure><img src='page_files/pier.jpg' alt='pier'><figcaption>The pier in winter</figcaption></figure>"
    image = load_article(write(tmp_path, page(figure + BODY))).image
    assert image is not None
    assert image.path == str(tmp_path / "page_files" / "pier.jpg")


def test_image_outside_the_page_folder_is_not_local(tmp_path: Path) -> None:
    (tmp_path / "secret.jpg").write_bytes(b"x")
    folder = tmp_path / "saved"
    folder.mkdir()
    figure = "<figure><img src='../secret.jpg'><figcaption>An image outside the saved folder</figcaption></figure>"
    image = load_article(write(folder, page(figure + BODY))).image
    assert image is not None
    assert image.path is None


def test_markup_in_text_stays_text(tmp_path: Path) -> None:
    body = "<p>Readers wrote &lt;img src=x onerror=alert(1)&gt; into the comment box &amp; it showed as text.</p>"
    article = load_article(write(tmp_path, page(body * 3)))
    assert "<img src=x onerror=alert(1)> into the comment box & it showed" in article.text


def test_short_page_still_has_its_paragraph(tmp_path: Path) -> None:
    html = "<html><head><title>Notice</title></head><body><p>The library is closed on Monday.</p></body></html>"
    article = load_article(write(tmp_path, html))
    assert article.headline == "Notice"
    assert [b.text for b in article.blocks] == ["The library is closed on Monday."]


def test_xhtml_with_xml_declaration(tmp_path: Path) -> None:
    html = "<?xml version='1.0' encoding='iso-8859-1'?>\n" + page().replace("<meta charset='utf-8'>", "")
    html = html.replace("harbour authority", "harbour authority of Mälarö")
    article = load_article(write(tmp_path, html, "page.xhtml", "latin-1"))
    assert "harbour authority of Mälarö" in article.text
    assert article.source.encoding == "cp1252"


def mhtml(html: str, location: str | None = "https://ledger.example/news/pier", charset: str = "utf-8") -> bytes:
    package = MIMEMultipart("related", type="text/html")
    package["Subject"] = "Port Elling to close ferry pier"
    package["Snapshot-Content-Location"] = location or ""
    part = MIMEText(html, "html", charset)
    if location:
        part["Content-Location"] = location
    package.attach(part)
    picture = MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif")
    picture["Content-Location"] = "https://img.ledger.example/pier.gif"
    package.attach(picture)
    return package.as_bytes()


def test_mhtml_reads_the_html_part(tmp_path: Path) -> None:
    path = tmp_path / "pier.mhtml"
    path.write_bytes(mhtml(page(head=ld_script(LD))))
    article = load_article(path)
    assert article.source.format is SourceFormat.HTML
    assert article.source.url == "https://ledger.example/news/pier"
    assert article.headline == "Port Elling to close ferry pier for a year"
    assert article.blocks[0].text.startswith("The harbour authority")


def test_mhtml_part_charset_is_used(tmp_path: Path) -> None:
    html = page().replace("<meta charset='utf-8'>", "").replace("harbour authority", "harbour authority of Mälarö")
    path = tmp_path / "pier.mht"
    path.write_bytes(mhtml(html, charset="iso-8859-1"))
    assert "harbour authority of Mälarö" in load_article(path).text


def test_mhtml_without_a_page_is_refused(tmp_path: Path) -> None:
    package = MIMEMultipart("related")
    package.attach(MIMEText("just a note", "plain"))
    path = tmp_path / "empty.mhtml"
    path.write_bytes(package.as_bytes())
    with pytest.raises(LoadError, match="no web page"):
        load_article(path)


def test_json_has_the_image_key(tmp_path: Path) -> None:
    figure = "<figure><img src='https://img.example/p.jpg' alt='a pier'><figcaption>The pier</figcaption></figure>"
    data = article_to_dict(load_article(write(tmp_path, page(figure + BODY))))
    assert data["image"] == {"src": "https://img.example/p.jpg", "alt": "a pier", "path": None}
    assert data["caption"]["text"] == "The pier"


def test_boilerplate_lines_leave_the_body(tmp_path: Path) -> None:
    tail = (
        "<p>To continue reading, please subscribe or log in to your account.</p>"
        "<p>Advertisement</p>"
        "<h3>Related stories</h3><ul><li><a href='/a'>Another pier story</a></li></ul>"
    )
    article = load_article(write(tmp_path, page(BODY + tail)))
    assert "subscribe" not in article.text
    assert "Advertisement" not in article.text
    assert "Another pier story" not in article.text
    assert article.blocks[-1].text.startswith("The repairs are expected")


@pytest.mark.parametrize(
    ("figcaption", "text", "credit"),
    [
        (
            "<span>Cranes lift the first new piling.</span><span>Credit: Ola Sund/TT</span>",
            "Cranes lift the first new piling.",
            "Ola Sund/TT",
        ),
        (
            "Cranes lift the first new piling. <small>Image credit: Harbour Authority</small>",
            "Cranes lift the first new piling.",
            "Harbour Authority",
        ),
        (
            "Cranes lift the first new piling. <cite>File: Reuters</cite>",
            "Cranes lift the first new piling.",
            "Reuters",
        ),
        ("Image caption, Cranes lift the first new piling", "Cranes lift the first new piling", None),
        (
            "Cranes lift the first new piling. <span class='caption-credit'><span>Credit</span>: Photo: NTB</span>",
            "Cranes lift the first new piling.",
            "NTB",
        ),
        (
            "Cranes lift the first new piling. <span class='credit'>(Image credit: Harbour Authority)</span>",
            "Cranes lift the first new piling.",
            "Harbour Authority",
        ),
        ("Kräne heben den ersten Pfahl Foto: Adobe Stock", "Kräne heben den ersten Pfahl", "Adobe Stock"),
    ],
)
def test_caption_credit_shapes(tmp_path: Path, figcaption: str, text: str, credit: str | None) -> None:
    figure = f"<figure><img src='https://img.example/c.jpg'><figcaption>{figcaption}</figcaption></figure>"
    caption = load_article(write(tmp_path, page(figure + BODY))).caption
    assert caption is not None
    assert (caption.text, caption.credit) == (text, credit)


def test_caption_by_class_name_when_there_is_no_figure(tmp_path: Path) -> None:
    photo = (
        "<div class='lead-photo'><img src='https://img.example/p.jpg' alt=''>"
        "<div class='caption'><div class='photo-credits'>Photo: Lena Holm</div>"
        "<div class='photo-caption'>Repair crews at the old ferry pier on Monday.</div></div></div>"
    )
    article = load_article(write(tmp_path, page(photo + BODY)))
    assert article.caption is not None
    assert article.caption.text == "Repair crews at the old ferry pier on Monday."
    assert article.caption.photographer == "Lena Holm"


def test_news_about_comments_and_subscribers_stays(tmp_path: Path) -> None:
    news = (
        "<p>The streaming service said its subscribers would get access to the new channel in May.</p>"
        "<p>The mayor's comments were called offensive by the harbour workers' union on Friday.</p>"
    )
    article = load_article(write(tmp_path, page(BODY + news)))
    assert "subscribers would get access" in article.text
    assert "comments were called offensive" in article.text


def test_plain_page_saved_with_an_mht_name(tmp_path: Path) -> None:
    path = write(tmp_path, page(), "pier.mht")
    assert load_article(path).blocks[0].text.startswith("The harbour authority")


def test_leaked_page_data_and_copyright_lines_leave_the_body(tmp_path: Path) -> None:
    tail = "<p>2023-03-14T09:30:00+01:00</p><p>© 2023 The Coastal Ledger</p><p>Source: https://ledger.example/data</p>"
    article = load_article(write(tmp_path, page(BODY + tail)))
    assert "2023-03-14T09:30" not in article.text
    assert "© 2023" not in article.text
    assert article.blocks[-1].text == "Source: https://ledger.example/data"


def _unwrapped_page(body: str, head: str = "") -> str:
    """A page without ``<article>`` or ``<main>``: the body sits in plain divs, as on many news sites."""
    return (
        f"<html><head><title>Port Elling to close ferry pier for a year</title>{head}</head><body>"
        f"<div class='story'><h1>Port Elling to close ferry pier for a year</h1>{body}</div></body></html>"
    )


def test_related_story_thumbnail_is_not_the_lead(tmp_path: Path) -> None:
    related = "".join(
        f"<li><a href='/news/{n}'><figure><img src='https://img.example/{n}.jpg' alt='Snow falls on the "
        f"northern ridge above the valley {n}'></figure></a></li>"
        for n in range(3)
    )
    filler = "<div class='ad-slot'>" + "<span>advert</span>" * 100 + "</div>"
    body = f"{BODY}{filler}<div class='col-4'><div class='carousel'><ul>{related}</ul></div></div>"
    head = "<meta property='og:image' content='https://img.example/share/pier-main.jpg'>"
    article = load_article(write(tmp_path, _unwrapped_page(body, head)))
    assert article.caption is None
    assert article.image is not None
    assert article.image.src.endswith("pier-main.jpg")


def test_captioned_figure_below_the_body_outside_the_article_is_not_the_lead(tmp_path: Path) -> None:
    other = "<figure><img src='https://img.example/x.jpg'><figcaption>Hikers on the ridge trail</figcaption></figure>"
    filler = "<div>" + "<span>advert</span>" * 100 + "</div>"
    html = _unwrapped_page(f"<div class='column'>{BODY}</div>{filler}<div class='sidebar'>{other}</div>")
    article = load_article(write(tmp_path, html))
    assert article.caption is None


def test_lead_photo_carousel_in_the_article_header_still_counts(tmp_path: Path) -> None:
    header = (
        "<header><div class='carousel slide'><div class='carousel-item'><img src='https://img.example/p.jpg'>"
        "<div class='caption'>Repair crews at the old ferry pier on Monday.</div></div></div></header>"
    )
    article = load_article(write(tmp_path, page(header + BODY)))
    assert article.caption is not None
    assert article.caption.text == "Repair crews at the old ferry pier on Monday."


def test_cms_name_declared_as_headline_loses_to_the_shown_title(tmp_path: Path) -> None:
    head = ld_script({**LD, "headline": "contentstudio"})
    article = load_article(write(tmp_path, page(BODY, head)))
    assert article.headline == "Port Elling to close ferry pier for a year"


def test_a_json_ld_headline_cut_short_loses_to_the_whole_h1_the_title_repeats(tmp_path: Path) -> None:
    head = ld_script({**LD, "headline": "Port Elling to close ferry"})  # a CMS cut it at a length limit
    article = load_article(write(tmp_path, page(BODY, head)))
    assert article.headline == "Port Elling to close ferry pier for a year"
    assert article.blocks[0].text != article.headline


def test_the_articles_own_gallery_list_still_gives_the_lead(tmp_path: Path) -> None:
    gallery = (
        "<div class='asset_gallery'><ul class='gallery'><li class='gallery-item'>"
        "<a href='https://img.example/big/pier.jpg'><img src='https://img.example/pier.jpg'></a>"
        "<figcaption>Divers inspect the pilings under the ferry pier.</figcaption></li></ul></div>"
    )
    article = load_article(write(tmp_path, page(gallery + BODY)))
    assert article.caption is not None
    assert article.caption.text == "Divers inspect the pilings under the ferry pier."


def test_linked_story_card_in_the_article_is_not_the_lead(tmp_path: Path) -> None:
    cards = (
        "<ul class='newswire'><li><a href='/sport/ridge-race'><figure><img src='https://img.example/r.jpg'>"
        "<figcaption>Runners climb the northern ridge</figcaption></figure></a></li></ul>"
    )
    article = load_article(write(tmp_path, page(cards + BODY)))
    assert article.caption is None


def test_figure_in_the_body_column_of_a_page_without_article_element(tmp_path: Path) -> None:
    inline = (
        "<figure><img src='https://img.example/crane.jpg'><figcaption>Cranes lift the first new piling"
        "</figcaption></figure>"
    )
    filler = "<p>" + "More about the timetable and the shuttle buses for the season. " * 3 + "</p>"
    body = f"<div class='story-body'>{BODY}{filler * 3}{inline}</div>"
    article = load_article(write(tmp_path, _unwrapped_page(body)))
    assert article.caption is not None
    assert article.caption.text == "Cranes lift the first new piling"


def test_standfirst_reused_as_caption_stays_in_the_body(tmp_path: Path) -> None:
    lead = "The harbour authority will close the old ferry pier for a year of repairs."
    figure = (
        f"<figure><img src='https://img.example/pier.jpg'><figcaption><p>{lead}</p></figcaption></figure>"
        f"<div class='content'><p>{lead}</p></div>"
    )
    article = load_article(write(tmp_path, page(figure + BODY)))
    assert article.caption is not None
    assert article.caption.text == lead
    assert article.blocks[0].text == lead


def test_alt_text_is_not_repeated_when_the_caption_or_headline_says_it() -> None:
    caption = "Divers inspect the pilings under the ferry pier."
    assert Image("https://img.example/p.jpg", alt="Divers inspect  the pilings").alt_beside(caption) == ""
    assert Image("https://img.example/p.jpg", alt="The old pier").alt_beside(caption) == "The old pier"
    assert Image("https://img.example/p.jpg", alt="The old pier").alt_beside("") == "The old pier"
    glued = Image("https://img.example/p.jpg", alt=f"{caption} Photo: Karl Berg / Copyright 2019")
    assert glued.alt_beside("Pier to close", caption) == ""
    assert Image("https://img.example/p.jpg", alt="Pier to close").alt_beside("Pier to close", caption) == ""


def test_a_most_read_rail_in_the_article_leaves_no_heading_behind(tmp_path: Path) -> None:
    rail = (
        "<div class='rail'><h3>Most read in world news</h3><ul><li><a href='/a'>Storm hits the coast</a></li>"
        "<li><a href='/b'>Ferry fares to rise</a></li></ul></div>"
    )
    paragraphs = BODY.split("<h2>")
    article = load_article(write(tmp_path, page(paragraphs[0] + rail + "<h2>" + paragraphs[1])))
    texts = [block.text for block in article.blocks]
    assert "Most read in world news" not in texts
    assert "What changes for passengers" in texts


@pytest.mark.parametrize(
    "figcaption",
    [
        "Divers inspect the pilings under the old pier. Divers inspect the pilings under the old pier.",
        "Divers inspect the pilings under the old pier. <button>less</button> Divers inspect the pilings"
        " under… <button>more</button>",
    ],
)
def test_a_caption_the_page_prints_twice_is_read_once(tmp_path: Path, figcaption: str) -> None:
    figure = f"<figure><img src='p.jpg' alt='x'><figcaption>{figcaption}</figcaption></figure>"
    article = load_article(write(tmp_path, page(figure + BODY)))
    assert article.caption is not None
    assert article.caption.text == "Divers inspect the pilings under the old pier."


def test_a_shouted_line_is_a_subheading_and_a_drawn_rule_no_block(tmp_path: Path) -> None:
    body = BODY.replace("</p>", "</p><p>WHO WILL RUN THE FERRY?</p><p>___</p>", 1)
    article = load_article(write(tmp_path, page(body)))
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["WHO WILL RUN THE FERRY?"] is BlockKind.SUBHEADING
    assert "___" not in kinds
    assert kinds["What changes for passengers"] is BlockKind.SUBHEADING
    assert kinds[article.blocks[0].text] is BlockKind.PARAGRAPH
