"""The preview uses the space it has: the slide as large as the pane allows (aspect ratio kept),
thumbnails beside or under it, nothing scrolling sideways; and the main window gives the
editor, the thumbnails and the large slide each a usable share at common screen sizes.

Screenshots of the window at 1440×900 and 1920×1080 go to ``test-artifacts/ui/``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt

from qbr_studio.deck.produce import plan_deck
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.preview import CELL_PADDING, THUMB_WIDTH, VIEW_MARGIN, PreviewPane
from qbr_studio.ui.preview_layout import Box, arrange
from qbr_studio.ui.slide_painter import slide_frame

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
WIDE = 16 / 9


def lay(width: int, height: int, aspect: float = WIDE):
    return arrange(width, height, aspect, column_width=204, row_height=140, margin=16)


def inside(box: Box, width: int, height: int) -> bool:
    return box.x >= 0 and box.y >= 0 and box.x + box.width <= width and box.y + box.height <= height


# --- the arithmetic -------------------------------------------------------------------------


def test_a_narrow_tall_pane_puts_the_slide_full_width_over_the_thumbnails():
    chosen = lay(620, 800)
    assert not chosen.beside
    assert chosen.slide_width == 620 - 2 * 16  # the whole width, less the margins
    assert chosen.view == Box(0, 0, 620, round(588 / WIDE) + 32)
    assert chosen.strip == Box(0, chosen.view.height, 620, 800 - chosen.view.height)


def test_a_wide_low_pane_puts_the_thumbnails_beside_the_slide():
    chosen = lay(1400, 600)
    assert chosen.beside
    assert chosen.strip == Box(0, 0, 204, 600)
    assert chosen.slide_width == pytest.approx((600 - 32) * WIDE)


@pytest.mark.parametrize("size", [(300, 240), (620, 800), (900, 990), (1400, 600), (50, 20)])
@pytest.mark.parametrize("aspect", [WIDE, 4 / 3])
def test_both_parts_stay_inside_the_pane_and_the_slide_inside_the_view(size, aspect):
    width, height = size
    chosen = lay(width, height, aspect)
    assert inside(chosen.strip, width, height) and inside(chosen.view, width, height)
    assert chosen.slide_width <= chosen.view.width - 2 * 16 + 1e-9 or chosen.slide_width == 0
    assert chosen.slide_width / aspect <= max(0, chosen.view.height - 2 * 16) + 1e-9
    other = lay(width, height, aspect)
    assert other == chosen  # the same space, the same arrangement


def test_the_chosen_arrangement_is_never_the_smaller_slide():
    for width in range(300, 1800, 97):
        for height in range(240, 1200, 89):
            chosen = lay(width, height)
            beside = arrange(width, height, WIDE, column_width=204, row_height=10**6, margin=16)
            stacked = arrange(width, height, WIDE, column_width=10**6, row_height=140, margin=16)
            assert chosen.slide_width == max(beside.slide_width, stacked.slide_width)


# --- the pane -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan():
    return plan_deck(build_sample_review())


@pytest.mark.parametrize(("width", "height"), [(620, 800), (560, 700), (1300, 560), (900, 990)])
def test_the_pane_shows_the_slide_as_large_as_it_fits_and_never_scrolls_sideways(
    qtbot, plan, width, height
):
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(width, height)
    pane.set_plan(plan)
    pane.show()
    qtbot.waitExposed(pane)
    chosen = pane.arrangement()
    view, strip = pane.view.geometry(), pane.strip.geometry()
    assert pane.rect().contains(view) and pane.rect().contains(strip)
    assert not view.intersects(strip)
    area = QRectF(pane.view.rect()).adjusted(VIEW_MARGIN, VIEW_MARGIN, -VIEW_MARGIN, -VIEW_MARGIN)
    frame = slide_frame(plan, area)
    assert frame.width() == pytest.approx(chosen.slide_width, abs=1)
    assert frame.width() / frame.height() == pytest.approx(plan.slide_width / plan.slide_height)
    if not chosen.beside:  # over the thumbnails the slide spans the pane
        assert frame.width() >= width - 2 * VIEW_MARGIN - 1
    assert pane.strip.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not pane.strip.horizontalScrollBar().isVisible()
    viewport = pane.strip.viewport().width()
    lefts = set()
    for row in range(pane.strip.count()):  # every thumbnail column fits across the strip
        rect = pane.strip.visualItemRect(pane.strip.item(row))
        assert rect.left() >= 0 and rect.right() < viewport, (row, rect, viewport)
        lefts.add(rect.left())
    if not chosen.beside:  # in rows, as many columns as fit, none wasted
        assert len(lefts) == min(pane.strip.count(), viewport // (THUMB_WIDTH + CELL_PADDING))


def test_thumbnail_rows_use_every_column_that_fits_at_any_width(qtbot, plan):
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_plan(plan)
    pane.resize(300, 900)
    pane.show()
    qtbot.waitExposed(pane)
    for width in range(300, 1000, 23):
        pane.resize(width, 900)
        qtbot.waitUntil(lambda w=width: pane.strip.width() == w)
        viewport = pane.strip.viewport().width()
        rects = [pane.strip.visualItemRect(pane.strip.item(i)) for i in range(pane.strip.count())]
        fits = min(len(rects), max(1, viewport // (THUMB_WIDTH + CELL_PADDING)))
        assert len({r.left() for r in rects}) == fits, (width, viewport)
        assert all(r.left() >= 0 and r.right() < viewport for r in rects), width


def test_the_pane_switches_arrangement_as_it_is_resized(qtbot, plan):
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_plan(plan)
    pane.resize(600, 800)
    pane.show()
    qtbot.waitExposed(pane)
    assert not pane.arrangement().beside
    pane.resize(1400, 500)
    qtbot.waitUntil(lambda: pane.arrangement().beside)
    assert pane.strip.geometry().height() == 500
    pane.resize(600, 800)
    qtbot.waitUntil(lambda: not pane.arrangement().beside)
    pane.set_current_index(11)
    assert pane.current_index() == 11


# --- the main window ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "least_slide"),
    [((1440, 900), 540), ((1920, 1080), 780)],
)
def test_editor_thumbnails_and_slide_all_get_room(qtbot, tmp_path, monkeypatch, size, least_slide):
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window = create_window(path, offer_recovery=False)
    qtbot.addWidget(window)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.plan is not None)
    nav, editor, preview = window.splitter.sizes()
    assert nav >= window.nav.minimumWidth()
    assert editor >= 540, window.splitter.sizes()  # forms and tables read without cramping
    assert preview >= 540, window.splitter.sizes()
    assert abs(editor - preview) <= 0.2 * (editor + preview)
    pane = window.preview
    assert pane.arrangement().slide_width >= least_slide
    assert pane.strip.height() >= pane.strip.iconSize().height()  # a row of thumbnails shows
    assert not pane.strip.horizontalScrollBar().isVisible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for key in ("deep_dive", "revenue"):
        window.go_to_section(key)
        qtbot.wait(50)
        image = window.grab()
        assert image.save(str(ARTIFACTS / f"layout-{size[0]}x{size[1]}-{key}.png"))
