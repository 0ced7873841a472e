from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from viewer.model import LoadError, SourceFormat, load_article
from viewer.model import loader as loader_module
from viewer.model.loader import sniff_format

ARTICLE = "Café owners protest\n\n12 June 2022\n\nOwners said “enough” — prices rose 5€ this week.\n"


@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [
        ("utf-8", ARTICLE.encode("utf-8"), "utf-8"),
        ("utf-8-sig", ARTICLE.encode("utf-8-sig"), "utf-8"),
        ("utf-16", "\ufeff".encode("utf-16-le") + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be", "\ufeff".encode("utf-16-be") + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        ("cp1252", (ARTICLE * 3).encode("cp1252"), "cp1252"),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, data: bytes, expected: str) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    article = load_article(path)
    assert article.source.encoding == expected
    assert article.headline == "Café owners protest"
    assert "“enough” — prices rose 5€" in article.blocks[0].text
    assert article.source.size == len(data)
    assert len(article.source.sha256) == 64


def test_latin1_pound_sign_does_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"Prices up\n\nA pint now costs \xa35 in London pubs, up from \xa34 last year.\n")
    article = load_article(path)
    assert "£5" in article.blocks[0].text
    assert article.source.encoding in {"cp1252", "latin_1", "iso8859_15", "cp1250"}


def test_line_endings_and_odd_spaces_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("Title\r\n\r\nOne\u00a0two\u2009three\u200b.\rNext line.\r\n".encode())
    article = load_article(path)
    assert [b.text for b in article.blocks] == ["One two three.", "Next line."]
    assert "\r" not in article.text


def test_source_records_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    source = load_article(path).source
    assert source.path == str(path)
    assert source.format is SourceFormat.TEXT


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b" \n\n\t\n", "file is empty"),
        ("nul.txt", b"Title\x00\x00\x01binary", "binary file"),
        ("garbage.txt", bytes(range(1, 32)) * 200, "binary file"),
        ("page.html.gz", gzip.compress(b"<html><body><p>Saved page</p></body></html>"), "gzip-compressed file; unpack"),
        ("pages.zip", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "zip archive"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, make: bytes | None, reason: str) -> None:
    path = tmp_path / name
    if make is not None:
        path.write_bytes(make)
    with pytest.raises(LoadError, match=reason) as info:
        load_article(path)
    assert info.value.path == str(path)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="is a folder"):
        load_article(tmp_path)


def test_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(loader_module.MAX_BYTES + 1)
    with pytest.raises(LoadError, match="limit is 20 MB"):
        load_article(path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(ARTICLE)
    path.chmod(0)
    with pytest.raises(LoadError, match="permission denied"):
        load_article(path)


def test_reading_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("cp1252"))
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    load_article(path)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("head", "suffix", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", ".txt", "html"),
        (b"Just prose without markup.", ".html", "text"),
        (b"<p>fragment</p>", ".htm", "html"),
        (b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;", ".mhtml", "mhtml"),
        (b"Headline\n\nBody 3 < 4.", ".txt", "text"),
    ],
)
def test_format_sniffing(head: bytes, suffix: str, expected: str) -> None:
    assert sniff_format(head, suffix) == expected


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Zażółć gęślą jaźń, powiedział minister w środę.", "cp1250"),
        ("Привет, как дела? Сегодня хорошая погода.", "cp1251"),
        ("Ça coûte 5€ — “déjà vu”, dit-il.", "cp1252"),
        ("Größere Änderungen für Bürger", "latin-1"),
    ],
)
def test_legacy_encodings_round_trip(tmp_path: Path, text: str, codec: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(f"Title\n\n{text}\n".encode(codec))
    assert load_article(path).blocks[0].text == text
