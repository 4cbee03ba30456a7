"""The import wizard asks what the import can't know (issue 8): what opportunities without a
type are, which of an event log's features are key, and the file linking ids to accounts."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

import pytest
import wizard_fixtures as wf
from PySide6.QtCore import Qt

from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.import_wizard import ImportWizard
from qbr_studio.ui.main_window import MainWindow

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
WAIT = 60_000
SIZES = ((1280, 800), (1440, 900), (1920, 1080))


def _window(qtbot, monkeypatch, path: Path) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


@pytest.fixture
def sf_window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    path, _ = wf.sf_review(tmp_path)
    return _window(qtbot, monkeypatch, path)


@pytest.fixture
def c360_window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    import real_export_fixtures as rx

    path = rx.review_with_accounts(tmp_path, rx.c360_accounts(tmp_path / "crm_accounts.csv"))
    return _window(qtbot, monkeypatch, path)


def _wizard(qtbot, window: MainWindow, paths: list[Path]) -> ImportWizard:
    window.import_spreadsheets(paths)
    qtbot.waitUntil(lambda: window.import_wizard is not None, timeout=WAIT)
    wizard = window.import_wizard
    assert wizard is not None
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    return wizard


def _shots(wizard: ImportWizard, name: str) -> None:
    """The wizard at each window size (look at them: nothing cramped or cut)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        wizard.resize(width, height)
        wizard.layout().activate()
        assert wizard.grab().save(str(ARTIFACTS / f"import-{name}-{width}x{height}.png"))


def _import(qtbot, window: MainWindow, wizard: ImportWizard) -> None:
    assert wizard.import_button.isEnabled(), wizard.state.text()
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()


def test_opportunities_without_a_type_are_asked_about_left_out_by_default(
    sf_window, qtbot, tmp_path
):
    source = wf.sf_opportunity_untyped(tmp_path / "Opportunity.csv")
    wizard = _wizard(qtbot, sf_window, [source])
    question = wizard.untyped
    assert question.isVisible() and not wizard.features.isVisible()
    assert question.question.text().startswith(
        f"2 opportunities have no type ({wf.UNTYPED_AMOUNT}): 'Type' is blank or says"
    )
    leave = question.buttons[None]
    assert leave.isChecked() and leave.text() == "Leave them out (2 not imported)"
    assert question.outcome.text() == f"2 opportunities ({wf.UNTYPED_AMOUNT}) will be left out."
    _shots(wizard, "untyped-opportunities")

    question.buttons["renewal"].click()
    assert wizard.session.opportunity_type == "renewal"
    assert question.outcome.text().endswith("will be imported as renewals.")
    question.buttons[None].click()
    assert wizard.session.opportunity_type is None
    question.buttons["expansion"].click()
    wizard.sources.setCurrentRow(0)  # shown again: the choice stays
    assert question.buttons["expansion"].isChecked()
    _import(qtbot, sf_window, wizard)
    kinds = sorted(o.kind.value for o in sf_window.doc.review.book.opportunities)
    assert kinds == ["expansion", "expansion", "expansion", "renewal"]


def test_leaving_untyped_opportunities_out_imports_the_others(sf_window, qtbot, tmp_path):
    source = wf.sf_opportunity_untyped(tmp_path / "Opportunity.csv")
    wizard = _wizard(qtbot, sf_window, [source])
    _import(qtbot, sf_window, wizard)
    kinds = sorted(o.kind.value for o in sf_window.doc.review.book.opportunities)
    assert kinds == ["expansion", "renewal"]


def test_an_event_logs_features_are_checked_as_key_features(c360_window, qtbot, tmp_path):
    source = wf.c360_events_with_features(tmp_path / "usage_events.csv")
    wizard = _wizard(qtbot, c360_window, [source])
    panel = wizard.features
    assert panel.isVisible() and not wizard.untyped.isVisible()
    items = [panel.list.item(i) for i in range(panel.list.count())]
    assert [i.text() for i in items] == [
        "login  ·  5 events",
        "feat_A  ·  3 events",
        "api_call  ·  2 events",
        "Feat_B  ·  1 event",
    ]
    assert all(i.checkState() == Qt.CheckState.Unchecked for i in items)
    assert panel.outcome.text().startswith("None checked: every one of the 4 features")
    items[2].setCheckState(Qt.CheckState.Checked)
    items[3].setCheckState(Qt.CheckState.Checked)
    assert wizard.session.key_features == ("api_call", "Feat_B")
    assert panel.outcome.text() == "2 of 4 features count as key features."
    _shots(wizard, "key-features")
    panel.clear.click()
    assert wizard.session.key_features == ()
    items = [panel.list.item(i) for i in range(panel.list.count())]
    items[0].setCheckState(Qt.CheckState.Checked)
    _import(qtbot, c360_window, wizard)
    october = dt.date(2026, 10, 1)
    uses = {
        u.account_id: u.feature_uses
        for u in c360_window.doc.review.book.usage
        if u.month == october
    }
    assert uses == {"ACCT0001": 3, "ACCT0004": 2}  # login's 5 events only


