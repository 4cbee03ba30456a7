"""Fields analytics needs in the review: overrides with reasons, carried items, format 3."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from qbr_studio.model import SCHEMA_VERSION, ActionItem, Health, HealthOverride
from qbr_studio.storage import load_review

DATA = Path(__file__).parent / "data"


def test_v2_file_opens_with_stated_risks_and_confirmed_items(tmp_path: Path) -> None:
    path = tmp_path / "review_v2.qbr"
    shutil.copy(DATA / "review_v2.qbr", path)
    loaded = load_review(path)
    review = loaded.review
    assert loaded.migrated_from == 2
    assert review.schema_version == SCHEMA_VERSION
    assert review.book.opportunities
    # format 2 wrote every opportunity's risk out: it was stated
    assert all(o.risk_stated for o in review.book.opportunities)
    assert review.revenue.action_items
    assert all(a.status_confirmed and a.carried_from is None for a in review.revenue.action_items)
    assert review.health_overrides == [] and review.last_quarter is None


def test_an_override_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        HealthOverride(account_id="A", health=Health.GREEN, reason="  ")


def test_a_carried_item_asks_for_its_status() -> None:
    item = ActionItem(text="Exec sponsor call", carried_from="2026-Q3", status_confirmed=False)
    assert item.status_text == "carried — status?"
    item.status_confirmed = True
    assert item.status_text == "Not started"


def test_v3_file_opens_without_template_pack_or_usage_measures(tmp_path: Path) -> None:
    path = tmp_path / "review_v3.qbr"
    shutil.copy(DATA / "review_v3.qbr", path)
    loaded = load_review(path)
    review = loaded.review
    assert loaded.migrated_from == 3
    assert review.schema_version == SCHEMA_VERSION
    # format 3's own fields come through unchanged
    assert review.health_overrides[0].reason == "Sponsor left in October"
    carried = review.revenue.action_items[0]
    assert carried.carried_from == "2026-Q3" and not carried.status_confirmed
    # format 4's fields are absent from a format-3 file
    assert review.template is None and review.meta.team_pack is None
    assert review.book.usage
    assert all(u.sessions is None and u.minutes is None for u in review.book.usage)
