"""The entity worker process the window asks for entities: same answers as in-process, and it survives trouble."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from viewer.model import Article, LoadError, entity_worker, load_article
from viewer.model.entities import extract_entities
from viewer.model.entity_worker import _Shared, _Worker
from viewer.model.errors import ExtractionError


@pytest.fixture
def shared() -> Iterator[_Shared]:
    """A worker of the test's own (the window's is shared by the whole process)."""
    service = _Shared()
    yield service
    service.stop()


@pytest.fixture(scope="module")
def sample(sample_path: Path) -> Article:
    return load_article(sample_path)


def ended(worker: _Worker) -> None:
    """Wait until the worker's process has ended (its own poll reaps it)."""
    deadline = time.monotonic() + 10
    while worker._process.poll() is None:
        assert time.monotonic() < deadline, "the worker did not end"
        time.sleep(0.01)


def test_worker_finds_what_extraction_in_process_finds(shared: _Shared, sample: Article) -> None:
    assert shared.extract(sample) == extract_entities(sample)


def test_failure_on_one_article_is_a_sentence_and_the_worker_goes_on(shared: _Shared, sample: Article) -> None:
    with pytest.raises(ExtractionError, match="AttributeError"):
        shared.extract("not an article")  # type: ignore[arg-type]
    assert shared.extract(sample).entities


def test_a_worker_killed_while_idle_is_replaced(shared: _Shared, sample: Article) -> None:
    shared.start()
    worker = shared._worker
    assert worker is not None
    os.kill(worker._process.pid, signal.SIGKILL)  # type: ignore[attr-defined]
    ended(worker)
    assert shared.extract(sample).entities
    assert shared._worker is not worker


def test_a_worker_that_dies_mid_request_fails_that_request_only(sample: Article) -> None:
    worker = _Worker([sys.executable, "-c", "import sys; sys.stdin.buffer.read(8); sys.exit(3)"])
    with pytest.raises(ExtractionError, match="the entity finder stopped unexpectedly"):
        worker.ask(sample)
    assert not worker.alive()


def test_stop_ends_the_process(shared: _Shared) -> None:
    shared.start()
    worker = shared._worker
    assert worker is not None
    shared.stop()
    ended(worker)
    assert shared._worker is None


def test_started_on_a_file_the_worker_reads_it_first(shared: _Shared, sample_path: Path, sample: Article) -> None:
    shared.start(str(sample_path))
    assert shared.first_read(str(sample_path)) == sample
    assert shared.first_read(str(sample_path)) is None  # answered once: the window reads it again itself


def test_an_unasked_first_answer_is_not_taken_for_entities(shared: _Shared, sample_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A headline\n\nMaria Lopez spoke in Lisbon on Monday.\n", encoding="utf-8")
    shared.start(str(sample_path))
    assert shared.first_read(str(other)) is None  # not the file it was started on
    article = load_article(other)
    assert shared.extract(article).headline == "A headline"


def test_a_first_file_it_cannot_read_gives_the_loaders_reason(shared: _Shared, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(LoadError) as in_process:
        load_article(empty)
    shared.start(str(empty))
    with pytest.raises(LoadError) as from_worker:
        shared.first_read(str(empty))
    assert (from_worker.value.path, from_worker.value.reason) == (in_process.value.path, in_process.value.reason)


@pytest.fixture(scope="module")
def long_article(sample_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Article:
    """An article the worker needs several seconds for."""
    body = sample_path.read_text(encoding="utf-8").split("\n\n", 1)[1]
    path = tmp_path_factory.mktemp("long") / "long.txt"
    path.write_text("A long headline\n\n" + "\n\n".join([body] * 40), encoding="utf-8")
    return load_article(path)


def in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list[object]]:
    """Run ``call`` on a thread; the list gets its result or the exception it raised."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(call())
        except Exception as exc:  # the test looks at it
            out.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    return thread, out


def test_a_request_behind_a_long_older_one_ends_it_and_is_answered(
    shared: _Shared, sample: Article, long_article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(entity_worker, "RESTART_AFTER_S", 0.3)
    shared.extract(sample)  # loaded
    older, older_out = in_thread(lambda: shared.extract(long_article))
    time.sleep(0.2)
    start = time.monotonic()
    assert shared.extract(sample).entities
    older.join()
    assert isinstance(older_out[0], ExtractionError)  # the window no longer wants it
    assert time.monotonic() - start < 15  # not the long article's whole run: a new worker's start and the sample


def test_a_waiting_request_gives_way_to_a_newer_one(shared: _Shared, sample: Article, long_article: Article) -> None:
    shared.extract(sample)
    older, _ = in_thread(lambda: shared.extract(long_article))
    time.sleep(0.1)
    middle, middle_out = in_thread(lambda: shared.extract(sample))
    time.sleep(0.2)
    newest, newest_out = in_thread(lambda: shared.extract(sample))
    middle.join()
    assert isinstance(middle_out[0], ExtractionError)
    assert "newer" in str(middle_out[0])
    newest.join()
    older.join()
    assert isinstance(newest_out[0], Article)


def test_stopping_does_not_wait_for_the_request_in_flight(
    shared: _Shared, sample: Article, long_article: Article
) -> None:
    shared.extract(sample)
    busy, busy_out = in_thread(lambda: shared.extract(long_article))
    time.sleep(0.3)
    start = time.monotonic()
    shared.stop()
    busy.join()
    assert time.monotonic() - start < 2
    assert isinstance(busy_out[0], ExtractionError)


def test_a_worker_killed_mid_request_is_named_so(shared: _Shared, sample: Article, long_article: Article) -> None:
    shared.extract(sample)
    worker = shared._worker
    assert worker is not None
    busy, busy_out = in_thread(lambda: shared.extract(long_article))
    time.sleep(0.3)
    os.kill(worker._process.pid, signal.SIGKILL)  # type: ignore[attr-defined]
    busy.join()
    assert str(busy_out[0]) == "the entity finder stopped unexpectedly (it was killed, perhaps for lack of memory)"


def test_the_worker_leaves_when_the_windows_process_is_gone(long_article: Article, tmp_path: Path) -> None:
    pickled = tmp_path / "long.pickle"
    pickled.write_bytes(pickle.dumps(long_article))
    window = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import pickle, sys, threading, time\n"
            "from viewer.model.entity_worker import _Shared\n"
            "shared = _Shared(); shared.start()\n"
            f"article = pickle.loads(open({str(pickled)!r}, 'rb').read())\n"
            "threading.Thread(target=shared.extract, args=(article,), daemon=True).start()\n"
            "time.sleep(1); print(shared._worker._process.pid, flush=True); time.sleep(60)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert window.stdout is not None
    worker_pid = int(window.stdout.readline())
    window.kill()  # no goodbye: the worker is in the middle of the long article
    window.wait()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{worker_pid}").exists() and "Z" not in _state(worker_pid):
        assert time.monotonic() < deadline, "the worker outlived the window"
        time.sleep(0.1)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_another_file_does_not_wait_behind_a_slow_first_read(shared: _Shared, sample_path: Path) -> None:
    started = time.monotonic()
    shared._worker = _Worker([sys.executable, "-c", "import time; time.sleep(30)"], str(sample_path))
    waiting, _ = in_thread(lambda: shared.first_read(str(sample_path)))  # the worker never answers
    time.sleep(0.2)
    assert shared.first_read(str(sample_path.with_name("other.txt"))) is None  # read by the window itself, at once
    assert time.monotonic() - started < 5
    shared.stop()
    waiting.join()
