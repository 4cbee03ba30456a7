"""A :class:`~qbr_studio.charts.spec.ChartSpec` drawn by matplotlib: the app's interactive
account charts (on matplotlib's Qt canvas) and any deck chart saved as PNG or SVG.

It reads as the deck's chart does: the same title, the value axis from zero with the same
round step and labels in the spec's Excel number format (:mod:`qbr_studio.charts.numbers`),
the template's colours by role, the deck's type sizes, data labels, the legend at the bottom,
horizontal bars with the first category on top and the source line under the chart. The SVG
carries the spec's title and alt text as its ``<title>`` and ``<desc>``, the PNG as its Title
and Description, so a chart pasted into a wiki is described as on the slide.

Only the app's account view and the chart export import this module (matplotlib is heavy);
the deck's build never does (an import-linter contract checks it).
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.lines import Line2D

from qbr_studio.charts.numbers import bar_lengths, format_number, largest_value, value_axis
from qbr_studio.charts.render_style import RenderStyle
from qbr_studio.charts.spec import ChartKind, ChartSpec

SIZE = (6.4, 3.6)
"""Inches of a saved chart: 16:9, about half a slide, so the deck's type sizes read as there."""
DPI = 200
"""Dots per inch of a saved PNG: sharp in an email or on a high-DPI screen."""
AXIS_INTERVALS = 5
"""Gridline intervals on the value axis at most (the deck's charts show up to six labels)."""
WRAP_AT = 24
"""Characters of a category label's line at most; longer labels wrap at spaces."""
ROW_CHARS = 70
"""Characters the category labels under columns share, so many months wrap ("Jan" over "26")."""
SOURCE_BAND = 0.07
"""Share of the figure's height kept under the chart for its source line."""
FORMATS = ("png", "svg")
HORIZONTAL = (ChartKind.BAR, ChartKind.PERCENT_STACKED_BAR)
STACKED = (ChartKind.STACKED_COLUMN, ChartKind.PERCENT_STACKED_BAR)

logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
_fonts: dict[Path, str] = {}


def _family(path: Path) -> str:
    """The family name of a font file, registered with matplotlib once."""
    if path not in _fonts:
        fontManager.addfont(str(path))
        _fonts[path] = FontProperties(fname=str(path)).get_name()
    return _fonts[path]


@dataclass(frozen=True)
class Mark:
    """One drawn value: a bar, a stacked segment or a line's point."""

    artist: Artist
    index: int
    """The category's position; for a line, the point's index on it."""
    series: str
    category: str
    value: float
    number_format: str

    @property
    def text(self) -> str:
        shown = format_number(self.value, self.number_format)
        return f"{self.category} · {self.series}: {shown}"


@dataclass
class Drawing:
    """A chart on a figure and what each drawn value is, for hover texts."""

    figure: Figure
    spec: ChartSpec
    marks: list[Mark] = field(default_factory=list)

    def mark_at(self, event: Any) -> Mark | None:
        """The value under a matplotlib mouse event (in figure pixels), if any."""
        for mark in self.marks:
            hit, details = mark.artist.contains(event)
            if not hit:
                continue
            if isinstance(mark.artist, Line2D) and mark.index not in details.get("ind", ()):
                continue
            return mark
        return None


