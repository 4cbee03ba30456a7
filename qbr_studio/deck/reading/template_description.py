"""Describing a template python-pptx has opened: which layouts a deck uses, where titles,
content and the footer go, its fonts, backdrops, keep-outs and palettes (the
:class:`~qbr_studio.deck.reading.template_info.TemplateInfo` that
:mod:`qbr_studio.deck.reading.template` loads).

Only a template not described before is read this far (see
:mod:`qbr_studio.deck.reading.kept_descriptions`), so python-pptx and the readers of layouts
are imported here, not by every start or build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.backdrop import Backdrop, TextFrame
from qbr_studio.deck.geometry import RGB, Rect, inches
from qbr_studio.deck.plan import Palette
from qbr_studio.deck.reading.embedded_fonts import read_embedded_fonts
from qbr_studio.deck.reading.keepouts import free_area, keep_outs
from qbr_studio.deck.reading.palettes import layout_palette
from qbr_studio.deck.reading.template_info import TemplateInfo
from qbr_studio.deck.reading.theme_colors import NS, color_scheme, theme_element
from qbr_studio.errors import UserError
from qbr_studio.model.deck_kinds import SlideKind

FALLBACK_SLIDE_SIZE = (9_144_000, 6_858_000)
"""Slide width and height in EMU when ``p:sldSz`` is missing: PowerPoint's 10 × 7.5 in."""

SLIDE_MARGIN = inches(0.5)
"""Margin from the slide edge for boxes the template does not define."""

GAP = inches(0.15)
"""Vertical gap kept between title, body and footer when a box has to be derived or trimmed."""

FALLBACK_TITLE_HEIGHT = inches(1.0)
"""Height of the title box when neither the layout nor the master places a title."""

FOOTER_STRIP_HEIGHT = inches(0.35)
"""Height of the footer band when the master has no date, footer or slide-number placeholder."""

MIN_BODY_FRACTION = 0.4
"""The body keeps at least this share of the slide height when trimmed to fit above a footer."""

DEFAULT_HEADING_FONT = "Calibri"
"""Font used when the theme names no major (heading) latin font."""

DEFAULT_BODY_FONT = "Calibri"
"""Font used when the theme names no minor (body) latin font."""

_FOOTER_TYPES = frozenset({PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER})
"""Placeholders making up the footer band."""

_FRAME_TYPES = _FOOTER_TYPES | {PP_PLACEHOLDER.HEADER}
"""Placeholders that are page furniture, not slide content."""

_CONTENT_TYPES = frozenset({PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT})
"""Placeholders that hold a slide's main content."""


def describe(path: Path, prs: Presentation) -> TemplateInfo:
    """What a deck needs of the template ``prs`` opened from ``path`` (``dropped`` left
    for the loader to fill in)."""
    # Only a template not described before is read this far (see kept_descriptions): its
    # artwork's reader is imported then, not by every build.
    from qbr_studio.deck.reading.backdrop_reader import read_backdrop

    layouts = list(prs.slide_layouts)
    if not layouts:
        raise UserError(f"{path} has no slide layouts, so it cannot be used as a template.")
    master = prs.slide_master
    content_index = _pick_content_layout(layouts, path)
    content = layouts[content_index]
    # Plain ints, not python-pptx's lengths: a kept description is read without python-pptx.
    width = int(prs.slide_width or FALLBACK_SLIDE_SIZE[0])
    height = int(prs.slide_height or FALLBACK_SLIDE_SIZE[1])
    slide = Rect(0, 0, width, height)
    title_rect, layout_body, footer_rect = _frame(layouts, content, master, slide)

    theme = theme_element(master)
    scheme = color_scheme(theme)
    heading_font, body_font = _theme_fonts(theme)
    embedded = read_embedded_fonts(prs)  # before anything is measured with its families
    title_index = _pick_title_layout(layouts, content_index)
    used = {SlideKind.TITLE: layouts[title_index], SlideKind.CONTENT: content}
    backdrops = {
        kind: read_backdrop(layout, master, theme, (heading_font, body_font))
        for kind, layout in used.items()
    }
    keep = {kind: keep_outs(backdrop, slide) for kind, backdrop in backdrops.items()}
    body_rect = free_area(layout_body, keep[SlideKind.CONTENT])
    if backdrops[SlideKind.CONTENT].footer is None:
        footer_rect = free_area(footer_rect, keep[SlideKind.CONTENT])
    palettes: dict[SlideKind, Palette] = {}
    adjustments: list[str] = []
    for kind, layout in used.items():
        backdrop = backdrops[kind]
        footer = backdrop.footer or backdrop.slide_number
        palettes[kind] = layout_palette(
            layout,
            master,
            scheme,
            backdrop.background,
            title_grounds=_behind(backdrop.title, backdrop, slide),
            subtitle_color=None if backdrop.subtitle is None else backdrop.subtitle.color,
            subtitle_grounds=_behind(backdrop.subtitle, backdrop, slide),
            footer_color=None if footer is None else footer.color,
            footer_grounds=_behind(footer, backdrop, slide),
        )
        adjustments += _adjusted(kind, backdrop, palettes[kind])
    return TemplateInfo(
        path=path,
        slide_width=width,
        slide_height=height,
        title_layout=title_index,
        content_layout=content_index,
        title_rect=title_rect,
        body_rect=body_rect,
        footer_rect=footer_rect,
        palettes=palettes,
        heading_font=heading_font,
        body_font=body_font,
        backdrops=backdrops,
        keep_outs=keep,
        layout_body=layout_body,
        adjustments=tuple(adjustments),
        layout_names={kind: layout.name for kind, layout in used.items()},
        embedded_fonts=embedded,
    )


