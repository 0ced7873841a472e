"""Parse speed on the BBC corpus against the floor of only reading and decoding the same files.

Usage: python bench/parse.py [CORPUS_DIR]   (default ../shared/corpus)
Prints articles/s for both passes and their ratio (parse time / floor time; the aim is <= 3).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from viewer.model import load_article
from viewer.model.decode import decode_bytes, normalise_text

ROUNDS = 5


def floor_pass(files: list[Path]) -> None:
    for path in files:
        text, _ = decode_bytes(path.read_bytes(), str(path))
        normalise_text(text)


def parse_pass(files: list[Path]) -> None:
    for path in files:
        load_article(path)


def best_of(fn, files: list[Path]) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(files)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    files = sorted((corpus / "bbc-news" / "articles").rglob("*.txt"))
    if not files:
        print(f"no BBC articles under {corpus}", file=sys.stderr)
        return 1
    parse_pass(files[:20])  # warm imports and caches
    floor = best_of(floor_pass, files)
    parse = best_of(parse_pass, files)
    n = len(files)
    print(f"files: {n} BBC articles, best of {ROUNDS} rounds")
    print(f"read+decode (floor): {floor:.3f} s  {n / floor:8.0f} articles/s")
    print(f"load_article (parse): {parse:.3f} s  {n / parse:8.0f} articles/s")
    print(f"ratio parse/floor: {parse / floor:.2f}x (aim <= 3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
