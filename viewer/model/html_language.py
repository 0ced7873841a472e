"""An article's language: what a page declares, checked against the words of its body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# The commonest function words of the languages saved pages come in most: enough to tell which
# language a body is plainly written in, which is all that is asked of them.
_COMMON: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to in is that for with was on are as this it by from have not you be",
        "fr": "le la les des et est une dans pour que qui pas sur avec du au ce sont il elle",
        "de": "der die das und ist nicht ein eine mit den von zu auf für sich dem auch im es",
        "es": "el los las y que en es por una con para del se no lo como más",
        "it": "il di che della per non una sono con gli del nel le è anche come",
        "nl": "het een en van is dat op te niet met voor zijn ook er aan",
        "pt": "os de que em um uma para com não do da se mais como ao",
        "pl": "i w na nie się z do że jest to jak po od przez",
        "sv": "och att det som är en på för med av inte till har",
    }.items()
}
#: How much of the body is read to check the declared language: a few hundred words, plenty for
#: the common ones.
SAMPLE = 2_000
#: Common words a body needs before they overrule a declaration, or stand in for a missing one ...
_EVIDENCE = 20
#: ... and how many times more of them than of the declared language's.
_MARGIN = 3


def page_language(declared: Sequence[str], text: str) -> str | None:
    """The article's language: the one it declares, unless its body plainly reads in another.

    Templates often keep ``<html lang="en">`` on pages written in French or German, sometimes
    with ``og:locale`` telling the truth and sometimes with nothing else; counting common words
    settles which declaration to believe, and overrules one the body clearly contradicts. With
    no declaration (plain text) the body's language is given when its words make it plain.

    Args:
        declared: the page's declared language codes, most trusted first.
        text: the article body.
    """
    codes = list(dict.fromkeys(declared))
    counts = Counter(text[:SAMPLE].casefold().split())  # words with punctuation attached just do not count
    scores = {code: sum(counts[word] for word in words) for code, words in _COMMON.items()}
    chosen = max(codes, key=lambda code: scores.get(code, 0)) if codes else None
    if chosen is not None and not scores.get(chosen, 0):
        chosen = codes[0]
    body = max(scores, key=lambda code: scores[code])
    if body != chosen and scores[body] >= _EVIDENCE and scores[body] >= _MARGIN * scores.get(chosen or "", 0):
        return body
    return chosen
