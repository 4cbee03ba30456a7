"""One reviewer's note on a review (comment, reply, resolution, scores) checked against the
review and its feedback, then added to that reviewer's sidecar. The review is never written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qbr_studio.errors import UserError
from qbr_studio.feedback.anchors import target_for
from qbr_studio.feedback.events import FeedbackEvent, Kind, new_event
from qbr_studio.feedback.rubric import checked_score
from qbr_studio.feedback.sidecar import add_events, gather
from qbr_studio.storage import load_review


@dataclass(frozen=True)
class Note:
    """What a reviewer asks to note; ``scores`` are ``(area, 1–5)``, ``comment`` their reason."""

    author: str
    target: str = ""
    comment: str = ""
    scores: tuple[tuple[str, int], ...] = ()
    reply_to: str | None = None
    resolve: str | None = None


def annotate(review_path: Path, note: Note) -> tuple[Path, list[FeedbackEvent]]:
    """Check ``note`` and add its events to the author's sidecar; the sidecar and events.

    UserError (naming the file) for a target the review doesn't have, an area or score off
    the rubric, or a reply/resolution of a comment the feedback doesn't hold.
    """
    review = load_review(review_path).review
    try:
        target = target_for(review, note.target)
    except ValueError:
        raise UserError(f'{review_path}: "{note.target}" is not a path into the review') from None
    except LookupError:
        raise UserError(f'{review_path}: the review has nothing at "{note.target}"') from None
    except UserError as err:
        raise UserError(f"{review_path}: {err}") from None
    try:
        scores = [checked_score(area, score) for area, score in note.scores]
    except UserError as err:
        raise UserError(f"{review_path}: {err}") from None
    comments = {e.id: e for e in gather(review_path).events if e.kind is Kind.COMMENT}
    for parent in filter(None, (note.reply_to, note.resolve)):
        if parent not in comments:
            raise UserError(f"{review_path}: its feedback has no comment with id {parent}")
    events: list[FeedbackEvent] = []
    author = note.author
    if note.reply_to and note.comment:
        on = comments[note.reply_to].target
        events.append(
            new_event(author, Kind.REPLY, target=on, parent=note.reply_to, text=note.comment)
        )
    elif note.comment and not scores:
        events.append(new_event(author, Kind.COMMENT, target=target, text=note.comment))
    for area, score in scores:
        events.append(
            new_event(author, Kind.SCORE, target=target, area=area, score=score, text=note.comment)
        )
    if note.resolve:
        on = comments[note.resolve].target
        events.append(new_event(author, Kind.RESOLVE, target=on, parent=note.resolve))
    if not events:
        raise UserError("Nothing to note: add --comment TEXT, --score AREA=N or --resolve ID.")
    return add_events(review_path, author, events), events
