"""An article's language: declarations normalised to two letters, a template's wrong ``lang`` losing to the body,
plain text read from its words, and a warning when the entities come from a model for another language."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from viewer.model import Article, load_article
from viewer.model.article import Source, SourceFormat
from viewer.model.entities import extract_entities
from viewer.model.html_language import page_language

GERMAN = (
    "<p>Der Hafen von Elling wird für ein Jahr geschlossen, und die Fähre fährt ab Montag von einem neuen "
    "Anleger, der nicht weit von der Altstadt liegt.</p>"
    "<p>Die Stadt und das Land teilen sich die Kosten, die auf vier Millionen geschätzt werden, sagt der "
    "Bürgermeister, der auch die Pendler um Geduld bittet.</p>"
) * 3


def german_page(html_lang: str, head: str) -> str:
    return (
        f"<html lang='{html_lang}'><head><title>Der Hafen schließt</title>{head}</head>"
        f"<body><article><h1>Der Hafen schließt</h1>{GERMAN}</article></body></html>"
    )


def test_template_lang_loses_to_og_locale_the_body_agrees_with(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(german_page("en", "<meta property='og:locale' content='de_DE'>"), encoding="utf-8")
    assert load_article(path).source.language == "de"


def test_declared_language_is_two_letters(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(german_page("de-AT", ""), encoding="utf-8")
    assert load_article(path).source.language == "de"


def test_a_lone_wrong_declaration_loses_to_a_body_that_plainly_reads_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(german_page("en", "<meta property='og:locale' content='en_US'>"), encoding="utf-8")
    assert load_article(path).source.language == "de"
    english = "<p>" + "The harbour at Elling will close for a year, and the ferry leaves from a new pier. " * 5 + "</p>"
    path.write_text(f"<html lang='en'><body><article><h1>The harbour</h1>{english}</article></body></html>")
    assert load_article(path).source.language == "en"


def test_plain_text_warns_in_the_language_its_words_show(tmp_path: Path) -> None:
    german = tmp_path / "hafen.txt"
    german.write_text("Der Hafen schließt\n\n" + GERMAN.replace("<p>", "").replace("</p>", "\n\n"), encoding="utf-8")
    article = load_article(german)
    assert article.source.language is None  # plain text declares nothing
    assert dataclasses.replace(article, entity_language="en").entity_warning() == (
        "This page is in German; entities come from a model for English, so expect misses and mistakes."
    )
    short = tmp_path / "short.txt"
    short.write_text("Harbour shuts\n\nThe ferry stops on Monday.\n", encoding="utf-8")
    assert dataclasses.replace(load_article(short), entity_language="en").entity_warning() is None  # too few words


def test_agreeing_declarations_are_believed_without_reading() -> None:
    assert page_language(["fr", "fr"], "the and of the") == "fr"


def test_disagreement_without_evidence_keeps_the_first() -> None:
    assert page_language(["en", "fr"], "12 34 56") == "en"
    assert page_language([], "the and of") is None


def test_entities_from_an_english_model_on_a_german_page_carry_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(german_page("de-AT", ""), encoding="utf-8")
    article = extract_entities(load_article(path))
    assert article.entity_language == "en"
    assert article.entity_warning() == (
        "This page is in German; entities come from a model for English, so expect misses and mistakes."
    )


def _article(page_language: str | None, model_language: str | None) -> Article:
    source = Source("a.html", SourceFormat.HTML, "utf-8", 0, "", language=page_language)
    return Article(source, "Headline", entity_language=model_language)


def test_no_language_warning_when_the_languages_agree_or_cannot_be_told() -> None:
    assert _article("en-GB", "en").entity_warning() is None
    assert _article(None, "en").entity_warning() is None  # a short plain text cannot tell
    assert _article("de", "xx").entity_warning() is None  # a multilingual model
    assert _article("de", None).entity_warning() is None  # not extracted yet
    assert "This page is in “ka”;" in (_article("ka", "en").entity_warning() or "")
