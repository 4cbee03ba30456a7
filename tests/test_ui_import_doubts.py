"""The import wizard says when it is not sure what a file holds, and imports what its user
confirms (the command line would refuse the same file without --as)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
import real_export_fixtures as rx

from qbr_studio.model import Meta, Review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window

pytestmark = pytest.mark.qt
WAIT = 60_000


def test_the_wizard_shows_the_doubt_and_imports_what_the_user_confirms(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    monkeypatch.setattr(dialogs, "show_report", lambda *_: None)
    path = tmp_path / "empty.qbr"
    save_review(path, Review(meta=Meta(csm="Maya Okafor", quarter="2026-Q4")))
    window = create_window(path, offer_recovery=False)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.plan is not None)
    source = rx.write_csv(
        tmp_path / "export.csv",
        ["Account Name", "survey_id", "score", "comment"],
        [["Acme Corp", "N1", 9, "Great"], ["Bluebird Labs", "N2", 3, "Slow"]],
    )
    window.import_spreadsheets([source])
    qtbot.waitUntil(lambda: window.import_wizard is not None, timeout=WAIT)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: not wizard.busy_reading, timeout=WAIT)
    assert "Is this accounts?" in wizard.summary.text()  # the UI says so; the CLI refuses
    assert "looks more like nps" in wizard.summary.text()
    assert wizard.import_button.isEnabled(), wizard.state.text()
    with qtbot.waitSignal(window.imported, timeout=WAIT):
        wizard.import_button.click()
    qtbot.waitUntil(lambda: window.import_wizard is None)
    assert sorted(a.name for a in window.doc.review.book.accounts) == ["Acme Corp", "Bluebird Labs"]
