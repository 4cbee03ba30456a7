"""Build the bundled default template, ``qbr_studio/resources/templates/default.pptx``.

It starts from python-pptx's own default template (4:3, Office 2007 theme) and:

* widens the slide to 16:9 (13.333 × 7.5 in) and scales every placeholder horizontally;
* gives the theme its own colour scheme (dark text, a navy dk2, six accent colours that each
  have at least 3:1 contrast on white), Calibri heading and body fonts, and flat fill/effect
  styles (no gradients, shadows or bevels on shapes that use the theme styles);
* restyles the master: left-aligned 28 pt titles anchored to the bottom of the title box, body
  text from 20 pt down to 14 pt, 10 pt footers, and a thin accent rule under the title;
* gives the title-slide layout its own look: a navy strip down the left edge, a 40 pt bold
  title with an accent bar under it and a left-aligned subtitle, on a white background.

Only values and elements the PresentationML/DrawingML schema allows in each place are written,
so PowerPoint opens the file without repair. Run from the repository root::

    python tools/make_default_template.py
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pptx
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.geometry import Rect, inches, pt_to_emu
from qbr_studio.paths import resource

# --------------------------------------------------------------------------------------------
# Named constants
# --------------------------------------------------------------------------------------------

OUTPUT = resource("templates", "default.pptx")
"""Where the template is written."""

SLIDE_WIDTH = 12_192_000
"""16:9 slide width in EMU (13.333 in), PowerPoint's "Widescreen"."""

SLIDE_HEIGHT = 6_858_000
"""Slide height in EMU (7.5 in), the same as python-pptx's 4:3 source."""

SOURCE_WIDTH = 9_144_000
"""Width in EMU of python-pptx's 4:3 default template; placeholders are scaled from it."""

THEME_NAME = "QBR Studio"
"""Name of the theme, its colour scheme and its font scheme."""

HEADING_FONT = "Calibri"
"""Theme major (heading) latin font."""

BODY_FONT = "Calibri"
"""Theme minor (body) latin font."""

COLOR_SCHEME: dict[str, str] = {
    "dk1": "1A1F2B",
    "lt1": "FFFFFF",
    "dk2": "1F3A5F",
    "lt2": "EEF1F5",
    "accent1": "1F5F99",
    "accent2": "D1681B",
    "accent3": "0F7C7C",
    "accent4": "6B4C9A",
    "accent5": "5E7D1E",
    "accent6": "B0306A",
    "hlink": "1F5F99",
    "folHlink": "6B4C9A",
}
"""Theme colours in schema order: near-black text, white background, navy and a cool light grey
as the second pair, and six accents (blue, orange, teal, purple, olive, raspberry) that each
reach at least 3:1 contrast on white and stay apart for common colour-vision deficiencies."""

TITLE_SIZE = 2800
"""Master title size in hundredths of a point (28 pt)."""

BODY_SIZES = (2000, 1800, 1600, 1400, 1400, 1400, 1400, 1400, 1400)
"""Master body text sizes per outline level 1–9, in hundredths of a point (never below 14 pt)."""

FOOTER_SIZE = 1000
"""Date, footer and slide-number text size in hundredths of a point (10 pt)."""

TITLE_SLIDE_TITLE_SIZE = 4000
"""Title size on the title-slide layout (40 pt)."""

TITLE_SLIDE_SUBTITLE_SIZE = 2000
"""Subtitle size on the title-slide layout (20 pt)."""

RULE_GAP = inches(0.06)
"""Distance from the bottom of the master title box to the accent rule."""

ACCENT_BAR_WIDTH = inches(1.0)
"""Length of the short accent-coloured bar at the left end of the rule under titles."""

ACCENT_BAR_HEIGHT = pt_to_emu(4)
"""Thickness of that accent bar."""

HAIRLINE_HEIGHT = pt_to_emu(1)
"""Thickness of the light full-width rule the accent bar sits on."""

