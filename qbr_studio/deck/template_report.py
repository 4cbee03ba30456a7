"""What QBR Studio found in a company template, in words: ``qbr-studio template check``.

The layouts each kind of slide is built on, the theme fonts and the files that measure them,
the artwork kept clear of (keep-out zones), the title, subtitle and footer colours with their
contrast on what lies behind them, where the footer goes, and what had to be adjusted.
"""

from __future__ import annotations

from pathlib import Path

from qbr_studio.deck.backdrop import TextFrame
from qbr_studio.deck.colors import worst_contrast
from qbr_studio.deck.font_files import resolve
from qbr_studio.deck.geometry import EMU_PER_INCH, RGB, Rect
from qbr_studio.deck.planning.canvas import Canvas
from qbr_studio.deck.reading.grounds import behind_frame
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.reading.template_info import TemplateInfo
from qbr_studio.model.deck_kinds import SlideKind


def _inches(rect: Rect) -> str:
    x, y, w, h = (v / EMU_PER_INCH for v in (rect.x, rect.y, rect.w, rect.h))
    return f"{w:.2f} × {h:.2f} in at ({x:.2f}, {y:.2f})"


def _contrast_line(
    what: str, color: RGB, frame: TextFrame | None, info: TemplateInfo, kind: SlideKind
) -> str:
    backdrop = info.backdrops[kind]
    if frame is None:
        return f"    {what}: #{color.hex} (no placeholder for it on this layout)"
    behind = behind_frame(frame, backdrop, info.slide_width, info.slide_height)
    on = ", ".join(f"#{c.hex}" for c in behind)
    return f"    {what}: #{color.hex} on {on}: {worst_contrast(color, behind):.1f}:1"


def _embedded_lines(info: TemplateInfo) -> list[str]:
    """The fonts the template embeds: each one measuring its family, or why it can't."""
    if not info.embedded_fonts:
        return ["  embedded fonts: none"]
    lines = ["  embedded fonts:"]
    for font in info.embedded_fonts:
        what = f"    {font.typeface} {font.style} ({font.part})"
        if font.path is not None:
            lines.append(f"{what}: measures and draws {font.typeface} {font.style}")
            continue
        instead = resolve(font.typeface, font.bold, font.italic)
        lines.append(
            f"{what}: not usable, {font.problem}; measured with {instead.family} "
            f"({instead.source.value}) instead"
        )
    return lines


def report_lines(path: Path) -> list[str]:
    """The report on the template at ``path`` (raises ``UserError`` if it cannot be used)."""
    info = load_template(path)
    inch_w, inch_h = info.slide_width / EMU_PER_INCH, info.slide_height / EMU_PER_INCH
    lines = [f"{path}", f"  slide size: {inch_w:.2f} × {inch_h:.2f} in"]
    lines.append("  layouts:")
    for kind, index in (
        (SlideKind.TITLE, info.title_layout),
        (SlideKind.CONTENT, info.content_layout),
    ):
        name = info.layout_names.get(kind, "")
        lines.append(f"    {kind.value} slides: layout {index + 1} “{name}”")
    lines.append("  fonts:")
    for role, family in (("headings", info.heading_font), ("body text", info.body_font)):
        for bold in (False, True):
            found = resolve(family, bold=bold)
            style = "bold" if bold else "regular"
            lines.append(
                f"    {role} {family} {style}: measured with {found.family} "
                f"({found.source.value}): {found.path}"
            )
    lines += _embedded_lines(info)
    lines.append(f"  content area: {_inches(info.body_rect)}")
    for kind in (SlideKind.TITLE, SlideKind.CONTENT):
        zones = info.keep_outs.get(kind, ())
        lines.append(f"  keep-out zones on {kind.value} slides: {len(zones) or 'none'}")
        lines += [f"    {_inches(zone)}" for zone in zones]
    for kind in (SlideKind.TITLE, SlideKind.CONTENT):
        backdrop, palette = info.backdrops[kind], info.palettes[kind]
        lines.append(f"  colours on {kind.value} slides (background #{palette.background.hex}):")
        lines.append(_contrast_line("title", palette.title, backdrop.title, info, kind))
        if kind is SlideKind.TITLE:
            lines.append(
                _contrast_line("subtitle", palette.subtitle, backdrop.subtitle, info, kind)
            )
        else:
            footer = backdrop.footer or backdrop.slide_number
            lines.append(_contrast_line("footer", palette.footer, footer, info, kind))
    content = info.backdrops[SlideKind.CONTENT]
    where = [
        name
        for name, frame in (("footer", content.footer), ("slide number", content.slide_number))
        if frame is not None
    ]
    lines.append(
        "  footer: in the layout's own " + " and ".join(f"{w} placeholder" for w in where)
        if where
        else f"  footer: a line of ours, {_inches(info.footer_rect)}"
    )
    if Canvas.of(info).takeaway_rect is not None:
        lines.append(
            "  titles: the title placeholder is too small for a takeaway title; it gets the "
            "slide's part of the deck, the takeaway leads the body"
        )
    lines.append("  adjusted:" if info.adjustments else "  adjusted: nothing")
    lines += [f"    {a}" for a in info.adjustments]
    lines += [f"  left out of the deck: {d}" for d in info.dropped]
    return lines
