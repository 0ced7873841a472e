"""Searching the library: the reader's query language, FTS5 with entity filters, snippets."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.model.library_index import under

#: Marks FTS5 puts around matched words in snippets; control characters never occur in article text.
_OPEN, _CLOSE = "\x02", "\x03"
#: About this many characters of text around a match (FTS5's snippets are 16 words).
SNIPPET_CHARS = 120
_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"?|(\S+))')
_WORD = re.compile(r"\w+")
_OPERATORS = frozenset({"OR", "AND", "NOT"})
#: A paragraph break after one of these is read as a space; after anything else, as a dash (see ``one_line``).
_RUNS_ON = frozenset('.!?:;,…"”’)]—–-')
_PARAGRAPH_BREAK = re.compile(rf"(\S?)([{_OPEN}{_CLOSE}]*)[^\S\n]*\n[^\S\n]*\n\s*(?=\S)")


@dataclass(frozen=True)
class Query:
    """A parsed search: FTS5 match expression (may be empty), entity names, words to highlight.

    Query language (typed in the search box or given to ``--search``):
    ``refugees camp`` all words; ``"border crossing"`` a phrase; ``refug*`` a prefix;
    ``a OR b``; ``-word`` excludes; ``mentions:Baghouz`` or ``mentions:"Syrian Democratic Forces"``
    keeps articles naming that entity (names merged as inside one article).
    """

    match: str
    mentions: tuple[str, ...]
    terms: tuple[str, ...]


@dataclass(frozen=True)
class SearchHit:
    """One matching article. ``snippet`` is plain text; ``highlights`` are ``(start, end)`` ranges in it."""

    path: str
    headline: str
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    terms: tuple[str, ...]


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_query(text: str) -> Query:
    """Turn what the reader typed into a safe FTS5 expression; no input makes SQLite raise."""
    parts: list[str] = []
    mentions: list[str] = []
    terms: list[str] = []
    negate_next = False
    for match in _TOKEN.finditer(text):
        minus, field, phrase, word = match.groups()
        value = phrase if phrase is not None else word
        if field is not None and field.lower() == "mentions":
            if value.strip():
                mentions.append(value.strip())
            continue
        if field is not None:  # "https://x" or "10:30": a colon that is not a filter is part of the word
            value = f"{field}:{value}"
        if phrase is None and not minus and value in _OPERATORS:
            if value == "NOT":
                negate_next = True
            elif parts and parts[-1] not in _OPERATORS:
                parts.append(value)
            continue
        words = _WORD.findall(value)
        if not words:
            continue
        expression = _quoted(" ".join(words)) + ("*" if phrase is None and value.endswith("*") else "")
        if minus or negate_next:
            negate_next = False
            while parts and parts[-1] in _OPERATORS:
                parts.pop()
            # FTS5 cannot match "everything but": a leading exclusion has nothing to subtract from.
            if parts:
                parts.extend(("NOT", expression))
            continue
        parts.append(expression)
        terms.append(" ".join(words))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    return Query(" ".join(parts), tuple(mentions), tuple(terms))


def one_line(text: str) -> str:
    """``text`` on one line for a snippet: whitespace collapsed, a paragraph ending no sentence followed by " — ".

    An article's text opens with blocks that end without a full stop (the headline, a dateline, a
    caption): joined by a mere space they ran into the body ("…as oil prices fall Shares in London…").
    A single line break may be a plain-text file's wrapping, so it stays a space.
    """
    joined = _PARAGRAPH_BREAK.sub(lambda m: f"{m[1]}{m[2]}{' ' if not m[1] or m[1] in _RUNS_ON else ' — '}", text)
    return " ".join(joined.split())


def _snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip FTS5's marks from a snippet, returning the text and where the marks were."""
    text: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    start = 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = length
        elif piece == _CLOSE:
            ranges.append((start, length))
        else:
            text.append(piece)
            length += len(piece)
    return "".join(text), tuple(ranges)


def expand_keys(conn: sqlite3.Connection, keys: Sequence[str]) -> list[str]:
    """``keys`` plus every other key an article filed the same entity under.

    An article that writes "Syrian Democratic Forces (SDF)" links both keys; through it, a
    search for either finds the articles that only ever use the other: names are merged
    across the library by the same grouping the entities engine does inside one article.
    """
    marks = ", ".join("?" * len(keys))
    rows = conn.execute(f"SELECT other FROM alias WHERE key IN ({marks})", list(keys))
    return list(dict.fromkeys([*keys, *(row[0] for row in rows)]))


def mention_filter(keys_per_name: Sequence[Sequence[str]]) -> tuple[str, list[str]]:
    """SQL keeping articles that mention every name (each name given as its keys)."""
    clauses = []
    args: list[str] = []
    for keys in keys_per_name:
        clauses.append(f"a.id IN (SELECT article_id FROM mention WHERE key IN ({', '.join('?' * len(keys))}))")
        args.extend(keys)
    return " AND ".join(clauses), args


