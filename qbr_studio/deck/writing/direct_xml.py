"""A slide's or notes page's XML as the bytes python-pptx would save, without parsing it.

The writer builds each new slide's shapes and each notes page as one string of XML
(:mod:`ooxml`, :mod:`placeholders`); parsed into python-pptx's elements, they were only ever
serialised again when the deck was saved. For the XML these builders write, lxml's
serialisation is the string itself, bar a few forms it writes its own way: an attribute quoted
with ``'``, a character reference, a carriage return, an empty element written as a pair of
tags, and the namespace declarations each top-level shape repeats (lxml drops those the slide
already declares when the shape is moved into it). :func:`slide` and :func:`notes` give the
bytes only when none of those forms (nor a character XML cannot carry) is present — ``None``
otherwise, and the writer then parses the XML as before, so a deck is the same to the byte
either way (``tests/test_deck_direct_xml.py`` compares the two).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from pptx.oxml.slide import CT_Slide

from qbr_studio.deck.writing.ooxml import CHART_URI, NS

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""How lxml declares a part python-pptx saves (UTF-8, standalone)."""
_DECLARED = DECLARATION.encode()
_TOP_LEVEL = tuple(f"<{tag} {NS}>" for tag in ("p:sp", "p:pic", "p:graphicFrame"))
"""How a shape built to be parsed on its own starts: with the slide's own declarations."""
_CHART = f'<c:chart xmlns:c="{CHART_URI}" '
"""The one declaration a shape may carry further in (a chart frame's), which lxml keeps."""
_OWN_WAY = (b"='", b'"></', b"\xef\xbf\xbe", b"\xef\xbf\xbf")
"""Forms lxml writes its own way or refuses: an attribute quoted with ``'``, an empty element
with attributes written as a pair of tags, U+FFFE and U+FFFF."""
_REFERENCE = re.compile(rb"&(?:quot;|apos;|#)")
"""References lxml may write otherwise (``&amp;``, ``&lt;`` and ``&gt;`` it writes too)."""
_EMPTY_PAIR = re.compile(rb"<[A-Za-z][\w:.-]*></")
"""An empty element without attributes written as a pair of tags."""
_ALLOWED_BYTES = bytes(b for b in range(256) if b >= 0x20 or b in (0x09, 0x0A))
"""Every byte but the control characters XML refuses and the carriage return (which parsing
turns into a line feed)."""


def notes(xml: str) -> bytes | None:
    """The saved bytes of the notes page ``xml`` (:func:`ooxml.notes`), when certain."""
    return _as_written(xml)


def slide(shapes: Iterable[str]) -> bytes | None:
    """The saved bytes of a new slide holding ``shapes`` (each one top-level shape's XML),
    when certain."""
    head, tail = _empty_slide()
    body = "".join(_undeclared(shape) for shape in shapes)
    if "xmlns" in body.replace(_CHART, ""):
        return None
    return _as_written(f"{head}{body}{tail}")


def _undeclared(shape: str) -> str:
    """``shape`` without the namespace declarations of its start tag, if it repeats the
    slide's."""
    for start in _TOP_LEVEL:
        if shape.startswith(start):
            return f"{start[: -len(NS) - 2]}>{shape[len(start) :]}"
    return shape


def _as_written(xml: str) -> bytes | None:
    try:
        data = xml.encode()
    except UnicodeEncodeError:  # a lone surrogate: parsing refuses it, as it did
        return None
    if data.translate(None, _ALLOWED_BYTES) or any(form in data for form in _OWN_WAY):
        return None
    if _REFERENCE.search(data) or _EMPTY_PAIR.search(data):
        return None
    return _DECLARED + data


@lru_cache(maxsize=1)
def _empty_slide() -> tuple[str, str]:
    """The XML of python-pptx's new slide, split where its shapes go (after the group's
    properties, the end of its shape tree)."""
    xml = etree.tostring(CT_Slide.new(), encoding="unicode")
    at = xml.index("</p:spTree>")
    return xml[:at], xml[at:]
