"""Territory-pattern suggestions on the Challenges page (issue 10): listed from the data,
accepted as a challenge with their evidence and accounts in one undo step, or dismissed for
the review — and that is remembered — never written into the review silently."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from qbr_studio.analytics.patterns import accept, pending, suggest_patterns
from qbr_studio.charts.account import suggestion_chart
from qbr_studio.model import Challenge
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs, dismissals
from qbr_studio.ui.app import create_window

pytestmark = pytest.mark.qt


def open_window(qtbot, path: Path | None):
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    win.go_to_section("challenges")
    return win


@pytest.fixture
def sample_path(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    path = tmp_path / "q4.qbr"
    save_review(path, build_sample_review())
    return path


def test_the_datas_patterns_are_listed_and_nothing_is_written(qtbot, sample_path):
    win = open_window(qtbot, sample_path)
    page = win.page("challenges")
    review = win.doc.review
    expected = pending(suggest_patterns(review.book, review.as_of), review.challenges, set())
    assert [s.key for s in page.suggestions] == [s.key for s in expected] != []
    assert page.suggestion_list.count() == len(expected)
    assert page.suggestion_list.item(0).text() == expected[0].title
    assert expected[0].evidence in page.suggestion_detail.toPlainText()
    assert not win.doc.dirty and not win.doc.undo_stack.canUndo()


def test_accept_adds_a_challenge_in_one_undo_step(qtbot, sample_path):
    win = open_window(qtbot, sample_path)
    page = win.page("challenges")
    before = list(win.doc.review.challenges)
    chosen = page.suggestions[1]
    page.suggestion_list.setCurrentRow(1)
    page.accept_button.click()
    after = win.doc.review.challenges
    assert after[:-1] == before
    assert after[-1].model_dump(exclude={"id"}) == accept(chosen).model_dump(exclude={"id"})
    assert after[-1].evidence == chosen.evidence
    assert after[-1].account_ids == list(chosen.account_ids)
    assert chosen.key not in [s.key for s in page.suggestions]  # offered no more
    win.doc.undo_stack.undo()
    assert win.doc.review.challenges == before
    assert chosen.key in [s.key for s in page.suggestions]  # undone: offered again
    assert not win.doc.undo_stack.canUndo()


def test_dismiss_hides_it_for_this_review_and_is_remembered(qtbot, sample_path, tmp_path):
    win = open_window(qtbot, sample_path)
    page = win.page("challenges")
    chosen = page.suggestions[0]
    page.suggestion_list.setCurrentRow(0)
    page.dismiss_button.click()
    assert chosen.key not in [s.key for s in page.suggestions]
    assert win.doc.review.challenges == build_sample_review().challenges  # not in the review
    win.close()
    dismissals._session.clear()  # as after a restart of the app: only the file remembers
    again = open_window(qtbot, sample_path)
    assert chosen.key not in [s.key for s in again.page("challenges").suggestions]
    other = tmp_path / "other.qbr"
    save_review(other, build_sample_review())
    third = open_window(qtbot, other)
    assert chosen.key in [s.key for s in third.page("challenges").suggestions]


def test_an_unsaved_reviews_dismissals_follow_it_into_its_file(qtbot, sample_path, tmp_path):
    win = open_window(qtbot, sample_path)
    page = win.page("challenges")
    win.doc.load(build_sample_review(), dirty=True)  # as New from last quarter leaves it
    page.refresh_data()
    chosen = page.suggestions[0]
    page.suggestion_list.setCurrentRow(0)
    page.dismiss_button.click()
    saved = tmp_path / "saved.qbr"
    assert win.files.save_to(saved)
    assert chosen.key not in [s.key for s in page.suggestions]
    win.close()
    dismissals._session.clear()
    again = open_window(qtbot, saved)
    assert chosen.key not in [s.key for s in again.page("challenges").suggestions]


def test_show_chart_draws_the_pattern(qtbot, sample_path):
    win = open_window(qtbot, sample_path)
    page = win.page("challenges")
    page.suggestion_list.setCurrentRow(0)
    page.chart_button.click()
    assert page.chart_window is not None and page.chart_window.isVisible()
    names = {a.id: a.name for a in win.doc.review.book.accounts}
    assert page.chart.spec == suggestion_chart(page.suggestions[0], names)
    assert page.chart.drawing is not None


def test_pending_leaves_out_the_dismissed_and_the_accepted():
    review = build_sample_review()
    found = suggest_patterns(review.book, review.as_of)
    first, second = found[0], found[1]
    left = pending(found, [Challenge(pattern=f"  {first.title.upper()} ")], {second.key})
    assert [s.key for s in left] == [s.key for s in found[2:]]


def test_the_suggestion_chart_paints_what_lags_red():
    review = build_sample_review()
    names = {a.id: a.name for a in review.book.accounts}
    found = suggest_patterns(review.book, review.as_of)
    feature = next(s for s in found if s.kind.value == "feature_lags")
    spec = suggestion_chart(feature, names)
    roles = zip(spec.categories, spec.series[0].point_colors or (), strict=True)
    red = {c for c, role in roles if role == "status:red"}
    assert red == {names[a] for a in feature.account_ids}
    assert spec.number_format == "0%" and spec.alt_text.endswith(feature.evidence + ".")
