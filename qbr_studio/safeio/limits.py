"""Every limit the guarded reader enforces, in one place, with the names messages use.

A real CSM's files are far below these. Each number is chosen so the largest file allowed
still opens in a few seconds and a few hundred megabytes; anything above is refused before a
parser allocates for it, with a message naming the file and the limit. docs/security.md lists
them for a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024


@dataclass(frozen=True)
class FileKind:
    """What a file is read as: its words in messages and the largest size accepted on disk."""

    label: str
    max_bytes: int
    limit_name: str


FILE_KINDS: dict[str, FileKind] = {
    "spreadsheet": FileKind("spreadsheet", 100 * MiB, "MAX_FILE_BYTES"),
    "template": FileKind("PowerPoint template", 100 * MiB, "MAX_TEMPLATE_BYTES"),
    "mapping": FileKind("mapping file", 4 * MiB, "MAX_MAPPING_BYTES"),
    "logo": FileKind("logo picture", 20 * MiB, "MAX_LOGO_BYTES"),
    "review": FileKind("review file", 448 * MiB, "MAX_REVIEW_FILE_BYTES"),
    "sidecar": FileKind("sidecar file", 16 * MiB, "MAX_SIDECAR_BYTES"),
}
"""Size on disk per kind of file. A review holds at most 64 MiB of JSON, 256 MiB of pictures
and one template (stored, at most the template limit; see :data:`ZIP_KINDS`), so its file
can't usefully be larger than 448 MiB — and every review the app can save it can reopen."""


@dataclass(frozen=True)
class ZipLimits:
    """What a zip container may hold, checked from its central directory before inflating.

    ``max_ratio`` applies to members above ``ratio_floor`` bytes (tiny members compress
    oddly); None where the absolute sizes already bound memory and the content compresses
    far (a review's JSON of repeated text).
    """

    max_members: int
    max_total: int
    max_member: int
    max_ratio: float | None
    ratio_floor: int = MiB


ZIP_KINDS: dict[str, ZipLimits] = {
    "spreadsheet": ZipLimits(10_000, 400 * MiB, 400 * MiB, 200),
    "template": ZipLimits(5_000, 400 * MiB, 200 * MiB, 200),
    "review": ZipLimits(10_000, 64 * MiB + 256 * MiB + 100 * MiB + MiB, 256 * MiB, None),
}

MAX_JSON_DEPTH = 64
"""Nesting of objects and lists in any JSON the app reads (a review needs 8, a mapping 4)."""

MAX_XML_BYTES = 8 * MiB
"""An XML part the project parses itself as a tree (workbook index, content types)."""


def mb(n_bytes: int) -> str:
    """``104857600`` → ``"100 MB"``, for messages (small sizes in bytes)."""
    if n_bytes < MiB:
        return f"{n_bytes:,} bytes"
    return f"{n_bytes / MiB:,.0f} MB"
