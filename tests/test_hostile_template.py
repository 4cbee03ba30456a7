"""The template sanitiser: a template made in code carrying macros, OLE objects, an embedded
macro workbook, an ActiveX control, external links (a linked picture, a UNC path, an OLE link
to calc.exe, a hyperlink) and company metadata comes out with none of them, still opens in
python-pptx, and the deck saved from it carries none of them either."""

from __future__ import annotations

import io
import re
import zipfile

import hostile_fixtures as hf
import pptx
import pytest

from qbr_studio.errors import UserError
from qbr_studio.safeio import sanitise_template

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MS_REL = "http://schemas.microsoft.com/office/2006/relationships"
VBA_CT = "application/vnd.ms-office.vbaProject"
HOSTILE_TEXT = (b"calc.exe", b"evil.example", b"\\\\fileserver", b"Acme Secret", b"Jane Boss")


def _clean_template() -> bytes:
    buffer = io.BytesIO()
    pptx.Presentation().save(buffer)
    return buffer.getvalue()


def _rels(entries: list[tuple[str, str, str, str]]) -> bytes:
    rows = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
        for rid, kind, target, mode in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
        f'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rows}'
        "</Relationships>"
    ).encode()


def _add_rels(existing: bytes, extra: list[tuple[str, str, str, str]]) -> bytes:
    rows = _rels(extra).split(b'package/2006/relationships">', 1)[1].rsplit(b"</", 1)[0]
    return existing.replace(b"</Relationships>", rows + b"</Relationships>")


EXT = ' TargetMode="External"'
OLE_FRAME = (
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="Object 1"/><p:cNvGraphicFramePr/>'
    '<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/>'
    '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/'
    f'2006/ole"><p:oleObj xmlns:r="{R_NS}" r:id="rIdOle" progId="Excel.SheetMacroEnabled.12">'
    "<p:embed/></p:oleObj></a:graphicData></a:graphic></p:graphicFrame>"
    '<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="91" name="Object 2"/><p:cNvGraphicFramePr/>'
    '<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/>'
    '</p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/presentationml/'
    f'2006/ole"><p:oleObj xmlns:r="{R_NS}" r:id="rIdCalc" progId="Package"><p:link/></p:oleObj>'
    "</a:graphicData></a:graphic></p:graphicFrame>"
)
LINKED_PICTURE = (
    '<p:pic><p:nvPicPr><p:cNvPr id="92" name="Tracker"><a:hlinkClick xmlns:r="'
    f'{R_NS}" r:id="rIdLink"/></p:cNvPr><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill>'
    f'<a:blip xmlns:r="{R_NS}" r:link="rIdPixel"/><a:stretch><a:fillRect/></a:stretch>'
    '</p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/></a:xfrm>'
    '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    '<p:pic><p:nvPicPr><p:cNvPr id="93" name="Share"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
    f'<p:blipFill><a:blip xmlns:r="{R_NS}" r:link="rIdUnc"/><a:stretch><a:fillRect/>'
    '</a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="10" cy="10"/>'
    '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
)
CONTROLS = f'<p:controls><p:control xmlns:r="{R_NS}" r:id="rIdAx" name="Button1"/></p:controls>'
APP_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/extended-properties"><Company>Acme Secret</Company>'
    b"<Manager>Jane Boss</Manager></Properties>"
)


def hostile_template() -> bytes:
    """The python-pptx default template with every kind of unwanted content added."""
    source = zipfile.ZipFile(io.BytesIO(_clean_template()))
    parts = {name: source.read(name) for name in source.namelist()}
    layout1, layout2 = "ppt/slideLayouts/slideLayout1.xml", "ppt/slideLayouts/slideLayout2.xml"
    parts[layout1] = parts[layout1].replace(b"</p:spTree>", OLE_FRAME.encode() + b"</p:spTree>")
    parts[layout2] = parts[layout2].replace(b"</p:cSld>", CONTROLS.encode() + b"</p:cSld>", 1)
    master = "ppt/slideMasters/slideMaster1.xml"
    parts[master] = parts[master].replace(
        b"</p:spTree>", LINKED_PICTURE.encode() + b"</p:spTree>", 1
    )
    l1 = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
    parts[l1] = _add_rels(
        parts[l1],
        [
            ("rIdOle", f"{REL}/package", "../embeddings/Microsoft_Excel_Macro-Enabled1.xlsm", ""),
            ("rIdCalc", f"{REL}/oleObject", "file:///C:/Windows/System32/calc.exe", EXT),
        ],
    )
    l2 = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
    parts[l2] = _add_rels(parts[l2], [("rIdAx", f"{REL}/control", "../activeX/activeX1.xml", "")])
    m = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
    parts[m] = _add_rels(
        parts[m],
        [
            ("rIdPixel", f"{REL}/image", "https://evil.example/pixel.png", EXT),
            ("rIdUnc", f"{REL}/image", "\\\\fileserver\\share\\logo.png", EXT),
            ("rIdLink", f"{REL}/hyperlink", "https://evil.example/phish", EXT),
        ],
    )
    p = "ppt/_rels/presentation.xml.rels"
    parts[p] = _add_rels(parts[p], [("rIdVba", f"{MS_REL}/vbaProject", "vbaProject.bin", "")])
    parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macro code"
    parts["ppt/embeddings/Microsoft_Excel_Macro-Enabled1.xlsm"] = b"PK\x03\x04 workbook with macros"
    parts["ppt/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>'
    parts["ppt/activeX/activeX1.bin"] = b"\x00activex"
    parts["docProps/app.xml"] = APP_XML
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/ppt/vbaProject.bin" ContentType="' + VBA_CT.encode() + b'"/>'
        b'<Default Extension="xlsm" ContentType="application/vnd.ms-excel.sheet.macroEnabled.12"/>'
        b'<Override PartName="/ppt/activeX/activeX1.xml" '
        b'ContentType="application/vnd.ms-office.activeX+xml"/></Types>',
    )
    return hf.zip_of(parts)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _assert_clean(data: bytes) -> None:
    members = _members(data)
    names = " ".join(members)
    for unwanted in ("vbaProject", "embeddings/", "activeX", "app.xml"):
        assert unwanted not in names, names
    for name, content in members.items():
        assert b'TargetMode="External"' not in content, name
        for text in HOSTILE_TEXT:
            assert text not in content, (name, text)
        if name.endswith(".xml"):
            assert not re.search(rb"r:(?:id|link)=\"rId(?:Ole|Calc|Ax|Pixel|Unc|Link)\"", content)


