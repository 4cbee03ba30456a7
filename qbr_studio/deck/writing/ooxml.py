"""DrawingML for the plan's text boxes, tables, plain shapes and pictures, written as XML
directly.

python-pptx's object API sets one property at a time through generic element machinery,
which made tables the slowest part of a build; these builders emit the same elements in
one string per shape, in the element order ECMA-376 prescribes (``a:pPr`` children:
spacing before bullets; ``a:rPr`` children: fill before fonts; ``a:tcPr``: margins as
attributes, fill as child).
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from qbr_studio.deck import style
from qbr_studio.deck.geometry import RGB, Rect, pt_to_emu
from qbr_studio.deck.plan import (
    Cell,
    Palette,
    Paragraph,
    Picture,
    Shape,
    Table,
    TableLook,
    TextBox,
)

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot carry; a pasted text may hold them."""


def text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def _t(escaped: str) -> str:
    """A run's text element (empty ones written as one tag, as lxml writes them)."""
    return f"<a:t>{escaped}</a:t>" if escaped else "<a:t/>"


def fill(color: RGB) -> str:
    return f'<a:solidFill><a:srgbClr val="{color.hex}"/></a:solidFill>'


def _xfrm(rect: Rect) -> str:
    return f'<a:off x="{rect.x}" y="{rect.y}"/><a:ext cx="{rect.w}" cy="{rect.h}"/>'


def run(
    value: str, size: float, color: RGB, *, bold: bool, italic: bool = False, heading: bool = False
) -> str:
    flags = (' b="1"' if bold else ' b="0"') + (' i="1"' if italic else "")
    font = '<a:latin typeface="+mj-lt"/>' if heading else ""
    return (
        f'<a:r><a:rPr lang="en-US" sz="{round(size * 100)}"{flags} dirty="0">{fill(color)}'
        f"{font}</a:rPr>{_t(text(value))}</a:r>"
    )


def _paragraph(p: Paragraph, palette: Palette) -> str:
    props = f' algn="{p.align.value}"'
    children = ""
    if p.space_before:
        children += f'<a:spcBef><a:spcPts val="{round(p.space_before * 100)}"/></a:spcBef>'
    if p.bullet:
        indent = pt_to_emu(style.BULLET_INDENT)
        props += f' marL="{indent}" indent="{-indent}"'
        children += '<a:buChar char="•"/>'
    runs = "".join(
        run(
            r.text,
            p.size,
            palette.resolve(r.color or p.color),
            bold=r.bold,
            italic=r.italic,
            heading=p.heading_font,
        )
        for r in p.runs
    )
    pr = f"<a:pPr{props}>{children}</a:pPr>" if children else f"<a:pPr{props}/>"
    return f"<a:p>{pr}{runs}</a:p>"


def text_box(shape_id: int, box: TextBox, palette: Palette) -> str:
    inset_x, inset_y = pt_to_emu(style.INSET_X), pt_to_emu(style.INSET_Y)
    background = fill(palette.resolve(box.fill)) if box.fill else "<a:noFill/>"
    body = "".join(_paragraph(p, palette) for p in box.paragraphs) or "<a:p/>"
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(box.name)}/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm>{_xfrm(box.rect)}</a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom>{background}</p:spPr>"
        f'<p:txBody><a:bodyPr wrap="square" lIns="{inset_x}" tIns="{inset_y}" rIns="{inset_x}" '
        f'bIns="{inset_y}" anchor="{box.anchor}" rtlCol="0"><a:noAutofit/></a:bodyPr>'
        f"<a:lstStyle/>{body}</p:txBody></p:sp>"
    )


def rectangle(shape_id: int, shape: Shape, palette: Palette) -> str:
    return (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="{shape_id}" name={attr(shape.name)} '
        'descr="decorative"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm>{_xfrm(shape.rect)}</a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom>{fill(palette.resolve(shape.fill))}<a:ln><a:noFill/></a:ln></p:spPr>"
        "</p:sp>"
    )


