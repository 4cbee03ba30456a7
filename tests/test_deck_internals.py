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


def test_a_slide_is_added_as_python_pptx_adds_it() -> None:
    ours, theirs = pptx.Presentation(), pptx.Presentation()
    for _ in range(3):
        expected = theirs.part.add_slide(theirs.slide_layouts[1])
        r_id, slide = pptx_internals.add_slide(ours.part, ours.slide_layouts[1])
        assert r_id == expected[0]
        assert slide.part.partname == expected[1].part.partname
        assert slide.slide_layout.name == expected[1].slide_layout.name
        ours.element.get_or_add_sldIdLst().add_sldId(r_id)
        theirs.element.get_or_add_sldIdLst().add_sldId(expected[0])
    assert [s.part.partname for s in ours.slides] == [s.part.partname for s in theirs.slides]
