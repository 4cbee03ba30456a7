"""The deck's package written to its zip file exactly as python-pptx's ``save`` writes it.

Same members in the same order with the same bytes: ``[Content_Types].xml``, the package's
relationships, then each part (walked from the package's relationships) followed by its own
relationships if it has any. python-pptx builds each relationship by parsing an XML fragment
and setting its attributes one by one — a tenth of a build for a deck's hundred-odd
relationships; here each relationships item and the content types are built in one pass with
lxml and serialised as python-pptx serialises them.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Mapping
from typing import BinaryIO, Protocol

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.package import OpcPackage, Part
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from pptx.opc.spec import default_content_types

from qbr_studio.deck.writing.pptx_internals import package_relationships

RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
EXTERNAL = "External"


class Relationship(Protocol):
    """What python-pptx's relationship objects tell about themselves."""

    rId: str
    reltype: str
    target_ref: str
    is_external: bool


def save_package(package: OpcPackage, out: BinaryIO) -> None:
    """Write ``package`` to ``out`` as a .pptx (python-pptx's ``Package.save``)."""
    parts = tuple(package.iter_parts())
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, strict_timestamps=False) as z:
        z.writestr(CONTENT_TYPES_URI.membername, content_types(parts))
        z.writestr(PACKAGE_URI.rels_uri.membername, relationships(package_relationships(package)))
        for part in parts:
            z.writestr(part.partname.membername, part.blob)
            if part.rels:
                z.writestr(part.partname.rels_uri.membername, relationships(part.rels))


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _rid_order(r_id: str) -> tuple[int, str]:
    """python-pptx writes relationships in the order of their ids' numbers."""
    number = r_id[3:]
    return (int(number) if r_id.startswith("rId") and number.isdigit() else 0, r_id)


def relationships(rels: Mapping[str, Relationship]) -> bytes:
    """A part's (or the package's) relationships item."""
    root = etree.Element(f"{{{RELATIONSHIPS_NS}}}Relationships", nsmap={None: RELATIONSHIPS_NS})
    tag = f"{{{RELATIONSHIPS_NS}}}Relationship"
    for r_id in sorted(rels, key=_rid_order):
        rel = rels[r_id]
        attributes = {"Id": rel.rId, "Type": rel.reltype, "Target": rel.target_ref}
        if rel.is_external:
            attributes["TargetMode"] = EXTERNAL
        etree.SubElement(root, tag, attributes)
    return _serialise(root)


def content_types(parts: Iterable[Part]) -> bytes:
    """``[Content_Types].xml``: a default per extension whose content type is the usual one
    for it, an override for every other part; defaults by extension, overrides by name."""
    defaults = {"rels": CT.OPC_RELATIONSHIPS, "xml": CT.XML}
    overrides: dict[str, str] = {}
    for part in parts:
        ext, content_type = part.partname.ext, part.content_type
        if (ext.lower(), content_type) in default_content_types:
            defaults[ext.lower()] = content_type
        else:
            overrides[part.partname] = content_type
    root = etree.Element(f"{{{CONTENT_TYPES_NS}}}Types", nsmap={None: CONTENT_TYPES_NS})
    for ext, content_type in sorted(defaults.items()):
        etree.SubElement(
            root, f"{{{CONTENT_TYPES_NS}}}Default", {"Extension": ext, "ContentType": content_type}
        )
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(
            root,
            f"{{{CONTENT_TYPES_NS}}}Override",
            {"PartName": name, "ContentType": content_type},
        )
    return _serialise(root)
