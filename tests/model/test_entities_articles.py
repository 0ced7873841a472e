"""Entity extraction on whole articles (the seed, the bundled sample) and the --entities/--json command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from spacy.language import Language

from viewer.cli import main
from viewer.model import Article, EntityType, load_article
from viewer.model.entities import ModelNotFound, extract_entities, extract_many, load_pipeline
from viewer.model.serialize import article_to_dict


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The pipeline, loaded once for the whole session (load_pipeline caches it per process)."""
    return load_pipeline()


@pytest.fixture(scope="session")
def sample(nlp: Language, sample_path: Path) -> Article:
    return extract_entities(load_article(sample_path))


def names(article: Article, kind: EntityType) -> set[str]:
    return {e.name for e in article.entities if e.type is kind}


def by_name(article: Article, name: str):  # type: ignore[no-untyped-def]
    return next(e for e in article.entities if e.name == name)


def test_seed_entities(nlp: Language, seed_path: Path) -> None:
    article = extract_entities(load_article(seed_path))
    people = {
        "Francois-Regis Legrier",
        "Florence Parly",
        "Jean-Marc Vigilant",
        "Paul La-camera",
        "Bruno Aubert",
        "Mustafa Bali",
        "Donald Trump",
    }
    assert people <= names(article, EntityType.PERSON)
    assert {"SDF", "Reuters", "White House", "AFP", "Getty Images"} <= names(article, EntityType.ORG)
    places = names(article, EntityType.PLACE)
    assert {"Syria", "Iraq", "Baghouz", "Raqqa", "Mosul"} <= places
    # "Euphrates River" and "the Euphrates" are one place.
    (euphrates,) = (e for e in article.entities if "Euphrates" in (e.name, *e.aliases))
    assert euphrates.type is EntityType.PLACE
    assert all(m.text.startswith("Euphrates") for m in euphrates.mentions)
    assert "Trump" in by_name(article, "Donald Trump").aliases
    assert "2019-02-09" in {e.resolved for e in article.entities if e.type is EntityType.DATE}
    assert by_name(article, "Florence Parly").role == "French Defence Minister"
    assert by_name(article, "Mustafa Bali").role == "head of the SDF’s media office"
    (quote,) = (q for q in article.quotes if q.text.startswith("If we succeed"))
    assert quote.speaker_id == by_name(article, "Mustafa Bali").id


def test_sample_entities(sample: Article) -> None:
    assert {"Ingrid Vaskova", "Marc Delorme", "Pieter van Aalst"} <= names(sample, EntityType.PERSON)
    assert {"Rhine", "Cologne"} <= names(sample, EntityType.PLACE)
    assert by_name(sample, "Ingrid Vaskova").role in {"deputy mayor of Cologne", "Cologne deputy mayor"}
    assert "Vaskova" in by_name(sample, "Ingrid Vaskova").aliases
    assert "Van Aalst" in by_name(sample, "Pieter van Aalst").aliases
    vaskova = by_name(sample, "Ingrid Vaskova").id
    assert sum(q.speaker_id == vaskova for q in sample.quotes) == 2


def test_mentions_index_their_block(sample: Article) -> None:
    for entity in sample.entities:
        for mention in entity.mentions:
            text = sample.block_text(mention.block)
            assert text[mention.start : mention.end] == mention.text
            assert "\n" not in mention.text
    assert {m.block for e in sample.entities for m in e.mentions} >= {"headline", "caption", "credit", 0}


