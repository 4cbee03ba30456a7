"""The writer puts the layouts' placeholders on its slides as XML of its own
(``qbr_studio.deck.writing.placeholders``); every slide must come out exactly as python-pptx's
API made it: its ``add_slide`` copying the layout's placeholders, the footer and slide number
copied when filled, the empty ones removed, the text set through the text frame."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
import template_factory as tf
from pptx.dml.color import RGBColor
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Pt

from qbr_studio.deck.plan import (
    DeckPlan,
    Paragraph,
    PlaceholderRole,
    PlaceholderText,
    Run,
    SlidePlan,
)
from qbr_studio.deck.reading.template import load_template, open_presentation
from qbr_studio.deck.writing.pptx_writer import PLACEHOLDER_TYPES, write_pptx
from qbr_studio.model.deck_kinds import DeckSection, SlideKind

LATENT = {PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
ALL_ROLES = tuple(PlaceholderRole)
ROLE_SETS = (
    ALL_ROLES,
    (PlaceholderRole.TITLE,),
    (PlaceholderRole.TITLE, PlaceholderRole.SLIDE_NUMBER),
    (PlaceholderRole.FOOTER, PlaceholderRole.SUBTITLE),
)
TEXTS = (
    "Plain words",
    "Fish & chips <at> \"home\" 'too'",
    "Two\nparagraphs",
    "A soft\vbreak",
    "\vstarts with a soft break",
    "Bell\x07 and\ttab, carriage\rreturn",
    "Zürich · Q4 — ✓",
    "Ends with a line break\n",
)
SIZES = (28.0, 10.5, 14.7, 7.0)


def _python_pptx_slide(prs, layout, texts: dict[PlaceholderRole, tuple[str, float, str]]):
    """The slide as python-pptx's API made it (the writer's former way)."""
    slide = prs.slides.add_slide(layout)
    roles = {kind: role for role in texts for kind in PLACEHOLDER_TYPES[role]}
    for ph in layout.placeholders:
        if ph.placeholder_format.type in LATENT & roles.keys():
            slide.shapes.clone_placeholder(ph)
    kept: dict[PlaceholderRole, list] = {}
    for ph in list(slide.placeholders):
        role = roles.get(ph.placeholder_format.type)
        if role is None:
            ph.element.getparent().remove(ph.element)
        else:
            kept.setdefault(role, []).append(ph)
    for role, (text, size, color) in texts.items():
        for ph in kept.get(role, ()):
            frame = ph.text_frame
            frame.text = text
            font = frame.paragraphs[0].runs[0].font
            font.size = Pt(size)
            font.color.rgb = RGBColor.from_string(color)


def _cases(layouts: int):
    """(layout, {role: (text, size, colour)}) for every layout, role set and text."""
    n = 0
    for layout in range(layouts):
        for roles in ROLE_SETS:
            for _ in range(2):
                texts = {
                    role: (TEXTS[(n + k) % len(TEXTS)], SIZES[(n + k) % len(SIZES)], "1F3A5F")
                    for k, role in enumerate(roles)
                }
                n += 1
                yield layout, texts


def _slides(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("ppt/slides/")}


TEMPLATES = {
    "bundled": None,
    "python-pptx default": tf.python_pptx_default,
    "german": tf.german,
    **{f.__name__: f for f in tf.ZOO},
}


@pytest.mark.parametrize("name", list(TEMPLATES))
def test_placeholders_are_written_as_python_pptx_wrote_them(name, tmp_path: Path) -> None:
    make = TEMPLATES[name]
    template = None if make is None else make(tmp_path)
    info = load_template(template)
    reference = open_presentation(template)
    cases = list(_cases(len(reference.slide_layouts)))
    for layout, texts in cases:
        _python_pptx_slide(reference, reference.slide_layouts[layout], texts)
    expected = io.BytesIO()
    reference.save(expected)

    slides = [
        SlidePlan(
            SlideKind.CONTENT,
            "",
            DeckSection.AGENDA,
            layout=layout,
            placeholders=tuple(
                PlaceholderText(role, Paragraph((Run(text),), size, color=f"#{color}"))
                for role, (text, size, color) in texts.items()
            ),
        )
        for layout, texts in cases
    ]
    plan = DeckPlan(
        info.slide_width, info.slide_height, info.palette, "Calibri", "Calibri", slides, template
    )
    written = io.BytesIO()
    write_pptx(plan, written)

    want, got = _slides(expected.getvalue()), _slides(written.getvalue())
    assert sorted(want) == sorted(got)
    for member in want:
        assert got[member] == want[member], member
