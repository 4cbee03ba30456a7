"""Real tools' exports import right without --as, or are refused (exit 2, review unchanged)."""

from __future__ import annotations

import pytest
import real_export_fixtures as rx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qbr_studio.cli import main
from qbr_studio.errors import UserError
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.report import ImportRefused
from qbr_studio.sheet_refs import column_letter
from qbr_studio.storage import load_review


@pytest.fixture
def review_file(tmp_path):
    path = tmp_path / "mine.qbr"
    assert main(["new", "-o", str(path), "--csm", "A B", "--quarter", "2026-Q4"]) == 0
    return path


def _import(review, *paths, **kw):
    return import_sources(review, list(paths), **kw)


def _empty_review(review_file):
    return load_review(review_file).review


def test_salesforce_account_export_is_accounts_named_by_name_keyed_by_id(tmp_path, review_file):
    result = _import(_empty_review(review_file), rx.sf_account(tmp_path / "Account.csv"))
    table = result.report.tables[0]
    assert table.kind == "accounts"
    assert table.mapping["Name"] == "account"
    assert table.mapping["Id"] == "account_id"
    assert table.mapping["Industry"] == "industry"
    assert table.mapping["BillingCountry"] == "region"
    for never in ("AnnualRevenue", "BillingLatitude", "BillingPostalCode", "OwnerId",
                  "JigsawCompanyId", "AccountSource", "External_id__c"):  # fmt: skip
        assert table.mapping[never] is None, never
    accounts = result.review.book.accounts
    assert [a.name for a in accounts] == [row[1] for row in rx.SF_ACCOUNTS]
    assert [a.id for a in accounts] == [row[0] for row in rx.SF_ACCOUNTS]
    assert all(a.arr == 0 for a in accounts)  # AnnualRevenue is the company's revenue
    assert "Name → account" in table.evidence
    assert "AnnualRevenue → not arr (the company's yearly revenue)" in table.evidence


def test_salesforce_opportunities_join_by_account_id_with_stage_name(tmp_path, review_file):
    first = _import(_empty_review(review_file), rx.sf_account(tmp_path / "Account.csv"))
    result = _import(  # its Type is blank: the user says what they are
        first.review, rx.sf_opportunity(tmp_path / "Opportunity.csv"), opportunity_type="renewal"
    )
    table = result.report.tables[0]
    assert table.kind == "opportunities"
    assert table.mapping["StageName"] == "stage"
    assert table.mapping["ForecastCategory"] is None
    assert table.mapping["AccountId"] == "account_id"
    assert table.mapping["CloseDate"] == "close_date"
    opps = result.review.book.opportunities
    assert [o.stage for o in opps] == ["Qualification", "Negotiation/Review", "Closed Won",
                                       "Prospecting"]  # fmt: skip
    assert [o.account_id for o in opps] == [row[0] for row in rx.SF_ACCOUNTS]
    assert not result.changes.accounts_added
    # Salesforce states no risk: analytics must derive it rather than trust the default "Low"
    assert not any(o.risk_stated for o in opps)


def test_salesforce_contacts_without_account_id_are_left_out_not_carried_down(
    tmp_path, review_file
):
    first = _import(_empty_review(review_file), rx.sf_account(tmp_path / "Account.csv"))
    result = _import(first.review, rx.sf_contact(tmp_path / "Contact.csv"))
    table = result.report.tables[0]
    assert table.kind == "contacts"
    people = result.review.book.stakeholders
    assert sorted(p.name for p in people) == ["Ashley Brock", "Dana Myers"]
    assert table.skipped_counts == {"no account: AccountId blank": 4}
    column = rx.SF_CONTACT_HEADER.index("AccountId")
    # each is reported at its blank AccountId cell, not the row's first
    assert {i.where.split(": ")[1].rstrip("0123456789") for i in table.skipped} == {
        column_letter(column)
    }
    assert not any("carried down" in n for n in table.notes)


