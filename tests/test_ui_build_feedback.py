""" "Build with feedback" in the window: a remembered choice (menu and check box) that puts
the reviewers' notes on the deck as PowerPoint comments, as `build --feedback` does."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import zipfile
from pathlib import Path

import pytest
import test_ui_build

from qbr_studio.feedback.anchors import anchor
from qbr_studio.feedback.events import Kind, new_event
from qbr_studio.feedback.sidecar import add_events
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


@pytest.fixture
def review(tmp_path: Path) -> Path:
    path = tmp_path / "q4.qbr"
    data = build_sample_review()
    save_review(path, data)
    on = anchor(data, "achievements[0]")
    add_events(path, "Dana", [new_event("Dana", Kind.COMMENT, target=on, text="Great numbers")])
    return path


def build(window: MainWindow, qtbot, out: Path) -> Path:
    with qtbot.waitSignal(window.buildFinished, timeout=60_000):
        window.outputs.build_deck(out)
    return out


def comments_in(deck: Path) -> list[str]:
    with zipfile.ZipFile(deck) as archive:
        names = [n for n in archive.namelist() if n.startswith("ppt/comments/")]
        return [archive.read(n).decode() for n in names]


def test_the_choice_puts_the_notes_on_the_deck_and_is_remembered(qtbot, monkeypatch, review):
    window = test_ui_build.open_window(qtbot, monkeypatch, review)
    box = window.outputs.feedback_box
    assert not window.outputs.with_feedback.isChecked() and not box.isChecked()
    plain = build(window, qtbot, review.with_name("plain.pptx"))
    assert comments_in(plain) == []
    box.click()  # the check box beside Build deck, the menu's "Build with Feedback" with it
    assert window.outputs.with_feedback.isChecked()
    file_menu = window.menuBar().actions()[0].menu()
    assert window.outputs.with_feedback in file_menu.actions()
    deck = build(window, qtbot, review.with_name("with.pptx"))
    (part,) = comments_in(deck)
    assert "Great numbers" in part and "Dana" not in part  # the author is in commentAuthors
    assert "Deck saved" in window.message.text and "1 comment from the reviewers" in (
        window.message.text
    )
    window.close()
    again = test_ui_build.open_window(qtbot, monkeypatch, review)
    assert again.outputs.with_feedback.isChecked() and again.outputs.feedback_box.isChecked()
    again.review_mode.setChecked(True)  # a choice of how to build, not an edit
    assert again.outputs.feedback_box.isEnabled()
    again.outputs.with_feedback.setChecked(False)
    assert not again.outputs.feedback_box.isChecked()


def test_a_broken_sidecar_is_named_and_the_deck_still_built(qtbot, monkeypatch, review):
    review.with_name(review.name + ".feedback-broken.json").write_text("{oops")
    window = test_ui_build.open_window(qtbot, monkeypatch, review)
    window.outputs.with_feedback.setChecked(True)
    deck = build(window, qtbot, review.with_name("q4.pptx"))
    assert len(comments_in(deck)) == 1
    assert "feedback-broken.json: is not a feedback file" in window.message.text
    window.outputs.with_feedback.setChecked(False)
