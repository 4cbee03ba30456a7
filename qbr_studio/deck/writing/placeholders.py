"""The layout placeholders a new slide keeps, written as python-pptx would write them, as XML.

python-pptx's ``add_slide`` copies every placeholder of the layout but the date, footer and
slide number onto the new slide, one element operation at a time; the writer then added the
footer and slide number the plan fills, dropped every placeholder it leaves empty and set the
text through the text-frame API. That was most of a build's time. This module gives the same
slide directly: which placeholders stay (:func:`kept`), with the shape ids and names python-pptx
hands out (copies numbered in that order from 2, named ``"<stem> <id - 1>"``), and each one's
``p:sp`` with its text (:func:`placeholder_sp`). ``tests/test_deck_placeholders.py`` checks it
against python-pptx's own API on the templates of the test zoo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape, quoteattr

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.slide import SlideLayout
from pptx.util import Pt

from qbr_studio.deck.geometry import RGB

LATENT = frozenset({PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER})
"""Layout placeholders python-pptx does not copy onto a new slide (PowerPoint adds them when
the footer is switched on); the writer adds the footer and slide number when the plan fills
them."""
VERTICAL = "vert"
"""A placeholder's ``orient`` for vertical text; python-pptx prefixes its name "Vertical "."""


@dataclass(frozen=True)
class LayoutSlot:
    """One placeholder of a layout as a new slide's copy of it: its kind and orientation, its
    ``p:ph`` element, and whether python-pptx gives the copy a text body with an
    ``a:lstStyle`` (titles, subtitles, body and object placeholders) or adds a bare one when
    text is put in."""

    kind: PP_PLACEHOLDER
    orient: str
    ph: str
    list_style: bool


@dataclass(frozen=True)
class Kept:
    """A placeholder the slide keeps: its layout slot, shape id and name."""

    slot: LayoutSlot
    shape_id: int
    name: str


def layout_slots(layout: SlideLayout) -> tuple[LayoutSlot, ...]:
    """The layout's placeholders in its own order (the order python-pptx copies them in)."""
    phs = (placeholder.element.ph for placeholder in layout.placeholders)
    return tuple(_slot(ph.type, ph.orient, ph.sz, ph.idx) for ph in phs)


@lru_cache(maxsize=256)
def _slot(kind: PP_PLACEHOLDER, orient: str, sz: str, idx: int) -> LayoutSlot:
    """python-pptx's own new placeholder for these properties, read back: its ``p:ph``
    (attributes left out where they hold the default) and whether it comes with a text body."""
    sp = CT_Shape.new_placeholder_sp(0, "", kind, orient, sz, idx)
    ph = sp.nvSpPr.nvPr.ph
    attributes = "".join(f" {key}={quoteattr(value)}" for key, value in ph.attrib.items())
    return LayoutSlot(kind, orient, f"<p:ph{attributes}/>", sp.txBody is not None)


def kept(
    slots: tuple[LayoutSlot, ...],
    filled: Collection[PP_PLACEHOLDER],
    stem: Callable[[PP_PLACEHOLDER], str],
) -> list[Kept]:
    """The placeholders a new slide on the layout of ``slots`` keeps when the plan fills
    those of the kinds ``filled``, in their order on the slide.

    As python-pptx does it: every slot but the latent ones is copied in turn, then the latent
    ones the plan fills; each copy takes the next shape id and the name ``stem(kind)`` with
    the number id - 1 (raised until no earlier copy has the name). The empty ones are then
    dropped, their ids unused. ``stem`` is python-pptx's name for a kind of placeholder.
    """
    order = [s for s in slots if s.kind not in LATENT]
    order += [s for s in slots if s.kind in LATENT and s.kind in filled]
    names = {""}  # the shape tree's own name
    out: list[Kept] = []
    for shape_id, slot in enumerate(order, start=2):
        base = stem(slot.kind)
        if slot.orient == VERTICAL:
            base = f"Vertical {base}"
        number = shape_id - 1
        while f"{base} {number}" in names:
            number += 1
        name = f"{base} {number}"
        names.add(name)
        if slot.kind in filled:
            out.append(Kept(slot, shape_id, name))
    return out


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
"""Characters python-pptx writes into a run's text as ``_xHHHH_`` (all controls but tab and
line feed); the plan's own text boxes drop them instead (:func:`ooxml.text`)."""


def _run_text(value: str) -> str:
    return escape(_CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value))


def text_body(slot: LayoutSlot, text: str, size: float, color: RGB) -> str:
    """The ``p:txBody`` python-pptx gives the placeholder when ``text`` is set as its text
    frame's text and the first run of its first paragraph gets ``size`` and ``color``:
    a paragraph per line (``\\n``), a run per piece between soft breaks (``\\v``), an
    ``a:br`` for each soft break, no empty runs."""
    props = (
        f'<a:rPr sz="{Pt(size).centipoints}"><a:solidFill><a:srgbClr val="{color.hex}"/>'
        "</a:solidFill></a:rPr>"
    )
    paragraphs = []
    for number, line in enumerate(text.split("\n")):
        parts, runs = [], 0
        for k, piece in enumerate(line.split("\v")):
            if k:
                parts.append("<a:br/>")
            if piece:
                head = props if number == 0 and runs == 0 else ""
                parts.append(f"<a:r>{head}<a:t>{_run_text(piece)}</a:t></a:r>")
                runs += 1
        paragraphs.append(f"<a:p>{''.join(parts)}</a:p>" if parts else "<a:p/>")
    style = "<a:lstStyle/>" if slot.list_style else ""
    return f"<p:txBody><a:bodyPr/>{style}{''.join(paragraphs)}</p:txBody>"


def placeholder_sp(placeholder: Kept, body: str) -> str:
    """The kept placeholder's ``p:sp`` with the text body ``body`` (:func:`text_body`)."""
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{placeholder.shape_id}" name={quoteattr(placeholder.name)}'
        '/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f"<p:nvPr>{placeholder.slot.ph}</p:nvPr></p:nvSpPr><p:spPr/>{body}</p:sp>"
    )
