"""The feedback panel's groupings, without Qt: comments by target, by reviewer, open or
resolved, each with its replies; notes whose target is gone are marked detached."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qbr_studio.feedback.anchors import describe
from qbr_studio.feedback.events import FeedbackEvent, Kind, is_detached, resolved_ids


class Grouping(enum.StrEnum):
    TARGET = "By target"
    REVIEWER = "By reviewer"
    OPEN = "Open"
    RESOLVED = "Resolved"


@dataclass(frozen=True)
class Thread:
    """A comment (or score) and the replies to it, in order."""

    note: FeedbackEvent
    replies: tuple[FeedbackEvent, ...]
    resolved: bool
    detached: bool


def threads(events: Sequence[FeedbackEvent], review: Any) -> list[Thread]:
    done = resolved_ids(events)
    replies: dict[str, list[FeedbackEvent]] = {}
    for event in events:
        if event.kind is Kind.REPLY and event.parent:
            replies.setdefault(event.parent, []).append(event)
    return [
        Thread(e, tuple(replies.get(e.id, ())), e.id in done, is_detached(e, review))
        for e in events
        if e.kind in (Kind.COMMENT, Kind.SCORE)
    ]


def grouped(
    events: Sequence[FeedbackEvent], review: Any, by: Grouping
) -> list[tuple[str, list[Thread]]]:
    """``(heading, threads)`` in first-seen order for the panel's chosen grouping."""
    groups: dict[str, list[Thread]] = {}
    for thread in threads(events, review):
        if (by is Grouping.OPEN and thread.resolved) or (
            by is Grouping.RESOLVED and not thread.resolved
        ):
            continue
        if by is Grouping.REVIEWER:
            key = thread.note.author
        else:
            key = describe(review, thread.note.target)
        groups.setdefault(key, []).append(thread)
    return list(groups.items())
