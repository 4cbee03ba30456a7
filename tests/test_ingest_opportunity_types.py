"""An opportunity without a type is never silently a renewal (issue 8).

Salesforce writes ``Type`` blank unless the org fills the picklist, and values such as
"New Customer" are none of renewal, expansion or cross-sell. Such rows are classified only by
clear evidence (their name, stage or record type; the file or sheet name; an amount header
like "Renewal ARR"), or by what the user says (``--opportunity-type``); otherwise they are
left out, counted with their amount, and the CLI refuses with exit 2 unless told.
"""

from __future__ import annotations

import pytest
import real_export_fixtures as rx

from qbr_studio.cli import main
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.report import ImportRefused
from qbr_studio.model import OpportunityKind
from qbr_studio.storage import load_review

R, E, X = OpportunityKind.RENEWAL, OpportunityKind.EXPANSION, OpportunityKind.CROSS_SELL


@pytest.fixture
def review_file(tmp_path):
    return rx.review_with_accounts(tmp_path, rx.sf_account(tmp_path / "Account.csv"))


def sf_opportunities(path, rows):
    """A Salesforce Opportunity object export (API names, BOM) with (Name, Type, Amount) rows."""
    out = []
    for i, (name, kind, amount) in enumerate(rows):
        row = dict.fromkeys(rx.SF_OPPORTUNITY_HEADER, "")
        row.update(
            Id=f"006Ec00000AieK{i:02d}IAZ",
            AccountId=rx.SF_ACCOUNTS[i % len(rx.SF_ACCOUNTS)][0],
            Name=name,
            StageName="Qualification",
            Amount=f"{amount}.00",
            CloseDate="2026-11-10",
            Type=kind,
            ForecastCategory="Pipeline",
            ForecastCategoryName="Pipeline",
            OwnerId="005Ec000004oBPNIA2",
            External_id__c=f"ext_opportunity_{i}",
        )
        out.append(list(row.values()))
    return rx.write_csv(path, rx.SF_OPPORTUNITY_HEADER, out, bom=True)


MIXED = [
    ("Walker Henson and Compton - Platform - 2026", "Renewal", 100),
    ("Patterson-Hansen - Renewal - November 2026", "", 200),
    ("Good PLC - Upsell 40 seats", "", 300),
    ("Ryan-Avila - Merchant Services - November 2026", "New Customer", 4000),
    ("Seattle Systems - Platform - 2026", "", 50000),  # "Seat" in a name is no expansion
    ("Patterson-Hansen - Renewal + upsell", "", 600000),  # two kinds named: not clear
    ("Good PLC - Add-on analytics", "Existing Customer - Upgrade", 70),
]


def _kinds(review):
    return {o.name: o.kind for o in review.book.opportunities}


def test_a_salesforce_export_with_every_type_blank_is_refused_naming_the_choice(
    tmp_path, review_file, capsys
):
    rows = [(f"{n} - Merchant Services - November 2026", "", 1000) for _, n, *_ in rx.SF_ACCOUNTS]
    source = sf_opportunities(tmp_path / "Opportunity.csv", rows)
    before = review_file.read_bytes()
    for extra in ([], ["--accept-warnings"]):
        code = main(["import", str(review_file), str(source), "--no-remember", *extra])
        assert code == 2
        err = capsys.readouterr().err
        assert "4 × no Type: not a renewal, expansion or cross-sell" in err
        assert "those without a type amount to USD 4,000" in err
        assert "--opportunity-type renewal, expansion or cross-sell" in err
        assert review_file.read_bytes() == before
    code = main(["import", str(review_file), str(source), "--opportunity-type", "Renewal"])
    assert code == 0
    assert "4 opportunities without a type counted as renewals, as the import was told" in (
        capsys.readouterr().out
    )
    assert set(_kinds(load_review(review_file).review).values()) == {R}