HAIRLINE_LUM_MOD = "88000"
"""lt2 darkened to 88 % lightness for the hairline, so it shows on white."""

EDGE_STRIP_WIDTH = inches(0.35)
"""Width of the navy strip down the left edge of the title slide."""

TITLE_SLIDE_LEFT = inches(1.0)
"""Left edge of the title and subtitle boxes on the title slide."""

TITLE_SLIDE_RIGHT_MARGIN = 609_600
"""Space right of the title and subtitle boxes on the title slide: the master's side margin
(python-pptx's 0.5 in scaled by 16:9 / 4:3, 0.667 in)."""

TITLE_SLIDE_TITLE_TOP = inches(1.7)
"""Top of the title box on the title slide."""

TITLE_SLIDE_TITLE_HEIGHT = inches(1.9)
"""Height of the title box on the title slide (two lines of 40 pt)."""

TITLE_SLIDE_BAR_GAP = inches(0.12)
"""Gap between the title box and the accent bar below it on the title slide."""

TITLE_SLIDE_BAR_WIDTH = inches(1.4)
"""Length of the accent bar under the title on the title slide."""

TITLE_SLIDE_BAR_HEIGHT = pt_to_emu(6)
"""Thickness of that bar."""

TITLE_SLIDE_SUBTITLE_GAP = inches(0.2)
"""Gap between the accent bar and the subtitle box on the title slide."""

TITLE_SLIDE_SUBTITLE_HEIGHT = inches(1.1)
"""Height of the subtitle box on the title slide."""

TEXT_INSET = 91_440
"""Default left inset of a text box in EMU (0.1 in); the title-slide bar lines up with text."""

SUBTITLE_GREY_LUM_MOD = "75000"
"""Subtitle colour: tx1 at 75 % lightness modulation ..."""

SUBTITLE_GREY_LUM_OFF = "25000"
"""... plus a 25 % lightness offset: a dark grey (about 8:1 on white)."""

WIDESCREEN_FORMAT = "Widescreen"
"""``PresentationFormat`` text PowerPoint writes in docProps/app.xml for 16:9 slides."""

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_NS = {"a": _A, "p": _P}
"""Namespaces for XPath."""


# --------------------------------------------------------------------------------------------
# Small XML helpers
# --------------------------------------------------------------------------------------------


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, _NS)
    if found is None:
        raise RuntimeError(f"expected {path} in the python-pptx default template")
    return found


def _solid(color: str, *transforms: tuple[str, str]) -> str:
    """A ``solidFill`` of a scheme colour with optional (name, value) colour transforms."""
    inner = "".join(f'<a:{name} val="{value}"/>' for name, value in transforms)
    return f'<a:solidFill><a:schemeClr val="{color}">{inner}</a:schemeClr></a:solidFill>'


def _set_fill(def_rpr: etree._Element, fill_xml: str) -> None:
    """Replace the fill of an ``a:defRPr`` (fills come first among its children)."""
    for old in def_rpr.findall("a:solidFill", _NS):
        def_rpr.remove(old)
    position = 1 if def_rpr.find("a:ln", _NS) is not None else 0  # a:ln precedes the fill
    fill = parse_xml(fill_xml.replace("<a:solidFill>", f"<a:solidFill {nsdecls('a')}>", 1))
    def_rpr.insert(position, fill)


