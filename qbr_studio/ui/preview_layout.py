"""Where the preview puts its thumbnails and its large slide.

Two arrangements are possible: the thumbnails in a column beside the slide (best when the
pane is wide and low), or the slide across the pane's full width with the thumbnails in rows
under it (best when the pane is narrow and tall, as beside the editor). :func:`arrange` picks
the one that shows the slide larger. Plain arithmetic, no Qt, so it is tested on its own.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """A rectangle in the pane's coordinates, logical pixels."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Arrangement:
    """Where the thumbnail strip and the large view go, and how wide the slide then shows."""

    beside: bool
    """True: thumbnails in one column left of the slide; False: in rows under the slide."""
    strip: Box
    view: Box
    slide_width: float
    """Width the slide is drawn at inside :attr:`view` (its margins taken off)."""


def fitted_width(width: float, height: float, aspect: float) -> float:
    """Width of the largest rectangle of ``aspect`` (width / height) inside width × height."""
    return max(0.0, min(width, height * aspect))


def arrange(
    width: int,
    height: int,
    aspect: float,
    *,
    column_width: int,
    row_height: int,
    margin: int,
) -> Arrangement:
    """The arrangement of a ``width`` × ``height`` pane that shows a slide of ``aspect`` largest.

    ``column_width``: width of the thumbnail column when beside the slide; ``row_height``:
    least height of the thumbnails under the slide (one row); ``margin``: space the large view
    keeps around the slide. Ties go to the slide on top, which shows more thumbnails.
    """
    beside = _beside(width, height, aspect, column_width, margin)
    stacked = _stacked(width, height, aspect, row_height, margin)
    return stacked if stacked.slide_width >= beside.slide_width else beside


def _beside(width: int, height: int, aspect: float, column: int, margin: int) -> Arrangement:
    column = min(column, width)
    view = Box(column, 0, width - column, height)
    slide = fitted_width(view.width - 2 * margin, height - 2 * margin, aspect)
    return Arrangement(True, Box(0, 0, column, height), view, slide)


def _stacked(width: int, height: int, aspect: float, row: int, margin: int) -> Arrangement:
    # The view is exactly as tall as the full-width slide needs; the thumbnails get the rest.
    wanted = round((width - 2 * margin) / aspect) + 2 * margin
    view_height = max(0, min(wanted, height - row))
    slide = fitted_width(width - 2 * margin, view_height - 2 * margin, aspect)
    strip = Box(0, view_height, width, height - view_height)
    return Arrangement(False, strip, Box(0, 0, width, view_height), slide)
