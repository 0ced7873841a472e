"""The light and dark looks: controls stay visible in both."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from viewer.ui.theme import ThemeChoice, apply_theme, install_reading_style


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


def test_the_app_is_fusion_whatever_the_platform_asks_and_its_style_comes_once_the_window_settled(
    sample_path: Path,
) -> None:
    """Fusion comes as a start-up option and the Python style after the article: both keep ~15 ms off start-up."""
    script = f"""
import tempfile
from viewer.ui.app import application
from viewer.ui.main_window import MainWindow
from viewer.ui.settings import open_store
app = application()
window = MainWindow(open_store(tempfile.mkdtemp() + "/s.ini"))
window.show()
window.open_paths([{str(sample_path)!r}])
print(app.style().name(), type(app.style()).__name__)
window.settled.connect(app.quit)
app.exec()
window.model.wait()
print(app.style().baseStyle().name(), type(app.style()).__name__)
"""
    env = dict(os.environ, QT_STYLE_OVERRIDE="Windows", QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["fusion QCommonStyle", "fusion ReadingStyle"]