def test_usage_keyed_by_subscription_offers_the_file_that_links_it(
    c360_window, qtbot, tmp_path, monkeypatch
):
    source = wf.usage_by_subscription(tmp_path / "usage.csv")
    wizard = _wizard(qtbot, c360_window, [source])
    assert wizard.pages.currentIndex() == 1 and not wizard.import_button.isEnabled()
    said = html.unescape(wizard.message.text())
    assert "keyed by 'subscription_id', not by an account" in said
    assert "Add the file that maps these ids to accounts, or remove this file" in said
    assert "--link" not in said
    button = wizard.link_button
    assert button.isVisible() and button.text() == "Add a file that maps these ids to accounts…"

    answers = iter(
        [
            wf.plans_without_accounts(tmp_path / "plans.csv"),
            None,  # the dialog cancelled: nothing changes
            wf.subscriptions(tmp_path / "subscriptions.csv"),
        ]
    )
    monkeypatch.setattr(dialogs, "ask_link_path", lambda *_: next(answers))
    button.click()
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert "plans.csv: can't link rows to accounts with it: no account id" in html.unescape(
        wizard.link_state.text()
    )
    assert wizard.link_state.isVisible() and wizard.pages.currentIndex() == 1
    _shots(wizard, "link-ids")
    button.click()
    assert wizard.session.links == []
    button.click()
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert wizard.pages.currentIndex() == 0, wizard.message.text()
    assert wizard.session.links == [tmp_path / "subscriptions.csv"]
    notes = [wizard.notes.item(i).text() for i in range(wizard.notes.count())]
    assert any("linked to accounts by subscriptions.csv" in n for n in notes)
    assert wizard.summary.text().endswith(
        "The account of each row comes from the link file, by its subscription_id (column E)."
    )
    assert wizard.links_used.isVisible()
    assert wizard.links_used.text() == "Ids linked to accounts with subscriptions.csv."
    _shots(wizard, "linked")
    wizard.unlink_button.click()  # a link can be taken back: the file can't be read again
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert wizard.session.links == [] and wizard.pages.currentIndex() == 1
    assert not wizard.unlink_button.isVisible()
    monkeypatch.setattr(dialogs, "ask_link_path", lambda *_: tmp_path / "subscriptions.csv")
    button.click()
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    _import(qtbot, c360_window, wizard)
    got = {(u.account_id, u.active_users) for u in c360_window.doc.review.book.usage}
    assert got == {("ACCT0001", 30), ("ACCT0002", 8), ("ACCT0004", 70)}


def test_a_table_none_of_whose_opportunities_has_a_type_waits_for_the_answer(
    sf_window, qtbot, tmp_path
):
    import real_export_fixtures as rx

    wizard = _wizard(qtbot, sf_window, [rx.sf_opportunity(tmp_path / "Opportunity.csv")])
    assert not wizard.import_button.isEnabled()
    assert "none of its opportunities has a type" in wizard.state.text()
    wizard.untyped.buttons["cross-sell"].click()
    assert wizard.import_button.isEnabled(), wizard.state.text()
    wizard.untyped.buttons[None].click()
    assert not wizard.import_button.isEnabled()


def test_the_questions_in_the_dark_palette(c360_window, qtbot, tmp_path, monkeypatch):
    """The link refusal's alert colour stays readable on the dark palette (look at it)."""
    from PySide6.QtWidgets import QApplication

    from qbr_studio.ui.import_models import alert
    from qbr_studio.ui.theme import apply_theme

    app = QApplication.instance()
    apply_theme(app, dark=True)
    try:
        source = wf.usage_by_subscription(tmp_path / "usage.csv")
        wizard = _wizard(qtbot, c360_window, [source])
        wrong = wf.plans_without_accounts(tmp_path / "plans.csv")
        monkeypatch.setattr(dialogs, "ask_link_path", lambda *_: wrong)
        wizard.link_button.click()
        qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
        assert f"color:{alert().name()}" in wizard.link_state.text()
        assert alert().name() == "#ff8a80"  # the dark palette's alert colour
        _shots(wizard, "link-ids-dark")
        wizard.reject()
    finally:
        apply_theme(app, dark=False)
