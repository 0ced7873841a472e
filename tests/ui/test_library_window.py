"""The library in the main window: opening a folder lists it, search opens articles, entity cross-references."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from tests.model.library_texts import write_articles
from tests.ui.conftest import find_entities
from viewer.model import EntityType
from viewer.ui.library_panel import PATH_ROLE

BUILD_TIMEOUT = 60_000


def listed(window) -> list[str]:
    return [Path(p).name for p in window.library_panel.paths()]


def bold_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The file names of the rows whose headline is set in bold."""
    proxy = window.library_panel.proxy
    indexes = [proxy.index(row, 0) for row in range(proxy.rowCount())]
    fonts = [(i.data(PATH_ROLE), i.data(Qt.ItemDataRole.FontRole)) for i in indexes]
    return [Path(path).name for path, font in fonts if font is not None and font.bold()]


def open_library(qtbot, window, folder: Path, count: int = 4) -> None:
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(folder)])
    assert window.library_dock.isVisible()
    qtbot.waitUntil(lambda: not window.library_panel.building and len(listed(window)) == count, timeout=BUILD_TIMEOUT)


def test_folder_opens_in_the_library_and_next_article_follows_the_list(qtbot, window, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles")
    open_library(qtbot, window, folder)
    assert listed(window) == ["football.txt", "floods.txt", "refugees.txt", "markets.txt"]  # by headline
    window.library_panel.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    first = window.library_panel.paths()[0]
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.model.load(first)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.next_article()
    assert window.model.article.source.path == window.library_panel.paths()[1]
    assert window.library_panel.view.currentIndex().row() == 1
    window.previous_article()
    qtbot.waitUntil(lambda: window.model.article.source.path == first, timeout=5000)
    window.previous_article()
    assert window.statusBar().currentMessage() == "First article in the library list"


def test_search_from_the_keyboard_opens_the_article_at_the_words(qtbot, window, tmp_path: Path) -> None:
    open_library(qtbot, window, write_articles(tmp_path / "articles"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.library_panel.search_edit.hasFocus()
    qtbot.keyClicks(window.library_panel.search_edit, "tents")
    qtbot.keyClick(window.library_panel.search_edit, Qt.Key.Key_Return)
    assert listed(window) == ["floods.txt"]
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        qtbot.keyClick(window.library_panel.view, Qt.Key.Key_Return)
    assert window.model.article.headline == "Floods close the road to Baghouz"
    assert window.find_bar.isVisible()
    assert window.find_bar.edit.text() == "tents"
    assert window.find_bar.count_text == "1 of 1"
    assert window.reading_view.textCursor().selectedText() == "tents"


def test_down_from_a_query_goes_to_the_best_match_not_past_the_article_being_read(
    qtbot, window, tmp_path: Path
) -> None:
    folder = write_articles(tmp_path / "articles")
    open_library(qtbot, window, folder)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.model.load(str(folder / "camp" / "football.txt"))
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    panel = window.library_panel
    qtbot.keyClicks(panel.search_edit, "said")
    qtbot.waitUntil(lambda: panel.status_label.text() == "4 matching articles", timeout=5000)
    assert listed(window) == ["refugees.txt", "floods.txt", "football.txt", "markets.txt"]  # best first
    assert panel.view.currentIndex().row() == 2  # the article being read stays marked
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Down)
    assert panel.view.hasFocus()
    assert panel.view.currentIndex().row() == 0
    assert panel.snippet_label.text().startswith("…camp near Baghouz")
    assert bold_rows(window) == ["football.txt"]  # the article being read is still marked, in bold
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.model.article.headline == "Refugees wait at the camp near Baghouz"
    assert bold_rows(window) == ["refugees.txt"]


def test_a_search_result_opens_at_the_first_match_wherever_find_was_last_used(qtbot, window, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles")
    long = folder / "long.txt"
    long.write_text("A long article\n\n" + "\n\n".join(f"Report {n} from Baghouz today." for n in range(300)))
    open_library(qtbot, window, folder, count=5)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.model.load(str(long))
    bar = window.reading_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # find starts at the view's top
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(window.library_panel.search_edit, "Baghouz")
    qtbot.keyClick(window.library_panel.search_edit, Qt.Key.Key_Return)
    view = window.library_panel.view
    while window.library_panel.paths()[view.currentIndex().row()] != str(long):
        qtbot.keyClick(view, Qt.Key.Key_Down)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.find_bar.edit.text() == "Baghouz"
    assert window.find_bar.count_text == "1 of 300"


def press_menu_key(widget: QWidget) -> None:
    """What a desktop platform turns the menu key into; QTest's key events skip that step (offscreen has none)."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), widget.mapToGlobal(QPoint(0, 0)))
    QApplication.sendEvent(widget, event)


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # the popup, offscreen
def test_other_articles_mentioning_an_entity(qtbot, window_factory, tmp_path: Path) -> None:
    window = window_factory(partial(find_entities, names={"London": EntityType.PLACE}))
    folder = write_articles(tmp_path / "articles")
    open_library(qtbot, window, folder)
    window.model.load(str(folder / "markets.txt"))
    qtbot.waitUntil(lambda: window.model.article.headline.startswith("Shares") and window.model.entities_done)
    london = window.model.article.entities[0]
    tree = window.entity_panel.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert window.model.current_entity == london
    press_menu_key(tree)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [action.text() for action in menu.actions()] == ["Articles Mentioning London"]
    assert menu.activeAction() is menu.actions()[0]  # opened from the keyboard: Enter runs it
    with qtbot.waitSignal(window.entity_panel.mentioning_requested) as asked:
        qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert asked.args == [london.id]
    assert window.library_panel.search_edit.text() == 'mentions:"London"'
    assert sorted(listed(window)) == ["football.txt", "markets.txt"]
    assert window.library_panel.search_edit.hasFocus()

    # A right click opens the same menu at the pointer, on the row under it, nothing active yet.
    row = tree.visualItemRect(tree.currentItem()).center()
    QApplication.sendEvent(
        tree.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, row, tree.viewport().mapToGlobal(row))
    )
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    assert [action.text() for action in menu.actions()] == ["Articles Mentioning London"]
    assert menu.activeAction() is None
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_the_library_stays_hidden_for_single_files(qtbot, window, article_file: Path) -> None:
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(article_file)])
    assert window.library_dock.isHidden()
    window.toggle_library_panel()
    assert window.library_dock.isVisible()
    assert window.library_panel.status_label.text() == "Open a folder to list its articles."


def test_library_folders_come_back_at_the_next_start(qtbot, window_factory, tmp_path: Path) -> None:
    first = window_factory()
    folder = write_articles(tmp_path / "articles")
    open_library(qtbot, first, folder)
    first.close()
    again = window_factory()
    assert again.library_dock.isHidden()  # not during start-up
    qtbot.waitUntil(lambda: again.library_dock.isVisible() and len(listed(again)) == 4, timeout=BUILD_TIMEOUT)
    assert again.library_panel.folders == [str(folder)]


def test_a_library_the_reader_hid_keeps_its_folders_but_stays_hidden_at_the_next_start(
    qtbot, window_factory, tmp_path: Path
) -> None:
    first = window_factory()
    folder = write_articles(tmp_path / "articles")
    open_library(qtbot, first, folder)
    qtbot.keyClick(
        first.reading_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert first.library_dock.isHidden()
    first.close()
    again = window_factory()
    qtbot.waitUntil(lambda: len(listed(again)) == 4, timeout=BUILD_TIMEOUT)
    assert again.library_dock.isHidden()
    qtbot.keyClick(
        again.reading_view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert again.library_dock.isVisible()
    assert again.library_panel.folders == [str(folder)]


def test_an_article_from_another_folder_leaves_the_list_unmarked(qtbot, window, tmp_path: Path) -> None:
    open_library(qtbot, window, write_articles(tmp_path / "articles"))
    other = write_articles(tmp_path / "other", ("markets.txt", "floods.txt"))
    panel = window.library_panel
    panel.show_mentioning("London")
    assert sorted(listed(window)) == ["football.txt", "markets.txt"]
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(other / "floods.txt")])
    assert not panel.view.currentIndex().isValid()
    assert panel.search_edit.text() == ""
    assert len(listed(window)) == 4
    # Not in the list: next article steps through the article's own folder, in name order.
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.next_article()
    assert window.model.article.source.path == str(other / "markets.txt")
    assert not panel.view.currentIndex().isValid()


def test_the_library_list_shows_when_it_has_the_focus(qtbot, window, tmp_path: Path) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    open_library(qtbot, window, write_articles(tmp_path / "articles"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.library_panel.view
    window.reading_view.setFocus()
    edge = QPalette.ColorRole.WindowText
    assert view.palette().color(edge) == QApplication.palette().color(QPalette.ColorRole.Base)
    while QApplication.focusWidget() is not view:  # F6 from pane to pane, as a reader gets there
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert view.palette().color(edge) == QApplication.palette().color(QPalette.ColorRole.Highlight)
