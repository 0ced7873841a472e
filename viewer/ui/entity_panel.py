"""EntityPanel: the article's entities grouped by type, with filter, sort, details and mention stepping."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QSize, Signal, Slot
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.model import Article, BlockRef, Entity, EntityType
from viewer.model.article import CAPTION, CREDIT, HEADLINE
from viewer.ui.article_document import ALIGN_RIGHT
from viewer.ui.article_model import ArticleModel
from viewer.ui.theme import ENTITY_STYLES, add_focus_edge

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

# Qt values the list is filled with, as numbers: naming them would build the Qt namespace (see viewer/ui/__init__.py)
# while spaCy is still importing. Item data roles from Qt.ItemDataRole.UserRole (0x100) up, then Qt's own roles
# for the check box and the alignment, and Qt.CheckState's values.
_ENTITY_ID = 0x100
_TYPE = 0x101
_CHECK_STATE_ROLE = 10
_TEXT_ALIGNMENT_ROLE = 7
_CHECKED, _UNCHECKED = 2, 0
#: A swatch's underline as on and off runs of pixels: Qt's dash patterns drawn by a 2-pixel pen with square
#: caps, which lengthen each run by a pixel at both ends (solid if absent).
_DASHES: dict[QTextCharFormat.UnderlineStyle, tuple[int, ...]] = {
    QTextCharFormat.UnderlineStyle.DashUnderline: (10, 2),
    QTextCharFormat.UnderlineStyle.DotLine: (4, 2),
    QTextCharFormat.UnderlineStyle.DashDotLine: (10, 2, 4, 2),
    QTextCharFormat.UnderlineStyle.DashDotDotLine: (10, 2, 4, 2, 4, 2),
}
_BLOCK_ORDER = {HEADLINE: -3, CAPTION: -2, CREDIT: -1}
_QUOTE_MARKS = "“”\"‘’' "
#: Lines of entity details shown under the list; more scroll.
DETAIL_LINES = 7


class SortOrder(StrEnum):
    """How entities are ordered inside each type."""

    MENTIONS = "Most mentioned"
    FIRST = "First appearance"
    NAME = "A–Z"


def _block_rank(ref: BlockRef) -> int:
    return ref if isinstance(ref, int) else _BLOCK_ORDER.get(ref, -1)


def first_position(entity: Entity) -> tuple[int, int]:
    """Where the entity first appears in reading order (headline, caption, credit, body)."""
    if not entity.mentions:
        return (1 << 30, 0)
    return min((_block_rank(m.block), m.start) for m in entity.mentions)


def sort_entities(entities: list[Entity], order: SortOrder) -> list[Entity]:
    """``entities`` in the panel's order; ties fall back to reading order, then name."""
    if order is SortOrder.MENTIONS:
        return sorted(entities, key=lambda e: (-e.count, first_position(e), e.name.casefold()))
    if order is SortOrder.FIRST:
        return sorted(entities, key=lambda e: (first_position(e), e.name.casefold()))
    return sorted(entities, key=lambda e: (e.name.casefold(), first_position(e)))


def matches(entity: Entity, text: str) -> bool:
    """Whether the filter text occurs in the entity's name or one of its aliases."""
    needle = text.strip().casefold()
    return not needle or any(needle in name.casefold() for name in (entity.name, *entity.aliases))


def swatch(entity_type: EntityType, dark: bool, size: int = 16) -> QIcon:
    """The type's tint with its underline drawn in its style: the legend for the text's marks."""
    # Drawn once entities come, not at start-up: wrapping QIcon alone builds its 151 theme-icon names.
    from PySide6.QtGui import QIcon, QPainter, QPixmap

    style = ENTITY_STYLES[entity_type]
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    # Painted with filled pixmaps: fillRect's and setPen's overloads would build the Qt namespace.
    tint = QPixmap(size - 2, size - 5)
    tint.fill(style.tint(dark))
    ink = QPixmap(size, 2)
    ink.fill(style.ink(dark))
    painter = QPainter(pixmap)
    painter.drawPixmap(1, 1, tint)
    for start, length in dashes(style.underline, size):
        painter.drawPixmap(start, size - 3, ink, 0, 0, length, 2)
    painter.end()
    return QIcon(pixmap)


