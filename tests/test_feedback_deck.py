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
from qbr_studio.feedback.events import Kind, new_event
from qbr_studio.feedback.pptx_comments import AUTHORS_TYPE, COMMENTS_TYPE, P, slide_for
from qbr_studio.feedback.sidecar import add_events
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review

SECTIONS = ["Title", "Agenda", "Deep dive", "Deep dive", "Achievements", "Revenue", "Appendix"]


def test_a_target_maps_to_the_first_slide_of_its_section():
    assert slide_for("achievements[2].title", SECTIONS) == 4
    assert slide_for("deep_dive.logo", SECTIONS) == 2
    assert slide_for("revenue", SECTIONS) == 5
    assert slide_for("", SECTIONS) == 0
    assert slide_for("challenges[0]", SECTIONS) == 0  # a section this deck leaves out


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    review = tmp_path / "q4.qbr"
    save_review(review, build_sample_review())
    comment = new_event("Dana Ng", Kind.COMMENT, target="achievements[0]", text="Great numbers")
    add_events(
        review,
        "Dana Ng",
        [
            comment,
            new_event("Dana Ng", Kind.COMMENT, target="revenue.renewals", text="Any risk?"),
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


def test_each_note_is_a_comment_on_its_slide_and_scores_sum_up_on_the_appendix(deck):
    found = comments_by_slide(deck)
    achievements = next(v for k, v in found.items() if "achievements" in k)
    assert achievements == [
        ("Dana Ng", "Great numbers [achievements[0]]"),
        ("Lee", "Reply to Dana Ng: Agreed"),
    ]
    renewals = next(v for k, v in found.items() if "renewals" in k)
    assert renewals == [("Dana Ng", "Any risk? [revenue.renewals]")]
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
