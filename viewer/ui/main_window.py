"""MainWindow: the reading view beside the entity panel, all fed by one ArticleModel."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.model import Article, EntityType
from viewer.model.files import articles_in, expand_paths
from viewer.ui.article_model import ArticleModel
from viewer.ui.entity_panel import EntityPanel
from viewer.ui.menus import add_menus
from viewer.ui.message_bar import MessageBar
from viewer.ui.reading_view import ReadingView
from viewer.ui.settings import ZOOM_MAX, ZOOM_MIN, ZOOM_STEP, Settings, open_store
from viewer.ui.theme import ThemeChoice, apply_theme, install_reading_style, is_dark, show_focus_edge

if TYPE_CHECKING:
    from collections.abc import Callable

    from viewer.ui.actions import WindowActions
    from viewer.ui.find_bar import FindBar
    from viewer.ui.library_panel import LibraryPanel
    from viewer.ui.printing import ArticlePrinter

log = logging.getLogger(__name__)

APP_NAME = "Article Viewer"
#: The File › Open filter; the loader sniffs content, so "All files" is offered too.
OPEN_FILTER = "Articles (*.txt *.text *.md *.html *.htm *.xhtml *.shtml *.mhtml *.mht);;All files (*)"
_THEME_LABELS = {ThemeChoice.SYSTEM: "System", ThemeChoice.LIGHT: "Light", ThemeChoice.DARK: "Dark"}
#: Editors save by writing a new file and renaming it; wait for the dust to settle before reloading.
RELOAD_DELAY_MS = 300
#: The last session's library folders come back this long after the window is shown.
REOPEN_LIBRARY_MS = 500
#: A first article still being read after the window's first paint holds the menus' commands back at most this long.
FILL_MENUS_AT_LATEST_MS = 250
#: How long a passing note ("Last article in the folder") stays in the status bar.
STATUS_NOTE_MS = 4000
#: Commands that only make sense with an entity selected.
MENTION_ACTIONS = ("next_mention", "previous_mention")
#: Commands about the article on screen: greyed out (keys inert) while there is none.
ARTICLE_ACTIONS = ("reload", "close", "print", "print_preview", "export_pdf", "find", "find_next", "find_previous")
#: Commands that step from a file: greyed out while there is none (nothing opened yet, or the article closed).
STEP_ACTIONS = ("next_article", "previous_article")


#: The status bar while entities are being found.
FINDING = "Finding entities…"


#: Characters of a headline Open Recent shows before an ellipsis.
RECENT_TITLE = 60


def _recent_label(path: str, recent: list[str], title: str = "") -> str:
    """How Open Recent names ``path``: "Headline — file name", the folder added when another recent file has that name.

    Numbered files ("001.txt", "002.txt") look alike; their headlines do not.
    """
    name = Path(path).name
    if sum(Path(other).name == name for other in recent) >= 2:
        folder, home = Path(path).parent, Path.home()
        name = f"{name} — {Path('~') / folder.relative_to(home) if folder.is_relative_to(home) else folder}"
    if len(title) > RECENT_TITLE:
        title = title[: RECENT_TITLE - 1].rstrip() + "…"
    return f"{title} — {name}" if title else name


def _describe(files: list[tuple[str, str]]) -> str:
    """Unreadable files for the message bar: "b.txt (file is empty), c.txt (…)"."""
    return ", ".join(f"{Path(path).name} ({reason})" for path, reason in files)


class MainWindow(QMainWindow):
    """The article viewer's window.

    Views subscribe to :class:`ArticleModel` themselves; everything else — what the reader's
    gestures do, what the status bar and title show — is wired in :meth:`_connect_signals`.
    Action handlers are the public methods named in the action table (``viewer.ui.actions``).

    Signals:
        settled(): once, right after the article view's first paint that follows the first load
            (or failed load). Start-up work the first paint need not wait for is connected here.
    """

    settled = Signal()

    def __init__(self, store: QSettings | None = None, model: ArticleModel | None = None) -> None:
        super().__init__()
        self.store = store if store is not None else open_store()
        self.settings = Settings.load(self.store)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.settings.theme, first_look=True)  # before the widgets exist: none is polished twice
        self.model = model if model is not None else ArticleModel(self)
        self.dark = False
        self._sequence: list[str] = []
        self._sequence_given = False
        self._pending_reload = ""
        self._find_after_load = ""
        # Where the reader is in the list next/previous article steps through: the file last asked
        # for while stepping (an unreadable one is stepped over); else the article on screen.
        self._position = ""
        # While stepping (+1 or -1, 0 otherwise) unreadable files are skipped and remembered for the bar.
        self._step = 0
        self._skipped: list[tuple[str, str]] = []
        self._opening = False  # files handed over (not Next/Previous) are being tried, none read yet
        self._window_actions: WindowActions | None = None
        self._settling = False
        self._styled = False  # the check-box style is installed (see `_install_reading_style`)
        self._after_paint: dict[QObject, list[Callable[[], object]]] = {}  # see `_after_next_paint`
        self._browsing = False  # the article being loaded came from Next/Previous Article
        self._highlighted_anyway = ""  # a page in another language the reader asked to see highlighted
        self._keyboard_at_popup = False  # the reader was on the keyboard when another window took the focus

        self.reading_view = ReadingView(self.model)
        self.reading_view.setAcceptDrops(False)
        self.entity_panel = EntityPanel(self.model)
        self._library_panel: LibraryPanel | None = None  # made, in its dock, on first use
        self.message_bar = MessageBar()
        reading_area = QWidget()
        column = QVBoxLayout(reading_area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.message_bar)
        column.addWidget(self.reading_view, 1)
        self._reading_column = column
        self._find_bar: FindBar | None = None  # made on first use, under the article
        self.splitter = QSplitter()  # side by side: the default orientation
        self.splitter.addWidget(reading_area)
        self.splitter.addWidget(self.entity_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.entity_status = QLabel()
        self.mention_status = QLabel()
        self.zoom_status = QLabel()
        for label, name in (
            (self.entity_status, "Entity status"),
            (self.mention_status, "Current mention"),
            (self.zoom_status, "Zoom"),
        ):
            label.setProperty("textFormat", "PlainText")  # by name: see viewer.ui
            label.setContentsMargins(10, 0, 10, 0)
            label.setAccessibleName(name)
            self.statusBar().addPermanentWidget(label)
        # As wide as "Finding entities…" from the start: set as the first paint is made, the text came
        # before the status bar's layout caught up, and the first frame showed only its "F".
        self.entity_status.setMinimumWidth(self.entity_status.fontMetrics().horizontalAdvance(FINDING) + 20)
        self.theme_button = QToolButton()
        self.theme_button.setAutoRaise(True)
        self.theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.theme_button.setAccessibleName("Theme")
        self.theme_button.setAccessibleDescription("Light, dark, or follow the system")
        self.theme_button.setToolTip("Light, dark, or follow the system")
        self.theme_button.setMenu(QMenu(self.theme_button))  # filled with the window's actions
        self.statusBar().addPermanentWidget(self.theme_button)

        self.watcher = QFileSystemWatcher(self)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self.recent_menu = QMenu("Open &Recent", self)
        self.menus = add_menus(self.menuBar())
        self._printer: ArticlePrinter | None = None

        self.setAcceptDrops(True)
        self.setWindowTitle(APP_NAME)
        self._connect_signals()
        self._after_next_paint(self.reading_view.viewport(), self._fill_menus_soon)
        self._restore_settings()
        if self.settings.library_folders:
            # After the first paint: opening the index and checking the folders stay out of start-up.
            QTimer.singleShot(REOPEN_LIBRARY_MS, self, self._reopen_library)

    # --- wiring ---------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        """The whole data flow of the window, in one place."""
        model, view, panel = self.model, self.reading_view, self.entity_panel
        # model → window chrome (views subscribe to the model in their constructors)
        model.loading_started.connect(self._on_loading)
        model.article_loaded.connect(self._on_article_loaded)
        model.load_failed.connect(self._on_load_failed)
        model.entities_pending.connect(self._on_entities_pending)
        model.entities_ready.connect(self._on_entities_ready)
        model.entities_failed.connect(self._on_entities_failed)
        model.current_entity_changed.connect(self._on_entity_changed)
        model.current_mention_changed.connect(self._on_mention_changed)
        model.article_closed.connect(self._on_article_closed)
        self.settled.connect(self._install_reading_style)
        self.settled.connect(self._set_icon)
        self.settled.connect(self._fill_menus)
        # reader's gestures → model
        view.entity_clicked.connect(model.select_entity)
        panel.entity_selected.connect(model.select_entity)
        panel.entity_activated.connect(self._go_to_first_mention)
        panel.next_mention_requested.connect(model.next_mention)
        panel.previous_mention_requested.connect(model.previous_mention)
        # reader's gestures → view and settings
        panel.highlights_toggled.connect(self.set_highlights)
        panel.type_toggled.connect(self._on_type_toggled)
        panel.leave_requested.connect(self.reading_view.setFocus)
        self.message_bar.leave_requested.connect(self.reading_view.setFocus)
        view.installEventFilter(self)  # Esc in the article: see `eventFilter`
        # library → window
        panel.mentioning_requested.connect(self.show_mentioning)
        # library panel → window: wired in `library_panel`, which makes the panel on first use
        # printing → status bar: wired in `printer`, which makes the service on first use
        # files on disk → reload
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.watcher.directoryChanged.connect(self._on_folder_changed)
        self._reload_timer.timeout.connect(self._reload_changed_file)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)
        # theme menu → window: wired in `_fill_menus`, which fills the menu

    @property
    def window_actions(self) -> WindowActions:
        """The menus' commands and keys, from the one action table (see `_fill_menus_soon`)."""
        self._fill_menus()
        assert self._window_actions is not None
        return self._window_actions

    def _fill_menus_soon(self) -> None:
        """After the first paint: the menus' commands, but a first article on its way is painted first.

        The article need not wait for the ~30 QActions (``settled`` brings them), nor the reader for
        a long read: they come within :data:`FILL_MENUS_AT_LATEST_MS` all the same. The menu titles
        are there from the start.
        """
        if self.model.loading or self.model.article is not None:
            QTimer.singleShot(FILL_MENUS_AT_LATEST_MS, self, self._fill_menus)  # unless `settled` comes sooner
        else:
            self._fill_menus()

    @Slot()
    def _fill_menus(self) -> None:
        if self._window_actions is None:
            from PySide6.QtGui import QActionGroup

            from viewer.ui.actions import install_actions

            self._window_actions = install_actions(self, self.menus)
            self._window_actions.keys_applied.connect(self._name_open_key)
            self._name_open_key()
            self._sync_article_actions()
            entity = self.model.current_entity
            self._on_entity_changed(entity.id if entity is not None else "")
            menu = self.theme_button.menu()
            assert menu is not None
            choices = QActionGroup(menu)  # exclusive: the menu shows radio marks
            for choice in ThemeChoice:
                action = menu.addAction(_THEME_LABELS[choice])
                action.setCheckable(True)
                action.setChecked(choice == self.settings.theme)
                action.setData(str(choice))
                action.triggered.connect(lambda _checked=False, c=choice: self.set_theme(c))
                choices.addAction(action)
            # Opened from the keyboard, the menu starts on the look in use: Enter keeps it, arrows move from it.
            menu.aboutToShow.connect(lambda: menu.setActiveAction(choices.checkedAction()))

    def _edged(self) -> list[QFrame]:
        """The article and the lists: what has a focus edge (``theme.add_focus_edge``)."""
        panes: list[QFrame] = [self.reading_view, self.entity_panel.tree]
        if self._library_panel is not None:
            panes.append(self._library_panel.view)
        return panes

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """Show where the keyboard is: the panes' edges, and the theme button, which draws nothing unhovered."""
        for pane in self._edged():
            if pane in (old, new):
                show_focus_edge(pane, new is pane)
        self.theme_button.setAutoRaise(new is not self.theme_button)  # focused, it is drawn as a button
        # A drop-down list (the sort box's) that closes clears the window's "keyboard in use" flag, even
        # when Enter closed it, and Fusion's focus ring goes with the flag: when the focus comes back
        # from another window (a list, a dialog), the flag is put back as it was when the focus left.
        if old is None or new is None or (old.window() is self) == (new.window() is self):
            return
        keyboard = QtCore.Qt.WidgetAttribute.WA_KeyboardFocusChange
        if new.window() is not self:
            self._keyboard_at_popup = self.testAttribute(keyboard)
        elif self._keyboard_at_popup:
            self.setAttribute(keyboard)
            new.update()

    @Slot()
    def _name_open_key(self) -> None:
        self.reading_view.set_open_key(self.window_actions.shown_key("open"))

    # --- settings -------------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        s = self.settings
        if not s.geometry.isEmpty():
            self.restoreGeometry(s.geometry)
        else:
            self.resize(1280, 820)
        if not s.window_state.isEmpty():
            self.restoreState(s.window_state)
        if len(s.splitter) == 2 and all(size > 0 for size in s.splitter):
            self.splitter.setSizes(s.splitter)
        else:
            self.splitter.setSizes([900, 340])
        self.entity_panel.setVisible(s.entity_panel_visible)
        self.reading_view.set_zoom(s.zoom)
        self.reading_view.set_highlights(s.highlights)
        self.reading_view.set_hidden_types(set(s.hidden_types))
        self.entity_panel.set_highlight_state(s.highlights, set(s.hidden_types))
        self.entity_panel.set_sort_order(s.entity_sort)
        self._show_zoom()
        self.set_theme(s.theme, first_look=True)

    def save_settings(self) -> None:
        """Write the window's state into the settings store."""
        s = self.settings
        s.geometry = self.saveGeometry()
        s.window_state = self.saveState()
        sizes = self.splitter.sizes()
        if all(size > 0 for size in sizes):
            s.splitter = sizes
        s.entity_panel_visible = not self.entity_panel.isHidden()
        s.zoom = self.reading_view.zoom
        s.hidden_types = set(self.reading_view.hidden_types)
        s.entity_sort = self.entity_panel.sort_order
        if self._library_panel is not None:
            s.library_folders = self._library_panel.folders
            s.library_visible = self.library_shown()
        s.save(self.store)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember the window for next time."""
        self.save_settings()
        if self._library_panel is not None:
            self._library_panel.shutdown()
        super().closeEvent(event)

    @property
    def find_bar(self) -> FindBar:
        """The find bar under the article, made on first use (hidden until opened)."""
        if self._find_bar is None:
            from viewer.ui.find_bar import FindBar

            self._find_bar = FindBar(self.reading_view)
            self._reading_column.addWidget(self._find_bar)
        return self._find_bar

    def find_bar_shown(self) -> bool:
        """Whether the find bar is open, without making it."""
        return self._find_bar is not None and self._find_bar.isVisible()

    @property
    def library_panel(self) -> LibraryPanel:
        """The library of opened folders, made on first use: its index code loads only when it is wanted."""
        return self._library_panel if self._library_panel is not None else self._make_library_panel()

    @property
    def library_dock(self) -> QDockWidget:
        """The library panel's dock (hidden until shown), made with the panel."""
        dock = self.library_panel.parent()
        assert isinstance(dock, QDockWidget)
        return dock

    def library_shown(self) -> bool:
        """Whether the library panel is open (not hidden), without making it."""
        return self._library_panel is not None and not self.library_dock.isHidden()

    def _make_library_panel(self) -> LibraryPanel:
        from viewer.ui.library_panel import LibraryPanel

        panel = LibraryPanel(self.model)
        dock = QDockWidget("Library", self)
        dock.setObjectName("LibraryDock")
        dock.setWidget(panel)
        if not self.restoreDockWidget(dock):  # where the last session's window state had it
            self.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()  # until a folder is opened or the reader asks for it
        panel.open_requested.connect(self._open_from_library)
        panel.message.connect(self.message_bar.show_message)
        panel.leave_requested.connect(self.reading_view.setFocus)
        self._library_panel = panel
        return panel

    @property
    def printer(self) -> ArticlePrinter:
        """The printing service, made on first use so Qt's print support loads only when the reader prints."""
        if self._printer is None:
            from viewer.ui.printing import ArticlePrinter

            self._printer = ArticlePrinter(self.model, self, self.settings)
            # failures are shown by the printer itself
            self._printer.exported.connect(lambda path: self.statusBar().showMessage(f"Saved {path}", 5000))
        return self._printer

    # --- model → window ---------------------------------------------------------------------------

    @Slot(str)
    def _on_loading(self, path: str) -> None:
        if path != self._position:  # the reader opened something else: stepping is over
            self._step = 0
            self._skipped = []
        self.statusBar().showMessage(f"Opening {Path(path).name}…")

    @Slot()
    def _set_icon(self) -> None:
        """The app's icon, once the article is on screen: a title bar takes it a moment later just as well."""
        from viewer.ui.app_icon import application_icon

        QApplication.setWindowIcon(application_icon())

    @Slot()
    def _install_reading_style(self) -> None:
        """Check boxes' edges (``theme.install_reading_style``), once the first article's entities are shown.

        Setting the style up takes ~30 ms of this thread, which an extraction still running would wait
        for (spaCy's import needs the interpreter this thread holds), and so would the entities' paint:
        see ``_style_once_entities_shown``. An unticked "Highlight" box cannot wait: without the style
        its edge is all but invisible in the dark look.

        The "System" theme's first look guessed the colour scheme from the palette; it is asked for
        exactly now too, since asking builds the ``Qt`` namespace (~20 ms, see ``viewer.ui``).
        """
        app = QApplication.instance()
        due = self.model.article is None or self.model.entities_done or not self.entity_panel.highlight_box.isChecked()
        if isinstance(app, QApplication) and due:
            install_reading_style(app)
            self._styled = True
            self._on_system_scheme()

    def _style_once_entities_shown(self) -> None:
        """The check-box style after the entity panel's next paint (straight away when it is hidden)."""
        if self._styled:
            return
        if self.entity_panel.isVisible():
            self._after_next_paint(self.entity_panel.tree.viewport(), self._install_reading_style)
        else:
            QTimer.singleShot(0, self, self._install_reading_style)

    def _settle_after_paint(self) -> None:
        """``settled`` follows the article view's next paint."""
        if not self._settling:
            self._settling = True
            # A failed first load may change nothing in the view: ask for the paint.
            self._after_next_paint(self.reading_view.viewport(), self.settled.emit)

    def _after_next_paint(self, widget: QWidget, then: Callable[[], object]) -> None:
        """Run ``then`` once ``widget`` has painted next, queued behind the paint (see ``eventFilter``)."""
        if widget not in self._after_paint:
            widget.installEventFilter(self)
        self._after_paint.setdefault(widget, []).append(then)
        widget.update()

    @Slot(object)
    def _on_article_loaded(self, article: Article) -> None:
        self._settle_after_paint()
        self._sync_article_actions()
        self._highlight_unless_foreign(article)
        path = article.source.path
        self.message_bar.hide()
        self.statusBar().clearMessage()
        title = article.headline or Path(path).name
        self.setWindowTitle(f"{title} — {APP_NAME}")
        self.setWindowFilePath(path)
        if not self._browsing:  # Next/Previous through a folder is browsing: Open Recent keeps what was opened
            self.settings.add_recent(path, article.headline)
        self._browsing = False
        self.settings.remember_folder(str(Path(path).parent))
        watched = self.watcher.files() + self.watcher.directories()
        if watched and watched != [path]:
            self.watcher.removePaths(watched)
        if path not in self.watcher.files() and Path(path).exists():
            self.watcher.addPath(path)
        if not self._sequence_given or path not in self._sequence:
            self._sequence = []
            self._sequence_given = False
        self._position = path
        if self._skipped:
            self.message_bar.show_message(f"Skipped {_describe(self._skipped)}")
        self._step = 0
        self._skipped = []
        self._opening = False
        if self._find_after_load:
            # Opened from a library search: show where the words are, keep the focus in the results.
            self.find_bar.find_from_top(self._find_after_load)
            self._find_after_load = ""

    @Slot(str, str)
    def _on_load_failed(self, path: str, reason: str) -> None:
        self._settle_after_paint()
        self.statusBar().clearMessage()
        self._sync_article_actions()
        if self._step and path == self._position:
            # One unreadable file must not block the way through a folder: go on to the next one.
            self._skipped.append((path, reason))
            self._step_from(path, self._step)
            return
        self.message_bar.show_message(f"Could not open {path}: {reason}")
        self._opening = False
        if self.model.article is not None:
            # The reader is still on this article: Next/Previous go on from it, not from the file that failed.
            self._position = self.model.article.source.path

    @Slot()
    def _on_entities_pending(self) -> None:
        self.entity_status.setText(FINDING)

    @Slot(object)
    def _on_entities_ready(self, article: Article) -> None:
        count = len(article.entities)
        self.entity_status.setText(f"{count} entit{'y' if count == 1 else 'ies'}")
        self._highlight_unless_foreign(article)
        self._style_once_entities_shown()

    def _highlight_unless_foreign(self, article: Article) -> None:
        """Highlight as the reader chose, except on a page in another language than the entity model's.

        There most marks are wrong (a German page read by the English model marked "Käufer" a person),
        so such a page starts without them, the panel saying so; switching highlighting on shows them
        for that page. The reader's own choice, kept in the settings, is left as it was.
        """
        foreign = article.foreign_language() is not None and article.source.path != self._highlighted_anyway
        enabled = self.settings.highlights and not foreign
        if enabled != self.reading_view.highlights_enabled:
            self.reading_view.set_highlights(enabled)
            self.entity_panel.set_highlight_state(enabled, set(self.reading_view.hidden_types))

    @Slot(str)
    def _on_entities_failed(self, reason: str) -> None:
        self.entity_status.setText("Entities unavailable")
        self.message_bar.show_message(f"Could not find entities: {reason}")
        self._style_once_entities_shown()

    def _sync_article_actions(self) -> None:
        """Grey out what needs an article while there is none (keys inert too)."""
        enabled = self.model.article is not None
        if self._window_actions is not None:
            for action_id in ARTICLE_ACTIONS:
                self._window_actions.actions[action_id].setEnabled(enabled)
            # A file that failed to open is a place to step on from.
            for action_id in STEP_ACTIONS:
                self._window_actions.actions[action_id].setEnabled(enabled or bool(self._position))

    @Slot(str)
    def _on_entity_changed(self, entity_id: str) -> None:
        if self._window_actions is not None:
            for action_id in MENTION_ACTIONS:
                self._window_actions.actions[action_id].setEnabled(bool(entity_id))

    @Slot(int, int)
    def _on_mention_changed(self, index: int, count: int) -> None:
        entity = self.model.current_entity
        if entity is None or index < 0:
            self.mention_status.setText("")
            return
        self.mention_status.setText(f"{entity.name}: mention {index + 1} of {count}")

    @Slot()
    def _on_article_closed(self) -> None:
        self._position = ""
        self._sync_article_actions()
        if self.find_bar_shown():
            self.find_bar.close_bar()
        self.setWindowTitle(APP_NAME)
        self.setWindowFilePath("")
        self.entity_status.setText("")
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())

    @Slot(str)
    def _go_to_first_mention(self, entity_id: str) -> None:
        self.model.select_entity(entity_id)
        self.model.go_to_mention(0)
        self.reading_view.setFocus()

    @Slot(object, bool)
    def _on_type_toggled(self, entity_type: EntityType, visible: bool) -> None:
        self.reading_view.set_type_visible(entity_type, visible)
        self.settings.hidden_types = set(self.reading_view.hidden_types)

    @Slot(str)
    def _on_file_changed(self, path: str) -> None:
        article = self.model.article
        if article is not None and article.source.path == path:
            self._pending_reload = path
            self._reload_timer.start()

    @Slot()
    def _reload_changed_file(self) -> None:
        path = self._pending_reload
        if not Path(path).exists():
            self.message_bar.show_message(f"{path} was moved or deleted; showing the last version read.")
            # The watcher forgot the file with it: watch its folder to see it come back.
            if Path(path).parent.is_dir():
                self.watcher.addPath(str(Path(path).parent))
            return
        self.watcher.addPath(path)
        self.model.load(path)

    @Slot(str)
    def _on_folder_changed(self, folder: str) -> None:
        """The folder of an article whose file went away changed: when the file is back, reload it."""
        path = Path(self.model.article.source.path) if self.model.article is not None else None
        if path is not None and path.parent == Path(folder) and path.exists():
            self.watcher.removePath(folder)
            self._pending_reload = str(path)
            self._reload_timer.start()

    @Slot()
    def _on_system_scheme(self) -> None:
        """The system's colour scheme changed, or the first article's entities are shown and it can be asked exactly."""
        if self.settings.theme is ThemeChoice.SYSTEM and is_dark(ThemeChoice.SYSTEM) != self.dark:
            self.set_theme(ThemeChoice.SYSTEM)

    # --- opening things -----------------------------------------------------------------------------

    def open_paths(self, paths: list[str]) -> None:
        """Open what the command line, a drop or another instance handed over.

        Several files (or a folder's articles) become the sequence next/previous article
        steps through; the first is shown.
        """
        self._browsing = False
        files = expand_paths(paths)
        if not files:
            names = ", ".join(paths) or "nothing"
            self.message_bar.show_message(f"No articles to open in {names}.")
            return
        self._sequence = files if len(files) > 1 or len(paths) > 1 or Path(paths[0]).is_dir() else []
        self._sequence_given = bool(self._sequence)
        self._position = files[0]
        self._step = 1 if self._sequence else 0  # an unreadable first file gives way to the next
        self._opening = True
        folders = [name for name in paths if Path(name).is_dir()]
        # A folder with no articles in it is named among the files that could not be opened, and is
        # not added to the library.
        empty = [name for name in folders if not articles_in(Path(name))]
        self._skipped = [(name, "no articles in this folder") for name in empty]
        if len(folders) > len(empty):
            self.library_panel.add_folders([name for name in folders if name not in empty])
            self.library_dock.show()
        self.model.load(files[0])

    @Slot()
    def _reopen_library(self) -> None:
        """The folders the library had when the app last closed (those still there)."""
        folders = [folder for folder in self.settings.library_folders if Path(folder).is_dir()]
        if folders:
            self.library_panel.add_folders(folders)
            if self.settings.library_visible:
                self.library_dock.show()

    @Slot(str, object)
    def _open_from_library(self, path: str, terms: tuple[str, ...]) -> None:
        self._find_after_load = terms[0] if terms else ""
        self._browsing = False
        self.model.load(path)

    def raise_window(self) -> None:
        """Bring the window to the front (another instance handed over its files)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    @Slot()
    def open_file(self) -> None:
        """File › Open: choose one or several articles."""
        from PySide6.QtWidgets import QFileDialog  # here and below: not at start-up (its enums cost ~1 ms)

        start = self.settings.start_folder()
        paths, _ = QFileDialog.getOpenFileNames(self, "Open article", start, OPEN_FILTER)
        if paths:
            self.open_paths(paths)

    @Slot()
    def open_folder(self) -> None:
        """File › Open Folder: read a folder's articles in name order."""
        from PySide6.QtWidgets import QFileDialog

        start = self.settings.start_folder()
        folder = QFileDialog.getExistingDirectory(self, "Open folder of articles", start)
        if folder:
            self.open_paths([folder])

    def open_recent(self, path: str) -> None:
        """Open a file from the recent list; a vanished file is dropped from it."""
        if not Path(path).exists():
            self.settings.recent_files = [p for p in self.settings.recent_files if p != path]
        self.open_paths([path])

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent, titles = self.settings.recent_files, self.settings.recent_titles
        names = [_recent_label(path, recent, titles.get(path, "")) for path in recent]
        for index, (path, name) in enumerate(zip(self.settings.recent_files, names, strict=True), start=1):
            shown = name.replace("&", "&&")  # a literal "&" in a file name, not a mnemonic
            action = self.recent_menu.addAction(f"&{index} {shown}" if index < 10 else shown)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_recent(p))
        if not self.settings.recent_files:
            self.recent_menu.addAction("No recent articles").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list").triggered.connect(self._clear_recent)

    @Slot()
    def _clear_recent(self) -> None:
        self.settings.recent_files = []

    @Slot()
    def reload_article(self) -> None:
        """Read the current file again (keeps the selected entity when it is still there)."""
        article = self.model.article
        if article is not None:
            self.model.load(article.source.path)

    @Slot()
    def close_article(self) -> None:
        """Close the article; the window stays open, empty."""
        self.model.close()

    @Slot()
    def print_article(self) -> None:
        """File › Print; offers "Selection" when text is selected in the reading view."""
        self.printer.print_article(self.reading_view.textCursor().selectedText())

    @Slot()
    def print_preview(self) -> None:
        """File › Print Preview."""
        self.printer.print_preview()

    @Slot()
    def export_pdf(self) -> None:
        """File › Export as PDF."""
        self.printer.export_pdf()

    @Slot()
    def quit_app(self) -> None:
        """Quit (settings are saved as the window closes)."""
        self.close()
        QApplication.quit()

    def _neighbours(self, current: str) -> tuple[list[str], str]:
        """The articles Next/Previous walk through from ``current``, and where they are ("in the folder")."""
        listed = self.library_panel.paths() if self.library_shown() else []
        if current in listed:
            return listed, "in the library list"
        if self._sequence_given:
            return self._sequence, "of the files opened"
        return articles_in(Path(current).parent), "in the folder"

    def _step_article(self, step: int) -> None:
        article = self.model.article
        current = self._position or (article.source.path if article is not None else "")
        if current:
            self._skipped = []
            self._step_from(current, step)

    def _step_from(self, current: str, step: int) -> None:
        """Load the article ``step`` away from ``current``, or say there is none."""
        files, where = self._neighbours(current)
        start = 0 if step > 0 else len(files) - 1
        index = files.index(current) + step if current in files else start
        if 0 <= index < len(files):
            self._step = step
            self._position = files[index]
            self._browsing = True
            self.model.load(files[index])
            return
        self._step = 0
        article = self.model.article
        if not self._opening:  # the reader stepped past the end; files just handed over merely failed
            self.statusBar().showMessage(f"{'Last' if step > 0 else 'First'} article {where}", STATUS_NOTE_MS)
        if self._skipped:
            skipped = _describe(self._skipped)
            where = "after" if step > 0 else "before"
            if article is None or self._opening:
                self.message_bar.show_message(f"Could not open {skipped}")
            else:
                self.message_bar.show_message(f"No readable article {where} this one; skipped {skipped}")
            self._skipped = []
        self._opening = False
        if article is not None:
            self._position = article.source.path

    @Slot()
    def next_article(self) -> None:
        """Open the next article: in the library list when it shows this one, else the files given or the folder."""
        self._step_article(1)

    @Slot()
    def previous_article(self) -> None:
        """Open the previous article, in the same order as :meth:`next_article`."""
        self._step_article(-1)

    # --- reading ------------------------------------------------------------------------------------

    @Slot()
    def next_mention(self) -> None:
        """Step to the next mention of the selected entity."""
        self.model.next_mention()

    @Slot()
    def previous_mention(self) -> None:
        """Step to the previous mention of the selected entity."""
        self.model.previous_mention()

    @Slot()
    def show_find_bar(self) -> None:
        """Ctrl+F: the find bar under the article, its text selected for typing over."""
        self.find_bar.open()

    @Slot()
    def focus_entity_filter(self) -> None:
        """Put the caret in the entity filter box (showing the panel if hidden)."""
        self.entity_panel.show()
        self.entity_panel.filter_edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.entity_panel.filter_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Esc in the article closes what is open over it, one thing a press: message, find bar, selection.

        Also sees the paints that ``_after_next_paint`` waits for.
        """
        waiting = self._after_paint.pop(watched, []) if event.type() == QEvent.Type.Paint else []
        if waiting:
            watched.removeEventFilter(self)
            for then in waiting:
                QTimer.singleShot(0, self, then)  # queued behind the paint, whatever else is pending
            return False
        if (
            watched is self.reading_view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == QtCore.Qt.Key.Key_Escape
            and event.modifiers() == QtCore.Qt.KeyboardModifier.NoModifier
        ):
            if self.message_bar.isVisible():
                self.message_bar.dismiss()
            elif self.find_bar_shown():
                self.find_bar.close_bar()
            elif self.model.current_entity is not None:
                self.model.select_entity("")
            else:
                return False
            return True
        return super().eventFilter(watched, event)

    def _panes(self) -> list[QWidget]:
        panes: list[QWidget] = [self.reading_view]
        if self.find_bar_shown():
            panes.append(self.find_bar.edit)
        if self.entity_panel.isVisible():
            panes += [self.entity_panel.filter_edit, self.entity_panel.tree]
        if self.library_shown():
            panes += [self.library_panel.search_edit, self.library_panel.view]
        return panes

    def _cycle_focus(self, step: int) -> None:
        panes = self._panes()
        focused = QApplication.focusWidget()
        index = next((i for i, pane in enumerate(panes) if pane is focused), -1)
        panes[(index + step) % len(panes)].setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    @Slot()
    def focus_next_pane(self) -> None:
        """F6: article → entity filter → entity list → article."""
        self._cycle_focus(1)

    @Slot()
    def focus_previous_pane(self) -> None:
        """Shift+F6: the same cycle backwards."""
        self._cycle_focus(-1)

    @Slot()
    def search_library(self) -> None:
        """The library's search box (opening the current article's folder when no folder is open)."""
        article = self.model.article
        if not self.library_panel.folders and article is not None:
            self.library_panel.add_folders([str(Path(article.source.path).parent)])
        self.library_dock.show()
        self.library_panel.focus_search()

    @Slot()
    def toggle_library_panel(self) -> None:
        """Show or hide the library of opened folders."""
        self.library_dock.setVisible(self.library_dock.isHidden())

    @Slot(str)
    def show_mentioning(self, entity_id: str) -> None:
        """List the library's articles naming an entity of the current article, with their counts."""
        article = self.model.article
        entity = article.entity(entity_id) if article is not None else None
        if entity is None:
            return
        self.search_library()
        self.library_panel.show_mentioning(entity.name)

    @Slot()
    def toggle_entity_panel(self) -> None:
        """Show or hide the entity panel."""
        visible = self.entity_panel.isHidden()
        self.entity_panel.setVisible(visible)
        self.settings.entity_panel_visible = visible
        if not visible:
            self.reading_view.setFocus()

    @Slot()
    def toggle_highlights(self) -> None:
        """Switch all entity highlighting on or off."""
        self.set_highlights(not self.reading_view.highlights_enabled)

    @Slot(bool)
    def set_highlights(self, enabled: bool) -> None:
        """Turn highlighting on or off and keep the panel's check box in step."""
        article = self.model.article
        foreign = article is not None and article.foreign_language() is not None
        self._highlighted_anyway = article.source.path if enabled and foreign and article is not None else ""
        self.reading_view.set_highlights(enabled)
        self.entity_panel.set_highlight_state(enabled, set(self.reading_view.hidden_types))
        self.settings.highlights = enabled

    def _set_zoom(self, percent: int) -> None:
        percent = max(ZOOM_MIN, min(ZOOM_MAX, percent))
        self.reading_view.set_zoom(percent)
        self.settings.zoom = percent
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_status.setText(f"{self.reading_view.zoom} %")

    @Slot()
    def zoom_in(self) -> None:
        """Larger text."""
        self._set_zoom(self.reading_view.zoom + ZOOM_STEP)

    @Slot()
    def zoom_out(self) -> None:
        """Smaller text."""
        self._set_zoom(self.reading_view.zoom - ZOOM_STEP)

    @Slot()
    def zoom_reset(self) -> None:
        """Text at its default size."""
        self._set_zoom(100)

    @Slot()
    def toggle_full_screen(self) -> None:
        """Full screen on and off."""
        self.setWindowState(self.windowState() ^ QtCore.Qt.WindowState.WindowFullScreen)

    def set_theme(self, choice: ThemeChoice, *, first_look: bool = False) -> None:
        """Light, dark, or whatever the system uses; remembered. ``first_look``: see ``theme.is_dark``."""
        self.settings.theme = choice
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self.dark = apply_theme(app, choice, first_look=first_look)
        self.reading_view.set_dark(self.dark)
        self.entity_panel.set_dark(self.dark)
        for pane in self._edged():
            show_focus_edge(pane, pane.hasFocus())
        self.message_bar.set_dark(self.dark)
        self.theme_button.setText(f"Theme: {_THEME_LABELS[choice]}")
        # Room on the right for the menu arrow, which the style draws in the corner, over centred text.
        self.theme_button.setMinimumWidth(0)
        self.theme_button.setMinimumWidth(self.theme_button.sizeHint().width() + 12)
        menu = self.theme_button.menu()
        if menu is not None:
            for action in menu.actions():
                action.setChecked(action.data() == str(choice))

    @Slot()
    def cycle_theme(self) -> None:
        """System → light → dark → system: one key for the manual override."""
        choices = list(ThemeChoice)
        self.set_theme(choices[(choices.index(self.settings.theme) + 1) % len(choices)])

    @Slot()
    def show_shortcuts(self) -> None:
        """The shortcut sheet (built from the action table)."""
        from viewer.ui.actions import show_shortcut_sheet

        show_shortcut_sheet(self, self.window_actions)

    @Slot()
    def show_about(self) -> None:
        """Name, version and what the app is for."""
        from PySide6.QtWidgets import QMessageBox  # not at start-up: wrapping the class costs ~7 ms

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nRead saved news articles beside the people, organisations, "
            "places, dates and numbers they name. Nothing is ever fetched from the network.",
        )

    # --- drag and drop ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept files and folders from a file manager."""
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Open what was dropped, as if given on the command line."""
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)
