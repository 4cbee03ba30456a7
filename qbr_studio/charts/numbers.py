"""Numbers on a chart's value axis, the same for every renderer of a ChartSpec (the app's
painter, the matplotlib renderer): Excel number formats as PowerPoint shows them, and the axis
from zero with a round step."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from qbr_studio.charts.spec import ChartKind, ChartSpec

MAX_INTERVALS = 10
"""At most this many gridline intervals on the value axis."""
HEADROOM = 0.05
"""When the largest value comes within this share of the axis top, one more step is added."""


# Number formats ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberFormat:
    """The parts of an Excel number format that the deck's charts use.

    ``divisor`` comes from trailing commas (``,`` is thousands, ``,,`` millions); ``percent``
    multiplies by 100; ``general`` means Excel's General format (no fixed decimals).
    """

    prefix: str = ""
    suffix: str = ""
    decimals: int = 0
    grouping: bool = False
    divisor: float = 1.0
    percent: bool = False
    min_integer_digits: int = 1
    general: bool = False


_TOKEN = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|[0#?]|[,.%]|.', re.DOTALL)


def _literal(token: str) -> str:
    """The text an Excel format token prints, for tokens that are not digit placeholders."""
    if token.startswith('"'):
        return token[1:-1]
    if token.startswith("\\"):
        return token[1:]
    if token.startswith("[$"):  # locale currency, e.g. [$€-407]
        return token[2:-1].split("-", 1)[0]
    if token.startswith("["):  # colour or condition: prints nothing
        return ""
    if token in ("_", "*"):
        return ""
    return token


def parse_number_format(code: str) -> NumberFormat:
    """Parse the first section of an Excel number format such as ``$#,##0.0,,"M"``."""
    section = _TOKEN.findall(code or "")
    cut = next((i for i, t in enumerate(section) if t == ";"), len(section))
    tokens = section[:cut]
    if not tokens or "".join(tokens).strip().lower() == "general":
        return NumberFormat(general=True)
    digits = [i for i, t in enumerate(tokens) if t in "0#?" and len(t) == 1]
    if not digits:
        return NumberFormat(prefix="".join(_literal(t) for t in tokens), general=True)
    first, last = digits[0], digits[-1]
    dot = next((i for i in range(first, last + 1) if tokens[i] == "."), None)
    end = last + 1
    if dot is not None and dot == last + 1:
        end = dot + 1
    scaling = 0
    while end < len(tokens) and tokens[end] == ",":
        scaling += 1
        end += 1
    integer_part = tokens[first : dot if dot is not None else last + 1]
    return NumberFormat(
        prefix="".join(_literal(t) for t in tokens[:first]),
        suffix="".join(_literal(t) for t in tokens[end:]),
        decimals=0 if dot is None else sum(t in "0#?" for t in tokens[dot + 1 : last + 1]),
        grouping="," in integer_part,
        divisor=1000.0**scaling,
        percent="%" in tokens,
        min_integer_digits=sum(t == "0" for t in integer_part),
    )


def _round_half_away(value: float, decimals: int) -> float:
    factor = 10**decimals
    return math.copysign(math.floor(abs(value) * factor + 0.5) / factor, value)


def _general(value: float) -> str:
    if value == int(value) and abs(value) < 1e11:
        return str(int(value))
    return f"{value:.10g}"


def format_number(value: float, code: str) -> str:
    """``value`` as Excel shows it in format ``code``: ``0.94`` in ``0%`` is ``94%``,
    ``757000`` in ``$#,##0.0,,"M"`` is ``$0.8M``, ``1400`` in ``#,##0`` is ``1,400``."""
    fmt = parse_number_format(code)
    if fmt.general:
        return f"{fmt.prefix}{_general(value)}"
    scaled = value * (100 if fmt.percent else 1) / fmt.divisor
    rounded = _round_half_away(scaled, fmt.decimals)
    body = f"{abs(rounded):{',' if fmt.grouping else ''}.{fmt.decimals}f}"
    integer, _, fraction = body.partition(".")
    if fmt.min_integer_digits == 0 and integer == "0":
        integer = ""
    body = f"{integer}.{fraction}" if fraction else integer
    sign = "-" if rounded < 0 else ""
    return f"{sign}{fmt.prefix}{body}{fmt.suffix}"


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