def _behind(frame: TextFrame | None, backdrop: Backdrop, slide: Rect) -> tuple[RGB, ...]:
    from qbr_studio.deck.reading.grounds import behind_frame  # as read_backdrop, in _describe

    return behind_frame(frame, backdrop, slide.w, slide.h)


def _adjusted(kind: SlideKind, backdrop: Backdrop, palette: Palette) -> list[str]:
    """The template's own title and footer colours the palette had to change, in words."""
    changes = []
    for what, frame, used in (
        ("title", backdrop.title, palette.title),
        ("subtitle", backdrop.subtitle, palette.subtitle),
        ("footer", backdrop.footer or backdrop.slide_number, palette.footer),
    ):
        own = None if frame is None else frame.color
        if own is not None and own != used:
            changes.append(
                f"the {kind.value} layout's {what} colour {own.hex} does not read on what lies "
                f"behind it: {used.hex} is used instead"
            )
    return changes


# --- layouts ---------------------------------------------------------------------------------


def _placeholder_types(layout: SlideLayout) -> list[PP_PLACEHOLDER]:
    return [ph.placeholder_format.type for ph in layout.placeholders]


def _has_vertical_text(layout: SlideLayout) -> bool:
    return any(ph.element.ph_orient == "vert" for ph in layout.placeholders)


def _is_title_only(layout: SlideLayout) -> bool:
    types = _placeholder_types(layout)
    content = [t for t in types if t not in _FRAME_TYPES]
    return content == [PP_PLACEHOLDER.TITLE] and not _has_vertical_text(layout)


def _is_title_and_content(layout: SlideLayout) -> bool:
    types = [t for t in _placeholder_types(layout) if t not in _FRAME_TYPES]
    has_title = types.count(PP_PLACEHOLDER.TITLE) == 1
    one_body = sum(t in _CONTENT_TYPES for t in types) == 1
    return has_title and one_body and len(types) == 2 and not _has_vertical_text(layout)


def _has_title(layout: SlideLayout) -> bool:
    return PP_PLACEHOLDER.TITLE in _placeholder_types(layout)


def _first_index(layouts: list[SlideLayout], test: Callable[[SlideLayout], bool]) -> int | None:
    return next((i for i, layout in enumerate(layouts) if test(layout)), None)


def _pick_content_layout(layouts: list[SlideLayout], path: Path) -> int:
    """Title only, else title and content, else any layout with a (horizontal) title."""
    tests: tuple[Callable[[SlideLayout], bool], ...] = (
        _is_title_only,
        _is_title_and_content,
        lambda layout: _has_title(layout) and not _has_vertical_text(layout),
        _has_title,
    )
    for test in tests:
        found = _first_index(layouts, test)
        if found is not None:
            return found
    raise UserError(
        f"{path} has no slide layout with a title placeholder; add a 'Title Only' or "
        "'Title and Content' layout to the template's slide master."
    )


def _pick_title_layout(layouts: list[SlideLayout], content_index: int) -> int:
    """A layout with a centred title, else one with title and subtitle, else the content one."""
    types = [set(_placeholder_types(layout)) for layout in layouts]
    for i, kinds in enumerate(types):
        if PP_PLACEHOLDER.CENTER_TITLE in kinds:
            return i
    for i, kinds in enumerate(types):
        if {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.SUBTITLE} <= kinds:
            return i
    return content_index


# --- geometry --------------------------------------------------------------------------------


def _rect_of(shape: object) -> Rect | None:
    """The box of a (layout or master) placeholder, inherited from the master where needed."""
    x, y, w, h = (getattr(shape, name) for name in ("left", "top", "width", "height"))
    if x is None or y is None or not w or not h:
        return None
    return Rect(int(x), int(y), int(w), int(h))


