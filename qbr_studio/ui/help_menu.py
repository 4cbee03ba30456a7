"""The Help menu: the user guide (rendered from ``docs/user-guide.md``), About with the version
and every licence that ships in the app, and Report a problem."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from qbr_studio import __version__
from qbr_studio.paths import resource

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from qbr_studio.ui.main_window import MainWindow

GUIDE = ("help", "user-guide.md")
"""The user guide in the resources (the same file as ``docs/user-guide.md``)."""
FONT_LICENCE = ("fonts", "Carlito-LICENSE.txt")
LICENCE = "Proprietary. © QBR Studio. All rights reserved."
COMPONENTS = (
    ("Qt 6 and PySide6", "GNU LGPL v3", "https://www.qt.io/licensing/open-source-lgpl-obligations"),
    ("Carlito fonts (in the app and the bundled template)", "SIL Open Font License 1.1", ""),
    ("python-pptx", "MIT", "https://github.com/scanny/python-pptx"),
    (
        "matplotlib",
        "Matplotlib licence (PSF-based)",
        "https://matplotlib.org/stable/project/license.html",
    ),
    ("openpyxl", "MIT", "https://foss.heptapod.net/openpyxl/openpyxl"),
    ("python-calamine", "MIT", "https://github.com/dimastbk/python-calamine"),
    ("pydantic", "MIT", "https://github.com/pydantic/pydantic"),
    ("Pillow", "MIT-CMU (HPND)", "https://github.com/python-pillow/Pillow"),
    ("platformdirs", "MIT", "https://github.com/tox-dev/platformdirs"),
    ("Python", "PSF License", "https://docs.python.org/3/license.html"),
)
"""What the app bundles, under which licence."""


def install(window: MainWindow) -> None:
    """Add User Guide, Check a Template and Report a Problem to the window's Help menu, above
    About."""
    help_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&Help"
    )
    guide = QAction("QBR Studio &User Guide", window)
    guide.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.HelpContents))
    guide.setStatusTip("How to prepare a review, import exports and build the deck")
    guide.triggered.connect(lambda _checked=False: show_guide(window))
    check = QAction("Check a &Template…", window)
    check.setStatusTip("What QBR Studio finds in a company template, with sample slides")
    check.triggered.connect(lambda _checked=False: check_template(window))
    report = QAction("&Report a Problem…", window)
    report.setStatusTip("Write a zip with the log and this computer's details for support")
    report.triggered.connect(lambda _checked=False: report_problem(window))
    help_menu.insertActions(window.actions.about, [guide, check, report])
    help_menu.insertSeparator(window.actions.about)
    window.guide_action, window.report_action = guide, report  # type: ignore[attr-defined]


def check_template(window: QWidget) -> None:
    """Help › Check a Template…: asks for a .pptx/.potx and shows what the app finds in it
    (:mod:`qbr_studio.ui.template_check_page`, imported then: not before the first paint)."""
    from qbr_studio.ui import dialogs
    from qbr_studio.ui.template_check_page import show_template_check

    path = dialogs.ask_template_path(window, None)
    if path is not None:
        show_template_check(window, path)


def guide_markdown() -> str:
    return resource(*GUIDE).read_text(encoding="utf-8")


def _text_window(
    parent: QWidget,
    name: str,
    title: str,
    size: tuple[int, int],
    *,
    markdown: str = "",
    html: str = "",
) -> QDialog:
    """A window of rich text (``markdown`` or ``html``) with a Close button, shown at once."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.resize(*size)
    browser = QTextBrowser(dialog)
    browser.setOpenExternalLinks(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    if markdown:
        browser.setMarkdown(markdown)
    else:
        browser.setHtml(html)
    dialog.show()  # not modal: it stays open beside the editors
    return dialog


def show_guide(parent: QWidget) -> QDialog:
    """The user guide in its own window."""
    return _text_window(
        parent, "UserGuide", "QBR Studio User Guide", (760, 820), markdown=guide_markdown()
    )


def about_html() -> str:
    import html as html_text

    rows = "".join(
        f"<tr><td>{html_text.escape(name)}</td><td>"
        + (f'<a href="{url}">{html_text.escape(lic)}</a>' if url else html_text.escape(lic))
        + "</td></tr>"
        for name, lic, url in COMPONENTS
    )
    fonts = html_text.escape(resource(*FONT_LICENCE).read_text(encoding="utf-8"))
    return (
        f"<h2>QBR Studio {__version__}</h2>"
        "<p>Turns your spreadsheets and notes into the quarterly peer-review deck, offline.</p>"
        f"<p><b>Licence:</b> {html_text.escape(LICENCE)}</p>"
        "<h3>Included software and fonts</h3>"
        f"<table cellpadding='3'>{rows}</table>"
        "<h3>Carlito fonts: SIL Open Font License 1.1</h3>"
        f"<pre style='white-space: pre-wrap'>{fonts}</pre>"
    )


def show_about(parent: QWidget) -> QDialog:
    return _text_window(parent, "About", "About QBR Studio", (640, 620), html=about_html())


class ReportDialog:
    """Asks whether to include the review, then where to write the zip."""

    def __init__(self, window: MainWindow) -> None:
        from PySide6.QtWidgets import (
            QCheckBox,
            QDialog,
            QDialogButtonBox,
            QLabel,
            QVBoxLayout,
        )

        self.window = window
        self.dialog = QDialog(window)
        self.dialog.setWindowTitle("Report a problem")
        text = QLabel(
            "QBR Studio writes a zip file with its log and this computer's details (versions, "
            "system, display settings) for whoever supports the app. Your review is not "
            "included unless you tick the box.",
            self.dialog,
        )
        text.setWordWrap(True)
        self.include_review = QCheckBox(
            "Include my review (its customers, numbers and notes)", self.dialog
        )
        self.include_review.setEnabled(window.doc.path is not None)
        buttons = QDialogButtonBox(self.dialog)
        buttons.addButton("Save Report…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.dialog.accept)
        buttons.rejected.connect(self.dialog.reject)
        layout = QVBoxLayout(self.dialog)
        layout.addWidget(text)
        layout.addWidget(self.include_review)
        layout.addWidget(buttons)

    def write(self, out: Path) -> list[str]:
        """Write the zip; the names in it. Raises UserError."""
        from PySide6 import __version__ as pyside_version
        from PySide6.QtGui import QGuiApplication

        from qbr_studio.ui.problem_report import write_report

        screen = QGuiApplication.primaryScreen()
        extra = {
            "PySide6": pyside_version,
            "Qt platform": QGuiApplication.platformName(),
            "screen": (
                f"{screen.size().width()}x{screen.size().height()} at "
                f"{screen.devicePixelRatio():g}x"
                if screen is not None
                else "none"
            ),
        }
        review = self.window.doc.path if self.include_review.isChecked() else None
        return write_report(out, review=review, extra=extra)


def report_problem(window: MainWindow) -> Path | None:
    """Help › Report a problem: the zip written, or None if the user cancelled."""
    import datetime as dt

    from qbr_studio.errors import UserError
    from qbr_studio.paths import documents_dir
    from qbr_studio.ui import dialogs

    ask = ReportDialog(window)
    if not ask.dialog.exec():
        return None
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M")
    suggested = documents_dir() / f"QBR Studio problem report {stamp}.zip"
    out = dialogs.ask_save_path(window, "Save problem report", suggested, "Zip files (*.zip)")
    if out is None:
        return None
    try:
        names = ask.write(out)
    except UserError as err:
        window.show_error(str(err))
        return None
    window.show_done(f"Problem report saved ({len(names)} files): {out}", out)
    return out
