"""What the deck knows of a template: :class:`TemplateInfo`, as
:func:`qbr_studio.deck.reading.template.load_template` gives it.

Free of python-pptx: a description kept on disk (see
:mod:`qbr_studio.deck.reading.kept_descriptions`) is read, planned and painted without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from qbr_studio.deck.backdrop import Backdrop
from qbr_studio.deck.colors import is_dark_background
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.plan import Palette
from qbr_studio.deck.reading.embedded_fonts import EmbeddedFont
from qbr_studio.model.deck_kinds import SlideKind


@dataclass(frozen=True)
class TemplateInfo:
    """What the deck needs to know about a template (see module docstring); planning takes
    it as a :class:`~qbr_studio.deck.planning.canvas.Canvas`."""

    path: Path
    slide_width: int
    slide_height: int
    title_layout: int
    content_layout: int
    title_rect: Rect
    body_rect: Rect
    footer_rect: Rect
    palettes: dict[SlideKind, Palette]
    """The deck's colours on the title-slide (``"title"``) and content (``"content"``) layouts,
    each readable on that layout's own background."""
    heading_font: str
    body_font: str
    backdrops: dict[SlideKind, Backdrop] = field(default_factory=dict)
    """What the title-slide (``"title"``) and content (``"content"``) layouts draw under a
    slide's own shapes, for the preview (see :mod:`qbr_studio.deck.backdrop`)."""
    dropped: tuple[str, ...] = ()
    """What the template carried that a deck never takes (macros, embedded objects, external
    links, metadata), in plain words; see :func:`qbr_studio.safeio.sanitise_template`."""
    keep_outs: dict[SlideKind, tuple[Rect, ...]] = field(default_factory=dict)
    """The boxes of each layout's artwork (logo, bars, ornaments): nothing of ours goes there
    (see :mod:`qbr_studio.deck.reading.keepouts`); ``body_rect`` is already clear of them."""
    layout_body: Rect | None = None
    """The content layout's body box before the keep-outs were taken out of it."""
    adjustments: tuple[str, ...] = ()
    """What the app had to change to read well on this template, in plain words."""
    layout_names: dict[SlideKind, str] = field(default_factory=dict)
    """The names the template gives the layouts used (for ``template check``)."""
    embedded_fonts: tuple[EmbeddedFont, ...] = ()
    """The fonts the template embeds, each usable (and then measuring its family) or not
    (see :mod:`qbr_studio.deck.reading.embedded_fonts`)."""

    # The content layout's colours (most slides', and the charts'), one by one.

    @property
    def palette(self) -> Palette:
        return self.palettes[SlideKind.CONTENT]

    @property
    def background(self) -> RGB:
        return self.palette.background

    @property
    def text(self) -> RGB:
        return self.palette.text

    @property
    def muted(self) -> RGB:
        return self.palette.muted

    @property
    def title_color(self) -> RGB:
        return self.palette.title

    @property
    def series(self) -> tuple[RGB, ...]:
        return self.palette.series

    @property
    def status(self) -> dict[str, RGB]:
        return self.palette.status

    @property
    def is_dark(self) -> bool:
        return is_dark_background(self.background)
