"""FindBar: find a word in the article, with a match count and stepping by Enter or F3."""

from __future__ import annotations

from itertools import pairwise

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QShowEvent, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextEdit, QToolButton, QWidget


class FindBar(QWidget):
    """A bar under the article that finds every match of the typed text in the view's document.

    Matching ignores case. Typing moves to the first match at or after the place the reader
    was looking at when the bar opened; Enter and F3 step forward, Shift+Enter and Shift+F3
    back, both wrapping around. The current match is selected in the view, so Ctrl+C copies
    it and closing the bar leaves the reader there. Matches are found again whenever the
    document changes (zoom, highlights, another article).

    Signals:
        closed(): the bar was closed; focus went back to the view.
    """

    closed = Signal()

    def __init__(self, view: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._matches: list[tuple[int, int]] = []
        self._index = -1
        self._origin = 0
        self.setObjectName("FindBar")
        self.setAccessibleName("Find bar")
        self.setAccessibleDescription("Finds text in the article")

        label = QLabel("F&ind:")
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("Find in article")
        self.edit.setClearButtonEnabled(True)
        self.edit.setAccessibleName("Find in article")
        self.edit.setAccessibleDescription("Enter goes to the next match, Shift+Enter to the previous, Esc closes")
        label.setBuddy(self.edit)
        self.previous_button = self._button("‹", "Previous match", "Goes to the previous match (Shift+Enter)")
        self.next_button = self._button("›", "Next match", "Goes to the next match (Enter)")
        self.count_label = QLabel()
        self.count_label.setProperty("textFormat", "PlainText")  # by name: see viewer.ui
        self.count_label.setAccessibleName("Matches")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("999 of 999  "))
        self.close_button = self._button("✕", "Close find bar", "Closes the find bar and returns to the article (Esc)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addStretch(0)
        layout.addWidget(self.close_button)

        self.edit.textChanged.connect(self._on_text)
        self.edit.installEventFilter(self)
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        # A rebuild of the document changes it piece by piece; find again once it is whole.
        self._refind = QTimer(self)
        self._refind.setSingleShot(True)
        self._refind.setInterval(0)
        self._refind.timeout.connect(self._on_document_changed)
        view.document().contentsChanged.connect(self._refind.start)
        self.hide()

    @staticmethod
    def _button(text: str, name: str, description: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(description)
        button.setAccessibleName(name)
        button.setAccessibleDescription(description)
        button.setProperty("focusPolicy", "TabFocus")
        button.setAutoRaise(True)
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Put the bar right after the article in the Tab order (it is created after the other panes)."""
        super().showEvent(event)
        if self._view.window() is self.window():
            chain = [self._view, self.edit, self.previous_button, self.next_button, self.close_button]
            for first, second in pairwise(chain):
                QWidget.setTabOrder(first, second)

    # --- what the window calls -------------------------------------------------------------

    @property
    def match_count(self) -> int:
        """How many times the text occurs in the article."""
        return len(self._matches)

    @property
    def current_index(self) -> int:
        """Zero-based index of the selected match, -1 for none."""
        return self._index

    @property
    def count_text(self) -> str:
        """What the count label shows: "3 of 12", "No matches" or nothing."""
        return self.count_label.text()

    @Slot()
    def open(self) -> None:
        """Show the bar with its text selected, ready to type over (Ctrl+F)."""
        self._origin = self._view.cursorForPosition(QPoint(0, 0)).position()
        self.show()
        self.edit.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        if self.edit.text():
            self._search(keep_place=True)

    def find_from_top(self, text: str) -> None:
        """Show the bar on ``text``'s first match in the article (a library search opened it)."""
        self._origin = 0  # not where Ctrl+F was last pressed, in whatever article was on screen then
        self.show()
        if self.edit.text() == text:
            self._search(keep_place=False)
        else:
            self.edit.setText(text)  # searches

    @Slot()
    def find_next(self) -> None:
        """Select the next match (wrapping); opens the bar when there is nothing to find yet."""
        self._step(1)

    @Slot()
    def find_previous(self) -> None:
        """Select the previous match (wrapping); opens the bar when there is nothing to find yet."""
        self._step(-1)

    @Slot()
    def close_bar(self) -> None:
        """Hide the bar; the current match stays selected and the article gets the focus."""
        self.hide()
        self._view.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # --- finding ------------------------------------------------------------------------------

    def _step(self, step: int) -> None:
        if not self.edit.text():
            self.open()
            return
        if self.isHidden():
            self.show()
            self._search(keep_place=True)
        if not self._matches:
            return
        self._index = (self._index + step) % len(self._matches) if self._index >= 0 else 0
        self._show_current()

    @Slot(str)
    def _on_text(self, text: str) -> None:
        del text
        self._search(keep_place=False)

    @Slot()
    def _on_document_changed(self) -> None:
        if self.isVisible() and self.edit.text():
            self._search(keep_place=True)

    def _search(self, keep_place: bool) -> None:
        """Find every match; select the current one again, or the first after the origin."""
        previous = self._matches[self._index][0] if keep_place and self._index >= 0 else self._origin
        self._matches = list(self._find_all(self.edit.text()))
        if not self._matches:
            self._index = -1
            self._update_count()
            return
        self._index = next((i for i, (start, _) in enumerate(self._matches) if start >= previous), 0)
        self._show_current()

    def _find_all(self, needle: str) -> list[tuple[int, int]]:
        document = self._view.document()
        found: list[tuple[int, int]] = []
        if not needle:
            return found
        cursor = document.find(needle, 0, QTextDocument.FindFlag(0))
        while not cursor.isNull():
            found.append((cursor.selectionStart(), cursor.selectionEnd()))
            cursor = document.find(needle, cursor, QTextDocument.FindFlag(0))
        return found

    def _show_current(self) -> None:
        start, end = self._matches[self._index]
        cursor = QTextCursor(self._view.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self._view.setTextCursor(cursor)
        self._view.ensureCursorVisible()
        self._update_count()

    def _update_count(self) -> None:
        if not self.edit.text():
            text = ""
        elif not self._matches:
            text = "No matches"
        else:
            text = f"{self._index + 1} of {len(self._matches)}"
        self.count_label.setText(text)
        self.count_label.setAccessibleDescription(text)
        self.previous_button.setEnabled(len(self._matches) > 1)
        self.next_button.setEnabled(len(self._matches) > 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter and Shift+Enter step through matches; Esc closes the bar."""
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                shift = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.ShiftModifier)
                self._step(-1 if shift else 1)
                return True
            if event.key() == QtCore.Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)
