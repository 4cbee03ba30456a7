"""Slide plan → .pptx: places exactly what the plan measured, on the template's layouts."""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Pt

from qbr_studio.deck import style
from qbr_studio.deck.geometry import RGB, pt_to_emu
from qbr_studio.deck.layout import para
from qbr_studio.deck.plan import (
    Align,
    Cell,
    Chart,
    DeckPlan,
    Palette,
    Paragraph,
    Shape,
    SlidePlan,
    Table,
    TextBox,
)
from qbr_studio.deck.pptx_charts import add_chart
from qbr_studio.deck.template import TemplateInfo, open_presentation

ALIGN = {Align.LEFT: PP_ALIGN.LEFT, Align.CENTER: PP_ALIGN.CENTER, Align.RIGHT: PP_ALIGN.RIGHT}
ANCHOR = {"t": MSO_ANCHOR.TOP, "ctr": MSO_ANCHOR.MIDDLE, "b": MSO_ANCHOR.BOTTOM}
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def _rgb(color: RGB) -> RGBColor:
    return RGBColor(color.r, color.g, color.b)


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
        if isinstance(element, TextBox):
            _text_box(slide, element, palette)
        elif isinstance(element, Table):
            _table(slide, element, palette)
        elif isinstance(element, Chart):
            add_chart(slide, element, palette)
        elif isinstance(element, Shape):
            _shape(slide, element, palette)
    if sp.footer and plan.footer_rect is not None:
        _text_box(
            slide,
            TextBox(
                plan.footer_rect,
                (para(sp.footer, style.CAPTION_SIZE, color="muted", align=Align.RIGHT),),
                "Footer",
                anchor="ctr",
            ),
            palette,
        )
    if sp.notes:
        slide.notes_slide.notes_text_frame.text = sp.notes


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
    font.color.rgb = _rgb(color)


def _text_box(slide, box: TextBox, palette: Palette):
    r = box.rect
    shape = slide.shapes.add_textbox(r.x, r.y, r.w, r.h)
    shape.name = box.name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = pt_to_emu(style.INSET_X)
    frame.margin_top = frame.margin_bottom = pt_to_emu(style.INSET_Y)
    frame.vertical_anchor = ANCHOR[box.anchor]
    if box.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(palette.resolve(box.fill))
    for i, paragraph in enumerate(box.paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        _paragraph(p, paragraph, palette)
    return shape


def _paragraph(p, paragraph: Paragraph, palette: Palette) -> None:
    p.alignment = ALIGN[paragraph.align]
    if paragraph.space_before:
        p.space_before = Pt(paragraph.space_before)
    if paragraph.bullet:
        _bullet(p)
    for run_plan in paragraph.runs:
        run = p.add_run()
        run.text = run_plan.text
        font = run.font
        font.size = Pt(paragraph.size)
        font.bold = run_plan.bold
        if run_plan.italic:
            font.italic = True
        font.color.rgb = _rgb(palette.resolve(run_plan.color or paragraph.color))
        if paragraph.heading_font:
            font.name = "+mj-lt"


def _bullet(p) -> None:
    indent = pt_to_emu(style.BULLET_INDENT)
    p_pr = p._p.get_or_add_pPr()
    p_pr.set("marL", str(indent))
    p_pr.set("indent", str(-indent))
    bullet = etree.SubElement(p_pr, qn("a:buChar"))
    bullet.set("char", "•")


def _shape(slide, element: Shape, palette: Palette) -> None:
    r = element.rect
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, r.x, r.y, r.w, r.h)
    shape.name = element.name
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(palette.resolve(element.fill))
    shape.line.fill.background()
    style_el = shape._element.find(qn("p:style"))
    if style_el is not None:  # the theme's shape style may bring a shadow; we want none
        shape._element.remove(style_el)
    shape._element.nvSpPr.cNvPr.set("descr", "decorative")


def _table(slide, table: Table, palette: Palette) -> None:
    r = table.rect
    rows = len(table.rows) + 1
    cols = len(table.header)
    frame = slide.shapes.add_table(rows, cols, r.x, r.y, r.w, r.h)
    frame.name = table.name
    if table.alt_text:
        frame._element.nvGraphicFramePr.cNvPr.set("descr", table.alt_text)
    grid = frame.table
    grid.first_row = True
    grid.horz_banding = False
    for i, width in enumerate(table.col_widths):
        grid.columns[i].width = width
    for i, height in enumerate(table.row_heights):
        grid.rows[i].height = height
    for c, cell in enumerate(table.header):
        _cell(grid.cell(0, c), cell, table.font_size, palette, palette.series[0], True)
    for r_i, row in enumerate(table.rows, start=1):
        fill = palette.surface if r_i % 2 == 0 else palette.background
        for c, cell in enumerate(row):
            _cell(grid.cell(r_i, c), cell, table.font_size, palette, fill, False)


def _cell(cell, plan: Cell, size: float, palette: Palette, fill: RGB, header: bool) -> None:
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill)
    cell.margin_left = cell.margin_right = pt_to_emu(style.CELL_MARGIN_X)
    cell.margin_top = cell.margin_bottom = pt_to_emu(style.CELL_MARGIN_Y)
    cell.vertical_anchor = MSO_ANCHOR.TOP
    frame = cell.text_frame
    frame.word_wrap = True
    frame.text = plan.text
    p = frame.paragraphs[0]
    p.alignment = ALIGN[plan.align]
    color = palette.on_accent if header else palette.resolve(plan.color or "text")
    for run in p.runs:
        run.font.size = Pt(size)
        run.font.bold = header or plan.bold
        run.font.color.rgb = _rgb(color)
