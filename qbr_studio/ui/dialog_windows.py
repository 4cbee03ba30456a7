"""The dialog windows behind :mod:`qbr_studio.ui.dialogs`' questions: a new review, recovery
after a crash, a long report."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui.dialogs import DISCARD, LATER, RECOVER, NewReview, current_quarter
from qbr_studio.ui.widgets import hint

if TYPE_CHECKING:
    from qbr_studio.storage import RecoveryEntry


class NewReviewDialog(QDialog):
    """Asks for the two things every review needs: who presents, and which quarter."""

    def __init__(self, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New review")
        self.csm = QLineEdit(author, self)
        self.csm.setAccessibleName("Customer Success Manager")
        self.csm.setPlaceholderText("Your name as it appears on the title slide")
        self.csm.setMinimumWidth(  # the whole placeholder shows, not "Your name as it app"
            self.csm.fontMetrics().horizontalAdvance(self.csm.placeholderText()) + 24
        )
        self.quarter = QLineEdit(current_quarter(), self)
        self.quarter.setAccessibleName("Quarter")
        self.quarter.setToolTip('The quarter under review, like "2026-Q4" or "Q4 2026".')
        self.team = QLineEdit(self)
        self.team.setAccessibleName("Team")
        self.team.setPlaceholderText("Optional")
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")
        form = QFormLayout()
        form.addRow("Customer Success Manager:", self.csm)
        form.addRow("Quarter:", self.quarter)
        form.addRow("Team:", self.team)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addWidget(hint("Start an empty review. Import your data and write the story next."))
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.csm.textChanged.connect(self._check)
        self.quarter.textChanged.connect(self._check)
        self.setMinimumWidth(440)
        self._check()

    def _check(self) -> None:
        from qbr_studio.model import parse_quarter

        problem = ""
        if not self.csm.text().strip():
            problem = "Enter the name of the Customer Success Manager."
        else:
            try:
                parse_quarter(self.quarter.text())
            except ValueError as err:
                problem = str(err).capitalize() + "."
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        self._ok.setEnabled(not problem)

    def result_value(self) -> NewReview:
        from qbr_studio.model import parse_quarter

        year, q = parse_quarter(self.quarter.text())
        return NewReview(self.csm.text().strip(), f"{year}-Q{q}", self.team.text().strip())


def describe_entry(entry: RecoveryEntry) -> str:
    """``"Q4 review.qbr — autosaved 12 Dec 2026 at 14:05"`` for the recovery list."""
    name = entry.original_path.name if entry.original_path else "An unsaved review"
    when = entry.saved_at.astimezone()
    return f"{name} — autosaved {when.day} {when:%b %Y at %H:%M}"


class RecoveryDialog(QDialog):
    """Offers the reviews autosaved by a session that did not end normally."""

    def __init__(self, entries: Sequence[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Recover unsaved changes")
        self.entries = list(entries)
        self.answer: tuple[str, RecoveryEntry | None] = (LATER, None)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Recoverable reviews")
        for entry in self.entries:
            item = QListWidgetItem(describe_entry(entry), self.list)
            item.setToolTip(str(entry.original_path or entry.path))
        self.list.setCurrentRow(0)
        count = len(self.entries)
        rows = min(max(count, 2), 8)  # tall enough for the entries, not a page of white
        self.list.setFixedHeight(
            self.list.sizeHintForRow(0) * rows + 2 * self.list.frameWidth() + 4
        )
        text = (
            "QBR Studio did not close normally last time. Your unsaved changes were kept."
            if count == 1
            else f"QBR Studio did not close normally. Unsaved changes to {count} reviews were kept."
        )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        recover = buttons.addButton("Recover", QDialogButtonBox.ButtonRole.AcceptRole)
        discard = buttons.addButton("Discard all", QDialogButtonBox.ButtonRole.DestructiveRole)
        later = buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        recover.setToolTip("Open the selected review with the recovered changes")
        discard.setToolTip("Delete the recovered copies; your saved files are not touched")
        later.setToolTip("Keep the recovered copies and offer them again next time")
        recover.setDefault(True)
        recover.clicked.connect(self._recover)
        discard.clicked.connect(self._discard)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(
            hint("Recovering opens the review as it was a few seconds before QBR Studio closed.")
        )
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _recover(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.entries):
            self.answer = (RECOVER, self.entries[row])
        self.accept()

    def _discard(self) -> None:
        self.answer = (DISCARD, None)
        self.accept()


class ReportDialog(QDialog):
    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        view = QPlainTextEdit(text, self)
        view.setReadOnly(True)
        view.setAccessibleName(title)
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        close = QPushButton("Close", self)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QDialogButtonBox(self)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.resize(640, 420)
