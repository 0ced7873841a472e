"""Image captions and photo credits: find the credit in a caption and split it up.

Shared by the plain-text and HTML parsers, since both meet the same newsroom habits:
``[DAPHNE BENOIT/AFP/Getty Images]``, ``(Photo by X/AFP via Getty Images)``,
``Photo: X``, ``Image caption …`` and ``Image source, X``.
"""

from __future__ import annotations

import re

from viewer.model.article import Caption

#: Names that are agencies or picture desks, never a photographer.
KNOWN_AGENCIES = frozenset(
    a.lower()
    for a in (
        "AFP",
        "AP",
        "Associated Press",
        "Reuters",
        "Getty",
        "Getty Images",
        "EPA",
        "EPA-EFE",
        "EFE",
        "PA",
        "PA Media",
        "PA Wire",
        "Shutterstock",
        "Adobe Stock",
        "iStock",
        "picture alliance",
        "Rex",
        "Rex Features",
        "Anadolu",
        "Anadolu Agency",
        "Xinhua",
        "Bloomberg",
        "NurPhoto",
        "SOPA Images",
        "LightRocket",
        "Alamy",
        "ANSA",
        "dpa",
        "Sipa",
        "Sipa USA",
        "Corbis",
        "TASS",
        "Sputnik",
        "UPI",
        "Kyodo",
        "Yonhap",
        "BBC",
        "Handout",
        "Pool",
        "File",
        "Wikimedia Commons",
    )
)
_AGENCY_WORDS = re.compile(r"\b(images?|agency|press|news|media|photos?|pictures|wire|pool|handout|archive)\b", re.I)

_BRACKET_CREDIT = re.compile(r"^(?P<text>.*?)\s*\[(?P<credit>[^\[\]]{2,120})\]\s*$", re.S)
_PAREN_CREDIT = re.compile(
    r"^(?P<text>.*?)\s*\((?:photo|photograph|picture|image|credit)s?(?:\s+by|\s*:|\s+credit\s*:?)\s*"
    r"(?P<credit>[^()]{2,120})\)\s*$",
    re.S | re.I,
)
_TRAILING_CREDIT = re.compile(
    r"^(?P<text>.*?[.!?”\"')])\s+(?:photo(?:graph)?|picture|image|credit|photo credit)s?\s*(?::|by)\s*"
    r"(?P<credit>[^.:]{2,120}?)\.?\s*$",
    re.S | re.I,
)
_IMAGE_CAPTION = re.compile(r"^image caption\s*[,:]?\s*(?P<text>.+)$", re.S | re.I)
_IMAGE_SOURCE = re.compile(r"^image (?:source|copyright)\s*[,:]?\s*(?P<credit>.+)$", re.S | re.I)
_VIA = re.compile(r"\s+via\s+", re.I)
_COURTESY = re.compile(r"^courtesy(?:\s+of)?\s+(?:the\s+)?", re.I)
#: Words a scraped caption may put before the credit it consists of.
_CREDIT_LEAD = re.compile(
    r"^\s*(?:(?:photo(?:graph)?|image|picture|illustration|credit|foto|bild|file)s?\s*:|©|courtesy(?:\s+of)?\s)\s*",
    re.IGNORECASE,
)
#: "Slate. Photo by David Dyer-Bennet": who took it follows "photo by", wherever it stands.
_TAKEN_BY = re.compile(r"^(?:.*?[.;]\s+)?(?:photo(?:graph)?|picture|image)s?\s+by\s+", re.IGNORECASE)
#: A lone credit line is short and has no sentence in it; longer text after "Photo:" is a caption.
_CREDIT_LINE_MAX = 90


def is_image_source_line(line: str) -> str | None:
    """The credit of a BBC-style "Image source, X" line, else None."""
    match = _IMAGE_SOURCE.match(line.strip())
    return match["credit"].strip() if match else None


def caption_from_paragraph(paragraph: str) -> Caption | None:
    """A :class:`Caption` when ``paragraph`` carries a caption's marks, else None.

    Only explicit marks count (a bracketed or labelled credit, an "Image caption"
    label): an ordinary paragraph is body and must stay body.
    """
    text = paragraph.strip()
    match = _IMAGE_CAPTION.match(text)
    if match:
        inner = caption_from_paragraph(match["text"])
        return inner or Caption(text=match["text"].strip())
    for pattern in (_BRACKET_CREDIT, _PAREN_CREDIT, _TRAILING_CREDIT):
        match = pattern.match(text)
        if match and match["text"].strip():
            return make_caption(match["text"].strip(), match["credit"].strip())
    return None


def make_caption(text: str, credit: str | None) -> Caption:
    """A caption with its credit split into photographer and agencies."""
    if not credit:
        return Caption(text=text)
    photographer, agencies = split_credit(credit)
    return Caption(text=text, credit=credit, photographer=photographer, agencies=agencies)


def split_credit(credit: str) -> tuple[str | None, tuple[str, ...]]:
    """Split "DAPHNE BENOIT/AFP/Getty Images" into ("DAPHNE BENOIT", ("AFP", "Getty Images"))."""
    cleaned = _TAKEN_BY.sub("", credit.strip())
    cleaned = re.sub(r"^(?:photo(?:graph)?|picture|image|credit|file)s?\s*(?:by|:)\s*", "", cleaned, flags=re.I)
    parts = [p.strip(" .,;") for p in re.split(r"\s*[/|]\s*|\s*,\s*|\s+for\s+", _VIA.sub("/", cleaned))]
    parts = [p for p in parts if p]
    if not parts:
        return None, ()
    # "Courtesy (of) the Louvre" names who lent the picture, not who took it.
    lent = [_COURTESY.sub("", p) for p in parts]
    first = parts[0]
    if lent[0] != first or _looks_like_agency(first):
        return None, tuple(lent)
    return first, tuple(lent[1:])


def _looks_like_agency(name: str) -> bool:
    words = name.split()
    if name.lower() in KNOWN_AGENCIES or _AGENCY_WORDS.search(name):
        return True
    # A lone short all-caps token ("AFP", "EPA") is an agency; a person has two or more words.
    return len(words) == 1 and (name.isupper() or len(name) <= 4)


def is_credit_only(caption: Caption) -> bool:
    """Whether the caption says nothing but a photo credit ("Photo: A. Amra/Anadolu via Getty Images").

    True for an empty caption, for one that repeats its credit, and for a short line that opens
    like a credit when no credit was split off. Views and print show such a caption as a credit only.
    """
    text = caption.text.strip(" .;,")
    if not text:
        return True
    credit_words = _CREDIT_LEAD.sub("", text)
    if caption.credit is None:
        return credit_words != text and len(text) <= _CREDIT_LINE_MAX and ". " not in text
    return credit_words.casefold() == _CREDIT_LEAD.sub("", caption.credit).strip(" .;,").casefold()
