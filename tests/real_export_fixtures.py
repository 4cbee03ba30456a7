"""CSV exports written the way the real tools write them: their header rows, ids and quirks.

Header rows are the tools' own (Salesforce object exports use API names and a UTF-8 BOM,
Dynamics 365 writes display names, HubSpot its property labels, Zendesk/Jira/Freshdesk their
export columns); the rows are invented but shaped like the real ones (18-character Salesforce
ids, blank lookups, names that repeat under different ids, many rows per account).
"""

from __future__ import annotations

import csv
from pathlib import Path


def _columns(header_line: str) -> list[str]:
    """A header row as the tool writes it, comma-separated."""
    return header_line.split(",")


SF_ACCOUNT_HEADER = _columns(
    "Id,IsDeleted,MasterRecordId,Name,Type,ParentId,BillingStreet,BillingCity,BillingState,"
    "BillingPostalCode,BillingCountry,BillingLatitude,BillingLongitude,Phone,Website,Industry,"
    "AnnualRevenue,NumberOfEmployees,Description,OwnerId,CreatedDate,CreatedById,"
    "LastModifiedDate,JigsawCompanyId,AccountSource,External_id__c"
)

SF_ACCOUNTS = [
    ("001Ec00000GGw3hIAD", "Walker Henson and Compton", "Finance", 6759560, "United States"),
    ("001Ec00000GGw3iIAD", "Patterson-Hansen", "Retail", 2150000, "Canada"),
    ("001Ec00000GGw3jIAD", "Good PLC", "Healthcare", 980000, "United States"),
    ("001Ec00000GGw3kIAD", "Ryan-Avila", "Technology", 15000000, "Germany"),
]


def write_csv(path: Path, header: list[str], rows: list[list], bom: bool = False) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig" if bom else "utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def sf_account(path: Path) -> Path:
    rows = []
    for i, (sid, name, industry, revenue, country) in enumerate(SF_ACCOUNTS):
        row = dict.fromkeys(SF_ACCOUNT_HEADER, "")
        row.update(
            Id=sid,
            Name=name,
            Type="Customer - Direct",
            BillingCity="Springfield",
            BillingPostalCode=f"{74929 + i}",
            BillingCountry=country,
            BillingLatitude="44.05",
            BillingLongitude="-123.08",
            Phone="3456588094",
            Industry=industry,
            AnnualRevenue=str(revenue),
            NumberOfEmployees=str(100 + i),
            Description="Long-time customer with several business units across regions",
            OwnerId="005Ec000004oBPNIA2",
            CreatedDate="2024-01-22T14:49:34.000+0000",
            CreatedById="005Ec000004oBPNIA2",
            LastModifiedDate="2024-01-22T15:17:54.000+0000",
            JigsawCompanyId=f"JC{i}",
            AccountSource="Web",
            External_id__c=f"ext_account_{i}",
        )
        rows.append(list(row.values()))
    return write_csv(path, SF_ACCOUNT_HEADER, rows, bom=True)


SF_OPPORTUNITY_HEADER = _columns(
    "Id,IsDeleted,AccountId,Name,Description,StageName,Amount,Probability,CloseDate,Type,"
    "NextStep,LeadSource,IsClosed,IsWon,ForecastCategory,ForecastCategoryName,OwnerId,"
    "CreatedDate,FiscalQuarter,FiscalYear,External_id__c,Product__c"
)


def sf_opportunity(path: Path) -> Path:
    rows = []
    stages = ["Qualification", "Negotiation/Review", "Closed Won", "Prospecting"]
    for i, (sid, name, *_rest) in enumerate(SF_ACCOUNTS):
        row = dict.fromkeys(SF_OPPORTUNITY_HEADER, "")
        row.update(
            Id=f"006Ec00000AieK{i}IAZ",
            AccountId=sid,
            Name=f"{name} - Merchant Services - November 2026",
            StageName=stages[i],
            Amount=f"{100000 + i * 1000}.15",
            Probability="10",
            CloseDate="2026-11-10",
            ForecastCategory="Pipeline",
            ForecastCategoryName="Pipeline",
            OwnerId="005Ec000004oBPNIA2",
            CreatedDate="2024-01-22T16:14:25.000+0000",
            FiscalQuarter="4",
            FiscalYear="2026",
            External_id__c=f"ext_opportunity_{i}",
            Product__c="Merchant Services",
        )
        rows.append(list(row.values()))
    return write_csv(path, SF_OPPORTUNITY_HEADER, rows, bom=True)


SF_CONTACT_HEADER = _columns(
    "Id,IsDeleted,MasterRecordId,AccountId,LastName,FirstName,Salutation,Name,MailingStreet,"
    "MailingCity,MailingPostalCode,MailingLatitude,MailingLongitude,Phone,Email,Title,"
    "Department,Birthdate,OwnerId,CreatedDate"
)


