"""One window per user: the running instance's end of the hand-off (the other end is ``viewer.hand_off``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from viewer.hand_off import ACK, MAX_MESSAGE_BYTES, parse_message, server_name


class SingleInstance(QObject):
    """The running instance's end of the hand-off; later launches call :func:`viewer.hand_off.hand_off`.

    The message is one line of JSON (:func:`viewer.hand_off.encode_message`); the receiver answers
    ``ok`` after its slots ran, so a delivered hand-off means the window has the files. An empty list
    asks the running window to come to the front.

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

        Call only after :func:`viewer.hand_off.hand_off` returned ``HandOff.NO_INSTANCE``: nobody answered
        on the socket, so an existing one is stale. Returns False when the socket cannot be created at all
        (the app then simply runs without accepting hand-offs).
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
        message = parse_message(bytes(buffer.partition(b"\n")[0]))
        if message is None:
            socket.abort()
            return
        self.paths_received.emit(*message)
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
