"""Numbers on a chart's value axis, the same for every renderer of a ChartSpec (the app's
painter, the matplotlib renderer): the axis from zero with a round step, and the Excel number
formats of :mod:`qbr_studio.charts.number_format` as PowerPoint shows them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from qbr_studio.charts.number_format import format_number, parse_number_format
from qbr_studio.charts.spec import ChartKind, ChartSpec

__all__ = [
    "Axis",
    "bar_lengths",
    "format_number",
    "largest_value",
    "parse_number_format",
    "stack_totals",
    "value_axis",
]

MAX_INTERVALS = 10
"""At most this many gridline intervals on the value axis."""
HEADROOM = 0.05
"""When the largest value comes within this share of the axis top, one more step is added."""


# Value axis ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axis:
    """A value axis from 0 to ``top`` with a gridline every ``step``."""

    top: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round(self.top / self.step)
        return [i * self.step for i in range(count + 1)]


def _nice_step(span: float, intervals: int) -> float:
    raw = span / max(1, intervals)
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if multiple * magnitude >= raw * (1 - 1e-9):
            return multiple * magnitude
    return 10 * magnitude


def value_axis(largest: float, spec: ChartSpec, max_intervals: int) -> Axis:
    """The axis for data whose largest value (or stack) is ``largest``: the spec's fixed
    maximum and step where it has them, else a 1-2-5 step giving at most ``max_intervals``."""
    largest = largest if largest > 0 else 1.0
    intervals = max(1, min(MAX_INTERVALS, max_intervals))
    top = spec.value_max
    step = spec.major_unit or _nice_step(top or largest, intervals)
    if top is None:
        top = step * math.ceil(largest / step - 1e-9)
        if top - largest < HEADROOM * top:
            top += step
    while top / step > MAX_INTERVALS * 2:  # a fixed maximum with too small a step
        step *= 2
    return Axis(top, step)


def stack_totals(spec: ChartSpec) -> list[float]:
    return [
        sum(max(0.0, s.values[i] or 0.0) for s in spec.series) for i in range(len(spec.categories))
    ]


def largest_value(spec: ChartSpec) -> float:
    if spec.kind is ChartKind.PERCENT_STACKED_BAR:
        return 1.0
    if spec.kind is ChartKind.STACKED_COLUMN:
        return max(stack_totals(spec), default=0.0)
    values = [v for s in spec.series for v in s.values if v is not None]
    return max(values, default=0.0)


def bar_lengths(spec: ChartSpec) -> list[list[float | None]]:
    """Per series, the lengths drawn: 100% stacked bars are shares of their category's total."""
    if spec.kind is not ChartKind.PERCENT_STACKED_BAR:
        return [list(s.values) for s in spec.series]
    totals = stack_totals(spec)
    return [
        [
            None if v is None else (max(0.0, v) / totals[i] if totals[i] else 0.0)
            for i, v in enumerate(s.values)
        ]
        for s in spec.series
    ]
