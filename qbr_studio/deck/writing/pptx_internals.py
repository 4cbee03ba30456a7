"""Every use of python-pptx's private API, in one place (python-pptx is pinned to the minor
version these were checked against; ``tests/test_deck_internals.py`` checks they still exist).

The writer names new parts from one scan of the package and relates each new slide to the
presentation without searching its relationships (python-pptx's public API does both at a cost
quadratic in the deck's size), and writes the package's own relationships.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, _Relationships
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlidePart

if TYPE_CHECKING:
    from pptx.parts.presentation import PresentationPart
    from pptx.slide import Slide, SlideLayout


def package_relationships(package: OpcPackage) -> _Relationships:
    """The package's own relationships (``/_rels/.rels``), which python-pptx keeps private."""
    return package._rels


def allocate_partnames_once(package: OpcPackage) -> frozenset[str]:
    """Hand out new part names from one scan of the package; the names the package already
    has.

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
    return frozenset(taken)


def add_slide(presentation: PresentationPart, layout: SlideLayout) -> tuple[str, Slide]:
    """``PresentationPart.add_slide`` without its search for an existing relationship to the
    slide part it has just made (a scan of every slide's relationship per slide: quadratic,
    a fifth of a 200-slide meeting deck's writing); the same part name and the same rId."""
    part = SlidePart.new(presentation._next_slide_partname, presentation.package, layout.part)
    return presentation._rels._add_relationship(RT.SLIDE, part), part.slide
