"""The account view: one account's health scorecard and why (the data's, the CRM's and the
CSM's health side by side, each driver with its weight and reason, what had no data), its
warning signs with their evidence and dates, its renewals and opportunities, and interactive
charts of its usage, drivers, tickets, NPS and opportunities — drawn by matplotlib from the
same ChartSpecs the deck uses.

Opened from the Data page (double-click an account) and the deep dive ("Account view…"); one
window per main window, following the review as it changes. Everything it shows comes from
:func:`qbr_studio.analytics.account.account_summary` and the chart builders; this module only
lays it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ui.mpl_chart import MplChartView
from qbr_studio.ui.widgets import format_date, heading, hint

if TYPE_CHECKING:
    from qbr_studio.analytics.account import AccountSummary
    from qbr_studio.charts.spec import ChartSpec
    from qbr_studio.deck.plan import DeckPlan
    from qbr_studio.ui.document import DocumentController

REFRESH_MS = 400
"""After an edit, the view follows the review this long after typing stops."""
CHARTS = (
    ("usage", "Usage trend", "No usage data for this account"),
    ("drivers", "Health drivers", "No health driver had data for this account"),
    ("tickets", "Support tickets", "No support tickets in the last 12 months"),
    ("nps", "NPS answers", "No NPS answers in the last 12 months"),
    ("opportunities", "Renewals and opportunities", "No opportunity with an amount"),
)
"""(key, accessible name, what an empty chart says) of the view's charts, in order."""


