"""A saved page's language: what the page declares, checked against the words of its body when declarations differ."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# The commonest function words of the languages saved pages come in most: enough to tell which of
# two declared languages a body is written in, which is all that is asked of them.
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
_WORD = re.compile(r"\w+")
#: How much of the body is read to check the declared language.
SAMPLE = 20_000


def page_language(declared: Sequence[str], text: str) -> str | None:
    """The page's language: the one it declares, or, when declarations disagree, the one its body reads in.

    Templates often keep ``<html lang="en">`` on pages written in French or German while
    ``og:locale`` says the truth; counting common words settles which declaration to believe.

    Args:
        declared: the page's declared language codes, most trusted first.
        text: the article body.
    """
    codes = list(dict.fromkeys(declared))
    if len(codes) <= 1:
        return codes[0] if codes else None
    counts = Counter(word.casefold() for word in _WORD.findall(text[:SAMPLE]))
    scores = {code: sum(counts[word] for word in _COMMON.get(code, ())) for code in codes}
    best = max(codes, key=lambda code: scores[code])
    return best if scores[best] > 0 else codes[0]
