"""What goes around a slide's content, the same on every slide of a deck: its title (and the
title slide's subtitle) for the layout's placeholders, the footer line with the slide number,
and the layout the slide is built on."""

from __future__ import annotations

from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect
from qbr_studio.deck.plan import (
    Align,
    Paragraph,
    PlaceholderRole,
    PlaceholderText,
    Run,
    SlidePlan,
    TextBox,
)
from qbr_studio.deck.planning.layout import para
from qbr_studio.model.deck_kinds import SlideKind

SUBTITLE_SIZE = style.BODY_SIZE + 4
"""Points: the title slide's subtitle."""


def placeholder_texts(slide: SlidePlan) -> tuple[PlaceholderText, ...]:
    """The title in the heading font at the slide's title size in the title colour; the
    subtitle, if the slide has one, in muted body text."""
    title = Paragraph((Run(slide.title),), slide.title_size, color="title", heading_font=True)
    texts = [PlaceholderText(PlaceholderRole.TITLE, title)]
    if slide.subtitle:
        subtitle = Paragraph((Run(slide.subtitle),), SUBTITLE_SIZE, color="muted")
        texts.append(PlaceholderText(PlaceholderRole.SUBTITLE, subtitle))
    return tuple(texts)


def footer_box(text: str, rect: Rect) -> TextBox:
    """The footer line: small muted type, right-aligned, centred in the template's footer
    band."""
    line = para(text, style.CAPTION_SIZE, color="muted", align=Align.RIGHT)
    return TextBox(rect, (line,), "Footer", anchor="ctr")


def furnish(
    slides: list[SlidePlan],
    footers: list[str],
    footer_rect: Rect | None,
    layouts: dict[SlideKind, int],
) -> None:
    """Number ``slides`` from 1 and give each its layout, placeholder texts and footer
    (its entry of ``footers``, then `` · number``; none on the title slide)."""
    for number, (slide, footer) in enumerate(zip(slides, footers, strict=True), start=1):
        slide.number = number
        slide.layout = layouts[slide.kind]
        slide.footer = "" if slide.kind is SlideKind.TITLE else f"{footer} · {number}"
        slide.placeholders = placeholder_texts(slide)
        slide.footer_box = (
            footer_box(slide.footer, footer_rect) if slide.footer and footer_rect else None
        )
