"""The main window driven through its own widgets: open the sample, edit every section, undo
and redo, jump from the checklist, errors in plain words, closing with unsaved changes.

Screenshots of every main view (light and dark) go to ``test-artifacts/ui/`` for a person
to look at.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from qbr_studio.model import AchievementKind, Status
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review, save_review
from qbr_studio.ui import dialog_windows, dialogs, recent
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow
from qbr_studio.ui.preferences import Preferences, load_preferences
from qbr_studio.ui.sections import SECTIONS
from qbr_studio.ui.theme import apply_theme

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
SIZE = (1440, 900)


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    return path


@pytest.fixture
def window(qtbot, review_path, monkeypatch) -> MainWindow:
    """The window on a copy of the sample; closing at the end discards changes."""
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(win)
    win.resize(*SIZE)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def choose(combo, text: str) -> None:
    """Pick a combo box entry as a user does (activated, not just the current index)."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not in {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


# --- opening --------------------------------------------------------------------------------


def test_opens_the_review_with_every_section_and_a_preview(window, review_path):
    assert window.doc.path == review_path
    assert not window.doc.dirty
    assert [page.key for page in window.pages] == [key for key, _ in SECTIONS]
    assert window.preview.plan() is window.plan
    assert len(window.plan.slides) >= 8
    assert "Q4 review.qbr" in window.windowTitle()
    assert recent.load_recent()[0] == review_path.resolve()


def test_first_start_opens_a_copy_of_the_sample_not_a_package_file(qtbot, monkeypatch):
    from qbr_studio.paths import RESOURCES, state_dir

    win = create_window(None, offer_recovery=False)
    qtbot.addWidget(win)
    assert win.doc.path is not None
    assert win.doc.path.is_relative_to(state_dir())
    assert not win.doc.path.is_relative_to(RESOURCES.parent)
    assert win.doc.review.book.accounts
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)


