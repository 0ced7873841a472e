"""ShortcutSheet: the F1 dialog listing every key, built from the action table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.actions import Keymap, sheet_rows


class ShortcutSheet(QDialog):
    """Every command with its keys and what it does, grouped by menu, then the keys widgets keep.

    Typing in the filter box narrows the list; Down moves into it; Esc closes the sheet.

    Signals:
        customise_requested(): the reader chose "Change Keys…"; the sheet has closed.
    """

    customise_requested = Signal()

    def __init__(self, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("ShortcutSheet")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new one each time it is asked for
        self.setAccessibleName("Keyboard shortcuts")
        self.setAccessibleDescription("Every command of Article Viewer with its keys")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter shortcuts")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter shortcuts")
        self.filter_edit.setAccessibleDescription(
            "Shows only commands whose name, keys or description contains the text"
        )
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Command", "Keys", "What it does"])
        self.tree.setRootIsDecorated(False)
        self.tree.setItemsExpandable(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAccessibleName("Shortcuts")
        self.tree.setAccessibleDescription("Commands grouped by menu, then keys that work in one part of the window")
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.customise_button = buttons.addButton("C&hange Keys…", QDialogButtonBox.ButtonRole.ActionRole)
        self.customise_button.setAccessibleName("Change keys")
        self.customise_button.setAccessibleDescription("Opens the dialog that rebinds keys")
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close")
        close.setAccessibleDescription("Closes the shortcut sheet")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

        for section, rows in sheet_rows(keymap):
            heading = QTreeWidgetItem([section])
            heading.setFirstColumnSpanned(True)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.tree.addTopLevelItem(heading)
            for action, keys, description in rows:
                row = QTreeWidgetItem([action, keys or "—", description])
                row.setToolTip(2, description)
                heading.addChild(row)
            heading.setExpanded(True)

        buttons.rejected.connect(self.reject)
        self.customise_button.clicked.connect(self._customise)
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.installEventFilter(self)
        self.resize(self._fitting_width(layout), 640)

    def _fitting_width(self, layout: QVBoxLayout) -> int:
        """Wide enough for every description in full, within 90 % of the screen (the rest is elided, with a tooltip)."""
        self.tree.resizeColumnToContents(2)
        columns = sum(self.tree.columnWidth(column) for column in range(self.tree.columnCount()))
        chrome = 2 * self.tree.frameWidth() + self.tree.verticalScrollBar().sizeHint().width()
        margins = layout.contentsMargins()
        wanted = columns + chrome + margins.left() + margins.right()
        return max(820, min(wanted, int(self.screen().availableGeometry().width() * 0.9)))

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """The (command, keys, description) rows the filter leaves shown."""
        rows = []
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            if heading is None or heading.isHidden():
                continue
            for child_index in range(heading.childCount()):
                row = heading.child(child_index)
                if row is not None and not row.isHidden():
                    rows.append((row.text(0), row.text(1), row.text(2)))
        return rows

    @Slot(str)
    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for index in range(self.tree.topLevelItemCount()):
            heading = self.tree.topLevelItem(index)
            if heading is None:
                continue
            shown = 0
            for child_index in range(heading.childCount()):
                row = heading.child(child_index)
                if row is None:
                    continue
                hay = " ".join(row.text(column) for column in range(3)).casefold()
                row.setHidden(bool(needle) and needle not in hay)
                shown += not row.isHidden()
            heading.setHidden(shown == 0)

    @Slot()
    def _customise(self) -> None:
        self.accept()
        self.customise_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down from the filter box moves into the list, as in the entity panel."""
        if (
            watched is self.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.tree.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