def sf_contact(path: Path) -> Path:
    """Contacts where most rows have no AccountId (a real demo org's shape)."""
    people = [
        ("001Ec00000GGw3hIAD", "Brock", "Ashley", "CFO"),
        ("", "Ryan", "Patricia", ""),
        ("", "Castro", "John", ""),
        ("001Ec00000GGw3iIAD", "Myers", "Dana", "VP Operations"),
        ("", "Lee", "Kim", ""),
        ("", "Diaz", "Ron", ""),
    ]
    rows = []
    for i, (account, last, first, title) in enumerate(people):
        row = dict.fromkeys(SF_CONTACT_HEADER, "")
        row.update(
            Id=f"003Ec00000CyOT{i}IAN",
            AccountId=account,
            LastName=last,
            FirstName=first,
            Salutation="Mrs.",
            Name=f"{first} {last}",
            MailingCity="Anthonyton",
            MailingPostalCode="43892",
            Phone="5987002803",
            Email=f"{first.lower()}.{last.lower()}@example.com",
            Title=title,
            Birthdate="1982-10-01",
            OwnerId="005Ec000004oBPNIA2",
            CreatedDate="2024-01-23T02:21:49.000+0000",
        )
        rows.append(list(row.values()))
    return write_csv(path, SF_CONTACT_HEADER, rows, bom=True)


DYNAMICS_OPPORTUNITY_HEADER = [
    "Topic",
    "Potential Customer",
    "Customer Need",
    "Est. Revenue",
    "Est. Close Date",
    "Status",
    "Probability",
    "Rating",
    "Owner",
]


def dynamics_opportunity(path: Path) -> Path:
    rows = [
        ["Renewal FY27", "Contoso Ltd", "Must have", "120000", "2027-03-31", "Open", "80",
         "Hot", "Dana Lee"],
        ["Workflow add-on", "Fabrikam Inc", "Should have", "30000", "2027-01-15", "Open", "40",
         "Warm", "Dana Lee"],
    ]  # fmt: skip
    return write_csv(path, DYNAMICS_OPPORTUNITY_HEADER, rows)


def c360_accounts(path: Path) -> Path:
    """A CS dataset's accounts: snake_case, and two customers sharing a name with another."""
    rows = [
        ["ACCT0001", "Jensen-Marshall", "SaaS", "EMEA", "10000", "enterprise", "2023-03-21"],
        ["ACCT0002", "Smith LLC", "Healthcare", "EMEA", "25000", "starter", "2024-03-09"],
        ["ACCT0003", "Green-Ayala", "Retail", "AMER", "40000", "growth", "2023-07-01"],
        ["ACCT0004", "Smith LLC", "Finance", "APAC", "90000", "enterprise", "2022-01-15"],
        ["ACCT0005", "Contreras LLC", "SaaS", "AMER", "15000", "starter", "2024-05-30"],
    ]
    header = ["account_id", "account_name", "industry", "region", "arr", "plan", "created_at"]
    return write_csv(path, header, rows)


def c360_usage_events(path: Path) -> Path:
    """One row per user event: months become the count of distinct users."""
    rows = []
    events = [
        ("ACCT0001", "USER1", "2026-10-03T04:08:57.834381"),
        ("ACCT0001", "USER1", "2026-10-05T09:00:00.000000"),
        ("ACCT0001", "USER2", "2026-10-20T12:51:57.834381"),
        ("ACCT0001", "USER2", "2026-11-02T12:51:57.834381"),
        ("ACCT0004", "USER9", "2026-10-11T01:00:00.000000"),
    ]
    for i, (account, user, when) in enumerate(events):
        rows.append([f"EVT{i:06d}", account, user, "feat_A", when])
    header = ["event_id", "account_id", "user_id", "event_type", "event_time"]
    return write_csv(path, header, rows)


def nps_without_date(path: Path) -> Path:
    rows = [
        [f"NPS{i:05d}", account, score, comment]
        for i, (account, score, comment) in enumerate(
            [
                ("ACCT0001", 9, "Great support team"),
                ("ACCT0002", 3, "Too slow"),
                ("ACCT0003", 7, "Fine"),
                ("ACCT0004", 10, "Love it"),
            ]
        )
    ]
    return write_csv(path, ["survey_id", "account_id", "score", "comment"], rows)


