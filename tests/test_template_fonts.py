"""Text is measured with the template's own fonts: the font itself, a metric-compatible one or
a wider stand-in, never a narrower one; a wide-font template's tables break no word."""

from __future__ import annotations

import re
import shutil

import pytest
import template_factory as tf
from render_support import can_render, to_pdf, words_by_page

from qbr_studio.deck import font_files
from qbr_studio.deck.fit import FontFace, text_width
from qbr_studio.deck.font_files import Source, resolve
from qbr_studio.deck.plan import Table
from qbr_studio.deck.produce import build_deck
from qbr_studio.sample import build_sample_review

needs_fontconfig = pytest.mark.skipif(
    shutil.which("fc-match") is None or resolve("DejaVu Sans").source is not Source.SYSTEM,
    reason="needs fontconfig and DejaVu Sans",
)
SAMPLE = "Opportunities Healthcare Medium"
PIECES = re.compile(r"[\s\-–/]+")
"""Where a line may break inside a table cell's text: spaces, hyphens, dashes, slashes."""


def test_calibri_is_measured_with_carlito_as_before():
    found = resolve("Calibri")
    assert found.family == "Carlito"
    assert found.safety == 1.0


@needs_fontconfig
def test_verdana_is_measured_with_a_face_at_least_as_wide_as_verdana():
    found = resolve("Verdana", bold=True)
    assert (found.family, found.source) == ("DejaVu Sans", Source.METRIC)
    assert "Bold" in found.path.name
    # Verdana sets this sample about 20% wider than Calibri does.
    assert text_width(SAMPLE, 10, FontFace("Verdana")) > 1.18 * text_width(SAMPLE, 10)


@needs_fontconfig
def test_an_unknown_font_is_measured_with_the_widest_stand_in_and_says_so():
    sans, serif = resolve("Frobnicate Grotesk"), resolve("Frobnicate Serif Book")
    assert (sans.family, sans.source) == ("DejaVu Sans", Source.WIDE)
    assert serif.family == "DejaVu Serif"
    for known in ("Calibri", "Arial", "Verdana"):
        assert text_width(SAMPLE, 10, FontFace("Frobnicate Grotesk")) >= text_width(
            SAMPLE, 10, FontFace(known)
        )


def test_without_any_stand_in_carlito_measures_with_slack(monkeypatch):
    monkeypatch.setattr(font_files, "_system", lambda *args: None)
    font_files.resolve.cache_clear()
    try:
        found = resolve("Frobnicate Grotesk")
        calibri = resolve("Calibri")
    finally:
        font_files.resolve.cache_clear()
    assert found.source is Source.BUNDLED and found.safety == font_files.UNKNOWN_FONT_SAFETY
    assert calibri.source is Source.METRIC and calibri.path.name == "Carlito-Regular.ttf"


def test_a_substituted_family_is_not_taken_for_the_font_itself(monkeypatch):
    """fontconfig answers every query; an answer naming another family is a substitution."""
    font_files._fc_match.cache_clear()
    try:
        if shutil.which("fc-match"):
            assert font_files._fc_match("Frobnicate Grotesk", False, False) is None
    finally:
        font_files._fc_match.cache_clear()


@pytest.mark.render
@needs_fontconfig
@pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler")
def test_a_verdana_templates_tables_break_no_word_in_libreoffice(tmp_path):
    """LibreOffice draws Verdana with DejaVu Sans: every table word the plan holds is drawn
    whole on its slide (a column narrower than a word breaks it: "Mediu" + "m")."""
    deck = tmp_path / "verdana.pptx"
    plan = build_deck(build_sample_review(), deck, tf.verdana(tmp_path))
    pages = words_by_page(to_pdf(deck, tmp_path))
    broken = []
    for slide, words in zip(plan.slides, pages, strict=True):
        drawn = {re.sub(r"\W", "", p) for w in words for p in PIECES.split(w.text)}
        for table in (e for e in slide.elements if isinstance(e, Table)):
            for cell in (*table.header, *(c for row in table.rows for c in row)):
                for word in PIECES.split(cell.text):
                    core = re.sub(r"\W", "", word)
                    if len(core) >= 4 and core.isalpha() and core not in drawn:
                        broken.append(f"slide {slide.number}: {word!r}")
    assert not broken, "table words broken or lost:\n" + "\n".join(broken[:20])
