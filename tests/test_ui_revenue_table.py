"""The Revenue page's table of renewals and growth shows the planner's figures and analysis of
the review: one analysis per change, shared with the deck (issue 15), and the table still
follows the book."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt
from test_ui_window import review_path, window  # noqa: F401 (fixtures)

from qbr_studio.analytics import analysis as analysis_module
from qbr_studio.deck.planning import content as content_module

pytestmark = pytest.mark.qt


def _column(model, name: str) -> int:
    return next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == name
    )


def _cells(page, name: str) -> list[str]:
    model = page.model
    col = _column(model, name)
    return [str(model.index(r, col).data()) for r in range(model.rowCount())]


def test_a_book_change_is_analysed_once_and_the_table_follows_it(window, qtbot, monkeypatch):  # noqa: F811
    calls = []
    real = analysis_module.analyze

    def counting(review, *args, **kwargs):
        calls.append(review)
        return real(review, *args, **kwargs)

    monkeypatch.setattr(analysis_module, "analyze", counting)
    monkeypatch.setattr(content_module, "analyze", counting)
    window.jump_to("revenue.renewals_story")
    page = window.page("revenue")
    qtbot.waitUntil(page.isVisible)
    review = window.doc.review.model_copy(deep=True)
    renewal = next(o for o in review.book.opportunities if o.kind.value == "renewal")
    renewal.next_step = "Walk the CFO through the merger savings"
    with qtbot.waitSignal(window.planner.planned, timeout=10_000):
        window.doc.replace_review(review, "Import opportunities")
    qtbot.waitUntil(lambda: renewal.next_step in _cells(page, "Next step"))
    qtbot.wait(300)  # anything that would analyse again after the plan has had its chance
    assert len(calls) == 1, f"{len(calls)} analyses of one change"
    assert calls[0] is review
    assert window.planner.content.review is review
