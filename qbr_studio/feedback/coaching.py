"""The VP's coaching view: rubric scores per CSM per area over the quarters, with the comments
behind them, drawn from the reviews and sidecars in a team folder; exportable as xlsx."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError
from qbr_studio.feedback.events import FeedbackEvent, Kind, is_detached
from qbr_studio.feedback.rubric import AREAS
from qbr_studio.feedback.sidecar import gather
from qbr_studio.storage import atomic_write, load_review

DETACHED = " (detached: on something no longer in the review)"


@dataclass(frozen=True)
class AreaScore:
    """One CSM's score on one rubric area in one quarter: the mean of each reviewer's latest."""

    csm: str
    quarter: str
    area: str
    mean: float
    scores: tuple[FeedbackEvent, ...]
    """Each reviewer's latest score event on the area, by reviewer."""
    detached: frozenset[str] = frozenset()
    """Ids of those scores whose target is no longer in the review (a deleted item)."""

    @property
    def reviewers(self) -> int:
        return len(self.scores)

    @property
    def comments(self) -> tuple[str, ...]:
        return tuple(
            f"{e.author}: {e.text}" + (DETACHED if e.id in self.detached else "")
            for e in self.scores
            if e.text or e.id in self.detached
        )


def area_scores(
    csm: str, quarter: str, events: Iterable[FeedbackEvent], review: Any = None
) -> list[AreaScore]:
    """The rubric areas scored in ``events`` (in rubric order), each reviewer counted once;
    with ``review``, scores on what it no longer holds are marked detached."""
    latest: dict[tuple[str, str], FeedbackEvent] = {}
    for event in events:  # (time, id) order: a reviewer's later score replaces the earlier
        if event.kind is Kind.SCORE and event.area in AREAS and event.score is not None:
            latest[(event.area, event.author)] = event
    rows = []
    for area in AREAS:
        scores = [e for (a, _), e in sorted(latest.items()) if a == area]
        if scores:
            mean = sum(e.score or 0 for e in scores) / len(scores)
            gone = frozenset(e.id for e in scores if review is not None and is_detached(e, review))
            rows.append(AreaScore(csm, quarter, area, round(mean, 2), tuple(scores), gone))
    return rows


def roll_up(folder: Path) -> tuple[list[AreaScore], list[str]]:
    """Scores of every review in ``folder`` (sorted by CSM, quarter, rubric order) and the
    problems met (unreadable reviews or sidecars), one sentence each."""
    rows: list[AreaScore] = []
    problems: list[str] = []
    if not Path(folder).is_dir():
        raise UserError(f"{folder}: is not a folder of reviews")
    for path in sorted(Path(folder).glob("*.qbr")):
        try:
            review = load_review(path).review
        except UserError as err:
            problems.append(str(err))
            continue
        feedback = gather(path)
        problems.extend(feedback.problems)
        rows.extend(area_scores(review.meta.csm, review.meta.quarter, feedback.events, review))
    order = list(AREAS)
    rows.sort(key=lambda r: (r.csm, r.quarter, order.index(r.area)))
    return rows, problems


def write_xlsx(rows: Iterable[AreaScore], out: Path) -> None:
    """A table (CSM, quarter, area, mean, reviewers, comments) and a line chart per CSM of
    the mean over quarters, saved atomically."""
    from openpyxl import Workbook
    from openpyxl.chart import LineChart, Reference

    if Path(out).suffix.lower() != ".xlsx":
        raise UserError(f"{out}: the coaching table must be saved as a .xlsx file")
    rows = list(rows)
    book = Workbook()
    sheet = book.active
    sheet.title = "Scores"
    sheet.append(["CSM", "Quarter", "Area", "Mean score", "Reviewers", "Comments"])
    for row in rows:
        sheet.append(
            [
                row.csm,
                row.quarter,
                AREAS[row.area],
                row.mean,
                row.reviewers,
                "\n".join(row.comments),
            ]
        )
    trend = book.create_sheet("Trend")
    quarters = sorted({r.quarter for r in rows})
    csms = sorted({r.csm for r in rows})
    trend.append(["Quarter", *csms])
    for quarter in quarters:
        means = []
        for csm in csms:
            mine = [r.mean for r in rows if r.csm == csm and r.quarter == quarter]
            means.append(round(sum(mine) / len(mine), 2) if mine else None)
        trend.append([quarter, *means])
    if rows:
        chart = LineChart()
        chart.title = "Mean rubric score per CSM"
        chart.y_axis.title = "Score (1–5)"
        data = Reference(
            trend, min_col=2, max_col=len(csms) + 1, min_row=1, max_row=len(quarters) + 1
        )
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(Reference(trend, min_col=1, min_row=2, max_row=len(quarters) + 1))
        trend.add_chart(chart, "E2")
    atomic_write(Path(out), book.save)
