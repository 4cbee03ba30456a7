"""Words for counts and days in running text, shared by every layer's messages and slides."""

from __future__ import annotations

import datetime as dt


def plural(count: int, word: str, plural_word: str | None = None) -> str:
    """``1, "file"`` → ``"1 file"``; ``2, "file"`` → ``"2 files"``; thousands separated."""
    return f"{count:,} {word if count == 1 else (plural_word or word + 's')}"


def verb(count: int, one: str, many: str) -> str:
    """The verb that agrees with ``count`` things: ``1, "has", "have"`` → ``"has"``."""
    return one if count == 1 else many


def day(value: dt.date | None) -> str:
    """``2027-03-05`` → ``5 Mar 2027`` (day-month order reads the same everywhere)."""
    return f"{value.day} {value:%b %Y}" if value else "—"
