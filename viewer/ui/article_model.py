"""ArticleModel: the window's one source of truth, loading and extracting off the UI thread."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance, Slot

from viewer.model import Article, Entity, EntityType, LoadError, Mention, entity_worker
from viewer.model.errors import ExtractionError, reason_for

log = logging.getLogger(__name__)
#: Extraction is asked for on a timer this many ms after the article is shown. Qt delivers the
#: article's paint request before it runs timers, so the request (importing pickle, pickling the
#: article) cannot hold the GIL against the first paint. When extraction ran on a thread here,
#: this took the first paint from 91 to 53 ms after the window was built.
EXTRACT_AFTER_PAINT_MS = 1


class _JobSignals(QObject):
    """A worker's way back to the UI thread: queued signals carry the result or the error."""

    returned = Signal(int, object)
    errored = Signal(int, str)


class _Job(QRunnable):
    """Run ``work`` on a pool thread and report through :class:`_JobSignals`.

    ``generation`` travels with the result so the model can drop answers about an article
    that is no longer current.
    """

    def __init__(self, generation: int, work: Callable[[], object]) -> None:
        super().__init__()
        self.generation = generation
        self.work = work
        self.signals = _JobSignals()
        self.done = False
        self.setAutoDelete(False)

    def run(self) -> None:
        """Do the work; a failure becomes a message, never an exception in a pool thread."""
        try:
            result = self.work()
        except Exception as exc:  # anything a worker raises must reach the user, not die in the pool
            if not isinstance(exc, (LoadError, ExtractionError)):
                log.exception("background job failed")
            self._report(self.signals.errored, reason_for(exc))
        else:
            self._report(self.signals.returned, result)
        self.done = True

    def _report(self, signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(self.generation, value)
        except RuntimeError:
            log.debug("result dropped: its receiver was deleted (the app is closing)")


def _read(path: str) -> Article:
    """The article at ``path``: the entity worker's, when it was started to read it (a launch's first file).

    Otherwise read here; the loader is imported on first use, which a launch's first paint need not wait for.
    """
    article = entity_worker.first_read(path)
    if article is None:
        from viewer.model.loader import load_article

        article = load_article(path)
    return article


class _Place(NamedTuple):
    """Where the reader was among the entities: which entity, found again by type and name, and which mention.

    The mention is remembered by its paragraph's words and its place in them, so an edit elsewhere
    in the file (a paragraph added above) leaves the reader on the same words; by number only when
    its own paragraph changed.
    """

    type: EntityType
    name: str
    mention: int
    context: tuple[str, int] | None

    @classmethod
    def of(cls, article: Article, entity: Entity, mention: int) -> _Place:
        on = entity.mentions[mention] if 0 <= mention < entity.count else None
        context = (article.block_text(on.block), on.start) if on is not None else None
        return cls(entity.type, entity.name, max(mention, 0), context)

    def find(self, article: Article) -> Entity | None:
        """The same entity in ``article``, if it is still there."""
        return next((e for e in article.entities if e.type is self.type and e.name == self.name), None)

    def mention_in(self, article: Article, entity: Entity) -> int:
        """The index of the remembered mention among ``entity``'s mentions in ``article``."""
        for index, mention in enumerate(entity.mentions):
            if (article.block_text(mention.block), mention.start) == self.context:
                return index
        return min(self.mention, entity.count - 1)


class ArticleModel(QObject):
    """Holds the current :class:`Article` and the reader's place in it.

    Loading runs on a thread pool, and so do the requests to the entity worker process
    (:mod:`viewer.model.entity_worker`); the article is announced as soon as
    it is parsed and announced again, with entities, when extraction finishes. A failed load
    leaves the current article in place.

    Signals:
        loading_started(str): a file is being read.
        article_loaded(object): a new Article (without entities yet) is current.
        load_failed(str, str): the path and a one-sentence reason; the previous article stays.
        entities_pending(): extraction has started ("Finding entities…").
        entities_ready(object): the current Article now carries its entities.
        entities_failed(str): extraction failed; the article stays readable without them.
        current_entity_changed(str): the selected entity id, or "" for none.
        current_mention_changed(int, int): zero-based index of the current mention and the count
            (-1, 0 when no entity is selected).
        article_closed(): there is no current article.
    """

    loading_started = Signal(str)
    article_loaded = Signal(object)
    load_failed = Signal(str, str)
    entities_pending = Signal()
    entities_ready = Signal(object)
    entities_failed = Signal(str)
    current_entity_changed = Signal(str)
    current_mention_changed = Signal(int, int)
    article_closed = Signal()

    def __init__(
        self, parent: QObject | None = None, extract: Callable[[Article], Article] = entity_worker.extract
    ) -> None:
        super().__init__(parent)
        self._extract = extract
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._article: Article | None = None
        self._entities_done = False
        self._entity: Entity | None = None
        self._mention = -1
        self._load_generation = 0
        self._article_generation = 0
        self._loading_path = ""
        # What a reload restores once entities are back: the selected entity (ids are renumbered
        # when the file changed, so by type and name) and the mention the reader was on.
        self._pending_selection: _Place | None = None
        self._jobs: list[_Job] = []

    @property
    def article(self) -> Article | None:
        """The current article, with entities once they are ready."""
        return self._article

    @property
    def loading(self) -> bool:
        """Whether a file is being read: neither its article nor its failure has arrived."""
        return bool(self._loading_path)

    @property
    def entities_done(self) -> bool:
        """Whether extraction has finished (or failed) for the current article."""
        return self._entities_done

    @property
    def current_entity(self) -> Entity | None:
        """The entity the reader selected, if any."""
        return self._entity

    @property
    def current_mention(self) -> Mention | None:
        """The mention the reader is on, if any."""
        if self._entity is None or self._mention < 0:
            return None
        return self._entity.mentions[self._mention]

    @property
    def mention_index(self) -> int:
        """Zero-based index of the current mention, -1 for none."""
        return self._mention

    def wait(self, msecs: int = -1) -> bool:
        """Block until background work finishes (start-up, the command line and benchmarks)."""
        return self._pool.waitForDone(msecs)

    def _start(self, job: _Job, returned: Callable[[int, object], None], errored: Callable[[int, str], None]) -> None:
        # Bound slots of this QObject, so Qt queues the calls into the UI thread.
        job.signals.returned.connect(returned)
        job.signals.errored.connect(errored)
        self._jobs = [j for j in self._jobs if not j.done]
        self._jobs.append(job)
        self._pool.start(job)

    def load(self, path: str) -> None:
        """Read ``path`` in the background; ``article_loaded`` or ``load_failed`` follows."""
        self._load_generation += 1
        self._loading_path = os.path.abspath(path)
        self.loading_started.emit(self._loading_path)
        self._start(_Job(self._load_generation, lambda: _read(path)), self._on_loaded, self._on_load_error)

    @Slot(int, object)
    def _on_loaded(self, generation: int, result: object) -> None:
        if generation == self._load_generation:
            self._loading_path = ""
            if isinstance(result, Article):
                self.set_article(result)

    @Slot(int, str)
    def _on_load_error(self, generation: int, reason: str) -> None:
        if generation == self._load_generation:
            path, self._loading_path = self._loading_path, ""
            self.load_failed.emit(path, reason)

    def set_article(self, article: Article) -> None:
        """Make ``article`` current and extract its entities unless it already has them.

        A reload of the same file keeps the selected entity (by type and name) and the mention the
        reader was on when they are still there; unchanged bytes keep the entities found before.
        Another file starts with nothing selected.
        """
        current = self._article
        reload = current is not None and current.source.path == article.source.path
        if reload and current is not None and current.entities and current.source.sha256 == article.source.sha256:
            article = current  # the same bytes: the same entities, without a second extraction
        # Mid-extraction there is no entity yet: the one still waiting to be restored counts.
        place = self._pending_selection
        if self._entity is not None and current is not None:
            place = _Place.of(current, self._entity, self._mention)
        previous = place if reload else None
        self._article_generation += 1
        self._article = article
        self._entity = None
        self._mention = -1
        self._entities_done = bool(article.entities)
        self.article_loaded.emit(article)
        if article.entities:
            self.entities_ready.emit(article)
            self._restore_selection(previous)
            return
        self._pending_selection = previous
        self.entities_pending.emit()
        job = _Job(self._article_generation, lambda: self._extract(article))
        QTimer.singleShot(EXTRACT_AFTER_PAINT_MS, self, lambda: self._start_extraction(job))

    def _start_extraction(self, job: _Job) -> None:
        # An article replaced before its extraction began never costs a model run.
        if job.generation == self._article_generation:
            self._start(job, self._on_extracted, self._on_extract_error)

    @Slot(int, str)
    def _on_extract_error(self, generation: int, reason: str) -> None:
        if generation == self._article_generation:
            self._entities_done = True
            self.entities_failed.emit(reason)

    @Slot(int, object)
    def _on_extracted(self, generation: int, result: object) -> None:
        if generation != self._article_generation or not isinstance(result, Article):
            return
        self._entities_done = True
        self._article = result
        self.entities_ready.emit(result)
        self._restore_selection(self._pending_selection)

    def _restore_selection(self, place: _Place | None) -> None:
        self._pending_selection = None
        article = self._article
        entity = place.find(article) if place is not None and article is not None else None
        if entity is None or place is None or article is None:
            self.current_entity_changed.emit("")
            self.current_mention_changed.emit(-1, 0)
            return
        self._entity = entity
        self._mention = place.mention_in(article, entity) if entity.mentions else -1
        self.current_entity_changed.emit(entity.id)
        self.current_mention_changed.emit(self._mention, entity.count)

    def close(self) -> None:
        """Forget the current article; late results for it are dropped."""
        self._article_generation += 1
        self._load_generation += 1
        self._article = None
        self._entity = None
        self._mention = -1
        self._entities_done = False
        self._pending_selection = None
        self.article_closed.emit()
        self.current_entity_changed.emit("")
        self.current_mention_changed.emit(-1, 0)

    def select_entity(self, entity_id: str) -> None:
        """Select an entity (``""`` clears) and move to its first mention."""
        entity = self._article.entity(entity_id) if self._article is not None and entity_id else None
        self._pending_selection = None  # the reader chose: a reload must not bring back an older choice
        if entity is self._entity and entity is not None:
            return
        self._entity = entity
        self._mention = 0 if entity is not None and entity.mentions else -1
        self.current_entity_changed.emit(entity.id if entity is not None else "")
        self.current_mention_changed.emit(self._mention, entity.count if entity is not None else 0)

    def go_to_mention(self, index: int) -> None:
        """Make mention ``index`` of the selected entity current, wrapping around at both ends."""
        if self._entity is None or not self._entity.mentions:
            return
        self._mention = index % self._entity.count
        self.current_mention_changed.emit(self._mention, self._entity.count)

    def next_mention(self) -> None:
        """Step to the following mention (the first after the last)."""
        self.go_to_mention(self._mention + 1)

    def previous_mention(self) -> None:
        """Step to the preceding mention (the last before the first)."""
        self.go_to_mention(self._mention - 1)
