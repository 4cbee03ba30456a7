"""Feedback into a built deck as real PowerPoint comments (the legacy comment parts that
PowerPoint and LibreOffice both read: ``ppt/commentAuthors.xml``, ``ppt/comments/commentN.xml``,
their relationships and content types).

The deck is written by :mod:`qbr_studio.deck`; this post-processes the finished file. Each
comment goes on the slide that shows its item, beside the row or text naming it (from the
deck's plan, :mod:`qbr_studio.feedback.placement`); replies and resolutions go beside their
comment; the rubric summary is a comment on the last slide (the appendix).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.feedback.anchors import describe
from qbr_studio.feedback.coaching import area_scores
from qbr_studio.feedback.events import FeedbackEvent, Kind, resolved_ids
from qbr_studio.feedback.placement import place, to_master_units
from qbr_studio.feedback.rubric import AREAS
from qbr_studio.storage import atomic_write_bytes

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
AUTHORS_REL = f"{R}/commentAuthors"
COMMENTS_REL = f"{R}/comments"
AUTHORS_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.commentAuthors+xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.comments+xml"

SUMMARY_AUTHOR = "QBR Studio"
"""The author of the rubric summary comment on the appendix."""
STACK = 110
"""Master units between comments placed on the same spot (a comment and its replies)."""


def _text(
    event: FeedbackEvent, by_id: dict[str, FeedbackEvent], resolved: set[str], review: Any
) -> str:
    where = f" [{describe(review, event.target)}]" if event.target else ""
    if event.kind is Kind.REPLY:
        parent = by_id.get(event.parent or "")
        about = f" to {parent.author}" if parent else ""
        return f"Reply{about}: {event.text}"
    if event.kind is Kind.RESOLVE:
        parent = by_id.get(event.parent or "")
        return f"Resolved: {parent.text if parent else event.parent}"
    state = " (resolved)" if event.id in resolved else ""
    return f"{event.text}{where}{state}"


def summary(events: Iterable[FeedbackEvent]) -> str:
    """The rubric scores, area by area: mean, then each reviewer's latest score and reason."""
    lines = ["Feedback summary (rubric, 1–5)"]
    for row in area_scores("", "", events):
        each = "; ".join(
            f"{e.author} {e.score}" + (f": {e.text}" if e.text else "") for e in row.scores
        )
        lines.append(f"{AREAS[row.area]}: {row.mean:.1f} ({each})")
    return "\n".join(lines) if len(lines) > 1 else ""


def add_comments(deck: Path, plan: DeckPlan, events: Sequence[FeedbackEvent], review: Any) -> int:
    """Put ``events`` on the slides of the .pptx ``deck`` (built from ``plan`` of ``review``)
    as PowerPoint comments, each beside the row or text that shows its item; the file is
    replaced atomically. The number of comments."""
    by_id = {e.id: e for e in events}
    resolved = resolved_ids(events)
    notes: dict[int, list[Note]] = defaultdict(list)
    stacked: dict[tuple[int, int, int], int] = defaultdict(int)
    for event in events:
        if event.kind is Kind.SCORE:
            continue
        on = by_id[event.parent].target if event.parent in by_id else event.target
        spot = place(plan, review, on)
        x, y = to_master_units(spot.x), to_master_units(spot.y)
        if not spot.found:
            x, y = 10, 10
        count = stacked[(spot.slide, x, y)]
        stacked[(spot.slide, x, y)] += 1
        text = _text(event, by_id, resolved, review)
        notes[spot.slide].append(Note(event.author, event.time, text, x, y + STACK * count))
    text = summary(events)
    if text and plan.slides:
        last = len(plan.slides) - 1
        notes[last].append(Note(SUMMARY_AUTHOR, max(e.time for e in events), text, 10, 10))
    count = sum(len(v) for v in notes.values())
    if count:
        atomic_write_bytes(deck, _with_comments(deck.read_bytes(), notes))
    return count


