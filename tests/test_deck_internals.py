"""The python-pptx private attributes QBR Studio relies on (all in
``qbr_studio.deck.writing.pptx_internals``) still exist and behave as the writer expects."""

from __future__ import annotations

import io

import pptx
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml import parse_xml

from qbr_studio.deck.writing import pptx_internals


def _slide():
    prs = pptx.Presentation()
    return prs, prs.slides.add_slide(prs.slide_layouts[0])


def test_shape_tree_is_the_slides_sptree() -> None:
    _, slide = _slide()
    tree = pptx_internals.shape_tree(slide)
    assert tree.tag.endswith("}spTree")
    assert hasattr(tree, "insert_element_before")


def test_appended_shape_lands_in_the_slide() -> None:
    _, slide = _slide()
    before = len(slide.shapes)
    xml = (
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:nvSpPr>'
        '<p:cNvPr id="99" name="Added"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/></p:sp>'
    )
    pptx_internals.append_to_slide(slide, parse_xml(xml))
    assert len(slide.shapes) == before + 1
    assert slide.shapes[-1].name == "Added"


def test_removed_placeholder_is_gone() -> None:
    _, slide = _slide()
    subtitle = next(
        ph for ph in slide.placeholders if ph.placeholder_format.type == PP_PLACEHOLDER.SUBTITLE
    )
    assert hasattr(subtitle, "_element")
    pptx_internals.remove_shape(subtitle)
    kinds = [ph.placeholder_format.type for ph in slide.placeholders]
    assert PP_PLACEHOLDER.SUBTITLE not in kinds


def test_shape_ids_continue_after_the_layouts_ids() -> None:
    _, slide = _slide()
    highest = max(shape.shape_id for shape in slide.shapes)
    ids = pptx_internals.ShapeIds(slide)
    assert [ids.next(), ids.next()] == [highest + 1, highest + 2]


def test_partnames_are_allocated_as_python_pptx_would() -> None:
    prs, _ = _slide()
    package = prs.part.package
    assert callable(package.next_partname)
    expected = package.next_partname("/ppt/slides/slide%d.xml")
    pptx_internals.allocate_partnames_once(package)
    assert package.next_partname("/ppt/slides/slide%d.xml") == expected
    assert package.next_partname("/ppt/slides/slide%d.xml") != expected
    prs.save(io.BytesIO())
