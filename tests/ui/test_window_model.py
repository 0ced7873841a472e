"""ArticleModel: loading and extraction happen off the UI thread; stale results are dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.conftest import ARTICLE_TEXT, GatedExtractor, find_entities
from viewer.model import load_article
from viewer.model.errors import ExtractionError
from viewer.ui.article_model import ArticleModel


def test_article_arrives_before_entities(qtbot, article_file: Path) -> None:
    extractor = GatedExtractor()
    model = ArticleModel(extract=extractor)
    with qtbot.waitSignals([model.article_loaded, model.entities_pending], timeout=5000):
        model.load(str(article_file))
    assert model.article is not None
    assert model.article.entities == ()
    assert not model.entities_done
    with qtbot.waitSignal(model.entities_ready, timeout=5000) as ready:
        extractor.gate.set()
    assert ready.args[0].entities
    assert model.article.entities
    assert model.entities_done


def test_stale_entities_for_an_earlier_article_are_dropped(qtbot, write_article) -> None:
    first = write_article("first.txt", ARTICLE_TEXT)
    second = write_article("second.txt", ARTICLE_TEXT.replace("Harbour bridge opens", "Second bridge opens"))
    extractor = GatedExtractor()
    model = ArticleModel(extract=extractor)
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(first))
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(second))
    seen = []
    model.entities_ready.connect(lambda article: seen.append(article.headline))
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        extractor.gate.set()
    model.wait(5000)
    qtbot.wait(50)
    assert seen == [model.article.headline]
    assert seen[0].startswith("Second bridge opens")


def test_an_article_replaced_before_extraction_starts_is_never_extracted(qtbot, write_article) -> None:
    first = write_article("first.txt", ARTICLE_TEXT)
    second = write_article("second.txt", ARTICLE_TEXT.replace("Harbour bridge opens", "Second bridge opens"))
    extractor = GatedExtractor()
    extractor.gate.set()
    model = ArticleModel(extract=extractor)
    model.set_article(load_article(str(first)))
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.set_article(load_article(str(second)))  # before the event loop ran: no worker saw the first
    assert [headline.split(" in ")[0] for headline in extractor.calls] == ["Second bridge opens"]


def test_failed_load_keeps_the_current_article(qtbot, article_file: Path, tmp_path: Path) -> None:
    model = ArticleModel(extract=find_entities)
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(article_file))
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with qtbot.waitSignal(model.load_failed, timeout=5000) as failed:
        model.load(str(empty))
    assert failed.args == [str(empty), "file is empty"]
    assert model.article is not None
    assert model.article.headline.startswith("Harbour bridge opens")


def test_mention_stepping_wraps(qtbot, article_file: Path) -> None:
    model = ArticleModel(extract=find_entities)
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(article_file))
    mayor = next(e for e in model.article.entities if e.name == "Ana Lindqvist")
    with qtbot.waitSignal(model.current_mention_changed) as changed:
        model.select_entity(mayor.id)
    assert changed.args == [0, mayor.count]
    model.previous_mention()
    assert model.mention_index == mayor.count - 1
    model.next_mention()
    assert model.mention_index == 0


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (RuntimeError("model missing"), "RuntimeError: model missing"),
        # The entity finder's own reasons are sentences for the reader, shown as they are.
        (ExtractionError("the entity finder stopped unexpectedly (it crashed: SIGSEGV)"), None),
    ],
)
def test_extraction_failure_is_reported_and_article_stays(qtbot, article_file: Path, error, shown) -> None:
    def broken(article):
        raise error

    model = ArticleModel(extract=broken)
    with qtbot.waitSignal(model.entities_failed, timeout=5000) as failed:
        model.load(str(article_file))
    assert failed.args == [shown or str(error)]
    assert model.article is not None


def loaded(qtbot, path: Path) -> tuple[ArticleModel, GatedExtractor]:  # type: ignore[no-untyped-def]
    """A model with ``path`` loaded and its entities found (the extractor counts its calls)."""
    extractor = GatedExtractor()
    extractor.gate.set()
    model = ArticleModel(extract=extractor)
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(path))
    return model, extractor


def _selected(model: ArticleModel) -> tuple[str, int] | None:
    entity = model.current_entity
    return None if entity is None else (entity.name, model.mention_index)


def test_a_reload_keeps_the_entity_and_the_mention_and_an_unchanged_file_is_not_extracted_again(
    qtbot, write_article
) -> None:
    path = write_article("story.txt", ARTICLE_TEXT)
    model, extractor = loaded(qtbot, path)
    lindqvist = next(e for e in model.article.entities if e.name == "Ana Lindqvist")
    model.select_entity(lindqvist.id)
    model.next_mention()
    model.next_mention()
    assert _selected(model) == ("Ana Lindqvist", 2)
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(path))  # F5 on the same bytes
    assert _selected(model) == ("Ana Lindqvist", 2)
    assert len(extractor.calls) == 1
    path.write_text(ARTICLE_TEXT.replace("Tomas Berg", "Karl Berg"), encoding="utf-8")
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(path))  # changed on disk: extracted again, the place found by name
    assert len(extractor.calls) == 2
    assert _selected(model) == ("Ana Lindqvist", 2)


def test_a_reload_after_an_edit_above_keeps_the_reader_on_the_same_words(qtbot, write_article) -> None:
    """A paragraph naming the entity added above the mention shifts its number, not the reader."""
    path = write_article("story.txt", ARTICLE_TEXT)
    model, _ = loaded(qtbot, path)
    model.select_entity(next(e for e in model.article.entities if e.name == "Ana Lindqvist").id)
    model.next_mention()
    model.next_mention()
    on = model.current_mention
    assert model.article.block_text(on.block).startswith("Mayor Ana Lindqvist opened")
    added = "Crowds had waited for Ana Lindqvist since dawn.\n\nMayor Ana Lindqvist opened"
    path.write_text(ARTICLE_TEXT.replace("Mayor Ana Lindqvist opened", added), encoding="utf-8")
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(path))
    on = model.current_mention
    assert _selected(model) == ("Ana Lindqvist", 3)
    assert model.article.block_text(on.block).startswith("Mayor Ana Lindqvist opened")


def test_a_reload_neither_brings_back_a_cleared_selection_nor_hands_it_to_another_entity(qtbot, write_article) -> None:
    path = write_article("story.txt", ARTICLE_TEXT)
    model, _ = loaded(qtbot, path)
    berg = next(e for e in model.article.entities if e.name == "Tomas Berg")
    model.select_entity(berg.id)
    path.write_text(ARTICLE_TEXT.replace("Tomas Berg", "Karl Holm"), encoding="utf-8")
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(path))
    assert model.current_entity is None  # Tomas Berg is gone; his id now belongs to someone else
    nordbygg = next(e for e in model.article.entities if e.name == "Nordbygg")
    model.select_entity(nordbygg.id)
    model.select_entity("")  # Esc
    path.write_text(ARTICLE_TEXT, encoding="utf-8")
    with qtbot.waitSignal(model.entities_ready, timeout=5000):
        model.load(str(path))
    assert model.current_entity is None
