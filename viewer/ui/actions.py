"""The one action table: every command's text, keys, menu and handler, and the QActions and menus built from it."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6 import QtCore
from PySide6.QtCore import QObject, QPoint, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from viewer.ui.menus import MENUS

if TYPE_CHECKING:
    from viewer.ui.settings import Settings

log = logging.getLogger(__name__)

StandardKey = QKeySequence.StandardKey
#: A default key: a platform-standard key (expanded by Qt for this platform) or portable text ("Ctrl+Shift+O").
KeyBinding = StandardKey | str
PORTABLE = QKeySequence.SequenceFormat.PortableText
NATIVE = QKeySequence.SequenceFormat.NativeText


class ActionSpec(NamedTuple):
    """One command of the app, as data.

    Attributes:
        id: Stable name; the settings file stores rebound keys under it.
        text: Menu text with its ``&`` mnemonic.
        shortcuts: Default keys, platform-standard ones first.
        handler: Name of the method that runs the command: a ``MainWindow`` method, or one of
            :class:`WindowActions` for commands that live in the keyboard layer itself.
        menu: The menu the command appears in (a key of :data:`MENUS`).
        group: Commands of one group sit together; groups are separated in the menu.
        description: One plain sentence for the status bar, the shortcut sheet and screen readers.
        checkable: Whether the command is an on/off switch.
    """

    id: str
    text: str
    shortcuts: tuple[KeyBinding, ...]
    handler: str
    menu: str
    group: str
    description: str
    checkable: bool = False

    @property
    def title(self) -> str:
        """The text without its mnemonic and ellipsis: "Open" for "&Open…"."""
        return self.text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", (StandardKey.Open,), "open_file", "file", "open",
               "Open one or more article files (plain text or saved web pages)"),
    ActionSpec("open_folder", "Open &Folder…", ("Ctrl+Shift+O",), "open_folder", "file", "open",
               "Open every article in a folder, in name order"),
    ActionSpec("reload", "Re&load", (StandardKey.Refresh, "Ctrl+R"), "reload_article", "file", "open",
               "Read the current article's file again"),
    ActionSpec("close", "&Close", ("Ctrl+W", StandardKey.Close), "close_article", "file", "open",
               "Close the article; the window stays open"),
    ActionSpec("print", "&Print…", (StandardKey.Print,), "print_article", "file", "print",
               "Print the article"),
    ActionSpec("print_preview", "Print Pre&view…", ("Ctrl+Shift+P",), "print_preview", "file", "print",
               "See the printed pages before printing"),
    ActionSpec("export_pdf", "&Export as PDF…", ("Ctrl+Shift+E",), "export_pdf", "file", "print",
               "Save the article as a PDF file"),
    ActionSpec("quit", "&Quit", (StandardKey.Quit, "Ctrl+Q"), "quit_app", "file", "quit",
               "Close the window and quit"),
    ActionSpec("find", "&Find…", (StandardKey.Find,), "show_find_bar", "edit", "find",
               "Find a word in the article"),
    ActionSpec("find_next", "Find &Next", (StandardKey.FindNext,), "find_next", "edit", "find",
               "Go to the next match of the word being found"),
    ActionSpec("find_previous", "Find Pre&vious", (StandardKey.FindPrevious,), "find_previous", "edit", "find",
               "Go to the previous match of the word being found"),
    ActionSpec("search_library", "&Search Library…", ("Ctrl+Shift+F",), "search_library", "edit", "find",
               "Search the articles of the opened folders; mentions:Name keeps those naming an entity"),
    ActionSpec("caret_browsing", "&Caret Browsing", ("F7",), "toggle_caret_browsing", "edit", "select",
               "Show a text cursor in the article to select and copy text with the keyboard", checkable=True),
    ActionSpec("edit_shortcuts", "&Keyboard Shortcuts…", (), "edit_shortcuts", "edit", "settings",
               "Change the keys of any command"),
    ActionSpec("toggle_entity_panel", "&Entity Panel", ("F9",), "toggle_entity_panel", "view", "panels",
               "Show or hide the panel of entities", checkable=True),
    ActionSpec("toggle_library_panel", "&Library Panel", ("Ctrl+Shift+L",), "toggle_library_panel", "view", "panels",
               "Show or hide the list of articles in the opened folders", checkable=True),
    ActionSpec("toggle_highlights", "&Highlight Entities", ("Ctrl+Shift+H",), "toggle_highlights", "view", "panels",
               "Switch the colouring of entities in the text on or off", checkable=True),
    ActionSpec("zoom_in", "Zoom &In", (StandardKey.ZoomIn, "Ctrl+="), "zoom_in", "view", "zoom",
               "Make the text larger"),
    ActionSpec("zoom_out", "Zoom &Out", (StandardKey.ZoomOut,), "zoom_out", "view", "zoom",
               "Make the text smaller"),
    ActionSpec("zoom_reset", "&Actual Size", ("Ctrl+0",), "zoom_reset", "view", "zoom",
               "Show the text at its default size"),
    ActionSpec("full_screen", "&Full Screen", (StandardKey.FullScreen, "F11"), "toggle_full_screen", "view",
               "window", "Fill the screen with the window", checkable=True),
    ActionSpec("cycle_theme", "Next &Theme", ("Ctrl+Shift+T",), "cycle_theme", "view", "window",
               "Switch the look: follow the system, light, dark"),
    ActionSpec("next_article", "&Next Article", ("Alt+Right", "Ctrl+PgDown"), "next_article", "go", "articles",
               "Open the next article in the folder or library list"),
    ActionSpec("previous_article", "&Previous Article", ("Alt+Left", "Ctrl+PgUp"), "previous_article", "go",
               "articles", "Open the previous article in the folder or library list"),
    ActionSpec("next_mention", "Next &Mention", ("F8",), "next_mention", "go", "mentions",
               "Go to the next mention of the selected entity"),
    ActionSpec("previous_mention", "Pre&vious Mention", ("Shift+F8",), "previous_mention", "go", "mentions",
               "Go to the previous mention of the selected entity"),
    ActionSpec("focus_entity_filter", "&Filter Entities", ("Ctrl+L",), "focus_entity_filter", "go", "focus",
               "Type in the entity filter box"),
    ActionSpec("focus_next_pane", "Next P&ane", ("F6",), "focus_next_pane", "go", "focus",
               "Move the keyboard focus to the next part of the window"),
    ActionSpec("focus_previous_pane", "Previous Pan&e", ("Shift+F6",), "focus_previous_pane", "go", "focus",
               "Move the keyboard focus to the previous part of the window"),
    ActionSpec("show_shortcuts", "&Shortcut Sheet", (StandardKey.HelpContents,), "show_shortcuts", "help", "help",
               "List every keyboard shortcut"),
    ActionSpec("about", "&About Article Viewer", (), "show_about", "help", "about",
               "The app's version and purpose"),
)  # fmt: skip


class KeyNote(NamedTuple):
    """Keys a widget handles itself: shown on the sheet, never rebindable, never given to an action.

    Attributes:
        context: Where the keys work ("Article", "Entity panel", …).
        keys: The keys, as portable text.
        description: What they do.
        label: How the sheet names the keys when listing them all would not help ("Letters").
    """

    context: str
    keys: tuple[str, ...]
    description: str
    label: str = ""


_TYPING = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

#: Keys the focused part of the window keeps for itself, by where they work.
KEY_NOTES: tuple[KeyNote, ...] = (
    KeyNote("Article", ("PgDown", "Space"), "Scroll down a screen"),
    KeyNote("Article", ("PgUp", "Shift+Space"), "Scroll up a screen"),
    KeyNote("Article", ("Down", "Up"), "Scroll a line (move the text cursor in caret browsing)"),
    KeyNote("Article", ("Home", "End"), "Go to the start or the end of the article (of the line in caret browsing)"),
    KeyNote("Article", ("Ctrl+Home", "Ctrl+End"), "Go to the start or the end of the article in caret browsing"),
    KeyNote("Article", ("Shift+Left", "Shift+Right", "Shift+Up", "Shift+Down"), "Select text in caret browsing",
            "Shift+arrows"),
    KeyNote("Article", ("Ctrl+C",), "Copy the selected text"),
    KeyNote("Article", ("Esc",), "Close the message bar or the find bar; else clear the selected entity"),
    KeyNote("Entity panel", ("Down", "Up"), "Move through the entities"),
    KeyNote("Entity panel", ("Right", "Left"), "Expand or collapse a group"),
    KeyNote("Entity panel", ("Return", "Enter"), "Go to the entity's first mention in the article", "Enter"),
    KeyNote("Entity panel", _TYPING, "Typing a name jumps to the entity", "Letters, digits"),
    KeyNote("Entity panel", ("Space",), "Switch the highlighting of a type on or off (on a group row)"),
    KeyNote("Entity panel", ("Esc",), "Back to the article (in the filter box: clear it first)"),
    KeyNote("Find bar", ("Return", "Enter"), "Next match", "Enter"),
    KeyNote("Find bar", ("Shift+Return", "Shift+Enter"), "Previous match", "Shift+Enter"),
    KeyNote("Find bar", ("Esc",), "Close the find bar and return to the article"),
    KeyNote("Everywhere", ("Tab", "Shift+Tab"), "Move to the next or previous control"),
    KeyNote("Everywhere", ("Alt+F", "Alt+E", "Alt+V", "Alt+G", "Alt+H"), "Open a menu"),
)  # fmt: skip

#: Text-editing keys Qt gives the focused line edit or text view; an action on one of them would steal it.
_EDITING_KEYS = (
    StandardKey.Copy, StandardKey.Cut, StandardKey.Paste, StandardKey.Undo, StandardKey.Redo, StandardKey.SelectAll,
    StandardKey.Delete, StandardKey.Backspace, StandardKey.DeleteStartOfWord, StandardKey.DeleteEndOfWord,
    StandardKey.DeleteEndOfLine, StandardKey.DeleteCompleteLine, StandardKey.Deselect, StandardKey.Cancel,
    StandardKey.InsertParagraphSeparator, StandardKey.InsertLineSeparator,
    StandardKey.MoveToNextChar, StandardKey.MoveToPreviousChar, StandardKey.MoveToNextWord,
    StandardKey.MoveToPreviousWord, StandardKey.MoveToNextLine, StandardKey.MoveToPreviousLine,
    StandardKey.MoveToNextPage, StandardKey.MoveToPreviousPage, StandardKey.MoveToStartOfLine,
    StandardKey.MoveToEndOfLine, StandardKey.MoveToStartOfBlock, StandardKey.MoveToEndOfBlock,
    StandardKey.MoveToStartOfDocument, StandardKey.MoveToEndOfDocument, StandardKey.SelectNextChar,
    StandardKey.SelectPreviousChar, StandardKey.SelectNextWord, StandardKey.SelectPreviousWord,
    StandardKey.SelectNextLine, StandardKey.SelectPreviousLine, StandardKey.SelectNextPage,
    StandardKey.SelectPreviousPage, StandardKey.SelectStartOfLine, StandardKey.SelectEndOfLine,
    StandardKey.SelectStartOfBlock, StandardKey.SelectEndOfBlock, StandardKey.SelectStartOfDocument,
    StandardKey.SelectEndOfDocument,
)  # fmt: skip


# Qt.KeyboardModifierMask, and Qt.Key.Key_Help: from Help up are the dedicated keys (Help, Back, Open,
# Zoom In…) that Qt adds to standard keys. As numbers, so that filling the menus, which may follow the
# first paint at once, never builds the Qt namespace (see viewer.ui).
_MODIFIER_MASK = 0xFE000000
_FIRST_DEDICATED_KEY = 0x01000058


def spec(action_id: str) -> ActionSpec:
    """The table entry for ``action_id`` (KeyError for an unknown id)."""
    for entry in ACTIONS:
        if entry.id == action_id:
            return entry
    raise KeyError(action_id)


def key_text(sequence: QKeySequence) -> str:
    """How a key is shown to the reader on this platform ("Ctrl+O", "⌘O" on a Mac)."""
    return sequence.toString(NATIVE)


def expand(bindings: Iterable[KeyBinding]) -> list[QKeySequence]:
    """Concrete key sequences for ``bindings`` on this platform, without duplicates, in order.

    Standard keys expand to every sequence the platform gives them; this needs a
    QGuiApplication (the platform theme owns the bindings).
    """
    found: dict[str, QKeySequence] = {}
    for binding in bindings:
        if isinstance(binding, StandardKey):
            sequences = QKeySequence.keyBindings(binding)
        else:
            sequences = [QKeySequence.fromString(binding, PORTABLE)]
        for sequence in sequences:
            if not sequence.isEmpty():
                found.setdefault(sequence.toString(PORTABLE), sequence)
    return list(found.values())


def is_dedicated(sequence: QKeySequence) -> bool:
    """Whether ``sequence`` is a dedicated keyboard key (Open, Find, Zoom In) rather than a combination."""
    return sequence.count() == 1 and (sequence[0].toCombined() & ~_MODIFIER_MASK) >= _FIRST_DEDICATED_KEY  # type: ignore[index]


def types_text(sequence: QKeySequence) -> bool:
    """Whether ``sequence`` is a character, shifted or not, that a focused text box would type."""
    combination = sequence[0]  # type: ignore[index]
    commands = (
        QtCore.Qt.KeyboardModifier.ControlModifier
        | QtCore.Qt.KeyboardModifier.AltModifier
        | QtCore.Qt.KeyboardModifier.MetaModifier
    )
    return not combination.keyboardModifiers() & commands and combination.key().value < QtCore.Qt.Key.Key_Escape.value


def reserved_keys() -> dict[str, str]:
    """Keys no action may take, each with the reason shown when a rebinding is refused."""
    reserved: dict[str, str] = {}
    for sequence in expand(_EDITING_KEYS):
        reserved[sequence.toString(PORTABLE)] = "text editing and scrolling"
    for note in KEY_NOTES:
        for key in note.keys:
            reason = f"{note.context.lower()}: {note.description.lower()}"
            reserved.setdefault(QKeySequence.fromString(key, PORTABLE).toString(PORTABLE), reason)
    return reserved


class KeyConflictError(ValueError):
    """A key cannot be given to an action; ``str(error)`` is the sentence shown to the reader."""


class Keymap:
    """The keys every action answers to: the table's defaults with the reader's changes.

    Changes are kept as portable key text per action id (what the ``shortcuts`` settings group
    stores); an action without a change uses its defaults.
    """

    def __init__(self, overrides: Mapping[str, Sequence[str]] | None = None) -> None:
        known = {entry.id for entry in ACTIONS}
        self._overrides = {k: list(v) for k, v in (overrides or {}).items() if k in known}
        self._reserved = reserved_keys()

    @property
    def overrides(self) -> dict[str, list[str]]:
        """The reader's changes, for the settings file."""
        return {k: list(v) for k, v in self._overrides.items()}

    def keys(self, action_id: str) -> list[QKeySequence]:
        """The keys ``action_id`` answers to now."""
        if action_id in self._overrides:
            return expand(self._overrides[action_id])
        return expand(spec(action_id).shortcuts)

    def is_default(self, action_id: str) -> bool:
        """Whether the action still has its default keys."""
        return action_id not in self._overrides

    def owner(self, sequence: QKeySequence, ignore: str = "") -> ActionSpec | None:
        """The action (other than ``ignore``) that ``sequence`` triggers, if any."""
        wanted = sequence.toString(PORTABLE)
        for entry in ACTIONS:
            if entry.id != ignore and any(k.toString(PORTABLE) == wanted for k in self.keys(entry.id)):
                return entry
        return None

    def check(self, action_id: str, sequence: QKeySequence) -> None:
        """Raise :class:`KeyConflictError` when ``sequence`` cannot be added to ``action_id``."""
        if sequence.isEmpty():
            raise KeyConflictError("Press a key first.")
        if sequence.count() > 1:
            raise KeyConflictError("Use a single key combination, not a sequence of keys.")
        if types_text(sequence):
            raise KeyConflictError(f"{key_text(sequence)} types text in the boxes; add Ctrl or Alt.")
        portable = sequence.toString(PORTABLE)
        if portable in self._reserved:
            raise KeyConflictError(f"{key_text(sequence)} is kept for {self._reserved[portable]}; choose another key.")
        other = self.owner(sequence, ignore=action_id)
        if other is not None:
            raise KeyConflictError(f"{key_text(sequence)} is already used by “{other.title}”; change that first.")

    def add(self, action_id: str, sequence: QKeySequence) -> None:
        """Give ``action_id`` one more key, or raise :class:`KeyConflictError` and change nothing."""
        self.check(action_id, sequence)
        current = [k.toString(PORTABLE) for k in self.keys(action_id)]
        if sequence.toString(PORTABLE) not in current:
            self._overrides[action_id] = [*current, sequence.toString(PORTABLE)]

    def clear(self, action_id: str) -> None:
        """Take every key away from ``action_id`` (it stays in its menu)."""
        self._overrides[action_id] = []

    def reset(self, action_id: str) -> None:
        """Give ``action_id`` its default keys back, unless another action took one meanwhile."""
        for sequence in expand(spec(action_id).shortcuts):
            other = self.owner(sequence, ignore=action_id)
            if other is not None:
                raise KeyConflictError(
                    f"The default {key_text(sequence)} is now used by “{other.title}”; change that first."
                )
        self._overrides.pop(action_id, None)

    def reset_all(self) -> None:
        """Every action back to its default keys."""
        self._overrides.clear()

    def conflicts(self) -> list[tuple[str, ActionSpec, ActionSpec]]:
        """Every key two actions share, as (key, first, second); empty when the keymap is sound."""
        seen: dict[str, ActionSpec] = {}
        found: list[tuple[str, ActionSpec, ActionSpec]] = []
        for entry in ACTIONS:
            for sequence in self.keys(entry.id):
                portable = sequence.toString(PORTABLE)
                if portable in seen:
                    found.append((portable, seen[portable], entry))
                else:
                    seen[portable] = entry
        return found


