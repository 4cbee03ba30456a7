"""An achievement reads "Title — Account" on its slide, or its title alone without one."""

from __future__ import annotations

from qbr_studio.deck.plan import Table
from qbr_studio.deck.planning.compose import compose
from qbr_studio.deck.reading.template import load_template
from qbr_studio.model import Achievement, AchievementKind
from qbr_studio.model.agenda import Section
from qbr_studio.sample import build_sample_review


def test_an_achievement_without_an_account_is_its_title_alone():
    review = build_sample_review()
    review.achievements = [
        Achievement(title="Faster month-end close", kind=AchievementKind.ADOPTION, story="x"),
        *review.achievements[:1],
    ]
    plan = compose(review, load_template(None), {})
    slide = next(s for s in plan.slides if s.section == Section.ACHIEVEMENTS)
    table = next(e for e in slide.elements if isinstance(e, Table))
    cells = [row[0].text for row in table.rows]
    assert "Faster month-end close" in cells
    assert not any(text.endswith("—") for text in cells)
    assert any(" — " in text for text in cells)  # the one with an account keeps it
    assert "Faster month-end close: x" in slide.notes
