"""Data: the book's tables as imported, to browse, sort and filter (not to edit by hand)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui import json_path
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.record_table import fit_columns, record_table
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.table_models import RecordFilterProxy, RecordTableModel, columns_for

TABLES = (
    ("accounts", "Accounts"),
    ("usage", "Usage by month"),
    ("opportunities", "Opportunities"),
    ("stakeholders", "Stakeholders"),
    ("tickets", "Support tickets"),
    ("nps", "NPS responses"),
    ("engagement", "Engagement"),
    ("sources", "Sources"),
)
"""(field of the Book, name shown) in the order the list shows them."""


class DataPage(SectionPage):
    key = "data"
    description = (
        "The tables from your CRM, usage and support exports. To refresh them, drag "
        "spreadsheets onto the window or use Import. Click a column header to sort; "
        "double-click a row to see its account's health, warning signs and charts."
    )
    data_paths = ("book", "meta.currency")

    importRequested = Signal()

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        layout = self.page_layout(scroll=False)
        self.tables = QListWidget(self)
        self.tables.setAccessibleName("Data tables")
        self.tables.setToolTip("Choose a table to show")
        for field, name in TABLES:
            item = QListWidgetItem(name, self.tables)
            item.setData(Qt.ItemDataRole.UserRole, field)
        widest = max(self.tables.fontMetrics().horizontalAdvance(f"{n} (9999)") for _, n in TABLES)
        self.tables.setFixedWidth(widest + 32)  # the rows' table gets the rest
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter rows: type any part of a value")
        self.filter.setAccessibleName("Filter rows")
        self.filter.setClearButtonEnabled(True)
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._table_view()
        self.count = QLabel(self)
        self.count.setAccessibleName("Row count")
        import_button = QPushButton("Import spreadsheets…", self)
        import_button.setToolTip("Read CRM, usage or support exports (xlsx, xls, ods, csv)")
        import_button.clicked.connect(self.importRequested)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.filter)
        right_layout.addWidget(self.view, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(import_button)
        right_layout.addLayout(footer)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tables)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([self.tables.width(), 10_000])  # the list its width, the rows the rest
        layout.addWidget(splitter, 1)
        self.tables.currentRowChanged.connect(lambda _row: self.refresh_data())
        self.filter.textChanged.connect(self._filter)
        self.view.doubleClicked.connect(self._open_row)
        self.tables.setCurrentRow(0)

    def _table_view(self) -> QTableView:
        view = record_table(self, "Table rows")
        view.setModel(self.proxy)
        view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        return view

    @property
    def current_table(self) -> str:
        item = self.tables.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "accounts"

    def show_table(self, field: str) -> None:
        for row, (name, _) in enumerate(TABLES):
            if name == field:
                self.tables.setCurrentRow(row)

    def focus_path(self, path: str) -> bool:
        parts = json_path.parse(path)
        if len(parts) < 2 or parts[0] != "book":
            return False
        self.show_table(str(parts[1]))
        if len(parts) > 2 and isinstance(parts[2], int):  # a row: show it, as a finding says
            self.filter.clear()
            source = self.model.index(parts[2], 0)
            row = self.proxy.mapFromSource(source)
            if row.isValid():
                self.view.setCurrentIndex(row)
                self.view.scrollTo(row, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.view.setFocus()
        return True

    def refresh_data(self) -> None:
        if not self.doc.is_open:
            return
        from qbr_studio.model import Book

        book = self.doc.review.book
        names = {a.id: a.name for a in book.accounts}
        for row, (field, name) in enumerate(TABLES):
            self.tables.item(row).setText(f"{name} ({len(getattr(book, field))})")
        field = self.current_table
        record_type = Book.model_fields[field].annotation.__args__[0]  # list[Account] → Account
        columns = columns_for(
            record_type,
            currency=self.doc.review.meta.currency,
            account_name=lambda account_id: names.get(account_id, account_id),
        )
        self.model.set_rows(getattr(book, field), columns)
        fit_columns(self.view)
        self._update_count()

    def account_at(self, row: int) -> str | None:
        """The account a shown row is about: the account itself, or the row's account."""
        source = self.proxy.mapToSource(self.proxy.index(row, 0)).row()
        if not 0 <= source < self.model.rowCount():
            return None
        record = self.model.record(source)
        if self.current_table == "accounts":
            return str(record.id)
        return getattr(record, "account_id", None)

    def _open_row(self, index: QModelIndex) -> None:
        """Double-click a row: the account view of its account."""
        account_id = self.account_at(index.row())
        if account_id is not None:
            from qbr_studio.ui.account_view import show_account

            show_account(self, self.doc, account_id)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._update_count()

    def _update_count(self) -> None:
        total, shown = self.model.rowCount(), self.proxy.rowCount()
        what = "row" if total == 1 else "rows"
        self.count.setText(f"{total} {what}" if shown == total else f"{shown} of {total} {what}")
