"""ChartSpec: a backend-neutral description of one chart.

Colours are *roles* (``"series:0"``, ``"status:red"``, ``"muted"``), resolved against the
template's palette by whichever backend draws the chart — native PowerPoint charts in
:mod:`qbr_studio.deck.writing.chart_xml`, the Qt painter in the app — so one spec looks the same
everywhere and follows the company template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ChartKind(str, Enum):
    COLUMN = "column"
    STACKED_COLUMN = "stacked_column"
    PERCENT_STACKED_BAR = "percent_stacked_bar"
    BAR = "bar"
    """Horizontal bars: long category names (accounts, drivers) read best this way."""
    LINE = "line"


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    color: str
    """Colour role: ``series:N``, ``status:green|yellow|red``, ``muted``."""
    point_colors: tuple[str, ...] | None = None
    """Per-point colour roles (bars only), e.g. drivers coloured by their own health."""
    dashed: bool = False


@dataclass(frozen=True)
class ChartSpec:
    kind: ChartKind
    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    alt_text: str
    """What the chart shows, as a sentence stating the takeaway (screen readers read it)."""
    value_axis_title: str = ""
    number_format: str = "General"
    """Excel number format for axis and labels, e.g. ``'$#,##0,"k"'`` or ``'0%'``."""
    data_labels: bool = True
    """Each value written on its bar; on stacked columns inside its segment, where it fits
    (the plan's chart look says which do)."""
    totals: bool = False
    """Stacked columns: each column's total written above it."""
    legend: bool = False
    value_max: float | None = None
    major_unit: float | None = None
    """Step between value-axis labels; ``None`` lets the application choose."""
    short_categories: tuple[str, ...] = ()
    """Shorter category labels (month initials for month names) that planning puts in place
    of ``categories`` where those would not fit under their columns: labels are abbreviated,
    never wrapped mid-word, turned or skipped."""
    source: str = ""
    """One line under the chart saying where the numbers come from."""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(
                    f"series {s.name!r} has {len(s.values)} values for "
                    f"{len(self.categories)} categories"
                )
        if self.short_categories and len(self.short_categories) != len(self.categories):
            raise ValueError("short_categories must match categories one for one")
