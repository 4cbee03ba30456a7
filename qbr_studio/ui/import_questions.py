"""The import wizard's questions about a table, each shown only when the table raises it.

:class:`UntypedQuestion` asks what opportunities without a type are (the CLI's
``--opportunity-type``); :class:`KeyFeatures` lists an event log's features to check the key
ones (``--key-features``). Both are views: the wizard passes what the
:class:`~qbr_studio.ingest.session.ImportSession` says and hands the answer back to it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qbr_studio.ingest.session import OPPORTUNITY_TYPES
from qbr_studio.ingest.sheet_preview import TablePreview

_TYPE_LABELS = {"renewal": "Renewals", "expansion": "Expansions", "cross-sell": "Cross-sells"}


def _wrapped(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class UntypedQuestion(QGroupBox):
    """ "What are the opportunities without a type?": Leave them out (the default) or a type."""

    chosen = Signal(object)
    """The type chosen (one of OPPORTUNITY_TYPES), or None: leave them out."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Opportunities without a type", parent)
        self.setAccessibleName("Opportunities without a type")
        self.question = _wrapped(self)
        self.group = QButtonGroup(self)
        self.buttons: dict[str | None, QRadioButton] = {}
        row = QHBoxLayout()
        for value in (None, *OPPORTUNITY_TYPES):
            button = QRadioButton(_TYPE_LABELS.get(value or "", "Leave them out"), self)
            button.setAccessibleName(button.text())
            self.group.addButton(button)
            self.buttons[value] = button
            row.addWidget(button)
            row.addSpacing(8)
            button.toggled.connect(lambda on, v=value: on and self.chosen.emit(v))
        row.addStretch(1)
        self.outcome = _wrapped(self)
        self.outcome.setAccessibleName("What happens to them")
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(row)
        layout.addWidget(self.outcome)

    def show_for(self, table: TablePreview, choice: str | None, outcome: str, tables: int) -> None:
        """Ask about ``table``'s untyped opportunities; ``tables``: how many tables have some
        (the answer is for all of them)."""
        noun = "opportunity has" if table.untyped == 1 else "opportunities have"
        every = " The answer is for every opportunities table of this import." if tables > 1 else ""
        header = next((c.header for c in table.columns if c.field == "kind"), "")
        why = (
            f"'{header}' is blank or says something other than renewal, expansion or cross-sell"
            if header
            else "the file has no type column"
        )
        self.question.setText(
            f"{table.untyped:,} {noun} no type ({table.untyped_amount}): {why}, and their "
            f"names and stages don't say. What are they?{every}"
        )
        self.buttons[None].setText(f"Leave them out ({table.untyped:,} not imported)")
        for value, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(value == choice)
            button.blockSignals(False)
        self.outcome.setText(outcome)

    def choice(self) -> str | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)


class KeyFeatures(QGroupBox):
    """An event log's features, each checkable as a key feature (none checked: every one)."""

    changed = Signal(list)
    """The names of the features checked (of the table shown)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Key features", parent)
        self.setAccessibleName("Key features")
        self.explain = _wrapped(self)
        self.explain.setText(
            "Check the features whose use counts as key-feature adoption in the deck. "
            "With none checked, every feature counts."
        )
        self.list = QListWidget(self)
        self.list.setAccessibleName("Features found")
        self.list.setToolTip("Each feature the event log names, with its number of events")
        self.list.setSpacing(2)
        self.list.itemChanged.connect(self._changed)
        self.clear = QPushButton("Uncheck all", self)
        self.clear.setToolTip("Count every feature as a key feature")
        self.clear.clicked.connect(self._uncheck_all)
        self.outcome = _wrapped(self)
        self.outcome.setAccessibleName("How features count")
        side = QVBoxLayout()
        side.addWidget(self.explain)
        side.addWidget(self.outcome)
        side.addStretch(1)
        side.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignLeft)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 3)
        layout.addLayout(side, 2)

    def show_for(self, table: TablePreview, checked: set[str], outcome: str) -> None:
        """List ``table``'s features, ``checked`` (names as the table writes them) checked."""
        self.list.blockSignals(True)
        self.list.clear()
        for name, count in table.features:
            noun = "event" if count == 1 else "events"
            item = QListWidgetItem(f"{name}  ·  {count:,} {noun}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.list.blockSignals(False)
        rows = min(max(len(table.features), 3), 7)  # a long list scrolls
        self.list.setFixedHeight((self.list.fontMetrics().lineSpacing() + 8) * rows + 8)
        self.outcome.setText(outcome)

    def checked(self) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _changed(self, _item: QListWidgetItem) -> None:
        self.changed.emit(self.checked())

    def _uncheck_all(self) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.changed.emit([])
