"""The import wizard: see how each spreadsheet will be read, correct it, import in one step.

For every file it shows the tables found (sheet, header cell, what they hold), the proposed
column mapping — editable: what each column is read as, the data kind, the header row, the
date order — a preview of the first rows as they will be imported, and every problem with its
cell. Each correction re-reads the file in a worker thread with the corrected mapping, so the
preview is always what the import will do; Import then runs the real import (same mappings)
and hands the result to the window in one step. Nothing changes in the review before that, and
an import that fails leaves the wizard open with the reason.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ingest import progress as import_progress
from qbr_studio.ingest.progress import Progress
from qbr_studio.ingest.report import ROUTINE_SKIPS, Issue
from qbr_studio.ingest.session import ImportSession, Key, load_links, read_sources
from qbr_studio.ingest.sheet_preview import SourcePreview, TablePreview, kind_fields, kinds
from qbr_studio.ui import dialogs
from qbr_studio.ui.import_models import FieldDelegate, MappingModel, PreviewModel, alert
from qbr_studio.ui.import_questions import KeyFeatures, UntypedQuestion
from qbr_studio.ui.widgets import heading, hint
from qbr_studio.ui.workers import Task

if TYPE_CHECKING:
    from qbr_studio.ingest.mapping_store import SourceMapping
    from qbr_studio.model import Review

__all__ = ["ImportWizard", "Key"]

DATE_ORDERS = (
    ("Decide from the data", None),
    ("Day first (31/12/2026)", "dmy"),
    ("Month first (12/31/2026)", "mdy"),
    ("Year first (2026/12/31)", "ymd"),
)
_CELL = re.compile(r"([A-Z]{1,3})(\d+)$")


def _read(
    paths: list[Path], mappings: list[SourceMapping], links: list[Path], currency: str
) -> Any:
    """The worker's job: a preview or an error message per file (and per link file that
    can't be used)."""

    def work(task: Task) -> dict[Path, SourcePreview | str]:
        out: dict[Path, SourcePreview | str] = {}
        progress = Progress(task.report)  # its steps are where a Cancel stops the read
        with import_progress.active(progress):
            loaded, unusable = load_links(links)
            out.update(unusable)
            for number, path in enumerate(paths):
                task.check_cancelled()
                share = 100 / len(paths)
                with progress.span(share * number, share * (number + 1)):
                    out.update(read_sources([path], mappings, loaded, currency))
        return out

    return work


