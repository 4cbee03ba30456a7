"""A team folder built in code: a dozen CSMs' reviews and every broken case a shared or
synced folder holds (conflict copies, a transfer still running, a locked file, a damaged
file, newer and older file formats, a duplicate, last quarter's review, stray files)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

from review_factory import small_review

from qbr_studio.model import Achievement, Challenge, Meta, Review
from qbr_studio.storage import review_to_bytes, save_review

CSMS = (
    "Maya Okafor",
    "Liam Chen",
    "Sofia Rossi",
    "Noah Müller",
    "Aisha Khan",
    "Kenji Sato",
    "Elena Petrova",
    "Omar Haddad",
    "Grace Kim",
    "Lucas Silva",
)
MEETING = dt.date(2026, 12, 10)
OWN = (
    "Admins skip onboarding webinars",
    "Mobile app logins dropped after the redesign",
    "Finance teams export data to spreadsheets",
    "Single sign-on rollout stalled in legal review",
    "Dashboards load slowly for large regions",
    "New hires never receive licences",
)
"""Challenges only one CSM describes."""
SHARED = ("Reporting is barely used in most accounts", "Most accounts barely use reporting")


def csm_review(csm: str, i: int, *, quarter: str = "2026-Q4", complete: bool = True) -> Review:
    review = small_review()
    review.meta = Meta(csm=csm, team="Enterprise East", quarter=quarter, meeting_date=MEETING)
    for a in review.book.accounts:  # each CSM's own ARR
        a.arr = a.arr + i * 5_000
    review.achievements = [
        Achievement(
            account_id="acc-2",
            title=f"{csm.split()[0]}'s ticket deflection",
            metric="Tickets by bot",
            unit="%",
            before=10,
            after=10 + 5 * i,
            goal=40,
            story="The bot now answers the routine questions.",
        ),
        *(
            Achievement(
                title=f"{csm.split()[0]}'s win {n}",
                before=1,
                after=2,
                goal=4,
                story="Measured by the customer.",
            )
            for n in (1, 2)
        ),
    ]
    pattern = SHARED[i % 2] if i < 4 else OWN[(i - 4) % len(OWN)]
    review.challenges = [
        Challenge(pattern=pattern, evidence="12% use it", plan="Workshops", account_ids=["acc-1"])
    ]
    if not complete:
        review.revenue.renewals_story = ""
    return review


def older_format_bytes(review: Review) -> bytes:
    """``review`` as the prototype (file format 1) stored it."""
    with zipfile.ZipFile(io.BytesIO(review_to_bytes(review))) as src:
        data = json.loads(src.read("review.json"))
    year, q = data["meta"]["quarter"].split("-Q")
    data["schema_version"] = 1
    data["meta"]["quarter"] = {"year": int(year), "q": int(q)}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        dst.writestr("review.json", json.dumps(data))
    return out.getvalue()


def newer_format_bytes(review: Review) -> bytes:
    with zipfile.ZipFile(io.BytesIO(review_to_bytes(review))) as src:
        data = json.loads(src.read("review.json"))
    data["schema_version"] = 99
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        dst.writestr("review.json", json.dumps(data))
    return out.getvalue()


BROKEN = {
    "maya (1).qbr": "conflict copy",
    "liam-DESKTOP-4F2K9.qbr": "conflict copy",
    ".sofia.qbr.x81kq2.tmp": "still syncing",
    "noah.qbr.partial": "still syncing",
    "broken.qbr": "unreadable",
    "future.qbr": "newer version",
    "dup-a.qbr": "duplicate",
    "dup-b.qbr": "duplicate",
    "notes.txt": "stray file",
    "empty.qbr": "still syncing",
}
"""Each broken file the folder holds, and the kind ``team status`` must give it."""


def make_team_folder(folder: Path, *, count: int = len(CSMS)) -> Path:
    """``count`` good reviews (one for the older file format, one incomplete, one for last
    quarter too), plus every case of :data:`BROKEN`."""
    folder.mkdir(parents=True, exist_ok=True)
    good = [csm_review(csm, i, complete=i != 2) for i, csm in enumerate(CSMS[:count])]
    for i, review in enumerate(good):
        name = review.meta.csm.split()[0].lower()
        if i == 3:
            (folder / f"{name}.qbr").write_bytes(older_format_bytes(review))
        else:
            save_review(folder / f"{name}.qbr", review)
    (folder / "archive").mkdir(exist_ok=True)
    save_review(folder / "archive" / "maya-q3.qbr", csm_review(CSMS[0], 0, quarter="2026-Q3"))
    whole = review_to_bytes(good[0])
    (folder / "maya (1).qbr").write_bytes(whole)
    (folder / "liam-DESKTOP-4F2K9.qbr").write_bytes(whole)
    (folder / ".sofia.qbr.x81kq2.tmp").write_bytes(whole[:100])
    (folder / "noah.qbr.partial").write_bytes(whole[:100])
    (folder / "broken.qbr").write_bytes(whole[: len(whole) // 2])
    (folder / "empty.qbr").write_bytes(b"")
    (folder / "future.qbr").write_bytes(newer_format_bytes(csm_review("Zoe Future", 20)))
    twin = csm_review("Dana Twin", 21)
    save_review(folder / "dup-a.qbr", twin)
    save_review(folder / "dup-b.qbr", twin)
    (folder / "notes.txt").write_text("agenda ideas\n")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and mtime, to prove a command changed nothing in the folder."""
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
