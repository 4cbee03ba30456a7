"""Comments left in PowerPoint on a built deck (legacy and modern parts) read back as feedback,
matched to their slide's part of the review; reading twice adds nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qbr_studio.cli import main
from qbr_studio.deck.produce import build_deck
from qbr_studio.errors import UserError
from qbr_studio.feedback.events import Kind, merge, new_event
from qbr_studio.feedback.pptx_read import MODERN, MODERN_REL, read_comments
from qbr_studio.feedback.sidecar import add_events
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review

AUTHORS = (
    f'<p188:authorLst xmlns:p188="{MODERN}">'
    '<p188:author id="{A1}" name="Kim Ode"/></p188:authorLst>'
)
MODERN_XML = (
    f'<p188:cmLst xmlns:p188="{MODERN}" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<p188:cm id="{C1}" authorId="{A1}" created="2026-12-10T09:30:00.000">'
    '<p188:replyLst><p188:reply id="{R1}" authorId="{A1}" created="2026-12-10T09:31:00.000">'
    "<p188:txBody><a:bodyPr/><a:p><a:r><a:t>Follow-up</a:t></a:r></a:p></p188:txBody>"
    "</p188:reply></p188:replyLst>"
    "<p188:txBody><a:bodyPr/><a:p><a:r><a:t>Renewal </a:t></a:r><a:r><a:t>risk?</a:t></a:r></a:p>"
    "</p188:txBody></p188:cm></p188:cmLst>"
)


def with_modern_comment(deck: Path, slide: int) -> None:
    """Add a modern (threaded) comment to slide ``slide`` as PowerPoint 365 writes one."""
    with zipfile.ZipFile(deck) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rels = f"ppt/slides/_rels/slide{slide}.xml.rels"
    rel = (
        f'<Relationship Id="rId99" Type="{MODERN_REL}" '
        f'Target="../comments/modernComment_1.xml"/></Relationships>'
    )
    parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode())
    parts["ppt/authors.xml"] = AUTHORS.encode()
    parts["ppt/comments/modernComment_1.xml"] = MODERN_XML.encode()
    with zipfile.ZipFile(deck, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_legacy_and_modern_comments_come_back_on_their_slides(tmp_path):
    review_path = tmp_path / "q4.qbr"
    save_review(review_path, build_sample_review())
    add_events(
        review_path,
        "Dana",
        [new_event("Dana", Kind.COMMENT, target="achievements[0]", text="Great numbers")],
    )
    deck = tmp_path / "q4.pptx"
    assert main(["build", str(review_path), "-o", str(deck), "--feedback"]) == 0
    sections = [
        s.section for s in build_deck(build_sample_review(), tmp_path / "again.pptx").slides
    ]
    revenue_slide = sections.index("Revenue") + 1
    with_modern_comment(deck, revenue_slide)
    events = read_comments(deck, sections)
    legacy = [e for e in events if e.author == "Dana"]
    assert [(e.kind, e.target, e.text) for e in legacy] == [
        (Kind.COMMENT, "achievements", "Great numbers [achievements[0]]")
    ]
    modern = [e for e in events if e.author == "Kim Ode"]
    assert [(e.kind, e.target, e.text, e.time) for e in modern] == [
        (Kind.COMMENT, "revenue", "Renewal risk?", "2026-12-10T09:30:00.000Z"),
        (Kind.REPLY, "revenue", "Follow-up", "2026-12-10T09:31:00.000Z"),
    ]
    assert modern[1].parent == modern[0].id
    assert merge(events, read_comments(deck, sections)) == merge(events)


def test_a_file_that_is_not_a_deck_is_named(tmp_path):
    bad = tmp_path / "notes.pptx"
    bad.write_text("hello")
    with pytest.raises(UserError, match=r"notes\.pptx: could not read its comments"):
        read_comments(bad, [])