def dashes(underline: QTextCharFormat.UnderlineStyle, width: int) -> list[tuple[int, int]]:
    """Where ``underline`` inks a swatch ``width`` pixels wide: (start, length) runs. Qt's wave draws solid."""
    pattern = _DASHES.get(underline, (width, 0))
    runs: list[tuple[int, int]] = []
    at = step = 0
    while at < width:
        on, off = pattern[step % len(pattern)], pattern[(step + 1) % len(pattern)]
        runs.append((at, min(on, width - at)))
        at += on + off
        step += 2
    return runs


class EntityPanel(QWidget):
    """The entities of the model's article, grouped by type.

    Each type row carries a check box that switches its highlighting; the reader's choices
    go out as signals and the window wires them to the model and the reading view.

    Signals:
        entity_selected(str): the reader picked an entity ("" when the selection was cleared).
        entity_activated(str): Enter or double-click on an entity: go to its first mention.
        type_toggled(object, bool): an EntityType's highlighting was switched.
        highlights_toggled(bool): the global highlight switch.
        next_mention_requested(), previous_mention_requested(): the stepping buttons.
        leave_requested(): Esc in the panel; focus goes back to the article.
        mentioning_requested(str): the context menu's "Articles Mentioning…" on an entity id.
    """

    entity_selected = Signal(str)
    entity_activated = Signal(str)
    type_toggled = Signal(object, bool)
    highlights_toggled = Signal(bool)
    next_mention_requested = Signal()
    previous_mention_requested = Signal()
    leave_requested = Signal()
    mentioning_requested = Signal(str)

    def __init__(self, model: ArticleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._dark = False
        self._hidden: set[EntityType] = set()
        self._path = ""  # the article shown: the filter is cleared when another one comes
        self._updating = False
        self.setObjectName("EntityPanel")

        self.highlight_box = QCheckBox("Highlight entities in the text")
        self.highlight_box.setChecked(True)
        self.highlight_box.setAccessibleName("Highlight entities")
        self.highlight_box.setAccessibleDescription("Colours every entity in the article text")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter entities")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName("Filter entities")
        self.filter_edit.setAccessibleDescription("Shows only entities whose name or alias contains the text")
        self.sort_box = QComboBox()
        self.sort_box.addItems([str(order) for order in SortOrder])
        self.sort_box.setAccessibleName("Sort entities")
        self.sort_box.setAccessibleDescription("Orders each group by mentions, by first appearance or by name")
        self.status_label = QLabel()
        self.status_label.setProperty("textFormat", "PlainText")  # by name: see viewer.ui
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Entity status")
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        add_focus_edge(self.tree)  # as the article has: Fusion draws a focused list no differently
        self.tree.setAccessibleName("Entities")
        self.tree.setAccessibleDescription("Entities by type; Enter goes to the first mention")
        # Plain text that scrolls: five quotes do not fit under the list, and a label cut them off.
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        # A caret, so the keyboard can select and copy a quote and the focus shows; a Tab stop only
        # while there is something to read (see `_show_details`). By name: see viewer.ui.
        self.details.setProperty("textInteractionFlags", "TextSelectableByMouse|TextSelectableByKeyboard")
        self.details.setProperty("focusPolicy", "NoFocus")
        self.details.setFrameShape(QFrame.Shape.NoFrame)
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * DETAIL_LINES)
        self.details.setAccessibleName("Entity details")
        self.details.setAccessibleDescription("Role, other names, date and quotes of the selected entity")
        self.mention_label = QLabel()
        self.mention_label.setProperty("textFormat", "PlainText")
        self.previous_button = QPushButton("‹ Previous")
        self.previous_button.setAccessibleName("Previous mention")
        self.previous_button.setAccessibleDescription("Goes to the previous mention of the selected entity")
        self.next_button = QPushButton("Next ›")
        self.next_button.setAccessibleName("Next mention")
        self.next_button.setAccessibleDescription("Goes to the next mention of the selected entity")

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.sort_box)
        stepper = QHBoxLayout()
        stepper.addWidget(self.mention_label, 1)
        stepper.addWidget(self.previous_button)
        stepper.addWidget(self.next_button)
        self.mention_label.setMinimumWidth(self.mention_label.fontMetrics().horizontalAdvance("Mention 888 of 888"))
        self.setMinimumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.highlight_box)
        layout.addLayout(top)
        layout.addWidget(self.status_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addLayout(stepper)

        self.highlight_box.toggled.connect(self.highlights_toggled)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.filter_edit.returnPressed.connect(self._pick_first_match)
        self.filter_edit.installEventFilter(self)
        self.tree.installEventFilter(self)  # the menu key's context menu event comes to the tree
        self.tree.viewport().installEventFilter(self)  # a right click's comes to the viewport
        self.sort_box.currentIndexChanged.connect(self._refill)
        self.tree.currentItemChanged.connect(self._on_current_item)
        self.tree.itemActivated.connect(self._on_activated)
        self.tree.itemChanged.connect(self._on_item_changed)
        self.next_button.clicked.connect(self.next_mention_requested)
        self.previous_button.clicked.connect(self.previous_mention_requested)

        model.article_loaded.connect(self._on_article)
        model.entities_pending.connect(self._on_pending)
        model.entities_ready.connect(self._on_entities)
        model.entities_failed.connect(self._on_failed)
        model.article_closed.connect(self._on_closed)
        model.current_entity_changed.connect(self._on_entity_changed)
        model.current_mention_changed.connect(self._on_mention_changed)
        self._on_closed()

    # --- settings the window restores ------------------------------------------------------

    @property
    def sort_order(self) -> SortOrder:
        """The order chosen in the sort box."""
        return list(SortOrder)[self.sort_box.currentIndex()]

    def set_sort_order(self, order: SortOrder) -> None:
        """Choose how entities are ordered inside each type."""
        self.sort_box.setCurrentIndex(list(SortOrder).index(order))

    def set_highlight_state(self, enabled: bool, hidden: set[EntityType]) -> None:
        """Reflect the highlight switches without announcing them again."""
        self._hidden = set(hidden)
        self.highlight_box.blockSignals(True)
        self.highlight_box.setChecked(enabled)
        self.highlight_box.blockSignals(False)
        self._refill()

    def set_dark(self, dark: bool) -> None:
        """Redraw the type swatches for the light or the dark look."""
        self._dark = dark
        self._refill()

    # --- model → panel -----------------------------------------------------------------------

    @Slot(object)
    def _on_article(self, article: Article) -> None:
        self.tree.clear()
        self.details.clear()
        if article.source.path != self._path:
            # A filter typed for one article would hide the next one's entities; a reload keeps it.
            self._path = article.source.path
            self.filter_edit.clear()

    @Slot()
    def _on_pending(self) -> None:
        self.status_label.setText("Finding entities…")
        self.status_label.show()

    @Slot(object)
    def _on_entities(self, article: Article) -> None:
        if not article.entities:
            warning = article.entity_warning()
            self.status_label.setText("No entities found in this article." + (f" {warning}" if warning else ""))
            self.status_label.show()
        self._refill()

    def _warning(self, article: Article) -> str | None:
        """Why the list may mislead, and that a page in another language starts unhighlighted (see the window)."""
        warning = article.entity_warning()
        if warning and article.foreign_language() is not None and not self.highlight_box.isChecked():
            warning += " Its highlights are off: tick “Highlight entities in the text” to show them."
        return warning

    @Slot(str)
    def _on_failed(self, reason: str) -> None:
        self.status_label.setText(f"Entities unavailable: {reason}")
        self.status_label.show()

    @Slot()
    def _on_closed(self) -> None:
        self.tree.clear()
        self.details.clear()
        self._path = ""
        self.filter_edit.clear()
        self.status_label.setText("No article open.")
        self.status_label.show()
        self._on_mention_changed(-1, 0)

    @Slot(str)
    def _on_entity_changed(self, entity_id: str) -> None:
        self._show_details(self._model.current_entity)
        item = self._item_for(entity_id)
        if item is not self.tree.currentItem():
            self._updating = True
            if item is None:
                self.tree.setCurrentItem(None)  # type: ignore[call-overload]
            else:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
            self._updating = False

    @Slot(int, int)
    def _on_mention_changed(self, index: int, count: int) -> None:
        self.mention_label.setText(f"Mention {index + 1} of {count}" if index >= 0 else "")
        self.next_button.setEnabled(count > 1)
        self.previous_button.setEnabled(count > 1)

    # --- the tree ----------------------------------------------------------------------------

    @Slot()
    def _refill(self) -> None:
        article = self._model.article
        self._updating = True
        self.tree.clear()
        selected = self._model.current_entity
        if article is not None and article.entities:
            needle = self.filter_edit.text()
            for entity_type in EntityType:
                members = [e for e in article.entities if e.type is entity_type]
                if not members:
                    continue
                shown = [e for e in members if matches(e, needle)]
                if not shown:
                    continue
                style = ENTITY_STYLES[entity_type]
                group = QTreeWidgetItem([style.plural, str(len(shown))])
                group.setData(0, _TYPE, str(entity_type))
                group.setIcon(0, swatch(entity_type, self._dark))
                # A new item is user-checkable already; giving it a check state shows the box.
                group.setData(0, _CHECK_STATE_ROLE, _UNCHECKED if entity_type in self._hidden else _CHECKED)
                group.setToolTip(0, f"{style.plural}: untick to stop highlighting them")
                group.setData(1, _TEXT_ALIGNMENT_ROLE, ALIGN_RIGHT)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                self.tree.addTopLevelItem(group)
                for entity in sort_entities(shown, self.sort_order):
                    child = QTreeWidgetItem([entity.name, str(entity.count)])
                    child.setData(0, _ENTITY_ID, entity.id)
                    child.setData(1, _TEXT_ALIGNMENT_ROLE, ALIGN_RIGHT)
                    child.setToolTip(0, entity.name)
                    group.addChild(child)
                group.setExpanded(True)
            # The tree is empty only through the filter; otherwise the one thing worth saying
            # above it is why the list may mislead (read in part, or in another language).
            filtered_out = self.tree.topLevelItemCount() == 0
            status = "No entity matches the filter." if filtered_out else self._warning(article)
            self.status_label.setText(status or "")
            self.status_label.setVisible(status is not None)
        if selected is not None:
            item = self._item_for(selected.id)
            if item is not None:
                self.tree.setCurrentItem(item)
        self._updating = False

    def entity_items(self) -> list[QTreeWidgetItem]:
        """The entity rows in the order shown (group by group)."""
        items: list[QTreeWidgetItem] = []
        for group_index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(group_index)
            if group is not None:
                items.extend(child for i in range(group.childCount()) if (child := group.child(i)) is not None)
        return items

    def _item_for(self, entity_id: str) -> QTreeWidgetItem | None:
        return next((item for item in self.entity_items() if entity_id and item.data(0, _ENTITY_ID) == entity_id), None)

    @Slot()
    def _on_filter_changed(self) -> None:
        """Show the entities the filter keeps; one it hides is no longer selected.

        Details, mention count and marks in the text about an entity the list no longer shows read
        as stale, so the selection is cleared, as a filtered list in any desktop app clears it.
        """
        self._refill()
        selected = self._model.current_entity
        if selected is not None and self._item_for(selected.id) is None:
            self.entity_selected.emit("")

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_current_item(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        del previous
        if self._updating or current is None:
            return
        entity_id = current.data(0, _ENTITY_ID)
        if isinstance(entity_id, str):
            self.entity_selected.emit(entity_id)

    @Slot(QTreeWidgetItem, int)
    def _on_activated(self, item: QTreeWidgetItem, column: int) -> None:
        del column
        entity_id = item.data(0, _ENTITY_ID)
        if isinstance(entity_id, str):
            self.entity_activated.emit(entity_id)
        else:
            item.setExpanded(not item.isExpanded())

    def _show_context_menu(self, event: QContextMenuEvent) -> None:
        """The menu key on the current entity, or a right click on one, offers the other articles that name it.

        Opened from the keyboard, the menu opens under the row with its first item active, so Enter
        runs it at once, as a keyboard-opened menu does in any desktop app.
        """
        keyboard = event.reason() == QContextMenuEvent.Reason.Keyboard
        item = self.tree.currentItem() if keyboard else self.tree.itemAt(event.pos())
        entity_id = item.data(0, _ENTITY_ID) if item is not None else None
        if item is None or not isinstance(entity_id, str):
            return
        menu = QMenu(self.tree)
        menu.aboutToHide.connect(menu.deleteLater)  # one menu per request; the chosen action still runs
        # "Other" would be wrong: the list includes, and marks, the article being read.
        action = menu.addAction(f"Articles Mentioning {item.text(0)}")
        action.triggered.connect(lambda: self.mentioning_requested.emit(entity_id))
        if keyboard:
            menu.setActiveAction(action)
            menu.popup(self.tree.viewport().mapToGlobal(self.tree.visualItemRect(item).bottomLeft()))
        else:
            menu.popup(event.globalPos())

    @Slot(QTreeWidgetItem, int)
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        type_name = item.data(0, _TYPE)
        if self._updating or column != 0 or not isinstance(type_name, str):
            return
        entity_type = EntityType(type_name)
        visible = item.checkState(0) == QtCore.Qt.CheckState.Checked
        if visible:
            self._hidden.discard(entity_type)
        else:
            self._hidden.add(entity_type)
        self.type_toggled.emit(entity_type, visible)

    @Slot()
    def _pick_first_match(self) -> None:
        """Enter in the filter box selects the first entity shown and moves into the list."""
        items = self.entity_items()
        if items:
            self.tree.setCurrentItem(items[0])
            self.tree.setFocus()

    def _show_details(self, entity: Entity | None) -> None:
        article = self._model.article
        self.details.setProperty("focusPolicy", "NoFocus" if entity is None or article is None else "StrongFocus")
        if entity is None or article is None:
            self.details.clear()
            return
        lines = [f"{entity.name} — {ENTITY_STYLES[entity.type].label}"]
        if entity.role:
            lines.append(f"Role: {entity.role}")
        if entity.aliases:
            lines.append("Also called: " + ", ".join(entity.aliases))
        if entity.resolved:
            lines.append(f"Date: {entity.resolved}")
        mentions = "mention" if entity.count == 1 else "mentions"
        lines.append(f"{entity.count} {mentions}")
        quotes = [q for q in article.quotes if q.speaker_id == entity.id]
        lines.extend(f"“{quote.text.strip(_QUOTE_MARKS)}”" for quote in quotes[:5])
        if len(quotes) > 5:
            lines.append(f"… and {len(quotes) - 5} more quotes")
        self.details.setPlainText("\n".join(lines))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Down from the filter box enters the list; Esc in either returns to the article; the list's context menu."""
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            self._show_context_menu(event)
            return True  # the list's one menu: the event goes no further up
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == QtCore.Qt.Key.Key_Escape:
                if watched is self.filter_edit and self.filter_edit.text():
                    self.filter_edit.clear()
                else:
                    self.leave_requested.emit()
                return True
            if watched is self.filter_edit and event.key() == QtCore.Qt.Key.Key_Down:
                # Pick the first entity before focusing: focus alone would make the first group row current.
                items = self.entity_items()
                if self.tree.currentItem() is None and items:
                    self.tree.setCurrentItem(items[0])
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)
