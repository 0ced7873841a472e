"""The window's entity extraction, in a process of its own started beside the window.

Why a process: spaCy's import and model load (~1 s) run Python code that holds the interpreter
lock, so on a thread they take turns with the window on one core. In a process they have the
other core, and started before the window's imports, the model is loaded by the time the article
is painted: entities appear ~0.2 s sooner (README "Start-up"). A crash inside spaCy ends the
worker, not the window; the next article starts another.

Started with the window's first file, the worker reads it before it loads spaCy and sends the
article unasked: the window then paints it without loading the parser and its ~30 regular
expressions first (5% of the instructions to a launch's first paint). Later files are read by the
window itself.

The protocol is private to this module: length-prefixed pickles, requests on the worker's stdin,
answers on a copy of its stdout. The worker points stdout itself at stderr, so a library that
prints cannot corrupt the answers. Both ends are our code; article text only travels as data.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Protocol

from viewer.model.errors import ExtractionError, LoadError, reason_for

if TYPE_CHECKING:
    from viewer.model.article import Article

log = logging.getLogger(__name__)

#: Bytes of the length that precedes each pickle.
_LENGTH = 8
#: A request waiting behind an older one ends the worker once the older has run this long, about
#: what a new worker costs to start (spaCy's import and load). Leaving a long article then never
#: keeps the next one waiting more than twice what it must: the ski-rental rule.
RESTART_AFTER_S = 1.0
#: How often a waiting request looks again.
_WAIT_STEP_S = 0.05
#: How long an ended worker is given to be reaped, so the message can say how it ended.
_REAP_S = 1.0
#: Runs the worker at a lower priority, so on a busy or one-core machine the window comes first;
#: the package's folder goes first on its path, so a source checkout works too.
_BOOT = (
    "import os, sys; hasattr(os, 'nice') and os.nice(10); sys.path.insert(0, {root!r}); "
    "from viewer.model.entity_worker import serve; serve()"
)


def worker_command(first: str = "") -> list[str]:
    """The command that starts a worker with this interpreter, reading ``first`` (a path) first if given."""
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return [sys.executable, "-c", _BOOT.format(root=root), *([first] if first else [])]


class _Process(Protocol):
    """What the window needs of a started process (``subprocess.Popen`` has it too)."""

    def poll(self) -> int | None: ...

    def kill(self) -> None: ...


class _Spawned:
    """A process started with ``os.posix_spawn``."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self._code: int | None = None

    def poll(self) -> int | None:
        """The exit code once the process has ended (reaped here), else None."""
        if self._code is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self._code = os.waitstatus_to_exitcode(status)
        return self._code

    def kill(self) -> None:
        """End the process (SIGKILL: it keeps nothing, and a stopped process ends too)."""
        import signal

        if self.poll() is None:
            os.kill(self.pid, signal.SIGKILL)


def _spawn(command: list[str], stdin: int, stdout: int) -> _Process:
    """Start ``command`` reading ``stdin`` and writing ``stdout``.

    ``os.posix_spawn`` where there is one: it needs no import (``subprocess`` costs ~4 ms before
    the first paint) and does not fork a process that has loaded Qt.
    """
    if hasattr(os, "posix_spawn") and min(stdin, stdout) > 2:
        dup = [(os.POSIX_SPAWN_DUP2, stdin, 0), (os.POSIX_SPAWN_DUP2, stdout, 1)]
        return _Spawned(os.posix_spawn(command[0], command, os.environ, file_actions=dup))
    import subprocess

    return subprocess.Popen(command, stdin=stdin, stdout=stdout)


class _Worker:
    """One running worker process and the pipes to it."""

    def __init__(self, command: list[str], first: str = "") -> None:
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        try:
            self._process = _spawn(command, child_in, child_out)
        except OSError:
            os.close(to_child)
            os.close(from_child)
            raise
        finally:
            os.close(child_in)
            os.close(child_out)
        self._requests = os.fdopen(to_child, "wb")
        self._answers = os.fdopen(from_child, "rb")
        self._stopped = False
        self.first = first  # the file the worker reads first and answers about unasked
        self.first_due = bool(first)

    def read_first(self) -> bytes | None:
        """The answer about the first file (waiting for it), or None if the worker ended before sending it."""
        self.first_due = False
        try:
            return _receive(self._answers)
        except OSError:
            return None

    def alive(self) -> bool:
        """Whether the worker can take requests: not stopped, not ended (killed, or crashed while idle)."""
        return not self._stopped and self._process.poll() is None

    def ask(self, article: Article) -> Article:
        """``article`` with its entities; ExtractionError with the reason when the worker cannot."""
        import pickle  # here: the first request comes after the window's first paint

        if self.first_due:
            self.read_first()  # the window read its first file itself; the answer must not pass for this one
        try:
            _send(self._requests, pickle.dumps(article))
            answer = _receive(self._answers)
        except OSError:
            answer = None
        if answer is None:
            how = "" if self._stopped else self._how_it_ended()  # not ended by this window: killed, or crashed
            self.stop()
            raise ExtractionError(f"the entity finder stopped unexpectedly{how}")
        found, value = pickle.loads(answer)
        if not found:
            raise ExtractionError(value)
        result: Article = value
        return result

    def _how_it_ended(self) -> str:
        deadline = time.monotonic() + _REAP_S
        while (code := self._process.poll()) is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if code is None:
            return ""
        if code >= 0:
            return f" (exit status {code})"
        import signal

        if -code == signal.SIGKILL:
            return " (it was killed, perhaps for lack of memory)"
        return f" (it crashed: {signal.Signals(-code).name})" if -code in signal.valid_signals() else ""

    def kill(self) -> None:
        """End the process now; safe from any thread (a request waiting on it fails at once)."""
        self._stopped = True
        self._process.kill()

    def stop(self) -> None:
        """End the process and close the pipes (by the thread that holds the worker)."""
        self.kill()
        for stream in (self._requests, self._answers):
            with contextlib.suppress(OSError):  # a request cut short by the worker's end: nothing to flush
                stream.close()