class AccountView(QDialog):
    """One account of ``doc``'s review; :meth:`show_account` picks which."""

    def __init__(self, doc: DocumentController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.plan: DeckPlan | None = None
        self.summary: AccountSummary | None = None
        self.setWindowTitle("Account view")
        self.setModal(False)
        self.resize(1180, 820)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        self.picker = QComboBox(self)
        self.picker.setAccessibleName("Account")
        self.picker.setToolTip("The account to look at")
        self.picker.setMinimumContentsLength(28)
        top.addWidget(QLabel("Account:", self))
        top.addWidget(self.picker, 1)
        outer.addLayout(top)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QWidget(scroll)
        self.body = QVBoxLayout(body)
        self.title = heading("", body)
        self.body.addWidget(self.title)
        self.body.addWidget(self._health_group(body))
        self.drivers = self._table(body, ("Driver", "Score", "Weight", "Why"), "Health drivers")
        self.signals = self._table(body, ("Warning sign", "Evidence", "Since"), "Warning signs")
        self.opportunities = self._table(
            body, ("Opportunity", "Close", "Stage", "Amount", "Risk"), "Opportunities"
        )
        self.body.addWidget(self._boxed("Health drivers", self.drivers, body))
        self.body.addWidget(self._boxed("Warning signs", self.signals, body))
        self.body.addWidget(self._boxed("Renewals and opportunities", self.opportunities, body))
        self.body.addWidget(self._charts_group(body))
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh_if_shown)
        self.picker.currentIndexChanged.connect(lambda _i: self.refresh())
        doc.changed.connect(lambda _path: self._timer.start())

    # --- layout -----------------------------------------------------------------------

    def _health_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox("Health", parent)
        form = QFormLayout(group)
        self.healths: dict[str, QLabel] = {}
        for who in ("Data", "CRM", "CSM", "Why", "Confidence", "Disagreement"):
            label = QLabel("—", group)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAccessibleName(f"{who} health" if who in ("Data", "CRM", "CSM") else who)
            form.addRow(f"{who}:", label)
            self.healths[who] = label
        return group

    def _table(self, parent: QWidget, headers: tuple[str, ...], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers), parent)
        table.setAccessibleName(name)
        table.setHorizontalHeaderLabels(list(headers))
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)  # one line a row; the whole text is in the tooltip
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        for column in range(len(headers) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        return table

    def _boxed(self, title: str, table: QTableWidget, parent: QWidget) -> QGroupBox:
        group = QGroupBox(title, parent)
        QVBoxLayout(group).addWidget(table)
        return group

    def _charts_group(self, parent: QWidget) -> QGroupBox:
        group = QGroupBox("Charts", parent)
        layout = QVBoxLayout(group)
        layout.addWidget(
            hint(
                "Drawn from the same charts as the deck. Point at a bar or a point for its "
                "value; right-click a chart to save it as PNG or SVG.",
                group,
            )
        )
        grid = QGridLayout()
        self.charts: dict[str, MplChartView] = {}
        for n, (key, name, empty) in enumerate(CHARTS):
            view = MplChartView(empty, self._folder, group)
            view.setAccessibleName(f"{name} chart")
            view.setMinimumHeight(300)
            grid.addWidget(view, n // 2, n % 2)
            self.charts[key] = view
        layout.addLayout(grid)
        return group

    def _folder(self) -> Path:
        from qbr_studio.ui.startup import default_folder

        return default_folder(self.doc.path)

    # --- content ----------------------------------------------------------------------

    def set_plan(self, plan: DeckPlan | None) -> None:
        """The deck's plan, for the charts' colours and fonts (the template's)."""
        if plan is None:
            return
        from qbr_studio.deck.chart_style import chart_style

        self.plan = plan
        style = chart_style(plan)
        for view in self.charts.values():
            view.set_style(style)

    def show_account(self, account_id: str | None) -> None:
        """Show ``account_id`` (the first account when None or unknown) and raise the window."""
        self._fill_picker()
        index = self.picker.findData(account_id) if account_id else -1
        if index >= 0:
            self.picker.setCurrentIndex(index)
        self.refresh()
        self.show()
        self.raise_()
        self.activateWindow()

    def current_account(self) -> str | None:
        data = self.picker.currentData()
        return str(data) if data is not None else None

    def _fill_picker(self) -> None:
        current = self.current_account()
        accounts = self.doc.review.book.accounts if self.doc.is_open else []
        self.picker.blockSignals(True)
        try:
            self.picker.clear()
            for account in sorted(accounts, key=lambda a: a.name.lower()):
                self.picker.addItem(account.name, account.id)
            index = self.picker.findData(current) if current else -1
            self.picker.setCurrentIndex(max(0, index) if accounts else -1)
        finally:
            self.picker.blockSignals(False)

    def _refresh_if_shown(self) -> None:
        """A closed view does not score the book after every edit; it refreshes when shown."""
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Show the picked account as the review is now."""
        from qbr_studio.analytics.account import account_summary
        from qbr_studio.analytics.analysis import analyze

        if not self.doc.is_open:
            return
        if self.picker.count() != len(self.doc.review.book.accounts):
            self._fill_picker()
        account_id = self.current_account()
        review = self.doc.review
        summary = None
        if account_id is not None:
            analysis = analyze(review, self.doc.standard.card)  # the team pack's weights, if any
            summary = account_summary(review, analysis, account_id)
        self.summary = summary
        self._show_summary(summary)
        self._show_charts(summary, analysis if summary is not None else None)

    def _show_summary(self, summary: AccountSummary | None) -> None:
        if summary is None:
            self.title.setText("No accounts in this review yet: import your CRM export")
            for label in self.healths.values():
                label.setText("—")
            for table in (self.drivers, self.signals, self.opportunities):
                table.setRowCount(0)
            return
        self.setWindowTitle(f"{summary.name} — Account view")
        self.title.setText(f"{summary.name}: {summary.health_words}")
        for who, said in summary.healths:
            self.healths[who].setText(said)
        self.healths["Why"].setText(summary.reason or "—")
        self.healths["Confidence"].setText(summary.confidence)
        self.healths["Disagreement"].setText(summary.disagreement or "none: they agree")
        _fill(
            self.drivers,
            [
                (d.name, f"{d.score} ({d.band.label})", f"{d.weight:.0%}", d.detail)
                for d in summary.drivers
            ],
        )
        _fill(self.signals, [(s.name, s.evidence, format_date(s.on)) for s in summary.signals])
        from qbr_studio.deck.planning.formatting import money

        currency = self.doc.review.meta.currency
        _fill(
            self.opportunities,
            [
                (
                    row.name,
                    format_date(o.close_date) if o.close_date else "—",
                    o.stage or "—",
                    money(o.amount, currency),
                    row.risk_text or "—",
                )
                for row in summary.opportunities
                for o in (row.opportunity,)
            ],
        )

    def _show_charts(self, summary: AccountSummary | None, analysis: object) -> None:
        specs: dict[str, ChartSpec | None] = dict.fromkeys(self.charts)
        if summary is not None and analysis is not None:
            specs = account_charts(self.doc, summary, analysis)
        for key, view in self.charts.items():
            view.set_chart(specs.get(key))


def account_charts(
    doc: DocumentController, summary: AccountSummary, analysis: object
) -> dict[str, ChartSpec | None]:
    """The view's charts of the account: the deck's usage trend and health drivers, and the
    account's tickets, NPS answers and opportunities."""
    from qbr_studio.analytics.analysis import Analysis
    from qbr_studio.charts import account as charts
    from qbr_studio.charts import catalog
    from qbr_studio.deck.planning import formatting
    from qbr_studio.deck.planning.context import source_line

    assert isinstance(analysis, Analysis)
    review = doc.review
    book, aid, name = review.book, summary.account_id, summary.name
    currency = review.meta.currency
    risks = {row.opportunity.id: row.risk.risk for row in summary.opportunities if row.risk}
    return {
        "usage": catalog.usage_trend(book, aid, name, source_line(book, "usage")),
        "drivers": catalog.health_drivers(
            analysis.health[aid], name, "health score computed by QBR Studio"
        ),
        "tickets": charts.tickets_by_month(
            [t for t in book.tickets if t.account_id == aid],
            review.as_of,
            name,
            source_line(book, "tickets"),
        ),
        "nps": charts.nps_by_month(
            [r for r in book.nps if r.account_id == aid],
            review.as_of,
            name,
            source_line(book, "nps"),
        ),
        "opportunities": charts.opportunities_chart(
            [row.opportunity for row in summary.opportunities],
            lambda o: risks.get(o.id),
            name,
            lambda amount: formatting.money(amount, currency),
            formatting.symbol(currency),
            source_line(book, "opportunities"),
        ),
    }


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    height = table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows)))
    table.setFixedHeight(max(60, height + 2 * table.frameWidth() + 4))


def show_account(owner: QWidget, doc: DocumentController, account_id: str | None) -> AccountView:
    """The account view of ``owner``'s window (made on first use), showing ``account_id``."""
    window = owner.window()
    view = getattr(window, "account_view", None)
    if not isinstance(view, AccountView):
        view = AccountView(doc, window)
        window.account_view = view  # type: ignore[attr-defined]
    plan = getattr(window, "plan", None)
    view.set_plan(plan)
    view.show_account(account_id)
    return view
