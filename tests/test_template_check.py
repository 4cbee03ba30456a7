"""``qbr-studio template check``: what the app finds in a company template, and a sample
slide of each kind drawn by the app's own painter."""

from __future__ import annotations

import pytest
import template_factory as tf

from qbr_studio.cli import main

pytestmark = pytest.mark.qt


def test_template_check_reports_layouts_fonts_keep_outs_colours_and_draws_samples(tmp_path, capsys):
    template = tf.footer_bar(tmp_path)
    out = tmp_path / "samples"
    assert main(["template", "check", str(template), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "content slides: layout" in text and "title slides: layout" in text
    assert "measured with Carlito" in text  # Calibri, the bundled theme font
    assert "keep-out zones on content slides:" in text
    assert "13.33 × 0.46 in at (0.00, 7.04)" in text  # the footer bar and its clearance
    assert "footer: #FFFFFF on #57068C" in text
    assert "in the layout's own footer placeholder and slide number placeholder" in text
    for kind in ("title", "content"):
        png = out / f"sample-{kind}.png"
        assert png.read_bytes().startswith(b"\x89PNG")


def test_template_check_says_what_it_adjusted(tmp_path, capsys):
    assert main(["template", "check", str(tf.dark_title_bar(tmp_path))]) == 0
    text = capsys.readouterr().out
    assert "title layout's title colour FFFFFF does not read" in text


def test_template_check_refuses_a_file_that_is_no_template(tmp_path, capsys):
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    assert main(["template", "check", str(bad)]) == 2
    assert "notes.txt" in capsys.readouterr().err
    assert main(["template"]) == 2
