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
from pptx.util import Pt

from qbr_studio.deck import chart_xml, ooxml, style
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.layout import para
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
from qbr_studio.deck.template import TemplateInfo, open_presentation

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def write_pptx(plan: DeckPlan, info: TemplateInfo, out: BinaryIO, *, author: str = "") -> None:
    prs = open_presentation(info)
    _allocate_partnames_once(prs.part.package)
    for slide_plan in plan.slides:
        _add_slide(prs, info, plan, slide_plan)
    props = prs.core_properties
    props.title = plan.slides[0].title if plan.slides else ""
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = FIXED_TIMESTAMP
    props.revision = 1
    prs.save(out)


def _allocate_partnames_once(package) -> None:
    """Hand out new part names from one scan of the package.

    python-pptx's ``Package.next_partname`` walks every relationship of the package for each
    new slide, notes page, chart and workbook — quadratic, and most of a build's time. Every
    part this writer adds is named through that method, so a per-build counter seeded from a
    single scan gives the same names at a fraction of the cost.
    """
    taken = {str(part.partname) for part in package.iter_parts()}

    def next_partname(template: str):
        from pptx.opc.packuri import PackURI

        n = 1
        while template % n in taken:
            n += 1
        taken.add(template % n)
        return PackURI(template % n)

    package.next_partname = next_partname


def _add_slide(prs, info: TemplateInfo, plan: DeckPlan, sp: SlidePlan) -> None:
    layout_index = info.title_layout if sp.kind == "title" else info.content_layout
    slide = prs.slides.add_slide(prs.slide_layouts[layout_index])
    palette = plan.palette_for(sp)
    _fill_placeholders(slide, sp, palette)
    for element in sp.elements:
        if isinstance(element, Chart):
            _chart(slide, element, palette)
        elif isinstance(element, Picture):
            _picture(slide, element)
        else:
            _append(slide, element, palette)
    if sp.footer and plan.footer_rect is not None:
        footer = TextBox(
            plan.footer_rect,
            (para(sp.footer, style.CAPTION_SIZE, color="muted", align=Align.RIGHT),),
            "Footer",
            anchor="ctr",
        )
        _append(slide, footer, palette)
    if sp.notes:
        _notes(prs, slide, sp.notes)


_BUILDERS = {TextBox: ooxml.text_box, Table: ooxml.table, Shape: ooxml.rectangle}


def _append(slide, element: TextBox | Table | Shape, palette: Palette) -> None:
    tree = slide.shapes._spTree
    xml = _BUILDERS[type(element)](_new_shape_id(slide), element, palette)
    tree.insert_element_before(parse_xml(xml), "p:extLst")


def _new_shape_id(slide) -> int:
    """Shape ids from a counter per slide, seeded once from the ids the layout brought
    (python-pptx searches the whole shape tree for every new shape)."""
    tree = slide.shapes._spTree
    last = getattr(tree, "_qbr_last_id", None)
    if last is None:
        last = max((int(i) for i in tree.xpath("//@id") if i.isdigit()), default=1)
    tree._qbr_last_id = last + 1
    return last + 1


def _picture(slide, element: Picture) -> None:
    """The picture's bytes as an image part of the slide (shared when the same picture is
    used twice), placed by the plan's rect."""
    _, r_id = slide.part.get_or_add_image_part(io.BytesIO(element.image))
    xml = ooxml.picture(_new_shape_id(slide), element, r_id)
    slide.shapes._spTree.insert_element_before(parse_xml(xml), "p:extLst")


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


def _chart(slide, element: Chart, palette: Palette) -> None:
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
        _new_shape_id(slide),
        element.name,
        slide.part.relate_to(part, RT.CHART),
        r.x,
        r.y,
        r.w,
        r.h,
    )
    frame.nvGraphicFramePr.cNvPr.set("descr", spec.alt_text)
    slide.shapes._spTree.insert_element_before(frame, "p:extLst")


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
            ph._element.getparent().remove(ph._element)


def _set_text(frame, text: str, size: float, color: RGB) -> None:
    frame.text = text
    font = frame.paragraphs[0].runs[0].font
    font.size = Pt(size)
    font.color.rgb = RGBColor(color.r, color.g, color.b)
