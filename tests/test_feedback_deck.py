"""build --feedback: every note a real PowerPoint comment on its slide, the rubric summary on
the appendix; the deck reopens in python-pptx and LibreOffice reads the comments."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from render_support import RENDER_TIMEOUT, can_render, to_pdf

from qbr_studio.cli import main
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import SlidePlan, Table
from qbr_studio.deck.produce import plan_deck
from qbr_studio.feedback.anchors import anchor
from qbr_studio.feedback.events import Kind, new_event
from qbr_studio.feedback.placement import Place, first_slide, place, target_at, to_master_units
from qbr_studio.feedback.pptx_comments import AUTHORS_TYPE, COMMENTS_TYPE, STACK, P
from qbr_studio.feedback.sidecar import add_events
from qbr_studio.model import Achievement, ActionItem
from qbr_studio.model.deck_kinds import DeckSection
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review


@pytest.fixture(scope="module")
def sample():
    """The sample review with more achievements and actions than their slides hold, its plan."""
    review = build_sample_review()
    review.achievements += [
        Achievement(title=f"Extra win number {i}", metric="m", before=1, after=2, goal=3)
        for i in range(8)
    ]
    review.revenue.action_items += [ActionItem(text=f"Extra action {i}") for i in range(20)]
    return review, plan_deck(review)


def row_of(slide: SlidePlan, words: str) -> tuple[Rect, int]:
    """The rect of the table on ``slide`` holding a row that starts with ``words``, and the
    top of that row."""
    for table in (e for e in slide.elements if isinstance(e, Table)):
        top = table.rect.y + table.row_heights[0]
        for row, height in zip(table.rows, table.row_heights[1:], strict=False):
            if row[0].text.startswith(words):
                return table.rect, top
            top += height
    raise AssertionError(f"no row {words!r} on {slide.title!r}")


def test_a_note_on_an_item_lands_beside_its_row_on_the_slide_that_shows_it(sample):
    review, plan = sample
    spot = place(plan, review, anchor(review, "achievements[2].story"))
    slide = plan.slides[spot.slide]
    assert slide.section is DeckSection.ACHIEVEMENTS and spot.found
    rect, top = row_of(slide, review.achievements[2].title)
    assert (spot.x, spot.y) == (rect.x, top)
    # past what the slide holds, in the appendix: there
    spot = place(plan, review, anchor(review, "achievements[11]"))
    assert plan.slides[spot.slide].section is DeckSection.APPENDIX
    rect, top = row_of(plan.slides[spot.slide], "Extra win number 7")
    assert spot.y == top
    spot = place(plan, review, anchor(review, "revenue.action_items[26].owner"))
    assert row_of(plan.slides[spot.slide], "Extra action 19")[1] == spot.y
    spot = place(plan, review, anchor(review, "deep_dive.stakeholders[3]"))
    assert "Stakeholders" in plan.slides[spot.slide].title
    assert row_of(plan.slides[spot.slide], "Gordon Pike")[1] == spot.y


def test_a_note_on_a_field_lands_on_its_own_sections_slides_only(sample):
    review, plan = sample
    spot = place(plan, review, "deep_dive.health_story")
    box = next(
        e for e in plan.slides[spot.slide].elements if getattr(e, "name", "") == "Health story"
    )
    assert spot.found and (spot.x, spot.y) == (box.rect.x, box.rect.y)
    # the CSM's name is an owner on the appendix too: a field is not looked for there
    assert place(plan, review, "meta.csm") == Place(0)
    assert place(plan, review, "") == Place(0)
    renewals = place(plan, review, "revenue.renewals_story")
    assert renewals == Place(first_slide(plan, (DeckSection.REVENUE,)))
    assert place(plan, review, 'achievements["gone"]') == Place(
        first_slide(plan, (DeckSection.ACHIEVEMENTS,))
    )


def test_a_point_on_a_row_names_its_item_and_elsewhere_nothing(sample):
    review, plan = sample
    index = next(i for i, s in enumerate(plan.slides) if s.section is DeckSection.ACHIEVEMENTS)
    rect, top = row_of(plan.slides[index], review.achievements[1].title)
    inside = target_at(plan, review, index, rect.x + rect.w // 2, top + 10)
    assert inside == anchor(review, "achievements[1]")
    beside = target_at(plan, review, index, rect.right + 50_000, top + 10)  # PowerPoint's corner
    assert beside == inside
    assert target_at(plan, review, index, 10, 10) is None  # the slide's corner shows no item
    assert target_at(plan, review, 99, 10, 10) is None


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    review = tmp_path / "q4.qbr"
    data = build_sample_review()
    save_review(review, data)
    on = anchor(data, "achievements[0]")
    comment = new_event("Dana Ng", Kind.COMMENT, target=on, text="Great numbers")
    add_events(
        review,
        "Dana Ng",
        [
            comment,
            new_event("Dana Ng", Kind.COMMENT, target="revenue.renewals_story", text="Any risk?"),
            new_event("Dana Ng", Kind.SCORE, area="business", score=2, text="thin"),
        ],
    )
    add_events(
        review,
        "Lee",
        [
            new_event("Lee", Kind.REPLY, target=comment.target, parent=comment.id, text="Agreed"),
            new_event("Lee", Kind.SCORE, area="business", score=4),
        ],
    )
    out = tmp_path / "q4.pptx"
    assert main(["build", str(review), "-o", str(out), "--feedback"]) == 0
    return out


def comments_by_slide(deck: Path) -> dict[str, list[tuple[str, str]]]:
    """Slide title → [(author, text)] read from the legacy comment parts."""
    with zipfile.ZipFile(deck) as archive:
        authors = {
            a.get("id"): a.get("name")
            for a in etree.fromstring(archive.read("ppt/commentAuthors.xml"))
        }
        types = archive.read("[Content_Types].xml").decode()
        assert AUTHORS_TYPE in types and COMMENTS_TYPE in types
        found: dict[str, list[tuple[str, str]]] = {}
        for number, slide in enumerate(Presentation(deck).slides, start=1):
            rels = etree.fromstring(archive.read(f"ppt/slides/_rels/slide{number}.xml.rels"))
            for rel in rels:
                if rel.get("Type").endswith("/comments"):
                    part = "ppt/" + rel.get("Target").removeprefix("../")
                    found[slide.shapes.title.text_frame.text] = [
                        (authors[cm.get("authorId")], cm.findtext(f"{{{P}}}text"))
                        for cm in etree.fromstring(archive.read(part))
                    ]
    return found


def test_a_comment_and_its_reply_sit_beside_the_items_row(deck):
    review = build_sample_review()
    plan = plan_deck(review)
    index = next(i for i, s in enumerate(plan.slides) if s.section is DeckSection.ACHIEVEMENTS)
    rect, top = row_of(plan.slides[index], review.achievements[0].title)
    with zipfile.ZipFile(deck) as archive:
        part = etree.fromstring(archive.read(f"ppt/comments/comment{index + 1}.xml"))
    spots = [(int(p.get("x")), int(p.get("y"))) for p in part.iter(f"{{{P}}}pos")]
    x, y = to_master_units(rect.x), to_master_units(top)
    assert spots == [(x, y), (x, y + STACK)]


def test_each_note_is_a_comment_on_its_slide_and_scores_sum_up_on_the_appendix(deck):
    found = comments_by_slide(deck)
    achievements = next(v for k, v in found.items() if "achievements" in k)
    assert achievements == [
        ("Dana Ng", 'Great numbers [achievements[0] "Scrap rate down by a third on CNC lines"]'),
        ("Lee", "Reply to Dana Ng: Agreed"),
    ]
    renewals = next(v for k, v in found.items() if "renewals" in k)
    assert renewals == [("Dana Ng", "Any risk? [revenue.renewals_story]")]
    appendix = next(v for k, v in found.items() if k.startswith("Appendix"))
    assert appendix == [
        (
            "QBR Studio",
            "Feedback summary (rubric, 1–5)\nBusiness sophistication: 3.0 (Dana Ng 2: thin; Lee 4)",
        )
    ]
    assert len(found) == 3


@pytest.mark.render
@pytest.mark.skipif(not can_render(), reason="needs LibreOffice")
def test_libreoffice_converts_the_deck_and_reads_its_comments(deck, tmp_path):
    assert to_pdf(deck, tmp_path).stat().st_size > 0
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "odp",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        check=True,
        capture_output=True,
        timeout=RENDER_TIMEOUT,
    )
    with zipfile.ZipFile(tmp_path / "q4.odp") as archive:
        content = archive.read("content.xml").decode()
    assert content.count("<officeooo:annotation") == 4
    for text in ("Great numbers", "Agreed", "Any risk?", "Business sophistication: 3.0"):
        assert text in content
    assert "Dana Ng" in content and "Lee" in content


def test_a_corrupt_sidecar_is_reported_and_the_deck_still_built(tmp_path, capsys):
    review = tmp_path / "q4.qbr"
    save_review(review, build_sample_review())
    (tmp_path / "q4.qbr.feedback-broken.json").write_text("{oops")
    add_events(review, "Lee", [new_event("Lee", Kind.COMMENT, target="meta", text="Hi")])
    out = tmp_path / "q4.pptx"
    assert main(["build", str(review), "-o", str(out), "--feedback"]) == 1
    captured = capsys.readouterr()
    assert "feedback-broken.json: is not a feedback file" in captured.err
    assert "1 comments" in captured.out and Presentation(out).slides
