"""The account view and chart export in the app (issue 10): an account's scorecard, signals,
renewals and interactive matplotlib charts, opened from the deep dive and the Data page; any
chart of the deck saved as PNG or SVG from the preview or the account view."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from sample_window import sample_window

from qbr_studio.model import Health, HealthOverride
from qbr_studio.ui import dialogs
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> MainWindow:
    return sample_window(qtbot, tmp_path, monkeypatch)


def open_from_deep_dive(qtbot, window: MainWindow):
    window.go_to_section("deep_dive")
    page = window.page("deep_dive")
    qtbot.mouseClick(page.account_button, Qt.MouseButton.LeftButton)
    view = window.account_view
    qtbot.waitUntil(lambda: view.summary is not None)
    return view


def test_the_deep_dive_opens_its_account_with_the_three_healths_and_why(qtbot, window):
    review = window.doc.review
    view = open_from_deep_dive(qtbot, window)
    account = review.book.account(review.deep_dive.account_id)
    assert account is not None
    assert view.current_account() == account.id
    assert view.isVisible()
    assert view.healths["CRM"].text() == account.crm_health.label
    assert view.healths["Data"].text().endswith("/100")
    assert view.healths["Confidence"].text().startswith("confidence ")
    assert view.drivers.rowCount() == len(view.summary.drivers) > 0
    first = view.summary.drivers[0]
    assert view.drivers.item(0, 0).text() == first.name
    assert view.drivers.item(0, 3).text() == first.detail
    assert view.signals.rowCount() == len(view.summary.signals)
    assert view.opportunities.rowCount() == len(view.summary.opportunities)
    charts = {key: chart.spec for key, chart in view.charts.items()}
    assert charts["usage"] is not None and charts["usage"].title.startswith(
        "Active vs licensed users"
    )
    assert charts["drivers"] is not None
    assert view.charts["usage"].canvas is not None  # drawn on matplotlib's Qt canvas


def test_the_view_follows_an_override_made_in_the_review(qtbot, window):
    view = open_from_deep_dive(qtbot, window)
    account_id = view.current_account()
    overrides = [
        *window.doc.review.health_overrides,
        HealthOverride(account_id=account_id, health=Health.RED, reason="sponsor left"),
    ]
    window.doc.edit("health_overrides", overrides, label="Override")
    qtbot.waitUntil(lambda: view.healths["CSM"].text() == "Red: sponsor left", timeout=5000)
    assert view.title.text().endswith(": red by the CSM (CRM: yellow; data: green)")


def test_picking_another_account_shows_it(qtbot, window):
    view = open_from_deep_dive(qtbot, window)
    other = next(a for a in window.doc.review.book.accounts if a.id != view.current_account())
    view.picker.setCurrentIndex(view.picker.findData(other.id))
    assert view.summary is not None and view.summary.account_id == other.id
    assert view.windowTitle().startswith(other.name)


def test_double_clicking_a_data_row_opens_its_account(qtbot, window):
    window.go_to_section("data")
    page = window.data_page
    page.show_table("opportunities")
    row = 3
    account_id = page.account_at(row)
    assert account_id is not None
    index = page.view.model().index(row, 0)
    page.view.doubleClicked.emit(index)
    view = window.account_view
    assert view.current_account() == account_id
    page.show_table("accounts")
    assert (
        page.account_at(0)
        == page.model.record(page.proxy.mapToSource(page.proxy.index(0, 0)).row()).id
    )


def test_hovering_a_bar_says_its_value(qtbot, window):
    view = open_from_deep_dive(qtbot, window)
    chart = view.charts["drivers"]
    chart.canvas.draw()
    mark = chart.drawing.marks[0]
    box = mark.artist.get_window_extent()
    from matplotlib.backend_bases import MouseEvent

    event = MouseEvent(
        "motion_notify_event", chart.canvas, (box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2
    )
    assert chart.hover_text(event) == mark.text
    assert mark.text.startswith(mark.category + " · Score: ")


def test_a_chart_of_the_account_view_saves_as_svg(qtbot, window, tmp_path, monkeypatch):
    view = open_from_deep_dive(qtbot, window)
    target = tmp_path / "drivers.svg"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: target)
    menu = view.charts["drivers"].context_menu()
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Save chart as PNG…", "Save chart as SVG…"]
    menu.actions()[1].trigger()
    root = ET.fromstring(target.read_bytes())
    spec = view.charts["drivers"].spec
    assert root[0].text == spec.title and root[1].text == spec.alt_text
    assert "Saved the chart" in window.message.text


def test_the_previews_context_menu_saves_the_chart_under_the_mouse(
    qtbot, window, tmp_path, monkeypatch
):
    from qbr_studio.deck.plan import Chart

    plan = window.plan
    index, chart = next(
        (i, e)
        for i, s in enumerate(plan.slides)
        for e in s.elements
        if isinstance(e, Chart) and e.spec.kind.value == "line"
    )
    window.preview.set_current_index(index)
    slide_view = window.preview.view
    slide_view.resize(960, 540)
    from qbr_studio.ui.slide_painter import slide_frame

    frame = slide_frame(plan, slide_view._area())
    scale = frame.width() / plan.slide_width
    centre = QPointF(
        frame.left() + (chart.rect.x + chart.rect.w / 2) * scale,
        frame.top() + (chart.rect.y + chart.rect.h / 2) * scale,
    )
    assert slide_view.charts_at(centre) == [chart]
    target = tmp_path / "usage.png"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: target)
    menu = slide_view.chart_menu(centre)
    assert menu is not None
    menu.actions()[0].trigger()
    assert target.read_bytes().startswith(b"\x89PNG")
    from PIL import Image

    with Image.open(target) as image:
        assert image.text["Description"] == chart.spec.alt_text
    title_slide = next(
        i for i, s in enumerate(plan.slides) if not any(isinstance(e, Chart) for e in s.elements)
    )
    window.preview.set_current_index(title_slide)
    assert slide_view.chart_menu(centre) is None  # no chart, no menu


def test_a_failed_save_is_said_in_the_window(qtbot, window, tmp_path, monkeypatch):
    view = open_from_deep_dive(qtbot, window)
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: tmp_path / "gone" / "x.svg")
    view.charts["usage"].context_menu().actions()[1].trigger()
    assert "does not exist" in window.message.text


def test_the_window_starts_without_matplotlib(tmp_path):
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from qbr_studio.ui.app import create_window\n"
        "app = QApplication([])\n"
        "win = create_window(None, offer_recovery=False)\n"
        "import time\n"
        "t = time.time()\n"
        "while win.plan is None and time.time() - t < 120: app.processEvents()\n"
        "print(win.plan is not None, 'matplotlib' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {
        "PYTHONPATH": str(root),
        "PATH": "/usr/bin:/bin",
        "QBR_STUDIO_CONFIG_DIR": str(tmp_path / "c"),
        "QBR_STUDIO_STATE_DIR": str(tmp_path / "s"),
        "QBR_STUDIO_DOCUMENTS_DIR": str(tmp_path / "d"),
    }
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=root,
        env=env,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[-2:] == ["True", "False"]


def test_a_closed_view_does_not_follow_edits_until_shown_again(qtbot, window):
    view = open_from_deep_dive(qtbot, window)
    account_id = view.current_account()
    view.close()
    overrides = [HealthOverride(account_id=account_id, health=Health.RED, reason="sponsor left")]
    window.doc.edit("health_overrides", overrides, label="Override")
    qtbot.wait(800)  # past the refresh delay
    assert view.healths["CSM"].text() == "no override"  # closed: not recomputed
    window.page("deep_dive").open_account_view()
    assert view.isVisible() and view.healths["CSM"].text() == "Red: sponsor left"
