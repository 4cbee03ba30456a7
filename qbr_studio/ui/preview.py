"""The live preview: slide thumbnails and a large view of the selected slide, both drawn
from the deck's slide plan by :func:`~qbr_studio.ui.slide_painter.paint_slide`, so the preview
shows exactly the deck that will be written, continuation slides included.

The large slide is as big as the pane allows: the thumbnails go in a column beside it or in
rows under it, whichever shows it larger (:mod:`qbr_studio.ui.preview_layout`), and neither
part ever scrolls sideways.

Refreshing after an edit is cheap: :meth:`PreviewPane.set_plan` compares each slide's plan
with the one its thumbnail shows and re-renders only the slides that changed. It draws none of
them itself: the large slide is painted from the plan at once, and once it is on screen the
thumbnails waiting to be drawn are drawn one per event-loop turn, the selected slide's and its
neighbours' first (a deck's sixteen take about as long as planning it), so the slide shows
without waiting for them and typing is never held up by them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QIcon,
    QImage,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QWidget,
)

from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import Chart, DeckPlan, Drawn, Palette, SlidePlan
from qbr_studio.model.deck_kinds import SlideKind
from qbr_studio.ui.after_paint import AfterPaint
from qbr_studio.ui.fonts import register_fonts
from qbr_studio.ui.preview_layout import Arrangement, Box, arrange
from qbr_studio.ui.slide_painter import paint_slide, slide_frame

if TYPE_CHECKING:
    from qbr_studio.deck.backdrop import Backdrop

THUMB_WIDTH = 176
"""Logical pixels: width of a thumbnail (its height follows the slide's aspect ratio)."""
STRIP_MARGIN = 28
"""Logical pixels the thumbnail strip adds to a thumbnail's width (spacing, scroll bar)."""
CELL_PADDING = 12
"""Logical pixels around a thumbnail and its number when the thumbnails sit in rows."""
VIEW_MARGIN = 16
"""Logical pixels between the large view's edge and the slide."""
FRAME_COLOR = QColor(0, 0, 0, 60)
"""Hairline drawn around a slide so a white slide stands out from a white window."""
THUMBNAILS_WAIT_MS = 100
"""Thumbnails wait for the large slide's paint at most this long (the pane may be hidden)."""


def render_thumbnail(plan: DeckPlan, index: int, width: int, ratio: float) -> QPixmap:
    """Slide ``index`` as a pixmap ``width`` logical pixels wide, sharp on a screen with
    device pixel ratio ``ratio`` (2.0 on a typical high-DPI display)."""
    return _thumbnail(plan, index, width, ratio)


def blank_thumbnail(plan: DeckPlan, width: int, ratio: float) -> QPixmap:
    """A thumbnail's place while it waits to be drawn: an empty slide of the same size (the
    strip lays its items out by the first one's icon)."""
    return _thumbnail(plan, None, width, ratio)


def _thumbnail(plan: DeckPlan, index: int | None, width: int, ratio: float) -> QPixmap:
    """A framed white slide-sized pixmap, with slide ``index`` painted on it unless None."""
    height = round(width * plan.slide_height / plan.slide_width)
    image = QImage(
        max(1, round(width * ratio)),
        max(1, round(height * ratio)),
        QImage.Format.Format_ARGB32_Premultiplied,
    )
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    try:
        area = QRectF(0, 0, width, height)
        if index is not None:
            paint_slide(painter, plan, index, area)
        painter.setPen(FRAME_COLOR)
        painter.drawRect(area.adjusted(0, 0, -1 / ratio, -1 / ratio))
    finally:
        painter.end()
    return QPixmap.fromImage(image)


@dataclass(frozen=True)
class _DeckLook:
    """What every slide's picture depends on besides its own plan."""

    size: tuple[int, int]
    palette: Palette
    fonts: tuple[str, str]
    footer_rect: Rect | None
    title_rect: Rect | None
    backdrops: tuple[tuple[str, Backdrop], ...]
    """The template's artwork, background and title boxes, per kind of slide."""
    palettes: tuple[tuple[str, Palette], ...]
    """The colours of slide kinds whose layout differs from the content slides'."""

    @classmethod
    def of(cls, plan: DeckPlan) -> _DeckLook:
        return cls(
            (plan.slide_width, plan.slide_height),
            plan.palette,
            (plan.heading_font, plan.body_font),
            plan.footer_rect,
            plan.title_rect,
            tuple(sorted(plan.backdrops.items())),
            tuple(sorted(plan.palettes.items())),
        )


@dataclass(frozen=True)
class _SlideLook:
    """The parts of a slide's plan that show: its layout's backdrop (by kind), the number a
    backdrop's slide-number field shows, and everything drawn; notes and section don't change
    the picture."""

    kind: SlideKind
    number: int
    drawn: tuple[Drawn, ...]

    @classmethod
    def of(cls, slide: SlidePlan) -> _SlideLook:
        return cls(slide.kind, slide.number, tuple(slide.drawn()))


class SlideView(QWidget):
    """One slide, as large as the widget allows, redrawn from the plan on every paint."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan: DeckPlan | None = None
        self._index = -1
        self.setAccessibleName("Slide preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(False)
        self.folder: Callable[[], Path] = _documents
        """Where "Save chart as…" starts (the window sets the review's folder)."""

    def sizeHint(self) -> QSize:
        return QSize(960, 540)

    def set_slide(self, plan: DeckPlan | None, index: int) -> None:
        """Show slide ``index`` of ``plan`` (nothing when the index is out of range)."""
        self._plan = plan
        self._index = index
        has_slide = plan is not None and 0 <= index < len(plan.slides)
        title = plan.slides[index].title if has_slide and plan is not None else ""
        self.setAccessibleDescription(f"Slide {index + 1}: {title}" if has_slide else "No slide")
        self.update()

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(VIEW_MARGIN, VIEW_MARGIN, -VIEW_MARGIN, -VIEW_MARGIN)

    def charts_at(self, point: QPointF) -> list[Chart]:
        """The charts of the shown slide under ``point`` (widget coordinates); all the slide's
        charts when none is under it."""
        plan = self._plan
        if plan is None or not 0 <= self._index < len(plan.slides):
            return []
        charts = [e for e in plan.slides[self._index].elements if isinstance(e, Chart)]
        frame = slide_frame(plan, self._area())
        if frame.width() <= 0:
            return charts
        emu = plan.slide_width / frame.width()
        x, y = (point.x() - frame.left()) * emu, (point.y() - frame.top()) * emu
        under = [
            c
            for c in charts
            if c.rect.x <= x <= c.rect.right and c.rect.y <= y <= c.rect.y + c.rect.h
        ]
        return under or charts

    def chart_menu(self, point: QPointF) -> QMenu | None:
        """ "Save chart as PNG/SVG…" for the chart under ``point`` (None when the slide has no
        chart)."""
        from qbr_studio.deck.chart_style import chart_style
        from qbr_studio.ui.chart_export import add_save_actions

        charts = self.charts_at(point)
        plan = self._plan
        if not charts or plan is None:
            return None
        slide = plan.slides[self._index]
        menu = QMenu(self)
        for chart in charts:
            what = "chart" if len(charts) == 1 else f"“{chart.spec.title}”"
            add_save_actions(
                menu,
                self,
                chart.spec,
                lambda chart=chart: chart_style(plan, slide, chart),
                self.folder,
                what,
            )
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.chart_menu(QPointF(event.pos()))
        if menu is not None:
            menu.exec(event.globalPos())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Mid))
            plan = self._plan
            if plan is None or not 0 <= self._index < len(plan.slides):
                return
            area = self._area()
            if area.width() <= 0 or area.height() <= 0:
                return
            paint_slide(painter, plan, self._index, area)
            painter.setPen(FRAME_COLOR)
            painter.drawRect(slide_frame(plan, area))
        finally:
            painter.end()


