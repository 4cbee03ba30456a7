"""Rules found by importing real exports: what a header's wording rules out, refusals kept."""

from __future__ import annotations

import real_export_fixtures as rx

from qbr_studio.cli import main
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.columns import name_score
from qbr_studio.model import Health, Meta, Review

ACCT, OTHER = "Contoso Ltd", "Fabrikam Inc"


def _review():
    return Review(meta=Meta(csm="A B", quarter="2026-Q4"))


def _refused(tmp_path, source, capsys) -> str:
    """Import ``source`` with the CLI into a new review: exit 2, review byte-unchanged."""
    review_file = tmp_path / "mine.qbr"
    assert main(["new", "-o", str(review_file), "--csm", "A B", "--quarter", "2026-Q4"]) == 0
    capsys.readouterr()
    before = review_file.read_bytes()
    assert main(["import", str(review_file), str(source)]) == 2
    assert review_file.read_bytes() == before
    return capsys.readouterr().err


def test_a_header_naming_a_taken_field_exactly_is_not_given_a_weaker_one(tmp_path):
    # Gainsight scorecard: "CSM Sentiment" is a health (a second one), never the CSM's name
    path = rx.write_csv(
        tmp_path / "scorecard.csv",
        ["Company Name", "Overall Score", "CSM Sentiment"],
        [[ACCT, 82, "Green"], [OTHER, 55, "Red"]],
    )
    table = import_sources(_review(), [path]).report.tables[0]
    assert table.kind == "accounts"
    assert table.mapping["Overall Score"] == "crm_health"
    assert table.mapping["CSM Sentiment"] is None


def test_owner_and_usage_headers_name_only_fields_that_say_so():
    assert name_score("Contact Owner", "contacts", "name") == 0
    assert name_score("Account Owner", "accounts", "account") == 0
    assert name_score("Account Owner", "accounts", "account_manager") == 1.0
    assert name_score("Product Usage", "accounts", "products") == 0
    assert name_score("Usage Month", "usage", "date") == 1.0
    assert name_score("Feature Usage", "usage", "feature_uses") == 1.0


def test_jira_custom_field_is_read_by_the_name_in_brackets():
    assert name_score("Custom field (Organizations)", "tickets", "account") == 1.0
    assert name_score("Custom field (Request Type)", "tickets", "account") == 0


def test_totango_average_health_is_yellow(tmp_path):
    path = rx.write_csv(
        tmp_path / "totango.csv",
        ["Account Name", "Contract Value", "Health"],
        [[ACCT, 120000, "Average"], [OTHER, 48000, "Good"]],
    )
    accounts = import_sources(_review(), [path]).review.book.accounts
    assert {a.name: a.crm_health for a in accounts} == {
        ACCT: Health.YELLOW,
        OTHER: Health.GREEN,
    }


def test_gainsight_scorecard_is_refused_not_read_as_accounts(tmp_path, capsys):
    path = rx.write_csv(
        tmp_path / "gainsight_scorecard.csv",
        ["Company Name", "Overall Score", "Overall Score Trend", "Product Usage", "Support",
         "NPS", "CSM Sentiment", "Last Modified Date"],
        [[ACCT, 82, "Up", "Green", "Yellow", "Green", "Green", "2026-10-01"],
         [OTHER, 55, "Down", "Red", "Yellow", "Yellow", "Red", "2026-10-01"]],
    )  # fmt: skip
    err = _refused(tmp_path, path, capsys)
    assert "--as accounts" in err and "--as nps" in err


def test_typeform_nps_with_the_question_as_header_is_refused_naming_nps(tmp_path, capsys):
    # its date is named ("Submit Date (UTC)"); its score column is only the NPS question, a
    # guess: refused with the way out, never read as accounts
    path = rx.write_csv(
        tmp_path / "typeform.csv",
        ["#", "How likely are you to recommend us to a friend or colleague?",
         "What's the main reason for your score?", "Company", "Start Date (UTC)",
         "Submit Date (UTC)", "Network ID"],
        [["abc123", 9, "Great", ACCT, "2026-10-02 09:00:00", "2026-10-02 09:02:00", "n1"],
         ["abc124", 4, "Slow", OTHER, "2026-10-05 09:00:00", "2026-10-05 09:02:00", "n2"]],
    )  # fmt: skip
    err = _refused(tmp_path, path, capsys)
    assert "Submit Date (UTC) → date" in err and "--as nps" in err
    result = import_sources(_review(), [path], as_kind="nps")
    assert result.report.tables[0].mapping["Submit Date (UTC)"] == "date"


def test_mrr_stands_in_where_the_arr_cell_is_blank_never_over_a_stated_or_unreadable_one(
    tmp_path,
):
    """Vitally writes both columns and often leaves ARR blank: MRR × 12 is used there, and
    said; a stated ARR wins, and an unreadable one stays a problem, not an MRR guess."""
    import real_export_fixtures as rx

    from qbr_studio.ingest import import_sources
    from qbr_studio.model import Meta, Review

    def read(rows):
        source = rx.write_csv(tmp_path / "vitally.csv", ["Name", "External ID", "MRR", "ARR"], rows)
        review = Review(meta=Meta(csm="A B", quarter="2026-Q4"))
        result = import_sources(review, [source], remember=False, accept_warnings=True)
        arr = {a.name: a.arr for a in result.review.book.accounts}
        return arr, result.report.tables[0]

    arr, table = read([["Acme", "e1", 10000, ""], ["Globex", "e2", 4000, ""]])
    assert arr == {"Acme": 120000, "Globex": 48000}
    assert "ARR = MRR × 12: the 'ARR' column is blank" in table.notes
    arr, table = read([["Acme", "e1", 10000, 150000], ["Globex", "e2", 4000, ""],
                       ["Initech", "e3", 3000, "lots"]])  # fmt: skip
    assert arr == {"Acme": 150000, "Globex": 48000, "Initech": 0}
    assert "ARR = MRR × 12 on 1 row whose 'ARR' is blank" in table.notes
    assert any('"lots"' in v.message for v in table.values)


def test_the_ambiguous_dates_note_gives_the_files_first_such_date_in_every_process():
    """The example was taken from a set, whose order changes with each process's string
    hashing: the same file said "03/04/2026" one run and "09/10/2026" the next."""
    import os
    import subprocess
    import sys

    script = (
        "from qbr_studio.ingest.values import parse_column\n"
        "raw = ['07/08/2026', '03/04/2026', '05/06/2026', '09/10/2026', '11/12/2026']\n"
        "print(parse_column(raw, 'date').notes[0])\n"
    )
    notes = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout.strip()
        for seed in range(6)
    }
    assert len(notes) == 1 and '(e.g. "07/08/2026")' in notes.pop()
