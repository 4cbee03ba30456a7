"""A widget showing one chart exactly as the deck will draw it (the preview's chart painter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

if TYPE_CHECKING:
    from qbr_studio.charts.spec import ChartSpec
    from qbr_studio.deck.plan import Palette

PIXELS_PER_POINT = 1.1
"""Chart text a little larger than the slide's points: readable beside the editors."""


class ChartView(QWidget):
    """Draws ``spec`` in the template's ``palette``; shows ``empty_text`` when there is none."""

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self.palette_: Palette | None = None
        self.font_family = "Calibri"
        self.empty_text = empty_text
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumSize(240, 240)

    def sizeHint(self) -> QSize:
        return QSize(360, 260)

    def set_chart(self, spec: ChartSpec | None) -> None:
        self.spec = spec
        self.setAccessibleDescription(spec.alt_text if spec else self.empty_text)
        self.setToolTip(spec.alt_text if spec else "")
        self.update()

    def set_palette(self, palette: Palette, font_family: str) -> None:
        self.palette_, self.font_family = palette, font_family
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        if self.spec is None or self.palette_ is None:
            painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            painter.end()
            return
        from qbr_studio.ui.chart_painter import paint_chart

        color = self.palette_.background
        background = QColor(color.r, color.g, color.b)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.palette().color(self.palette().ColorRole.Mid))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 4, 4)
        paint_chart(
            painter,
            self.spec,
            rect.adjusted(4, 4, -4, -4),
            self.palette_,
            PIXELS_PER_POINT,
            self.font_family,
        )
        painter.end()
