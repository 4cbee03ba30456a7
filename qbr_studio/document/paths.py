"""Paths into the review document: ``revenue.action_items[2].owner``.

The one notation the app, :mod:`qbr_studio.checks`, the storage messages and the feedback
sidecars use: dotted field names, ``[n]`` for the n-th item of a list. The empty path ``""``
is the whole review.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

Part = str | int
"""One step of a path: a field name, or a list index."""

_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


def parse(path: str) -> tuple[Part, ...]:
    """``"achievements[2].title"`` → ``("achievements", 2, "title")``; ``""`` → ``()``.

    Raises ValueError for text that is not a path.
    """
    parts: list[Part] = []
    pos = 0
    while pos < len(path):
        match = _STEP.match(path, pos)
        if match is None or (pos == 0 and path.startswith(".")):
            raise ValueError(f"not a document path: {path!r}")
        name, index = match.groups()
        parts.append(name if name is not None else int(index))
        pos = match.end()
    return tuple(parts)


def join(parts: Iterable[Part]) -> str:
    """The inverse of :func:`parse`; also turns a pydantic error ``loc`` into a path."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def resolve(root: Any, path: str) -> Any:
    """The value at ``path`` under ``root``; raises LookupError if the path leads nowhere."""
    value = root
    for part in parse(path):
        value = step(value, part)
    return value


def step(value: Any, part: Part) -> Any:
    """One step down: a list item or a field; LookupError if there is none."""
    if isinstance(part, int):
        if not isinstance(value, list) or part >= len(value):
            raise LookupError(f"no item {part}")
        return value[part]
    if not hasattr(value, part):
        raise LookupError(f"no field {part}")
    return getattr(value, part)


def is_within(path: str, ancestor: str) -> bool:
    """True if ``path`` is ``ancestor`` itself or lies below it (``""`` holds every path)."""
    if not ancestor or path == ancestor:
        return True
    return path.startswith(ancestor) and path[len(ancestor)] in ".["


def related(a: str, b: str) -> bool:
    """True if a change at one path can change what is shown for the other."""
    return is_within(a, b) or is_within(b, a)
