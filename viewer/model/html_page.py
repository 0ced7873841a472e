"""Saved web pages (HTML, XHTML and MHTML) to an Article: trafilatura's body and metadata plus the page's own."""

from __future__ import annotations

import email
import email.policy
import logging
import re
from datetime import date, datetime, time
from email.message import Message
from typing import Any

from trafilatura import bare_extraction
from trafilatura.settings import set_date_params
from trafilatura.utils import load_html

from viewer.model.article import Article, Block, BlockKind, Caption, Image, SourceFormat
from viewer.model.dates import MAX_DATE_LINE, parse_date_line
from viewer.model.errors import LoadError
from viewer.model.html_blocks import body_blocks, clean_line, fallback_blocks, fold
from viewer.model.html_boilerplate import drop_boilerplate
from viewer.model.html_byline import clean_byline, printed_byline
from viewer.model.html_charset import decode_html
from viewer.model.html_figure import LeadFigure, find_lead_figure, local_image_path
from viewer.model.html_language import page_language
from viewer.model.html_meta import PageMeta, read_page_meta
from viewer.model.loader import make_source

# trafilatura and htmldate report every page they give up on; that is our business to tell, not theirs.
for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

#: How many leading body blocks may repeat the headline (site name, kicker, then the title).
HEADLINE_WINDOW = 3
#: A line that is a time or date and then "by" someone.
_DATED_BYLINE = re.compile(r"^[\d\s:/.,APMapm]+[A-Z]{0,4}\s+[\d/.\-]*\s*by\s", re.IGNORECASE)
#: How many leading body blocks may be the page's date or byline line.
HEADER_WINDOW = 5
_WORD = re.compile(r"\w{4,}")
#: A date line that says when the page changed, not when it was published.
_UPDATED = re.compile(r"\s*(?:last\s+)?(?:updated|modified|edited)\b", re.IGNORECASE)
#: How many elements up from a date's own text its label may sit ("<p>Published <time>…</time></p>").
DATE_LINE_DEPTH = 3


def parse_html_bytes(data: bytes, path: str) -> Article:
    """Parse a saved HTML or XHTML page.

    Raises:
        LoadError: binary data, or a page with neither a title nor any text.
    """
    text, encoding, notes = decode_html(data, path)
    return _parse_page(text, data, path, encoding=encoding, notes=notes, saved_from=None)


def parse_mhtml_bytes(data: bytes, path: str) -> Article:
    """Parse a single-file MHTML save: the first ``text/html`` part is the page.

    Raises:
        LoadError: no HTML part in the MIME package, or that part is not a readable page.
    """
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None and not message.is_multipart() and b"<" in data[:4096]:
        return parse_html_bytes(data, path)  # a plain page saved under an .mht name
    if page is None:
        raise LoadError(path, "MHTML file holds no web page (no text/html part)")
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise LoadError(path, "MHTML file's web page is empty")
    text, encoding, notes = decode_html(payload, path, page.get_content_charset())
    return _parse_page(text, data, path, encoding=encoding, notes=notes, saved_from=_saved_from(message, page))


def _saved_from(message: Message, page: Message) -> str | None:
    """The address the browser saved the page from (Chrome's snapshot header or the part's location)."""
    for header in (message.get("Snapshot-Content-Location"), page.get("Content-Location")):
        if header and str(header).startswith(("http://", "https://")):
            return str(header).strip()
    return None


