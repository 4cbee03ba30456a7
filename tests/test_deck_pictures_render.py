"""What you see is what you get: the preview against LibreOffice's render of the built deck.

The deck (with a logo) is built on the bundled template and on decorated company templates,
rendered by LibreOffice, and painted by the preview at the same size. Wherever the plan says a
piece of the template's artwork or a picture is, both renders must show the same colour. Side
by side PNGs (preview left, LibreOffice right) go to ``test-artifacts/wysiwyg/<template>/``
for a person to look at.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil
from pathlib import Path

import numpy as np
import pytest
import template_factory as tf
from PIL import Image
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from render_support import can_render, to_pdf, to_png

from qbr_studio.deck.backdrop import Figure
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import DeckPlan, Picture, Shape
from qbr_studio.deck.produce import build_deck
from qbr_studio.model import MediaRef
from qbr_studio.sample import build_sample_review
from qbr_studio.ui.slide_painter import paint_slide

pytestmark = [
    pytest.mark.render,
    pytest.mark.qt,
    pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler"),
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "wysiwyg"
DPI = 100
"""LibreOffice's PNGs are rendered at this resolution; the preview at the same pixel size."""
MIN_PIXELS = 5
"""Artwork narrower or shorter than this many pixels is too thin to sample reliably."""
TOLERANCE = 40
"""Largest difference per channel between the two renders at a sample point."""
LOGO = "logo.png"


def preview(plan: DeckPlan, index: int, size: tuple[int, int]) -> np.ndarray:
    image = QImage(*size, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_slide(painter, plan, index, QRectF(0, 0, *size))
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    view = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = view.reshape(size[1], image.bytesPerLine())[:, : size[0] * 3]
    return rows.reshape(size[1], size[0], 3).copy()


def sample_points(plan: DeckPlan, index: int) -> list[tuple[str, float, float]]:
    """(what, x, y) in EMU: the background by the left edge, the middle of every filled
    piece of artwork and plain shape, and a point on every picture."""
    slide = plan.slides[index]
    edge = Rect(0, 0, plan.slide_width, plan.slide_height)
    points = [("background", plan.slide_width * 0.01, plan.slide_height * 0.5, edge)]
    backdrop = plan.backdrop(slide)
    items = [*(backdrop.art if backdrop else ()), *slide.elements]
    for item in items:
        if isinstance(item, Figure) and item.fill is not None and item.fill.alpha == 1:
            ends = [values[-2:] for op, values in item.path if op != "Z"]
            x = sum(p[0] for p in ends) / len(ends)
            y = sum(p[1] for p in ends) / len(ends)
            points.append((item.name, x, y, item.bounds))
        elif isinstance(item, Shape):
            r = item.rect
            points.append((item.name, r.x + r.w * 0.05, r.y + r.h * 0.1, r))
        elif isinstance(item, Picture):
            r = item.rect
            points.append((item.name, r.x + r.w * 0.1, r.y + r.h * 0.25, r))
    scale = 1 / 914_400 * DPI
    return [
        (name, x, y)
        for name, x, y, bounds in points
        if bounds.w * scale >= MIN_PIXELS and bounds.h * scale >= MIN_PIXELS
    ]


@pytest.mark.parametrize(
    "build",
    [None, tf.decorated, tf.decorated_dark, tf.decorated_four_by_three],
    ids=["bundled", "decorated", "decorated_dark", "decorated_four_by_three"],
)
def test_preview_matches_libreoffice_on_artwork_and_pictures(qapp, tmp_path: Path, build):
    review = build_sample_review()
    review.media.append(MediaRef(name=LOGO))
    review.deep_dive.logo = LOGO
    deck = tmp_path / "deck.pptx"
    template = None if build is None else build(tmp_path)
    plan = build_deck(review, deck, template, {LOGO: tf.png((300, 100), (200, 40, 60))})
    pages = to_png(to_pdf(deck, tmp_path), tmp_path, dpi=DPI)
    assert len(pages) == len(plan.slides)
    out = ARTIFACTS / ("bundled" if build is None else build.__name__)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    problems: list[str] = []
    checked = 0
    for index, page in enumerate(pages):
        office = np.asarray(Image.open(page).convert("RGB"))
        height, width = office.shape[:2]
        ours = preview(plan, index, (width, height))
        both = np.full((height, 2 * width + 8, 3), (255, 0, 255), dtype=np.uint8)
        both[:, :width], both[:, width + 8 :] = ours, office
        Image.fromarray(both).save(out / f"slide-{index + 1:02d}.png")
        scale = width / plan.slide_width
        for name, x, y in sample_points(plan, index):
            px, py = min(width - 1, int(x * scale)), min(height - 1, int(y * scale))
            a, b = ours[py, px].astype(int), office[py, px].astype(int)
            checked += 1
            if np.abs(a - b).max() > TOLERANCE:
                problems.append(f"slide {index + 1} {name} at ({px},{py}): {a} vs {b}")
    assert checked >= len(plan.slides), "artwork was sampled on every slide"
    assert not problems, "preview and LibreOffice differ:\n" + "\n".join(problems)
