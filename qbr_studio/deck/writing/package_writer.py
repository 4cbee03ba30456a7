"""The deck's package written to its zip file exactly as python-pptx's ``save`` writes it.

Same members in the same order with the same bytes: ``[Content_Types].xml``, the package's
relationships, then each part (walked from the package's relationships) followed by its own
relationships if it has any. python-pptx builds each relationship by parsing an XML fragment
and setting its attributes one by one — a tenth of a build for a deck's hundred-odd
relationships; here each relationships item and the content types are built in one pass with
lxml and serialised as python-pptx serialises them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from typing import BinaryIO, Protocol

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.package import OpcPackage, Part
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.spec import default_content_types

from qbr_studio.deck.writing.pptx_internals import package_relationships
from qbr_studio.deck.writing.zip_writer import write_zip

RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
EXTERNAL = "External"


class Relationship(Protocol):
    """What python-pptx's relationship objects tell about themselves (``target_ref`` only
    matters for an external one, ``target_partname`` for the others)."""

    rId: str
    reltype: str
    target_ref: str
    target_partname: str
    is_external: bool


def save_package(
    package: OpcPackage,
    out: BinaryIO,
    template_parts: Collection[str] = (),
    written: Mapping[str, bytes] | None = None,
) -> None:
    """Write ``package`` to ``out`` as a .pptx (python-pptx's ``Package.save``); the parts
    named in ``template_parts`` came unchanged from the template, so their deflated bytes are
    kept from one deck to the next (:mod:`qbr_studio.deck.writing.zip_writer`); ``written``
    gives the saved bytes of parts by name (the writer's slides), instead of their elements'.
    """
    written = written or {}
    parts = tuple(package.iter_parts())
    members = [
        (CONTENT_TYPES_URI.membername, content_types(parts)),
        (
            PACKAGE_URI.rels_uri.membername,
            relationships(package_relationships(package), PACKAGE_URI.baseURI),
        ),
    ]
    kept = []
    for part in parts:
        data = written.get(part.partname)
        members.append((part.partname.membername, part.blob if data is None else data))
        if part.partname in template_parts:
            kept.append(part.partname.membername)
        if part.rels:
            rels = relationships(part.rels, part.partname.baseURI)
            members.append((part.partname.rels_uri.membername, rels))
    write_zip(out, members, frozenset(kept))


_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""How lxml declares the XML items python-pptx writes (UTF-8, standalone)."""
_PLAIN = re.compile(r"[ !#-%'-;=?-~]*")
"""Printable ASCII but for ``"``, ``&``, ``<`` and ``>``: an attribute value lxml writes as it
is. An item with any other value is built with lxml, as python-pptx builds it."""
_QUOTE = '"'


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _rid_order(r_id: str) -> tuple[int, str]:
    """python-pptx writes relationships in the order of their ids' numbers."""
    number = r_id[3:]
    return (int(number) if r_id.startswith("rId") and number.isdigit() else 0, r_id)


@lru_cache(maxsize=4096)
def _relative_ref(partname: str, base_uri: str) -> str:
    """python-pptx's ``target_ref`` of an internal relationship from a part in ``base_uri``
    (a ``posixpath.relpath`` each time it is asked; a deck asks the same few hundred)."""
    return PackURI(partname).relative_ref(base_uri)


def _relationship_attributes(
    rels: Mapping[str, Relationship], base_uri: str
) -> list[dict[str, str]]:
    items = []
    for r_id in sorted(rels, key=_rid_order):
        rel = rels[r_id]
        target = rel.target_ref if rel.is_external else _relative_ref(rel.target_partname, base_uri)
        attributes = {"Id": rel.rId, "Type": rel.reltype, "Target": target}
        if rel.is_external:
            attributes["TargetMode"] = EXTERNAL
        items.append(attributes)
    return items


def relationships(rels: Mapping[str, Relationship], base_uri: str) -> bytes:
    """A part's (or the package's) relationships item; ``base_uri``: the folder of the part
    (``/`` for the package)."""
    items = _relationship_attributes(rels, base_uri)
    return _item("Relationships", RELATIONSHIPS_NS, [("Relationship", a) for a in items])


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
    children = [
        ("Default", {"Extension": ext, "ContentType": content_type})
        for ext, content_type in sorted(defaults.items())
    ] + [
        ("Override", {"PartName": name, "ContentType": content_type})
        for name, content_type in sorted(overrides.items())
    ]
    return _item("Types", CONTENT_TYPES_NS, children)


def _item(tag: str, ns: str, children: list[tuple[str, dict[str, str]]]) -> bytes:
    """The XML item ``tag`` (default namespace ``ns``) with ``children``, as lxml serialises
    it: written out directly when every value is plain (:data:`_PLAIN`), else built by lxml."""
    if not all(_PLAIN.fullmatch(v) for _, attributes in children for v in attributes.values()):
        return _lxml_item(tag, ns, children)
    if not children:
        return f'{_DECLARATION}<{tag} xmlns="{ns}"/>'.encode()
    body = "".join(
        f"<{child}{''.join(f' {k}={_QUOTE}{v}{_QUOTE}' for k, v in attributes.items())}/>"
        for child, attributes in children
    )
    return f'{_DECLARATION}<{tag} xmlns="{ns}">{body}</{tag}>'.encode()


def _lxml_item(tag: str, ns: str, children: list[tuple[str, dict[str, str]]]) -> bytes:
    root = etree.Element(f"{{{ns}}}{tag}", nsmap={None: ns})
    for child, attributes in children:
        etree.SubElement(root, f"{{{ns}}}{child}", attributes)
    return _serialise(root)
