"""Review mode in the real window is read-only for real: typing, pasting, choosing, list
edits, drags, undo/redo and dropped spreadsheets change nothing and leave the undo stack as it
was; building stays; leaving review mode puts every widget back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
import test_ui_window
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from qbr_studio.ui.main_window import MainWindow
from qbr_studio.ui.review_mode import DROP_REFUSED

pytestmark = pytest.mark.qt

review_path, window = test_ui_window.review_path, test_ui_window.window  # on the sample
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"


def feedback_panel(window: MainWindow):
    from qbr_studio.ui.feedback_panel import FeedbackPanel

    return window.findChildren(FeedbackPanel)[0]


def drag_and_drop(window: MainWindow, path: Path) -> tuple[bool, bool]:
    """Drag ``path`` onto the window and drop it; whether the drag and the drop were taken."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    how = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(QPoint(10, 10), *how)
    QApplication.sendEvent(window, enter)
    dropped = QDropEvent(QPointF(10, 10), *how)
    QApplication.sendEvent(window, dropped)
    return enter.isAccepted(), dropped.isAccepted()


def test_in_review_mode_no_widget_edits_and_the_undo_stack_is_untouched(
    window, qtbot, tmp_path, monkeypatch
):
    page = window.page("overview")
    window.go_to_section("overview")
    team = page.bindings["meta.team"].widget
    team.selectAll()
    qtbot.keyClicks(team, "Strategic West")  # one edit before: undo has something to undo
    stack = window.doc.undo_stack
    count, index = stack.count(), stack.index()
    assert window.undo_action.isEnabled()
    window.review_mode.setChecked(True)
    before = window.doc.review.model_dump(mode="json")

    def panel():
        return feedback_panel(window)

    qtbot.keyClicks(team, " and more")
    assert team.isReadOnly() and team.text() == "Strategic West"
    window.undo_action.trigger()
    qtbot.keyClick(team, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()
    assert not window.actions.import_.isEnabled()

    window.go_to_section("deep_dive")
    story = next(
        w for w in window.page("deep_dive").findChildren(QPlainTextEdit) if w.isVisibleTo(window)
    )
    QGuiApplication.clipboard().setText("pasted")
    story.setFocus()
    qtbot.keySequence(story, QKeySequence.StandardKey.Paste)
    assert story.isReadOnly() and "pasted" not in story.toPlainText()

    window.go_to_section("achievements")
    editor = window.page("achievements").editor
    assert not editor.fields["kind"].widget.isEnabled()
    assert all(not b.isEnabled() for b in editor.findChildren(type(window.check_page.build_button)))
    view = editor.view
    assert view.dragDropMode() == view.DragDropMode.NoDragDrop
    editor.select_row(1)  # browsing shows another item, its fields still greyed
    assert editor.current_row == 1 and not editor.fields["kind"].widget.isEnabled()
    window.show()
    qtbot.waitExposed(window)
    editor.fields["story"].widget.setFocus()  # clicking a field: the next comment is on it
    qtbot.waitUntil(lambda: panel().target.text() == "achievements[1].story")
    editor.add()  # what a button or shortcut would do: refused by the document
    model = editor.model
    model.moveRows(model.index(0, 0).parent(), 0, 1, model.index(0, 0).parent(), 3)

    imported: list = []
    monkeypatch.setattr(window, "import_spreadsheets", lambda paths=None: imported.append(paths))
    sheet = tmp_path / "accounts.xlsx"
    sheet.write_bytes(b"PK")
    assert drag_and_drop(window, sheet) == (False, False)
    qtbot.wait(20)
    assert imported == [] and DROP_REFUSED in window.message.text

    assert window.check_page.build_button.isEnabled()  # building reads the review
    assert window.doc.review.model_dump(mode="json") == before
    assert (stack.count(), stack.index()) == (count, index)

    window.review_mode.setChecked(False)
    assert not team.isReadOnly() and not story.isReadOnly()
    assert editor.fields["kind"].widget.isEnabled() and window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled() and window.actions.import_.isEnabled()
    assert view.dragDropMode() == view.DragDropMode.InternalMove
    window.undo_action.trigger()
    assert window.doc.review.meta.team == "Enterprise East"
    assert drag_and_drop(window, sheet) == (True, True)
    qtbot.waitUntil(lambda: imported == [[sheet]])


def test_a_widget_read_only_before_review_mode_stays_so_after(window):
    line = next(w for p in window.pages for w in p.findChildren(QLineEdit))
    combo = next(w for p in window.pages for w in p.findChildren(QComboBox))
    line.setReadOnly(True)
    combo.setEnabled(False)
    window.review_mode.setChecked(True)
    window.review_mode.setChecked(False)
    assert line.isReadOnly() and not combo.isEnabled()


def test_screenshots_of_review_mode(window, qtbot):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    window.review_mode.setChecked(True)
    window.go_to_section("achievements")
    for size in ((1280, 800), (1440, 900), (1920, 1080)):
        window.resize(*size)
        qtbot.wait(50)
        image = window.grab()
        assert image.save(str(ARTIFACTS / f"review-mode-{size[0]}x{size[1]}.png"))
