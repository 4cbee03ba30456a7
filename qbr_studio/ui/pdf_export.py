"""The deck as a PDF, drawn from the same slide plan as the .pptx, without PowerPoint or
LibreOffice: one page per slide, the page the slide's size, text as real (vector) text in the
bundled fonts, written atomically so a half-written PDF never replaces a good one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from qbr_studio.deck.geometry import EMU_PER_PT
from qbr_studio.deck.plan import DeckPlan
from qbr_studio.errors import UserError
from qbr_studio.storage import atomic_write_bytes
from qbr_studio.ui.app_instance import ensure_gui_app
from qbr_studio.ui.fonts import register_fonts
from qbr_studio.ui.slide_painter import paint_slide

RESOLUTION = 1200
"""Dots per inch of the PDF's drawing grid; text and shapes stay vectors at any zoom."""
CREATOR = "QBR Studio"


def page_size(plan: DeckPlan) -> QPageSize:
    """A custom page exactly the slide's size, in points."""
    size = QSizeF(plan.slide_width / EMU_PER_PT, plan.slide_height / EMU_PER_PT)
    return QPageSize(size, QPageSize.Unit.Point, "Slide", QPageSize.SizeMatchPolicy.ExactMatch)


def render_pdf(plan: DeckPlan, title: str = "") -> bytes:
    """The PDF of ``plan`` as bytes; ``title`` goes into the document's properties (the first
    slide's title when empty)."""
    if not plan.slides:
        raise UserError("The deck has no slides, so there is nothing to export to PDF.")
    ensure_gui_app()
    register_fonts()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setCreator(CREATOR)
    writer.setTitle(title or plan.slides[0].title)
    layout = QPageLayout(page_size(plan), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    writer.setPageLayout(layout)
    _paint_pages(writer, plan)
    buffer.close()
    return bytes(data.data())


def _paint_pages(writer: QPdfWriter, plan: DeckPlan) -> None:
    painter = QPainter(writer)
    try:
        page = QRectF(0, 0, writer.width(), writer.height())
        for index in range(len(plan.slides)):
            if index:
                writer.newPage()
            paint_slide(painter, plan, index, page)
    finally:
        painter.end()


def export_pdf(plan: DeckPlan, path: Path) -> None:
    """Write the deck as a PDF to ``path``, replacing any file there only once it is complete.

    Raises :class:`UserError` naming the file when it cannot be written.
    """
    atomic_write_bytes(Path(path), render_pdf(plan))
