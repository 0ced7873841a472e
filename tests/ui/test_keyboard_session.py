"""A whole reading session with keys only, and the keyboard reach of every control."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import ARTICLE_TEXT, open_and_wait
from viewer.ui.shortcut_sheet import ShortcutSheet

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

SECOND_TEXT = """Nordbygg wins the tender for a second crossing

Nordbygg will build a second bridge near the airport, the North Coast Transit Authority said on Monday.

Tomas Berg, who led the first bridge, will lead this one too.
"""


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def activate(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press a key where the focus is, as a reader would."""
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_reading_session_with_keys_only(qtbot, window, tmp_path: Path) -> None:
    first = tmp_path / "a-bridge.txt"
    first.write_text(ARTICLE_TEXT, encoding="utf-8")
    (tmp_path / "b-tender.txt").write_text(SECOND_TEXT, encoding="utf-8")
    open_and_wait(qtbot, window, first)
    activate(qtbot, window)
    view, panel = window.reading_view, window.entity_panel
    view.setFocus()
    assert focused() is view

    # F6 moves to the entity panel's filter; typing filters the list
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is panel.filter_edit
    qtbot.keyClicks(panel.filter_edit, "lindq")
    assert [item.text(0) for item in panel.entity_items()] == ["Ana Lindqvist"]

    # Down enters the list and picks the person; Enter jumps to the first mention in the article
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is panel.tree
    assert window.model.current_entity.name == "Ana Lindqvist"
    count = window.model.current_entity.count
    assert count >= 3
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is view
    assert window.mention_status.text() == f"Ana Lindqvist: mention 1 of {count}"
    first_mention = view.textCursor().position()

    # F8 / Shift+F8 step through the mentions; the caret follows them
    press(qtbot, Qt.Key.Key_F8)
    assert window.mention_status.text() == f"Ana Lindqvist: mention 2 of {count}"
    assert view.textCursor().position() > first_mention
    press(qtbot, Qt.Key.Key_F8)
    assert window.mention_status.text() == f"Ana Lindqvist: mention 3 of {count}"
    press(qtbot, Qt.Key.Key_F8, SHIFT)
    assert window.mention_status.text() == f"Ana Lindqvist: mention 2 of {count}"
    assert panel.mention_label.text() == f"Mention 2 of {count}"

    # find a word and step through the matches
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is window.find_bar.edit
    qtbot.keyClicks(window.find_bar.edit, "tram")
    matches = view.toPlainText().lower().count("tram")
    assert matches >= 2
    assert window.find_bar.count_text == f"1 of {matches}"
    press(qtbot, Qt.Key.Key_Return)
    assert window.find_bar.count_text == f"2 of {matches}"
    assert view.textCursor().selectedText().lower() == "tram"
    press(qtbot, Qt.Key.Key_F3, SHIFT)
    assert window.find_bar.count_text == f"1 of {matches}"
    press(qtbot, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()
    assert focused() is view

    # the next article in the folder
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.windowTitle().startswith("Nordbygg wins the tender")
    assert "second bridge near the airport" in view.toPlainText()

    # zoom in, out, in with Ctrl+=, back to 100 %
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    assert window.zoom_status.text() == "110 %"
    press(qtbot, Qt.Key.Key_Plus, CTRL)
    assert window.zoom_status.text() == "120 %"
    press(qtbot, Qt.Key.Key_Minus, CTRL)
    assert window.zoom_status.text() == "110 %"
    press(qtbot, Qt.Key.Key_0, CTRL)
    assert window.zoom_status.text() == "100 %"
    press(qtbot, Qt.Key.Key_Equal, CTRL)
    assert view.zoom == 110

    # the shortcut sheet opens with F1, lists the keys, filters, and Esc closes it
    press(qtbot, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None
    qtbot.waitUntil(sheet.isVisible)
    sheet.activateWindow()
    qtbot.waitUntil(sheet.isActiveWindow)
    assert focused() is sheet.filter_edit
    qtbot.keyClicks(sheet.filter_edit, "mention")
    assert ("Next Mention", "F8", "Go to the next mention of the selected entity") in sheet.visible_rows()
    assert all("mention" in " ".join(row).lower() for row in sheet.visible_rows())
    press(qtbot, Qt.Key.Key_Escape)
    assert not sheet.isVisible()
    activate(qtbot, window)

    # highlights off and on again
    assert view.highlights_enabled
    assert view.mention_at(view.toPlainText().index("Nordbygg"))
    view.setFocus()
    press(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    assert not view.highlights_enabled
    assert not view.mention_at(view.toPlainText().index("Nordbygg"))
    assert not panel.highlight_box.isChecked()
    assert not window.window_actions.actions["toggle_highlights"].isChecked()
    press(qtbot, Qt.Key.Key_H, CTRL | SHIFT)
    assert view.highlights_enabled
    assert view.mention_at(view.toPlainText().index("Nordbygg"))

    # and back to the previous article
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        press(qtbot, Qt.Key.Key_PageUp, CTRL)
    assert window.windowTitle().startswith("Harbour bridge opens")


def test_caret_browsing_selects_and_copies_with_keys(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    view = window.reading_view
    view.setFocus()
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    press(qtbot, Qt.Key.Key_F7)
    assert view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert window.window_actions.actions["caret_browsing"].isChecked()
    assert "Caret browsing on" in window.statusBar().currentMessage()
    press(qtbot, Qt.Key.Key_Home, CTRL)
    for _ in range(len("The Lakeside")):
        press(qtbot, Qt.Key.Key_Right, SHIFT)
    assert view.textCursor().selectedText() == "The Lakeside"
    press(qtbot, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text() == "The Lakeside"
    press(qtbot, Qt.Key.Key_F7)
    assert not view.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard


def test_article_scrolls_with_page_and_space_keys(qtbot, window, write_article) -> None:
    body = "\n\n".join(f"Paragraph {n} is about the harbour and the weather on the coast." for n in range(80))
    open_and_wait(qtbot, window, write_article("long.txt", f"A long story\n\n{body}\n"))
    activate(qtbot, window)
    view = window.reading_view
    bar = view.verticalScrollBar()
    view.setFocus()
    assert bar.value() == 0
    press(qtbot, Qt.Key.Key_PageDown)
    one_page = bar.value()
    assert one_page > 0
    press(qtbot, Qt.Key.Key_Space)
    assert bar.value() > one_page
    press(qtbot, Qt.Key.Key_Space, SHIFT)
    assert bar.value() == one_page
    press(qtbot, Qt.Key.Key_End)
    assert bar.value() == bar.maximum()
    press(qtbot, Qt.Key.Key_Home)
    assert bar.value() == 0


def focus_chain(qtbot, start: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> list[QWidget]:  # type: ignore[no-untyped-def]
    start.setFocus()
    chain = [start]
    for _ in range(40):
        press(qtbot, key, modifier)
        widget = focused()
        if widget is start or widget is None:
            break
        chain.append(widget)
    return chain


def test_every_control_is_reachable_named_and_described(qtbot, window, article_file, tmp_path) -> None:
    open_and_wait(qtbot, window, article_file)
    with qtbot.waitSignal(window.model.load_failed, timeout=5000):
        window.open_paths([str(tmp_path / "missing.txt")])  # the message bar shows, with its button
    window.show_find_bar()
    qtbot.keyClicks(window.find_bar.edit, "bridge")  # two matches or more: the stepping buttons are enabled
    activate(qtbot, window)
    view, panel = window.reading_view, window.entity_panel
    chain = focus_chain(qtbot, view, Qt.Key.Key_Tab)
    focusable = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    assert set(focusable) <= set(chain)
    # sensible order: article, then the panel from top to bottom
    order = [view, panel.highlight_box, panel.filter_edit, panel.sort_box, panel.tree]
    assert [w for w in chain if w in order] == order
    for widget in chain:
        assert widget.accessibleName(), widget
        assert widget.accessibleDescription(), widget.accessibleName()
    # Shift+Tab walks the same ring backwards
    backwards = focus_chain(qtbot, view, Qt.Key.Key_Backtab)
    assert backwards[1:] == chain[1:][::-1]


def test_f6_cycles_the_panes_and_skips_a_hidden_panel(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    view, panel = window.reading_view, window.entity_panel
    assert focus_chain(qtbot, view, Qt.Key.Key_F6) == [view, panel.filter_edit, panel.tree]
    assert focus_chain(qtbot, view, Qt.Key.Key_F6, SHIFT) == [view, panel.tree, panel.filter_edit]
    press(qtbot, Qt.Key.Key_F9)
    assert panel.isHidden()
    assert focus_chain(qtbot, view, Qt.Key.Key_F6) == [view]
    press(qtbot, Qt.Key.Key_L, CTRL)  # Filter Entities brings the panel back
    assert panel.isVisible()
    assert focused() is panel.filter_edit


def test_entity_panel_keys(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    tree = window.entity_panel.tree
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    group = tree.currentItem()
    assert group.isExpanded()
    press(qtbot, Qt.Key.Key_Left)
    assert not group.isExpanded()
    press(qtbot, Qt.Key.Key_Right)
    assert group.isExpanded()
    # typing a name finds the entity
    qtbot.keyClicks(tree, "Tomas")
    assert tree.currentItem().text(0) == "Tomas Berg"
    assert window.model.current_entity.name == "Tomas Berg"
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.reading_view


def test_article_shows_where_the_focus_is(qtbot, window, article_file) -> None:
    from PySide6.QtGui import QPalette

    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    view = window.reading_view
    edge = QPalette.ColorRole.WindowText
    highlight = QApplication.palette().color(QPalette.ColorRole.Highlight)
    view.setFocus()
    assert view.frameWidth() > 0
    assert view.palette().color(edge) == highlight
    press(qtbot, Qt.Key.Key_F6)
    assert view.palette().color(edge) == QApplication.palette().color(QPalette.ColorRole.Base)


def test_full_screen_key_and_its_check_mark(qtbot, window) -> None:
    activate(qtbot, window)
    window.reading_view.setFocus()
    action = window.window_actions.actions["full_screen"]
    press(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(window.isFullScreen)
    assert action.isChecked()
    press(qtbot, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert not action.isChecked()


def test_the_entity_details_are_a_tab_stop_only_while_they_say_something(qtbot, window, article_file) -> None:
    """Empty, the details pane was a Tab stop that showed nothing; with an entity it takes a caret for copying."""
    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    view, panel = window.reading_view, window.entity_panel
    assert panel.details not in focus_chain(qtbot, view, Qt.Key.Key_Tab)
    window.model.select_entity(panel.entity_items()[0].data(0, 0x100))
    chain = focus_chain(qtbot, view, Qt.Key.Key_Tab)
    assert chain[chain.index(panel.tree) + 1] is panel.details
    panel.details.setFocus()
    qtbot.keyClick(panel.details, Qt.Key.Key_End, Qt.KeyboardModifier.ShiftModifier)  # the keyboard selects
    assert panel.details.textCursor().selectedText()


def test_the_focus_shows_on_the_entity_list_and_the_theme_button_in_both_looks(qtbot, window, article_file) -> None:
    from PySide6.QtGui import QPalette

    def edge(widget: QWidget) -> object:
        return widget.palette().color(QPalette.ColorRole.WindowText)

    def theme(role: QPalette.ColorRole) -> object:
        return QApplication.palette().color(role)

    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    view, tree = window.reading_view, window.entity_panel.tree
    view.setFocus()
    assert edge(tree) == theme(QPalette.ColorRole.Base)  # no edge at rest
    press(qtbot, Qt.Key.Key_F6)
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is tree
    assert edge(tree) == theme(QPalette.ColorRole.Highlight)
    assert edge(view) == theme(QPalette.ColorRole.Base)
    dark_before = window.dark
    while window.dark == dark_before:  # Ctrl+Shift+T until the other look: the edge follows it
        press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    assert edge(tree) == theme(QPalette.ColorRole.Highlight)
    press(qtbot, Qt.Key.Key_F6)
    assert focused() is view
    assert edge(tree) == theme(QPalette.ColorRole.Base)
    assert window.theme_button.autoRaise()
    for _ in range(30):  # Tab round to the status bar's theme button, drawn as a button while it has the focus
        press(qtbot, Qt.Key.Key_Tab)
        if focused() is window.theme_button:
            break
    assert focused() is window.theme_button
    assert not window.theme_button.autoRaise()
    press(qtbot, Qt.Key.Key_Tab)
    assert window.theme_button.autoRaise()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # the offscreen platform's popups
def test_the_sort_box_keeps_its_focus_ring_after_a_pick_from_its_list(qtbot, window, article_file) -> None:
    """Closing the drop-down cleared the window's keyboard flag, and Fusion's ring went with it until the next key."""
    open_and_wait(qtbot, window, article_file)
    activate(qtbot, window)
    box = window.entity_panel.sort_box
    window.entity_panel.filter_edit.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is box
    keyboard = Qt.WidgetAttribute.WA_KeyboardFocusChange
    assert window.testAttribute(keyboard)  # Fusion draws the ring
    box.showPopup()  # as Alt+Down does
    qtbot.waitUntil(lambda: focused() is not box)
    window.setAttribute(keyboard, False)  # what the list's closing does on X11
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is box)
    assert box.currentIndex() == 1
    assert window.testAttribute(keyboard)
