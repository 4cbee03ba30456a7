"""The window's outputs: build the deck in a worker with progress, export the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs

if TYPE_CHECKING:
    from qbr_studio.ui.main_window import MainWindow
    from qbr_studio.ui.workers import Task

TASK_WAIT_MS = 15_000
"""On quit, how long a running build may take to finish before the window closes anyway."""


class BuildActions(QObject):
    """Builds ``window``'s deck and PDF; reports through the window's signals and messages."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tasks: set[Task] = set()
        self.last_output: Path | None = None

    def build_deck(self, out: Path | None = None) -> None:
        """Write the deck (asks where if ``out`` is None) in a worker, with progress."""
        from qbr_studio.ui.workers import build_job

        window = self.window
        if out is None:
            suggested = window.files.output_folder() / f"{window.files.default_stem()}.pptx"
            out = dialogs.ask_save_path(window, "Build deck", suggested, dialogs.DECK_FILTER)
            if out is None:
                return
        review = window.doc.review.model_copy(deep=True)
        task = self._start_task(
            "Building the deck",
            build_job(
                review,
                Path(out),
                window.preferences.template_path,
                window.doc.media,
                window.doc.standard,
            ),
        )
        task.succeeded.connect(self._built)
        task.failed.connect(self._build_failed)
        task.cancelled.connect(self._build_cancelled)

    def forget_last_output(self) -> None:
        """Another review is open: the last deck was this one's, not the new one's."""
        self.last_output = None
        if self.window.pages:
            self.window.check_page.set_result("")

    def _built(self, out: Path) -> None:
        self.last_output = out
        self.window.show_done(f"Deck saved: {out}", out)
        self.window.check_page.set_result(f"Last deck: {out}")
        self.window.buildFinished.emit(out)

    def _build_failed(self, text: str) -> None:
        self.window.show_error(text)
        self.window.buildFailed.emit(text)

    def _build_cancelled(self) -> None:
        self.window.show_message("Build cancelled; no file was written or changed.")
        self.window.buildCancelled.emit()

    def export_pdf(self, out: Path | None = None) -> bool:
        """Save the deck as a PDF drawn like the preview; True if written."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from qbr_studio.ui.pdf_export import export_pdf

        window = self.window
        if out is None:
            suggested = window.files.output_folder() / f"{window.files.default_stem()}.pdf"
            out = dialogs.ask_save_path(window, "Export PDF", suggested, dialogs.PDF_FILTER)
            if out is None:
                return False
        window.refresh_plan()
        if window.plan is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_pdf(window.plan, Path(out))
        except UserError as err:
            window.show_error(str(err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        window.show_done(f"PDF saved: {out}", Path(out))
        return True

    def cancel_all(self) -> None:
        """Closing: cancel running builds and give each a moment to finish."""
        for task in list(self.tasks):
            task.cancel()
            task.wait(TASK_WAIT_MS)

    def _start_task(self, title: str, work: Any) -> Task:
        """Run ``work`` in a worker thread with a cancellable progress dialog."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from qbr_studio.ui.workers import BUSY, Task

        task = Task(title, work, self)
        progress = QProgressDialog(f"{title}…", "Cancel", 0, 0, self.window)
        progress.setWindowTitle(title)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setMinimumWidth(420)

        def progressed(percent: int, text: str) -> None:
            progress.setLabelText(text)
            if percent != BUSY:
                progress.setRange(0, 100)
                progress.setValue(percent)

        def finished() -> None:
            progress.close()
            progress.deleteLater()
            self.tasks.discard(task)
            task.deleteLater()

        task.progressed.connect(progressed)
        progress.canceled.connect(task.cancel)
        task.finished.connect(finished)
        self.tasks.add(task)
        task.start()
        return task
