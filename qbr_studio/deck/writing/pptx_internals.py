"""Every use of python-pptx's private API, in one place (python-pptx is pinned to the minor
version these were checked against; ``tests/test_deck_internals.py`` checks they still exist).

The writer names new parts from one scan of the package, relates each new slide to the
presentation without searching its relationships and lists it with the next slide id without
reading every id again (python-pptx's public API does all three at a cost quadratic in the
deck's size: a 200-slide meeting deck repeats each scan 200 times), and writes the package's
own relationships.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, _Relationships
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart
from pptx.parts.slide import SlidePart

if TYPE_CHECKING:
    from pptx.oxml.presentation import CT_Presentation
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
    lowest: dict[str, int] = {}
    """Per template, the lowest number that may still be free: names are only ever taken, so
    the search for the next one starts where the last ended (not at 1 for every slide)."""

    def next_partname(template: str) -> PackURI:
        n = lowest.get(template, 1)
        while template % n in taken:
            n += 1
        taken.add(template % n)
        lowest[template] = n + 1
        return PackURI(template % n)

    package.next_partname = next_partname  # type: ignore[method-assign]
    _image_partnames_once(package, taken)
    return frozenset(taken)


def _image_partnames_once(package: OpcPackage, names: set[str]) -> None:
    """``Package.next_image_partname`` (a walk of the whole package per new picture) from the
    names of the one scan: the same numbers by the same rule, over the package's picture
    names and those handed out since."""
    taken = [
        idx
        for name in names
        if name.startswith("/ppt/media/image") and (idx := PackURI(name).idx) is not None
    ]

    def next_image_partname(ext: str) -> PackURI:
        idxs = sorted(taken)
        idx = next((i for i, n in enumerate(idxs, 1) if i < n), len(idxs) + 1)
        taken.append(idx)
        return PackURI(f"/ppt/media/image{idx}.{ext}")

    package.next_image_partname = next_image_partname  # type: ignore[method-assign]


def image_parts_once(package: OpcPackage) -> Callable[[IO[bytes]], ImagePart]:
    """``Package.get_or_add_image_part`` from one scan of the package's pictures, at the first
    picture: python-pptx walks every relationship of the package for each picture it adds,
    looking for one with the same bytes (a meeting deck with a logo per presenter walks it
    once per logo). Every picture the writer adds goes through here, so the index stays
    whole; the first part with the bytes is reused, as python-pptx's search finds it."""
    by_sha1: dict[str, ImagePart] | None = None

    def get_or_add(image_file: IO[bytes]) -> ImagePart:
        nonlocal by_sha1
        image = Image.from_file(image_file)
        if by_sha1 is None:
            by_sha1 = {}
            for part in package._image_parts:
                if hasattr(part, "sha1"):  # python-pptx skips SVG and other kinds alike
                    by_sha1.setdefault(part.sha1, part)
        found = by_sha1.get(image.sha1)
        if found is None:
            found = by_sha1[image.sha1] = ImagePart.new(package, image)
        return found

    return get_or_add


def add_slide(presentation: PresentationPart, layout: SlideLayout) -> tuple[str, Slide]:
    """``PresentationPart.add_slide`` without its search for an existing relationship to the
    slide part it has just made (a scan of every slide's relationship per slide: quadratic,
    a fifth of a 200-slide meeting deck's writing); the same part name and the same rId."""
    part = SlidePart.new(presentation._next_slide_partname, presentation.package, layout.part)
    return presentation._rels._add_relationship(RT.SLIDE, part), part.slide


MIN_SLIDE_ID, MAX_SLIDE_ID = 256, 2147483647
"""The slide ids PowerPoint accepts (python-pptx's bounds)."""


def slide_lister(presentation: CT_Presentation) -> Callable[[str], None]:
    """A function listing each new slide (by its relationship id) in the presentation's
    ``p:sldIdLst`` with the id python-pptx's ``add_sldId`` gives it: one more than the highest
    in use. python-pptx reads every listed id again for each slide; here the highest is read
    once and counted on (the writer is the only one adding slides). Past the highest id
    PowerPoint accepts python-pptx searches for a free one instead, so it is asked then."""
    id_list = presentation.get_or_add_sldIdLst()
    next_id = max((slide.id for slide in id_list.sldId_lst), default=MIN_SLIDE_ID - 1) + 1

    def add(r_id: str) -> None:
        nonlocal next_id
        if next_id > MAX_SLIDE_ID:
            id_list.add_sldId(r_id)
            return
        id_list._add_sldId(id=next_id, rId=r_id)
        next_id += 1

    return add
