"""A review that follows a team pack: which pack (the one in the review's folder, read again
at every open), the standard it sets for the review's deck, and the pack version the review
records (``meta.team_pack``).

The stamp is written only when the review is saved anyway — by ``new --team-pack``, by the
app's save, by a command that saves the review — never by ``check``, which writes nothing: it
says which version it checked against and which the review was made with when they differ.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio.deck.planning.standard import PRODUCT_STANDARD, DeckStandard
from qbr_studio.model import Meta, PackStamp
from qbr_studio.team.pack_files import packs_in

if TYPE_CHECKING:
    from qbr_studio.team.pack import LoadedPack


def pack_beside(review: Path) -> LoadedPack | None:
    """The team pack in ``review``'s folder, or None; UserError when it cannot be read or
    the folder holds several (:func:`~qbr_studio.team.pack.find_pack`)."""
    folder = Path(review).resolve().parent
    if not packs_in(folder):
        return None  # the pack's format (its models) isn't even imported
    from qbr_studio.team.pack import find_pack

    return find_pack(folder)


def standard_of(pack: LoadedPack | None) -> DeckStandard:
    """The pack's health scorecard and slide budgets; the product's own without a pack."""
    return pack.pack.standard if pack is not None else PRODUCT_STANDARD


def stamp(meta: Meta, pack: LoadedPack, on: dt.date | None = None) -> None:
    """Record in ``meta`` that the review follows ``pack`` at its current version."""
    meta.team_pack = PackStamp(
        team=pack.pack.team, version=pack.pack.version, checked_on=on or dt.date.today()
    )


def restamp(review: Path, meta: Meta) -> str | None:
    """Before the review at ``review`` is saved: stamp ``meta`` with the version of the pack
    beside it, if any. A pack that cannot be read leaves the stamp as it was (the save goes
    on) and its reason is returned, for the caller to say."""
    from qbr_studio.errors import UserError

    try:
        pack = pack_beside(review)
    except UserError as err:
        return str(err)
    if pack is not None:
        stamp(meta, pack)
    return None


def version_note(meta: Meta, pack: LoadedPack | None) -> str | None:
    """When the pack checked against is not the one the review records, one sentence saying
    so; None when they agree (or there is neither)."""
    made = meta.team_pack
    if pack is None:
        if made is None:
            return None
        return (
            f"the review was made with the {made.team} team pack, version {made.version}, "
            "which is not in its folder: it was checked against the product's own standard "
            "(keep the pack beside the review)"
        )
    now = pack.pack
    if made is None:
        return None
    if made.team.casefold() != now.team.casefold():
        return (
            f"checked against {now.label}; the review was made with the {made.team} team "
            f"pack, version {made.version}"
        )
    if made.version != now.version:
        return (
            f"checked against version {now.version}; the review was made with version "
            f"{made.version}"
        )
    return None


def version_text(meta: Meta, pack: LoadedPack | None) -> str:
    """The pack version a review follows, short, for a table cell: "3", "2 (older than 3)",
    "not yet saved with the pack"; "" when the folder has no pack."""
    made = meta.team_pack
    if pack is None:
        return ""
    if made is None:
        return "not yet saved with the pack"
    if made.team.casefold() != pack.pack.team.casefold():
        return f"{made.team} pack {made.version}"
    if is_behind(meta, pack):
        return f"{made.version} (older than {pack.pack.version})"
    return str(made.version)


def is_behind(meta: Meta, pack: LoadedPack | None) -> bool:
    """Whether the review records an older version of the pack than ``pack``."""
    made = meta.team_pack
    return (
        pack is not None
        and made is not None
        and made.team.casefold() == pack.pack.team.casefold()
        and made.version < pack.pack.version
    )
