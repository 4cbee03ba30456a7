"""Honest when data is missing: no chart drawn from nothing, no share of zero, and the slide
says what is missing and how to get it."""

from __future__ import annotations

import re

from review_factory import small_review

from qbr_studio.deck.plan import Chart, SlidePlan, TextBox
from qbr_studio.deck.produce import plan_deck
from qbr_studio.model import Meta, Review
from qbr_studio.sample import build_sample_review


def _text(slide: SlidePlan) -> str:
    return " ".join(p.text for e in slide.elements if isinstance(e, TextBox) for p in e.paragraphs)


def _charts(plan) -> list[Chart]:
    return [e for s in plan.slides for e in s.elements if isinstance(e, Chart)]


def _no_chart_from_nothing(plan) -> None:
    for chart in _charts(plan):
        values = [v or 0 for s in chart.spec.series for v in s.values]
        assert any(values), f"{chart.spec.title} drawn from nothing"


def _glance(plan) -> SlidePlan:
    return next(s for s in plan.slides if s.section.value == "Book at a glance")


def test_no_arr_draws_no_money_chart_and_says_what_to_import():
    review = small_review()
    for a in review.book.accounts:
        a.arr = 0
    review.book.opportunities = []
    plan = plan_deck(review)
    _no_chart_from_nothing(plan)
    glance = _glance(plan)
    assert "no ARR in the imported data" in glance.title
    assert "import an accounts export with ARR" in _text(glance)
    assert not [c for c in _charts(plan) if "ARR" in (c.spec.value_axis_title or "")]
    titles = " ".join(s.title for s in plan.slides)
    assert "$0" not in titles and "none of it red" not in titles


def test_no_usage_claims_no_adoption_and_no_health_share():
    review = small_review()
    review.book.usage = []
    plan = plan_deck(review)
    _no_chart_from_nothing(plan)
    titles = [s.title for s in plan.slides]
    assert not [t for t in titles if t.startswith("Adoption is broad")]
    assert any("No usage imported" in t for t in titles)
    assert "health not scored yet" in _glance(plan).title
    tiles = " ".join(_text(s) for s in plan.slides if s.section.value == "Title")
    assert not re.search(r"\b0% of ARR", tiles)


def test_no_opportunities_means_risk_from_warning_signs_not_none_at_risk():
    """Renewals near with health unscored are a warning sign, never "none at risk"."""
    review = small_review()
    review.book.opportunities = []
    review.book.usage = []
    plan = plan_deck(review)
    titles = " ".join(s.title for s in plan.slides)
    assert "none at risk" not in titles and "from warning signs" in titles
    assert not any("expansion pipeline" in s.title for s in plan.slides)


def test_no_data_at_all_draws_no_chart():
    plan = plan_deck(Review(meta=Meta(csm="A", quarter="2026-Q4")))
    assert _charts(plan) == []
    glance = _glance(plan)
    assert glance.title.startswith("No accounts imported yet")
    assert "$0" not in " ".join(s.title for s in plan.slides)


def test_the_company_name_is_on_the_title_slide():
    review = build_sample_review()
    title = plan_deck(review).slides[0]
    assert review.meta.company and review.meta.company in (title.subtitle or "")


def test_arr_that_could_not_be_scored_is_shown_and_never_counted_as_not_red():
    from qbr_studio.model import Account

    review = small_review()
    review.book.accounts.append(Account(id="acc-new", name="No Data Yet Ltd", arr=400_000))
    plan = plan_deck(review)
    glance = _glance(plan)
    total = sum(a.arr for a in review.book.accounts)
    assert "not scored" in glance.title and "none of it red" not in glance.title
    assert f"{400_000 / total:.0%} not scored" in glance.title
    chart = next(c for c in _charts(plan) if c.spec.title == "ARR by health")
    assert chart.spec.categories[-1] == "Not scored"
    assert sum(v or 0 for v in chart.spec.series[0].values) == total  # the columns add up
    assert "Not scored $400k" in chart.spec.alt_text
    assert "1 not scored" in glance.notes


