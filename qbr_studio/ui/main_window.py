"""The main window: agenda navigation, the section editors and the live preview, wired to the
workflows around them — :mod:`planner` (the throttled re-plan), :mod:`file_actions` (open,
save, recent, recovery), :mod:`import_actions` and :mod:`build_actions` (deck and PDF).

Start-up is in two steps so the window paints at once: the constructor builds only the
shell (menus, toolbar, navigation), and :meth:`MainWindow.finish_startup` — run right after
the first paint — loads the document model, the pages, the preview and the review. Modules
the shell doesn't need (dialog windows, the message bar, the model, storage) are imported
where they are first used, and the shell names no ``Qt.*`` enum: PySide creates all of
them (about 100) on first use of any, which alone would cost a sixth of a bare window's
start-up. The app's own start (:func:`qbr_studio.ui.app.start`) then shows the review as
soon as it can: only the page on screen (and the checklist's) is built before the review's
first slide is painted (:attr:`MainWindow.shown`); the checklist, the thumbnails and the other
pages follow in idle time, and a page is built at once whenever it is needed first
(:meth:`MainWindow.page`). ``benchmarks/bench_startup.py`` measures this.
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
from qbr_studio.ui import dialogs, help_menu
from qbr_studio.ui.actions import create_actions
from qbr_studio.ui.after_paint import AfterPaint
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
    from qbr_studio.deck.reading.template_info import TemplateInfo
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
SHOWN_TIMEOUT_MS = 1000
"""If the preview is never painted (a minimized window), :attr:`MainWindow.shown` comes after
this anyway."""
FIRST_PAGES = ("check_build",)
"""Pages built with the one on screen, before the review is shown: the checklist's page takes
the template's name, the checklist and the build buttons."""


def window_settings() -> QSettings:
    return QSettings(str(config_dir() / WINDOW_SETTINGS), QSettings.Format.IniFormat)


