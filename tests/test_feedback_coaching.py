"""The VP's coaching roll-up: each reviewer's latest score per area, per CSM, over quarters."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from qbr_studio.cli import main
from qbr_studio.feedback.coaching import roll_up
from qbr_studio.feedback.events import FeedbackEvent, Kind
from qbr_studio.feedback.sidecar import add_events
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review


def score(author: str, area: str, value: int, time: str, text: str = "") -> FeedbackEvent:
    return FeedbackEvent(
        time, f"{author}-{area}-{time}", author, Kind.SCORE, "", None, text, area, value
    )


def review(folder: Path, name: str, csm: str, quarter: str) -> Path:
    data = build_sample_review()
    data.meta.csm, data.meta.quarter = csm, quarter
    path = folder / name
    save_review(path, data)
    return path


def test_scores_per_csm_per_area_over_two_quarters(tmp_path):
    q3 = review(tmp_path, "ana-q3.qbr", "Ana", "2026-Q3")
    q4 = review(tmp_path, "ana-q4.qbr", "Ana", "2026-Q4")
    add_events(q3, "Lee", [score("Lee", "business", 2, "2026-09-01T10:00:00Z", "thin")])
    add_events(
        q4,
        "Lee",
        [
            score("Lee", "business", 3, "2026-12-01T10:00:00Z"),
            score("Lee", "business", 4, "2026-12-01T11:00:00Z", "better"),
        ],
    )
    add_events(
        q4,
        "Sam",
        [
            score("Sam", "business", 5, "2026-12-01T09:00:00Z", "sharp"),
            score("Sam", "playbook", 1, "2026-12-01T09:00:00Z"),
        ],
    )
    (tmp_path / "ana-q4.qbr.feedback-bad.json").write_text("[]")
    rows, problems = roll_up(tmp_path)
    assert [(r.quarter, r.area, r.mean, r.reviewers, r.comments) for r in rows] == [
        ("2026-Q3", "business", 2.0, 1, ("Lee: thin",)),
        ("2026-Q4", "business", 4.5, 2, ("Lee: better", "Sam: sharp")),
        ("2026-Q4", "playbook", 1.0, 1, ()),
    ]
    assert len(problems) == 1 and "feedback-bad.json" in problems[0]


def test_coach_writes_the_table_and_the_trend(tmp_path, capsys):
    team = tmp_path / "team"
    team.mkdir()
    for csm in ("Ana", "Bo"):
        for quarter, value, day in (("2026-Q3", 2, "2026-09-30"), ("2026-Q4", 4, "2026-12-10")):
            path = review(team, f"{csm}-{quarter}.qbr", csm, quarter)
            add_events(path, "Lee", [score("Lee", "tools", value, f"{day}T10:00:00Z")])
    out = tmp_path / "coaching.xlsx"
    assert main(["coach", str(team), "-o", str(out)]) == 0
    book = load_workbook(out)
    table = [tuple(r) for r in book["Scores"].iter_rows(values_only=True)]
    assert table[0][:4] == ("CSM", "Quarter", "Area", "Mean score")
    assert table[1][:4] == ("Ana", "2026-Q3", "Use of every tool and method", 2)
    assert len(table) == 5
    trend = [tuple(r) for r in book["Trend"].iter_rows(values_only=True)]
    assert trend == [("Quarter", "Ana", "Bo"), ("2026-Q3", 2, 2), ("2026-Q4", 4, 4)]
    assert len(book["Trend"]._charts) == 1
    assert main(["coach", str(tmp_path / "none"), "-o", str(out)]) == 2
