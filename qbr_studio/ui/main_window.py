"""The main window: agenda navigation, the section editors and the live preview, wired to the
workflows around them — :mod:`planner` (the throttled re-plan), :mod:`file_actions` (open,
save, recent, recovery), :mod:`import_actions` and :mod:`build_actions` (deck and PDF).

Start-up is in two steps so the window paints at once: the constructor builds only the
shell (menus, toolbar, navigation), and :meth:`MainWindow.finish_startup` — run right after
the first paint — loads the document model, the pages, the preview and the review. Modules
the shell doesn't need (dialog windows, the message bar, the model, storage) are imported
where they are first used, and the shell names no ``Qt.*`` enum: PySide creates all of
them (about 100) on first use of any, which alone would cost a sixth of a bare window's
start-up. ``benchmarks/bench_startup.py`` measures this.
"""

from __future__ import annotations

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
from qbr_studio.ui import dialogs, help_menu, review_mode, template_check_page
from qbr_studio.ui.actions import create_actions
from qbr_studio.ui.build_actions import BuildActions
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.file_actions import FileActions
from qbr_studio.ui.icons import icon
from qbr_studio.ui.import_actions import ImportActions
from qbr_studio.ui.planner import Planner
from qbr_studio.ui.sections import SECTIONS
from qbr_studio.ui.team_menu import install_team_menu

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent

    from qbr_studio.checks import Finding
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.deck.reading.template import TemplateInfo
    from qbr_studio.deck.review_template import TemplateChoice
    from qbr_studio.ui.import_wizard import ImportWizard
    from qbr_studio.ui.message_bar import MessageBar
    from qbr_studio.ui.preferences import Preferences
    from qbr_studio.ui.recovery_ui import Autosaver
    from qbr_studio.ui.sections.base import SectionPage
    from qbr_studio.ui.sections.check_build import CheckBuildPage
    from qbr_studio.ui.sections.data import DataPage