def feature_usage_by_subscription(path: Path) -> Path:
    """A SaaS dataset's feature-usage log: keyed by subscription, no account column."""
    header = [
        "usage_id", "subscription_id", "usage_date", "feature_name", "usage_count",
        "usage_duration_secs", "error_count", "is_beta_feature",
    ]  # fmt: skip
    rows = [
        [f"U-{i}", f"S-{i % 3}", f"2026-10-{i + 1:02d}", "feature_7", i % 9, 300 + i, 0, "False"]
        for i in range(12)
    ]
    return write_csv(path, header, rows)


def no_account_column(path: Path) -> Path:
    header = ["category", "channel", "count", "Latitude", "Contract", "created"]
    rows = [
        ["Billing", "Chat", 4, 44.05, "Annual", "2026-10-01"],
        ["Login", "Phone", 2, 45.1, "Monthly", "2026-10-02"],
        ["Outage", "Email", 9, 46.2, "Annual", "2026-10-03"],
    ]
    return write_csv(path, header, rows)


def confusing_accounts(path: Path) -> Path:
    """A CSM's sheet whose extra columns used to be mapped by their values or a near spelling."""
    header = [
        "company_name", "csm_name", "arr_amount", "mrr_amount", "renewal_date", "health_notes",
        "channel", "subscription_id", "Count", "Latitude", "Contract",
    ]  # fmt: skip
    rows = [
        ["Acme Corp", "Shereen Roche", 125000, 11000, "2026-09-30",
         "Strong product usage and positive executive alignment", "Chat", "S-1", 3, 44.1,
         "Annual"],
        ["Northstar Health", "Avery Chen", 72000, 6100, "2026-07-15",
         "Good usage but support volume increased this quarter", "Phone", "S-2", 5, 45.2,
         "Annual"],
        ["Bluebird Labs", "Avery Chen", 30000, 2600, "2027-01-31",
         "Adoption is slipping and exec sponsor has gone quiet", "Email", "S-3", 1, 46.3,
         "Monthly"],
    ]  # fmt: skip
    return write_csv(path, header, rows)


def mrr_only(path: Path) -> Path:
    rows = [["Acme Corp", 1000, "2027-01-31"], ["Bluebird Labs", 250.5, "2027-02-28"]]
    return write_csv(path, ["Account Name", "MRR", "Renewal Date"], rows)


SAAS_ACCOUNTS_HEADER = _columns(
    "account_id,account_name,industry,country,signup_date,referral_source,plan_tier,seats,"
    "is_trial,churn_flag"
)
SAAS_SUBSCRIPTIONS_HEADER = _columns(
    "subscription_id,account_id,start_date,end_date,plan_tier,seats,mrr_amount,arr_amount,"
    "is_trial,upgrade_flag,downgrade_flag,churn_flag,billing_frequency,auto_renew_flag"
)


def saas_accounts(path: Path) -> Path:
    rows = [
        ["A-2b1f", "Company_0", "FinTech", "US", "2024-10-16", "partner", "Pro", 20, "False",
         "False"],
        ["A-9c3d", "Company_1", "EdTech", "UK", "2024-03-02", "ads", "Basic", 5, "True",
         "False"],
    ]  # fmt: skip
    return write_csv(path, SAAS_ACCOUNTS_HEADER, rows)


def saas_subscriptions(path: Path) -> Path:
    """Many lines per account: active, ended, future, trial."""
    rows = [
        # active on 2026-12-31: 12,000 + 6,000; renewal = earliest upcoming end
        ["S-1", "A-2b1f", "2025-01-01", "", "Pro", 20, 1000, 12000, "False", "False", "False",
         "False", "monthly", "True"],
        ["S-2", "A-2b1f", "2026-06-01", "2027-05-31", "Enterprise", 5, 500, 6000, "False",
         "True", "False", "False", "annual", "True"],
        ["S-3", "A-2b1f", "2024-01-01", "2025-12-31", "Basic", 10, 100, 1200, "False",
         "False", "False", "True", "annual", "False"],  # ended
        ["S-4", "A-2b1f", "2026-12-01", "2027-02-28", "Pro", 2, 10, 120, "True", "False",
         "False", "False", "monthly", "False"],  # trial
        ["S-5", "A-9c3d", "2027-03-01", "", "Basic", 5, 50, 600, "False", "False", "False",
         "False", "monthly", "True"],  # not started yet
    ]  # fmt: skip
    return write_csv(path, SAAS_SUBSCRIPTIONS_HEADER, rows)


def review_with_accounts(folder: Path, accounts: Path) -> Path:
    """A new review (CSM "A B", 2026-Q4) in ``folder`` with ``accounts`` imported by the CLI."""
    from qbr_studio.cli import main

    path = folder / "mine.qbr"
    assert main(["new", "-o", str(path), "--csm", "A B", "--quarter", "2026-Q4"]) == 0
    assert main(["import", str(path), str(accounts), "--no-remember"]) == 0
    return path