def sheet_rows(keymap: Keymap) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """The shortcut sheet as (section, [(action, keys, description)]): menus first, then what widgets keep.

    Dedicated keys (a keyboard's own Open or Zoom In key) work but are left off to keep the sheet readable.
    """
    sections: list[tuple[str, list[tuple[str, str, str]]]] = []
    for menu, menu_title in MENUS.items():
        rows = []
        for entry in ACTIONS:
            if entry.menu == menu:
                keys = ", ".join(key_text(k) for k in keymap.keys(entry.id) if not is_dedicated(k))
                rows.append((entry.title, keys, entry.description))
        sections.append((menu_title.replace("&", ""), rows))
    contexts = list(dict.fromkeys(note.context for note in KEY_NOTES))
    for context in contexts:
        rows = []
        for note in KEY_NOTES:
            if note.context == context:
                keys = note.label or ", ".join(key_text(QKeySequence.fromString(k, PORTABLE)) for k in note.keys)
                rows.append(("", keys, note.description))
        sections.append((context, rows))
    return sections


def format_sheet(keymap: Keymap) -> str:
    """The shortcut sheet as plain text in three aligned columns (``--list-shortcuts``, README)."""
    sections = sheet_rows(keymap)
    rows = [row for _, section in sections for row in section]
    action_width = max(len(action) for action, _, _ in rows)
    keys_width = max(len(keys) for action, keys, _ in rows if action)
    lines: list[str] = []
    for title, section in sections:
        lines.append(title)
        for action, keys, description in section:
            if action:
                lines.append(f"  {action:<{action_width}}  {keys or '—':<{keys_width}}  {description}")
            else:  # keys a widget keeps: no command name, so the keys take its column
                lines.append(f"  {keys:<{action_width + 2 + keys_width}}  {description}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _checked_state(window: QMainWindow, action_id: str) -> bool | None:
    """What a switch shows: read from the window itself so the menu never disagrees with the screen."""
    view = getattr(window, "reading_view", None)
    panel = getattr(window, "entity_panel", None)
    if action_id == "full_screen":
        return window.isFullScreen()
    if action_id == "toggle_entity_panel" and isinstance(panel, QWidget):
        return not panel.isHidden()
    library_shown = getattr(window, "library_shown", None)
    if action_id == "toggle_library_panel" and callable(library_shown):
        return bool(library_shown())
    if action_id == "toggle_highlights" and view is not None:
        return bool(view.highlights_enabled)
    if action_id == "caret_browsing" and isinstance(view, QWidget):
        flags = view.textInteractionFlags()  # type: ignore[attr-defined]
        return bool(flags & QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return None


class WindowActions(QObject):
    """The main window's QActions and menus, built from :data:`ACTIONS` and the reader's keymap.

    Every action is added to the window itself, so its keys work with the menu bar hidden and
    in full screen. Commands the window does not (yet) implement stay in the menu, disabled.

    Signals:
        keys_applied(): the actions have their keys from a new keymap (the reader rebound some).
    """

    keys_applied = Signal()

    def __init__(self, window: QMainWindow, keymap: Keymap, menus: dict[str, QMenu]) -> None:
        super().__init__(window)
        self.setObjectName("WindowActions")
        self.window = window
        self.keymap = keymap
        self.menus = menus
        self.actions: dict[str, QAction] = {}
        for entry in ACTIONS:
            self.actions[entry.id] = self._build(entry)
        self._build_menus()
        self.apply_keymap(keymap)

    def _handler(self, name: str) -> Callable[[], Any] | None:
        handler = getattr(self.window, name, None) or getattr(self, name, None)
        return handler if callable(handler) else None

    def _build(self, entry: ActionSpec) -> QAction:
        action = QAction(entry.text, self.window)
        action.setObjectName(entry.id)
        action.setStatusTip(entry.description)
        action.setWhatsThis(entry.description)
        action.setCheckable(entry.checkable)
        handler = self._handler(entry.handler)
        if handler is None:
            action.setEnabled(False)
            log.debug("action %s has no handler %s yet", entry.id, entry.handler)
        else:
            action.triggered.connect(lambda _checked=False, run=handler, entry_id=entry.id: self._run(run, entry_id))
        self.window.addAction(action)
        return action

    def _run(self, handler: Callable[[], Any], action_id: str) -> None:
        handler()
        self.sync_checks(action_id)

    def sync_checks(self, only: str = "") -> None:
        """Make switches show the window's actual state (after a command, or as a menu opens)."""
        for action_id, action in self.actions.items():
            if action.isCheckable() and (not only or only == action_id):
                state = _checked_state(self.window, action_id)
                if state is not None:
                    action.setChecked(state)

    def _build_menus(self) -> None:
        """Fill the window's menus, made empty with it (see ``viewer.ui.menus``)."""
        for menu_id, menu in self.menus.items():
            menu.aboutToShow.connect(self.sync_checks)
            group = ""
            for entry in ACTIONS:
                if entry.menu != menu_id:
                    continue
                if group and entry.group != group:
                    menu.addSeparator()
                group = entry.group
                menu.addAction(self.actions[entry.id])
                if entry.id == "open_folder":
                    self._add_recent_menu(menu)

    def _add_recent_menu(self, file_menu: QMenu) -> None:
        """File › Open Recent is the window's own menu (it keeps the list); it sits after Open Folder."""
        recent = getattr(self.window, "recent_menu", None)
        if isinstance(recent, QMenu):
            file_menu.addMenu(recent)

    def apply_keymap(self, keymap: Keymap) -> None:
        """Give every action its keys from ``keymap`` (after the reader rebinds them)."""
        self.keymap = keymap
        for entry in ACTIONS:
            action = self.actions[entry.id]
            keys = keymap.keys(entry.id)
            action.setShortcuts(keys)
            shown = self.shown_key(entry.id)
            action.setToolTip(entry.title + (f" ({shown})" if shown else ""))
        for key, first, second in keymap.conflicts():
            log.warning("%s is bound to both %s and %s; neither will answer to it", key, first.id, second.id)
        self.keys_applied.emit()

    def shown_key(self, action_id: str) -> str:
        """The key a command is named by in tips and hints ("Ctrl+O"): its first not on a dedicated key; "" for none."""
        shown = [key_text(k) for k in self.keymap.keys(action_id) if not is_dedicated(k)]
        return shown[0] if shown else ""

    # --- commands that live in the keyboard layer ---------------------------------------------

    @Slot()
    def find_next(self) -> None:
        """F3: the next match; opens the find bar when it is closed."""
        bar = getattr(self.window, "find_bar", None)
        if bar is not None:
            bar.find_next()

    @Slot()
    def find_previous(self) -> None:
        """Shift+F3: the previous match; opens the find bar when it is closed."""
        bar = getattr(self.window, "find_bar", None)
        if bar is not None:
            bar.find_previous()

    @Slot()
    def toggle_caret_browsing(self) -> None:
        """F7: a text cursor in the article, moved with the arrows, so text can be selected and copied."""
        view = getattr(self.window, "reading_view", None)
        if not isinstance(view, QWidget):
            return
        flags = view.textInteractionFlags()  # type: ignore[attr-defined]
        on = not bool(flags & QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
        view.setTextInteractionFlags(flags ^ QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)  # type: ignore[attr-defined]
        if on:
            # Start where the reader is looking, not at the top of a long article.
            view.setTextCursor(view.cursorForPosition(QPoint(0, 0)))  # type: ignore[attr-defined]
        view.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        message = "Caret browsing on: arrows move, Shift+arrows select, Ctrl+C copies" if on else "Caret browsing off"
        self.window.statusBar().showMessage(message, 4000)

    @Slot()
    def edit_shortcuts(self) -> None:
        """Open the dialog that rebinds keys; accepted changes apply at once and are saved."""
        from viewer.ui.shortcut_editor import ShortcutEditor

        editor = ShortcutEditor(self.keymap, self.window)
        editor.accepted.connect(lambda: self._keep(editor.keymap))
        editor.open()

    def _keep(self, keymap: Keymap) -> None:
        self.apply_keymap(keymap)
        settings: Settings | None = getattr(self.window, "settings", None)
        store = getattr(self.window, "store", None)
        if settings is not None:
            settings.shortcuts = keymap.overrides
            if store is not None:
                settings.save(store)


def install_actions(window: QMainWindow, menus: dict[str, QMenu]) -> WindowActions:
    """Build the window's actions from the table and the reader's saved keys, and fill its ``menus``."""
    settings: Settings | None = getattr(window, "settings", None)
    keymap = Keymap(settings.shortcuts if settings is not None else None)
    return WindowActions(window, keymap, menus)


def show_shortcut_sheet(window: QMainWindow, actions: WindowActions) -> None:
    """Open the shortcut sheet over ``window`` (F1); it offers the rebinding dialog too."""
    from viewer.ui.shortcut_sheet import ShortcutSheet

    sheet = ShortcutSheet(actions.keymap, window)
    sheet.customise_requested.connect(actions.edit_shortcuts)
    sheet.open()


def print_shortcut_sheet() -> int:
    """``--list-shortcuts``: print the sheet with the reader's own keys; needs no window or display.

    Standard keys are the platform theme's to expand, so a QGuiApplication is made; without a
    display it runs offscreen (whose theme gives the generic bindings).
    """
    from viewer.cli import display_missing

    if display_missing():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from viewer.ui.settings import Settings, open_store

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    keymap = Keymap(Settings.load(open_store()).shortcuts)
    sys.stdout.write(format_sheet(keymap))
    return 0
