"""Lines trafilatura keeps that readers never want in the body: paywall pitches, comment rules, link rails."""

from __future__ import annotations

import re

from viewer.model.article import BlockKind

#: Boilerplate is short; a long paragraph that merely mentions subscribers or comments is body.
MAX_BOILERPLATE = 300
#: Longest line read as a section heading, and longest block read as a link in a rail of links.
MAX_HEADING = 60
MAX_RAIL_LINK = 120
#: A related-links heading this far into the body (by characters) ends the article.
TAIL_SHARE = 0.6
_WORDY = re.compile(r"\w")

# A heading (or a short line ending in a colon) that opens the page's tail: everything from it
# on is links to other pages or the comment section, in the languages of the pages we meet.
_TAIL_HEADING = re.compile(
    r"^(?:related(?: articles| stories| posts| content| coverage)?|more (?:from|on|stories|news)\b.*|read more"
    r"|you (?:may|might) also (?:like|be interested in)|recommended(?: for you)?|look at other dictionaries"
    r"|(?:\d+ )?comments?|leave a (?:comment|reply)|most (?:read|popular|viewed|shared)\b.*|trending(?: now)?"
    r"|weitere artikel|das könnte sie auch interessieren|mehr zum thema|czytaj (?:też|także|więcej)"
    r"|à lire aussi|sur le même sujet|lees ook|leia também|lee también)\s*:?$",
    re.IGNORECASE,
)
# Single lines that are never article text.
_LINE = re.compile(
    r"^(?:advertisement|reklama|anzeige|publicité|werbung|sponsored)$"
    # a related-article link in the middle of the body ("À lire aussi » …", "Read more: …")
    r"|^(?:à lire aussi|lire aussi|read (?:also|more)|see also|related|lesen sie auch|czytaj (?:też|także|więcej))"
    r"\s*[:»›>-]"
    # a photo credit standing on its own line
    r"|^(?:fot\.|foto:|photo:|photo by\b|photograph:|picture:|image:|credit:|bild:|zdjęcie:)\s*\S[^.!?]{0,100}$"
    # page furniture
    r"|^(?:category|categories|tags?|filed under|share (?:this|on)|follow us|news date)\s*:"
    r"|^(?:all rights reserved|copyright ©)"
    r"|^(?:©|\(c\)|copyright)\s.{0,80}\b(?:19|20)\d{2}\b.{0,40}$"
    # a machine timestamp: page data that leaked into the text
    r"|^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[\d:.]*(?:Z|[+-]\d{2}:?\d{2})?$",
    re.IGNORECASE,
)
# Paywall and app pitches, and the rules of a comment section: phrased to the reader, so that news
# about subscribers or about someone's comments stays in the body.
_PITCH = re.compile(
    r"\bsubscribe now\b|\balready a subscriber\b|\bsubscribers? also receive\b"
    r"|\bto (?:view|read|continue)(?: reading)?\b.{0,60}\bsubscri|\bsubscribe\b.{0,60}\b(?:full story|to continue)\b"
    r"|\bdownload (?:the|our) .{0,40}\bapps? for (?:ios|android|iphone|full coverage)\b"
    r"|\bcomments? (?:are|is|may be|will be|must be) (?:moderated|republished|reviewed|civil)\b"
    r"|\bwe ask that comments\b|\buse the comments to advertise\b|\breport offensive comments\b"
    r"|\bwe welcome (?:reader |your )?comments\b"
    r"|\b(?:eingeloggt|angemeldet|registriert)\b.*\bkommentar|\bkommentar\w*\b.*\b(?:eingeloggt|angemeldet|registriert)\b"
    r"|\b(?:logged in|log in|sign in|register)\b.{0,40}\bcomment|\bcomment\b.{0,40}\b(?:logged in|log in|sign in)\b",
    re.IGNORECASE,
)


def drop_boilerplate(blocks: list[tuple[BlockKind, str]]) -> list[tuple[BlockKind, str]]:
    """The blocks without page furniture, link rails and a trailing related-links or comments section.

    A related-links heading in the last part of the body ends it. One further up opens a
    rail inside the article ("More on this:" and three links): the heading and the link-like
    blocks under it go, the article resumes at the next real paragraph.
    """
    total = sum(len(text) for _kind, text in blocks)
    kept: list[tuple[BlockKind, str]] = []
    seen = 0
    in_rail = False
    for kind, text in blocks:
        seen += len(text)
        if kept and len(text) <= MAX_HEADING and _TAIL_HEADING.match(text.strip()):
            if seen - len(text) >= TAIL_SHARE * total:
                break
            in_rail = True
            continue
        # The rail's links go; a subheading means the article has resumed (the page's extractor
        # often drops the links themselves, and the section after them is the article's own).
        if in_rail and kind is not BlockKind.SUBHEADING and (kind is BlockKind.LIST_ITEM or len(text) <= MAX_RAIL_LINK):
            continue
        in_rail = False
        if not _WORDY.search(text) or (len(text) <= MAX_BOILERPLATE and (_LINE.search(text) or _PITCH.search(text))):
            continue
        kept.append((kind, text))
    return kept