def _parse_page(
    html: str, data: bytes, path: str, *, encoding: str, notes: tuple[str, ...], saved_from: str | None
) -> Article:
    """Everything after decoding, shared by HTML and MHTML."""
    try:
        tree = load_html(html)
    except (ValueError, TypeError):
        tree = None
    if tree is None:
        raise LoadError(path, "not a readable web page")
    meta = read_page_meta(tree)
    document = _extract(tree)
    extracted = (body_blocks(document.body) if document is not None else []) or fallback_blocks(tree)
    body_start = next((text for kind, text in extracted if kind is BlockKind.PARAGRAPH), None)
    figure = find_lead_figure(tree, meta.image, body_start)
    headline = _headline(meta, document)
    caption = figure.caption if figure else None
    site = meta.site_name or _attr(document, "sitename")
    byline = _byline(meta, document, site)
    texts, header = _body_texts(extracted, headline, caption, tree, byline)
    # A byline printed as a plain paragraph ("By Jane Doe") is one trafilatura does not see.
    byline = byline or next((found for line in header if (found := printed_byline(line, site))), None)
    if not texts and not headline:
        raise LoadError(path, "no article text found in the page")
    published, date_text = _published(meta, document, [line for line in header if parse_date_line(line)], tree)
    blocks, text = _located_blocks(texts)
    source = make_source(
        path,
        SourceFormat.HTML,
        encoding,
        data,
        url=meta.url or _attr(document, "url") or saved_from,
        language=page_language(meta.languages, text),
    )
    return Article(
        source=source,
        headline=headline,
        text=text,
        tagline=clean_line(meta.site_name or "") or _attr(document, "sitename"),
        byline=byline,
        published=published,
        date_text=date_text,
        caption=caption,
        blocks=blocks,
        image=_lead_image(figure, meta, path),
        notes=notes,
    )


def _extract(tree: Any) -> Any:
    """The trafilatura document for the page (it works on its own copy of the tree), or None.

    The XML output format skips trafilatura's own plain-text rendering of the body (we render
    each block ourselves), and comments are left out rather than extracted and set aside:
    neither changes the body, both cost time. htmldate reads only the page's date tags and
    timestamps, without its extensive search: that takes a year or month the prose or the
    copyright line mentions for the publication date and invents the parts the text never gave
    (1 January). A date printed above the body is read from its words by ``_published``.
    A page nested deeper than Python's recursion allows gets no body rather than an error:
    its title and metadata are still worth showing.
    """
    dates = set_date_params(extensive=False)
    try:
        return bare_extraction(
            tree, with_metadata=True, date_extraction_params=dates, output_format="xml", include_comments=False
        )
    except RecursionError:
        return None


def _attr(document: Any, name: str) -> str | None:
    value = getattr(document, name, None) if document is not None else None
    return clean_line(value) or None if isinstance(value, str) else None


def _headline(meta: PageMeta, document: Any) -> str:
    """The headline as readers see it on the page.

    A declared title sharing no word with any title the page shows is ignored. The page's
    only ``<h1>`` wins when it shares a word with the titles the page declares
    (so a site logo set as ``<h1>`` does not), unless a declared title is the start of it
    (the ``<h1>`` ran the standfirst in; but a CMS also cuts JSON-LD headlines short, which
    ``<title>`` repeating the whole ``<h1>`` gives away). Otherwise JSON-LD's headline, trafilatura's
    title (``<title>`` without the site name), OpenGraph's title, ``<title>`` as it is.
    """
    titles = (meta.title, _attr(document, "title"), meta.og_title, meta.title_tag)
    shown = [_words(t) for t in (meta.h1, meta.og_title, meta.title_tag) if t and _words(t)]
    declared = next((clean_line(c) for c in titles if c and _agrees(c, shown)), "") or next(
        (clean_line(c) for c in titles if c), ""
    )
    if meta.h1:
        heading = clean_line(meta.h1)
        site = fold(meta.site_name or _attr(document, "sitename") or "")
        # A declared title that is the start of the <h1> means the <h1> ran the standfirst in,
        # unless <title> or og:title carries the whole <h1>: then the declared one was cut short.
        confirmed = any(fold(t or "").startswith(fold(heading)) for t in (meta.og_title, meta.title_tag))
        if declared and fold(heading).startswith(fold(declared)) and not confirmed:
            return declared
        if fold(heading) != site and (not declared or _words(heading) & _words(declared)):
            return heading
    return declared


def _byline(meta: PageMeta, document: Any, site: str | None) -> str | None:
    """The author trafilatura found, else the page's declared one, each cleaned of labels, dates and bios."""
    return clean_byline(_attr(document, "author"), site) or clean_byline(clean_line(meta.author or ""), site)


