"""Slide plan → .pptx: places exactly what the plan measured, on the template's layouts.

Each slide is built on its layout, so PowerPoint draws the layout's and master's own artwork
and background itself; the plan's backdrops (which the preview draws) are never written. Every
colour a slide's text, tables and charts are given comes from that layout's palette.
"""

from __future__ import annotations

import datetime as dt
import io
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
from pptx.util import Pt

from qbr_studio.deck import style
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.plan import (
    Align,
    Chart,
    DeckPlan,
    Palette,
    Picture,
    Shape,
    SlidePlan,
    Table,
    TextBox,
)
from qbr_studio.deck.planning.layout import para
from qbr_studio.deck.reading.template import TemplateInfo, open_presentation
from qbr_studio.deck.writing import chart_xml, ooxml
from qbr_studio.deck.writing.pptx_internals import (
    ShapeIds,
    allocate_partnames_once,
    append_to_slide,
    remove_shape,
)
from qbr_studio.model.deck_kinds import SlideKind

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def write_pptx(plan: DeckPlan, info: TemplateInfo, out: BinaryIO, *, author: str = "") -> None:
    prs = _open_template_package(info)
    allocate_partnames_once(prs.part.package)
    for slide_plan in plan.slides:
        _add_slide(prs, info, plan, slide_plan)
    props = prs.core_properties
    props.title = plan.slides[0].title if plan.slides else ""
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = FIXED_TIMESTAMP
    props.revision = 1
    prs.save(out)


def _open_template_package(info: TemplateInfo) -> Presentation:
    """The template's package, slide-free, that the deck is written into: the one place the
    writer opens the template."""
    return open_presentation(info)


def _add_slide(prs, info: TemplateInfo, plan: DeckPlan, sp: SlidePlan) -> None:
    layout_index = info.title_layout if sp.kind is SlideKind.TITLE else info.content_layout
    slide = prs.slides.add_slide(prs.slide_layouts[layout_index])
    ids = ShapeIds(slide)
    palette = plan.palette_for(sp)
    _fill_placeholders(slide, sp, palette)
    for element in sp.elements:
        if isinstance(element, Chart):
            _chart(slide, ids, element, palette)
        elif isinstance(element, Picture):
            _picture(slide, ids, element)
        else:
            _append(slide, ids, element, palette)
    if sp.footer and plan.footer_rect is not None:
        footer = TextBox(
            plan.footer_rect,
            (para(sp.footer, style.CAPTION_SIZE, color="muted", align=Align.RIGHT),),
            "Footer",
            anchor="ctr",
        )
        _append(slide, ids, footer, palette)
    if sp.notes:
        _notes(prs, slide, sp.notes)


_BUILDERS = {TextBox: ooxml.text_box, Table: ooxml.table, Shape: ooxml.rectangle}


def _append(slide, ids: ShapeIds, element: TextBox | Table | Shape, palette: Palette) -> None:
    xml = _BUILDERS[type(element)](ids.next(), element, palette)
    append_to_slide(slide, parse_xml(xml))


def _picture(slide, ids: ShapeIds, element: Picture) -> None:
    """The picture's bytes as an image part of the slide (shared when the same picture is
    used twice), placed by the plan's rect."""
    _, r_id = slide.part.get_or_add_image_part(io.BytesIO(element.image))
    append_to_slide(slide, parse_xml(ooxml.picture(ids.next(), element, r_id)))


def _notes(prs, slide, text: str) -> None:
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


def _chart(slide, ids: ShapeIds, element: Chart, palette: Palette) -> None:
    """A native chart part with its embedded workbook, related to the slide, in a frame."""
    spec = chart_xml.ordered(element.spec)
    package = slide.part.package
    part = ChartPart.load(
        package.next_partname(ChartPart.partname_template),
        CT.DML_CHART,
        package,
        chart_xml.chart_space(spec, palette),
    )
    part.chart_workbook.update_from_xlsx_blob(chart_xml.workbook(spec))
    r = element.rect
    frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
        ids.next(),
        element.name,
        slide.part.relate_to(part, RT.CHART),
        r.x,
        r.y,
        r.w,
        r.h,
    )
    frame.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    append_to_slide(slide, frame)


def _fill_placeholders(slide, sp: SlidePlan, palette: Palette) -> None:
    """Title (and subtitle) into the layout's own placeholders; any other placeholder the
    layout brought is removed so no empty "Click to add text" box is left."""
    for ph in list(slide.placeholders):
        kind = ph.placeholder_format.type
        if kind in TITLE_TYPES:
            _set_text(ph.text_frame, sp.title, sp.title_size, palette.title)
        elif kind == PP_PLACEHOLDER.SUBTITLE and sp.subtitle:
            _set_text(ph.text_frame, sp.subtitle, style.BODY_SIZE + 4, palette.muted)
        else:
            remove_shape(ph)


def _set_text(frame, text: str, size: float, color: RGB) -> None:
    frame.text = text
    font = frame.paragraphs[0].runs[0].font
    font.size = Pt(size)
    font.color.rgb = RGBColor(color.r, color.g, color.b)
