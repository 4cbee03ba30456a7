"""Build odd company templates for the template tests, from the bundled default or python-pptx's.

Each builder writes one file into a folder and returns its path. The templates are made the way
a user's PowerPoint would leave them (renamed or reordered layouts, dark masters, a .potx, a
template that still holds slides) so that :mod:`qbr_studio.deck.template` is tested on them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pptx
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation
from pptx.slide import SlideLayout

from qbr_studio.deck.template import default_template_path

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


def gradient_master(folder: Path) -> Path:
    """Master background a gradient from dark navy (first stop) to a lighter blue."""
    prs = pptx.Presentation()
    c_sld = prs.slide_master.element.find(qn("p:cSld"))
    c_sld.remove(c_sld.find(qn("p:bg")))
    c_sld.insert(
        0,
        parse_xml(
            f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:gradFill rotWithShape="1"><a:gsLst>'
            f'<a:gs pos="0"><a:srgbClr val="{DARK_NAVY}"/></a:gs>'
            '<a:gs pos="100000"><a:srgbClr val="3A6EA5"/></a:gs>'
            '</a:gsLst><a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'
        ),
    )
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


def with_slides(folder: Path) -> Path:
    """The bundled default still holding two slides, one with speaker notes."""
    prs = _bundled()
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Leftover title slide"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "Leftover content"
    second.notes_slide.notes_text_frame.text = "Old notes"
    return _save(prs, folder / "with_slides.pptx")


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
)
"""Builders of templates that must load."""