def test_untyped_opportunities_are_typed_by_clear_words_or_left_out_with_their_amount(
    tmp_path, review_file, capsys
):
    source = sf_opportunities(tmp_path / "Opportunity.csv", MIXED)
    before = review_file.read_bytes()
    assert main(["import", str(review_file), str(source), "--no-remember"]) == 2
    err = capsys.readouterr().err
    assert (
        "Opportunity.csv: 2 opportunities (USD 650,000) have no type ('Type' blank or not "
        "renewal, expansion or cross-sell; their names and stages don't say): left out, not "
        "counted as renewals"
    ) in err
    assert "or add --accept-warnings to import without them" in err
    assert review_file.read_bytes() == before

    review = load_review(review_file).review
    result = import_sources(review, [source], accept_warnings=True, remember=False)
    assert _kinds(result.review) == {
        MIXED[0][0]: R,
        MIXED[1][0]: R,
        MIXED[2][0]: E,
        MIXED[6][0]: E,
    }
    table = result.report.tables[0]
    assert table.skipped_counts == {
        "no Type: not a renewal, expansion or cross-sell": 2,
        "Type says a new customer's deal (new business), not the book's renewal or growth": 1,
    }
    assert (
        "1 new-business opportunity (USD 4,000) left out: a new customer's deal is not a "
        "renewal, expansion or cross-sell of the book"
    ) in table.notes
    assert not table.values, "a new customer's deal is understood, not an unreadable value"
    assert "1 opportunity without a type counted as renewals: their name, stage or record " in (
        "\n".join(table.notes)
    )

    told = import_sources(review, [source], opportunity_type="cross-sell", remember=False)
    # Told what the untyped ones are; the new customer's deal has a type and stays out.
    kinds = _kinds(told.review)
    assert [kinds.get(name) for name, _, _ in MIXED] == [R, R, E, None, X, X, E]
    assert not told.report.warnings


@pytest.mark.parametrize(
    ("file_name", "header", "kind", "why"),
    [
        ("Renewals Q4.csv", ["Account Name", "Opportunity Name", "Amount"], R, "the file is named"),
        ("pipeline.csv", ["Account Name", "Opportunity Name", "Renewal ARR"], R, "its column"),
        ("upsell_pipeline.csv", ["Account Name", "Opportunity Name", "Amount"], E, "the file"),
        (
            "opps.csv",
            ["Account Name", "Opportunity Name", "Amount", "Opportunity Record Type"],
            R,
            "record type",
        ),
    ],
)
def test_a_table_without_types_takes_the_kind_its_names_say(
    tmp_path, review_file, file_name, header, kind, why
):
    rows = [["Good PLC", "FY27 platform", 1000], ["Ryan-Avila", "FY27 platform", 2000]]
    if "Opportunity Record Type" in header:
        rows = [[*r, "Renewal"] for r in rows]
    source = rx.write_csv(tmp_path / file_name, header, rows)
    result = import_sources(load_review(review_file).review, [source], remember=False)
    assert set(_kinds(result.review).values()) == {kind}
    assert len(result.review.book.opportunities) == 2
    assert why in "\n".join(result.report.tables[0].notes)
    assert not result.report.warnings


def test_as_renewals_says_what_untyped_opportunities_are(tmp_path, review_file):
    source = rx.write_csv(
        tmp_path / "book.csv",
        ["Account Name", "Opportunity Name", "Amount"],
        [["Good PLC", "FY27 platform", 1000]],
    )
    review = load_review(review_file).review
    refused = r"1 × no Type: .*; those without a type amount to USD 1,000"
    with pytest.raises(ImportRefused, match=refused):
        import_sources(review, [source], as_kind="opportunities", remember=False)
    result = import_sources(review, [source], as_kind="renewals", remember=False)
    assert set(_kinds(result.review).values()) == {R}


def test_the_import_wizard_can_say_what_untyped_opportunities_are(tmp_path, review_file):
    from qbr_studio.ingest.session import ImportSession

    rows = [("Good PLC - Renewal 2026", "", 500), ("Ryan-Avila - Platform - 2026", "", 1000)]
    source = sf_opportunities(tmp_path / "Opportunity.csv", rows)
    session = ImportSession([source], load_review(review_file).review)
    left_out = session.importer()()  # confirmed: imported, the one left out in the warnings
    assert _kinds(left_out.review) == {rows[0][0]: R}
    assert any("1 opportunity (USD 1,000) has no type" in w for w in left_out.report.warnings)
    session.opportunity_type = "expansion"
    told = session.importer()()
    assert _kinds(told.review) == {rows[0][0]: R, rows[1][0]: E}


def test_salesforce_picklist_types_of_several_words_are_the_type_not_free_text(
    tmp_path, review_file
):
    """ "Existing Customer - Upgrade" is a picklist value, not a sentence: Type keeps the
    kind, and ForecastCategory (a "category") never takes it."""
    rows = [
        (f"Deal {i}", ("Existing Customer - Upgrade", "Existing Customer - Renewal")[i % 2], 100)
        for i in range(12)
    ]
    source = sf_opportunities(tmp_path / "Opportunity.csv", rows)
    result = import_sources(load_review(review_file).review, [source], remember=False)
    (table,) = result.report.tables
    assert table.mapping["Type"] == "kind" and table.mapping["ForecastCategory"] != "kind"
    assert sorted(_kinds(result.review).values()) == sorted([E, R] * 6)


