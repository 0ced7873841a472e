"""Rebinding keys: conflicts are refused with a message, accepted keys work at once and persist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialogButtonBox

from tests.ui.conftest import open_and_wait
from viewer.ui.actions import PORTABLE, KeyConflictError, Keymap
from viewer.ui.settings import Settings, open_store
from viewer.ui.shortcut_editor import ShortcutEditor


def keys(keymap: Keymap, action_id: str) -> list[str]:
    return [k.toString(PORTABLE) for k in keymap.keys(action_id)]


def test_keymap_refuses_a_key_another_command_uses(qapp) -> None:
    keymap = Keymap()
    with pytest.raises(KeyConflictError, match="already used by “Open”"):
        keymap.add("next_mention", QKeySequence("Ctrl+O"))
    assert keys(keymap, "next_mention") == ["F8"]
    assert keymap.overrides == {}


def test_keymap_refuses_keys_widgets_keep(qapp) -> None:
    keymap = Keymap()
    for key, reason in (
        ("Ctrl+C", "text editing"),
        ("Esc", "text editing"),
        ("Tab", "everywhere"),
        ("J", "types text"),
    ):
        with pytest.raises(KeyConflictError, match=reason):
            keymap.add("next_mention", QKeySequence(key))
    with pytest.raises(KeyConflictError, match="single key combination"):
        keymap.add("next_mention", QKeySequence("Ctrl+K, Ctrl+M"))
    assert keymap.overrides == {}


def test_keymap_adds_clears_and_resets(qapp) -> None:
    keymap = Keymap()
    keymap.add("next_mention", QKeySequence("Ctrl+J"))
    assert keys(keymap, "next_mention") == ["F8", "Ctrl+J"]
    keymap.clear("next_mention")
    assert keys(keymap, "next_mention") == []
    # a freed key can go to another command; the first cannot take it back by resetting
    keymap.add("previous_mention", QKeySequence("F8"))
    with pytest.raises(KeyConflictError, match="now used by “Previous Mention”"):
        keymap.reset("next_mention")
    keymap.reset_all()
    assert keys(keymap, "next_mention") == ["F8"]
    assert keymap.conflicts() == []


def test_saved_keys_survive_a_restart(qapp, tmp_path) -> None:
    path = str(tmp_path / "keys.ini")
    settings = Settings()
    settings.shortcuts = {"next_mention": ["Ctrl+J", "F8"], "about": []}
    settings.save(open_store(path))
    again = Settings.load(open_store(path))
    assert again.shortcuts == {"next_mention": ["Ctrl+J", "F8"], "about": []}
    keymap = Keymap({**again.shortcuts, "no_such_action": ["F2"]})
    assert keys(keymap, "next_mention") == ["Ctrl+J", "F8"]
    assert "no_such_action" not in keymap.overrides


def open_editor(qtbot, window) -> ShortcutEditor:  # type: ignore[no-untyped-def]
    window.window_actions.actions["edit_shortcuts"].trigger()
    editor = window.findChild(ShortcutEditor)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_editor_refuses_a_conflict_with_a_message(qtbot, window) -> None:
    editor = open_editor(qtbot, window)
    editor.select_action("next_mention")
    editor.capture.setFocus()
    qtbot.keyClick(editor.capture, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert editor.message.text() == "Ctrl+P is already used by “Print”; change that first."
    assert editor.capture.text() == ""
    assert editor.tree.currentItem().text(1) == "F8"
    qtbot.keyClick(editor.capture, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert window.settings.shortcuts == {}


def test_editor_rebinds_with_keys_only_and_the_new_key_works_and_persists(
    qtbot, window_factory, article_file, tmp_path
) -> None:
    window = window_factory()
    open_and_wait(qtbot, window, article_file)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor = open_editor(qtbot, window)
    # walk the list with the keyboard to "Go › Next Mention"
    editor.tree.setFocus()
    while editor.current_action != "next_mention":
        qtbot.keyClick(editor.tree, Qt.Key.Key_Down)
    qtbot.keyClick(editor.tree, Qt.Key.Key_Tab)
    assert editor.capture.hasFocus()
    qtbot.keyClick(editor.capture, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert editor.message.text() == "Ctrl+J now runs “Next Mention”."
    assert editor.tree.currentItem().text(1) == "F8, Ctrl+J"
    qtbot.keyClick(editor.capture, Qt.Key.Key_Tab)  # Tab leaves the capture box instead of being recorded
    assert not editor.capture.hasFocus()
    editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert not editor.isVisible()

    action = window.window_actions.actions["next_mention"]
    assert [k.toString(PORTABLE) for k in action.shortcuts()] == ["F8", "Ctrl+J"]
    assert Settings.load(window.store).shortcuts == {"next_mention": ["F8", "Ctrl+J"]}

    # the new key works: pick a person, then Ctrl+J steps through their mentions
    window.model.select_entity(next(e.id for e in window.model.article.entities if e.name == "Ana Lindqvist"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert window.model.mention_index == 1

    # a new window on the same settings file starts with the reader's keys
    window.close()
    again = window_factory()
    keys_again = again.window_actions.actions["next_mention"].shortcuts()
    assert [k.toString(PORTABLE) for k in keys_again] == ["F8", "Ctrl+J"]


def test_sheet_offers_the_editor_and_closed_dialogs_go_away(qtbot, window) -> None:
    from viewer.ui.shortcut_sheet import ShortcutSheet

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    qtbot.waitUntil(sheet.isVisible)
    sheet.activateWindow()
    qtbot.waitUntil(sheet.isActiveWindow)
    qtbot.keyClick(sheet.filter_edit, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)  # "C&hange Keys…"
    qtbot.waitUntil(lambda: window.findChild(ShortcutEditor) is not None)  # a mnemonic click is animated
    editor = window.findChild(ShortcutEditor)
    qtbot.waitUntil(editor.isVisible)
    qtbot.waitUntil(lambda: window.findChild(ShortcutSheet) is None)
    editor.reject()
    qtbot.waitUntil(lambda: window.findChild(ShortcutEditor) is None)


def mnemonics(widget) -> list[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QAbstractButton, QLabel

    texts = [b.text() for b in widget.findChildren(QAbstractButton) if b.isVisible()]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.buddy() is not None]
    return [text[text.index("&") + 1].lower() for text in texts if "&" in text.replace("&&", "")]


def test_dialog_mnemonics_are_unique(qtbot, window) -> None:
    from viewer.ui.shortcut_sheet import ShortcutSheet

    for dialog in (ShortcutSheet(Keymap(), window), ShortcutEditor(Keymap(), window)):
        dialog.show()
        letters = mnemonics(dialog)
        assert letters
        assert len(letters) == len(set(letters)), letters
        dialog.close()


def test_keymap_refuses_keys_that_type_text(qapp) -> None:
    keymap = Keymap()
    for key in ("Shift+J", "/", "Shift+1", "Shift+Space"):
        with pytest.raises(KeyConflictError):
            keymap.add("next_mention", QKeySequence(key))
    keymap.add("next_mention", QKeySequence("Alt+J"))
    keymap.add("previous_mention", QKeySequence("Ctrl+Shift+J"))
    assert keys(keymap, "next_mention") == ["F8", "Alt+J"]


def test_the_key_box_empties_once_its_key_is_no_longer_news(qtbot, window) -> None:
    """After Remove Keys the box must not still show the key just added, as if it were bound."""
    editor = open_editor(qtbot, window)
    editor.select_action("next_mention")
    editor.capture.setFocus()
    qtbot.keyClick(editor.capture, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert editor.capture.text() == "Ctrl+J"  # the message is about it
    qtbot.keyClick(editor.capture, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Remove Keys
    qtbot.waitUntil(lambda: editor.message.text().startswith("“Next Mention” has no keys now"))  # an animated click
    assert editor.capture.text() == ""
    editor.reject()


@pytest.mark.parametrize(("letter", "kept"), [(Qt.Key.Key_O, True), (Qt.Key.Key_C, False)])
def test_alt_and_a_button_letter_in_the_key_box_press_the_button(qtbot, window, letter, kept) -> None:
    """OK and Cancel show their letters; Alt+O and Alt+C press them from the key box, never becoming keys."""
    editor = open_editor(qtbot, window)
    editor.select_action("next_mention")
    editor.capture.setFocus()
    qtbot.keyClick(editor.capture, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)
    assert editor.tree.currentItem().text(1) == "F8, Alt+J"
    qtbot.keyClick(editor.capture, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: window.findChild(ShortcutEditor) is None)  # closed, after the button's animated click
    assert window.settings.shortcuts == ({"next_mention": ["F8", "Alt+J"]} if kept else {})


def test_the_sheet_is_as_wide_as_its_descriptions_within_the_screen(qtbot) -> None:
    from viewer.ui.shortcut_sheet import ShortcutSheet

    sheet = ShortcutSheet(Keymap())
    qtbot.addWidget(sheet)
    columns = sum(sheet.tree.columnWidth(column) for column in range(3))
    screen = sheet.screen().availableGeometry().width()
    assert sheet.width() >= min(columns, int(screen * 0.9))  # descriptions in full where the screen allows
    assert sheet.width() <= max(820, int(screen * 0.9))


def test_the_empty_view_names_the_key_open_answers_to(qtbot, window) -> None:
    window.close_article()
    assert "File › Open (Ctrl+O)" in window.reading_view.placeholderText()
    keymap = Keymap()
    keymap.clear("open")
    keymap.add("open", QKeySequence("Ctrl+Shift+F2"))
    window.window_actions.apply_keymap(keymap)
    assert "File › Open (Ctrl+Shift+F2)" in window.reading_view.placeholderText()
    keymap.clear("open")
    window.window_actions.apply_keymap(keymap)
    assert window.reading_view.placeholderText() == "Open an article with File › Open, or drop a file here."
