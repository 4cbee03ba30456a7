"""Slide plan → .pptx: places exactly what the plan measured, on the template's layouts.

Each slide is built on the layout its plan names, so PowerPoint draws the layout's and
master's own artwork and background itself; the plan's backdrops (which the preview draws) are
never written. The writer is one dispatch over the plan's element types (:data:`WRITERS`); every
size, place and colour role comes from the plan, resolved by the palette of the slide's layout.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.parts.chart import ChartPart
from pptx.parts.slide import NotesSlidePart
from pptx.presentation import Presentation
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.slide import Slide
from pptx.util import Pt

from qbr_studio.deck.plan import (
    Chart,
    DeckPlan,
    Drawn,
    Palette,
    Picture,
    PlaceholderRole,
    PlaceholderText,
    Shape,
    SlidePlan,
    Table,
    TextBox,
)
from qbr_studio.deck.reading.template import open_presentation
from qbr_studio.deck.writing import chart_xml, ooxml
from qbr_studio.deck.writing.pptx_internals import (
    ShapeIds,
    allocate_partnames_once,
    append_to_slide,
    remove_shape,
)

PLACEHOLDER_TYPES = {
    PlaceholderRole.TITLE: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    PlaceholderRole.SUBTITLE: (PP_PLACEHOLDER.SUBTITLE,),
    PlaceholderRole.FOOTER: (PP_PLACEHOLDER.FOOTER,),
    PlaceholderRole.SLIDE_NUMBER: (PP_PLACEHOLDER.SLIDE_NUMBER,),
}
"""The layout placeholders each kind of placeholder text goes into."""
LATENT_TYPES = frozenset({PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER})
"""Layout placeholders python-pptx does not put on a new slide (PowerPoint adds them when
the footer is switched on)."""
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def write_pptx(plan: DeckPlan, out: BinaryIO, *, author: str = "") -> None:
    prs = _open_template_package(plan.template)
    allocate_partnames_once(prs.part.package)
    for slide_plan in plan.slides:
        _add_slide(prs, plan, slide_plan)
    props = prs.core_properties
    props.title = plan.slides[0].title if plan.slides else ""
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = FIXED_TIMESTAMP
    props.revision = 1
    prs.save(out)


def _open_template_package(template: Path | None) -> Presentation:
    """The template's package, slide-free, that the deck is written into: the one place the
    writer opens the template."""
    return open_presentation(template)


@dataclass
class _Target:
    """The slide being written, its shape ids, its layout's colours and the placeholders kept
    for the plan's placeholder texts, by role."""

    slide: Slide
    ids: ShapeIds
    palette: Palette
    placeholders: dict[PlaceholderRole, list[SlidePlaceholder]]


def _add_slide(prs: Presentation, plan: DeckPlan, sp: SlidePlan) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[sp.layout])
    kept = _keep_filled_placeholders(slide, sp)
    target = _Target(slide, ShapeIds(slide), plan.palette_for(sp), kept)
    for element in sp.drawn():
        WRITERS[type(element)](target, element)
    if sp.notes:
        _notes(prs, slide, sp.notes)


def _keep_filled_placeholders(
    slide: Slide, sp: SlidePlan
) -> dict[PlaceholderRole, list[SlidePlaceholder]]:
    """The layout's placeholders the plan puts text into, by role (in one pass over them);
    every other one is removed, so no empty "Click to add text" box is left. The footer and
    slide-number placeholders a new slide does not get from its layout are added when the
    plan fills them."""
    roles = {kind: text.role for text in sp.placeholders for kind in PLACEHOLDER_TYPES[text.role]}
    for ph in slide.slide_layout.placeholders:
        if ph.placeholder_format.type in LATENT_TYPES & roles.keys():
            slide.shapes.clone_placeholder(ph)
    kept: dict[PlaceholderRole, list[SlidePlaceholder]] = {}
    for ph in list(slide.placeholders):
        role = roles.get(ph.placeholder_format.type)
        if role is None:
            remove_shape(ph)
        else:
            kept.setdefault(role, []).append(ph)
    return kept


def _placeholder_text(target: _Target, element: PlaceholderText) -> None:
    """The text into the layout's placeholder(s) of its role, at the plan's size and colour;
    the layout keeps its own box, alignment and weight."""
    paragraph = element.paragraph
    color = target.palette.resolve(paragraph.color)
    for ph in target.placeholders.get(element.role, ()):
        frame = ph.text_frame
        frame.text = paragraph.text
        font = frame.paragraphs[0].runs[0].font
        font.size = Pt(paragraph.size)
        font.color.rgb = RGBColor(color.r, color.g, color.b)


def _shape_xml(build: Callable[..., str]) -> Callable[[_Target, Drawn], None]:
    def write(target: _Target, element: Drawn) -> None:
        xml = build(target.ids.next(), element, target.palette)
        append_to_slide(target.slide, parse_xml(xml))

    return write


def _picture(target: _Target, element: Picture) -> None:
    """The picture's bytes as an image part of the slide (shared when the same picture is
    used twice), placed by the plan's rect."""
    _, r_id = target.slide.part.get_or_add_image_part(io.BytesIO(element.image))
    xml = ooxml.picture(target.ids.next(), element, r_id)
    append_to_slide(target.slide, parse_xml(xml))


def _chart(target: _Target, element: Chart) -> None:
    """A native chart part with its embedded workbook, related to the slide, in a frame."""
    spec = chart_xml.ordered(element.spec)
    slide = target.slide
    package = slide.part.package
    part = ChartPart.load(
        package.next_partname(ChartPart.partname_template),
        CT.DML_CHART,
        package,
        chart_xml.chart_space(spec, target.palette, element.look),
    )
    part.chart_workbook.update_from_xlsx_blob(chart_xml.workbook(spec))
    r = element.rect
    frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
        target.ids.next(),
        element.name,
        slide.part.relate_to(part, RT.CHART),
        r.x,
        r.y,
        r.w,
        r.h,
    )
    frame.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    append_to_slide(slide, frame)


WRITERS: dict[type, Callable[[_Target, Drawn], None]] = {
    PlaceholderText: _placeholder_text,
    TextBox: _shape_xml(ooxml.text_box),
    Table: _shape_xml(ooxml.table),
    Shape: _shape_xml(ooxml.rectangle),
    Picture: _picture,
    Chart: _chart,
}
"""How each kind of plan element is written onto a slide."""


def _notes(prs: Presentation, slide: Slide, text: str) -> None:
    """The speaker notes page, written as XML and related both ways to its slide."""
    package = prs.part.package
    part = NotesSlidePart(
        package.next_partname("/ppt/notesSlides/notesSlide%d.xml"),
        CT.PML_NOTES_SLIDE,
        package,
        parse_xml(ooxml.notes(text.split("\n"))),
    )
    part.relate_to(prs.part.notes_master_part, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
