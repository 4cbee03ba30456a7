"""A PowerPoint template reduced to the parts a deck needs: an allow-list, not a deny-list.

A template is someone else's file. Besides its masters, layouts and theme it can carry macros
(``ppt/vbaProject.bin``), OLE objects and embedded workbooks (with macros of their own),
ActiveX controls, external relationships (a linked picture PowerPoint fetches from the network
when the deck opens, a UNC path, ``file:///…calc.exe``) and the company's document properties
(author, manager, company). :func:`sanitise_template` keeps only masters, layouts, themes,
pictures and fonts (plus the presentation part and the small settings parts python-pptx
needs), drops every relationship that points outside the package or at a dropped part, removes
the shapes that used them, and says what it dropped.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from qbr_studio.errors import UserError
from qbr_studio.safeio.limits import ZIP_KINDS
from qbr_studio.safeio.xmldoc import parse_lxml
from qbr_studio.safeio.zips import check_zip, open_zip, read_member

CONTENT_TYPES = "[Content_Types].xml"
_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHAPE_TREES = {"spTree", "grpSp"}
_HYPERLINKS = {"hlinkClick", "hlinkHover", "hlinkMouseOver"}
_DATA_REFERENCES = {"tags", "custData", "control"}
"""Elements that only attach data to a shape (or list a control): removed alone, the shape
stays."""

_KEPT_XML = re.compile(
    r"^(?:_rels/\.rels"
    r"|ppt/(?:_rels/)?presentation\.xml(?:\.rels)?"
    r"|ppt/(?:presProps|viewProps|tableStyles)\.xml"
    r"|ppt/(?:slideMasters|slideLayouts|notesMasters|handoutMasters|slides|notesSlides|theme)"
    r"/(?:_rels/)?[A-Za-z0-9_.-]+\.xml(?:\.rels)?)$"
)
_KEPT_MEDIA = re.compile(
    r"^ppt/media/[A-Za-z0-9_.-]+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg)$", re.IGNORECASE
)
_KEPT_FONT = re.compile(r"^ppt/fonts/[A-Za-z0-9_.-]+\.fntdata$", re.IGNORECASE)
_RISKY_TYPE = re.compile(r"macroEnabled|vba|oleObject|activeX", re.IGNORECASE)


@dataclass
class Sanitised:
    """The cleaned package and, in plain words, everything that was left out."""

    data: bytes
    dropped: list[str] = field(default_factory=list)


def sanitise_template(data: bytes, name: str) -> Sanitised:
    """``data`` (a .pptx/.potx package) with only the allowed parts and relationships.

    UserError naming ``name`` for a package that is not a readable zip within the template
    limits. An already clean template comes back with ``dropped == []`` and the same parts.
    """
    with open_zip(data, name, "template") as archive:
        scan = check_zip(archive, name, "template", "template")
        budget = ZIP_KINDS["template"].max_total
        members = {}
        for info in scan.infos:
            if info.is_dir():
                continue
            members[info.filename] = read_member(archive, info, budget, name)
            budget -= len(members[info.filename])
    if CONTENT_TYPES not in members:
        raise UserError(f"{name}: is not a PowerPoint package (no {CONTENT_TYPES})")
    types = parse_lxml(members[CONTENT_TYPES], name, CONTENT_TYPES)
    if _RISKY_TYPE.search(_content_type(types, "ppt/presentation.xml")):
        raise UserError(
            f"{name}: is a macro-enabled PowerPoint file. QBR Studio never uses macros: open it "
            "in PowerPoint and save it as a .pptx or .potx, then choose that file."
        )
    dropped: list[str] = _metadata_note(members)
    kept = {
        part
        for part in members
        if part != CONTENT_TYPES and _allowed(part, _content_type(types, part), dropped)
    }
    out: dict[str, bytes] = {}
    for part in sorted(kept):
        if part.endswith(".rels"):
            continue
        rels_part = _rels_of(part)
        gone: set[str] = set()
        if rels_part in kept:
            out[rels_part], gone = _clean_rels(
                members[rels_part], name, part, kept, set(members), dropped
            )
        out[part] = _without_references(members[part], name, part, gone) if gone else members[part]
    if "_rels/.rels" in kept:
        out["_rels/.rels"], _ = _clean_rels(
            members["_rels/.rels"], name, "", kept, set(members), dropped
        )
    _clean_types(types, set(out))
    out[CONTENT_TYPES] = _xml(types)
    return Sanitised(_zip(out, order=[i.filename for i in scan.infos]), _grouped(dropped))


def _allowed(part: str, content_type: str, dropped: list[str]) -> bool:
    if part.endswith(".rels") and _KEPT_XML.match(part):
        return True
    if _KEPT_XML.match(part) and not _RISKY_TYPE.search(content_type):
        return True
    if _KEPT_MEDIA.match(part) and content_type.startswith("image/"):
        return True
    if _KEPT_FONT.match(part) and "font" in content_type:
        return True
    if part.startswith(_SILENT):
        return False  # nothing to say (a printer's settings), or said by _metadata_note
    dropped.append(f"{part} ({_what(part, content_type)})")
    return False


_SILENT = ("docProps/", "ppt/printerSettings/")
_IDENTIFYING = re.compile(
    rb"<(?:\w+:)?(Company|Manager|creator|lastModifiedBy|HyperlinkBase)>\s*[^<\s]"
)


def _metadata_note(members: dict[str, bytes]) -> list[str]:
    """One line if the template's document properties name a company or a person."""
    found = sorted(
        {
            m.group(1).decode()
            for part, data in members.items()
            if part.startswith("docProps/") and part.endswith(".xml")
            for m in _IDENTIFYING.finditer(data)
        }
    )
    if not found:
        return []
    return [f"document properties naming people or the company ({', '.join(found)})"]


