"""Launching like a desktop does: the installed Exec line with two files, second launches, a crashed first one."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.desktop_entry import entry_values, expand_exec, private_xdg
from viewer.cli import main
from viewer.desktop import install_desktop
from viewer.hand_off import HandOff, hand_off
from viewer.ui.app import listen_for_hand_offs
from viewer.ui.article_model import ArticleModel
from viewer.ui.file_open import FileOpenFilter
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import open_store
from viewer.ui.single_instance import SingleInstance

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the launcher and socket paths here are Unix ones")

FIRST = "Harbour ferry returns after winter repairs\n\nThe ferry between the two islands sailed again on Monday.\n"
SECOND = "Council votes to keep the night bus\n\nThe night bus will run for another year, the council decided.\n"
THIRD = "Library opens on Sundays\n\nThe town library will open on Sunday afternoons from May.\n"


@pytest.fixture
def desktop_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private session: runtime folder for the socket, data/config/cache folders, no display."""
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    env = {"XDG_RUNTIME_DIR": str(runtime), **private_xdg(tmp_path, monkeypatch)}
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    return {**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"}


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    """Three article files; the second has a space in its name, as saved pages often do."""
    paths = [tmp_path / "ferry.txt", tmp_path / "night bus.txt", tmp_path / "library.txt"]
    for path, text in zip(paths, (FIRST, SECOND, THIRD), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


@pytest.fixture
def exec_line(desktop_env: dict[str, str]) -> str:
    """The ``Exec`` value of the launcher as installed into the private data folder."""
    return entry_values(install_desktop(environ=desktop_env).entry)["Exec"]


@pytest.fixture
def cleanup_app(qapp: QApplication) -> Iterator[None]:
    """Remove the file-open filters, instance sockets and windows a launch leaves on the shared QApplication."""
    yield
    for opener in qapp.findChildren(FileOpenFilter):
        qapp.removeEventFilter(opener)
        opener.deleteLater()
    for instance in qapp.findChildren(SingleInstance):
        instance.close()
        instance.deleteLater()
    for widget in qapp.topLevelWidgets():
        widget.close()
        widget.deleteLater()


def headline(window: MainWindow) -> str:
    article = window.model.article
    return "" if article is None else article.headline


@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.usefixtures("cleanup_app")
@pytest.mark.parametrize("launcher", ["spec", "gio"])
def test_file_manager_launch_hands_both_files_to_the_running_window(
    qapp: QApplication,
    qtbot: QtBot,
    tmp_path: Path,
    desktop_env: dict[str, str],
    articles: list[str],
    launcher: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``spec``: %F expanded by our reading of the spec; ``gio``: by GLib, as Nautilus and Nemo do."""
    entry = install_desktop(environ=desktop_env).entry
    if launcher == "gio":
        if shutil.which("gio") is None:
            pytest.skip("gio (libglib2.0-bin) is not installed")
        command = ["gio", "launch", str(entry), *articles[:2]]
    else:
        command = expand_exec(entry_values(entry)["Exec"], articles[:2])
    window = MainWindow(open_store(str(tmp_path / "viewer.ini")), ArticleModel(extract=lambda article: article))
    qtbot.addWidget(window)
    window.show()
    tokens_when_raised: list[str | None] = []
    raise_window = window.raise_window

    def raise_and_note_token() -> None:
        tokens_when_raised.append(os.environ.get("XDG_ACTIVATION_TOKEN"))
        raise_window()

    monkeypatch.setattr(window, "raise_window", raise_and_note_token)
    instance = listen_for_hand_offs(window, qapp)
    assert instance is not None
    launch = subprocess.Popen(command, env={**desktop_env, "XDG_ACTIVATION_TOKEN": "launcher-token-42"})
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
    assert launch.returncode == 0
    qtbot.waitUntil(lambda: bool(tokens_when_raised), timeout=60_000)
    if launcher == "spec":  # gio may put its own token in place of ours
        assert tokens_when_raised == ["launcher-token-42"]
    assert "XDG_ACTIVATION_TOKEN" not in os.environ
    qtbot.waitUntil(lambda: headline(window) == "Harbour ferry returns after winter repairs", timeout=60_000)
    qtbot.keyClick(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: headline(window) == "Council votes to keep the night bus")
    instance.close()


@pytest.mark.usefixtures("cleanup_app")
def test_new_window_neither_hands_off_nor_takes_the_socket(
    qapp: QApplication, qtbot: QtBot, desktop_env: dict[str, str], articles: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def run_until_settled(_app: QApplication) -> int:
        """The event loop until the window settled: the socket, if any, is made by then."""
        (window,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        with qtbot.waitSignal(window.settled, timeout=60_000):
            pass
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_settled)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert main(["--new-window", articles[0]]) == 0
    assert not list(Path(desktop_env["XDG_RUNTIME_DIR"]).iterdir())
    assert main([articles[0]]) == 0
    assert [p.name for p in Path(desktop_env["XDG_RUNTIME_DIR"]).iterdir()] == ["article-viewer.socket"]


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_until_listening(process: subprocess.Popen[bytes], socket_path: Path, qtbot: QtBot) -> None:
    """Wait until ``process`` answers on the socket (a hand-off of no files is delivered)."""

    def answers() -> bool:
        assert process.poll() is None, "the first launch exited"
        return socket_path.exists() and hand_off([], str(socket_path), 2000) is HandOff.DELIVERED

    qtbot.waitUntil(answers, timeout=120_000)


def test_real_launches_second_hands_off_and_a_crash_never_blocks_the_next(
    qtbot: QtBot, desktop_env: dict[str, str], exec_line: str, articles: list[str]
) -> None:
    socket_path = Path(desktop_env["XDG_RUNTIME_DIR"]) / "article-viewer.socket"
    first = start(expand_exec(exec_line, articles[:2]), desktop_env)
    restarted = None
    try:
        wait_until_listening(first, socket_path, qtbot)
        second = start(expand_exec(exec_line, articles[2:]), desktop_env)
        assert second.wait(timeout=120) == 0  # handed over, no second window
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert socket_path.exists()  # what a crash leaves behind
        restarted = start(expand_exec(exec_line, articles[:1]), desktop_env)
        wait_until_listening(restarted, socket_path, qtbot)
        assert start(expand_exec(exec_line, articles[1:2]), desktop_env).wait(timeout=120) == 0
    finally:
        for process in (first, restarted):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=30)


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_in_the_terminal_quits_like_ctrl_q(
    qtbot: QtBot, desktop_env: dict[str, str], exec_line: str, articles: list[str], number: signal.Signals
) -> None:
    socket_path = Path(desktop_env["XDG_RUNTIME_DIR"]) / "article-viewer.socket"
    launch = subprocess.Popen(
        expand_exec(exec_line, articles[:1]), env=desktop_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_until_listening(launch, socket_path, qtbot)
        launch.send_signal(number)
        assert launch.wait(timeout=20) == 0
    finally:
        if launch.poll() is None:
            launch.kill()
            launch.wait(timeout=30)
    assert launch.stderr is not None
    errors = launch.stderr.read().decode(errors="replace")
    assert "Traceback" not in errors
    assert not socket_path.exists()  # a normal quit: the hand-off socket is removed, settings are saved
