"""Start the Qt application: the window, the exception hook, and the headless ``--png`` snapshot."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from viewer import APP_ID, APPLICATION, ORGANISATION
from viewer.hand_off import ACTIVATION_TOKEN
from viewer.model.entity_worker import stop_worker
from viewer.ui.main_window import APP_NAME, MainWindow
from viewer.ui.settings import open_store
from viewer.ui.theme import ThemeChoice

if TYPE_CHECKING:
    from viewer.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)
#: How long a launch waits for its first file to be read before showing the window anyway (a huge file).
FIRST_READ_WAIT_MS = 100
#: How long ``--png`` waits for entity extraction before giving up on showing them.
SNAPSHOT_TIMEOUT_MS = 120_000


def application() -> QApplication:
    """The process's QApplication, created on first use with the app's names set."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([*sys.argv[:1], "-style", "Fusion"])  # as an option: setStyle() would cost ~15 ms
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland app id and task-bar grouping: matches the installed launcher
    return app


def install_exception_hook(parent: QWidget | None) -> None:
    """Log any exception that escapes a slot and show it in a dialog: the app never dies silently.

    Qt calls Python slots from its event loop, where an exception would otherwise only be
    printed to a terminal the reader may not have.
    """
    # Dialogs without a parent window would be collected as soon as the hook returns.
    open_boxes: set[QWidget] = set()

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        log.error("unexpected error", exc_info=(kind, value, tb))
        from PySide6.QtWidgets import QMessageBox  # not at start-up: wrapping the class costs ~7 ms

        box = QMessageBox(parent)
        open_boxes.add(box)
        box.finished.connect(lambda _result: open_boxes.discard(box))
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(f"{APP_NAME}: unexpected error")
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        box.setText(f"Something went wrong: {kind.__name__}: {value}\n\nThe app is still running.")
        box.setDetailedText("".join(traceback.format_exception(kind, value, tb)))
        box.open()

    sys.excepthook = hook


def run_gui(paths: Sequence[str], *, take_hand_offs: bool = False) -> int:
    """Open a window on ``paths`` (the sample article when empty) and run the event loop until it closes.

    With ``take_hand_offs`` (no other instance answered :func:`viewer.hand_off.hand_off`), the
    window also opens what later launches hand over.
    """
    from viewer.cli import sample_article_path

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app = application()
    window = MainWindow()
    install_exception_hook(window)
    accept_handed_over_files(window, app, from_later_launches=take_hand_offs)
    window.settled.connect(lambda: close_on_signals(window))
    window.open_paths(list(paths) or [str(sample_article_path())])
    # Shown once the file is read (~5 ms; the read cannot go on while show() holds the interpreter),
    # the window paints once, with the article, instead of empty first and again when it comes.
    window.model.wait(FIRST_READ_WAIT_MS)
    window.show()
    status = app.exec()
    stop_worker()  # a request still waiting on it returns at once
    # A request still running on the pool would crash the interpreter's teardown under it.
    window.model.wait()
    return status


