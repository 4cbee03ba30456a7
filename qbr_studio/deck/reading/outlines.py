"""Outlines of DrawingML shapes as paths: the geometry of a template's own artwork.

A shape's geometry is either a preset (``a:prstGeom prst="ellipse"``) or a freeform
(``a:custGeom``). :func:`preset_path` and :func:`custom_path` give its outline as
:data:`~qbr_studio.deck.backdrop.PathStep` s in the shape's own coordinates (0…w, 0…h EMU);
:class:`Placement` then flips, rotates and moves it onto the slide, through any groups.
Curves are cubic Béziers throughout, so a painter needs only move, line, curve and close.

The presets templates use for decoration are drawn exactly (rectangles, rounded rectangles,
ellipses, lines and connectors, triangles, diamonds, parallelograms, arrows-as-chevrons); any
other preset is drawn as its bounding rectangle.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lxml import etree

from qbr_studio.deck.backdrop import PathStep
from qbr_studio.deck.reading.theme_colors import NS, children

ANGLE_UNIT = 60_000
"""DrawingML angles are in 60000ths of a degree."""

ADJUST_SCALE = 100_000
"""Preset adjust values are shares of the shape's shorter side (or width) in 100000ths."""

LINE_PRESETS = frozenset({"line", "straightConnector1"})
"""Presets that are an open line from the top-left to the bottom-right corner: stroked only."""


# --- placement ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Maps a shape's or a group child's coordinates onto the slide: ``x·sx + tx``."""

    sx: float = 1.0
    sy: float = 1.0
    tx: float = 0.0
    ty: float = 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        return x * self.sx + self.tx, y * self.sy + self.ty

    def inside_group(self, xfrm: etree._Element | None) -> Placement:
        """The placement of a group's children: its ``chOff``/``chExt`` box mapped onto its
        ``off``/``ext`` box, then onto the slide by this placement."""
        if xfrm is None:
            return self
        off, ext = _pair(xfrm, "a:off", "x", "y"), _pair(xfrm, "a:ext", "cx", "cy")
        ch_off, ch_ext = _pair(xfrm, "a:chOff", "x", "y"), _pair(xfrm, "a:chExt", "cx", "cy")
        sx = ext[0] / ch_ext[0] if ch_ext[0] else 1.0
        sy = ext[1] / ch_ext[1] if ch_ext[1] else 1.0
        inner = Placement(sx, sy, off[0] - ch_off[0] * sx, off[1] - ch_off[1] * sy)
        return Placement(
            inner.sx * self.sx,
            inner.sy * self.sy,
            inner.tx * self.sx + self.tx,
            inner.ty * self.sy + self.ty,
        )


@dataclass(frozen=True)
class Box:
    """A shape's own frame from its ``a:xfrm``: offset, size, rotation (degrees), flips."""

    x: float
    y: float
    w: float
    h: float
    rotation: float = 0.0
    flip_h: bool = False
    flip_v: bool = False

    @classmethod
    def of(cls, xfrm: etree._Element | None) -> Box | None:
        if xfrm is None or xfrm.find("a:off", NS) is None or xfrm.find("a:ext", NS) is None:
            return None
        x, y = _pair(xfrm, "a:off", "x", "y")
        w, h = _pair(xfrm, "a:ext", "cx", "cy")
        return cls(
            x,
            y,
            w,
            h,
            _number(xfrm.get("rot")) / ANGLE_UNIT,
            xfrm.get("flipH") in ("1", "true"),
            xfrm.get("flipV") in ("1", "true"),
        )

    def on_slide(self, path: Iterable[PathStep], placement: Placement) -> tuple[PathStep, ...]:
        """``path`` (in this box's own 0…w, 0…h) flipped, rotated about the box's centre,
        moved to the box's offset and placed on the slide."""
        angle = math.radians(self.rotation)
        cos, sin = math.cos(angle), math.sin(angle)
        cx, cy = self.w / 2, self.h / 2

        def move(x: float, y: float) -> tuple[float, float]:
            if self.flip_h:
                x = self.w - x
            if self.flip_v:
                y = self.h - y
            dx, dy = x - cx, y - cy
            x, y = cx + dx * cos - dy * sin, cy + dx * sin + dy * cos
            return placement.point(self.x + x, self.y + y)

        return tuple(_map_step(step, move) for step in path)


def _map_step(step: PathStep, move: Callable[[float, float], tuple[float, float]]) -> PathStep:
    op, values = step
    out: list[float] = []
    for i in range(0, len(values), 2):
        out += move(values[i], values[i + 1])
    return op, tuple(out)