def _rect_shape(shape_id: int, name: str, box: Rect, fill_xml: str) -> etree._Element:
    """A borderless rectangle that is part of the design (``userDrawn``), not a placeholder."""
    return parse_xml(
        f"<p:sp {nsdecls('p', 'a')}>"
        f'<p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/><p:cNvSpPr/>'
        '<p:nvPr userDrawn="1"/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )


def _next_shape_id(root: etree._Element) -> int:
    ids = [int(el.get("id", "0")) for el in root.iter(qn("p:cNvPr"))]
    return max(ids, default=0) + 1


def _add_behind_placeholders(root: etree._Element, shapes: list[etree._Element]) -> None:
    """Insert shapes right after ``p:grpSpPr`` so they are drawn first, under the text."""
    tree = _one(root, "p:cSld/p:spTree")
    position = list(tree).index(_one(tree, "p:grpSpPr")) + 1
    for offset, shape in enumerate(shapes):
        tree.insert(position + offset, shape)


def _placeholder(root: etree._Element, ph_type: str) -> etree._Element:
    for sp in root.iterfind("p:cSld/p:spTree/p:sp", _NS):
        ph = sp.find("p:nvSpPr/p:nvPr/p:ph", _NS)
        if ph is not None and ph.get("type", "obj") == ph_type:
            return sp
    raise RuntimeError(f"no {ph_type} placeholder")


def _box(sp: etree._Element) -> Rect:
    off, ext = _one(sp, "p:spPr/a:xfrm/a:off"), _one(sp, "p:spPr/a:xfrm/a:ext")
    return Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))


def _set_box(sp: etree._Element, box: Rect) -> None:
    sp_pr = _one(sp, "p:spPr")
    xfrm = sp_pr.find("a:xfrm", _NS)
    if xfrm is None:
        xfrm = parse_xml(
            f'<a:xfrm {nsdecls("a")}><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></a:xfrm>'
        )
        sp_pr.insert(0, xfrm)
    _one(xfrm, "a:off").attrib.update({"x": str(box.x), "y": str(box.y)})
    _one(xfrm, "a:ext").attrib.update({"cx": str(box.w), "cy": str(box.h)})


# --------------------------------------------------------------------------------------------
# Slide size
# --------------------------------------------------------------------------------------------


def widen(prs: Presentation) -> None:
    """16:9 slide size, every shape offset and width scaled from the 4:3 source."""
    sld_sz = prs.element.sldSz
    sld_sz.cx, sld_sz.cy = SLIDE_WIDTH, SLIDE_HEIGHT
    sld_sz.attrib.pop("type", None)  # "screen4x3" no longer true; absent means custom/16:9
    factor = SLIDE_WIDTH / SOURCE_WIDTH
    roots = [prs.slide_master.element] + [layout.element for layout in prs.slide_layouts]
    for root in roots:
        for xfrm in root.iterfind("p:cSld/p:spTree/p:sp/p:spPr/a:xfrm", _NS):
            off, ext = _one(xfrm, "a:off"), _one(xfrm, "a:ext")
            off.set("x", str(round(int(off.get("x")) * factor)))
            ext.set("cx", str(round(int(ext.get("cx")) * factor)))


# --------------------------------------------------------------------------------------------
# Theme
# --------------------------------------------------------------------------------------------

FLAT_FILL = f'<a:solidFill {nsdecls("a")}><a:schemeClr val="phClr"/></a:solidFill>'
"""A theme fill style that is simply the shape's colour."""

NO_EFFECT = f"<a:effectStyle {nsdecls('a')}><a:effectLst/></a:effectStyle>"
"""A theme effect style without shadow, glow or 3-D."""

STYLE_COUNT = 3
"""The schema's (and PowerPoint's) number of entries in each theme style list."""


def restyle_theme(master: SlideMaster) -> None:
    part = master.part.part_related_by(RT.THEME)
    theme = parse_xml(part.blob)
    theme.set("name", THEME_NAME)
    elements = _one(theme, "a:themeElements")
    _set_colors(_one(elements, "a:clrScheme"))
    _set_fonts(_one(elements, "a:fontScheme"))
    _flatten_styles(_one(elements, "a:fmtScheme"))
    part.blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def _set_colors(scheme: etree._Element) -> None:
    scheme.set("name", THEME_NAME)
    for slot in scheme:
        value = COLOR_SCHEME[etree.QName(slot).localname]
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=value)


def _set_fonts(fonts: etree._Element) -> None:
    fonts.set("name", THEME_NAME)
    _one(fonts, "a:majorFont/a:latin").set("typeface", HEADING_FONT)
    _one(fonts, "a:minorFont/a:latin").set("typeface", BODY_FONT)


