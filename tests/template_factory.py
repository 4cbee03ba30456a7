"""Build odd company templates for the template tests, from the bundled default or python-pptx's.

Each builder writes one file into a folder and returns its path. The templates are made the way
a user's PowerPoint would leave them (renamed or reordered layouts, dark masters, a .potx, a
template that still holds slides, artwork on the master and layouts: a logo, static footer
text, lines, bands, grouped freeforms) so that
:mod:`qbr_studio.deck.reading.template` and the preview's
backdrops are tested on them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pptx
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.reading.template import default_template_path

CT_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
CT_PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
CT_MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"

DARK_NAVY = "1B2A41"
"""A dark navy master background used by the dark-template builders."""

GERMAN_NAMES = {
    "title": "Titelfolie",
    "content": "Titel und Inhalt",
    "title_only": "Nur Titel",
    "blank": "Leer",
}
"""German PowerPoint's names for the four layouts the German template keeps."""


# --- helpers -----------------------------------------------------------------------------


def _bundled() -> Presentation:
    return pptx.Presentation(str(default_template_path()))


def _save(prs: Presentation, path: Path) -> Path:
    prs.save(str(path))
    return path


def _types(layout: SlideLayout) -> set[PP_PLACEHOLDER]:
    return {ph.placeholder_format.type for ph in layout.placeholders}


def _kind(layout: SlideLayout) -> str:
    """Classify one of PowerPoint's standard layouts by placeholders (for building only)."""
    types = _types(layout) - {
        PP_PLACEHOLDER.DATE,
        PP_PLACEHOLDER.FOOTER,
        PP_PLACEHOLDER.SLIDE_NUMBER,
    }
    if PP_PLACEHOLDER.CENTER_TITLE in types:
        return "title"
    if types == {PP_PLACEHOLDER.TITLE}:
        return "title_only"
    if not types:
        return "blank"
    if types == {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.OBJECT} and len(layout.placeholders) == 5:
        return "content"
    return "other"


def keep_layouts(prs: Presentation, kinds: Sequence[str]) -> None:
    """Keep only the first layout of each kind, in the order given; remove the rest properly."""
    layouts = prs.slide_layouts
    chosen: dict[str, SlideLayout] = {}
    for layout in list(layouts):
        kind = _kind(layout)
        if kind in kinds and kind not in chosen:
            chosen[kind] = layout
    for layout in list(layouts):
        if layout not in chosen.values():
            layouts.remove(layout)
    id_list = prs.slide_master.element.find(qn("p:sldLayoutIdLst"))
    entries = {entry.rId: entry for entry in id_list}
    order = [chosen[kind].part.partname for kind in kinds]
    master_part = prs.slide_master.part
    by_partname = {
        master_part.related_part(r_id).partname: entry for r_id, entry in entries.items()
    }
    for entry in list(id_list):
        id_list.remove(entry)
    for partname in order:
        id_list.append(by_partname[partname])


def set_master_background(prs: Presentation, hex_color: str) -> None:
    """A solid ``srgbClr`` background on the master (as PowerPoint's Format Background writes)."""
    c_sld = prs.slide_master.element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(
        0,
        parse_xml(
            f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:solidFill><a:srgbClr val="{hex_color}"/>'
            "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
        ),
    )


def png(size: tuple[int, int], color: tuple[int, int, int]) -> bytes:
    """A small PNG: a filled rectangle with a white bar across it (so its aspect shows)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", size, color)
    w, h = size
    ImageDraw.Draw(image).rectangle(
        (w // 8, h // 2 - h // 10, w - w // 8, h // 2 + h // 10), "white"
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _next_id(owner: SlideMaster | SlideLayout) -> int:
    return max(int(i) for i in owner.element.xpath(".//p:cNvPr/@id")) + 1


def _add_art(owner: SlideMaster | SlideLayout, xml: str) -> None:
    """Append one shape (a ``p:sp``, ``p:cxnSp``, ``p:pic`` or ``p:grpSp``) to the tree."""
    owner.shapes._spTree.insert_element_before(parse_xml(xml), "p:extLst")


def _xfrm(x: int, y: int, w: int, h: int, child: tuple[int, int] | None = None) -> str:
    """An ``a:xfrm``; ``child`` is a group's child extent (its children's coordinates run
    from 0 to it)."""
    inner = f'<a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
    if child is not None:
        inner += f'<a:chOff x="0" y="0"/><a:chExt cx="{child[0]}" cy="{child[1]}"/>'
    return f"<a:xfrm>{inner}</a:xfrm>"


def add_picture(owner: SlideMaster | SlideLayout, name: str, data: bytes, box: tuple) -> None:
    """A (non-placeholder) picture on a master or layout, e.g. the company's logo."""
    _, r_id = owner.part.get_or_add_image_part(io.BytesIO(data))
    _add_art(
        owner,
        f'<p:pic {nsdecls("p", "a", "r")}><p:nvPicPr><p:cNvPr id="{_next_id(owner)}" '
        f'name="{name}" descr="Company logo"/><p:cNvPicPr/><p:nvPr userDrawn="1"/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/></a:stretch>'
        f"</p:blipFill><p:spPr>{_xfrm(*box)}"
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )


