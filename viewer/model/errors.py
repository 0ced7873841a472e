"""The model's errors for the user: a file that is not an article, entities that could not be found."""

from __future__ import annotations


class LoadError(Exception):
    """A file could not be read as an article; ``reason`` is a sentence for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ExtractionError(Exception):
    """Entities could not be found for an article; ``reason`` is a sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def reason_for(exc: Exception) -> str:
    """What the reader is told about a failure: our errors' own sentence, else the exception's type and text."""
    if isinstance(exc, (LoadError, ExtractionError)):
        return exc.reason
    return f"{type(exc).__name__}: {exc}"