def _what(part: str, content_type: str) -> str:
    lowered = (part + " " + content_type).lower()
    for words, what in (
        ("embeddings/", "embedded object or workbook"),
        ("vba", "macros"),
        ("macro", "macros"),
        ("activex", "ActiveX control"),
        ("oleobject", "OLE object"),
        ("customxml", "custom data"),
        ("comment", "comments and their authors"),
        ("charts/", "chart with its embedded workbook"),
    ):
        if words in lowered:
            return what
    return "not a master, layout, theme, picture or font"


def _content_type(types: etree._Element, part: str) -> str:
    for override in types.iterfind(f"{{{_CT_NS}}}Override"):
        if override.get("PartName", "").lstrip("/") == part:
            return override.get("ContentType", "")
    ext = part.rsplit(".", 1)[-1].lower() if "." in part else ""
    for default in types.iterfind(f"{{{_CT_NS}}}Default"):
        if default.get("Extension", "").lower() == ext:
            return default.get("ContentType", "")
    return ""


def _rels_of(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _clean_rels(
    data: bytes, name: str, source: str, kept: set[str], present: set[str], dropped: list[str]
) -> tuple[bytes, set[str]]:
    """The relationships of ``source`` that stay inside the package and reach kept parts;
    also the ids removed."""
    rels_name = _rels_of(source) if source else "_rels/.rels"
    root = parse_lxml(data, name, rels_name)
    gone: set[str] = set()
    for rel in list(root.iterfind(f"{{{_PKG_RELS}}}Relationship")):
        target = rel.get("Target", "")
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        where = source or "the package"
        if rel.get("TargetMode", "").lower() == "external":
            dropped.append(f"external {kind} link to {_shown(target)} (from {where})")
        elif _resolve(source, target) in kept:
            continue
        elif _resolve(source, target) not in present:
            dropped.append(f"{kind} relationship to a missing part {_shown(target)} (from {where})")
        # else: the part it reaches was dropped, and is already listed
        gone.add(rel.get("Id", ""))
        root.remove(rel)
    return _xml(root), gone


def _resolve(source: str, target: str) -> str:
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, target))


def _without_references(data: bytes, name: str, part: str, gone: set[str]) -> bytes:
    """``part``'s XML with every use of a removed relationship id taken out: a linked
    picture's link attribute, a hyperlink, or the whole shape (OLE frame, ActiveX control)."""
    root = parse_lxml(data, name, part)
    doomed: list[etree._Element] = []
    for element in root.iter():
        for attr, value in list(element.attrib.items()):
            if not attr.startswith(f"{{{_R_NS}}}") or value not in gone:
                continue
            local = etree.QName(element).localname
            if local == "blip":
                del element.attrib[attr]
            elif local in _HYPERLINKS or local in _DATA_REFERENCES:
                doomed.append(element)
            else:
                doomed.append(_shape_of(element))
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return _xml(root)


def _shape_of(element: etree._Element) -> etree._Element:
    """The shape holding ``element`` (the child of the nearest shape tree), or itself."""
    node = element
    while node.getparent() is not None:
        parent = node.getparent()
        if etree.QName(parent).localname in _SHAPE_TREES:
            return node
        node = parent
    return element


def _clean_types(types: etree._Element, parts: set[str]) -> None:
    for override in list(types.iterfind(f"{{{_CT_NS}}}Override")):
        if override.get("PartName", "").lstrip("/") not in parts:
            types.remove(override)
    for default in list(types.iterfind(f"{{{_CT_NS}}}Default")):
        if _RISKY_TYPE.search(default.get("ContentType", "")):
            types.remove(default)


def _zip(parts: dict[str, bytes], order: list[str]) -> bytes:
    buffer = io.BytesIO()
    rank = {part: i for i, part in enumerate(order)}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in sorted(parts, key=lambda p: (p != CONTENT_TYPES, rank.get(p, 0))):
            archive.writestr(part, parts[part])
    return buffer.getvalue()


def _shown(target: str) -> str:
    return target if len(target) <= 80 else target[:77] + "…"


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_PART_LINE = re.compile(r"^(?P<folder>\S+/)[^/\s]+ \((?P<why>[^)]*)\)$")


def _grouped(lines: list[str]) -> list[str]:
    """Parts dropped from one folder for one reason, said once when there are more than 3."""
    groups: dict[tuple[str, str], list[str]] = {}
    for line in lines:
        m = _PART_LINE.match(line)
        key = (m.group("folder"), m.group("why")) if m else (line, "")
        groups.setdefault(key, []).append(line)
    out = []
    for (folder, why), members in groups.items():
        if len(members) > 3:
            out.append(f"{folder} ({len(members)} parts: {why})")
        else:
            out.extend(members)
    return out
