"""The app's icons, drawn as vectors in the palette's text colour.

Drawn rather than loaded, so they are sharp at every scale (high-DPI screens), follow light
and dark palettes (a dark glyph would vanish on a dark toolbar), and cost nothing to load
at start-up: a glyph is drawn only when Qt first paints it. Each glyph is a few strokes in
a 24×24 design box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)

from qbr_studio.ui.theme import ACCENT

DESIGN = 24.0
"""Side of the box the glyphs are drawn in; scaled to whatever size Qt asks for."""
STROKE = 1.8
"""Line width in design units."""

Glyph = Callable[[QPainter], None]


def _path(*points: tuple[float, float], close: bool = False) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    for point in points[1:]:
        path.lineTo(QPointF(*point))
    if close:
        path.closeSubpath()
    return path


def _open(p: QPainter) -> None:
    p.drawPath(_path((3, 6), (9, 6), (11, 8.5), (21, 8.5), (21, 19), (3, 19), close=True))


def _save(p: QPainter) -> None:
    p.drawPath(_path((12, 3.5), (12, 14)))
    p.drawPath(_path((7.5, 9.5), (12, 14), (16.5, 9.5)))
    p.drawPath(_path((4, 14.5), (4, 20), (20, 20), (20, 14.5)))


def _undo(p: QPainter) -> None:
    p.drawPath(_path((8.5, 5.5), (4, 10), (8.5, 14.5)))
    curve = QPainterPath(QPointF(4, 10))
    curve.lineTo(14, 10)
    curve.cubicTo(18.5, 10, 20.5, 12.5, 20.5, 15)
    curve.cubicTo(20.5, 17.5, 18.5, 19.5, 15, 19.5)
    curve.lineTo(11, 19.5)
    p.drawPath(curve)


def _redo(p: QPainter) -> None:
    p.translate(DESIGN, 0)
    p.scale(-1, 1)
    _undo(p)


def _table(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(3.5, 4.5, 17, 15), 1.5, 1.5)
    for y in (9.5, 14.5):
        p.drawLine(QPointF(3.5, y), QPointF(20.5, y))
    p.drawLine(QPointF(9.5, 4.5), QPointF(9.5, 19.5))


def _deck(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(3, 4, 18, 12), 1.2, 1.2)
    p.drawLine(QPointF(12, 16), QPointF(12, 19.5))
    p.drawLine(QPointF(8, 20), QPointF(16, 20))
    for x, top in ((8, 11), (12, 8.5), (16, 10)):
        p.drawLine(QPointF(x, 13.5), QPointF(x, top))


def _document(p: QPainter) -> None:
    p.drawPath(_path((6, 3.5), (14, 3.5), (19, 8.5), (19, 20.5), (6, 20.5), close=True))
    p.drawPath(_path((14, 3.5), (14, 8.5), (19, 8.5)))


def _new(p: QPainter) -> None:
    _document(p)
    p.drawLine(QPointF(12.5, 11), QPointF(12.5, 18))
    p.drawLine(QPointF(9, 14.5), QPointF(16, 14.5))


def _pdf(p: QPainter) -> None:
    _document(p)
    for y in (12, 15, 18):
        p.drawLine(QPointF(9, y), QPointF(16, y))


def _up(p: QPainter) -> None:
    p.drawPath(_path((6, 15), (12, 9), (18, 15)))


def _down(p: QPainter) -> None:
    p.drawPath(_path((6, 9), (12, 15), (18, 9)))


def _quit(p: QPainter) -> None:
    p.drawLine(QPointF(6.5, 6.5), QPointF(17.5, 17.5))
    p.drawLine(QPointF(17.5, 6.5), QPointF(6.5, 17.5))


GLYPHS: dict[str, Glyph] = {
    "open": _open,
    "save": _save,
    "undo": _undo,
    "redo": _redo,
    "import": _table,
    "build": _deck,
    "new": _new,
    "pdf": _pdf,
    "up": _up,
    "down": _down,
    "quit": _quit,
}
"""Icon names and how each is drawn."""


class GlyphEngine(QIconEngine):
    """Paints one glyph in the colour the current palette gives text in the icon's mode."""

    def __init__(self, glyph: Glyph) -> None:
        super().__init__()
        self._glyph = glyph

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
        elif mode == QIcon.Mode.Selected:
            color = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            color = palette.color(QPalette.ColorRole.ButtonText)
        side = min(rect.width(), rect.height())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(
            rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2
        )
        painter.scale(side / DESIGN, side / DESIGN)
        # Default caps and joins: naming Qt.RoundCap would make PySide create every Qt.*
        # enum during the first paint (see main_window's docstring).
        painter.setPen(QPen(color, STROKE))
        painter.setBrush(QBrush())
        self._glyph(painter)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """The glyph at ``size`` logical pixels, drawn at ``scale`` device pixels each (sharp
        on high-DPI screens); Qt's default would leave the pixmap's background undefined."""
        pixmap = QPixmap(size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return GlyphEngine(self._glyph)


_engines: list[GlyphEngine] = []  # Python must keep the engines alive as long as the icons


def icon(name: str) -> QIcon:
    """The icon ``name`` (a key of :data:`GLYPHS`)."""
    engine = GlyphEngine(GLYPHS[name])
    _engines.append(engine)
    return QIcon(engine)


APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon at several sizes (see :func:`draw_app_icon`)."""
    result = QIcon()
    for size in APP_ICON_SIZES:
        result.addPixmap(draw_app_icon(size))
    return result


def draw_app_icon(size: int) -> QPixmap:
    """A rounded square in the accent colour with a white bar chart: the one source of every
    platform's icon file (``tools/bundle.py`` renders ``resources/icons`` from it)."""
    from PySide6.QtCore import Qt

    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ACCENT)
    painter.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2)
    painter.setBrush(QColor("white"))
    bar = size * 0.16
    for i, height in enumerate((0.3, 0.5, 0.7)):
        x = size * 0.2 + i * bar * 1.45
        painter.drawRect(QRectF(x, size * (0.82 - height), bar, size * height))
    painter.end()
    return pixmap
