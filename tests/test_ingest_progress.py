"""An import reports how far it has got and stops when cancelled, having changed nothing
(the review it was given, the mappings it remembers): ``ingest.progress``, no Qt."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from qbr_studio.errors import Cancelled
from qbr_studio.ingest import import_sources
from qbr_studio.ingest.progress import CHUNK_ROWS, Progress
from qbr_studio.model import Meta, Review
from qbr_studio.paths import config_dir
from qbr_studio.storage.container import review_json_bytes


def accounts_csv(path: Path, count: int) -> Path:
    """A CRM accounts export of ``count`` accounts, with ids (as the benchmark's)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Account ID", "Account Name", "Industry", "ARR", "Renewal Date"])
        for i in range(count):
            renewal = dt.date(2027, 1, 1) + dt.timedelta(days=i % 365)
            writer.writerow(
                [f"ACC{i:06d}", f"Customer {i} Inc", "Software", 1000 + 37 * i, renewal]
            )
    return path


@pytest.fixture
def big_export(tmp_path: Path) -> Path:
    return accounts_csv(tmp_path / "accounts.csv", 3 * CHUNK_ROWS)


def empty_review() -> Review:
    return Review(meta=Meta(csm="Maya Okafor", quarter="2026-Q4"))


def test_progress_goes_from_checking_to_finishing_through_the_rows(big_export):
    steps: list[tuple[int, str]] = []
    result = import_sources(
        empty_review(),
        [big_export],
        remember=False,
        progress_to=Progress(lambda *s: steps.append(s)),
    )
    assert len(result.review.book.accounts) == 3 * CHUNK_ROWS
    percents = [p for p, _ in steps]
    assert percents == sorted(percents) and percents[-1] == 100
    texts = [t for _, t in steps]
    assert texts[0] == "Checking accounts.csv…"
    assert "Reading accounts.csv…" in texts
    assert any(t.endswith(f"{2 * CHUNK_ROWS:,} of {3 * CHUNK_ROWS:,} rows") for t in texts)
    assert texts[-1] == "Finishing…"
    rows = [p for p, t in steps if t.endswith(" rows")]
    assert len(rows) >= 3 and rows[0] < rows[-1]  # the bar moves while the rows are built


def test_cancel_stops_at_the_next_chunk_and_changes_nothing(big_export):
    review = empty_review()
    before = review_json_bytes(review)
    steps: list[str] = []

    def on_step(_percent: int, text: str) -> None:
        steps.append(text)
        if text.endswith(" rows"):
            progress.cancel()  # as the app's Stop button does, from another thread

    progress = Progress(on_step)
    with pytest.raises(Cancelled):
        import_sources(review, [big_export], progress_to=progress)
    # stopped at the next point: nothing reported after the one that cancelled
    assert steps[-1].endswith(f": 0 of {3 * CHUNK_ROWS:,} rows")
    assert "Finishing…" not in steps
    assert review_json_bytes(review) == before
    mappings = config_dir() / "mappings"
    assert not mappings.exists() or not any(mappings.iterdir())  # nothing remembered


def test_without_a_progress_nothing_is_reported_and_nothing_can_cancel(big_export):
    """The hooks cost nothing when no one watches: the same import, the same result."""
    watched = import_sources(empty_review(), [big_export], remember=False, progress_to=Progress())
    plain = import_sources(empty_review(), [big_export], remember=False)
    assert review_json_bytes(watched.review) == review_json_bytes(plain.review)
