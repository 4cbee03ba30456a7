"""What a renderer of a ChartSpec needs besides the spec: the colours its roles stand for, the
sizes and widths the deck draws charts with, and the font files to write with.

The deck's ``Palette`` and ``ChartLook`` fit these protocols as they are, so the chart images
(:mod:`qbr_studio.charts.mpl`) take the template's own colours and the deck's own sizes without
this layer knowing the deck; :func:`qbr_studio.deck.chart_style.chart_style` builds one from a
slide plan. Nothing here imports matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class Colour(Protocol):
    @property
    def hex(self) -> str:
        """``RRGGBB`` without the ``#``."""
        ...


class Colours(Protocol):
    @property
    def background(self) -> Colour: ...

    @property
    def text(self) -> Colour: ...

    @property
    def muted(self) -> Colour: ...

    def resolve(self, role: str) -> Colour:
        """The colour of a role: ``series:N``, ``status:green``, ``muted``…"""
        ...


class Look(Protocol):
    @property
    def title_size(self) -> float: ...

    @property
    def label_size(self) -> float: ...

    @property
    def gap_width(self) -> int: ...

    @property
    def line_width(self) -> float: ...

    @property
    def marker_size(self) -> int: ...

    @property
    def gridline_width(self) -> float: ...

    @property
    def gridline_share(self) -> float: ...

    @property
    def dash_pattern(self) -> tuple[float, ...]: ...


@dataclass(frozen=True)
class RenderStyle:
    colours: Colours
    look: Look
    font: Path
    """The regular face of the body font (the file the deck measured text with)."""
    bold_font: Path

    def hex(self, role: str) -> str:
        return "#" + self.colours.resolve(role).hex
