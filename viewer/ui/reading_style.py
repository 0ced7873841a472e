"""Fusion with check boxes that keep a visible edge in both looks.

Imported after the window's first paint (see ``viewer.ui.theme.install_reading_style``): a Python
style class makes PySide6 build the ``QStyle`` enums (about 48 M instructions, 15 ms) and routes
every primitive Fusion draws through Python.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QWidget

#: Check boxes in dialogs, the panel's "Highlight" box and the tree's per-type boxes.
_CHECK_INDICATORS = (
    QStyle.PrimitiveElement.PE_IndicatorCheckBox,
    QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck,
)


class ReadingStyle(QProxyStyle):
    """Fusion, with check boxes whose edge shows in both looks.

    Fusion outlines an indicator in the window colour darkened by 40 %: on the light palette
    that is a faint grey (1.8:1 against the box), on the dark one the same near-black as the
    box's own fill, so an unticked box disappears. The edge is redrawn in the placeholder-text
    colour, which keeps 3:1 against both bases.
    """

    def drawPrimitive(  # noqa: N802 - Qt override
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        """Draw as Fusion does, then give check indicators their edge."""
        super().drawPrimitive(element, option, painter, widget)
        if element not in _CHECK_INDICATORS:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(option.palette.color(QPalette.ColorRole.PlaceholderText), 1))
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.restore()
