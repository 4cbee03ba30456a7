"""Read-only tables of records (accounts, usage months…) for views that sort and filter.

A :class:`Column` says how to show one value and how to sort it; :func:`columns_for` derives
the columns of a book table from its model, so a new field shows up without UI work.
Sorting compares Python values (numbers as numbers, dates as dates, empty last).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from qbr_studio.deck.planning.formatting import day, money

Index = QModelIndex | QPersistentModelIndex

TITLES = {
    "id": "ID",
    "arr": "ARR",
    "nps": "NPS",
    "account_id": "Account",
    "crm_health": "CRM health",
    "key_feature_users": "Key-feature users",
}
"""Column titles that are not just the field name in sentence case."""
MONEY_FIELDS = frozenset({"arr", "amount"})
"""Fields holding an amount of the review's currency."""
SHOWN_ROLES = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})
"""The roles a cell answers with its text (a view asks each cell for ~10 roles: the others
are told apart from these once, not compared with enum members on every call)."""
ALIGNMENT_ROLE = Qt.ItemDataRole.TextAlignmentRole.value
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """``value(record)`` is the raw value; ``text(value)`` how it reads (default: :func:`show`)."""

    title: str
    value: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    numeric: bool = False
    tooltip: str = ""


def show(value: Any) -> str:
    """How a value reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(getattr(value, "label", value.value))
    if isinstance(value, dt.date):
        return day(value)
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, list):
        return ", ".join(show(getattr(item, "name", item)) for item in value)
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    """Empty values last; text without regard to case; enums by their label."""
    if value is None or value == "" or value == []:
        return (1, 0)
    if isinstance(value, Enum):
        return (0, show(value).lower())
    if isinstance(value, str):
        return (0, value.lower())
    if isinstance(value, list):
        return (0, show(value).lower())
    return (0, value)


def columns_for(
    model: type, *, currency: str = "USD", account_name: Callable[[str], str] | None = None
) -> list[Column]:
    """One column per field of the pydantic ``model``; ``account_id`` shows the account's name."""
    columns = []
    for name, field in model.model_fields.items():  # type: ignore[attr-defined]
        title = TITLES.get(name, name.replace("_", " ").capitalize())
        getter = _getter(name)
        if name == "account_id" and account_name is not None:
            columns.append(Column(title, lambda r, g=getter: account_name(g(r))))
        elif name in MONEY_FIELDS:
            columns.append(
                Column(title, getter, lambda v: money(v, currency), True, field.description or "")
            )
        else:
            numeric = field.annotation in (int, float, int | None, float | None)
            columns.append(Column(title, getter, None, numeric, field.description or ""))
    return columns


def _getter(name: str) -> Callable[[Any], Any]:
    return lambda record: getattr(record, name)


class RecordTableModel(QAbstractTableModel):
    """Rows are records, columns are :class:`Column` s; :meth:`set_rows` replaces both."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._columns: list[Column] = []

    def set_rows(self, rows: Sequence[Any], columns: Sequence[Column]) -> None:
        self.beginResetModel()
        self._rows, self._columns = list(rows), list(columns)
        self.endResetModel()

    def record(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def value(self, row: int, column: int) -> Any:
        return self._columns[column].value(self._rows[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in SHOWN_ROLES:
            if not index.isValid():
                return None
            column = self._columns[index.column()]
            return (column.text or show)(self.value(index.row(), index.column()))
        if role == ALIGNMENT_ROLE and index.isValid() and self._columns[index.column()].numeric:
            return RIGHT_ALIGNED
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tooltip or None
        return None


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorts by the records' values and keeps rows where any cell contains the filter text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def lessThan(self, left: Index, right: Index) -> bool:
        source: RecordTableModel = self.sourceModel()  # type: ignore[assignment]
        a = sort_key(source.value(left.row(), left.column()))
        b = sort_key(source.value(right.row(), right.column()))
        try:
            return a < b
        except TypeError:  # mixed kinds in one column: compare as text
            return str(a) < str(b)
