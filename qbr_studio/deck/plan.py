"""The slide plan: every slide of the deck, every element positioned and every text measured.

It sits between the review and the writers. The .pptx writer and the app's preview/PDF
painter both draw exactly this, so what the CSM sees is what the deck will be: every slide
says which template layout it is built on, what goes into that layout's title and subtitle
placeholders (:class:`PlaceholderText`), its elements and its footer, all in
:meth:`SlidePlan.drawn` order, and tables and charts carry their look (:class:`TableLook`,
:class:`ChartLook`). A writer is a dispatch over these element types and decides no size,
colour or place of its own. Colours are
roles (``"text"``, ``"muted"``, ``"series:0"``, ``"status:red"``…) resolved by the
:class:`Palette` of the slide's layout (:meth:`DeckPlan.palette_for`), or a literal
``"#RRGGBB"`` for the template's own artwork; positions are EMU. What the template's layouts
draw behind the slides travels along as :attr:`DeckPlan.backdrops` (see
:mod:`qbr_studio.deck.backdrop`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio.charts.spec import ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.colors import AA_TEXT, best_text_color, contrast_ratio
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.model.deck_kinds import DeckSection, SlideKind

if TYPE_CHECKING:
    from qbr_studio.deck.backdrop import Backdrop


@dataclass(frozen=True)
class Palette:
    """The template's colours on one layout, each checked for contrast against that layout's
    background (see :mod:`qbr_studio.deck.reading.palettes`)."""

    background: RGB
    """One colour standing for the layout's background (a picture's or gradient's average)."""
    text: RGB
    muted: RGB
    title: RGB
    series: tuple[RGB, ...]
    status: dict[str, RGB]
    surface: RGB
    """A faint fill for tiles and table bands, close to the background."""
    on_accent: RGB
    """Text colour readable on ``series:0`` (table headers)."""
    accent_text: RGB
    """``series:0`` adjusted to read as text on ``surface`` (the title slide's big figures)."""
    alert: RGB
    """Red for table text that must stand out (overdue, at risk), readable on the table's
    fills: ``background`` and ``surface``."""
    subtitle: RGB
    """The title slide's subtitle colour: the template's own when it reads on what lies behind
    the subtitle box, else the muted text colour made to read there."""
    footer: RGB
    """The text colour of the layout's footer and slide-number placeholders (the template's
    own when it reads on what lies behind them, e.g. a coloured footer bar)."""

    def resolve(self, role: str) -> RGB:
        """The colour of ``role``; a literal ``"#RRGGBB"`` is that colour."""
        if role.startswith("#"):
            return RGB.from_hex(role)
        if role.startswith("series:"):
            return self.series[int(role.split(":", 1)[1]) % len(self.series)]
        if role.startswith("status:"):
            return self.status[role.split(":", 1)[1]]
        return getattr(self, role)

    def text_on(self, role: str) -> RGB:
        """The colour of text drawn on a fill of ``role`` (a data label inside a bar): the
        palette's text or background colour, whichever reads better on it, or black or white
        when neither reaches WCAG AA."""
        fill = self.resolve(role)
        best = best_text_color(fill, (self.text, self.background))
        if contrast_ratio(best, fill) >= AA_TEXT:
            return best
        return best_text_color(fill)


class Align(str, Enum):
    LEFT = "l"
    CENTER = "ctr"
    RIGHT = "r"


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    color: str | None = None
    """Colour role; ``None`` takes the paragraph's."""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    size: float
    """Points."""
    color: str = "text"
    bullet: bool = False
    align: Align = Align.LEFT
    space_before: float = 0.0
    """Points of space above the paragraph."""
    heading_font: bool = False

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class TextBox:
    rect: Rect
    paragraphs: tuple[Paragraph, ...]
    name: str
    fill: str | None = None
    anchor: str = "t"
    """Vertical anchor: ``t`` top, ``ctr`` middle, ``b`` bottom."""


