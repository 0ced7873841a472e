"""The print document: a QTextDocument built from an Article (never from the screen), styled for paper."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from viewer.model import Article, BlockKind, BlockRef, Entity, EntityType, Mention
from viewer.model.article import CAPTION, CREDIT, HEADLINE
from viewer.model.captions import is_credit_only
from viewer.ui.article_document import SANS, SERIF, cut_to, format_published
from viewer.ui.theme import ENTITY_STYLES

BODY_POINTS = 10.5
INK = QColor("#000000")
MUTED = QColor("#555555")
#: Types that share an underline style on screen get italics on paper, so grayscale still tells them apart.
ITALIC_TYPES = frozenset({EntityType.EVENT, EntityType.WORK, EntityType.LANGUAGE})

#: The most body text printed, about 270 A4 pages. Printing lays the document out in the printer's
#: pixels (1,200 per inch), and Qt lays out no taller than about 8.4 million of them: a 20 MB file
#: printed 713 pages and silently left the rest out.
PRINTED_CHARACTERS = 1_000_000
#: Characters Qt turns into block or line breaks on insertion; replaced one-for-one by a space so
#: mention offsets still line up.
_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " ", "\x0b": " ", "\x0c": " "})


@dataclass(frozen=True)
class PrintOptions:
    """What the reader asked to have on paper besides the article itself.

    Attributes:
        highlights: underline every entity mention, one underline style per entity type.
        appendix: add an entity index after the article and number the paragraphs in the margin.
    """

    highlights: bool = False
    appendix: bool = False


@dataclass
class PrintDocument:
    """A styled document plus what the page painter needs to know about it.

    Attributes:
        document: the text, one block per line of the printed article.
        running_header: "outlet · headline", painted at the top of every page but the first.
        source: the file path or URL, painted in every footer.
        numbered: (block number in ``document``, paragraph number) pairs to number in the margin.
        keep_with_next: block numbers that must not end a page (headings, caption, credit).
    """

    document: QTextDocument
    running_header: str
    source: str
    numbered: list[tuple[int, int]] = field(default_factory=list)
    keep_with_next: set[int] = field(default_factory=set)


def source_of(article: Article) -> str:
    """Where the article came from, as a reader would look it up again: URL first, else the file path."""
    return article.source.url or article.source.path


def paragraph_refs(entity: Entity) -> str:
    """Where an entity appears, for the appendix: "headline, caption, 1, 4, 7" (body paragraphs count from 1)."""
    places: list[str] = []
    for ref in (HEADLINE, CAPTION, CREDIT):
        if any(m.block == ref for m in entity.mentions):
            places.append(ref)
    numbers = sorted({m.block + 1 for m in entity.mentions if isinstance(m.block, int)})
    return ", ".join(places + [str(n) for n in numbers])


def font(families: list[str], points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font by preference list, so the page looks the same on machines with different fonts."""
    result = QFont()
    result.setFamilies(families)
    result.setStyleHint(QFont.StyleHint.Serif if families is SERIF else QFont.StyleHint.SansSerif)
    result.setPointSizeF(points)
    result.setBold(bold)
    result.setItalic(italic)
    # Ligatures ("ﬁ") reach PDF text as one character, and searching or copying the PDF then fails.
    result.setFeature(QFont.Tag("liga"), 0)
    return result


