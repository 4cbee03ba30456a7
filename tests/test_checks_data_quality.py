"""`check` lists what is wrong in the book itself (issue 10's data quality): a renewal whose
date passed with no outcome, more active than licensed users, rows on no account of the book,
usage on an account without ARR — each with where the first case is and the file it came
from. A clean book lists none."""

from __future__ import annotations

import datetime as dt

from review_factory import small_review

from qbr_studio.analytics.quality import data_problems
from qbr_studio.checks import check_review
from qbr_studio.cli import main
from qbr_studio.model import Opportunity, OpportunityKind, Stakeholder, Ticket
from qbr_studio.storage import save_review

TODAY = dt.date(2026, 12, 6)  # the meeting of small_review() is on 10 Dec 2026


def _data(review, today: dt.date = TODAY) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in data_problems(review, today)]


def test_a_clean_book_has_no_data_problem():
    assert _data(small_review()) == []


def test_a_renewal_opportunity_past_its_date_without_an_outcome():
    review = small_review()
    review.book.opportunities.append(
        Opportunity(
            id="opp-late",
            account_id="acc-2",
            kind=OpportunityKind.RENEWAL,
            name="Account 2 renewal",
            amount=70_000,
            stage="Negotiation",
            close_date=dt.date(2026, 11, 30),  # before the meeting on 10 Dec 2026
            source="sig:renewals.xlsx › Open",
        )
    )
    assert _data(review) == [
        (
            "book.opportunities[1].stage",
            '1 renewal dated in the past has no outcome ("Account 2 renewal", 30 Nov 2026, '
            "from renewals.xlsx › Open): record the outcome (won or lost) in the CRM and import "
            "it again",
        )
    ]
    assert _data(review, dt.date(2026, 11, 30)) == [], "not past yet on its day"
    review.book.opportunities[1].stage = "Closed Won"
    assert _data(review) == []


def test_a_renewal_still_ahead_is_not_overdue_when_the_meeting_date_is_not_set():
    """Without a meeting date the deck counts to the quarter's end; the checklist does not
    ask for the outcome of a renewal that is still in the future."""
    review = small_review()
    review.meta.meeting_date = None
    review.book.accounts[4].renewal_date = dt.date(2026, 12, 28)
    assert _data(review) == []
    [(path, _)] = _data(review, dt.date(2027, 1, 2))
    assert path == "book.accounts[4].renewal_date"


def test_an_accounts_renewal_date_that_passed_in_the_quarter():
    review = small_review()
    review.book.accounts[4].renewal_date = dt.date(2026, 10, 20)
    review.book.accounts[4].source = "sig:accounts.csv"
    review.book.accounts[6].renewal_date = dt.date(2026, 11, 2)
    [(path, message)] = _data(review)
    assert path == "book.accounts[4].renewal_date"
    assert message == (
        '2 renewals dated in the past have no outcome ("Account 4 Holdings renewal", 20 Oct '
        "2026, from accounts.csv): import the renewal's outcome, or the account's next renewal "
        "date"
    )


def test_more_active_than_licensed_users():
    review = small_review()
    month = review.book.usage[15]
    month.active_users, month.source = 130, "sig:usage.csv"
    assert _data(review) == [
        (
            "book.usage[15].active_users",
            f"1 usage month counts more active than licensed users (Account 1 Holdings, "
            f"{month.month:%b %Y}: 130 of 100, from usage.csv): utilization over 100% — check "
            "the licensed users",
        )
    ]


def test_rows_that_name_no_account_of_the_book():
    review = small_review()
    review.book.stakeholders = [
        Stakeholder(account_id="acc-1", name="Ann Lee"),
        Stakeholder(account_id="", name="Bo Li", source="sig:contacts.csv"),
    ]
    review.book.tickets = [
        Ticket(id=f"t{i}", account_id="acc-gone", opened=dt.date(2026, 10, 1)) for i in range(3)
    ]
    assert _data(review) == [
        (
            "book.stakeholders[1].account_id",
            "1 contact names no account of the book (a blank account, from contacts.csv): "
            "import the file again with its account column, or remove it",
        ),
        (
            "book.tickets[0].account_id",
            '3 tickets name no account of the book ("acc-gone"): import the accounts they '
            "belong to, or remove them",
        ),
    ]


def test_usage_on_an_account_without_arr():
    review = small_review()
    review.book.accounts[3].arr = 0
    assert _data(review) == [
        (
            "book.accounts[3].arr",
            '1 account with usage has an ARR of zero ("Account 3 Holdings"): import their ARR',
        )
    ]
    for account in review.book.accounts:
        account.arr = 0  # the whole book: said once, for the book
    assert _data(review) == []
    assert [f.path for f in check_review(review) if f.section == "Data"] == ["book.accounts"]


def test_check_lists_them_apart_from_what_is_missing_and_they_do_not_block(tmp_path, capsys):
    """A data problem is worth a look, not missing from the review: `check` lists it under
    its own heading, and a review otherwise ready passes (exit 0)."""
    review = small_review()
    review.book.accounts[3].arr = 0
    findings = check_review(review)
    data = [f for f in findings if not f.blocking]
    assert [f.path for f in data] == ["book.accounts[3].arr"]
    path = tmp_path / "mine.qbr"
    save_review(path, review)
    code = main(["check", str(path)])
    out = capsys.readouterr().out
    assert (
        "Check the data (1):\n"
        '  - Data › Accounts › Item 4 › ARR: 1 account with usage has an ARR of zero ("Account '
        '3 Holdings"): import their ARR'
    ) in out
    blocking = [f for f in findings if f.blocking]
    assert code == (1 if blocking else 0)


def test_a_stage_that_records_the_outcome_in_any_crms_wording_is_not_overdue():
    """HubSpot writes "closedwon", Dynamics "Won", others "Closed - Lost": each records the
    outcome, so the renewal is not asked about; "Contract sent" does not."""
    from qbr_studio.analytics.book import is_closed_stage
    from qbr_studio.analytics.revenue import is_closed

    for stage in ("Closed Won", "closedwon", "closedlost", "Won", "Closed - Lost", "churned"):
        assert is_closed_stage(stage), stage
    for stage in ("contractsent", "Negotiation", "Closed Won pending", ""):
        assert not is_closed_stage(stage), stage
    review = small_review()
    late = Opportunity(
        id="opp-late",
        account_id="acc-2",
        kind=OpportunityKind.RENEWAL,
        name="Account 2 renewal",
        amount=70_000,
        stage="closedwon",
        close_date=dt.date(2026, 11, 30),
    )
    review.book.opportunities.append(late)
    assert _data(review) == [] and is_closed(late)
