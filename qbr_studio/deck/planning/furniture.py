"""What goes around a slide's content, the same on every slide of a deck: its title (and the
title slide's subtitle) for the layout's placeholders, the footer line with the slide number,
and the layout the slide is built on.

The footer and the slide number go into the layout's own footer and slide-number placeholders
when it has them (PowerPoint then draws them in the template's place, size and style, in the
palette's ``footer`` colour, which reads on the template's footer bar); only a layout without
them gets a footer box of ours, in the free part of the footer band.
"""

from __future__ import annotations

from qbr_studio.deck import style
from qbr_studio.deck.backdrop import TextFrame
from qbr_studio.deck.fit import FontFace, text_height, text_width
from qbr_studio.deck.geometry import Rect, emu_to_pt
from qbr_studio.deck.plan import (
    Align,
    Paragraph,
    PlaceholderRole,
    PlaceholderText,
    Run,
    SlidePlan,
    TextBox,
)
from qbr_studio.deck.planning.canvas import TAKEAWAY_SIZE, Canvas
from qbr_studio.deck.planning.layout import content_height, fit_text, para
from qbr_studio.deck.planning.slides.common import CONT
from qbr_studio.model.deck_kinds import SlideKind

SUBTITLE_SIZE = style.BODY_SIZE + 4
"""Points: the title slide's subtitle."""

SHORT_TITLE_MIN = 12.0
"""Points: the smallest a short title is set in a small title placeholder."""

FOOTER_MIN = 6.0
"""Points: the smallest a footer placeholder's text is set to make it fit on one line."""


def placeholder_texts(slide: SlidePlan) -> tuple[PlaceholderText, ...]:
    """The title in the heading font at the slide's title size in the title colour; the
    subtitle, if the slide has one, in the subtitle colour (the template's own where it reads)."""
    title = Paragraph((Run(slide.title),), slide.title_size, color="title", heading_font=True)
    texts = [PlaceholderText(PlaceholderRole.TITLE, title)]
    if slide.subtitle:
        subtitle = Paragraph((Run(slide.subtitle),), SUBTITLE_SIZE, color="subtitle")
        texts.append(PlaceholderText(PlaceholderRole.SUBTITLE, subtitle))
    return tuple(texts)


def footer_box(text: str, rect: Rect) -> TextBox:
    """The footer line: small muted type, right-aligned, centred in the template's footer
    band."""
    line = para(text, style.CAPTION_SIZE, color="muted", align=Align.RIGHT)
    return TextBox(rect, (line,), "Footer", anchor="ctr")


def _one_line_size(text: str, frame: TextFrame, font: str) -> float:
    """The placeholder's own size, or smaller down to :data:`FOOTER_MIN`, at which ``text``
    fits its box on one line."""
    width = emu_to_pt(frame.rect.w) - 2 * style.INSET_X
    size = frame.size or style.CAPTION_SIZE
    while size > FOOTER_MIN and text_width(text, size, FontFace(font)) > width:
        size -= 0.5
    return size


def footer_texts(
    footer: str, number: int, frames: dict[PlaceholderRole, TextFrame], font: str
) -> tuple[PlaceholderText, ...]:
    """The footer line (with the number when the layout has no slide-number placeholder) and
    the slide number, for the layout's placeholders of ``frames``."""
    texts = {
        PlaceholderRole.FOOTER: footer
        if PlaceholderRole.SLIDE_NUMBER in frames
        else f"{footer} · {number}",
        PlaceholderRole.SLIDE_NUMBER: str(number),
    }
    return tuple(
        PlaceholderText(
            role,
            Paragraph((Run(texts[role]),), _one_line_size(texts[role], frame, font), "footer"),
        )
        for role, frame in frames.items()
    )