def test_extract_many_matches_one_by_one(sample: Article, sample_path: Path) -> None:
    article = load_article(sample_path)
    assert [a.entities for a in extract_many([article, article])] == [sample.entities, sample.entities]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_entities_cli_reads_stdin(
    nlp: Language, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Ola Berg flew to Oslo.\nBerg met the Nordic Council there."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    status, out, _ = run(capsys, "--entities", "-")
    assert status == 0
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["path"] == "-"
    for mention in row["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"]
    ids = {m["entity"] for m in row["mentions"] if m["text"] in {"Ola Berg", "Berg"}}
    assert len(ids) == 1
    assert {e["id"] for e in row["entities"]} >= ids


def test_entities_cli_splits_bracketed_credits_like_the_caption_parser(
    nlp: Language, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Trucks wait by the river on 3 May. [ANNA KOVAC/Norpress/Lumen Images]\n\nThe convoy left at noon."
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    _, out, _ = run(capsys, "--entities", "-")
    (row,) = [json.loads(line) for line in out.splitlines()]
    found = {(m["text"], m["type"]) for m in row["mentions"]}
    assert {("ANNA KOVAC", "PERSON"), ("Norpress", "ORG"), ("Lumen Images", "ORG")} <= found
    assert not {m["text"] for m in row["mentions"]} & {"ANNA", "KOVAC"}


def test_entities_cli_reads_files_in_one_batch(
    nlp: Language, capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_path: Path
) -> None:
    other = tmp_path / "other.txt"
    other.write_text("Mira Holm visited Tallinn on Monday.", encoding="utf-8")
    status, out, err = run(capsys, "--entities", str(sample_path), str(other), str(tmp_path / "missing.txt"))
    rows = [json.loads(line) for line in out.splitlines()]
    assert [Path(r["path"]).name for r in rows] == ["sample-article.txt", "other.txt"]
    assert status == 2
    assert err.count("\n") == 1
    assert "missing.txt" in err


def test_json_fills_entities_and_quotes(nlp: Language, capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    status, out, _ = run(capsys, "--json", str(sample_path))
    data = json.loads(out)
    assert status == 0
    assert any(e["name"] == "Ingrid Vaskova" and e["count"] >= 2 for e in data["entities"])
    assert data["quotes"]


def test_missing_model_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], sample_path: Path) -> None:
    with pytest.raises(ModelNotFound):
        load_pipeline("no_such_pipeline_xx")
    for argv in (["--entities", str(sample_path)], ["--json", str(sample_path)]):
        status, out, err = run(capsys, *argv, "--model", "no_such_pipeline_xx")
        assert status == 2
        assert out == ""
        assert err.count("\n") == 1
        assert "no_such_pipeline_xx" in err


def test_a_very_long_article_is_read_up_to_the_limit_and_says_so(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from viewer.model.entities import extract

    article = load_article(sample_path)
    monkeypatch.setattr(extract, "MAX_CHARS", 400)
    cut = extract_entities(article)
    assert cut.entities_read == 400
    assert cut.entity_warning() == "Entities were looked for in the first 400 characters only."
    assert article_to_dict(cut)["entities_read"] == 400
    read = {piece.ref: len(piece.text) for piece in extract.within(extract.article_pieces(article), 400)}
    assert cut.entities
    assert all(m.block in read and m.end <= read[m.block] for e in cut.entities for m in e.mentions)
    monkeypatch.setattr(extract, "MAX_CHARS", 10_000_000)
    assert extract_entities(article).entities_read is None


def test_within_cuts_the_last_piece_it_reaches() -> None:
    from viewer.model.entities.extract import within
    from viewer.model.entities.found import Piece

    pieces = [Piece("headline", "a" * 10), Piece(0, "b" * 10), Piece(1, "c" * 10)]
    assert within(pieces, 15) == [Piece("headline", "a" * 10), Piece(0, "b" * 5)]
    assert within(pieces, 30) == pieces


def test_a_day_and_its_time_of_day_are_one_date(tmp_path: Path) -> None:
    path = tmp_path / "vote.txt"
    path.write_text(
        "Harbour vote\nMarch 12, 2024\n\nThe council met on Thursday night and will vote on Friday morning.\n",
        encoding="utf-8",
    )
    dates = {e.name: e.resolved for e in extract_entities(load_article(path)).entities if e.type is EntityType.DATE}
    assert dates == {"Thursday night": "2024-03-07", "Friday morning": "2024-03-15"}