def add_shape(
    owner: SlideMaster | SlideLayout, name: str, box: tuple, geometry: str, fill: str, line=""
) -> None:
    """An auto-shape: ``geometry`` is ``a:prstGeom``/``a:custGeom`` XML, ``fill`` and ``line``
    the DrawingML fill and ``a:ln``."""
    _add_art(
        owner,
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{_next_id(owner)}" name="{name}"/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}{geometry}{fill}'
        f"{line or '<a:ln><a:noFill/></a:ln>'}</p:spPr></p:sp>",
    )


PAGE_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
"""Any GUID: the ``id`` a slide-number field needs."""


def add_static_text(
    owner: SlideMaster | SlideLayout,
    name: str,
    box: tuple,
    text: str,
    size: int = 900,
    numbered: bool = False,
) -> None:
    """A plain text box (not a footer placeholder): PowerPoint shows it on every slide;
    ``numbered`` ends it with " · page " and a slide-number field."""
    props = (
        f'<a:rPr lang="en-US" sz="{size}"><a:solidFill><a:schemeClr val="tx2"/></a:solidFill>'
        "</a:rPr>"
    )
    runs = f"<a:r>{props}<a:t>{text}</a:t></a:r>"
    if numbered:
        runs += (
            f"<a:r>{props}<a:t>{PAGE_TEXT}</a:t></a:r>"
            f'<a:fld id="{PAGE_FIELD_ID}" type="slidenum">{props}<a:t>‹#›</a:t></a:fld>'
        )
    _add_art(
        owner,
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{_next_id(owner)}" name="{name}"/>'
        f'<p:cNvSpPr txBox="1"/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        f'<p:txBody><a:bodyPr wrap="none" anchor="ctr"/><a:lstStyle/><a:p>{runs}</a:p>'
        "</p:txBody></p:sp>",
    )


def add_styled_badge(owner: SlideMaster | SlideLayout, name: str, box: tuple, text: str) -> None:
    """A rounded rectangle as PowerPoint inserts one: no fill, line or text colour of its own,
    all from its ``p:style`` (theme fill 1 and line 2 in accent1, text in lt1)."""
    _add_art(
        owner,
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{_next_id(owner)}" name="{name}"/>'
        f'<p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom></p:spPr>'
        '<p:style><a:lnRef idx="2"><a:schemeClr val="accent1"><a:shade val="50000"/>'
        '</a:schemeClr></a:lnRef><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef>'
        '<a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef>'
        '<a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></p:style>'
        '<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:pPr algn="ctr"/>'
        f'<a:r><a:rPr lang="en-US" sz="1000" b="1"/><a:t>{text}</a:t></a:r></a:p></p:txBody>'
        "</p:sp>",
    )


def add_line(owner: SlideMaster | SlideLayout, name: str, box: tuple, color: str) -> None:
    """A dashed straight connector across ``box``."""
    _add_art(
        owner,
        f'<p:cxnSp {nsdecls("p", "a")}><p:nvCxnSpPr><p:cNvPr id="{_next_id(owner)}" '
        f'name="{name}"/><p:cNvCxnSpPr/><p:nvPr userDrawn="1"/></p:nvCxnSpPr><p:spPr>'
        f'{_xfrm(*box)}<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="19050"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill>'
        '<a:prstDash val="dash"/></a:ln></p:spPr></p:cxnSp>',
    )