def test_next_start_opens_the_last_review(qtbot, review_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    first = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(first)
    first.close()
    second = create_window(None, offer_recovery=False)
    qtbot.addWidget(second)
    assert second.doc.path == review_path.resolve()


def test_a_damaged_file_shows_why_and_keeps_the_open_review(window, tmp_path):
    bad = tmp_path / "broken.qbr"
    bad.write_bytes(b"not a zip")
    before = window.doc.review
    assert not window.open_review(bad, ask=False)
    assert window.message.isVisible()
    assert "broken.qbr" in window.message.text and "not a QBR Studio review" in window.message.text
    assert window.doc.review is before


# --- editing every section ------------------------------------------------------------------


def test_overview_edits_the_review_details(window, qtbot):
    page = window.page("overview")
    window.go_to_section("overview")
    team = page.bindings["meta.team"].widget
    team.selectAll()
    type_into(qtbot, team, "Strategic West")
    assert window.doc.review.meta.team == "Strategic West"
    assert window.doc.dirty
    meeting = page.bindings["meta.meeting_date"].widget
    meeting.edit.selectAll()
    type_into(qtbot, meeting.edit, "17 Dec 2026")
    qtbot.keyClick(meeting.edit, Qt.Key.Key_Return)
    assert window.doc.review.meta.meeting_date == dt.date(2026, 12, 17)
    window.doc.undo_stack.undo()
    assert window.doc.review.meta.meeting_date == dt.date(2026, 12, 10)
    window.doc.undo_stack.undo()
    assert window.doc.review.meta.team == "Enterprise East"
    assert team.text() == "Enterprise East"
    assert not window.doc.dirty


def test_an_invalid_value_is_refused_in_plain_words_and_nothing_changes(window, qtbot):
    page = window.page("overview")
    quarter = page.bindings["meta.quarter"].widget
    quarter.selectAll()
    type_into(qtbot, quarter, "Q5 2026")
    quarter.editingFinished.emit()
    assert window.doc.review.meta.quarter == "2026-Q4"
    assert quarter.text() == "2026-Q4"
    assert 'Quarter is not valid: quarter must look like "2026-Q4"' in window.message.text
    assert window.doc.undo_stack.count() == 0
    assert not window.doc.dirty


def test_typing_is_one_undo_step_and_spaces_survive(window, qtbot):
    window.go_to_section("deep_dive")
    box = window.page("deep_dive").bindings["deep_dive.why_they_bought"].widget
    box.selectAll()
    type_into(qtbot, box, "They bought to stop losing patients ")
    assert box.toPlainText() == "They bought to stop losing patients "
    assert window.doc.review.deep_dive.why_they_bought == "They bought to stop losing patients"
    assert window.doc.undo_stack.count() == 1
    window.doc.undo_stack.undo()
    assert window.doc.review.deep_dive.why_they_bought.startswith("Riverbend")
    assert box.toPlainText() == window.doc.review.deep_dive.why_they_bought
    window.doc.undo_stack.redo()
    assert box.toPlainText() == "They bought to stop losing patients"


def test_deep_dive_picker_shows_the_accounts_facts(window, qtbot):
    window.go_to_section("deep_dive")
    page = window.page("deep_dive")
    target = next(a for a in window.doc.review.book.accounts if a.id != "ACC-1001")
    choose(page.bindings["deep_dive.account_id"].widget, target.name)
    assert window.doc.review.deep_dive.account_id == target.id
    assert page.facts["Industry"].text() == target.industry
    assert page.facts["ARR"].text().startswith("$")
    qtbot.waitUntil(lambda: any(target.name in s.title for s in window.plan.slides))
    window.doc.undo_stack.undo()
    assert window.doc.review.deep_dive.account_id == "ACC-1001"
    assert page.bindings["deep_dive.account_id"].widget.currentText() == "Riverbend Health Network"


def test_deep_dive_stakeholders_list(window, qtbot):
    page = window.page("deep_dive")
    editor = page.stakeholders
    count = len(window.doc.review.deep_dive.stakeholders)
    editor.add()
    type_into(qtbot, editor.fields["name"].widget, "Ana Ruiz")
    choose(editor.fields["sentiment"].widget, "Champion")
    added = window.doc.review.deep_dive.stakeholders[editor.current_row]
    assert (added.name, added.sentiment.value) == ("Ana Ruiz", "champion")
    assert len(window.doc.review.deep_dive.stakeholders) == count + 1
    for _ in range(3):
        window.doc.undo_stack.undo()
    assert len(window.doc.review.deep_dive.stakeholders) == count


def test_achievements_add_edit_duplicate_reorder_remove_with_undo(window, qtbot):
    window.go_to_section("achievements")
    editor = window.page("achievements").editor
    items = window.doc.review.achievements
    original = [a.id for a in items]
    editor.select_row(len(items) - 1)
    editor.add()
    assert editor.current_row == len(original)
    type_into(qtbot, editor.fields["title"].widget, "Onboarding time halved")
    choose(editor.fields["kind"].widget, "Adoption")
    choose(editor.fields["account_id"].widget, "Riverbend Health Network")
    before = editor.fields["before"].widget
    type_into(qtbot, before, "12")
    before.editingFinished.emit()
    after = editor.fields["after"].widget
    type_into(qtbot, after, "6")
    after.editingFinished.emit()
    new = window.doc.review.achievements[-1]
    assert (new.title, new.kind, new.account_id) == (
        "Onboarding time halved",
        AchievementKind.ADOPTION,
        "ACC-1001",
    )
    assert (new.before, new.after) == (12.0, 6.0)
    editor.duplicate()
    assert len(window.doc.review.achievements) == len(original) + 2
    copy = window.doc.review.achievements[-1]
    assert copy.title == new.title and copy.id != new.id
    editor.move_row(len(original) + 1, 0)
    assert window.doc.review.achievements[0].id == copy.id
    assert editor.current_row == 0
    editor.remove()
    assert window.doc.review.achievements[0].id == original[0]
    while window.doc.undo_stack.canUndo():
        window.doc.undo_stack.undo()
    assert [a.id for a in window.doc.review.achievements] == original
    assert not window.doc.dirty
    while window.doc.undo_stack.canRedo():
        window.doc.undo_stack.redo()
    assert len(window.doc.review.achievements) == len(original) + 1


def test_a_bad_number_is_explained_and_the_value_kept(window, qtbot):
    editor = window.page("achievements").editor
    editor.select_row(0)
    goal = editor.fields["goal"].widget
    kept = window.doc.review.achievements[0].goal
    goal.selectAll()
    type_into(qtbot, goal, "about half")
    goal.editingFinished.emit()
    assert window.doc.review.achievements[0].goal == kept
    assert 'Goal must be a number such as 1250 or 12.5, not "about half"' in window.message.text
    assert goal.text() == editor.fields["goal"].format(kept)


def test_list_reorder_by_drag_goes_through_the_document(window):
    editor = window.page("achievements").editor
    ids = [a.id for a in window.doc.review.achievements]
    model = editor.model
    # QListView's internal drag asks the model to move row 0 before row 3.
    assert model.moveRows(model.index(0, 0).parent(), 0, 1, model.index(0, 0).parent(), 3)
    assert [a.id for a in window.doc.review.achievements] == [ids[1], ids[2], ids[0], ids[3]]
    assert editor.current_row == 2
    window.doc.undo_stack.undo()
    assert [a.id for a in window.doc.review.achievements] == ids


def test_challenges_and_communications(window, qtbot):
    window.go_to_section("challenges")
    page = window.page("challenges")
    page.challenges.select_row(0)
    plan = page.challenges.fields["plan"].widget
    plan.selectAll()
    type_into(qtbot, plan, "Run adoption clinics")
    accounts = page.challenges.fields["account_ids"].widget
    first = accounts.item(0)
    was = first.checkState()
    first.setCheckState(
        Qt.CheckState.Unchecked if was == Qt.CheckState.Checked else Qt.CheckState.Checked
    )
    chosen = window.doc.review.challenges[0].account_ids
    assert (first.data(Qt.ItemDataRole.UserRole) in chosen) == (was != Qt.CheckState.Checked)
    assert window.doc.review.challenges[0].plan == "Run adoption clinics"
    comms = page.communications
    comms.add()
    type_into(qtbot, comms.fields["party"].widget, "CFO of Riverbend")
    comms.fields["when"].widget.calendar.clicked.emit(QDate.currentDate())
    choose(comms.fields["status"].widget, "In progress")
    added = window.doc.review.communications[comms.current_row]
    assert added.party == "CFO of Riverbend" and added.when is not None
    assert added.status is Status.IN_PROGRESS
    comms.fields["when"].widget.clear_button.click()
    assert window.doc.review.communications[comms.current_row].when is None


def test_revenue_stories_and_action_items(window, qtbot):
    window.go_to_section("revenue")
    page = window.page("revenue")
    growth = page.bindings["revenue.growth_story"].widget
    growth.selectAll()
    type_into(qtbot, growth, "Expansion into two new business units.")
    assert window.doc.review.revenue.growth_story == "Expansion into two new business units."
    actions = page.actions
    count = len(window.doc.review.revenue.action_items)
    actions.add()
    type_into(qtbot, actions.fields["text"].widget, "Send the renewal quote")
    type_into(qtbot, actions.fields["owner"].widget, "Maya")
    choose(actions.fields["status"].widget, "Blocked")
    item = window.doc.review.revenue.action_items[actions.current_row]
    assert (item.text, item.owner, item.status) == (
        "Send the renewal quote",
        "Maya",
        Status.BLOCKED,
    )
    assert len(window.doc.review.revenue.action_items) == count + 1
    assert page.table.model().rowCount() > 0


def test_data_tables_sort_and_filter(window, qtbot):
    window.go_to_section("data")
    page = window.page("data")
    page.show_table("accounts")
    total = page.proxy.rowCount()
    assert total == len(window.doc.review.book.accounts)
    type_into(qtbot, page.filter, "health")
    assert 0 < page.proxy.rowCount() < total
    assert page.count.text().endswith(f"of {total} rows")
    page.filter.clear()
    arr = [c.title for c in page.model._columns].index("ARR")
    page.view.sortByColumn(arr, Qt.SortOrder.DescendingOrder)
    top = page.model.record(page.proxy.mapToSource(page.proxy.index(0, 0)).row())
    assert top.arr == max(a.arr for a in window.doc.review.book.accounts)
    page.show_table("usage")
    assert page.proxy.rowCount() == len(window.doc.review.book.usage)


def test_preview_follows_an_edit_within_a_moment(window, qtbot):
    window.go_to_section("achievements")
    editor = window.page("achievements").editor
    editor.select_row(0)
    title = editor.fields["title"].widget
    title.selectAll()
    with qtbot.waitSignal(window.planned, timeout=2000):
        type_into(qtbot, title, "Scrap down 40%")
    qtbot.waitUntil(
        lambda: any(
            "Scrap down 40%" in str(element)
            for slide in window.preview.plan().slides
            for element in slide.elements
        ),
        timeout=2000,
    )


def test_clicking_a_slide_shows_its_section_and_keeps_the_slide(window):
    revenue = [i for i, s in enumerate(window.plan.slides) if s.section == "Revenue"]
    window.preview.set_current_index(revenue[1])
    assert window.current_section() == "revenue"
    assert window.preview.current_index() == revenue[1]
    window.go_to_section("achievements")
    shown = window.plan.slides[window.preview.current_index()]
    assert shown.section == "Achievements"


# --- checklist ------------------------------------------------------------------------------


def test_checklist_item_jumps_to_its_field(window, qtbot):
    window.go_to_section("deep_dive")
    box = window.page("deep_dive").bindings["deep_dive.health_story"].widget
    box.selectAll()
    type_into(qtbot, box, " ")
    box.clear()
    qtbot.waitUntil(lambda: any(f.path == "deep_dive.health_story" for f in window.findings))
    other = window.page("deep_dive").bindings["deep_dive.why_they_bought"].widget
    other.setFocus()  # the page would otherwise give the box its focus back by itself
    page = window.check_page
    window.go_to_section("check_build")
    item = next(
        page.tree.topLevelItem(i).child(j)
        for i in range(page.tree.topLevelItemCount())
        for j in range(page.tree.topLevelItem(i).childCount())
        if page.tree.topLevelItem(i).child(j).data(0, Qt.ItemDataRole.UserRole)
        == "deep_dive.health_story"
    )
    page.tree.itemClicked.emit(item, 0)
    assert window.current_section() == "deep_dive"
    assert window.focusWidget() is box  # the window's focus, active or not (offscreen)
    assert "1 thing" in page.status.text() or "things" in page.status.text()


def test_checklist_jumps_into_a_list_item(window):
    window.jump_to("revenue.action_items[2]")
    assert window.current_section() == "revenue"
    assert window.page("revenue").actions.current_row == 2
    window.jump_to("achievements[1].story")
    assert window.page("achievements").editor.current_row == 1
    window.jump_to("book.usage")
    assert window.current_section() == "data"
    assert window.page("data").current_table == "usage"


# --- files ----------------------------------------------------------------------------------


def test_save_writes_the_file_and_clears_dirty(window, qtbot, review_path):
    page = window.page("overview")
    type_into(qtbot, page.bindings["meta.company"].widget, " Inc")
    assert window.doc.dirty
    assert window.save()
    assert not window.doc.dirty
    assert load_review(review_path).review.meta.company.endswith("Inc")


def test_save_as_asks_where(window, monkeypatch, tmp_path):
    target = tmp_path / "copy.qbr"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: target)
    assert window.save_as()
    assert window.doc.path == target and target.is_file()
    assert "copy.qbr" in window.windowTitle()


