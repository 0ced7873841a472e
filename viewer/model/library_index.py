"""Building the library index: find article files, tell what changed, extract, write in batches."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice

from viewer.model.article import Article
from viewer.model.errors import LoadError
from viewer.model.files import SUPPORTED_SUFFIXES
from viewer.model.library_store import EntityRow, IndexedArticle
from viewer.model.loader import load_article

log = logging.getLogger(__name__)

#: Files handed to spaCy together; also the size of one write transaction.
BATCH = 16
#: Below this many files to extract, starting worker processes (and a spaCy in each) costs more than it saves.
PARALLEL_MIN = 48


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: ``done`` of ``total`` files to (re)index; ``path`` is the latest one."""

    done: int
    total: int
    path: str = ""


@dataclass(frozen=True)
class BuildReport:
    """What a build did. ``cancelled`` builds keep every batch written before the cancel."""

    scanned: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    unreadable: int = 0
    cancelled: bool = False
    #: The files read this time that are no articles, each with the reason.
    unreadable_files: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _FileState:
    path: str
    size: int
    mtime_ns: int


def article_files(folder: str) -> Iterator[_FileState]:
    """Every article file under ``folder``, hidden files and folders skipped, in a stable order."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                continue
            path = os.path.join(root, name)
            if _undecodable(path):
                log.warning("skipping %r: its name is not valid UTF-8", path)
                continue
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield _FileState(path, stat.st_size, stat.st_mtime_ns)


def _undecodable(path: str) -> bool:
    """True for a name the file system gave as bytes that are not UTF-8 (SQLite could not store it)."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def under(folder: str) -> tuple[str, str]:
    """Bounds ``(low, high)`` such that ``low <= path < high`` holds exactly for paths inside ``folder``.

    A range on the indexed ``path`` column instead of ``LIKE`` (which would treat ``_`` and ``%``
    in folder names as wildcards).
    """
    prefix = os.path.join(os.path.abspath(folder), "")
    return prefix, prefix[:-1] + chr(ord(os.sep) + 1)


def file_sha256(path: str) -> str | None:
    """The file's SHA-256, or None when it can no longer be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def entity_keys(name: str, aliases: Iterable[str]) -> tuple[str, ...]:
    """The keys under which an entity is found across the library, in the entities engine's own terms."""
    from viewer.model.entities import name_keys

    return tuple(dict.fromkeys(key for text in (name, *aliases) for key in name_keys(text)))


def to_indexed(article: Article, state: _FileState) -> IndexedArticle:
    """The row data for an extracted article."""
    published = article.published.replace(tzinfo=None).isoformat() if article.published else None
    return IndexedArticle(
        path=state.path,
        size=state.size,
        mtime_ns=state.mtime_ns,
        sha256=article.source.sha256,
        headline=article.headline,
        outlet=article.outlet,
        published=published,
        date_text=article.date_text,
        body=article.text,
        entities=tuple(
            EntityRow(e.name, str(e.type), e.count, entity_keys(e.name, e.aliases)) for e in article.entities
        ),
    )


def index_files(states: Sequence[_FileState]) -> list[IndexedArticle]:
    """Load and extract one batch; runs in a worker process or in the caller's thread.

    Unreadable files come back with ``error`` set, so one bad file never sinks a batch.
    """
    from viewer.model.entities import extract_many

    loaded: list[tuple[Article, _FileState]] = []
    results: list[IndexedArticle] = []
    for state in states:
        try:
            loaded.append((load_article(state.path), state))
        except LoadError as exc:
            results.append(IndexedArticle(state.path, state.size, state.mtime_ns, "", error=exc.reason))
    extracted = extract_many(article for article, _ in loaded)
    results.extend(to_indexed(article, state) for article, (_, state) in zip(extracted, loaded, strict=True))
    return results


