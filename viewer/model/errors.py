"""The one error type the model raises for input it cannot turn into an article."""

from __future__ import annotations


class LoadError(Exception):
    """A file could not be read as an article; ``reason`` is a sentence for the user."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
