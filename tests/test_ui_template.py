"""The review's deck template in the app: the Overview chooser (one undo step, the preview
follows), the Preferences' template for new reviews, and the template-check page.

Screenshots go to ``test-artifacts/ui/`` (template-*.png).
"""

from __future__ import annotations

import os
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest
import template_factory
from PySide6.QtCore import Qt
from sample_window import sample_window

from qbr_studio.document.media import template_entry
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import load_review, save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow
from qbr_studio.ui.preferences import Preferences
from qbr_studio.ui.template_check_page import TemplateCheckDialog

pytestmark = pytest.mark.qt

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "ui"
SIZES = ((1280, 800), (1440, 900), (1920, 1080))


def _sample_window(qtbot, folder: Path, monkeypatch) -> MainWindow:
    """The window on the sample review saved in ``folder``, its first plan made."""
    return sample_window(qtbot, folder, monkeypatch, "overview")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    return _sample_window(qtbot, tmp_path, monkeypatch)


def _chooser(window: MainWindow):
    return window.page("overview").template_chooser


def test_choosing_a_template_is_one_undo_step_and_the_preview_follows(
    window, qtbot, tmp_path, monkeypatch
):
    company = template_factory.verdana(tmp_path)
    monkeypatch.setattr(dialogs, "ask_template_path", lambda *_: company)
    chooser = _chooser(window)
    assert not chooser.default_button.isEnabled()  # nothing of its own to drop yet
    qtbot.mouseClick(chooser.choose_button, Qt.MouseButton.LeftButton)
    doc = window.doc
    ref = doc.review.template
    assert ref is not None and ref.name == company.name
    assert doc.media[template_entry(ref.sha256)] == company.read_bytes()
    assert doc.undo_stack.count() == 1 and doc.undo_stack.undoText() == "Change deck template"
    assert chooser.label.text() == f"The review's own template {company.name}"
    qtbot.waitUntil(lambda: window.template_info().heading_font == "Verdana")
    assert company.name in window.check_page.template_label.text()
    doc.undo_stack.undo()
    assert doc.review.template is None and not any(n.startswith("template/") for n in doc.media)
    qtbot.waitUntil(lambda: window.template_info().heading_font == "Calibri")
    doc.undo_stack.redo()
    qtbot.mouseClick(chooser.default_button, Qt.MouseButton.LeftButton)
    assert doc.review.template is None and doc.undo_stack.undoText() == "Use the default template"


def test_a_file_that_is_no_template_is_refused_in_words(window, tmp_path, monkeypatch):
    notes = tmp_path / "notes.pptx"  # a zip, but no presentation inside
    with zipfile.ZipFile(notes, "w") as archive:
        archive.writestr("notes.txt", "hello")
    monkeypatch.setattr(dialogs, "ask_template_path", lambda *_: notes)
    _chooser(window).choose()
    assert window.doc.review.template is None and window.doc.undo_stack.count() == 0
    assert "notes.pptx" in window.message.text and "not changed" in window.message.text


def test_the_reviews_template_is_saved_and_reopened(window, qtbot, tmp_path):
    company = template_factory.arial_georgia(tmp_path)
    assert _chooser(window).choose(company)
    window.doc.save_to(window.doc.path)
    loaded = load_review(window.doc.path)
    assert loaded.review.template.name == company.name and not loaded.missing_template
    other = create_window(window.doc.path, offer_recovery=False)
    qtbot.addWidget(other)
    qtbot.waitUntil(lambda: other.plan is not None)
    assert other.template_info().heading_font == "Georgia"


def test_preferences_give_new_reviews_their_template_and_leave_the_open_one(
    window, qtbot, tmp_path, monkeypatch
):
    company = template_factory.verdana(tmp_path)
    window.apply_preferences(Preferences(default_template=str(company)))
    assert window.doc.review.template is None  # the open review keeps the one it has
    answer = dialogs.NewReview(csm="Maya Okafor", quarter="2026-Q4", team="")
    monkeypatch.setattr(dialogs, "ask_new_review", lambda *_: answer)
    window.files.new_review()
    ref = window.doc.review.template
    assert ref is not None and ref.name == company.name
    assert window.doc.undo_stack.count() == 0  # part of creating the review
    qtbot.waitUntil(lambda: window.template_info().heading_font == "Verdana")


