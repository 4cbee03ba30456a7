"""Files made from bytes the app holds (a review's template, a template's embedded fonts), for
code that reads files: written once under the state folder, in a folder named by the bytes'
SHA-256, so the same bytes always give the same file, which is never rewritten."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from qbr_studio.errors import UserError, os_reason
from qbr_studio.paths import state_dir
from qbr_studio.storage.atomic import atomic_write_bytes

_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()-]")


def content_file(kind: str, data: bytes, name: str) -> Path:
    """A file holding ``data`` named ``name`` (made a plain file name: messages name it) in
    ``<state dir>/<kind>/<sha256>/``; UserError naming the folder if it can't be written."""
    folder = state_dir() / kind / hashlib.sha256(data).hexdigest()
    path = folder / plain_name(name)
    try:
        if path.is_file() and path.stat().st_size == len(data):
            return path
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)
    except OSError as err:
        reason = os_reason(err, folder, writing=True)
        raise UserError(f"Could not prepare {path.name} in {folder} ({reason}).") from None
    return path


def plain_name(name: str) -> str:
    """``name`` without folders or characters a file system may refuse (at most 120)."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip(" .")
    return (base or "file")[-120:]
