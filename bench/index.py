"""Library indexing speed against raw spaCy, memory at two library sizes, search latency at 10,000 articles.

Usage: python bench/index.py [CORPUS_DIR] [--speed] [--memory] [--search]   (default: ../shared/corpus, all three)

1. Speed: articles/s of a full index build with entities (two worker processes on two cores,
   start-up included) next to raw ``nlp.pipe`` over the same texts with the same pipeline, in
   the same run; the aim is a ratio of at least 0.8.
2. Memory: peak RSS of a fresh build of 500 and of 2,000 distinct articles (the corpus
   repeated, each copy given a different last line so every file is really extracted), each in
   its own process; the aim is that 2,000 costs no more than 500 (flat).
3. Search: median and 95th percentile latency of mixed queries (words, phrases, prefixes,
   entity filters) over 10,000 indexed articles (the corpus repeated; identical copies reuse
   the extraction of their original).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from viewer.model import load_article
from viewer.model.library import Library

QUERIES = [
    "government",
    "chancellor budget",
    '"interest rates"',
    "elect*",
    "film OR music",
    "mobile phone -music",
    "mentions:London",
    "mentions:Blair mentions:Brown",
    "economy mentions:US",
    "champion*",
    '"world cup" mentions:England',
    "software mentions:Microsoft",
]


def corpus_files(corpus: Path) -> list[Path]:
    return sorted((corpus / "bbc-news" / "articles").rglob("*.txt"))


def repeat_corpus(files: list[Path], target: Path, count: int, distinct: bool) -> None:
    """``count`` article files under ``target``, cycling through the corpus."""
    for i in range(count):
        source = files[i % len(files)]
        dest = target / f"copy{i // len(files):03d}" / source.parent.name / source.name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if distinct:
            dest.write_bytes(source.read_bytes() + f"\n\nCopy {i}.\n".encode())
        else:
            shutil.copyfile(source, dest)


def speed(files: list[Path], rounds: int = 2) -> None:
    from viewer.model.entities import load_pipeline

    texts = [load_article(path).text for path in files]
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    for _ in nlp.pipe(texts[:20]):  # warm up
        pass
    raws, builds = [], []
    for _ in range(rounds):  # interleaved, best of each: other work on the machine hits both sides alike
        start = time.perf_counter()
        for _ in nlp.pipe(texts):
            pass
        raws.append(time.perf_counter() - start)
        with tempfile.TemporaryDirectory() as cache:
            library = Library(cache)
            start = time.perf_counter()
            report = library.build([files[0].parents[1]])
            builds.append(time.perf_counter() - start)
            library.close()
    raw, built = min(raws), min(builds)
    n = len(files)
    print(f"speed: {n} BBC articles, {words} words, pipeline {nlp.pipe_names}, best of {rounds} interleaved rounds")
    print(f"  load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  raw nlp.pipe (1 process):             {raw:7.1f} s  {n / raw:6.1f} articles/s  {words / raw:.0f} words/s")
    print(f"  index build (2 workers, incl. start): {built:7.1f} s  {n / built:6.1f} articles/s  ({report})")
    print(f"  ratio index/raw: {raw / built:.2f}x (aim >= 0.8x)")


def peak_kb(pid: int | str = "self") -> int:
    """The process's own peak resident size (VmHWM), which, unlike ru_maxrss, is not inherited across exec."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory_child(corpus: Path, count: int) -> None:
    """Runs in its own process: build a fresh index of ``count`` distinct articles, print peak RSS."""
    import multiprocessing
    import threading

    files = corpus_files(corpus)
    workers: dict[int, int] = {}
    done = threading.Event()

    def sample() -> None:  # worker processes are gone when the build returns: watch them while they run
        while not done.wait(0.5):
            for child in multiprocessing.active_children():
                if child.pid is not None:
                    workers[child.pid] = max(workers.get(child.pid, 0), peak_kb(child.pid))

    with tempfile.TemporaryDirectory() as tmp:
        repeat_corpus(files, Path(tmp) / "articles", count, distinct=True)
        library = Library(Path(tmp) / "cache")
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        start = time.perf_counter()
        report = library.build([Path(tmp) / "articles"])
        seconds = time.perf_counter() - start
        done.set()
        library.close()
    own = peak_kb() / 1024
    worker = max(workers.values(), default=0) / 1024
    print(json.dumps({"count": count, "added": report.added, "seconds": seconds, "own_mb": own, "worker_mb": worker}))


def memory(corpus: Path) -> None:
    results = []
    for count in (500, 2000):
        out = subprocess.run(
            [sys.executable, __file__, str(corpus), "--child", str(count)], check=True, capture_output=True, text=True
        ).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    print("memory: peak RSS of a fresh build (main process / largest worker process)")
    for r in results:
        print(
            f"  {r['count']:5d} articles: main {r['own_mb']:6.0f} MB, worker {r['worker_mb']:6.0f} MB,"
            f" {r['added']} indexed in {r['seconds']:.0f} s ({r['added'] / r['seconds']:.1f} articles/s)"
        )
    small, large = results
    print(
        f"  ratio 2000/500: main {large['own_mb'] / small['own_mb']:.2f}x,"
        f" worker {large['worker_mb'] / small['worker_mb']:.2f}x (aim: flat, about 1.0x)"
    )


def search(files: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        repeat_corpus(files, Path(tmp) / "articles", 10_000, distinct=False)
        library = Library(Path(tmp) / "cache")
        start = time.perf_counter()
        library.build([Path(tmp) / "articles"])
        built = time.perf_counter() - start
        count = len(library.entries())
        times = []
        hits = {}
        for _ in range(5):
            for query in QUERIES:
                start = time.perf_counter()
                hits[query] = len(library.search(query, limit=50))
                times.append((time.perf_counter() - start) * 1000)
        library.close()
    times.sort()
    print(f"search: {count} indexed articles (built in {built:.0f} s), {len(times)} queries")
    p95 = times[int(len(times) * 0.95)]
    print(f"  median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (aim: median < 50 ms)")
    print("  hits (limit 50): " + ", ".join(f"{q!r}: {n}" for q, n in hits.items()))


def main() -> int:
    args = sys.argv[1:]
    given = [a for a in args if not a.startswith("--") and not a.isdigit()]
    corpus = Path(given[0]) if given else Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if "--child" in args:
        memory_child(corpus, int(args[args.index("--child") + 1]))
        return 0
    files = corpus_files(corpus)
    if not files:
        print(f"no BBC articles under {corpus}", file=sys.stderr)
        return 1
    parts = {"speed": lambda: speed(files), "memory": lambda: memory(corpus), "search": lambda: search(files)}
    for name in [a.removeprefix("--") for a in args if a.removeprefix("--") in parts] or list(parts):
        parts[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
