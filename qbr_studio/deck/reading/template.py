"""Company templates: load a .pptx/.potx safely and describe what the deck writer needs from it.

:func:`load_template` reads a template (or the bundled default) and returns a
:class:`TemplateInfo`: which layouts to use, where titles, content and the footer go, which
fonts to use, what the two layouts used draw behind every slide (their backdrops, read by
:mod:`qbr_studio.deck.reading.backdrop_reader`) and, for each of them, which colours give
readable text on its own background (:mod:`qbr_studio.deck.reading.palettes`). Layouts are
recognised by their placeholder types only, never by their names, so a template in any language
works. Colours are resolved through the theme by :mod:`qbr_studio.deck.reading.theme_colors`.
:func:`open_presentation` gives a fresh, slide-free :class:`~pptx.presentation.Presentation` to
write the deck into.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pptx
from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation
from pptx.slide import SlideLayout, SlideMaster

from qbr_studio.deck.backdrop import Backdrop, TextFrame
from qbr_studio.deck.geometry import RGB, Rect, inches
from qbr_studio.deck.plan import Palette
from qbr_studio.deck.reading import kept_clean, kept_descriptions
from qbr_studio.deck.reading.embedded_fonts import EmbeddedFont, read_embedded_fonts
from qbr_studio.deck.reading.keepouts import free_area, keep_outs
from qbr_studio.deck.reading.palettes import is_dark_background, layout_palette
from qbr_studio.deck.reading.theme_colors import NS, color_scheme, theme_element
from qbr_studio.errors import UserError, os_reason
from qbr_studio.model.deck_kinds import SlideKind
from qbr_studio.paths import resource
from qbr_studio.safeio import GuardedReadError, read_bytes, sanitise_template

# --------------------------------------------------------------------------------------------
# Named constants: file types, fallbacks and geometry.
# --------------------------------------------------------------------------------------------

DEFAULT_TEMPLATE_PARTS = ("templates", "default.pptx")
"""Where the bundled default template lives under the resources folder."""

TEMPLATE_SUFFIXES = frozenset({".pptx", ".potx"})
"""File extensions accepted as templates."""

MACRO_SUFFIXES = frozenset({".pptm", ".potm"})
"""Macro-enabled PowerPoint extensions: refused, macros are never run or carried along."""

CT_PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
"""Content type of the main part of a .pptx; python-pptx only opens packages with this one."""

CT_OPENABLE_AS_PRESENTATION = frozenset(
    {
        "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
        "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    }
)
"""Main-part content types of a .potx and a .ppsx: same XML as a .pptx, relabelled on load."""

CT_MACRO_MAIN = frozenset(
    {
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.addin.macroEnabled.main+xml",
    }
)
"""Main-part content types of macro-enabled packages (refused whatever the file is called)."""

CONTENT_TYPES_MEMBER = "[Content_Types].xml"
"""The zip member of an OPC package that maps parts to content types."""

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


@dataclass(frozen=True)
class TemplateInfo:
    """What the deck needs to know about a template (see module docstring); planning takes
    it as a :class:`~qbr_studio.deck.planning.canvas.Canvas`."""

    path: Path
    slide_width: int
    slide_height: int
    title_layout: int
    content_layout: int
    title_rect: Rect
    body_rect: Rect
    footer_rect: Rect
    palettes: dict[SlideKind, Palette]
    """The deck's colours on the title-slide (``"title"``) and content (``"content"``) layouts,
    each readable on that layout's own background."""
    heading_font: str
    body_font: str
    backdrops: dict[SlideKind, Backdrop] = field(default_factory=dict)
    """What the title-slide (``"title"``) and content (``"content"``) layouts draw under a
    slide's own shapes, for the preview (see :mod:`qbr_studio.deck.backdrop`)."""
    dropped: tuple[str, ...] = ()
    """What the template carried that a deck never takes (macros, embedded objects, external
    links, metadata), in plain words; see :func:`qbr_studio.safeio.sanitise_template`."""
    keep_outs: dict[SlideKind, tuple[Rect, ...]] = field(default_factory=dict)
    """The boxes of each layout's artwork (logo, bars, ornaments): nothing of ours goes there
    (see :mod:`qbr_studio.deck.reading.keepouts`); ``body_rect`` is already clear of them."""
    layout_body: Rect | None = None
    """The content layout's body box before the keep-outs were taken out of it."""
    adjustments: tuple[str, ...] = ()
    """What the app had to change to read well on this template, in plain words."""
    layout_names: dict[SlideKind, str] = field(default_factory=dict)
    """The names the template gives the layouts used (for ``template check``)."""
    embedded_fonts: tuple[EmbeddedFont, ...] = ()
    """The fonts the template embeds, each usable (and then measuring its family) or not
    (see :mod:`qbr_studio.deck.reading.embedded_fonts`)."""

    # The content layout's colours (most slides', and the charts'), one by one.

    @property
    def palette(self) -> Palette:
        return self.palettes[SlideKind.CONTENT]

    @property
    def background(self) -> RGB:
        return self.palette.background

    @property
    def text(self) -> RGB:
        return self.palette.text

    @property
    def muted(self) -> RGB:
        return self.palette.muted

    @property
    def title_color(self) -> RGB:
        return self.palette.title

    @property
    def series(self) -> tuple[RGB, ...]:
        return self.palette.series

    @property
    def status(self) -> dict[str, RGB]:
        return self.palette.status

    @property
    def is_dark(self) -> bool:
        return is_dark_background(self.background)


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def default_template_path() -> Path:
    """The bundled default template."""
    return resource(*DEFAULT_TEMPLATE_PARTS)


