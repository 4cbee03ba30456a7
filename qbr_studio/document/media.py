"""How many pictures a review may hold: one limit, used by the file reader and by the edits."""

from __future__ import annotations

from collections.abc import Mapping

MiB = 1024 * 1024
MAX_MEDIA_BYTES = 256 * MiB
"""Largest total uncompressed size of all of a review's pictures (``media/`` in the .qbr)."""


def over_budget(media: Mapping[str, bytes], data: bytes, *, replacing: str | None) -> bool:
    """True if adding ``data`` in place of the picture named ``replacing`` (None: adding
    it beside the others) makes the pictures more than :data:`MAX_MEDIA_BYTES`."""
    others = sum(len(b) for name, b in media.items() if name != replacing)
    return others + len(data) > MAX_MEDIA_BYTES


def budget_text() -> str:
    """The limit as a user reads it: ``the 256 MB a review file can hold``."""
    return f"the {MAX_MEDIA_BYTES // MiB} MB a review file can hold"
