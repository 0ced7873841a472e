"""Problems found in a user trial, replayed with the keyboard: article switching, bad files, Esc, the Go menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import open_and_wait

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
FILLER = "\n\n".join(f"Paragraph {n} about the tides and the harbour wall." for n in range(60))


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """Press a key where the focus is, as a reader would."""
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def start_reading(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    assert focused() is window.reading_view


def select_with_keys(qtbot, window, typed: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+L, type part of a name, Down, Enter: the entity's first mention, focus back in the article."""
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(window.entity_panel.filter_edit, typed)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is window.reading_view


def long_story(headline: str, late_name: str) -> str:
    return f"{headline}\n\nAna Lindqvist spoke first.\n\nNordbygg built it.\n\n{FILLER}\n\n{late_name} spoke last.\n"


def test_next_article_starts_at_the_top_with_nothing_selected(qtbot, window, write_article) -> None:
    first = write_article("a.txt", long_story("One long story", "Tomas Berg"))
    write_article("b.txt", long_story("Another long story", "Tomas Berg"))
    open_and_wait(qtbot, window, first)
    start_reading(qtbot, window)
    bar = window.reading_view.verticalScrollBar()
    select_with_keys(qtbot, window, "tomas")  # e2 in both articles: ids are per article
    assert window.model.current_entity.name == "Tomas Berg"
    assert bar.value() > 0
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "Another long story"
    assert window.model.current_entity is None
    assert window.mention_status.text() == ""
    assert window.entity_panel.tree.currentItem() is None or not window.entity_panel.tree.selectedItems()
    assert bar.value() == 0
    # a reload of the same file keeps the entity and the place
    select_with_keys(qtbot, window, "tomas")
    place = bar.value()
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_R, CTRL)
    assert window.model.current_entity.name == "Tomas Berg"
    assert bar.value() == place


def test_an_unreadable_file_is_skipped_and_named(qtbot, window, write_article) -> None:
    a = write_article("a.txt", "First story\n\nAna Lindqvist opened it.\n")
    b = write_article("b.txt", "")
    c = write_article("c.txt", "Third story\n\nNordbygg built it.\n")
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        window.open_paths([str(a), str(b), str(c)])
    start_reading(qtbot, window)
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "Third story"
    assert window.message_bar.isVisible()
    assert "b.txt (file is empty)" in window.message_bar.label.text()
    # Esc in the article closes the bar first, and nothing else
    press(qtbot, Qt.Key.Key_Escape)
    assert window.message_bar.isHidden()
    assert focused() is window.reading_view
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_Left, ALT)
    assert window.model.article.headline == "First story"
    assert "b.txt" in window.message_bar.label.text()
    # Esc on the bar itself closes it and gives the article the focus
    window.message_bar.close_button.setFocus()
    press(qtbot, Qt.Key.Key_Escape)
    assert window.message_bar.isHidden()
    assert focused() is window.reading_view