def close_on_signals(window: MainWindow) -> None:
    """Ctrl+C in the launching terminal (SIGINT), and SIGTERM, close the window as Ctrl+Q does.

    So settings are saved and the entity worker ends. Python runs a signal handler only when it
    next runs Python code, which Qt's event loop may not do for minutes: the signal also writes to
    a socket a notifier watches, and the notifier's slot is that code.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda _number, _frame: window.close())
    ends = (reader, writer)  # kept open as long as the notifier's slot lives

    def drain() -> None:
        ends[0].recv(512)

    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, window)
    notifier.activated.connect(drain)


def accept_handed_over_files(window: MainWindow, app: QApplication, *, from_later_launches: bool) -> None:
    """Open in ``window`` what macOS sends when a file is double-clicked and, if asked, what later launches hand over.

    The hand-off server starts once the window has settled: it needs QtNetwork, which the first
    paint need not wait for. A launch before then opens a window of its own.
    """
    if from_later_launches:
        window.settled.connect(lambda: listen_for_hand_offs(window, app))
    if sys.platform == "darwin":
        # Only macOS sends file-open events. Elsewhere a filter on the application would cost a Python
        # call for every event of every widget: 10–14 % of the instructions up to the first paint.
        from viewer.ui.file_open import FileOpenFilter

        opener = FileOpenFilter(app)
        opener.paths_requested.connect(window.open_paths)
        app.installEventFilter(opener)


def listen_for_hand_offs(window: MainWindow, app: QApplication, name: str | None = None) -> SingleInstance | None:
    """Become the running instance: what later launches hand over opens in ``window``.

    Returns None (and later launches open their own windows) when the socket cannot be made.
    """
    from viewer.ui.single_instance import SingleInstance

    instance = SingleInstance(name, parent=app)
    if not instance.listen():
        log.warning("cannot listen on %s; later launches will open their own windows", instance.name)
        return None
    instance.paths_received.connect(lambda paths, token: open_and_raise(window, paths, token))
    app.aboutToQuit.connect(instance.close)  # remove the socket on a normal quit; a crash leaves it stale
    return instance


def open_and_raise(window: MainWindow, paths: list[str], activation_token: str = "") -> None:
    """A later launch's files: open them (none means "just show me the window") and come to the front.

    On Wayland the compositor raises a window only with the token the launcher gave that later launch;
    Qt's Wayland plugin presents ``$XDG_ACTIVATION_TOKEN`` when the window asks to be activated.
    """
    if paths:
        window.open_paths(paths)
    if activation_token:
        os.environ[ACTIVATION_TOKEN] = activation_token
    window.raise_window()
    os.environ.pop(ACTIVATION_TOKEN, None)  # one use only; never passed on to processes we start


def render_png(path: str, out: str, size: QSize, theme: ThemeChoice) -> str | None:
    """Render the main window with ``path`` loaded and its entities shown into ``out``.

    Returns None on success or a one-sentence reason. Uses a throwaway settings file so a
    snapshot never reads or changes the user's settings.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    from tempfile import TemporaryDirectory

    from PySide6.QtCore import QEventLoop

    with TemporaryDirectory() as tmp:
        window = MainWindow(open_store(os.path.join(tmp, "snapshot.ini")))
        window.set_theme(theme)
        window.resize(size)
        failure: list[str] = []
        loop = QEventLoop()

        def fail(reason: str) -> None:
            failure.append(reason)
            loop.quit()

        window.model.load_failed.connect(lambda _path, reason: fail(reason))
        window.model.entities_ready.connect(loop.quit)
        window.model.entities_failed.connect(lambda reason: fail(f"entities: {reason}"))
        QTimer.singleShot(SNAPSHOT_TIMEOUT_MS, loop.quit)
        window.show()
        window.open_paths([path])
        loop.exec()
        if window.model.article is None:
            window.close()
            return failure[0] if failure else "timed out reading the article"
        app.processEvents()
        image = window.grab()
        window.close()
        if not image.save(out, "PNG"):
            return f"cannot write {out}"
    if failure:
        log.warning("%s", failure[0])
    return None


def run_png(out: str, files: Sequence[str], size: str, theme: str) -> int:
    """``--png OUT.png [--size WxH] [--theme light|dark] FILE``: the window as a picture, no display needed."""
    from viewer.cli import EXIT_BAD_INPUT, quiet_offscreen_plugin, report

    width, _, height = size.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) >= 200 and int(height) >= 150):
        report(size, "--size must be WIDTHxHEIGHT in pixels, at least 200x150")
        return EXIT_BAD_INPUT
    with quiet_offscreen_plugin():
        reason = render_png(files[0], out, QSize(int(width), int(height)), ThemeChoice(theme))
    if reason is not None:
        report(files[0], reason)
        return EXIT_BAD_INPUT
    return 0