def _agrees(title: str, shown: list[set[str]]) -> bool:
    """The title shares a word with a title readers see (``<h1>``, ``og:title``, ``<title>``), or none is known.

    A CMS sometimes declares its own name as the JSON-LD headline ("escenic"): such a title
    shares nothing with what the page shows and must not win.
    """
    words = _words(title)
    return not words or not shown or any(words & other for other in shown)


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text)}


def _body_texts(
    blocks: list[tuple[BlockKind, str]], headline: str, caption: Caption | None, tree: Any, byline: str | None = None
) -> tuple[list[tuple[BlockKind, str]], list[str]]:
    """Body blocks without the headline at the top or the caption anywhere, and the header lines dropped.

    The header lines are the date and byline lines printed above the body: the article shows them
    in its own fields. A paragraph the page prints in its body as well as under the photo (a
    caption reusing the standfirst) stays: it is the article's text, the caption only repeats it.
    """
    blocks = list(blocks)
    folded = fold(headline)
    if folded:
        for index, (_kind, text) in enumerate(blocks[:HEADLINE_WINDOW]):
            if fold(text) == folded:
                del blocks[: index + 1]
                break
    header = [text for _kind, text in blocks[:HEADER_WINDOW] if _is_header_line(text, byline)]
    head = [(kind, text) for kind, text in blocks[:HEADER_WINDOW] if text not in header]
    blocks = head + blocks[HEADER_WINDOW:]
    if caption is not None:
        blocks = [
            (kind, text)
            for kind, text in blocks
            if not _repeats_caption(text, caption)
            or (fold(text) == fold(caption.text) and _printed_outside_captions(tree, text))
        ]
    blocks = drop_boilerplate(blocks)
    if blocks and folded and fold(blocks[0][1]) == folded:
        del blocks[0]  # the headline surfaced to the top once the date and byline lines went
    return blocks, header


def _is_header_line(text: str, byline: str | None = None) -> bool:
    """A date or byline line that the page printed above the body; the article shows both in its own fields.

    Also the author's name on its own ("Staff Reports") or in a dateline ("5:45 AM PST 11/19/2019 by
    Jane Doe"), however the page wrote it.
    """
    if len(text) > MAX_DATE_LINE + 40:
        return False
    if byline and (fold(text) == fold(byline) or (_DATED_BYLINE.match(text) and fold(byline) in fold(text))):
        return True
    return parse_date_line(text) is not None or printed_byline(text) is not None


def _printed_outside_captions(tree: Any, text: str) -> bool:
    """The page holds this text as a paragraph of its own, outside any figure or caption."""
    folded = fold(text)
    for paragraph in tree.iter("p"):
        if fold(" ".join(paragraph.itertext())) != folded:
            continue
        holders = [paragraph, *paragraph.iterancestors()]
        if not any(h.tag in ("figure", "figcaption") or "caption" in (h.get("class") or "").lower() for h in holders):
            return True
    return False


def _repeats_caption(text: str, caption: Caption) -> bool:
    """The block is the caption again: its text, its credit, or its text followed by a short credit."""
    folded, said = fold(text), fold(caption.text)
    if not folded:
        return False
    if folded in (said, fold(caption.credit or "")):
        return True
    return bool(said) and folded.startswith(said) and len(folded) - len(said) <= 60


