"""Comments peers left in PowerPoint on a built deck, read back as feedback events.

Both kinds of comment part are read: legacy (``ppt/comments/commentN.xml`` with
``ppt/commentAuthors.xml``) and modern threaded ones (``ppt/comments/modernComment_*.xml``
with ``ppt/authors.xml``; their replies become replies). Each comment is matched to its slide
and, through the section the slide shows, to that part of the review. An event's id is derived
from the comment itself, so reading the same deck twice adds nothing.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

from qbr_studio.errors import UserError
from qbr_studio.feedback.events import FeedbackEvent, Kind
from qbr_studio.feedback.pptx_comments import COMMENTS_REL, PKG_REL, SECTION_OF, P, slide_parts

MODERN = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
MODERN_REL = "http://schemas.microsoft.com/office/2018/10/relationships/comments"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"

TARGET_OF = {section: field for field, section in reversed(SECTION_OF.items())}
"""A deck section → the part of the review it shows (its first top-level field)."""


def _event(
    kind: Kind, author: str, time: str, text: str, target: str, parent: str | None = None
) -> FeedbackEvent:
    stamp = time if time.endswith("Z") or "+" in time else time + "Z"
    key = "\x1f".join((kind.value, author, stamp, target, text, parent or ""))
    ident = "pptx-" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return FeedbackEvent(stamp, ident, author, kind, target, parent, text)


def read_comments(deck: Path, sections: Sequence[str]) -> tuple[FeedbackEvent, ...]:
    """The comments in ``deck`` (whose slides show ``sections``, in order) as events;
    UserError naming the file if it is not a readable .pptx."""
    try:
        with zipfile.ZipFile(deck) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        slides = slide_parts(parts)
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as err:
        raise UserError(f"{deck}: could not read its comments ({err}).") from None
    legacy = _names(parts.get("ppt/commentAuthors.xml"), f"{{{P}}}cmAuthor")
    modern = _names(parts.get("ppt/authors.xml"), f"{{{MODERN}}}author")
    events: list[FeedbackEvent] = []
    for index, slide in enumerate(slides):
        section = sections[index] if index < len(sections) else ""
        target = TARGET_OF.get(section, "")
        for kind, part in _comment_parts(parts, slide):
            root = etree.fromstring(parts[part])
            if kind == COMMENTS_REL:
                for cm in root.iter(f"{{{P}}}cm"):
                    author = legacy.get(cm.get("authorId"), "Unknown")
                    text = cm.findtext(f"{{{P}}}text") or ""
                    events.append(_event(Kind.COMMENT, author, cm.get("dt", ""), text, target))
            else:
                events.extend(_modern(root, modern, target))
    return tuple(events)


def _modern(root: etree._Element, authors: dict[str, str], target: str) -> list[FeedbackEvent]:
    events = []
    for cm in root.iter(f"{{{MODERN}}}cm"):
        comment = _event(
            Kind.COMMENT,
            authors.get(cm.get("authorId"), "Unknown"),
            cm.get("created", ""),
            _body(cm),
            target,
        )
        events.append(comment)
        for reply in cm.iter(f"{{{MODERN}}}reply"):
            events.append(
                _event(
                    Kind.REPLY,
                    authors.get(reply.get("authorId"), "Unknown"),
                    reply.get("created", ""),
                    _body(reply),
                    target,
                    comment.id,
                )
            )
    return events


def _body(element: etree._Element) -> str:
    body = element.find(f"{{{MODERN}}}txBody")
    if body is None:
        return ""
    return "\n".join("".join(p.itertext()) for p in body.iter(f"{{{A}}}p"))


def _names(data: bytes | None, tag: str) -> dict[str, str]:
    if data is None:
        return {}
    return {e.get("id"): e.get("name", "Unknown") for e in etree.fromstring(data).iter(tag)}


def _comment_parts(parts: dict[str, bytes], slide: str) -> list[tuple[str, str]]:
    folder, name = posixpath.split(slide)
    rels = parts.get(posixpath.join(folder, "_rels", name + ".rels"))
    if rels is None:
        return []
    found = []
    for rel in etree.fromstring(rels).iter(f"{{{PKG_REL}}}Relationship"):
        if rel.get("Type") in (COMMENTS_REL, MODERN_REL):
            part = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            if part in parts:
                found.append((rel.get("Type"), part))
    return found