def put_feedback(
    deck: Path, plan: DeckPlan, review: Any, review_path: Path
) -> tuple[int, list[str]]:
    """Put the feedback gathered beside ``review_path`` on the built ``deck`` (from ``plan``):
    the number of comments, and the sidecars' problems (one sentence each). The one sequence
    behind ``build --feedback`` and the app's "Build with feedback"."""
    from qbr_studio.feedback.sidecar import gather

    feedback = gather(review_path)
    return add_comments(deck, plan, feedback.events, review), feedback.problems


@dataclass(frozen=True)
class Note:
    """One comment as written: who, when, what, and where on its slide (master units)."""

    author: str
    time: str
    text: str
    x: int
    y: int


def _with_comments(data: bytes, notes: dict[int, list[Note]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    slides = slide_parts(parts)
    authors: dict[str, list[int]] = {}  # name → [id, last idx]
    for slide_index in sorted(notes):
        cm_list = etree.Element(f"{{{P}}}cmLst", nsmap={"p": P})
        for note in notes[slide_index]:
            entry = authors.setdefault(note.author, [len(authors), 0])
            entry[1] += 1
            cm = etree.SubElement(
                cm_list,
                f"{{{P}}}cm",
                authorId=str(entry[0]),
                dt=note.time.rstrip("Z")[:19],
                idx=str(entry[1]),
            )
            etree.SubElement(cm, f"{{{P}}}pos", x=str(note.x), y=str(note.y))
            etree.SubElement(cm, f"{{{P}}}text").text = note.text
        name = f"ppt/comments/comment{slide_index + 1}.xml"
        parts[name] = _xml(cm_list)
        slide = slides[slide_index]
        target = posixpath.relpath(name, posixpath.dirname(slide))
        _add_rel(parts, slide, COMMENTS_REL, target)
        _add_override(parts, name, COMMENTS_TYPE)
    author_list = etree.Element(f"{{{P}}}cmAuthorLst", nsmap={"p": P})
    for author, (number, last) in authors.items():
        initials = "".join(word[0] for word in author.split()[:3]).upper() or "?"
        etree.SubElement(
            author_list,
            f"{{{P}}}cmAuthor",
            id=str(number),
            name=author,
            initials=initials,
            lastIdx=str(last),
            clrIdx=str(number % 8),
        )
    parts["ppt/commentAuthors.xml"] = _xml(author_list)
    _add_rel(parts, "ppt/presentation.xml", AUTHORS_REL, "commentAuthors.xml")
    _add_override(parts, "ppt/commentAuthors.xml", AUTHORS_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target_zip:
        order = ["[Content_Types].xml", *(n for n in parts if n != "[Content_Types].xml")]
        for name in order:
            target_zip.writestr(name, parts[name])
    return out.getvalue()


def slide_parts(parts: dict[str, bytes]) -> list[str]:
    """The slides' part names in presentation order."""
    pres = etree.fromstring(parts["ppt/presentation.xml"])
    rels = etree.fromstring(parts["ppt/_rels/presentation.xml.rels"])
    target = {rel.get("Id"): rel.get("Target") for rel in rels}
    ids = pres.find(f"{{{P}}}sldIdLst")
    return [
        posixpath.normpath(posixpath.join("ppt", target[sld.get(f"{{{R}}}id")]))
        for sld in (ids if ids is not None else [])
    ]


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _add_rel(parts: dict[str, bytes], part: str, kind: str, target: str) -> None:
    name = _rels_name(part)
    rels = (
        etree.fromstring(parts[name])
        if name in parts
        else etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
    )
    used = {rel.get("Id") for rel in rels}
    number = len(used) + 1
    while f"rId{number}" in used:
        number += 1
    etree.SubElement(
        rels, f"{{{PKG_REL}}}Relationship", Id=f"rId{number}", Type=kind, Target=target
    )
    parts[name] = _xml(rels)


def _add_override(parts: dict[str, bytes], name: str, content_type: str) -> None:
    types = etree.fromstring(parts["[Content_Types].xml"])
    etree.SubElement(types, f"{{{CT}}}Override", PartName="/" + name, ContentType=content_type)
    parts["[Content_Types].xml"] = _xml(types)


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, xml_declaration=True, encoding="UTF-8", standalone=True)
