"""The library index on disk: SQLite schema, safe opening, and the rebuild of a damaged file."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

#: Bumped whenever the schema or what is stored changes; an index of another version is rebuilt.
SCHEMA_VERSION = 3
INDEX_FILE = "library.sqlite3"

_SCHEMA = """
CREATE TABLE article (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    headline TEXT NOT NULL DEFAULT '',
    outlet TEXT,
    published TEXT,
    date_text TEXT,
    entity_count INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX article_sha256 ON article (sha256);
CREATE VIRTUAL TABLE article_text USING fts5 (
    headline, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TABLE mention (
    article_id INTEGER NOT NULL REFERENCES article (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE INDEX mention_article ON mention (article_id);
CREATE TABLE alias (
    key TEXT NOT NULL,
    other TEXT NOT NULL,
    PRIMARY KEY (key, other)
) WITHOUT ROWID;
"""

_TABLES = frozenset({"article", "article_text", "mention", "alias"})


@dataclass(frozen=True)
class EntityRow:
    """One entity of one article as the index keeps it.

    ``keys`` are the normalised forms of its name and aliases: two articles mention the same
    thing when their entities share a key, the rule that groups mentions inside one article.
    """

    name: str
    type: str
    count: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class IndexedArticle:
    """What indexing one file produced: plain data, cheap to send back from a worker process.

    ``error`` is set (and the rest mostly empty) for a file that is not a readable article;
    it is remembered so an unchanged unreadable file is not parsed again on every update.
    """

    path: str
    size: int
    mtime_ns: int
    sha256: str
    headline: str = ""
    outlet: str | None = None
    published: str | None = None
    date_text: str | None = None
    body: str = ""
    entities: tuple[EntityRow, ...] = ()
    error: str | None = None


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the settings every user of the index relies on.

    WAL lets the window search while a build writes; each build batch is one transaction, so
    a crash or a kill mid-build leaves the last committed batch, never a half-written one.
    """
    conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _is_healthy(conn: sqlite3.Connection) -> bool:
    """True when the file is an index of this schema version that SQLite finds intact."""
    if conn.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
        return False
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if not names >= _TABLES:
        return False
    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        return False
    # quick_check does not look inside FTS5's shadow tables; its own check does (and writes nothing).
    with conn:
        conn.execute("INSERT INTO article_text (article_text) VALUES ('integrity-check')")
    return True


def is_damage(exc: sqlite3.Error) -> bool:
    """True for errors that mean the file is broken, not merely busy or locked by another process."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_FORMAT)
    return type(exc) is sqlite3.DatabaseError


def remove_index_files(path: Path) -> None:
    """Delete the index and its WAL side files (a missing file is fine)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def _create(path: Path) -> sqlite3.Connection:
    conn = connect(path)
    with conn:
        conn.executescript(_SCHEMA)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


def open_index(cache_dir: Path) -> tuple[sqlite3.Connection, bool]:
    """Open (or create) the index in ``cache_dir``; returns the connection and whether it was rebuilt.

    A file SQLite cannot open, one that fails its integrity checks, or one of another schema
    version is deleted and created afresh: it is a cache, and the next build refills it.

    Raises:
        OSError: the cache directory cannot be created or written.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    path = cache_dir / INDEX_FILE
    fresh = not path.exists()
    if not fresh:
        conn = None
        try:
            conn = connect(path)
            if _is_healthy(conn):
                return conn, False
            log.warning("library index %s is damaged or outdated; rebuilding it", path)
        except sqlite3.DatabaseError as exc:
            if not is_damage(exc):
                raise
            log.warning("library index %s cannot be read (%s); rebuilding it", path, exc)
        if conn is not None:
            conn.close()
        remove_index_files(path)
    return _create(path), not fresh
