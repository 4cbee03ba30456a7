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


def test_comments_left_in_powerpoint_are_imported_once_with_author_date_and_slide(doc, qtbot):
    from test_feedback_read import with_legacy_comments, with_modern_comment

    from qbr_studio.cli import main
    from qbr_studio.deck.plan import Table
    from qbr_studio.deck.produce import plan_deck
    from qbr_studio.feedback.anchors import anchor
    from qbr_studio.model.deck_kinds import DeckSection

    review = doc.review
    on = anchor(review, "achievements[0]")
    add_events(doc.path, "Dana", [new_event("Dana", Kind.COMMENT, target=on, text="Ours")])
    deck = doc.path.with_name("q4.pptx")
    assert main(["build", str(doc.path), "-o", str(deck), "--feedback"]) == 0
    plan = plan_deck(review)
    index = next(i for i, s in enumerate(plan.slides) if s.section is DeckSection.ACHIEVEMENTS)
    table = next(e for e in plan.slides[index].elements if isinstance(e, Table))
    row = table.rect.y + table.row_heights[0] + table.row_heights[1] // 2
    with_legacy_comments(deck, index + 1, table.rect.x + 10_000, row)
    revenue = next(i for i, s in enumerate(plan.slides) if s.section is DeckSection.REVENUE)
    with_modern_comment(deck, revenue + 1)
    panel = FeedbackPanel(doc, "Maya", plan=lambda: plan)
    qtbot.addWidget(panel)

    assert panel.import_deck(deck) == 4
    slides = [panel.imported.topLevelItem(i) for i in range(panel.imported.topLevelItemCount())]
    title = plan.slides[index].title
    assert slides[0].text(0) == f'Slide {index + 1} "{title}"'
    rows = [
        [slide.child(i).text(c) for c in range(3)]
        for slide in slides
        for i in range(slide.childCount())
    ]
    assert rows == [
        ["Is this audited?", "Pat Roe", "11 Dec 2026 08:00"],
        ["Reply: Asking finance.", "Pat Roe", "11 Dec 2026 08:05"],
        ["Renewal risk?", "Kim Ode", "10 Dec 2026 09:30"],
        ["Reply: Follow-up", "Kim Ode", "10 Dec 2026 09:31"],
    ]
    assert (
        slides[0]
        .child(0)
        .toolTip(0)
        .endswith('On: achievements[0] "Scrap rate down by a third on CNC lines"')
    )
    assert slides[1].text(0).startswith(f"Slide {revenue + 1} ")
    assert slides[1].child(0).toolTip(0).endswith("On: revenue")
    assert "4 new comments in q4.pptx (1 already in the feedback" in panel.imported_label.text()
    assert not panel.keep_button.isHidden()

    assert panel.add_imported() == 4
    sidecar = sidecar_path(doc.path, "Maya")
    stored = sidecar.read_bytes()
    assert {e.author for e in gather(doc.path).events} == {"Dana", "Pat Roe", "Kim Ode"}
    heading = 'achievements[0] "Scrap rate down by a third on CNC lines"'
    top = next(
        panel.tree.topLevelItem(i)
        for i in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(i).text(0) == heading
    )
    audited = next(
        top.child(i) for i in range(top.childCount()) if top.child(i).text(1) == "Pat Roe"
    )
    assert audited.child(0).text(0) == "Asking finance." and "from q4.pptx" in audited.toolTip(0)

    assert panel.import_deck(deck) == 0  # importing twice adds nothing
    assert "0 new comments in q4.pptx" in panel.imported_label.text()
    assert panel.add_imported() == 0 and sidecar.read_bytes() == stored


def test_a_deck_that_cannot_be_read_is_named_and_nothing_changes(doc, qtbot):
    messages: list[str] = []
    doc.failed.connect(messages.append)
    panel = FeedbackPanel(doc, "Maya")
    qtbot.addWidget(panel)
    bad = doc.path.with_name("notes.pptx")
    bad.write_text("hello")
    assert panel.import_deck(bad) == -1
    assert "notes.pptx: could not read its comments" in messages[0]
    assert not sidecar_path(doc.path, "Maya").exists() and panel.pending == []
