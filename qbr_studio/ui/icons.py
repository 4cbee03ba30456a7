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
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTransform,
)

from qbr_studio.ui.theme import ACCENT

DESIGN = 24.0
"""Side of the box the glyphs are drawn in; scaled to whatever size Qt asks for."""
STROKE = 1.8
"""Line width in design units."""

Glyph = Callable[[QPainterPath], None]
"""Adds a glyph's strokes to a path in the design box (stroked with one pen by the engine:
a path and QPainter.strokePath name no Qt.* enum, see GlyphEngine.paint)."""


def _poly(path: QPainterPath, *points: tuple[float, float], close: bool = False) -> None:
    path.moveTo(QPointF(*points[0]))
    for point in points[1:]:
        path.lineTo(QPointF(*point))
    if close:
        path.closeSubpath()


def _open(p: QPainterPath) -> None:
    _poly(p, (3, 6), (9, 6), (11, 8.5), (21, 8.5), (21, 19), (3, 19), close=True)


def _save(p: QPainterPath) -> None:
    _poly(p, (12, 3.5), (12, 14))
    _poly(p, (7.5, 9.5), (12, 14), (16.5, 9.5))
    _poly(p, (4, 14.5), (4, 20), (20, 20), (20, 14.5))


def _undo(p: QPainterPath) -> None:
    _poly(p, (8.5, 5.5), (4, 10), (8.5, 14.5))
    p.moveTo(QPointF(4, 10))
    p.lineTo(14, 10)
    p.cubicTo(18.5, 10, 20.5, 12.5, 20.5, 15)
    p.cubicTo(20.5, 17.5, 18.5, 19.5, 15, 19.5)
    p.lineTo(11, 19.5)


def _redo(p: QPainterPath) -> None:
    undo = QPainterPath()
    _undo(undo)
    p.addPath(QTransform(-1, 0, 0, 1, DESIGN, 0).map(undo))  # undo, mirrored


def _table(p: QPainterPath) -> None:
    p.addRoundedRect(QRectF(3.5, 4.5, 17, 15), 1.5, 1.5)
    for y in (9.5, 14.5):
        _poly(p, (3.5, y), (20.5, y))
    _poly(p, (9.5, 4.5), (9.5, 19.5))


def _deck(p: QPainterPath) -> None:
    p.addRoundedRect(QRectF(3, 4, 18, 12), 1.2, 1.2)
    _poly(p, (12, 16), (12, 19.5))
    _poly(p, (8, 20), (16, 20))
    for x, top in ((8, 11), (12, 8.5), (16, 10)):
        _poly(p, (x, 13.5), (x, top))


def _document(p: QPainterPath) -> None:
    _poly(p, (6, 3.5), (14, 3.5), (19, 8.5), (19, 20.5), (6, 20.5), close=True)
    _poly(p, (14, 3.5), (14, 8.5), (19, 8.5))


def _new(p: QPainterPath) -> None:
    _document(p)
    _poly(p, (12.5, 11), (12.5, 18))
    _poly(p, (9, 14.5), (16, 14.5))


def _pdf(p: QPainterPath) -> None:
    _document(p)
    for y in (12, 15, 18):
        _poly(p, (9, y), (16, y))


def _up(p: QPainterPath) -> None:
    _poly(p, (6, 15), (12, 9), (18, 15))


def _down(p: QPainterPath) -> None:
    _poly(p, (6, 9), (12, 15), (18, 9))


def _quit(p: QPainterPath) -> None:
    _poly(p, (6.5, 6.5), (17.5, 17.5))
    _poly(p, (17.5, 6.5), (6.5, 17.5))


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
        # The first paint must name no Qt.* enum (PySide would create them all, see
        # main_window's docstring): not Qt.RoundCap, and not QPen(color, width) or
        # QPainter.setPen, whose overloads take Qt.* values. QPen() has the default solid
        # line, square caps and bevel joins, and strokePath takes only a pen.
        pen = QPen()
        pen.setColor(color)
        pen.setWidthF(STROKE)
        path = QPainterPath()
        self._glyph(path)
        painter.strokePath(path, pen)
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