def _batches(items: Sequence[_FileState], size: int) -> Iterator[list[_FileState]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _write(conn: sqlite3.Connection, results: Iterable[IndexedArticle], copies: dict[str, list[_FileState]]) -> None:
    """Replace the rows of every result (and of files with identical bytes) in one transaction."""
    with conn:
        for item in results:
            same = copies.get(item.path, ())
            rows = [item, *(dataclasses.replace(item, path=c.path, size=c.size, mtime_ns=c.mtime_ns) for c in same)]
            for row in rows:
                _forget(conn, row.path)
                cur = conn.execute(
                    "INSERT INTO article (path, size, mtime_ns, sha256, headline, outlet, published, date_text,"
                    " entity_count, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (row.path, row.size, row.mtime_ns, row.sha256, row.headline, row.outlet, row.published,
                     row.date_text, len(row.entities), row.error),
                )  # fmt: skip
                if row.error is not None:
                    continue
                article_id = cur.lastrowid
                conn.execute(
                    "INSERT INTO article_text (rowid, headline, body) VALUES (?, ?, ?)",
                    (article_id, row.headline, row.body),
                )
                counts: dict[str, tuple[str, str, int]] = {}
                for entity in row.entities:
                    for key in entity.keys:
                        # Two entities of one article may share a key (a surname, an acronym): keep the bigger.
                        if key not in counts or counts[key][2] < entity.count:
                            counts[key] = (entity.name, entity.type, entity.count)
                conn.executemany(
                    "INSERT INTO mention (article_id, key, name, type, count) VALUES (?, ?, ?, ?, ?)",
                    [(article_id, key, *value) for key, value in counts.items()],
                )
                # Names one article groups as one entity ("Syrian Democratic Forces", "SDF") stay
                # linked library-wide; kept when the article goes, as names the library has learnt.
                conn.executemany(
                    "INSERT OR IGNORE INTO alias (key, other) VALUES (?, ?)",
                    [(key, other) for e in row.entities for key in e.keys for other in e.keys if key != other],
                )


def _forget(conn: sqlite3.Connection, path: str) -> None:
    """Delete everything the index holds about ``path``."""
    row = conn.execute("SELECT id FROM article WHERE path = ?", (path,)).fetchone()
    if row is None:
        return
    conn.execute("DELETE FROM article_text WHERE rowid = ?", row)
    conn.execute("DELETE FROM mention WHERE article_id = ?", row)
    conn.execute("DELETE FROM article WHERE id = ?", row)


def _copy_existing(conn: sqlite3.Connection, state: _FileState, sha256: str) -> bool:
    """Index ``state`` from an already indexed file with the same bytes; False when there is none."""
    source = conn.execute(
        "SELECT id FROM article WHERE sha256 = ? AND error IS NULL AND path != ? LIMIT 1", (sha256, state.path)
    ).fetchone()
    if source is None:
        return False
    with conn:
        _forget(conn, state.path)
        cur = conn.execute(
            "INSERT INTO article (path, size, mtime_ns, sha256, headline, outlet, published, date_text, entity_count)"
            " SELECT ?, ?, ?, sha256, headline, outlet, published, date_text, entity_count FROM article WHERE id = ?",
            (state.path, state.size, state.mtime_ns, source[0]),
        )
        new_id = cur.lastrowid
        conn.execute(
            "INSERT INTO article_text (rowid, headline, body)"
            " SELECT ?, headline, body FROM article_text WHERE rowid = ?",
            (new_id, source[0]),
        )
        conn.execute(
            "INSERT INTO mention (article_id, key, name, type, count)"
            " SELECT ?, key, name, type, count FROM mention WHERE article_id = ?",
            (new_id, source[0]),
        )
    return True


@dataclass
class _Plan:
    """The work a build found: files to extract (one per distinct content) and the rest of the bookkeeping."""

    scanned: int
    extract: list[_FileState]
    copies: dict[str, list[_FileState]]
    known: set[str]
    removed: int
    reused: int


def _plan(conn: sqlite3.Connection, folders: Sequence[str], cancelled: Callable[[], bool]) -> _Plan | None:
    """Scan ``folders`` against the index: drop vanished files, reuse known content, list the rest."""
    plan = _Plan(0, [], {}, set(), 0, 0)
    by_sha: dict[str, _FileState] = {}
    seen: set[str] = set()  # nested folders: a file is planned once
    for folder in folders:
        low, high = under(folder)
        indexed = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT path, size, mtime_ns, sha256 FROM article WHERE path >= ? AND path < ?", (low, high)
            )
        }
        plan.known.update(indexed)
        on_disk: set[str] = set()
        for state in article_files(folder):
            if cancelled():
                return None
            on_disk.add(state.path)
            if state.path in seen:
                continue
            seen.add(state.path)
            plan.scanned += 1
            old = indexed.get(state.path)
            if old is not None and (old[0], old[1]) == (state.size, state.mtime_ns):
                continue
            sha = file_sha256(state.path)
            if sha is None:
                continue
            if old is not None and old[2] == sha:
                with conn:  # touched but not changed: remember the new time, skip the work
                    conn.execute("UPDATE article SET mtime_ns = ? WHERE path = ?", (state.mtime_ns, state.path))
                continue
            if sha in by_sha:
                plan.copies.setdefault(by_sha[sha].path, []).append(state)
            elif _copy_existing(conn, state, sha):
                plan.reused += 1
            else:
                by_sha[sha] = state
                plan.extract.append(state)
        gone = set(indexed) - on_disk
        with conn:
            for path in gone:
                _forget(conn, path)
        plan.removed += len(gone)
    return plan


