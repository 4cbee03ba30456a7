"""The user's preferences (author name, template for new reviews, output folder): plain data.

Stored as ``preferences.json`` in the per-user config folder (:func:`qbr_studio.paths.config_dir`).
A missing or damaged file gives the defaults: preferences must never stop the app starting.
The dialog that edits them is :mod:`qbr_studio.ui.preferences_dialog`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from qbr_studio.errors import UserError, os_reason
from qbr_studio.paths import config_dir

log = logging.getLogger(__name__)

PREFERENCES_FILE = "preferences.json"


@dataclass(frozen=True)
class Preferences:
    """``author_name``: the CSM's name, offered for new reviews. ``default_template``: a
    .pptx/.potx given to each new review as its own deck template ("" = none: the team pack's,
    else the bundled template); an open review keeps the template it has. ``default_output_folder``:
    where decks and PDFs are suggested ("" = beside the review file)."""

    author_name: str = ""
    default_template: str = ""
    default_output_folder: str = ""

    @property
    def template_path(self) -> Path | None:
        return Path(self.default_template) if self.default_template else None

    @property
    def output_folder(self) -> Path | None:
        return Path(self.default_output_folder) if self.default_output_folder else None


def preferences_path() -> Path:
    return config_dir() / PREFERENCES_FILE


def load_preferences() -> Preferences:
    """The saved preferences, or the defaults if there are none or they can't be read."""
    path = preferences_path()
    if not path.exists():
        return Preferences()
    from qbr_studio.errors import UserError
    from qbr_studio.safeio import read_json  # lazily: the window's shell paints first

    try:
        raw = read_json(path, "sidecar")  # bounded: a hostile file can't hang the start
    except UserError as err:
        log.warning("Ignoring unreadable preferences %s: %s", path, err)
        return Preferences()
    if not isinstance(raw, dict):
        return Preferences()
    known = {f.name for f in fields(Preferences)}
    return Preferences(**{k: str(v) for k, v in raw.items() if k in known and v is not None})


def save_preferences(preferences: Preferences) -> None:
    """Write the preferences atomically; raises UserError naming the file."""
    from qbr_studio.storage import atomic_write_bytes

    path = preferences_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(
            f"Could not save preferences to {path}: {os_reason(err, path, writing=True)}."
        ) from err
    text = json.dumps(asdict(preferences), indent=2, ensure_ascii=False) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))


def check_preferences(preferences: Preferences) -> str:
    """What is wrong with the chosen template or folder, in plain words ("" if nothing)."""
    folder = preferences.output_folder
    if folder is not None and not folder.is_dir():
        return f"The output folder {folder} does not exist."
    template = preferences.template_path
    if template is not None:
        from qbr_studio.deck.reading.template import load_template

        try:
            load_template(template)
        except UserError as err:
            return str(err)
    return ""
