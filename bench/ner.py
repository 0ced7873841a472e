"""Entity extraction: strict P/R/F1 of raw spaCy vs ours on the NER gold sets, and speed ratios, in one run.

Usage: python bench/ner.py [--gold-dir ../shared/corpus/ner-gold] [--repeat 20]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import time
from collections.abc import Iterable
from pathlib import Path

from viewer.model import Article, load_article
from viewer.model.entities import DEFAULT_MODEL, extract_many, extract_texts, load_pipeline

REPO = Path(__file__).resolve().parents[1]
LABELS = ("PER", "ORG", "LOC")
RAW = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
OURS = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
Spans = set[tuple[int, int, str]]


def prf(gold: list[Spans], pred: list[Spans], label: str | None) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for gold_doc, pred_doc in zip(gold, pred, strict=True):
        g = {s for s in gold_doc if label is None or s[2] == label}
        p = {s for s in pred_doc if label is None or s[2] == label}
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def raw_spans(texts: list[str]) -> list[Spans]:
    nlp = load_pipeline()
    return [{(e.start_char, e.end_char, RAW[e.label_]) for e in d.ents if e.label_ in RAW} for d in nlp.pipe(texts)]


def our_spans(texts: list[str]) -> list[Spans]:
    return [
        {(m.start, m.end, OURS[e.type]) for e in ents if e.type in OURS for m in e.mentions}
        for ents in extract_texts(texts)
    ]


def timed(run: object, texts: list[str]) -> tuple[list[Spans], float]:
    start = time.perf_counter()
    result = run(texts)  # type: ignore[operator]
    return result, time.perf_counter() - start


def score_set(path: Path) -> None:
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [d["text"] for d in docs]
    words = sum(len(t.split()) for t in texts)
    gold = [{(e["start"], e["end"], e["label"]) for e in d["entities"] if e["label"] in LABELS} for d in docs]
    raw, raw_s = timed(raw_spans, texts)
    ours, ours_s = timed(our_spans, texts)
    print(f"\n{path.name}: {len(docs)} documents, {words:,} words (strict P / R / F1)")
    print(f"{'':8}{'raw spaCy':>22}{'ours':>22}")
    for label in (*LABELS, None):
        a, b = prf(gold, raw, label), prf(gold, ours, label)
        row = " ".join(f"{100 * x:5.1f}" for x in a) + "   " + " ".join(f"{100 * x:5.1f}" for x in b)
        print(f"{label or 'micro':8}{row:>44}")
    print(f"{'words/s':8}{words / raw_s:>22,.0f}{words / ours_s:>22,.0f}")


def sentence_effects(path: Path) -> None:
    """How many entities the NER-only pipeline finds differently from the full pipeline."""
    import spacy

    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    full = spacy.load(DEFAULT_MODEL)
    ner = load_pipeline()
    start = time.perf_counter()
    a = {(i, e.start_char, e.end_char, e.label_) for i, d in enumerate(full.pipe(texts)) for e in d.ents}
    full_s = time.perf_counter() - start
    start = time.perf_counter()
    b = {(i, e.start_char, e.end_char, e.label_) for i, d in enumerate(ner.pipe(texts)) for e in d.ents}
    ner_s = time.perf_counter() - start
    print(f"{path.name}: full pipeline {len(a)} entities, NER only {len(b)}, differing {len(a ^ b)};", end=" ")
    print(f"NER only is {full_s / ner_s:.1f}x as fast")


def long_article() -> Article:
    """The bundled sample with its body repeated to about 800 words, all our own text."""
    sample = load_article(REPO / "resources" / "sample-article.txt")
    return dataclasses.replace(sample, blocks=sample.blocks * 2 + sample.blocks[:6])


def joined(article: Article) -> str:
    parts: Iterable[str] = [article.headline, *(b.text for b in article.blocks)]
    if article.caption:
        parts = [*parts, article.caption.text, article.caption.credit or ""]
    return "\n\n".join(parts)


def long_paragraph() -> Article:
    """The sample's body run together into one block of about 100,000 characters (a page with no line breaks)."""
    sample = load_article(REPO / "resources" / "sample-article.txt")
    body = " ".join(b.text for b in sample.blocks)
    block = dataclasses.replace(sample.blocks[0], text=" ".join([body] * (100_000 // len(body) + 1)))
    return dataclasses.replace(sample, blocks=(block,))


def long_paragraph_speed() -> None:
    """Thousands of mentions in one block: our rules must stay linear (this once took 43 s for 270 kB)."""
    nlp = load_pipeline()
    article = long_paragraph()
    text = joined(article)
    start = time.perf_counter()
    nlp(text)
    raw = time.perf_counter() - start
    start = time.perf_counter()
    (extracted,) = extract_many([article])
    ours = time.perf_counter() - start
    mentions = sum(e.count for e in extracted.entities)
    print(f"\none {len(article.blocks[0].text):,}-character paragraph, {mentions:,} mentions:", end=" ")
    print(f"raw NER {raw:.2f} s, ours {ours:.2f} s, cost ratio {ours / raw:.2f}x")


def speed(repeat: int) -> None:
    nlp = load_pipeline()
    article = long_article()
    text = joined(article)
    words = len(text.split())
    list(extract_many([article]))
    nlp(text)
    raw = ours = float("inf")
    for _ in range(repeat):  # best of N for each, interleaved so both see the same machine state
        start = time.perf_counter()
        nlp(text)
        raw = min(raw, time.perf_counter() - start)
        start = time.perf_counter()
        list(extract_many([article]))
        ours = min(ours, time.perf_counter() - start)
    print(f"\nsingle article ({words} words): raw NER {1000 * raw:.1f} ms, ours {1000 * ours:.1f} ms,", end=" ")
    print(f"cost ratio {ours / raw:.2f}x")
    batch = [article] * 40
    texts = [text] * 40
    start = time.perf_counter()
    list(nlp.pipe(texts))
    raw_batch = time.perf_counter() - start
    start = time.perf_counter()
    list(extract_many(batch))
    our_batch = time.perf_counter() - start
    total = words * len(batch)
    print(
        f"batch of {len(batch)}: raw nlp.pipe {total / raw_batch:,.0f} words/s, ours {total / our_batch:,.0f} words/s,",
        end=" ",
    )
    print(f"ratio {raw_batch / our_batch:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=REPO.parent / "shared" / "corpus" / "ner-gold")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    start = time.perf_counter()
    load_pipeline()
    print(f"{DEFAULT_MODEL}: NER-only pipeline loaded in {time.perf_counter() - start:.2f} s")
    gold_sets = sorted(args.gold_dir.glob("*.jsonl")) if args.gold_dir.is_dir() else []
    for path in gold_sets:
        score_set(path)
    if gold_sets:
        print("\nsentence-boundary effects of excluding the other components:")
        for path in gold_sets:
            sentence_effects(path)
    speed(args.repeat)
    long_paragraph_speed()


if __name__ == "__main__":
    main()
