"""The recently opened reviews (newest first), kept in ``recent.json`` in the state folder.

Plain Python, no Qt. A damaged list is ignored rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from qbr_studio.paths import state_dir

log = logging.getLogger(__name__)

RECENT_FILE = "recent.json"
MAX_RECENT = 10
"""How many reviews File › Open Recent lists."""


def recent_path() -> Path:
    return state_dir() / RECENT_FILE


def load_recent() -> list[Path]:
    """Recently opened review files, newest first (files since deleted included)."""
    if not recent_path().exists():
        return []
    from qbr_studio.errors import UserError
    from qbr_studio.safeio import read_json  # lazily: the window's shell paints first

    try:
        raw = read_json(recent_path(), "sidecar")  # bounded: a hostile file can't hang the start
    except UserError as err:
        log.warning("Ignoring unreadable recent-files list %s: %s", recent_path(), err)
        return []
    if not isinstance(raw, list):
        return []
    return [Path(item) for item in raw if isinstance(item, str) and item][:MAX_RECENT]


def remember(path: Path) -> list[Path]:
    """Put ``path`` first in the list; the new list. Failing to write it is only logged."""
    path = Path(path).resolve()
    paths = [path, *(p for p in load_recent() if p != path)][:MAX_RECENT]
    _write(paths)
    return paths


def forget(path: Path) -> list[Path]:
    """Drop ``path`` from the list (it was moved or deleted); the new list."""
    paths = [p for p in load_recent() if p != Path(path).resolve() and p != Path(path)]
    _write(paths)
    return paths


def last_existing() -> Path | None:
    """The most recent review that still exists, if any."""
    return next((p for p in load_recent() if p.is_file()), None)


def _write(paths: list[Path]) -> None:
    """Replace the list atomically, without waiting for the disk (no fsync): it is written
    each time a review opens, on the way to the review on screen, and a list lost to a power
    cut costs only File › Open Recent's entries (~5-15 ms of wall time, more on a busy disk)."""
    from qbr_studio.errors import UserError
    from qbr_studio.storage import atomic_write_bytes

    target = recent_path()
    text = json.dumps([str(p) for p in paths], indent=2, ensure_ascii=False) + "\n"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, text.encode("utf-8"), durable=False)
    except (OSError, UserError) as err:  # a convenience list: never worth an error dialog
        log.warning("Could not update the recent-files list %s: %s", target, err)
