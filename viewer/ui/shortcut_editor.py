"""ShortcutEditor: the dialog that rebinds keys, refusing a key another command or a widget already uses."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.actions import ACTIONS, KeyConflictError, Keymap, is_dedicated, key_text, spec
from viewer.ui.menus import MENUS

_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_unknown}
)


class KeyCapture(QLineEdit):
    """Records one key combination as it is pressed.

    Tab and Shift+Tab still move the focus and Esc still closes the dialog, so the capture
    box never traps a keyboard-only reader.

    Signals:
        captured(QKeySequence): a key combination was pressed.
    """

    captured = Signal(QKeySequence)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText("Press the new key here")
        self.setAccessibleName("New key")
        self.setAccessibleDescription("Press a key combination to add it to the selected command")

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Turn the pressed combination into a key sequence instead of typing it."""
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            event.ignore()  # the dialog closes, as everywhere else (Tab never gets here: QWidget moves focus)
            return
        if key in _MODIFIER_KEYS:
            return
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        sequence = QKeySequence(QKeyCombination(modifiers, key))
        self.setText(key_text(sequence))
        self.captured.emit(sequence)


class ShortcutEditor(QDialog):
    """Lists every command with its keys; the reader adds, removes or restores keys per command.

    Works on a copy of the keymap: :attr:`keymap` holds the result once the dialog is accepted.
    A key already used by another command, or kept by a widget (arrows, Tab, Esc, text editing),
    is refused with a message and nothing changes.
    """

    def __init__(self, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keymap = Keymap(keymap.overrides)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("ShortcutEditor")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one each time it is asked for
        self.setAccessibleName("Change keyboard shortcuts")
        self.setAccessibleDescription("Choose a command, then press the key to add to it")

        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setAccessibleName("Commands")
        self.tree.setAccessibleDescription("Every command and the keys it answers to")
        for entry in ACTIONS:
            item = QTreeWidgetItem([f"{MENUS[entry.menu].replace('&', '')} › {entry.title}", ""])
            item.setData(0, Qt.ItemDataRole.UserRole, entry.id)
            item.setToolTip(0, entry.description)
            self.tree.addTopLevelItem(item)

        self.capture = KeyCapture()
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.clear_button = QPushButton("&Remove Keys")
        self.clear_button.setAccessibleName("Remove keys")
        self.clear_button.setAccessibleDescription("Takes every key away from the selected command")
        self.reset_button = QPushButton("&Default Keys")
        self.reset_button.setAccessibleName("Default keys")
        self.reset_button.setAccessibleDescription("Gives the selected command its original keys back")
        self.reset_all_button = QPushButton("Reset &All")
        self.reset_all_button.setAccessibleName("Reset all")
        self.reset_all_button.setAccessibleDescription("Gives every command its original keys back")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        # Their own mnemonics, the same on every platform (some platform themes give them none), so
        # Alt+O and Alt+C press them from the key box, as Alt+R does Remove Keys.
        for role, name, description in (
            (QDialogButtonBox.StandardButton.Ok, "OK", "Keeps the changed keys"),
            (QDialogButtonBox.StandardButton.Cancel, "Cancel", "Forgets the changes"),
        ):
            button = buttons.button(role)
            button.setText(f"&{name}")
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)

        form = QFormLayout()
        form.addRow("&New key:", self.capture)
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        row.addWidget(self.reset_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addWidget(buttons)

        self.capture.captured.connect(self._add)
        self.clear_button.clicked.connect(self._clear)
        self.reset_button.clicked.connect(self._reset)
        self.reset_all_button.clicked.connect(self._reset_all)
        self.tree.currentItemChanged.connect(self._on_current)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._refresh()
        self.select_action(ACTIONS[0].id)
        self.resize(640, 560)

    @property
    def current_action(self) -> str:
        """The id of the command selected in the list ("" for none)."""
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, str) else ""

    def select_action(self, action_id: str) -> None:
        """Select a command in the list by id."""
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == action_id:
                self.tree.setCurrentItem(item)
                return

    def _refresh(self) -> None:
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is None:
                continue
            action_id = item.data(0, Qt.ItemDataRole.UserRole)
            keys = ", ".join(key_text(k) for k in self.keymap.keys(action_id) if not is_dedicated(k))
            item.setText(1, keys or "—")
            font = item.font(1)
            font.setItalic(not self.keymap.is_default(action_id))
            item.setFont(1, font)

    def _say(self, text: str, *, keep_key: bool = False) -> None:
        """Tell the reader what happened; the key box empties unless ``text`` is about the key in it."""
        if not keep_key:
            self.capture.clear()
        self.message.setText(text)
        self.message.setAccessibleDescription(text)

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        del current, previous
        self._say("")

    @Slot(QKeySequence)
    def _add(self, sequence: QKeySequence) -> None:
        action_id = self.current_action
        if not action_id:
            self._say("Choose a command first.")
            return
        try:
            self.keymap.add(action_id, sequence)
        except KeyConflictError as refusal:
            self._say(str(refusal))
            return
        self._refresh()
        self._say(f"{key_text(sequence)} now runs “{spec(action_id).title}”.", keep_key=True)

    @Slot()
    def _clear(self) -> None:
        action_id = self.current_action
        if action_id:
            self.keymap.clear(action_id)
            self._refresh()
            self._say(f"“{spec(action_id).title}” has no keys now; it stays in its menu.")

    @Slot()
    def _reset(self) -> None:
        action_id = self.current_action
        if not action_id:
            return
        try:
            self.keymap.reset(action_id)
        except KeyConflictError as refusal:
            self._say(str(refusal))
            return
        self._refresh()
        self._say(f"“{spec(action_id).title}” has its default keys again.")

    @Slot()
    def _reset_all(self) -> None:
        self.keymap.reset_all()
        self._refresh()
        self._say("Every command has its default keys again.")