class PreviewPane(QWidget):
    """Thumbnails of every slide and the selected slide large, beside or under them.

    ``slideSelected(int)`` is emitted with the 0-based index whenever the selection changes,
    by the user or because :meth:`set_plan` had to move it. The pane places its two parts
    itself on every resize (:meth:`arrangement`), so neither imposes a minimum size on it.
    """

    slideSelected = Signal(int)
    thumbnailsDrawn = Signal()
    """Every thumbnail shows the current plan (none is waiting to be drawn)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        register_fonts()
        self._plan: DeckPlan | None = None
        self._deck_look: _DeckLook | None = None
        self._slide_looks: list[_SlideLook] = []
        self._waiting: set[int] = set()
        """Thumbnails whose slide changed since they were drawn (drawn in idle time)."""
        self._drawing = QTimer(self)
        self._drawing.setInterval(0)
        self._drawing.timeout.connect(self._draw_next)
        self._after_slide: AfterPaint | None = None
        self._ratio = 0.0
        self.setAccessibleName("Deck preview")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._strip = self._make_strip()
        self._view = SlideView(self)
        self._beside: bool | None = None
        self._arrangement = self._arrange()
        self._strip.currentRowChanged.connect(self._on_row_changed)

    def _make_strip(self) -> QListWidget:
        strip = QListWidget(self)
        strip.setAccessibleName("Slide thumbnails")
        strip.setAccessibleDescription("Choose a slide to see it large")
        strip.setViewMode(QListView.ViewMode.IconMode)
        strip.setFlow(QListView.Flow.TopToBottom)
        strip.setWrapping(False)
        strip.setMovement(QListView.Movement.Static)
        strip.setResizeMode(QListView.ResizeMode.Adjust)
        strip.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        strip.setUniformItemSizes(True)
        strip.setSpacing(4)
        strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        strip.setIconSize(QSize(THUMB_WIDTH, THUMB_WIDTH * 9 // 16))
        return strip

    # Public API ----------------------------------------------------------------------------

    @property
    def strip(self) -> QListWidget:
        """The thumbnail list (for tests and keyboard focus)."""
        return self._strip

    @property
    def view(self) -> SlideView:
        """The large view of the selected slide."""
        return self._view

    def plan(self) -> DeckPlan | None:
        return self._plan

    def arrangement(self) -> Arrangement:
        """Where the thumbnails and the large slide are now (see :func:`arrange`)."""
        return self._arrangement

    def sizeHint(self) -> QSize:
        return QSize(640, 720)

    def minimumSizeHint(self) -> QSize:
        return QSize(THUMB_WIDTH + STRIP_MARGIN, 240)

    def current_index(self) -> int:
        """The selected slide, 0-based; -1 when the deck has no slides."""
        return self._strip.currentRow()

    def set_current_index(self, index: int) -> None:
        """Select slide ``index`` (ignored when out of range)."""
        if 0 <= index < self._strip.count():
            self._strip.setCurrentRow(index)

    def thumbnails_waiting(self) -> int:
        """How many thumbnails are still to be drawn for the current plan."""
        return len(self._waiting)

    def draw_thumbnails(self) -> None:
        """Draw every waiting thumbnail now, rather than in idle time."""
        while self._waiting:
            self._draw_next()

    def set_plan(self, plan: DeckPlan) -> None:
        """Show ``plan``: thumbnails are redrawn only for slides whose plan changed, and in
        idle time (see the module docstring); the selection stays on the same slide number,
        or the last slide if the deck got shorter."""
        previous = self._strip.currentRow()
        self._plan = plan
        deck_look = _DeckLook.of(plan)
        ratio = self.devicePixelRatioF()
        redraw_all = deck_look != self._deck_look or ratio != self._ratio
        self._deck_look, self._ratio = deck_look, ratio
        self._strip.blockSignals(True)
        try:
            self._sync_items(plan, redraw_all)
            index = min(max(previous, 0), len(plan.slides) - 1)
            self._strip.setCurrentRow(index)
        finally:
            self._strip.blockSignals(False)
        self._view.set_slide(plan, index)
        if index != previous and index >= 0:
            self.slideSelected.emit(index)

    # Internals -----------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrangement = self._arrange()

    def _arrange(self) -> Arrangement:
        """Place the strip and the view so the slide shows as large as the pane allows."""
        plan = self._plan
        aspect = plan.slide_width / plan.slide_height if plan is not None else 16 / 9
        strip = self._strip
        cell = strip.iconSize().height() + strip.fontMetrics().lineSpacing() + CELL_PADDING
        row = cell + 2 * strip.frameWidth()
        chosen = arrange(
            self.width(),
            self.height(),
            aspect,
            column_width=THUMB_WIDTH + STRIP_MARGIN,
            row_height=row,
            margin=VIEW_MARGIN,
        )
        self._shape_strip(chosen.beside, chosen.strip.width, cell)
        _place(strip, chosen.strip)
        _place(self._view, chosen.view)
        current = strip.currentItem()
        if current is not None:
            strip.scrollToItem(current)
        return chosen

    def _shape_strip(self, beside: bool, width: int, cell_height: int) -> None:
        """Beside the slide: one column; under it: rows whose columns spread evenly over
        ``width``. Either way the strip scrolls down only, never sideways."""
        strip = self._strip
        if beside != self._beside:
            self._beside = beside
            strip.setFlow(QListView.Flow.TopToBottom if beside else QListView.Flow.LeftToRight)
            strip.setWrapping(not beside)
            # In rows the scroll bar always shows, so the columns don't re-flow (and flicker)
            # as it comes and goes.
            policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
            strip.setVerticalScrollBarPolicy(
                policy if beside else Qt.ScrollBarPolicy.ScrollBarAlwaysOn
            )
        if beside:
            strip.setGridSize(QSize())
            return
        inner = width - 2 * strip.frameWidth() - strip.verticalScrollBar().sizeHint().width()
        columns = max(1, inner // (THUMB_WIDTH + CELL_PADDING))
        # One pixel short of the full width: Qt wraps a row that fills the viewport exactly.
        strip.setGridSize(QSize(max(1, (inner - 1) // columns), cell_height))

    def _sync_items(self, plan: DeckPlan, redraw_all: bool) -> None:
        strip = self._strip
        height = round(THUMB_WIDTH * plan.slide_height / plan.slide_width)
        if strip.iconSize().height() != height:
            strip.setIconSize(QSize(THUMB_WIDTH, height))
            self._arrangement = self._arrange()
        while strip.count() > len(plan.slides):
            strip.takeItem(strip.count() - 1)
        if strip.count() < len(plan.slides):
            blank = QIcon(blank_thumbnail(plan, THUMB_WIDTH, self._ratio))
            while strip.count() < len(plan.slides):  # a blank slide until it is drawn
                strip.addItem(QListWidgetItem(blank, ""))
        looks = [_SlideLook.of(s) for s in plan.slides]
        self._waiting = {i for i in self._waiting if i < len(looks)}
        for i, (slide, look) in enumerate(zip(plan.slides, looks, strict=True)):
            if redraw_all or i >= len(self._slide_looks) or self._slide_looks[i] != look:
                self._waiting.add(i)
            self._label(strip.item(i), i, slide)
        self._slide_looks = looks
        if self._waiting and self._after_slide is None and not self._drawing.isActive():
            self._after_slide = AfterPaint(self._view, self._start_drawing, THUMBNAILS_WAIT_MS)

    def _start_drawing(self) -> None:
        """The large slide is on screen: now the thumbnails."""
        self._after_slide = None
        if self._waiting:
            self._drawing.start()

    def _draw_next(self) -> None:
        """Draw one waiting thumbnail: the one nearest the selected slide."""
        plan = self._plan
        if plan is None or not self._waiting:
            self._drawing.stop()
            return
        current = max(self._strip.currentRow(), 0)
        index = min(self._waiting, key=lambda i: (abs(i - current), i))
        self._waiting.discard(index)
        image = render_thumbnail(plan, index, THUMB_WIDTH, self._ratio)
        self._strip.item(index).setIcon(QIcon(image))
        if not self._waiting:
            self._drawing.stop()
            self.thumbnailsDrawn.emit()

    @staticmethod
    def _label(item: QListWidgetItem, index: int, slide: SlidePlan) -> None:
        item.setText(str(index + 1))
        item.setToolTip(slide.title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Slide {index + 1}: {slide.title}")
        item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)

    def _on_row_changed(self, row: int) -> None:
        self._view.set_slide(self._plan, row)
        if row >= 0:
            self.slideSelected.emit(row)

    def event(self, event: QEvent) -> bool:
        """Redraw the thumbnails sharp when the window moves to a screen of another DPI."""
        change = getattr(QEvent.Type, "DevicePixelRatioChange", None)
        if change is not None and event.type() == change and self._plan is not None:
            self.set_plan(self._plan)
        return super().event(event)


def _place(widget: QWidget, box: Box) -> None:
    widget.setGeometry(box.x, box.y, box.width, box.height)


def _documents() -> Path:
    from qbr_studio.ui.startup import default_folder

    return default_folder(None)
