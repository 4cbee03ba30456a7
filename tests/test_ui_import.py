"""Importing from the window through the import wizard: detected tables, an editable mapping
with parsed values and problems by cell, one-step apply, and errors that change nothing.

Screenshots of the wizard go to ``test-artifacts/ui/`` for a person to look at.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
from ingest_fixtures import ambiguous_dates_csv, crm_report, mixed_types_workbook
from PySide6.QtCore import Qt

from qbr_studio.model import Meta, Review
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.import_models import MappingModel
from qbr_studio.ui.import_wizard import ImportWizard
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
WAIT = 60_000
DISPLAY = Qt.ItemDataRole.DisplayRole


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    path = tmp_path / "empty.qbr"
    save_review(path, Review(meta=Meta(csm="Maya Okafor", quarter="2026-Q4")))
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


@pytest.fixture
def sources(tmp_path) -> list[Path]:
    export = pytest.importorskip("qbr_studio.sample.export")
    folder = tmp_path / "exports"
    folder.mkdir()
    return export.export_sample_data(build_sample_review(), folder)


def open_wizard(qtbot, window: MainWindow, paths: list[Path] | None = None) -> ImportWizard:
    """Start an import the way the user does and wait until the files are read."""
    if paths is not None:
        window.import_spreadsheets(paths)
    qtbot.waitUntil(lambda: window.import_wizard is not None, timeout=WAIT)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    return wizard


def wait_read(qtbot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)


def choose(wizard: ImportWizard, letter: str, field: str | None) -> None:
    """Pick what a column is read as, in its combo box, as the user does."""
    model = wizard.mapping
    row = [c.letter for c in model.columns].index(letter)
    combo = wizard.mapping_view.indexWidget(model.index(row, MappingModel.FIELD))
    combo.setCurrentIndex(combo.findData(field))
    combo.activated.emit(combo.currentIndex())


def column(wizard: ImportWizard, letter: str):
    table = wizard.current_table()
    return next(c for c in table.columns if c.letter == letter)


def header(wizard: ImportWizard, section: int) -> str:
    return wizard.preview.headerData(section, Qt.Orientation.Horizontal, DISPLAY)


def save(widget, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(ARTIFACTS / name))


def test_the_wizard_imports_every_export_in_one_undo_step(window, qtbot, sources, monkeypatch):
    reports: list[str] = []
    monkeypatch.setattr(dialogs, "show_report", lambda parent, title, text: reports.append(text))
    wizard = open_wizard(qtbot, window, sources)
    assert wizard.sources.count() >= len(sources)
    assert wizard.import_button.isEnabled(), wizard.state.text()
    assert "Ready to import" in wizard.state.text()
    save(wizard, "light-import-wizard.png")
    assert window.doc.review.book.accounts == []  # nothing changes before Import
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    assert len(window.doc.review.book.accounts) > 10
    assert reports and reports[0].strip()
    assert "Imported" in window.message.text
    qtbot.waitUntil(lambda: window.import_wizard is None)
    window.go_to_section("data")
    assert window.page("data").proxy.rowCount() == len(window.doc.review.book.accounts)
    window.doc.undo_stack.undo()
    assert window.doc.review.book.accounts == []
    assert not window.doc.dirty


def test_the_file_menu_asks_for_files_and_opens_the_wizard(window, qtbot, sources, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda *_: sources[:1])
    window.actions.import_.trigger()
    wizard = open_wizard(qtbot, window)
    assert wizard.paths == sources[:1]
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    assert window.doc.review.book.accounts


def test_dropping_spreadsheets_opens_the_wizard_on_them(window, qtbot, sources):
    from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in sources])
    args = (Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton)
    enter = QDragEnterEvent(QPoint(5, 5), *args, Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPointF(5, 5), *args, Qt.KeyboardModifier.NoModifier))
    wizard = open_wizard(qtbot, window)
    assert sorted(wizard.paths) == sorted(sources)
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    assert window.doc.review.book.usage


def test_the_wizard_shows_the_detected_table_and_its_mapping(window, qtbot, tmp_path):
    wizard = open_wizard(qtbot, window, [crm_report(tmp_path / "crm.xlsx")])
    table = wizard.current_table()
    assert (table.sheet, table.kind, table.header_row) == ("Accounts by CSM", "accounts", 6)
    assert "B6" in wizard.summary.text() and "2 left out" in wizard.summary.text()
    assert wizard.kind.currentData() == "accounts"
    assert wizard.header_row.value() == 6
    by_letter = {c.letter: c.field for c in wizard.mapping.columns}
    assert by_letter["B"] == "account" and by_letter["D"] == "arr"
    assert by_letter["E"] == "renewal_date"
    arr_row = list(by_letter).index("D")
    assert wizard.mapping.index(arr_row, MappingModel.EXAMPLE).data() == "120000 → 120,000"
    assert wizard.mapping.index(arr_row, 2).data() == "header name"
    # The preview shows parsed values under "column · header → field".
    d = list(by_letter).index("D")
    assert "→ ARR" in header(wizard, d)
    assert wizard.preview.index(0, d).data() == "120,000"
    assert wizard.preview.headerData(0, Qt.Orientation.Vertical, DISPLAY) == "7"  # sheet row
    notes = [wizard.notes.item(i).text() for i in range(wizard.notes.count())]
    assert "crm.xlsx: Accounts by CSM!B12: totals row, passed over" in notes


def test_a_corrected_mapping_is_previewed_imported_and_remembered(window, qtbot, tmp_path):
    source = crm_report(tmp_path / "crm.xlsx")
    wizard = open_wizard(qtbot, window, [source])
    choose(wizard, "C", None)  # Industry: not imported
    wait_read(qtbot, wizard)
    assert column(wizard, "C").field is None
    assert column(wizard, "B").how == "name"  # untouched columns keep how they were matched
    choose(wizard, "H", "csm")  # Account Owner read as the CSM, not the account manager
    wait_read(qtbot, wizard)
    assert column(wizard, "H").field == "csm"
    assert wizard.mapping.index(7 - 1, 2).data() == "your choice"
    save(wizard, "light-import-wizard-corrected.png")
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    accounts = window.doc.review.book.accounts
    assert accounts and all(a.industry == "" for a in accounts)
    assert {a.csm for a in accounts} == {"Dana Lee"}
    # Next quarter, the same export is read the way it was corrected, with no questions.
    again = open_wizard(qtbot, window, [source])
    assert column(again, "C").field is None
    assert column(again, "H").field == "csm"
    assert column(again, "H").how == "remembered"
    assert again.import_button.isEnabled()
    again.reject()


def test_choosing_a_field_twice_moves_it(window, qtbot, tmp_path):
    wizard = open_wizard(qtbot, window, [crm_report(tmp_path / "crm.xlsx")])
    choose(wizard, "C", "account_manager")  # H held it
    wait_read(qtbot, wizard)
    assert column(wizard, "C").field == "account_manager"
    assert column(wizard, "H").field is None


def test_a_missing_required_field_blocks_import_until_chosen(window, qtbot, tmp_path):
    wizard = open_wizard(qtbot, window, [crm_report(tmp_path / "crm.xlsx")])
    choose(wizard, "B", None)
    assert not wizard.busy_reading  # nothing to read: the choice can't work
    assert "Account" in wizard.problem.text() and wizard.problem.isVisible()
    assert not wizard.import_button.isEnabled()
    assert "Not imported" in header(wizard, 0)
    choose(wizard, "B", "account")
    wait_read(qtbot, wizard)
    assert wizard.import_button.isEnabled()
    assert not wizard.problem.isVisible()


def test_every_unreadable_value_is_listed_with_its_cell(window, qtbot, tmp_path):
    wizard = open_wizard(qtbot, window, [mixed_types_workbook(tmp_path / "mine.xlsx")])
    problems = [wizard.problems.item(i).text() for i in range(wizard.problems.count())]
    assert any('My book!C5: "Q3"' in p for p in problems), problems
    assert any('My book!D5: "purple"' in p for p in problems), problems
    assert wizard.tabs.tabText(1).startswith("Problems (")
    renewal = list(c.letter for c in wizard.mapping.columns).index("C")
    assert wizard.mapping.index(renewal, MappingModel.PROBLEMS).data() == "1 unreadable value"
    assert wizard.preview.problem_cell(3, renewal)  # sheet row 5 is the 4th preview row
    items = [wizard.problems.item(i) for i in range(wizard.problems.count())]
    item = next(i for i in items if "C5" in i.text())
    wizard.problems.itemClicked.emit(item)
    current = wizard.preview_view.currentIndex()
    assert (current.row(), current.column()) == (3, renewal)
    save(wizard, "light-import-wizard-problems.png")
    assert wizard.import_button.isEnabled()  # unreadable values don't stop the import


def test_the_date_order_can_be_set_when_the_data_cannot_tell(window, qtbot, tmp_path):
    rows = [("Contoso", "03/04/2027"), ("Fabrikam", "05/06/2027")]
    wizard = open_wizard(qtbot, window, [ambiguous_dates_csv(tmp_path / "dates.csv", rows)])
    assert column(wizard, "B").parsed[0] in ("2027-03-04", "2027-04-03")
    wizard.dates.setCurrentIndex(wizard.dates.findData("dmy"))
    wizard.dates.activated.emit(wizard.dates.currentIndex())
    wait_read(qtbot, wizard)
    assert column(wizard, "B").parsed[:2] == ["2027-04-03", "2027-06-05"]
    wizard.dates.setCurrentIndex(wizard.dates.findData("mdy"))
    wizard.dates.activated.emit(wizard.dates.currentIndex())
    wait_read(qtbot, wizard)
    assert column(wizard, "B").parsed[:2] == ["2027-03-04", "2027-05-06"]
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    renewals = {a.name: a.renewal_date for a in window.doc.review.book.accounts}
    assert renewals["Contoso"].isoformat() == "2027-03-04"


def test_the_data_kind_and_header_row_can_be_corrected(window, qtbot, tmp_path):
    wizard = open_wizard(qtbot, window, [crm_report(tmp_path / "crm.xlsx")])
    wizard.header_row.setValue(40)  # below the table: nothing to read there
    wait_read(qtbot, wizard)
    assert not wizard.import_button.isEnabled()
    assert "header_row 40 is outside" in wizard.problem.text()
    assert wizard.current_table().header_row == 6  # the last good reading stays in view
    wizard.header_row.setValue(6)
    wait_read(qtbot, wizard)
    assert wizard.import_button.isEnabled(), wizard.state.text()
    wizard.kind.setCurrentIndex(wizard.kind.findData("opportunities"))
    wizard.kind.activated.emit(wizard.kind.currentIndex())
    wait_read(qtbot, wizard)
    assert wizard.current_table().kind == "opportunities"  # read again as the kind chosen
    # Accounts read as opportunities have no type: left out, nothing would be imported, so
    # the wizard asks first.
    assert wizard.untyped.isVisible() and not wizard.import_button.isEnabled()
    wizard.untyped.buttons["renewal"].click()
    assert wizard.import_button.isEnabled(), wizard.state.text()


def test_a_bad_file_is_explained_and_can_be_left_out(window, qtbot, tmp_path, sources):
    bad = tmp_path / "accounts.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    before = window.doc.review.model_dump()
    wizard = open_wizard(qtbot, window, [bad, sources[0]])
    assert not wizard.import_button.isEnabled()
    assert "accounts.xlsx" in wizard.state.text()
    wizard.sources.setCurrentRow(0)
    assert "accounts.xlsx can't be imported" in wizard.message.text()
    assert "--as" not in wizard.message.text()  # a command-line hint has no place here
    save(wizard, "light-import-wizard-bad-file.png")
    wizard.remove_button.click()
    assert wizard.paths == [sources[0]]
    assert wizard.import_button.isEnabled()
    wizard.reject()
    qtbot.waitUntil(lambda: window.import_wizard is None)
    assert window.doc.review.model_dump() == before
    assert window.doc.undo_stack.count() == 0


def test_an_import_that_fails_keeps_the_wizard_open_and_the_review_unchanged(
    window, qtbot, tmp_path, sources
):
    wizard = open_wizard(qtbot, window, sources[:1])
    sources[0].write_bytes(b"gone bad since it was read")  # changed under our feet
    before = window.doc.review.model_dump()
    wizard.import_button.click()
    qtbot.waitUntil(lambda: "Nothing was imported" in wizard.state.text(), timeout=WAIT)
    assert sources[0].name in wizard.state.text()
    assert wizard.isVisible()
    assert window.doc.review.model_dump() == before
    wizard.reject()


def test_the_wizard_in_the_dark_palette(window, qtbot, tmp_path):
    """Alert colours and greyed columns stay readable on the dark palette (look at it)."""
    from PySide6.QtWidgets import QApplication

    from qbr_studio.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, dark=True)
    try:
        wizard = open_wizard(qtbot, window, [mixed_types_workbook(tmp_path / "mine.xlsx")])
        choose(wizard, "E", None)
        wait_read(qtbot, wizard)
        qtbot.wait(50)
        save(wizard, "dark-import-wizard-problems.png")
        assert column(wizard, "E").field is None
        wizard.reject()
    finally:
        apply_theme(app, dark=False)


def test_totals_and_note_rows_are_notes_not_problems(window, qtbot, tmp_path):
    """A CRM report's Grand Totals row and footer note are passed over on purpose: the Notes
    tab says so, the Problems tab neither lists nor counts them."""
    wizard = open_wizard(qtbot, window, [crm_report(tmp_path / "crm.xlsx")])
    problems = [wizard.problems.item(i).text() for i in range(wizard.problems.count())]
    notes = [wizard.notes.item(i).text() for i in range(wizard.notes.count())]
    assert not any("totals row" in p or "note row" in p for p in problems), problems
    assert any("totals row, passed over" in n for n in notes), notes
    assert wizard.tabs.tabText(1) == "Problems (0)"
