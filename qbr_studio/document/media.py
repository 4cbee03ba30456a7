"""How many pictures a review may hold: one limit, used by the file reader and by the edits.

A review's media (``ReviewFile.media``, ``Document.media``) also carries the review's own deck
template, under :func:`template_entry` (a name no picture can have, since it holds a ``/``), so
every path that keeps a review's pictures (save, autosave, recovery, import) keeps its template
too. The template does not count against the pictures' budget; it has its own limit (the
guarded reader's ``MAX_TEMPLATE_BYTES``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

MiB = 1024 * 1024
MAX_MEDIA_BYTES = 256 * MiB
"""Largest total uncompressed size of all of a review's pictures (``media/`` in the .qbr)."""


TEMPLATE_PREFIX = "template/"
"""Where a review's own deck template sits in its media, and in the .qbr zip."""
TEMPLATE_ENTRY = re.compile(r"^template/[0-9a-f]{16}\.pptx$")
"""The only template entry names read: the first 16 hex digits of the template's SHA-256."""


def template_entry(sha256: str) -> str:
    """The media name (and .qbr entry) of the template whose bytes have this SHA-256."""
    return f"{TEMPLATE_PREFIX}{sha256[:16]}.pptx"


def is_template_entry(name: str) -> bool:
    return name.startswith(TEMPLATE_PREFIX)


def over_budget(media: Mapping[str, bytes], data: bytes, *, replacing: str | None) -> bool:
    """True if adding ``data`` in place of the picture named ``replacing`` (None: adding
    it beside the others) makes the pictures more than :data:`MAX_MEDIA_BYTES`."""
    others = sum(
        len(b) for name, b in media.items() if name != replacing and not is_template_entry(name)
    )
    return others + len(data) > MAX_MEDIA_BYTES


def budget_text() -> str:
    """The limit as a user reads it: ``the 256 MB a review file can hold``."""
    return f"the {MAX_MEDIA_BYTES // MiB} MB a review file can hold"