def _replace_children(parent: etree._Element, xml: str) -> None:
    for child in list(parent):
        parent.remove(child)
    for _ in range(STYLE_COUNT):
        parent.append(parse_xml(xml))


def _flatten_styles(fmt: etree._Element) -> None:
    """Solid fills and no effects; line styles are kept (already plain)."""
    _replace_children(_one(fmt, "a:fillStyleLst"), FLAT_FILL)
    _replace_children(_one(fmt, "a:effectStyleLst"), NO_EFFECT)
    _replace_children(_one(fmt, "a:bgFillStyleLst"), FLAT_FILL)


# --------------------------------------------------------------------------------------------
# Master
# --------------------------------------------------------------------------------------------


def restyle_master(master: SlideMaster) -> None:
    root = master.element
    _restyle_title_style(_one(root, "p:txStyles/p:titleStyle/a:lvl1pPr"))
    _restyle_body_style(_one(root, "p:txStyles/p:bodyStyle"))
    _one(_placeholder(root, "title"), "p:txBody/a:bodyPr").set("anchor", "b")
    for ph_type in ("dt", "ftr", "sldNum"):
        level = _one(_placeholder(root, ph_type), "p:txBody/a:lstStyle/a:lvl1pPr")
        _one(level, "a:defRPr").set("sz", str(FOOTER_SIZE))
    _add_title_rule(root)


def _restyle_title_style(level: etree._Element) -> None:
    level.set("algn", "l")
    def_rpr = _one(level, "a:defRPr")
    def_rpr.set("sz", str(TITLE_SIZE))
    def_rpr.set("b", "1")
    _set_fill(def_rpr, _solid("tx2"))


def _restyle_body_style(style: etree._Element) -> None:
    for number, size in enumerate(BODY_SIZES, start=1):
        _one(style, f"a:lvl{number}pPr/a:defRPr").set("sz", str(size))


def _add_title_rule(root: etree._Element) -> None:
    """A light full-width hairline under the title with a short accent bar on its left end."""
    title = _box(_placeholder(root, "title"))
    bar = Rect(title.x + TEXT_INSET, title.bottom + RULE_GAP, ACCENT_BAR_WIDTH, ACCENT_BAR_HEIGHT)
    hairline = Rect(title.x + TEXT_INSET, bar.bottom - HAIRLINE_HEIGHT, title.w - 2 * TEXT_INSET,
                    HAIRLINE_HEIGHT)  # fmt: skip
    first_id = _next_shape_id(root)
    _add_behind_placeholders(
        root,
        [
            _rect_shape(
                first_id, "Title Rule", hairline, _solid("bg2", ("lumMod", HAIRLINE_LUM_MOD))
            ),
            _rect_shape(first_id + 1, "Title Accent", bar, _solid("accent1")),
        ],
    )


# --------------------------------------------------------------------------------------------
# Title-slide layout
# --------------------------------------------------------------------------------------------


def restyle_title_layout(layout: SlideLayout) -> None:
    root = layout.element
    root.set("showMasterSp", "0")  # no title rule from the master on the title slide
    title_sp, subtitle_sp = _placeholder(root, "ctrTitle"), _placeholder(root, "subTitle")
    width = SLIDE_WIDTH - TITLE_SLIDE_LEFT - TITLE_SLIDE_RIGHT_MARGIN
    title = Rect(TITLE_SLIDE_LEFT, TITLE_SLIDE_TITLE_TOP, width, TITLE_SLIDE_TITLE_HEIGHT)
    bar = Rect(title.x + TEXT_INSET, title.bottom + TITLE_SLIDE_BAR_GAP, TITLE_SLIDE_BAR_WIDTH,
               TITLE_SLIDE_BAR_HEIGHT)  # fmt: skip
    subtitle = Rect(
        title.x, bar.bottom + TITLE_SLIDE_SUBTITLE_GAP, width, TITLE_SLIDE_SUBTITLE_HEIGHT
    )
    _set_box(title_sp, title)
    _set_box(subtitle_sp, subtitle)
    _style_title_slide_title(title_sp)
    _style_title_slide_subtitle(subtitle_sp)
    first_id = _next_shape_id(root)
    strip = Rect(0, 0, EDGE_STRIP_WIDTH, SLIDE_HEIGHT)
    _add_behind_placeholders(
        root,
        [
            _rect_shape(first_id, "Edge Strip", strip, _solid("tx2")),
            _rect_shape(first_id + 1, "Title Accent", bar, _solid("accent1")),
        ],
    )


