"""What a whole-process benchmark shares: the environment of an installed app."""

from __future__ import annotations

import os
from pathlib import Path


def installed_env(folder: Path) -> dict[str, str]:
    """This environment as an installed app runs: from compiled bytecode. A wheel's install
    and a bundle ship .pyc files, so a first run writes them (to a private folder under
    ``folder``) even where PYTHONDONTWRITEBYTECODE is set, for the floor and ours alike."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    return env