def test_renewals_that_all_close_outside_the_window_are_named_with_their_dates():
    import datetime as dt

    from qbr_studio.model import OpportunityKind

    review = small_review()
    old = review.book.opportunities[0].model_copy(
        update={"id": "old-1", "kind": OpportunityKind.RENEWAL, "close_date": dt.date(2023, 6, 17)}
    )
    older = old.model_copy(update={"id": "old-2", "close_date": dt.date(2023, 2, 2)})
    review.book.opportunities = [old, older]
    for a in review.book.accounts:
        a.renewal_date = None
    text = _text(_glance(plan_deck(review)))
    assert "the 2 renewals in the data close between 2 Feb 2023 and 17 Jun 2023" in text
    assert "import a current opportunities export" in text


def _tile(plan, n: int) -> tuple[str, str]:
    texts = {
        e.name: e.paragraphs[0]
        for e in plan.slides[0].elements
        if isinstance(e, TextBox) and e.name.startswith(f"Figure {n} ")
    }
    return texts[f"Figure {n} value"].text, texts[f"Figure {n} label"].text


def _renewal_covered(review) -> set[str]:
    from qbr_studio.model import OpportunityKind

    return {
        o.account_id
        for o in review.book.opportunities
        if o.kind is OpportunityKind.RENEWAL and o.close_date
    }


def test_accounts_without_a_renewal_date_are_said_never_taken_for_none_due():
    review = small_review()
    covered = _renewal_covered(review)
    undated = [a for a in review.book.accounts if a.arr and a.id not in covered][:2]
    assert len(undated) == 2
    for a in undated:
        a.renewal_date = None
    plan = plan_deck(review)
    value, label = _tile(plan, 3)
    assert value.startswith("$") and label.endswith("; 2 accounts undated")
    glance = _glance(plan)
    chart = next(c for c in _charts(plan) if c.spec.title.startswith("Renewals"))
    assert "not shown: 2 accounts have no renewal date" in chart.spec.source
    assert "2 accounts have no renewal date." in glance.notes


def test_a_book_with_no_renewal_date_at_all_shows_a_dash_not_zero_due():
    review = small_review()
    review.book.opportunities = []
    for a in review.book.accounts:
        a.renewal_date = None
    plan = plan_deck(review)
    assert _tile(plan, 3) == ("—", "renewals due: no renewal dates in the data")


def test_a_long_tile_label_shrinks_to_stay_within_its_two_lines():
    from qbr_studio.deck import style
    from qbr_studio.deck.geometry import Rect, emu_to_pt, inches
    from qbr_studio.deck.planning.blocks import figure_tile
    from qbr_studio.deck.planning.layout import paragraph_lines

    rect = Rect(0, 0, inches(2.0), inches(1.3))
    label = "0 renewals due by Dec 2025; 300 accounts undated"
    box = figure_tile(rect, "$0", label, "Figure 3", "Calibri")[-1]
    paragraph = box.paragraphs[0]
    assert paragraph.text == label and paragraph.size < style.TABLE_SIZE
    assert len(paragraph_lines(paragraph, emu_to_pt(rect.w), "Calibri")) <= 2
    short = figure_tile(rect, "310", "accounts in the book", "Figure 1", "Calibri")[-1]
    assert short.paragraphs[0].size == style.TABLE_SIZE


def test_the_title_notes_say_what_the_renewals_figure_says():
    review = small_review()
    review.book.opportunities = []
    for a in review.book.accounts:
        a.renewal_date = None
    notes = plan_deck(review).slides[0].notes
    assert "The data dates no renewal, so what is due is not known" in notes
    assert "0 renewals" not in notes


def test_an_account_whose_only_renewal_was_won_long_ago_is_undated():
    """A renewal won in 2024 says nothing of the next one: the account is undated."""
    import datetime as dt

    from qbr_studio.model import Opportunity, OpportunityKind

    review = small_review()
    account = review.book.accounts[5]
    account.renewal_date = None
    review.book.opportunities.append(
        Opportunity(
            id="won-2024",
            account_id=account.id,
            kind=OpportunityKind.RENEWAL,
            name="2024 renewal",
            amount=10_000,
            stage="Closed Won",
            close_date=dt.date(2024, 3, 1),
        )
    )
    plan = plan_deck(review)
    assert _tile(plan, 3)[1].endswith("; 1 account undated")
    assert "(1 account undated)" in plan.slides[0].notes
