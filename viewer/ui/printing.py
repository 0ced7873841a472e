"""Printing as a small service: paged painting with header and footer, print dialog, preview and PDF export."""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QObject, QPointF, QRectF, Qt, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QColor,
    QFontMetricsF,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QCheckBox, QFileDialog, QMessageBox, QToolBar, QVBoxLayout, QWidget

from viewer.model import Article
from viewer.ui.article_document import SANS
from viewer.ui.article_model import ArticleModel
from viewer.ui.print_document import PrintDocument, PrintOptions, build_print_document, font
from viewer.ui.settings import Settings

#: ``--paper`` names and the page sizes they mean.
PAPER_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
#: Page margins for a fresh printer, in millimetres (left, top, right, bottom); the page setup may change them.
DEFAULT_MARGINS = QMarginsF(20.0, 16.0, 20.0, 16.0)
FURNITURE_POINTS = 8.0
#: Lines kept free above the body for the running header and below it for the footer.
BAND_LINES = 2.4
#: A heading or caption pushed down to the next page gives up this much of the page at most; a
#: block taller than this (a long caption on a short page) stays where it is.
MAX_PUSH = 0.4
#: Device pixels above a page's end from which a line belongs to the next page (see `_page_of`).
_SLACK = 1.0


class PrintError(Exception):
    """The document could not be printed or written.

    Attributes:
        path: the PDF file or the printer's name.
        reason: what went wrong, in words the reader can act on.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"Could not print to {self.path}: {self.reason}."


@dataclass(frozen=True)
class PageGeometry:
    """Where things go on every page, in the printer's device pixels, relative to the printable area.

    Attributes:
        width: of the printable area (the page less the page setup's margins).
        height: of the printable area.
        body: where the document's pages are drawn; each page of the document is ``body.size()``.
        gutter: the strip left of the body that holds paragraph numbers (0 without numbers).
    """

    width: float
    height: float
    body: QRectF
    gutter: float


@dataclass(frozen=True)
class _MarginNumber:
    page: int
    baseline: float
    text: str


@dataclass(frozen=True)
class _PagePlan:
    """What painting each page needs, worked out once per print."""

    geometry: PageGeometry
    pages: int
    numbers: list[_MarginNumber]
    continued: dict[int, QTextBlock]


def new_printer(paper: str = "a4", orientation: QPageLayout.Orientation = QPageLayout.Orientation.Portrait) -> QPrinter:
    """A high-resolution printer with our default page setup; the dialogs let the reader change it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(
        QPageLayout(QPageSize(PAPER_SIZES[paper]), orientation, DEFAULT_MARGINS, QPageLayout.Unit.Millimeter)
    )
    printer.setCreator("Article Viewer")
    return printer


def paginate(printed: PrintDocument, printer: QPrinter) -> PageGeometry:
    """Lay ``printed`` out in pages of the printer's paper, less margins, header and footer.

    Headings, the caption and its credit are then moved to the next page whenever they would
    end a page, so none is stranded apart from what it introduces.
    """
    document = printed.document
    paint_rect = printer.pageLayout().paintRectPixels(printer.resolution())
    metrics = QFontMetricsF(font(SANS, FURNITURE_POINTS), printer)
    band = metrics.height() * BAND_LINES
    # Room for the longest paragraph number and a digit's space before the text: "2209" needed more
    # than the three digits once planned, and its first digit fell off the page's printable area.
    digits = len(str(printed.numbered[-1][1])) if printed.numbered else 0
    gutter = metrics.horizontalAdvance("0" * max(4, digits + 1)) if printed.numbered else 0.0
    width, height = float(paint_rect.width()), float(paint_rect.height())
    # Whole device pixels: the layout places lines in 1/64 px steps, so a page that starts at a
    # fractional y would put the first line of a page a hair above it, on the page before.
    body = QRectF(
        math.ceil(gutter), math.ceil(band), max(math.floor(width - gutter), 1), max(math.floor(height - 2 * band), 1)
    )
    document.documentLayout().setPaintDevice(printer)
    document.setPageSize(body.size())
    _keep_with_next(printed, body.height())
    return PageGeometry(width, height, body, gutter)


def _page_of(y: float, page_height: float) -> int:
    """The page a line starting at document ``y`` is printed on.

    Qt may start a line a fraction of a pixel above a page's end (11,776.2 with pages 11,777 tall):
    such a line is drawn at the top of the next page, and so it belongs there; counted on the
    page before, neither page drew it and its paragraph number sat on the footer.
    """
    return int((y + _SLACK) // page_height)


def _block_lines(printed: PrintDocument, number: int) -> list[float]:
    """The document y of each line of a block (empty for a block with no lines)."""
    document = printed.document
    block = document.findBlockByNumber(number)
    top = document.documentLayout().blockBoundingRect(block).top()
    layout = block.layout()
    return [top + layout.lineAt(i).y() for i in range(layout.lineCount())]


def _keep_with_next(printed: PrintDocument, page_height: float) -> None:
    document = printed.document
    pushed: set[int] = set()
    for _ in range(len(printed.keep_with_next) + 1):
        # The layout is lazy and blockBoundingRect() does not finish it; pageCount() does.
        document.pageCount()
        moved = False
        for number in sorted(printed.keep_with_next):
            block = document.findBlockByNumber(number)
            following = block.next()
            lines = _block_lines(printed, number)
            if not following.isValid() or not lines:
                continue
            next_lines = _block_lines(printed, following.blockNumber())
            if not next_lines:
                continue
            first_page = int(lines[0] // page_height)
            already_at_top = lines[0] - first_page * page_height < 1.0
            if int(next_lines[0] // page_height) == int(lines[-1] // page_height) or already_at_top:
                continue
            if page_height * (first_page + 1) - lines[0] > page_height * MAX_PUSH:
                continue
            _set_break_before(block, True)
            pushed.add(number)
            # In a chain (heading, entry, entry) the block pushed earlier now follows this one onto
            # the new page; left with its own break it would start yet another page.
            if following.blockNumber() in pushed:
                _set_break_before(following, False)
                pushed.discard(following.blockNumber())
            moved = True
        if not moved:
            return


def _set_break_before(block: QTextBlock, on: bool) -> None:
    block_format = block.blockFormat()
    block_format.setPageBreakPolicy(
        QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore if on else QTextFormat.PageBreakFlag.PageBreak_Auto
    )
    QTextCursor(block).setBlockFormat(block_format)


def _margin_numbers(printed: PrintDocument, page_height: float) -> list[_MarginNumber]:
    document = printed.document
    document.pageCount()
    numbers: list[_MarginNumber] = []
    for block_number, paragraph in printed.numbered:
        block = document.findBlockByNumber(block_number)
        layout = block.layout()
        if layout.lineCount() == 0:
            continue
        top = document.documentLayout().blockBoundingRect(block).top()
        line = layout.lineAt(0)
        y = top + line.y()
        page = _page_of(y, page_height)
        numbers.append(_MarginNumber(page, max(y - page * page_height, 0.0) + line.ascent(), str(paragraph)))
    return numbers


def _continued_blocks(document: QTextDocument, page_height: float) -> dict[int, QTextBlock]:
    """For each page whose top edge cuts through a paragraph (or its bottom margin), that paragraph."""
    document.pageCount()
    layout = document.documentLayout()
    continued: dict[int, QTextBlock] = {}
    frames = document.rootFrame().begin()
    while not frames.atEnd():
        block = frames.currentBlock()
        frames += 1
        if not block.isValid():
            continue
        rect = layout.blockBoundingRect(block)
        for page in range(int(rect.top() // page_height) + 1, int(rect.bottom() // page_height) + 1):
            if rect.top() < page * page_height < rect.bottom():
                continued[page] = block
    return continued


def paint(printed: PrintDocument, printer: QPrinter) -> int:
    """Paint every page (or the page range the reader chose) onto ``printer``; returns the page count.

    Raises:
        PrintError: the printer or the PDF file could not be opened.
    """
    geometry = paginate(printed, printer)
    pages = max(printed.document.pageCount(), 1)
    first, last = 1, pages
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(printer.fromPage(), 1), min(max(printer.toPage(), printer.fromPage()), pages)
    order = list(range(first, last + 1))
    if printer.pageOrder() == QPrinter.PageOrder.LastPageFirst:
        order.reverse()
    plan = _PagePlan(
        geometry,
        pages,
        _margin_numbers(printed, geometry.body.height()),
        _continued_blocks(printed.document, geometry.body.height()),
    )
    painter = QPainter()
    if not painter.begin(printer):
        target = printer.outputFileName() or printer.printerName() or "the printer"
        raise PrintError(target, "the printer or file could not be opened")
    try:
        for index, page in enumerate(order):
            if index and not printer.newPage():
                raise PrintError(printer.outputFileName() or printer.printerName(), "the printer refused a new page")
            _paint_page(painter, printed, plan, page - 1)
    finally:
        painter.end()
    return pages


def _paint_body(painter: QPainter, document: QTextDocument, plan: _PagePlan, page: int) -> None:
    """One page of the document, each line drawn once.

    QTextLayout draws a paragraph that reaches into the clip from the last line above the clip,
    not the first one inside it. The painter clips that line away, but its text would stay in a
    PDF (found by search, pasted twice), so a paragraph continued from the page before is drawn
    line by line here, and the document from just below it.
    """
    width, height = plan.geometry.body.width(), plan.geometry.body.height()
    top, bottom = page * height, (page + 1) * height
    painter.save()
    painter.translate(plan.geometry.body.left(), plan.geometry.body.top() - top)
    painter.setClipRect(QRectF(0.0, top - _SLACK, width, height + _SLACK))
    painter.setPen(QColor("black"))
    clip_top = top + 1
    continued = plan.continued.get(page)
    if continued is not None:
        layout = continued.layout()
        origin = layout.position()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            if _page_of(origin.y() + line.y(), height) == page:
                line.draw(painter, origin)
        # A paragraph pushed to the next page keeps its old top in blockBoundingRect(), so its
        # real end is whichever is lower: the rectangle's bottom or its last line's.
        last = layout.lineAt(layout.lineCount() - 1) if layout.lineCount() else None
        end = document.documentLayout().blockBoundingRect(continued).bottom()
        if last is not None:
            end = max(end, origin.y() + last.y() + last.height())
        clip_top = max(clip_top, end + 1)
    if clip_top < bottom - _SLACK:
        # Short of the page end by the slack: a line starting there belongs to the next page (`_page_of`).
        document.drawContents(painter, QRectF(0.0, clip_top, width, bottom - _SLACK - clip_top))
    painter.restore()


def _paint_page(painter: QPainter, printed: PrintDocument, plan: _PagePlan, page: int) -> None:
    geometry, numbers, pages = plan.geometry, plan.numbers, plan.pages
    body = geometry.body
    _paint_body(painter, printed.document, plan, page)

    furniture = font(SANS, FURNITURE_POINTS)
    painter.setFont(furniture)
    metrics = QFontMetricsF(furniture, painter.device())
    muted = QColor("#555555")
    painter.setPen(muted)
    for number in (n for n in numbers if n.page == page):
        right = geometry.gutter - metrics.horizontalAdvance("0")
        painter.drawText(
            QPointF(right - metrics.horizontalAdvance(number.text), body.top() + number.baseline), number.text
        )

    rule = QPen(QColor("#999999"))
    rule.setWidthF(max(painter.device().logicalDpiY() / 144.0, 1.0))
    width = geometry.width
    if page > 0:
        header = metrics.elidedText(printed.running_header, Qt.TextElideMode.ElideRight, width)
        painter.setPen(muted)
        painter.drawText(QPointF(0.0, metrics.ascent()), header)
        painter.setPen(rule)
        rule_y = metrics.height() * 1.4
        painter.drawLine(QPointF(0.0, rule_y), QPointF(width, rule_y))
    page_text = f"Page {page + 1} of {pages}"
    baseline = geometry.height - metrics.descent()
    painter.setPen(rule)
    rule_y = geometry.height - metrics.height() * 1.4
    painter.drawLine(QPointF(0.0, rule_y), QPointF(width, rule_y))
    painter.setPen(muted)
    page_width = metrics.horizontalAdvance(page_text)
    source_width = max(width - page_width - metrics.horizontalAdvance("    "), 0.0)
    painter.drawText(
        QPointF(0.0, baseline), metrics.elidedText(printed.source, Qt.TextElideMode.ElideMiddle, source_width)
    )
    painter.drawText(QPointF(width - page_width, baseline), page_text)


def check_output_path(path: str, article: Article | None = None) -> Path:
    """Refuse a PDF path that cannot be written, with a reason the reader can act on.

    Raises:
        PrintError: the folder is missing or read-only, the path is a folder, or it is the article itself.
    """
    out = Path(path).expanduser()
    if out.is_dir():
        raise PrintError(str(out), "that is a folder, not a file name")
    folder = out.parent
    if not folder.is_dir():
        raise PrintError(str(out), f"the folder {folder} does not exist")
    if article is not None and out.exists() and out.resolve() == Path(article.source.path).resolve():
        raise PrintError(str(out), "that is the article itself, which is never overwritten")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise PrintError(str(out), "permission denied")
    return out


def write_pdf(
    article: Article,
    path: str,
    options: PrintOptions | None = None,
    printer: QPrinter | None = None,
) -> int:
    """Write ``article`` as a PDF at ``path`` with the page setup of ``printer`` (A4 by default).

    Returns:
        The number of pages written.

    Raises:
        PrintError: the path cannot be written.
    """
    out = check_output_path(path, article)
    printer = printer or new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setPrintRange(QPrinter.PrintRange.AllPages)
    printer.setDocName(article.headline)
    try:
        return paint(build_print_document(article, options or PrintOptions()), printer)
    finally:
        # Later prints through a reused printer must go to paper, not to this file.
        printer.setOutputFileName("")
        printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)


def file_stem(article: Article) -> str:
    """The headline as a file name without its extension: letters, digits, hyphens and spaces."""
    return re.sub(r"[^\w\- ]+", "", article.headline).strip()[:80].strip() or "article"


def pdf_file_name(article: Article) -> str:
    """A file name for the export dialog, from the headline."""
    return f"{file_stem(article)}.pdf"


class ArticlePrinter(QObject):
    """File › Print, Print preview and Export as PDF for the window's current article.

    The dialogs open window-modal without blocking; the work happens when the reader accepts.
    The printer (paper, orientation, margins) and the options are kept for the session, so a
    page setup chosen in the preview is the one the next print uses.

    Signals:
        exported(str): a PDF was written to this path.
        failed(str): printing or export failed; the sentence was also shown to the reader.
    """

    exported = Signal(str)
    failed = Signal(str)

    def __init__(self, model: ArticleModel, parent: QWidget, settings: Settings) -> None:
        super().__init__(parent)
        self._model = model
        self._window = parent
        self._settings = settings
        self.options = PrintOptions()
        self.printer = new_printer(_locale_paper())

    @Slot()
    def print_article(self, selection: str = "") -> None:
        """Open the print dialog; "Selection" is offered when the reader has text selected."""
        if self._model.article is None:
            return
        # The job's name, and the file "Print to file" suggests (Qt makes it from the job's name; the
        # headline as is could hold a "/" or a "." Qt would cut at), as Export as PDF suggests.
        self.printer.setDocName(file_stem(self._model.article))
        dialog = QPrintDialog(self.printer, self._window)
        dialog.setWindowTitle("Print article")
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, bool(selection))
        # The whole article is one document with no "current page" the reader is looking at.
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.setPrintRange(QAbstractPrintDialog.PrintRange.AllPages)
        boxes = _OptionsTab(self.options)
        dialog.setOptionTabs([boxes])
        dialog.accepted.connect(lambda: self._print(boxes.options(), selection))
        # QPrintDialog overloads open(); this is QDialog.open(): window-modal, without blocking.
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _print(self, options: PrintOptions, selection: str) -> None:
        article = self._model.article
        if article is None:
            return
        self.options = options
        chosen = self.printer.printRange() == QPrinter.PrintRange.Selection and selection
        try:
            with _busy():
                paint(build_print_document(article, options, selection if chosen else None), self.printer)
        except PrintError as exc:
            self._fail(str(exc))

    @Slot()
    def print_preview(self) -> None:
        """Open the print preview, with the highlight and appendix options on its toolbar."""
        if self._model.article is None:
            return
        dialog = QPrintPreviewDialog(self.printer, self._window)
        dialog.setWindowTitle("Print preview")
        dialog.paintRequested.connect(self._paint_preview)
        toolbar = dialog.findChild(QToolBar)
        preview = dialog.findChild(QPrintPreviewWidget)
        if toolbar is not None and preview is not None:
            toolbar.addSeparator()
            options = (
                ("Marks", "highlights", "Underline entity mentions, one line style per type", "Alt+M"),
                ("Appendix", "appendix", "Number the paragraphs and add the entity index", "Alt+A"),
            )
            for title, name, tip, key in options:
                action = QAction(title, toolbar)
                action.setToolTip(f"{tip} ({QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)})")
                action.setCheckable(True)
                action.setChecked(getattr(self.options, name))
                action.setObjectName(f"print-{name}")
                action.setShortcut(QKeySequence(key))  # from anywhere in the preview
                action.toggled.connect(lambda on, name=name: self._set_option(name, on, preview))
                toolbar.addAction(action)
                button = toolbar.widgetForAction(action)
                if button is not None:
                    button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # tool buttons take none by default; Space toggles
        dialog.resize(900, 800)
        dialog.open()

    def _set_option(self, name: str, on: bool, preview: QPrintPreviewWidget) -> None:
        self.options = PrintOptions(**{**self.options.__dict__, name: on})
        preview.updatePreview()

    @Slot(QPrinter)
    def _paint_preview(self, printer: QPrinter) -> None:
        article = self._model.article
        if article is not None:
            try:
                paint(build_print_document(article, self.options), printer)
            except PrintError as exc:
                self._fail(str(exc))

    @Slot()
    def export_pdf(self) -> None:
        """Ask where to save, starting in the folder used last (else Documents), then write the PDF."""
        article = self._model.article
        if article is None:
            return
        folder = self._settings.start_folder()
        dialog = QFileDialog(self._window, "Export as PDF", str(Path(folder) / pdf_file_name(article)))
        dialog.setObjectName("export-pdf-dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF documents (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.fileSelected.connect(self.save_pdf)
        dialog.open()

    @Slot(str)
    def save_pdf(self, path: str) -> None:
        """Write the current article to ``path``; a failure is shown to the reader, not swallowed."""
        article = self._model.article
        if article is None or not path:
            return
        self._settings.last_folder = str(Path(path).parent)
        try:
            with _busy():
                write_pdf(article, path, self.options, self.printer)
        except PrintError as exc:
            self._fail(str(exc))
            return
        self.exported.emit(path)

    def _fail(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Printing failed", message, QMessageBox.StandardButton.Ok)
        box.setParent(self._window, box.windowFlags())
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.failed.emit(message)


@contextmanager
def _busy() -> Iterator[None]:
    """A wait cursor while the article is laid out and written.

    This runs on the GUI thread with the session's printer: bench/print.py measures a 29-page
    article at about 0.2 s and 51 pages with marks and appendix under 1 s, short enough not to
    need a worker thread and a second copy of the printer settings.
    """
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class _OptionsTab(QWidget):
    """The print dialog's "Article" tab: the two print options as check boxes."""

    def __init__(self, options: PrintOptions) -> None:
        super().__init__()
        self.setWindowTitle("Article")
        self.highlights = QCheckBox("&Mark entities (a different underline for each type)")
        self.highlights.setChecked(options.highlights)
        self.appendix = QCheckBox("Entity &appendix, with numbered paragraphs")
        self.appendix.setChecked(options.appendix)
        layout = QVBoxLayout(self)
        layout.addWidget(self.highlights)
        layout.addWidget(self.appendix)
        layout.addStretch(1)

    def options(self) -> PrintOptions:
        """The options as ticked."""
        return PrintOptions(highlights=self.highlights.isChecked(), appendix=self.appendix.isChecked())


def _locale_paper() -> str:
    """Letter where the system locale uses it (North America and parts of Latin America), A4 elsewhere."""
    country = QLocale.system().territory()
    letter = {QLocale.Country.UnitedStates, QLocale.Country.Canada, QLocale.Country.Mexico, QLocale.Country.Chile}
    return "letter" if country in letter else "a4"
