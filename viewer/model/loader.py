"""Path to Article: read safely, pick the format by content and extension, parse."""

from __future__ import annotations

import os
import re

from viewer.model.article import Article, Source, SourceFormat
from viewer.model.decode import decode_bytes, detect_bom, normalise_text
from viewer.model.errors import LoadError
from viewer.model.files import HTML_SUFFIXES, MHTML_SUFFIXES
from viewer.model.text_parser import parse_text

#: Larger files are refused: no real article comes near it, and a reader should not freeze.
#: Counted in 10^6-byte megabytes, as file managers show sizes and the message says.
MAX_BYTES = 20_000_000

_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.IGNORECASE)
_MHTML_SNIFF = re.compile(rb"^(?:[\w-]+:.*\r?\n)*?content-type:\s*multipart/related", re.IGNORECASE)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """Read a file that is meant to be an article, refusing what cannot be one.

    Raises:
        LoadError: missing, a directory, unreadable, empty or over :data:`MAX_BYTES`.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise LoadError(name, f"file is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // 10**6} MB")
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise LoadError(name, "no such file") from None
    except PermissionError:
        raise LoadError(name, "permission denied") from None
    except IsADirectoryError:
        raise LoadError(name, "is a folder, not an article file") from None
    except OSError as exc:
        raise LoadError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:
        raise LoadError(name, f"file is over the {MAX_BYTES // 10**6} MB limit")
    if not data.strip():
        raise LoadError(name, "file is empty")
    return data


def sniff_format(data: bytes, suffix: str) -> str:
    """``"text"``, ``"html"`` or ``"mhtml"``: content decides, the extension breaks ties.

    A ``.txt`` that is really a saved page is read as HTML; an ``.html`` holding plain
    prose with no markup at all is read as text.
    """
    head = data[:4096]
    if detect_bom(head) in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        head = head.decode(detect_bom(head) or "utf-16", errors="ignore").encode("utf-8")
    if suffix in MHTML_SUFFIXES or _MHTML_SNIFF.match(head.lstrip()):
        return "mhtml"
    if _HTML_SNIFF.search(head):
        return "html"
    if suffix in HTML_SUFFIXES and b"<" in head:
        return "html"
    return "text"


def make_source(path: str, fmt: SourceFormat, encoding: str, data: bytes, **extra: str | None) -> Source:
    """The :class:`Source` record for ``data`` read from ``path``."""
    import hashlib  # here, in the worker that reads the file: loading OpenSSL takes ~3 ms

    return Source(
        path=path,
        format=fmt,
        encoding=encoding,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        **extra,
    )


def load_article(path: str | os.PathLike[str]) -> Article:
    """Read and parse one article file; entities are left empty (see ``viewer.model.entities``).

    Raises:
        LoadError: with a one-sentence reason for anything that is not a readable article.
    """
    name = os.path.abspath(os.fspath(path))
    data = read_bytes(name)
    fmt = sniff_format(data, os.path.splitext(name)[1].lower())
    if fmt != "text":
        from viewer.model.html_page import parse_html_bytes, parse_mhtml_bytes

        return parse_mhtml_bytes(data, name) if fmt == "mhtml" else parse_html_bytes(data, name)
    text, encoding = decode_bytes(data, name)
    return parse_text(normalise_text(text), make_source(name, SourceFormat.TEXT, encoding, data))
