"""The one typed settings object: defaults, the user's values and their persistence in QSettings."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from viewer import APPLICATION, ORGANISATION, resource_folder
from viewer.model import EntityType
from viewer.ui.entity_panel import SortOrder
from viewer.ui.theme import ThemeChoice

log = logging.getLogger(__name__)

#: How many files File › Open Recent remembers.
MAX_RECENT = 10
ZOOM_MIN, ZOOM_MAX, ZOOM_STEP = 50, 300, 10
_THEMES = frozenset(str(t) for t in ThemeChoice)
_TYPES = frozenset(str(t) for t in EntityType)


@cache
def _program_folders() -> tuple[Path, ...]:
    """The program's own files: its package and its resources (apart in an editable install)."""
    return (Path(__file__).resolve().parents[1], resource_folder().resolve())


def _in_program(path: str) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(own) for own in _program_folders())


def open_store(path: str | None = None) -> QSettings:
    """The INI-format store: ``path`` when given (tests, benchmarks), else the user's own file.

    INI everywhere (rather than the Windows registry or macOS plists) keeps one format to
    read, to validate and to recover from when it is damaged.
    """
    if path is not None:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


def _str(store: QSettings, key: str, default: str) -> str:
    value = store.value(key, default)
    return value if isinstance(value, str) else default


def _bool(store: QSettings, key: str, default: bool) -> bool:
    value = store.value(key, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return default


def _int(store: QSettings, key: str, default: int, low: int, high: int) -> int:
    value = store.value(key, default)
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if low <= number <= high else default


def _str_list(store: QSettings, key: str) -> list[str]:
    value = store.value(key, [])
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return list(value)
    return []


def _bytes(store: QSettings, key: str) -> QByteArray:
    value = store.value(key, QByteArray())
    return value if isinstance(value, QByteArray) else QByteArray()


@dataclass
class Settings:
    """Everything the app remembers between runs, with a sound default for each value.

    Reading never fails: a value of the wrong type, out of range or from a damaged file falls
    back to its default, so a corrupt settings file costs the user their preferences, not the app.
    """

    geometry: QByteArray = field(default_factory=QByteArray)
    window_state: QByteArray = field(default_factory=QByteArray)
    splitter: list[int] = field(default_factory=list)
    entity_panel_visible: bool = True
    zoom: int = 100
    theme: ThemeChoice = ThemeChoice.SYSTEM
    highlights: bool = True
    hidden_types: set[EntityType] = field(default_factory=set)
    entity_sort: SortOrder = SortOrder.MENTIONS
    recent_files: list[str] = field(default_factory=list)
    #: The headline each recent file had when it was read, for Open Recent (numbered files look alike).
    recent_titles: dict[str, str] = field(default_factory=dict)
    last_folder: str = ""
    #: Folders open in the library panel, reopened at the next start.
    library_folders: list[str] = field(default_factory=list)
    #: Whether the library panel was showing them (a reader who hid it keeps the folders, not the panel).
    library_visible: bool = True
    #: Keys the reader rebound, as portable key text per action id (see ``viewer.ui.actions.Keymap``).
    shortcuts: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: QSettings) -> Settings:
        """Read every group; anything unreadable keeps its default."""
        if store.status() != QSettings.Status.NoError:
            log.warning("settings file %s is unreadable; using defaults", store.fileName())
            return cls()
        settings = cls()
        try:
            settings.geometry = _bytes(store, "window/geometry")
            settings.window_state = _bytes(store, "window/state")
            settings.splitter = [int(size) for size in _str_list(store, "window/splitter") if size.isdigit()]
            settings.entity_panel_visible = _bool(store, "window/entity_panel", True)
            settings.zoom = _int(store, "reading/zoom", 100, ZOOM_MIN, ZOOM_MAX)
            theme = _str(store, "reading/theme", ThemeChoice.SYSTEM)
            settings.theme = ThemeChoice(theme) if theme in _THEMES else ThemeChoice.SYSTEM
            settings.highlights = _bool(store, "highlights/enabled", True)
            settings.hidden_types = {EntityType(t) for t in _str_list(store, "highlights/hidden") if t in _TYPES}
            # By member name: the labels ("A–Z") are the panel's to reword.
            sort = _str(store, "entities/sort", SortOrder.MENTIONS.name)
            settings.entity_sort = SortOrder[sort] if sort in SortOrder.__members__ else SortOrder.MENTIONS
            settings.recent_files = _str_list(store, "files/recent")[:MAX_RECENT]
            pairs = _str_list(store, "files/recent_titles")  # path, headline, path, headline, …
            titles = dict(zip(pairs[::2], pairs[1::2], strict=False))
            settings.recent_titles = {p: titles[p] for p in settings.recent_files if titles.get(p)}
            settings.remember_folder(_str(store, "files/last_folder", ""))
            settings.library_folders = _str_list(store, "library/folders")
            settings.library_visible = _bool(store, "library/visible", True)
            store.beginGroup("shortcuts")
            try:
                settings.shortcuts = {key: _str_list(store, key) for key in store.childKeys()}
            finally:
                store.endGroup()
        except (TypeError, ValueError) as exc:
            log.warning("settings file %s is damaged (%s); using defaults", store.fileName(), exc)
            return cls()
        return settings

    def save(self, store: QSettings) -> None:
        """Write every group and flush, so a crash later loses nothing already saved."""
        store.setValue("window/geometry", self.geometry)
        store.setValue("window/state", self.window_state)
        store.setValue("window/splitter", [str(size) for size in self.splitter])
        store.setValue("window/entity_panel", self.entity_panel_visible)
        store.setValue("reading/zoom", self.zoom)
        store.setValue("reading/theme", str(self.theme))
        store.setValue("highlights/enabled", self.highlights)
        store.setValue("highlights/hidden", sorted(str(t) for t in self.hidden_types))
        store.setValue("entities/sort", self.entity_sort.name)
        store.setValue("files/recent", self.recent_files)
        titled = [(path, self.recent_titles[path]) for path in self.recent_files if self.recent_titles.get(path)]
        store.setValue("files/recent_titles", [text for pair in titled for text in pair])
        store.setValue("files/last_folder", self.last_folder)
        store.setValue("library/folders", self.library_folders)
        store.setValue("library/visible", self.library_visible)
        store.remove("shortcuts")
        for action_id, keys in sorted(self.shortcuts.items()):
            store.setValue(f"shortcuts/{action_id}", keys)
        store.sync()

    def remember_folder(self, folder: str) -> None:
        """Note the folder the reader used last, unless it holds the program's own files.

        The bundled sample article lives there: no place to look for articles or to save a PDF, and
        showing the sample must not make the file dialogs forget where the reader was.
        """
        if folder and not _in_program(folder):
            self.last_folder = folder

    def start_folder(self) -> str:
        """Where Open, Open Folder and Export as PDF start: the folder used last, else Documents, else home."""
        from PySide6.QtCore import QStandardPaths  # wrapped at first use: not on the start-up path

        if self.last_folder and Path(self.last_folder).is_dir():
            return self.last_folder
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return documents if documents and Path(documents).is_dir() else str(Path.home())

    def add_recent(self, path: str, title: str = "") -> None:
        """Put ``path`` first in the recent list, once, keeping the list short; ``title`` is its headline.

        The bundled sample, shown at every launch without a file, is not the reader's and is not listed.
        """
        if _in_program(path):
            return
        self.recent_files = [path, *(p for p in self.recent_files if p != path)][:MAX_RECENT]
        titles = {**self.recent_titles, path: title}
        self.recent_titles = {p: titles[p] for p in self.recent_files if titles.get(p)}
