"""A read-only table of records (accounts, opportunities, a book's table) as the editor shows
them: sortable with arrows that point the way the rows go, whole rows selected, and columns
that fit the width they have — only a column too wide for its share is elided."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionHeader,
    QTableView,
    QWidget,
)

MIN_COLUMN = 72
"""No column is squeezed below this many pixels (or its header's width, if narrower)."""
MAX_COLUMN = 240
"""Long text columns (notes, descriptions) are cut here when the table scrolls sideways."""


class SortArrowStyle(QProxyStyle):
    """Header arrows that point the way the rows go: ▲ smallest first, ▼ largest first.
    (Qt draws its "sort down" arrow for an ascending sort, the old Windows convention.)"""

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            flipped = QStyleOptionHeader(option)
            up, down = (
                QStyleOptionHeader.SortIndicator.SortUp,
                QStyleOptionHeader.SortIndicator.SortDown,
            )
            if option.sortIndicator == up:
                flipped.sortIndicator = down
            elif option.sortIndicator == down:
                flipped.sortIndicator = up
            option = flipped
        super().drawPrimitive(element, option, painter, widget)


def record_table(parent: QWidget, name: str) -> QTableView:
    """A sortable, read-only table whose columns fit its width (see :func:`fit_columns`)."""
    view = QTableView(parent)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    style = SortArrowStyle(view.style().name())
    style.setParent(header)
    header.setStyle(style)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 8)
    view.setAccessibleName(name)
    view.viewport().installEventFilter(_Refit(view))
    view.content_widths = _ContentWidths(view)  # type: ignore[attr-defined]
    return view


def fit_columns(view: QTableView) -> None:
    """Each column as wide as its content and header; if they do not all fit the view's
    width, the widest give way first, down to a shared limit, so narrow columns stay whole
    and only text too long for its share is elided. When even the headers do not fit, the
    table scrolls sideways and no column is cut below MAX_COLUMN."""
    model = view.model()
    if model is None or model.columnCount() == 0:
        return
    cache = getattr(view, "content_widths", None)
    wanted, floors = cache.get() if isinstance(cache, _ContentWidths) else content_widths(view)
    available = view.viewport().width()
    scrolls = sum(floors) > available  # sideways anyway: then nothing need be cut
    cap = MAX_COLUMN if scrolls else _cap(wanted, floors, available)
    for column, width in enumerate(wanted):
        view.setColumnWidth(column, max(floors[column], min(width, cap)))


def content_widths(view: QTableView) -> tuple[list[int], list[int]]:
    """Each column's width for its content and header, and the least it may be cut to."""
    header = view.horizontalHeader()
    wanted = [
        max(view.sizeHintForColumn(c), header.sectionSizeFromContents(c).width())
        for c in range(view.model().columnCount())
    ]
    floors = [
        min(width, max(MIN_COLUMN, header.sectionSizeFromContents(column).width()))
        for column, width in enumerate(wanted)
    ]
    return wanted, floors


class _ContentWidths(QObject):
    """:func:`content_widths` of a view, measured again only when they may have changed: a
    refit for a new width (the scroll bar coming, the window resized) asks the model for
    every cell of every column again otherwise. Kept while the model, the fonts and the
    sort indicator are the same and no change was signalled, and only while every row is
    measured (Qt measures up to ``resizeContentsPrecision`` rows, chosen from the scroll
    position, in a longer table)."""

    CHANGES = (
        "modelReset",
        "layoutChanged",
        "dataChanged",
        "headerDataChanged",
        "rowsInserted",
        "rowsRemoved",
        "rowsMoved",
        "columnsInserted",
        "columnsRemoved",
        "columnsMoved",
    )

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._model: QObject | None = None
        self._key: tuple[object, ...] | None = None
        self._widths: tuple[list[int], list[int]] | None = None

    def get(self) -> tuple[list[int], list[int]]:
        view, model = self._view, self._view.model()
        if model is not self._model:
            self._follow(model)
        header = view.horizontalHeader()
        precision = header.resizeContentsPrecision()
        if 0 <= precision < model.rowCount():
            return content_widths(view)
        key = (
            view.font().key(),
            header.font().key(),
            header.isSortIndicatorShown(),
            header.sortIndicatorSection(),
            header.sortIndicatorOrder(),
        )
        if self._widths is None or key != self._key:
            self._widths, self._key = content_widths(view), key
        return list(self._widths[0]), list(self._widths[1])

    def _follow(self, model: QObject) -> None:
        if self._model is not None and shiboken6.isValid(self._model):
            for name in self.CHANGES:
                getattr(self._model, name).disconnect(self._forget)
        self._model, self._widths = model, None
        for name in self.CHANGES:
            getattr(model, name).connect(self._forget)

    def _forget(self, *_args: object) -> None:
        self._widths = None


def _cap(wanted: list[int], floors: list[int], available: int) -> int:
    """The largest width limit at which the columns — each cut to it, but none below its
    floor — fit ``available`` (the floors alone, if even they do not)."""

    def total(cap: int) -> int:
        return sum(max(f, min(w, cap)) for w, f in zip(wanted, floors, strict=True))

    low, high = 0, max(wanted)
    while low < high:
        middle = (low + high + 1) // 2
        if total(middle) <= available:
            low = middle
        else:
            high = middle - 1
    return low


class _Refit(QObject):
    """Fits the columns again when the table's width changes."""

    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self._view = view
        self._width = -1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self._view.viewport().width() != self._width:
            self._width = self._view.viewport().width()
            fit_columns(self._view)
        return False
