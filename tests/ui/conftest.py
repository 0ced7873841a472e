"""UI fixtures: settings in a temporary folder, a fast stand-in for entity extraction, articles to open."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from viewer.model import Article, Entity, EntityType, Mention
from viewer.model.article import CAPTION, CREDIT, HEADLINE

#: Written for these tests; entity names below are found by the fake extractor.
ARTICLE_TEXT = """The Lakeside Courier — news from the northern shore

Harbour bridge opens in Tromsø as Mayor Ana Lindqvist cuts the ribbon

March 3, 2024 at 9:15 am

Mayor Ana Lindqvist and engineer Tomas Berg walk across the new harbour bridge in Tromsø on 2 March 2024. [KARI NES/Courier Photos]

Mayor Ana Lindqvist opened the harbour bridge in Tromsø on Saturday, three years after the North Coast Transit Authority approved the design.

The bridge cost 410 million kroner and carries a tram line, said Tomas Berg, the engineer who led the project for Nordbygg.

Read: Tromsø tram extension approved

"This bridge joins two halves of one city," Lindqvist said at the ceremony.

What comes next

The North Coast Transit Authority will open the tram line in September, and Nordbygg has begun work on a second crossing near Tromsø airport.
"""  # noqa: E501 - one paragraph per line, as scraped articles are

NAMES: dict[str, EntityType] = {
    "Ana Lindqvist": EntityType.PERSON,
    "Tomas Berg": EntityType.PERSON,
    "Tromsø": EntityType.PLACE,
    "North Coast Transit Authority": EntityType.ORG,
    "Nordbygg": EntityType.ORG,
    "410 million kroner": EntityType.NUMBER,
}


def find_entities(article: Article, names: dict[str, EntityType] | None = None) -> Article:
    """A deterministic stand-in for spaCy: every occurrence of each known name is a mention."""
    refs: list[str | int] = [HEADLINE]
    if article.caption is not None:
        refs.append(CAPTION)
        if article.caption.credit:
            refs.append(CREDIT)
    refs.extend(range(len(article.blocks)))
    entities = []
    for number, (name, entity_type) in enumerate((names or NAMES).items(), start=1):
        mentions = tuple(
            Mention(ref, match.start(), match.end(), name)
            for ref in refs
            for match in re.finditer(re.escape(name), article.block_text(ref))
        )
        if mentions:
            role = "Mayor" if name == "Ana Lindqvist" else None
            entities.append(Entity(f"e{number}", name, entity_type, mentions, role=role))
    return article.with_entities(tuple(entities))


class GatedExtractor:
    """Extraction that waits for the test to open the gate: makes "entities arrive later" observable."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.calls: list[str] = []

    def __call__(self, article: Article) -> Article:
        self.calls.append(article.headline)
        self.gate.wait(10)
        return find_entities(article)


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every UI test gets its own settings folder; the user's real settings are never touched."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(folder))
    return folder


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    """The test article, saved as a plain-text file."""
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def write_article(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write an article file with the given name and text into the test's folder."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture
def window_factory(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Build main windows on one temporary settings file, with the fake extractor."""
    from viewer.ui.article_model import ArticleModel
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import open_store

    store_path = str(tmp_path / "viewer.ini")

    def make(extract: Callable[[Article], Article] = find_entities) -> MainWindow:
        window = MainWindow(open_store(store_path), ArticleModel(extract=extract))
        qtbot.addWidget(window)
        window.resize(1100, 750)
        window.show()
        # As a reader sees it: the menus fill in (and their keys work) once the window has painted.
        qtbot.waitUntil(lambda: bool(window.menus["file"].actions()))
        return window

    return make


@pytest.fixture
def window(window_factory):  # type: ignore[no-untyped-def]
    """A main window with settings in a temporary file and the fake extractor."""
    return window_factory()


def open_and_wait(qtbot, window, path: Path | str) -> None:  # type: ignore[no-untyped-def]
    """Open ``path`` like the command line does and wait until its entities are shown."""
    with qtbot.waitSignal(window.model.entities_ready, timeout=10_000):
        window.open_paths([str(path)])
