"""The main window: agenda navigation, the section editors, the live preview, and the file,
import, build and recovery workflows around them.

Start-up is in two steps so the window paints at once: the constructor builds only the
shell (menus, toolbar, navigation), and :meth:`MainWindow.finish_startup` — run right after
the first paint — loads the document model, the pages, the preview and the review. Modules
the shell doesn't need (dialog windows, the message bar, the model, storage) are imported
where they are first used, and the shell names no ``Qt.*`` enum: PySide creates all of
them (about 100) on first use of any, which alone would cost a sixth of a bare window's
start-up. ``benchmarks/bench_startup.py`` measures this.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.errors import UserError
from qbr_studio.paths import config_dir
from qbr_studio.ui import dialogs, review_mode
from qbr_studio.ui.actions import create_actions
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.icons import icon
from qbr_studio.ui.sections import SECTIONS

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from qbr_studio.checks import Finding
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.deck.template import TemplateInfo
    from qbr_studio.ui.import_wizard import ImportWizard
    from qbr_studio.ui.message_bar import MessageBar
    from qbr_studio.ui.preferences import Preferences
    from qbr_studio.ui.recovery_ui import Autosaver
    from qbr_studio.ui.sections.base import SectionPage
    from qbr_studio.ui.sections.check_build import CheckBuildPage
    from qbr_studio.ui.sections.data import DataPage
    from qbr_studio.ui.workers import Task

APP_TITLE = "QBR Studio"
PLAN_INTERVAL_MS = 150
"""At most one re-plan of the preview per this many milliseconds while the user types; an
edit after a pause is planned at once (so the preview follows within a moment)."""
WINDOW_SETTINGS = "window.ini"
"""Geometry, toolbar/dock state, splitter sizes, last section: an ini file in config_dir()."""
DEFAULT_SIZE = QSize(1440, 900)
TASK_WAIT_MS = 15_000
"""On quit, how long a running build may take to finish before the window closes anyway."""
NEEDS_REVIEW = ("new", "open", "save", "save_as", "import_", "build", "export_pdf", "preferences")
"""Actions that wait until start-up has opened a review."""


def window_settings() -> QSettings:
    return QSettings(str(config_dir() / WINDOW_SETTINGS), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """One review at a time. See the module docstring for the two-step start-up."""

    ready = Signal()
    """Start-up finished: the review is shown."""
    planned = Signal()
    """The preview and the checklist show the review as it is now."""
    buildFinished = Signal(object)
    """A deck was written: its Path."""
    buildFailed = Signal(str)
    buildCancelled = Signal()
    imported = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.doc = DocumentController(self)
        self.preferences: Preferences
        self._message: MessageBar | None = None
        self.pages: list[SectionPage] = []
        self.plan: DeckPlan | None = None
        self.findings: list[Finding] = []
        self.preview: Any = None
        self.autosaver: Autosaver | None = None
        self.last_output: Path | None = None
        self.import_wizard: ImportWizard | None = None
        self._template: TemplateInfo | None = None
        self._tasks: set[Task] = set()
        self._last_plan_at = 0.0
        self._planning = False
        self._syncing_preview = False
        self.undo_action = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self._build_shell()
        self.setAcceptDrops(True)
        self._restore_geometry()
        self.doc.dirtyChanged.connect(self.setWindowModified)
        self.doc.fileChanged.connect(lambda _path: self._update_title())
        self.doc.changed.connect(self._on_changed)
        self.doc.failed.connect(self.show_error)
        self._update_title()

    # --- shell ------------------------------------------------------------------------

    def _build_shell(self) -> None:
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action.setIcon(icon("redo"))
        self.actions = create_actions(
            self,
            {
                "new": self.new_review,
                "open": self.open_review,
                "save": self.save,
                "save_as": self.save_as,
                "import": self.import_spreadsheets,
                "build": self.build_deck,
                "export_pdf": self.export_pdf,
                "preferences": self.edit_preferences,
                "quit": self.close,
                "toggle_preview": self._toggle_preview,
                "next_section": lambda: self._step_section(1),
                "previous_section": lambda: self._step_section(-1),
                "go": self.go_to_section,
                "about": lambda: dialogs.show_about(self),
            },
        )
        self.actions.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.nav = QListWidget(self)
        self.nav.setAccessibleName("Sections")
        self.nav.setToolTip("The meeting's agenda: choose a section (Ctrl+1 … Ctrl+7)")
        row_height = self.nav.fontMetrics().height() + 14
        for number, (_, title) in enumerate(SECTIONS, start=1):
            item = QListWidgetItem(title, self.nav)
            item.setToolTip(f"{title} (Ctrl+{number})")
            item.setSizeHint(QSize(0, row_height))
        self.nav.setMinimumWidth(
            self.nav.fontMetrics().horizontalAdvance("Adoption challenges (99)") + 32
        )
        self.nav.setMaximumWidth(260)
        self.nav.setSpacing(1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(QWidget(self.stack))  # until finish_startup adds the pages
        self.preview_host = QWidget(self)
        self.preview_host.setMinimumWidth(300)  # the preview stacks its parts when narrow
        QVBoxLayout(self.preview_host).setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(parent=self)  # horizontal; QSplitter(self) would name Qt.*
        self.splitter.setObjectName("MainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.nav, self.stack, self.preview_host):
            self.splitter.addWidget(widget)
        # The navigation keeps its width; editor and preview share the rest half and half at
        # any window size (the default sizes below split it the same way), which at 1440 px
        # gives each about 620 px: the editor's forms and a legible slide both fit.
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(6, 6, 6, 0)
        self._central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.slides_label = QLabel(self)
        self.todo_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.todo_label)
        self.statusBar().addPermanentWidget(self.slides_label)
        self.nav.currentRowChanged.connect(self._nav_changed)
        for name in NEEDS_REVIEW:
            getattr(self.actions, name).setEnabled(False)

    def _restore_geometry(self) -> None:
        settings = window_settings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            size = DEFAULT_SIZE
            if screen is not None:
                available = screen.availableGeometry().size()
                size = size.boundedTo(available * 0.9)
            self.resize(size)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            width = self.width()
            nav = self.nav.minimumWidth()
            self.splitter.setSizes([nav, (width - nav) // 2, (width - nav) // 2])

    def _save_geometry(self) -> None:
        settings = window_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        settings.setValue("window/section", self.current_section())
        settings.setValue("window/preview", self.preview_host.isVisible())
        settings.sync()

    # --- start-up ---------------------------------------------------------------------

    def finish_startup(self, path: Path | None = None, *, offer_recovery: bool = True) -> None:
        """Build the pages and the preview, offer recovered reviews, open the first review."""
        from qbr_studio.ui.icons import app_icon
        from qbr_studio.ui.preferences import load_preferences
        from qbr_studio.ui.recovery_ui import Autosaver
        from qbr_studio.ui.sections import page_classes
        from qbr_studio.ui.theme import follow_system

        follow_system(QApplication.instance())  # type: ignore[arg-type]
        self.setWindowIcon(app_icon())
        self.preferences = load_preferences()
        self.review_mode = review_mode.attach(self, self.doc, lambda: self.preferences.author_name)
        opening = self.stack.widget(0)
        for cls in page_classes():
            page = cls(self.doc, self.stack)
            page.jumpRequested.connect(self.jump_to)
            self.stack.addWidget(page)
            self.pages.append(page)
        self.stack.removeWidget(opening)
        opening.deleteLater()
        self.data_page.importRequested.connect(self.import_spreadsheets)
        self.check_page.buildRequested.connect(self.build_deck)
        self.check_page.exportPdfRequested.connect(self.export_pdf)
        self._install_preview()
        self._plan_timer = QTimer(self)
        self._plan_timer.setSingleShot(True)
        self._plan_timer.timeout.connect(self.refresh_plan)
        self.autosaver = Autosaver(self.doc, self)
        self._show_template()
        recovered = offer_recovery and self.offer_recovery()
        if not recovered:
            self._open_first(path)
        settings = window_settings()
        self.go_to_section(str(settings.value("window/section", "overview")))
        if str(settings.value("window/preview", "true")).lower() == "false":
            self._toggle_preview(False)
        for name in NEEDS_REVIEW:
            getattr(self.actions, name).setEnabled(True)
        self.ready.emit()

    def _install_preview(self) -> None:
        from qbr_studio.ui.preview import PreviewPane

        self.preview = PreviewPane(self.preview_host)
        self.preview_host.layout().addWidget(self.preview)
        self.preview.slideSelected.connect(self._slide_selected)

    def _open_first(self, path: Path | None) -> None:
        """``path``, else the last review opened, else a copy of the bundled sample."""
        from qbr_studio.ui import recent
        from qbr_studio.ui.startup import sample_review_path

        candidates = [p for p in (path, recent.last_existing()) if p is not None]
        for candidate in candidates:
            if self.open_review(candidate, ask=False):
                return
        try:
            self.open_review(sample_review_path(), ask=False)
        except UserError as err:
            self.show_error(str(err))
        if not self.doc.is_open:
            self._load_blank()

    def _load_blank(self) -> None:
        from qbr_studio.model import Meta, Review

        author = self.preferences.author_name or "Your name"
        self.doc.load(Review(meta=Meta(csm=author, quarter=dialogs.current_quarter())), dirty=True)

    def offer_recovery(self) -> bool:
        """Offer reviews autosaved by a session that crashed; True if one was opened."""
        from qbr_studio.storage import discard, list_recoverable, load_recovered

        entries = list_recoverable()
        if not entries:
            return False
        answer, entry = dialogs.ask_recover(self, entries)
        if answer == dialogs.DISCARD:
            for item in entries:
                discard(item.key)
            return False
        if answer != dialogs.RECOVER or entry is None:
            return False
        try:
            loaded = load_recovered(entry)
        except UserError as err:
            self.show_error(str(err))
            return False
        self.doc.load(loaded.review, loaded.media, entry.original_path, dirty=True)
        assert self.autosaver is not None
        self.autosaver.adopt(entry.key)
        where = entry.original_path.name if entry.original_path else "the unsaved review"
        self.show_message(f"Recovered your unsaved changes to {where}. Save to keep them.")
        return True

    # --- navigation -------------------------------------------------------------------

    def page(self, key: str) -> SectionPage:
        return next(page for page in self.pages if page.key == key)

    @property
    def data_page(self) -> DataPage:
        return cast("DataPage", self.page("data"))

    @property
    def check_page(self) -> CheckBuildPage:
        return cast("CheckBuildPage", self.page("check_build"))

    def current_section(self) -> str:
        row = self.nav.currentRow()
        return SECTIONS[row][0] if row >= 0 else "overview"

    def go_to_section(self, key: str) -> None:
        for row, (section, _) in enumerate(SECTIONS):
            if section == key:
                self.nav.setCurrentRow(row)

    def jump_to(self, path: str) -> None:
        """Show the editor of a JSON path (a checklist item, a button's target)."""
        for page in self.pages:
            if page.owns(path):
                self.go_to_section(page.key)
                page.focus_path(path)
                return

    def _nav_changed(self, row: int) -> None:
        if not self.pages or row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.pages[row]
        if self.plan is not None and self.preview is not None and page.slide_sections:
            slides = self.plan.slides
            shown = self.preview.current_index()
            if 0 <= shown < len(slides) and slides[shown].section in page.slide_sections:
                return  # already one of this section's slides (perhaps the one just clicked)
            first = next(
                (i for i, s in enumerate(slides) if s.section in page.slide_sections), None
            )
            if first is not None:
                self._syncing_preview = True
                try:
                    self.preview.set_current_index(first)
                finally:
                    self._syncing_preview = False

    def _step_section(self, step: int) -> None:
        row = (self.nav.currentRow() + step) % len(SECTIONS)
        self.nav.setCurrentRow(row)

    def _slide_selected(self, index: int) -> None:
        """A slide chosen in the preview: show the section that writes it."""
        if self._syncing_preview or self._planning or self.plan is None:
            return
        if not 0 <= index < len(self.plan.slides):
            return
        section = self.plan.slides[index].section
        for page in self.pages:
            if section in page.slide_sections and page.key != self.current_section():
                self._syncing_preview = True
                try:
                    self.go_to_section(page.key)
                finally:
                    self._syncing_preview = False
                return

    def _toggle_preview(self, visible: bool | None = None) -> None:
        show = not self.preview_host.isVisible() if visible is None else visible
        self.preview_host.setVisible(show)
        self.actions.show_preview.setChecked(show)

    # --- following the document -------------------------------------------------------

    def _on_changed(self, _path: str) -> None:
        if not self.pages:
            return
        self.schedule_plan()

    def schedule_plan(self) -> None:
        """Re-plan now if the last plan is older than PLAN_INTERVAL_MS, else when it is."""
        if self._plan_timer.isActive():
            return
        waited = (time.monotonic() - self._last_plan_at) * 1000
        self._plan_timer.start(max(0, int(PLAN_INTERVAL_MS - waited)))

    def refresh_plan(self) -> None:
        """Plan the deck of the review as it is, and show it in the preview and checklist."""
        from qbr_studio.checks import check_review
        from qbr_studio.deck.compose import compose

        if not self.doc.is_open:
            return
        try:
            plan = compose(self.doc.review, self.template_info(), self.doc.media)
        except UserError as err:
            self.show_error(str(err))
            return
        except Exception as err:  # a bug in planning must not take the editor down with it
            import logging

            logging.getLogger(__name__).exception("Planning the preview failed")
            self.show_error(f"The preview could not be drawn ({type(err).__name__}: {err}).")
            return
        self.plan = plan
        self._planning = True
        try:
            self.preview.set_plan(plan)
        finally:
            self._planning = False
        for page in self.pages:
            page.set_plan(plan)
        self.findings = check_review(self.doc.review, self.doc.media)
        self.check_page.set_findings(self.findings)
        self._update_status()
        self._last_plan_at = time.monotonic()
        self.planned.emit()

    def template_info(self) -> TemplateInfo:
        """The template the deck is built on (cached); the bundled one if the chosen fails."""
        from qbr_studio.deck.template import load_template

        if self._template is None:
            try:
                self._template = load_template(self.preferences.template_path)
            except UserError as err:
                self.show_error(f"{err} The bundled template is used instead.")
                self._template = load_template(None)
        return self._template

    def _update_status(self) -> None:
        count = len(self.plan.slides) if self.plan else 0
        self.slides_label.setText(f"{count} slides")
        todo = len(self.findings)
        self.todo_label.setText(f"{todo} to finish" if todo else "Ready for the meeting")
        check_row = len(SECTIONS) - 1
        title = SECTIONS[check_row][1]
        self.nav.item(check_row).setText(f"{title} ({todo})" if todo else title)

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.doc.display_name}[*] — {APP_TITLE}")
        self.setWindowFilePath(str(self.doc.path) if self.doc.path else "")
        self.setWindowModified(self.doc.dirty)

    # --- messages ---------------------------------------------------------------------

    @property
    def message(self) -> MessageBar:
        """The message strip above the editors (made when there is a first message)."""
        if self._message is None:
            from qbr_studio.ui.message_bar import MessageBar

            self._message = MessageBar(self)
            self._central_layout.insertWidget(0, self._message)
        return self._message

    def show_error(self, text: str) -> None:
        self.message.error(text)

    def show_message(self, text: str) -> None:
        self.message.info(text)

    def show_done(self, text: str, out: Path | None = None) -> None:
        """A success; with ``out``, buttons to open the file and to show it in its folder."""
        from qbr_studio.ui import desktop

        actions = []
        if out is not None:
            actions = [
                ("Open", lambda: desktop.open_file(out)),
                ("Show in folder", lambda: desktop.show_in_folder(out)),
            ]
        self.message.success(text, actions)

    # --- files ------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Before the review is closed: True if it may go (saved, discarded, or unchanged)."""
        if not self.doc.is_open or not self.doc.dirty:
            return True
        answer = dialogs.ask_save_changes(self, self.doc.display_name)
        if answer == dialogs.SAVE:
            return self.save()
        return answer == dialogs.DISCARD

    def new_review(self) -> None:
        if not self.maybe_save():
            return
        answer = dialogs.ask_new_review(self, self.preferences.author_name)
        if answer is None:
            return
        from qbr_studio.model import Meta, Review

        review = Review(meta=Meta(csm=answer.csm, quarter=answer.quarter, team=answer.team))
        self._forget_session()
        self.doc.load(review, dirty=True)
        self.go_to_section("overview")
        self.show_message("New review started. Import your data, then write the story.")

    def open_review(self, path: Path | None = None, *, ask: bool = True) -> bool:
        """Open ``path`` (or ask which); True if it opened. Errors show in the window."""
        from qbr_studio.ui import recent

        if ask and not self.maybe_save():
            return False
        if path is None:
            path = dialogs.ask_open_path(self, self._folder())
            if path is None:
                return False
        replacing = self.doc.is_open
        try:
            migrated = self.doc.open_file(Path(path))
        except UserError as err:
            self.show_error(str(err))
            return False
        if replacing:
            self._forget_session()
        recent.remember(Path(path))
        if migrated is not None:
            self.show_message(
                f"{Path(path).name} was made by an older QBR Studio (file format {migrated}); "
                "saving it writes the current format."
            )
        return True

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._save_to(self.doc.path)

    def save_as(self) -> bool:
        suggested = self.doc.path or (self._folder() / f"{self._default_stem()}.qbr")
        path = dialogs.ask_save_path(self, "Save review as", suggested, dialogs.REVIEW_FILTER)
        if path is None:
            return False
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from qbr_studio.ui import recent

        try:
            self.doc.save_to(path)
        except UserError as err:
            self.show_error(str(err))
            return False
        if self.autosaver is not None:
            self.autosaver.discard()
        recent.remember(path)
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _forget_session(self) -> None:
        """The open review is being replaced: its recovery copy is no longer needed."""
        if self.autosaver is not None:
            self.autosaver.restart()

    def _folder(self) -> Path:
        if self.doc.path is not None:
            return self.doc.path.parent
        return Path.home()

    def _output_folder(self) -> Path:
        return self.preferences.output_folder or self._folder()

    def _default_stem(self) -> str:
        if self.doc.path is not None:
            return self.doc.path.stem
        meta = self.doc.review.meta
        return f"QBR {meta.quarter} {meta.csm}".strip()

    def _fill_recent_menu(self) -> None:
        from qbr_studio.ui import recent

        menu = self.actions.recent_menu
        menu.clear()
        paths = recent.load_recent()
        for number, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))
        if not paths:
            menu.addAction("No recent reviews").setEnabled(False)

    def _open_recent(self, path: Path) -> None:
        from qbr_studio.ui import recent

        if not path.is_file():
            recent.forget(path)
            self.show_error(f"Could not open {path}: the file was moved or deleted.")
            return
        self.open_review(path)

    # --- import -----------------------------------------------------------------------

    def import_spreadsheets(self, paths: list[Path] | None = None) -> None:
        """Open the import wizard on ``paths`` (asks which files if None); one undo step."""
        try:
            from qbr_studio.ui.import_wizard import ImportWizard
        except ImportError:
            self.show_error("Spreadsheet import is not available in this version of QBR Studio.")
            return
        if paths is None:
            paths = dialogs.ask_import_paths(self, self._folder())
        if not paths:
            return
        if self.import_wizard is not None:
            self.import_wizard.reject()
        names = ", ".join(p.name for p in paths)
        wizard = ImportWizard(list(paths), self.doc.review.model_copy(deep=True), self)
        wizard.importDone.connect(lambda result: self._imported(result, names))
        wizard.finished.connect(lambda _code: self._wizard_closed(wizard))
        self.import_wizard = wizard
        wizard.open()

    def _wizard_closed(self, wizard: Any) -> None:
        if self.import_wizard is wizard:
            self.import_wizard = None
        wizard.deleteLater()

    def _imported(self, result: Any, names: str) -> None:
        self.doc.replace_review(result.review, f"Import {names}")
        self.show_done(f"Imported {names}. Edit › Undo takes it back.")
        self.imported.emit()
        dialogs.show_report(self, "Import report", result.report.to_text())

    # --- build and export -------------------------------------------------------------

    def build_deck(self, out: Path | None = None) -> None:
        """Write the deck (asks where if ``out`` is None) in a worker, with progress."""
        from qbr_studio.ui.workers import build_job

        if out is None:
            suggested = self._output_folder() / f"{self._default_stem()}.pptx"
            out = dialogs.ask_save_path(self, "Build deck", suggested, dialogs.DECK_FILTER)
            if out is None:
                return
        review = self.doc.review.model_copy(deep=True)
        task = self._start_task(
            "Building the deck",
            build_job(review, Path(out), self.preferences.template_path, self.doc.media),
        )
        task.succeeded.connect(self._built)
        task.failed.connect(self._build_failed)
        task.cancelled.connect(self._build_cancelled)

    def _built(self, out: Path) -> None:
        self.last_output = out
        self.show_done(f"Deck saved: {out}", out)
        self.check_page.set_result(f"Last deck: {out}")
        self.buildFinished.emit(out)

    def _build_failed(self, text: str) -> None:
        self.show_error(text)
        self.buildFailed.emit(text)

    def _build_cancelled(self) -> None:
        self.show_message("Build cancelled; no file was written or changed.")
        self.buildCancelled.emit()

    def export_pdf(self, out: Path | None = None) -> bool:
        """Save the deck as a PDF drawn like the preview; True if written."""
        from PySide6.QtCore import Qt

        from qbr_studio.ui.pdf_export import export_pdf

        if out is None:
            suggested = self._output_folder() / f"{self._default_stem()}.pdf"
            out = dialogs.ask_save_path(self, "Export PDF", suggested, dialogs.PDF_FILTER)
            if out is None:
                return False
        self.refresh_plan()
        if self.plan is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            export_pdf(self.plan, Path(out))
        except UserError as err:
            self.show_error(str(err))
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.show_done(f"PDF saved: {out}", Path(out))
        return True

    def _start_task(self, title: str, work: Any) -> Task:
        """Run ``work`` in a worker thread with a cancellable progress dialog."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from qbr_studio.ui.workers import BUSY, Task

        task = Task(title, work, self)
        progress = QProgressDialog(f"{title}…", "Cancel", 0, 0, self)
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
            self._tasks.discard(task)
            task.deleteLater()

        task.progressed.connect(progressed)
        progress.canceled.connect(task.cancel)
        task.finished.connect(finished)
        self._tasks.add(task)
        task.start()
        return task

    # --- preferences ------------------------------------------------------------------

    def edit_preferences(self) -> None:
        chosen = dialogs.ask_preferences(self, self.preferences)
        if chosen is None:
            return
        self.apply_preferences(chosen)

    def apply_preferences(self, chosen: Preferences) -> None:
        from qbr_studio.ui.preferences import save_preferences

        try:
            save_preferences(chosen)
        except UserError as err:
            self.show_error(str(err))
            return
        template_changed = chosen.default_template != self.preferences.default_template
        self.preferences = chosen
        if template_changed:
            self._template = None
            self._show_template()
            self.refresh_plan()

    def _show_template(self) -> None:
        path = self.preferences.template_path
        text = path.name if path else "the bundled QBR Studio template"
        self.check_page.set_template(text, str(path) if path else "")

    # --- drag and drop ----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped(event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped(event.mimeData().urls())
        if not paths:
            return
        event.acceptProposedAction()
        reviews = [p for p in paths if p.suffix.lower() == ".qbr"]
        if reviews:
            QTimer.singleShot(0, lambda: self.open_review(reviews[0]))
        else:
            QTimer.singleShot(0, lambda: self.import_spreadsheets(paths))

    @staticmethod
    def _dropped(urls: list[Any]) -> list[Path]:
        """Local files a drop may carry: spreadsheets to import, or reviews to open."""
        accepted = (*dialogs.SPREADSHEET_SUFFIXES, ".qbr")
        paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in accepted]

    # --- closing ----------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        for task in list(self._tasks):
            task.cancel()
            task.wait(TASK_WAIT_MS)
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver.discard()
        self._save_geometry()
        event.accept()
