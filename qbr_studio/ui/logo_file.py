"""A picture file the user offers as a customer's logo: checked, then named for the .qbr file.

The check is what the user's eyes can't do: that the file is really a PNG or JPEG picture (by
its content, whatever its name says), that Qt can decode it, and that it is not so big that
it bloats the review file or the deck. Every refusal is a :class:`UserError` naming the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader

from qbr_studio.errors import UserError
from qbr_studio.safeio import GuardedReadError, read_bytes
from qbr_studio.ui.document import Picture

if TYPE_CHECKING:
    from qbr_studio.model import MediaRef

MiB = 1024 * 1024
MAX_LOGO_BYTES = 10 * MiB
"""Largest logo file accepted; a crisp logo is a few hundred KB (the .qbr holds at most
256 MB of pictures, see :data:`qbr_studio.storage.container.MAX_MEDIA_BYTES`)."""
MAX_LOGO_SIDE = 5000
"""Most pixels a logo may have across or down: more is never needed on a slide, and a larger
picture would take hundreds of MB once decoded."""
FORMATS = {"png": ("image/png", ".png", "PNG"), "jpeg": ("image/jpeg", ".jpg", "JPEG")}
"""Qt's name of each accepted format → (content type, file suffix in the .qbr, plain name)."""


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
        raise UserError(_refused(path, f"the file could not be read ({err.strerror})")) from None
    return logo_from_bytes(data, path)


def logo_from_bytes(data: bytes, path: Path) -> Picture:
    """``data`` (the content of ``path``) as a logo picture; UserError if it isn't one."""
    if not data:
        raise UserError(_refused(path, "the file is empty"))
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setDecideFormatFromContent(True)
    kind = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if kind not in FORMATS:
        found = f" (it is a {kind.upper()} picture)" if kind else ""
        raise UserError(_refused(path, f"it is not a PNG or JPEG picture{found}"))
    width, height = reader.size().width(), reader.size().height()
    if max(width, height) > MAX_LOGO_SIDE:
        raise UserError(
            _refused(
                path,
                f"it is {width:,} × {height:,} pixels, and a logo can be at most "
                f"{MAX_LOGO_SIDE:,} pixels across or down. Save a smaller copy and choose that",
            )
        )
    image: QImage = reader.read()
    if image.isNull():
        raise UserError(_refused(path, f"the {FORMATS[kind][2]} picture in it is damaged"))
    return Picture(_media_ref(data, kind), data, path.name)


def _media_ref(data: bytes, kind: str) -> MediaRef:
    from qbr_studio.model import MediaRef

    content_type, suffix, _ = FORMATS[kind]
    # Named by content: the same picture chosen twice is the same media entry, and the name
    # always fits the .qbr rule (letters, digits, dot, dash).
    digest = hashlib.sha256(data).hexdigest()[:16]
    return MediaRef(name=f"logo-{digest}{suffix}", content_type=content_type)


def _refused(path: Path, why: str) -> str:
    return f"Could not use {path} as the logo: {why}."


def _megabytes(size: int) -> str:
    return f"{size / MiB:.1f} MB"
