"""The template zoo (issue 9): each company-template trait, built in code, gives a deck that
keeps the template's look. Rendered by LibreOffice once per member and checked from the
drawing itself: no word outside its box, none of ours over the template's artwork, every word
at WCAG AA on what is really behind it, the CSM's name on the title slide, and the footer in
the template's footer placeholder when the layout has one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import template_factory as tf
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from render_support import Word, can_render, to_pdf, to_png, words_by_page, words_outside_boxes

from qbr_studio.deck.colors import contrast_ratio
from qbr_studio.deck.geometry import EMU_PER_PT, RGB, Rect
from qbr_studio.deck.plan import DeckPlan, PlaceholderRole, TextBox
from qbr_studio.deck.produce import build_deck, plan_deck
from qbr_studio.deck.reading.keepouts import BACKGROUND_SHARE, intersects
from qbr_studio.deck.reading.template import load_template
from qbr_studio.model.deck_kinds import SlideKind
from qbr_studio.sample import build_sample_review

ZOO = {build.__name__: build for build in tf.ZOO}
DPI = 96
"""Render resolution for the contrast check: enough for the stems of 8 pt text."""
AA_MEASURED = 4.0
"""AA (4.5:1) less the anti-aliasing of glyph edges in a raster at :data:`DPI`."""
CSM = "Okafor"
"""The sample review's CSM's surname, shown on the title slide."""

# --- without rendering: the plan ----------------------------------------------------------


@pytest.mark.parametrize("name", list(ZOO))
def test_nothing_of_ours_is_planned_over_the_templates_artwork(name, tmp_path):
    template = ZOO[name](tmp_path)
    info = load_template(template)
    plan = plan_deck(build_sample_review(), template)
    over = [
        f"slide {s.number}: {e.name}"
        for s in plan.slides
        for e in [*s.elements, *([s.footer_box] if s.footer_box else [])]
        if intersects(e.rect, info.keep_outs.get(s.kind, ()))
    ]
    assert not over, "drawn over the template's artwork:\n" + "\n".join(over[:20])


def test_a_logo_in_the_body_area_narrows_the_content_area(tmp_path):
    info = load_template(tf.logo_bottom_right(tmp_path))
    assert info.layout_body is not None and info.body_rect != info.layout_body
    assert not intersects(info.body_rect, info.keep_outs[SlideKind.CONTENT])
    plain = load_template(None)
    assert info.body_rect.w * info.body_rect.h < plain.body_rect.w * plain.body_rect.h


def test_a_white_title_on_a_dark_title_bar_stays_white(tmp_path):
    info = load_template(tf.dark_title_bar(tmp_path))
    assert info.palettes[SlideKind.CONTENT].title == RGB(255, 255, 255)
    # the title slide has no bar: white on white is adjusted, and said so
    assert info.palettes[SlideKind.TITLE].title != RGB(255, 255, 255)
    assert any("title layout's title colour FFFFFF" in a for a in info.adjustments)


def test_the_footer_goes_into_the_layouts_footer_and_number_placeholders(tmp_path):
    plan = plan_deck(build_sample_review(), tf.footer_bar(tmp_path))
    slide = plan.slides[1]
    roles = {t.role: t.paragraph for t in slide.placeholders}
    assert roles[PlaceholderRole.SLIDE_NUMBER].text == "2"
    assert slide.footer.startswith(roles[PlaceholderRole.FOOTER].text)
    assert slide.footer_box is None
    assert plan.palette_for(slide).footer == RGB(255, 255, 255)  # the template's, on its bar


def test_a_title_layout_without_a_subtitle_placeholder_keeps_the_csm_line(tmp_path):
    plan = plan_deck(build_sample_review(), tf.no_subtitle(tmp_path))
    first = plan.slides[0]
    assert [t.role for t in first.placeholders] == [PlaceholderRole.TITLE]
    boxes = [e for e in first.elements if isinstance(e, TextBox) and e.name == "Subtitle"]
    assert len(boxes) == 1 and CSM in boxes[0].paragraphs[0].text


def test_a_small_title_placeholder_gets_a_short_title_and_the_takeaway_leads_the_body(tmp_path):
    plan = plan_deck(build_sample_review(), tf.short_title(tmp_path))
    for slide in plan.slides[1:]:
        title = slide.placeholders[0].paragraph.text
        assert title.startswith(slide.section.value), title
        lead = slide.elements[0]
        assert isinstance(lead, TextBox) and lead.name == "Takeaway"
        assert lead.paragraphs[0].text == slide.title
        assert all(e.rect.y >= lead.rect.bottom for e in slide.elements[1:])


# --- rendered ------------------------------------------------------------------------------


def _artwork(slide, slide_area: int) -> list[Rect]:
    """Boxes of the layout's and master's pictures and shapes without text, background-sized
    ones left out (static text is the template's own words)."""
    layout = slide.slide_layout
    shapes = [s for s in layout.shapes if not s.is_placeholder]
    if layout.element.get("showMasterSp", "1") not in ("0", "false"):
        shapes += [s for s in layout.slide_master.shapes if not s.is_placeholder]
    boxes = []
    for shape in shapes:
        if shape.width is None or (shape.has_text_frame and shape.text_frame.text.strip()):
            continue
        box = Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))
        if box.w * box.h < BACKGROUND_SHARE * slide_area:
            boxes.append(box)
    return boxes


