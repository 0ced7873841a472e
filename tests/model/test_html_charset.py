"""Saved pages that declare the wrong charset, none at all, or mix UTF-8 with legacy bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.model import load_article
from viewer.model.html_charset import declared_charset, decode_html
from viewer.model.serialize import article_to_dict

TEXT = (
    "Der Bürgermeister von Großenbrück eröffnete am Freitag die neue Brücke über die Saale. "
    "„Wir haben lange darauf gewartet“, sagte er vor rund zweihundert Gästen – darunter Schüler."
)


def html(charset: str | None, text: str = TEXT) -> str:
    meta = f"<meta charset='{charset}'>" if charset else ""
    return (
        f"<html lang='de'><head>{meta}<title>Neue Brücke eröffnet</title></head><body><article>"
        f"<h1>Neue Brücke eröffnet</h1><p>{text}</p><p>{text}</p></article></body></html>"
    )


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("<meta charset='UTF-8'>", "utf-8"),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>", "cp1252"),
        ("<meta charset=windows-1250>", "cp1250"),
        ("<meta charset='no-such-codec'>", None),
        ("", None),
    ],
)
def test_declared_charset(head: str, expected: str | None) -> None:
    assert declared_charset(f"<html><head>{head}</head></html>".encode("ascii")) == expected


def test_latin1_label_reads_windows_1252_quotes() -> None:
    data = html("iso-8859-1").encode("cp1252")
    text, encoding, notes = decode_html(data, "p.html")
    assert "„Wir haben lange darauf gewartet“" in text
    assert encoding == "cp1252"
    assert notes == ()


def test_page_that_lies_about_utf8(tmp_path: Path) -> None:
    path = tmp_path / "lie.html"
    path.write_bytes(html("utf-8").encode("cp1252"))
    article = load_article(path)
    assert "Der Bürgermeister von Großenbrück" in article.text
    assert article.source.encoding == "cp1252"
    assert any("declares utf-8" in note for note in article.notes)
    assert article_to_dict(article)["notes"] == list(article.notes)  # --json shows them


def test_mixed_utf8_and_stray_legacy_bytes(tmp_path: Path) -> None:
    # A UTF-8 template with one paragraph pasted from a Windows editor (cp1252 curly quotes).
    pasted = "He said \x93enough\x94 and left.".encode("latin-1")
    data = html("utf-8").encode("utf-8").replace(b"</article>", b"<p>" + pasted + b"</p></article>")
    path = tmp_path / "mixed.html"
    path.write_bytes(data)
    article = load_article(path)
    assert "Der Bürgermeister von Großenbrück" in article.text
    assert "He said “enough” and left." in article.text
    assert article.source.encoding == "utf-8"
    assert any("mixed encodings" in note for note in article.notes)


def test_no_declaration_legacy_page(tmp_path: Path) -> None:
    path = tmp_path / "old.htm"
    path.write_bytes(html(None).encode("cp1252"))
    assert "Großenbrück eröffnete" in load_article(path).text


def test_declared_central_european_page(tmp_path: Path) -> None:
    polish = "Zażółć gęślą jaźń - burmistrz otworzył most na Wiśle w piątek rano, mówiąc o wielkim dniu."
    path = tmp_path / "pl.html"
    path.write_bytes(html("iso-8859-2", polish).encode("iso-8859-2"))
    article = load_article(path)
    assert "Zażółć gęślą jaźń" in article.text
    assert article.source.encoding == "iso8859-2"


def test_utf8_sequence_cut_in_the_middle(tmp_path: Path) -> None:
    data = html("utf-8").encode("utf-8").replace("Schüler".encode(), b"Sch" + b"\xc3")
    path = tmp_path / "cut.html"
    path.write_bytes(data)
    article = load_article(path)
    assert "Der Bürgermeister von Großenbrück" in article.text
