"""The document controller and its undo commands, without widgets: every edit one command,
undo/redo exact, refused values leave the review untouched, views told by path."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from qbr_studio.document import paths
from qbr_studio.model import Achievement
from qbr_studio.sample import build_sample_review
from qbr_studio.ui import json_path
from qbr_studio.ui.document import DocumentController

pytestmark = pytest.mark.qt


@pytest.fixture
def doc(qapp) -> DocumentController:
    controller = DocumentController()
    controller.load(build_sample_review())
    return controller


def test_paths_parse_and_join():
    assert json_path.parse("revenue.action_items[2].owner") == (
        "revenue",
        "action_items",
        2,
        "owner",
    )
    assert json_path.join(("achievements", 0, "title")) == "achievements[0].title"
    assert json_path.parse("") == ()
    assert json_path.is_within("achievements[2].title", "achievements")
    assert not json_path.is_within("achievements_extra", "achievements")
    assert json_path.related("achievements", "achievements[1].story")
    with pytest.raises(ValueError):
        json_path.parse("achievements[x]")
    assert json_path.parse is paths.parse  # the views read paths as the document does


def test_each_edit_reports_its_path(doc):
    seen: list[str] = []
    doc.changed.connect(seen.append)
    doc.edit("achievements[1].title", "New title", label="Title")
    doc.add_item("achievements", Achievement(title="Fifth"), what="achievement")
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert seen == [
        "achievements[1].title",
        "achievements",
        "achievements",
        "achievements[1].title",
    ]


def test_typing_merges_into_one_step_and_back_to_the_start_is_no_step(doc):
    start = doc.value("revenue.growth_story")
    for text in ("G", "Gr", "Gro"):
        doc.edit("revenue.growth_story", text, label="Growth", merge=True)
    assert doc.undo_stack.count() == 1
    assert doc.undo_stack.undoText() == "Edit Growth"
    doc.edit("revenue.growth_story", start, label="Growth", merge=True)
    assert doc.undo_stack.count() == 0
    assert not doc.dirty


def test_refused_value_changes_nothing_and_says_why(doc):
    messages: list[str] = []
    doc.failed.connect(messages.append)
    assert not doc.edit("meta.currency", "dollars", label="Currency")
    assert doc.review.meta.currency == "USD"
    assert doc.undo_stack.count() == 0
    assert messages == [
        'Currency must be at most 3 characters long (found "dollars"); it was left as it was.'
    ]


def test_list_operations_undo_exactly(doc):
    before = [a.model_dump() for a in doc.review.achievements]
    doc.duplicate_item("achievements", 0, what="achievement")
    assert doc.review.achievements[1].id != doc.review.achievements[0].id
    doc.reorder_item("achievements", 1, 3, what="achievement")
    doc.delete_item("achievements", 0, what="achievement")
    assert doc.undo_stack.undoText() == "Remove achievement"
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
    assert [a.model_dump() for a in doc.review.achievements] == before
    assert not doc.reorder_item("achievements", 0, 0)
    assert not doc.reorder_item("achievements", 0, 99)


def test_replacing_the_review_is_one_undoable_step(doc):
    original = doc.review
    other = build_sample_review()
    other.meta.team = "Imported team"
    doc.replace_review(other, "Import crm.xlsx")
    assert doc.review.meta.team == "Imported team" and doc.dirty
    doc.undo_stack.undo()
    assert doc.review is original and not doc.dirty


def test_a_recovered_review_stays_dirty_until_saved(doc, tmp_path):
    doc.load(build_sample_review(), path=None, dirty=True)
    assert doc.dirty and doc.display_name == "Untitled review"
    doc.save_to(tmp_path / "saved.qbr")
    assert not doc.dirty and doc.path == tmp_path / "saved.qbr"


def test_save_refuses_a_name_without_qbr(doc, tmp_path):
    from qbr_studio.errors import UserError

    with pytest.raises(UserError, match=r"must end in \.qbr"):
        doc.save_to(tmp_path / "review.txt")
