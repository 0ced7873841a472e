"""The entity worker process the window asks for entities: same answers as in-process, and it survives trouble."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.model import Article, LoadError, load_article
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
