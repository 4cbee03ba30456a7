"""Each tool's own export header row is read as the right kind with the right key columns.

The header rows are the ones these tools write in their UI exports (Salesforce report labels,
Dynamics 365 display names, HubSpot property labels, the CS platforms' column wording, help
desks and survey tools); two invented data rows follow each.
"""

from __future__ import annotations

import pytest
import real_export_fixtures as rx

from qbr_studio.ingest import import_sources
from qbr_studio.model import Meta, Review

ACCT, OTHER = "Contoso Ltd", "Fabrikam Inc"

CASES = {
    "salesforce account report": (
        ["Account Name", "Account Owner", "Type", "Billing Country", "Industry",
         "Annual Revenue", "Last Activity"],
        [[ACCT, "Dana Lee", "Customer", "US", "Retail", 5e6, "2026-10-01"],
         [OTHER, "Dana Lee", "Customer", "DE", "Manufacturing", 2e6, "2026-09-01"]],
        "accounts",
        {"Account Name": "account", "Annual Revenue": None, "Billing Country": "region"},
    ),
    "salesforce opportunity report": (
        ["Opportunity Name", "Account Name", "Stage", "Amount", "Close Date",
         "Opportunity Owner", "Type", "Next Step", "Forecast Category"],
        [["Renewal", ACCT, "Negotiation", 120000, "2027-03-31", "Dana Lee", "Renewal",
          "Send quote", "Commit"],
         ["Upsell", OTHER, "Prospecting", 30000, "2027-01-15", "Dana Lee",
          "Existing Business", "", "Pipeline"]],
        "opportunities",
        {"Stage": "stage", "Forecast Category": None, "Account Name": "account"},
    ),
    "dynamics accounts": (
        ["Account Name", "Main Phone", "Address 1: City", "Primary Contact", "Account Number",
         "Industry", "Annual Revenue", "Owner"],
        [[ACCT, "555-0100", "Seattle", "Ana Ruiz", "AC-1", "Retail", 5e6, "Dana Lee"],
         [OTHER, "555-0101", "Berlin", "Bo Li", "AC-2", "Manufacturing", 2e6, "Dana Lee"]],
        "accounts",
        {"Account Name": "account", "Account Number": "account_id", "Main Phone": None,
         "Annual Revenue": None},
    ),
    "dynamics cases": (
        ["Case Title", "Case Number", "Priority", "Origin", "Customer", "Status Reason",
         "Created On"],
        [["Login fails", "CAS-01001", "High", "Email", ACCT, "In Progress", "2026-10-02"],
         ["Slow report", "CAS-01002", "Normal", "Phone", OTHER, "Resolved", "2026-10-05"]],
        "tickets",
        {"Customer": "account", "Case Number": "ticket_id", "Created On": "opened",
         "Case Title": "subject", "Origin": None},
    ),
    "hubspot companies": (
        ["Record ID", "Company name", "Company owner", "Create Date", "Phone Number",
         "Country/Region", "Industry", "Annual Revenue", "Lifecycle Stage"],
        [["1001", ACCT, "Dana Lee", "2024-01-01", "555", "United States", "Retail", 5e6,
          "Customer"],
         ["1002", OTHER, "Dana Lee", "2024-02-01", "556", "Germany", "Manufacturing", 2e6,
          "Customer"]],
        "accounts",
        {"Company name": "account", "Record ID": "account_id", "Annual Revenue": None,
         "Phone Number": None},
    ),
    "hubspot deals": (
        ["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount",
         "Associated Company", "Pipeline", "Deal Type"],
        [["9001", "Renewal FY27", "Contract sent", "2027-03-31", "Dana Lee", 120000, ACCT,
          "Sales Pipeline", "existingbusiness"],
         ["9002", "Add-on", "Appointment scheduled", "2027-01-15", "Dana Lee", 30000, OTHER,
          "Sales Pipeline", "newbusiness"]],
        "opportunities",
        {"Associated Company": "account", "Record ID": "opportunity_id",
         "Deal Stage": "stage", "Deal Name": "name"},
    ),
    "hubspot tickets": (
        ["Ticket ID", "Ticket name", "Ticket status", "Priority", "Create date", "Close date",
         "Pipeline", "Associated Company"],
        [["501", "Login fails", "Waiting on us", "HIGH", "2026-10-02", "", "Support", ACCT],
         ["502", "Export slow", "Closed", "LOW", "2026-10-05", "2026-10-07", "Support",
          OTHER]],
        "tickets",
        {"Associated Company": "account", "Ticket ID": "ticket_id", "Create date": "opened",
         "Close date": "closed", "Ticket name": "subject"},
    ),
    "zendesk": (
        ["Id", "Requester", "Organization", "Subject", "Status", "Priority", "Ticket type",
         "Created at", "Solved at", "Tags"],
        [[1, "ana@contoso.example", ACCT, "Login fails", "Open", "High", "Incident",
          "2026-10-02", "", "login"],
         [2, "bo@fabrikam.example", OTHER, "Export slow", "Solved", "Low", "Question",
          "2026-10-05", "2026-10-07", "export"]],
        "tickets",
        {"Organization": "account", "Id": "ticket_id", "Created at": "opened",
         "Solved at": "closed", "Requester": None},
    ),
    "jira": (
        ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Created",
         "Resolved", "Organizations"],
        [["Login fails", "SUP-1", "10001", "Bug", "Open", "High", "2026-10-02", "", ACCT],
         ["Export slow", "SUP-2", "10002", "Task", "Done", "Low", "2026-10-05",
          "2026-10-07", OTHER]],
        "tickets",
        {"Organizations": "account", "Issue key": "ticket_id", "Created": "opened",
         "Resolved": "closed", "Summary": "subject"},
    ),
    "freshdesk": (
        ["Ticket ID", "Subject", "Status", "Priority", "Source", "Type", "Agent", "Group",
         "Created time", "Resolved time", "Closed time", "Company Name"],
        [[1, "Login fails", "Open", "High", "Email", "Incident", "Kim", "L1", "2026-10-02",
          "", "", ACCT],
         [2, "Export slow", "Closed", "Low", "Portal", "Question", "Kim", "L1", "2026-10-05",
          "2026-10-06", "2026-10-07", OTHER]],
        "tickets",
        {"Company Name": "account", "Ticket ID": "ticket_id", "Created time": "opened",
         "Resolved time": "closed"},
    ),
    "gainsight": (
        ["Company Name", "GSID", "ARR", "Renewal Date", "CSM", "Overall Score", "Stage",
         "Industry"],
        [[ACCT, "1P02XYZ1", 120000, "2027-03-31", "A B", 82, "Adopting", "Retail"],
         [OTHER, "1P02XYZ2", 48000, "2026-12-15", "A B", 55, "Onboarding", "Manufacturing"]],
        "accounts",
        {"Company Name": "account", "GSID": "account_id", "ARR": "arr",
         "Overall Score": "crm_health"},
    ),
    "gainsight company report": (
        ["Company Name", "Company GSID", "CSM", "ARR", "Renewal Date", "Overall Score",
         "Overall Score Label", "Stage", "Employees", "Original Contract Date"],
        [[ACCT, "1P02ABC", "A B", 125000, "2026-09-30", 78, "Good", "Adopting", 500,
          "2021-10-01"],
         [OTHER, "1P02ABD", "A B", 80000, "2026-03-31", 42, "Poor", "Adopting", 1200,
          "2022-04-01"]],
        "accounts",
        {"Company Name": "account", "Company GSID": "account_id",
         "Original Contract Date": "customer_since", "Employees": None},
    ),
    "totango": (
        ["Account Name", "Account ID", "Contract Value", "Contract Renewal Date",
         "Success Manager", "Health"],
        [[ACCT, "t-1", 120000, "2027-03-31", "A B", "Good"],
         [OTHER, "t-2", 48000, "2026-12-15", "A B", "Poor"]],
        "accounts",
        {"Account Name": "account", "Account ID": "account_id", "Contract Value": "arr",
         "Contract Renewal Date": "renewal_date", "Success Manager": "csm"},
    ),
    "vitally": (
        ["Name", "External ID", "MRR", "ARR", "Health Score", "NPS Score", "Renewal Date",
         "CSM"],
        [[ACCT, "ext-1", 10000, 120000, 8.2, 9, "2027-03-31", "A B"],
         [OTHER, "ext-2", 4000, 48000, 5.1, 6, "2026-12-15", "A B"]],
        "accounts",
        {"Name": "account", "External ID": "account_id", "ARR": "arr", "MRR": "mrr"},
    ),
    "planhat": (
        ["Name", "External Id", "ARR", "MRR", "Health", "Renewal Date", "Owner", "Phase"],
        [[ACCT, "ph-1", 120000, 10000, 8, "2027-03-31", "A B", "Adoption"],
         [OTHER, "ph-2", 48000, 4000, 4, "2026-12-15", "A B", "Onboarding"]],
        "accounts",
        {"Name": "account", "External Id": "account_id", "ARR": "arr"},
    ),
    "delighted nps": (
        ["Response ID", "Email", "Name", "Score", "Comment", "Response Timestamp", "Company"],
        [["r1", "ana@contoso.example", "Ana Ruiz", 9, "Great", "2026-10-02", ACCT],
         ["r2", "bo@fabrikam.example", "Bo Li", 4, "Slow", "2026-10-05", OTHER]],
        "nps",
        {"Company": "account", "Score": "score", "Response Timestamp": "date"},
    ),
    "pendo usage": (
        ["Account ID", "Account Name", "Day", "Visitors", "Number of Events",
         "Number of Minutes"],
        [["a1", ACCT, "2026-10-01", 12, 340, 55], ["a2", OTHER, "2026-10-01", 4, 90, 12]],
        "usage",
        {"Account Name": "account", "Day": "date", "Visitors": "active_users",
         "Number of Events": None},
    ),
    "jira service management": (
        ["Summary", "Issue key", "Issue id", "Issue Type", "Status", "Priority", "Created",
         "Resolved", "Custom field (Organizations)", "Custom field (Request Type)"],
        [["Login fails", "SUP-1", "10001", "[System] Incident", "Open", "High",
          "02/Oct/26 9:14 AM", "", ACCT, "Get IT help"],
         ["Export slow", "SUP-2", "10002", "[System] Service request", "Resolved", "Low",
          "05/Oct/26 11:00 AM", "07/Oct/26 10:00 AM", OTHER, "Report a bug"]],
        "tickets",
        {"Custom field (Organizations)": "account", "Issue key": "ticket_id",
         "Created": "opened", "Resolved": "closed"},
    ),
    "pendo account report": (
        ["Account ID", "Account Name", "Day", "Number of Visitors", "Number of Events",
         "Number of Minutes"],
        [["a1", ACCT, "2026-10-01", 12, 340, 55], ["a2", OTHER, "2026-10-01", 4, 90, 12]],
        "usage",
        {"Account Name": "account", "Number of Visitors": "active_users",
         "Number of Minutes": "minutes", "Number of Events": None},
    ),
    "salesforce contact report": (
        ["Account Name", "First Name", "Last Name", "Title", "Email", "Phone",
         "Contact Owner"],
        [[ACCT, "Ana", "Ruiz", "VP Operations", "ana@contoso.example", "", "Dana Lee"],
         [OTHER, "Bo", "Li", "CFO", "bo@fabrikam.example", "", "Dana Lee"]],
        "contacts",
        {"Account Name": "account", "First Name": "first_name", "Last Name": "last_name",
         "Contact Owner": None},
    ),
    "totango with its health words": (
        ["Account Name", "Account ID", "Contract Value", "Contract Renewal Date",
         "Success Manager", "Health", "Lifecycle Stage"],
        [[ACCT, "t-1", 120000, "03/31/2027", "A B", "Average", "Adoption"],
         [OTHER, "t-2", 48000, "12/15/2026", "A B", "Poor", "Adoption"]],
        "accounts",
        {"Account Name": "account", "Health": "crm_health", "Contract Value": "arr"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("tool", sorted(CASES))
def test_a_tools_header_row_is_read_as_its_kind(tmp_path, tool):
    header, rows, kind, expected = CASES[tool]
    source = rx.write_csv(tmp_path / f"{tool.replace(' ', '_')}.csv", header, rows)
    review = Review(meta=Meta(csm="A B", quarter="2026-Q4"))
    result = import_sources(review, [source])
    table = result.report.tables[0]
    assert table.kind == kind, table.evidence
    for column, field in expected.items():
        assert table.mapping[column] == field, (column, table.mapping)
    assert sorted(a.name for a in result.review.book.accounts) == [ACCT, OTHER]