class PlaceholderRole(str, Enum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    FOOTER = "footer"
    SLIDE_NUMBER = "slide_number"


@dataclass(frozen=True)
class PlaceholderText:
    """Text for one of the slide layout's own placeholders (title, subtitle, footer, number).

    The .pptx writer puts it into that placeholder, whose box, alignment and weight the layout
    decides; the painter draws it into the backdrop's frame of the placeholder, as PowerPoint
    does. The paragraph gives the text, its size and colour role.
    """

    role: PlaceholderRole
    paragraph: Paragraph


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    color: str | None = None
    """Colour role of the text; ``None`` is the table's text colour."""
    align: Align = Align.LEFT


@dataclass(frozen=True)
class TableLook:
    """How a table is filled: a header row, body rows banded in turn, thin rules between
    cells (PowerPoint's default table style draws them in the background colour)."""

    header_fill: str = "series:0"
    header_text: str = "on_accent"
    """Colour role of the header's text, which is always bold."""
    bands: tuple[str, ...] = ("background", "surface")
    """Fills of the body rows in turn, from the first."""
    text: str = "text"
    """Colour role of body text a cell does not colour itself."""
    rule: str = "background"
    rule_width: float = 1.0
    """Points."""
    margin_x: float = style.CELL_MARGIN_X
    margin_y: float = style.CELL_MARGIN_Y
    """Cell margins, points (the plan measured row heights with them)."""

    def band(self, row: int) -> str:
        """Fill of body row ``row`` (0 is the first row under the header)."""
        return self.bands[row % len(self.bands)]


@dataclass(frozen=True)
class Table:
    rect: Rect
    name: str
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    col_widths: tuple[int, ...]
    row_heights: tuple[int, ...]
    """Header first, then one per row, as measured."""
    font_size: float
    alt_text: str = ""
    look: TableLook = TableLook()


@dataclass(frozen=True)
class ChartLook:
    """The drawing of a native chart that its spec leaves open, the same for every renderer:
    type sizes, bar gaps, line and gridline widths, the dash of a dashed series."""

    title_size: float = style.CHART_TITLE_SIZE
    """Points: the chart's own title, bold."""
    label_size: float = style.CHART_SIZE
    """Points: axis labels, data labels and legend."""
    gap_width: int = style.CHART_GAP_WIDTH
    """Space between bar groups as a percentage of a bar's width."""
    line_width: float = style.CHART_LINE_WIDTH
    """Points: a line series."""
    category_label_skip: int = 1
    """Every how-many-th category label is drawn: 1, all of them (never one left out)."""
    category_label_rotation: int = 0
    """Degrees of the category labels: 0, level (they wrap rather than turn)."""
    marker_size: int = 5
    """Points: diameter of a line series' circle markers (PowerPoint's marker size)."""
    gridline_width: float = 0.75
    """Points: value-axis gridlines and the category axis line."""
    gridline_share: float = style.GRIDLINE_SHARE
    """Gridlines are the text colour mixed this far into the background."""
    dash: str = "dash"
    """DrawingML preset dash of a dashed series."""
    dash_pattern: tuple[float, ...] = (3.0, 2.0)
    """The same dash as dash and gap lengths in line widths, for renderers that draw it."""
    segment_labels: tuple[tuple[bool, ...], ...] = ()
    """Stacked columns: per series, per category, whether the segment carries its value
    label — only where the label fits inside it (decided by planning,
    :mod:`qbr_studio.deck.planning.chart_labels`); empty: no segment labels. The text is
    :meth:`Palette.text_on` the series' colour."""
    segment_label_size: float = style.CHART_MIN_SIZE
    """Points: the value labels inside stacked segments."""


@dataclass(frozen=True)
class Chart:
    rect: Rect
    name: str
    spec: ChartSpec
    look: ChartLook = ChartLook()


@dataclass(frozen=True)
class Shape:
    """A plain filled rectangle: figure tiles, accent rules. Decorative; no text."""

    rect: Rect
    name: str
    fill: str


@dataclass(frozen=True)
class Picture:
    """A raster picture (PNG or JPEG for the deck's own, e.g. the customer's logo), stretched to
    ``rect``: builders size the rect to the picture's aspect ratio.

    ``crop`` trims the picture before it is stretched: shares of its width/height cut off the
    left, top, right and bottom (a template picture's ``a:srcRect``).
    """

    rect: Rect
    name: str
    image: bytes = field(repr=False)
    content_type: str
    alt_text: str = ""
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


Element = TextBox | Table | Chart | Shape | Picture
"""What a slide builder places on a slide."""
Drawn = Element | PlaceholderText
"""What a writer draws: the elements and the layout placeholders' text."""


@dataclass
class SlidePlan:
    kind: SlideKind
    """``TITLE`` uses the template's title-slide layout; ``CONTENT`` its title-only layout."""
    title: str
    section: DeckSection
    """Agenda part the slide belongs to, e.g. ``DEEP_DIVE``; used by the preview's list."""
    elements: list[Element] = field(default_factory=list)
    notes: str = ""
    subtitle: str = ""
    title_size: float = 28.0
    footer: str = ""
    number: int = 0
    layout: int = 0
    """Index of the template's slide layout the slide is built on (set by the assembly)."""
    placeholders: tuple[PlaceholderText, ...] = ()
    """The title (and subtitle) for the layout's placeholders (set by the assembly)."""
    footer_box: TextBox | None = None
    """The footer line, drawn over everything else (set by the assembly)."""

    def drawn(self) -> list[Drawn]:
        """Everything a writer draws on the slide, in order: the placeholders' text, the
        elements (later ones on top), the footer."""
        footer = [self.footer_box] if self.footer_box is not None else []
        return [*self.placeholders, *self.elements, *footer]


@dataclass
class DeckPlan:
    slide_width: int
    slide_height: int
    palette: Palette
    """The colours of content slides (and their charts), and of any kind of slide
    :attr:`palettes` leaves out."""
    heading_font: str
    body_font: str
    slides: list[SlidePlan] = field(default_factory=list)
    template: Path | None = None
    """The template file the .pptx writer builds the slides on (its layouts)."""
    footer_rect: Rect | None = None
    title_rect: Rect | None = None
    palettes: dict[SlideKind, Palette] = field(default_factory=dict)
    """The colours of the other kinds of slide (``title``), each readable on its own layout's
    background."""
    backdrops: dict[SlideKind, Backdrop] = field(default_factory=dict)
    """What the template's layout draws behind each kind of slide (``title``, ``content``):
    background, master and layout artwork, the title placeholders' frames. The .pptx gets these
    from its layouts; the preview and PDF draw them from here."""

    def backdrop(self, slide: SlidePlan) -> Backdrop | None:
        """The backdrop of ``slide``'s layout, if the plan carries one."""
        return self.backdrops.get(slide.kind)

    def palette_for(self, slide: SlidePlan) -> Palette:
        """The colours of ``slide``: those of its kind's layout."""
        return self.palettes.get(slide.kind, self.palette)
