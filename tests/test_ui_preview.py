"""The Qt preview and PDF export draw the slide plan: every slide renders, text stays inside
the boxes the plan measured, the preview follows plan changes, the PDF has a page per slide.

Screenshots of the pane and of each slide go to ``test-artifacts/ui-preview/`` for a person
to compare with the LibreOffice render of the same deck.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtGui import QImage, QPainter

from qbr_studio.charts.number_format import format_number
from qbr_studio.charts.spec import ChartKind, ChartSpec, Series
from qbr_studio.deck.backdrop import Figure
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import DeckPlan, SlidePlan
from qbr_studio.deck.planning.furniture import placeholder_texts
from qbr_studio.deck.produce import plan_deck
from qbr_studio.errors import UserError
from qbr_studio.sample import build_sample_review
from qbr_studio.ui import preview
from qbr_studio.ui.chart_painter import paint_chart
from qbr_studio.ui.pdf_export import export_pdf
from qbr_studio.ui.preview import PreviewPane
from qbr_studio.ui.slide_painter import paint_slide

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui-preview"
WIDTH = 1920
"""Pixels: width slides are rendered at for the checks (a full-HD screen)."""
EDGE = 3
"""Pixels of anti-aliasing allowed outside a box."""


@pytest.fixture(scope="module")
def plan() -> DeckPlan:
    return plan_deck(build_sample_review())


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def render(plan: DeckPlan, index: int, width: int = WIDTH) -> QImage:
    height = round(width * plan.slide_height / plan.slide_width)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    paint_slide(painter, plan, index, QRectF(0, 0, width, height))
    painter.end()
    return image


def pixels(image: QImage) -> np.ndarray:
    """``height × width × 3`` RGB array of a Format_RGB32 image."""
    view = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = view.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    bgra = rows.reshape(image.height(), image.width(), 4)
    return bgra[:, :, 2::-1].copy()


def boxes(plan: DeckPlan, slide: SlidePlan) -> list[Rect]:
    """Every rectangle the slide may draw in: its elements, title (and subtitle), footer, and
    its layout's artwork."""
    rects = [e.rect for e in slide.elements]
    backdrop = plan.backdrop(slide)
    assert backdrop is not None and backdrop.title is not None
    rects.append(backdrop.title.rect)
    if slide.kind == "title" and backdrop.subtitle is not None:
        rects.append(backdrop.subtitle.rect)
    rects += [art.bounds if isinstance(art, Figure) else art.rect for art in backdrop.art]
    if slide.footer and plan.footer_rect is not None:
        rects.append(plan.footer_rect)
    return rects


def test_every_slide_renders_text_and_colour(qapp, plan: DeckPlan, artifacts: Path) -> None:
    text = plan.palette.text
    for index in range(len(plan.slides)):
        image = render(plan, index)
        image.save(str(artifacts / f"slide-{index + 1:02d}.png"))
        rgb = pixels(image)
        colours = {tuple(c) for c in rgb[::4, ::4].reshape(-1, 3)}
        assert len(colours) >= 8, f"slide {index + 1} is nearly blank"
        darkish = np.abs(rgb.astype(int) - (text.r, text.g, text.b)).sum(axis=2) < 120
        assert darkish.sum() > 2000, f"slide {index + 1} shows no text"


def test_ink_stays_inside_the_boxes_the_plan_measured(qapp, plan: DeckPlan) -> None:
    background = plan.palette.background
    for index, slide in enumerate(plan.slides):
        image = render(plan, index)
        rgb = pixels(image)
        ink = np.abs(rgb.astype(int) - (background.r, background.g, background.b)).sum(axis=2) > 24
        allowed = np.zeros_like(ink)
        scale = image.width() / plan.slide_width
        for r in boxes(plan, slide):
            x0, y0 = max(0, int(r.x * scale) - EDGE), max(0, int(r.y * scale) - EDGE)
            x1, y1 = int(r.right * scale) + EDGE + 1, int(r.bottom * scale) + EDGE + 1
            allowed[y0:y1, x0:x1] = True
        stray = np.argwhere(ink & ~allowed)
        assert len(stray) == 0, (
            f"slide {index + 1}: {len(stray)} pixels drawn outside every box, first at "
            f"(x={stray[0][1]}, y={stray[0][0]})"
        )


def test_preview_pane_follows_the_plan(qtbot, plan: DeckPlan, artifacts: Path) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(1280, 760)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_plan(plan)
    assert pane.strip.count() == len(plan.slides)
    assert pane.current_index() == 0
    assert pane.strip.accessibleName() and pane.view.accessibleName()

    with qtbot.waitSignal(pane.slideSelected) as selected:
        pane.strip.setCurrentRow(4)
    assert selected.args == [4]
    assert pane.current_index() == 4
    assert plan.slides[4].title in pane.view.accessibleDescription()
    pane.grab().save(str(artifacts / "preview-pane.png"))

    shorter = replace(plan, slides=plan.slides[:3])
    with qtbot.waitSignal(pane.slideSelected) as moved:
        pane.set_plan(shorter)
    assert pane.strip.count() == 3
    assert moved.args == [2], "the selection moves to the last slide that still exists"

    pane.set_plan(plan)
    assert pane.strip.count() == len(plan.slides)
    assert pane.current_index() == 2, "the selection stays where it can"


