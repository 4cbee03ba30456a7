"""An interactive chart: a ChartSpec drawn by matplotlib (:mod:`qbr_studio.charts.mpl`) on
matplotlib's Qt canvas, the value under the mouse shown as a tooltip, and a context menu to
save it as PNG or SVG. matplotlib is imported when the first chart is shown, not before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QStackedLayout, QToolTip, QWidget

from qbr_studio.ui.chart_export import add_save_actions

if TYPE_CHECKING:
    from qbr_studio.charts.mpl import Drawing
    from qbr_studio.charts.render_style import RenderStyle
    from qbr_studio.charts.spec import ChartSpec


class MplChartView(QWidget):
    """Shows ``spec`` in ``style``; ``empty_text`` when there is no chart (or no style yet)."""

    def __init__(
        self, empty_text: str, folder: Callable[[], Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec: ChartSpec | None = None
        self.style_: RenderStyle | None = None
        self.drawing: Drawing | None = None
        self.canvas: Any = None
        self.empty_text = empty_text
        self._folder = folder
        self._layout = QStackedLayout(self)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)

    def sizeHint(self) -> QSize:
        return QSize(520, 320)

    def set_style(self, style: RenderStyle) -> None:
        self.style_ = style
        self._redraw()

    def set_chart(self, spec: ChartSpec | None) -> None:
        self.spec = spec
        self.setAccessibleDescription(spec.alt_text if spec else self.empty_text)
        self._redraw()

    def _redraw(self) -> None:
        if self.spec is None or self.style_ is None:
            self.drawing = None
            self._layout.setCurrentWidget(self.empty)
            return
        from qbr_studio.charts.mpl import draw

        canvas = self._canvas()
        self.drawing = draw(canvas.figure, self.spec, self.style_)
        canvas.draw_idle()
        self._layout.setCurrentWidget(canvas)

    def _canvas(self) -> Any:
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self.canvas = FigureCanvasQTAgg(Figure())
            self.canvas.setParent(self)
            self.canvas.setAccessibleName(self.accessibleName() or "Chart")
            self.canvas.mpl_connect("motion_notify_event", self._hover)
            self._layout.addWidget(self.canvas)
        return self.canvas

    def hover_text(self, event: Any) -> str | None:
        """The value under a matplotlib mouse event, as the tooltip says it."""
        if self.drawing is None or event.inaxes is None:
            return None
        mark = self.drawing.mark_at(event)
        return mark.text if mark is not None else None

    def _hover(self, event: Any) -> None:
        text = self.hover_text(event)
        if text is None:
            QToolTip.hideText()
            return
        ratio = self.canvas.device_pixel_ratio or 1.0
        local = QPoint(round(event.x / ratio), round(self.canvas.height() - event.y / ratio))
        QToolTip.showText(self.canvas.mapToGlobal(local), text, self.canvas)

    def context_menu(self) -> QMenu | None:
        """The chart's menu: save it as PNG or SVG (None when no chart is shown)."""
        if self.spec is None or self.style_ is None:
            return None
        menu = QMenu(self)
        style = self.style_
        add_save_actions(menu, self, self.spec, lambda: style, self._folder)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        if menu is not None:
            menu.exec(event.globalPos())
