"""``--index DIR...`` and ``--search QUERY [--in DIR]``: the reading library without a window."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import TextIO

from viewer.model.library import BuildProgress, Library, LibraryError, default_cache_dir

_BAR = 30


class ProgressBar:
    """A one-line progress bar on stderr, redrawn in place on a terminal, a line per 10 % otherwise."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.shown = -1

    def __call__(self, progress: BuildProgress) -> None:
        """Draw ``progress`` if it moved far enough to be worth a redraw."""
        share = progress.done / progress.total if progress.total else 1.0
        step = int(share * 100) if self.tty else int(share * 10) * 10
        if step == self.shown:
            return
        self.shown = step
        filled = round(share * _BAR)
        line = f"indexing [{'#' * filled}{'.' * (_BAR - filled)}] {progress.done}/{progress.total} articles"
        print(f"\r{line}" if self.tty else line, end="" if self.tty else "\n", file=self.stream, flush=True)

    def finish(self) -> None:
        """End the redrawn line so the next message starts on its own."""
        if self.tty and self.shown >= 0:
            print(file=self.stream)


def _all_folders(folders: Sequence[str]) -> bool:
    """Whether every name is a folder; the first that is not is reported."""
    from viewer.cli import report

    for folder in folders:
        if not os.path.isdir(folder):
            report(folder, "is not a folder")
            return False
    return True


def _open_library() -> Library:
    return Library(default_cache_dir())


def run_index(folders: Sequence[str]) -> int:
    """Build or update the index for ``folders``; a summary goes to stderr, nothing to stdout."""
    from viewer.cli import EXIT_BAD_INPUT, report

    if not _all_folders(folders):
        return EXIT_BAD_INPUT
    try:
        library = _open_library()
    except LibraryError as exc:
        report(str(default_cache_dir()), exc.reason)
        return EXIT_BAD_INPUT
    bar = ProgressBar()
    try:
        result = library.build(folders, progress=bar)
    except LibraryError as exc:
        bar.finish()
        report(" ".join(folders), exc.reason)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        bar.finish()
        report(" ".join(folders), "interrupted; what was indexed so far is kept")
        return 130
    finally:
        library.close()
    bar.finish()
    for path, reason in result.unreadable_files:
        report(path, f"skipped: {reason}")
    print(
        f"files scanned: {result.scanned}; added {result.added}, updated {result.updated}, removed {result.removed},"
        f" unreadable {result.unreadable}; index in {library.path}",
        file=sys.stderr,
    )
    return 0


def run_search(query: str, folders: Sequence[str]) -> int:
    """Print the articles matching ``query`` as JSON Lines: path, headline, score, snippet (and highlights)."""
    from viewer.cli import EXIT_BAD_INPUT, report

    if not _all_folders(folders):
        return EXIT_BAD_INPUT
    try:
        library = _open_library()
        hits = library.search(query, folders)
        if not hits and folders and not library.entries(folders):
            report(" ".join(folders), "nothing indexed here yet; run --index on it first")
    except LibraryError as exc:
        report(str(default_cache_dir()), exc.reason)
        return EXIT_BAD_INPUT
    for hit in hits:
        record = asdict(hit)
        record.pop("terms")
        print(json.dumps(record, ensure_ascii=False))
    library.close()
    return 0
