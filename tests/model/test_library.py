"""The library index: incremental builds, damage, cancellation, search with entity filters."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model.library_texts import ARTICLES, write_articles
from viewer.model import library_index
from viewer.model.library import BuildProgress, Library, LibraryError, parse_query
from viewer.model.library_store import INDEX_FILE


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Path]:
    """One library over the four test articles, shared by the read-only tests."""
    root = tmp_path_factory.mktemp("library")
    folder = write_articles(root / "articles")
    library = Library(root / "cache")
    report = library.build([folder], workers=1)
    assert (report.added, report.unreadable) == (len(ARTICLES), 0)
    yield library, folder
    library.close()


def names(hits: list) -> set[str]:
    return {Path(hit.path).name for hit in hits}


def test_entries_list_headlines_and_entity_counts(built: tuple[Library, Path]) -> None:
    library, folder = built
    entries = library.entries([folder])
    assert [Path(e.path).name for e in entries] == ["football.txt", "refugees.txt", "floods.txt", "markets.txt"]
    floods = next(e for e in entries if e.path.endswith("floods.txt"))
    assert floods.headline == "Floods close the road to Baghouz"
    assert floods.entity_count >= 5
    assert library.entries([folder / "camp"]) == entries[:2]


def test_full_text_search_ranks_and_marks_snippets(built: tuple[Library, Path]) -> None:
    library, _ = built
    hits = library.search("refugees")
    assert names(hits) == {"refugees.txt"}
    hit = hits[0]
    assert hit.headline.startswith("Refugees wait")
    assert hit.highlights
    assert all(hit.snippet[s:e].lower().startswith("refugee") for s, e in hit.highlights)
    assert hit.terms == ("refugees",)


def test_query_language(built: tuple[Library, Path]) -> None:
    library, folder = built
    assert names(library.search("Baghouz")) == {"floods.txt", "refugees.txt"}
    assert names(library.search('"higher ground"')) == {"floods.txt"}
    assert names(library.search("flood*")) == {"floods.txt"}
    assert names(library.search("Arsenal OR Barclays")) == {"football.txt", "markets.txt"}
    assert names(library.search("London -Arsenal")) == {"markets.txt"}
    assert names(library.search("London", [folder / "camp"])) == {"football.txt"}
    assert library.search("nothingmatchesthis") == []


def test_entity_filters_combine_with_words(built: tuple[Library, Path]) -> None:
    library, _ = built
    assert names(library.search("mentions:London")) == {"markets.txt", "football.txt"}
    assert names(library.search("mentions:Baghouz mentions:SDF")) == {"floods.txt", "refugees.txt"}
    assert names(library.search("tents mentions:Baghouz mentions:SDF")) == {"floods.txt"}
    assert names(library.search('mentions:"the SDF" mentions:London')) == set()


def test_names_merge_across_articles_as_inside_one(built: tuple[Library, Path]) -> None:
    library, _ = built
    # floods.txt defines the acronym; refugees.txt only says "SDF". Both are one organisation.
    by_expansion = library.mentioning("Syrian Democratic Forces", aliases=("SDF",))
    assert {Path(m.path).name: m.count for m in by_expansion} == {"floods.txt": 3, "refugees.txt": 1}
    # Asked by either name alone, the library merges them through the article that defines the acronym.
    assert library.mentioning("SDF") == by_expansion
    assert names(library.search('mentions:"Syrian Democratic Forces"')) == {"floods.txt", "refugees.txt"}


def test_other_articles_mentioning_leave_out_the_current_one(built: tuple[Library, Path]) -> None:
    library, folder = built
    current = str(folder / "floods.txt")
    others = library.mentioning("Baghouz", exclude=current)
    assert [(Path(m.path).name, m.count) for m in others] == [("refugees.txt", 3)]
    assert others[0].headline.startswith("Refugees")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from('ab "*-:()^+OR NOT AND mentions\\\u00e9'), max_size=30))
def test_no_query_makes_search_fail(built: tuple[Library, Path], text: str) -> None:
    library, _ = built
    assert isinstance(library.search(text), list)
    parse_query(text)


def test_incremental_build_sees_new_changed_touched_and_deleted_files(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", ("floods.txt", "markets.txt"))
    library = Library(tmp_path / "cache")
    assert library.build([folder]).added == 2

    again = library.build([folder])
    assert (again.added, again.updated, again.removed) == (0, 0, 0)

    markets = folder / "markets.txt"
    stat = markets.stat()
    os.utime(markets, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))  # touched, same bytes
    assert library.build([folder]).updated == 0

    markets.write_text("Banks fall in Frankfurt\n\nShares in Frankfurt fell on Friday.\n", encoding="utf-8")
    write_articles(folder, ("camp/refugees.txt",))
    (folder / "floods.txt").unlink()
    report = library.build([folder])
    assert (report.added, report.updated, report.removed) == (1, 1, 1)
    assert names(library.search("Frankfurt")) == {"markets.txt"}
    assert library.search("oil") == []
    assert library.search("tents") == []
    assert names(library.search("mentions:Frankfurt")) == {"markets.txt"}
    library.close()


def test_identical_files_are_extracted_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_articles(tmp_path / "a", ("floods.txt",))
    shutil.copy(folder / "floods.txt", folder / "copy.txt")
    extracted: list[str] = []
    real = library_index.index_files

    def counting(states: list) -> list:
        extracted.extend(s.path for s in states)
        return real(states)

    monkeypatch.setattr(library_index, "index_files", counting)
    library = Library(tmp_path / "cache")
    assert library.build([folder]).added == 2
    shutil.copy(folder / "floods.txt", folder / "third.txt")
    assert library.build([folder]).added == 1
    assert len(extracted) == 1
    assert names(library.search("mentions:Baghouz")) == {"floods.txt", "copy.txt", "third.txt"}
    library.close()


def test_unreadable_files_are_skipped_and_remembered(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", ("markets.txt",))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.png").write_bytes(b"\x89PNG")
    (folder / ".hidden.txt").write_text("Hidden\n\nNot listed.\n", encoding="utf-8")
    library = Library(tmp_path / "cache")
    report = library.build([folder])
    assert (report.scanned, report.added, report.unreadable) == (2, 1, 1)
    assert [Path(e.path).name for e in library.entries()] == ["markets.txt"]
    assert library.build([folder]).unreadable == 0
    library.close()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    library = Library(tmp_path / "cache")
    with pytest.raises(LibraryError, match="not a folder"):
        library.build([tmp_path / "nowhere"])
    library.close()


@pytest.mark.parametrize("where", ["start", "middle"])
def test_damaged_index_is_rebuilt(tmp_path: Path, where: str) -> None:
    folder = write_articles(tmp_path / "a", ("markets.txt", "floods.txt"))
    library = Library(tmp_path / "cache")
    library.build([folder])
    library.close()
    index = tmp_path / "cache" / INDEX_FILE
    with sqlite3.connect(index) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = index.stat().st_size
    with open(index, "r+b") as handle:
        handle.seek(0 if where == "start" else size // 2)
        handle.write(os.urandom(4096) if where == "middle" else b"this is not a database" * 100)

    reopened = Library(tmp_path / "cache")
    assert reopened.rebuilt
    assert reopened.entries() == []
    assert reopened.build([folder]).added == 2
    assert names(reopened.search("oil")) == {"markets.txt"}
    reopened.close()


def test_index_of_a_missing_cache_file_is_not_reported_as_rebuilt(tmp_path: Path) -> None:
    library = Library(tmp_path / "new" / "cache")
    assert not library.rebuilt
    library.close()


def test_cancelled_build_keeps_finished_batches_and_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_index, "BATCH", 1)
    folder = write_articles(tmp_path / "a")
    library = Library(tmp_path / "cache")
    seen: list[BuildProgress] = []
    report = library.build([folder], progress=seen.append, cancelled=lambda: len(seen) >= 2, workers=1)
    assert report.cancelled
    assert len(library.entries()) == 1
    assert seen[0] == BuildProgress(0, len(ARTICLES))

    assert library.build([folder], cancelled=lambda: True).cancelled
    resumed = library.build([folder])
    assert (resumed.cancelled, resumed.added) == (False, len(ARTICLES) - 1)
    library.close()


def test_crash_mid_build_leaves_a_usable_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library_index, "BATCH", 1)
    folder = write_articles(tmp_path / "a")
    real = library_index.index_files
    calls = []

    def dying(states: list) -> list:
        calls.append(states)
        if len(calls) == 3:
            raise MemoryError("simulated crash")
        return real(states)

    monkeypatch.setattr(library_index, "index_files", dying)
    library = Library(tmp_path / "cache")
    with pytest.raises(MemoryError):
        library.build([folder], workers=1)
    library.close()

    monkeypatch.setattr(library_index, "index_files", real)
    reopened = Library(tmp_path / "cache")
    assert not reopened.rebuilt
    assert len(reopened.entries()) == 2
    assert reopened.build([folder]).added == len(ARTICLES) - 2
    reopened.close()


def test_worker_processes_give_the_same_index(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a")
    serial = Library(tmp_path / "serial")
    parallel = Library(tmp_path / "parallel")
    serial.build([folder], workers=1)
    assert parallel.build([folder], workers=2).added == len(ARTICLES)
    assert serial.entries() == parallel.entries()
    assert serial.mentioning("London") == parallel.mentioning("London")
    serial.close()
    parallel.close()


def test_broken_worker_processes_fall_back_to_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    class BrokenPool:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def submit(self, *args: object) -> Future:
            future: Future = Future()
            future.set_exception(BrokenProcessPool("worker died"))
            return future

        def shutdown(self, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(library_index, "ProcessPoolExecutor", BrokenPool)
    monkeypatch.setattr(library_index, "BATCH", 1)
    folder = write_articles(tmp_path / "a")
    library = Library(tmp_path / "cache")
    assert library.build([folder], workers=2).added == len(ARTICLES)
    assert len(library.entries()) == len(ARTICLES)
    library.close()


def test_nested_folders_index_each_file_once(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a")
    library = Library(tmp_path / "cache")
    report = library.build([folder, folder / "camp"], workers=1)
    assert (report.scanned, report.added) == (len(ARTICLES), len(ARTICLES))
    assert len(library.entries([folder / "camp"])) == 2
    library.close()


def test_index_of_another_schema_version_is_rebuilt(tmp_path: Path) -> None:
    library = Library(tmp_path / "cache")
    library.build([write_articles(tmp_path / "a", ("markets.txt",))])
    library.close()
    with sqlite3.connect(tmp_path / "cache" / INDEX_FILE) as conn:
        conn.execute("PRAGMA user_version = 1")
    reopened = Library(tmp_path / "cache")
    assert reopened.rebuilt
    assert reopened.entries() == []
    reopened.close()


def test_a_file_name_that_is_not_utf8_is_skipped(tmp_path: Path) -> None:
    folder = write_articles(tmp_path / "a", ("markets.txt",))
    try:
        with open(os.fsencode(folder) + b"/caf\xe9.txt", "w", encoding="utf-8") as handle:
            handle.write("A headline\n\nA body.\n")
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    library = Library(tmp_path / "cache")
    assert library.build([folder]).scanned == 1
    assert [Path(e.path).name for e in library.entries()] == ["markets.txt"]
    library.close()


def test_a_missing_spacy_pipeline_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.model.entities import ModelNotFound

    def missing(states: list) -> list:
        raise ModelNotFound("en_nothing")

    monkeypatch.setattr(library_index, "index_files", missing)
    library = Library(tmp_path / "cache")
    with pytest.raises(LibraryError, match="cannot find entities: spaCy pipeline 'en_nothing' is not installed"):
        library.build([write_articles(tmp_path / "a", ("markets.txt",))], workers=1)
    library.close()


def test_outlet_is_what_the_article_names_never_its_folder(tmp_path: Path) -> None:
    from viewer.model import load_article

    named = tmp_path / "business" / "named.txt"
    named.parent.mkdir()
    named.write_text(
        "Daily Ledger\nBanks rally in Frankfurt\nBy Jane Doe\nMarch 12, 2024\n\nShares rose on Friday.\n",
        encoding="utf-8",
    )
    plain = write_articles(tmp_path / "business", ("markets.txt",)) / "markets.txt"
    assert load_article(named).outlet == "Daily Ledger"
    assert load_article(plain).outlet is None


def test_entity_filter_snippets_centre_on_the_name_at_word_boundaries(built: tuple[Library, Path]) -> None:
    library, _ = built
    (hit,) = library.search('mentions:"Angela Merkel"')
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Angela Merkel"]
    assert hit.snippet.startswith("…")
    body = " ".join(ARTICLES["floods.txt"].split())
    shown = hit.snippet.strip("…")
    at = body.index(shown)
    assert body[at - 1] == " "
    assert at + len(shown) == len(body) or body[at + len(shown)] == " "


def test_snippets_centre_on_the_first_name_and_cut_at_spaces() -> None:
    from viewer.model.library_search import centred_snippet, mark_first_name

    body = ("lead words " * 20) + "then Tony Blair spoke, and Blair left. " + ("tail words " * 20)
    marked = centred_snippet(mark_first_name(" ".join(body.split()), ["Blair", "Tony Blair"]), width=60)
    assert "\x02Tony Blair\x03" in marked
    assert marked.count("\x02") == 1
    assert marked.startswith(("…lead", "…words"))
    assert marked.endswith("…")
    assert len(marked) < 80
    before, after = marked.split("\x02Tony Blair\x03")
    assert abs(len(before) - len(after)) < 15
    inner = marked.strip("…").replace("\x02", "").replace("\x03", "")
    assert f" {inner} " in f" {' '.join(body.split())} "
    assert centred_snippet(mark_first_name("No names here at all.", ["Blair"])) == "No names here at all."
    assert centred_snippet("x" * 300, width=60).endswith("…")
    assert (
        centred_snippet("…from FTS5 with \x02marks\x03 and an ellipsis…")
        == "…from FTS5 with \x02marks\x03 and an ellipsis…"
    )


def test_word_snippets_show_the_match_far_into_a_long_body(tmp_path: Path) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    filler = " ".join(f"word{n}" for n in range(400))
    (folder / "long.txt").write_text(
        f"A long report\n\n{filler} the zeppelin landed safely {filler}\n", encoding="utf-8"
    )
    library = Library(tmp_path / "cache")
    library.build([folder], workers=1)
    (hit,) = library.search("zeppelin")
    library.close()
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["zeppelin"]
    assert hit.snippet.startswith("…")
    assert hit.snippet.endswith("…")
    start = hit.highlights[0][0]
    assert 0.25 < start / len(hit.snippet) < 0.75
    assert all(
        word.startswith(("word", "the", "zeppelin", "landed", "safely")) for word in hit.snippet.strip("…").split()
    )


def test_two_entity_filters_in_a_folder_mark_a_name_in_each_snippet(built: tuple[Library, Path]) -> None:
    library, folder = built
    hits = library.search("mentions:Baghouz mentions:SDF", [folder])
    assert names(hits) == {"floods.txt", "refugees.txt"}
    for hit in hits:
        assert {hit.snippet[s:e] for s, e in hit.highlights} <= {"Baghouz", "SDF", "Syrian Democratic Forces"}
        assert hit.highlights


def test_entity_filter_snippets_show_the_body_using_the_name_not_the_headline() -> None:
    from viewer.model.library_search import mark_first_name

    text = "Blair wins vote. Tony Blair said the vote mattered."
    assert (
        mark_first_name(text, ["Blair", "Tony Blair"], after=len("Blair wins vote.")).count("\x02Tony Blair\x03") == 1
    )
    assert mark_first_name("Blair wins vote. Nothing else.", ["Blair"], after=16).startswith("\x02Blair\x03")
