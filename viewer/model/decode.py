"""Bytes to clean text: BOMs, UTF-8, legacy encodings, line endings and odd whitespace."""

from __future__ import annotations

import codecs
import re

from viewer.model.errors import LoadError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Characters that render as a space (NBSP, narrow/figure/ideographic spaces, the
# en/em family) become a plain space; invisible ones are dropped; vertical tab,
# form feed and the Unicode line/paragraph separators end a line.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# C0 controls other than tab/newline/CR/FF/VT: a text file has almost none of them.
_WESTERN_PUNCTUATION = frozenset("“”‘’‚„—–…€£¥¢©®™°±·•«»§¶×÷½¼¾¡¿†‡‰ ")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
#: Archives people keep articles in; naming them beats "binary file" (a saved page.html.gz).
_PACKED = ((b"\x1f\x8b", "gzip-compressed file"), (b"PK\x03\x04", "zip archive"), (b"BZh", "bzip2-compressed file"))


def detect_bom(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of ``data``, if any."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order of trust: a byte-order mark, then strict UTF-8 (by far the most common and
    cheap to confirm), then ``declared`` (an HTML page's own charset, when it decodes
    cleanly), then Windows-1252 when it reads as Western text, then charset-normalizer's
    guess for other legacy 8-bit files.

    Raises:
        LoadError: the bytes are binary or decode to no sensible text in any encoding.
    """
    bom = detect_bom(data)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise LoadError(path, f"damaged {bom} text (bad bytes at offset {exc.start})") from None
        return _check_text(text.removeprefix("\ufeff"), path), bom.removesuffix("-sig")
    if b"\x00" in data:
        packed = next((name for magic, name in _PACKED if data.startswith(magic)), None)
        if packed is not None:
            raise LoadError(path, f"{packed}; unpack it and open the article inside")
        raise LoadError(path, "binary file (contains NUL bytes), not an article")
    try:
        return _check_text(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return _check_text(data.decode(declared), path), codecs.lookup(declared).name
        except (LookupError, UnicodeDecodeError):
            pass
    western = _try_windows_1252(data)
    if western is not None:
        return _check_text(western, path), "cp1252"
    # Imported here: most files never need it, and it costs start-up time.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise LoadError(path, "not text in any known encoding")
    return _check_text(str(best), path), best.encoding


def _try_windows_1252(data: bytes) -> str | None:
    """Windows-1252 when the result reads as Western text, else None.

    Legacy news files are overwhelmingly cp1252; statistical detectors misjudge short
    ones (a page with a few curly quotes comes out as cp775). Accept cp1252 only when
    every non-ASCII character is a Latin letter or common typographic punctuation and
    accented letters stay rare, so Central-European or Cyrillic bytes (which come out as
    "³", "¹" or runs of "ðèâ") still go to the detector.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    for char in set(text):
        if ord(char) > 0x7F and not (char in _WESTERN_PUNCTUATION or (char.isalpha() and ord(char) < 0x180)):
            return None
    letters = sum(c.isalpha() for c in text)
    accented = sum(c.isalpha() and ord(c) > 0x7F for c in text)
    # Western languages accent a few letters per word at most; Cyrillic or Greek bytes
    # read as cp1252 turn nearly every letter into an accented Latin one.
    return text if accented <= 0.25 * letters + 4 else None


def _check_text(text: str, path: str) -> str:
    """Refuse text that is mostly control characters: it is a binary file in disguise."""
    sample = text[:65536]
    if sample and len(_CONTROLS.findall(sample)) > max(8, len(sample) // 100):
        raise LoadError(path, "binary file (control characters), not an article")
    return text


def normalise_text(text: str) -> str:
    """Unify line endings and whitespace so offsets and comparisons mean one thing."""
    text = _BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text)
