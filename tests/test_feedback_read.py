"""Comments left in PowerPoint on a built deck (legacy and modern parts) read back as feedback,
matched to their slide by title and to the item their place shows; the comments QBR Studio
wrote itself are left out, and reading twice adds nothing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qbr_studio.cli import main
from qbr_studio.deck.plan import Table
from qbr_studio.deck.produce import plan_deck
from qbr_studio.errors import UserError
from qbr_studio.feedback.anchors import anchor
from qbr_studio.feedback.events import Kind, merge, new_event
from qbr_studio.feedback.placement import to_master_units
from qbr_studio.feedback.pptx_read import MODERN, MODERN_REL, P15, new_from_deck, read_comments
from qbr_studio.feedback.sidecar import add_events, gather
from qbr_studio.model.deck_kinds import DeckSection
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


def edit_parts(deck: Path, change) -> None:
    with zipfile.ZipFile(deck) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    change(parts)
    with zipfile.ZipFile(deck, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def with_modern_comment(deck: Path, slide: int) -> None:
    """Add a modern (threaded) comment to slide ``slide`` as PowerPoint 365 writes one."""

    def change(parts: dict[str, bytes]) -> None:
        rels = f"ppt/slides/_rels/slide{slide}.xml.rels"
        rel = (
            f'<Relationship Id="rId99" Type="{MODERN_REL}" '
            f'Target="../comments/modernComment_1.xml"/></Relationships>'
        )
        parts[rels] = parts[rels].replace(b"</Relationships>", rel.encode())
        parts["ppt/authors.xml"] = AUTHORS.encode()
        parts["ppt/comments/modernComment_1.xml"] = MODERN_XML.encode()

    edit_parts(deck, change)


def with_legacy_comments(deck: Path, slide: int, x: int, y: int) -> None:
    """Add to slide ``slide``'s legacy comments one by "Pat Roe" at ``(x, y)`` (EMU) and a
    threaded reply to it, as PowerPoint 2016 writes them."""

    def change(parts: dict[str, bytes]) -> None:
        name = f"ppt/comments/comment{slide}.xml"
        authors = parts["ppt/commentAuthors.xml"].decode()
        parts["ppt/commentAuthors.xml"] = authors.replace(
            "</p:cmAuthorLst>",
            '<p:cmAuthor id="7" name="Pat Roe" initials="PR" lastIdx="2" clrIdx="7"/>'
            "</p:cmAuthorLst>",
        ).encode()
        added = (
            f'<p:cm authorId="7" dt="2026-12-11T08:00:00.000" idx="1">'
            f'<p:pos x="{to_master_units(x)}" y="{to_master_units(y)}"/>'
            "<p:text>Is this audited?</p:text></p:cm>"
            '<p:cm authorId="7" dt="2026-12-11T08:05:00.000" idx="2"><p:pos x="0" y="0"/>'
            "<p:text>Asking finance.</p:text><p:extLst>"
            '<p:ext uri="{C676402C-5697-4E1C-873F-D02D1690AC5C}">'
            f'<p15:threadingInfo xmlns:p15="{P15}" timeZoneBias="0">'
            '<p15:parentCm authorId="7" idx="1"/></p15:threadingInfo></p:ext></p:extLst></p:cm>'
        )
        parts[name] = parts[name].decode().replace("</p:cmLst>", added + "</p:cmLst>").encode()

    edit_parts(deck, change)


@pytest.fixture
def built(tmp_path: Path):
    """A review with one note, its deck built with the note as a comment, and its plan."""
    review = build_sample_review()
    review_path = tmp_path / "q4.qbr"
    save_review(review_path, review)
    on = anchor(review, "achievements[0]")
    add_events(
        review_path,
        "Dana",
        [
            new_event("Dana", Kind.COMMENT, target=on, text="Great numbers"),
            new_event("Dana", Kind.SCORE, area="business", score=3),
        ],
    )
    deck = tmp_path / "q4.pptx"
    assert main(["build", str(review_path), "-o", str(deck), "--feedback"]) == 0
    return review, review_path, deck, plan_deck(review)


def test_peers_comments_come_back_on_their_slide_and_item_and_ours_are_left_out(built):
    review, review_path, deck, plan = built
    achievements = next(
        i for i, s in enumerate(plan.slides) if s.section is DeckSection.ACHIEVEMENTS
    )
    table = next(e for e in plan.slides[achievements].elements if isinstance(e, Table))
    third_row = table.rect.y + sum(table.row_heights[:3]) + table.row_heights[3] // 2
    with_legacy_comments(deck, achievements + 1, table.rect.x + 200_000, third_row)
    revenue = next(i for i, s in enumerate(plan.slides) if s.section is DeckSection.REVENUE)
    with_modern_comment(deck, revenue + 1)
    events = read_comments(deck, plan, review)
    ours = [e for e in events if e.author in ("Dana", "QBR Studio")]
    assert len(ours) == 2  # the note and the rubric summary, as written
    new = new_from_deck(events, gather(review_path).events)
    assert [(e.author, e.kind, e.target, e.text) for e in new] == [
        ("Pat Roe", Kind.COMMENT, anchor(review, "achievements[2]"), "Is this audited?"),
        ("Pat Roe", Kind.REPLY, anchor(review, "achievements[2]"), "Asking finance."),
        ("Kim Ode", Kind.COMMENT, "revenue", "Renewal risk?"),
        ("Kim Ode", Kind.REPLY, "revenue", "Follow-up"),
    ]
    assert new[1].parent == new[0].id and new[3].parent == new[2].id
    assert new[2].time == "2026-12-10T09:30:00.000Z"
    title = plan.slides[achievements].title
    assert new[0].source == f'q4.pptx, slide {achievements + 1} "{title}"'
    add_events(review_path, "Lee", new)
    again = read_comments(deck, plan, review)
    assert again == events and new_from_deck(again, gather(review_path).events) == []
    assert merge(events, again) == merge(events)


def test_a_slide_the_review_no_longer_has_is_named_and_its_comments_on_the_whole_review(built):
    review, _, deck, plan = built
    achievements = next(
        i for i, s in enumerate(plan.slides) if s.section is DeckSection.ACHIEVEMENTS
    )
    with_legacy_comments(deck, achievements + 1, 0, 0)
    review.achievements.clear()  # the review changed since the deck was built
    events = read_comments(deck, review=review, plan=plan_deck(review))
    pat = [e for e in events if e.author == "Pat Roe"]
    assert [e.target for e in pat] == ["", ""]
    assert pat[0].source.endswith("(no longer in the review's deck)")


def test_a_file_that_is_not_a_deck_is_named(tmp_path, built):
    review, _, deck, plan = built
    bad = tmp_path / "notes.pptx"
    bad.write_text("hello")
    with pytest.raises(UserError, match=r"notes\.pptx: could not read its comments"):
        read_comments(bad, plan, review)
    edit_parts(deck, lambda parts: parts.update({"ppt/commentAuthors.xml": b"<p:cmAuth"}))
    with pytest.raises(UserError, match=r"q4\.pptx: could not read its comments"):
        read_comments(deck, plan, review)
