"""Start the Qt application and show the first article."""

from __future__ import annotations

import html
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser

from viewer.model import LoadError, load_article


def run_gui(paths: Sequence[str]) -> int:
    """Open a window on the first readable path and run the event loop."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    view = QTextBrowser()
    view.setOpenLinks(False)
    window.setCentralWidget(view)
    for path in paths:
        try:
            article = load_article(path)
        except LoadError as exc:
            view.setPlainText(str(exc))
            continue
        body = "".join(f"<p>{html.escape(b.text)}</p>" for b in article.blocks)
        view.setHtml(f"<h1>{html.escape(article.headline)}</h1>{body}")
        window.setWindowTitle(article.headline)
        break
    window.resize(900, 700)
    window.show()
    return app.exec()
