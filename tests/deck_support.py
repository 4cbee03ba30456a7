"""Reading a written deck back: shapes, text, charts and alt text, as python-pptx sees them."""

from __future__ import annotations

import difflib
import io
import zipfile
from pathlib import Path

from lxml import etree
from pptx import Presentation


def open_deck(path: Path):
    return Presentation(str(path))


def slide_text(slide) -> str:
    parts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            parts.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            parts += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(parts)


def charts(slide):
    return [s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart]


def alt_text(shape) -> str:
    return (
        shape._element.xpath("./*[1]/p:cNvPr/@descr")[0]
        if shape._element.xpath("./*[1]/p:cNvPr/@descr")
        else ""
    )


def pretty_part(pptx_bytes: bytes, member: str) -> str:
    with zipfile.ZipFile(io.BytesIO(pptx_bytes)) as zf:
        root = etree.fromstring(zf.read(member))
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def xml_diff(expected: str, actual: str, name: str) -> str:
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"reference/{name}",
            f"built/{name}",
            n=2,
        )
    )
