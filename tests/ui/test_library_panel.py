"""The library panel: listing opened folders, background build, search from the keyboard, live updates."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.model.library_texts import ARTICLES, write_articles
from viewer.model import library_index
from viewer.model.library_store import INDEX_FILE
from viewer.ui.article_model import ArticleModel
from viewer.ui.library_panel import LibraryPanel, live_query

BUILD_TIMEOUT = 60_000


@pytest.fixture
def panel(qtbot, tmp_path: Path) -> LibraryPanel:  # type: ignore[no-untyped-def]
    panel = LibraryPanel(ArticleModel(), cache=str(tmp_path / "cache"))
    qtbot.addWidget(panel)
    panel.resize(640, 480)
    panel.show()
    yield panel
    panel.shutdown()


def headlines(panel: LibraryPanel) -> list[str]:
    return [panel.proxy.index(row, 0).data() for row in range(panel.proxy.rowCount())]


def open_folder(qtbot, panel: LibraryPanel, folder: Path) -> None:  # type: ignore[no-untyped-def]
    panel.add_folders([str(folder)])
    assert panel.building
    assert not panel._progress_box.isHidden()
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)


def test_opened_folder_is_listed_sorted_with_entity_counts(qtbot, panel, tmp_path: Path) -> None:
    assert panel.status_label.text() == "Open a folder to list its articles."
    open_folder(qtbot, panel, write_articles(tmp_path / "articles"))
    assert panel._progress_box.isHidden()
    assert headlines(panel) == sorted((text.split("\n")[0] for text in ARTICLES.values()), key=str.casefold)
    assert panel.status_label.text() == "4 articles"
    counts = [int(panel.proxy.index(row, 3).data()) for row in range(4)]
    assert all(count > 0 for count in counts)
    panel.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [int(panel.proxy.index(row, 3).data()) for row in range(4)] == sorted(counts, reverse=True)
    panel.grab().save(str(tmp_path / "library.png"))


def test_typing_a_search_shows_snippets_and_enter_opens_with_terms(qtbot, panel, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles")
    open_folder(qtbot, panel, folder)
    panel.focus_search()
    qtbot.keyClicks(panel.search_edit, "refug")
    qtbot.waitUntil(lambda: panel.status_label.text() == "1 matching article", timeout=5000)
    assert headlines(panel) == ["Refugees wait at the camp near Baghouz"]
    assert not panel.view.isColumnHidden(4)
    assert panel.proxy.index(0, 4).data() == "100%"  # relevance relative to the best hit
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.view.hasFocus()
    assert "<b>" in panel.snippet_label.text()
    assert panel.snippet_label.isVisible()
    with qtbot.waitSignal(panel.open_requested) as opened:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert opened.args == [str(folder / "camp" / "refugees.txt"), ("refug",)]

    panel.focus_search()
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Escape)
    assert panel.search_edit.text() == ""
    assert len(headlines(panel)) == 4
    assert panel.view.isColumnHidden(4)
    with qtbot.waitSignal(panel.leave_requested):
        qtbot.keyClick(panel.search_edit, Qt.Key.Key_Escape)
    with qtbot.waitSignal(panel.leave_requested):
        qtbot.keyClick(panel.view, Qt.Key.Key_Escape)


def test_a_snippet_sets_the_headline_apart_from_the_body(qtbot, panel, tmp_path: Path) -> None:
    open_folder(qtbot, panel, write_articles(tmp_path / "articles"))
    panel.focus_search()
    qtbot.keyClicks(panel.search_edit, "oil")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert panel.view.hasFocus()
    assert panel.snippet_label.text() == (
        "Shares rally in London as <b>oil</b> prices fall — Shares in London rose sharply on Monday as the price"
        " of <b>oil</b> fell for a…"
    )
    # A paragraph that ends a sentence runs on after a space, as does the mentions snippet's text.
    qtbot.keyClick(panel.view, Qt.Key.Key_Escape)
    panel.focus_search()
    qtbot.keyClicks(panel.search_edit, "mentions:Barclays")
    qtbot.keyClick(panel.search_edit, Qt.Key.Key_Return)
    assert "for a third day. Traders at <b>Barclays</b> said" in panel.snippet_label.text()


def test_entity_filters_and_other_articles_mentioning(qtbot, panel, tmp_path: Path) -> None:
    open_folder(qtbot, panel, write_articles(tmp_path / "articles"))
    panel.search_edit.setText("mentions:Baghouz mentions:SDF")
    panel.refresh()
    assert set(headlines(panel)) == {"Floods close the road to Baghouz", "Refugees wait at the camp near Baghouz"}
    panel.show_mentioning("London")
    assert panel.search_edit.text() == 'mentions:"London"'
    assert panel.search_edit.hasFocus()
    assert set(headlines(panel)) == {
        "Shares rally in London as oil prices fall",
        "Arsenal beat Chelsea in the London derby",
    }
    assert all(panel.proxy.index(row, 4).data().endswith("×") for row in range(2))


def test_list_follows_files_appearing_changing_and_vanishing(qtbot, panel, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles", ("markets.txt", "floods.txt"))
    open_folder(qtbot, panel, folder)
    write_articles(folder, ("camp/football.txt",))
    qtbot.waitUntil(lambda: len(headlines(panel)) == 3 and not panel.building, timeout=BUILD_TIMEOUT)
    (folder / "markets.txt").write_text("Banks fall in Frankfurt\n\nShares fell on Friday.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "Banks fall in Frankfurt" in headlines(panel), timeout=BUILD_TIMEOUT)
    (folder / "floods.txt").unlink()
    qtbot.waitUntil(lambda: len(headlines(panel)) == 2, timeout=BUILD_TIMEOUT)
    assert "Floods close the road to Baghouz" not in headlines(panel)


def hold_batches(monkeypatch: pytest.MonkeyPatch, after: int) -> threading.Event:
    """Index one article per batch and hold every batch after the first ``after`` until the event is set."""
    monkeypatch.setattr(library_index, "BATCH", 1)
    release = threading.Event()
    real = library_index.index_files
    calls: list[object] = []

    def held(states: list) -> list:
        calls.append(states)
        if len(calls) > after:
            release.wait(BUILD_TIMEOUT / 1000)
        return real(states)

    monkeypatch.setattr(library_index, "index_files", held)
    return release


def test_cancel_keeps_what_was_indexed(qtbot, panel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The second batch waits for the click, so the build cannot finish before the reader cancels.
    clicked = hold_batches(monkeypatch, after=1)
    messages: list[str] = []
    panel.message.connect(messages.append)
    panel.add_folders([str(write_articles(tmp_path / "articles"))])
    qtbot.waitUntil(lambda: panel.progress.value() >= 1, timeout=BUILD_TIMEOUT)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    clicked.set()
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)
    assert messages == ["Indexing cancelled; the articles indexed so far are listed."]
    assert 1 <= len(headlines(panel)) < 4


def test_damaged_index_is_reported_and_rebuilt(qtbot, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / INDEX_FILE).write_bytes(b"garbage, not SQLite" * 500)
    panel = LibraryPanel(ArticleModel(), cache=str(cache))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.message) as said:
        panel.add_folders([str(write_articles(tmp_path / "articles", ("markets.txt",)))])
    assert said.args == ["The library index was damaged and has been rebuilt."]
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)
    assert headlines(panel) == ["Shares rally in London as oil prices fall"]
    panel.shutdown()


def test_live_query_matches_the_word_being_typed_as_a_prefix() -> None:
    assert live_query("refug") == "refug*"
    assert live_query("refugees ") == "refugees"
    assert live_query('"border crossing"') == '"border crossing"'
    assert live_query("a OR") == "a OR"
    assert live_query("mentions:SDF") == "mentions:SDF"


def test_a_folder_that_vanishes_leaves_the_library(qtbot, panel, tmp_path: Path) -> None:
    import shutil

    gone = write_articles(tmp_path / "gone", ("markets.txt",))
    open_folder(qtbot, panel, write_articles(tmp_path / "kept", ("floods.txt",)))
    open_folder(qtbot, panel, gone)
    assert len(headlines(panel)) == 2
    shutil.rmtree(gone)
    with qtbot.waitSignal(panel.message, timeout=BUILD_TIMEOUT) as said:
        pass
    assert said.args == [f"{gone} is no longer there; it has left the library."]
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)
    assert headlines(panel) == ["Floods close the road to Baghouz"]
    assert panel.folders == [str(tmp_path / "kept")]


def test_window_and_command_line_share_one_index(qapp) -> None:
    from viewer import APPLICATION, ORGANISATION
    from viewer.model.library import default_cache_dir
    from viewer.ui.library_panel import cache_dir

    names = qapp.organizationName(), qapp.applicationName()
    qapp.setOrganizationName(ORGANISATION)
    qapp.setApplicationName(APPLICATION)
    try:
        assert cache_dir() == str(default_cache_dir())
    finally:
        qapp.setOrganizationName(names[0])
        qapp.setApplicationName(names[1])


def test_the_list_fills_in_while_a_build_runs(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.ui import library_panel

    monkeypatch.setattr(library_panel, "LIST_REFRESH_MS", 10)
    release = hold_batches(monkeypatch, after=2)
    panel = LibraryPanel(ArticleModel(), cache=str(tmp_path / "cache"))
    qtbot.addWidget(panel)
    panel.resize(560, 360)
    panel.show()
    panel.add_folders([str(write_articles(tmp_path / "articles"))])
    try:
        # The list reads the index on a timer, the progress bar hears from the worker: both come to 2.
        qtbot.waitUntil(lambda: len(headlines(panel)) == 2 and panel.progress.value() == 2, timeout=BUILD_TIMEOUT)
        assert panel.building
        assert panel.status_label.text() == "2 articles indexed so far; indexing…"
        panel.grab().save(str(tmp_path / "building.png"))
    finally:
        release.set()
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)
    assert panel.status_label.text() == "4 articles"
    panel.shutdown()


def test_outlet_shows_what_the_article_names_not_the_folder(qtbot, panel, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "business", ("markets.txt",))
    (folder / "named.txt").write_text(
        "Daily Ledger\nBanks rally in Frankfurt\nBy Jane Doe\nMarch 12, 2024\n\nShares rose on Friday.\n",
        encoding="utf-8",
    )
    open_folder(qtbot, panel, folder)
    outlets = {panel.proxy.index(row, 0).data(): panel.proxy.index(row, 1).data() for row in range(2)}
    assert outlets == {"Banks rally in Frankfurt": "Daily Ledger", "Shares rally in London as oil prices fall": ""}


def test_outlet_and_date_columns_hide_while_no_listed_article_has_one(qtbot, panel, tmp_path: Path) -> None:
    from viewer.ui.library_panel import DATE_COLUMN, OUTLET_COLUMN

    folder = write_articles(tmp_path / "plain", ("markets.txt",))
    open_folder(qtbot, panel, folder)
    assert panel.view.isColumnHidden(OUTLET_COLUMN)
    assert panel.view.isColumnHidden(DATE_COLUMN)
    (folder / "named.txt").write_text(
        "Daily Ledger\nBanks rally in Frankfurt\nBy Jane Doe\nMarch 12, 2024\n\nShares rose on Friday.\n",
        encoding="utf-8",
    )
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 2, timeout=BUILD_TIMEOUT)
    assert not panel.view.isColumnHidden(OUTLET_COLUMN)
    assert not panel.view.isColumnHidden(DATE_COLUMN)
    panel.search_edit.setText("London")  # only the article without either
    qtbot.waitUntil(lambda: panel.proxy.rowCount() == 1)
    assert panel.view.isColumnHidden(OUTLET_COLUMN)


def test_the_list_follows_the_current_article(qtbot, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "articles")
    elsewhere = write_articles(tmp_path / "elsewhere", ("markets.txt",)) / "markets.txt"
    model = ArticleModel()
    first = LibraryPanel(model, cache=str(tmp_path / "cache"))
    qtbot.addWidget(first)
    open_folder(qtbot, first, folder)
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(folder / "floods.txt"))
    assert first.view.currentIndex().data() == "Floods close the road to Baghouz"
    first.shutdown()

    # Made after the article was loaded, the panel marks it as soon as the list is there.
    panel = LibraryPanel(model, cache=str(tmp_path / "cache"))
    qtbot.addWidget(panel)
    panel.add_folders([str(folder)])
    assert panel.view.currentIndex().data() == "Floods close the road to Baghouz"
    qtbot.waitUntil(lambda: not panel.building, timeout=BUILD_TIMEOUT)

    panel.show_mentioning("Baghouz")
    assert panel.view.currentIndex().data() == "Floods close the road to Baghouz"
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(folder / "camp" / "refugees.txt"))
    assert panel.search_edit.text() == 'mentions:"Baghouz"'
    assert panel.view.currentIndex().data() == "Refugees wait at the camp near Baghouz"

    # An article from another folder: no row is marked, and the cross-reference made for the last one goes.
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(elsewhere))
    assert not panel.view.currentIndex().isValid()
    assert not panel.view.selectionModel().hasSelection()
    assert panel.search_edit.text() == ""
    assert len(headlines(panel)) == 4
    assert panel.snippet_label.isHidden()

    # A query the reader typed stays; the article outside it is not marked.
    panel.search_edit.setText("London")
    panel.refresh()
    with qtbot.waitSignal(model.article_loaded, timeout=5000):
        model.load(str(folder / "floods.txt"))
    assert panel.search_edit.text() == "London"
    assert not panel.view.currentIndex().isValid()
    panel.shutdown()


def test_snippets_are_escaped_with_the_match_in_bold() -> None:
    from viewer.model.library import SearchHit
    from viewer.ui.library_panel import snippet_html

    text = "…said <b>Patricia Hewitt</b> & co…"
    start = text.index("Patricia")
    hit = SearchHit("p", "h", 1.0, text, ((start, start + len("Patricia Hewitt")),), ())
    assert snippet_html(hit) == "…said &lt;b&gt;<b>Patricia Hewitt</b>&lt;/b&gt; &amp; co…"


def test_a_long_outlet_never_squeezes_the_headlines(qtbot, panel, tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "business", ("markets.txt",))
    (folder / "tagline.txt").write_text(
        "Independent reporting from the harbour towns since 1998\nBanks rally in Frankfurt\nBy Jane Doe\n"
        "March 12, 2024\n\nShares rose on Friday.\n",
        encoding="utf-8",
    )
    open_folder(qtbot, panel, folder)
    header = panel.view.header()
    assert header.sectionSize(0) > header.sectionSize(1)
    row = headlines(panel).index("Banks rally in Frankfurt")
    assert panel.proxy.index(row, 1).data(Qt.ItemDataRole.ToolTipRole).startswith("Independent reporting")