class ImportWizard(QDialog):
    """Import ``paths`` into a copy of ``review``; :attr:`importDone` carries the result."""

    importDone = Signal(object)
    """The :class:`~qbr_studio.ingest.ImportResult`, once the import succeeded."""
    idle = Signal()
    """No file is being read (the tables shown are up to date)."""

    def __init__(self, paths: list[Path], review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import spreadsheets")
        self.session = ImportSession(paths, review)
        """What is decided so far; this dialog is its view."""
        self._keys: list[Key] = []
        self._task: Task | None = None
        self._queued: set[Path] = set()
        self._importing = False
        self._progress: Progress | None = None
        """The running import's progress (its cancel stops the import)."""
        self._stopped = False
        """The last import was stopped by the user (said until the next correction)."""
        self._failure = ""
        """Why the last import (or read) failed; shown until the next correction."""
        self._build()
        self._read(self.paths)

    @property
    def paths(self) -> list[Path]:
        return self.session.paths

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.sources = QListWidget(self)
        self.sources.setAccessibleName("Tables found")
        self.sources.setToolTip("Each table found in the files; choose one to check it")
        self.sources.setMinimumWidth(220)
        self.sources.setMaximumWidth(300)
        self.sources.setWordWrap(True)
        self.sources.setSpacing(3)
        self.remove_button = QPushButton("Remove file", self)
        self.remove_button.setToolTip("Leave this file out of the import")
        self.remove_button.clicked.connect(self._remove_current)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Tables found:", self))
        left_layout.addWidget(self.sources, 1)
        self.links_used = QLabel(left)
        self.links_used.setWordWrap(True)
        self.links_used.setAccessibleName("Link files in use")
        self.unlink_button = QPushButton("Stop using link files", left)
        self.unlink_button.setToolTip("Read the files again without the files that map ids")
        self.unlink_button.clicked.connect(self._remove_links)
        left_layout.addWidget(self.links_used)
        left_layout.addWidget(self.unlink_button)
        left_layout.addWidget(self.remove_button)

        self.pages = QStackedWidget(self)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setAccessibleName("File problem")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pages.addWidget(self._table_page())
        self.pages.addWidget(self._problem_page())

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Reading")
        self.state = QLabel(self)
        self.state.setAccessibleName("Import status")
        self.state.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setToolTip("Import every table listed, as shown (one undo step)")
        self.import_button.setDefault(True)
        self.buttons.accepted.connect(self._import)
        self.buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.busy)
        footer.addWidget(self.state, 1)
        footer.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Check how each file will be read and correct what is wrong; nothing changes "
                "in your review until you press Import. The mapping is remembered, so next "
                "quarter's export of the same report imports with no questions."
            )
        )
        layout.addWidget(splitter, 1)
        layout.addLayout(footer)
        self.sources.currentRowChanged.connect(self._show_current)
        self.setMinimumSize(960, 600)
        self.resize(1180, 760)

    def _table_page(self) -> QWidget:
        page = QWidget(self)
        self.title = heading("", page, level=2)
        self.summary = QLabel(page)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Table summary")
        self.kind = QComboBox(page)
        self.kind.setAccessibleName("Data kind")
        self.kind.setToolTip("What the table holds")
        for name, label in kinds():
            self.kind.addItem(label, name)
        self.header_row = QSpinBox(page)
        self.header_row.setRange(1, 1_048_576)
        self.header_row.setAccessibleName("Header row")
        self.header_row.setToolTip("The sheet row that holds the column names")
        self.header_row.setKeyboardTracking(False)
        self.dates = QComboBox(page)
        self.dates.setAccessibleName("Date order")
        self.dates.setToolTip("How dates written as text are read, such as 03/04/2026")
        for text, order in DATE_ORDERS:
            self.dates.addItem(text, order)
        options = QHBoxLayout()
        for text, widget in (
            ("Holds:", self.kind),
            ("Header row:", self.header_row),
            ("Dates:", self.dates),
        ):
            label = QLabel(text, page)
            label.setBuddy(widget)
            options.addWidget(label)
            options.addWidget(widget)
            options.addSpacing(12)
        options.addStretch(1)
        self.problem = QLabel(page)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Mapping problem")
        self.problem.setStyleSheet(f"color: {alert().name()}; font-weight: 600;")

        self.mapping = MappingModel(page)
        self.mapping_view = self._view(self.mapping, "Column mapping")
        self.mapping_view.setItemDelegateForColumn(
            MappingModel.FIELD, FieldDelegate(self.mapping, self.mapping_view)
        )
        self.mapping_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.mapping_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.preview = PreviewModel(page)
        self.preview_view = self._view(self.preview, "Preview of the first rows")
        self.preview_view.horizontalHeader().setDefaultSectionSize(150)
        self.problems = QListWidget(page)
        self.problems.setAccessibleName("Problems")
        self.problems.setToolTip("Every value that can't be read and every row left out")
        self.problems.itemActivated.connect(self._show_problem)
        self.problems.itemClicked.connect(self._show_problem)
        self.notes = QListWidget(page)
        self.notes.setAccessibleName("Notes")
        self.notes.setWordWrap(True)
        self.tabs = QTabWidget(page)
        self.tabs.addTab(self.preview_view, "Preview")
        self.tabs.addTab(self.problems, "Problems")
        self.tabs.addTab(self.notes, "Notes")
        split = QSplitter(Qt.Orientation.Vertical, page)
        split.setChildrenCollapsible(False)
        split.addWidget(self.mapping_view)
        split.addWidget(self.tabs)
        split.setSizes([300, 300])

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(options)
        layout.addWidget(self.problem)
        self.untyped = UntypedQuestion(page)
        self.untyped.chosen.connect(self._untyped_chosen)
        self.features = KeyFeatures(page)
        self.features.changed.connect(self._features_chosen)
        layout.addWidget(self.untyped)
        layout.addWidget(self.features)
        layout.addWidget(split, 1)
        self.kind.activated.connect(self._kind_chosen)
        self.header_row.valueChanged.connect(self._header_chosen)
        self.dates.activated.connect(self._dates_chosen)
        self.mapping.chosen.connect(self._field_chosen)
        return page

    def _problem_page(self) -> QWidget:
        """A file that can't be imported: why, and for ids no account is known by, a way to
        add the file that maps them."""
        page = QWidget(self)
        self.link_button = QPushButton("Add a file that maps these ids to accounts…", page)
        self.link_button.setToolTip(
            "A spreadsheet with an account (or account id) column and the same id column as "
            "this file, such as a subscriptions or users export"
        )
        self.link_button.clicked.connect(self._add_link)
        self.link_state = QLabel(page)
        self.link_state.setWordWrap(True)
        self.link_state.setAccessibleName("Link files")
        self.link_state.setTextFormat(Qt.TextFormat.RichText)
        self.link_state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.link_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.link_state)
        layout.addStretch(1)
        return page

    def _view(self, model: Any, name: str) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setAccessibleName(name)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().lineSpacing() + 12)
        return view

    # --- reading --------------------------------------------------------------------------

    def _read(self, paths: list[Path]) -> None:
        """Read (or re-read) ``paths`` with the current mappings, one job at a time."""
        self._queued.update(paths)
        if paths:
            self._failure = ""
            self._stopped = False
        if self._task is not None:
            return
        batch = [p for p in self.paths if p in self._queued]
        self._queued.clear()
        if not batch:
            self._update_state()
            self.idle.emit()
            return
        job = _read(
            batch,
            self.session.mappings_for(batch),
            list(self.session.links),
            self.session.review.meta.currency,
        )
        self._task = Task("Reading", job, self)
        self._task.progressed.connect(self._read_progressed)
        self._task.succeeded.connect(self._was_read)
        self._task.failed.connect(self._failed)
        self._task.finished.connect(self._job_done)
        self._update_state()
        self._task.start()

    def _job_done(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()
        self._read([])

    def _read_progressed(self, percent: int, text: str) -> None:
        if not self._importing:
            self.busy.setRange(0, 100)
            self.busy.setValue(percent)
            self._set_state(text)

    def _was_read(self, results: dict[Path, SourcePreview | str]) -> None:
        self.session.take(results)
        self._list_tables()

    @property
    def busy_reading(self) -> bool:
        return self._task is not None

    # --- the list of tables ---------------------------------------------------------------

    def _list_tables(self) -> None:
        current = self._current_key()
        self.sources.blockSignals(True)
        self.sources.clear()
        self._keys = self.session.keys()
        for key in self._keys:
            path, table = key[0], self.session.table(key)
            if table is None:
                item = QListWidgetItem(f"{path.name}\ncan't be imported")
            else:
                label = dict(kinds()).get(table.kind, table.kind)
                sheet = f" › {table.sheet}" if table.sheet else ""
                item = QListWidgetItem(f"{path.name}{sheet}\n{label}, {table.rows_read:,} rows")
            problem = self.session.problem(key)
            if problem:
                item.setForeground(alert())
                item.setToolTip(problem)
            self.sources.addItem(item)
        self.sources.blockSignals(False)
        row = self._keys.index(current) if current in self._keys else 0
        self.sources.setCurrentRow(min(row, len(self._keys) - 1))
        links = ", ".join(p.name for p in self.session.links)
        self.links_used.setText(f"Ids linked to accounts with {links}." if links else "")
        self.links_used.setVisible(bool(links))
        self.unlink_button.setVisible(bool(links))
        self._show_current()
        self._update_state()

    def _current_key(self) -> Key | None:
        row = self.sources.currentRow()
        return self._keys[row] if 0 <= row < len(self._keys) else None

    def current_table(self) -> TablePreview | None:
        return self.session.table(self._current_key())

    def _show_current(self) -> None:
        key = self._current_key()
        table = self.current_table()
        if key is None or table is None:
            if key is None:
                self.message.setText("No files left to import. Cancel, or close this window.")
            else:
                advice = (
                    "Add the file that maps these ids to accounts, or remove this file to "
                    "import the others."
                    if key[0] in self.session.needs_link
                    else "Remove the file to import the others, or cancel, correct the file "
                    "and import it again."
                )
                self.message.setText(
                    f"<h3>{escape(key[0].name)} can't be imported</h3>"
                    f"<p>{escape(self.session.problem(key))}</p><p>{advice}</p>"
                )
            self._show_links(key)
            self.pages.setCurrentIndex(1)
            self.remove_button.setEnabled(key is not None)
            return
        self.pages.setCurrentIndex(0)
        self.remove_button.setEnabled(True)
        path = key[0]
        sheet = f" › {table.sheet}" if table.sheet else ""
        self.title.setText(f"{path.name}{sheet}")
        skipped = f", {table.rows_skipped:,} left out" if table.rows_skipped else ""
        missing = (
            f" Not in this file: {', '.join(table.fields_missing)}." if table.fields_missing else ""
        )
        cell = table.header_cell.rsplit("!", 1)[-1]
        # A guess the import is not sure of: say why, so the user checks the kind above.
        doubt = f" Is this {table.kind}? {table.doubts[0].capitalize()}." if table.doubts else ""
        linked = (
            f" The account of each row comes from the link file, by its {table.linked_by} "
            f"(column {table.columns[-1].letter})."
            if table.linked_by and table.columns
            else ""
        )
        self.summary.setText(
            f"Header found at {cell}: {table.rows_read:,} rows read{skipped}.{missing}{doubt}"
            f"{linked}"
        )
        # As corrected, even when that can't be read.
        for widget, value in (
            (self.kind, self.kind.findData(self.session.kind(key))),
            (self.dates, self.dates.findData(self.session.date_order(key))),
        ):
            widget.blockSignals(True)
            widget.setCurrentIndex(max(0, value))
            widget.blockSignals(False)
        self.header_row.blockSignals(True)
        self.header_row.setValue(self.session.header_row(key) or 1)
        self.header_row.blockSignals(False)
        fields = kind_fields(self.session.kind(key))
        self.mapping.show(table, fields)
        self.preview.show(table, fields)
        self.mapping_view.resizeColumnsToContents()
        self.mapping_view.setColumnWidth(0, min(self.mapping_view.columnWidth(0), 260))
        self.mapping_view.setColumnWidth(MappingModel.FIELD, 220)
        self.mapping_view.setColumnWidth(MappingModel.PROBLEMS, 150)
        for row in range(self.mapping.rowCount()):
            self.mapping_view.openPersistentEditor(self.mapping.index(row, MappingModel.FIELD))
        self.preview_view.resizeColumnsToContents()
        for column in range(self.preview.columnCount()):
            width = self.preview_view.columnWidth(column)
            self.preview_view.setColumnWidth(column, max(90, min(width, 260)))
        self._list_problems(table)
        self.notes.clear()
        passed = [f"{s.where}: {s.message}, passed over" for s in table.skipped if _routine(s)]
        notes = [*table.notes, *passed]
        self.notes.addItems(notes or ["Nothing to note."])
        self.tabs.setTabText(2, f"Notes ({len(notes)})")
        self.problem.setText(self.session.problem(key))
        self.problem.setVisible(bool(self.problem.text()))
        self._show_questions(key, table)

    def _show_questions(self, key: Key, table: TablePreview) -> None:
        """What the import needs to know about this table, asked only when it does."""
        session = self.session
        self.untyped.setVisible(table.untyped > 0)
        if table.untyped:
            several = len(session.untyped_tables())
            outcome = session.untyped_outcome(key)
            self.untyped.show_for(table, session.opportunity_type, outcome, several)
        self.features.setVisible(bool(table.features))
        if table.features:
            checked = {f for f, _n in table.features if session.is_key_feature(f)}
            self.features.show_for(table, checked, session.key_feature_outcome(key))

    def _show_links(self, key: Key | None) -> None:
        session = self.session
        needs = key is not None and key[0] in session.needs_link
        self.link_button.setVisible(needs)
        lines = [
            f"<p style='color:{alert().name()}'>{escape(text)}</p>"
            for text in session.link_errors.values()
        ]
        outcome = session.link_outcome(key[0]) if key is not None else ""
        if outcome:
            lines.append(f"<p style='color:{alert().name()}'>{escape(outcome)}</p>")
        self.link_state.setText("".join(lines))
        self.link_state.setVisible(bool(lines) and (needs or bool(session.link_errors)))

    def _list_problems(self, table: TablePreview) -> None:
        self.problems.clear()
        lines = [(str(p), p.where) for c in table.columns for p in c.problems]
        left_out = [s for s in table.skipped if not _routine(s)]
        lines += [(f"{s.where}: row left out ({s.message})", s.where) for s in left_out]
        for text, where in lines:
            item = QListWidgetItem(text, self.problems)
            item.setData(Qt.ItemDataRole.UserRole, where)
        routine = len(table.skipped) - len(left_out)  # totals and note rows are not problems
        count = sum(c.problem_count for c in table.columns) + table.rows_skipped - routine
        if not lines:
            self.problems.addItem("No problems: every value can be read.")
        self.tabs.setTabText(1, f"Problems ({count:,})")

    def _show_problem(self, item: QListWidgetItem) -> None:
        """Select the problem's cell in the preview when it is one of the rows shown."""
        table = self.current_table()
        where = item.data(Qt.ItemDataRole.UserRole)
        match = _CELL.search(where or "")
        if table is None or match is None:
            return
        letter, row = match.group(1), int(match.group(2))
        columns = [c.letter for c in table.columns]
        if row in table.rows:
            column = columns.index(letter) if letter in columns else 0
            index = self.preview.index(table.rows.index(row), column)
            self.tabs.setCurrentIndex(0)
            self.preview_view.setCurrentIndex(index)
            self.preview_view.scrollTo(index)

    # --- corrections ----------------------------------------------------------------------

    def _correct(self, **changes: Any) -> None:
        key = self._current_key()
        path = None if key is None else self.session.correct(key, **changes)
        if path is not None:
            self._read([path])

    def _kind_chosen(self, _index: int) -> None:
        table = self.current_table()
        kind = self.kind.currentData()
        if table is not None and kind != table.kind:
            self._correct(kind=kind)

    def _header_chosen(self, row: int) -> None:
        key = self._current_key()
        if key is not None and self.current_table() and row != self.session.header_row(key):
            self._correct(header_row=row)

    def _dates_chosen(self, _index: int) -> None:
        key = self._current_key()
        if key is not None and self.dates.currentData() != self.session.date_order(key):
            self._correct(fields=self._fields(), date_order=self.dates.currentData())

    def _field_chosen(self, letter: str, field: str | None) -> None:
        """A column's field was chosen: another column holding that field lets go of it."""
        key = self._current_key()
        table = self.current_table()
        if key is None or table is None:
            return
        if field is not None:
            for row in range(self.mapping.rowCount()):
                other = self.mapping.columns[row].letter
                if other != letter and self.mapping.field_of(row) == field:
                    self.mapping.setData(self.mapping.index(row, MappingModel.FIELD), None)
                    editor = self.mapping_view.indexWidget(
                        self.mapping.index(row, MappingModel.FIELD)
                    )
                    if isinstance(editor, QComboBox):
                        editor.setCurrentIndex(0)
                    return  # that setData re-entered here with the complete choice
        fields = self._fields()
        path = self.session.choose_fields(key, fields, self.kind.currentText())
        if path is not None:
            self._read([path])
            return
        self.problem.setText(self.session.incomplete[key])
        self.problem.setVisible(True)
        self.preview.override(fields)
        self._update_state()

    def _fields(self) -> dict[str, str | None]:
        return {
            self.mapping.columns[row].letter: self.mapping.field_of(row)
            for row in range(self.mapping.rowCount())
        }

    def _untyped_chosen(self, value: str | None) -> None:
        key = self._current_key()
        self.session.set_opportunity_type(value)
        if key is not None:
            self.untyped.outcome.setText(self.session.untyped_outcome(key))
        self._update_state()  # leaving out every opportunity of a table blocks the import

    def _features_chosen(self, names: list[str]) -> None:
        """The features checked in the table shown; those chosen in other tables stay."""
        key = self._current_key()
        table = self.current_table()
        if key is None or table is None:
            return
        here = {f.casefold() for f, _n in table.features}
        others = [k for k in self.session.key_features if k.casefold() not in here]
        self.session.set_key_features([*others, *names])
        self.features.outcome.setText(self.session.key_feature_outcome(key))

    def _add_link(self) -> None:
        key = self._current_key()
        folder = key[0].parent if key is not None else None
        path = dialogs.ask_link_path(self, folder)
        if path is not None:
            self._read(self.session.add_link(path))

    def _remove_links(self) -> None:
        again: list[Path] = []
        for path in list(self.session.links):
            again = self.session.remove_link(path)
        self._read(again)

    def _remove_current(self) -> None:
        key = self._current_key()
        if key is None:
            return
        self.session.remove(key[0])
        self._list_tables()

    # --- state and import -----------------------------------------------------------------

    def blockers(self) -> list[str]:
        """What keeps Import disabled, in plain words (empty: ready)."""
        return self.session.blockers()

    def _update_state(self) -> None:
        reading = self._task is not None
        self.busy.setVisible(reading or self._importing)
        if not self._importing:
            self.busy.setRange(0, 0)  # reading: no way to tell how far
        self.cancel_button.setText("Stop import" if self._importing else "Cancel")
        self.cancel_button.setToolTip(
            "Stop the import; nothing in the review changes" if self._importing else ""
        )
        blockers = self.blockers()
        self.import_button.setEnabled(not reading and not self._importing and not blockers)
        for widget in (
            self.kind,
            self.header_row,
            self.dates,
            self.mapping_view,
            self.untyped,
            self.features,
            self.link_button,
            self.unlink_button,
        ):
            widget.setEnabled(not self._importing)
        if self._importing:
            self._set_state("Importing…")
        elif reading:
            self._set_state("Reading the files…")
        elif self._stopped:
            self._set_state("Import stopped: nothing was changed. Import again, or Cancel.")
        elif self._failure:
            self._set_state(self._failure, error=True)
        elif blockers:
            reasons = "; ".join(b.rstrip(".") for b in blockers)
            self._set_state(f"Can't import yet: {reasons}.", error=True)
        else:
            tables = self.session.table_count()
            noun = "table" if tables == 1 else "tables"
            self._set_state(f"Ready to import {tables} {noun}.")

    def _set_state(self, text: str, error: bool = False) -> None:
        self.state.setText(text)
        self.state.setStyleSheet(f"color: {alert().name()};" if error else "")

    def _import(self) -> None:
        if not self.import_button.isEnabled():
            return
        task: Task
        self._progress = progress = Progress(lambda percent, text: task.report(percent, text))
        run = self.session.importer(progress)

        def work(task: Task) -> Any:
            result = run()
            task.check_cancelled()
            return result

        self._importing = True
        self._stopped = False
        self._failure = ""
        self._task = task = Task("Import", work, self)
        task.progressed.connect(self._import_progressed)
        task.succeeded.connect(self._imported)
        task.failed.connect(self._import_failed)
        task.cancelled.connect(self._import_stopped)
        task.finished.connect(self._import_finished)
        self._update_state()
        self.busy.setRange(0, 100)
        self.busy.setValue(0)
        task.start()

    def _import_progressed(self, percent: int, text: str) -> None:
        if self._importing and self._progress is not None and not self._progress.cancelled:
            self.busy.setValue(percent)
            self._set_state(f"Importing: {text}")

    def _import_stopped(self) -> None:
        self._stopped = True

    def _imported(self, result: Any) -> None:
        self._importing = False
        self.importDone.emit(result)
        self.accept()

    def _import_failed(self, text: str) -> None:
        self._failed(f"Nothing was imported: {text}")

    def _failed(self, text: str) -> None:
        self._failure = text

    def _import_finished(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()
        self._importing = False
        self._progress = None
        self._update_state()

    @property
    def importing(self) -> bool:
        return self._importing

    def stop_import(self) -> bool:
        """Stop the import under way (the wizard stays, with every correction); False if
        there is none. The worker stops at its next progress point; the review is unchanged."""
        if not self._importing or self._task is None or self._progress is None:
            return False
        self._progress.cancel()
        self._task.cancel()
        self._set_state("Stopping the import…")
        return True

    def reject(self) -> None:
        """Cancel: during an import, stop it and stay (see :meth:`stop_import`); otherwise
        close, a read under way stopped and its result dropped."""
        if self._progress is not None and not self._progress.cancelled and self.stop_import():
            return
        if self._task is not None:
            self._task.cancel()
            self._task.wait(30_000)
        super().reject()


def _routine(skip: Issue) -> bool:
    """A row the report's layout holds that is not data (a totals or note row)."""
    return skip.message in ROUTINE_SKIPS
