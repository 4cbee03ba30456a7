"""What the import session asks before an import, without Qt (issue 8): what opportunities
without a type are, which features are key, and the file that links ids to accounts."""

from __future__ import annotations

import datetime as dt

import pytest
import wizard_fixtures as wf

from qbr_studio.errors import Remedy, UserError
from qbr_studio.ingest.session import ImportSession, load_links, read_sources
from qbr_studio.model import OpportunityKind


def _read(session: ImportSession, *paths) -> None:
    batch = list(paths) or session.paths
    loaded, unusable = load_links(session.links)
    results = {**unusable, **read_sources(batch, session.mappings_for(batch), loaded, "USD")}
    session.take(results)


def test_opportunities_without_a_type_are_counted_and_left_out_unless_told(tmp_path):
    _, review = wf.sf_review(tmp_path)
    source = wf.sf_opportunity_untyped(tmp_path / "Opportunity.csv")
    session = ImportSession([source], review)
    _read(session)
    (key,) = session.keys()
    table = session.table(key)
    assert (table.kind, table.untyped, table.untyped_amount) == (
        "opportunities",
        2,
        wf.UNTYPED_AMOUNT,
    )
    assert session.untyped_tables() == [key]
    assert session.opportunity_type is None  # the default: left out, and said
    assert (
        session.untyped_outcome(key) == f"2 opportunities ({wf.UNTYPED_AMOUNT}) will be left out."
    )
    left_out = session.importer()()
    assert len(left_out.review.book.opportunities) == 2
    warning = next(w for w in left_out.report.warnings if "have no type" in w)
    assert f"2 opportunities ({wf.UNTYPED_AMOUNT})" in warning

    session.set_opportunity_type("cross-sell")
    assert session.untyped_outcome(key).endswith("will be imported as cross sells.")
    told = session.importer()()
    kinds = sorted(o.kind.value for o in told.review.book.opportunities)
    assert kinds.count(OpportunityKind.CROSS_SELL.value) == 2 and len(kinds) == 4
    assert any(
        "counted as cross-sells, as the import was told" in n
        for t in told.report.tables
        for n in t.notes
    )
    with pytest.raises(ValueError):
        session.set_opportunity_type("upsell")


def _event_log(tmp_path):
    source = wf.c360_events_with_features(tmp_path / "usage_events.csv")
    session = ImportSession([source], wf.c360_review(tmp_path))
    _read(session)
    (key,) = session.keys()
    return session, key


def test_a_table_whose_types_are_all_known_asks_nothing(tmp_path):
    session, key = _event_log(tmp_path)
    assert session.table(key).untyped == 0 and session.table(key).untyped_amount == ""
    assert session.untyped_tables() == [] and session.untyped_outcome(key) == ""


def test_an_event_logs_features_are_listed_and_the_key_ones_go_to_the_import(tmp_path):
    session, key = _event_log(tmp_path)
    table = session.table(key)
    assert table.features == list(wf.FEATURES.items())  # most used first, as written
    assert session.key_feature_outcome(key) == (
        "None checked: every one of the 4 features counts as a key feature."
    )
    every = session.importer()()
    october = dt.date(2026, 10, 1)
    by_all = {u.account_id: u.feature_uses for u in every.review.book.usage if u.month == october}
    assert by_all == {"ACCT0001": 7, "ACCT0004": 4}

    session.set_key_features(["feat_b", " api_call ", ""])
    assert session.key_features == ("feat_b", "api_call")
    assert session.is_key_feature("Feat_B") and not session.is_key_feature("login")
    assert session.key_feature_outcome(key) == "2 of 4 features count as key features."
    chosen = session.importer()()
    by_key = {u.account_id: u.feature_uses for u in chosen.review.book.usage if u.month == october}
    assert by_key == {"ACCT0001": 2, "ACCT0004": 1}  # api_call ×2 (one each), Feat_B ×1


