"""The editor as a CSM uses it (issue 14): dates typed as people write them, a toolbar that
stays put, banners that move nothing, a preview that follows the editor."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch) -> MainWindow:
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


def type_date(qtbot, field, text: str) -> None:
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


# --- meeting date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15 Dec 2026", dt.date(2026, 12, 15)),
        ("15/12/2026", dt.date(2026, 12, 15)),
        ("2026-12-15", dt.date(2026, 12, 15)),
        ("Dec 15", dt.date(dt.date.today().year, 12, 15)),
        ("3 Feb 2027", dt.date(2027, 2, 3)),
    ],
)
def test_a_meeting_date_is_read_as_people_write_it(window, qtbot, typed, expected):
    window.go_to_section("overview")
    field = window.page("overview").bindings["meta.meeting_date"].widget
    type_date(qtbot, field, typed)
    assert window.doc.review.meta.meeting_date == expected
    assert field.edit.text() == f"{expected.day} {expected.strftime('%b %Y')}"
    assert not field.problem.text()


def test_a_date_that_cannot_be_read_is_said_and_the_text_kept(window, qtbot):
    window.go_to_section("overview")
    field = window.page("overview").bindings["meta.meeting_date"].widget
    before = window.doc.review.meta.meeting_date
    type_date(qtbot, field, "next Tuesday")
    assert window.doc.review.meta.meeting_date == before
    assert field.edit.text() == "next Tuesday"
    assert '"next Tuesday" is not a date I can read' in field.problem.text()
    type_date(qtbot, field, "16 Dec 2026")
    assert window.doc.review.meta.meeting_date == dt.date(2026, 12, 16)
    assert not field.problem.text()


def test_an_emptied_date_is_cleared_and_undo_brings_it_back(window, qtbot):
    field = window.page("overview").bindings["meta.meeting_date"].widget
    before = window.doc.review.meta.meeting_date
    assert before is not None
    field.edit.clear()
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)
    assert window.doc.review.meta.meeting_date is None
    window.doc.undo_stack.undo()
    assert window.doc.review.meta.meeting_date == before
    assert field.edit.text() == f"{before.day} {before.strftime('%b %Y')}"


def test_the_calendar_opens_on_the_date_or_today_never_1900(window, qtbot):
    field = window.page("overview").bindings["meta.meeting_date"].widget
    field.calendar_button.menu().aboutToShow.emit()
    shown = window.doc.review.meta.meeting_date
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (shown.year, shown.month)
    field.clear_button.click()
    assert window.doc.review.meta.meeting_date is None
    field.calendar_button.menu().aboutToShow.emit()
    today = dt.date.today()
    as_of = window.doc.review.as_of
    expected = today if abs((today - as_of).days) <= 200 else as_of
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (
        expected.year,
        expected.month,
    )


def test_a_quarter_written_q4_2026_is_accepted_and_shown_as_stored(window, qtbot):
    quarter = window.page("overview").bindings["meta.quarter"].widget
    quarter.setFocus()
    quarter.selectAll()
    qtbot.keyClicks(quarter, "Q1 2027")
    qtbot.keyClick(quarter, Qt.Key.Key_Return)
    assert window.doc.review.meta.quarter == "2027-Q1"
    assert quarter.text() == "2027-Q1"
