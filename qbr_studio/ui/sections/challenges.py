"""Adoption challenges: patterns across the book with plans, and the communication with the
critical parties (who, when, status).

Above the patterns, the territory patterns the data shows (:mod:`qbr_studio.analytics.patterns`)
are offered as suggestions: Accept makes one a challenge with its evidence and accounts (one
undo step), Dismiss hides it for this review (remembered: :mod:`qbr_studio.ui.dismissals`).
Nothing is written into the review without the CSM's click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui import json_path
from qbr_studio.ui.document import DocumentController
from qbr_studio.ui.list_editor import FieldSpec, ListEditor
from qbr_studio.ui.sections.base import SectionPage
from qbr_studio.ui.widgets import hint

if TYPE_CHECKING:
    from qbr_studio.analytics.patterns import Suggestion
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.ui.mpl_chart import MplChartView


CHART_ROW = 40
"""Pixels per bar of a suggestion's chart (a chart of forty accounts scrolls)."""
CHART_FRAME = 180
"""Pixels of a suggestion chart's title, axis, source and margins."""


def challenge_fields() -> list[FieldSpec]:
    return [
        FieldSpec("pattern", "Pattern", placeholder="The trend you see across your accounts"),
        FieldSpec("evidence", "Evidence", "text", placeholder="The data that shows it", lines=3),
        FieldSpec("plan", "Plan", "text", placeholder="How you will address it", lines=3),
        FieldSpec(
            "account_ids", "Accounts", "accounts", tooltip="Tick the accounts that show the pattern"
        ),
    ]


def communication_fields() -> list[FieldSpec]:
    from qbr_studio.model import Status

    return [
        FieldSpec("party", "Who", placeholder="The critical party, e.g. CFO of Riverbend"),
        FieldSpec("topic", "Topic", placeholder="What the conversation is about"),
        FieldSpec("when", "When", "date"),
        FieldSpec("status", "Status", "enum", enum=Status),
    ]


