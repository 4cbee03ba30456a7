"""The preview and the PDF draw the template's artwork and the deep-dive logo.

Slides are painted offscreen with :func:`~qbr_studio.ui.slide_painter.paint_slide` and checked
pixel by pixel where the plan says something is: the logo, the master's logo and band, the
grouped corner, the layout's tab, static text, a dark or gradient background, and the title
where the layout's placeholder puts it. PNGs go to ``test-artifacts/deck-pictures/``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import template_factory as tf
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.plan import Align, DeckPlan, Picture
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import MediaRef, Review
from qbr_studio.sample import build_sample_review
from qbr_studio.ui.pdf_export import render_pdf
from qbr_studio.ui.slide_painter import paint_slide
from qbr_studio.ui.workers import build_job

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "deck-pictures"
WIDTH = 1600
"""Pixels across a rendered slide."""
LOGO = "logo.png"
LOGO_COLOR = (200, 40, 60)
TOLERANCE = 12
"""Largest difference per channel between a drawn colour and the one expected."""


@pytest.fixture(scope="module")
def review() -> Review:
    review = build_sample_review()
    review.media.append(MediaRef(name=LOGO))
    review.deep_dive.logo = LOGO
    return review


@pytest.fixture(scope="module")
def media() -> dict[str, bytes]:
    return {LOGO: tf.png((300, 100), LOGO_COLOR)}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def render(plan: DeckPlan, index: int) -> np.ndarray:
    """``height × width × 3`` RGB pixels of slide ``index`` at :data:`WIDTH`."""
    height = round(WIDTH * plan.slide_height / plan.slide_width)
    image = QImage(WIDTH, height, QImage.Format.Format_RGB32)
    image.fill(0xFF00FF)  # magenta shows wherever the painter left a gap
    painter = QPainter(image)
    paint_slide(painter, plan, index, QRectF(0, 0, WIDTH, height))
    painter.end()
    view = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = view.reshape(height, image.bytesPerLine())[:, : WIDTH * 4]
    return rows.reshape(height, WIDTH, 4)[:, :, 2::-1].copy()


def save(rgb: np.ndarray, path: Path) -> None:
    from PIL import Image

    Image.fromarray(rgb).save(path)


def pixel(rgb: np.ndarray, plan: DeckPlan, x: float, y: float) -> tuple[int, int, int]:
    """The pixel at slide position ``(x, y)`` EMU."""
    scale = WIDTH / plan.slide_width
    return tuple(int(v) for v in rgb[int(y * scale), int(x * scale)])


def at_share(rgb: np.ndarray, plan: DeckPlan, rect: Rect, sx: float, sy: float) -> tuple:
    """The pixel at shares ``(sx, sy)`` across ``rect``."""
    return pixel(rgb, plan, rect.x + rect.w * sx, rect.y + rect.h * sy)


def close(found: tuple, expected: RGB | tuple) -> bool:
    want = (expected.r, expected.g, expected.b) if isinstance(expected, RGB) else expected
    return all(abs(a - b) <= TOLERANCE for a, b in zip(found, want, strict=True))


def profile_index(plan: DeckPlan) -> int:
    return next(i for i, s in enumerate(plan.slides) if s.section == "Deep dive")


def art(plan: DeckPlan, kind: str, name: str):
    return next(a for a in plan.backdrops[kind].art if a.name == name)


def test_logo_and_artwork_are_drawn_where_the_plan_puts_them(
    qapp, review, media, tmp_path: Path, artifacts: Path
) -> None:
    plan = plan_deck(review, tf.decorated(tmp_path), media)
    index = profile_index(plan)
    rgb = render(plan, index)
    save(rgb, artifacts / "decorated-deep-dive.png")
    assert not (rgb == (255, 0, 255)).all(axis=2).any(), "the whole slide is painted"

    (logo,) = [e for e in plan.slides[index].elements if isinstance(e, Picture)]
    assert close(at_share(rgb, plan, logo.rect, 0.06, 0.25), LOGO_COLOR), "the deck's logo"
    assert close(at_share(rgb, plan, logo.rect, 0.5, 0.5), (255, 255, 255)), "its white bar"
    company = art(plan, "content", "Company Logo")
    assert close(at_share(rgb, plan, company.rect, 0.06, 0.25), (180, 30, 50))
    band = art(plan, "content", "Bottom Band")
    assert close(at_share(rgb, plan, band.bounds, 0.5, 0.5), band.fill.color)
    triangle = art(plan, "content", "Corner Triangle")
    assert close(at_share(rgb, plan, triangle.bounds, 0.9, 0.05), triangle.fill.color)
    assert close(at_share(rgb, plan, triangle.bounds, 0.05, 0.9), plan.palette.background), (
        "below the diagonal the freeform leaves the background"
    )
    dot = art(plan, "content", "Corner Dot")
    seen = at_share(rgb, plan, dot.bounds, 0.5, 0.5)
    assert not close(seen, dot.fill.color) and not close(seen, triangle.fill.color), (
        "the dot is see-through: its colour blends with the triangle under it"
    )
    tab = art(plan, "content", "Title Tab")
    assert close(at_share(rgb, plan, tab.bounds, 0.5, 0.5), tab.fill.color)

    legal = art(plan, "content", "Legal Line")
    scale = WIDTH / plan.slide_width
    region = rgb[
        int(legal.rect.y * scale) : int(legal.rect.bottom * scale),
        int(legal.rect.x * scale) : int(legal.rect.right * scale),
    ]
    ink = np.abs(region.astype(int) - 255).sum(axis=2) > 150
    assert ink.sum() > 100, "the master's static text is drawn"


def test_title_sits_where_the_layout_puts_it(qapp, review, tmp_path: Path, artifacts) -> None:
    for name, build, align in (
        ("bundled", tf.bundled_copy, Align.LEFT),
        ("four-by-three", tf.decorated_four_by_three, Align.CENTER),
    ):
        plan = plan_deck(review, build(tmp_path))
        rgb = render(plan, 0)
        save(rgb, artifacts / f"title-{name}.png")
        frame = plan.backdrops["title"].title
        assert frame.align is align
        scale = WIDTH / plan.slide_width
        top, bottom = int(frame.rect.y * scale), int(frame.rect.bottom * scale)
        left, right = int(frame.rect.x * scale), int(frame.rect.right * scale)
        title = plan.palette.title
        inked = np.abs(rgb[top:bottom, left:right].astype(int) - (title.r, title.g, title.b))
        columns = np.flatnonzero((inked.sum(axis=2) < 60).any(axis=0))
        rows = np.flatnonzero((inked.sum(axis=2) < 60).any(axis=1))
        assert columns.size and rows.size, f"{name}: no title drawn in the layout's title box"
        middle = (columns[0] + columns[-1]) / 2
        if align is Align.CENTER:
            assert abs(middle - (right - left) / 2) < 0.02 * WIDTH, name
        else:
            assert columns[0] < 0.03 * WIDTH, name
        if frame.anchor == "b":
            assert rows[-1] > 0.7 * (bottom - top), f"{name}: anchored to the box's bottom"


def test_dark_and_gradient_backgrounds_are_painted(qapp, review, tmp_path, artifacts) -> None:
    dark = plan_deck(review, tf.decorated_dark(tmp_path))
    rgb = render(dark, 1)
    save(rgb, artifacts / "dark-agenda.png")
    navy = RGB.from_hex(tf.DARK_NAVY)
    assert close(pixel(rgb, dark, dark.slide_width * 0.9, dark.slide_height * 0.6), navy)

    light = plan_deck(review, tf.decorated_four_by_three(tmp_path))
    rgb = render(light, 1)
    save(rgb, artifacts / "gradient-agenda.png")
    x = light.slide_width * 0.95
    top = pixel(rgb, light, x, light.slide_height * 0.15)
    bottom = pixel(rgb, light, x, light.slide_height * 0.85)
    assert close(top, (0xF8, 0xFA, 0xFC)) and close(bottom, (0xE4, 0xEC, 0xF5)), (
        "white at the top, blue-grey at the bottom, blended in between"
    )


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler's pdftotext")
def test_pdf_shows_the_masters_text_with_the_slide_number(qapp, review, tmp_path: Path) -> None:
    plan = plan_deck(review, tf.decorated(tmp_path))
    pdf = tmp_path / "deck.pdf"
    pdf.write_bytes(render_pdf(plan))
    page = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert f"{tf.LEGAL_TEXT}{tf.PAGE_TEXT}3" in " ".join(page.split())


def test_build_job_passes_the_media_on(qapp, review, media, tmp_path: Path) -> None:
    class Task:  # what a job needs of its Task: progress and the one committed change
        def report(self, percent: int, text: str) -> None:
            pass

        def commit(self, change) -> None:
            change()

    out = tmp_path / "deck.pptx"
    assert build_job(review, out, None, media)(Task()) == out
    pictures = [
        shape.image.blob
        for slide in Presentation(str(out)).slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures == [media[LOGO]]
