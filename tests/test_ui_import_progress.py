"""A long import in the app shows how far it has got, and Stop import really stops the worker:
the review (in the window and on disk) is byte-for-byte as it was, the wizard stays with the
user's choices, and importing again works."""

from __future__ import annotations

import os
import threading

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from test_ingest_progress import accounts_csv

from qbr_studio.ingest.progress import CHUNK_ROWS, Progress
from qbr_studio.model import Meta, Review
from qbr_studio.storage import save_review
from qbr_studio.storage.container import review_json_bytes
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt

WAIT = 120_000
SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "book.qbr"
    save_review(path, Review(meta=Meta(csm="Maya Okafor", quarter="2026-Q4")))
    return path


@pytest.fixture
def window(qtbot, review_path, monkeypatch) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    win = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(win)
    return win


def test_stop_import_stops_the_worker_and_changes_nothing(
    qtbot, window, review_path, tmp_path, monkeypatch
):
    export = accounts_csv(tmp_path / "accounts.csv", 3 * CHUNK_ROWS)
    # The user's click must land mid-import however fast the machine: the worker waits at its
    # first row count until the window has seen it (and pressed Stop import).
    pressed = threading.Event()
    real_step = Progress.step

    def step_then_wait(self: Progress, fraction: float, text: str) -> None:
        real_step(self, fraction, text)
        if text.endswith(" rows") and not pressed.is_set():
            pressed.wait(timeout=WAIT / 1000)

    monkeypatch.setattr(Progress, "step", step_then_wait)
    before = review_json_bytes(window.doc.review)
    on_disk = review_path.read_bytes()
    steps_before = window.doc.undo_stack.count()
    window.import_spreadsheets([export])
    qtbot.waitUntil(lambda: window.import_wizard is not None, timeout=WAIT)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert wizard.import_button.isEnabled(), wizard.state.text()

    seen: list[tuple[int, str]] = []

    def progressed(percent: int, text: str) -> None:
        seen.append((percent, text))
        if text.endswith(" rows") and wizard.cancel_button.text() == "Stop import":
            SHOTS.mkdir(parents=True, exist_ok=True)
            wizard.grab().save(str(SHOTS / "import_progress.png"))
            wizard.cancel_button.click()  # the user presses Stop import mid-way
            pressed.set()

    wizard.import_button.click()
    assert wizard.importing
    wizard._task.progressed.connect(progressed)
    qtbot.waitUntil(lambda: not wizard.importing, timeout=WAIT)
    assert seen and seen[-1][0] < 100
    assert not any(text == "Finishing…" for _, text in seen)  # stopped before the end
    assert window.import_wizard is wizard and wizard.isVisible()  # the wizard stays
    assert "stopped" in wizard.state.text() and "nothing was changed" in wizard.state.text()
    assert wizard.cancel_button.text() == "Cancel"
    assert review_json_bytes(window.doc.review) == before
    assert window.doc.undo_stack.count() == steps_before and not window.doc.dirty
    assert review_path.read_bytes() == on_disk

    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()  # and importing again goes through
    assert len(window.doc.review.book.accounts) == 3 * CHUNK_ROWS


def test_cancel_when_not_importing_closes_the_wizard(qtbot, window, tmp_path):
    export = accounts_csv(tmp_path / "accounts.csv", 10)
    window.import_spreadsheets([export])
    qtbot.waitUntil(lambda: window.import_wizard is not None, timeout=WAIT)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert not wizard.stop_import()  # nothing to stop
    wizard.cancel_button.click()
    qtbot.waitUntil(lambda: window.import_wizard is None, timeout=WAIT)


def test_cancel_while_the_files_are_read_stops_the_read(qtbot, window, tmp_path):
    """Cancel during the first read of a big file stops the reading worker itself (it doesn't
    read on to the end while the window waits), and nothing changes."""
    export = accounts_csv(tmp_path / "accounts.csv", 3 * CHUNK_ROWS)
    before = review_json_bytes(window.doc.review)
    window.import_spreadsheets([export])
    wizard = window.import_wizard
    assert wizard is not None and wizard.busy_reading
    task = wizard._task  # the reading job, to ask afterwards how it ended
    finished = []
    task.finished.connect(lambda: finished.append(task.stopped))
    wizard.cancel_button.click()
    qtbot.waitUntil(lambda: window.import_wizard is None, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(finished), timeout=WAIT)
    assert finished == [True]  # the work raised Cancelled: it stopped, not finished
    assert review_json_bytes(window.doc.review) == before
