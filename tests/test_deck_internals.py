"""The python-pptx private attributes QBR Studio relies on (all in
``qbr_studio.deck.writing.pptx_internals``) still exist and behave as the writer expects."""

from __future__ import annotations

import io

import pptx

from qbr_studio.deck.writing import pptx_internals


def test_partnames_are_allocated_as_python_pptx_would() -> None:
    prs = pptx.Presentation()
    prs.slides.add_slide(prs.slide_layouts[0])
    package = prs.part.package
    assert callable(package.next_partname)
    expected = package.next_partname("/ppt/slides/slide%d.xml")
    pptx_internals.allocate_partnames_once(package)
    assert package.next_partname("/ppt/slides/slide%d.xml") == expected
    assert package.next_partname("/ppt/slides/slide%d.xml") != expected
    prs.save(io.BytesIO())
