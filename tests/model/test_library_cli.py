"""``--index DIR...`` and ``--search QUERY [--in DIR]`` on the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.model.library_texts import write_articles
from viewer.cli import EXIT_BAD_INPUT, main
from viewer.cli_library import ProgressBar
from viewer.model.library import BuildProgress, default_cache_dir


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command line's cache directory, inside the test's folder."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return tmp_path / "xdg"


def search(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["--search", *args]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_index_then_search_prints_json_lines(cache_home: Path, tmp_path: Path, capsys) -> None:
    folder = write_articles(tmp_path / "articles")
    other = write_articles(tmp_path / "other", ("markets.txt",))
    assert main(["--index", str(folder), str(other)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "indexing [" in captured.err
    assert "files scanned: 5; added 5, updated 0, removed 0, unreadable 0" in captured.err
    assert (default_cache_dir() / "library.sqlite3").is_file()
    assert str(default_cache_dir()).startswith(str(cache_home))

    hits = search(capsys, "Baghouz")
    assert {Path(h["path"]).name for h in hits} == {"floods.txt", "refugees.txt"}
    assert set(hits[0]) == {"path", "headline", "score", "snippet", "highlights"}
    first = hits[0]
    assert all(first["snippet"][s:e] == "Baghouz" for s, e in first["highlights"])
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)

    assert len(search(capsys, "oil")) == 2
    assert [Path(h["path"]).parent.name for h in search(capsys, "oil", "--in", str(other))] == ["other"]
    assert {Path(h["path"]).name for h in search(capsys, "mentions:London")} == {"markets.txt", "football.txt"}
    assert search(capsys, "-Baghouz") == []  # an exclusion alone finds nothing, and is no unknown option


def test_index_again_reports_only_changes(cache_home: Path, tmp_path: Path, capsys) -> None:
    folder = write_articles(tmp_path / "articles", ("markets.txt", "floods.txt"))
    assert main(["--index", str(folder)]) == 0
    (folder / "floods.txt").unlink()
    capsys.readouterr()
    assert main(["--index", str(folder)]) == 0
    assert "files scanned: 1; added 0, updated 0, removed 1" in capsys.readouterr().err


def test_bad_folders_are_one_line_errors(cache_home: Path, tmp_path: Path, capsys) -> None:
    assert main(["--index", str(tmp_path / "missing")]) == EXIT_BAD_INPUT
    assert capsys.readouterr().err == f"article-viewer: {tmp_path / 'missing'}: is not a folder\n"
    assert main(["--search", "x", "--in", str(tmp_path / "missing")]) == EXIT_BAD_INPUT
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert search(capsys, "x", "--in", str(tmp_path / "empty")) == []


def test_search_on_a_damaged_index_rebuilds_it_quietly(cache_home: Path, tmp_path: Path, capsys) -> None:
    default_cache_dir().mkdir(parents=True)
    (default_cache_dir() / "library.sqlite3").write_bytes(b"\x00garbage" * 1000)
    assert search(capsys, "anything") == []
    assert main(["--index", str(write_articles(tmp_path / "a", ("markets.txt",)))]) == 0
    capsys.readouterr()
    assert len(search(capsys, "oil")) == 1


def test_progress_bar_redraws_in_place_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    bar = ProgressBar(stream)
    for done in (0, 1, 1, 2):
        bar(BuildProgress(done, 2))
    bar.finish()
    assert stream.getvalue().count("\r") == 3
    assert stream.getvalue().endswith("2/2 articles\n")
    plain = io.StringIO()
    ProgressBar(plain)(BuildProgress(0, 0))
    assert plain.getvalue() == f"indexing [{'#' * 30}] 0/0 articles\n"


def test_index_names_the_files_it_skipped(cache_home: Path, tmp_path: Path, capsys) -> None:
    folder = write_articles(tmp_path / "articles", ("markets.txt",))
    (folder / "empty.txt").write_text("")
    assert main(["--index", str(folder)]) == 0
    err = capsys.readouterr().err
    assert f"article-viewer: {folder / 'empty.txt'}: skipped: file is empty" in err
    assert "added 1, updated 0, removed 0, unreadable 1" in err
