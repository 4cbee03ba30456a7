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
from qbr_studio.deck.fit import FontFace, text_width
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
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.planning.layout import para
from qbr_studio.model.deck_kinds import SlideKind

SUBTITLE_SIZE = style.BODY_SIZE + 4
"""Points: the title slide's subtitle."""

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
            continue
        slide.footer = f"{footer} · {number}"
        frames = canvas.frames(slide.kind)
        slide.placeholders += footer_texts(footer, number, frames, canvas.body_font)
        own = _own_footer(footer, number, frames)
        if own and band is not None and band.w > 0 and band.h > 0:
            slide.footer_box = footer_box(own, band)