def test_save_into_a_missing_folder_explains_and_stays_dirty(window, qtbot, monkeypatch, tmp_path):
    type_into(qtbot, window.page("overview").bindings["meta.team"].widget, "x")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: tmp_path / "nowhere" / "r.qbr")
    assert not window.save_as()
    assert "does not exist" in window.message.text
    assert window.doc.dirty


def test_close_with_unsaved_changes_asks_and_cancel_keeps_the_window(window, qtbot, monkeypatch):
    type_into(qtbot, window.page("overview").bindings["meta.team"].widget, "x")
    asked = []

    def cancel(parent, name):
        asked.append(name)
        return dialogs.CANCEL

    monkeypatch.setattr(dialogs, "ask_save_changes", cancel)
    assert not window.close()
    assert asked == ["Q4 review.qbr"]
    assert window.isVisible()


def test_close_with_save_writes_the_file(window, qtbot, monkeypatch, review_path):
    type_into(qtbot, window.page("overview").bindings["meta.team"].widget, " 2")
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.SAVE)
    assert window.close()
    assert load_review(review_path).review.meta.team == "Enterprise East 2"


def test_close_without_changes_does_not_ask(window, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: pytest.fail("asked"))
    assert window.close()


def test_new_review_asks_who_and_which_quarter(window, monkeypatch):
    monkeypatch.setattr(
        dialogs, "ask_new_review", lambda *_: dialogs.NewReview("Sam Lee", "2027-Q1", "SMB")
    )
    window.new_review()
    meta = window.doc.review.meta
    assert (meta.csm, meta.quarter, meta.team) == ("Sam Lee", "2027-Q1", "SMB")
    assert window.doc.path is None and window.doc.dirty
    assert "Untitled review" in window.windowTitle()


