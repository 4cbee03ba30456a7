"""Each reviewer's feedback on a review, in their own file next to it.

``REVIEW.qbr.feedback-<author-slug>.json`` (see ``docs/file-format.md``) holds one reviewer's
events; only they write it, so peers working offline or in a synced folder never conflict.
Opening a review gathers every sidecar beside it and merges their events
(:func:`qbr_studio.feedback.events.merge`). A corrupt or newer sidecar is reported and its
still-valid events are kept; nothing a reviewer wrote is dropped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbr_studio.errors import UserError, os_reason
from qbr_studio.feedback.events import FeedbackEvent, event_from_json, merge
from qbr_studio.storage import atomic_write_bytes
from qbr_studio.storage.container import SIDECAR_INFIX, SIDECAR_SUFFIX

FORMAT = "qbr-studio-feedback"
FORMAT_VERSION = 2
"""2: targets name list items by id (format 1 named positions; those notes read as detached)."""
INFIX, SUFFIX = SIDECAR_INFIX, SIDECAR_SUFFIX


def author_slug(author: str) -> str:
    """``"Dana O'Neil"`` → ``dana-o-neil``: the reviewer's part of a sidecar's name."""
    slug = re.sub(r"[^a-z0-9]+", "-", author.casefold()).strip("-")
    if not slug:
        raise UserError(f'"{author}" cannot name a reviewer: use letters or digits.')
    return slug


def sidecar_path(review: Path, author: str) -> Path:
    """Where ``author``'s feedback on ``review`` lives."""
    review = Path(review)
    return review.with_name(f"{review.name}{INFIX}{author_slug(author)}{SUFFIX}")


def sidecars_of(review: Path) -> list[Path]:
    """Every sidecar next to ``review``, sorted by name."""
    review = Path(review)
    return sorted(review.parent.glob(f"{glob_escape(review.name)}{INFIX}*{SUFFIX}"))


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


@dataclass
class Loaded:
    """What one or more sidecars gave: their events and, one sentence each, their problems."""

    events: tuple[FeedbackEvent, ...] = ()
    problems: list[str] = field(default_factory=list)


def load_sidecar(path: Path) -> Loaded:
    """The events in ``path``; a problem (naming the file and JSON path) for each part that
    could not be read. A missing file is no feedback, not a problem."""
    path = Path(path)
    try:
        raw = json.loads(path.read_bytes())
    except FileNotFoundError:
        return Loaded()
    except OSError as err:
        return Loaded(problems=[f"{path}: could not be read ({os_reason(err, path)})."])
    except (ValueError, UnicodeDecodeError) as err:
        return Loaded(problems=[f"{path}: is not a feedback file (not valid JSON: {err})."])
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return Loaded(problems=[f"{path}: is not a QBR Studio feedback file."])
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        return Loaded(problems=[f"{path}: version must be a whole number."])
    problems: list[str] = []
    if version > FORMAT_VERSION:
        problems.append(
            f"{path}: was written by a newer QBR Studio (feedback format {version}; this "
            f"version reads {FORMAT_VERSION}); the notes it could read are shown."
        )
    items = raw.get("events")
    if not isinstance(items, list):
        return Loaded(problems=[*problems, f"{path}: events must be a list."])
    events: list[FeedbackEvent] = []
    for index, item in enumerate(items):
        try:
            events.append(event_from_json(item))
        except ValueError as err:
            problems.append(f"{path}: events[{index}] {err}; that note is left out.")
    return Loaded(tuple(events), problems)


def gather(review: Path, extra: Iterable[Path] = ()) -> Loaded:
    """Every sidecar next to ``review`` (and ``extra`` ones) merged into one feedback."""
    loaded = [load_sidecar(path) for path in [*sidecars_of(review), *extra]]
    problems = [problem for one in loaded for problem in one.problems]
    return Loaded(merge(*(one.events for one in loaded)), problems)


def sidecar_bytes(author: str, events: Iterable[FeedbackEvent]) -> bytes:
    """The sidecar's content: the same events give the same bytes."""
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "author": author,
        "events": [event.to_json() for event in merge(events)],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode()


def add_events(review: Path, author: str, new: Iterable[FeedbackEvent]) -> Path:
    """Add ``new`` to ``author``'s sidecar of ``review`` (saved atomically); its path.

    Refuses (UserError) to rewrite a sidecar it could not fully read, so nothing is lost.
    """
    path = sidecar_path(review, author)
    own = load_sidecar(path)
    if own.problems:
        raise UserError(f"{own.problems[0]} It was left as it is; fix or move it first.")
    atomic_write_bytes(path, sidecar_bytes(author, [*own.events, *new]))
    return path
