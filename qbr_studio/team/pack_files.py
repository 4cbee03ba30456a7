"""Where team packs are: their file name ending and the packs directly in a folder.

Apart from the pack's format (:mod:`qbr_studio.team.pack`), so looking beside a review for a
pack — every ``build`` and ``check`` does — doesn't import the pack's models when there is none.
"""

from __future__ import annotations

from pathlib import Path

PACK_SUFFIX = ".qbrteam"


def packs_in(folder: Path) -> list[Path]:
    """The team pack files directly in ``folder``, by name."""
    return sorted(p for p in Path(folder).glob(f"*{PACK_SUFFIX}") if p.is_file())
