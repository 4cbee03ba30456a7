"""Crash recovery: the app killed mid-edit (kill -9) offers the edits back at the next start;
autosaves follow the rules (only unsaved changes, gone after a save or a normal close)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qbr_studio.sample import build_sample_review
from qbr_studio.storage import list_recoverable, load_review, save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window

pytestmark = pytest.mark.qt

TYPED = " Typed just before the crash."

# The app as a user runs it, on one file: type into the deep dive, wait for the autosave,
# then keep running until the test kills the process.
EDIT_THEN_HANG = f"""
import sys
from pathlib import Path
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from qbr_studio.ui import recovery_ui
from qbr_studio.ui.app import create_app, create_window

recovery_ui.AUTOSAVE_SECONDS = 0.3
app = create_app([])
window = create_window(Path(sys.argv[1]), offer_recovery=False)
window.go_to_section("deep_dive")
box = window.page("deep_dive").bindings["deep_dive.health_story"].widget
box.setFocus()
box.moveCursor(QTextCursor.MoveOperation.End)
QTest.keyClicks(box, {TYPED!r})
window.autosaver.saved.connect(lambda path: print("AUTOSAVED", path, flush=True))
sys.exit(app.exec())
"""


def run_until_autosaved(path: Path) -> subprocess.Popen:
    """Start the app on ``path`` in a child process; return once it reports an autosave."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", EDIT_THEN_HANG, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen = threading.Event()

    def watch() -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            if line.startswith("AUTOSAVED"):
                seen.set()

    threading.Thread(target=watch, daemon=True).start()
    if not seen.wait(60):
        child.kill()
        raise AssertionError(f"the app never autosaved: {child.stderr.read()}")  # type: ignore[union-attr]
    return child


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    return path


def test_edits_survive_kill_9_and_are_offered_at_the_next_start(qtbot, review_path, monkeypatch):
    child = run_until_autosaved(review_path)
    child.kill()  # SIGKILL: no clean-up, no chance to save
    child.wait(30)
    assert child.returncode == -9 or sys.platform == "win32"
    on_disk = load_review(review_path).review.deep_dive.health_story
    assert not on_disk.endswith(TYPED.strip())

    offered = []

    def recover(parent, entries):
        offered.extend(entries)
        return dialogs.RECOVER, entries[0]

    monkeypatch.setattr(dialogs, "ask_recover", recover)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window = create_window(None)
    qtbot.addWidget(window)
    assert [e.original_path for e in offered] == [review_path]
    assert window.doc.path == review_path
    assert window.doc.review.deep_dive.health_story == on_disk + TYPED.rstrip()
    assert window.doc.dirty and "Recovered" in window.message.text
    assert window.save()
    assert load_review(review_path).review.deep_dive.health_story.endswith(TYPED.strip())
    assert list_recoverable() == []


def test_not_now_keeps_the_copy_and_discard_deletes_it(qtbot, review_path, monkeypatch):
    child = run_until_autosaved(review_path)
    child.kill()
    child.wait(30)
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "ask_recover", lambda *_: (dialogs.LATER, None))
    later = create_window(review_path)
    qtbot.addWidget(later)
    assert not later.doc.dirty
    later.close()
    assert len(list_recoverable()) == 1
    monkeypatch.setattr(dialogs, "ask_recover", lambda *_: (dialogs.DISCARD, None))
    discarded = create_window(review_path)
    qtbot.addWidget(discarded)
    assert list_recoverable() == []


def test_autosave_only_for_unsaved_changes_and_gone_after_close(qtbot, review_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(window)
    autosaver = window.autosaver
    assert autosaver.autosave_now() is None  # nothing to keep yet
    window.doc.edit("meta.team", "Team B", label="Team")
    assert autosaver.autosave_now() is not None
    assert autosaver.autosave_now() is None  # unchanged since: not written again
    assert [e.original_path for e in list_recoverable()] == [review_path]
    window.doc.undo_stack.undo()  # back to what the file holds
    autosaver.autosave_now()
    assert list_recoverable() == []
    window.doc.edit("meta.team", "Team C", label="Team")
    autosaver._state_changed(Qt.ApplicationState.ApplicationInactive)  # focus went elsewhere
    assert len(list_recoverable()) == 1
    window.close()
    assert list_recoverable() == []


def test_an_unwritable_recovery_area_is_reported_once(qtbot, review_path, monkeypatch, tmp_path):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("x")
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(blocker))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(window)
    window.doc.edit("meta.team", "Team B", label="Team")
    assert window.autosaver.autosave_now() is None
    assert "could not be kept for recovery" in window.message.text
    window.message.hide()
    window.doc.edit("meta.team", "Team C", label="Team")
    window.autosaver.autosave_now()
    assert not window.message.isVisible()