def load_template(path: Path | None = None) -> TemplateInfo:
    """Read and describe ``path`` (the bundled default when ``None``).

    Raises :class:`UserError` naming the file when it is not a usable .pptx/.potx.
    """
    path = default_template_path() if path is None else Path(path)
    try:
        stat = path.stat()
    except OSError:
        stat = None  # _open names the problem
    if stat is not None and path.is_file():
        return _load_cached(path, stat.st_mtime_ns, stat.st_size)
    return _load(path)


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> TemplateInfo:
    """Describing a template takes longer than building a deck's text; the app builds the
    same template over and over, so the description is kept while the file is unchanged."""
    return _load(path)


def _load(path: Path) -> TemplateInfo:
    """The template's description: kept from an earlier run for the same bytes (see
    :mod:`qbr_studio.deck.reading.kept_descriptions`), else read and described now."""
    _check_suffix(path)
    data = _read_bytes(path)
    kept = kept_descriptions.recall(data, path)
    if kept is not None:
        return kept
    prs, dropped = _open_data(data, path)
    try:
        info = dataclasses.replace(_describe(path, prs), dropped=tuple(dropped))
    except (ValueError, KeyError, etree.XMLSyntaxError) as exc:  # malformed layout/theme XML
        raise UserError(
            f"{path} could not be read as a PowerPoint template: its slide master or layouts "
            "are malformed. Open it in PowerPoint and save it again."
        ) from exc
    kept_descriptions.keep(data, info)
    return info


def open_presentation(path: Path | None = None) -> Presentation:
    """A fresh presentation built on the template at ``path`` (the bundled one when
    ``None``), with any slides it contained removed.

    Each slide's ``p:sldId`` and its relationship are dropped, so the slide parts (and their
    notes) are no longer reachable and python-pptx does not write them.
    """
    prs, _ = _open(default_template_path() if path is None else Path(path))
    _remove_all_slides(prs)
    return prs


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def _open(path: Path) -> tuple[Presentation, list[str]]:
    """The template as python-pptx opens it, reduced to the parts a deck may carry, and what
    was left out (the template is read once, through the guarded reader)."""
    _check_suffix(path)
    return _open_data(_read_bytes(path), path)


def _open_data(data: bytes, path: Path) -> tuple[Presentation, list[str]]:
    """:func:`_open` of the bytes ``data`` read from ``path``."""
    clean, dropped = _cleaned(data, path)
    try:
        return pptx.Presentation(io.BytesIO(clean)), list(dropped)
    except Exception as exc:
        raise UserError(
            f"{path} could not be opened as a PowerPoint template; it may be damaged. "
            "Open it in PowerPoint and save it again as .pptx or .potx."
        ) from exc


def _cleaned(data: bytes, path: Path) -> tuple[bytes, tuple[str, ...]]:
    """The package ``data`` read from ``path`` as python-pptx may open it (a template's main
    part relabelled) and reduced to what a deck may carry, with what was left out; kept for
    the same bytes (:mod:`qbr_studio.deck.reading.kept_clean`)."""
    return kept_clean.cleaned(data, path, _sanitised)


