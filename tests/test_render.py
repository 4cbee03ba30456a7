"""The sample deck rendered by LibreOffice: no text outside the box it belongs to.

Every word in the PDF must lie inside the box of some shape on its slide (text boxes,
tables, charts, placeholders, and the artwork the slide's layout and master draw on it), so text
that overflows a box, a table row that grew past its frame, or a label pushed off a chart fails
the test. PNGs of every slide are kept under ``test-artifacts/`` for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import template_factory as tf
from pptx import Presentation
from render_support import can_render, to_pdf, to_png, words_by_page, words_outside_boxes

from qbr_studio.deck.produce import build_deck
from qbr_studio.model import MediaRef
from qbr_studio.sample import build_sample_review

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler"),
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def test_sample_deck_renders_with_no_text_outside_its_box(tmp_path):
    deck = tmp_path / "sample_review.pptx"
    build_deck(build_sample_review(), deck)
    pdf = to_pdf(deck, tmp_path)
    problems = words_outside_boxes(deck, pdf)
    out = ARTIFACTS / "sample-deck"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    shutil.copy(deck, out / deck.name)
    to_png(pdf, out)
    assert not problems, "text outside its box:\n" + "\n".join(problems[:30])


def test_decorated_template_with_a_logo_renders_with_no_text_outside_its_box(tmp_path):
    """Static text on the master counts as inside its own box; the logo pushes no text out."""
    review = build_sample_review()
    review.media.append(MediaRef(name="logo.png"))
    review.deep_dive.logo = "logo.png"
    deck = tmp_path / "decorated_review.pptx"
    media = {"logo.png": tf.png((300, 100), (200, 40, 60))}
    build_deck(review, deck, tf.decorated(tmp_path), media)
    pdf = to_pdf(deck, tmp_path)
    problems = words_outside_boxes(deck, pdf)
    assert not problems, "text outside its box:\n" + "\n".join(problems[:30])
    legal = [w for page in words_by_page(pdf) for w in page if w.text == "Internal"]
    assert len(legal) == len(Presentation(str(deck)).slides) - 1, (
        "the master's static text shows on every slide but the title slide (hidden there)"
    )
