"""LibraryPanel: the articles of the opened folders, searchable, built into the index in the background."""

from __future__ import annotations

import html
import logging
import os
import threading
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QFileSystemWatcher,
    QModelIndex,
    QObject,
    QSize,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.model import Article
from viewer.model.library import BuildProgress, BuildReport, Library, LibraryEntry, LibraryError, SearchHit
from viewer.ui.article_model import ArticleModel
from viewer.ui.theme import add_focus_edge

log = logging.getLogger(__name__)

#: Typing pauses this long before the search runs; a build waits this long after the last file event.
SEARCH_DELAY_MS = 200
REBUILD_DELAY_MS = 1000
#: While a build runs, the list shows what is indexed so far, refreshed this often at most.
LIST_REFRESH_MS = 1500
#: Beyond this many files only folders are watched (edits in place are then seen on the next build).
WATCH_FILES_MAX = 2000
COLUMNS = ("Headline", "Outlet", "Date", "Entities", "Match")
OUTLET_COLUMN = 1
DATE_COLUMN = 2
MATCH_COLUMN = 4
#: The Outlet column's width in average characters.
OUTLET_CHARS = 14
PATH_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def cache_dir() -> str:
    """Qt's cache location for the app (the command line computes the same place without Qt)."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)


def live_query(text: str) -> str:
    """The query run while the reader types: the last word also matches as a prefix ("refu" finds "refugees")."""
    stripped = text.rstrip()
    if stripped != text or not stripped:
        return stripped
    last = stripped.split()[-1]
    if last.isalnum() and last not in ("OR", "AND", "NOT"):
        return stripped + "*"
    return stripped


def snippet_html(hit: SearchHit) -> str:
    """The snippet as rich text: escaped, matches in bold."""
    parts: list[str] = []
    position = 0
    for start, end in hit.highlights:
        parts.append(html.escape(hit.snippet[position:start]))
        parts.append(f"<b>{html.escape(hit.snippet[start:end])}</b>")
        position = end
    parts.append(html.escape(hit.snippet[position:]))
    return "".join(parts)


class _BuildThread(QThread):
    """Runs :meth:`Library.build` off the UI thread.

    Signals:
        progressed(int, int): files done and total.
        built(object): the :class:`BuildReport`.
        failed(str): a sentence for the reader.
    """

    progressed = Signal(int, int)
    built = Signal(object)
    failed = Signal(str)

    def __init__(self, library: Library, folders: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._folders = list(folders)
        self.cancel_event = threading.Event()

    def run(self) -> None:
        """Build; every outcome becomes a signal, never an exception in a thread."""
        try:
            report = self._library.build(self._folders, self._on_progress, self.cancel_event.is_set)
        except LibraryError as exc:
            self.failed.emit(exc.reason)
        except Exception as exc:  # a worker process may die in many ways; the reader must hear of it
            log.exception("library build failed")
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.built.emit(report)

    def _on_progress(self, progress: BuildProgress) -> None:
        self.progressed.emit(progress.done, progress.total)


class LibraryPanel(QWidget):
    """The third panel: the articles of the opened folders, with a search box and a build progress bar.

    Signals:
        open_requested(str, object): open this path; the tuple of search terms to highlight.
        message(str): something the reader should know (a damaged index rebuilt, a failed build).
        leave_requested(): Esc in the list, or in an empty search box; focus goes back to the article.
    """

    open_requested = Signal(str, object)
    message = Signal(str)
    leave_requested = Signal()

    def __init__(self, model: ArticleModel, cache: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPanel")
        self._model = model
        self._cache = cache or cache_dir()
        self._library: Library | None = None
        self._folders: list[str] = []
        self._thread: _BuildThread | None = None
        self._again = False
        self._hits: dict[str, SearchHit] = {}
        self._terms: tuple[str, ...] = ()
        self._current = model.article.source.path if model.article is not None else ""
        self._mentioning = ""

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText('Search articles: words, "a phrase", mentions:Name')
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search the library")
        self.search_edit.setAccessibleDescription(
            'Words, "phrases", prefix*, OR, -excluded, mentions:Name keeps articles naming that entity'
        )
        self.items = QStandardItemModel(0, len(COLUMNS), self)
        self.items.setHorizontalHeaderLabels(list(COLUMNS))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.items)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QTreeView()
        add_focus_edge(self.view)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # An outlet can be a whole tagline ("Creating new perspectives since 2009"): sized to its
        # contents it squeezed the headlines to "Labo…". It gets a fixed share (the reader can drag
        # it wider) and elides the rest; the tooltip has it whole.
        self.view.header().setSectionResizeMode(OUTLET_COLUMN, QHeaderView.ResizeMode.Interactive)
        self.view.header().resizeSection(OUTLET_COLUMN, self.fontMetrics().averageCharWidth() * OUTLET_CHARS)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setColumnHidden(MATCH_COLUMN, True)
        self.view.setAccessibleName("Library articles")
        self.view.setAccessibleDescription("Enter opens the article")
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName("Library status")
        self.snippet_label = QLabel()
        self.snippet_label.setTextFormat(Qt.TextFormat.RichText)
        self.snippet_label.setWordWrap(True)
        self.snippet_label.setAccessibleName("Search snippet")
        self.snippet_label.hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Indexing progress")
        self.progress.setFormat("Indexing %v of %m")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel indexing")
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self._progress_box = QWidget()
        self._progress_box.setLayout(progress_row)
        progress_row.setContentsMargins(0, 0, 0, 0)
        self._progress_box.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.status_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.snippet_label)
        layout.addWidget(self._progress_box)

        self.watcher = QFileSystemWatcher(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(REBUILD_DELAY_MS)
        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(LIST_REFRESH_MS)

        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self._search_now_and_enter)
        self.search_edit.installEventFilter(self)
        self.view.installEventFilter(self)
        self._search_timer.timeout.connect(self.refresh)
        self.view.activated.connect(self._on_activated)
        self.view.selectionModel().currentRowChanged.connect(self._show_snippet)
        self.cancel_button.clicked.connect(self.cancel_build)
        self.watcher.directoryChanged.connect(self._on_disk_changed)
        self.watcher.fileChanged.connect(self._on_disk_changed)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self._list_timer.timeout.connect(self.refresh)
        model.article_loaded.connect(self._on_article)
        model.article_closed.connect(self._on_article_closed)
        self._show_status()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for a headline beside outlet, date and counts when the dock first opens."""
        return QSize(460, 600)

    # --- the index ------------------------------------------------------------------------------

    @property
    def library(self) -> Library | None:
        """The open index (None until a folder is added, or when it cannot be opened)."""
        if self._library is None:
            try:
                self._library = Library(self._cache)
            except LibraryError as exc:
                self.message.emit(f"The library is unavailable: {exc.reason}")
                return None
            if self._library.rebuilt:
                self.message.emit("The library index was damaged and has been rebuilt.")
        return self._library

    @property
    def folders(self) -> list[str]:
        """The opened folders, as absolute paths."""
        return list(self._folders)

    @property
    def building(self) -> bool:
        """Whether a build runs in the background."""
        return self._thread is not None

    def add_folders(self, folders: Sequence[str]) -> None:
        """Open folders in the library: list what is indexed now, then update the index in the background."""
        for folder in folders:
            name = os.path.abspath(folder)
            if os.path.isdir(name) and name not in self._folders:
                self._folders.append(name)
        self.refresh()
        self.rebuild()

    @Slot()
    def rebuild(self) -> None:
        """Update the index for the opened folders; a request during a build runs after it."""
        library = self.library
        if self._thread is not None:
            self._again = True
            return
        for folder in [f for f in self._folders if not os.path.isdir(f)]:
            self._folders.remove(folder)
            self.message.emit(f"{folder} is no longer there; it has left the library.")
            self.refresh()
        if library is None or not self._folders:
            return
        self._again = False
        thread = _BuildThread(library, self._folders, self)
        thread.progressed.connect(self._on_progress)
        thread.built.connect(self._on_built)
        thread.failed.connect(self._on_build_failed)
        thread.finished.connect(self._on_thread_finished)
        self._thread = thread
        self.progress.setRange(0, 0)
        self._progress_box.show()
        thread.start()

    @Slot()
    def cancel_build(self) -> None:
        """Stop the running build; what it already wrote stays indexed."""
        self._again = False
        if self._thread is not None:
            self._thread.cancel_event.set()

    def shutdown(self) -> None:
        """Cancel and wait for the build, close the index (the window is closing)."""
        self.cancel_build()
        if self._thread is not None:
            self._thread.wait()
        if self._library is not None:
            self._library.close()
            self._library = None

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if done and not self._list_timer.isActive():
            self._list_timer.start()

    @Slot(object)
    def _on_built(self, report: BuildReport) -> None:
        self._list_timer.stop()
        if report.cancelled:
            self.message.emit("Indexing cancelled; the articles indexed so far are listed.")
        self.refresh()
        self._watch()

    @Slot(str)
    def _on_build_failed(self, reason: str) -> None:
        self.message.emit(f"Could not index the library: {reason}")
        self.refresh()

    @Slot()
    def _on_thread_finished(self) -> None:
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread = None
        self._progress_box.hide()
        self._show_status()
        if self._again:
            self.rebuild()

    def _watch(self) -> None:
        """Watch the opened folders (and their files while there are not too many) for changes."""
        watched = self.watcher.directories() + self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        paths: list[str] = []
        for folder in self._folders:
            paths.extend(root for root, dirs, _ in os.walk(folder) if not Path(root).name.startswith("."))
        entries = self._library.entries(self._folders) if self._library is not None else []
        if len(entries) <= WATCH_FILES_MAX:
            paths.extend(entry.path for entry in entries)
        if paths:
            self.watcher.addPaths(paths)

    @Slot(str)
    def _on_disk_changed(self, path: str) -> None:
        del path
        self._rebuild_timer.start()

    # --- listing and searching ----------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Show the opened folders' articles, or the matches of the search box's query."""
        self._search_timer.stop()
        library = self.library
        text = self.search_edit.text().strip()
        self._hits = {}
        self._terms = ()
        entries: list[LibraryEntry] = []
        try:
            if library is not None and self._folders and text:
                hits = library.search(live_query(self.search_edit.text()), self._folders)
                self._hits = {hit.path: hit for hit in hits}
                self._terms = hits[0].terms if hits else ()
                entries = [e for e in library.entries(self._folders) if e.path in self._hits]
            elif library is not None and self._folders:
                entries = library.entries(self._folders)
        except LibraryError as exc:
            self.message.emit(exc.reason)
            self.rebuild()
        self._fill(entries)

    def _fill(self, entries: list[LibraryEntry]) -> None:
        self.items.removeRows(0, self.items.rowCount())
        best = max((hit.score for hit in self._hits.values()), default=0.0) or 1.0
        for entry in entries:
            headline = QStandardItem(entry.headline or Path(entry.path).name)
            headline.setData(entry.path, PATH_ROLE)
            headline.setToolTip(entry.path)
            hit = self._hits.get(entry.path)
            headline.setData(entry.headline.casefold(), SORT_ROLE)
            outlet = QStandardItem(entry.outlet or "")
            outlet.setData(outlet.text().casefold(), SORT_ROLE)
            outlet.setToolTip(outlet.text())
            date = QStandardItem((entry.published or "")[:10] or (entry.date_text or ""))
            date.setData(entry.published or "", SORT_ROLE)
            count = QStandardItem(str(entry.entity_count))
            count.setData(entry.entity_count, SORT_ROLE)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            # For words, relevance as a share of the best hit's (bm25's own figures mean nothing to a
            # reader); for entity filters alone, the mention count.
            match = QStandardItem("" if hit is None else f"{hit.score / best:.0%}" if hit.terms else f"{hit.score:g}×")
            match.setData(hit.score if hit else 0.0, SORT_ROLE)
            match.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.items.appendRow([headline, outlet, date, count, match])
        self.view.setColumnHidden(MATCH_COLUMN, not self._hits)
        for column in (OUTLET_COLUMN, DATE_COLUMN):  # plain-text folders often name neither: no empty columns
            empty = all(not self.items.item(row, column).text() for row in range(self.items.rowCount()))
            self.view.setColumnHidden(column, empty and self.items.rowCount() > 0)
        if self._hits:
            # Best match first until the reader sorts by a column.
            self.view.sortByColumn(MATCH_COLUMN, Qt.SortOrder.DescendingOrder)
        elif self.view.header().sortIndicatorSection() == MATCH_COLUMN:
            self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._show_status()
        self._mark_reading()
        self._select(self._current, scroll=False)
        self._show_snippet(self.view.currentIndex())

    def _mark_reading(self) -> None:
        """Set the headline of the article being read in bold, wherever the list's current row is.

        Being the current row is no mark of its own: Down from a query moves it to the best match.
        """
        for row in range(self.items.rowCount()):
            item = self.items.item(row, 0)
            reading = item.data(PATH_ROLE) == self._current
            if item.font().bold() != reading:
                font = item.font()
                font.setBold(reading)
                item.setFont(font)

    def _show_status(self) -> None:
        rows = self.items.rowCount()
        if not self._folders:
            self.status_label.setText("Open a folder to list its articles.")
        elif self.search_edit.text().strip():
            self.status_label.setText(f"{rows} matching article{'' if rows == 1 else 's'}")
        elif self.building:
            self.status_label.setText(f"{rows} article{'' if rows == 1 else 's'} indexed so far; indexing…")
        else:
            self.status_label.setText(f"{rows} article{'' if rows == 1 else 's'}")

    def paths(self) -> list[str]:
        """The listed articles in the order shown (next/previous article follows it)."""
        return [self.proxy.index(row, 0).data(PATH_ROLE) for row in range(self.proxy.rowCount())]

    def _select(self, path: str, scroll: bool = True) -> bool:
        """Make ``path``'s row current; with no such row, no row is: the list never marks another article."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(PATH_ROLE) == path:
                self.view.setCurrentIndex(index)
                if scroll:
                    self.view.scrollTo(index)
                return True
        self.view.selectionModel().clear()
        return False

    @Slot(QModelIndex)
    def _show_snippet(self, index: QModelIndex) -> None:
        hit = self._hits.get(index.siblingAtColumn(0).data(PATH_ROLE) or "") if index.isValid() else None
        self.snippet_label.setVisible(hit is not None)
        self.snippet_label.setText(snippet_html(hit) if hit is not None else "")

    @Slot(QModelIndex)
    def _on_activated(self, index: QModelIndex) -> None:
        path = index.siblingAtColumn(0).data(PATH_ROLE)
        if path:
            hit = self._hits.get(path)
            self.open_requested.emit(path, hit.terms if hit is not None else ())

    @Slot()
    def _search_now_and_enter(self) -> None:
        """Enter or Down in the search box: search now and move into the results at the best match.

        The article being read keeps its row marked among the results, but a reader who typed a query
        is after what it found first; only the whole list (no query) is entered at the reader's place.
        """
        self.refresh()
        if self.proxy.rowCount():
            if self._hits or not self.view.currentIndex().isValid():
                self.view.setCurrentIndex(self.proxy.index(0, 0))
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_search(self) -> None:
        """Put the caret in the search box, its text selected for typing over."""
        self.show()
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def show_mentioning(self, name: str) -> None:
        """List the opened folders' articles naming entity ``name`` (names merged as in one article)."""
        quoted = name.replace('"', "")
        self._mentioning = f'mentions:"{quoted}"'
        self.search_edit.setText(self._mentioning)
        self.refresh()
        self.focus_search()

    @Slot(object)
    def _on_article(self, article: Article) -> None:
        """Mark the new article's row; an article outside the list ends a search made for the previous one.

        "Articles mentioning X" belongs to the article it was asked from: once the reader opens an
        article that is not among its results it is stale, so the list goes back to all articles. A
        query the reader typed stays.
        """
        self._current = article.source.path
        self._mark_reading()
        if self._select(self._current):
            return
        if self._mentioning and self.search_edit.text() == self._mentioning:
            self.search_edit.clear()
            self.refresh()
        self._mentioning = ""

    @Slot()
    def _on_article_closed(self) -> None:
        self._current = ""
        self._mark_reading()
        self._select(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down in the search box moves into the list; Esc clears the search, then leaves the panel."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.search_edit and event.key() == Qt.Key.Key_Down and self.proxy.rowCount():
            self._search_now_and_enter()
            return True
        if watched is self.search_edit and event.key() == Qt.Key.Key_Escape and self.search_edit.text():
            self.search_edit.clear()
            self.refresh()
            return True
        if watched in (self.search_edit, self.view) and event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            return True
        return super().eventFilter(watched, event)
