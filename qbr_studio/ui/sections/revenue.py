"""Revenue: renewals and growth as the CSM tells them, the top opportunities from the data,
and the action items to close."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.model import Opportunity, OpportunityKind
from qbr_studio.model.agenda import FIELD_LABELS
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec, ListEditor
from qbr_studio.ui.planner import Planner
from qbr_studio.ui.record_table import fit_columns, record_table
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.table_models import Column, RecordFilterProxy, RecordTableModel
from qbr_studio.ui.widgets import heading

if TYPE_CHECKING:
    from qbr_studio.deck.planning.content import ReviewContent


def action_fields() -> list[FieldSpec]:
    from qbr_studio.model import Status

    return [
        FieldSpec("text", "Action", placeholder="What must happen to close"),
        FieldSpec("account_id", "Account", "account"),
        FieldSpec("owner", "Owner", placeholder="Who does it"),
        FieldSpec("due", "Due", "date"),
        FieldSpec("status", "Status", "enum", enum=Status),
    ]


class RevenuePage(SectionPage):
    key = "revenue"
    description = (
        "Renewals due and growth opportunities, and the action items to close them: "
        "each with an owner, a due date and a status."
    )
    data_paths = ("book", "meta.quarter", "meta.currency")
    """Without a planner (a page on its own) the table follows these; in the window it
    follows the planner, whose figures and analysis of the review it shows."""

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        self.planner = Planner.of(doc)
        if self.planner is not None:  # one analysis per change: the planner's, once it ran
            self.data_paths = ()
        super().__init__(doc, parent)
        if self.planner is not None:
            self.planner.planned.connect(self.data_changed)
            self.planner.failed.connect(lambda _message: self.data_changed())
        from qbr_studio.model import ActionItem

        layout = self.page_layout(scroll=True)
        stories = QGroupBox("Your story", self)
        grid = QGridLayout(stories)
        for column, (field, label, placeholder) in enumerate(
            (
                (
                    "renewals_story",
                    FIELD_LABELS["revenue.renewals_story"],
                    "Which renewals are safe, which are at risk and why.",
                ),
                (
                    "growth_story",
                    FIELD_LABELS["revenue.growth_story"],
                    "Where the expansion and cross-sell will come from.",
                ),
            )
        ):
            spec = FieldSpec(field, label, "text", placeholder=placeholder, lines=5)
            binding = self.bind(f"revenue.{field}", spec, stories)
            text = f"{label} (speaker notes only):"
            grid.addWidget(self.labelled(binding, text, stories), 0, column)
            grid.addWidget(binding.widget, 1, column)
        layout.addWidget(stories)
        layout.addWidget(heading("Renewals and the growth pipeline", self, level=2))
        self.model = RecordTableModel(self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = record_table(self, "Opportunities")
        self.table.setModel(self.proxy)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * 12)
        layout.addWidget(self.table)
        actions = QGroupBox(FIELD_LABELS["revenue.action_items"], self)
        actions_layout = QVBoxLayout(actions)
        self.actions = ListEditor(
            doc,
            "revenue.action_items",
            what="action item",
            fields=action_fields(),
            new_item=ActionItem,
            describe=lambda a: a.text.splitlines()[0] if a.text else "New action item",
            parent=actions,
        )
        self.actions.setMinimumHeight(300)
        actions_layout.addWidget(self.actions)
        layout.addWidget(actions)

    def focus_path(self, path: str) -> bool:
        if self.actions.focus_path(path):
            self._reveal(self.actions)
            return True
        return super().focus_path(path)

    def _content(self) -> ReviewContent:
        """The review with its figures and analysis: the planner's (computed once per change
        for the deck and this table), or this page's own when no planner plans the review."""
        from qbr_studio.deck.planning.content import ReviewContent

        planned = self.planner.content if self.planner is not None else None
        if planned is not None:
            return planned
        return ReviewContent(self.doc.review, self.doc.media, self.doc.standard)

    def refresh_data(self) -> None:
        from qbr_studio.analytics.book import growth_pipeline
        from qbr_studio.deck.planning.formatting import money
        from qbr_studio.deck.planning.renewal_risk import renewal_risk, risk_label

        if not self.doc.is_open:
            return
        content = self._content()
        review = content.review
        currency = review.meta.currency
        names = {a.id: a.name for a in review.book.accounts}
        rows = content.figures.renewals_due + growth_pipeline(review.book)
        analysis = content.analysis

        def risk(o: Opportunity) -> str:  # the deck's words: stated, from signals, or unknown
            if o.kind is not OpportunityKind.RENEWAL:
                return o.risk.label if o.risk_stated else ""
            return risk_label(renewal_risk(review, analysis, o))

        columns = [
            Column("Account", lambda o: names.get(o.account_id, o.account_id)),
            Column("Kind", lambda o: o.kind),
            Column("Amount", lambda o: o.amount, lambda v: money(v, currency), numeric=True),
            Column("Closes", lambda o: o.close_date),
            Column("Stage", lambda o: o.stage),
            Column("Risk", risk),
            Column("Next step", lambda o: o.next_step),
        ]
        first = self.model.columnCount() == 0
        self.model.set_rows(rows, columns)
        if first:  # soonest first until the user sorts otherwise
            self.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        fit_columns(self.table)
