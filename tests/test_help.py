"""Help: the user guide rendered from docs/user-guide.md, About with the version and the
licences, and Report a problem (a zip without the review unless it is ticked)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import logging
import zipfile
from pathlib import Path

import pytest

from qbr_studio import __version__
from qbr_studio.model import Meta, Review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs, help_menu, problem_report
from qbr_studio.ui.app import create_window

pytestmark = pytest.mark.qt
DOCS_GUIDE = Path(__file__).resolve().parents[1] / "docs" / "user-guide.md"


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    path = tmp_path / "Q4 Dana.qbr"
    save_review(path, Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q4")))
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    return win


def help_entries(window) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def test_help_menu_has_the_guide_report_and_about(window):
    assert help_entries(window) == [
        "QBR Studio &User Guide",
        "Check a &Template…",
        "&Report a Problem…",
        "&About QBR Studio",
    ]


def test_the_guide_is_the_repositorys_markdown_rendered(window, qtbot):
    assert help_menu.guide_markdown() == DOCS_GUIDE.read_text(encoding="utf-8")
    window.guide_action.trigger()
    from PySide6.QtWidgets import QDialog, QTextBrowser

    guide = window.findChild(QDialog, "UserGuide")
    assert guide is not None and guide.isVisible()

    browser = guide.findChild(QTextBrowser)
    text = browser.toPlainText()
    assert "The agenda" in text and "Importing each tool's export" in text
    assert "# QBR Studio user guide" not in text  # rendered, not shown as source
    headings = [b for b in _blocks(browser) if b.blockFormat().headingLevel() == 1]
    assert [b.text() for b in headings] == ["QBR Studio user guide"]


def _blocks(browser):
    block = browser.document().begin()
    while block.isValid():
        yield block
        block = block.next()


def test_about_names_version_licence_and_the_fonts_licence(window):
    from PySide6.QtWidgets import QTextBrowser

    about = help_menu.show_about(window)
    text = about.findChild(QTextBrowser).toPlainText()
    assert f"QBR Studio {__version__}" in text
    assert "Proprietary" in text
    assert "GNU LGPL v3" in text
    assert "SIL Open Font License" in text and "Carlito" in text
    assert "PERMISSION & CONDITIONS" in text  # the whole OFL, not just its name


def test_report_has_logs_and_environment_but_not_the_review(window, tmp_path, monkeypatch):
    log = problem_report.log_dir() / problem_report.LOG_NAME
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_text("2026-12-03 WARNING qbr_studio: the preview was slow\n", encoding="utf-8")
    out = tmp_path / "report.zip"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_: out)
    report = help_menu.ReportDialog(window)
    names = report.write(out)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == sorted(names)
        assert "logs/qbr-studio.log" in names
        assert not [n for n in names if n.startswith("review/")]
        env = archive.read("environment.txt").decode()
        assert f"QBR Studio: {__version__}" in env
        assert "PySide6: " in env and "Qt platform: offscreen" in env
        assert b"Dana Reyes" not in b"".join(archive.read(n) for n in names)


def test_report_includes_the_review_only_when_ticked(window, tmp_path):
    report = help_menu.ReportDialog(window)
    report.include_review.setChecked(True)
    out = tmp_path / "report.zip"
    names = report.write(out)
    assert "review/Q4 Dana.qbr" in names
    with zipfile.ZipFile(out) as archive:
        assert archive.read("review/Q4 Dana.qbr") == window.doc.path.read_bytes()


def test_report_to_an_unwritable_place_is_one_plain_line(window, tmp_path):
    from qbr_studio.errors import UserError

    with pytest.raises(UserError, match="could not write the problem report"):
        help_menu.ReportDialog(window).write(tmp_path / "missing" / "report.zip")
    assert not list(tmp_path.glob("missing*"))


def test_the_app_logs_to_the_file_the_report_collects():
    path = problem_report.start_logging()
    try:
        logging.getLogger("qbr_studio.test").warning("something odd")
        for handler in logging.getLogger().handlers:
            handler.flush()
        assert path is not None and "something odd" in path.read_text(encoding="utf-8")
    finally:
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(path):
                logging.getLogger().removeHandler(handler)
                handler.close()
