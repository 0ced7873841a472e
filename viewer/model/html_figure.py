"""A saved page's lead image: its caption and photo credit from ``figure``/``figcaption``, and its alt text."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from viewer.model.article import Caption
from viewer.model.captions import caption_from_paragraph, make_caption

# Class names, ids and itemprops newsrooms give the credit inside a caption.
_CREDIT_MARK = re.compile(r"credit|copyright|photographer|byline|author|attribution|courtesy|source|rights", re.I)
_CREDIT_TAGS = frozenset({"cite", "small"})
# Screen-reader labels some sites put in front of the caption ("Image caption,", "Photo:").
_LABEL = re.compile(r"^(?:image|photo|picture)\s+caption\s*[,:]?\s*|^caption\s*:\s*", re.I)
_CREDIT_LABEL = re.compile(
    r"^(?:(?:image|photo|picture) (?:source|copyright|credit)s?|copyright|credits?|photo(?:graph)?|picture|image"
    r"|illustration|foto|fot\.|file(?: photo)?)(?!\w)\s*(?:by\b)?\s*[,:]?\s*|^©\s*",
    re.I,
)
# Inside a <figcaption> a labelled credit may follow the words without a full stop
# ("Demut hinter Masken Foto: Adobe Stock"); in a body paragraph that would be too loose.
_FIGCAPTION_CREDIT = re.compile(
    r"^(?P<text>.+?)\s+(?:photo(?:graph)?|foto|bild|picture|image|credit)s?\s*:\s*(?P<credit>[^.:]{2,80}?)\.?\s*$",
    re.S | re.I,
)
_SKIPPED_PARENTS = frozenset({"nav", "footer", "aside"})
# Containers of links to other stories: their thumbnails are never this article's lead image.
_OTHER_STORIES_MARK = re.compile(r"related|recommend|promo|\bmore-|trending|popular", re.I)
# Containers that hold either other stories or the article's own photo gallery: which one shows
# in whether the image links to another page.
_LIST_MARK = re.compile(r"carousel|gallery-list|teaser|card-?list|listing|slider", re.I)
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:$|[?#])", re.I)
#: How many elements after the ``<h1>`` (in document order) a figure outside ``<article>`` may start.
HEADLINE_REACH = 80
# How much of the body's first paragraph identifies it on the page.
BODY_PREFIX = 40
_SKIPPED_TAGS = frozenset({"script", "style", "button", "svg", "noscript"})
#: How much of a caption's start must come round again before it counts as printed twice.
_REPEAT_PROBE = 20
#: A "read more" toggle's words at the end of either copy.
_TOGGLE_WORD = re.compile(r"\s+(?:less|more)$", re.I)
_CAPTION_TAGS = frozenset({"div", "p", "span", "figcaption", "small"})
_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "ul", "ol", "figure", "section", "header", "footer"})
#: A figure's alt text stands in for a missing caption only when it reads like a sentence.
MIN_ALT_WORDS = 4
_SPACE = re.compile(r"\s+")
# Two spans set side by side with no space ("…phenomenon.</span><span>Credit: …") read as two sentences.
_GLUED_SENTENCE = re.compile(r"(?<=[a-z0-9)][.!?])(?=[A-Z])")


@dataclass(frozen=True)
class LeadFigure:
    """The lead image as the page shows it: its caption (credit split), address and alt text."""

    caption: Caption | None
    src: str | None
    alt: str | None


def find_lead_figure(tree: Any, og_image: str | None, body_start: str | None = None) -> LeadFigure | None:
    """The lead image's figure, or None when the page has no captioned or described figure.

    The lead is the figure showing the page's ``og:image``. Failing that, a captioned (then
    described) figure that sits where a lead image sits: inside ``<article>`` or ``<main>``,
    before the body's first paragraph, or just after the headline. A figure in a list of
    other stories (related links, carousels, promos) is never the lead, however well captioned:
    its caption describes some other article.

    Args:
        tree: the page's lxml HTML tree (only read, never changed).
        og_image: the page's declared share image, which is almost always the lead photo.
        body_start: the text the article body starts with, to find where the body begins on the page.
    """
    figures = [f for f in tree.iter("figure") if not _in_skipped_region(f)]
    figures += [c for c in tree.iter("figcaption") if not _in_skipped_region(c) and _figure_of(c) is c]
    if og_image:
        wanted = _file_name(og_image)
        for figure in figures:
            src = _image_src(figure)
            if wanted and src and _file_name(src) == wanted and (_caption_text_of(figure) or _usable_alt(figure)):
                return _lead_figure(figure)
    placed = _LeadPlacement(tree, body_start)
    figures = [f for f in figures if placed.allows(f)]
    captioned = [f for f in figures if _caption_text_of(f)]
    in_article = [f for f in captioned if any(a.tag in ("article", "main") for a in f.iterancestors())]
    if in_article or captioned:
        return _lead_figure((in_article or captioned)[0])
    described = [f for f in figures if _usable_alt(f)]
    if described:
        return _lead_figure(described[0])
    classed = next((c for c in _caption_classed(tree) if placed.allows(c)), None)
    return _lead_figure(classed) if classed is not None else None


class _LeadPlacement:
    """Where on a page a lead image may stand, for figures that are not the declared share image."""

    def __init__(self, tree: Any, body_start: str | None) -> None:
        self._order = {element: index for index, element in enumerate(tree.iter())}
        heading = next(tree.iter("h1"), None)
        self._headline = self._order[heading] if heading is not None else None
        first = _element_starting(tree, body_start) if body_start else None
        if first is None:
            first = next((p for p in tree.iter("p") if len(_clean(" ".join(p.itertext())) or "") >= 80), None)
        self._first_paragraph = self._order[first] if first is not None else None
        holder = first.getparent() if first is not None else None
        # The element holding the body's paragraphs stands for <article> on pages without one.
        self._body_holder = holder if holder is not None and holder.tag not in ("body", "html") else None

    def allows(self, element: Any) -> bool:
        """Inside the article, ahead of the body or near the headline, and never in a list of other stories."""
        if _in_listing(element):
            return False
        if any(a.tag in ("article", "main") or a is self._body_holder for a in element.iterancestors()):
            return True
        position = self._order.get(element, 0)
        if self._first_paragraph is not None and position < self._first_paragraph:
            return True
        return self._headline is not None and 0 <= position - self._headline <= HEADLINE_REACH


def _element_starting(tree: Any, text: str) -> Any:
    """The first element holding text of its own whose text starts like ``text``; None when none does."""
    prefix = (_clean(text) or "")[:BODY_PREFIX]
    for element in tree.iter():
        if (
            isinstance(element.tag, str)
            and _clean(element.text)
            and _leading_text(element, len(prefix)).startswith(prefix)
        ):
            return element
    return None


def _leading_text(element: Any, size: int) -> str:
    """The start of the element's text, cleaned, at least ``size`` characters when it has them.

    Joining all of ``<html>``'s text for every element made this quadratic on big pages.
    """
    parts: list[str] = []
    raw, need = 0, size
    for piece in element.itertext():
        parts.append(piece)
        raw += len(piece)
        if raw >= need:
            cleaned = _clean(" ".join(parts)) or ""
            if len(cleaned) >= size:
                return cleaned
            need *= 2
    return _clean(" ".join(parts)) or ""


def _in_listing(element: Any) -> bool:
    """The element sits in a list of other stories.

    That is a related/promo container, or a list item or carousel whose image links to another
    page (a gallery of the article's own photos does not). The article's own header may hold a
    carousel of its lead photos: marks inside a header do not count, those around it do (a
    teaser card has a header too).
    """
    ancestors = [a for a in element.iterancestors() if a.tag not in ("body", "html")]
    headers = [index for index, ancestor in enumerate(ancestors) if ancestor.tag == "header"]
    linked = any(a.tag == "a" and _links_to_page(a.get("href")) for a in ancestors) or any(
        _links_to_page(a.get("href")) for a in element.iter("a")
    )
    for ancestor in ancestors[headers[-1] + 1 :] if headers else ancestors:
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"
        if _OTHER_STORIES_MARK.search(marks):
            return True
        if linked and (ancestor.tag == "li" or _LIST_MARK.search(marks)):
            return True
    return False


def _links_to_page(href: str | None) -> bool:
    """The link leads to another page, not to a larger copy of the image (a lightbox)."""
    return bool(href) and not (href or "").startswith("#") and not _IMAGE_FILE.search(href or "")


def _caption_classed(tree: Any) -> Iterator[Any]:
    """Captions marked by class name beside an image (``<div class="caption">``), for pages without figures."""
    for element in tree.xpath("//*[contains(@class, 'aption')]"):
        if element.tag not in _CAPTION_TAGS or _in_skipped_region(element) or not _clean(" ".join(element.itertext())):
            continue
        holder = element.getparent()
        for _ in range(2):
            if holder is None:
                break
            if holder.find(".//img") is not None:
                yield element
                break
            holder = holder.getparent()


def local_image_path(src: str | None, page_path: str) -> str | None:
    """The file a relative image address names beside the saved page (the browser's ``_files`` folder).

    Only files that exist inside the page's folder count; remote addresses never do.
    """
    if not src or urlsplit(src).scheme or src.startswith("//"):
        return None
    folder = os.path.dirname(os.path.abspath(page_path))
    candidate = os.path.normpath(os.path.join(folder, unquote(urlsplit(src).path)))
    if not candidate.startswith(folder + os.sep) or not os.path.isfile(candidate):
        return None
    return candidate


def _lead_figure(figure: Any) -> LeadFigure:
    img = _image_of(figure)
    alt = _clean(img.get("alt")) if img is not None else None
    return LeadFigure(caption=_caption_of(figure), src=_image_src(figure), alt=alt)


def _caption_of(figure: Any) -> Caption | None:
    """The figure's caption with its credit split off; the alt text when there is no caption."""
    figcaption = figure if figure.tag != "figure" else figure.find(".//figcaption")
    if figcaption is None:
        alt = _usable_alt(figure)
        return Caption(text=alt) if alt else None
    credit_parts: list[str] = []
    text_parts: list[str] = []
    _split_text(figcaption, text_parts, credit_parts)
    text = _said_once(_GLUED_SENTENCE.sub(" ", _LABEL.sub("", _clean("".join(text_parts)) or "")))
    # "(Image credit: X)": the brackets go before the labels can be seen.
    credit = _without_credit_labels((_clean(" ".join(credit_parts)) or "").strip(" ()[]")).strip(" ()[]") or None
    if not text:
        if credit is None:
            return None
        return Caption(text=credit)
    if credit is None:
        marked = caption_from_paragraph(text)
        labelled = _FIGCAPTION_CREDIT.match(text) if marked is None else None
        if labelled is not None:
            return make_caption(labelled["text"], labelled["credit"])
        return marked or Caption(text=text)
    return make_caption(text, credit)


def _said_once(text: str) -> str:
    """A caption the page printed twice, once: the same words twice over, or a toggle's two copies.

    A "read more" toggle puts "full caption [less] short caption… [more]" in the HTML; the page
    shows one. The second copy starts like the first and is all of it, or a cut-off start of it.
    """
    again = text.find(text[:_REPEAT_PROBE], 1) if len(text) >= 2 * _REPEAT_PROBE else -1
    if again < 0:
        return text
    first = _TOGGLE_WORD.sub("", text[:again].strip())
    second = _TOGGLE_WORD.sub("", text[again:].strip()).rstrip(" .…")
    return first if first.startswith(second) else text


def _without_credit_labels(credit: str) -> str:
    """The credit without its labels, however many the page stacked ("Credit: Photo: PA" is "PA")."""
    previous = None
    while credit != previous:
        previous, credit = credit, _CREDIT_LABEL.sub("", credit, count=1)
    return credit


def _split_text(element: Any, text_parts: list[str], credit_parts: list[str]) -> None:
    """Append the element's caption text and credit text in reading order; credit marks come from class or tag."""
    text_parts.append(element.text or "")
    for child in element:
        if isinstance(child.tag, str):
            marks = " ".join(child.get(a) or "" for a in ("class", "itemprop", "id"))
            if child.tag in _CREDIT_TAGS or _CREDIT_MARK.search(marks):
                credit_parts.append(" ".join(child.itertext()))
            elif child.tag not in _SKIPPED_TAGS:
                gap = " " if child.tag in _BLOCK_TAGS else ""
                text_parts.append(gap)
                _split_text(child, text_parts, credit_parts)
                text_parts.append(gap)
        text_parts.append(child.tail or "")


def _caption_text_of(figure: Any) -> str | None:
    figcaption = figure if figure.tag == "figcaption" else figure.find(".//figcaption")
    return _clean(" ".join(figcaption.itertext())) if figcaption is not None else None


def _usable_alt(figure: Any) -> str | None:
    img = figure.find(".//img")
    alt = _clean(img.get("alt")) if img is not None else None
    return alt if alt and len(alt.split()) >= MIN_ALT_WORDS else None


def _figure_of(figcaption: Any) -> Any:
    """The ``figure`` holding a figcaption, or the figcaption itself when it stands alone."""
    return next(figcaption.iterancestors("figure"), figcaption)


def _in_skipped_region(element: Any) -> bool:
    return any(a.tag in _SKIPPED_PARENTS for a in element.iterancestors())


def _image_of(figure: Any) -> Any:
    """The figure's image; a caption standing outside a figure shows the nearest image before or around it."""
    img = figure.find(".//img")
    if img is None and figure.tag != "figure":
        holder = figure.getparent()
        img = holder.find(".//img") if holder is not None else None
        if img is None and holder is not None and holder.getparent() is not None:
            img = holder.getparent().find(".//img")
    return img


def _image_src(figure: Any) -> str | None:
    img = _image_of(figure)
    if img is None:
        return None
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = _clean(img.get(attr))
        if value and not value.startswith("data:"):
            return value
    return None


def _file_name(address: str) -> str:
    return os.path.basename(urlsplit(address).path).lower()


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return _SPACE.sub(" ", value).strip() or None