def _layout_rect(layout: SlideLayout, kinds: Iterable[PP_PLACEHOLDER]) -> Rect | None:
    wanted = frozenset(kinds)
    for ph in layout.placeholders:
        if ph.placeholder_format.type in wanted:
            return _rect_of(ph)
    return None


def _master_rects(master: SlideMaster, kinds: frozenset[PP_PLACEHOLDER]) -> list[Rect]:
    rects = [_rect_of(ph) for ph in master.placeholders if ph.placeholder_format.type in kinds]
    return [r for r in rects if r is not None]


def _union(rects: list[Rect]) -> Rect:
    left = min(r.x for r in rects)
    top = min(r.y for r in rects)
    right = max(r.right for r in rects)
    bottom = max(r.bottom for r in rects)
    return Rect(left, top, right - left, bottom - top)


def _clip(rect: Rect, slide: Rect) -> Rect:
    left, top = max(rect.x, slide.x), max(rect.y, slide.y)
    right, bottom = min(rect.right, slide.right), min(rect.bottom, slide.bottom)
    return Rect(left, top, max(0, right - left), max(0, bottom - top))


def _title_rect(content: SlideLayout, master: SlideMaster, slide: Rect) -> Rect:
    found = _layout_rect(content, {PP_PLACEHOLDER.TITLE})
    if found is None:
        masters = _master_rects(master, frozenset({PP_PLACEHOLDER.TITLE}))
        found = masters[0] if masters else None
    if found is None or found.w == 0:
        found = Rect(SLIDE_MARGIN, SLIDE_MARGIN, slide.w - 2 * SLIDE_MARGIN, FALLBACK_TITLE_HEIGHT)
    return _clip(found, slide)


def _body_rect(layouts: list[SlideLayout], master: SlideMaster, title: Rect, slide: Rect) -> Rect:
    """Body of a title-and-content layout, else the master's body, else below the title.

    A candidate whose part below the title is shorter than :data:`MIN_BODY_FRACTION` of the
    slide is passed over: a small text placeholder above the title (a kicker line) is not
    where a slide's content goes.
    """
    candidates: list[Rect] = []
    index = _first_index(layouts, _is_title_and_content)
    if index is not None and (found := _layout_rect(layouts[index], _CONTENT_TYPES)):
        candidates.append(found)
    candidates += _master_rects(master, frozenset({PP_PLACEHOLDER.BODY}))[:1]
    for found in candidates:
        clipped = _clip(found, slide)
        if clipped.bottom - max(clipped.y, title.bottom) >= MIN_BODY_FRACTION * slide.h:
            return clipped
    top = title.bottom + GAP
    bottom = slide.bottom - SLIDE_MARGIN - FOOTER_STRIP_HEIGHT - GAP
    return _clip(Rect(title.x, top, title.w, bottom - top), slide)


def _footer_strip(body: Rect, slide: Rect) -> Rect:
    top = min(body.bottom + GAP, slide.bottom - FOOTER_STRIP_HEIGHT)
    return Rect(body.x, top, body.w, min(FOOTER_STRIP_HEIGHT, slide.bottom - top))


def _frame(
    layouts: list[SlideLayout], content: SlideLayout, master: SlideMaster, slide: Rect
) -> tuple[Rect, Rect, Rect]:
    """Title, body and footer boxes, made consistent: title above body above footer."""
    title = _title_rect(content, master, slide)
    body = _body_rect(layouts, master, title, slide)
    if body.y < title.bottom:
        top = min(title.bottom + GAP, body.bottom)
        body = Rect(body.x, top, body.w, body.bottom - top)
    footers = _master_rects(master, _FOOTER_TYPES)
    footer = _clip(_union(footers), slide) if footers else _footer_strip(body, slide)
    if footer.w == 0 or footer.h == 0:  # footer placeholders off the slide
        footer = _footer_strip(body, slide)
    if footer.y < body.bottom:
        room = footer.y - GAP - body.y
        if room >= MIN_BODY_FRACTION * slide.h:
            body = Rect(body.x, body.y, body.w, room)
        else:
            strip_top = slide.bottom - FOOTER_STRIP_HEIGHT
            body = Rect(body.x, body.y, body.w, max(0, strip_top - GAP - body.y))
            footer = Rect(body.x, strip_top, body.w, FOOTER_STRIP_HEIGHT)
    return title, body, footer


# --- fonts -----------------------------------------------------------------------------------


def _theme_fonts(theme: etree._Element | None) -> tuple[str, str]:
    def typeface(kind: str, fallback: str) -> str:
        if theme is None:
            return fallback
        latin = theme.find(f"a:themeElements/a:fontScheme/a:{kind}/a:latin", NS)
        name = "" if latin is None else latin.get("typeface", "").strip()
        return name or fallback

    return typeface("majorFont", DEFAULT_HEADING_FONT), typeface("minorFont", DEFAULT_BODY_FONT)
