"""The team view: a team folder's CSMs, their readiness and the files left out, updated while
reviews arrive (``qbr_studio.team.watch``), and a button to build the meeting deck.

Thin: collecting, planning and writing are ``qbr_studio.team``'s; this window shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.errors import UserError
from qbr_studio.team.collect import TeamFolder, collect
from qbr_studio.team.follow import version_text
from qbr_studio.team.watch import FolderWatch

COLUMNS = ("CSM", "Submitted", "Ready", "Last changed", "Meeting", "Pack version", "File")
SETTLE_MS = 400
"""Changes are gathered this long before the folder is read again (a save is several events)."""


class _Bridge(QObject):
    """Carries the watcher thread's news to the GUI thread (a queued signal)."""

    changed = Signal()


class TeamView(QWidget):
    """One team folder, listed and kept up to date."""

    refreshed = Signal()

    def __init__(
        self, folder: Path, parent: QWidget | None = None, *, polling: bool | None = None
    ) -> None:
        super().__init__(parent)
        self.folder = Path(folder)
        self.team: TeamFolder | None = None
        self.setWindowTitle(f"Team folder — {self.folder.name}")
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.left_out = QTableWidget(0, 2, self)
        self.left_out.setHorizontalHeaderLabels(("Left out", "Why"))
        self.left_out.verticalHeader().setVisible(False)
        self.left_out.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.left_out.horizontalHeader().setStretchLastSection(True)
        self.refresh_button = QPushButton("Refresh", self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        self.build_button = QPushButton("Build meeting deck…", self)
        self.build_button.clicked.connect(lambda: self.build_meeting_deck())
        buttons.addWidget(self.build_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.left_out, 2)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.refresh)
        self._bridge = _Bridge(self)
        self._bridge.changed.connect(self._timer.start, Qt.ConnectionType.QueuedConnection)
        self.refresh()
        self.watch = FolderWatch(self.folder, self._bridge.changed.emit, polling=polling)

    def refresh(self) -> None:
        """Read the folder again (read-only) and show it."""
        try:
            self.team = collect(self.folder, keep=False)
        except UserError as err:
            self.summary.setText(str(err))
            self.table.setRowCount(0)
            self.refreshed.emit()
            return
        team = self.team
        people = team.presenters
        ready = sum(1 for p in people if p.entry is not None and p.entry.complete)
        pack = f" · {team.pack.pack.label}" if team.pack else ""
        self.summary.setText(
            f"{team.team}, {team.quarter or 'no quarter yet'}: {ready} of {len(people)} CSMs "
            f"ready{pack}"
        )
        self.table.setRowCount(len(people))
        for row, p in enumerate(people):
            e = p.entry
            meeting = e.review.meta.meeting_date if e and e.review else None
            cells = (
                p.csm,
                "yes" if p.submitted else "no",
                ("complete" if e.complete else f"{len(e.findings)} missing") if e else "—",
                e.modified.strftime("%Y-%m-%d %H:%M") if e and e.modified else "—",
                meeting.isoformat() if meeting else "—",
                version_text(e.review.meta, team.pack) if e and e.review else "",
                e.name if e else "",
            )
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        problems = team.problems
        self.left_out.setRowCount(len(problems))
        for row, entry in enumerate(problems):
            self.left_out.setItem(row, 0, QTableWidgetItem(entry.name))
            self.left_out.setItem(row, 1, QTableWidgetItem(f"{entry.kind.value}: {entry.reason}"))
        self.refreshed.emit()

    def csms(self) -> list[str]:
        return [self.table.item(r, 0).text() for r in range(self.table.rowCount())]

    def build_meeting_deck(self, out: Path | None = None) -> Path | None:
        """Build the meeting deck (asking where when ``out`` is None); the deck written, or
        None when cancelled or refused (the reason is shown in the summary line)."""
        from qbr_studio.team.build import build_meeting

        if out is None:
            from qbr_studio.ui.dialogs import ask_save_path

            suggested = Path.home() / f"{self.folder.name} meeting.pptx"
            out = ask_save_path(self, "Save the meeting deck", suggested, "PowerPoint (*.pptx)")
            if out is None:
                return None
        try:
            result = build_meeting([self.folder], out)
        except UserError as err:
            self.summary.setText(str(err))
            return None
        self.summary.setText(
            f"{out}: {len(result.plan.slides)} slides, {len(result.meeting.slots)} presenters"
        )
        return out

    def closeEvent(self, event: QCloseEvent) -> None:
        self.watch.stop()
        super().closeEvent(event)
