"""The open review's file changed on disk under the app (a sync client, another QBR Studio):
the app offers Reload / Keep mine once per change, never overwrites the other version
silently, and keeps whichever version is not kept as a copy beside the file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review, save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt

MINE = "Written in the app, not saved yet."
THEIRS = "Written on the other laptop and synced."


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    return path


class Asked:
    """Stands in for the question: answers ``answer`` and counts how often it was asked."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.calls: list[bool] = []

    def __call__(self, _parent, _name, *, unsaved: bool) -> str:
        self.calls.append(unsaved)
        return self.answer


@pytest.fixture
def window(qtbot, review_path, monkeypatch) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(win)
    return win


def asked(monkeypatch, answer: str) -> Asked:
    stub = Asked(answer)
    monkeypatch.setattr(dialogs, "ask_changed_on_disk", stub)
    return stub


def save_elsewhere(path: Path, story: str = THEIRS) -> None:
    """Another program saves the review: same file name, other content, a new inode."""
    other = load_review(path).review
    other.deep_dive.health_story = story
    save_review(path, other)


def activate() -> None:
    """The user comes back to the app (what the window system reports on activation)."""
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)


def type_mine(window: MainWindow) -> None:
    assert window.doc.edit("deep_dive.health_story", MINE, label="Health story")
    assert window.doc.dirty


def shows_copy_button(window: MainWindow) -> bool:
    buttons = window.message.findChildren(QPushButton)
    return any(b.text() == "Show in folder" for b in buttons)


def copies(path: Path, label: str) -> list[Path]:
    return sorted(path.parent.glob(f"{path.stem} ({label} *).qbr"))


def test_reload_shows_theirs_and_keeps_my_unsaved_edits_beside_it(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.RELOAD)
    type_mine(window)
    save_elsewhere(review_path)
    activate()
    assert question.calls == [True]  # told the unsaved changes exist
    assert window.doc.review.deep_dive.health_story == THEIRS
    assert not window.doc.dirty
    [mine] = copies(review_path, "my unsaved changes")
    assert load_review(mine).review.deep_dive.health_story == MINE
    assert mine.name in window.message.text
    assert shows_copy_button(window)  # stays until closed, with a way to find the copy
    activate()
    assert question.calls == [True]  # nothing changed since: not asked again
    assert window.save()  # the reloaded version is now the one on disk: saved without asking
    assert question.calls == [True]


def test_one_offer_per_change_then_asked_again_for_the_next(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.CANCEL)  # "Decide later"
    save_elsewhere(review_path)
    activate()
    activate()
    window.files.disk.check()
    assert len(question.calls) == 1
    save_elsewhere(review_path, "Changed a second time.")
    activate()
    assert len(question.calls) == 2


def test_keep_mine_saves_mine_and_keeps_theirs_as_a_copy(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.KEEP_MINE)
    type_mine(window)
    save_elsewhere(review_path)
    theirs_bytes = review_path.read_bytes()
    activate()
    assert question.calls == [True]
    assert window.doc.review.deep_dive.health_story == MINE  # nothing changed in the window
    assert "replaces" in window.message.text
    assert window.save()
    assert question.calls == [True]  # decided already: the save doesn't ask again
    assert load_review(review_path).review.deep_dive.health_story == MINE
    [theirs] = copies(review_path, "changed elsewhere")
    assert theirs.read_bytes() == theirs_bytes
    assert theirs.name in window.message.text
    assert shows_copy_button(window)
    save_elsewhere(review_path, "And once more.")  # a new change after my save: asked again
    activate()
    assert len(question.calls) == 2


def test_save_never_overwrites_a_change_nobody_decided_on(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.CANCEL)
    type_mine(window)
    save_elsewhere(review_path)  # no activation: the save is the first to notice
    theirs_bytes = review_path.read_bytes()
    assert not window.save()
    assert question.calls == [True]
    assert review_path.read_bytes() == theirs_bytes
    assert window.doc.dirty and window.doc.review.deep_dive.health_story == MINE
    assert not copies(review_path, "changed elsewhere")
    question.answer = dialogs.KEEP_MINE
    assert window.save()  # asked again at the next save, then saved
    assert len(question.calls) == 2
    assert load_review(review_path).review.deep_dive.health_story == MINE
    assert copies(review_path, "changed elsewhere")


def test_a_change_after_the_check_still_refuses_the_save(window, review_path, monkeypatch):
    """The check before saving and the save itself are not one step: the save still
    compares the bytes it replaces, so a change in between is refused, not overwritten."""
    asked(monkeypatch, dialogs.KEEP_MINE)
    type_mine(window)
    before_save = window.files.disk.before_save

    def late_change():
        check = before_save()
        save_elsewhere(review_path, "Synced in between.")
        return check

    monkeypatch.setattr(window.files.disk, "before_save", late_change)
    assert not window.save()
    assert load_review(review_path).review.deep_dive.health_story == "Synced in between."
    assert "changed on disk" in window.message.text
    assert window.doc.dirty


def test_deleted_file_is_said_once_and_save_writes_it_again(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.RELOAD)
    type_mine(window)
    review_path.unlink()
    activate()
    assert "moved or deleted" in window.message.text
    window.message.dismiss()
    activate()
    assert not window.message.isVisible() or "moved or deleted" not in window.message.text
    assert question.calls == []
    assert window.save()
    assert load_review(review_path).review.deep_dive.health_story == MINE


def test_a_touched_but_unchanged_file_is_no_change(window, review_path, monkeypatch):
    question = asked(monkeypatch, dialogs.RELOAD)
    stat = review_path.stat()
    os.utime(review_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    activate()
    assert question.calls == []


def test_the_watcher_offers_a_change_made_while_the_app_is_in_use(
    qtbot, window, review_path, monkeypatch
):
    if QApplication.applicationState() != Qt.ApplicationState.ApplicationActive:
        pytest.skip("this platform plugin never reports the app as active")
    question = asked(monkeypatch, dialogs.RELOAD)
    save_elsewhere(review_path)
    qtbot.waitUntil(lambda: bool(question.calls), timeout=5000)
    assert window.doc.review.deep_dive.health_story == THEIRS


def test_a_recovered_review_asks_before_replacing_a_file_changed_since_the_crash(
    qtbot, review_path, monkeypatch
):
    """The crashed session's autosave remembers which bytes it was editing, so saving the
    recovered review doesn't silently replace what a sync client wrote meanwhile."""
    from qbr_studio.storage import autosave, load_review

    loaded = load_review(review_path)
    edited = loaded.review.model_copy(deep=True)
    edited.deep_dive.health_story = MINE
    autosave("crashedsession", edited, loaded.media, review_path, loaded.version.digest)
    save_elsewhere(review_path)  # synced while the app was down
    theirs_bytes = review_path.read_bytes()
    monkeypatch.setattr(dialogs, "ask_recover", lambda _p, entries: (dialogs.RECOVER, entries[0]))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    question = asked(monkeypatch, dialogs.CANCEL)
    window = create_window(None)
    qtbot.addWidget(window)
    assert window.doc.review.deep_dive.health_story == MINE
    assert not window.save()
    assert question.calls == [True]
    assert review_path.read_bytes() == theirs_bytes
    question.answer = dialogs.KEEP_MINE
    assert window.save()
    assert load_review(review_path).review.deep_dive.health_story == MINE
    [theirs] = copies(review_path, "changed elsewhere")
    assert theirs.read_bytes() == theirs_bytes