def build_index(
    conn: sqlite3.Connection,
    folders: Sequence[str],
    progress: Callable[[BuildProgress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    workers: int | None = None,
) -> BuildReport:
    """Bring the index up to date with ``folders`` (absolute paths).

    Args:
        conn: an open index connection, used only by the calling thread for the build.
        folders: the folders to scan recursively.
        progress: called after every written batch (and once at the start).
        cancelled: polled between files and batches; when it returns True the build stops,
            keeping every batch already written.
        workers: extraction processes; None picks one per core when there is enough to do,
            0 or 1 extracts in the calling thread.
    """
    plan = _plan(conn, folders, cancelled)
    if plan is None:
        return BuildReport(cancelled=True)
    total = len(plan.extract) + sum(len(c) for c in plan.copies.values())
    report = {"added": plan.reused, "updated": 0, "unreadable": 0}
    unreadable_files: list[tuple[str, str]] = []
    done = 0
    if progress is not None:
        progress(BuildProgress(0, total))
    was_cancelled = False
    for batch in _extracted(plan.extract, workers, cancelled):
        if batch is None:
            was_cancelled = True
            break
        _write(conn, batch, plan.copies)
        for item in batch:
            if item.error is not None:
                unreadable_files.append((item.path, item.error))
            for path in [item.path] + [c.path for c in plan.copies.get(item.path, ())]:
                key = "unreadable" if item.error else "updated" if path in plan.known else "added"
                report[key] += 1
                done += 1
        if progress is not None:
            progress(BuildProgress(done, total, batch[-1].path))
    return BuildReport(
        scanned=plan.scanned,
        removed=plan.removed,
        cancelled=was_cancelled,
        unreadable_files=tuple(unreadable_files),
        **report,
    )


def _serial(
    batches: Iterable[list[_FileState]], cancelled: Callable[[], bool]
) -> Iterator[list[IndexedArticle] | None]:
    for batch in batches:
        if cancelled():
            yield None
            return
        yield index_files(batch)


def _extracted(
    todo: Sequence[_FileState], workers: int | None, cancelled: Callable[[], bool]
) -> Iterator[list[IndexedArticle] | None]:
    """Extracted batches in any order; a final None means the build was cancelled."""
    if workers is None:
        workers = (os.cpu_count() or 1) if len(todo) >= PARALLEL_MIN else 1
    batches = _batches(todo, BATCH)
    if workers <= 1:
        yield from _serial(batches, cancelled)
        return
    # "spawn": forking a process that runs Qt (or any threads) is unsafe.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    pending: list[tuple[Future[list[IndexedArticle]], list[_FileState]]] = []
    unsent: list[list[_FileState]] = []
    try:
        # A small window of batches in flight keeps memory flat and cancellation prompt.
        for batch in islice(batches, workers * 2):
            unsent = [batch]
            pending.append((pool.submit(index_files, batch), batch))
        unsent = []
        while pending:
            future = pending[0][0]
            while not wait([future], timeout=0.1).done:
                if cancelled():
                    yield None
                    return
            result = future.result()
            pending.pop(0)
            unsent = list(islice(batches, 1))
            for batch in unsent:
                pending.append((pool.submit(index_files, batch), batch))
            unsent = []
            yield result
    except BrokenProcessPool:
        # Workers could not start or died (a frozen app, a main module without its guard, memory).
        log.warning("library worker processes failed; indexing in this process instead")
    finally:
        # Without waiting: a cancelled build returns now; the workers finish their batch and exit.
        pool.shutdown(wait=False, cancel_futures=True)
    yield from _serial(chain([batch for _, batch in pending], unsent, batches), cancelled)
