"""WCAG AA for the deck's text on every slide, whatever each layout draws behind it.

Templates whose layouts differ in background are the point: the bundled default, a white title
slide before a dark content layout, a dark picture on the master, a dark-navy master and a
gradient master. For each the deck is built and

* in the written .pptx, every text run with an explicit colour (titles, subtitles, text boxes,
  table cells, chart text) has 4.5:1 against what lies behind it: its table cell's fill, the
  filled shape it sits on, else every colour of its slide's own background, read from the
  slide's layout in the written file;
* the preview painter (which also makes the PDF) draws every piece of the deck's text in a
  colour with 4.5:1 against what lies behind it: the slide's background as the plan's backdrop
  says, or the fill it painted under the text.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
import template_factory as tf
from lxml import etree
from PIL import Image
from pptx import Presentation
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QImage, QPainter

from qbr_studio.deck.backdrop import Background, Paint
from qbr_studio.deck.colors import (
    AA_TEXT,
    WHITE,
    contrast_ratio,
    ensure_contrast,
    ensure_contrast_on,
    relative_luminance,
    worst_contrast,
)
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.images import average_color
from qbr_studio.deck.plan import Chart, DeckPlan, Shape, SlidePlan, Table, TextBox
from qbr_studio.deck.produce import build_deck
from qbr_studio.deck.reading.backdrop_reader import read_backdrop
from qbr_studio.deck.reading.palettes import (
    background_grounds,
    is_dark_background,
    representative_color,
)
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.reading.theme_colors import NS, theme_element
from qbr_studio.sample import build_sample_review
from qbr_studio.ui.slide_painter import paint_slide

TEMPLATES = {
    "bundled": None,
    "dark_title_only_layout": tf.dark_title_only_layout,
    "picture_master": tf.picture_master,
    "dark_navy_master": tf.dark_navy_master,
    "gradient_master": tf.gradient_master,
}
"""Templates the deck is checked on (``None`` is the bundled default)."""

PICTURE_COLOR = RGB(20, 30, 50)
"""The colour of :func:`template_factory.picture_master`'s background picture."""

WIDTH = 1280
"""Pixels across a slide painted by the preview."""