def test_unreadable_files_at_the_end_say_there_is_nothing_after(qtbot, window, write_article) -> None:
    a = write_article("a.txt", "First story\n\nAna Lindqvist opened it.\n")
    b = write_article("b.txt", "   \n")
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        window.open_paths([str(a), str(b)])
    start_reading(qtbot, window)
    with qtbot.waitSignal(window.model.load_failed, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "First story"
    assert window.statusBar().currentMessage() == "Last article of the files opened"
    assert "No readable article after this one" in window.message_bar.label.text()
    assert "b.txt (file is empty)" in window.message_bar.label.text()


def test_files_handed_over_that_all_fail_are_named_and_the_article_stays(
    qtbot, window, write_article, tmp_path
) -> None:
    """Not "no readable article after this one": the reader pressed no Next, and an empty folder counts."""
    a = write_article("a.txt", "First story\n\nAna Lindqvist opened it.\n")
    open_and_wait(qtbot, window, a)
    binary = tmp_path / "x.bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 50)
    empty, nothing = write_article("b.txt", ""), tmp_path / "nothing"
    nothing.mkdir()
    with qtbot.waitSignal(window.model.load_failed, timeout=10_000):
        window.open_paths([str(binary), str(empty), str(nothing)])
    qtbot.waitUntil(lambda: "b.txt" in window.message_bar.label.text())
    said = window.message_bar.label.text()
    assert said.startswith("Could not open nothing (no articles in this folder), x.bin.txt (binary file")
    assert "b.txt (file is empty)" in said
    assert window.statusBar().currentMessage() == ""
    assert window.model.article.headline == "First story"
    assert not window.library_shown()  # a folder with no articles is not added to the library


def test_an_unreadable_first_file_gives_way_to_the_next(qtbot, window, write_article) -> None:
    a = write_article("a.txt", "")
    b = write_article("b.txt", "Second story\n\nNordbygg built it.\n")
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        window.open_paths([str(a), str(b)])
    assert window.model.article.headline == "Second story"
    assert "a.txt (file is empty)" in window.message_bar.label.text()


def test_first_and_last_article_say_so(qtbot, window, article_file: Path) -> None:
    open_and_wait(qtbot, window, article_file)
    start_reading(qtbot, window)
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.statusBar().currentMessage() == "Last article in the folder"
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert window.statusBar().currentMessage() == "First article in the folder"
    assert window.model.article.source.path == str(article_file)


def test_mention_commands_need_a_selected_entity_and_esc_clears_it(qtbot, window, article_file: Path) -> None:
    actions = window.window_actions
    assert actions is not None
    go_menu = [actions.actions["next_mention"], actions.actions["previous_mention"]]
    assert not any(action.isEnabled() for action in go_menu)
    open_and_wait(qtbot, window, article_file)
    start_reading(qtbot, window)
    assert not any(action.isEnabled() for action in go_menu)
    press(qtbot, Qt.Key.Key_F8)  # nothing selected: nothing happens
    assert window.mention_status.text() == ""
    select_with_keys(qtbot, window, "lindq")
    assert all(action.isEnabled() for action in go_menu)
    press(qtbot, Qt.Key.Key_F8)
    assert "mention 2 of" in window.mention_status.text()
    # Esc in the find bar closes only the find bar; the entity stays selected
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is window.find_bar.edit
    press(qtbot, Qt.Key.Key_Escape)
    assert window.find_bar.isHidden()
    assert window.model.current_entity.name == "Ana Lindqvist"
    # Esc in the panel clears the filter, then goes back to the article; the entity stays selected
    press(qtbot, Qt.Key.Key_L, CTRL)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.entity_panel.filter_edit.text() == ""
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is window.reading_view
    assert window.model.current_entity.name == "Ana Lindqvist"
    # Esc in the article clears the selection
    press(qtbot, Qt.Key.Key_Escape)
    assert window.model.current_entity is None
    assert window.mention_status.text() == ""
    assert not any(action.isEnabled() for action in go_menu)
    assert focused() is window.reading_view


def test_a_failed_open_elsewhere_leaves_next_article_in_the_reader_s_folder(
    qtbot, window, write_article, tmp_path: Path
) -> None:
    first = write_article("a.txt", "First story\n\nAna Lindqvist opened it.\n")
    write_article("b.txt", "Second story\n\nNordbygg built it.\n")
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    (elsewhere / "junk.bin").write_bytes(b"\x00\x01\x02" * 100)
    (elsewhere / "other.txt").write_text("Unrelated story\n\nSomething else.\n")
    open_and_wait(qtbot, window, first)
    with qtbot.waitSignal(window.model.load_failed, timeout=10_000):
        window.open_paths([str(elsewhere / "junk.bin")])
    start_reading(qtbot, window)
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "Second story"


def test_the_entity_filter_is_for_one_article(qtbot, window, write_article) -> None:
    first = write_article("a.txt", "First story\n\nAna Lindqvist met Tomas Berg in Malmo.\n")
    write_article("b.txt", "Second story\n\nNordbygg hired Karin Holm in Oslo.\n")
    open_and_wait(qtbot, window, first)
    start_reading(qtbot, window)
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(window.entity_panel.filter_edit, "tomas")
    assert window.entity_panel.filter_edit.text() == "tomas"
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_R, CTRL)  # a reload keeps it
    assert window.entity_panel.filter_edit.text() == "tomas"
    window.reading_view.setFocus()
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "Second story"
    assert window.entity_panel.filter_edit.text() == ""
    assert window.entity_panel.tree.topLevelItemCount() > 0


def test_browsing_a_folder_leaves_open_recent_alone_and_closing_clears_the_filter(qtbot, window, write_article) -> None:
    first = write_article("a.txt", "First story\n\nAna Lindqvist opened it.\n")
    write_article("b.txt", "Second story\n\nNordbygg built it.\n")
    write_article("c.txt", "Third story\n\nKarin Holm spoke.\n")
    open_and_wait(qtbot, window, first)
    start_reading(qtbot, window)
    for _ in range(2):
        with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
            press(qtbot, Qt.Key.Key_Right, ALT)
    assert window.model.article.headline == "Third story"
    assert window.settings.recent_files[:1] == [str(first)]
    assert not {str(first.with_name(name)) for name in ("b.txt", "c.txt")} & set(window.settings.recent_files)
    press(qtbot, Qt.Key.Key_L, CTRL)
    qtbot.keyClicks(window.entity_panel.filter_edit, "karin")
    window.reading_view.setFocus()
    press(qtbot, Qt.Key.Key_W, CTRL)  # Close
    assert window.model.article is None
    assert window.entity_panel.filter_edit.text() == ""