FRAME_TYPES = (
    PP_PLACEHOLDER.TITLE,
    PP_PLACEHOLDER.CENTER_TITLE,
    PP_PLACEHOLDER.SUBTITLE,
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER,
)
"""Layout placeholders whose text the template designs to sit over its bars and bands."""


def _frames(slide) -> list[Rect]:
    return [
        Rect(int(ph.left), int(ph.top), int(ph.width), int(ph.height))
        for ph in slide.slide_layout.placeholders
        if ph.placeholder_format.type in FRAME_TYPES and ph.width
    ]


def _word_rect(word: Word) -> Rect:
    # glyph boxes include the line's leading: shrink them to the ink
    x0, y0 = word.x0 + 1, word.y0 + (word.y1 - word.y0) * 0.25
    x1, y1 = word.x1 - 1, word.y1 - (word.y1 - word.y0) * 0.2
    return Rect(
        int(x0 * EMU_PER_PT),
        int(y0 * EMU_PER_PT),
        int(max(1, x1 - x0) * EMU_PER_PT),
        int(max(1, y1 - y0) * EMU_PER_PT),
    )


def _measured_contrast(image: Image.Image, word: Word) -> float:
    """The contrast between the commonest colour of the word's box (what is behind it) and
    the pixel furthest from it (the ink)."""
    scale = DPI / 72
    box = (
        int(word.x0 * scale),
        int(word.y0 * scale),
        max(int(word.x0 * scale) + 1, round(word.x1 * scale)),
        max(int(word.y0 * scale) + 1, round(word.y1 * scale)),
    )
    colors = image.crop(box).convert("RGB").getcolors(maxcolors=1 << 16) or []
    ground = RGB(*max(colors)[1])
    return max(contrast_ratio(RGB(*c), ground) for _, c in colors)


@pytest.fixture(scope="module", params=list(ZOO), ids=list(ZOO))
def rendered(request, tmp_path_factory) -> tuple[str, DeckPlan, Path, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    deck = folder / f"{request.param}.pptx"
    plan = build_deck(build_sample_review(), deck, ZOO[request.param](folder))
    return request.param, plan, deck, to_pdf(deck, folder)


@pytest.mark.render
@pytest.mark.skipif(not can_render(), reason="needs LibreOffice (soffice) and poppler")
def test_a_zoo_deck_renders_in_the_templates_own_look(rendered):
    name, _, deck, pdf = rendered
    problems = words_outside_boxes(deck, pdf)
    prs = Presentation(str(deck))
    pages = words_by_page(pdf)
    images = [Image.open(p) for p in to_png(pdf, pdf.parent, DPI)]
    assert CSM in {w.text.strip("·,") for w in pages[0]}, "the CSM's name on the title slide"
    for number, (slide, words, image) in enumerate(
        zip(prs.slides, pages, images, strict=True), start=1
    ):
        art = _artwork(slide, prs.slide_width * prs.slide_height)
        frames = _frames(slide)
        problems += [
            f"slide {number}: {w.text!r} over the template's artwork"
            for w in words
            if intersects(_word_rect(w), art) and not intersects(_word_rect(w), frames)
        ]
        problems += [
            f"slide {number}: {w.text!r} at {ratio:.1f}:1"
            for w in words
            if sum(c.isalnum() for c in w.text) > 1  # a lone dot's ink is all edge
            and (ratio := _measured_contrast(image, w)) < AA_MEASURED
        ]
        footers = [
            ph
            for ph in slide.slide_layout.placeholders
            if ph.placeholder_format.type == PP_PLACEHOLDER.FOOTER
        ]
        if footers and number > 1:
            ph = footers[0]
            top, bottom = ph.top / EMU_PER_PT - 2, (ph.top + ph.height) / EMU_PER_PT + 2
            line = [w for w in words if w.text == "Confidential"]
            assert line and all(top <= w.y0 and w.y1 <= bottom for w in line), (
                f"{name} slide {number}: the footer is not in the layout's footer placeholder"
            )
    assert not problems, f"{name}:\n" + "\n".join(problems[:30])


def test_a_big_panel_is_background_a_logo_is_an_obstacle_and_the_cut_keeps_the_most_room():
    from qbr_studio.deck.backdrop import Backdrop, Background, Figure, Paint
    from qbr_studio.deck.reading.keepouts import free_area, keep_outs

    slide = Rect(0, 0, 12_000_000, 6_000_000)

    def box(name: str, r: Rect) -> Figure:
        path = (("M", (r.x, r.y)), ("L", (r.right, r.y)), ("L", (r.right, r.bottom)), ("Z", ()))
        return Figure(name, r, path, fill=Paint.solid(RGB(80, 50, 145)))

    panel = box("Panel", Rect(6_000_000, 0, 6_000_000, 6_000_000))  # half the slide
    logo = box("Logo", Rect(10_000_000, 4_500_000, 1_000_000, 1_000_000))
    backdrop = Backdrop(Background(Paint.solid(RGB(255, 255, 255))), art=(panel, logo))
    zones = keep_outs(backdrop, slide)
    assert len(zones) == 1 and zones[0].x < logo.bounds.x  # the logo, grown by clearance
    body = Rect(500_000, 1_000_000, 11_000_000, 4_800_000)
    free = free_area(body, zones)
    assert free.y == body.y and free.h == body.h  # a corner logo costs a strip at the side
    assert free.right <= zones[0].x and not intersects(free, zones)
