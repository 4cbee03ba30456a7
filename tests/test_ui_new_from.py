"""File › New from Last Quarter… (issue 10): last quarter's review carried exactly as
``qbr-studio new --from`` carries it, opened as a new, unsaved review."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from qbr_studio.analytics.carry import carry_forward_file
from qbr_studio.model import ActionItem, MediaRef, Status
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review, save_review
from qbr_studio.ui import dialogs, new_from
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


def last_quarter_file(tmp_path: Path) -> Path:
    """The sample as last quarter's review: two open action items and a done one, and a
    logo named in the deep dive that the file does not hold."""
    review = build_sample_review()
    review.meta.quarter = "2026-Q4"
    review.revenue.action_items = [
        ActionItem(id="a1", text="Exec call", due=dt.date(2026, 10, 15)),
        ActionItem(id="a2", text="Training plan", status=Status.IN_PROGRESS),
        ActionItem(id="a3", text="QBR invite", status=Status.DONE),
    ]
    review.deep_dive.logo = "gone.png"
    review.media = [MediaRef(name="gone.png")]
    path = tmp_path / "Q4 2026.qbr"
    save_review(path, review, {})
    return path


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    path = tmp_path / "open.qbr"
    save_review(path, build_sample_review())
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


def test_the_file_menu_offers_it(window):
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert texts[:3] == ["&New Review…", "New from &Last Quarter…", "&Open…"]
    assert window.actions.new_from.isEnabled()


def test_it_opens_the_review_new_from_makes_unsaved(qtbot, window, tmp_path, monkeypatch):
    last = last_quarter_file(tmp_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_: last)
    asked = []

    def default_quarter(parent, review, file):
        dialog = new_from.CarryQuarterDialog(review, file, parent)
        asked.append(dialog.quarter.text())
        return dialog.value()

    monkeypatch.setattr(new_from, "ask_quarter", default_quarter)
    window.actions.new_from.trigger()
    assert asked == ["2027-Q1"]  # the next quarter by default
    loaded = load_review(last)
    expected, media = carry_forward_file(loaded.review, loaded.media, last.name, "2027-Q1")
    assert window.doc.review.model_dump() == expected.model_dump()
    assert window.doc.path is None and window.doc.dirty  # new, unsaved
    assert media == {} and window.doc.review.deep_dive.logo is None  # no picture, no name
    assert [i.id for i in window.doc.review.revenue.action_items] == ["a1", "a2"]
    assert "2 open action items carried over" in window.message.text
    assert window.current_section() == "revenue"
    assert not window.doc.undo_stack.canUndo()


def test_the_quarter_must_come_after_last_quarters(qtbot, tmp_path):
    loaded = load_review(last_quarter_file(tmp_path))
    dialog = new_from.CarryQuarterDialog(loaded.review, "Q4 2026.qbr")
    qtbot.addWidget(dialog)
    assert dialog.ok.isEnabled()
    dialog.quarter.setText("2026-Q3")
    assert not dialog.ok.isEnabled()
    assert dialog.problem.text() == "The new quarter must come after Q4 2026."
    dialog.quarter.setText("sometime")
    assert not dialog.ok.isEnabled() and dialog.problem.text()
    dialog.quarter.setText("Q2 2027")
    assert dialog.ok.isEnabled() and dialog.value() == "2027-Q2"


def test_cancelling_or_a_bad_file_leaves_the_open_review(qtbot, window, tmp_path, monkeypatch):
    before = window.doc.review.model_dump()
    last = last_quarter_file(tmp_path)
    monkeypatch.setattr(dialogs, "ask_open_path", lambda *_: last)
    monkeypatch.setattr(new_from, "ask_quarter", lambda *_: None)
    assert window.new_from_last_quarter() is False
    assert window.doc.review.model_dump() == before
    broken = tmp_path / "broken.qbr"
    broken.write_bytes(b"not a review")
    assert window.new_from_last_quarter(broken) is False
    assert str(broken) in window.message.text
    assert window.doc.review.model_dump() == before


def test_the_dialog_really_asks(qtbot, window, tmp_path, monkeypatch):
    """The real dialog: accepted as it opens, it gives the next quarter."""
    last = last_quarter_file(tmp_path)

    def accept():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, new_from.CarryQuarterDialog)
        dialog.accept()

    QTimer.singleShot(200, accept)
    assert window.new_from_last_quarter(last) is True
    assert window.doc.review.meta.quarter == "2027-Q1"