def test_refresh_redraws_only_changed_slides(qtbot, plan: DeckPlan, monkeypatch) -> None:
    drawn: list[int] = []
    real = preview.render_thumbnail

    def counted(plan: DeckPlan, index: int, *args):
        drawn.append(index)
        return real(plan, index, *args)

    monkeypatch.setattr(preview, "render_thumbnail", counted)
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_plan(plan)
    pane.draw_thumbnails()
    assert len(drawn) == len(plan.slides)

    pane.set_plan(replace(plan, slides=list(plan.slides)))
    assert pane.thumbnails_waiting() == 0, "an identical plan redraws nothing"

    edited = list(plan.slides)
    retitled = replace(edited[6], title=edited[6].title + " (edited)")
    edited[6] = replace(retitled, placeholders=placeholder_texts(retitled))
    pane.set_plan(replace(plan, slides=edited))
    pane.draw_thumbnails()
    assert drawn[len(plan.slides) :] == [6]

    recoloured = replace(plan, palette=replace(plan.palette, title=plan.palette.text))
    pane.set_plan(recoloured)
    pane.draw_thumbnails()
    assert len(drawn) == 2 * len(plan.slides) + 1, "a new palette redraws all"


def test_thumbnails_are_drawn_after_the_slide_in_idle_time(qtbot, plan, monkeypatch) -> None:
    """set_plan draws no thumbnail: the large slide is painted first, then the event loop
    draws the thumbnails, the selected slide's first, then outwards from it."""
    drawn: list[object] = []
    real = preview.render_thumbnail

    def counted(plan: DeckPlan, index: int, *args):
        drawn.append(index)
        return real(plan, index, *args)

    class Paints(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                drawn.append("slide")
            return False

    monkeypatch.setattr(preview, "render_thumbnail", counted)
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.resize(1280, 760)
    pane.show()
    qtbot.waitExposed(pane)
    pane.set_plan(replace(plan, slides=plan.slides[:3]))
    pane.set_current_index(2)
    spy = Paints()
    pane.view.installEventFilter(spy)
    drawn.clear()
    pane.set_plan(plan)
    assert drawn == [] and pane.thumbnails_waiting() == len(plan.slides)
    assert pane.view.accessibleDescription().startswith("Slide 3:")
    with qtbot.waitSignal(pane.thumbnailsDrawn, timeout=10_000):
        pass
    thumbnails = [d for d in drawn if d != "slide"]
    assert drawn[0] == "slide", "the large slide is painted before any thumbnail"
    assert thumbnails[:3] == [2, 1, 3] and sorted(thumbnails) == list(range(len(plan.slides)))
    assert all(not pane.strip.item(i).icon().isNull() for i in range(pane.strip.count()))
    cells = [pane.strip.visualItemRect(pane.strip.item(i)) for i in range(pane.strip.count())]
    assert min(c.height() for c in cells) > pane.strip.iconSize().height(), "laid out whole"


def test_a_hidden_pane_still_draws_its_thumbnails(qtbot, plan) -> None:
    pane = PreviewPane()
    qtbot.addWidget(pane)
    pane.set_plan(plan)
    with qtbot.waitSignal(pane.thumbnailsDrawn, timeout=10_000):
        pass
    assert pane.thumbnails_waiting() == 0


def _pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", path.read_bytes()))


def test_export_pdf_has_one_page_per_slide(qapp, plan: DeckPlan, tmp_path: Path) -> None:
    out = tmp_path / "deck.pdf"
    out.write_bytes(b"an older export")
    export_pdf(plan, out)
    assert out.read_bytes().startswith(b"%PDF")
    assert _pdf_pages(out) == len(plan.slides)
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pdf"], "no temporary file is left"
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert re.search(r"Page size:\s+960 x 540 pts", info)
    if shutil.which("pdftotext"):
        first = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(out), "-"], capture_output=True, text=True
        ).stdout
        assert plan.slides[0].title in " ".join(first.split()), "text is real, searchable text"


def test_export_pdf_to_a_missing_folder_is_a_user_error(
    qapp, plan: DeckPlan, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match="does not exist"):
        export_pdf(plan, tmp_path / "no such folder" / "deck.pdf")


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (757_000, '$#,##0.0,,"M"', "$0.8M"),
        (4_639_000, '$#,##0.0,,"M"', "$4.6M"),
        (230_500, '$#,##0,"k"', "$231k"),
        (0, '$#,##0,"k"', "$0k"),
        (1_400, "#,##0", "1,400"),
        (0.94, "0%", "94%"),
        (1.25, "0%", "125%"),
        (45, "0", "45"),
        (2.5, "0", "3"),
        (12.5, "General", "12.5"),
        (7.0, "General", "7"),
        (-1_500, '€#,##0,"k"', "-€2k"),
    ],
)
def test_number_formats_read_like_excel(value: float, code: str, shown: str) -> None:
    assert format_number(value, code) == shown


@pytest.mark.parametrize("kind", list(ChartKind))
def test_every_chart_kind_draws_with_gaps_in_the_data(qapp, plan: DeckPlan, kind) -> None:
    spec = ChartSpec(
        kind=kind,
        title="Every kind",
        categories=("North", "South with a long name", "East"),
        series=(
            Series("Won", (3.0, None, 5.0), "series:0", ("status:green", "status:red", "muted")),
            Series("Lost", (1.0, 2.0, None), "series:1", dashed=True),
        ),
        alt_text="A test chart.",
        value_axis_title="Deals",
        number_format="#,##0",
        legend=True,
    )
    image = QImage(480, 320, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    painter = QPainter(image)
    paint_chart(painter, spec, QRectF(0, 0, 480, 320), plan.palette, 480 / 400)
    painter.end()
    colours = {tuple(c) for c in pixels(image)[::2, ::2].reshape(-1, 3)}
    assert len(colours) > 8, f"{kind.value} chart is nearly blank"
