"""Slide plan → .pptx: places exactly what the plan measured, on the template's layouts.

Each slide is built on the layout its plan names, so PowerPoint draws the layout's and
master's own artwork and background itself; the plan's backdrops (which the preview draws) are
never written. The writer is one dispatch over the plan's element types (:data:`WRITERS`); every
size, place and colour role comes from the plan, resolved by the palette of the slide's layout.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.oxml import parse_xml
from pptx.parts.chart import ChartPart
from pptx.parts.image import ImagePart
from pptx.parts.slide import NotesMasterPart, NotesSlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

from qbr_studio.deck.plan import (
    Chart,
    DeckPlan,
    Drawn,
    Palette,
    Paragraph,
    Picture,
    PlaceholderRole,
    PlaceholderText,
    Shape,
    SlidePlan,
    Table,
    TextBox,
)
from qbr_studio.deck.reading.template import open_presentation
from qbr_studio.deck.writing import chart_xml, direct_xml, ooxml, placeholders
from qbr_studio.deck.writing.package_writer import save_package
from qbr_studio.deck.writing.placeholders import Kept, LayoutSlot, layout_slots
from qbr_studio.deck.writing.pptx_internals import (
    add_slide,
    allocate_partnames_once,
    image_parts_once,
    slide_lister,
)

PLACEHOLDER_TYPES = {
    PlaceholderRole.TITLE: (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE),
    PlaceholderRole.SUBTITLE: (PP_PLACEHOLDER.SUBTITLE,),
    PlaceholderRole.FOOTER: (PP_PLACEHOLDER.FOOTER,),
    PlaceholderRole.SLIDE_NUMBER: (PP_PLACEHOLDER.SLIDE_NUMBER,),
}
"""The layout placeholders each kind of placeholder text goes into."""
FIXED_TIMESTAMP = dt.datetime(2000, 1, 1)
"""Core properties carry this fixed time so the same review always gives the same deck."""


def write_pptx(plan: DeckPlan, out: BinaryIO, *, author: str = "") -> None:
    prs = _open_template_package(plan.template)
    template_parts = allocate_partnames_once(prs.part.package) - {prs.part.partname}
    deck = _Deck(prs, slide_lister(prs.element), image_parts_once(prs.part.package))
    layouts = list(prs.slide_layouts)
    slots: dict[int, tuple[LayoutSlot, ...]] = {}
    written: dict[str, bytes] = {}
    for slide_plan in plan.slides:
        index = slide_plan.layout
        if index not in slots:
            slots[index] = layout_slots(layouts[index])
        _add_slide(deck, plan, slide_plan, layouts[index], slots[index], written)
    props = prs.core_properties
    props.title = plan.slides[0].title if plan.slides else ""
    props.author = author
    props.last_modified_by = author
    props.created = props.modified = FIXED_TIMESTAMP
    props.revision = 1
    save_package(prs.part.package, out, template_parts, written)


def _open_template_package(template: Path | None) -> Presentation:
    """The template's package, slide-free, that the deck is written into: the one place the
    writer opens the template."""
    return open_presentation(template)


@dataclass
class _Deck:
    """The presentation being written, and what is looked up in it once per deck rather than
    once per slide (each look-up reads every slide's relationship: quadratic in a long deck)."""

    prs: Presentation
    list_slide: Callable[[str], None]
    """Lists a new slide's relationship id in the presentation (:func:`slide_lister`)."""
    image_part: Callable[[BinaryIO], ImagePart]
    """The package's part for a picture's bytes, added if new (:func:`image_parts_once`)."""
    _notes_master: NotesMasterPart | None = None

    @property
    def notes_master(self) -> NotesMasterPart:
        """The presentation's notes master, python-pptx's default one added on first use
        when the template has none (as each slide's look-up did)."""
        if self._notes_master is None:
            self._notes_master = self.prs.part.notes_master_part
        return self._notes_master


@dataclass
class _Target:
    """The slide being written: its part, the next shape id, its layout's colours, the
    placeholders it keeps by role with the text each role gets, and its other shapes' XML."""

    slide: Slide
    image_part: Callable[[BinaryIO], ImagePart]
    next_id: Callable[[], int]
    palette: Palette
    kept: list[tuple[Kept, PlaceholderRole]]
    texts: dict[PlaceholderRole, Paragraph] = field(default_factory=dict)
    shapes: list[str] = field(default_factory=list)


def _add_slide(
    deck: _Deck,
    plan: DeckPlan,
    sp: SlidePlan,
    layout: SlideLayout,
    slots: tuple[LayoutSlot, ...],
    written: dict[str, bytes],
) -> None:
    """The slide on its layout, written as one piece of XML: the layout's placeholders the
    plan fills (:mod:`placeholders`), then the plan's shapes in order. Its saved bytes go
    into ``written`` when they can be told without parsing the XML (:mod:`direct_xml`; the
    slide part's own element then stays empty), else the XML is parsed into the slide."""
    r_id, slide = add_slide(deck.prs.part, layout)
    deck.list_slide(r_id)
    roles = {kind: text.role for text in sp.placeholders for kind in PLACEHOLDER_TYPES[text.role]}
    kept = placeholders.kept(slots, roles.keys(), slide.shapes.ph_basename)
    first_free = max((k.shape_id for k in kept), default=1) + 1
    target = _Target(
        slide,
        deck.image_part,
        itertools.count(first_free).__next__,
        plan.palette_for(sp),
        [(k, roles[k.slot.kind]) for k in kept],
    )
    for element in sp.drawn():
        WRITERS[type(element)](target, element)
    shapes = [
        *(
            placeholders.placeholder_sp(k, _placeholder_body(target, k, role))
            for k, role in target.kept
        ),
        *target.shapes,
    ]
    data = direct_xml.slide(shapes)
    if data is None:
        _append_shapes(slide, "".join(shapes))
    else:
        written[slide.part.partname] = data
    if sp.notes:
        _notes(deck, slide, sp.notes)


def _append_shapes(slide: Slide, xml: str) -> None:
    """The slide's shapes, parsed in one go, at the end of its new (empty) shape tree."""
    shapes = parse_xml(f"<p:spTree {ooxml.NS}>{xml}</p:spTree>")
    slide.element.cSld.spTree.extend(list(shapes))


def _placeholder_text(target: _Target, element: PlaceholderText) -> None:
    """The text for the layout's placeholder(s) of its role (the last one for a role wins)."""
    target.texts[element.role] = element.paragraph


def _placeholder_body(target: _Target, placeholder: Kept, role: PlaceholderRole) -> str:
    """The role's text in the placeholder, at the plan's size and colour; the layout keeps its
    own box, alignment and weight."""
    paragraph = target.texts[role]
    color = target.palette.resolve(paragraph.color)
    return placeholders.text_body(placeholder.slot, paragraph.text, paragraph.size, color)


def _shape_xml(build: Callable[..., str]) -> Callable[[_Target, Drawn], None]:
    def write(target: _Target, element: Drawn) -> None:
        target.shapes.append(build(target.next_id(), element, target.palette))

    return write


def _picture(target: _Target, element: Picture) -> None:
    """The picture's bytes as an image part of the slide (shared when the same picture is
    used twice), placed by the plan's rect."""
    part = target.image_part(io.BytesIO(element.image))
    r_id = target.slide.part.relate_to(part, RT.IMAGE)
    target.shapes.append(ooxml.picture(target.next_id(), element, r_id))


def _chart(target: _Target, element: Chart) -> None:
    """A native chart part with its embedded workbook, related to the slide, in a frame."""
    spec = chart_xml.ordered(element.spec)
    slide = target.slide
    package = slide.part.package
    part = ChartPart.load(
        package.next_partname(ChartPart.partname_template),
        CT.DML_CHART,
        package,
        chart_xml.chart_space(spec, target.palette, element.look),
    )
    part.chart_workbook.update_from_xlsx_blob(chart_xml.workbook(spec))
    shape_id, r_id = target.next_id(), slide.part.relate_to(part, RT.CHART)
    frame = ooxml.chart_frame(shape_id, element.name, r_id, element.rect, spec.alt_text)
    target.shapes.append(frame)


WRITERS: dict[type, Callable[[_Target, Drawn], None]] = {
    PlaceholderText: _placeholder_text,
    TextBox: _shape_xml(ooxml.text_box),
    Table: _shape_xml(ooxml.table),
    Shape: _shape_xml(ooxml.rectangle),
    Picture: _picture,
    Chart: _chart,
}
"""How each kind of plan element is written onto a slide."""


def _notes(deck: _Deck, slide: Slide, text: str) -> None:
    """The speaker notes page, written as XML and related both ways to its slide (its saved
    bytes as they are when :mod:`direct_xml` can tell them, else parsed)."""
    package = slide.part.package
    partname = package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
    xml = ooxml.notes(text.split("\n"))
    data = direct_xml.notes(xml)
    part = (
        NotesSlidePart(partname, CT.PML_NOTES_SLIDE, package, parse_xml(xml))
        if data is None
        else Part(partname, CT.PML_NOTES_SLIDE, package, data)
    )
    part.relate_to(deck.notes_master, RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
