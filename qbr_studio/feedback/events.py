"""Feedback as immutable events: a comment, a reply, a resolution or a rubric score.

Each event has an ``id``, an ``author``, a ``time`` (ISO 8601, UTC), a ``target`` (a path into
the review that names list items by their id, see :mod:`qbr_studio.feedback.anchors`; ``""`` is
the whole review) and, for
replies and resolutions, the ``parent`` comment's id. Events are never changed, only added, so
the feedback of a review is the set union of every reviewer's events ordered by ``(time, id)``:
files that arrive in any order, or twice, give the same feedback.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from qbr_studio.feedback import anchors


class Kind(enum.StrEnum):
    COMMENT = "comment"
    REPLY = "reply"
    RESOLVE = "resolve"
    SCORE = "score"


@dataclass(frozen=True)
class FeedbackEvent:
    """One thing a reviewer did."""

    time: str
    id: str
    author: str
    kind: Kind
    target: str = ""
    parent: str | None = None
    text: str = ""
    area: str | None = None
    score: int | None = None
    source: str | None = None
    """For a comment read back from a deck: the deck and slide it was left on."""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = self.kind.value
        return {key: value for key, value in data.items() if value is not None}


def new_event(author: str, kind: Kind, **fields: Any) -> FeedbackEvent:
    """A fresh event by ``author`` now, with a new id."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return FeedbackEvent(time=now, id=uuid.uuid4().hex, author=author, kind=kind, **fields)


_TEXT_FIELDS = ("time", "id", "author", "target", "text", "source")


def event_from_json(data: Any) -> FeedbackEvent:
    """The event a sidecar holds; ValueError saying, in plain words, what is wrong."""
    if not isinstance(data, Mapping):
        raise ValueError("must be an object")
    unknown = set(data) - set(FeedbackEvent.__dataclass_fields__)
    if unknown:
        raise ValueError(f"has fields QBR Studio doesn't know: {', '.join(sorted(unknown))}")
    for name in _TEXT_FIELDS:
        if not isinstance(data.get(name, ""), str):
            raise ValueError(f"{name} must be text")
    for name in ("time", "id", "author", "kind"):
        if not data.get(name):
            raise ValueError(f"{name} is missing")
    try:
        kind = Kind(data["kind"])
    except ValueError:
        raise ValueError(f"kind must be one of {', '.join(k.value for k in Kind)}") from None
    try:
        dt.datetime.fromisoformat(data["time"])
    except ValueError:
        raise ValueError(f"time {data['time']!r} is not an ISO 8601 time") from None
    try:
        anchors.parse(data.get("target", ""))
    except ValueError:
        raise ValueError(f"target {data.get('target')!r} is not a document path") from None
    score = data.get("score")
    if kind is Kind.SCORE and (not isinstance(score, int) or isinstance(score, bool)):
        raise ValueError("a score event needs a whole-number score")
    if kind in (Kind.REPLY, Kind.RESOLVE) and not isinstance(data.get("parent"), str):
        raise ValueError(f"a {kind.value} needs the id of its parent comment")
    return FeedbackEvent(**{**data, "kind": kind})


def merge(*sources: Iterable[FeedbackEvent]) -> tuple[FeedbackEvent, ...]:
    """Every distinct event of every source, ordered by (time, id): the set union."""
    distinct = {event for source in sources for event in source}
    return tuple(sorted(distinct, key=lambda e: (e.time, e.id, repr(e))))


def is_detached(event: FeedbackEvent, review: Any) -> bool:
    """True if the event's target no longer exists in ``review`` (a deleted achievement), or
    is a position an older note named (see :mod:`qbr_studio.feedback.anchors`)."""
    return anchors.locate(review, event.target) is None


def resolved_ids(events: Iterable[FeedbackEvent]) -> set[str]:
    """Ids of the comments some event resolved."""
    return {e.parent for e in events if e.kind is Kind.RESOLVE and e.parent is not None}
