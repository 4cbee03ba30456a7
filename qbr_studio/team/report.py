"""``team status`` in words and as JSON: per folder, each CSM's readiness, then every file
left out with its reason."""

from __future__ import annotations

from collections.abc import Sequence

from qbr_studio.team.collect import Entry, Kind, TeamFolder
from qbr_studio.team.follow import is_behind, version_note


def status_dict(folders: Sequence[TeamFolder]) -> dict[str, object]:
    return {
        "folders": [
            {
                "folder": str(f.folder),
                "team": f.team,
                "quarter": f.quarter,
                "pack": (
                    {
                        "file": f.pack.path.name,
                        "team": f.pack.pack.team,
                        "version": f.pack.pack.version,
                    }
                    if f.pack
                    else None
                ),
                "csms": [
                    {
                        "csm": p.csm,
                        "submitted": p.submitted,
                        "complete": bool(p.entry and p.entry.complete),
                        "review": _review_dict(f, p.entry) if p.entry else None,
                    }
                    for p in f.presenters
                ],
                "files": [e.to_dict() for e in f.entries],
                "left_out": [e.to_dict() for e in f.problems],
            }
            for f in folders
        ]
    }


def _review_dict(folder: TeamFolder, entry: Entry) -> dict[str, object]:
    meta = entry.review.meta if entry.review else None
    behind = meta is not None and is_behind(meta, folder.pack)
    return {**entry.to_dict(), "pack_behind": behind}


def _pack_line(folder: TeamFolder, entry: Entry) -> str | None:
    """For a team with a pack: the review made with another version of it (or another
    team's), or not saved since it follows one."""
    meta = entry.review.meta if entry.review else None
    if folder.pack is None or meta is None:
        return None
    if meta.team_pack is None:
        return "not yet checked against the team pack: open it in QBR Studio and save"
    note = version_note(meta, folder.pack)
    if note and is_behind(meta, folder.pack):
        note += ": open it in QBR Studio and save to follow the new version"
    return note


def status_text(folders: Sequence[TeamFolder]) -> str:
    lines: list[str] = []
    for f in folders:
        quarter = f.quarter or "no quarter (no readable review)"
        people = f.presenters
        ready = sum(1 for p in people if p.entry is not None and p.entry.complete)
        lines.append(f"{f.folder}: {f.team}, {quarter}: {ready} of {len(people)} CSMs ready")
        if f.pack is not None:
            lines.append(f"  checked against {f.pack.path.name} ({f.pack.pack.label})")
        for p in people:
            e = p.entry
            if e is None or e.review is None:
                twice = any(d.kind is Kind.DUPLICATE and d.csm == p.csm for d in f.entries)
                lines.append(
                    f"  {p.csm}: "
                    + ("submitted more than once (see left out)" if twice else "not submitted")
                    + f" for {quarter}"
                )
                continue
            state = "complete" if e.complete else f"{len(e.findings)} missing"
            when = e.modified.strftime("%Y-%m-%d %H:%M") if e.modified else "?"
            meeting = e.review.meta.meeting_date
            lines.append(
                f"  {p.csm}: submitted ({e.name}), {state}, changed {when} UTC, "
                + (f"presents {meeting.isoformat()}" if meeting else "no meeting date")
            )
            lines += [f"      - {finding}" for finding in e.findings[:5]]
            if len(e.findings) > 5:
                lines.append(f"      … and {len(e.findings) - 5} more (qbr-studio check {e.name})")
            if e.migrated_from is not None:
                lines.append(f"      note: {e.reason}")
            pack_line = _pack_line(f, e)
            if pack_line:
                lines.append(f"      pack: {pack_line}")
        problems = f.problems
        if problems:
            lines.append(f"  left out ({len(problems)}):")
            lines += [f"    {e.name}: {e.kind.value}: {e.reason}" for e in problems]
        others = [e for e in f.entries if e.kind is Kind.OTHER_QUARTER]
        if others:
            lines.append(f"  other quarters ({len(others)}): " + ", ".join(e.name for e in others))
    return "\n".join(lines)
