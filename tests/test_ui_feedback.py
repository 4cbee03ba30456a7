"""Review mode keeps the content read-only; a comment added in the feedback panel lands in the
user's own sidecar and shows in every grouping."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from qbr_studio.document import READ_ONLY_MESSAGE
from qbr_studio.feedback.events import Kind, new_event
from qbr_studio.feedback.sidecar import add_events, gather, sidecar_path
from qbr_studio.model import Achievement
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.feedback_panel import FeedbackPanel

pytestmark = pytest.mark.qt


@pytest.fixture
def doc(qapp, tmp_path: Path) -> DocumentController:
    path = tmp_path / "q4.qbr"
    save_review(path, build_sample_review())
    controller = DocumentController()
    controller.open_file(path)
    return controller


def test_review_mode_refuses_every_content_edit(doc):
    messages: list[str] = []
    doc.failed.connect(messages.append)
    before = doc.review.model_dump(mode="json")
    doc.set_read_only(True)
    assert not doc.edit("meta.currency", "EUR", label="Currency")
    assert doc.add_item("achievements", Achievement(title="x")) == -1
    doc.delete_item("achievements", 0)
    assert not doc.reorder_item("achievements", 0, 1)
    assert doc.review.model_dump(mode="json") == before and doc.undo_stack.count() == 0
    assert messages == [READ_ONLY_MESSAGE] * 4
    doc.set_read_only(False)
    assert doc.edit("meta.currency", "EUR", label="Currency")


def test_a_comment_in_the_panel_lands_in_the_users_sidecar(doc, qtbot):
    doc.set_read_only(True)
    panel = FeedbackPanel(doc, "Lee")
    qtbot.addWidget(panel)
    review_bytes = doc.path.read_bytes()
    panel.target.setText("achievements[0]")
    panel.comment.setPlainText("Which goal did this move?")
    assert panel.add_comment()
    assert doc.path.read_bytes() == review_bytes
    (event,) = gather(doc.path).events
    assert sidecar_path(doc.path, "Lee").exists()
    assert (event.author, event.target) == ("Lee", 'achievements["ach-1"]')
    assert event.text == "Which goal did this move?"
    top = panel.tree.topLevelItem(0)
    assert top.text(0) == 'achievements[0] "Scrap rate down by a third on CNC lines"'
    assert top.child(0).text(0) == event.text


def test_panel_groups_by_reviewer_and_open_or_resolved_and_marks_detached(doc, qtbot):
    first = new_event("Dana", Kind.COMMENT, target='achievements["ach-1"]', text="one")
    gone = new_event("Dana", Kind.COMMENT, target='achievements["deleted"]', text="old")
    add_events(doc.path, "Dana", [first, gone])
    add_events(doc.path, "Lee", [new_event("Lee", Kind.RESOLVE, parent=first.id)])
    panel = FeedbackPanel(doc, "Lee")
    qtbot.addWidget(panel)
    count = panel.tree.topLevelItemCount()
    headings = sorted(panel.tree.topLevelItem(i).text(0) for i in range(count))
    assert headings == [
        'achievements[0] "Scrap rate down by a third on CNC lines"',
        "achievements[…] (detached: no longer in the review)",
    ]
    panel.grouping.setCurrentText("By reviewer")
    assert panel.tree.topLevelItem(0).text(0) == "Dana"
    assert panel.tree.topLevelItem(0).childCount() == 2
    panel.grouping.setCurrentText("Open")
    assert panel.tree.topLevelItem(0).child(0).text(0) == "old"
    panel.grouping.setCurrentText("Resolved")
    assert panel.tree.topLevelItem(0).child(0).text(0) == "one (resolved)"


def test_a_bad_target_is_refused_and_nothing_written(doc, qtbot):
    messages: list[str] = []
    doc.failed.connect(messages.append)
    panel = FeedbackPanel(doc, "Lee")
    qtbot.addWidget(panel)
    panel.target.setText("achievements[99]")
    panel.comment.setPlainText("x")
    assert not panel.add_comment()
    assert messages == ['The review has nothing at "achievements[99]".']
    assert not sidecar_path(doc.path, "Lee").exists()


def test_the_review_menu_turns_review_mode_on_with_the_panel(doc, qtbot):
    from PySide6.QtWidgets import QDockWidget, QMainWindow

    from qbr_studio.ui import review_mode

    window = QMainWindow()
    qtbot.addWidget(window)
    action = review_mode.attach(window, doc, lambda: "Dana")
    dock = window.findChild(QDockWidget, "feedbackDock")
    action.setChecked(True)
    assert doc.read_only and not dock.isHidden() and dock.widget().author == "Dana"
    assert not doc.edit("meta.currency", "EUR")
    action.setChecked(False)
    assert not doc.read_only and dock.isHidden()