def _own_footer(footer: str, number: int, frames: dict[PlaceholderRole, TextFrame]) -> str:
    """The footer line of ours a slide still needs: none when the layout's footer placeholder
    holds it, without the number when its slide-number placeholder shows that."""
    if PlaceholderRole.FOOTER in frames:
        return ""
    return footer if PlaceholderRole.SLIDE_NUMBER in frames else f"{footer} · {number}"


def _fitting_size(text: str, size: float, rect: Rect, font: str) -> float:
    """``size``, or smaller down to :data:`SHORT_TITLE_MIN`, at which ``text`` fits ``rect``
    on one line."""
    width, height = emu_to_pt(rect.w) - 2 * style.INSET_X, emu_to_pt(rect.h) - 2 * style.INSET_Y
    face = FontFace(font, bold=True)
    while size > SHORT_TITLE_MIN and (
        text_width(text, size, face) > width or text_height(1, size) > height
    ):
        size -= 1
    return size


def _takeaway_in_body(slide: SlidePlan, canvas: Canvas, rect: Rect) -> None:
    """A title placeholder too small for the takeaway: a short title there (the slide's part
    of the deck), the takeaway as the first line of the body."""
    short = slide.section.value + (CONT if slide.title.endswith(CONT) else "")
    takeaway = Paragraph(
        (Run(slide.title, bold=True),), TAKEAWAY_SIZE, color="text", heading_font=True
    )
    fitted = fit_text(rect, (takeaway,), "Takeaway", canvas.heading_font, min_size=style.BODY_MIN)
    if fitted.box is not None:
        slide.elements.insert(0, fitted.box)
    size = _fitting_size(short, slide.title_size, canvas.title_rect, canvas.heading_font)
    title = Paragraph((Run(short),), size, color="title", heading_font=True)
    slide.placeholders = (PlaceholderText(PlaceholderRole.TITLE, title), *slide.placeholders[1:])


def _subtitle_box(slide: SlidePlan, canvas: Canvas) -> TextBox | None:
    """The title slide's subtitle as a box of ours under the title, for a title layout
    without a subtitle placeholder (else it would be lost); above the title when there is no
    room below it."""
    backdrop = canvas.backdrops.get(slide.kind)
    if not slide.subtitle or backdrop is None or backdrop.subtitle is not None:
        return None
    frame = backdrop.title.rect if backdrop.title is not None else canvas.title_rect
    line = para(slide.subtitle, SUBTITLE_SIZE, color="subtitle")
    need = content_height((line,), frame.w, canvas.body_font)
    top = frame.bottom + style.GUTTER // 3
    if top + need > canvas.slide_height:
        top = max(0, frame.y - style.GUTTER // 3 - need)
    rect = canvas.content_area(slide.kind, Rect(frame.x, top, frame.w, need))
    return TextBox(rect, (line,), "Subtitle")


def furnish(slides: list[SlidePlan], footers: list[str], canvas: Canvas) -> None:
    """Number ``slides`` from 1 and give each its layout, placeholder texts and footer
    (its entry of ``footers``, then `` · number``; none on the title slide)."""
    band = canvas.footer_rect
    for number, (slide, footer) in enumerate(zip(slides, footers, strict=True), start=1):
        slide.number = number
        slide.layout = canvas.layouts[slide.kind]
        slide.placeholders = placeholder_texts(slide)
        slide.footer_box = None
        if slide.kind is SlideKind.TITLE:
            slide.footer = ""
            subtitle = _subtitle_box(slide, canvas)
            if subtitle is not None:
                slide.placeholders = slide.placeholders[:1]
                slide.elements.insert(0, subtitle)
            continue
        if canvas.takeaway_rect is not None:
            _takeaway_in_body(slide, canvas, canvas.takeaway_rect)
        slide.footer = f"{footer} · {number}"
        frames = canvas.frames(slide.kind)
        slide.placeholders += footer_texts(footer, number, frames, canvas.body_font)
        own = _own_footer(footer, number, frames)
        if own and band is not None and band.w > 0 and band.h > 0:
            slide.footer_box = footer_box(own, band)
