"""Pictures and template artwork in the plan and the .pptx: the deep-dive logo, the backdrops.

The plan carries each layout's backdrop (background, master and layout artwork, the title
placeholders' frames) for the preview; the .pptx must not repeat that artwork on its slides,
PowerPoint draws it from the layouts. The customer's logo is a native picture on the deep
dive's profile slide, its aspect ratio kept, above the facts; a logo that is missing or not a
PNG/JPEG is left out.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import template_factory as tf
from deck_support import alt_text, open_deck
from PIL import Image
from pptx.enum.shapes import MSO_SHAPE_TYPE

from qbr_studio.checks import check_review
from qbr_studio.cli import main
from qbr_studio.deck import style
from qbr_studio.deck.backdrop import SLIDE_NUMBER, Figure, Paint
from qbr_studio.deck.colors import from_linear, to_linear
from qbr_studio.deck.geometry import RGB, Rect
from qbr_studio.deck.plan import Align, DeckPlan, Picture, SlidePlan, Table, TextBox
from qbr_studio.deck.produce import build_deck, plan_deck
from qbr_studio.deck.reading.template import default_template_path
from qbr_studio.deck.reading.theme_colors import color_scheme, theme_element
from qbr_studio.model import MediaRef, Review
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.storage.pictures import MAX_LOGO_SIDE, logo_info, logo_problem

LOGO = "logo.png"
INCH = 914_400

DEFAULT_CONTENT_ART = ("Title Rule", "Title Accent")
"""The bundled template's master artwork (content slides)."""
DEFAULT_TITLE_ART = ("Edge Strip", "Title Accent")
"""The bundled template's title-slide layout artwork (it hides the master's)."""


def with_logo(review: Review, name: str = LOGO) -> Review:
    review = review.model_copy(deep=True)
    review.media.append(MediaRef(name=name))
    review.deep_dive.logo = name
    return review


@pytest.fixture(scope="module")
def review() -> Review:
    return with_logo(build_sample_review())


def profile(plan: DeckPlan) -> SlidePlan:
    return next(s for s in plan.slides if s.section == "Deep dive")


def facts_of(plan: DeckPlan) -> Table:
    return next(e for e in profile(plan).elements if e.name == "Account facts")


def pictures(slide: SlidePlan) -> list[Picture]:
    return [e for e in slide.elements if isinstance(e, Picture)]


def art_names(plan: DeckPlan, kind: str) -> list[str]:
    return [art.name for art in plan.backdrops[kind].art]


# --- backdrops ---------------------------------------------------------------------------------


def test_default_template_backdrops_carry_its_artwork_and_title_frames(review) -> None:
    plan = plan_deck(review)
    assert art_names(plan, "content") == list(DEFAULT_CONTENT_ART)
    assert art_names(plan, "title") == list(DEFAULT_TITLE_ART)
    content, title = plan.backdrops["content"], plan.backdrops["title"]
    assert content.background.paint == Paint.solid(plan.palette.background)
    assert all(isinstance(a, Figure) and a.fill is not None for a in content.art)
    # Titles sit on the bottom of their box, bold, left-aligned (the template's title style).
    assert content.title.rect == plan.title_rect
    assert (content.title.anchor, content.title.align, content.title.bold) == (
        "b",
        Align.LEFT,
        True,
    )
    # The title slide's boxes are its layout's, not the content layout's.
    layout = open_deck(default_template_path()).slide_layouts[0]
    ctr_title = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 0)
    assert title.title.rect == Rect(
        ctr_title.left, ctr_title.top, ctr_title.width, ctr_title.height
    )
    assert title.subtitle is not None and title.subtitle.rect.y > title.title.rect.bottom
    assert content.subtitle is None


