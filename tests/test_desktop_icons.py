"""The shipped icon PNGs are the SVG rendered at each size (regenerate: ``python tests/test_desktop_icons.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from viewer import APP_ID, ICON_SIZES

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / f"{APP_ID}.svg"


def render(size: int) -> QImage:
    """The SVG drawn into a transparent square of ``size`` pixels."""
    renderer = QSvgRenderer(str(SVG))
    assert renderer.isValid(), f"{SVG} does not parse"
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_is_the_svg_rendered_at_its_size(qapp: QGuiApplication, size: int) -> None:
    shipped = QImage(str(ICONS / f"{APP_ID}-{size}.png")).convertToFormat(QImage.Format.Format_ARGB32)
    assert (shipped.width(), shipped.height()) == (size, size)
    fresh = render(size)
    worst = max(
        abs(a - b)
        for y in range(0, size, max(1, size // 64))
        for x in range(0, size, max(1, size // 64))
        for a, b in zip(shipped.pixelColor(x, y).getRgb(), fresh.pixelColor(x, y).getRgb(), strict=True)
    )
    assert worst <= 8, f"{APP_ID}-{size}.png is stale: run python tests/test_desktop_icons.py"


def test_icon_corners_are_transparent_and_centre_is_the_page(qapp: QGuiApplication) -> None:
    image = QImage(str(ICONS / f"{APP_ID}-64.png"))
    assert image.hasAlphaChannel()
    assert image.pixelColor(0, 63).alpha() == 0
    assert image.pixelColor(32, 52).alpha() == 255


if __name__ == "__main__":
    app = QGuiApplication(sys.argv[:1])
    for icon_size in ICON_SIZES:
        render(icon_size).save(str(ICONS / f"{APP_ID}-{icon_size}.png"))