def test_dynamics_display_names(tmp_path, review_file):
    result = _import(
        _empty_review(review_file), rx.dynamics_opportunity(tmp_path / "Opportunities.csv")
    )
    table = result.report.tables[0]
    assert table.kind == "opportunities"
    assert table.mapping["Potential Customer"] == "account"
    assert table.mapping["Customer Need"] is None
    assert table.mapping["Topic"] == "name"
    assert table.mapping["Est. Revenue"] == "amount"
    assert table.mapping["Est. Close Date"] == "close_date"
    assert sorted(a.name for a in result.review.book.accounts) == ["Contoso Ltd", "Fabrikam Inc"]


def test_names_that_repeat_under_different_ids_are_different_accounts(tmp_path, review_file):
    result = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "crm_accounts.csv"))
    accounts = result.review.book.accounts
    assert len(accounts) == 5
    smiths = sorted((a.id, a.industry, a.arr) for a in accounts if a.name == "Smith LLC")
    assert smiths == [("ACCT0002", "Healthcare", 25000.0), ("ACCT0004", "Finance", 90000.0)]
    assert result.report.tables[0].rows_skipped == 0


def test_event_log_becomes_monthly_distinct_users(tmp_path, review_file):
    first = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "crm_accounts.csv"))
    result = _import(first.review, rx.c360_usage_events(tmp_path / "usage_events.csv"))
    assert result.report.tables[0].kind == "usage"
    months = {(u.account_id, u.month.month): u.active_users for u in result.review.book.usage}
    assert months == {("ACCT0001", 10): 2, ("ACCT0001", 11): 1, ("ACCT0004", 10): 1}


def test_confusing_columns_map_by_name_only(tmp_path, review_file):
    result = _import(_empty_review(review_file), rx.confusing_accounts(tmp_path / "health.csv"))
    table = result.report.tables[0]
    assert table.kind == "accounts"
    mapping = table.mapping
    assert mapping["company_name"] == "account"
    assert mapping["arr_amount"] == "arr"
    for column in ("health_notes", "channel", "subscription_id", "Count", "Latitude", "Contract"):
        assert mapping[column] is None, column
    assert table.values_count == 0  # no sentence was read as a health
    assert "mrr_amount → mrr" in table.evidence
    assert sorted(a.arr for a in result.review.book.accounts) == [30000, 72000, 125000]


def test_mrr_times_twelve_only_without_arr_and_said(tmp_path, review_file):
    result = _import(_empty_review(review_file), rx.mrr_only(tmp_path / "book.csv"))
    assert sorted(a.arr for a in result.review.book.accounts) == [3006.0, 12000.0]
    assert any("× 12" in n for n in result.report.tables[0].notes)


@pytest.mark.parametrize(
    ("builder", "words"),
    [
        (rx.nps_without_date, ("nps", "date", "--as")),
        (rx.feature_usage_by_subscription, ("account", "'subscription_id'", "--as")),
        (rx.no_account_column, ("--as",)),
    ],
)
def test_files_that_are_not_sure_are_refused_and_the_review_unchanged(
    tmp_path, review_file, capsys, builder, words
):
    assert main(["import", str(review_file), str(rx.c360_accounts(tmp_path / "a.csv"))]) == 0
    before = review_file.read_bytes()
    source = builder(tmp_path / "export.csv")
    capsys.readouterr()
    assert main(["import", str(review_file), str(source)]) == 2
    err = capsys.readouterr().err
    assert "export.csv" in err
    for word in words:
        assert word in err, (word, err)
    assert "Traceback" not in err
    assert review_file.read_bytes() == before


def test_refusal_json_says_what_was_guessed(tmp_path, review_file, capsys):
    import json

    source = rx.nps_without_date(tmp_path / "export.csv")
    main(["import", str(review_file), str(rx.c360_accounts(tmp_path / "a.csv"))])
    capsys.readouterr()
    assert main(["import", str(review_file), str(source), "--json"]) == 2
    details = json.loads(capsys.readouterr().out)
    assert details["refused"]
    assert details["tables"][0]["kind"] == "accounts"
    assert details["tables"][0]["kind_doubts"]
    assert details["tables"][0]["mapping"]["columns"]["account_id"] == "account_id"


