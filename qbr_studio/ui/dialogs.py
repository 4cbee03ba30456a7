"""Every question the window asks the user, each behind one module-level ``ask_*`` function.

The window calls these through the module (``dialogs.ask_save_changes(...)``), so tests
replace a function with a stub that answers at once instead of a modal dialog waiting for
a click (the pytest-qt pattern). The dialog windows themselves are in
:mod:`qbr_studio.ui.dialog_windows`; Qt's are imported when first asked, so this module costs
nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtWidgets import QWidget

    from qbr_studio.storage import RecoveryEntry
    from qbr_studio.ui.preferences import Preferences

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
"""Answers of :func:`ask_save_changes`."""
RECOVER, LATER = "recover", "later"
"""Answers of :func:`ask_recover` (with DISCARD)."""
RELOAD, KEEP_MINE = "reload", "keep_mine"
"""Answers of :func:`ask_changed_on_disk` (with CANCEL: decide later)."""

REVIEW_FILTER = "QBR Studio reviews (*.qbr)"
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv")
SPREADSHEET_FILTER = "Spreadsheets (" + " ".join(f"*{s}" for s in SPREADSHEET_SUFFIXES) + ")"
DECK_FILTER = "PowerPoint decks (*.pptx)"
PDF_FILTER = "PDF documents (*.pdf)"
TEMPLATE_FILTER = "PowerPoint templates (*.pptx *.potx)"
IMAGE_FILTER = "PNG or JPEG pictures (*.png *.jpg *.jpeg)"


# --- questions ------------------------------------------------------------------------------


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Unsaved changes to ``name``: SAVE, DISCARD or CANCEL."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to {name} before closing?")
    box.setInformativeText("If you don't save, your changes since the last save are lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    return DISCARD if answer == QMessageBox.StandardButton.Discard else CANCEL


def ask_changed_on_disk(parent: QWidget, name: str, *, unsaved: bool) -> str:
    """``name`` was changed by another program: RELOAD (theirs), KEEP_MINE or CANCEL (later).

    Whichever the user keeps, the other version is kept in a copy beside the file; the
    question says so, and says what happens to ``unsaved`` changes."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Changed on disk")
    box.setText(
        f"{name} was changed by another program since you opened it "
        "(another QBR Studio, a sync service such as OneDrive or Dropbox, or a colleague)."
    )
    mine = (
        "Your unsaved changes are kept in a copy beside it."
        if unsaved
        else "You have no unsaved changes."
    )
    box.setInformativeText(
        f"Reload shows the version saved elsewhere. {mine}\n\n"
        "Keep mine keeps what you see: your next save replaces the version saved elsewhere, "
        "which is kept in a copy beside it."
    )
    reload = box.addButton("Reload theirs", QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton("Keep mine", QMessageBox.ButtonRole.ActionRole)
    later = box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep if unsaved else reload)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    if clicked is reload:
        return RELOAD
    return KEEP_MINE if clicked is keep else CANCEL


def ask_open_path(parent: QWidget, folder: Path | None) -> Path | None:
    """A review file to open, or None."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent, "Open review", str(folder or Path.home()), REVIEW_FILTER
    )
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> Path | None:
    """Where to save (a review, a deck, a PDF); the filter's suffix is added if missing."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(suggested.suffix)


def ask_import_paths(parent: QWidget, folder: Path | None) -> list[Path]:
    """Spreadsheets to import (several at once), or an empty list."""
    from PySide6.QtWidgets import QFileDialog

    names, _ = QFileDialog.getOpenFileNames(
        parent, "Import spreadsheets", str(folder or Path.home()), SPREADSHEET_FILTER
    )
    return [Path(name) for name in names]


def ask_link_path(parent: QWidget, folder: Path | None) -> Path | None:
    """A spreadsheet that maps ids (subscription, user) to accounts, or None."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Add a file that maps these ids to accounts",
        str(folder or Path.home()),
        SPREADSHEET_FILTER,
    )
    return Path(name) if name else None


def ask_template_path(parent: QWidget, folder: Path | None) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose a PowerPoint template", str(folder or Path.home()), TEMPLATE_FILTER
    )
    return Path(name) if name else None


def ask_image_path(parent: QWidget, title: str, folder: Path | None) -> Path | None:
    """A PNG or JPEG picture to use (a customer's logo), or None."""
    from PySide6.QtWidgets import QFileDialog

    name, _ = QFileDialog.getOpenFileName(
        parent, title, str(folder or Path.home()), f"{IMAGE_FILTER};;All files (*)"
    )
    return Path(name) if name else None


def ask_folder(parent: QWidget, title: str, folder: Path | None) -> Path | None:
    from PySide6.QtWidgets import QFileDialog

    name = QFileDialog.getExistingDirectory(parent, title, str(folder or Path.home()))
    return Path(name) if name else None


class NewReview(NamedTuple):
    """What a new review starts with."""

    csm: str
    quarter: str
    team: str = ""


def ask_new_review(parent: QWidget, author: str) -> NewReview | None:
    """The CSM and quarter of a new review, or None if the user cancelled."""
    from qbr_studio.ui.dialog_windows import NewReviewDialog

    dialog = NewReviewDialog(author, parent)
    return dialog.result_value() if dialog.exec() == dialog.DialogCode.Accepted else None


def ask_recover(
    parent: QWidget, entries: Sequence[RecoveryEntry]
) -> tuple[str, RecoveryEntry | None]:
    """After a crash: (RECOVER, entry), (DISCARD, None) for all of them, or (LATER, None)."""
    from qbr_studio.ui.dialog_windows import RecoveryDialog

    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.answer


def ask_preferences(parent: QWidget, current: Preferences) -> Preferences | None:
    """The preferences as the user left them in the dialog, or None if cancelled."""
    from qbr_studio.ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(current, parent)
    return dialog.value() if dialog.exec() == dialog.DialogCode.Accepted else None


def show_report(parent: QWidget, title: str, text: str) -> None:
    """A longer text (an import report) in a resizable, copyable window."""
    from qbr_studio.ui.dialog_windows import ReportDialog

    ReportDialog(title, text, parent).exec()


def current_quarter(today: dt.date | None = None) -> str:
    import datetime as dt  # not before the first paint: the shell needs no dates

    today = today or dt.date.today()
    return f"{today.year}-Q{(today.month - 1) // 3 + 1}"
