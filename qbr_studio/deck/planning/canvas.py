"""The template side of a deck: what planning needs from a template, read once and shared by
every part assembled onto it (one review's standard deck, or several reviews' slides in one
team deck)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from qbr_studio.deck import style
from qbr_studio.deck.backdrop import Backdrop, TextFrame
from qbr_studio.deck.fit import text_height
from qbr_studio.deck.geometry import Rect, emu_to_pt, pt_to_emu
from qbr_studio.deck.plan import DeckPlan, Palette, PlaceholderRole, SlidePlan
from qbr_studio.deck.reading.keepouts import free_area
from qbr_studio.deck.reading.template import load_template
from qbr_studio.deck.reading.template_info import TemplateInfo
from qbr_studio.model.deck_kinds import SlideKind

MAX_TAKEAWAY_LINES = 2
TAKEAWAY_SIZE = style.BODY_SIZE + 4
"""Points: a takeaway title set in the body when the title placeholder cannot hold it."""


def _holds_takeaway(title: Rect) -> bool:
    """Whether a title box is tall enough for a two-line title at the smallest title size."""
    need = text_height(MAX_TAKEAWAY_LINES, style.TITLE_MIN) + 2 * style.INSET_Y
    return emu_to_pt(title.h) >= need


T = TypeVar("T")


@dataclass(frozen=True)
class Canvas:
    """Slide size, the layout each kind of slide is built on, the title, body and footer
    boxes, the fonts, and each layout's palette, backdrop and keep-out zones.

    ``body_rect`` is the content layout's body with its artwork (logo, bars) taken out: the
    content area every slide builder lays out in.
    """

    template: Path
    slide_width: int
    slide_height: int
    layouts: dict[SlideKind, int]
    title_rect: Rect
    body_rect: Rect
    footer_rect: Rect
    heading_font: str
    body_font: str
    palettes: dict[SlideKind, Palette]
    backdrops: dict[SlideKind, Backdrop] = field(default_factory=dict)
    keep_outs: dict[SlideKind, tuple[Rect, ...]] = field(default_factory=dict)
    """Each layout's artwork boxes: nothing of ours is drawn over them."""
    takeaway_rect: Rect | None = None
    """Where a content slide's takeaway title goes when the title placeholder is too small to
    hold it (two lines at the smallest title size): the top of the layout's body, above
    ``body_rect``. The placeholder then gets a short title (the slide's part of the deck)."""
    laid_out: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)
    """What every part of the deck lays out alike, worked out once per canvas (see
    :meth:`once`)."""

    @classmethod
    def of(cls, info: TemplateInfo) -> Canvas:
        body, takeaway = info.body_rect, None
        if not _holds_takeaway(info.title_rect):
            need = pt_to_emu(text_height(MAX_TAKEAWAY_LINES, TAKEAWAY_SIZE) + 2 * style.INSET_Y)
            takeaway = Rect(body.x, body.y, body.w, min(need, body.h))
            top = min(body.bottom, takeaway.bottom + style.GUTTER // 2)
            body = Rect(body.x, top, body.w, body.bottom - top)
        return cls._of(info, body, takeaway)

    @classmethod
    def _of(cls, info: TemplateInfo, body: Rect, takeaway: Rect | None) -> Canvas:
        return cls(
            template=info.path,
            slide_width=info.slide_width,
            slide_height=info.slide_height,
            layouts={SlideKind.TITLE: info.title_layout, SlideKind.CONTENT: info.content_layout},
            title_rect=info.title_rect,
            body_rect=body,
            footer_rect=info.footer_rect,
            heading_font=info.heading_font,
            body_font=info.body_font,
            palettes=dict(info.palettes),
            backdrops=dict(info.backdrops),
            keep_outs=dict(info.keep_outs),
            takeaway_rect=takeaway,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Canvas:
        """The canvas of the template at ``path`` (the bundled one when ``None``)."""
        return cls.of(load_template(path))

    def once(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, kept for the canvas under ``key``: for a layout that depends only on
        what ``key`` holds and the canvas (the appendix's metric definitions, alike for every
        presenter of a meeting deck). What is kept must not be changed by its users."""
        try:
            return self.laid_out[key]  # type: ignore[no-any-return]
        except KeyError:
            made = self.laid_out[key] = make()
            return made

    @property
    def palette(self) -> Palette:
        """The content layout's colours: most slides', and any kind's without its own."""
        return self.palettes[SlideKind.CONTENT]

    def content_area(self, kind: SlideKind, area: Rect) -> Rect:
        """The part of ``area`` clear of ``kind``'s layout artwork (for the title slide's
        figures, which sit below its title rather than in the content body)."""
        return free_area(area, self.keep_outs.get(kind, ()))

    def frames(self, kind: SlideKind) -> dict[PlaceholderRole, TextFrame]:
        """The footer and slide-number placeholders ``kind``'s layout has, by role."""
        backdrop = self.backdrops.get(kind)
        if backdrop is None:
            return {}
        found = {
            PlaceholderRole.FOOTER: backdrop.footer,
            PlaceholderRole.SLIDE_NUMBER: backdrop.slide_number,
        }
        return {role: frame for role, frame in found.items() if frame is not None}

    def deck(self, slides: list[SlidePlan]) -> DeckPlan:
        """A deck of ``slides`` (already furnished) on this canvas."""
        return DeckPlan(
            slide_width=self.slide_width,
            slide_height=self.slide_height,
            palette=self.palette,
            heading_font=self.heading_font,
            body_font=self.body_font,
            slides=slides,
            template=self.template,
            footer_rect=self.footer_rect,
            title_rect=self.title_rect,
            palettes={k: p for k, p in self.palettes.items() if k is not SlideKind.CONTENT},
            backdrops=dict(self.backdrops),
        )
