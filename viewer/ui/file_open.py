"""macOS hands a double-clicked file to a running app as a ``QFileOpenEvent``, not on the command line."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent


class FileOpenFilter(QObject):
    """Installed on the application; turns Finder's open requests into a signal the window connects to.

    Also receives the file a double-click launches the app with, since macOS sends that as an event too.

    Signals:
        paths_requested(list): one path (a list, to match ``MainWindow.open_paths``).
    """

    paths_requested = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Take file-open events; let every other event through."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent) and event.file():
            self.paths_requested.emit([event.file()])
            return True
        return super().eventFilter(watched, event)