def picture(shape_id: int, pic: Picture, r_id: str) -> str:
    """A picture whose image part is related to the slide as ``r_id``, stretched to its rect
    (the plan sized the rect to the picture's aspect ratio); ``crop`` becomes ``a:srcRect``."""
    crop = ""
    if any(pic.crop):
        sides = zip(("l", "t", "r", "b"), pic.crop, strict=True)
        crop = "<a:srcRect " + " ".join(f'{k}="{round(v * 100_000)}"' for k, v in sides) + "/>"
    descr = f" descr={attr(pic.alt_text)}" if pic.alt_text else ""
    return (
        f'<p:pic {NS}><p:nvPicPr><p:cNvPr id="{shape_id}" name={attr(pic.name)}{descr}/>'
        '<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{r_id}"/>{crop}<a:stretch><a:fillRect/></a:stretch>'
        f"</p:blipFill><p:spPr><a:xfrm>{_xfrm(pic.rect)}</a:xfrm>"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def chart_frame(shape_id: int, name: str, r_id: str, rect: Rect, alt_text: str) -> str:
    """The frame of a chart whose part is related to the slide as ``r_id`` (the element
    python-pptx's ``new_chart_graphicFrame`` makes, with the alt text as ``descr``)."""
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name={attr(name)} '
        f'descr={attr(alt_text)}/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm>{_xfrm(rect)}</p:xfrm>"
        f'<a:graphic><a:graphicData uri="{CHART_URI}"><c:chart xmlns:c="{CHART_URI}" '
        f'r:id="{r_id}"/></a:graphicData></a:graphic></p:graphicFrame>'
    )


def _cell(cell: Cell, size: float, color: RGB, background: RGB, bold: bool, look: TableLook) -> str:
    mx, my = pt_to_emu(look.margin_x), pt_to_emu(look.margin_y)
    content = (
        run(cell.text, size, color, bold=bold)
        if cell.text
        else f'<a:endParaRPr lang="en-US" sz="{round(size * 100)}" dirty="0"/>'
    )
    return (
        f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{cell.align.value}"/>'
        f"{content}</a:p></a:txBody>"
        f'<a:tcPr marL="{mx}" marR="{mx}" marT="{my}" marB="{my}" anchor="t">'
        f"{fill(background)}</a:tcPr></a:tc>"
    )


def table(shape_id: int, t: Table, palette: Palette) -> str:
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in t.col_widths)
    look = t.look
    on_header, header_fill = palette.resolve(look.header_text), palette.resolve(look.header_fill)
    header = "".join(_cell(c, t.font_size, on_header, header_fill, True, look) for c in t.header)
    rows = [f'<a:tr h="{t.row_heights[0]}">{header}</a:tr>']
    for i, (row, height) in enumerate(zip(t.rows, t.row_heights[1:], strict=True)):
        background = palette.resolve(look.band(i))
        cells = "".join(
            _cell(c, t.font_size, palette.resolve(c.color or look.text), background, c.bold, look)
            for c in row
        )
        rows.append(f'<a:tr h="{height}">{cells}</a:tr>')
    descr = f" descr={attr(t.alt_text)}" if t.alt_text else ""
    return (
        f"<p:graphicFrame {NS}><p:nvGraphicFramePr>"
        f'<p:cNvPr id="{shape_id}" name={attr(t.name)}{descr}/>'
        '<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/>'
        f"</p:nvGraphicFramePr><p:xfrm>{_xfrm(t.rect)}</p:xfrm>"
        f'<a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl><a:tblPr firstRow="1"/>'
        f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic>"
        "</p:graphicFrame>"
    )


def notes(paragraphs: list[str]) -> str:
    """A notes page: the slide's image above the speaker notes, one ``a:p`` per paragraph.

    Placeholders carry no geometry, so both inherit their place from the notes master.
    """
    body = "".join(
        f'<a:p><a:r><a:rPr lang="en-US" dirty="0"/><a:t>{text(p)}</a:t></a:r></a:p>'
        if p
        else "<a:p/>"
        for p in paragraphs
    )
    return (
        f'<p:notes {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/>'
        "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>"
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr>'
        '<p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
        '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr>'
        f"</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    )
