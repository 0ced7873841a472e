"""The Article laid out as a QTextDocument: reading typography, and where every block's text starts."""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QDate, QLocale, QTime
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFrameFormat,
)

from viewer.model import Article, BlockKind, BlockRef, Entity, EntityType
from viewer.model.article import CAPTION, CREDIT, HEADLINE, Image
from viewer.model.captions import is_credit_only
from viewer.ui.theme import ENTITY_STYLES

if TYPE_CHECKING:
    from PySide6.QtGui import QImage, QTextList

SERIF = ["Charter", "Georgia", "Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"]
#: Body line height in percent of the font's natural line spacing.
LINE_HEIGHT = 158
#: Characters per line the text column aims for.
MEASURE = 70
#: Scheme of hrefs given to highlighted mentions: ``entity:<id>``.
ENTITY_SCHEME = "entity"
#: A list item's own bullet or number ("- ", "• ", "3. "), drawn by the document's list instead.
_LIST_MARKER = re.compile(r"\s*([-*•–·]|\d{1,3}[.)])\s+")
#: A paragraph inside a document is one line; U+2028 keeps a stray newline one character long.
_LINE_SEPARATOR = "\u2028"
_NO_BREAK = "\u00a0"
#: Qt.AlignmentFlag.AlignRight as a number, for what is laid out before the first paint or the entities
#: (the credit line, the entity counts): naming it would build the Qt namespace (see ``viewer.ui``).
ALIGN_RIGHT = 0x2
#: The document's own name for the lead image it holds (never a network address).
LEAD_IMAGE = "article-viewer:lead-image"
#: A saved lead image larger than this is not decoded.
MAX_IMAGE_BYTES = 10 * 2**20
#: The most body text the reading view lays out: ~330,000 words, far past any article.
SHOWN_CHARACTERS = 2_000_000
#: Qt lays a document out no taller than about 8.4 million pixels: past that, lines are drawn over
#: each other and the end cannot be scrolled to (a 20 MB file did both two-thirds of the way in).
#: The body shown is sized for half that, so word wrap and paragraph spacing never reach it.
_SAFE_HEIGHT = 4_000_000


def solid(colour: QColor) -> QBrush:
    """A solid brush of ``colour``.

    Not ``QBrush(colour)``: resolving that call looks up the ``Qt`` namespace (see ``viewer.ui``).
    """
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, colour)
    return palette.brush(QPalette.ColorRole.Window)


class DocumentStyle(NamedTuple):
    """What the layout depends on besides the article: size and light or dark."""

    point_size: float = 12.0
    dark: bool = False

    @property
    def margin(self) -> float:
        """The document's margin; the side margins that centre the column are never less."""
        return self.point_size * 2

    @property
    def headline_scale(self) -> float:
        """The headline's size over the body's: twice and a bit, but never more than 18 points above it.

        A reader who zooms wants larger body text; a headline grown as much set "Budget" as
        "Budge/t" at 260 % in a narrow window.
        """
        return min(2.05, 1 + 18 / self.point_size)

    @property
    def muted(self) -> QColor:
        """Secondary text (tagline, byline, credit): quieter but still above 4.5:1 contrast."""
        return QColor("#a3a09a" if self.dark else "#5f5c57")

    @property
    def caption_background(self) -> QColor:
        """The caption box."""
        return QColor("#25272b" if self.dark else "#f1eee7")

    @property
    def current_mention(self) -> QColor:
        """The mention the reader stepped to: amber, unlike any entity tint or the blue selection."""
        return QColor("#e0a526" if self.dark else "#ffcf4d")

    @property
    def rule(self) -> QColor:
        """Thin lines: the caption box border and the quote bar."""
        return QColor("#3a3c42" if self.dark else "#dcd7cc")


def body_font(style: DocumentStyle) -> QFont:
    """The serif the body is set in; the view measures its column from it."""
    font = QFont()
    font.setFamilies(SERIF)
    font.setPointSizeF(style.point_size)
    return font


def characters_that_fit(style: DocumentStyle, width: float) -> int:
    """How much body text a column ``width`` pixels wide can show without outgrowing Qt's layout."""
    metrics = QFontMetricsF(body_font(style))
    per_line = max(1.0, width / metrics.averageCharWidth())
    line = metrics.lineSpacing() * LINE_HEIGHT / 100
    return min(SHOWN_CHARACTERS, int(_SAFE_HEIGHT / line * per_line))


