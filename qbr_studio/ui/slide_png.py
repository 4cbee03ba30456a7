"""Slides drawn by the app's own painter into PNG files (``qbr-studio template check``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QImage, QPainter

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.storage import atomic_write_bytes
from qbr_studio.ui.app_instance import ensure_gui_app
from qbr_studio.ui.fonts import register_fonts
from qbr_studio.ui.slide_painter import paint_slide

PNG_WIDTH = 1280
"""Pixels across a slide's PNG."""


def slide_png(plan: DeckPlan, index: int, width: int = PNG_WIDTH) -> bytes:
    """Slide ``index`` of ``plan`` as PNG bytes, ``width`` pixels across."""
    ensure_gui_app()
    register_fonts()
    height = max(1, round(width * plan.slide_height / plan.slide_width))
    image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        paint_slide(painter, plan, index, QRectF(0, 0, width, height))
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_slide_png(plan: DeckPlan, index: int, path: Path) -> None:
    """Slide ``index`` written to ``path`` as a PNG, atomically."""
    atomic_write_bytes(path, slide_png(plan, index))
