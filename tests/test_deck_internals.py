"""The python-pptx private attributes QBR Studio relies on (all in
``qbr_studio.deck.writing.pptx_internals``) still exist and behave as the writer expects."""

from __future__ import annotations

import io

import pptx
from pptx.opc.package import Part

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


def test_partnames_fill_gaps_and_count_on_as_python_pptx_would() -> None:
    """Names are handed out lowest free first per template (a gap in the template's slides is
    filled), each template counting on from its last name, in the order the writer asks."""
    ours, theirs = _with_a_gap(), _with_a_gap()
    pptx_internals.allocate_partnames_once(ours.part.package)
    templates = ("/ppt/slides/slide%d.xml", "/ppt/charts/chart%d.xml", "/ppt/slides/slide%d.xml")
    for _ in range(4):
        for template in templates:
            expected = theirs.part.package.next_partname(template)
            assert ours.part.package.next_partname(template) == expected
            part = Part(expected, "application/octet-stream", theirs.part.package, b"")
            theirs.part.relate_to(part, "http://example.com/taken")  # python-pptx: now taken


def _with_a_gap() -> pptx.Presentation:
    """Slides 1, 3 and 4: slide 2's relationship and id dropped, its name free again."""
    prs = pptx.Presentation()
    for _ in range(4):
        prs.slides.add_slide(prs.slide_layouts[6])
    second = prs.element.sldIdLst[1]
    prs.part.drop_rel(second.rId)
    prs.element.sldIdLst.remove(second)
    return prs


def test_slides_are_listed_with_the_ids_python_pptx_gives() -> None:
    for used in ((), (256, 300, 257), (2147483646,), (2147483647, 256, 258)):
        ours, theirs = pptx.Presentation(), pptx.Presentation()
        for prs in (ours, theirs):
            for slide_id in used:
                prs.element.get_or_add_sldIdLst()._add_sldId(id=slide_id, rId="rId99")
        list_slide = pptx_internals.slide_lister(ours.element)
        for n in range(4):
            list_slide(f"rId{n + 100}")
            theirs.element.get_or_add_sldIdLst().add_sldId(f"rId{n + 100}")
        assert [(s.id, s.rId) for s in ours.element.sldIdLst] == [
            (s.id, s.rId) for s in theirs.element.sldIdLst
        ]


def test_pictures_are_added_and_shared_as_python_pptx_would() -> None:
    """One scan of the package's pictures, then the same part names and the same reuse (by
    bytes, a template's picture included) as ``Package.get_or_add_image_part``'s search."""
    from template_factory import add_picture, png

    in_template = png((40, 20), (200, 0, 0))
    pictures = [png((30 + 10 * i, 20), (0, 40 * i, 100)) for i in range(3)]
    order = [pictures[0], in_template, pictures[1], pictures[0], pictures[2], in_template]
    ours, theirs = pptx.Presentation(), pptx.Presentation()
    for prs in (ours, theirs):
        add_picture(prs.slide_master, "Art", in_template, (0, 0, 914400, 457200))
        add_picture(prs.slide_layouts[1], "Art", in_template, (0, 0, 914400, 457200))
        add_picture(prs.slide_layouts[2], "Other", pictures[2][:-1] + b"!", (0, 0, 9144, 4572))
    pptx_internals.allocate_partnames_once(ours.part.package)
    image_part = pptx_internals.image_parts_once(ours.part.package)
    slides = [p.slides.add_slide(p.slide_layouts[6]) for p in (ours, theirs)]
    got, expected = [], []
    for data in order:
        part = image_part(io.BytesIO(data))
        slides[0].part.relate_to(part, pptx_internals.RT.IMAGE)
        got.append(str(part.partname))
        expected.append(str(slides[1].part.get_or_add_image_part(io.BytesIO(data))[0].partname))
    assert got == expected
    assert len(set(got)) == 4  # three new pictures and the template's
