"""Overview: the review's details (title slide) and the book of business at a glance."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QWidget,
)

from qbr_studio.model.agenda import FIELD_LABELS
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec
from qbr_studio.ui.record_table import fit_columns, record_table
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.table_models import Column, RecordFilterProxy, RecordTableModel
from qbr_studio.ui.template_chooser import TemplateChooser
from qbr_studio.ui.widgets import FigureTile, heading, hint

REVIEW_FIELDS = (
    ("meta.csm", FieldSpec("csm", FIELD_LABELS["meta.csm"], placeholder="Your name")),
    ("meta.team", FieldSpec("team", FIELD_LABELS["meta.team"], placeholder="e.g. Enterprise East")),
    (
        "meta.quarter",
        FieldSpec(
            "quarter",
            FIELD_LABELS["meta.quarter"],
            tooltip='The quarter under review, like "2026-Q4".',
            on_finish=True,
        ),
    ),
    ("meta.meeting_date", FieldSpec("meeting_date", FIELD_LABELS["meta.meeting_date"], "date")),
    (
        "meta.company",
        FieldSpec(
            "company", FIELD_LABELS["meta.company"], placeholder="Your company, for the title slide"
        ),
    ),
    (
        "meta.currency",
        FieldSpec(
            "currency",
            FIELD_LABELS["meta.currency"],
            tooltip="Three-letter currency code: USD, EUR, GBP…",
            on_finish=True,
        ),
    ),
)
"""(path, field) of the review's details, in the order shown."""


class OverviewPage(SectionPage):
    key = "overview"
    description = (
        "Who presents, when, and your book of business at a glance. "
        "The figures come from your data and fill the title and glance slides."
    )
    data_paths = ("book", "meta.quarter", "meta.currency")

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        layout = self.page_layout(scroll=True)
        layout.addWidget(self._details_group())
        layout.addSpacing(8)
        layout.addWidget(heading("Book of business", self, level=2))
        layout.addLayout(self._tiles())
        self.no_data = hint(
            "No accounts yet. Drag your CRM export onto the window, or use File › Import "
            "Spreadsheets, to fill in your book of business.",
            self,
        )
        layout.addWidget(self.no_data)
        self.table = self._accounts_table()
        layout.addWidget(self.table, 1)
        self.dive_button = QPushButton("Deep dive into this account", self)
        self.dive_button.setToolTip("Make the selected account the subject of the deep dive")
        self.dive_button.setEnabled(False)
        self.dive_button.clicked.connect(self._dive)
        row = QHBoxLayout()
        row.addWidget(self.dive_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _details_group(self) -> QGroupBox:
        group = QGroupBox("This review", self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # A narrow editor column (1280 px wide, the preview beside it) puts a label above
        # its field rather than pushing the page wider than the column.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for path, spec in REVIEW_FIELDS:
            binding = self.bind(path, spec, group)
            form.addRow(self.labelled(binding, f"{spec.label}:", group), binding.widget)
        self.template_chooser = TemplateChooser(self.doc, group)
        self.template_chooser.failed.connect(self.doc.report)
        self.template_chooser.checkRequested.connect(self._check_template)
        form.addRow("Deck template:", self.template_chooser)
        return group

    def _check_template(self, path: object, said: str) -> None:
        from qbr_studio.ui.template_check_page import show_template_check

        show_template_check(self.window(), path if isinstance(path, Path) else None, said)

    def _tiles(self) -> QHBoxLayout:
        self.tiles = {
            "accounts": FigureTile("accounts", self),
            "arr": FigureTile("ARR", self),
            "green": FigureTile("of ARR green", self),
            "red": FigureTile("of ARR red", self),
            "renewals": FigureTile("renewals due", self),
        }
        row = QHBoxLayout()
        for tile in self.tiles.values():
            row.addWidget(tile)
        return row

    def _accounts_table(self) -> QTableView:
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        table = record_table(self, "Accounts")
        table.setModel(self.proxy)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setMinimumHeight(table.fontMetrics().lineSpacing() * 16)
        table.selectionModel().currentRowChanged.connect(
            lambda now, _: self.dive_button.setEnabled(now.isValid())
        )
        table.doubleClicked.connect(lambda _index: self._dive())
        return table

    # --- data ---------------------------------------------------------------------------

    def refresh_data(self) -> None:
        from qbr_studio.analytics.book import book_figures, utilization_by_account
        from qbr_studio.deck.planning.formatting import money, percent

        if not self.doc.is_open:
            return
        review = self.doc.review
        figures = book_figures(review, self.doc.standard.card)
        currency = review.meta.currency
        self.tiles["accounts"].set_value(str(figures.accounts))
        self.tiles["arr"].set_value(money(figures.arr, currency))
        self.tiles["green"].set_value(percent(figures.green_share))
        self.tiles["red"].set_value(percent(figures.red_share))
        renewals = self.tiles["renewals"]  # the title slide's figure, in its words
        caption = figures.renewals_due_caption()
        renewals.caption_label.setText(caption)
        renewals.set_value(
            money(figures.renewals_due_arr, currency) if figures.renewals_due_known else "—",
            caption,
        )
        book = review.book
        health = figures.health
        utilization = utilization_by_account(book)
        columns = [
            Column("Account", lambda a: a.name),
            Column("Industry", lambda a: a.industry),
            Column("ARR", lambda a: a.arr, lambda v: money(v, currency), numeric=True),
            Column("Renewal", lambda a: a.renewal_date),
            Column("Health", lambda a: health[a.id].health, tooltip="From the health score"),
            Column(
                "Score",
                lambda a: health[a.id].score,
                lambda v: "" if v is None else f"{v:.0f}",
                numeric=True,
                tooltip="Health score out of 100; hover a row's reason in the deep dive",
            ),
            Column(
                "Utilization",
                lambda a: utilization.get(a.id),
                lambda v: "" if v is None else percent(v),
                numeric=True,
                tooltip="Active ÷ licensed users, latest month",
            ),
            Column("Account manager", lambda a: a.account_manager),
        ]
        self.no_data.setVisible(not book.accounts)
        first = self.model.columnCount() == 0
        self.model.set_rows(book.accounts, columns)
        if first:  # largest accounts first until the user sorts otherwise
            self.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
        fit_columns(self.table)

    def selected_account(self) -> Any:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.record(self.proxy.mapToSource(index).row())

    def _dive(self) -> None:
        account = self.selected_account()
        if account is not None:
            self.doc.edit("deep_dive.account_id", account.id, label="Deep-dive account")
            self.jumpRequested.emit("deep_dive.account_id")