def _published(meta: PageMeta, document: Any, date_lines: list[str], tree: Any) -> tuple[datetime | None, str | None]:
    """Publication date and the words it came from.

    The date line printed above the body is what readers see, so it wins, and its words are
    the date text. Without one, trafilatura (htmldate) is best at picking the original
    publication day from the page's tags, and the page's own ``datePublished`` adds the time
    and zone when it names the same day; the words are then the ones the page prints for that
    day elsewhere (a date line trafilatura kept out of the body), else the tag's value as declared.
    """
    stated = parse_date_line(meta.published) if meta.published else None
    if stated is not None:
        stated = stated.replace(microsecond=0)  # the JSON contract is YYYY-MM-DDTHH:MM:SS
    day = _attr(document, "date")
    found = parse_date_line(day) if day else None
    agree = found is None or (stated is not None and stated.date() == found.date())
    tagged, tag_text = (stated, meta.published) if agree else (found, day)
    searched = not date_lines and tagged is not None  # the page is walked once for the tags' day
    if searched and tagged is not None:
        date_lines = [line] if (line := _printed_date_line(tree, tagged.date())) else []
    # "Updated 6 March" says when the page last changed: the publication date is another line's, or
    # the tags', when the page gives one (and its words are then the tags', not the update's).
    first = next((line for line in date_lines if not _UPDATED.match(line)), None)
    if first is None and tagged is not None:
        for_tag = date_lines[0] if searched and date_lines else None
        return tagged, (for_tag if searched else _printed_date_line(tree, tagged.date())) or tag_text
    printed = parse_date_line(first or date_lines[0]) if date_lines else None
    if printed is None:
        return tagged, tag_text
    words = "\n".join(date_lines)
    if stated is None or stated.date() != printed.date():
        return printed, words
    # The same day: the tag's time carries its zone, unless only the printed line gives a time.
    return (printed if stated.time() == time() != printed.time() else stated), words


def _printed_date_line(tree: Any, day: date) -> str | None:
    """The words the page prints for ``day`` as a line of their own ("Published 4 March 2024"), or None.

    One pass over the body's texts that stops at the first such line; only short texts holding
    the year's last two digits ("2019", "11/08/19") are looked at, so a huge or deeply nested
    page costs no more than that pass.
    """
    year = f"{day.year % 100:02d}"
    body = tree.find(".//body")
    for node in body.iter() if body is not None else ():
        texts = [(node.text, node)] if isinstance(node.tag, str) else []  # a comment's own text is not shown
        for text, holder in [*texts, (node.tail, node.getparent())]:
            if text and year in text and len(text.strip()) <= MAX_DATE_LINE and (line := _date_line_at(holder, day)):
                return line
    return None


def _date_line_at(element: Any, day: date) -> str | None:
    """The outermost of ``element`` and its parents that reads as a date line for ``day``.

    So a label beside a ``<time>`` element is kept with it ("<p>Published <time>…</time></p>"),
    and a date split over elements ("<span>Jan 18,</span> <span>2019</span>") is read whole.
    """
    found = None
    for _level in range(DATE_LINE_DEPTH):
        if element is None or element.tag in ("script", "style", "body"):
            break
        line = _short_text(element)
        if line is None:
            break
        named = parse_date_line(line)
        if named is not None and named.date() == day:
            found = line
        element = element.getparent()
    return found


def _short_text(element: Any) -> str | None:
    """The element's text as one line, or None when it is too long to be a date line (read no further)."""
    pieces: list[str] = []
    size = 0
    for text in element.itertext():
        size += len(text)
        if size > 4 * MAX_DATE_LINE:  # room for the spaces and line breaks around the words
            return None
        pieces.append(text)
    return clean_line(" ".join(pieces))


def _located_blocks(texts: list[tuple[BlockKind, str]]) -> tuple[tuple[Block, ...], str]:
    """Blocks with ranges into the article text, which is the body's blocks separated by blank lines."""
    blocks: list[Block] = []
    offset = 0
    for kind, text in texts:
        blocks.append(Block(kind=kind, text=text, start=offset, end=offset + len(text)))
        offset += len(text) + 2
    return tuple(blocks), "\n\n".join(text for _kind, text in texts)


def _lead_image(figure: LeadFigure | None, meta: PageMeta, path: str) -> Image | None:
    """The lead image's address and alt text (the captioned figure's, else the page's share image)."""
    if figure is not None and figure.src:
        src, alt = figure.src, figure.alt
    elif meta.image:
        src, alt = meta.image, meta.image_alt
    else:
        return None
    return Image(src=src, alt=alt, path=local_image_path(src, path))