def bounds(path: Iterable[PathStep]) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` of every point of ``path`` (control points included)."""
    xs: list[float] = []
    ys: list[float] = []
    for _, values in path:
        xs += values[0::2]
        ys += values[1::2]
    if not xs:
        return 0.0, 0.0, 0.0, 0.0
    return min(xs), min(ys), max(xs), max(ys)


# --- presets ------------------------------------------------------------------------------------


def preset_path(geometry: etree._Element, w: float, h: float) -> list[PathStep]:
    """The outline of an ``a:prstGeom`` in a ``w × h`` box (its bounding box if unknown)."""
    name = geometry.get("prst", "rect")
    adjust = _adjusts(geometry)
    short = min(w, h)
    if name in LINE_PRESETS:
        return [("M", (0.0, 0.0)), ("L", (w, h))]
    if name == "bentConnector2":
        return [("M", (0.0, 0.0)), ("L", (w, 0.0)), ("L", (w, h))]
    if name == "bentConnector3":
        x1 = w * adjust.get("adj1", 50_000) / ADJUST_SCALE
        return [("M", (0.0, 0.0)), ("L", (x1, 0.0)), ("L", (x1, h)), ("L", (w, h))]
    if name == "ellipse":
        return ellipse_path(w / 2, h / 2, w / 2, h / 2)
    if name == "roundRect":
        return _round_rect(w, h, short * adjust.get("adj", 16_667) / ADJUST_SCALE)
    corners = _polygon(name, w, h, short, adjust)
    return _closed(corners)


def _polygon(
    name: str, w: float, h: float, short: float, adjust: dict[str, float]
) -> list[tuple[float, float]]:
    """Corners of the straight-edged presets; the bounding box for anything else."""
    if name == "triangle":
        return [(w * adjust.get("adj", 50_000) / ADJUST_SCALE, 0.0), (w, h), (0.0, h)]
    if name == "rtTriangle":
        return [(0.0, h), (0.0, 0.0), (w, h)]
    if name == "diamond":
        return [(w / 2, 0.0), (w, h / 2), (w / 2, h), (0.0, h / 2)]
    if name == "parallelogram":
        x1 = short * adjust.get("adj", 25_000) / ADJUST_SCALE
        return [(0.0, h), (x1, 0.0), (w, 0.0), (w - x1, h)]
    if name == "homePlate":
        x1 = w - short * adjust.get("adj", 50_000) / ADJUST_SCALE
        return [(0.0, 0.0), (x1, 0.0), (w, h / 2), (x1, h), (0.0, h)]
    if name == "chevron":
        x1 = short * adjust.get("adj", 50_000) / ADJUST_SCALE
        return [(0.0, 0.0), (w - x1, 0.0), (w, h / 2), (w - x1, h), (0.0, h), (x1, h / 2)]
    return [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]


def _closed(corners: list[tuple[float, float]]) -> list[PathStep]:
    steps: list[PathStep] = [("M", corners[0])]
    steps += [("L", corner) for corner in corners[1:]]
    steps.append(("Z", ()))
    return steps


def _adjusts(geometry: etree._Element) -> dict[str, float]:
    """``adj`` guide values (``<a:gd name="adj" fmla="val 16667"/>``) by name."""
    out: dict[str, float] = {}
    for guide in geometry.iterfind("a:avLst/a:gd", NS):
        formula = guide.get("fmla", "").split()
        if len(formula) == 2 and formula[0] == "val":
            try:
                out[guide.get("name", "")] = float(formula[1])
            except ValueError:
                continue
    return out


def ellipse_path(cx: float, cy: float, rx: float, ry: float) -> list[PathStep]:
    """A whole ellipse as four Bézier quarters, clockwise from the right."""
    start = (cx + rx, cy)
    steps: list[PathStep] = [("M", start)]
    steps += _arc(cx, cy, rx, ry, 0.0, 2 * math.pi)
    steps.append(("Z", ()))
    return steps


def _round_rect(w: float, h: float, radius: float) -> list[PathStep]:
    r = max(0.0, min(radius, w / 2, h / 2))
    half = math.pi / 2
    steps: list[PathStep] = [("M", (r, 0.0)), ("L", (w - r, 0.0))]
    steps += _arc(w - r, r, r, r, -half, half)
    steps.append(("L", (w, h - r)))
    steps += _arc(w - r, h - r, r, r, 0.0, half)
    steps.append(("L", (r, h)))
    steps += _arc(r, h - r, r, r, half, half)
    steps.append(("L", (0.0, r)))
    steps += _arc(r, r, r, r, math.pi, half)
    steps.append(("Z", ()))
    return steps


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, sweep: float) -> list[PathStep]:
    """Cubic Béziers along an ellipse from parametric angle ``start`` (radians) by ``sweep``,
    at most a quarter turn each (y grows downwards, so positive angles run clockwise)."""
    count = max(1, math.ceil(abs(sweep) / (math.pi / 2) - 1e-9))
    step = sweep / count
    k = 4 / 3 * math.tan(step / 4)
    steps: list[PathStep] = []
    for i in range(count):
        a0, a1 = start + i * step, start + (i + 1) * step
        x0, y0 = cx + rx * math.cos(a0), cy + ry * math.sin(a0)
        x3, y3 = cx + rx * math.cos(a1), cy + ry * math.sin(a1)
        c1 = (x0 - k * rx * math.sin(a0), y0 + k * ry * math.cos(a0))
        c2 = (x3 + k * rx * math.sin(a1), y3 - k * ry * math.cos(a1))
        steps.append(("C", (*c1, *c2, x3, y3)))
    return steps


# --- freeforms ----------------------------------------------------------------------------------


def custom_path(geometry: etree._Element, w: float, h: float) -> list[PathStep] | None:
    """The outline of an ``a:custGeom`` scaled into ``w × h``; ``None`` when a point is given
    by a guide formula rather than a number (drawn as nothing rather than drawn wrong)."""
    steps: list[PathStep] = []
    for path in geometry.iterfind("a:pathLst/a:path", NS):
        pw, ph = _number(path.get("w")) or w, _number(path.get("h")) or h
        scale = (w / pw if pw else 1.0, h / ph if ph else 1.0)
        current = (0.0, 0.0)
        for command in children(path):
            kind = etree.QName(command).localname
            if kind == "close":
                steps.append(("Z", ()))
                continue
            if kind == "arcTo":
                arc = _arc_to(command, current, scale)
                if arc is None:
                    return None
                steps += arc
                current = arc[-1][1][-2:] if arc else current
                continue
            points = _points(command, scale)
            if points is None:
                return None
            if kind == "quadBezTo" and len(points) == 2:
                steps.append(("C", _quad_as_cubic(current, *points)))
            elif kind in ("moveTo", "lnTo", "cubicBezTo") and points:
                op = {"moveTo": "M", "lnTo": "L", "cubicBezTo": "C"}[kind]
                steps.append((op, tuple(v for point in points for v in point)))
            else:
                continue
            current = points[-1]
    return steps


def _points(
    command: etree._Element, scale: tuple[float, float]
) -> list[tuple[float, float]] | None:
    out: list[tuple[float, float]] = []
    for pt in command.iterfind("a:pt", NS):
        try:
            x, y = float(pt.get("x", "")), float(pt.get("y", ""))
        except ValueError:
            return None
        out.append((x * scale[0], y * scale[1]))
    return out


def _arc_to(
    command: etree._Element, current: tuple[float, float], scale: tuple[float, float]
) -> list[PathStep] | None:
    """``a:arcTo``: an elliptical arc from the current point; its angles are visual angles,
    turned into the ellipse's parametric ones."""
    try:
        rx = float(command.get("wR", "")) * scale[0]
        ry = float(command.get("hR", "")) * scale[1]
        start = math.radians(float(command.get("stAng", "")) / ANGLE_UNIT)
        sweep = math.radians(float(command.get("swAng", "")) / ANGLE_UNIT)
    except ValueError:
        return None
    if rx <= 0 or ry <= 0 or not sweep:
        return []
    full = 2 * math.pi
    t0 = math.atan2(math.sin(start) * rx, math.cos(start) * ry)
    end = start + sweep
    t1 = math.atan2(math.sin(end) * rx, math.cos(end) * ry)
    if abs(sweep) >= full - 1e-9:
        turn = math.copysign(full, sweep)
    else:
        turn = (t1 - t0) % full
        if sweep < 0:
            turn -= full
    cx, cy = current[0] - rx * math.cos(t0), current[1] - ry * math.sin(t0)
    return _arc(cx, cy, rx, ry, t0, turn)


def _quad_as_cubic(
    start: tuple[float, float], control: tuple[float, float], end: tuple[float, float]
) -> tuple[float, ...]:
    c1 = (start[0] + 2 / 3 * (control[0] - start[0]), start[1] + 2 / 3 * (control[1] - start[1]))
    c2 = (end[0] + 2 / 3 * (control[0] - end[0]), end[1] + 2 / 3 * (control[1] - end[1]))
    return (*c1, *c2, *end)


# --- numbers ------------------------------------------------------------------------------------


def _number(text: str | None) -> float:
    try:
        return float(text) if text else 0.0
    except ValueError:
        return 0.0


def _pair(xfrm: etree._Element, tag: str, a: str, b: str) -> tuple[float, float]:
    element = xfrm.find(tag, NS)
    if element is None:
        return 0.0, 0.0
    return _number(element.get(a)), _number(element.get(b))
