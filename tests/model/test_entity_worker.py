"""The entity worker process the window asks for entities: same answers as in-process, and it survives trouble."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from viewer.model import Article, load_article
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