C_NS = {**NS, "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
CHART_TEXT = ".//c:txPr//a:solidFill/a:srgbClr | .//c:rich//a:solidFill/a:srgbClr"
"""Colours of a chart's text (titles, axes, legend, data labels); the chart has no fill."""


@dataclass(frozen=True)
class Written:
    """A piece of text in the deck, its colour and the colours behind it."""

    where: str
    text: str
    color: RGB
    behind: tuple[RGB, ...]

    def problem(self) -> str | None:
        ratio = worst_contrast(self.color, self.behind)
        if ratio >= AA_TEXT:
            return None
        behind = ", ".join(c.hex for c in self.behind)
        return f"{self.where}: {self.text[:30]!r} #{self.color.hex} on #{behind} is {ratio:.2f}:1"


@pytest.fixture(scope="module", params=list(TEMPLATES), ids=list(TEMPLATES))
def deck(request, tmp_path_factory) -> tuple[DeckPlan, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    build = TEMPLATES[request.param]
    template = None if build is None else build(folder)
    out = folder / "deck.pptx"
    return build_deck(build_sample_review(), out, template), out


# --- the written .pptx ------------------------------------------------------------------------


def _grounds_of(slide) -> tuple[RGB, ...]:
    """What the slide's layout (or its master) draws as background, from the written file."""
    layout = slide.slide_layout
    master = layout.slide_master
    backdrop = read_backdrop(layout, master, theme_element(master), ("Calibri", "Calibri"))
    return background_grounds(backdrop.background)


def _srgb(parent: etree._Element | None, path: str) -> RGB | None:
    found = None if parent is None else parent.find(path, NS)
    return None if found is None else RGB.from_hex(found.get("val"))


def _rect(shape: etree._Element) -> Rect | None:
    offset, extent = shape.find(".//a:off", NS), shape.find(".//a:ext", NS)
    if offset is None or extent is None:
        return None  # a placeholder placed by its layout
    x, y = int(offset.get("x")), int(offset.get("y"))
    return Rect(x, y, int(extent.get("cx")), int(extent.get("cy")))


def _runs(where: str, body: etree._Element | None, behind: tuple[RGB, ...]) -> list[Written]:
    out: list[Written] = []
    for run in [] if body is None else body.iterfind(".//a:r", NS):
        color = _srgb(run, "a:rPr/a:solidFill/a:srgbClr")
        if color is not None:
            out.append(Written(where, run.findtext("a:t", "", NS), color, behind))
    return out


def written_text(slide, number: int) -> list[Written]:
    """Every coloured run on the slide, with what lies behind it (see module docstring)."""
    grounds = _grounds_of(slide)
    filled: list[tuple[Rect, RGB]] = []
    out: list[Written] = []
    for shape in slide.shapes:
        element = shape._element
        where = f"slide {number} {shape.name}"
        if shape.has_text_frame:
            rect = _rect(element)
            fill = _srgb(element, "p:spPr/a:solidFill/a:srgbClr")
            under = [c for r, c in filled if rect is not None and r.contains(rect)]
            behind = (fill,) if fill else (under[-1],) if under else grounds
            out += _runs(where, element.find("p:txBody", NS), behind)
            if fill is not None and rect is not None:
                filled.append((rect, fill))
        elif getattr(shape, "has_table", False) and shape.has_table:
            for cell in element.iterfind(".//a:tc", NS):
                out += _runs(where, cell, (_srgb(cell, "a:tcPr/a:solidFill/a:srgbClr"),))
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            chart = etree.fromstring(shape.chart.part.blob)
            out += [
                Written(where, "chart text", RGB.from_hex(c.get("val")), _behind(c, grounds))
                for c in chart.xpath(CHART_TEXT, namespaces=C_NS)
            ]
    return out


def _behind(color: etree._Element, grounds: tuple[RGB, ...]) -> tuple[RGB, ...]:
    """What a chart text lies on: a stacked segment's fill for the labels centred inside it,
    else the slide's background."""
    series = color.xpath("ancestor::c:dLbls[c:dLblPos/@val='ctr']/parent::c:ser", namespaces=C_NS)
    found = series[0].find("c:spPr/a:solidFill/a:srgbClr", C_NS) if series else None
    return (RGB.from_hex(found.get("val")),) if found is not None else grounds


def test_every_coloured_run_in_the_pptx_reads_on_what_lies_behind_it(deck):
    plan, path = deck
    prs = Presentation(str(path))
    found = [written_text(slide, n) for n, slide in enumerate(prs.slides, start=1)]
    assert all(found), "every slide has coloured text to check"
    kinds = {s.kind for s in plan.slides}
    assert kinds == {"title", "content"}
    problems = [w.problem() for runs in found for w in runs if w.problem()]
    assert not problems, "text below AA contrast:\n" + "\n".join(problems[:30])


# --- the preview ------------------------------------------------------------------------------


class _TextRecorder(QPainter):
    """Paints everything but text, noting instead what text it was asked to draw, where (in
    device pixels) and in which pen colour."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.drawn: list[tuple[str, RGB, QPointF]] = []

    def drawText(self, *args) -> None:
        at = args[0].center() if isinstance(args[0], QRectF) else args[0]
        color = self.pen().color()
        rgb = RGB(color.red(), color.green(), color.blue())
        self.drawn.append((str(args[-1]), rgb, self.transform().map(at)))


def preview_text(plan: DeckPlan, index: int) -> list[Written]:
    """Every piece of text the painter draws on slide ``index`` but the template's own static
    text, with what lies behind it: the pixel the painter left there without the text when the
    text sits on a table, tile or filled box, else every colour of the slide's background."""
    slide = plan.slides[index]
    height = round(WIDTH * plan.slide_height / plan.slide_width)
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    painter = _TextRecorder(image)
    paint_slide(painter, plan, index, QRectF(0, 0, WIDTH, height))
    painter.end()
    backdrop = plan.backdrop(slide)
    grounds = background_grounds(backdrop.background)
    art = [a.rect for a in backdrop.art if isinstance(a, TextBox)]
    scale = plan.slide_width / WIDTH
    out = []
    for text, color, at in painter.drawn:
        if not text.strip():
            continue
        x, y = min(WIDTH - 1, max(0, round(at.x()))), min(height - 1, max(0, round(at.y()) - 2))
        point = Rect(round(x * scale), round(y * scale), 1, 1)
        if any(r.contains(point) for r in art):
            continue
        pixel = image.pixelColor(x, y)
        on_fill = _on_fill(slide, point)
        behind = (RGB(pixel.red(), pixel.green(), pixel.blue()),) if on_fill else grounds
        out.append(Written(f"slide {index + 1} preview", text, color, behind))
    return out


def _on_fill(slide: SlidePlan, point: Rect) -> bool:
    """Whether the plan puts a fill under ``point``: a table, a tile, a filled text box, a
    chart (labels inside its bars)."""
    return any(
        element.rect.contains(point)
        for element in slide.elements
        if isinstance(element, Table | Shape | Chart)
        or (isinstance(element, TextBox) and element.fill)
    )


def test_the_preview_draws_every_text_readable_on_what_lies_behind_it(qapp, deck):
    plan, _ = deck
    found = [preview_text(plan, i) for i in range(len(plan.slides))]
    assert all(found), "every slide has text to check"
    problems = [w.problem() for texts in found for w in texts if w.problem()]
    assert not problems, "text below AA contrast:\n" + "\n".join(problems[:30])


def test_titles_and_body_colours_read_on_each_slides_own_background(deck):
    """The palette each slide is drawn with, role by role, against its own background (and
    the fills tables and tiles put under their text)."""
    plan, _ = deck
    for slide in plan.slides:
        palette = plan.palette_for(slide)
        grounds = background_grounds(plan.backdrop(slide).background)
        for role in ("text", "muted", "title"):
            color = palette.resolve(role)
            assert worst_contrast(color, grounds) >= AA_TEXT, (slide.title, role)
            assert contrast_ratio(color, palette.surface) >= AA_TEXT or role == "title", role
        table_fills = (palette.background, palette.surface)
        assert worst_contrast(palette.alert, table_fills) >= AA_TEXT
        assert contrast_ratio(palette.accent_text, palette.surface) >= AA_TEXT
        assert contrast_ratio(palette.on_accent, palette.series[0]) >= AA_TEXT


# --- the two templates of the bug -------------------------------------------------------------


def test_a_white_title_slide_before_dark_content_slides_gets_dark_text(tmp_path):
    info = load_template(tf.dark_title_only_layout(tmp_path))
    title, content = info.palettes["title"], info.palettes["content"]
    assert title.background == WHITE
    assert is_dark_background(content.background)
    assert relative_luminance(title.text) < 0.1 and relative_luminance(title.title) < 0.1
    assert relative_luminance(content.text) > 0.8
    assert title.title == RGB.from_hex("1F3A5F"), "the template's title colour, as it reads"


def test_a_dark_picture_background_gets_light_text(tmp_path):
    info = load_template(tf.picture_master(tmp_path))
    for palette in info.palettes.values():
        background = palette.background
        assert abs(background.r - PICTURE_COLOR.r) + abs(background.b - PICTURE_COLOR.b) <= 4
        assert relative_luminance(palette.text) > 0.8
        assert relative_luminance(palette.title) > 0.8
        assert worst_contrast(palette.muted, (palette.background,)) >= AA_TEXT


def test_the_title_slide_uses_its_own_palette_in_the_plan(tmp_path):
    plan = build_deck(
        build_sample_review(), tmp_path / "deck.pptx", tf.dark_title_only_layout(tmp_path)
    )
    title, content = plan.slides[0], plan.slides[1]
    assert (title.kind, content.kind) == ("title", "content")
    assert plan.palette_for(title) == plan.palettes["title"] != plan.palette
    assert plan.palette_for(content) == plan.palette


# --- background colours and contrast on several backgrounds ------------------------------------


def test_a_gradient_reads_on_all_its_stops_and_stands_as_their_average():
    top, bottom = RGB.from_hex(tf.DARK_NAVY), RGB.from_hex("3A6EA5")
    background = Background(Paint(((0.0, top), (1.0, bottom)), 90.0))
    assert background_grounds(background) == (top, bottom)
    middle = representative_color(background)
    assert relative_luminance(top) < relative_luminance(middle) < relative_luminance(bottom)


def test_a_picture_stands_as_its_average_over_what_shows_through_it():
    half = Image.new("RGBA", (4, 2), (0, 0, 0, 255))
    half.paste((0, 0, 0, 0), (0, 0, 2, 2))  # the left half transparent
    data = io.BytesIO()
    half.save(data, format="PNG")
    average = average_color(data.getvalue(), WHITE)
    assert average is not None
    assert relative_luminance(average) == pytest.approx(0.5, abs=0.01)  # linear light
    assert average_color(b"not a picture", WHITE) is None


def test_ensure_contrast_on_several_backgrounds():
    navy, blue = RGB.from_hex(tf.DARK_NAVY), RGB.from_hex("3A6EA5")
    grey = RGB.from_hex("6092D4")
    lifted = ensure_contrast_on(grey, (navy, blue), AA_TEXT)
    assert worst_contrast(lifted, (navy, blue)) >= AA_TEXT
    assert ensure_contrast_on(grey, (navy,), AA_TEXT) == ensure_contrast(grey, navy, AA_TEXT)
    assert ensure_contrast_on(WHITE, (WHITE, RGB(0, 0, 0)), AA_TEXT) in (WHITE, RGB(0, 0, 0))