def folder_filter(folders: Sequence[str]) -> tuple[str, list[str]]:
    """SQL keeping articles inside any of ``folders`` (no folders: everything)."""
    if not folders:
        return "", []
    args: list[str] = []
    for folder in folders:
        args.extend(under(folder))
    return "(" + " OR ".join(["(a.path >= ? AND a.path < ?)"] * len(folders)) + ")", args


def run_search(
    conn: sqlite3.Connection,
    query: Query,
    mention_keys: Sequence[Sequence[str]],
    folders: Sequence[str] = (),
    limit: int = 100,
) -> list[SearchHit]:
    """Matching articles, best first; with no words, entity-filtered articles by mention count."""
    where = ["a.error IS NULL"]
    args: list[object] = []
    for clause, clause_args in (mention_filter(mention_keys), folder_filter(folders)):
        if clause:
            where.append(clause)
            args.extend(clause_args)
    if query.match:
        # bm25 is lower for better matches; a word in the headline counts five times one in the body.
        sql = (
            f"SELECT a.path, a.headline, -bm25(article_text, 5.0, 1.0),"
            f" snippet(article_text, -1, '{_OPEN}', '{_CLOSE}', '…', 64)"
            f" FROM article_text JOIN article a ON a.id = article_text.rowid"
            f" WHERE article_text MATCH ? AND {' AND '.join(where)} ORDER BY bm25(article_text, 5.0, 1.0) LIMIT ?"
        )
        rows = conn.execute(sql, [query.match, *args, limit]).fetchall()
    elif mention_keys:
        keys = [key for keys in mention_keys for key in keys]
        marks = ", ".join("?" * len(keys))
        # The names the article itself files the entity under: the snippet shows where its text uses one.
        sql = (
            f"SELECT a.path, a.headline, (SELECT MAX(count) FROM mention m WHERE m.article_id = a.id"
            f" AND m.key IN ({marks})), t.body,"
            f" (SELECT group_concat(name, char(10)) FROM mention m WHERE m.article_id = a.id AND m.key IN ({marks}))"
            f" FROM article a JOIN article_text t ON t.rowid = a.id WHERE {' AND '.join(where)}"
            f" ORDER BY 3 DESC, a.path LIMIT ?"
        )
        rows = []
        for path, headline, score, body, names in conn.execute(sql, [*keys, *keys, *args, limit]):
            text = one_line(body)
            after = len(headline) if headline and text.startswith(headline) else 0
            rows.append((path, headline, score, mark_first_name(text, (names or "").split("\n"), after)))
    else:
        return []
    hits = []
    for path, headline, score, marked in rows:
        snippet, highlights = _snippet(centred_snippet(one_line(marked)))
        hits.append(SearchHit(path, headline, float(f"{score:.4g}"), snippet, highlights, query.terms))
    return hits


def mark_first_name(body: str, names: Sequence[str], after: int = 0) -> str:
    """``body`` with the first place it uses one of ``names`` (the longest there) marked as FTS5 marks matches.

    The search starts at ``after`` (past the headline the text opens with, so the snippet shows
    the article using the name) and falls back to the whole text.
    """
    found = None
    for start in dict.fromkeys((after, 0)):
        for name in names:
            pattern = re.compile(rf"(?<!\w){re.escape(' '.join(name.split()))}(?!\w)", re.IGNORECASE)
            match = pattern.search(body, start)
            if match is not None and (found is None or (match.start(), -match.end()) < (found.start(), -found.end())):
                found = match
        if found is not None:
            return f"{body[: found.start()]}{_OPEN}{found.group()}{_CLOSE}{body[found.end() :]}"
    return body


def centred_snippet(marked: str, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of a marked snippet centred on its first mark, cut at spaces.

    FTS5 picks a passage with the matches but likes to start it at a sentence, which can leave
    the match at its far end; this re-centres the passage (FTS5 is asked for a longer one) so
    the reader sees the words either side of the match. An ellipsis stands for text left out.
    """
    lead, tail = marked.startswith("…"), marked.endswith("…")
    text = marked[1 if lead else 0 : -1 if tail else None]
    start = text.find(_OPEN)
    end = text.find(_CLOSE, start) + 1 if start >= 0 else 0
    start = max(start, 0)
    left = max(0, start - max(0, (width - (end - start)) // 2))
    right = min(len(text), max(end, left + width))
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < len(text):
        space = text.rfind(" ", end, right + 1)
        right = space if space >= 0 else end or right
    return ("…" if lead or left > 0 else "") + text[left:right] + ("…" if tail or right < len(text) else "")