APP_TITLE = "QBR Studio"
WINDOW_SETTINGS = "window.ini"
"""Geometry, toolbar/dock state, splitter sizes, last section: an ini file in config_dir()."""
DEFAULT_SIZE = QSize(1440, 900)
EDITOR_SHARE = 0.58
"""The editor's share of the width beside the navigation, until the user moves the split."""
NEEDS_REVIEW = (
    "new",
    "new_from",
    "open",
    "save",
    "save_as",
    "import_",
    "build",
    "export_pdf",
    "preferences",
)
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
        self.preview: Any = None
        self.autosaver: Autosaver | None = None
        self.planner = Planner(self.doc, lambda: self.template_choice().path, self)
        self.files = FileActions(self)
        self.imports = ImportActions(self)
        self.outputs = BuildActions(self)
        self._planning = False
        self._syncing_preview = False
        self.undo_action = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self._build_shell()
        self.team_views = install_team_menu(self)  # Team › Open team folder…
        self.setAcceptDrops(True)
        self._restore_geometry()
        self.doc.dirtyChanged.connect(self.setWindowModified)
        self.doc.fileChanged.connect(lambda _path: self._update_title())
        self.doc.changed.connect(self._on_changed)
        self.doc.failed.connect(self.show_error)
        self.planner.planned.connect(self._show_plan)
        self.planner.failed.connect(self.show_error)
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
                "new_from": self.new_from_last_quarter,
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
                "about": lambda: help_menu.show_about(self),
            },
        )
        help_menu.install(self)
        template_check_page.install(self)  # Help › Check a Template…
        self.actions.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
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
        # The navigation keeps its width; editor and preview share the rest, the editor a
        # little more (EDITOR_SHARE: its tables and forms need it more than the slide does);
        # the user's own split is remembered (window/splitter).
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        central = QWidget(self)
        self._central_layout = QVBoxLayout(central)
        self._central_layout.setContentsMargins(6, 6, 6, 0)
        self.message_slot = QWidget(central)  # the message strip's reserved space
        QVBoxLayout(self.message_slot).setContentsMargins(0, 0, 0, 0)
        self._central_layout.addWidget(self.message_slot)
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
            self.default_split()

    def default_split(self) -> None:
        """Navigation, editor and preview as on a first start at the window's width."""
        width = self.width()
        nav = self.nav.minimumWidth()
        editor = round((width - nav) * EDITOR_SHARE)
        self.splitter.setSizes([nav, editor, width - nav - editor])

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
        self._install_message_bar()
        self.review_mode = review_mode.attach(self, self.doc, lambda: self.preferences.author_name)
        opening = self.stack.widget(0)
        for cls in page_classes():
            page = cls(self.doc, self.stack)
            page.jumpRequested.connect(self.jump_to)
            page.locationChanged.connect(self.follow_editor)
            self.stack.addWidget(page)
            self.pages.append(page)
        self.stack.removeWidget(opening)
        opening.deleteLater()
        self.data_page.importRequested.connect(self.import_spreadsheets)
        self.check_page.buildRequested.connect(self.build_deck)
        self.check_page.exportPdfRequested.connect(self.export_pdf)
        self.outputs.install_feedback_choice()  # "Build with feedback", remembered
        self._install_preview()
        self.autosaver = Autosaver(self.doc, self)
        self._show_template()
        from qbr_studio.ui import sample_banner

        self.sample_banner = sample_banner.install(self)
        recovered = offer_recovery and self.files.offer_recovery()
        if not recovered:
            self.files.open_first(path)
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
        self.preview.view.folder = self.files.folder  # "Save chart as…" starts there

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
        from qbr_studio.model.agenda import locate

        location = locate(path)
        if location is None:
            return
        page = self.page(location.page.value)
        self.go_to_section(page.key)
        page.focus_path(path)
        self.follow_editor()

    def _nav_changed(self, row: int) -> None:
        if not self.pages or row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.follow_editor()

    def follow_editor(self) -> None:
        """Show in the preview a slide of what the editor is at, unless one is shown already
        (perhaps the one just clicked). Runs again after each plan, as slides come and go."""
        from qbr_studio.ui.slide_follow import slides_showing

        if self.plan is None or self.preview is None or self._syncing_preview:
            return
        root = self.pages[self.stack.currentIndex()].location()
        slides = slides_showing(self.plan, root) if root else []
        if not slides or self.preview.current_index() in slides:
            return
        self._syncing_preview = True
        try:
            self.preview.set_current_index(slides[0])
        finally:
            self._syncing_preview = False

    def _step_section(self, step: int) -> None:
        row = (self.nav.currentRow() + step) % len(SECTIONS)
        self.nav.setCurrentRow(row)

    def _slide_selected(self, index: int) -> None:
        """A slide chosen in the preview: show the page (and tab) that writes it."""
        from qbr_studio.model.agenda import locate
        from qbr_studio.ui.slide_follow import root_showing

        if self._syncing_preview or self._planning or self.plan is None:
            return
        root = root_showing(self.plan, index)
        location = locate(root) if root else None
        if location is None:
            return
        self._syncing_preview = True
        try:
            self.go_to_section(location.page.value)
            self.page(location.page.value).show_location(root)
        finally:
            self._syncing_preview = False

    def _toggle_preview(self, visible: bool | None = None) -> None:
        show = not self.preview_host.isVisible() if visible is None else visible
        self.preview_host.setVisible(show)
        self.actions.show_preview.setChecked(show)

    # --- following the document -------------------------------------------------------

    def _on_changed(self, _path: str) -> None:
        if not self.pages:
            return
        if self._message is not None:  # an edit went through: a refused one is history, and
            from qbr_studio.ui.message_bar import ERROR, SUCCESS  # a result is of the old review

            self._message.dismiss(ERROR, SUCCESS)
        if _path in ("", "template"):
            self._show_template()
        self.schedule_plan()

    def schedule_plan(self) -> None:
        self.planner.schedule()

    def refresh_plan(self) -> None:
        """Plan the deck of the review as it is, and show it in the preview and checklist."""
        self.planner.refresh()

    @property
    def plan(self) -> DeckPlan | None:
        return self.planner.plan

    @property
    def findings(self) -> list[Finding]:
        return self.planner.findings

    def template_info(self) -> TemplateInfo:
        return self.planner.template_info()

    def _show_plan(self) -> None:
        plan = self.planner.plan
        assert plan is not None
        self._planning = True
        try:
            self.preview.set_plan(plan)
        finally:
            self._planning = False
        for page in self.pages:
            page.set_plan(plan)
        self.follow_editor()
        self.check_page.set_findings(self.findings)
        self._update_status()
        self.planned.emit()

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

    def _install_message_bar(self) -> None:
        from qbr_studio.ui.message_bar import MessageBar, strip_height

        self._message = MessageBar(self.message_slot)
        self.message_slot.layout().addWidget(self._message)
        self.message_slot.setFixedHeight(strip_height(self))

    @property
    def message(self) -> MessageBar:
        """The message strip above the editors, in space reserved for it (see message_bar)."""
        if self._message is None:
            self._install_message_bar()
        assert self._message is not None
        return self._message

    def starting(self) -> None:
        """The user starts another action: the last action's messages have had their turn."""
        if self._message is not None:
            self._message.dismiss()

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

    # --- workflows (see file_actions, import_actions, build_actions) --------------------

    def maybe_save(self) -> bool:
        return self.files.maybe_save()

    def new_review(self) -> None:
        self.starting()
        self.files.new_review()

    def new_from_last_quarter(self, path: Path | None = None) -> bool:
        from qbr_studio.ui.new_from import new_from_last_quarter

        return new_from_last_quarter(self, path)

    def open_review(self, path: Path | None = None, *, ask: bool = True) -> bool:
        self.starting()
        return self.files.open_review(path, ask=ask)

    def save(self) -> bool:
        self.starting()
        return self.files.save()

    def save_as(self) -> bool:
        self.starting()
        return self.files.save_as()

    def import_spreadsheets(self, paths: list[Path] | None = None) -> None:
        self.starting()
        self.imports.import_spreadsheets(paths)

    @property
    def import_wizard(self) -> ImportWizard | None:
        return self.imports.wizard

    def build_deck(self, out: Path | None = None) -> None:
        self.starting()
        self.outputs.build_deck(out)

    def export_pdf(self, out: Path | None = None) -> bool:
        self.starting()
        return self.outputs.export_pdf(out)

    @property
    def last_output(self) -> Path | None:
        return self.outputs.last_output

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
        self.preferences = chosen  # its template is for new reviews: the open one keeps its own

    def template_choice(self) -> TemplateChoice:
        """The template the open review's deck is built on (its own, its team pack's, the
        bundled one)."""
        from qbr_studio.ui.template_chooser import current_choice

        return current_choice(self.doc)

    def _show_template(self) -> None:
        if not self.doc.is_open:
            return
        choice = self.template_choice()
        self.check_page.set_template(choice.said, choice.problem)
        if choice.problem:  # the deck would silently take another look: say so
            self.show_error(choice.problem)

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
        self.outputs.cancel_all()
        if self.autosaver is not None:
            self.autosaver.stop()
            self.autosaver.discard()
        self._save_geometry()
        event.accept()
