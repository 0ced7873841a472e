"""Saved web pages to text: the page's declared charset, and pages that lie about it or mix encodings."""

from __future__ import annotations

import codecs
import re

from viewer.model.decode import decode_bytes, detect_bom

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.\-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.\-]{1,40})""", re.I)
# A well-formed UTF-8 multi-byte sequence: its presence is the mark of a page written in UTF-8.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_ASCII = bytes(range(0x80))
#: Browsers read these labels as Windows-1252 (WHATWG Encoding Standard), and so do we.
_WINDOWS_1252_LABELS = frozenset({"ascii", "latin_1", "iso8859-1", "iso-8859-1", "latin-1", "us-ascii", "cp1252"})
_FALLBACK_ERRORS = "article-viewer-cp1252"


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as the Windows-1252 character it most likely was."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    byte = exc.object[exc.start : exc.start + 1]
    try:
        return byte.decode("cp1252"), exc.start + 1
    except UnicodeDecodeError:
        return "", exc.start + 1  # the five bytes cp1252 leaves undefined carry no text


codecs.register_error(_FALLBACK_ERRORS, _cp1252_for_bad_bytes)


def declared_charset(data: bytes) -> str | None:
    """The codec the page's ``<meta charset>`` or XML declaration names, if Python knows it.

    ISO-8859-1 and ASCII are read as Windows-1252, as browsers do: pages labelled Latin-1
    routinely carry curly quotes and dashes from the 0x80-0x9F range.
    """
    head = data[:8192]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def decode_html(data: bytes, path: str, declared: str | None = None) -> tuple[str, str, tuple[str, ...]]:
    """Decode a saved page; returns ``(text, encoding, notes)``.

    Trust runs: byte-order mark, valid UTF-8, then the evidence in the bytes over the label.
    A page whose bytes are mostly well-formed UTF-8 with a few stray legacy bytes (text pasted
    from a Windows editor into a UTF-8 template) is read as UTF-8 with those bytes as
    Windows-1252, where a strict decoder would throw the whole page over to a legacy codec.
    A page labelled UTF-8 without a single UTF-8 sequence is a legacy page with a wrong label,
    so the label is ignored.

    Raises:
        LoadError: binary data, or bytes that decode to no sensible text.
    """
    declared = declared or declared_charset(data)
    if detect_bom(data) is None and b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8", ()
        except UnicodeDecodeError:
            pass
        if declared in (None, "utf-8"):
            valid = len(_UTF8_SEQUENCE.findall(data))
            stray = len(_UTF8_SEQUENCE.sub(b"", data).translate(None, _ASCII))
            if valid >= stray:
                text = data.decode("utf-8", errors=_FALLBACK_ERRORS)
                return text, "utf-8", (f"mixed encodings: {stray} stray byte(s) read as cp1252",)
            if declared == "utf-8":
                text, encoding = decode_bytes(data, path)
                return text, encoding, (f"declares utf-8 but is {encoding}",)
    text, encoding = decode_bytes(data, path, declared)
    notes = (f"declares {declared} but is {encoding}",) if declared and encoding != declared else ()
    return text, encoding, notes