def _send(stream: IO[bytes], data: bytes) -> None:
    stream.write(len(data).to_bytes(_LENGTH, "little"))
    stream.write(data)
    stream.flush()


def _receive(stream: IO[bytes]) -> bytes | None:
    """The next message, or None when the other end has closed."""
    head = stream.read(_LENGTH)
    if len(head) < _LENGTH:
        return None
    size = int.from_bytes(head, "little")
    data = stream.read(size)
    return data if len(data) == size else None


class _Shared:
    """The process's one worker, started on demand and again after it has ended; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._tickets = itertools.count(1)
        self._newest = 0  # the ticket of the newest extraction request
        self._busy_since: float | None = None  # when the request in flight was sent

    def start(self, first: str = "") -> None:
        """Start the worker now, so spaCy loads while the window starts (the window's launch calls this).

        ``first``: the file the window will show first, for the worker to read before spaCy loads.
        """
        with self._lock:
            self._started(first)

    def _started(self, first: str = "") -> _Worker | None:
        """The running worker, started if there is none (the lock is held)."""
        if self._worker is None or not self._worker.alive():
            try:
                self._worker = _Worker(worker_command(first), os.path.abspath(first) if first else "")
            except OSError as exc:
                log.warning("cannot start the entity finder: %s", exc)
                self._worker = None
        return self._worker

    def first_read(self, path: str) -> Article | None:
        """The article at ``path`` when the worker was started to read it and has not yet answered, else None.

        None also when the worker ended before answering: the caller reads the file itself.

        Raises:
            LoadError: the worker found the file unreadable (the reason the loader gives).
        """
        import pickle

        worker = self._worker  # checked before the lock: another file must not wait behind a slow first read
        if worker is None or not worker.first_due or worker.first != os.path.abspath(path):
            return None
        with self._lock:
            if not worker.first_due or worker is not self._worker:
                return None
            answer = worker.read_first()
        if answer is None:
            return None
        found, value = pickle.loads(answer)
        if not found:
            raise LoadError(os.path.abspath(path), value)
        article: Article = value
        return article

    def extract(self, article: Article) -> Article:
        """``article`` with its entities, found by the worker (started, or started again, as needed).

        Requests are answered one at a time, and the newest is the one that counts (the window shows
        one article): waiting behind an older request, it ends the worker once that has run for
        :data:`RESTART_AFTER_S`, and it gives up when a newer request comes.

        Raises:
            ExtractionError: the worker could not be started, failed on this article, or stopped; or a
                newer request came first.
        """
        ticket = next(self._tickets)
        self._newest = ticket
        while not self._lock.acquire(timeout=_WAIT_STEP_S):
            if self._newest != ticket:
                raise ExtractionError("a newer article was asked for")
            busy, worker = self._busy_since, self._worker
            if busy is not None and worker is not None and time.monotonic() - busy >= RESTART_AFTER_S:
                worker.kill()  # its request is older than this one: it fails, and this one starts a new worker
        try:
            if self._newest != ticket:
                raise ExtractionError("a newer article was asked for")
            worker = self._started()
            if worker is None:
                raise ExtractionError("the entity finder could not be started")
            self._busy_since = time.monotonic()
            try:
                return worker.ask(article)
            except ExtractionError:
                if not worker.alive():
                    self._worker = None
                raise
            finally:
                self._busy_since = None
        finally:
            self._lock.release()

    def stop(self) -> None:
        """End the worker at once (the window is closing); a later request starts a new one."""
        worker = self._worker
        if worker is not None:
            worker.kill()  # first, without the lock: a request in flight holds it until its worker ends
        with self._lock:
            if self._worker is not None:
                self._worker.stop()
                self._worker = None


_shared = _Shared()
start_worker = _shared.start
first_read = _shared.first_read
extract = _shared.extract
stop_worker = _shared.stop


def _leave_with_the_window(window_pid: int) -> None:
    """End this worker once the window's process has gone, even in the middle of a long article.

    EOF on stdin ends an idle worker; a busy one would finish an article nobody will read.
    """
    while os.getppid() == window_pid:
        time.sleep(1.0)
    os._exit(0)


def _reply(answers: IO[bytes], work: Callable[[], object]) -> bool:
    """Send the window what ``work`` returns, or the sentence for its failure; False if the window has gone."""
    import pickle

    try:
        answer: tuple[bool, object] = (True, work())
    except Exception as exc:  # every failure goes back as a sentence, never a dead worker
        answer = (False, reason_for(exc))
    try:
        _send(answers, pickle.dumps(answer))
    except BrokenPipeError:
        return False  # the window closed while we worked
    return True


def serve() -> None:
    """The worker: read the first file if given, load the pipeline, then answer until the window closes the pipe."""
    import pickle
    import signal

    # Ctrl+C in a terminal reaches the whole process group; the window decides, and EOF ends us.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_leave_with_the_window, args=(os.getppid(),), daemon=True).start()
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = os.fdopen(0, "rb")
    if len(sys.argv) > 1:
        from viewer.model.loader import load_article

        if not _reply(answers, lambda: load_article(sys.argv[1])):
            return
    from viewer.model.entities import extract_entities, load_pipeline

    try:
        load_pipeline()
    except Exception:  # reported with the first request, where the reader sees it
        log.debug("pipeline load failed; the first request will say why", exc_info=True)
    while (request := _receive(requests)) is not None:
        if not _reply(answers, lambda: extract_entities(pickle.loads(request))):
            return
