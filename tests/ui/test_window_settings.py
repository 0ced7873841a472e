"""Settings: values persist through the store; damaged or wrongly typed values fall back to defaults."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from viewer.model import EntityType
from viewer.ui.entity_panel import SortOrder
from viewer.ui.settings import MAX_RECENT, Settings, open_store
from viewer.ui.theme import ThemeChoice


def test_round_trip(tmp_path: Path) -> None:
    path = str(tmp_path / "s.ini")
    settings = Settings(zoom=130, theme=ThemeChoice.DARK, highlights=False, splitter=[700, 300])
    settings.entity_sort = SortOrder.FIRST
    settings.hidden_types = {EntityType.DATE, EntityType.NUMBER}
    settings.add_recent("/tmp/a.txt", "Old headline")
    settings.add_recent("/tmp/b.txt")
    settings.add_recent("/tmp/a.txt", "Storm, floods & the harbour")
    settings.entity_panel_visible = False
    settings.save(open_store(path))
    loaded = Settings.load(open_store(path))
    assert loaded.zoom == 130
    assert loaded.theme is ThemeChoice.DARK
    assert loaded.highlights is False
    assert loaded.splitter == [700, 300]
    assert loaded.hidden_types == {EntityType.DATE, EntityType.NUMBER}
    assert loaded.recent_files == ["/tmp/a.txt", "/tmp/b.txt"]
    assert loaded.recent_titles == {"/tmp/a.txt": "Storm, floods & the harbour"}  # the newest; none for b
    assert loaded.entity_panel_visible is False
    assert loaded.entity_sort is SortOrder.FIRST


def test_recent_list_is_bounded() -> None:
    settings = Settings()
    for n in range(MAX_RECENT + 5):
        settings.add_recent(f"/tmp/{n}.txt")
    assert len(settings.recent_files) == MAX_RECENT
    assert settings.recent_files[0] == f"/tmp/{MAX_RECENT + 4}.txt"


def test_wrong_values_fall_back_one_by_one(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text(
        "[reading]\nzoom=banana\ntheme=purple\n[highlights]\nenabled=maybe\nhidden=PERSON, SPACESHIP\n"
        "[window]\nsplitter=10, x, 20\n[files]\nrecent=/tmp/kept.txt\n[entities]\nsort=sideways\n",
        encoding="utf-8",
    )
    loaded = Settings.load(open_store(str(path)))
    assert loaded.zoom == 100
    assert loaded.theme is ThemeChoice.SYSTEM
    assert loaded.highlights is True
    assert loaded.hidden_types == {EntityType.PERSON}
    assert loaded.splitter == [10, 20]
    assert loaded.recent_files == ["/tmp/kept.txt"]
    assert loaded.entity_sort is SortOrder.MENTIONS


def test_the_programs_own_files_are_never_a_start_folder_nor_recent(tmp_path: Path, monkeypatch) -> None:
    from viewer import resource_folder

    path = tmp_path / "s.ini"
    path.write_text(f"[files]\nlast_folder={resource_folder()}\n", encoding="utf-8")  # an earlier version's
    loaded = Settings.load(open_store(str(path)))
    assert loaded.last_folder == ""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    assert loaded.start_folder() == str(tmp_path)  # no Documents folder: home
    (tmp_path / "Documents").mkdir()
    assert loaded.start_folder() == str(tmp_path / "Documents")
    loaded.remember_folder(str(Path(__file__).resolve().parents[2] / "viewer" / "ui"))
    assert loaded.last_folder == ""
    loaded.remember_folder(str(tmp_path / "Documents"))
    assert loaded.start_folder() == str(tmp_path / "Documents")
    loaded.add_recent(str(resource_folder() / "sample-article.txt"))  # shown at every bare launch
    loaded.add_recent(str(tmp_path / "Documents" / "story.txt"))
    assert loaded.recent_files == [str(tmp_path / "Documents" / "story.txt")]


def test_zoom_out_of_range_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text("[reading]\nzoom=5000\n", encoding="utf-8")
    assert Settings.load(open_store(str(path))).zoom == 100


def test_corrupt_file_gives_defaults_and_a_working_window(qtbot, tmp_path: Path, article_file: Path) -> None:
    from tests.ui.conftest import find_entities, open_and_wait
    from viewer.ui.article_model import ArticleModel
    from viewer.ui.main_window import MainWindow

    path = tmp_path / "s.ini"
    path.write_bytes(b"\x00\xff\xfe[[[garbage\n\x89PNG\r\n\x1a\nzoom=\x00\x00\n" * 20)
    store = open_store(str(path))
    window = MainWindow(store, ArticleModel(extract=find_entities))
    qtbot.addWidget(window)
    window.show()
    assert window.reading_view.zoom == 100
    assert window.reading_view.highlights_enabled
    open_and_wait(qtbot, window, article_file)
    window.zoom_in()
    window.close()
    assert Settings.load(open_store(str(path))).zoom == 110


def test_tests_never_touch_the_real_user_settings(isolated_settings: Path) -> None:
    store = open_store()
    assert store.format() == QSettings.Format.IniFormat
    assert store.fileName().startswith(str(isolated_settings))