class ChallengesPage(SectionPage):
    key = "challenges"
    description = (
        "Trends and patterns across your book of business, your plan for each, "
        "and the conversations with the critical parties."
    )

    data_paths = ("book", "challenges", "meta.quarter")

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(doc, parent)
        from qbr_studio.model import Challenge, Communication

        self.suggestions: list[Suggestion] = []
        self.plan: DeckPlan | None = None
        self.chart: MplChartView | None = None
        self.chart_window: QWidget | None = None
        self._dismissal_key = ""

        layout = self.page_layout(scroll=False)
        self.challenges = ListEditor(
            doc,
            "challenges",
            what="challenge",
            fields=challenge_fields(),
            new_item=Challenge,
            describe=lambda c: c.pattern or "Unnamed pattern",
        )
        self.communications = ListEditor(
            doc,
            "communications",
            what="communication",
            fields=communication_fields(),
            new_item=Communication,
            describe=lambda c: (
                " — ".join(x for x in (c.party, c.topic) if x) or "New communication"
            ),
        )
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName("Challenges and communications")
        patterns = self._tab(
            "The patterns you see across your accounts, the evidence, and your plan.",
            self.challenges,
        )
        patterns.layout().insertWidget(0, self._suggestions_box(patterns))
        self.tabs.addTab(patterns, "Patterns and plans")
        self.tabs.addTab(
            self._tab(
                "Who you need to reach, about what, by when, and where it stands.",
                self.communications,
            ),
            "Communication with critical parties",
        )
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(lambda _tab: self.locationChanged.emit())

    # --- suggestions ------------------------------------------------------------------

    def _suggestions_box(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox("Suggested from your data", parent)
        box.setAccessibleName("Pattern suggestions")
        layout = QHBoxLayout(box)
        self.suggestion_list = QListWidget(box)
        self.suggestion_list.setAccessibleName("Suggested patterns")
        self.suggestion_list.setMaximumHeight(150)
        self.suggestion_list.setWordWrap(True)
        self.suggestion_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left = QVBoxLayout()
        left.addWidget(self.suggestion_list, 1)
        self.suggestion_hint = hint("", box)
        left.addWidget(self.suggestion_hint)
        self.suggestion_detail = QPlainTextEdit(box)
        self.suggestion_detail.setReadOnly(True)
        self.suggestion_detail.setMaximumHeight(110)
        self.suggestion_detail.setAccessibleName("Suggestion evidence")
        self.accept_button = QPushButton("Accept as a challenge", box)
        self.accept_button.setToolTip("Add it to your patterns with its evidence and accounts")
        self.dismiss_button = QPushButton("Dismiss", box)
        self.dismiss_button.setToolTip("Hide it for this review")
        self.chart_button = QPushButton("Show chart", box)
        self.chart_button.setToolTip("The chart that shows the pattern")
        buttons = QHBoxLayout()
        for button in (self.accept_button, self.dismiss_button, self.chart_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.suggestion_detail, 1)
        right.addLayout(buttons)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)
        self.suggestion_list.currentRowChanged.connect(lambda _row: self._show_current())
        self.accept_button.clicked.connect(self.accept_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.chart_button.clicked.connect(self.show_chart)
        self.doc.fileChanged.connect(lambda _path: self._follow_file())
        self._show_current()
        return box

    def _key(self) -> str:
        from qbr_studio.ui.dismissals import review_key

        review = self.doc.review
        return review_key(self.doc.path, review.meta.quarter, id(self.doc))

    def _follow_file(self) -> None:
        """Saved under a name: the dismissals made before go with the file."""
        from qbr_studio.ui import dismissals

        if not self.doc.is_open:
            return
        new = self._key()
        if self._dismissal_key.startswith("unsaved-") and new != self._dismissal_key:
            dismissals.adopt(self._dismissal_key, new)
        self._dismissal_key = new
        self.refresh_data()

    def refresh_data(self) -> None:
        from qbr_studio.analytics.patterns import pending, suggest_patterns
        from qbr_studio.ui import dismissals

        if not self.doc.is_open:
            return
        review = self.doc.review
        self._dismissal_key = self._key()
        offered = suggest_patterns(review.book, review.as_of)
        self.suggestions = pending(
            offered, review.challenges, dismissals.dismissed(self._dismissal_key)
        )
        current = self.current_suggestion()
        self.suggestion_list.blockSignals(True)
        try:
            self.suggestion_list.clear()
            for suggestion in self.suggestions:
                item = QListWidgetItem(suggestion.title, self.suggestion_list)
                item.setToolTip(suggestion.evidence)
            keys = [s.key for s in self.suggestions]
            row = keys.index(current.key) if current and current.key in keys else 0
            self.suggestion_list.setCurrentRow(row if self.suggestions else -1)
        finally:
            self.suggestion_list.blockSignals(False)
        if not review.book.accounts:
            text = "Import your data: patterns across your accounts are suggested here."
        elif not self.suggestions:
            text = "No other pattern stands out in the data."
        else:
            text = f"{len(self.suggestions)} to accept or dismiss."
        self.suggestion_hint.setText(text)
        self._show_current()

    def current_suggestion(self) -> Suggestion | None:
        row = self.suggestion_list.currentRow()
        return self.suggestions[row] if 0 <= row < len(self.suggestions) else None

    def _show_current(self) -> None:
        suggestion = self.current_suggestion()
        for button in (self.accept_button, self.dismiss_button, self.chart_button):
            button.setEnabled(suggestion is not None)
        if suggestion is None:
            self.suggestion_detail.setPlainText("")
            if self.chart is not None:
                self.chart.set_chart(None)
            return
        names = {a.id: a.name for a in self.doc.review.book.accounts}
        accounts = ", ".join(names.get(a, a) for a in suggestion.account_ids)
        self.suggestion_detail.setPlainText(
            f"{suggestion.evidence}." + (f"\nAccounts: {accounts}" if accounts else "")
        )
        if self.chart_window is not None and self.chart_window.isVisible():
            self.show_chart()

    def accept_current(self) -> None:
        """The selected suggestion becomes a challenge, with its evidence and accounts."""
        from qbr_studio.analytics.patterns import accept

        suggestion = self.current_suggestion()
        if suggestion is None:
            return
        challenges = [*self.doc.review.challenges, accept(suggestion)]
        self.doc.edit("challenges", challenges, label=f"Accept “{suggestion.title}”")

    def dismiss_current(self) -> None:
        """Hide the selected suggestion for this review, and remember it."""
        from qbr_studio.ui import dismissals

        suggestion = self.current_suggestion()
        if suggestion is None:
            return
        dismissals.dismiss(self._dismissal_key or self._key(), suggestion.key)
        self.refresh_data()

    def show_chart(self) -> None:
        """The chart of the selected suggestion, in a window of its own (matplotlib is loaded
        on first use)."""
        from qbr_studio.charts.account import suggestion_chart

        suggestion = self.current_suggestion()
        if self.chart is None:
            from PySide6.QtWidgets import QDialog, QScrollArea

            from qbr_studio.ui.mpl_chart import MplChartView
            from qbr_studio.ui.startup import default_folder

            self.chart_window = QDialog(self)
            self.chart_window.resize(900, 640)
            area = QScrollArea(self.chart_window)
            area.setWidgetResizable(True)
            QVBoxLayout(self.chart_window).addWidget(area)
            self.chart = MplChartView(
                "No suggestion chosen", lambda: default_folder(self.doc.path), area
            )
            self.chart.setAccessibleName("Suggestion chart")
            area.setWidget(self.chart)
            if self.plan is not None:
                self._style_chart(self.plan)
        assert self.chart_window is not None
        names = {a.id: a.name for a in self.doc.review.book.accounts}
        spec = suggestion_chart(suggestion, names) if suggestion else None
        rows = len(spec.categories) if spec else 0
        self.chart.setMinimumHeight(max(360, CHART_ROW * rows + CHART_FRAME))
        self.chart.set_chart(spec)
        self.chart_window.setWindowTitle(spec.title if spec else "Pattern chart")
        self.chart_window.show()

    def set_plan(self, plan: DeckPlan) -> None:
        self.plan = plan
        if self.chart is not None:
            self._style_chart(plan)

    def _style_chart(self, plan: DeckPlan) -> None:
        from qbr_studio.deck.chart_style import chart_style

        assert self.chart is not None
        self.chart.set_style(chart_style(plan))

    def _tab(self, text: str, editor: ListEditor) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.addWidget(hint(text, box))
        layout.addWidget(editor, 1)
        return box

    def location(self) -> str:
        return (self.challenges, self.communications)[max(0, self.tabs.currentIndex())].path

    def show_location(self, root: str) -> None:
        for tab, editor in enumerate((self.challenges, self.communications)):
            if editor.path == root:
                self.tabs.setCurrentIndex(tab)

    def focus_path(self, path: str) -> bool:
        for tab, editor in enumerate((self.challenges, self.communications)):
            if json_path.is_within(path, editor.path):
                self.tabs.setCurrentIndex(tab)
                return editor.focus_path(path)
        return False
