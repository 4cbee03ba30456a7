"""Composite elements the slide builders share: a chart with its source line, a labelled
text column, a figure tile, a logo fitted in a box."""

from __future__ import annotations

from qbr_studio.charts.spec import ChartSpec
from qbr_studio.deck import style
from qbr_studio.deck.geometry import Rect, emu_to_pt, pt_to_emu
from qbr_studio.deck.images import ImageInfo, fit_size
from qbr_studio.deck.plan import (
    Align,
    Chart,
    ChartLook,
    Element,
    Paragraph,
    Picture,
    Run,
    Shape,
    TextBox,
)
from qbr_studio.deck.planning.chart_labels import fitted_categories, segment_labels
from qbr_studio.deck.planning.layout import content_height, para, paragraph_lines


def chart(rect: Rect, spec: ChartSpec, name: str, font: str) -> Chart:
    """The chart element fitted to its size: short category labels where its own would not
    fit, and which stacked segments hold their value label."""
    look = ChartLook()
    spec = fitted_categories(spec, rect, look, font)
    return Chart(rect, name, spec, segment_labels(spec, rect, look, font))


def chart_block(rect: Rect, spec: ChartSpec, name: str, font: str) -> list[Element]:
    """The chart above its muted source caption (measured: it may wrap), both in ``rect``."""
    if not spec.source:
        return [chart(rect, spec, name, font)]
    caption = (para(f"Source: {spec.source}", style.CAPTION_SIZE, color="muted"),)
    caption_h = content_height(caption, rect.w, font)
    chart_rect = Rect(rect.x, rect.y, rect.w, rect.h - caption_h)
    box = TextBox(Rect(rect.x, chart_rect.bottom, rect.w, caption_h), caption, f"{name} source")
    return [chart(chart_rect, spec, name, font), box]


def missing_block(rect: Rect, text: str, name: str) -> TextBox:
    """In place of a chart without data: what is missing and how to get it."""
    return TextBox(rect, (para(text, style.BODY_MIN, color="muted"),), f"{name} missing")


def chart_or_missing(
    rect: Rect, spec: ChartSpec | None, name: str, font: str, missing: str
) -> list[Element]:
    """The chart with its source line, or the line saying what data it needs."""
    if spec is None:
        return [missing_block(Rect(rect.x, rect.y, rect.w, rect.h // 3), missing, name)]
    return chart_block(rect, spec, name, font)


TILE_LABEL_LINES = 2
TILE_LABEL_MIN = 10.0
"""Points: a tile's label shrinks to this, at most, to stay within its two lines."""


def _tile_label(label: str, width: int, font: str) -> Paragraph:
    """The label at the table size, or smaller, down to ``TILE_LABEL_MIN``, to fit its lines."""
    size = style.TABLE_SIZE
    while True:
        paragraph = para(label, size, color="muted", align=Align.CENTER)
        lines = paragraph_lines(paragraph, emu_to_pt(width), font)
        if len(lines) <= TILE_LABEL_LINES or size <= TILE_LABEL_MIN:
            return paragraph
        size -= 1


def figure_tile(rect: Rect, value: str, label: str, name: str, font: str) -> list[Element]:
    """A big number over its label on a faint tile: the title slide's book figures."""
    value_h = pt_to_emu(style.FIGURE_SIZE * 1.22 + 2 * style.INSET_Y)
    label_h = pt_to_emu(style.TABLE_SIZE * 1.22 * TILE_LABEL_LINES + 2 * style.INSET_Y)
    top = rect.y + max(0, (rect.h - value_h - label_h) // 2)
    return [
        Shape(rect, f"{name} tile", "surface"),
        TextBox(
            Rect(rect.x, top, rect.w, value_h),
            (
                Paragraph(
                    (Run(value, bold=True),),
                    style.FIGURE_SIZE,
                    color="accent_text",
                    align=Align.CENTER,
                    heading_font=True,
                ),
            ),
            f"{name} value",
        ),
        TextBox(
            Rect(rect.x, top + value_h, rect.w, label_h),
            (_tile_label(label, rect.w, font),),
            f"{name} label",
        ),
    ]


def logo(rect: Rect, data: bytes, info: ImageInfo, owner: str) -> Picture:
    """``owner``'s logo as large as fits the top-left of ``rect`` within the logo limits,
    its aspect ratio kept."""
    w, h = fit_size(info.aspect, min(rect.w, style.LOGO_MAX_W), min(rect.h, style.LOGO_MAX_H))
    return Picture(Rect(rect.x, rect.y, w, h), "Logo", data, info.content_type, f"Logo of {owner}")