def draw(figure: Figure, spec: ChartSpec, style: RenderStyle) -> Drawing:
    """Draw ``spec`` on ``figure`` (cleared first) in ``style``."""
    figure.clear()
    regular, bold = _family(style.font), _family(style.bold_font)
    look = style.look
    text, muted = style.hex("text"), style.hex("muted")
    figure.set_facecolor(style.hex("background"))
    ax = figure.add_subplot()
    ax.set_title(
        spec.title,
        loc="left",
        pad=look.label_size * 1.5,  # clear of the top value label
        fontsize=look.title_size,
        family=bold,
        weight="bold",
        color=text,
    )
    ax.set_facecolor(style.hex("background"))
    drawing = Drawing(figure, spec)
    horizontal = spec.kind in HORIZONTAL
    if spec.kind is ChartKind.LINE:
        _lines(ax, spec, style, drawing)
    else:
        _bars(ax, spec, style, drawing, horizontal)
    axis = value_axis(largest_value(spec), spec, AXIS_INTERVALS)
    ticks = axis.ticks
    labels = [format_number(t, spec.number_format) for t in ticks]
    value_ax, category_ax = (ax.xaxis, ax.yaxis) if horizontal else (ax.yaxis, ax.xaxis)
    (ax.set_xlim if horizontal else ax.set_ylim)(0, axis.top)
    value_ax.set_ticks(ticks, labels)
    width = (
        WRAP_AT if horizontal else max(3, min(WRAP_AT, ROW_CHARS // max(1, len(spec.categories))))
    )
    category_ax.set_ticks(range(len(spec.categories)), _wrapped(spec, width))
    if horizontal:
        ax.set_ylim(len(spec.categories) - 0.5, -0.5)  # the first category on top
    else:
        ax.set_xlim(-0.5, len(spec.categories) - 0.5)
    ax.tick_params(
        labelsize=look.label_size, labelcolor=text, labelfontfamily=regular, length=0, pad=4
    )
    grid = {"color": text, "alpha": look.gridline_share, "linewidth": look.gridline_width}
    ax.grid(axis="x" if horizontal else "y", **grid)
    ax.set_axisbelow(True)
    for side, spine in ax.spines.items():
        baseline = side == ("left" if horizontal else "bottom")
        spine.set_visible(baseline)
        spine.set(color=text, alpha=look.gridline_share, linewidth=look.gridline_width)
    if spec.value_axis_title:
        label = ax.set_xlabel if horizontal else ax.set_ylabel
        label(spec.value_axis_title, fontsize=look.label_size, family=regular, color=muted)
    if spec.legend and spec.series:
        figure.legend(
            handles=_legend_handles(spec, style),
            loc="outside lower center",
            ncol=min(4, len(spec.series)),
            frameon=False,
            prop={"family": regular, "size": look.label_size},
            labelcolor=text,
        )
    if spec.source:
        figure.text(
            0.02,
            0.01,
            spec.source,
            fontsize=look.label_size * 0.8,
            family=regular,
            color=muted,
            wrap=True,
        )
    figure.set_layout_engine(
        "constrained", rect=(0, SOURCE_BAND, 1, 1 - SOURCE_BAND) if spec.source else None
    )
    return drawing


def _legend_handles(spec: ChartSpec, style: RenderStyle) -> list[Artist]:
    from matplotlib.patches import Patch

    if spec.kind is ChartKind.LINE:
        return [
            Line2D(
                [],
                [],
                color=style.hex(s.color),
                linewidth=style.look.line_width,
                linestyle=(0, style.look.dash_pattern) if s.dashed else "-",
                label=s.name,
            )
            for s in spec.series
        ]
    return [Patch(color=style.hex(s.color), label=s.name) for s in spec.series]


def _wrapped(spec: ChartSpec, width: int) -> list[str]:
    """Category labels wrapped at spaces rather than turned (as the deck's labels)."""
    out = []
    for name in spec.categories:
        lines, line = [], ""
        for word in name.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}".strip()
        out.append("\n".join([*lines, line]))
    return out


def _bars(ax: Any, spec: ChartSpec, style: RenderStyle, drawing: Drawing, horizontal: bool) -> None:
    look = style.look
    stacked = spec.kind in STACKED
    lengths = bar_lengths(spec)
    groups = 1 if stacked else max(1, len(spec.series))
    width = 1 / (groups + look.gap_width / 100)
    base = [0.0] * len(spec.categories)
    for s, series in enumerate(spec.series):
        for i, (raw, length) in enumerate(zip(series.values, lengths[s], strict=True)):
            if raw is None or length is None:
                continue
            role = series.point_colors[i] if series.point_colors else series.color
            offset = 0.0 if stacked else (s - (groups - 1) / 2) * width
            where = (i + offset, length, width, base[i] if stacked else 0.0)
            if horizontal:
                patch = ax.barh(
                    where[0], where[1], height=where[2], left=where[3], color=style.hex(role)
                )
            else:
                patch = ax.bar(
                    where[0], where[1], width=where[2], bottom=where[3], color=style.hex(role)
                )
            if spec.data_labels:
                ax.bar_label(
                    patch,
                    [format_number(raw, spec.number_format)],
                    label_type="center" if stacked else "edge",
                    padding=0 if stacked else 3,
                    fontsize=look.label_size,
                    family=_family(style.font),
                    color=style.hex("on_accent") if stacked else style.hex("text"),
                )
            drawing.marks.append(
                Mark(patch.patches[0], i, series.name, spec.categories[i], raw, spec.number_format)
            )
            if stacked:
                base[i] += length


def _lines(ax: Any, spec: ChartSpec, style: RenderStyle, drawing: Drawing) -> None:
    look = style.look
    x = list(range(len(spec.categories)))
    for series in spec.series:
        ys = [math.nan if v is None else v for v in series.values]
        (line,) = ax.plot(
            x,
            ys,
            color=style.hex(series.color),
            linewidth=look.line_width,
            marker="o",
            markersize=look.marker_size,
            label=series.name,
            pickradius=6,
        )
        if series.dashed:
            line.set_dashes(look.dash_pattern)
        drawing.marks += [
            Mark(line, i, series.name, spec.categories[i], v, spec.number_format)
            for i, v in enumerate(series.values)
            if v is not None
        ]


def figure_of(spec: ChartSpec, style: RenderStyle, size: tuple[float, float] = SIZE) -> Figure:
    """A new figure (no pyplot, no GUI) with ``spec`` drawn on it."""
    figure = Figure(figsize=size, dpi=DPI)
    draw(figure, spec, style)
    return figure


def image_bytes(spec: ChartSpec, style: RenderStyle, fmt: str) -> bytes:
    """The chart as a PNG or an SVG file's bytes; the same spec gives the same bytes."""
    if fmt not in FORMATS:
        raise ValueError(f"charts are saved as {' or '.join(FORMATS)}, not {fmt!r}")
    figure = figure_of(spec, style)
    out = io.BytesIO()
    if fmt == "svg":
        from matplotlib import rc_context

        with rc_context({"svg.hashsalt": "qbr-studio", "svg.id": "chart"}):
            figure.savefig(
                out,
                format="svg",
                metadata={"Title": spec.title, "Description": spec.alt_text, "Date": None},
            )
        return _describe_svg(out.getvalue(), spec)
    figure.savefig(
        out,
        format="png",
        metadata={"Title": spec.title, "Description": spec.alt_text, "Software": None},
    )
    return out.getvalue()


_SVG_OPEN = re.compile(rb"<svg\b[^>]*>")


def _describe_svg(data: bytes, spec: ChartSpec) -> bytes:
    """The spec's title and alt text first in the <svg> element, as its <title> and <desc>,
    where screen readers and wikis look for them (matplotlib writes the <title> itself from
    the Title metadata; older versions did not)."""
    found = _SVG_OPEN.search(data)
    if found is None:  # matplotlib always writes one; say so rather than write a bare chart
        raise ValueError("matplotlib wrote an SVG without an <svg> element")
    title = f"<title>{escape(spec.title)}</title>".encode()
    head, rest = data[: found.end()], data[found.end() :]
    at = rest.find(title)
    if at >= 0 and not rest[:at].strip():
        head, rest = head + rest[: at + len(title)], rest[at + len(title) :]
    else:
        head += b"\n " + title
    return head + f"\n <desc>{escape(spec.alt_text)}</desc>".encode() + rest


def save(spec: ChartSpec, style: RenderStyle, path: Path) -> Path:
    """Write the chart to ``path`` (``.png`` or ``.svg``, by its suffix), atomically; a bad
    suffix or an OS error is a :class:`~qbr_studio.errors.UserError` naming the file."""
    from qbr_studio.errors import UserError
    from qbr_studio.storage.atomic import atomic_write_bytes

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UserError(f"Could not save {path}: a chart is saved as .png or .svg.")
    atomic_write_bytes(path, image_bytes(spec, style, fmt))
    return path


def file_stem(spec: ChartSpec) -> str:
    """A file name for the chart, from its title: 'Health drivers (score out of 100)' gives
    'Health drivers score out of 100'."""
    stem = re.sub(r"[^\w\- ]+", "", spec.title).strip()
    return re.sub(r"\s+", " ", stem) or "chart"
