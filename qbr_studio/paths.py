"""Where QBR Studio keeps its own files on this machine (platformdirs), and bundled resources.

Tests and scripted use can move the per-user folders with ``QBR_STUDIO_CONFIG_DIR``,
``QBR_STUDIO_STATE_DIR`` and ``QBR_STUDIO_DOCUMENTS_DIR``, so a test never touches the real
user's settings, recovery area or documents.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "qbr-studio"
RESOURCES = Path(__file__).resolve().parent / "resources"


def config_dir() -> Path:
    """Preferences and remembered column mappings."""
    override = os.environ.get("QBR_STUDIO_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def state_dir() -> Path:
    """Autosave/recovery area and the recent-files list."""
    override = os.environ.get("QBR_STUDIO_STATE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))


def documents_dir() -> Path:
    """The user's own documents folder: where their reviews go unless they choose otherwise."""
    override = os.environ.get("QBR_STUDIO_DOCUMENTS_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
