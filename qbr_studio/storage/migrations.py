"""Upgrade ``review.json`` data from an older file format, one version at a time.

Each step takes the plain JSON data (``dict``) of version *n* and returns version *n + 1*;
:data:`MIGRATIONS` maps *n* to its step. When :data:`qbr_studio.model.SCHEMA_VERSION` is bumped,
add a step here, a frozen file of the old version under ``tests/data``, and a line to the
history in ``docs/file-format.md``. Steps work on raw data, never on model classes, because the
model only knows the current version.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

from qbr_studio.model import SCHEMA_VERSION

FIRST_VERSION = 1
"""The oldest file format QBR Studio can still open (the prototype's)."""

Data = dict[str, Any]
Migration = Callable[[Data], Data]


class MigrationError(ValueError):
    """The data can't be upgraded: its ``schema_version`` is missing, unknown or too new."""


MAX_PLAUSIBLE_VERSION = 1_000_000
"""A schema_version above this is damage, not a newer QBR Studio (and too long to print)."""


def file_version(data: Data) -> int:
    """The ``schema_version`` of raw ``review.json`` data; MigrationError if absent or not a whole
    number of at least :data:`FIRST_VERSION`."""
    version = data.get("schema_version")
    if version is None:
        raise MigrationError("it has no schema_version, so it is not a QBR Studio review")
    if isinstance(version, bool) or not isinstance(version, int):
        shown = json.dumps(version, ensure_ascii=False)[:40]
        raise MigrationError(f"its schema_version must be a whole number, not {shown}")
    if version < FIRST_VERSION or version > MAX_PLAUSIBLE_VERSION:
        shown = str(version) if version.bit_length() < 64 else f"of {len(str(version)):,} digits"
        raise MigrationError(f"its schema_version {shown} is not a known file format")
    return version


def migrate(data: Data) -> Data:
    """Return ``data`` upgraded to :data:`SCHEMA_VERSION` (a copy; ``data`` is not changed).

    Data already at the current version comes back as an equal copy. Raises MigrationError for
    a version this release cannot read (see :func:`file_version`), including a newer one.
    """
    version = file_version(data)
    if version > SCHEMA_VERSION:
        raise MigrationError(
            f"it uses file format {version}; this version reads up to {SCHEMA_VERSION}"
        )
    data = copy.deepcopy(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
        data["schema_version"] = version
    return data


def _v1_to_v2(data: Data) -> Data:
    """Prototype format (1) → 2.

    - ``meta.quarter`` was ``{"year": 2026, "q": 4}``; it becomes ``"2026-Q4"``.
    - achievement ``kind`` ``"business"`` becomes ``"business_outcome"``.
    - ``revenue.actions`` is renamed ``revenue.action_items``.

    Anything else is left alone; validation after migration reports what is still wrong.
    """
    meta = data.get("meta")
    if isinstance(meta, dict):
        meta["quarter"] = _v1_quarter(meta.get("quarter"))
    for achievement in _dicts(data.get("achievements")):
        if achievement.get("kind") == "business":
            achievement["kind"] = "business_outcome"
    revenue = data.get("revenue")
    if isinstance(revenue, dict) and "actions" in revenue:
        actions = revenue.pop("actions")
        if isinstance(actions, list) and isinstance(revenue.get("action_items"), list):
            revenue["action_items"] = revenue["action_items"] + actions
        else:
            revenue.setdefault("action_items", actions)
    return data


def _v1_quarter(value: Any) -> Any:
    """``{"year": 2026, "q": 4}`` → ``"2026-Q4"``; anything else unchanged (validation decides)."""
    if not isinstance(value, dict):
        return value
    year, quarter = value.get("year"), value.get("q")
    if isinstance(year, int) and isinstance(quarter, int) and not isinstance(quarter, bool):
        return f"{year:04d}-Q{quarter}"
    return value


def _dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a JSON list (an absent or malformed list gives none)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _v2_to_v3(data: Data) -> Data:
    """2 → 3: new optional fields only (CSM health overrides, last quarter's reference,
    carried action items, whether an opportunity's risk was stated). An opportunity saved by
    format 2 had its risk written out, so it counts as stated — set explicitly here so the
    meaning does not hang on a default."""
    book = data.get("book")
    if isinstance(book, dict):
        for opportunity in _dicts(book.get("opportunities")):
            opportunity.setdefault("risk_stated", True)
    return data


def _v3_to_v4(data: Data) -> Data:
    """3 → 4: new optional fields only (the review's own deck ``template``, the team pack it
    was checked against in ``meta.team_pack``, usage months' ``sessions``, ``minutes`` and
    ``feature_uses``); a format-3 file has none of them, so nothing changes but the version."""
    return data


MIGRATIONS: dict[int, Migration] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
"""Version *n* → the step that turns version-*n* data into version *n + 1*."""
