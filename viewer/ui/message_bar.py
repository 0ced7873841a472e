"""MessageBar: a non-modal strip above the article for problems the reader should know about."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class MessageBar(QFrame):
    """Shows one message (plain text, never markup) until the reader dismisses it or it is replaced.

    Unlike a dialog it does not block: the previous article stays readable beneath it.

    Signals:
        dismissed(): the reader closed the bar.
        leave_requested(): Esc closed the bar while it had the focus; the article should take it.
    """

    dismissed = Signal()
    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MessageBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.label = QLabel()
        self.label.setProperty("textFormat", "PlainText")  # by name: see viewer.ui
        self.label.setWordWrap(True)
        self.label.setProperty("textInteractionFlags", "TextSelectableByMouse")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.setAccessibleDescription("Hides this message; the article stays as it is")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button)
        self.close_button.clicked.connect(self.dismiss)
        self.setAccessibleName("Message")
        self.hide()

    def show_message(self, text: str) -> None:
        """Show ``text`` (as plain text), replacing any earlier message."""
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def dismiss(self) -> None:
        """Hide the bar."""
        self.hide()
        self.dismissed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Esc on the bar (its close button ignores it) dismisses it and hands the focus back."""
        if event.key() == QtCore.Qt.Key.Key_Escape:
            self.dismiss()
            self.leave_requested.emit()
            return
        super().keyPressEvent(event)

    def set_dark(self, dark: bool) -> None:
        """Warm amber that reads as a warning in either look."""
        background, text = ("#4a3a12", "#f5e6c4") if dark else ("#fff3cd", "#4d3a00")
        self.setStyleSheet(
            f"#MessageBar {{ background: {background}; border: 1px solid {text}; border-radius: 4px; }}"
            f"#MessageBar QLabel {{ color: {text}; }}"
        )
