"""Quarters that connect: Q3's review carried into Q4, then what changed since, by name."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from analytics_fixtures import account, months, review

from qbr_studio.analytics.carry import carry_forward, next_quarter, since_last_review
from qbr_studio.cli import main
from qbr_studio.model import (
    ActionItem,
    Book,
    Challenge,
    Health,
    HealthOverride,
    MediaRef,
    Opportunity,
    OpportunityKind,
    Sentiment,
    Stakeholder,
    Status,
)
from qbr_studio.storage import load_review, save_review


def _q3():
    book = Book(
        accounts=[
            account("NORTH", name="Northwind", arr=100_000, renewal_date=dt.date(2026, 11, 30)),
            account("BAY", name="Bayfield", arr=80_000, renewal_date=dt.date(2026, 12, 15)),
            account("CAL", name="Calder", arr=50_000, renewal_date=dt.date(2027, 9, 1)),
        ],
        usage=months("NORTH", [80], last=dt.date(2026, 9, 1))
        + months("BAY", [70], last=dt.date(2026, 9, 1))
        + months("CAL", [85], last=dt.date(2026, 9, 1)),
        stakeholders=[
            Stakeholder(account_id="BAY", name="Ann Li", sentiment=Sentiment.CHAMPION),
        ],
    )
    q3 = review(book, "2026-Q3")
    q3.deep_dive.account_id = "BAY"
    q3.deep_dive.health_story = "Usage holds after the merger."
    q3.deep_dive.logo = "bay.png"
    q3.media = [MediaRef(name="bay.png"), MediaRef(name="other.png")]
    q3.revenue.renewals_story = "Two renewals this quarter."
    q3.challenges = [Challenge(pattern="Reports unused", plan="Office hours")]
    q3.revenue.action_items = [
        ActionItem(id="a1", text="Exec call", account_id="BAY", due=dt.date(2026, 10, 15)),
        ActionItem(id="a2", text="Training plan", account_id="CAL", due=dt.date(2026, 11, 1)),
        ActionItem(id="a3", text="QBR invite", account_id="NORTH", status=Status.DONE),
        ActionItem(id="a4", text="Usage review", account_id="NORTH", due=dt.date(2026, 12, 1)),
    ]
    return q3


def test_carry_forward_keeps_reference_and_asks_for_status() -> None:
    q3 = _q3()
    q4 = carry_forward(q3, "q3.qbr")
    assert q4.meta.quarter == "2026-Q4" and q4.meta.csm == q3.meta.csm
    # open items come over, asking for their status; the done one stays behind
    assert [(i.id, i.status_text, i.carried_from) for i in q4.revenue.action_items] == [
        ("a1", "carried — status?", "2026-Q3"),
        ("a2", "carried — status?", "2026-Q3"),
        ("a4", "carried — status?", "2026-Q3"),
    ]
    # narratives are reference, not this quarter's text
    assert q4.deep_dive.health_story == "" and q4.revenue.renewals_story == ""
    assert q4.challenges == []
    ref = q4.last_quarter
    assert ref is not None and ref.file == "q3.qbr"
    assert ref.narratives == {
        "deep_dive.health_story": "Usage holds after the merger.",
        "revenue.renewals_story": "Two renewals this quarter.",
        "challenges[0].pattern": "Reports unused",
        "challenges[0].plan": "Office hours",
    }
    assert [(a.name, a.arr, a.health) for a in ref.accounts] == [
        ("Northwind", 100_000, Health.GREEN),  # 80% used → green
        ("Bayfield", 80_000, Health.GREEN),  # 70% → 87.5 → green
        ("Calder", 50_000, Health.GREEN),
    ]
    assert ref.accounts[1].champions == ["Ann Li"]
    assert q4.deep_dive.account_id == "BAY" and [m.name for m in q4.media] == ["bay.png"]
    # the review it came from is untouched
    assert q3.revenue.action_items[0].status_confirmed is True


def test_since_last_review_on_two_consecutive_reviews() -> None:
    q4 = carry_forward(_q3(), "q3.qbr")
    items = {i.id: i for i in q4.revenue.action_items}
    items["a1"].status = Status.DONE
    items["a1"].status_confirmed = True
    items["a2"].due = dt.date(2027, 1, 15)  # moved out: slipped
    items["a2"].status_confirmed = True
    # a4 left unconfirmed
    book = q4.book
    book.usage += months("NORTH", [30], last=dt.date(2026, 12, 1))  # 30% used → red
    book.usage += months("CAL", [85], last=dt.date(2026, 12, 1))
    book.accounts = [a for a in book.accounts if a.id != "BAY"]  # Bayfield churned
    book.accounts[0].arr = 120_000  # Northwind renewed with an uplift
    book.opportunities.append(
        Opportunity(
            id="r-north",
            account_id="NORTH",
            kind=OpportunityKind.RENEWAL,
            amount=120_000,
            stage="Closed Won",
            close_date=dt.date(2026, 11, 28),
        )
    )
    q4.health_overrides.append(
        HealthOverride(account_id="CAL", health=Health.YELLOW, reason="sponsor on leave")
    )

    since = since_last_review(q4)

    assert since is not None and since.quarter == "2026-Q3"
    assert [(c.name, c.text) for c in since.actions_closed] == [("Bayfield", "Exec call")]
    assert [(c.name, c.text) for c in since.actions_slipped] == [
        ("Calder", "Training plan (due 2026-11-01 → 2027-01-15)")
    ]
    assert [c.text for c in since.actions_unconfirmed] == ["Usage review"]
    assert [(c.name, c.text) for c in since.health_changes] == [
        ("Northwind", "green → red"),
        ("Calder", "green → yellow"),
    ]
    assert [(c.name, c.text, c.before, c.after) for c in since.arr_changes] == [
        ("Northwind", "", 100_000, 120_000),
        ("Bayfield", "lost", 80_000, 0),
    ]
    assert (since.arr_before, since.arr_now) == (230_000, 170_000)
    assert [(c.name, c.text, c.after) for c in since.renewals_won] == [
        ("Northwind", "Closed Won, 2026-11-28", 120_000)
    ]
    assert [(c.name, c.text, c.before) for c in since.renewals_lost] == [
        ("Bayfield", "no longer in the book", 80_000)
    ]


def test_a_review_not_carried_has_no_since_last() -> None:
    assert since_last_review(_q3()) is None


def test_next_quarter_and_refusing_to_go_back() -> None:
    assert next_quarter("2026-Q4") == "2027-Q1"
    assert next_quarter("2026-Q1") == "2026-Q2"
    with pytest.raises(ValueError, match="2026-Q2 does not come after 2026-Q3"):
        carry_forward(_q3(), quarter="2026-Q2")


def test_cli_new_from_last_quarter(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "q3.qbr"
    save_review(last, _q3(), {"bay.png": b"\x89PNG logo", "other.png": b"\x89PNG"})
    out = tmp_path / "q4.qbr"

    assert main(["new", "--from", str(last), "-o", str(out), "--meeting-date", "2027-01-12"]) == 0

    said = capsys.readouterr().out
    assert "Q4 2026, from Q3 2026" in said
    assert "3 open action item(s) carried over: confirm each one's status" in said
    loaded = load_review(out)
    assert loaded.review.last_quarter is not None
    assert loaded.review.meta.meeting_date == dt.date(2027, 1, 12)
    assert loaded.media == {"bay.png": b"\x89PNG logo"}


def test_cli_new_from_refuses_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "q3.qbr"
    save_review(last, _q3(), {"bay.png": b"x", "other.png": b"y"})
    out = tmp_path / "q4.qbr"
    assert main(["new", "--from", str(last), "-o", str(out), "--quarter", "2026-Q1"]) == 2
    assert "2026-Q1 does not come after 2026-Q3" in capsys.readouterr().err
    assert not out.exists()
    missing = tmp_path / "nope.qbr"
    assert main(["new", "--from", str(missing), "-o", str(out)]) == 2
    assert str(missing) in capsys.readouterr().err
    assert main(["new", "-o", str(out)]) == 2
    assert "give --csm and --quarter, or --from LAST.qbr" in capsys.readouterr().err


def test_since_last_slide_names_accounts_and_money() -> None:
    from qbr_studio.deck.plan import Table
    from qbr_studio.deck.planning.assembly import Part, assemble
    from qbr_studio.deck.planning.canvas import Canvas
    from qbr_studio.deck.planning.content import ReviewContent
    from qbr_studio.deck.planning.slides.since_last import since_last_slides

    canvas = Canvas.load(None)
    assert assemble(canvas, [Part(ReviewContent(_q3()), since_last_slides)]).slides == []

    q4 = carry_forward(_q3(), "q3.qbr")
    q4.book.accounts = [a for a in q4.book.accounts if a.id != "BAY"]
    q4.revenue.action_items[0].status = Status.DONE
    q4.revenue.action_items[0].status_confirmed = True
    (slide,) = assemble(canvas, [Part(ReviewContent(q4), since_last_slides)]).slides
    # 1 closed of 1 checked; Bayfield's renewal (15 Dec) passed and it left the book
    assert (
        slide.title == "Since 30 Sep 2026: 1 of 1 checked actions closed; 1 renewal won, "
        "1 lost; ARR $230k → $150k"
    )
    (table,) = [e for e in slide.elements if isinstance(e, Table)]
    rows = [tuple(c.text for c in row) for row in table.rows]
    assert ("Action closed", "Bayfield", "Exec call") in rows
    assert ("Renewal lost", "Bayfield", "no longer in the book; $80k") in rows
    assert ("ARR", "Bayfield", "lost; $80k → $0") in rows
    assert "2 carried action items still to confirm." in slide.notes


def _slide_titles(deck: Path) -> list[str]:
    from pptx import Presentation

    return [
        s.shapes.title.text_frame.text if s.shapes.title is not None else ""
        for s in Presentation(str(deck)).slides
    ]


def test_the_standard_deck_shows_since_last_review_after_the_glance_slide(
    tmp_path: Path,
) -> None:
    """Two consecutive reviews (``new --from``): only the second deck, which has a last
    quarter, says what happened since, right after the book at a glance."""
    last = tmp_path / "q3.qbr"
    save_review(last, _q3(), {"bay.png": b"\x89PNG logo", "other.png": b"\x89PNG"})
    q4_path = tmp_path / "q4.qbr"
    assert main(["new", "--from", str(last), "-o", str(q4_path)]) == 0
    loaded = load_review(q4_path)
    exec_call = loaded.review.revenue.action_items[0]
    exec_call.status, exec_call.status_confirmed = Status.DONE, True
    save_review(q4_path, loaded.review, loaded.media)

    q3_deck, q4_deck = tmp_path / "q3.pptx", tmp_path / "q4.pptx"
    assert main(["build", str(last), "-o", str(q3_deck)]) == 0
    assert main(["build", str(q4_path), "-o", str(q4_deck)]) == 0

    assert not [t for t in _slide_titles(q3_deck) if t.startswith("Since ")]
    titles = _slide_titles(q4_deck)
    since = [i for i, t in enumerate(titles) if t.startswith("Since 30 Sep 2026: ")]
    assert len(since) == 1, titles
    assert "1 of 1 checked actions closed" in titles[since[0]]
    assert "ARR across" in titles[since[0] - 1]  # the glance slide's title