def _style_title_slide_title(sp: etree._Element) -> None:
    body = _one(sp, "p:txBody")
    body_pr = _one(body, "a:bodyPr")
    body_pr.set("anchor", "b")
    lst_style = _one(body, "a:lstStyle")
    for child in list(lst_style):
        lst_style.remove(child)
    lst_style.append(
        parse_xml(
            f'<a:lvl1pPr {nsdecls("a")} algn="l">'
            f'<a:defRPr sz="{TITLE_SLIDE_TITLE_SIZE}" b="1"/></a:lvl1pPr>'
        )
    )


def _style_title_slide_subtitle(sp: etree._Element) -> None:
    body = _one(sp, "p:txBody")
    for level in body.iterfind("a:lstStyle/*", _NS):
        level.set("algn", "l")
        def_rpr = _one(level, "a:defRPr")
        _set_fill(
            def_rpr,
            _solid("tx1", ("lumMod", SUBTITLE_GREY_LUM_MOD), ("lumOff", SUBTITLE_GREY_LUM_OFF)),
        )
    _one(body, "a:lstStyle/a:lvl1pPr/a:defRPr").set("sz", str(TITLE_SLIDE_SUBTITLE_SIZE))


# --------------------------------------------------------------------------------------------
# Package clean-up
# --------------------------------------------------------------------------------------------


def tidy_package(prs: Presentation) -> None:
    """Drop the stale 4:3 thumbnail and the Mac printer settings; name the document."""
    package = prs.part.package
    thumbnails = [rel.rId for rel in package.iter_rels() if rel.reltype == RT.THUMBNAIL]
    for r_id in thumbnails:  # only ever a package-level relationship
        package.drop_rel(r_id)
    printer = [r_id for r_id, rel in prs.part.rels.items() if rel.reltype == RT.PRINTER_SETTINGS]
    for r_id in printer:
        prs.part.drop_rel(r_id)
    core = prs.core_properties
    core.title = "QBR Studio default template"
    core.author = "QBR Studio"
    core.last_modified_by = "QBR Studio"
    core.comments = "Default template for QBR Studio review decks."
    _update_app_properties(package.part_related_by(RT.EXTENDED_PROPERTIES))


def _update_app_properties(part: Part) -> None:
    ns = {
        "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    }
    root = parse_xml(part.blob)
    fmt = root.find("ep:PresentationFormat", ns)
    if fmt is not None:
        fmt.text = WIDESCREEN_FORMAT
    for title in root.iterfind("ep:TitlesOfParts/vt:vector/vt:lpstr", ns):
        title.text = THEME_NAME
    part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def build() -> Presentation:
    prs = pptx.Presentation()
    widen(prs)
    master = prs.slide_master
    restyle_theme(master)
    restyle_master(master)
    restyle_title_layout(_title_layout(prs))
    tidy_package(prs)
    _ = prs.notes_master  # ship one, so decks don't each build python-pptx's default anew
    return prs


def _title_layout(prs: Presentation) -> SlideLayout:
    for layout in prs.slide_layouts:
        if (
            layout.element.find("p:cSld/p:spTree/p:sp/p:nvSpPr/p:nvPr/p:ph[@type='ctrTitle']", _NS)
            is not None
        ):
            return layout
    raise RuntimeError("python-pptx's default template has no title-slide layout")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the .pptx")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    build().save(str(args.output))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
