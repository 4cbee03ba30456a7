"""The window's outputs: build the deck in a worker with progress (with the reviewers'
feedback as PowerPoint comments when "Build with feedback" is on), export the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from qbr_studio.errors import UserError
from qbr_studio.ui import dialogs

if TYPE_CHECKING:
    from qbr_studio.ui.main_window import MainWindow
    from qbr_studio.ui.workers import Task

TASK_WAIT_MS = 15_000
"""On quit, how long a running build may take to finish before the window closes anyway."""
WITH_FEEDBACK_KEY = "build/with_feedback"
"""The window setting that remembers the "Build with feedback" choice."""


class BuildActions(QObject):
    """Builds ``window``'s deck and PDF; reports through the window's signals and messages."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tasks: set[Task] = set()
        self.last_output: Path | None = None
        self.with_feedback = QAction("Build with &Feedback", self)
        self.with_feedback.setCheckable(True)
        self.with_feedback.setToolTip(
            "Put the reviewers' notes on the slides as PowerPoint comments, with the rubric "
            "scores in the appendix"
        )
        self.with_feedback.setChecked(_settings().value(WITH_FEEDBACK_KEY, False, type=bool))
        self.with_feedback.toggled.connect(
            lambda on: _settings().setValue(WITH_FEEDBACK_KEY, bool(on))
        )

    def install_feedback_choice(self) -> None:
        """Offer "Build with feedback" after Build in the menus, and as a check box beside
        the Check & Build page's Build button (both the same remembered choice)."""
        from PySide6.QtWidgets import QCheckBox, QHBoxLayout

        from qbr_studio.ui.review_mode import KEEP_PROPERTY

        build = self.window.actions.build
        for menu in self.window.menuBar().findChildren(QMenu):
            actions = menu.actions()
            if build in actions and self.with_feedback not in actions:
                after = actions.index(build) + 1
                menu.insertAction(
                    actions[after] if after < len(actions) else None, self.with_feedback
                )
        page = self.window.check_page
        box = QCheckBox("With the reviewers' feedback", page.build_button.parentWidget())
        box.setObjectName("buildWithFeedback")
        box.setToolTip(self.with_feedback.toolTip())
        box.setProperty(KEEP_PROPERTY, True)  # a choice of how to build: not an edit
        box.setChecked(self.with_feedback.isChecked())
        box.toggled.connect(self.with_feedback.setChecked)
        self.with_feedback.toggled.connect(box.setChecked)
        for row in page.build_button.parentWidget().findChildren(QHBoxLayout):
            if row.indexOf(page.build_button) >= 0:
                row.insertWidget(row.indexOf(page.pdf_button) + 1, box)
        self.feedback_box = box

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
        template, media = window.template_choice().path, window.doc.media
        work = build_job(review, Path(out), template, media, window.doc.standard)
        outcome: dict[str, Any] = {}  # what putting the feedback on the deck gave
        if self.with_feedback.isChecked():
            work = self._with_feedback(work, review, template, media, outcome)
        task = self._start_task("Building the deck", work)
        task.succeeded.connect(lambda built: self._built(built, outcome))
        task.failed.connect(self._build_failed)
        task.cancelled.connect(self._build_cancelled)

    def forget_last_output(self) -> None:
        """Another review is open: the last deck was this one's, not the new one's."""
        self.last_output = None
        if self.window.pages:
            self.window.check_page.set_result("")

    def _with_feedback(
        self, work: Any, review: Any, template: Path | None, media: Any, outcome: dict[str, Any]
    ) -> Any:
        """``work``, then the reviewers' notes from the sidecars beside the review put on the
        deck it wrote (after its commit: the deck is there either way); ``outcome`` gets the
        number of comments and the problems met."""
        from qbr_studio.ui.workers import BUSY

        review_path = self.window.doc.path

        def run(task: Task) -> Path:
            out: Path = work(task)
            if review_path is None:
                outcome["problems"] = [
                    "The review has never been saved, so it has no reviewers' notes beside it."
                ]
                return out
            from qbr_studio.deck.produce import plan_deck
            from qbr_studio.feedback.pptx_comments import put_feedback

            task.report(BUSY, "Putting the reviewers' notes on the slides…")
            try:
                plan = plan_deck(review, template, media, self.window.doc.standard)
                outcome["count"], outcome["problems"] = put_feedback(out, plan, review, review_path)
            except UserError as err:
                outcome["problems"] = [f"The deck was saved without the feedback: {err}"]
            return out

        return run

    def _built(self, out: Path, feedback: dict[str, Any] | None = None) -> None:
        self.last_output = out
        feedback = feedback or {}
        done = f"Deck saved: {out}"
        if "count" in feedback:
            count = feedback["count"]
            done += f" with {count} comment{'' if count == 1 else 's'} from the reviewers"
        problems = feedback.get("problems") or []
        if problems:
            self.window.show_error(f"{done}. " + " ".join(problems))
        else:
            self.window.show_done(done, out)
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


def _settings() -> QSettings:
    from qbr_studio.ui.main_window import window_settings

    return window_settings()
