"""Comments peers left in PowerPoint on a built deck, read back as feedback events.

Both kinds of comment part are read: legacy (``ppt/commentAuthors.xml``,
``ppt/comments/commentN.xml``; PowerPoint 2013+ threads their replies with ``p15:parentCm``)
and modern threaded ones (``ppt/comments/modernComment_*.xml`` with ``ppt/authors.xml``; their
replies become replies). Each deck slide is matched to a slide of the review's deck plan by its
title — a slide the review no longer has is named, and its comments are on the whole review —
and each comment, through the plan, to the item its position shows (:func:`placement.target_at`),
else to the part of the review its slide's section shows. An event's id is derived from the
comment itself, so reading the same deck twice adds nothing; the comments QBR Studio wrote
itself (``build --feedback``) are recognised and left out.
"""

from __future__ import annotations

import hashlib
import posixpath
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from qbr_studio.deck.plan import DeckPlan
from qbr_studio.errors import UserError
from qbr_studio.feedback.events import FeedbackEvent, Kind
from qbr_studio.feedback.placement import from_master_units, named_things, target_at
from qbr_studio.feedback.pptx_comments import COMMENTS_REL, PKG_REL, SUMMARY_AUTHOR, P, slide_parts
from qbr_studio.model.agenda import LOCATIONS

MODERN = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
MODERN_REL = "http://schemas.microsoft.com/office/2018/10/relationships/comments"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P15 = "http://schemas.microsoft.com/office/powerpoint/2012/main"

TARGET_OF = {
    section: field
    for field, location in reversed(LOCATIONS.items())
    for section in location.sections
}
"""A deck section → the part of the review it shows (the first listed, for a section that
shows several), from the agenda's one mapping."""


@dataclass(frozen=True)
class DeckSlide:
    """One slide of the commented deck: its number (from 1), title, and the index of the slide
    of the review's plan with that title (None: the review's deck no longer has it)."""

    number: int
    title: str
    planned: int | None


def _event(
    kind: Kind,
    author: str,
    time: str,
    text: str,
    target: str,
    source: str,
    parent: str | None = None,
) -> FeedbackEvent:
    stamp = time if time.endswith("Z") or "+" in time else time + "Z"
    key = "\x1f".join((kind.value, author, stamp, text, parent or ""))
    ident = "pptx-" + hashlib.sha256(key.encode()).hexdigest()[:24]
    return FeedbackEvent(stamp, ident, author, kind, target, parent, text, source=source)


def read_comments(deck: Path, plan: DeckPlan, review: Any) -> tuple[FeedbackEvent, ...]:
    """The comments in ``deck`` as events, each on what its slide (and place) shows in
    ``plan``, the deck plan of ``review``; UserError naming the file if it is not a readable
    .pptx."""
    try:
        with zipfile.ZipFile(deck) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        return _read(Path(deck).name, parts, plan, review)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as err:
        raise UserError(f"{deck}: could not read its comments ({err}).") from None


def _read(
    name: str, parts: dict[str, bytes], plan: DeckPlan, review: Any
) -> tuple[FeedbackEvent, ...]:
    slides = slide_parts(parts)
    titles = [_title(etree.fromstring(parts[slide])) for slide in slides]
    legacy = _names(parts.get("ppt/commentAuthors.xml"), f"{{{P}}}cmAuthor")
    modern = _names(parts.get("ppt/authors.xml"), f"{{{MODERN}}}author")
    named = named_things(review)
    events: list[FeedbackEvent] = []
    for slide, part in zip(match_slides(titles, plan), slides, strict=True):
        source = f'{name}, slide {slide.number} "{slide.title}"'
        if slide.planned is None:
            source += " (no longer in the review's deck)"
        section = plan.slides[slide.planned].section if slide.planned is not None else None
        on_slide = TARGET_OF.get(section, "")
        for kind, comments in _comment_parts(parts, part):
            root = etree.fromstring(parts[comments])
            if kind == COMMENTS_REL:
                where = Where(plan, review, named, slide, on_slide, source)
                events.extend(_legacy(root, legacy, where))
            else:
                events.extend(_modern(root, modern, on_slide, source))
    return tuple(events)