def _sanitised(data: bytes, path: Path) -> tuple[bytes, tuple[str, ...]]:
    clean = sanitise_template(_as_presentation_package(data, path), path.name)
    return clean.data, tuple(clean.dropped)


def _check_suffix(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise UserError(_macro_message(path))
    if suffix not in TEMPLATE_SUFFIXES:
        raise UserError(
            f"{path} is not a PowerPoint template: choose a .pptx or .potx file "
            "(in PowerPoint, use File › Save As to convert other formats)."
        )


def _macro_message(path: Path) -> str:
    return (
        f"{path} is a macro-enabled PowerPoint file. QBR Studio never uses macros: "
        "open it in PowerPoint and save it as a .pptx or .potx, then choose that file."
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return read_bytes(path, "template")
    except GuardedReadError:
        raise
    except FileNotFoundError as exc:
        raise UserError(f"The template {path} does not exist.") from exc
    except IsADirectoryError as exc:
        raise UserError(f"{path} is a folder, not a PowerPoint template.") from exc
    except OSError as exc:
        raise UserError(f"The template {path} could not be read: {os_reason(exc)}.") from exc


def _not_a_presentation(path: Path) -> UserError:
    return UserError(
        f"{path} is not a PowerPoint presentation or template (or the file is damaged). "
        "Choose a .pptx or .potx saved by PowerPoint."
    )


def _as_presentation_package(data: bytes, path: Path) -> bytes:
    """``data`` checked to be a presentation package, with a template's main part relabelled.

    python-pptx only opens a main part labelled as a presentation; a .potx holds the same XML
    under the template content type, so ``[Content_Types].xml`` is rewritten in memory.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            types_xml = archive.read(CONTENT_TYPES_MEMBER)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as exc:
        raise _not_a_presentation(path) from exc
    root = _parse_content_types(types_xml, path)
    main_types = {el.get("ContentType", "") for el in root.iterfind("ct:Override", NS)}
    if main_types & CT_MACRO_MAIN:
        raise UserError(_macro_message(path))
    if CT_PRESENTATION_MAIN in main_types:
        return data
    if main_types & CT_OPENABLE_AS_PRESENTATION:
        for override in root.iterfind("ct:Override", NS):
            if override.get("ContentType") in CT_OPENABLE_AS_PRESENTATION:
                override.set("ContentType", CT_PRESENTATION_MAIN)
        return _replace_member(data, CONTENT_TYPES_MEMBER, etree.tostring(root), path)
    raise _not_a_presentation(path)


def _parse_content_types(types_xml: bytes, path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        return etree.fromstring(types_xml, parser)
    except etree.XMLSyntaxError as exc:
        raise _not_a_presentation(path) from exc


def _replace_member(data: bytes, member: str, content: bytes, path: Path) -> bytes:
    out = io.BytesIO()
    try:
        with (
            zipfile.ZipFile(io.BytesIO(data)) as source,
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
        ):
            for item in source.infolist():
                blob = content if item.filename == member else source.read(item)
                target.writestr(item, blob)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise _not_a_presentation(path) from exc
    return out.getvalue()


def _remove_all_slides(prs: Presentation) -> None:
    id_list = prs.element.sldIdLst
    if id_list is None:
        return
    for sld_id in list(id_list):
        r_id = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(r_id)


# --------------------------------------------------------------------------------------------
# Describing
# --------------------------------------------------------------------------------------------


def _describe(path: Path, prs: Presentation) -> TemplateInfo:
    # Only a template not described before is read this far (see kept_descriptions): its
    # artwork's reader is imported then, not by every build.
    from qbr_studio.deck.reading.backdrop_reader import read_backdrop

    layouts = list(prs.slide_layouts)
    if not layouts:
        raise UserError(f"{path} has no slide layouts, so it cannot be used as a template.")
    master = prs.slide_master
    content_index = _pick_content_layout(layouts, path)
    content = layouts[content_index]
    width = prs.slide_width or FALLBACK_SLIDE_SIZE[0]
    height = prs.slide_height or FALLBACK_SLIDE_SIZE[1]
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
