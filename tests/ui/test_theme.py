"""The light and dark looks: controls stay visible in both."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton

from viewer.ui.theme import ThemeChoice, apply_theme


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
