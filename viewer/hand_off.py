"""A second launch hands its files to the running window over a local socket, without loading Qt.

Double-clicking an article while the app is open starts a new process; on Linux and macOS it
talks to the running instance's ``QLocalServer`` (``viewer.ui.single_instance``) with a plain Unix
socket, so it exits in the time Python takes to start instead of first loading Qt. Windows has
named pipes there, which only ``QLocalSocket`` speaks.
"""

from __future__ import annotations

import enum
import logging
import os
import sys
from collections.abc import Sequence

from viewer import APP_ID

log = logging.getLogger(__name__)

#: How long a second launch waits for the running instance before opening a window of its own.
HAND_OFF_TIMEOUT_MS = 3000
#: A hand-off is a list of paths; anything longer is not one of ours.
MAX_MESSAGE_BYTES = 1 << 20
#: The running instance's answer once its window has the files.
ACK = b"ok\n"
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
    """The per-user socket: a full path on Linux and macOS, a named pipe's name on Windows.

    Inside ``$XDG_RUNTIME_DIR`` when there is one (a folder only the user can enter, cleared at logout);
    elsewhere a name derived from the user name, in the temp folder (per user on macOS) or the
    named-pipe namespace (Windows), where ``QLocalServer.SocketOption.UserAccessOption`` keeps other
    users out.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        return os.path.join(runtime, f"{APP_ID}.socket")
    import getpass  # here, and json and socket below: a second launch loads only what it uses
    import hashlib
    import tempfile

    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    name = f"{APP_ID}-{hashlib.sha256(user.encode()).hexdigest()[:16]}"
    return name if sys.platform == "win32" else os.path.join(tempfile.gettempdir(), name)


def encode_message(paths: Sequence[str], activation_token: str) -> bytes:
    """One hand-off line: ``{"paths": [...], "activation_token": "..."}`` with absolute paths."""
    import json

    message = {"paths": [os.path.abspath(p) for p in paths], "activation_token": activation_token}
    return json.dumps(message).encode("utf-8") + b"\n"


def parse_message(line: bytes) -> tuple[list[str], str] | None:
    """The paths and activation token in one hand-off line, or None when it is not a well-formed message."""
    import json

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


def hand_off(paths: Sequence[str], name: str | None = None, timeout_ms: int = HAND_OFF_TIMEOUT_MS) -> HandOff:
    """Offer ``paths`` to a running instance, waiting at most about ``timeout_ms`` for its answer.

    Paths are resolved here, in this launch's working folder. An empty list asks the running
    window to come to the front.
    """
    name = name or server_name()
    # The launcher gave this process a one-use Wayland activation token; the running window needs it to come forward.
    message = encode_message(paths, os.environ.get(ACTIVATION_TOKEN, ""))
    exchange = _exchange_over_pipe if sys.platform == "win32" else _exchange_over_unix_socket
    reply = exchange(name, message, timeout_ms)
    if reply is None:
        return HandOff.NO_INSTANCE
    if reply.startswith(ACK):
        return HandOff.DELIVERED
    log.warning("another %s holds %s but does not answer; opening a separate window", APP_ID, name)
    return HandOff.NO_ANSWER


def _exchange_over_unix_socket(path: str, message: bytes, timeout_ms: int) -> bytes | None:
    """Send ``message`` and read the answer (None: nobody listens at ``path``).

    A socket someone else owns is never spoken to: in a shared temp folder another user could
    have made it first to learn which files this user opens.
    """
    try:
        if os.lstat(path).st_uid != os.getuid():
            log.warning("%s belongs to another user; not handing files to it", path)
            return None
    except OSError:
        return None  # no socket: no instance
    import socket  # only when there is one to talk to

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
        connection.settimeout(timeout_ms / 1000)
        try:
            connection.connect(path)
        except OSError:  # no socket file, or one a crashed instance left behind
            return None
        reply = b""
        try:
            connection.sendall(message)
            while len(reply) < len(ACK) and (chunk := connection.recv(len(ACK))):
                reply += chunk
        except OSError:  # timed out, or the instance went away mid-answer
            pass
        return reply


def _exchange_over_pipe(name: str, message: bytes, timeout_ms: int) -> bytes | None:
    """As :func:`_exchange_over_unix_socket`, over the named pipe ``QLocalServer`` makes on Windows."""
    from PySide6.QtNetwork import QLocalSocket

    connection = QLocalSocket()
    connection.connectToServer(name)
    if not connection.waitForConnected(timeout_ms):
        return None
    reply = b""
    connection.write(message)
    if connection.waitForBytesWritten(timeout_ms):
        while len(reply) < len(ACK) and connection.waitForReadyRead(timeout_ms):
            reply += connection.readAll().data()
    connection.abort()
    return reply
