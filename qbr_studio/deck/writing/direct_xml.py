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
_TOP_LEVEL = tuple(f"<{tag} {NS}>" for tag in ("p:sp", "p:pic", "p:graphicFrame"))
"""How a shape built to be parsed on its own starts: with the slide's own declarations."""
_CHART = f'<c:chart xmlns:c="{CHART_URI}" '
"""The one declaration a shape may carry further in (a chart frame's), which lxml keeps."""
_NOT_AS_WRITTEN = re.compile(
    "='|&quot;|&apos;|&#|\r|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
    r"|<([A-Za-z][\w:.-]*)(?:\s[^<>]*)?></\1>"
)
"""Forms lxml would write otherwise, and characters it would refuse."""


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
    if _NOT_AS_WRITTEN.search(xml):
        return None
    try:
        return f"{DECLARATION}{xml}".encode()
    except UnicodeEncodeError:  # a lone surrogate: parsing refuses it, as it did
        return None


@lru_cache(maxsize=1)
def _empty_slide() -> tuple[str, str]:
    """The XML of python-pptx's new slide, split where its shapes go (after the group's
    properties, the end of its shape tree)."""
    xml = etree.tostring(CT_Slide.new(), encoding="unicode")
    at = xml.index("</p:spTree>")
    return xml[:at], xml[at:]
