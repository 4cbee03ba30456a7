"""Where a note is: a path into the review whose list steps name the item, not its position.

The app and ``--on`` speak positions (``achievements[2].title``, the notation of
:mod:`qbr_studio.document.paths`); a note keeps the item itself: ``achievements["3f2a9c1b0d4e"]
.title`` names the achievement whose ``id`` is ``3f2a9c1b0d4e``. An item without an id of its
own (a stakeholder of the deep dive, a usage month) is named by a fingerprint of its content,
``[#0a1b2c3d4e5f]``. Deleting, inserting or moving items never makes a note point at another
one: a note whose item is gone (or edited, for a fingerprint) is *detached* — kept and shown as
such, never re-pointed.

A position step (``[2]``) in a note is a note written before notes followed items (sidecar
format 1): the item that was there then cannot be told from the one there now, so such a note
is detached too, and says which position it named.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from qbr_studio.document import paths
from qbr_studio.errors import UserError

Part = str | int
"""A field name, or (in a note from before notes followed items) a list position."""


@dataclass(frozen=True)
class Key:
    """A list item named by its ``id`` (``by_id``) or by the fingerprint of its content."""

    value: str
    by_id: bool = True

    def __str__(self) -> str:
        return f"[{json.dumps(self.value)}]" if self.by_id else f"[#{self.value}]"


Step = Part | Key

_STEP = re.compile(
    r"\.?(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|\[(?P<index>\d+)\]"
    r'|\[(?P<id>"(?:[^"\\]|\\.)*")\]'
    r"|\[#(?P<print>[0-9a-f]{12})\]"
)
FINGERPRINT_CHARS = 12


def parse(target: str) -> tuple[Step, ...]:
    """``'achievements["a1"].title'`` → ``("achievements", Key("a1"), "title")``.

    Raises ValueError for text that is not a target."""
    steps: list[Step] = []
    pos = 0
    while pos < len(target):
        match = _STEP.match(target, pos)
        if match is None or (pos == 0 and target.startswith(".")):
            raise ValueError(f"not a document path: {target!r}")
        if match["name"] is not None:
            steps.append(match["name"])
        elif match["index"] is not None:
            steps.append(int(match["index"]))
        elif match["id"] is not None:
            steps.append(Key(json.loads(match["id"])))
        else:
            steps.append(Key(match["print"], by_id=False))
        pos = match.end()
    return tuple(steps)


def join(steps: tuple[Step, ...] | list[Step], *, hide_keys: bool = False) -> str:
    """The inverse of :func:`parse`; ``hide_keys`` writes each key as ``[…]`` (for readers)."""
    text = ""
    for step in steps:
        if isinstance(step, str):
            text += f".{step}" if text else step
        elif isinstance(step, Key):
            text += "[…]" if hide_keys else str(step)
        else:
            text += f"[{step}]"
    return text


def key_of(item: Any) -> Key:
    """How a note names ``item``: its ``id`` when it has one, else its content's fingerprint."""
    ident = getattr(item, "id", None)
    if isinstance(ident, str) and ident:
        return Key(ident)
    data = item.model_dump(mode="json") if hasattr(item, "model_dump") else item
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
    return Key(hashlib.sha256(canonical.encode()).hexdigest()[:FINGERPRINT_CHARS], by_id=False)


def anchor(review: Any, path: str) -> str:
    """The target of a note on what ``path`` (positions) shows now.

    ValueError if ``path`` is not a path; LookupError if the review has nothing there;
    UserError if an item on the way cannot be told apart from another (the same id twice)."""
    parts = paths.parse(path)
    value: Any = review
    steps: list[Step] = []
    for number, part in enumerate(parts):
        parent, value = value, paths.step(value, part)
        if isinstance(part, int):
            key = key_of(value)
            if sum(key_of(other) == key for other in parent) > 1:
                same = f"the same id {key.value}" if key.by_id else "the same content"
                raise UserError(
                    f"{paths.join(parts[: number + 1])} cannot be told apart from another item "
                    f"of its list ({same}), so a note could not follow it; comment on the "
                    "list instead."
                )
            steps.append(key)
        else:
            steps.append(part)
    return join(steps)


def locate(review: Any, target: str) -> str | None:
    """Where the note on ``target`` is now, in positions (``achievements[1].title``); None if
    its item is gone, was a position of an older note, or cannot be told apart (detached)."""
    try:
        steps = parse(target)
    except ValueError:
        return None
    value: Any = review
    found: list[Part] = []
    for step in steps:
        if isinstance(step, int):
            return None
        if isinstance(step, Key):
            if not isinstance(value, list):
                return None
            matches = [i for i, item in enumerate(value) if key_of(item) == step]
            if len(matches) != 1:
                return None
            found.append(matches[0])
            value = value[matches[0]]
        else:
            try:
                value = paths.step(value, step)
            except LookupError:
                return None
            found.append(step)
    return paths.join(found)


def is_positional(target: str) -> bool:
    """True for a note from before notes followed items (it names a list position)."""
    try:
        return any(isinstance(step, int) for step in parse(target))
    except ValueError:
        return False


def item_of(review: Any, target: str) -> tuple[str, Any] | None:
    """The innermost list item the note on ``target`` is about, with its path (positions);
    None if the note is on no item, or detached."""
    where = locate(review, target)
    if where is None:
        return None
    parts = paths.parse(where)
    last = max((i for i, part in enumerate(parts) if isinstance(part, int)), default=-1)
    if last < 0:
        return None
    path = paths.join(parts[: last + 1])
    return path, paths.resolve(review, path)


LABEL_CHARS = 60
"""How much of an item's name a heading shows."""

LABEL_FIELDS = ("title", "pattern", "topic", "text", "name", "party")
"""The fields that name an item for a reader, first non-empty wins."""


def label(item: Any) -> str:
    """The words that name ``item`` (an achievement's title, an action's text…), or ``""``."""
    if isinstance(item, str):
        return item
    for name in LABEL_FIELDS:
        value = getattr(item, name, None)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def describe(review: Any, target: str) -> str:
    """The target as a reader sees it: ``achievements[1] "Scrap rate down…"``, ``the whole
    review``, or, for a detached note, what it named and why it no longer shows."""
    if not target:
        return "the whole review"
    where = locate(review, target)
    if where is None:
        if is_positional(target):
            return f"{target} (detached: an older note by position; the item may have moved)"
        return f"{_readable(target)} (detached: no longer in the review)"
    found = item_of(review, target)
    name = label(found[1]) if found else ""
    if name:
        name = name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"
        return f'{where} "{name}"'
    return where


def _readable(target: str) -> str:
    """A detached target without its opaque keys: ``achievements[…].title``."""
    try:
        return join(parse(target), hide_keys=True)
    except ValueError:
        return target


def target_for(review: Any, text: str) -> str:
    """The target of a new note on ``text``: a path by positions as the user types it
    (``achievements[1].title``), or a target that already names items.

    ValueError if ``text`` is neither; LookupError if the review has nothing there; UserError
    if an item on the way cannot be told apart from another."""
    try:
        return anchor(review, text)
    except ValueError:
        parse(text)  # ValueError: not a target either
        if locate(review, text) is None:
            raise LookupError(text) from None
        return text
