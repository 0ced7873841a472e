"""The find bar: match count, stepping with Enter / Shift+Enter and F3 / Shift+F3, Esc closes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTextBrowser

from tests.ui.conftest import open_and_wait
from viewer.ui.find_bar import FindBar

TEXT = "The ferry left at dawn.\n\nA second ferry followed; nobody saw the third FERRY.\n\nThe harbour was quiet."


@pytest.fixture
def view_and_bar(qtbot):  # type: ignore[no-untyped-def]
    view = QTextBrowser()
    view.setPlainText(TEXT)
    bar = FindBar(view)
    qtbot.addWidget(view)
    qtbot.addWidget(bar)
    view.show()
    return view, bar


def test_typing_counts_matches_and_selects_the_first(qtbot, view_and_bar) -> None:
    view, bar = view_and_bar
    bar.open()
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "ferry")
    assert bar.count_text == "1 of 3"
    assert view.textCursor().selectedText() == "ferry"
    assert view.textCursor().selectionStart() == TEXT.index("ferry")


def test_enter_and_shift_enter_step_and_wrap(qtbot, view_and_bar) -> None:
    view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "ferry")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_text == "2 of 3"
    assert view.textCursor().selectionStart() == TEXT.index("second ferry") + len("second ")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_text == "3 of 3"
    assert view.textCursor().selectedText() == "FERRY"  # case is ignored
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert bar.count_text == "1 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text == "3 of 3"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text == "2 of 3"


def test_no_match_and_empty_text(qtbot, view_and_bar) -> None:
    _view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "zeppelin")
    assert bar.count_text == "No matches"
    assert bar.match_count == 0
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)  # nothing to step to: no error
    assert bar.count_text == "No matches"
    bar.edit.clear()
    assert bar.count_text == ""
    assert not bar.next_button.isEnabled()


def test_escape_closes_and_keeps_the_match_selected(qtbot, view_and_bar) -> None:
    view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "harbour")
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert view.textCursor().selectedText() == "harbour"


def test_matches_are_found_again_when_the_document_changes(qtbot, view_and_bar) -> None:
    view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "ferry")
    view.setPlainText(TEXT + "\n\nOne more ferry.")
    qtbot.waitUntil(lambda: bar.match_count == 4)
    assert bar.count_text.endswith("of 4")


def test_reopening_selects_the_text_to_type_over(qtbot, view_and_bar) -> None:
    _view, bar = view_and_bar
    bar.open()
    qtbot.keyClicks(bar.edit, "ferry")
    bar.close_bar()
    bar.open()
    assert bar.edit.selectedText() == "ferry"
    assert bar.count_text == "1 of 3"
    qtbot.keyClicks(bar.edit, "dawn")
    assert bar.edit.text() == "dawn"
    assert bar.count_text == "1 of 1"


def test_controls_have_accessible_names(view_and_bar) -> None:
    _view, bar = view_and_bar
    for widget in (bar.edit, bar.previous_button, bar.next_button, bar.close_button):
        assert widget.accessibleName()
        assert widget.accessibleDescription()


def test_ctrl_f_f3_and_escape_in_the_window(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view, bar = window.reading_view, window.find_bar
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert bar.isVisible()
    assert bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, "bridge")
    total = view.toPlainText().lower().count("bridge")
    assert bar.count_text == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count_text == f"2 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count_text == f"1 of {total}"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert bar.isHidden()
    assert view.hasFocus()
    assert view.textCursor().selectedText().lower() == "bridge"
    # F3 with the bar closed finds the next match again and shows the bar
    qtbot.keyClick(view, Qt.Key.Key_F3)
    assert bar.isVisible()
    assert bar.count_text == f"2 of {total}"


def test_tab_goes_from_the_article_into_the_open_find_bar(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_find_bar()
    qtbot.keyClicks(window.find_bar.edit, "bridge")
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_Tab)
    assert window.find_bar.edit.hasFocus()
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Tab)
    assert window.find_bar.previous_button.hasFocus()
