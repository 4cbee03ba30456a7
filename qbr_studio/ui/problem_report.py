"""Help › Report a problem: a zip of QBR Studio's log and a description of this computer, for
whoever supports the app. The review itself (customers, numbers, notes) goes in only when the
user ticks it. Also where the log file is kept (imports no Qt)."""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
import os
import platform
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

from qbr_studio import __version__
from qbr_studio.errors import UserError, os_reason
from qbr_studio.paths import config_dir, state_dir

LOG_NAME = "qbr-studio.log"
LOG_BYTES, LOG_BACKUPS = 1_000_000, 2
ENVIRONMENT_KEYS = (
    "QT_QPA_PLATFORM",
    "QT_SCALE_FACTOR",
    "QT_SCREEN_SCALE_FACTORS",
    "XDG_SESSION_TYPE",
    "XDG_CURRENT_DESKTOP",
    "DESKTOP_SESSION",
    "WAYLAND_DISPLAY",
    "DISPLAY",
    "LANG",
    "LC_ALL",
)
"""Environment variables that explain display and language problems (nothing personal)."""


def log_dir() -> Path:
    return state_dir() / "logs"


def start_logging() -> Path | None:
    """Log warnings and errors to stderr and to a small rotating file; the file, if writable."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not any(isinstance(h, logging.StreamHandler) for h in root.handlers):
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(fmt)
        root.addHandler(console)
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(fmt)
    root.addHandler(handler)
    logging.getLogger(__name__).info("QBR Studio %s started", __version__)
    return path


def environment(extra: Mapping[str, str] | None = None) -> str:
    """What a supporter needs to know about this computer, one ``key: value`` a line."""
    lines = {
        "QBR Studio": __version__,
        "bundle": "yes" if getattr(sys, "frozen", False) else "no (Python install)",
        "Python": sys.version.replace("\n", " "),
        "system": platform.platform(),
        "machine": platform.machine(),
        "written": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "config folder": str(config_dir()),
        "state folder": str(state_dir()),
        **dict(extra or {}),
    }
    for key in ENVIRONMENT_KEYS:
        if key in os.environ:
            lines[f"${key}"] = os.environ[key]
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


def write_report(
    out: Path,
    *,
    review: Path | None = None,
    extra: Mapping[str, str] | None = None,
) -> list[str]:
    """Write the zip to ``out``: the logs, ``environment.txt`` and (only if given) the review
    file. The names in the zip. Raises UserError if ``out`` can't be written."""
    names: list[str] = []
    partial = out.with_name(out.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("environment.txt", environment(extra))
            names.append("environment.txt")
            folder = log_dir()
            logs = sorted(folder.glob(LOG_NAME + "*")) if folder.is_dir() else []
            for log in logs:
                archive.write(log, f"logs/{log.name}")
                names.append(f"logs/{log.name}")
            if review is not None and review.is_file():
                archive.write(review, f"review/{review.name}")
                names.append(f"review/{review.name}")
        partial.replace(out)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise UserError(
            f"{out}: could not write the problem report ({os_reason(err, out, writing=True)})"
        ) from None
    return names