def test_usage_keyed_by_subscription_asks_for_the_file_that_links_it(tmp_path):
    review = wf.c360_review(tmp_path)
    source = wf.usage_by_subscription(tmp_path / "usage.csv")
    session = ImportSession([source], review)
    _read(session)
    assert session.needs_link == {source}
    problem = session.problem((source, ""))
    assert "keyed by 'subscription_id', not by an account" in problem
    assert "--link" not in problem  # the command line's words are the CLI's to add
    assert session.errors[source].hint.remedy is Remedy.LINK_IDS
    assert session.blockers() == [
        "usage.csv: its ids need a file that maps them to accounts (add one, or remove the file)"
    ]

    wrong = wf.plans_without_accounts(tmp_path / "plans.csv")
    assert session.add_link(wrong) == [source]
    _read(session, source)
    assert session.links == [] and list(session.link_errors) == [wrong]
    assert "plans.csv: can't link rows to accounts with it" in session.link_errors[wrong]
    assert session.needs_link == {source}

    other = wf.users_map(tmp_path / "users.csv")
    _read(session, *session.add_link(other))
    assert session.links == [other] and session.needs_link == {source}
    assert session.link_outcome(source).startswith("users.csv can't link it")

    session.remove_link(other)
    good = wf.subscriptions(tmp_path / "subscriptions.csv")
    _read(session, *session.add_link(good))
    assert wrong in session.link_errors and good not in session.link_errors
    assert session.needs_link == set() and session.blockers() == []
    assert session.link_outcome(source) == ""
    (key,) = session.keys()
    assert any("linked to accounts by subscriptions.csv" in n for n in session.table(key).notes)
    result = session.importer()()
    got = {(u.account_id, u.active_users) for u in result.review.book.usage}
    assert got == {("ACCT0001", 30), ("ACCT0002", 8), ("ACCT0004", 70)}
    _read(session, *session.remove_link(good))  # taken back: refused again, nothing shown
    assert session.needs_link == {source} and session.keys() == [(source, "")]


def test_a_wrong_link_given_to_the_import_gets_the_imports_own_message(tmp_path):
    review = wf.c360_review(tmp_path)
    source = wf.usage_by_subscription(tmp_path / "usage.csv")
    session = ImportSession([source], review)
    session.links = [wf.plans_without_accounts(tmp_path / "plans.csv")]
    with pytest.raises(UserError, match=r"plans\.csv: can't link rows to accounts with it"):
        session.importer()()


def test_opportunities_none_of_which_has_a_type_block_until_said(tmp_path):
    """Leaving every one out would import nothing: the session says so before the import."""
    import real_export_fixtures as rx

    _, review = wf.sf_review(tmp_path)
    source = rx.sf_opportunity(tmp_path / "Opportunity.csv")  # every Type blank
    session = ImportSession([source], review)
    _read(session)
    (key,) = session.keys()
    assert session.table(key).untyped == 4
    assert session.blockers() == [
        "Opportunity.csv: none of its opportunities has a type; say what they are, or remove "
        "the file"
    ]
    assert session.untyped_outcome(key).startswith(
        "Left out, the 4 opportunities (USD 406,001) would leave nothing of this table"
    )
    session.set_opportunity_type("renewal")
    assert session.blockers() == []
    result = session.importer()()
    assert {o.kind for o in result.review.book.opportunities} == {OpportunityKind.RENEWAL}


def test_deals_left_out_as_new_business_are_not_counted_as_importable(tmp_path):
    """Two new customers' deals and two that say only "existing business": left out, the
    untyped two would leave nothing, so the session asks before the import refuses."""
    import real_export_fixtures as rx

    _, review = wf.sf_review(tmp_path)
    header = ["Deal Name", "Deal Type", "Amount", "Close Date", "Associated Company"]
    name = rx.SF_ACCOUNTS[0][1]
    rows = [
        ["Pilot A", "newbusiness", 100, "2027-01-10", name],
        ["Pilot B", "New Business", 200, "2027-01-11", name],
        ["Site one", "existingbusiness", 300, "2027-01-12", name],
        ["Site two", "existingbusiness", 400, "2027-01-13", name],
    ]
    source = rx.write_csv(tmp_path / "deals.csv", header, rows)
    session = ImportSession([source], review)
    _read(session)
    (key,) = session.keys()
    table = session.table(key)
    assert (table.untyped, table.left_out) == (2, 2)
    assert session.untyped_outcome(key).startswith("Left out, the 2 opportunities (USD 700)")
    column = next(c for c in table.columns if c.header == "Deal Type")
    assert column.parsed[:3] == [
        "left out: a new customer's deal (new business), not the book's renewal or growth",
        "left out: a new customer's deal (new business), not the book's renewal or growth",
        "says only existing business",
    ]