def test_a_doubtful_guess_imports_when_confirmed_or_given(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    source = rx.nps_without_date(tmp_path / "export.csv")
    with pytest.raises(ImportRefused) as refused:
        _import(review, source)
    guessed = refused.value.details["tables"][0]["kind"]
    with pytest.raises(UserError, match="date"):
        _import(review, source, as_kind="nps")
    confirmed = _import(review, source, confirmed=True)
    assert confirmed.report.tables[0].kind == guessed


_NON_ACCOUNT_TABLES = {
    "usage": (["Account", "Month", "Active Users"], ["2026-10-01", 5]),
    "tickets": (["Account", "Ticket ID", "Created", "Priority"], ["T-1", "2026-10-01", "P2"]),
    "nps": (["Account", "Response Date", "Score"], ["2026-10-01", 9]),
    "contacts": (["Account", "Contact Name", "Title"], ["Ana Ruiz", "CIO"]),
    "opportunities": (["Account", "Opportunity Name", "Stage"], ["Renewal", "Open"]),
}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(_NON_ACCOUNT_TABLES)),
    names=st.lists(
        st.sampled_from(["Jensen-Marshall", "Smith LLC", "Someone New", "Green-Ayala", ""]),
        min_size=1,
        max_size=6,
    ),
    as_given=st.booleans(),
)
def test_a_non_account_file_never_removes_an_account(tmp_path, review_file, kind, names, as_given):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    header, tail = _NON_ACCOUNT_TABLES[kind]
    source = rx.write_csv(tmp_path / f"{kind}.csv", header, [[n, *tail] for n in names])
    try:
        result = _import(review, source, as_kind=kind if as_given else None)
    except UserError:
        return  # refused: nothing changed
    ids = {a.id for a in result.review.book.accounts}
    assert {a.id for a in review.book.accounts} <= ids
    assert not result.changes.accounts_gone


def test_a_name_never_joins_an_account_with_another_id(tmp_path, review_file):
    accounts = rx.c360_accounts(tmp_path / "crm_accounts.csv")
    contacts = rx.write_csv(
        tmp_path / "contacts.csv",
        ["contact_id", "account_id", "account_name", "name", "email", "role"],
        [
            ["USER1", "ACCT0004", "Smith LLC", "Ana Ruiz", "ana@example.com", "owner"],
            ["USER2", "ACCT0099", "Smith LLC", "Bo Li", "bo@example.com", "user"],
        ],
    )
    result = _import(_empty_review(review_file), accounts, contacts)
    people = {p.name: p.account_id for p in result.review.book.stakeholders}
    assert people["Ana Ruiz"] == "ACCT0004"
    assert people["Bo Li"] not in ("ACCT0002", "ACCT0004")


def test_the_wizard_preview_carries_the_doubt(tmp_path):
    from qbr_studio.ingest.sheet_preview import preview_source

    table = preview_source(rx.nps_without_date(tmp_path / "export.csv")).tables[0]
    assert table.doubts and "nps" in table.doubts[0]
    assert table.evidence.startswith(table.kind)


def test_only_a_confident_mapping_is_remembered_and_forget_reads_afresh(tmp_path, review_file):
    from qbr_studio.ingest.mapping_store import MappingStore

    review = _empty_review(review_file)
    sure = _import(review, rx.sf_account(tmp_path / "Account.csv"))
    assert any("remembered" in n and "not" not in n for n in sure.report.tables[0].notes)
    assert len(list(MappingStore().folder.glob("*.json"))) == 1
    unsure = rx.write_csv(
        tmp_path / "usage.csv", ["Customer Name", "When", "Active Users"],
        [["Acme", "2026-10-01", 3], ["Acme", "2026-11-01", 4]],
    )  # fmt: skip
    result = _import(review, unsure, as_kind="usage")
    assert any("not remembered" in n for n in result.report.tables[0].notes)
    assert len(list(MappingStore().folder.glob("*.json"))) == 1
    again = _import(review, rx.sf_account(tmp_path / "Account.csv"), forget=True)
    assert again.report.tables[0].kind_how == "guessed"
    assert any("forgotten" in n for n in again.report.notes)
    _import(review, rx.sf_account(tmp_path / "Account.csv"), remember=False, forget=True)
    assert not list(MappingStore().folder.glob("*.json"))


