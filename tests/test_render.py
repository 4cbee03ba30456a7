"""The sample deck rendered by LibreOffice: no text outside the box it belongs to.

Every word in the PDF must lie inside the box of some shape on its slide (text boxes,
tables, charts, placeholders), so text that overflows a box, a table row that grew past its
frame, or a label pushed off a chart fails the test. PNGs of every slide are kept under
``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from deck_support import open_deck
from render_support import can_render, to_pdf, to_png, words_by_page

from qbr_studio.deck.build import build_deck
from qbr_studio.deck.geometry import EMU_PER_PT
from qbr_studio.sample import build_sample_review

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler"),
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TOLERANCE_PT = 2.0


def _shape_boxes(slide) -> list[tuple[float, float, float, float]]:
    boxes = []
    for shape in slide.shapes:
        if shape.width is None:
            continue
        x, y = shape.left / EMU_PER_PT, shape.top / EMU_PER_PT
        boxes.append((x, y, x + shape.width / EMU_PER_PT, y + shape.height / EMU_PER_PT))
    return boxes


def _inside(word, box) -> bool:
    x0, y0, x1, y1 = box
    t = TOLERANCE_PT
    return word.x0 >= x0 - t and word.y0 >= y0 - t and word.x1 <= x1 + t and word.y1 <= y1 + t


def test_sample_deck_renders_with_no_text_outside_its_box(tmp_path):
    deck = tmp_path / "sample_review.pptx"
    build_deck(build_sample_review(), deck)
    pdf = to_pdf(deck, tmp_path)
    pages = words_by_page(pdf)
    prs = open_deck(deck)
    assert len(pages) == len(prs.slides)
    problems = []
    for number, (slide, words) in enumerate(zip(prs.slides, pages, strict=True), start=1):
        boxes = _shape_boxes(slide)
        assert words, f"slide {number} rendered no text"
        for word in words:
            if not any(_inside(word, box) for box in boxes):
                problems.append(
                    f"slide {number}: {word.text!r} at "
                    f"({word.x0:.0f},{word.y0:.0f})–({word.x1:.0f},{word.y1:.0f})"
                )
    out = ARTIFACTS / "sample-deck"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy(deck, out / deck.name)
    to_png(pdf, out)
    assert not problems, "text outside its box:\n" + "\n".join(problems[:30])
