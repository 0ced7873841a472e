"""A saved page's own metadata: JSON-LD, OpenGraph and ``<meta>`` tags, read without fetching anything."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

#: JSON-LD types whose fields describe the article itself (schema.org Article and its kin).
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself; every field is None when the page does not say."""

    title: str | None = None
    og_title: str | None = None
    #: The ``<title>`` element as written, site name and all: the last resort for a headline.
    title_tag: str | None = None
    #: The page's only ``<h1>``: on an article page, the headline as readers see it.
    h1: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    #: The languages the page declares (``<html lang>``, ``og:locale``, JSON-LD, Content-Language), as codes.
    languages: tuple[str, ...] = ()
    image: str | None = None
    image_alt: str | None = None


def read_page_meta(tree: Any) -> PageMeta:
    """Collect JSON-LD article fields first, then OpenGraph and plain ``<meta>`` tags.

    Args:
        tree: the page's lxml HTML tree (only read, never changed).
    """
    metas: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        value = _clean(element.get("content"))
        if key and value and key not in metas:
            metas[key] = value
        equiv = (element.get("http-equiv") or "").lower()
        if equiv == "content-language" and value:
            metas.setdefault("content-language", value)
    ld = _json_ld_article(tree)
    html = tree if tree.tag == "html" else tree.find(".//html")
    lang = html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang") if html is not None else None
    headings = [text for heading in tree.iter("h1") if (text := _clean(" ".join(heading.itertext())))]
    canonical = next((_clean(link.get("href")) for link in tree.iterfind(".//link[@rel='canonical']")), None)
    return PageMeta(
        title=_clean(_text(ld.get("headline"))),
        og_title=metas.get("og:title") or metas.get("twitter:title"),
        title_tag=next((_clean(" ".join(t.itertext())) for t in tree.iter("title")), None),
        h1=headings[0] if len(headings) == 1 else None,
        author=_authors(ld.get("author")) or _not_url(metas.get("author")) or _not_url(metas.get("article:author")),
        published=_clean(_text(ld.get("datePublished"))) or next((metas[k] for k in _DATE_META if k in metas), None),
        site_name=metas.get("og:site_name") or _clean(_text(_field(ld.get("publisher"), "name"))),
        url=_absolute(metas.get("og:url")) or _absolute(canonical) or _absolute(_text(ld.get("url"))),
        languages=tuple(
            code
            for value in (lang, metas.get("og:locale"), _text(ld.get("inLanguage")), metas.get("content-language"))
            if (code := _language(value))
        ),
        image=metas.get("og:image") or metas.get("twitter:image") or _clean(_text(_field(ld.get("image"), "url"))),
        image_alt=metas.get("og:image:alt") or metas.get("twitter:image:alt"),
    )


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object typed as an article, searching ``@graph`` lists too; {} when none."""
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except (ValueError, RecursionError):
            continue
        for item in _walk(data):
            kinds = item.get("@type")
            names = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in names):
                return item
    return {}


def _walk(data: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Every dict in a JSON-LD document, outer first; bounded so a hostile page cannot recurse deep."""
    if depth > 4:
        return []
    if isinstance(data, list):
        return [item for entry in data for item in _walk(entry, depth + 1)]
    if not isinstance(data, dict):
        return []
    found = [data]
    for key in ("@graph", "mainEntity", "itemListElement"):
        if key in data:
            found.extend(_walk(data[key], depth + 1))
    return found


def _field(value: Any, key: str) -> Any:
    """``value[key]`` for a dict (or the first dict of a list), the value itself otherwise."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get(key) if isinstance(value, dict) else value


def _text(value: Any) -> str | None:
    """A JSON-LD scalar as text; lists give their first entry."""
    if isinstance(value, list):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def _authors(value: Any) -> str | None:
    """JSON-LD ``author``: a name, a Person, or a list of them, joined with "; "."""
    entries = value if isinstance(value, list) else [value]
    names = [_not_url(_clean(_text(_field(entry, "name")))) for entry in entries]
    joined = "; ".join(dict.fromkeys(n for n in names if n))
    return joined or None


def _clean(value: str | None) -> str | None:
    """Collapse whitespace; empty becomes None."""
    if not value:
        return None
    return _SPACE.sub(" ", value).strip() or None


def _not_url(value: str | None) -> str | None:
    """Drop author fields that hold a profile link rather than a name."""
    if value is None or value.startswith(("http://", "https://", "/")):
        return None
    return value


def _absolute(value: str | None) -> str | None:
    """Only absolute http(s) URLs are worth keeping as the page's address."""
    value = _clean(value)
    return value if value and value.startswith(("http://", "https://")) else None


def _language(value: str | None) -> str | None:
    """A BCP 47 tag (``en-GB``, OpenGraph's ``en_GB``) as its language code alone: ``en``."""
    value = _clean(value)
    if not value:
        return None
    code = value.replace("_", "-").split("-")[0].split(",")[0].strip()
    return code.lower() if code.isalpha() and 2 <= len(code) <= 3 else None
