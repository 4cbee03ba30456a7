"""A picture file the user offers as a customer's logo: checked, then named for the .qbr file.

The check is what the user's eyes can't do, by the one rule the deck and ``qbr-studio check``
apply (:mod:`qbr_studio.storage.pictures`): that the file is really a PNG or JPEG picture (by
its content, whatever its name says), that it decodes completely, and that it is not so big
that it bloats the review file or the deck. Every refusal is a :class:`UserError` naming the
file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio.errors import UserError, os_reason
from qbr_studio.safeio import GuardedReadError, read_bytes
from qbr_studio.storage.pictures import MAX_LOGO_BYTES, MAX_LOGO_SIDE, MiB, logo_info, logo_problem
from qbr_studio.ui.document import Picture

if TYPE_CHECKING:
    from qbr_studio.model import MediaRef

__all__ = ["MAX_LOGO_BYTES", "MAX_LOGO_SIDE", "MiB", "logo_from_bytes", "read_logo"]

SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg"}
"""Content type of an accepted logo → its file suffix in the .qbr."""


def read_logo(path: Path) -> Picture:
    """The picture in ``path`` ready to be the deep dive's logo; UserError if it can't be."""
    path = Path(path)
    try:
        if path.is_dir():
            raise UserError(_refused(path, "it is a folder, not a picture"))
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            raise UserError(
                _refused(
                    path,
                    f"it is {_megabytes(size)}, and a logo can be at most "
                    f"{_megabytes(MAX_LOGO_BYTES)}. Save a smaller copy (a few hundred pixels "
                    "across is plenty) and choose that",
                )
            )
        data = read_bytes(path, "logo", max_bytes=MAX_LOGO_BYTES)  # no FIFO, device, growth
    except GuardedReadError as err:
        raise UserError(_refused(path, err.reason)) from None
    except OSError as err:
        raise UserError(_refused(path, f"the file could not be read ({os_reason(err)})")) from None
    return logo_from_bytes(data, path)


def logo_from_bytes(data: bytes, path: Path) -> Picture:
    """``data`` (the content of ``path``) as a logo picture; UserError if it isn't one."""
    problem = logo_problem(data)
    info = logo_info(data)
    if problem is not None or info is None:
        raise UserError(_refused(path, f"the file {problem}"))
    return Picture(_media_ref(data, info.content_type), data, path.name)


def _media_ref(data: bytes, content_type: str) -> MediaRef:
    from qbr_studio.model import MediaRef

    suffix = SUFFIXES[content_type]
    # Named by content: the same picture chosen twice is the same media entry, and the name
    # always fits the .qbr rule (letters, digits, dot, dash).
    digest = hashlib.sha256(data).hexdigest()[:16]
    return MediaRef(name=f"logo-{digest}{suffix}", content_type=content_type)


def _refused(path: Path, why: str) -> str:
    return f"Could not use {path} as the logo: {why}."


def _megabytes(size: int) -> str:
    return f"{size / MiB:.1f} MB"
