"""Saved-page quality and speed: our HTML parser beside plain trafilatura on the same pages, in one run.

Scores both on ``../shared/corpus/trafilatura-pages`` and ``../shared/corpus/article-extraction-benchmark``
with the scorers of ``../shared/tools/parse_eval.py`` (imported, so the figures mean exactly what that
tool's mean), and times our ``load_article`` against trafilatura's bare call (``bare_extraction`` with
metadata, library defaults), each system in its own worker process: a second extraction of the same
page runs twice as fast on the caches the first one warmed, so sharing a process would flatter whichever
went second. The two take turns page by page, so load from other work falls on both alike. The
``--json`` command is not timed: it also starts Python and finds entities, which says nothing about the
parser.

Usage: python bench/html_quality.py [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import sys
import tempfile
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

from viewer.model import LoadError, load_article
from viewer.model.serialize import article_to_dict

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = ("trafilatura-pages", "article-extraction-benchmark")


def load_parse_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("parse_eval", SHARED / "tools" / "parse_eval.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {SHARED / 'tools' / 'parse_eval.py'}")
    module = importlib.util.module_from_spec(spec)
    sys.modules["parse_eval"] = module
    spec.loader.exec_module(module)
    return module


def run_ours(path: str) -> dict[str, Any]:
    start = time.perf_counter()
    try:
        doc = article_to_dict(load_article(path))
    except LoadError as exc:
        return {"status": "exit 2", "error": exc.reason, "elapsed": time.perf_counter() - start, "doc": None}
    elapsed = time.perf_counter() - start
    for block in doc["blocks"]:  # parse_eval's command mode reads JSON, which is NFC in practice
        block["text"] = unicodedata.normalize("NFC", block["text"])
    return {"status": "ok", "error": "", "elapsed": elapsed, "doc": doc}


def run_trafilatura(path: str) -> dict[str, Any]:
    return sys.modules["parse_eval"].run_trafilatura(path, "default")  # type: ignore[no-any-return]


def warm_up() -> None:
    """Pay imports and one-time set-up before timing, in each fresh worker (as parse_eval does)."""
    load_parse_eval()._traf_worker_init()
    run_ours(str(Path(__file__).resolve().parents[1] / "resources" / "sample-article.txt"))


def run_side_by_side(ours: list[str], theirs: list[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each page through both systems, one page at a time, each system in its own long-lived worker process.

    Separate processes keep one system's warm caches from flattering the other; taking turns page
    by page (who goes first alternates) makes load from other work on the machine fall on both alike.
    """
    done_ours: list[dict[str, Any]] = []
    done_theirs: list[dict[str, Any]] = []
    with (
        ProcessPoolExecutor(max_workers=1, initializer=warm_up) as mine,
        ProcessPoolExecutor(max_workers=1, initializer=warm_up) as other,
    ):
        for index, (our_path, their_path) in enumerate(zip(ours, theirs, strict=True)):
            if index % 2:
                done_theirs.append(other.submit(run_trafilatura, their_path).result())
                done_ours.append(mine.submit(run_ours, our_path).result())
            else:
                done_ours.append(mine.submit(run_ours, our_path).result())
                done_theirs.append(other.submit(run_trafilatura, their_path).result())
    return done_ours, done_theirs


def page_path(item: dict[str, Any], tmp: Path) -> str:
    """AEB pages are gzipped: give our loader the page as a saved ``.html``, as parse_eval does."""
    path = item["path"]
    if not path.endswith(".gz"):
        return str(path)
    target = tmp / Path(path).name.removesuffix(".gz")
    if not target.exists():
        with gzip.open(path, "rb") as handle:
            target.write_bytes(handle.read())
    return str(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each corpus")
    parser.add_argument("--show", type=int, default=0, help="print up to N failures per corpus and system")
    args = parser.parse_args()
    if not (SHARED / "corpus").is_dir() or not (SHARED / "tools" / "parse_eval.py").is_file():
        print(f"no corpora or parse_eval.py under {SHARED}; nothing to measure")
        return 0
    parse_eval = load_parse_eval()
    folders = parse_eval.find_corpora(SHARED / "corpus", CORPORA)
    results: dict[str, dict[str, Any]] = {"ours (load_article)": {}, "trafilatura default": {}}
    speeds: list[tuple[str, int, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="html_quality_") as tmp:
        for name, folder in folders.items():
            items = parse_eval.load_items(name, folder, args.limit)
            paths = [page_path(item, Path(tmp)) for item in items]
            ours, theirs = run_side_by_side(paths, [item["path"] for item in items])
            for system, runs in (("ours (load_article)", ours), ("trafilatura default", theirs)):
                metrics = parse_eval.SCORERS[name](items, runs, set())
                metrics["captions"] = parse_eval.score_captions(items, runs, set())
                metrics["wall_s"] = metrics["cpu_s"]
                results[system][name] = metrics
            speeds.append((name, len(items), sum(r["elapsed"] for r in ours), sum(r["elapsed"] for r in theirs)))
    parse_eval.report(results, args.show)
    print("\n== speed (in-process, same pages, same run)")
    for name, count, ours_s, theirs_s in speeds:
        print(
            f"  {name}: ours {count / ours_s:.1f} pages/s, trafilatura {count / theirs_s:.1f} pages/s, "
            f"ratio {theirs_s / ours_s:.2f} (target >= 0.80)"
        )
    print()
    print(parse_eval.summary_line(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
