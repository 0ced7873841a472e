"""File › Print, Print Preview and Export as PDF from the window, driven by keys; errors reach the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtPrintSupport import (
    QAbstractPrintDialog,
    QPrintDialog,
    QPrinter,
    QPrintPreviewDialog,
    QPrintPreviewWidget,
)
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QRadioButton, QToolBar, QWidget

from tests.ui.conftest import open_and_wait
from tests.ui.print_samples import pdf_pages, squash

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def visible(window: QWidget, kind: type[QWidget]) -> QWidget | None:
    return next((w for w in window.findChildren(kind) if w.isVisible()), None)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def ready(qtbot, window, article_file: Path) -> None:  # type: ignore[no-untyped-def]
    open_and_wait(qtbot, window, article_file)
    window.activateWindow()
    window.reading_view.setFocus()
    qtbot.waitUntil(window.reading_view.hasFocus)


# Typing a path opens the file dialog's completer popup, which the offscreen platform cannot raise.
@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")
def test_export_pdf_with_keys_writes_the_file_and_remembers_the_folder(qtbot, window, article_file, tmp_path) -> None:
    ready(qtbot, window, article_file)
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: visible(window, QFileDialog) is not None)
    dialog = visible(window, QFileDialog)
    assert dialog.windowTitle() == "Export as PDF"
    assert dialog.selectedFiles()[0].endswith(
        "Harbour bridge opens in Tromsø as Mayor Ana Lindqvist cuts the ribbon.pdf"
    )
    out = tmp_path / "exports" / "bridge.pdf"
    out.parent.mkdir()
    name = dialog.findChild(QLineEdit, "fileNameEdit")
    qtbot.waitUntil(name.hasFocus)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, str(out))
    with qtbot.waitSignal(window.printer.exported, timeout=10_000):
        press(qtbot, Qt.Key.Key_Return)
    pages = pdf_pages(out)
    assert squash("Harbour bridge opens in Tromsø") in squash(pages[0])
    assert squash("Page 1 of") in squash(pages[0])
    assert window.statusBar().currentMessage() == f"Saved {out}"
    assert window.settings.last_folder == str(out.parent)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # the dialog, offscreen
def test_open_and_export_never_start_among_the_programs_own_files(
    qtbot, window, sample_path, article_file, tmp_path, monkeypatch
) -> None:
    """The bundled sample lives with the program: its folder is no start for Open or Export as PDF."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    starts: list[str] = []
    monkeypatch.setattr(  # the modal dialog would wait for a reader; what it was asked to show is enough
        QFileDialog, "getOpenFileNames", lambda parent, title, start, filters: (starts.append(start), ([], ""))[1]
    )
    ready(qtbot, window, sample_path)  # as a launch with no file shows it
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert starts == [str(home / "Documents")]
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    qtbot.waitUntil(lambda: visible(window, QFileDialog) is not None)
    dialog = visible(window, QFileDialog)
    assert dialog.directory().absolutePath() == str(home / "Documents")
    qtbot.waitUntil(dialog.findChild(QLineEdit, "fileNameEdit").hasFocus)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible(window, QFileDialog) is None)

    # The folder the reader used is where they start, even after the sample is shown again.
    ready(qtbot, window, article_file)
    ready(qtbot, window, sample_path)
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert starts[-1] == str(article_file.parent)


def test_export_to_a_missing_folder_shows_the_reason(qtbot, window, article_file, tmp_path) -> None:
    ready(qtbot, window, article_file)
    bad = tmp_path / "gone" / "bridge.pdf"
    with qtbot.waitSignal(window.printer.failed) as failed:
        window.printer.save_pdf(str(bad))
    assert "does not exist" in failed.args[0]
    box = visible(window, QMessageBox)
    assert box is not None
    assert str(bad) in box.text()
    assert "does not exist" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert not bad.parent.exists()


def open_preview(qtbot, window, article_file):  # type: ignore[no-untyped-def]
    """Ctrl+Shift+P on the article: the preview dialog, its page view and its first page count."""
    ready(qtbot, window, article_file)
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: visible(window, QPrintPreviewDialog) is not None)
    dialog = visible(window, QPrintPreviewDialog)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() >= 1)
    return dialog, preview, preview.pageCount()


def test_preview_shows_pages_and_the_appendix_option_adds_one(qtbot, window, article_file) -> None:
    dialog, preview, before = open_preview(qtbot, window, article_file)
    toolbar = dialog.findChild(QToolBar)
    appendix = next(a for a in toolbar.actions() if a.objectName() == "print-appendix")
    assert not appendix.isChecked()
    appendix.trigger()
    qtbot.waitUntil(lambda: preview.pageCount() == before + 1)
    assert window.printer.options.appendix
    dialog.reject()


def test_the_preview_options_answer_to_the_keyboard(qtbot, window, article_file) -> None:
    dialog, preview, before = open_preview(qtbot, window, article_file)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: preview.pageCount() == before + 1)
    assert window.printer.options.appendix
    qtbot.keyClick(dialog, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    assert window.printer.options.highlights
    toolbar = dialog.findChild(QToolBar)
    marks = next(a for a in toolbar.actions() if a.objectName() == "print-highlights")
    assert "(Alt+M)" in marks.toolTip()
    assert toolbar.widgetForAction(marks).focusPolicy() == Qt.FocusPolicy.TabFocus  # Tab reaches it, Space toggles
    dialog.reject()


def test_print_offers_the_selection_and_prints_only_it(qtbot, window, article_file, tmp_path) -> None:
    ready(qtbot, window, article_file)
    article = window.model.article
    view = window.reading_view
    cursor = QTextCursor(view.document())
    start = view.document_start(0)
    cursor.setPosition(start)
    cursor.setPosition(start + len(article.blocks[0].text), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    out = tmp_path / "selection.pdf"
    window.printer.printer.setOutputFileName(str(out))
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible(window, QPrintDialog) is not None)
    dialog = visible(window, QPrintDialog)
    assert dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection)
    # The range choices sit in the dialog's folded "Options" part: click the radio as the reader would.
    dialog.findChild(QRadioButton, "printSelection").click()
    dialog.accept()
    qtbot.waitUntil(out.exists)
    text = squash("".join(pdf_pages(out)))
    assert squash(article.blocks[0].text) in text
    assert squash(article.blocks[1].text) not in text
    assert squash(article.headline) in text
    assert window.printer.printer.docName() == article.headline  # the job, and the file "Print to file" suggests


def test_print_without_a_selection_does_not_offer_it(qtbot, window, article_file) -> None:
    ready(qtbot, window, article_file)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: visible(window, QPrintDialog) is not None)
    dialog = visible(window, QPrintDialog)
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection)
    assert window.printer.printer.outputFormat() in (
        QPrinter.OutputFormat.NativeFormat,
        QPrinter.OutputFormat.PdfFormat,
    )
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: visible(window, QPrintDialog) is None)