GROUP_UNITS = 1000
"""Child coordinates of :func:`add_corner_group`'s group run 0…1000 whatever its size."""


def add_corner_group(owner: SlideMaster | SlideLayout, box: tuple) -> None:
    """A group in ``box`` (its children in their own 0…1000 coordinates): a half-transparent
    ellipse over a freeform triangle (``a:custGeom``) filling the top-right half."""
    size = GROUP_UNITS
    triangle = (
        '<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
        f'<a:pathLst><a:path w="{size}" h="{size}"><a:moveTo><a:pt x="0" y="0"/></a:moveTo>'
        f'<a:lnTo><a:pt x="{size}" y="0"/></a:lnTo><a:lnTo><a:pt x="{size}" y="{size}"/>'
        "</a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>"
    )
    dot = '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
    triangle_fill = '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>'
    dot_fill = (
        '<a:solidFill><a:schemeClr val="accent2"><a:alpha val="60000"/></a:schemeClr></a:solidFill>'
    )
    first = _next_id(owner)
    parts = (("Corner Triangle", triangle, triangle_fill), ("Corner Dot", dot, dot_fill))
    shapes = "".join(
        f'<p:sp><p:nvSpPr><p:cNvPr id="{first + n}" name="{name}"/><p:cNvSpPr/><p:nvPr/>'
        f"</p:nvSpPr><p:spPr>{_xfrm(0, 0, size, size)}{geometry}{fill}"
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
        for n, (name, geometry, fill) in enumerate(parts, start=1)
    )
    _add_art(
        owner,
        f'<p:grpSp {nsdecls("p", "a")}><p:nvGrpSpPr><p:cNvPr id="{first}" name="Corner"/>'
        f'<p:cNvGrpSpPr/><p:nvPr userDrawn="1"/></p:nvGrpSpPr><p:grpSpPr>'
        f"{_xfrm(*box, child=(size, size))}</p:grpSpPr>{shapes}</p:grpSp>",
    )


MASTER_ART = ("Company Logo", "Legal Line", "Footer Rule", "Bottom Band", "Corner")
"""Names of the artwork :func:`decorate` puts on the master."""

LAYOUT_ART = ("Draft Badge", "Title Tab")
"""Names of the artwork :func:`decorate` puts on the content (title-only) layout."""

TITLE_LAYOUT_ART = ("Title Logo",)
"""Names of the artwork :func:`decorate` puts on the title-slide layout."""

LEGAL_TEXT = "Example Corp · Internal use only"
"""The static text :func:`decorate` writes on the master, followed by :data:`PAGE_TEXT` and the
slide's number."""

PAGE_TEXT = " · page "