def match_slides(titles: Sequence[str], plan: DeckPlan) -> list[DeckSlide]:
    """Each deck slide with the plan slide of the same title (in order, each used once)."""
    unused = list(range(len(plan.slides)))
    matched = []
    for number, title in enumerate(titles, start=1):
        planned = next((i for i in unused if _same(plan.slides[i].title, title)), None)
        if planned is not None:
            unused.remove(planned)
        matched.append(DeckSlide(number, title, planned))
    return matched


def importable(
    deck: Path, plan: DeckPlan, review: Any, existing: Iterable[FeedbackEvent]
) -> tuple[list[FeedbackEvent], int]:
    """The comments of ``deck`` not in the ``existing`` feedback yet (see :func:`new_from_deck`)
    and how many it holds in all; UserError naming the file if it can't be read."""
    read = read_comments(deck, plan, review)
    return new_from_deck(read, existing), len(read)


def new_from_deck(
    read: Iterable[FeedbackEvent], existing: Iterable[FeedbackEvent]
) -> list[FeedbackEvent]:
    """The comments of ``read`` that are not in the feedback yet: not read before (same id),
    not one QBR Studio wrote from a note, nor its rubric summary. QBR Studio writes a note's
    author and its time to the second; PowerPoint writes milliseconds."""
    existing = list(existing)
    ids = {e.id for e in existing}
    written = {(e.author, e.time[:19]) for e in existing}
    return [
        e
        for e in read
        if e.id not in ids
        and not (_to_the_second(e.time) and (e.author, e.time[:19]) in written)
        and not (e.author == SUMMARY_AUTHOR and e.kind is Kind.COMMENT)
    ]


def _to_the_second(stamp: str) -> bool:
    """True for a time written without fractions of a second (``2026-12-03T07:23:45Z``)."""
    return len(stamp.rstrip("Z")) == len("2026-12-03T07:23:45")


@dataclass(frozen=True)
class Where:
    """What matching a slide's comments to the review needs: the plan and review, their
    named items, the deck slide, what the slide shows, and how to name where it was."""

    plan: DeckPlan
    review: Any
    named: list[tuple[str, list[str]]]
    slide: DeckSlide
    on_slide: str
    source: str


def _legacy(root: etree._Element, authors: dict[str, str], where: Where) -> list[FeedbackEvent]:
    events: list[FeedbackEvent] = []
    by_index: dict[tuple[str | None, str | None], FeedbackEvent] = {}
    for cm in root.iter(f"{{{P}}}cm"):
        author = authors.get(cm.get("authorId"), "Unknown")
        text = cm.findtext(f"{{{P}}}text") or ""
        parent_cm = cm.find(f".//{{{P15}}}parentCm")
        parent = (
            by_index.get((parent_cm.get("authorId"), parent_cm.get("idx")))
            if parent_cm is not None
            else None
        )
        if parent is not None:
            event = _event(
                Kind.REPLY, author, cm.get("dt", ""), text, parent.target, where.source, parent.id
            )
        else:
            target = where.on_slide
            pos = cm.find(f"{{{P}}}pos")
            if where.slide.planned is not None and pos is not None:
                x, y = (from_master_units(_number(pos.get(a))) for a in ("x", "y"))
                found = target_at(where.plan, where.review, where.slide.planned, x, y, where.named)
                target = found or where.on_slide
            event = _event(Kind.COMMENT, author, cm.get("dt", ""), text, target, where.source)
        by_index[(cm.get("authorId"), cm.get("idx"))] = event
        events.append(event)
    return events


def _modern(
    root: etree._Element, authors: dict[str, str], target: str, source: str
) -> list[FeedbackEvent]:
    events = []
    for cm in root.iter(f"{{{MODERN}}}cm"):
        comment = _event(
            Kind.COMMENT,
            authors.get(cm.get("authorId"), "Unknown"),
            cm.get("created", ""),
            _body(cm),
            target,
            source,
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
                    source,
                    comment.id,
                )
            )
    return events


def _title(slide: etree._Element) -> str:
    for shape in slide.iter(f"{{{P}}}sp"):
        ph = shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            return " ".join(
                "".join(t.text or "" for t in p.iter(f"{{{A}}}t")) for p in shape.iter(f"{{{A}}}p")
            ).strip()
    return ""


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _number(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


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
