"""The first run that teaches: the sample opens under a banner with its two actions, saving
the sample goes to the user's documents folder, and Build / Export PDF default to where the
review is."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from qbr_studio.model import Meta, Review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs, sample_banner
from qbr_studio.ui.app import create_window
from qbr_studio.ui.startup import is_sample

pytestmark = pytest.mark.qt


@pytest.fixture
def documents(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "Documents"
    monkeypatch.setenv("QBR_STUDIO_DOCUMENTS_DIR", str(folder))
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    return folder


@pytest.fixture
def first_window(qtbot, documents):
    """The window as a newcomer sees it: no recent review, so the sample."""
    win = create_window(None, offer_recovery=False)
    qtbot.addWidget(win)
    return win


def asked_paths(monkeypatch) -> list[Path]:
    """Answer every save dialog with its suggestion, remembering the suggestions."""
    asked: list[Path] = []

    def ask(_parent, _title, suggested, _filter):
        asked.append(suggested)
        return suggested

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    return asked


def test_the_sample_opens_under_a_banner_with_two_actions(first_window):
    banner = first_window.sample_banner
    assert is_sample(first_window.doc.path)
    assert banner.isVisible()
    assert "This is a sample review. Start your own (File › New)" in banner.label.text()
    assert "import your CRM export" in banner.label.text()
    assert banner.new_button.isVisible() and banner.import_button.isVisible()


def test_start_my_own_opens_a_new_review_and_the_banner_goes(first_window, monkeypatch):
    monkeypatch.setattr(
        dialogs, "ask_new_review", lambda *_: dialogs.NewReview("Dana Reyes", "2026-Q4")
    )
    first_window.sample_banner.new_button.click()
    assert first_window.doc.path is None
    assert first_window.doc.review.meta.csm == "Dana Reyes"
    assert not first_window.sample_banner.isVisible()


def test_import_my_crm_export_asks_for_spreadsheets_from_the_documents(
    first_window, documents, monkeypatch
):
    asked: list[Path | None] = []
    monkeypatch.setattr(dialogs, "ask_import_paths", lambda _p, folder: asked.append(folder) or [])
    first_window.sample_banner.import_button.click()
    assert asked == [documents]


def test_saving_the_sample_goes_to_the_documents_folder(first_window, documents, monkeypatch):
    asked = asked_paths(monkeypatch)
    first_window.doc.set_value("meta.team", "Enterprise East")
    assert first_window.save()
    assert asked == [documents / "Sample review.qbr"]
    assert first_window.doc.path == documents / "Sample review.qbr"
    assert (documents / "Sample review.qbr").is_file()
    assert not first_window.sample_banner.isVisible()


def test_build_and_pdf_of_the_sample_default_to_the_documents(first_window, documents, monkeypatch):
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _w, _t, s, _f: asked.append(s))
    first_window.build_deck()
    first_window.export_pdf()
    assert [p.parent for p in asked] == [documents, documents]
    assert [p.suffix for p in asked] == [".pptx", ".pdf"]


def test_build_and_pdf_default_to_the_reviews_folder(qtbot, tmp_path, documents, monkeypatch):
    path = tmp_path / "reviews" / "Q4.qbr"
    path.parent.mkdir()
    save_review(path, Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q4")))
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    assert not win.sample_banner.isVisible()
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _w, _t, s, _f: asked.append(s))
    win.build_deck()
    win.export_pdf()
    win.save_as()
    assert asked == [path.with_suffix(".pptx"), path.with_suffix(".pdf"), path]


def test_dont_show_again_is_for_good(qtbot, first_window, documents):
    first_window.sample_banner.dismiss_button.click()
    assert not first_window.sample_banner.isVisible()
    assert sample_banner.dismissed()
    again = create_window(None, offer_recovery=False)
    qtbot.addWidget(again)
    assert is_sample(again.doc.path)
    assert not again.sample_banner.isVisible()
