"""The light and dark looks: controls stay visible in both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from viewer.ui.theme import ThemeChoice, apply_theme, install_reading_style, is_dark


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("choice", [ThemeChoice.LIGHT, ThemeChoice.DARK])
def test_unticked_check_box_has_a_visible_edge(qtbot, choice: ThemeChoice) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, choice)
    install_reading_style(app)
    try:
        box = QCheckBox("Highlight entities in the text")
        qtbot.addWidget(box)
        box.show()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        image = box.grab().toImage()
        ratio = image.devicePixelRatio()
        edge = image.pixelColor(int(indicator.left() * ratio), int(indicator.center().y() * ratio))
        inside = image.pixelColor(int(indicator.center().x() * ratio), int(indicator.center().y() * ratio))
        assert _contrast(edge, inside) >= 2.5
        assert _contrast(edge, app.palette().color(QPalette.ColorRole.Window)) >= 2.5
    finally:
        apply_theme(app, ThemeChoice.LIGHT)


def test_the_app_is_fusion_whatever_the_platform_asks_and_its_style_comes_once_the_entities_are_in(
    sample_path: Path,
) -> None:
    """Fusion comes as a start-up option, the Python style once the entities are shown: it would hold up both."""
    script = f"""
import tempfile
from PySide6.QtCore import QTimer
from viewer.ui.app import application
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import open_store
app = application()
window = MainWindow(open_store(tempfile.mkdtemp() + "/s.ini"))
window.show()
window.open_paths([{str(sample_path)!r}])
print(app.style().name(), type(app.style()).__name__)
window.settled.connect(lambda: print("settled", type(app.style()).__name__))
shown = []
window.model.entities_ready.connect(lambda _article: shown.append(type(app.style()).__name__))
poll = QTimer(interval=10, timeout=lambda: type(app.style()).__name__ == "ReadingStyle" and app.quit())
poll.start()
QTimer.singleShot(60_000, app.quit)
app.exec()
print("entities", *shown)
window.model.wait()
print(app.style().baseStyle().name(), type(app.style()).__name__)
"""
    env = dict(os.environ, QT_STYLE_OVERRIDE="Windows", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:4] == [
        "fusion QCommonStyle",
        "settled QCommonStyle",
        "entities QCommonStyle",
        "fusion ReadingStyle",
    ]


def test_the_first_look_reads_the_platform_palette_and_the_colour_scheme_decides_once_entities_show(
    qtbot, window_factory, article_file: Path
) -> None:  # type: ignore[no-untyped-def]
    """At start-up a dark platform palette means dark (asking for the scheme would cost ~20 ms); once the
    first article's entities are shown the colour scheme decides (offscreen reports none: light)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        apply_theme(app, ThemeChoice.DARK)  # what a platform in dark mode hands Fusion
        assert is_dark(ThemeChoice.SYSTEM, first_look=True)
        window = window_factory()
        assert window.dark  # the first look, from the palette
        with qtbot.waitSignal(window.settled, timeout=10_000):
            window.open_paths([str(article_file)])
        assert window.model.entities_done or window.dark  # no exact answer while entities are still coming
        qtbot.waitUntil(lambda: not window.dark, timeout=10_000)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 128
        assert not is_dark(ThemeChoice.SYSTEM, first_look=True)
    finally:
        apply_theme(app, ThemeChoice.LIGHT)


def test_with_highlighting_off_the_check_box_style_comes_once_the_window_settled(
    sample_path: Path, tmp_path: Path
) -> None:
    """An unticked "Highlight" box has no visible edge in the dark look without the style: it cannot wait."""
    script = f"""
from viewer.ui.app import application
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import open_store
app = application()
store = open_store({str(tmp_path / "s.ini")!r})
store.setValue("highlights/enabled", False)
store.setValue("reading/theme", "dark")
window = MainWindow(store)
window.open_paths([{str(sample_path)!r}])
window.show()
window.settled.connect(lambda: (print(window.model.entities_done, type(app.style()).__name__), app.quit()))
app.exec()
window.model.wait()
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[0] == "False ReadingStyle"
