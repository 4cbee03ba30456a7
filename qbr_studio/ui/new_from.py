"""File › New from Last Quarter…: pick last quarter's review, choose the new quarter (the next
one by default), and get the review ``qbr-studio new --from`` makes
(:func:`qbr_studio.analytics.carry.carry_forward_file`), opened as a new, unsaved review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs
from qbr_studio.ui.widgets import hint
from qbr_studio.wording import plural

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from qbr_studio.model import Review
    from qbr_studio.ui.main_window import MainWindow


class CarryQuarterDialog(QDialog):
    """Which quarter the new review is for: after ``last``'s, the next one by default."""

    def __init__(self, last: Review, file: str, parent: QWidget | None = None) -> None:
        from qbr_studio.analytics.carry import next_quarter

        super().__init__(parent)
        self.last = last
        self.setWindowTitle("New from last quarter")
        self.quarter = QLineEdit(next_quarter(last.meta.quarter), self)
        self.quarter.setAccessibleName("New quarter")
        self.quarter.setToolTip('The quarter of the new review, like "2027-Q1" or "Q1 2027".')
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        from qbr_studio.model import Status

        open_items = sum(1 for i in last.revenue.action_items if i.status is not Status.DONE)
        form = QFormLayout()
        form.addRow("New quarter:", self.quarter)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                f"From {file} ({last.meta.quarter_label}): the data, the deep-dive account "
                f"and its stakeholders, {plural(open_items, 'open action item')} to confirm, "
                "and last quarter's narrative as reference beside each editor.",
                self,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.quarter.textChanged.connect(self._check)
        self.setMinimumWidth(480)
        self._check()

    def _check(self) -> None:
        from qbr_studio.model import parse_quarter

        problem = ""
        try:
            if parse_quarter(self.quarter.text()) <= parse_quarter(self.last.meta.quarter):
                problem = f"The new quarter must come after {self.last.meta.quarter_label}."
        except ValueError as err:
            problem = str(err).capitalize() + "."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

    def value(self) -> str:
        from qbr_studio.model import format_quarter, parse_quarter

        return format_quarter(*parse_quarter(self.quarter.text()))


def ask_quarter(parent: QWidget, last: Review, file: str) -> str | None:
    """The new review's quarter, or None if the user cancelled."""
    dialog = CarryQuarterDialog(last, file, parent)
    return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def new_from_last_quarter(window: MainWindow, path: Path | None = None) -> bool:
    """Ask for last quarter's review (unless ``path``) and the new quarter, then open the
    carried review unsaved; True if one was opened. Errors show in the window."""
    from qbr_studio.analytics.carry import carry_forward_file
    from qbr_studio.storage import load_review

    window.starting()
    if not window.maybe_save():
        return False
    if path is None:
        path = dialogs.ask_open_path(window, window.files.folder())
        if path is None:
            return False
    try:
        loaded = load_review(path)
    except UserError as err:
        window.show_error(str(err))
        return False
    quarter = ask_quarter(window, loaded.review, path.name)
    if quarter is None:
        return False
    try:
        review, media = carry_forward_file(loaded.review, loaded.media, path.name, quarter)
    except ValueError as err:  # the dialog checks the quarter; this is the last word
        window.show_error(f"{path}: {err}")
        return False
    window.files.forget_session()
    window.doc.load(review, media, None, dirty=True)
    window.outputs.forget_last_output()
    window.go_to_section("revenue" if review.revenue.action_items else "overview")
    carried = len(review.revenue.action_items)
    items = (
        f" {plural(carried, 'open action item')} carried over: confirm each one's status."
        if carried
        else ""
    )
    window.show_message(
        f"New review for {review.meta.quarter_label} from {path.name}.{items} "
        "Import this quarter's data, then save."
    )
    return True
