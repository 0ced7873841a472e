"""ReadingView: the article set for reading, with entity highlighting and mention navigation."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QPoint, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from viewer.model import Article, EntityType
from viewer.ui.article_document import (
    ENTITY_SCHEME,
    MEASURE,
    ArticleDocument,
    DocumentStyle,
    body_font,
    characters_that_fit,
    set_side_margins,
)
from viewer.ui.article_model import ArticleModel
from viewer.ui.theme import ENTITY_STYLES, add_focus_edge

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl

#: What the view says with no article, unless one is being read (the status bar names it then).
PLACEHOLDER = "Open an article with File › Open, or drop a file here."
#: The same, naming the key File › Open answers to (known once the window's commands exist).
PLACEHOLDER_WITH_KEY = "Open an article with File › Open ({key}), or drop a file here."
#: The body size at 100 % zoom, in points.
BASE_POINT_SIZE = 12.0
#: The narrowest the view gets, in pixels: about 30 characters at 100 %. Below it the window stops
#: shrinking instead of setting one letter a line.
MIN_WIDTH = 260
#: At a large zoom the view is never narrower than this many average characters (margins included):
#: room for "international" on a line of its own. At 260 % a fixed 260 px broke "immigrati/on".
MIN_CHARACTERS = 19


class ReadingView(QTextBrowser):
    """Shows the model's article; subscribes to the model and never parses anything itself.

    Highlights are part of the document (one tint and underline style per type); the selected
    entity's mentions and the current mention are extra selections drawn on top, so moving
    between mentions never rebuilds the document.

    Signals:
        entity_clicked(str): the reader clicked a highlighted mention of this entity id.
    """

    entity_clicked = Signal(str)

    def __init__(self, model: ArticleModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._layout = ArticleDocument(self.document())
        self._style = DocumentStyle(point_size=BASE_POINT_SIZE)
        self._highlights = True
        self._hidden: set[EntityType] = set()
        self._path = ""
        self._placeholder = PLACEHOLDER
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setMinimumWidth(MIN_WIDTH)
        # Tab leaves the view: with hundreds of highlighted mentions, Tab-through-links traps the keyboard.
        self.setTabChangesFocus(True)
        add_focus_edge(self)  # invisible until the article has the keyboard focus
        self.setAccessibleName("Article")
        self.setAccessibleDescription("The article text; highlighted words are entities listed in the panel")
        self.setPlaceholderText(self._placeholder)
        self.anchorClicked.connect(self._on_anchor)
        # While a file is read the status bar names it; the invitation to open one would be wrong.
        model.loading_started.connect(lambda: self.setPlaceholderText(""))
        model.load_failed.connect(lambda: self.setPlaceholderText(self._placeholder))
        model.article_loaded.connect(self._on_article)
        model.entities_ready.connect(self._on_entities)
        model.current_entity_changed.connect(self._on_entity_selected)
        model.current_mention_changed.connect(self._on_mention)
        model.article_closed.connect(self._on_closed)

    # --- what the reader controls ---------------------------------------------------------

    def set_open_key(self, key: str) -> None:
        """Name ``key`` (File › Open's, as the reader sees it; "" for none) in the empty view's invitation."""
        self._placeholder = PLACEHOLDER_WITH_KEY.format(key=key) if key else PLACEHOLDER
        if self.placeholderText():  # shown now, or due when the article is closed: not while a file is read
            self.setPlaceholderText(self._placeholder)

    @property
    def highlights_enabled(self) -> bool:
        """Whether entity highlighting is on at all."""
        return self._highlights

    @property
    def hidden_types(self) -> frozenset[EntityType]:
        """Entity types whose highlighting the reader switched off."""
        return frozenset(self._hidden)

    @property
    def zoom(self) -> int:
        """Text size in percent of the default."""
        return round(self._style.point_size / BASE_POINT_SIZE * 100)

    def set_highlights(self, enabled: bool) -> None:
        """Switch all entity highlighting on or off."""
        if enabled != self._highlights:
            self._highlights = enabled
            self._rebuild()

    def set_type_visible(self, entity_type: EntityType, visible: bool) -> None:
        """Switch highlighting of one entity type on or off."""
        if visible == (entity_type not in self._hidden):
            return
        if visible:
            self._hidden.discard(entity_type)
        else:
            self._hidden.add(entity_type)
        self._rebuild()

    def set_hidden_types(self, hidden: set[EntityType]) -> None:
        """Restore the per-type switches (from settings)."""
        if hidden != self._hidden:
            self._hidden = set(hidden)
            self._rebuild()

    def set_zoom(self, percent: int) -> None:
        """Set the text size; the column stays about :data:`MEASURE` characters wide."""
        size = BASE_POINT_SIZE * percent / 100
        if size != self._style.point_size:
            # Keep the reader's place, not the scroll proportion: the text at the top stays at the top.
            first_visible = self.cursorForPosition(QPoint(0, 0)).position()
            self._style = DocumentStyle(point_size=size, dark=self._style.dark)
            characters = QFontMetricsF(body_font(self._style)).averageCharWidth() * MIN_CHARACTERS
            self.setMinimumWidth(max(MIN_WIDTH, math.ceil(characters)))
            self._rebuild(keep_place=False)
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(first_visible, self.document().characterCount() - 1))  # a long body may be cut
            bar = self.verticalScrollBar()
            bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def set_dark(self, dark: bool) -> None:
        """Use the light or the dark colours for text, caption box and highlights."""
        if dark != self._style.dark:
            self._style = DocumentStyle(point_size=self._style.point_size, dark=dark)
            self._rebuild()

    def document_start(self, block: int | str) -> int | None:
        """Where the text of an article block starts in the document (for tests and find)."""
        return self._layout.starts.get(block)

    # --- model → view ------------------------------------------------------------------------

    @Slot(object)
    def _on_article(self, article: Article) -> None:
        # A reload of the same file (edited on disk) keeps the reader's place; a new file starts at the top.
        same_file = article.source.path == self._path
        self._path = article.source.path
        self.setPlaceholderText(self._placeholder)  # for when the article is closed
        self._rebuild(keep_place=same_file)
        if not same_file:
            self.verticalScrollBar().setValue(0)

    @Slot(object)
    def _on_entities(self, article: Article) -> None:
        del article
        self._rebuild()

    @Slot()
    def _on_closed(self) -> None:
        self._layout.clear()
        self._path = ""
        self.setExtraSelections([])

    @Slot(str)
    def _on_entity_selected(self, entity_id: str) -> None:
        del entity_id
        self._mark_selection()

    @Slot(int, int)
    def _on_mention(self, index: int, count: int) -> None:
        del count
        self._mark_selection()
        if index >= 0:
            self._scroll_to_current()

    @Slot("QUrl")  # by name: wrapping QUrl would build its five option enums before the first paint
    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() == ENTITY_SCHEME:
            self.entity_clicked.emit(url.path())

    # --- drawing ----------------------------------------------------------------------------

    def _rebuild(self, keep_place: bool = True) -> None:
        article = self._model.article
        if article is None:
            return
        scroll = self.verticalScrollBar().value()
        side = self._side_margin()
        self._layout.build(article, self._style, side, self._room(side))
        if self._highlights and article.entities:
            visible = set(EntityType) - self._hidden
            self._layout.highlight(article.entities, visible, self._style.dark)
        self._mark_selection()
        if keep_place:
            self.verticalScrollBar().setValue(scroll)

    def _side_margin(self) -> float:
        """What centres a column of about MEASURE characters; narrow windows use their whole width.

        The margin grows with the zoom, but never past a sixteenth of the view: at 260 % in a narrow
        window it took 60 px a side, and words no longer fit on a line.
        """
        metrics = QFontMetricsF(body_font(self._style))
        width = self.viewport().width()
        column = metrics.averageCharWidth() * MEASURE
        # Whole pixels: a fractional margin laid the document out up to a pixel wider than the view,
        # and a horizontal scroll bar came for that pixel.
        return float(math.floor(max(min(self._style.margin, width / 16), (width - column) / 2)))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt override
        """Tab leaves the article at once; QTextBrowser would first visit every highlighted mention."""
        return QTextEdit.focusNextPrevChild(self, next)

    def _room(self, side: float) -> int:
        """The body characters the column can show at this width and zoom (see ``characters_that_fit``)."""
        return characters_that_fit(self._style, self.viewport().width() - 2 * side)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the column centred and its measure comfortable as the window changes size.

        A body too long for the new width is laid out again to fit, and one cut short gets more room
        when the window widens: only then, and only for a change of a quarter, as each costs a rebuild.
        """
        super().resizeEvent(event)
        side = self._side_margin()
        set_side_margins(self.document(), side)
        article, room, limit = self._model.article, self._room(side), self._layout.limit
        if article is None or (limit * 3 // 4 <= room <= limit * 5 // 4):
            return
        if self._layout.cut if room > limit else sum(len(block.text) for block in article.blocks) > room:
            self._rebuild()

    def _mark_selection(self) -> None:
        """Mark the selected entity's mentions strongly and the current one strongest."""
        article = self._model.article
        entity = self._model.current_entity
        if article is None or entity is None:
            self.setExtraSelections([])
            return
        ink = ENTITY_STYLES[entity.type].ink(self._style.dark)
        strong = QColor(ink)
        strong.setAlpha(110 if self._style.dark else 80)
        selections = []
        for index, mention in enumerate(entity.mentions):
            span = self._layout.mention_range(mention.block, mention.start, mention.end)
            if span is None:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            fmt = QTextCharFormat()
            if index == self._model.mention_index:
                # Its own colour: the text selection (find, caret browsing) keeps the palette's blue.
                fmt.setBackground(self._style.current_mention)
                fmt.setForeground(QColor("#101010"))
            else:
                fmt.setBackground(strong)
            fmt.setUnderlineStyle(ENTITY_STYLES[entity.type].underline)
            fmt.setUnderlineColor(ink)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)

    def _scroll_to_current(self) -> None:
        """Bring the current mention into view a third of the way down, caret at its start."""
        mention = self._model.current_mention
        if mention is None:
            return
        span = self._layout.mention_range(mention.block, mention.start, mention.end)
        if span is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(span[0])
        self.setTextCursor(cursor)
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    # --- safety and tooltips -------------------------------------------------------------------

    def loadResource(self, kind: int, name: QUrl | str) -> object:  # noqa: N802 - Qt override
        """Refuse every external resource: an article never makes the app fetch anything."""
        del kind, name
        return None

    def event(self, event: QEvent) -> bool:
        """Show the tooltips the document carries (original date words, entity names)."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self._tooltip_at(event.pos())
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _tooltip_at(self, pos: QPoint) -> str:
        viewport_pos = self.viewport().mapFrom(self, pos)
        cursor = self.cursorForPosition(viewport_pos)
        if not cursor.atBlockEnd():
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        return cursor.charFormat().toolTip()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter on a highlighted word (caret browsing) selects its entity, as a click does."""
        if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
            entity_id = self.mention_at(self.textCursor().position())
            if entity_id:
                self.entity_clicked.emit(entity_id)
                return
        super().keyPressEvent(event)

    def mention_at(self, position: int) -> str:
        """The entity id highlighted at a document position, or "" (Enter in caret browsing, tests)."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        if not cursor.atBlockEnd():
            cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        href = cursor.charFormat().anchorHref()
        return href.partition(":")[2] if href.startswith(f"{ENTITY_SCHEME}:") else ""
