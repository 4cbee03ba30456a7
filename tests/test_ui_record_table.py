"""A record table's columns are measured again only when their content may have changed
(record_table._ContentWidths): a refit for a new width reuses the measure, and every change
of the rows, the sort or the font gives the widths a fresh measure would."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from qbr_studio.ui.record_table import content_widths, fit_columns, record_table
from qbr_studio.ui.table_models import Column, RecordFilterProxy, RecordTableModel

pytestmark = pytest.mark.qt


@dataclass
class Row:
    name: str
    arr: float


COLUMNS = [
    Column("Name", lambda r: r.name),
    Column("ARR", lambda r: r.arr, numeric=True),
]


@pytest.fixture
def table(qtbot):
    from PySide6.QtWidgets import QWidget

    host = QWidget()
    qtbot.addWidget(host)
    view = record_table(host, "Rows")
    model = RecordTableModel(view)
    proxy = RecordFilterProxy(view)
    proxy.setSourceModel(model)
    view.setModel(proxy)
    view.resize(600, 300)
    host.show()
    model.set_rows([Row("Acme", 1.0), Row("Globex", 20.0)], COLUMNS)
    view.host = host  # kept alive with the view
    yield view, model, proxy


def measured(view) -> list[int]:
    return [view.columnWidth(c) for c in range(view.model().columnCount())]


def fresh(view) -> tuple[list[int], list[int]]:
    return content_widths(view)


def test_a_refit_for_a_new_width_reuses_the_measure(table, monkeypatch):
    view, _model, _proxy = table
    fit_columns(view)
    calls = []
    monkeypatch.setattr(view, "sizeHintForColumn", lambda c: calls.append(c) or 10)
    assert view.content_widths.get() != ([10, 10], [10, 10])
    assert calls == []


def test_every_change_is_measured_again(table):
    from PySide6.QtCore import Qt

    view, model, proxy = table
    fit_columns(view)
    before = measured(view)
    model.set_rows([Row("A much longer company name than before", 3.0)], COLUMNS)
    assert view.content_widths.get() == fresh(view)
    fit_columns(view)
    assert measured(view)[0] > before[0]
    proxy.setFilterFixedString("zzz")  # rows filtered away
    assert view.content_widths.get() == fresh(view)
    proxy.setFilterFixedString("")
    view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert view.content_widths.get() == fresh(view)
    font = view.font()
    font.setPointSize(font.pointSize() + 6)
    view.setFont(font)
    assert view.content_widths.get() == fresh(view)


def test_another_model_is_followed(table):
    view, _model, _proxy = table
    fit_columns(view)
    other = RecordTableModel(view)
    other.set_rows([Row("Initech and Sons Holding Company", 5.0)], COLUMNS)
    view.setModel(other)
    assert view.content_widths.get() == fresh(view)
    other.set_rows([Row("I", 5.0)], COLUMNS)
    assert view.content_widths.get() == fresh(view)
