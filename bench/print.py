"""PDF export time of the seed article and of a ~30-page article, against Qt's own plain-text print.

Usage: python bench/print.py [SHARED_DIR]   (default ../shared)

The long article joins 45 BBC corpus files into one. The baseline, measured in the same run on
the same text, is QTextDocument.print_() of the article as plain text: Qt's own pagination with
no styling, no header or footer and no page plan. Entities are extracted once, untimed, so the
run with marks and appendix measures printing them. All write an A4 PDF at the printer's high
resolution; the figures are the best of several rounds, and the ratio says what our page
furniture, styling and line-exact painting cost on top of Qt's floor.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
from PySide6.QtGui import QGuiApplication, QTextDocument

from viewer.model import Article, load_article
from viewer.model.entities import extract_entities
from viewer.ui.print_document import PrintOptions
from viewer.ui.printing import new_printer, write_pdf

ROUNDS = 5
JOINED_FILES = 45


def plain_text(article: Article) -> str:
    return "\n\n".join([article.headline, *(block.text for block in article.blocks)])


def qt_print(article: Article, out: Path) -> None:
    """The baseline: Qt's QTextDocument.print_ of the same words."""
    printer = new_printer("a4")
    printer.setOutputFileName(str(out))
    document = QTextDocument()
    document.setPlainText(plain_text(article))
    document.print_(printer)


def our_print(options: PrintOptions) -> Callable[[Article, Path], None]:
    def run(article: Article, out: Path) -> None:
        write_pdf(article, str(out), options, new_printer("a4"))

    return run


def best_of(fn: Callable[[Article, Path], None], article: Article, out: Path) -> tuple[float, int]:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        fn(article, out)
        times.append(time.perf_counter() - start)
    return min(times), len(pypdf.PdfReader(out).pages)


def joined_article(shared: Path, folder: Path) -> Article | None:
    files = sorted((shared / "corpus" / "bbc-news" / "articles").glob("*/*.txt"))[::12][:JOINED_FILES]
    if len(files) < JOINED_FILES:
        return None
    parts = ["A long read made of many short ones"]
    parts += [f.read_text(encoding="utf-8", errors="replace").strip() for f in files]
    path = folder / "joined.txt"
    path.write_text("\n\n".join(parts), encoding="utf-8")
    return load_article(path)


def main() -> int:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared"
    seed = shared / "seeds" / "000_24947ef1d764ed2f.txt"
    if not seed.is_file():
        print(f"no seed article under {shared}", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        articles = {"seed": load_article(seed)}
        joined = joined_article(shared, folder)
        if joined is not None:
            articles[f"{JOINED_FILES} BBC files joined"] = joined
        # Entities are found once, outside the timing: the marks and the appendix need them.
        articles = {name: extract_entities(article) for name, article in articles.items()}
        out = folder / "out.pdf"
        our_print(PrintOptions())(articles["seed"], out)  # warm fonts and imports
        print(f"A4 PDF export, best of {ROUNDS} rounds")
        for name, article in articles.items():
            base, base_pages = best_of(qt_print, article, out)
            ours, pages = best_of(our_print(PrintOptions()), article, out)
            marked, marked_pages = best_of(our_print(PrintOptions(highlights=True, appendix=True)), article, out)
            print(f"{name}: {len(article.blocks)} blocks, {len(article.entities)} entities")
            print(f"  QTextDocument.print_ plain text (baseline): {base * 1000:8.1f} ms  {base_pages:3d} pages")
            print(f"  write_pdf:                                  {ours * 1000:8.1f} ms  {pages:3d} pages")
            print(f"  write_pdf, marks + appendix:                {marked * 1000:8.1f} ms  {marked_pages:3d} pages")
            print(f"  ratio write_pdf/baseline: {ours / base:.2f}x, with marks + appendix {marked / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
