"""One window per user: a second launch hands its files to the running instance over a local socket."""

from __future__ import annotations

import enum
import getpass
import hashlib
import json
import logging
import os
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from viewer import APP_ID

log = logging.getLogger(__name__)

#: How long a second launch waits for the running instance before opening a window of its own.
HAND_OFF_TIMEOUT_MS = 3000
#: A hand-off is a list of paths; anything longer is not one of ours.
MAX_MESSAGE_BYTES = 1 << 20
_ACK = b"ok\n"
#: The xdg-activation token a launcher hands the process it starts (Qt's Wayland plugin reads it to raise a window).
ACTIVATION_TOKEN = "XDG_ACTIVATION_TOKEN"


class HandOff(enum.Enum):
    """How a hand-off attempt ended."""

    DELIVERED = "delivered"
    """The running instance took the files: this launch should exit."""
    NO_INSTANCE = "no instance"
    """Nobody is listening (or only a crashed instance's socket is left): this launch becomes the instance."""
    NO_ANSWER = "no answer"
    """Something holds the socket but did not answer in time: open a window, leave the socket alone."""


def server_name() -> str:
    """The per-user socket name.

    Inside ``$XDG_RUNTIME_DIR`` when there is one (a folder only the user can enter, cleared at logout);
    elsewhere a name derived from the user name, which Qt puts in the user's temp folder (macOS) or the
    named-pipe namespace (Windows), where :attr:`QLocalServer.SocketOption.UserAccessOption` keeps other
    users out.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return os.path.join(runtime, f"{APP_ID}.socket")
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    return f"{APP_ID}-{hashlib.sha256(user.encode()).hexdigest()[:16]}"


def hand_off(paths: Sequence[str], name: str | None = None, timeout_ms: int = HAND_OFF_TIMEOUT_MS) -> HandOff:
    """Offer ``paths`` to a running instance, waiting at most about ``timeout_ms`` for its answer.

    Needs no QApplication (blocking socket calls), so a second launch can exit before importing the window.
    """
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(timeout_ms):
        return HandOff.NO_INSTANCE
    # The launcher gave this process a one-use Wayland activation token; the running window needs it to come forward.
    token = os.environ.get(ACTIVATION_TOKEN, "")
    message = {"paths": [os.path.abspath(p) for p in paths], "activation_token": token}
    socket.write(json.dumps(message).encode("utf-8") + b"\n")
    if not socket.waitForBytesWritten(timeout_ms):
        socket.abort()
        return HandOff.NO_ANSWER
    reply = b""
    while len(reply) < len(_ACK) and socket.waitForReadyRead(timeout_ms):
        reply += socket.readAll().data()
    socket.abort()
    if reply.startswith(_ACK):
        return HandOff.DELIVERED
    log.warning("another %s holds %s but does not answer; opening a separate window", APP_ID, socket.serverName())
    return HandOff.NO_ANSWER


class SingleInstance(QObject):
    """The running instance's end of the hand-off; later launches call :func:`hand_off`.

    The message is one line of JSON, ``{"paths": [...], "activation_token": "..."}`` with absolute paths
    (resolved in the sender's working folder); the receiver answers ``ok`` after its slots ran, so a
    delivered hand-off means the window has the files. An empty list asks the running window to come to
    the front.

    Signals:
        paths_received(list, str): the paths a later launch asked to open (possibly empty), and the
            activation token its launcher gave it ("" when none).
    """

    paths_received = Signal(list, str)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        """Become the running instance; a socket left behind by a crash is removed and taken over.

        Call only after :func:`hand_off` returned :attr:`HandOff.NO_INSTANCE`: nobody answered on the socket,
        so an existing one is stale. Returns False when the socket cannot be created at all (the app then
        simply runs without accepting hand-offs).
        """
        if self._server.listen(self.name):
            return True
        if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            return False
        QLocalServer.removeServer(self.name)
        return self._server.listen(self.name)

    def close(self) -> None:
        """Stop accepting hand-offs and remove the socket."""
        self._server.close()

    def _accept(self) -> None:
        """Read each incoming connection's one message; answer once the receivers have run."""
        while (socket := self._server.nextPendingConnection()) is not None:
            buffer = bytearray()
            socket.readyRead.connect(lambda s=socket, b=buffer: self._read(s, b))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket, buffer)

    def _read(self, socket: QLocalSocket, buffer: bytearray) -> None:
        """Collect bytes up to the newline, then parse, emit and acknowledge (or drop a malformed message)."""
        buffer += socket.readAll().data()
        if b"\n" not in buffer:
            if len(buffer) > MAX_MESSAGE_BYTES:
                socket.abort()
            return
        socket.readyRead.disconnect()  # one message per connection: whatever follows it is ignored
        message = _parse_message(bytes(buffer.partition(b"\n")[0]))
        if message is None:
            socket.abort()
            return
        self.paths_received.emit(*message)
        socket.write(_ACK)
        socket.flush()
        socket.disconnectFromServer()


def _parse_message(line: bytes) -> tuple[list[str], str] | None:
    """The paths and activation token in one hand-off line, or None when it is not a well-formed message."""
    try:
        message = json.loads(line)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(message, dict):
        return None
    paths = message.get("paths")
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    token = message.get("activation_token", "")
    if not isinstance(token, str) or not token.isprintable() or len(token) > 1024:
        token = ""
    return paths, token