def test_open_recent_of_a_deleted_file_says_so(window, tmp_path):
    gone = tmp_path / "gone.qbr"
    save_review(gone, build_sample_review())
    recent.remember(gone)
    gone.unlink()
    window.files.open_recent(gone.resolve())
    assert "moved or deleted" in window.message.text
    assert gone.resolve() not in recent.load_recent()


def test_dropping_a_review_file_opens_it(window, qtbot, tmp_path):
    other = tmp_path / "other.qbr"
    save_review(other, build_sample_review())
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.doc.path == other)


# --- preferences ----------------------------------------------------------------------------


def test_preferences_are_stored_and_a_bad_template_is_refused(window, tmp_path, qtbot):
    from qbr_studio.ui.preferences_dialog import PreferencesDialog

    chosen = Preferences(author_name="Maya Okafor", default_output_folder=str(tmp_path))
    window.apply_preferences(chosen)
    assert load_preferences() == chosen
    bad = tmp_path / "notes.txt"
    bad.write_text("hello")
    dialog = PreferencesDialog(Preferences(default_template=str(bad)), window)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert not dialog.problem.isHidden() and "notes.txt" in dialog.problem.text()
    assert dialog.result() != dialog.DialogCode.Accepted


def test_window_layout_is_remembered(qtbot, review_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    first = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(first)
    first.go_to_section("revenue")
    first.splitter.setSizes([200, 500, 400])
    sizes = first.splitter.sizes()
    size = first.size()
    first.close()
    second = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(second)
    assert second.current_section() == "revenue"
    assert second.size() == size
    assert second.splitter.sizes() == sizes


def test_shortcuts_and_accessible_names(window):
    acts = window.actions
    for action in (acts.new, acts.open, acts.save, acts.save_as, acts.build, acts.quit):
        assert not action.shortcut().isEmpty(), action.text()
        assert action.toolTip()
    assert not window.undo_action.shortcut().isEmpty()
    assert [a.shortcut().toString() for a in acts.sections][:2] == ["Ctrl+1", "Ctrl+2"]
    for page in window.pages:
        for binding in page.bindings.values():
            assert binding.widget.accessibleName(), binding.label


# --- screenshots ----------------------------------------------------------------------------


SCREENSHOT_SIZES = [(1280, 800), (1440, 900), (1920, 1080)]


@pytest.mark.parametrize("size", SCREENSHOT_SIZES, ids=lambda wh: f"{wh[0]}x{wh[1]}")
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_view(window, qtbot, monkeypatch, scheme, size):
    """Every main view saved for a person to look at (cramped or clipped text is a bug),
    at each window size as on a first start there, in ``test-artifacts/ui/WxH/``."""
    folder = ARTIFACTS / f"{size[0]}x{size[1]}"
    folder.mkdir(parents=True, exist_ok=True)
    window.resize(*size)
    window.default_split()
    app = QApplication.instance()
    apply_theme(app, dark=scheme == "dark")
    try:
        window.page("achievements").editor.select_row(0)
        window.page("challenges").challenges.select_row(0)
        window.page("challenges").communications.select_row(0)
        for number, (key, _) in enumerate(SECTIONS, start=1):
            window.go_to_section(key)
            qtbot.wait(50)
            image = window.grab()
            assert image.width() >= size[0] - 10
            assert image.save(str(folder / f"{scheme}-{number}-{key}.png"))
        window.go_to_section("challenges")
        window.page("challenges").tabs.setCurrentIndex(1)
        qtbot.wait(50)
        window.grab().save(str(folder / f"{scheme}-5b-communications.png"))
        window.show_error(
            "Could not open /home/maya/Reviews/Q4.qbr: the file is damaged or incomplete "
            "(try its .bak copy, or wait until it has finished syncing)."
        )
        window.go_to_section("overview")
        qtbot.wait(50)
        window.grab().save(str(folder / f"{scheme}-8-error-message.png"))
        window.message.hide()
        new = dialogs.NewReview("Maya Okafor", "2027-Q1", "Enterprise East")
        monkeypatch.setattr(dialogs, "ask_new_review", lambda *_: new)
        window.new_review()
        qtbot.waitUntil(lambda: bool(window.findings))
        for key in ("overview", "achievements", "check_build"):
            window.go_to_section(key)
            qtbot.wait(50)
            window.grab().save(str(folder / f"{scheme}-9-new-review-{key}.png"))
        for name, dialog in dialog_samples(window).items():
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.wait(20)
            assert dialog.grab().save(str(folder / f"{scheme}-dialog-{name}.png"))
            dialog.close()
    finally:
        apply_theme(app, dark=False)


def dialog_samples(window):
    """Each dialog the window can show, filled as a user would meet it."""
    from qbr_studio.storage import RecoveryEntry
    from qbr_studio.ui.preferences_dialog import PreferencesDialog

    saved = dt.datetime(2026, 12, 9, 14, 5, tzinfo=dt.timezone.utc)
    entries = [
        RecoveryEntry("a", Path("/home/maya/Reviews/Q4 review.qbr"), saved, Path("/tmp/a.qbr")),
        RecoveryEntry("b", None, saved - dt.timedelta(days=1), Path("/tmp/b.qbr")),
    ]
    report = "\n".join(f"crm.xlsx › Accounts: row {n} imported" for n in range(40))
    return {
        "recovery": dialog_windows.RecoveryDialog(entries, window),
        "new-review": dialog_windows.NewReviewDialog("Maya Okafor", window),
        "preferences": PreferencesDialog(
            Preferences(
                "Maya Okafor", "/home/maya/Templates/Northwind 2026.potx", "/home/maya/Decks"
            ),
            window,
        ),
        "report": dialog_windows.ReportDialog("Import report", report, window),
    }


def test_the_overview_renewals_figure_says_what_the_title_slide_says(window):
    """One window for 'renewals due': the editor's figure uses the deck's words and end month."""
    window.go_to_section("overview")
    window.refresh_plan()
    tile = window.page("overview").tiles["renewals"]
    title_slide = window.plan.slides[0]
    words = " ".join(p.text for e in title_slide.elements for p in getattr(e, "paragraphs", ()))
    assert tile.toolTip() and tile.toolTip() in words, (tile.toolTip(), words)
    assert tile.caption_label.text() == tile.toolTip()
    assert tile.value_label.text() in words


def test_the_overview_renewals_figure_is_a_dash_when_no_renewal_is_dated(window):
    review = window.doc.review.model_copy(deep=True)
    review.book.opportunities = []
    for account in review.book.accounts:
        account.renewal_date = None
    window.doc.replace_review(review, "Forget renewal dates")
    page = window.page("overview")
    page.refresh_data()
    tile = page.tiles["renewals"]
    assert tile.value_label.text() == "—"
    assert tile.caption_label.text() == "renewals due: no renewal dates in the data"


def test_the_revenue_table_states_a_renewals_risk_as_the_deck_does(window, qtbot):
    """An export that stated no risk shows the risk the warning signs give, or "Unknown" —
    never the model's default "Low"; a stated one says so."""
    review = window.doc.review.model_copy(deep=True)
    for o in review.book.opportunities:
        o.risk_stated = False
    window.doc.replace_review(review, "Import without risks")
    qtbot.waitUntil(lambda: window.planner.content.review is review)  # the table's analysis
    page = window.page("revenue")
    page.refresh_data()
    model = page.model
    col = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Risk"
    )
    kinds = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Kind"
    )
    risks = [
        model.index(r, col).data()
        for r in range(model.rowCount())
        if "enewal" in str(model.index(r, kinds).data())
    ]
    assert risks and not any(r == "Low" or "(stated)" in r for r in risks), risks
    assert any("(signals)" in r for r in risks), risks


def test_a_data_finding_jumps_to_its_row(window, qtbot):
    """The checklist's "1 usage month counts more active than licensed users" goes to that
    row of the Usage table, not to the table's top."""
    window.jump_to("book.usage[30].active_users")
    page = window.page("data")
    qtbot.waitUntil(lambda: page.current_table == "usage")
    index = page.view.currentIndex()
    assert index.isValid() and page.proxy.mapToSource(index).row() == 30


def test_the_recent_list_is_written_without_waiting_for_the_disk(tmp_path, monkeypatch):
    import os

    def no_fsync(_fd: int) -> None:
        raise AssertionError("the recent list waited for the disk")

    monkeypatch.setattr(os, "fsync", no_fsync)
    review = tmp_path / "Q4.qbr"
    review.write_bytes(b"")
    assert recent.remember(review) == [review.resolve()]
    assert recent.load_recent() == [review.resolve()]
    recent.recent_path().write_bytes(b"")  # what a power cut may leave: ignored, not fatal
    assert recent.load_recent() == []