def test_the_check_page_shows_the_report_and_sample_slides(window, qtbot, tmp_path):
    company = template_factory.footer_bar(tmp_path)
    dialog = TemplateCheckDialog(company, window)
    qtbot.addWidget(dialog)
    text = dialog.report.toPlainText()
    assert "title slides: layout" in text and "content slides: layout" in text
    assert "measured with" in text and "keep-out zones on content slides" in text
    assert "footer: in the layout's own footer placeholder" in text
    for label in dialog.samples.values():
        assert not label.pixmap().isNull() and label.pixmap().width() > 200
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        dialog.resize(width - 100, height - 80)
        dialog.show()
        qtbot.wait(30)
        assert dialog.grab().save(str(ARTIFACTS / f"template-check-{width}x{height}.png"))
    broken = tmp_path / "broken.pptx"
    broken.write_bytes(b"PK\x03\x04 no")
    assert not dialog.show_template(broken)
    assert "broken.pptx" in dialog.report.toPlainText()
    assert all(label.pixmap().isNull() for label in dialog.samples.values())


def test_screenshots_of_the_overview_chooser(window, qtbot, tmp_path):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _chooser(window).choose(template_factory.dark_title_bar(tmp_path))
    for width, height in SIZES:
        window.resize(width, height)
        qtbot.wait(60)
        assert window.grab().save(str(ARTIFACTS / f"template-overview-{width}x{height}.png"))


def test_help_check_a_template_and_the_choosers_check_open_the_page(
    window, qtbot, tmp_path, monkeypatch
):
    company = template_factory.short_title(tmp_path)
    monkeypatch.setattr(dialogs, "ask_template_path", lambda *_: company)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    next(a for a in menu.actions() if a.text() == "Check a &Template…").trigger()
    opened = [d for d in window.findChildren(TemplateCheckDialog) if d.isVisible()]
    assert [d.path for d in opened] == [company]
    assert "title placeholder is too small" in opened[0].report.toPlainText()
    opened[0].close()
    _chooser(window).choose(company)
    qtbot.mouseClick(_chooser(window).check_button, Qt.MouseButton.LeftButton)
    shown = [d for d in window.findChildren(TemplateCheckDialog) if d.isVisible()]
    assert len(shown) == 1 and shown[0].path.read_bytes() == company.read_bytes()
    first = shown[0].report.toPlainText().splitlines()[0]
    assert first == f"The review's own template {company.name}"  # not the file kept for it


def test_a_review_following_a_team_pack_uses_its_template_until_it_has_its_own(
    qtbot, tmp_path, monkeypatch
):
    from qbr_studio.team.pack import TeamPack, pack_bytes

    georgia = template_factory.arial_georgia(tmp_path)
    folder = tmp_path / "team"
    folder.mkdir()
    (folder / "east.qbrteam").write_bytes(pack_bytes(TeamPack(team="East"), georgia.read_bytes()))
    win = _sample_window(qtbot, folder, monkeypatch)
    chooser = _chooser(win)
    assert chooser.label.text() == "The template of the team pack east.qbrteam"
    assert win.template_info().heading_font == "Georgia"
    assert chooser.choose(template_factory.verdana(tmp_path))
    qtbot.waitUntil(lambda: win.template_info().heading_font == "Verdana")
    assert chooser.use_default()
    qtbot.waitUntil(lambda: win.template_info().heading_font == "Georgia")


def test_a_review_whose_template_is_missing_says_so_when_opened(qtbot, tmp_path, monkeypatch):
    import hashlib

    from qbr_studio.model import TemplateRef

    review = build_sample_review()
    data = template_factory.verdana(tmp_path).read_bytes()
    review.template = TemplateRef(name="Company.pptx", sha256=hashlib.sha256(data).hexdigest())
    path = tmp_path / "r.qbr"
    save_review(path, review)  # without the template's bytes
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    assert "Company.pptx is not inside the review file" in win.message.text
    assert "not inside the review file" in _chooser(win).label.text()
    assert win.template_info().heading_font == "Calibri"
