"""Deep dive: pick the account and its logo; see what the data knows; write what the data
can't know."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.model.agenda import FIELD_LABELS
from qbr_studio.ui import json_path
from qbr_studio.ui.chart_view import ChartView
from qbr_studio.ui.document import DEEP_DIVE_LOGO, DocumentController
from qbr_studio.ui.list_editor import FieldSpec, ListEditor
from qbr_studio.ui.logo_picker import LogoPicker
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.widgets import hint

if TYPE_CHECKING:
    from qbr_studio.analytics.health import Scorecard
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.model import Account, Review
    from qbr_studio.ui.bindings import Binding

STORY_FIELDS = (
    (
        "business_and_challenges",
        FIELD_LABELS["deep_dive.business_and_challenges"],
        "What the company does, and the pressure it and its industry are under: new "
        "technology, customer behaviour, regulation, competition.",
    ),
    (
        "why_they_bought",
        FIELD_LABELS["deep_dive.why_they_bought"],
        "The problem they are solving with our product, and the goal they expected to reach.",
    ),
    (
        "health_story",
        FIELD_LABELS["deep_dive.health_story"],
        "The story behind the numbers on the left, and what you are doing about it.",
    ),
)
"""(field of DeepDive, label, placeholder) of the narrative the CSM writes."""

FACTS = (
    "Industry",
    "Segment and region",
    "Products",
    "ARR",
    "Licensed seats",
    "Utilization",
    "Renewal",
    "Customer since",
    "CRM health",
    "Health score",
    "Account manager",
    "CSM",
    "Key contacts",
    "Partners",
    "Open opportunities",
)
"""What the data says about the chosen account, in the order shown."""


def stakeholder_fields() -> list[FieldSpec]:
    from qbr_studio.model import Sentiment

    return [
        FieldSpec("name", "Name", placeholder="Full name"),
        FieldSpec("role", "Role", placeholder="e.g. VP Operations"),
        FieldSpec("interest", "Interest", placeholder="What this person cares about"),
        FieldSpec("sentiment", "Sentiment", "enum", enum=Sentiment),
    ]


class DeepDivePage(SectionPage):
    key = "deep_dive"
    description = (
        "One account in depth. The facts and charts come from your data; "
        "write what the data can't know: their business, why they bought, their health story."
    )
    data_paths = ("book", "deep_dive.account_id", "meta.quarter", "meta.currency")

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        from qbr_studio.model import StakeholderNote

        layout = self.page_layout(scroll=True)
        picker = self.bind("deep_dive.account_id", FieldSpec("account_id", "Account", "account"))
        picker.widget.setToolTip("The account you present in depth")
        self.logo = LogoPicker(doc, self)
        choice = QFormLayout()
        choice.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        choice.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.account_button = QPushButton("Account view…", self)
        self.account_button.setToolTip(
            "The account's health scorecard, warning signs, renewals and charts"
        )
        self.account_button.clicked.connect(self.open_account_view)
        account_row = QHBoxLayout()
        account_row.addWidget(picker.widget, 1)
        account_row.addWidget(self.account_button)
        choice.addRow(self.labelled(picker, "Account:"), account_row)
        logo_label = QLabel("Logo:", self)
        logo_label.setBuddy(self.logo.choose_button)
        choice.addRow(logo_label, self.logo)
        layout.addLayout(choice)
        layout.addWidget(self._facts_group())
        layout.addLayout(self._charts())
        story = QGroupBox("Your story", self)
        story_layout = QVBoxLayout(story)
        for field, label, placeholder in STORY_FIELDS:
            spec = FieldSpec(field, label, "text", placeholder=placeholder, lines=5)
            binding = self.bind(f"deep_dive.{field}", spec, story)
            story_layout.addWidget(self.labelled(binding, f"{label}:", story))
            story_layout.addWidget(binding.widget)
            story_layout.addWidget(self._word_counter(f"deep_dive.{field}", binding, story))
        layout.addWidget(story)
        people = QGroupBox("Stakeholders", self)
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(
            hint(
                "Each key person on the customer side: their role, what they care about, "
                "and where they stand.",
                people,
            )
        )
        self.stakeholders = ListEditor(
            doc,
            "deep_dive.stakeholders",
            what="stakeholder",
            fields=stakeholder_fields(),
            new_item=lambda: StakeholderNote(name=""),
            describe=lambda s: (
                f"{s.name or 'Unnamed'} — {s.role}" if s.role else (s.name or "Unnamed")
            ),
            parent=people,
        )
        self.stakeholders.setMinimumHeight(260)
        people_layout.addWidget(self.stakeholders)
        self.copy_button = QPushButton("Copy stakeholders from the data", people)
        self.copy_button.setToolTip("Add the account's stakeholders from your CRM export")
        self.copy_button.clicked.connect(self.copy_stakeholders)
        copy_row = QHBoxLayout()
        copy_row.addStretch(1)
        copy_row.addWidget(self.copy_button)
        people_layout.addLayout(copy_row)
        layout.addWidget(people)

    def _word_counter(self, path: str, binding: Binding, parent: QWidget) -> QLabel:
        """The field's word count against its slide's budget, kept up to date as one types."""
        from qbr_studio.checks import budget_message

        widget: QPlainTextEdit = binding.widget  # type: ignore[assignment]
        counter = hint(budget_message(path, widget.toPlainText()), parent)
        counter.setObjectName(f"budget:{path}")
        widget.textChanged.connect(
            lambda: counter.setText(budget_message(path, widget.toPlainText()))
        )
        return counter

    def _facts_group(self) -> QGroupBox:
        group = QGroupBox("From the data", self)
        form = QFormLayout(group)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.facts: dict[str, QLabel] = {}
        for name in FACTS:
            value = QLabel("—", group)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setAccessibleName(name)
            form.addRow(f"{name}:", value)
            self.facts[name] = value
        return group

    def _charts(self) -> QHBoxLayout:
        self.usage_chart = ChartView("No usage data for this account", self)
        self.usage_chart.setAccessibleName("Usage trend chart")
        self.drivers_chart = ChartView("No health score for this account", self)
        self.drivers_chart.setAccessibleName("Health drivers chart")
        row = QHBoxLayout()
        row.addWidget(self.usage_chart)
        row.addWidget(self.drivers_chart)
        return row

    # --- following the document --------------------------------------------------------

    def focus_path(self, path: str) -> bool:
        if self.stakeholders.focus_path(path):
            self._reveal(self.stakeholders)
            return True
        if json_path.is_within(path, DEEP_DIVE_LOGO):
            self.logo.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self._reveal(self.logo)
            return True
        return super().focus_path(path)

    def set_plan(self, plan: DeckPlan) -> None:
        for chart in (self.usage_chart, self.drivers_chart):
            chart.set_palette(plan.palette, plan.body_font)

    def account(self) -> Account | None:
        if not self.doc.is_open:
            return None
        return self.doc.review.book.account(self.doc.review.deep_dive.account_id)

    def refresh_data(self) -> None:
        if not self.doc.is_open:
            return
        account = self.account()
        review = self.doc.review
        texts = facts_of(review, account, self.doc.standard.card) if account else {}
        for name, label in self.facts.items():
            label.setText(texts.get(name) or "—")
        self._refresh_charts(review, account)
        self.account_button.setEnabled(bool(review.book.accounts))
        people = review.book.stakeholders_of(account.id) if account else []
        self.copy_button.setEnabled(bool(people))

    def _refresh_charts(self, review: Review, account: Account | None) -> None:
        from qbr_studio.analytics.health import score_account
        from qbr_studio.charts import catalog

        if account is None:
            self.usage_chart.set_chart(None)
            self.drivers_chart.set_chart(None)
            return
        source = "usage data"
        self.usage_chart.set_chart(
            catalog.usage_trend(review.book, account.id, account.name, source)
        )
        score = score_account(review.book, account, review.as_of, card=self.doc.standard.card)
        self.drivers_chart.set_chart(catalog.health_drivers(score, account.name, ""))

    def open_account_view(self) -> None:
        from qbr_studio.ui.account_view import show_account

        show_account(self, self.doc, self.doc.review.deep_dive.account_id)

    def copy_stakeholders(self) -> None:
        """Add the data's stakeholders of the account not already listed (one undo step)."""
        from qbr_studio.model import StakeholderNote

        account = self.account()
        if account is None:
            return
        current = list(self.doc.review.deep_dive.stakeholders)
        known = {s.name.lower() for s in current}
        added = [
            StakeholderNote(name=s.name, role=s.role, interest=s.interest, sentiment=s.sentiment)
            for s in self.doc.review.book.stakeholders_of(account.id)
            if s.name.lower() not in known
        ]
        if added:
            self.doc.edit("deep_dive.stakeholders", current + added, label="Stakeholders")


def facts_of(review: Review, account: Account, card: Scorecard) -> dict[str, str]:
    """What the data says about ``account``, as the facts panel shows it (worded as the
    profile slide words it: one list, :mod:`qbr_studio.deck.planning.facts`); ``card``: the
    health scorecard in force."""
    from qbr_studio.deck.planning.facts import account_facts

    return account_facts(review, account, card=card)
