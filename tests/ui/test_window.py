"""The main window: opening, bad input, highlighting, mention navigation, settings, reload."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import ARTICLE_TEXT, find_entities, open_and_wait
from viewer.model import EntityType


def mention_position(window, name: str, occurrence: int = 0) -> int:
    """Document position of the n-th mention of ``name``."""
    entity = next(e for e in window.model.article.entities if e.name == name)
    mention = entity.mentions[occurrence]
    return window.reading_view.document_start(mention.block) + mention.start


def anchor_at(window, position: int) -> str:
    return window.reading_view.mention_at(position)


def test_article_paints_and_panel_lists_entities(qtbot, window, article_file: Path) -> None:
    open_and_wait(qtbot, window, article_file)
    text = window.reading_view.toPlainText()
    assert "Harbour bridge opens in Tromsø" in text
    assert "Photo: KARI NES/Courier Photos" in text
    assert "Mayor Ana Lindqvist opened the harbour bridge" in text
    assert window.windowTitle().startswith("Harbour bridge opens in Tromsø")
    tree = window.entity_panel.tree
    groups = {tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())}
    assert groups == {"People", "Organisations", "Places", "Numbers"}
    assert window.entity_status.text() == "6 entities"


def test_finding_entities_state_is_visible_until_they_arrive(qtbot, window_factory, article_file: Path) -> None:
    from tests.ui.conftest import GatedExtractor

    extractor = GatedExtractor()
    window = window_factory(extractor)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(article_file)])
    assert "Harbour bridge opens" in window.reading_view.toPlainText()
    assert window.entity_panel.status_label.text() == "Finding entities…"
    assert window.entity_status.text() == "Finding entities…"
    with qtbot.waitSignal(window.model.entities_ready, timeout=5000):
        extractor.gate.set()
    assert window.entity_panel.status_label.isHidden()


def test_bad_files_keep_the_previous_article_and_show_the_message_bar(qtbot, window, article_file, tmp_path) -> None:
    open_and_wait(qtbot, window, article_file)
    title = window.windowTitle()
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00binary")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    for bad, words in ((binary, "binary"), (empty, "empty"), (tmp_path / "missing.txt", "no such file")):
        with qtbot.waitSignal(window.model.load_failed, timeout=5000):
            window.open_paths([str(bad)])
        assert window.message_bar.isVisible()
        assert words in window.message_bar.label.text()
        assert str(bad) in window.message_bar.label.text()
        assert window.windowTitle() == title
        assert "Harbour bridge opens" in window.reading_view.toPlainText()
    # the app stays usable: the next good file clears the bar
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(article_file)])
    assert not window.message_bar.isVisible()


def test_message_bar_text_is_plain(qtbot, window, tmp_path) -> None:
    missing = tmp_path / "<b>bold</b>.txt"
    with qtbot.waitSignal(window.model.load_failed, timeout=5000):
        window.open_paths([str(missing)])
    assert window.message_bar.label.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b>" in window.message_bar.label.text()


def test_article_text_is_shown_as_text_never_markup(qtbot, window, write_article) -> None:
    path = write_article(
        "markup.txt",
        'Headline with <img src=x> and &amp;\n\nA body with <b>tags</b>, <a href="http://example.com">links</a>'
        " and &lt;.\n",
    )
    loads = []
    window.reading_view.loadResource = lambda kind, url: loads.append(url)  # type: ignore[method-assign]
    open_and_wait(qtbot, window, path)
    text = window.reading_view.toPlainText()
    assert "Headline with <img src=x> and &amp;" in text
    assert '<b>tags</b>, <a href="http://example.com">links</a> and &lt;.' in text
    assert loads == []
    html = window.reading_view.toHtml()
    assert "<img" not in html.replace("&lt;img", "")


def test_highlight_toggles_change_the_rendered_document(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    person = mention_position(window, "Ana Lindqvist", 1)
    place = mention_position(window, "Tromsø", 1)
    assert anchor_at(window, person) == "e1"
    assert anchor_at(window, place) == "e3"

    # the panel's global switch, from the keyboard
    box = window.entity_panel.highlight_box
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert anchor_at(window, person) == ""
    assert anchor_at(window, place) == ""
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert anchor_at(window, person) == "e1"

    # one type off: tick box on the Places group, Space in the tree
    tree = window.entity_panel.tree
    places = next(item for i in range(tree.topLevelItemCount()) if (item := tree.topLevelItem(i)).text(0) == "Places")
    tree.setFocus()
    tree.setCurrentItem(places)
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert EntityType.PLACE in window.reading_view.hidden_types
    assert anchor_at(window, place) == ""
    assert anchor_at(window, person) == "e1"


def test_highlight_uses_type_underline_styles(qtbot, window, article_file) -> None:
    from PySide6.QtGui import QTextCursor

    from viewer.ui.theme import ENTITY_STYLES

    open_and_wait(qtbot, window, article_file)
    styles = set()
    expected = {"Ana Lindqvist": EntityType.PERSON, "Nordbygg": EntityType.ORG, "Tromsø": EntityType.PLACE}
    for name, entity_type in expected.items():
        cursor = QTextCursor(window.reading_view.document())
        cursor.setPosition(mention_position(window, name) + 1)
        fmt = cursor.charFormat()
        assert fmt.underlineStyle() == ENTITY_STYLES[entity_type].underline
        styles.add(fmt.underlineStyle())
    assert len(styles) == 3


def test_selecting_an_entity_with_keys_shows_mention_count_and_details(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    panel = window.entity_panel
    panel.filter_edit.setFocus()
    qtbot.keyClicks(panel.filter_edit, "lindq")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    entity = window.model.current_entity
    assert entity is not None
    assert entity.name == "Ana Lindqvist"
    assert window.mention_status.text() == f"Ana Lindqvist: mention 1 of {entity.count}"
    assert "Role: Mayor" in panel.details.toPlainText()
    assert len(window.reading_view.extraSelections()) == entity.count
    window.next_mention()
    assert window.mention_status.text() == f"Ana Lindqvist: mention 2 of {entity.count}"
    assert panel.mention_label.text() == f"Mention 2 of {entity.count}"


def test_mention_navigation_moves_the_view(qtbot, window, write_article) -> None:
    filler = "\n\n".join(f"Paragraph {n} talks about the weather on the coast for a while longer." for n in range(60))
    text = f"Long story about Nordbygg\n\nNordbygg starts.\n\n{filler}\n\nNordbygg ends the story.\n"
    path = write_article("long.txt", text)
    open_and_wait(qtbot, window, path)
    view = window.reading_view
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0
    window.model.select_entity(next(e.id for e in window.model.article.entities if e.name == "Nordbygg"))
    top = bar.value()
    window.previous_mention()  # wraps to the last mention, at the end of the article
    assert bar.value() > top
    assert window.mention_status.text().endswith("mention 3 of 3")
    cursor_rect = view.cursorRect()
    assert view.viewport().rect().contains(cursor_rect.center())
    window.next_mention()
    assert bar.value() < bar.maximum()
    assert window.mention_status.text().endswith("mention 1 of 3")


def test_clicking_a_mention_selects_its_entity(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    view = window.reading_view
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(mention_position(window, "Tomas Berg", 1) + 2)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.model.current_entity is not None
    assert window.model.current_entity.name == "Tomas Berg"
    assert window.entity_panel.tree.currentItem().text(0) == "Tomas Berg"


def test_zoom_changes_text_size_and_persists(qtbot, window_factory, article_file) -> None:
    window = window_factory()
    open_and_wait(qtbot, window, article_file)
    window.zoom_in()
    window.zoom_in()
    assert window.reading_view.zoom == 120
    assert window.zoom_status.text() == "120 %"
    window.toggle_highlights()
    window.toggle_entity_panel()
    window.close()
    again = window_factory()
    assert again.reading_view.zoom == 120
    assert not again.reading_view.highlights_enabled
    assert again.entity_panel.isHidden()
    assert str(article_file) in again.settings.recent_files
    again.zoom_reset()
    assert again.reading_view.zoom == 100


def test_folder_opens_in_name_order_and_steps(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, headline in (("b.txt", "Second story"), ("a.txt", "First story"), ("c.txt", "Third story")):
        (folder / name).write_text(f"{headline}\n\nBody of the {headline.lower()}.\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF")
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.open_paths([str(folder)])
    assert window.model.article.headline == "First story"
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.next_article()
    assert window.model.article.headline == "Second story"
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.next_article()
    assert window.model.article.headline == "Third story"
    window.next_article()  # at the end: stays, says so
    qtbot.wait(100)
    assert window.model.article.headline == "Third story"
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.previous_article()
    assert window.model.article.headline == "Second story"


def test_file_changed_on_disk_reloads(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        article_file.write_text(ARTICLE_TEXT.replace("Harbour bridge opens", "Updated: bridge opens"), encoding="utf-8")
    assert window.model.article.headline.startswith("Updated: bridge opens")


def test_drop_opens_files(qtbot, window, article_file) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(article_file))])
    no_modifier = Qt.KeyboardModifier.NoModifier
    event = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, no_modifier)
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.dropEvent(event)
    assert window.model.article.source.path == str(article_file)


def test_escape_in_panel_returns_focus_to_article(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    window.focus_entity_filter()
    assert QApplication.focusWidget() is window.entity_panel.filter_edit
    qtbot.keyClick(window.entity_panel.filter_edit, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.reading_view
    window.focus_next_pane()
    assert QApplication.focusWidget() is window.entity_panel.filter_edit


@pytest.mark.qt_no_exception_capture
def test_unexpected_exception_in_a_slot_is_logged_and_shown(qtbot, caplog) -> None:
    from PySide6.QtCore import QTimer

    from viewer.ui.app import install_exception_hook

    def broken_slot() -> None:
        raise ValueError("boom <b>")

    saved = sys.excepthook
    try:
        install_exception_hook(None)
        QTimer.singleShot(0, broken_slot)

        def shown() -> list[QMessageBox]:
            return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]

        qtbot.waitUntil(lambda: bool(shown()), timeout=5000)
    finally:
        sys.excepthook = saved
    box = shown()[0]
    assert "ValueError: boom <b>" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "unexpected error" in caplog.text
    box.close()


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing the keyboard)")  # the popup, offscreen
def test_ctrl_shift_t_steps_through_the_looks_and_the_theme_menu_marks_one(qtbot, window, article_file) -> None:
    from viewer.ui.theme import ThemeChoice

    open_and_wait(qtbot, window, article_file)
    window.set_theme(ThemeChoice.SYSTEM)
    seen = []
    for _ in range(3):
        qtbot.keyClick(
            window.reading_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        seen.append((window.settings.theme, window.dark, window.theme_button.text()))
    assert seen == [
        (ThemeChoice.LIGHT, False, "Theme: Light"),
        (ThemeChoice.DARK, True, "Theme: Dark"),
        (ThemeChoice.SYSTEM, False, "Theme: System"),
    ]
    menu = window.theme_button.menu()
    assert [a.isChecked() for a in menu.actions()] == [True, False, False]  # System, as radio items
    assert all(a.actionGroup() is not None and a.actionGroup().isExclusive() for a in menu.actions())
    window.set_theme(ThemeChoice.DARK)
    menu.popup(window.theme_button.mapToGlobal(QPoint(0, 0)))  # as the button opens it (there in a nested loop)
    qtbot.waitUntil(menu.isVisible)
    assert menu.activeAction().text() == "Dark"  # the menu opens on the look in use
    qtbot.keyClick(menu, Qt.Key.Key_Up)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert window.settings.theme is ThemeChoice.LIGHT


def test_theme_override_recolours_and_persists(qtbot, window_factory, article_file) -> None:
    from viewer.ui.theme import ThemeChoice

    window = window_factory()
    open_and_wait(qtbot, window, article_file)
    window.set_theme(ThemeChoice.LIGHT)
    light_base = window.reading_view.palette().base().color().lightness()
    window.set_theme(ThemeChoice.DARK)
    assert window.dark
    qtbot.waitUntil(lambda: window.reading_view.palette().base().color().lightness() < light_base)
    assert window.theme_button.text() == "Theme: Dark"
    window.cycle_theme()
    assert window.settings.theme is ThemeChoice.SYSTEM
    window.cycle_theme()
    window.close()
    again = window_factory()
    assert again.settings.theme is ThemeChoice.LIGHT
    assert not again.dark


def test_list_items_draw_their_own_bullets_and_mentions_stay_on_their_words(qtbot, window_factory, write_article):
    from tests.ui.conftest import find_entities

    window = window_factory(lambda article: find_entities(article, {"Nordbygg": EntityType.ORG}))
    text = "Plans for the quay\n\nThe plan includes:\n\n- Nordbygg builds a bridge\n- a ferry\n"
    path = write_article("list.txt", text)
    open_and_wait(qtbot, window, path)
    text = window.reading_view.toPlainText()
    assert "Nordbygg builds a bridge" in text
    assert "- Nordbygg" not in text
    position = mention_position(window, "Nordbygg")
    assert text[position : position + len("Nordbygg")] == "Nordbygg"
    assert anchor_at(window, position) == "e1"


def test_reload_keeps_the_place_a_new_file_starts_at_the_top(qtbot, window, write_article) -> None:
    filler = "\n\n".join(f"Paragraph {n} about the tides and the harbour wall." for n in range(80))
    first = write_article("one.txt", f"One long story\n\n{filler}\n")
    second = write_article("two.txt", f"Another long story\n\n{filler}\n")
    open_and_wait(qtbot, window, first)
    bar = window.reading_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    with qtbot.waitSignal(window.model.entities_ready, timeout=5000):
        window.reload_article()
    assert bar.value() == place
    open_and_wait(qtbot, window, second)
    assert bar.value() == 0


def test_date_is_locale_formatted_with_the_original_words_in_a_tooltip(qtbot, window, article_file) -> None:
    from PySide6.QtCore import QDate, QLocale
    from PySide6.QtGui import QTextCursor

    open_and_wait(qtbot, window, article_file)
    text = window.reading_view.toPlainText()
    day = QLocale().toString(QDate(2024, 3, 3), QLocale.FormatType.LongFormat)
    assert day in text
    cursor = QTextCursor(window.reading_view.document())
    cursor.setPosition(text.index(day) + 1)
    assert cursor.charFormat().toolTip() == "March 3, 2024 at 9:15 am"


def test_close_article_empties_the_window(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    window.model.select_entity("e1")
    window.close_article()
    assert window.reading_view.toPlainText() == ""
    assert window.reading_view.extraSelections() == []
    assert window.windowTitle() == "Article Viewer"
    assert window.entity_panel.tree.topLevelItemCount() == 0
    assert window.mention_status.text() == ""


def test_open_recent_lists_files_newest_first_and_reopens_them(qtbot, window, article_file, write_article) -> None:
    other = write_article("other.txt", "Another story\n\nA short body.\n")
    open_and_wait(qtbot, window, article_file)
    open_and_wait(qtbot, window, other)
    window.recent_menu.aboutToShow.emit()
    labels = [action.text() for action in window.recent_menu.actions() if not action.isSeparator()]
    assert labels[:2] == [
        "&1 Another story — other.txt",
        "&2 Harbour bridge opens in Tromsø as Mayor Ana Lindqvist cuts… — bridge.txt",  # a long headline cut
    ]
    with qtbot.waitSignal(window.model.article_loaded, timeout=5000):
        window.recent_menu.actions()[1].trigger()
    assert window.model.article.source.path == str(article_file)


def test_open_recent_tells_same_named_files_apart_and_shows_an_ampersand(qtbot, window, tmp_path) -> None:
    paths = []
    for folder, name in (("monday", "story.txt"), ("tuesday", "story.txt"), ("desk", "Q&A.txt")):
        (tmp_path / folder).mkdir()
        path = tmp_path / folder / name
        path.write_text(ARTICLE_TEXT, encoding="utf-8")
        open_and_wait(qtbot, window, path)
        paths.append(path)
    window.recent_menu.aboutToShow.emit()
    labels = [action.text() for action in window.recent_menu.actions() if not action.isSeparator()]
    headline = "Harbour bridge opens in Tromsø as Mayor Ana Lindqvist cuts…"
    assert labels[:3] == [
        f"&1 {headline} — Q&&A.txt",  # shown as "Q&A.txt", the "&" not taken as a mnemonic
        f"&2 {headline} — story.txt — {paths[1].parent}",
        f"&3 {headline} — story.txt — {paths[0].parent}",
    ]


def test_commands_about_the_article_are_greyed_out_while_there_is_none(qtbot, window, article_file) -> None:
    from viewer.ui.main_window import ARTICLE_ACTIONS, STEP_ACTIONS

    actions = window.window_actions.actions
    assert not any(actions[a].isEnabled() for a in ARTICLE_ACTIONS + STEP_ACTIONS)
    open_and_wait(qtbot, window, article_file)
    assert all(actions[a].isEnabled() for a in ARTICLE_ACTIONS + STEP_ACTIONS)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.find_bar_shown()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.model.article is None
    assert not window.find_bar_shown()  # closed with its article
    assert not any(actions[a].isEnabled() for a in ARTICLE_ACTIONS + STEP_ACTIONS)  # nowhere to step from
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert not window.find_bar_shown()


def test_a_file_that_failed_to_open_is_a_place_to_step_on_from(qtbot, window, write_article) -> None:
    from viewer.ui.main_window import STEP_ACTIONS

    broken = write_article("a.txt", "")
    write_article("b.txt", ARTICLE_TEXT)
    with qtbot.waitSignal(window.model.load_failed, timeout=10_000):
        window.open_paths([str(broken)])
    assert window.model.article is None
    assert all(window.window_actions.actions[a].isEnabled() for a in STEP_ACTIONS)
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        qtbot.keyClick(window.reading_view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.model.article.source.path.endswith("b.txt")


def test_enter_on_a_highlighted_word_selects_its_entity(qtbot, window, article_file) -> None:
    from PySide6.QtGui import QTextCursor

    open_and_wait(qtbot, window, article_file)
    view = window.reading_view
    view.setFocus()
    cursor = QTextCursor(view.document())
    cursor.setPosition(mention_position(window, "Nordbygg") + 2)
    view.setTextCursor(cursor)  # where caret browsing (F7) would have put it
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.model.current_entity is not None
    assert window.model.current_entity.name == "Nordbygg"


def test_closing_the_window_while_entities_are_being_found_exits_cleanly(sample_path: Path, tmp_path: Path) -> None:
    """Python's teardown must not run under an extraction still working on the pool (it crashed with SIGSEGV)."""
    script = (
        "import sys\n"
        "from PySide6.QtCore import QTimer\n"
        "from viewer.ui.app import application, run_gui\n"
        "app = application()\n"
        "QTimer.singleShot(1500, lambda: [w.close() for w in app.topLevelWidgets()])\n"
        f"sys.exit(run_gui([{str(sample_path)!r}]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_first_paint_waits_for_nothing_it_does_not_need(sample_path: Path, tmp_path: Path) -> None:
    """What the first paint must not import: each was once on its way (dateutil, QtNetwork, the Python style,
    the action table, the app icon), nor PySide6's ``Qt`` namespace, whose 93 enums take ~20 ms to build (see
    ``viewer.ui``), nor the Qt classes only those need (wrapping one builds all its enums), nor the parser:
    a launch's first file is read by the entity worker.

    (spaCy starts on a timer after the paint is due; that race is the model's and not asserted here.)
    """
    script = f"""
import sys
from viewer.cli import first_file
from viewer.model.entity_worker import start_worker
start_worker(first_file([{str(sample_path)!r}]))  # as a launch does
from PySide6.QtCore import QEvent, QObject
from viewer.ui.app import application, accept_handed_over_files
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import open_store
app = application()
window = MainWindow(open_store({str(tmp_path / "s.ini")!r}))
accept_handed_over_files(window, app, from_later_launches=True)
seen = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.model.article is not None and not seen:
            wrapped = {{**vars(sys.modules["PySide6.QtCore"]), **vars(sys.modules["PySide6.QtGui"])}}
            seen.append(sorted(m for m in sys.modules if m.split(".")[0] == "dateutil"
                or m in ("PySide6.QtNetwork", "viewer.ui.reading_style", "viewer.ui.single_instance",
                         "viewer.ui.actions", "viewer.ui.app_icon", "viewer.model.loader",
                         "viewer.model.text_parser"))
                + [name for name in ("Qt", "QAction", "QKeySequence", "QIcon", "QUrl") if name in wrapped])
            app.quit()
        return False
spy = FirstPaint()
window.reading_view.viewport().installEventFilter(spy)
window.show()
window.open_paths([{str(sample_path)!r}])
app.exec()
window.model.wait()
print(seen)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[[]]"


def test_a_file_moved_away_and_back_is_watched_again(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    aside = article_file.with_suffix(".bak")
    article_file.rename(aside)
    qtbot.waitUntil(window.message_bar.isVisible, timeout=10_000)
    assert "was moved or deleted" in window.message_bar.label.text()
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        aside.rename(article_file)
    with qtbot.waitSignal(window.model.article_loaded, timeout=10_000):
        article_file.write_text(ARTICLE_TEXT.replace("Harbour bridge opens", "Updated: bridge opens"), encoding="utf-8")
    assert window.model.article.headline.startswith("Updated: bridge opens")


def test_the_numbers_start_up_uses_for_qt_names_are_qts() -> None:
    """Start-up code says some ``Qt`` values as numbers (naming them costs ~20 ms, see ``viewer.ui``)."""
    from PySide6.QtCore import Qt

    from viewer.ui import actions, article_document, entity_panel

    assert Qt.AlignmentFlag.AlignRight.value == article_document.ALIGN_RIGHT
    assert Qt.ItemDataRole.UserRole.value == entity_panel._ENTITY_ID
    assert Qt.ItemDataRole.UserRole.value + 1 == entity_panel._TYPE
    assert Qt.ItemDataRole.CheckStateRole.value == entity_panel._CHECK_STATE_ROLE
    assert Qt.ItemDataRole.TextAlignmentRole.value == entity_panel._TEXT_ALIGNMENT_ROLE
    assert Qt.CheckState.Checked.value == entity_panel._CHECKED
    assert Qt.CheckState.Unchecked.value == entity_panel._UNCHECKED
    assert Qt.Key.Key_Help.value == actions._FIRST_DEDICATED_KEY
    assert Qt.KeyboardModifier.KeyboardModifierMask.value == actions._MODIFIER_MASK


def test_the_menus_are_titled_at_once_and_filled_once_the_article_is_on_screen(qtbot, article_file, tmp_path) -> None:
    """The bar is in place for the first paint; the commands follow it (the article need not wait for them)."""
    from PySide6.QtGui import QIcon

    from viewer.ui.article_model import ArticleModel
    from viewer.ui.main_window import MainWindow
    from viewer.ui.menus import MENUS
    from viewer.ui.reading_view import PLACEHOLDER_WITH_KEY
    from viewer.ui.settings import open_store

    QApplication.setWindowIcon(QIcon())
    window = MainWindow(open_store(str(tmp_path / "s.ini")), ArticleModel(extract=find_entities))
    qtbot.addWidget(window)
    assert [action.text() for action in window.menuBar().actions()] == list(MENUS.values())
    assert not any(menu.actions() for menu in window.menus.values())
    window.open_paths([str(article_file)])
    assert window.reading_view.placeholderText() == ""  # not "Open an article…" while one is being read
    with qtbot.waitSignal(window.settled, timeout=10_000):
        window.show()
    qtbot.waitUntil(lambda: all(menu.actions() for menu in window.menus.values()))
    assert window.window_actions.actions["reload"].isEnabled()  # filled in with the article's state
    theme_menu = window.theme_button.menu()
    assert [action.text() for action in theme_menu.actions()] == ["System", "Light", "Dark"]
    assert [action.isChecked() for action in theme_menu.actions()] == [True, False, False]
    assert not QApplication.windowIcon().isNull()  # the app's icon comes with them
    window.close_article()
    assert window.reading_view.placeholderText() == PLACEHOLDER_WITH_KEY.format(key="Ctrl+O")


def test_a_window_with_nothing_to_read_fills_its_menus_after_its_first_paint(qtbot, tmp_path) -> None:
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import open_store

    window = MainWindow(open_store(str(tmp_path / "s.ini")))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.menus["file"].actions()))
    assert not window.window_actions.actions["reload"].isEnabled()


def test_a_launch_paints_the_article_at_once_not_an_empty_view_first(sample_path: Path, tmp_path: Path) -> None:
    """run_gui shows the window once the first file is read, so its first paint is the article's."""
    script = f"""
import sys
from PySide6.QtCore import QEvent, QObject
from viewer.ui.app import application, run_gui
from viewer.ui.main_window import MainWindow
app = application()
first = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not first:
            first.append(self.window.model.article is not None)
            self.window.close()
        return False
spy = FirstPaint()
show = MainWindow.show
def spied_show(window):
    spy.window = window
    window.reading_view.viewport().installEventFilter(spy)
    show(window)
MainWindow.show = spied_show
run_gui([{str(sample_path)!r}])
print(first)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.stdout.strip().splitlines()[-1] == "[True]", result.stderr[-2000:]


def test_the_entities_are_shown_without_building_the_qt_namespace(sample_path: Path, tmp_path: Path) -> None:
    """Filling the list and highlighting the text name no ``Qt`` value: building the namespace (~20 ms) would
    hold up spaCy's import on the other thread. The exact colour-scheme check, which builds it, comes after.
    """
    script = f"""
import sys
from PySide6.QtCore import QEvent, QObject
from viewer.ui.main_window import MainWindow
from viewer.ui.app import application
from viewer.ui.settings import open_store
app = application()
window = MainWindow(open_store({str(tmp_path / "s.ini")!r}))
class Shown(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.entity_panel.tree.topLevelItemCount():
            print("Qt" in vars(sys.modules["PySide6.QtCore"]))
            app.quit()
        return False
spy = Shown()
window.entity_panel.tree.viewport().installEventFilter(spy)
window.open_paths([{str(sample_path)!r}])
window.show()
app.exec()
window.model.wait()
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr[-2000:]


def test_the_first_frame_shows_the_whole_status_and_the_theme_arrow_clear_of_its_text(
    qtbot, tmp_path, article_file
) -> None:
    from PySide6.QtCore import QEvent, QObject

    from viewer.ui.article_model import ArticleModel
    from viewer.ui.main_window import FINDING, MainWindow
    from viewer.ui.settings import open_store

    window = MainWindow(open_store(str(tmp_path / "s.ini")), ArticleModel(extract=find_entities))
    qtbot.addWidget(window)
    seen: list[tuple[str, int, int]] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and window.model.article is not None and not seen:
                label = window.entity_status
                seen.append((label.text(), label.width(), label.sizeHint().width()))
            return False

    spy = FirstPaint()
    window.reading_view.viewport().installEventFilter(spy)
    window.open_paths([str(article_file)])
    window.model.wait(1000)
    window.show()
    qtbot.waitUntil(lambda: bool(seen))
    text, width, needed = seen[0]
    assert text == FINDING
    assert width >= needed  # not clipped to "F" while the status bar's layout catches up
    button = window.theme_button
    assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + 12