def cut_to(text: str, room: int) -> str:
    """``text`` cut to at most ``room`` characters, after a whole word where one ends in the last half."""
    if len(text) <= room:
        return text
    space = text.rfind(" ", room // 2, room)
    return text[: room if space == -1 else space]


def _char(style: DocumentStyle, *, scale: float = 1.0, sans: bool = False, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontFamilies(SANS if sans else SERIF)
    fmt.setFontPointSize(style.point_size * scale)
    fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
    return fmt


def _block(*, top: float = 0, bottom: float = 0, line_height: int = LINE_HEIGHT) -> QTextBlockFormat:
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    return fmt


def format_published(published: datetime, date_text: str | None, locale: QLocale | None = None) -> str:
    """The publication date in the reader's locale; the time only when the article gave one."""
    locale = locale or QLocale()
    day = locale.toString(QDate(published.year, published.month, published.day), QLocale.FormatType.LongFormat)
    has_time = published.hour or published.minute or (date_text is not None and ":" in date_text)
    if not has_time:
        return day.replace(" ", _NO_BREAK)
    time = locale.toString(QTime(published.hour, published.minute), QLocale.FormatType.ShortFormat)
    # One unbreakable phrase: a line break between "2023," and "20:18" reads as two facts.
    return f"{day}, {time}".replace(" ", _NO_BREAK)


def _local_picture(path: str | None) -> QImage | None:
    """The saved copy of a page's lead image, if it is a readable picture of sane size."""
    if path is None:
        return None
    from PySide6.QtGui import QImage  # here and for lists below: what plain text lacks, its first paint does not load

    try:
        if os.path.getsize(path) > MAX_IMAGE_BYTES:
            return None
    except OSError:
        return None
    picture = QImage(path)
    return None if picture.isNull() else picture


class _Writer:
    """Appends paragraphs at a cursor and records where each referenced text starts."""

    def __init__(self, cursor: QTextCursor) -> None:
        self.cursor = cursor
        self.first = True
        self.starts: dict[BlockRef, int] = {}
        self.hidden: dict[BlockRef, int] = {}
        self.cut: dict[BlockRef, int] = {}

    def paragraph(self, block_fmt: QTextBlockFormat, char_fmt: QTextCharFormat) -> None:
        """Start a paragraph; the first one reuses the empty block a document or frame begins with."""
        if self.first:
            self.cursor.setBlockFormat(block_fmt)
            self.cursor.setBlockCharFormat(char_fmt)
            self.first = False
        else:
            self.cursor.insertBlock(block_fmt, char_fmt)

    def text(self, ref: BlockRef | None, value: str, fmt: QTextCharFormat, skip: int = 0) -> None:
        """Insert ``value`` as plain text, noting its start when it is a mention target.

        ``skip`` leaves out a leading list marker the document draws itself; the recorded start
        is shifted so mention offsets into the full block text still land on the right words.
        """
        if ref is not None:
            self.starts[ref] = self.cursor.position() - skip
            if skip:
                self.hidden[ref] = skip
        self.cursor.insertText(value[skip:].replace("\n", _LINE_SEPARATOR), fmt)


def set_side_margins(document: QTextDocument, side: float) -> None:
    """Set the root frame's left and right margins (they centre the column), unless they already are.

    ``side`` is in whole pixels (see ``ReadingView``); the document margin set before it may not be.
    """
    root = document.rootFrame()
    fmt = root.frameFormat()
    if fmt.leftMargin() != side or fmt.rightMargin() != side:
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        root.setFrameFormat(fmt)


class ArticleDocument:
    """Lays an article out into a QTextDocument and remembers where each block's text starts.

    The document is built with QTextCursor rather than HTML: article text is inserted as
    plain text, so nothing in it can ever be read as markup, and mention offsets map onto
    document positions exactly.
    """

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.starts: dict[BlockRef, int] = {}
        self.hidden: dict[BlockRef, int] = {}
        self.cut: dict[BlockRef, int] = {}  # blocks shown only up to this offset (see SHOWN_CHARACTERS)
        self.limit = SHOWN_CHARACTERS  # the body characters the last build had room for

    def build(
        self, article: Article, style: DocumentStyle, side: float | None = None, limit: int = SHOWN_CHARACTERS
    ) -> None:
        """Replace the document's content with ``article``, ``side`` margins (points) left and right of the column.

        The margins are set in the same edit block as the text, so the document is laid out once. Only
        the body's first ``limit`` characters are laid out (see :func:`characters_that_fit`).
        """
        doc = self.document
        doc.clear()
        doc.setUndoRedoEnabled(False)
        doc.setDefaultFont(body_font(style))
        doc.setDocumentMargin(style.margin)
        out = _Writer(QTextCursor(doc))
        out.cursor.beginEditBlock()
        if side is not None:
            set_side_margins(doc, side)
        size = style.point_size
        if article.tagline:
            fmt = _char(style, scale=0.8, sans=True)
            fmt.setForeground(solid(style.muted))
            fmt.setFontLetterSpacing(104)
            out.paragraph(_block(bottom=size * 0.6, line_height=120), fmt)
            out.text(None, article.tagline, fmt)
        headline = _char(style, scale=style.headline_scale, bold=True)
        out.paragraph(_block(bottom=size * 0.8, line_height=118), headline)
        out.text(HEADLINE, article.headline, headline)
        self._meta(article, style, out)
        if article.image is not None:
            self._image(article.image, article, style, out)
        if article.caption is not None and (article.caption.credit or article.caption.text.strip()):
            self._caption(article, style, out)
        self.limit = limit
        self._body(article, style, out, limit)
        out.cursor.endEditBlock()
        self.starts = out.starts
        self.hidden = out.hidden
        self.cut = out.cut

    def _meta(self, article: Article, style: DocumentStyle, out: _Writer) -> None:
        if not (article.byline or article.published or article.date_text):
            return
        fmt = _char(style, scale=0.88, sans=True)
        fmt.setForeground(solid(style.muted))
        out.paragraph(_block(bottom=style.point_size * 1.2, line_height=130), fmt)
        if article.byline:
            byline = QTextCharFormat(fmt)
            byline.setFontWeight(QFont.Weight.DemiBold)
            byline.clearForeground()
            out.text(None, article.byline, byline)
        date = None
        if article.published is not None:
            date = format_published(article.published, article.date_text)
        elif article.date_text:
            date = article.date_text
        if date:
            if article.byline:
                # No-break spaces tie the dot to the byline: a long byline wraps before the date, not the dot.
                out.text(None, "\u00a0\u00a0·\u00a0 ", fmt)
            dated = QTextCharFormat(fmt)
            if article.date_text:
                dated.setToolTip(article.date_text)
            out.text(None, date, dated)

    def _image(self, image: Image, article: Article, style: DocumentStyle, out: _Writer) -> None:
        """The lead image: the saved copy beside the page, else a placeholder naming it.

        Only a file the model found inside the page's own folder is read; a remote address is
        never fetched, so the reader sees its alt text instead, unless the headline or the caption
        already says it (sites often reuse them as the alt text).
        """
        picture = _local_picture(image.path)
        # A proportional line height would add a third of the picture's height below it.
        block = _block(top=style.point_size * 0.4, line_height=100 if picture is not None else 130)
        fmt = _char(style, scale=0.85, sans=True)
        fmt.setForeground(solid(style.muted))
        out.paragraph(block, fmt)
        if picture is not None:
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QTextImageFormat

            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(LEAD_IMAGE), picture)
            shown = QTextImageFormat()
            shown.setName(LEAD_IMAGE)
            width = min(picture.width(), style.point_size * MEASURE * 0.6)
            shown.setWidth(width)
            shown.setHeight(width * picture.height() / picture.width())
            if image.alt:
                shown.setToolTip(image.alt)
            out.cursor.insertImage(shown)
            return
        fmt.setFontItalic(True)
        alt = image.alt_beside(article.headline, article.caption.text if article.caption else "")
        out.text(None, f"[Image not loaded{': ' + alt if alt else ''}]", fmt)

    def _caption(self, article: Article, style: DocumentStyle, out: _Writer) -> None:
        caption = article.caption
        assert caption is not None
        frame = QTextFrameFormat()
        frame.setBackground(solid(style.caption_background))
        frame.setBorder(1)
        frame.setBorderBrush(solid(style.rule))
        frame.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        frame.setPadding(style.point_size * 0.9)
        frame.setTopMargin(style.point_size * 0.4)
        frame.setBottomMargin(style.point_size * 1.6)
        out.cursor.insertFrame(frame)
        out.first = True
        credit_only = is_credit_only(caption)
        if not credit_only:
            fmt = _char(style, scale=0.9, sans=True)
            out.paragraph(_block(line_height=140), fmt)
            out.text(CAPTION, caption.text, fmt)
        if caption.credit or credit_only:
            credit = _char(style, scale=0.74, sans=True)
            credit.setForeground(solid(style.muted))
            credit.setFontLetterSpacing(103)
            block = _block(top=0 if credit_only else style.point_size * 0.5, line_height=120)
            block.setProperty(QTextFormat.Property.BlockAlignment, ALIGN_RIGHT)
            out.paragraph(block, credit)
            if caption.credit:
                out.text(None, "Photo: ", credit)
                out.text(CREDIT, caption.credit, credit)
            else:
                # The caption is the credit line itself, "Photo:" and all; its mentions index it.
                out.text(CAPTION, caption.text, credit)
        # A frame is followed by an empty block; the first body paragraph takes it over.
        out.cursor.movePosition(QTextCursor.MoveOperation.End)
        out.first = True

    def _body(self, article: Article, style: DocumentStyle, out: _Writer, limit: int) -> None:
        size = style.point_size
        body = _char(style)
        current_list: QTextList | None = None
        room, unshown = limit, 0
        for index, whole in enumerate(article.blocks):
            if room <= 0:
                unshown += len(whole.text)
                continue
            block = whole
            if len(whole.text) > room:
                block = dataclasses.replace(whole, text=cut_to(whole.text, room))
                out.cut[index] = len(block.text)
                unshown += len(whole.text) - len(block.text)
            room -= len(whole.text)
            kind = block.kind
            if kind is not BlockKind.LIST_ITEM:
                current_list = None
            if kind is BlockKind.LIST_ITEM:
                last = index + 1 == len(article.blocks) or article.blocks[index + 1].kind is not BlockKind.LIST_ITEM
                out.paragraph(_block(bottom=size * (0.95 if last else 0.3)), body)
                marker = _LIST_MARKER.match(block.text)
                if current_list is None:
                    from PySide6.QtGui import QTextListFormat

                    numbered = marker is not None and marker.group(1)[0].isdigit()
                    list_format = QTextListFormat()
                    list_format.setStyle(
                        QTextListFormat.Style.ListDecimal if numbered else QTextListFormat.Style.ListDisc
                    )
                    list_format.setIndent(1)
                    current_list = out.cursor.createList(list_format)
                else:
                    current_list.add(out.cursor.block())
                out.text(index, block.text, body, skip=marker.end() if marker else 0)
            elif kind is BlockKind.SUBHEADING:
                fmt = _char(style, scale=1.22, sans=True, bold=True)
                out.paragraph(_block(top=size * 0.9, bottom=size * 0.5, line_height=125), fmt)
                out.text(index, block.text, fmt)
            elif kind is BlockKind.RELATED:
                # Muted like the byline: the line names another article but is not a link.
                fmt = _char(style, scale=0.9, sans=True)
                fmt.setForeground(solid(style.muted))
                out.paragraph(_block(bottom=size * 0.95, line_height=135), fmt)
                out.text(None, "→ ", fmt)
                out.text(index, block.text, fmt)
            elif kind is BlockKind.QUOTE:
                fmt = _char(style, scale=1.05)
                fmt.setFontItalic(True)
                block_fmt = _block(top=size * 0.2, bottom=size * 0.95)
                block_fmt.setLeftMargin(size * 1.6)
                block_fmt.setRightMargin(size * 1.6)
                out.paragraph(block_fmt, fmt)
                out.text(index, block.text, fmt)
            else:
                out.paragraph(_block(bottom=size * 0.95), body)
                out.text(index, block.text, body)
        if unshown:
            self._not_shown(unshown, style, out)

    def _not_shown(self, left: int, style: DocumentStyle, out: _Writer) -> None:
        """Close the column with a line saying how much of the body is not laid out, and why."""
        fmt = _char(style, scale=0.9, sans=True)
        fmt.setForeground(solid(style.muted))
        fmt.setFontItalic(True)
        out.paragraph(_block(top=style.point_size * 0.6), fmt)
        out.text(
            None,
            f"[{left:,} more characters of this file are not shown: at this size the reading view "
            f"stops after {self.limit:,}.]",
            fmt,
        )

    def clear(self) -> None:
        """Empty the document and forget every block position."""
        self.document.clear()
        self.starts = {}
        self.hidden = {}
        self.cut = {}

    def mention_range(self, ref: BlockRef, start: int, end: int) -> tuple[int, int] | None:
        """Document positions of a mention, or None when its block is not shown."""
        base = self.starts.get(ref)
        if base is None or start < self.hidden.get(ref, 0) or end > self.cut.get(ref, end):
            return None
        return (base + start, base + end)

    def highlight(self, entities: tuple[Entity, ...], visible: set[EntityType], dark: bool) -> None:
        """Mark every mention of the visible types: a tint, the type's underline, and a link to it."""
        cursor = QTextCursor(self.document)
        # One edit block: the document lays itself out once, not once per mention.
        cursor.beginEditBlock()
        for entity in entities:
            if entity.type not in visible:
                continue
            entity_style = ENTITY_STYLES[entity.type]
            fmt = QTextCharFormat()
            fmt.setBackground(solid(entity_style.tint(dark)))
            fmt.setUnderlineStyle(entity_style.underline)
            fmt.setUnderlineColor(entity_style.ink(dark))
            fmt.setAnchor(True)
            fmt.setAnchorHref(f"{ENTITY_SCHEME}:{entity.id}")
            fmt.setToolTip(f"{entity.name} — {entity_style.label}")
            fmt.setProperty(QTextFormat.Property.UserProperty, entity.id)
            for mention in entity.mentions:
                span = self.mention_range(mention.block, mention.start, mention.end)
                if span is None:
                    continue
                cursor.setPosition(span[0])
                cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
                cursor.mergeCharFormat(fmt)
        cursor.endEditBlock()
