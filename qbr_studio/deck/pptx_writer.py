"""Slide plan → .pptx: places exactly what the plan measured, on the template's layouts."""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.util import Pt

from qbr_studio.deck import ooxml, style
from qbr_studio.deck.geometry import RGB
from qbr_studio.deck.layout import para
from qbr_studio.deck.plan import (
    Align,
    Chart,
    DeckPlan,
    Palette,
    Shape,
    SlidePlan,
    Table,
    TextBox,
)
from qbr_studio.deck.pptx_charts import add_chart
from qbr_studio.deck.template import TemplateInfo, open_presentation

TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def write_pptx(plan: DeckPlan, info: TemplateInfo, out: BinaryIO, *, author: str = "") -> None:
    prs = open_presentation(info)
    for slide_plan in plan.slides:
        _add_slide(prs, info, plan, slide_plan)
    props = prs.core_properties
    props.title = plan.slides[0].title if plan.slides else ""
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = FIXED_TIMESTAMP
    props.revision = 1
    prs.save(out)


def _add_slide(prs, info: TemplateInfo, plan: DeckPlan, sp: SlidePlan) -> None:
    layout_index = info.title_layout if sp.kind == "title" else info.content_layout
    slide = prs.slides.add_slide(prs.slide_layouts[layout_index])
    palette = plan.palette
    _fill_placeholders(slide, sp, palette)
    for element in sp.elements:
        if isinstance(element, Chart):
            add_chart(slide, element, palette)
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
        slide.notes_slide.notes_text_frame.text = sp.notes


_BUILDERS = {TextBox: ooxml.text_box, Table: ooxml.table, Shape: ooxml.rectangle}


def _append(slide, element: TextBox | Table | Shape, palette: Palette) -> None:
    tree = slide.shapes._spTree
    xml = _BUILDERS[type(element)](slide.shapes._next_shape_id, element, palette)
    tree.insert_element_before(parse_xml(xml), "p:extLst")


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
