"""The reading library: an index of article folders to list, search and cross-reference entities.

The index is a cache, kept by the caller's choice of directory: the window passes Qt's
``QStandardPaths.CacheLocation``; the command line uses :func:`default_cache_dir`, which
computes the same place without Qt. Deleting it loses nothing but time.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from viewer import APPLICATION, ORGANISATION
from viewer.model.library_index import BuildProgress, BuildReport, build_index, entity_keys
from viewer.model.library_search import Query, SearchHit, expand_keys, folder_filter, parse_query, run_search
from viewer.model.library_store import INDEX_FILE, connect, is_damage, open_index, remove_index_files

__all__ = [
    "BuildProgress",
    "BuildReport",
    "Library",
    "LibraryEntry",
    "LibraryError",
    "MentioningArticle",
    "Query",
    "SearchHit",
    "default_cache_dir",
    "parse_query",
]

log = logging.getLogger(__name__)


class LibraryError(Exception):
    """The index could not be used; ``reason`` is a sentence for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LibraryEntry:
    """One article as the library list shows it."""

    path: str
    headline: str
    outlet: str | None
    published: str | None
    date_text: str | None
    entity_count: int


@dataclass(frozen=True)
class MentioningArticle:
    """An article naming a given entity, and how often."""

    path: str
    headline: str
    count: int


def default_cache_dir() -> Path:
    """Where ``QStandardPaths.CacheLocation`` puts the app's cache, computed without Qt.

    Linux and BSD: ``$XDG_CACHE_HOME/article-viewer/article-viewer`` (``~/.cache/...``); macOS:
    ``~/Library/Caches/article-viewer/article-viewer``; Windows:
    ``%LOCALAPPDATA%/article-viewer/article-viewer/cache``. A test in the UI suite checks this
    against Qt, so the window and the command line share one index.
    """
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / ORGANISATION / APPLICATION / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / ORGANISATION / APPLICATION
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / ORGANISATION / APPLICATION


class Library:
    """The index in ``cache_dir``, opened (and rebuilt if damaged) on construction.

    Reads (listing, search, cross-references) use this object's connection and may come from
    any one thread at a time; :meth:`build` opens its own connection, so a build on a worker
    thread and searches on the UI thread run side by side.

    Attributes:
        rebuilt: the index on disk was damaged or outdated and has been started afresh.

    Raises:
        LibraryError: the cache directory cannot be created or written.
    """

    def __init__(self, cache_dir: str | os.PathLike[str]) -> None:
        self.path = Path(cache_dir) / INDEX_FILE
        self._lock = threading.Lock()
        try:
            self._conn, self.rebuilt = open_index(Path(cache_dir))
        except (OSError, sqlite3.Error) as exc:
            raise LibraryError(f"the library index in {cache_dir} cannot be opened ({exc})") from None

    def close(self) -> None:
        """Close the reading connection."""
        self._conn.close()

    def _failed(self, exc: sqlite3.Error) -> LibraryError:
        """The error to raise for ``exc``; a damaged index is thrown away and started empty first."""
        if not is_damage(exc):
            return LibraryError(f"the library index cannot be used right now ({exc})")
        log.warning("library index %s failed (%s); rebuilding it", self.path, exc)
        self._conn.close()
        remove_index_files(self.path)
        self._conn, _ = open_index(self.path.parent)
        self.rebuilt = True
        return LibraryError("the library index was damaged and has been emptied; rebuild it to fill it again")

    def _query(self, sql: str, args: Sequence[object]) -> list[tuple[object, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.Error as exc:
                raise self._failed(exc) from None

    def build(
        self,
        folders: Iterable[str | os.PathLike[str]],
        progress: Callable[[BuildProgress], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        workers: int | None = None,
    ) -> BuildReport:
        """Bring the index up to date with ``folders``: new, changed and vanished files.

        Args:
            folders: folders to index recursively.
            progress: called with a :class:`BuildProgress` after each written batch.
            cancelled: polled often; True stops the build, keeping what was already written.
            workers: extraction processes (None: one per core when there is enough to do).

        Raises:
            LibraryError: a folder does not exist, the spaCy pipeline is missing, or the index
                could not be written.
        """
        from viewer.model.entities import ModelNotFound

        names = [os.path.abspath(os.fspath(f)) for f in folders]
        for name in names:
            if not os.path.isdir(name):
                raise LibraryError(f"{name} is not a folder")
        conn = None
        try:
            conn = connect(self.path)
            return build_index(conn, names, progress, cancelled, workers)
        except ModelNotFound as exc:
            raise LibraryError(f"cannot find entities: {exc}") from None
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            with self._lock:
                raise self._failed(exc) from None
        finally:
            if conn is not None:
                conn.close()

    def entries(self, folders: Sequence[str | os.PathLike[str]] = ()) -> list[LibraryEntry]:
        """Readable articles inside ``folders`` (all indexed ones when empty), by path."""
        clause, args = folder_filter([os.fspath(f) for f in folders])
        rows = self._query(
            "SELECT path, headline, outlet, published, date_text, entity_count FROM article a"
            f" WHERE a.error IS NULL {'AND ' + clause if clause else ''} ORDER BY path",
            args,
        )
        return [LibraryEntry(*row) for row in rows]  # type: ignore[arg-type]

    def search(
        self,
        query: str | Query,
        folders: Sequence[str | os.PathLike[str]] = (),
        limit: int = 100,
    ) -> list[SearchHit]:
        """Articles matching ``query`` (see :class:`Query` for the language), best first."""
        parsed = parse_query(query) if isinstance(query, str) else query
        names = [entity_keys(name, ()) for name in parsed.mentions]
        if any(not keys for keys in names):
            return []
        with self._lock:
            try:
                keys = [expand_keys(self._conn, k) for k in names]
                return run_search(self._conn, parsed, keys, [os.fspath(f) for f in folders], limit)
            except sqlite3.Error as exc:
                raise self._failed(exc) from None

    def mentioning(
        self,
        name: str,
        aliases: Sequence[str] = (),
        folders: Sequence[str | os.PathLike[str]] = (),
        exclude: str | None = None,
    ) -> list[MentioningArticle]:
        """Articles naming the entity called ``name`` (or any alias), most mentions first.

        ``exclude`` leaves out one path: the article the reader is looking at.
        """
        given = entity_keys(name, aliases)
        if not given:
            return []
        with self._lock:
            try:
                keys = expand_keys(self._conn, given)
            except sqlite3.Error as exc:
                raise self._failed(exc) from None
        clause, args = folder_filter([os.fspath(f) for f in folders])
        rows = self._query(
            f"SELECT a.path, a.headline, MAX(m.count) FROM mention m JOIN article a ON a.id = m.article_id"
            f" WHERE m.key IN ({', '.join('?' * len(keys))}) AND a.path != ? {'AND ' + clause if clause else ''}"
            f" GROUP BY a.id ORDER BY 3 DESC, a.path",
            [*keys, exclude or "", *args],
        )
        return [MentioningArticle(*row) for row in rows]  # type: ignore[arg-type]