@pytest.mark.parametrize("build", tf.DECORATED_BUILDERS, ids=lambda b: b.__name__)
def test_factory_template_artwork_reaches_the_plan(review, tmp_path: Path, build) -> None:
    template = build(tmp_path)
    plan = plan_deck(review, template)
    scheme = color_scheme(theme_element(open_deck(template).slide_master))
    content = plan.backdrops["content"]
    names = art_names(plan, "content")
    expected = [
        "Company Logo",
        "Legal Line",
        "Footer Rule",
        "Bottom Band",
        "Corner Triangle",
        "Corner Dot",
    ]
    assert [n for n in names if n in expected] == expected, "master artwork, bottom first"
    assert names[-3:] == ["Draft Badge", "Draft Badge", "Title Tab"], (
        "the layout's artwork (a shape, then its text) comes over the master's"
    )
    by_name = {art.name: art for art in content.art}
    logo = by_name["Company Logo"]
    assert isinstance(logo, Picture) and logo.content_type == "image/png"
    assert Image.open(io.BytesIO(logo.image)).size == (240, 80)
    legal = by_name["Legal Line"]
    assert isinstance(legal, TextBox)
    assert legal.paragraphs[0].text == tf.LEGAL_TEXT + tf.PAGE_TEXT + SLIDE_NUMBER
    rule = by_name["Footer Rule"]
    assert isinstance(rule, Figure) and rule.fill is None and rule.line is not None
    assert rule.line.dashes == (4, 3) and rule.line.color == RGB.from_hex("7F7F7F")
    # The group maps its children's 0…1000 coordinates onto its own box, top right.
    corner = Rect(plan.slide_width - INCH // 2, 0, INCH // 2, INCH // 2)
    assert by_name["Corner Triangle"].bounds == corner
    dot = by_name["Corner Dot"]
    assert dot.fill.alpha == pytest.approx(0.6) and dot.fill.color == scheme["accent2"]
    tab = by_name["Title Tab"]
    assert tab.fill.color == scheme["accent3"] and tab.line.color == RGB(255, 255, 255)
    assert "Title Logo" in art_names(plan, "title")
    # A shape as PowerPoint inserts it takes fill, line and text colour from its style.
    (badge,) = [a for a in content.art if isinstance(a, Figure) and a.name == "Draft Badge"]
    assert badge.fill.color == scheme["accent1"]
    half_light = from_linear(*(c / 2 for c in to_linear(scheme["accent1"])))
    assert badge.line.color == half_light, "a shade darkens in linear light, as PowerPoint"
    (text,) = [a for a in content.art if isinstance(a, TextBox) and a.name == "Draft Badge"]
    assert text.paragraphs[0].text == "DRAFT" and text.paragraphs[0].align is Align.CENTER
    assert text.paragraphs[0].runs[0].color == "#" + scheme["lt1"].hex and text.anchor == "ctr"


def test_dark_and_gradient_backgrounds(review, tmp_path: Path) -> None:
    dark = plan_deck(review, tf.decorated_dark(tmp_path))
    assert dark.backdrops["content"].background.paint.color == RGB.from_hex(tf.DARK_NAVY)
    four_three = plan_deck(review, tf.decorated_four_by_three(tmp_path))
    paint = four_three.backdrops["content"].background.paint
    assert paint.is_gradient and paint.angle == 90
    assert [c.hex for _, c in paint.stops] == ["FFFFFF", "DCE6F2"]
    title = four_three.backdrops["content"].title
    assert (title.anchor, title.align, title.bold) == ("ctr", Align.CENTER, False)
    # python-pptx's title layout keeps the master's artwork (no showMasterSp="0").
    assert "Company Logo" in art_names(four_three, "title")


def test_picture_background_is_carried(review, tmp_path: Path) -> None:
    plan = plan_deck(review, tf.picture_master(tmp_path))
    picture = plan.backdrops["content"].background.picture
    assert picture is not None and Image.open(io.BytesIO(picture)).size == (16, 9)


def test_german_layouts_give_the_same_frames_as_the_bundled(review, tmp_path: Path) -> None:
    german = plan_deck(review, tf.german(tmp_path))
    bundled = plan_deck(review)
    for kind in ("title", "content"):
        assert german.backdrops[kind] == bundled.backdrops[kind], kind


# --- the logo in the plan ----------------------------------------------------------------------


@pytest.mark.parametrize(("size", "aspect"), [((300, 100), 3.0), ((100, 300), 1 / 3)])
def test_logo_tops_the_facts_panel_with_its_aspect_kept(review, size, aspect) -> None:
    plan = plan_deck(review, media={LOGO: tf.png(size, (200, 40, 60))})
    slide = profile(plan)
    (logo,) = pictures(slide)
    account = review.book.account(review.deep_dive.account_id)
    assert logo.alt_text == f"Logo of {account.name}"
    assert logo.content_type == "image/png" and logo.name == "Logo"
    assert logo.rect.w / logo.rect.h == pytest.approx(aspect, rel=0.01)
    assert logo.rect.h <= style.LOGO_MAX_H and logo.rect.w <= style.LOGO_MAX_W
    assert logo.rect.w == style.LOGO_MAX_W or logo.rect.h == style.LOGO_MAX_H, "fitted"
    plain = facts_of(plan_deck(review))
    assert (logo.rect.x, logo.rect.y) == (plain.rect.x, plain.rect.y), "at the panel's top"
    facts = facts_of(plan)
    assert facts.rect.y >= logo.rect.bottom + style.GUTTER // 2, "the facts start below the logo"
    for other in slide.elements:
        if other is not logo:
            overlap_w = min(logo.rect.right, other.rect.right) - max(logo.rect.x, other.rect.x)
            overlap_h = min(logo.rect.bottom, other.rect.bottom) - max(logo.rect.y, other.rect.y)
            assert overlap_w <= 0 or overlap_h <= 0, other.name
    assert all(not pictures(s) for s in plan.slides if s is not slide)


def _truncated_png() -> bytes:
    return tf.png((300, 100), (10, 20, 30))[:-40]


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 10)).save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    "media",
    [None, {}, {LOGO: b"not a picture"}, {LOGO: _truncated_png()}, {LOGO: _gif()}, {LOGO: b""}],
    ids=["no media", "bytes missing", "not a picture", "truncated", "gif", "empty"],
)
def test_unusable_logo_is_left_out(review, media) -> None:
    plan = plan_deck(review, media=media)
    assert all(not pictures(s) for s in plan.slides)
    assert facts_of(plan) == facts_of(plan_deck(build_sample_review())), "laid out as if none"