HUBSPOT_DEALS = [
    "Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Pipeline",
    "Deal Type", "Create Date", "Associated Company", "Associated Company IDs",
]  # fmt: skip


def hubspot_deals(path, rows):
    """A HubSpot deals export; rows are (deal name, Deal Type, amount, account index)."""
    out = [
        [
            str(9001 + i),
            name,
            "Contract sent",
            "2027-03-31 00:00",
            "A B",
            amount,
            "Sales Pipeline",
            kind,
            "2026-10-01 10:22",
            rx.SF_ACCOUNTS[account][1] + " Inc.",
            rx.SF_ACCOUNTS[account][0],
        ]
        for i, (name, kind, amount, account) in enumerate(rows)
    ]
    return rx.write_csv(path, HUBSPOT_DEALS, out)


@pytest.mark.parametrize("new", ["newbusiness", "New Business", "New Customer", "New Logo"])
def test_a_new_customers_deal_is_left_out_and_said_without_a_refusal(tmp_path, review_file, new):
    rows = [("Q1 renewal", "existingbusiness", 1000, 0), ("Second site", new, 5000, 1)]
    source = hubspot_deals(tmp_path / "deals.csv", rows)
    review = load_review(review_file).review
    result = import_sources(review, [source], remember=False)  # no warning, no refusal
    assert _kinds(result.review) == {"Q1 renewal": R}
    table = result.report.tables[0]
    assert any(n.startswith("1 new-business opportunity (USD 5,000) left out") for n in table.notes)
    assert not result.report.warnings


def test_existing_business_alone_is_not_taken_for_expansion(tmp_path, review_file):
    """HubSpot's "Existing Business" holds renewals and upsells alike: the name decides, else
    the deal is untyped and the import asks."""
    rows = [
        ("Walker renewal FY27", "Existing Business", 1000, 0),
        ("Good PLC seats", "Existing Business", 2000, 2),
        ("Patterson", "Existing Business", 3000, 1),
    ]
    source = hubspot_deals(tmp_path / "deals.csv", rows)
    review = load_review(review_file).review
    with pytest.raises(ImportRefused, match=r"2 opportunities \(USD 5,000\) have no type"):
        import_sources(review, [source], remember=False)
    told = import_sources(review, [source], remember=False, opportunity_type="renewal")
    assert _kinds(told.review) == {n: R for n, *_ in rows}


def test_deals_join_their_accounts_by_associated_company_ids(tmp_path, review_file):
    source = hubspot_deals(tmp_path / "deals.csv", [("Renewal FY27", "existingbusiness", 9, 3)])
    review = load_review(review_file).review
    result = import_sources(review, [source], remember=False)
    table = result.report.tables[0]
    assert table.columns["account_id"] == "'Associated Company IDs' (column K)"
    ryan = next(a for a in result.review.book.accounts if a.name == "Ryan-Avila")
    assert [o.account_id for o in result.review.book.opportunities] == [ryan.id]
    assert [j.how for j in result.report.joins] == ["account id"]


def test_header_signatures_are_those_of_earlier_versions():
    """Remembered mappings and every imported row's source are keyed by the header row's
    signature: reading "IDs" better for matching must not change it (a re-import would keep
    the old rows beside the new ones)."""
    from qbr_studio.ingest.mapping_store import signature

    assert signature(HUBSPOT_DEALS) == "f18f5804ad4e254fb57f"  # as earlier versions wrote it
    assert signature(["Account", "ARR"]) == "83116ea5d4805a375672"


def test_a_hubspot_export_of_mostly_existing_business_is_not_taken_for_a_wrong_column(
    tmp_path, review_file
):
    """Eight "existingbusiness" deals: the Type column is read, not "mostly unreadable" (a
    plausibility refusal that would blame the mapping); their names decide, else the user."""
    rows = [(f"Renewal FY27 #{i}", "existingbusiness", 1000 + i, i % 4) for i in range(6)]
    rows += [("Site licence", "existingbusiness", 500, 1), ("Pilot", "newbusiness", 700, 2)]
    source = hubspot_deals(tmp_path / "deals.csv", rows)
    review = load_review(review_file).review
    with pytest.raises(ImportRefused) as refused:
        import_sources(review, [source], remember=False)
    assert "can't be read" not in str(refused.value)
    assert "1 opportunity (USD 500) has no type" in str(refused.value)
    told = import_sources(review, [source], remember=False, opportunity_type="expansion")
    table = told.report.tables[0]
    assert sorted(_kinds(told.review).values()) == [E] + [R] * 6
    assert not table.values and not told.report.warnings
    assert table.skipped_counts == {
        "Deal Type says a new customer's deal (new business), not the book's renewal or growth": 1
    }
