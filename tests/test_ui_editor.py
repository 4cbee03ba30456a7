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
def review_path(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the sample; windows closing on it discard their changes."""
    path = tmp_path / "Q4 review.qbr"
    save_review(path, build_sample_review())
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    return path


def open_window(qtbot, path: Path | None) -> MainWindow:
    """A window as on a start of the app (``None``: the review the last one had open)."""
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


@pytest.fixture
def window(qtbot, review_path) -> MainWindow:
    win = open_window(qtbot, review_path)
    win.resize(1440, 900)
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
    field.calendar_menu.aboutToShow.emit()
    shown = window.doc.review.meta.meeting_date
    assert (field.calendar.yearShown(), field.calendar.monthShown()) == (shown.year, shown.month)
    field.clear_button.click()
    assert window.doc.review.meta.meeting_date is None
    field.calendar_menu.aboutToShow.emit()
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


# --- toolbar --------------------------------------------------------------------------------

MAIN_ACTIONS = ("open", "save", "undo", "redo", "import_", "build")


def toolbar_buttons(window):
    from PySide6.QtWidgets import QToolBar

    bar = window.findChild(QToolBar, "MainToolbar")
    return bar, {name: bar.widgetForAction(getattr(window.actions, name)) for name in MAIN_ACTIONS}


def import_six_files(window, monkeypatch):
    """What the import wizard hands the window when six files were read."""
    from types import SimpleNamespace

    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    names = [f"Salesforce export {kind} 2026-12-01.csv" for kind in "ABCDEF"]
    review = window.doc.review.model_copy(deep=True)
    review.meta.team = "After the import"
    result = SimpleNamespace(review=review, report=SimpleNamespace(to_text=lambda: ""))
    window.imports._imported(result, ", ".join(names))
    return names


@pytest.mark.parametrize("size", [(1280, 800), (1440, 900), (1920, 1080)])
def test_the_main_actions_stay_visible_and_in_place_after_importing_six_files(
    window, qtbot, monkeypatch, size
):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    bar, buttons = toolbar_buttons(window)
    before = {name: button.geometry() for name, button in buttons.items()}
    names = import_six_files(window, monkeypatch)
    qtbot.wait(10)
    bar, buttons = toolbar_buttons(window)
    for name, button in buttons.items():
        assert button is not None and button.isVisible(), name
        assert bar.rect().contains(button.geometry()), name
        assert button.geometry() == before[name], f"{name} moved"
    assert buttons["undo"].text() == "Undo"
    undo = window.actions.undo
    assert names[-1] in undo.toolTip() and names[-1] in undo.text()  # tooltip and Edit menu


# --- banners --------------------------------------------------------------------------------


def global_positions(window, widgets):
    return [w.mapTo(window, w.rect().topLeft()) for w in widgets]


@pytest.mark.parametrize("kind", ["error", "info", "success"])
def test_a_banner_moves_nothing_the_user_is_about_to_click(window, qtbot, kind):
    window.go_to_section("achievements")
    page = window.page("achievements")
    targets = [b.widget for b in page.bindings.values()] or [page]
    targets += [window.nav, window.preview]
    qtbot.wait(10)
    before = global_positions(window, targets)
    long_text = "The logo could not be read: " + "this explanation goes on. " * 20
    {"error": window.show_error, "info": window.show_message, "success": window.show_done}[kind](
        long_text
    )
    qtbot.wait(10)
    assert window.message.isVisible()
    assert global_positions(window, targets) == before
    assert window.message.label.toolTip() == long_text  # all of it, when two lines are not
    window.message.close_button.click()
    qtbot.wait(10)
    assert global_positions(window, targets) == before


def test_an_error_goes_once_an_edit_goes_through(window, qtbot):
    window.doc.report("notes.txt was not used as the logo: it is not a PNG or JPEG picture.")
    assert window.message.isVisible()
    window.doc.edit("meta.team", "Strategic West", label="Team")
    assert not window.message.isVisible()


def test_a_result_banner_goes_when_another_action_starts(window, qtbot, tmp_path, monkeypatch):
    out = tmp_path / "deck.pdf"
    assert window.export_pdf(out)
    assert window.message.isVisible() and "PDF saved" in window.message.text
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: None)
    window.save_as()  # started, then cancelled in the dialog
    assert not window.message.isVisible()


def test_a_new_review_does_not_show_the_last_reviews_deck(window, qtbot, tmp_path, monkeypatch):
    window.outputs._built(tmp_path / "old.pptx")
    label = window.check_page.result_label
    assert "old.pptx" in label.text()
    monkeypatch.setattr(
        dialogs, "ask_new_review", lambda *_: dialogs.NewReview("Ann", "2027-Q1", "East")
    )
    window.new_review()
    assert window.doc.review.meta.quarter == "2027-Q1"
    assert label.text() == "" and window.last_output is None


def test_the_new_review_dialog_shows_its_whole_name_placeholder(qtbot):
    from qbr_studio.ui.dialog_windows import NewReviewDialog

    dialog = NewReviewDialog("")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    field = dialog.csm
    needed = field.fontMetrics().horizontalAdvance(field.placeholderText())
    assert field.width() >= needed + 12
    dialog.quarter.setText("Q4 2026")
    assert dialog.result_value().quarter == "2026-Q4"


# --- the preview follows the editor ---------------------------------------------------------


def shown(window):
    return window.plan.slides[window.preview.current_index()]


def test_every_slide_of_the_deck_belongs_to_one_agenda_section(window):
    from qbr_studio.model.agenda import Section

    sections = [slide.section for slide in window.plan.slides]
    assert all(section in set(Section) for section in sections)
    assert set(sections) == set(Section)  # the sample shows every part of the deck


def test_the_communication_tab_shows_the_communication_slide(window, qtbot):
    window.go_to_section("challenges")
    page = window.page("challenges")
    assert shown(window).section == "Adoption challenges"
    patterns = window.preview.current_index()
    page.tabs.setCurrentIndex(1)
    assert shown(window).title.startswith("Talking to the critical parties")
    assert window.preview.current_index() != patterns
    page.tabs.setCurrentIndex(0)
    assert window.preview.current_index() == patterns


def test_choosing_the_communication_slide_opens_its_tab(window, qtbot):
    from qbr_studio.ui.slide_follow import slides_showing

    window.go_to_section("overview")
    (first, *_) = slides_showing(window.plan, "communications")
    window.preview.set_current_index(first)
    assert window.current_section() == "challenges"
    assert window.page("challenges").tabs.currentIndex() == 1


def test_deep_dive_into_an_account_shows_its_deep_dive_slide(window, qtbot):
    window.go_to_section("overview")
    page = window.page("overview")
    current = window.doc.review.deep_dive.account_id
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.model.record(page.proxy.mapToSource(page.proxy.index(r, 0)).row()).id != current
    )
    page.table.selectRow(row)
    account = page.selected_account()
    window.preview.set_current_index(0)
    page.dive_button.click()
    qtbot.waitUntil(lambda: account.name in shown(window).title)
    assert window.current_section() == "deep_dive"
    assert shown(window).section == "Deep dive"


def test_after_a_restart_the_preview_shows_the_section_left_open(qtbot, review_path):
    first = open_window(qtbot, review_path)
    first.go_to_section("revenue")
    first.close()
    second = open_window(qtbot, None)
    assert second.current_section() == "revenue"
    assert shown(second).section == "Revenue"


def test_after_an_import_moves_the_slides_the_preview_stays_on_the_section(
    window, qtbot, monkeypatch
):
    from types import SimpleNamespace

    window.go_to_section("achievements")
    qtbot.waitUntil(lambda: shown(window).section == "Achievements")
    before = window.preview.current_index()
    old_plan = window.plan
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    review = window.doc.review.model_copy(deep=True)
    review.deep_dive.account_id = None  # no deep-dive slides: the same number is another slide
    result = SimpleNamespace(review=review, report=SimpleNamespace(to_text=lambda: ""))
    window.imports._imported(result, "crm.csv")
    qtbot.waitUntil(lambda: window.plan is not old_plan)
    assert window.plan.slides[before].section != "Achievements"
    assert shown(window).section == "Achievements"


# --- tables ---------------------------------------------------------------------------------


def arrow_is_wider_below(view, qtbot) -> bool:
    """In the sorted column's header, is the sort arrow's ink wider at its bottom (▲)?"""
    header = view.horizontalHeader()
    header.viewport().update()
    qtbot.wait(10)
    section = header.sortIndicatorSection()
    x = header.sectionViewportPosition(section)
    width = header.sectionSize(section)
    image = header.grab().toImage()
    background = image.pixelColor(x + width - 3, 2).lightness()
    rows = []
    for y in range(image.height()):
        ink = sum(
            1
            for px in range(x + width - 14, x + width - 1)
            if abs(image.pixelColor(px, y).lightness() - background) > 40
        )
        if 0 < ink < 13:  # (a row of 13 is the header's bottom edge)
            rows.append(ink)
    assert len(rows) >= 2, "no arrow drawn"
    half = len(rows) // 2
    return sum(rows[-half:]) > sum(rows[:half])


def test_the_sort_arrow_points_the_way_the_rows_go(window, qtbot):
    window.go_to_section("overview")
    view = window.page("overview").table
    view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # ARR, largest first: ▼
    assert not arrow_is_wider_below(view, qtbot)
    view.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # smallest first: ▲
    assert arrow_is_wider_below(view, qtbot)


@pytest.mark.parametrize("section", ["overview", "data", "revenue"])
def test_table_columns_fit_and_headers_are_whole_at_1280(window, qtbot, section):
    window.resize(1280, 800)
    window.default_split()
    window.go_to_section(section)
    qtbot.wait(50)
    page = window.page(section)
    view = page.view if section == "data" else page.table
    header = view.horizontalHeader()
    model = view.model()
    assert model.columnCount() > 3
    headers = [header.sectionSizeFromContents(c).width() for c in range(model.columnCount())]
    for column, needed in enumerate(headers):
        assert view.columnWidth(column) >= needed, model.headerData(column, Qt.Horizontal)
    total = sum(view.columnWidth(c) for c in range(model.columnCount() - 1))
    if sum(headers) <= view.viewport().width():
        assert total <= view.viewport().width()  # fits: no sideways scrolling
    else:  # whole headers scroll sideways rather than read "Ren…"
        assert view.horizontalScrollBar().maximum() > 0


def test_the_editor_preview_split_is_remembered(qtbot, review_path):
    first = open_window(qtbot, review_path)  # (at the size the screen allows, as the second)
    nav, editor, preview = first.splitter.sizes()
    first.splitter.setSizes([nav, editor - 100, preview + 100])
    chosen = first.splitter.sizes()
    first.close()
    second = open_window(qtbot, None)
    assert second.splitter.sizes() == chosen


# --- space ----------------------------------------------------------------------------------


def test_the_view_menu_names_check_and_build_without_a_stray_mnemonic(window):
    from PySide6.QtGui import QKeySequence

    action = window.actions.sections[-1]
    assert action.text() == "Check && Build"  # shows as "Check & Build"
    assert QKeySequence.mnemonic(action.text()).isEmpty()


@pytest.mark.parametrize(
    ("section", "editor", "field"),
    [("deep_dive", "stakeholders", "interest"), ("revenue", "actions", "text")],
)
def test_one_line_fields_are_one_line_editors(window, qtbot, section, editor, field):
    from PySide6.QtWidgets import QLineEdit

    window.go_to_section(section)
    qtbot.wait(20)
    widget = getattr(window.page(section), editor).fields[field].widget
    assert isinstance(widget, QLineEdit)
    assert widget.height() < widget.fontMetrics().lineSpacing() * 3


@pytest.mark.parametrize(
    ("section", "editor"),
    [
        ("achievements", "editor"),
        ("challenges", "communications"),
        ("deep_dive", "stakeholders"),
        ("revenue", "actions"),
    ],
)
def test_lists_show_seven_items(window, qtbot, section, editor):
    window.go_to_section(section)
    page = window.page(section)
    if section == "challenges":
        page.tabs.setCurrentIndex(1)
    qtbot.wait(20)
    lists = getattr(page, editor)
    assert lists.view.viewport().height() >= lists.model.row_height * 7


def test_the_wheel_scrolls_the_page_unless_the_text_box_has_focus(window, qtbot):
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QScrollArea

    window.resize(1280, 800)
    window.go_to_section("deep_dive")
    page = window.page("deep_dive")
    qtbot.wait(20)
    box = page.bindings["deep_dive.business_and_challenges"].widget
    box.setPlainText("\n".join(f"line {n}" for n in range(20)))
    area = page.findChild(QScrollArea)
    page_bar, box_bar = area.verticalScrollBar(), box.verticalScrollBar()
    assert page_bar.maximum() > 0 and box_bar.maximum() > 0

    def wheel():
        at = QPointF(box.viewport().rect().center())
        event = QWheelEvent(
            at,
            QPointF(box.viewport().mapToGlobal(at.toPoint())),
            QPoint(0, 0),
            QPoint(0, -120),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        )
        QApplication.sendEvent(box.viewport(), event)

    window.nav.setFocus()
    page_before, box_before = page_bar.value(), box_bar.value()
    wheel()
    assert page_bar.value() > page_before and box_bar.value() == box_before
    box.setFocus()
    page_before = page_bar.value()
    wheel()
    assert box_bar.value() > box_before and page_bar.value() == page_before


def test_saving_again_and_again_keeps_one_backup_beside_the_review(window, qtbot, review_path):
    for team in ("East", "West", "North"):
        window.doc.edit("meta.team", team, label="Team")
        assert window.save()
    window.build_deck(review_path.with_suffix(".pptx"))
    qtbot.waitUntil(lambda: not window.outputs.tasks, timeout=60_000)
    names = sorted(p.name for p in review_path.parent.iterdir())
    assert names == ["Q4 review.pptx", "Q4 review.qbr", "Q4 review.qbr.bak"]


def test_a_result_banner_goes_with_the_next_edit(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    import_six_files(window, monkeypatch)
    assert window.message.isVisible() and "Edit › Undo takes it back" in window.message.text
    window.doc.edit("meta.team", "Strategic West", label="Team")
    assert not window.message.isVisible()
    window.show_message("New review started.")  # information stays its few seconds
    window.doc.edit("meta.team", "Strategic East", label="Team")
    assert window.message.isVisible()


def _page_fit(page) -> tuple[int, int]:
    """(the width the page's content needs, the width it has)."""
    from PySide6.QtWidgets import QScrollArea

    area = next((a for a in page.findChildren(QScrollArea) if a.parentWidget() is page), None)
    if area is None:
        return page.minimumSizeHint().width(), page.width()
    return area.widget().minimumSizeHint().width(), area.viewport().width()


@pytest.mark.parametrize("size", [(1280, 800), (1440, 900), (1920, 1080)])
def test_no_page_is_wider_than_its_column_in_the_default_split(window, qtbot, size):
    """A page wider than the editor column scrolls sideways and cuts its text and figures."""
    from qbr_studio.ui.sections import SECTIONS

    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window.default_split()
    for key, _ in SECTIONS:
        window.go_to_section(key)
        qtbot.wait(20)
        need, have = _page_fit(window.page(key))
        assert need <= have, (key, need, have)


def test_the_overview_fits_a_narrow_editor_column_with_labels_above_long_fields(window, qtbot):
    """Dragged narrow (or a 1024-pixel window), the review's details put a label above a
    field too wide to sit beside it (the meeting date and its buttons) instead of scrolling."""
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.width() == 1280)
    nav = window.nav.minimumWidth()
    window.splitter.setSizes([nav, 490, 1280 - nav - 490])
    window.go_to_section("overview")
    qtbot.wait(20)
    need, have = _page_fit(window.page("overview"))
    assert need <= have, (need, have)
