"""The action table: no key does two things, every command is wired, --list-shortcuts prints the sheet."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from tests.ui.conftest import open_and_wait
from viewer import cli
from viewer.ui import actions
from viewer.ui.actions import (
    ACTIONS,
    KEY_NOTES,
    PORTABLE,
    ActionSpec,
    Keymap,
    WindowActions,
    expand,
    format_sheet,
    reserved_keys,
)
from viewer.ui.main_window import ARTICLE_ACTIONS, MENTION_ACTIONS, STEP_ACTIONS
from viewer.ui.menus import MENUS

#: Commands another engineer's module provides; they may land after this test (printing).
PENDING_HANDLERS = {"print_article", "print_preview", "export_pdf"}


def test_no_two_actions_share_a_key(qapp) -> None:
    """All actions live in one context (the main window): every key, expanded for this platform, is unique."""
    owners: dict[str, list[str]] = {}
    for entry in ACTIONS:
        for sequence in expand(entry.shortcuts):
            owners.setdefault(sequence.toString(PORTABLE), []).append(entry.id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {}
    assert Keymap().conflicts() == []


def test_no_action_takes_a_key_a_widget_keeps(qapp) -> None:
    """Arrows, Tab, Esc, Enter, typing and text-editing keys belong to the focused widget, not to an action."""
    reserved = reserved_keys()
    taken = {
        sequence.toString(PORTABLE): entry.id
        for entry in ACTIONS
        for sequence in expand(entry.shortcuts)
        if sequence.toString(PORTABLE) in reserved
    }
    assert taken == {}
    for key in ("Tab", "Esc", "Return", "Down", "A", "Ctrl+C", "Ctrl+A", "Space"):
        assert QKeySequence(key).toString(PORTABLE) in reserved


def test_the_check_catches_a_standard_key_hidden_in_another_binding(qapp, monkeypatch) -> None:
    """A string key equal to one a StandardKey expands to is a conflict too."""
    clash = ActionSpec("clash", "Clash", ("Ctrl+O",), "open_file", "file", "open", "Clashes with Open")
    monkeypatch.setattr(actions, "ACTIONS", (*ACTIONS, clash))
    conflicts = Keymap().conflicts()
    assert [(key, first.id, second.id) for key, first, second in conflicts] == [("Ctrl+O", "open", "clash")]


def test_table_is_well_formed(qapp) -> None:
    ids = [entry.id for entry in ACTIONS]
    assert len(ids) == len(set(ids))
    for entry in ACTIONS:
        assert entry.menu in MENUS
        assert entry.description
        assert not entry.description.endswith(".")
        assert "<" not in entry.description  # plain text: status bar, sheet and screen readers
    assert {note.context for note in KEY_NOTES} >= {"Article", "Entity panel", "Find bar"}


def test_platform_standard_keys_are_used(qapp) -> None:
    by_id = {entry.id: entry for entry in ACTIONS}
    for action_id, standard in (
        ("open", QKeySequence.StandardKey.Open),
        ("print", QKeySequence.StandardKey.Print),
        ("find", QKeySequence.StandardKey.Find),
        ("find_next", QKeySequence.StandardKey.FindNext),
        ("zoom_in", QKeySequence.StandardKey.ZoomIn),
        ("show_shortcuts", QKeySequence.StandardKey.HelpContents),
    ):
        assert standard in by_id[action_id].shortcuts


def test_every_command_has_a_handler_and_its_keys_on_the_window(qtbot, window) -> None:
    built = window.window_actions
    assert isinstance(built, WindowActions)
    missing = {
        entry.handler
        for entry in ACTIONS
        if not callable(getattr(window, entry.handler, None)) and not callable(getattr(built, entry.handler, None))
    }
    assert missing <= PENDING_HANDLERS
    for entry in ACTIONS:
        action = built.actions[entry.id]
        assert action in window.actions()  # keys work with the menu bar hidden
        assert [k.toString(PORTABLE) for k in action.shortcuts()] == [
            k.toString(PORTABLE) for k in expand(entry.shortcuts)
        ]
        assert action.statusTip() == entry.description
        # Next/Previous Mention wait for a selected entity, article commands (and stepping) for an article: none yet.
        waiting = entry.id in MENTION_ACTIONS + ARTICLE_ACTIONS + STEP_ACTIONS
        assert action.isEnabled() == (entry.handler not in missing and not waiting)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[: len(MENUS)] == list(MENUS.values())
    file_menu = built.menus["file"]
    assert window.recent_menu.menuAction() in file_menu.actions()


def test_keys_work_with_the_menu_bar_hidden(qtbot, window, article_file) -> None:
    open_and_wait(qtbot, window, article_file)
    window.menuBar().hide()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    assert window.entity_panel.isVisible()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F9)
    assert window.entity_panel.isHidden()
    assert not window.window_actions.actions["toggle_entity_panel"].isChecked()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F9)
    assert window.entity_panel.isVisible()
    assert window.window_actions.actions["toggle_entity_panel"].isChecked()


def test_sheet_text_lists_every_command_with_its_keys(qapp) -> None:
    text = format_sheet(Keymap())
    for entry in ACTIONS:
        assert entry.title in text
        assert entry.description in text
    lines = text.splitlines()
    assert any(line.split()[:2] == ["Open", "Ctrl+O"] for line in lines)
    assert any(line.split()[:3] == ["Shortcut", "Sheet", "F1"] for line in lines)
    assert "Find bar" in lines
    assert any("Shift+Enter" in line and "Previous match" in line for line in lines)


def test_list_shortcuts_prints_the_sheet(qapp, capsys) -> None:
    assert cli.main(["--list-shortcuts"]) == 0
    out = capsys.readouterr().out
    assert out == format_sheet(Keymap())
    assert "Next Mention" in out
    assert "F8" in out


def test_list_shortcuts_shows_the_readers_own_keys(qapp, capsys, isolated_settings: Path) -> None:
    from viewer.ui.settings import Settings, open_store

    store = open_store()
    settings = Settings.load(store)
    settings.shortcuts = {"next_mention": ["Ctrl+J"]}
    settings.save(store)
    assert cli.main(["--list-shortcuts"]) == 0
    line = next(line for line in capsys.readouterr().out.splitlines() if "Next Mention" in line)
    assert "Ctrl+J" in line
    assert "F8" not in line


def test_list_shortcuts_works_without_a_display(tmp_path: Path) -> None:
    """A fresh process with no display and no Qt platform set: the sheet still prints."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["XDG_CONFIG_HOME"] = str(tmp_path)  # never the user's settings
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--list-shortcuts"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "File"
    assert "Open Folder" in result.stdout
    assert "Ctrl+Shift+O" in result.stdout
    assert not list(tmp_path.rglob("*.ini"))  # listing never writes settings


@pytest.mark.parametrize("menu_id", list(MENUS))
def test_menus_have_mnemonics(qtbot, window, menu_id: str) -> None:
    menu = window.window_actions.menus[menu_id]
    assert "&" in menu.title()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    letters = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
    assert len(letters) == len(texts)
    assert len(set(letters)) == len(letters), texts


def test_readme_keyboard_section_lists_every_command() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Keyboard\n", 1)[1].split("\n## ", 1)[0]
    rows = {line.split(" | ")[1]: line for line in section.splitlines() if line.startswith("| ") and "---" not in line}
    for entry in ACTIONS:
        assert entry.title in rows, entry.title
        for key in entry.shortcuts:
            if isinstance(key, str):
                assert key in rows[entry.title].split(" | ")[2], (entry.title, key)
