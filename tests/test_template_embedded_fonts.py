"""Fonts embedded in a template measure (and draw) their family: PowerPoint's Embedded OpenType
(XOR-obfuscated or not) and plain font files; what can't be read is said by ``template check``,
and the family then follows the stand-in rule."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import template_factory as tf

from qbr_studio.deck import font_files
from qbr_studio.deck.fit import FontFace, text_width
from qbr_studio.deck.font_files import Source, resolve
from qbr_studio.deck.reading.embedded_fonts import UnusableFont, font_program
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.template_report import report_lines

MONO = resolve("DejaVu Sans Mono")
needs_mono = pytest.mark.skipif(
    MONO.source is not Source.SYSTEM, reason="needs DejaVu Sans Mono on the system"
)


@pytest.fixture(autouse=True)
def _forget_embedded():
    """Registered embedded fonts are process-wide: each test starts and ends without any."""
    font_files._embedded.clear()
    font_files.resolve.cache_clear()
    yield
    font_files._embedded.clear()
    font_files.resolve.cache_clear()


def _mono() -> bytes:
    return MONO.path.read_bytes()


@needs_mono
@pytest.mark.parametrize("wrap", ["eot-xor", "eot", "plain"])
def test_an_embedded_font_measures_its_family(tmp_path, wrap):
    family = f"Brand Grotesk {wrap}"
    data = {"eot-xor": tf.eot(_mono()), "eot": tf.eot(_mono(), xor=False), "plain": _mono()}[wrap]
    assert resolve(family).source is Source.WIDE  # unknown until the template is read
    stand_in = text_width("iiii", 10, FontFace(family))
    info = load_template(tf.embedded_font(tmp_path, data, family))
    found = resolve(family)
    assert found.source is Source.EMBEDDED and found.path.read_bytes() == _mono()
    assert resolve(family, bold=True).source is Source.EMBEDDED
    assert resolve(family, italic=True).source is not Source.EMBEDDED  # not embedded
    # a monospaced face: four i's are as wide as four M's, which DejaVu Sans never makes them
    face = FontFace(family)
    assert text_width("iiii", 10, face) == pytest.approx(text_width("MMMM", 10, face))
    assert text_width("iiii", 10, face) > 1.5 * stand_in  # measured again, not remembered
    assert text_width("iiii", 10, FontFace("DejaVu Sans")) < text_width("MMMM", 10, face) / 2
    assert [(f.typeface, f.style, f.problem) for f in info.embedded_fonts] == [
        (family, "regular", ""),
        (family, "bold", ""),
    ]


@needs_mono
def test_template_check_names_the_embedded_file(tmp_path):
    path = tf.embedded_font(tmp_path, tf.eot(_mono()), "Brand Check")
    text = "\n".join(report_lines(path))
    assert "embedded fonts:" in text
    assert "Brand Check regular (ppt/fonts/font1.fntdata): measures and draws" in text
    assert "measured with Brand Check (the font itself, embedded in the template)" in text


@needs_mono
def test_a_compressed_embedded_font_is_said_unusable_and_a_stand_in_measures(tmp_path):
    path = tf.embedded_font(tmp_path, tf.eot(_mono(), compressed=True), "Brand Packed")
    info = load_template(path)
    assert all("MicroType Express" in f.problem and f.path is None for f in info.embedded_fonts)
    assert resolve("Brand Packed").source is Source.WIDE
    text = "\n".join(report_lines(path))
    assert "Brand Packed regular (ppt/fonts/font1.fntdata): not usable, compressed" in text
    assert "measured with DejaVu Sans (wider stand-in" in text


@pytest.mark.parametrize(
    "data, why",
    [
        (b"", "too short"),
        (b"\0" * 200, "neither a font file nor an Embedded OpenType file"),
        (b"\x00\x01\x00\x00" + b"\xff" * 100, "damaged"),
    ],
)
def test_what_is_not_a_font_is_refused_in_words(data, why):
    with pytest.raises(UnusableFont, match=why):
        font_program(data)


@needs_mono
def test_a_damaged_embedded_font_does_not_stop_the_template(tmp_path):
    info = load_template(tf.embedded_font(tmp_path, tf.eot(b"\x00\x01\x00\x00garbage"), "Brand X"))
    assert info.embedded_fonts and "damaged" in info.embedded_fonts[0].problem
    assert resolve("Brand X").source is not Source.EMBEDDED


@needs_mono
@pytest.mark.qt
def test_the_preview_draws_with_the_embedded_font(tmp_path, qapp):
    from qbr_studio.ui.fonts import family_for

    family = "Brand Drawn"
    before = family_for(family)
    load_template(tf.embedded_font(tmp_path, tf.eot(_mono()), family))
    assert before != "DejaVu Sans Mono" and family_for(family) == "DejaVu Sans Mono"
