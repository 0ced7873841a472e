"""Shared fixtures: the third-party corpora beside the clone (skipped when absent)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The library index lives in the cache directory (Qt's and the CLI's both follow XDG_CACHE_HOME):
# tests never touch the reader's own.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="article-viewer-tests-")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``: the corpora and the seed article; skips when this clone has none."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this clone")
    return SHARED


@pytest.fixture(scope="session")
def corpus_dir(shared_dir: Path) -> Path:
    """``../shared/corpus`` with the third-party corpora."""
    path = shared_dir / "corpus"
    if not path.is_dir():
        pytest.skip("../shared/corpus is missing")
    return path


@pytest.fixture(scope="session")
def seed_path(shared_dir: Path) -> Path:
    """The original example article."""
    path = shared_dir / "seeds" / "000_24947ef1d764ed2f.txt"
    if not path.is_file():
        pytest.skip("the seed article is missing")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The bundled sample article (always present)."""
    return REPO / "resources" / "sample-article.txt"
