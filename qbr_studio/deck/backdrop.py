"""What a slide layout (with its master) draws behind a slide's own content.

PowerPoint draws a slide's background, the master's and the layout's own shapes (rules, bands,
a logo, a "Confidential" line) and the text of the placeholders the slide fills from the layout.
The .pptx writer gets all of that for free by building each slide on its layout; the app's
preview and PDF export draw it from a :class:`Backdrop`, read from the template by
:mod:`qbr_studio.deck.reading.backdrop_reader` and carried in :attr:`DeckPlan.backdrops
<qbr_studio.deck.plan.DeckPlan.backdrops>`, one per kind of slide. The writer never writes a
backdrop's artwork, so nothing is drawn twice.

Positions are slide EMU, colours are resolved :class:`~qbr_studio.deck.geometry.RGB` (the
template's own, not palette roles), text colours are literal ``#RRGGBB`` roles (see
:meth:`Palette.resolve <qbr_studio.deck.plan.Palette.resolve>`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.plan import Align, Picture, TextBox

SLIDE_NUMBER = "‹#›"
"""What a slide-number field shows on a layout; the painter puts the slide's number there."""

PathStep = tuple[str, tuple[float, ...]]
"""One step of an outline: ``("M", (x, y))`` move, ``("L", (x, y))`` line,
``("C", (x1, y1, x2, y2, x, y))`` cubic Bézier, ``("Z", ())`` close; points in slide EMU."""


@dataclass(frozen=True)
class Paint:
    """A fill: one colour, or a linear gradient through ``stops`` (position 0–1, colour).

    ``angle`` is the gradient's direction in degrees clockwise from left→right, as
    DrawingML's ``a:lin``; ``alpha`` is the opacity, 0–1.
    """

    stops: tuple[tuple[float, RGB], ...]
    angle: float = 0.0
    alpha: float = 1.0

    @classmethod
    def solid(cls, color: RGB, alpha: float = 1.0) -> Paint:
        return cls(((0.0, color),), alpha=alpha)

    @property
    def color(self) -> RGB:
        """The colour standing for the paint (its first stop)."""
        return self.stops[0][1]

    @property
    def is_gradient(self) -> bool:
        return len(self.stops) > 1


@dataclass(frozen=True)
class Stroke:
    """An outline: colour, width in EMU, dash pattern, opacity 0–1.

    ``dashes`` alternates dash and gap lengths in line widths (``(4, 3)`` is PowerPoint's
    "dash"); empty for a solid line.
    """

    color: RGB
    width: int
    dashes: tuple[float, ...] = ()
    alpha: float = 1.0


@dataclass(frozen=True)
class Figure:
    """A drawn shape of the template: rectangle, ellipse, freeform or line, as an outline."""

    name: str
    bounds: Rect
    path: tuple[PathStep, ...]
    fill: Paint | None = None
    line: Stroke | None = None


Art = Figure | Picture | TextBox
"""One piece of a layout's or master's artwork."""


@dataclass(frozen=True)
class Background:
    """The slide background: a paint, and a picture stretched over the slide if it has one."""

    paint: Paint
    picture: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class TextFrame:
    """Where a placeholder the writer fills (title, subtitle) puts its text, as the layout
    (inheriting from the master) says: its box, vertical anchor, alignment, boldness and the
    fill behind it, if any."""

    rect: Rect
    anchor: str = "t"
    """``t`` top, ``ctr`` middle, ``b`` bottom."""
    align: Align = Align.LEFT
    bold: bool = False
    fill: Paint | None = None
    size: float | None = None
    """Points: the placeholder's own text size, if the layout or master sets one."""
    color: RGB | None = None
    """The placeholder's own text colour, if the layout or master sets one."""


@dataclass(frozen=True)
class Backdrop:
    """Everything one slide layout draws under a slide's elements (see module docstring)."""

    background: Background
    art: tuple[Art, ...] = ()
    """The master's artwork (unless the layout hides it), then the layout's, bottom first."""
    title: TextFrame | None = None
    subtitle: TextFrame | None = None
    footer: TextFrame | None = None
    """The layout's footer placeholder, where the deck's footer line goes (if it has one)."""
    slide_number: TextFrame | None = None
    """The layout's slide-number placeholder, where the slide's number goes (if it has one)."""
