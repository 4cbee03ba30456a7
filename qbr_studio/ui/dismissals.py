"""Pattern suggestions the CSM dismissed, remembered per review file and quarter.

The review file has no field for them (the format stays at version 4), so they are kept as a
preference of this computer: ``suggestions.ini`` in the config folder, one entry per review
file path and quarter. A review not yet saved keeps them for the session; saving it under a
name keeps them from then on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from qbr_studio.paths import config_dir

FILE = "suggestions.ini"

_session: dict[str, set[str]] = {}
"""Dismissals of reviews without a file, by review identity, for this session."""


def review_key(path: Path | None, quarter: str, session_id: int) -> str:
    """Which review the dismissals belong to: its file and quarter (a new quarter carried
    from the same file asks afresh), or this session's unsaved review."""
    if path is None:
        return f"unsaved-{session_id}-{quarter}"
    text = f"{Path(path).resolve()}|{quarter}"
    return "review-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _settings() -> QSettings:
    return QSettings(str(config_dir() / FILE), QSettings.Format.IniFormat)


def dismissed(key: str) -> set[str]:
    if key.startswith("unsaved-"):
        return set(_session.get(key, set()))
    value = _settings().value(f"dismissed/{key}", [])
    if isinstance(value, str):  # QSettings gives one value back as a plain string
        value = [value]
    return {str(v) for v in value or []}


def dismiss(key: str, suggestion_key: str) -> None:
    keys = dismissed(key) | {suggestion_key}
    if key.startswith("unsaved-"):
        _session[key] = keys
        return
    settings = _settings()
    settings.setValue(f"dismissed/{key}", sorted(keys))
    settings.sync()


def adopt(old: str, new: str) -> None:
    """An unsaved review was saved: its session dismissals go with its file from now on."""
    for suggestion_key in _session.pop(old, set()):
        dismiss(new, suggestion_key)