class MainWindow(QMainWindow):
    """One review at a time. See the module docstring for the two-step start-up."""

    ready = Signal()
    """Start-up finished: the review is open."""
    shown = Signal()
    """The review just opened is on screen: the page's fields and its current slide are
    painted (the checklist, the thumbnails and the other pages may still follow)."""
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
        self._started = False  # finish_startup has begun: pages can be built
        self._pages: dict[str, SectionPage] = {}
        self._building = QTimer(self)  # the pages not built yet, one per event-loop turn
        self._building.setInterval(0)
        self._building.timeout.connect(self._build_next_page)
        self._first_look = False  # a review was opened and its first plan isn't shown yet
        self._widths_to_keep = True  # start-up's measured text widths aren't kept yet
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
        self.planner.previewed.connect(self._show_plan)
        self.planner.planned.connect(self._show_findings)
        self.planner.failed.connect(self.show_error)
        self.planner.failed.connect(self._first_plan_failed)
        # after every slot of shown has seen it: they learn when the review is on screen
        self.shown.connect(lambda: QTimer.singleShot(0, self, self._after_shown))
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
        for _ in SECTIONS:  # each page's place until it is built (see page())
            self.stack.addWidget(QWidget(self.stack))
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

    def finish_startup(
        self, path: Path | None = None, *, offer_recovery: bool = True, pages_later: bool = False
    ) -> None:
        """Build the pages and the preview, offer recovered reviews, open the first review.

        With ``pages_later``, only the page to be shown and :data:`FIRST_PAGES` are built now,
        the others once the review is on screen (:attr:`shown`), one per event-loop turn."""
        from qbr_studio.ui import review_mode
        from qbr_studio.ui.icons import app_icon
        from qbr_studio.ui.preferences import load_preferences
        from qbr_studio.ui.recovery_ui import Autosaver
        from qbr_studio.ui.theme import follow_system

        follow_system(QApplication.instance())  # type: ignore[arg-type]
        self.setWindowIcon(app_icon())
        self.preferences = load_preferences()
        self._install_message_bar()
        self.review_mode = review_mode.attach(self, self.doc, lambda: self.preferences.author_name)
        self._started = True
        settings = window_settings()
        section = str(settings.value("window/section", "overview"))
        keys = [key for key, _ in SECTIONS]
        first = section if section in keys else keys[0]
        for key in (first, *FIRST_PAGES) if pages_later else keys:
            self.page(key)
        self.outputs.install_feedback_choice()  # "Build with feedback", remembered
        self._install_preview()
        self.autosaver = Autosaver(self.doc, self)
        self._show_template()
        from qbr_studio.ui import sample_banner

        self.sample_banner = sample_banner.install(self)
        self.go_to_section(section)
        recovered = offer_recovery and self.files.offer_recovery()
        if not recovered:
            self.files.open_first(path)
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
        self.preview.thumbnailsDrawn.connect(self._keep_startup_widths)
        self.preview.view.folder = self.files.folder  # "Save chart as…" starts there

    # --- navigation -------------------------------------------------------------------

    @property
    def pages(self) -> list[SectionPage]:
        """The section pages built so far, in the agenda's order (see :meth:`page`)."""
        return [self._pages[key] for key, _ in SECTIONS if key in self._pages]

    def page(self, key: str) -> SectionPage:
        """The section page ``key``, built now if it wasn't yet (KeyError before start-up)."""
        page = self._pages.get(key)
        return page if page is not None else self._build_page(key)

    def _build_page(self, key: str) -> SectionPage:
        """Build page ``key`` in its place in the stack, showing the review as it is."""
        from qbr_studio.ui.sections import page_class

        if not self._started:
            raise KeyError(f"no page before start-up: {key}")
        page = page_class(key)(self.doc, self.stack)
        self._pages[key] = page
        page.jumpRequested.connect(self.jump_to)
        page.locationChanged.connect(self.follow_editor)
        if key == "data":
            cast("DataPage", page).importRequested.connect(self.import_spreadsheets)
        elif key == "check_build":
            checks = cast("CheckBuildPage", page)
            checks.buildRequested.connect(self.build_deck)
            checks.exportPdfRequested.connect(self.export_pdf)
        row = [k for k, _ in SECTIONS].index(key)
        current, placeholder = self.stack.currentIndex(), self.stack.widget(row)
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        if self.plan is not None:
            page.set_plan(self.plan)
        return page

    def _build_next_page(self) -> None:
        """Idle time: build one page not built yet."""
        missing = [key for key, _ in SECTIONS if key not in self._pages]
        if missing:
            self._build_page(missing[0])
        if len(missing) <= 1:
            self._building.stop()
            self._keep_startup_widths()

    def _keep_startup_widths(self) -> None:
        """Once start-up's idle work is done (every page built, every thumbnail drawn), keep
        the text widths its plan and paintings measured, once (see :func:`_keep_widths`)."""
        if not self._widths_to_keep or len(self._pages) < len(SECTIONS):
            return
        if self.preview is None or self.preview.thumbnails_waiting():
            return
        self._widths_to_keep = False
        _keep_widths()

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
        if not self._started or row < 0:
            return
        self.page(SECTIONS[row][0])
        self.stack.setCurrentIndex(row)
        self.follow_editor()

    def follow_editor(self) -> None:
        """Show in the preview a slide of what the editor is at, unless one is shown already
        (perhaps the one just clicked). Runs again after each plan, as slides come and go."""
        from qbr_studio.ui.slide_follow import slides_showing

        if self.plan is None or self.preview is None or self._syncing_preview:
            return
        root = self.page(SECTIONS[self.stack.currentIndex()][0]).location()
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
        if not self._started:
            return
        if _path == "":  # another review: paint it, then make its checklist (_after_shown)
            self._first_look = True
            self.planner.schedule(check_later=self.current_section() != "check_build")
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
        """The plan in the preview and the pages (the checklist follows: _show_findings)."""
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
        self.slides_label.setText(f"{len(plan.slides)} slides")
        if self._first_look:
            self._first_look = False
            view = self.preview.view
            if view.isVisible():
                AfterPaint(view, self.shown.emit, SHOWN_TIMEOUT_MS)
            else:  # the preview is hidden (or the window not shown yet): the page is all
                QTimer.singleShot(0, self, self.shown.emit)

    def _first_plan_failed(self, *_: object) -> None:
        """A just-opened review that can't be planned is still shown (its page and the error):
        the idle work (checklist, other pages) goes on as after a plan."""
        if self._first_look:
            self._first_look = False
            QTimer.singleShot(0, self, self.shown.emit)

    def _after_shown(self) -> None:
        """Idle time after a review is shown: its checklist, then the pages not built yet."""
        if self.planner.check_pending:
            self.planner.check()
        self._building.start()

    def _show_findings(self) -> None:
        from qbr_studio.checks import missing

        self.check_page.set_findings(self.findings)
        todo = len(missing(self.findings))
        self.todo_label.setText(f"{todo} to finish" if todo else "Ready for the meeting")
        check_row = len(SECTIONS) - 1
        title = SECTIONS[check_row][1]
        self.nav.item(check_row).setText(f"{title} ({todo})" if todo else title)
        self.planned.emit()

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
        _keep_widths()
        event.accept()


def _keep_widths() -> None:
    """Write the text widths planning measured in this process (after start-up's idle work,
    and on closing for the edits' new texts): the next start's first plan measures none of
    them again (:mod:`qbr_studio.deck.kept_widths`, ~2,600 texts of the sample)."""
    from qbr_studio.deck.kept_widths import keep_measured

    keep_measured()