def decorate(prs: Presentation) -> None:
    """Company artwork as real templates carry it, placed around the master's own boxes: a logo
    and a line of static text in the footer band's left end, a dashed rule above the footer, a
    band along the bottom edge, a grouped corner ornament top right; on the content layout a
    theme-styled "DRAFT" badge in the footer band and a tab beside the title; a logo on the
    title slide."""
    master = prs.slide_master
    width, height = prs.slide_width, prs.slide_height
    inch = 914_400
    footer_top = height - inch * 55 // 100
    margin = width // 20
    add_picture(
        master,
        "Company Logo",
        png((240, 80), (180, 30, 50)),
        (margin, footer_top, inch * 3 // 4, inch // 4),
    )
    legal = (margin + inch, footer_top, inch * 23 // 10, inch // 4)  # room for "page 12"
    add_static_text(master, "Legal Line", legal, LEGAL_TEXT, numbered=True)
    add_line(
        master, "Footer Rule", (margin, footer_top - inch // 10, width - 2 * margin, 0), "7F7F7F"
    )
    add_shape(
        master,
        "Bottom Band",
        (0, height - inch // 12, width, inch // 12),
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>',
        '<a:solidFill><a:schemeClr val="accent1"/></a:solidFill>',
    )
    add_corner_group(master, (width - inch // 2, 0, inch // 2, inch // 2))
    for layout in prs.slide_layouts:
        if _kind(layout) == "title_only":
            badge = (margin + inch * 7 // 2, footer_top, inch * 9 // 10, inch // 4)
            add_styled_badge(layout, "Draft Badge", badge, "DRAFT")
            add_shape(
                layout,
                "Title Tab",
                (0, inch // 2, inch // 6, inch * 3 // 4),
                '<a:prstGeom prst="roundRect"><a:avLst/></a:prstGeom>',
                '<a:solidFill><a:schemeClr val="accent3"/></a:solidFill>',
                '<a:ln w="12700"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:ln>',
            )
        elif _kind(layout) == "title":
            add_picture(
                layout,
                "Title Logo",
                png((300, 100), (20, 110, 90)),
                (width - margin - inch * 3 // 2, inch // 3, inch * 3 // 2, inch // 2),
            )


def _rewrite_main_content_type(data: bytes, content_type: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            blob = src.read(item)
            if item.filename == "[Content_Types].xml":
                blob = blob.replace(CT_PRESENTATION_MAIN.encode(), content_type.encode())
            dst.writestr(item, blob)
    return out.getvalue()


# --- builders ------------------------------------------------------------------------------


def bundled_copy(folder: Path, name: str = "bundled.pptx") -> Path:
    path = folder / name
    path.write_bytes(default_template_path().read_bytes())
    return path


def python_pptx_default(folder: Path) -> Path:
    """python-pptx's own default template: 4:3, Office 2007 theme, 11 English layouts."""
    return _save(pptx.Presentation(), folder / "python_pptx_default.pptx")


def german(folder: Path) -> Path:
    """Four layouts with German names, in an order unlike PowerPoint's default."""
    prs = _bundled()
    order = ("blank", "content", "title_only", "title")
    keep_layouts(prs, order)
    for layout, kind in zip(prs.slide_layouts, order, strict=True):
        layout.name = GERMAN_NAMES[kind]
    return _save(prs, folder / "Firmenvorlage.pptx")


def no_title_only(folder: Path) -> Path:
    """Only a title slide and a title-and-content layout (4:3)."""
    prs = pptx.Presentation()
    keep_layouts(prs, ("title", "content"))
    return _save(prs, folder / "no_title_only.pptx")


def blank_only(folder: Path) -> Path:
    """A master whose only layout has no title placeholder."""
    prs = pptx.Presentation()
    keep_layouts(prs, ("blank",))
    return _save(prs, folder / "blank_only.pptx")


def potx(folder: Path) -> Path:
    """The bundled default saved as a PowerPoint template (.potx)."""
    path = folder / "company.potx"
    data = default_template_path().read_bytes()
    path.write_bytes(_rewrite_main_content_type(data, CT_TEMPLATE_MAIN))
    return path


def macro_enabled_named_pptx(folder: Path) -> Path:
    """A macro-enabled package that was renamed to .pptx."""
    path = folder / "renamed_macro.pptx"
    data = default_template_path().read_bytes()
    path.write_bytes(_rewrite_main_content_type(data, CT_MACRO_MAIN))
    return path


def dark_navy_master(folder: Path) -> Path:
    """The bundled default with a solid dark-navy master background (text colours unchanged)."""
    prs = _bundled()
    set_master_background(prs, DARK_NAVY)
    return _save(prs, folder / "dark_navy.pptx")


def dark_clr_map(folder: Path) -> Path:
    """python-pptx's default with the master colour map inverted: bg1→dk1, tx1→lt1."""
    prs = pptx.Presentation()
    clr_map = prs.slide_master.element.find(qn("p:clrMap"))
    clr_map.set("bg1", "dk1")
    clr_map.set("tx1", "lt1")
    clr_map.set("bg2", "dk2")
    clr_map.set("tx2", "lt2")
    return _save(prs, folder / "dark_clrmap.pptx")


def _gradient_master(prs: Presentation, top: str, bottom: str) -> None:
    """Give the master a top-to-bottom gradient background from ``top`` to ``bottom`` (hex)."""
    c_sld = prs.slide_master.element.find(qn("p:cSld"))
    c_sld.remove(c_sld.find(qn("p:bg")))
    c_sld.insert(
        0,
        parse_xml(
            f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:gradFill rotWithShape="1"><a:gsLst>'
            f'<a:gs pos="0"><a:srgbClr val="{top}"/></a:gs>'
            f'<a:gs pos="100000"><a:srgbClr val="{bottom}"/></a:gs>'
            '</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'
        ),
    )


def gradient_master(folder: Path) -> Path:
    """Master background a gradient from dark navy (first stop) to a lighter blue."""
    prs = pptx.Presentation()
    _gradient_master(prs, DARK_NAVY, "3A6EA5")
    return _save(prs, folder / "gradient.pptx")


def dark_title_only_layout(folder: Path) -> Path:
    """White master, but the title-only layout (used for content) has its own dark background."""
    prs = _bundled()
    for layout in prs.slide_layouts:
        if _kind(layout) == "title_only":
            c_sld = layout.element.find(qn("p:cSld"))
            c_sld.insert(
                0,
                parse_xml(
                    f"<p:bg {nsdecls('p', 'a')}><p:bgPr><a:solidFill>"
                    '<a:schemeClr val="tx2"><a:lumMod val="75000"/></a:schemeClr>'
                    "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
                ),
            )
    return _save(prs, folder / "dark_layout.pptx")


def pale_accents(folder: Path) -> Path:
    """python-pptx's default with very light accent colours (pastels) and a light-grey tx1."""
    prs = pptx.Presentation()
    theme_part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    blob = theme_part.blob
    for old, new in (
        (b"4F81BD", b"DCE6F2"),
        (b"C0504D", b"F2DCDB"),
        (b"9BBB59", b"EBF1DE"),
        (b"8064A2", b"E5E0EC"),
        (b"4BACC6", b"DBEEF4"),
        (b"F79646", b"FDEADA"),
        (b"1F497D", b"C6D9F1"),
    ):
        blob = blob.replace(old, new)
    theme_part.blob = blob
    clr_map = prs.slide_master.element.find(qn("p:clrMap"))
    clr_map.set("tx1", "lt2")  # light beige text on white: must be replaced by black
    return _save(prs, folder / "pale.pptx")


def picture_master(folder: Path) -> Path:
    """Master background a (dark) picture: assumed to be the colour bg1 maps to (lt1)."""
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (16, 9), (20, 30, 50)).save(image, format="PNG")
    image.seek(0)
    prs = pptx.Presentation()
    master = prs.slide_master
    _, r_id = master.part.get_or_add_image_part(image)
    c_sld = master.element.find(qn("p:cSld"))
    c_sld.remove(c_sld.find(qn("p:bg")))
    c_sld.insert(
        0,
        parse_xml(
            f'<p:bg {nsdecls("p", "a", "r")}><p:bgPr><a:blipFill dpi="0" rotWithShape="1">'
            f'<a:blip r:embed="{r_id}"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch>'
            "</a:blipFill><a:effectLst/></p:bgPr></p:bg>"
        ),
    )
    return _save(prs, folder / "picture.pptx")


def bad_placeholder_type(folder: Path) -> Path:
    """A layout placeholder whose type is not in the schema (a hand-edited file)."""
    prs = pptx.Presentation()
    ph = prs.slide_layouts[5].element.find(".//" + qn("p:ph"))
    ph.set("type", "bogus")
    return _save(prs, folder / "bad_placeholder.pptx")


def decorated(folder: Path) -> Path:
    """The bundled default with company artwork (see :func:`decorate`)."""
    prs = _bundled()
    decorate(prs)
    return _save(prs, folder / "decorated.pptx")


def decorated_dark(folder: Path) -> Path:
    """:func:`decorated` on a dark-navy master background."""
    prs = _bundled()
    set_master_background(prs, DARK_NAVY)
    decorate(prs)
    return _save(prs, folder / "decorated_dark.pptx")


def decorated_four_by_three(folder: Path) -> Path:
    """python-pptx's 4:3 default (centred titles) with company artwork and a gradient master."""
    prs = pptx.Presentation()
    _gradient_master(prs, "FFFFFF", "DCE6F2")
    decorate(prs)
    return _save(prs, folder / "decorated43.pptx")


def with_slides(folder: Path) -> Path:
    """The bundled default still holding two slides, one with speaker notes."""
    prs = _bundled()
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Leftover title slide"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "Leftover content"
    second.notes_slide.notes_text_frame.text = "Old notes"
    return _save(prs, folder / "with_slides.pptx")


def kicker_above_title(folder: Path) -> Path:
    """python-pptx's default whose title-and-content layout has its content placeholder as a
    thin kicker line above the title (as a real company template's "Only title" layout does),
    so that layout's body is no place for a slide's content."""
    prs = pptx.Presentation()
    layout = prs.slide_layouts[1]
    title = next(
        ph for ph in layout.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE
    )
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    body.left, body.width = title.left, title.width
    body.top, body.height = max(0, title.top - 400_000), 380_000
    return _save(prs, folder / "kicker.pptx")


def title_fills_the_slide(folder: Path) -> Path:
    """python-pptx's default whose master and layouts put the title over the whole slide, so
    no body is left between title and footer."""
    prs = pptx.Presentation()
    height = prs.slide_height
    for owner in (prs.slide_master, *prs.slide_layouts):
        for ph in owner.placeholders:
            if ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
                ph.top, ph.height = 0, height
    return _save(prs, folder / "title_everywhere.pptx")


def set_theme_fonts(prs: Presentation, heading: str, body: str) -> None:
    """The theme's major (heading) and minor (body) latin typefaces, as PowerPoint's
    Design › Fonts writes them."""
    theme_part = prs.slide_master.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
    )
    theme = etree.fromstring(theme_part.blob)
    scheme = theme.find(qn("a:themeElements") + "/" + qn("a:fontScheme"))
    for kind, face in (("a:majorFont", heading), ("a:minorFont", body)):
        scheme.find(qn(kind) + "/" + qn("a:latin")).set("typeface", face)
    theme_part.blob = etree.tostring(theme, xml_declaration=True, standalone=True)


def theme_fonts(folder: Path, heading: str, body: str | None = None) -> Path:
    """The bundled default with ``heading`` / ``body`` (default: ``heading``) theme fonts."""
    prs = _bundled()
    set_theme_fonts(prs, heading, body or heading)
    return _save(prs, folder / f"fonts-{heading.replace(' ', '_').lower()}.pptx")


def verdana(folder: Path) -> Path:
    """Verdana headings and body text: a wide face (LibreOffice draws DejaVu Sans for it)."""
    return theme_fonts(folder, "Verdana")


def arial_georgia(folder: Path) -> Path:
    """Georgia headings over Arial body text."""
    return theme_fonts(folder, "Georgia", "Arial")


def eot(font: bytes, *, xor: bool = True, compressed: bool = False) -> bytes:
    """``font`` wrapped as PowerPoint embeds it: an Embedded OpenType (version 2.1) header with
    empty names, then the font program (XORed with 0x50 when ``xor``)."""
    import struct

    program = bytes(b ^ 0x50 for b in font) if xor else font
    flags = (0x10000000 if xor else 0) | (0x4 if compressed else 0)
    names = b"".join(struct.pack("<HH", 0, 0) for _ in range(5))  # padding + empty name, x5
    rest = b"\0" * 10 + b"\x01\x00" + struct.pack("<IHH", 400, 0, 0x504C) + b"\0" * 44 + names
    size = 16 + len(rest) + len(program)
    return struct.pack("<IIII", size, len(program), 0x00020001, flags) + rest + program


def embedded_font(
    folder: Path, font: bytes, typeface: str = "Brand Grotesk", *, name: str = "embedded.pptx"
) -> Path:
    """The bundled default with ``typeface`` as both theme fonts and ``font`` (the bytes of a
    ``.fntdata`` part) embedded as its regular and bold style, as PowerPoint's "Embed fonts in
    the file" writes it (``p:embeddedFontLst``, ``/ppt/fonts/font1.fntdata``)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    prs = _bundled()
    set_theme_fonts(prs, typeface, typeface)
    part = Part(
        PackURI("/ppt/fonts/font1.fntdata"), "application/x-fontdata", prs.part.package, font
    )
    r_id = prs.part.relate_to(
        part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
    )
    listed = parse_xml(
        f"<p:embeddedFontLst {nsdecls('p', 'r')}><p:embeddedFont>"
        f'<p:font typeface="{typeface}" pitchFamily="34" charset="0"/>'
        f'<p:regular r:id="{r_id}"/><p:bold r:id="{r_id}"/>'
        "</p:embeddedFont></p:embeddedFontLst>"
    )
    prs.element.find(qn("p:notesSz")).addnext(listed)
    return _save(prs, folder / name)


# --- the template zoo (issue 9): one company-template trait each ---------------------------

INCH = 914_400
RECT_GEOMETRY = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'


def _solid(hex_color: str) -> str:
    return f'<a:solidFill><a:srgbClr val="{hex_color}"/></a:solidFill>'


def _layout_of(prs: Presentation, kind: str) -> SlideLayout:
    return next(layout for layout in prs.slide_layouts if _kind(layout) == kind)


def _placeholder(owner: SlideMaster | SlideLayout, kind: PP_PLACEHOLDER):
    return next(ph for ph in owner.placeholders if ph.placeholder_format.type == kind)


def logo_bottom_right(folder: Path) -> Path:
    """A square logo on the master at the bottom right, inside the body area above the footer
    (where a chart or table would otherwise be drawn)."""
    prs = _bundled()
    w, h = prs.slide_width, prs.slide_height
    box = (w - INCH * 17 // 10, h - INCH * 19 // 10, INCH * 12 // 10, INCH * 12 // 10)
    add_picture(prs.slide_master, "Master Logo", png((120, 120), (200, 40, 60)), box)
    return _save(prs, folder / "logo_bottom_right.pptx")


def logo_on_title_layout(folder: Path) -> Path:
    """A big logo low on the title layout, where the title slide's figures would go."""
    prs = _bundled()
    w, h = prs.slide_width, prs.slide_height
    box = (w - INCH * 25 // 10, h - INCH * 25 // 10, INCH * 2, INCH * 2)
    add_picture(_layout_of(prs, "title"), "Title Logo", png((160, 160), (20, 110, 90)), box)
    return _save(prs, folder / "logo_title.pptx")


def dark_title_bar(folder: Path) -> Path:
    """A dark grey bar behind the content layout's title, and white title text (the master's
    title style): the title must stay white, it reads on the bar."""
    prs = _bundled()
    layout = _layout_of(prs, "title_only")
    title = _placeholder(layout, PP_PLACEHOLDER.TITLE)
    box = (0, int(title.top) - INCH // 10, prs.slide_width, int(title.height) + INCH // 5)
    add_shape(layout, "Title Bar", box, RECT_GEOMETRY, _solid("404040"))
    # the bar goes under the placeholders, as a designer sends it to the back
    tree = layout.shapes._spTree
    bar = tree[-1] if tree[-1].tag != qn("p:extLst") else tree[-2]
    tree.remove(bar)
    tree.insert(2, bar)
    style = prs.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}")
    rpr = style.find(f"{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    for old in rpr.findall(qn("a:solidFill")):
        rpr.remove(old)
    rpr.insert(0, parse_xml(f"<a:solidFill {nsdecls('a')}><a:srgbClr val='FFFFFF'/></a:solidFill>"))
    return _save(prs, folder / "dark_title_bar.pptx")


def footer_bar(folder: Path) -> Path:
    """A coloured bar along the bottom of the master with the footer and slide-number
    placeholders in it, their text white (as the NYU Shanghai template has it)."""
    prs = _bundled()
    master = prs.slide_master
    w, h = prs.slide_width, prs.slide_height
    bar_h = INCH * 4 // 10
    add_shape(master, "Footer Bar", (0, h - bar_h, w, bar_h), RECT_GEOMETRY, _solid("57068C"))
    for owner in (master, *prs.slide_layouts):
        for ph in owner.placeholders:
            kind = ph.placeholder_format.type
            if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE):
                left, width = ph.left, ph.width  # inherited from the master until set
                ph.left, ph.top, ph.width, ph.height = left, h - bar_h, width, bar_h
    for kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
        ph = _placeholder(master, kind)
        rpr = ph.element.find(f".//{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
        for old in rpr.findall(qn("a:solidFill")):
            rpr.remove(old)
        rpr.insert(
            0, parse_xml(f"<a:solidFill {nsdecls('a')}><a:srgbClr val='FFFFFF'/></a:solidFill>")
        )
    return _save(prs, folder / "footer_bar.pptx")


def no_subtitle(folder: Path) -> Path:
    """A title layout whose subtitle placeholder is a plain body placeholder (two body
    placeholders and the title, as some company templates have it)."""
    prs = _bundled()
    layout = _layout_of(prs, "title")
    sub = _placeholder(layout, PP_PLACEHOLDER.SUBTITLE)
    sub.element.find(f".//{qn('p:ph')}").set("type", "body")
    return _save(prs, folder / "no_subtitle.pptx")


def short_title(folder: Path) -> Path:
    """A 0.36-inch title placeholder on the master and every layout: too small for a takeaway
    title of two lines."""
    prs = _bundled()
    for owner in (prs.slide_master, *prs.slide_layouts):
        for ph in owner.placeholders:
            if ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                left, top, width = ph.left, ph.top, ph.width  # inherited until set
                ph.left, ph.top, ph.width, ph.height = left, top, width, INCH * 36 // 100
    return _save(prs, folder / "short_title.pptx")


def two_masters(folder: Path) -> Path:
    """The bundled default followed by a second slide master (python-pptx's default's,
    dark), whose layouts come after the first master's."""
    prs = _bundled()
    second = pptx.Presentation()
    set_master_background(second, DARK_NAVY)
    return _save(_with_second_master(prs, second), folder / "two_masters.pptx")


def _with_second_master(prs: Presentation, other: Presentation) -> Presentation:
    """``prs`` with ``other``'s master (and its layouts and theme) added after its own."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import PartFactory
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    master_src = other.slide_master.part
    theme_src = master_src.part_related_by(RT.THEME)
    copies = {}

    def copy(part, partname):
        new = PartFactory(PackURI(partname), part.content_type, package, part.blob)
        copies[part] = new
        return new

    theme = copy(theme_src, "/ppt/theme/theme91.xml")
    master = copy(master_src, "/ppt/slideMasters/slideMaster91.xml")
    ids = iter(range(2_147_483_000, 2_147_483_600))
    layout_ids = master._element.find(qn("p:sldLayoutIdLst"))
    for entry in list(layout_ids):
        layout_ids.remove(entry)
    for n, layout_src in enumerate(other.slide_layouts, start=1):
        layout = copy(layout_src.part, f"/ppt/slideLayouts/slideLayout9{n:02d}.xml")
        layout.relate_to(master, RT.SLIDE_MASTER)
        r_id = master.relate_to(layout, RT.SLIDE_LAYOUT)
        entry = parse_xml(f'<p:sldLayoutId {nsdecls("p", "r")} id="{next(ids)}" r:id="{r_id}"/>')
        layout_ids.append(entry)
    master.relate_to(theme, RT.THEME)
    r_id = prs.part.relate_to(master, RT.SLIDE_MASTER)
    master_ids = prs.part._element.find(qn("p:sldMasterIdLst"))
    master_ids.append(
        parse_xml(f'<p:sldMasterId {nsdecls("p", "r")} id="{next(ids)}" r:id="{r_id}"/>')
    )
    return prs


def hardest(folder: Path) -> Path:
    """The zoo's traits that cost the most at once (``benchmarks/bench_deck.py``): the
    decorated artwork (logos, bars, a rule, a corner ornament, a badge: many keep-outs) plus a
    logo bottom right in the body, a heading font nothing here has (measured by the wide
    stand-in; the body font stays the one the artwork's own static text was sized for) and a
    second slide master."""
    prs = _bundled()
    decorate(prs)
    w, h = prs.slide_width, prs.slide_height
    box = (w - INCH * 17 // 10, h - INCH * 19 // 10, INCH * 12 // 10, INCH * 12 // 10)
    add_picture(prs.slide_master, "Master Logo", png((120, 120), (200, 40, 60)), box)
    set_theme_fonts(prs, "Segoe UI Semibold", "Calibri")  # the artwork's own text is sized
    second = pptx.Presentation()
    set_master_background(second, DARK_NAVY)
    return _save(_with_second_master(prs, second), folder / "hardest.pptx")


ZOO = (
    logo_bottom_right,
    logo_on_title_layout,
    dark_title_bar,
    footer_bar,
    verdana,
    arial_georgia,
    no_subtitle,
    short_title,
    decorated_four_by_three,
    picture_master,
    two_masters,
    hardest,
)
"""The template zoo: each builder one trait of real company templates (issue 9), and
:func:`hardest`, many of them at once."""


ALL_BUILDERS = (
    bundled_copy,
    python_pptx_default,
    german,
    no_title_only,
    potx,
    dark_navy_master,
    dark_clr_map,
    gradient_master,
    dark_title_only_layout,
    pale_accents,
    picture_master,
    with_slides,
    decorated,
    decorated_dark,
    decorated_four_by_three,
    kicker_above_title,
)
"""Builders of templates that must load."""

DECORATED_BUILDERS = (decorated, decorated_dark, decorated_four_by_three)
"""Builders of templates carrying the artwork of :func:`decorate`."""
