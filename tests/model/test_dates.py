"""Date lines: the quick paths decide exactly what dateutil would, and common shapes never import it."""

from __future__ import annotations

import gzip
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from dateutil.parser import parserinfo
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model import LoadError, dates, html_page, load_article, text_parser
from viewer.model.dates import MAX_DATE_LINE, parse_date_line


def by_dateutil(line: str) -> datetime | None:
    """What the parser answered before the quick paths: the same cheap checks, then dateutil."""
    text = line.strip()
    if not text or len(text) > MAX_DATE_LINE or not any(c.isdigit() for c in text):
        return None
    return dates._parse_with_dateutil(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("February 23, 2019 at 10:27 am", datetime(2019, 2, 23, 10, 27)),
        ("March 14, 2024 at 4:05 pm", datetime(2024, 3, 14, 16, 5)),
        ("Updated: Thursday, 14 March 2024 12:05 am GMT", datetime(2024, 3, 14, 0, 5, tzinfo=UTC)),
        ("Published: 2019-02-23T10:27:00Z", datetime(2019, 2, 23, 10, 27, tzinfo=UTC)),
        ("Sept 9 2001", datetime(2001, 9, 9)),
        ("Reading or Swansea v Chelsea 2", None),
        ("Friday 10", None),
        ("The match ended 2-1 on 14 March 2024", None),
    ],
)
def test_date_lines(line: str, expected: datetime | None) -> None:
    assert parse_date_line(line) == expected
    assert by_dateutil(line) == expected


def test_every_word_dateutil_understands_is_known() -> None:
    info = parserinfo()
    words = {w.lower() for w in info.JUMP + info.UTCZONE + info.PERTAIN if w.isalpha()}
    for group in info.WEEKDAYS + info.MONTHS + info.HMS + info.AMPM:
        words.update(w.lower() for w in group)
    assert words <= dates._DATEUTIL_WORDS


_WORDS = st.sampled_from(
    ["Updated", "Published:", "at", "on", "Last", "modified", "the", "Thursday,", "Sat", "Chelsea", "v", "BBC", "Uhr"]
)
_MONTH_NAMES = st.sampled_from(["March", "Mar", "sept", "May", "December", "Marchy", "Dec."])
_PIECES = st.one_of(
    _WORDS,
    _MONTH_NAMES,
    st.integers(0, 40).map(str),
    st.integers(1890, 2100).map(str),
    st.sampled_from(["10:27", "4:05", "12:00", "13:15", "24:00", "10:27:59", "9:5"]),
    st.sampled_from(["am", "pm", "PM", "a.m.", "GMT", "CEST", "Z", "AEST", "UTC+1"]),
    st.sampled_from([",", "-", "|", "2019-02-23", "2019-02-23T10:27:00+01:00", "2019-02", "2019-13-01"]),
)


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=8), st.sampled_from([" ", ", "]))
def test_quick_paths_agree_with_dateutil(pieces: list[str], joiner: str) -> None:
    line = joiner.join(pieces)
    assert parse_date_line(line) == by_dateutil(line)


@pytest.mark.corpus
def test_every_line_the_parsers_ask_about_gets_dateutils_answer(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def recording(line: str) -> datetime | None:
        asked.append(line)
        return parse_date_line(line)

    monkeypatch.setattr(text_parser, "parse_date_line", recording)
    monkeypatch.setattr(html_page, "parse_date_line", recording)
    bbc = sorted((corpus_dir / "bbc-news" / "articles").rglob("*.txt"))
    # Every short line of the BBC articles too: headlines and scores are what a date line must not be.
    for path in bbc:
        asked.extend(line for line in path.read_text(errors="replace").splitlines() if 0 < len(line) < 70)
    files = bbc[::8] + sorted((corpus_dir / "trafilatura-pages" / "pages").glob("*"))
    for gz in sorted((corpus_dir / "article-extraction-benchmark" / "html").glob("*.html.gz"))[::3]:
        files.append(tmp_path / gz.name.removesuffix(".gz"))
        files[-1].write_bytes(gzip.decompress(gz.read_bytes()))
    for path in files:
        try:
            load_article(path)
        except LoadError:  # bad pages are other tests' business; only the questions matter
            continue
    assert len(asked) > 1000
    disagreements = [(line, parse_date_line(line), by_dateutil(line)) for line in asked]
    assert [d for d in disagreements if d[1] != d[2]] == []


def test_the_common_shapes_never_import_dateutil(sample_path: Path) -> None:
    """The window's first paint waits for the parse: dateutil's import would add about 85 M instructions."""
    script = (
        "import sys; from viewer.model import load_article; "
        f"article = load_article({str(sample_path)!r}); "
        "assert article.published is not None; "
        "print(sorted(m for m in sys.modules if m.startswith('dateutil')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
