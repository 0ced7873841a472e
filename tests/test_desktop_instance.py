"""One window per user: hand-off to the running instance, stale sockets, and macOS file-open events."""

from __future__ import annotations

import getpass
import json
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from viewer.hand_off import HandOff, hand_off, server_name
from viewer.ui.file_open import FileOpenFilter
from viewer.ui.single_instance import SingleInstance


@pytest.fixture
def name(tmp_path: Path) -> str:
    """A socket of this test's own, so tests never meet a real running Article Viewer."""
    if sys.platform == "win32":
        return f"article-viewer-test-{uuid.uuid4().hex}"
    return str(tmp_path / "instance.socket")


SECOND_LAUNCH = """
import json, sys
from viewer.hand_off import hand_off
name, timeout_ms, paths = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
print(hand_off(paths, name, timeout_ms).name)
if sys.platform != "win32":
    assert not [m for m in sys.modules if m.startswith(("PySide6", "shiboken6"))], "a second launch loaded Qt"
"""


def hand_off_from_another_process(
    qtbot: QtBot, name: str, paths: list[str], timeout_ms: int = 5000, token: str = ""
) -> HandOff:
    """A second launch's blocking hand-off, in its own process while this one's event loop serves it."""
    env = {key: value for key, value in os.environ.items() if key != "XDG_ACTIVATION_TOKEN"}
    if token:
        env["XDG_ACTIVATION_TOKEN"] = token
    process = subprocess.Popen(
        [sys.executable, "-c", SECOND_LAUNCH, name, str(timeout_ms), json.dumps(paths)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=timeout_ms * 3 + 30_000)
    assert process.stdout is not None
    return HandOff[process.stdout.read().strip()]


def test_second_launch_hands_its_files_to_the_running_instance(
    qtbot: QtBot, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = SingleInstance(name)
    assert running.listen()
    received: list[list[str]] = []
    running.paths_received.connect(lambda paths, _token: received.append(paths))
    monkeypatch.chdir(tmp_path)
    outcome = hand_off_from_another_process(qtbot, name, ["relative.txt", "/elsewhere/page.html"])
    assert outcome is HandOff.DELIVERED
    assert received == [[str(tmp_path / "relative.txt"), "/elsewhere/page.html"]]
    running.close()


def test_launch_without_files_asks_the_running_window_to_come_forward(qtbot: QtBot, name: str) -> None:
    running = SingleInstance(name)
    assert running.listen()
    with qtbot.waitSignal(running.paths_received) as signal:
        assert hand_off_from_another_process(qtbot, name, []) is HandOff.DELIVERED
    assert signal.args == [[], ""]
    running.close()


def test_the_launchers_activation_token_travels_with_the_files(qtbot: QtBot, name: str) -> None:
    running = SingleInstance(name)
    assert running.listen()
    with qtbot.waitSignal(running.paths_received) as signal:
        assert hand_off_from_another_process(qtbot, name, ["/a.txt"], token="gnome-shell/Files/1234-5-host_TIME99") is (
            HandOff.DELIVERED
        )
    assert signal.args == [["/a.txt"], "gnome-shell/Files/1234-5-host_TIME99"]
    running.close()


def test_first_launch_finds_no_instance_and_becomes_it(qtbot: QtBot, name: str) -> None:
    first = SingleInstance(name)
    assert hand_off(["a.txt"], name) is HandOff.NO_INSTANCE
    assert first.listen()
    assert hand_off_from_another_process(qtbot, name, ["b.txt"]) is HandOff.DELIVERED
    first.close()


@pytest.mark.skipif(sys.platform == "win32", reason="a crashed process leaves a socket file only on Unix")
def test_socket_left_by_a_crash_never_blocks_start_up(qtbot: QtBot, name: str) -> None:
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(name)
    crashed.listen(1)
    crashed.close()  # a killed process closes its socket but nobody unlinks the file
    assert os.path.exists(name)
    restarted = SingleInstance(name)
    assert hand_off(["a.txt"], name) is HandOff.NO_INSTANCE
    assert restarted.listen()
    received: list[list[str]] = []
    restarted.paths_received.connect(lambda paths, _token: received.append(paths))
    assert hand_off_from_another_process(qtbot, name, ["/x/b.txt"]) is HandOff.DELIVERED
    assert received == [["/x/b.txt"]]
    restarted.close()


def test_an_instance_that_does_not_answer_keeps_its_socket(qtbot: QtBot, name: str) -> None:
    silent = QLocalServer()
    assert silent.listen(name)
    assert hand_off_from_another_process(qtbot, name, ["a.txt"], timeout_ms=300) is HandOff.NO_ANSWER
    assert silent.isListening()
    assert os.path.exists(name) or sys.platform == "win32"
    silent.close()


def test_malformed_messages_are_dropped_and_the_instance_keeps_serving(qtbot: QtBot, name: str) -> None:
    running = SingleInstance(name)
    assert running.listen()
    received: list[list[str]] = []
    running.paths_received.connect(lambda paths, _token: received.append(paths))
    for junk in (b"not json\n", b'{"paths": [1, 2]}\n', b"[]\n"):
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) if sys.platform != "win32" else None
        if client is None:
            pytest.skip("raw socket client is Unix-only")
        client.connect(name)
        client.sendall(junk)
        qtbot.wait(50)
        client.close()
    assert received == []
    assert hand_off_from_another_process(qtbot, name, ["/ok.txt"]) is HandOff.DELIVERED
    assert received == [["/ok.txt"]]
    running.close()


@pytest.mark.skipif(sys.platform == "win32", reason="raw socket client is Unix-only")
def test_one_message_per_connection_even_when_more_follows(qtbot: QtBot, name: str) -> None:
    running = SingleInstance(name)
    assert running.listen()
    received: list[list[str]] = []
    running.paths_received.connect(lambda paths, _token: received.append(paths))
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(name)
    client.sendall(b'{"paths": ["/one.txt"]}\n{"paths": ["/two.txt"]}\n')
    qtbot.waitUntil(lambda: received == [["/one.txt"]])
    client.settimeout(10)
    assert client.recv(16) == b"ok\n"
    assert client.recv(16) == b""  # the instance closed the connection after the first message
    client.close()
    assert received == [["/one.txt"]]
    running.close()


def test_socket_name_is_per_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert server_name() == str(tmp_path / "article-viewer.socket")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    monkeypatch.setattr(getpass, "getuser", lambda: "ada")
    ada = server_name()
    monkeypatch.setattr(getpass, "getuser", lambda: "grace")
    assert server_name() != ada
    assert Path(ada).name.startswith("article-viewer-")
    # A full path on Unix, so the Qt-free second launch finds the socket the server made.
    assert os.path.isabs(ada) or sys.platform == "win32"


@pytest.mark.skipif(sys.platform == "win32", reason="the temp-folder socket is the Unix fallback")
def test_without_a_runtime_folder_the_socket_lives_in_the_temp_folder(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() caches its first answer
    running = SingleInstance()
    assert running.listen()
    assert Path(running.name).parent == tmp_path
    with qtbot.waitSignal(running.paths_received):
        assert hand_off_from_another_process(qtbot, running.name, ["/a.txt"]) is HandOff.DELIVERED
    running.close()


def test_macos_file_open_event_reaches_the_window(qapp: QApplication, qtbot: QtBot) -> None:
    opener = FileOpenFilter()
    qapp.installEventFilter(opener)
    try:
        with qtbot.waitSignal(opener.paths_requested) as signal:
            QApplication.sendEvent(qapp, QFileOpenEvent("/Users/ada/Desktop/story.html"))
        assert signal.args == [["/Users/ada/Desktop/story.html"]]
    finally:
        qapp.removeEventFilter(opener)


def test_only_macos_gets_the_file_open_filter(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Elsewhere no file-open event ever comes, and a filter on the application would see every event."""
    from viewer.ui.app import accept_handed_over_files
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import open_store

    window = MainWindow(open_store(str(tmp_path / "settings.ini")))
    qtbot.addWidget(window)
    monkeypatch.setattr(sys, "platform", "linux")
    accept_handed_over_files(window, qapp, from_later_launches=False)
    assert not qapp.findChildren(FileOpenFilter)
    monkeypatch.setattr(sys, "platform", "darwin")
    accept_handed_over_files(window, qapp, from_later_launches=False)
    (opener,) = qapp.findChildren(FileOpenFilter)
    try:
        story = tmp_path / "story.txt"
        with qtbot.waitSignal(window.model.loading_started) as signal:
            QApplication.sendEvent(qapp, QFileOpenEvent(str(story)))
        assert signal.args == [str(story)]
    finally:
        qapp.removeEventFilter(opener)
        opener.deleteLater()


@pytest.mark.skipif(sys.platform == "win32" or os.getuid() != 0, reason="making another user's socket needs root")
def test_a_socket_another_user_owns_gets_no_files(tmp_path: Path) -> None:
    planted = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path = str(tmp_path / "planted.socket")
    planted.bind(path)
    planted.listen(1)
    os.chown(path, 65534, 65534)
    try:
        assert hand_off(["/private/notes.txt"], path, 500) is HandOff.NO_INSTANCE
        planted.settimeout(0.2)
        with pytest.raises(TimeoutError):
            planted.accept()
    finally:
        planted.close()