def test_jpeg_logo_is_placed_as_jpeg(review) -> None:
    out = io.BytesIO()
    Image.new("RGB", (200, 100), (30, 90, 160)).save(out, format="JPEG")
    (logo,) = pictures(profile(plan_deck(review, media={LOGO: out.getvalue()})))
    assert logo.content_type == "image/jpeg"
    assert abs(logo.rect.w - 2 * logo.rect.h) <= 2


def test_check_names_a_logo_that_cannot_be_shown(review) -> None:
    def logo_findings(media):
        return [f for f in check_review(review, media) if f.path == "deep_dive.logo"]

    assert not logo_findings({LOGO: tf.png((30, 10), (0, 0, 0))})
    assert not logo_findings(None), "without media, the review's own list decides"
    assert "missing" in logo_findings({})[0].message
    assert "PNG or JPEG" in logo_findings({LOGO: b"GIF89a..."})[0].message
    unlisted = review.model_copy(deep=True)
    unlisted.media = []
    assert [f.path for f in check_review(unlisted)].count("deep_dive.logo") == 1


def _huge_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (MAX_LOGO_SIDE + 1, 4)).save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"not a picture", "is not a PNG or JPEG picture"),
        (_gif(), "not a PNG or JPEG picture (it is a GIF picture)"),
        (_truncated_png(), "damaged or incomplete"),
        (_huge_png(), f"{MAX_LOGO_SIDE + 1:,} × 4 pixels"),
    ],
    ids=["empty", "not a picture", "gif", "truncated", "too wide"],
)
def test_a_logo_the_deck_leaves_out_is_named_by_check(review, data, words) -> None:
    """One rule (storage.pictures): what the deck drops, ``check`` names, and says why."""
    assert all(not pictures(s) for s in plan_deck(review, media={LOGO: data}).slides)
    (finding,) = [f for f in check_review(review, {LOGO: data}) if f.path == "deep_dive.logo"]
    assert words in finding.message
    assert logo_problem(data) is not None and logo_info(data) is None


# --- the .pptx ---------------------------------------------------------------------------------


def _slide_pictures(slide) -> list:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


def test_logo_is_a_native_picture_on_the_deep_dive_slide(review, tmp_path: Path) -> None:
    data = tf.png((300, 100), (200, 40, 60))
    out = tmp_path / "deck.pptx"
    plan = build_deck(review, out, media={LOGO: data})
    prs = open_deck(out)
    index = plan.slides.index(profile(plan))
    for number, slide in enumerate(prs.slides):
        found = _slide_pictures(slide)
        if number != index:
            assert not found, f"slide {number + 1} has a picture"
            continue
        (picture,) = found
        (logo,) = pictures(plan.slides[index])
        assert picture.image.blob == data and picture.image.content_type == "image/png"
        assert (picture.left, picture.top, picture.width, picture.height) == (
            logo.rect.x,
            logo.rect.y,
            logo.rect.w,
            logo.rect.h,
        )
        assert alt_text(picture) == logo.alt_text
    ids = [s.shape_id for s in prs.slides[index].shapes]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "build", [tf.bundled_copy, *tf.DECORATED_BUILDERS], ids=lambda b: b.__name__
)
def test_template_artwork_is_not_duplicated_on_slides(review, tmp_path: Path, build) -> None:
    out = tmp_path / "deck.pptx"
    plan = build_deck(review, out, build(tmp_path), media={LOGO: tf.png((90, 30), (1, 2, 3))})
    art = {a.name for backdrop in plan.backdrops.values() for a in backdrop.art}
    assert len(art) >= 2
    prs = open_deck(out)
    for number, slide in enumerate(prs.slides, start=1):
        names = {s.name for s in slide.shapes}
        assert not names & art, f"slide {number} repeats the layout's {names & art}"
        assert len(_slide_pictures(slide)) == (1 if names & {"Logo"} else 0)
    owners = [prs.slide_master, *prs.slide_master.slide_layouts]
    kept = {name for owner in owners for name in owner.element.xpath(".//p:cNvPr/@name")}
    assert art <= kept, "the artwork stays in the template's master and layouts"


def test_cli_build_places_the_logo_from_the_review_file(review, tmp_path: Path, capsys) -> None:
    data = tf.png((300, 100), (200, 40, 60))
    path = tmp_path / "review.qbr"
    save_review(path, review, {LOGO: data})
    out = tmp_path / "deck.pptx"
    assert main(["build", str(path), "-o", str(out)]) == 0
    capsys.readouterr()
    found = [p for s in open_deck(out).slides for p in _slide_pictures(s)]
    assert [p.image.blob for p in found] == [data]