def _ids_as_names(tmp_path):
    rows = [[f"001Ec00000GGw{i:02d}hIAD", f"001Ec00000GGw{i:02d}hIAD", 0] for i in range(6)]
    return rx.write_csv(tmp_path / "accounts.csv", ["Account ID", "Account Name", "ARR"], rows)


def test_implausible_imports_are_refused_unless_accepted(tmp_path, review_file, capsys):
    source = _ids_as_names(tmp_path)
    before = review_file.read_bytes()
    capsys.readouterr()
    assert main(["import", str(review_file), str(source)]) == 2
    err = capsys.readouterr().err
    assert "look like ids" in err and "every ARR is zero" in err and "--accept-warnings" in err
    assert review_file.read_bytes() == before
    assert main(["import", str(review_file), str(source), "--accept-warnings"]) == 0
    out = capsys.readouterr().out
    assert "warning: 6 of 6 new account names look like ids" in out
    assert len(load_review(review_file).review.book.accounts) == 6
    assert main(["check", str(review_file)]) == 1
    out = capsys.readouterr().out
    assert "look like ids" in out and "ARR is zero" in out


def test_one_account_absorbing_a_file_and_future_dates_are_warned(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    rows = [["Jensen-Marshall", "2031-01-01", 5]] * 20 + [
        ["Smith LLC", "2031-02-01", 5],
        ["Green-Ayala", "2031-02-01", 5],
    ]
    source = rx.write_csv(tmp_path / "usage.csv", ["Account", "Month", "Active Users"], rows)
    with pytest.raises(ImportRefused) as refused:
        _import(review, source)
    text = str(refused.value)
    assert "one account has 20 of 22 rows" in text
    assert "every date is in the future" in text
    accepted = _import(review, source, accept_warnings=True)
    assert len(accepted.report.warnings) == 2


def _tickets(path, header, rows):
    return rx.write_csv(path, header, rows)


def test_imports_add_up_per_source(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    zendesk = ["Id", "Organization", "Subject", "Priority", "Created at", "Solved at"]
    csv_tickets = ["ticket_id", "account_id", "created_at", "resolved_at", "priority", "status"]
    first = _tickets(
        tmp_path / "zendesk.csv",
        zendesk,
        [[i, "Jensen-Marshall", "Login", "High", "2026-10-01", ""] for i in range(5)],
    )
    second = _tickets(
        tmp_path / "support_tickets.csv",
        csv_tickets,
        [[f"T{i}", "ACCT0004", "2026-10-02", "", "low", "open"] for i in range(3)],
    )
    both = _import(_import(review, first).review, second)
    assert len(both.review.book.tickets) == 8  # side by side
    assert any("other sources kept" in n for n in both.report.notes)
    again = _tickets(
        tmp_path / "zendesk.csv",
        zendesk,
        [[i, "Jensen-Marshall", "Login", "High", "2026-10-01", ""] for i in range(2)],
    )
    refreshed = _import(both.review, again)
    assert len(refreshed.review.book.tickets) == 5  # its own 5 rows became 2
    assert {s.file for s in refreshed.review.book.sources} == {
        "a.csv",
        "zendesk.csv",
        "support_tickets.csv",
    }


def test_an_accounts_file_never_prunes_another_sources_accounts(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    other = rx.mrr_only(tmp_path / "book.csv")
    result = _import(review, other, prune=True)
    names = {a.name for a in result.review.book.accounts}
    assert {"Jensen-Marshall", "Acme Corp", "Bluebird Labs"} <= names
    assert not result.changes.accounts_gone and not result.changes.accounts_prunable


def test_subscription_lines_are_aggregated_as_of_the_review(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.saas_accounts(tmp_path / "accounts.csv"))
    assert {a.name for a in review.review.book.accounts} == {"Company_0", "Company_1"}
    result = _import(review.review, rx.saas_subscriptions(tmp_path / "subscriptions.csv"))
    table = result.report.tables[0]
    assert table.kind == "accounts"
    assert table.mapping["arr_amount"] == "arr" and table.mapping["mrr_amount"] == "mrr"
    assert table.mapping["subscription_id"] is None
    by_id = {a.id: a for a in result.review.book.accounts}
    first, second = by_id["A-2b1f"], by_id["A-9c3d"]
    assert first.name == "Company_0"
    assert first.arr == 18000
    assert first.renewal_date.isoformat() == "2027-05-31"
    assert first.products == ["Pro", "Enterprise"]
    assert first.licensed_seats == 25
    assert first.customer_since.isoformat() == "2024-01-01"
    assert second.arr == 0
    assert any("trial" in n and "active on 2026-12-31" in n for n in table.notes)
    assert table.rows_skipped == 0


def test_a_team_book_is_filtered_to_the_reviews_csm(tmp_path, review_file):
    header = ["Account Name", "CSM", "ARR"]
    team = rx.write_csv(
        tmp_path / "team.csv",
        header,
        [["Acme Corp", "A B", 100], ["Bluebird Labs", "Cy Dee", 200], ["Cobalt", "a  b", 300]],
    )
    usage = rx.write_csv(
        tmp_path / "usage.csv",
        ["Account", "Month", "Active Users"],
        [["Acme Corp", "2026-10-01", 5], ["Bluebird Labs", "2026-10-01", 7]],
    )
    review = _empty_review(review_file)  # its CSM is "A B"
    mine = _import(review, team, usage)
    assert sorted(a.name for a in mine.review.book.accounts) == ["Acme Corp", "Cobalt"]
    assert [u.active_users for u in mine.review.book.usage] == [5]
    assert any("1 rows belong to other people in 'CSM'" in n for n in mine.report.tables[0].notes)
    everyone = _import(review, team, usage, all_owners=True)
    assert len(everyone.review.book.accounts) == 3
    assert len(everyone.review.book.usage) == 2


def test_the_report_stays_readable_at_any_size(tmp_path, review_file):
    review = _import(_empty_review(review_file), rx.c360_accounts(tmp_path / "a.csv")).review
    rows = [[f"T{i}", f"ACCT{9000 + i}", "2026-10-01", "low"] for i in range(3000)]
    rows += [[f"K{i}", "ACCT0001", "2026-10-02", "low"] for i in range(10)]
    source = rx.write_csv(
        tmp_path / "tickets.csv", ["ticket_id", "account_id", "created_at", "priority"], rows
    )
    result = _import(review, source, accept_warnings=True)
    text = result.report.to_text()
    assert max(map(len, text.splitlines())) <= 160
    assert len(text.splitlines()) < 40
    assert '3,000 × account id "…" matches no account' in text
    table = result.report.to_dict()["tables"][0]
    assert table["rows_skipped"] == 3000 and len(table["skipped"]) == 1000


def test_a_file_with_no_usable_row_says_how_it_was_read(tmp_path, review_file, capsys):
    import json

    source = rx.c360_usage_events(tmp_path / "usage_events.csv")  # ids the book doesn't have
    capsys.readouterr()
    assert main(["import", str(review_file), str(source), "--json"]) == 2
    captured = capsys.readouterr()
    assert "read as usage ('account_id' → account_id)" in captured.err
    assert "import the accounts export first" in captured.err
    details = json.loads(captured.out)
    assert details["tables"][0]["mapping"]["columns"]["user_id"] == "user_id"


def test_a_row_whose_account_id_says_n_a_is_reported_at_that_cell(tmp_path, review_file):
    first = _import(_empty_review(review_file), rx.sf_account(tmp_path / "Account.csv"))
    people = rx.write_csv(
        tmp_path / "people.csv",
        ["FirstName", "LastName", "AccountId", "Title", "Email"],
        [
            ["Ann", "Lee", rx.SF_ACCOUNTS[0][0], "CIO", "ann@example.com"],
            ["Bob", "Ray", "n/a", "CTO", "bob@example.com"],
            ["Cy", "Do", " -", "VP", "cy@example.com"],
        ],
    )
    table = _import(first.review, people).report.tables[0]
    assert table.skipped_counts == {"no account: AccountId blank": 2}
    assert [i.where for i in table.skipped] == ["people.csv: C3", "people.csv: C4"]
