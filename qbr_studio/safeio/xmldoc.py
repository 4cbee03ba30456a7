"""XML the project parses itself, with entities and DTDs refused (defusedxml / hardened lxml).

Office files never declare a DOCTYPE; one that does is trying entity expansion ("billion
laughs") or an external entity that reads a local file or the network. Both parsers here
refuse such a document outright rather than parse it with the entities left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from qbr_studio.errors import UserError
from qbr_studio.safeio.limits import MAX_XML_BYTES, mb

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


def parse_xml(data: bytes, name: str, part: str) -> Element:
    """A standard-library tree of ``data`` (part ``part`` of file ``name``); UserError for a
    DOCTYPE/entity, malformed XML, or a part over :data:`MAX_XML_BYTES`."""
    import defusedxml.ElementTree as defused  # only the import of a spreadsheet needs it
    from defusedxml import DefusedXmlException

    _require_small(data, name, part)
    try:
        return defused.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise _entities(name, part) from None
    except defused.ParseError:
        raise UserError(f"{name}: the file is damaged (part {part} is not valid XML)") from None


_LXML_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=False
)


def parse_lxml(data: bytes, name: str, part: str) -> etree._Element:
    """An lxml tree of ``data`` for code that must write the XML back unchanged in form
    (namespace prefixes kept); same refusals as :func:`parse_xml`."""
    _require_small(data, name, part)
    try:
        root = etree.fromstring(data, _LXML_PARSER)
    except etree.XMLSyntaxError:
        raise UserError(f"{name}: the file is damaged (part {part} is not valid XML)") from None
    if root.getroottree().docinfo.doctype:
        raise _entities(name, part)
    return root


def _require_small(data: bytes, name: str, part: str) -> None:
    if len(data) > MAX_XML_BYTES:
        raise UserError(
            f"{name}: part {part} is {mb(len(data))}, above the {mb(MAX_XML_BYTES)} limit for "
            "an index part (MAX_XML_BYTES)"
        )


def _entities(name: str, part: str) -> UserError:
    return UserError(
        f"{name}: part {part} declares XML entities (a DOCTYPE), which no Office program "
        "writes; refusing it as unsafe"
    )
