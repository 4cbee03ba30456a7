"""Every use of python-pptx's private API, in one place (python-pptx is pinned to the minor
version these were checked against; ``tests/test_deck_internals.py`` checks they still exist).

The writer appends whole XML elements to a slide's shape tree, drops placeholders it does not
fill and names new parts from one scan of the package; python-pptx's public API has none of
these, or only at a cost quadratic in the deck's size.
"""

from __future__ import annotations

from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.shapes.base import BaseShape
from pptx.slide import Slide

SHAPE_TREE_ATTRIBUTE = "_spTree"
"""Where python-pptx keeps a slide's shape tree on ``slide.shapes``."""


def shape_tree(slide: Slide):
    """The slide's ``p:spTree`` element (python-pptx keeps it private on ``slide.shapes``)."""
    return getattr(slide.shapes, SHAPE_TREE_ATTRIBUTE)


def append_to_slide(slide: Slide, element) -> None:
    """Add a shape element to the end of ``slide``'s shape tree (before any ``p:extLst``)."""
    shape_tree(slide).insert_element_before(element, "p:extLst")


def remove_shape(shape: BaseShape) -> None:
    """Take ``shape`` (e.g. a placeholder the deck leaves empty) out of its slide."""
    element = shape._element
    element.getparent().remove(element)


class ShapeIds:
    """New shape ids for one slide from a counter seeded from the ids on the slide at its first
    use (python-pptx searches the whole shape tree for every new shape)."""

    def __init__(self, slide: Slide) -> None:
        self._slide = slide
        self._last: int | None = None

    def next(self) -> int:
        if self._last is None:
            tree = shape_tree(self._slide)
            self._last = max((int(i) for i in tree.xpath("//@id") if i.isdigit()), default=1)
        self._last += 1
        return self._last


def allocate_partnames_once(package: OpcPackage) -> None:
    """Hand out new part names from one scan of the package.

    python-pptx's ``Package.next_partname`` walks every relationship of the package for each
    new slide, notes page, chart and workbook — quadratic, and most of a build's time. Every
    part the writer adds is named through that method, so a per-build counter seeded from a
    single scan gives the same names at a fraction of the cost.
    """
    taken = {str(part.partname) for part in package.iter_parts()}

    def next_partname(template: str) -> PackURI:
        n = 1
        while template % n in taken:
            n += 1
        taken.add(template % n)
        return PackURI(template % n)

    package.next_partname = next_partname  # type: ignore[method-assign]
