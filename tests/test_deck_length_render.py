"""The 6× review on the dark decorated template, rendered by LibreOffice: no word outside its
box on any main or appendix slide. PNGs are kept under ``test-artifacts/`` to look at."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import template_factory as tf
from render_support import can_render, to_pdf, to_png, words_outside_boxes
from review_factory import scaled_review

from qbr_studio.deck.produce import build_deck
from qbr_studio.model.deck_kinds import DeckSection

pytestmark = [
    pytest.mark.render,
    pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler"),
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def test_six_times_the_sample_on_the_dark_template_keeps_every_word_in_its_box(tmp_path):
    deck = tmp_path / "six_times.pptx"
    plan = build_deck(scaled_review(6), deck, tf.decorated_dark(tmp_path))
    assert len([s for s in plan.slides if s.section is not DeckSection.APPENDIX]) <= 12
    pdf = to_pdf(deck, tmp_path)
    problems = words_outside_boxes(deck, pdf)
    out = ARTIFACTS / "six-times-dark"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    to_png(pdf, out)
    assert not problems, "text outside its box:\n" + "\n".join(problems[:30])