def test_every_unwanted_part_and_link_is_dropped_and_named():
    result = sanitise_template(hostile_template(), "company.pptx")
    _assert_clean(result.data)
    said = "\n".join(result.dropped)
    for expected in (
        "ppt/vbaProject.bin (macros)",
        "Microsoft_Excel_Macro-Enabled1.xlsm (embedded object or workbook)",
        "ppt/activeX/activeX1.xml (ActiveX control)",
        "file:///C:/Windows/System32/calc.exe",
        "https://evil.example/pixel.png",
        "\\\\fileserver\\share\\logo.png",
        "https://evil.example/phish",
        "Company",
        "Manager",
    ):
        assert expected in said, said


def test_the_deck_saved_from_a_sanitised_template_is_clean():
    prs = pptx.Presentation(io.BytesIO(sanitise_template(hostile_template(), "t.pptx").data))
    layout = prs.slide_layouts[0]
    assert not any(shape.name.startswith("Object") for shape in layout.shapes)
    prs.slides.add_slide(layout)
    out = io.BytesIO()
    prs.save(out)
    _assert_clean(out.getvalue())
    assert len(prs.slide_layouts) == len(
        pptx.Presentation(io.BytesIO(_clean_template())).slide_layouts
    )


def test_without_the_sanitiser_the_macros_would_travel():
    """The hazard is real: python-pptx itself carries the macros and links into the deck."""
    prs = pptx.Presentation(io.BytesIO(hostile_template()))
    out = io.BytesIO()
    prs.save(out)
    members = _members(out.getvalue())
    assert "ppt/vbaProject.bin" in members
    assert any(b"calc.exe" in content for content in members.values())


def test_a_clean_template_keeps_every_master_layout_and_picture():
    clean = _clean_template()
    result = sanitise_template(clean, "plain.pptx")
    before = {n for n in _members(clean) if n.startswith("ppt/") and "printerSettings" not in n}
    assert {n for n in _members(result.data) if n.startswith("ppt/")} == before
    assert not [line for line in result.dropped if "ppt/" in line]


def test_a_template_that_is_not_a_zip_is_one_line():
    with pytest.raises(UserError, match=r"^t\.pptx: .*damaged"):
        sanitise_template(b"not a zip", "t.pptx")


def test_a_doctype_in_a_layout_is_refused():
    parts = _members(_clean_template())
    name = "ppt/_rels/presentation.xml.rels"
    parts[name] = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + parts[name].split(b"?>", 1)[1]
    )
    with pytest.raises(UserError, match="DOCTYPE"):
        sanitise_template(hf.zip_of(parts), "t.pptx")


def test_a_macro_enabled_main_part_is_refused_not_emptied():
    parts = _members(_clean_template())
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"presentationml.presentation.main+xml",
        b"vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    )
    with pytest.raises(UserError, match="macro-enabled"):
        sanitise_template(hf.zip_of(parts), "t.pptx")


def test_build_on_a_hostile_template_writes_a_clean_deck_and_says_what_it_left(tmp_path, capsys):
    """End to end: `qbr-studio build --template` reads the template through the sanitiser, so
    the deck carries no macro, embedding or external link, and the command names each one."""
    from qbr_studio.cli import main
    from qbr_studio.sample import build_sample_review
    from qbr_studio.storage import save_review

    template = tmp_path / "company.pptx"
    template.write_bytes(hostile_template())
    review = tmp_path / "r.qbr"
    save_review(review, build_sample_review())
    deck = tmp_path / "deck.pptx"
    assert main(["build", str(review), "-o", str(deck), "--template", str(template)]) == 0
    members = _members(deck.read_bytes())
    for name, content in members.items():
        # The deck's own charts embed their data workbooks (.xlsx); nothing of the template's.
        assert not re.search(r"vbaProject|activeX|\.xlsm$|oleObject", name), name
        assert b'TargetMode="External"' not in content, name
        for text in HOSTILE_TEXT:
            assert text not in content, (name, text)
    out = capsys.readouterr().out
    assert "left out of the deck: ppt/vbaProject.bin (macros)" in out
    assert "calc.exe" in out
