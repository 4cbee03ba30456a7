"""Feedback into a built deck as real PowerPoint comments (the legacy comment parts that
PowerPoint and LibreOffice both read: ``ppt/commentAuthors.xml``, ``ppt/comments/commentN.xml``,
their relationships and content types).

The deck is written by :mod:`qbr_studio.deck`; this post-processes the finished file, so it
knows nothing of how slides are drawn. Each comment goes on the first slide of the section its
target belongs to (from the deck's plan); replies and resolutions go beside their comment; the
rubric summary is a comment on the last slide (the appendix).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from lxml import etree

from qbr_studio.document import paths
from qbr_studio.feedback.coaching import area_scores
from qbr_studio.feedback.events import FeedbackEvent, Kind, resolved_ids
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

SECTION_OF = {
    "meta": "Title",
    "book": "Book at a glance",
    "deep_dive": "Deep dive",
    "media": "Deep dive",
    "achievements": "Achievements",
    "challenges": "Adoption challenges",
    "communications": "Adoption challenges",
    "revenue": "Revenue",
}
"""The review's top-level field → the deck section that shows it."""


def slide_for(target: str, sections: Sequence[str]) -> int:
    """Index of the slide a note on ``target`` belongs to: the first slide of the section
    showing it; the first slide for the whole review or a section the deck leaves out."""
    parts = paths.parse(target)
    section = SECTION_OF.get(str(parts[0])) if parts else None
    return sections.index(section) if section in sections else 0


def _text(event: FeedbackEvent, by_id: dict[str, FeedbackEvent], resolved: set[str]) -> str:
    where = f" [{event.target}]" if event.target else ""
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


def add_comments(deck: Path, sections: Sequence[str], events: Sequence[FeedbackEvent]) -> int:
    """Put ``events`` on the slides of the .pptx ``deck`` (whose slides show ``sections``, in
    order) as PowerPoint comments; the file is replaced atomically. The number of comments."""
    by_id = {e.id: e for e in events}
    resolved = resolved_ids(events)
    notes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)  # slide → (author, time, text)
    for event in events:
        if event.kind is Kind.SCORE:
            continue
        slide = slide_for(
            by_id[event.parent].target if event.parent in by_id else event.target, sections
        )
        notes[slide].append((event.author, event.time, _text(event, by_id, resolved)))
    text = summary(events)
    if text and sections:
        notes[len(sections) - 1].append(("QBR Studio", max(e.time for e in events), text))
    count = sum(len(v) for v in notes.values())
    if count:
        atomic_write_bytes(deck, _with_comments(deck.read_bytes(), notes))
    return count


def _with_comments(data: bytes, notes: dict[int, list[tuple[str, str, str]]]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = {name: source.read(name) for name in source.namelist()}
    slides = slide_parts(parts)
    authors: dict[str, list[int]] = {}  # name → [id, last idx]
    for slide_index in sorted(notes):
        cm_list = etree.Element(f"{{{P}}}cmLst", nsmap={"p": P})
        for offset, (author, time, text) in enumerate(notes[slide_index]):
            entry = authors.setdefault(author, [len(authors), 0])
            entry[1] += 1
            cm = etree.SubElement(
                cm_list,
                f"{{{P}}}cm",
                authorId=str(entry[0]),
                dt=time.rstrip("Z")[:19],
                idx=str(entry[1]),
            )
            etree.SubElement(cm, f"{{{P}}}pos", x=str(10), y=str(10 + 120 * offset))
            etree.SubElement(cm, f"{{{P}}}text").text = text
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