def _char_format(families: list[str], points: float, *, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFont(font(families, points, bold=bold, italic=italic))
    # Paper is white whatever the window's look: text left to the palette printed pale grey in Dark.
    fmt.setForeground(INK)
    return fmt


def entity_format(entity_type: EntityType) -> QTextCharFormat:
    """The mark a mention of this type gets on paper (merged over the text's own format)."""
    style = ENTITY_STYLES[entity_type]
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(style.underline)
    fmt.setUnderlineColor(style.ink(dark=False))
    fmt.setBackground(style.tint(dark=False))
    if entity_type in ITALIC_TYPES:
        fmt.setFontItalic(True)
    return fmt


def _utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 code units; Python indexes code points."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


class _Writer:
    """Appends styled blocks to a document through one cursor, remembering block roles."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.cursor = QTextCursor(document)
        self.first = True
        self.numbered: list[tuple[int, int]] = []
        self.keep_with_next: set[int] = set()
        self.list: QTextList | None = None

    def block(
        self,
        text: str,
        char_format: QTextCharFormat,
        *,
        top: float = 0.0,
        bottom: float = 6.0,
        indent: float = 0.0,
        hanging: float = 0.0,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        keep_with_next: bool = False,
        break_before: bool = False,
    ) -> int:
        """Add one paragraph of plain text; returns its block number."""
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        fmt.setLeftMargin(indent + hanging)
        fmt.setTextIndent(-hanging)
        fmt.setAlignment(align)
        fmt.setLineHeight(115.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if break_before:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        if self.first:
            self.cursor.setBlockFormat(fmt)
            self.cursor.setBlockCharFormat(char_format)
            self.first = False
        else:
            self.cursor.insertBlock(fmt, char_format)
        self.list = None
        self.cursor.insertText(text.translate(_BREAKS), char_format)
        number = self.cursor.block().blockNumber()
        if keep_with_next:
            self.keep_with_next.add(number)
        return number

    def list_item(self, text: str, char_format: QTextCharFormat) -> int:
        """Add a bulleted item, continuing the list the previous item started."""
        current = self.list
        number = self.block(text, char_format, bottom=3.0)
        if current is None:
            list_format = QTextListFormat()
            list_format.setStyle(QTextListFormat.Style.ListDisc)
            list_format.setIndent(1)
            current = self.cursor.createList(list_format)
        else:
            current.add(self.cursor.block())
        self.list = current
        return number

    def mark(
        self, block_number: int, text: str, mentions: Iterable[Mention], entity_types: dict[int, EntityType]
    ) -> None:
        """Underline the mentions that fall in one block; ``entity_types`` maps id(mention) to its type."""
        base = self.document.findBlockByNumber(block_number).position()
        cursor = QTextCursor(self.document)
        for mention in mentions:
            if not 0 <= mention.start < mention.end <= len(text):
                continue
            cursor.setPosition(base + _utf16_offset(text, mention.start))
            cursor.setPosition(base + _utf16_offset(text, mention.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(entity_format(entity_types[id(mention)]))


def build_print_document(article: Article, options: PrintOptions, selection: str | None = None) -> PrintDocument:
    """Lay the article out for paper.

    Args:
        article: what to print; its entities are used only when an option asks for them.
        options: highlights and appendix.
        selection: print only this text (the reader's selection) under the article's header;
            entity marks and paragraph numbers are left out because they index the whole article.

    Returns:
        The document and the page furniture the painter adds around it.
    """
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setUseDesignMetrics(True)
    document.setDefaultFont(font(SERIF, BODY_POINTS))
    writer = _Writer(document)
    marks = options.highlights and selection is None
    by_block: dict[BlockRef, list[Mention]] = {}
    types: dict[int, EntityType] = {}
    if marks:
        for entity in article.entities:
            for mention in entity.mentions:
                by_block.setdefault(mention.block, []).append(mention)
                types[id(mention)] = entity.type

    def add(ref: BlockRef, text: str, number: int) -> None:
        if marks and ref in by_block:
            writer.mark(number, text, by_block[ref], types)

    outlet = article.outlet or ""
    # Spaced out but never recased: names are printed as the article spells them.
    outlet_format = _char_format(SANS, 8.5)
    outlet_format.setFontLetterSpacing(108.0)
    outlet_format.setForeground(MUTED)
    if outlet:
        writer.block(outlet, outlet_format, bottom=4.0, keep_with_next=True)
    headline = article.headline or "Untitled article"
    add(HEADLINE, headline, writer.block(headline, _char_format(SERIF, 20.0, bold=True), bottom=8.0))
    meta = _char_format(SANS, 9.5)
    meta.setForeground(MUTED)
    if article.byline:
        writer.block(article.byline, _char_format(SANS, 10.0, bold=True), bottom=2.0)
    if article.published is not None:
        writer.block(format_published(article.published, article.date_text), meta, bottom=2.0)
    elif article.date_text:
        writer.block(article.date_text, meta, bottom=2.0)
    writer.block(f"Source: {source_of(article)}", _char_format(SANS, 8.0), bottom=10.0)
    if marks and article.entities:
        _legend(writer, {e.type for e in article.entities})
    caption = article.caption
    if caption is not None and selection is None and (caption.credit or caption.text.strip()):
        caption_format = _char_format(SANS, 9.0, italic=True)
        caption_format.setForeground(QColor("#333333"))
        credit_only = is_credit_only(caption)
        if not credit_only:
            add(CAPTION, caption.text, writer.block(caption.text, caption_format, bottom=2.0, keep_with_next=True))
        if caption.credit or credit_only:
            # Printed as written: agencies and photographers spell their names their own way.
            credit_format = _char_format(SANS, 7.5)
            credit_format.setForeground(MUTED)
            ref, line = (CREDIT, caption.credit) if caption.credit else (CAPTION, caption.text)
            right = Qt.AlignmentFlag.AlignRight
            number = writer.block(line, credit_format, bottom=12.0, align=right, keep_with_next=True)
            add(ref, line, number)
    if selection is not None:
        for line in selection.replace("\u2029", "\n").split("\n"):
            if line.strip():
                writer.block(line, _char_format(SERIF, BODY_POINTS))
        return PrintDocument(document, _running_header(outlet, headline), source_of(article))
    room, unprinted = PRINTED_CHARACTERS, 0
    for index, block in enumerate(article.blocks):
        text = cut_to(block.text, max(room, 0))
        unprinted += len(block.text) - len(text)
        room -= len(block.text)
        if not text:
            continue
        number = _body_block(writer, block.kind, text)
        add(index, text, number)
        if options.appendix:
            writer.numbered.append((number, index + 1))
    if unprinted:
        left = f"{unprinted:,} more characters of this file are not printed"
        note = f"[{left}: printing stops after {PRINTED_CHARACTERS:,}.]"
        writer.block(note, _char_format(SANS, 9.0, italic=True), top=6.0)
    if options.appendix:
        _appendix(writer, article.entities)
    return PrintDocument(
        document, _running_header(outlet, headline), source_of(article), writer.numbered, writer.keep_with_next
    )


def _running_header(outlet: str, headline: str) -> str:
    return f"{outlet} · {headline}" if outlet else headline


def _body_block(writer: _Writer, kind: BlockKind, text: str) -> int:
    """One body block, styled as what it is."""
    if kind is BlockKind.SUBHEADING:
        return writer.block(text, _char_format(SANS, 12.5, bold=True), top=10.0, bottom=4.0, keep_with_next=True)
    if kind is BlockKind.RELATED:
        related = _char_format(SANS, 9.0, italic=True)
        related.setForeground(MUTED)
        return writer.block(text, related, bottom=6.0)
    if kind is BlockKind.QUOTE:
        return writer.block(text, _char_format(SERIF, BODY_POINTS, italic=True), indent=18.0, bottom=6.0)
    if kind is BlockKind.LIST_ITEM:
        return writer.list_item(text, _char_format(SERIF, BODY_POINTS))
    return writer.block(text, _char_format(SERIF, BODY_POINTS), bottom=6.0)


def _legend(writer: _Writer, present: set[EntityType]) -> None:
    """A key to the underline styles, so a grayscale page can be read without the screen."""
    label_format = _char_format(SANS, 8.0)
    label_format.setForeground(MUTED)
    writer.block("Marked: ", label_format, bottom=10.0)
    for entity_type in EntityType:
        if entity_type not in present:
            continue
        sample = QTextCharFormat(label_format)
        sample.merge(entity_format(entity_type))
        writer.cursor.insertText(ENTITY_STYLES[entity_type].label, sample)
        writer.cursor.insertText("   ", label_format)


#: Appendix groups with fewer entries than this are never split across pages.
SHORT_GROUP = 6


def _appendix(writer: _Writer, entities: Iterable[Entity]) -> None:
    """The entity panel as an index: grouped by type, most mentioned first, with where each appears.

    One paragraph per entity with a hanging indent rather than a QTextTable: a paged table of a
    thousand rows takes Qt seconds to lay out, paragraphs a fraction of that.
    """
    writer.block("Entities in this article", _char_format(SANS, 14.0, bold=True), bottom=4.0, break_before=True)
    note = _char_format(SANS, 8.5)
    note.setForeground(MUTED)
    rows = list(entities)
    if not rows:
        writer.block("No entities to list: none were found, or finding them had not finished.", note)
        return
    writer.block(
        "Each entry: name, role, mentions, then where: headline, caption, credit, and the paragraph "
        "numbers in the left margin of the article.",
        note,
        bottom=6.0,
        keep_with_next=True,
    )
    name_format = _char_format(SANS, 9.0, bold=True)
    detail = _char_format(SANS, 9.0)
    where = QTextCharFormat(detail)
    where.setForeground(MUTED)
    for entity_type in EntityType:
        group = sorted((e for e in rows if e.type is entity_type), key=lambda e: (-e.count, e.name.casefold()))
        if not group:
            continue
        writer.block(
            ENTITY_STYLES[entity_type].plural,
            _char_format(SANS, 10.5, bold=True),
            top=8.0,
            bottom=3.0,
            keep_with_next=True,
        )
        last = len(group) - 1
        for index, entity in enumerate(group):
            # A short group travels whole; a long one keeps its heading with two entries and never
            # leaves its last entry alone at the top of a page.
            together = last < SHORT_GROUP or index in (0, last - 1)
            writer.block(entity.name, name_format, bottom=2.0, hanging=14.0, keep_with_next=together and index < last)
            role = f", {entity.role}" if entity.role else ""
            if entity.resolved and entity.resolved != entity.name:
                role += f" ({entity.resolved})"
            mentions = "1 mention" if entity.count == 1 else f"{entity.count} mentions"
            writer.cursor.insertText(f"{role} — {mentions}: ".translate(_BREAKS), detail)
            writer.cursor.insertText(paragraph_refs(entity), where)
