"""Company templates: load a .pptx/.potx safely and describe what the deck writer needs from it.

:func:`load_template` reads a template (or the bundled default) and returns a
:class:`TemplateInfo`: which layouts to use, where titles, content and the footer go, which
fonts to use, what the two layouts used draw behind every slide (their backdrops, read by
:mod:`qbr_studio.deck.reading.backdrop_reader`) and, for each of them, which colours give
readable text on its own background (:mod:`qbr_studio.deck.reading.palettes`). Layouts are
recognised by their placeholder types only, never by their names, so a template in any language
works. Colours are resolved through the theme by :mod:`qbr_studio.deck.reading.theme_colors`.
Describing a template not described before is
:mod:`qbr_studio.deck.reading.template_description`'s (python-pptx is imported only then,
or to write a deck). :func:`open_presentation` gives a fresh, slide-free
:class:`~pptx.presentation.Presentation` to write the deck into.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from qbr_studio.deck.reading import kept_clean, kept_descriptions
from qbr_studio.deck.reading.namespaces import NS
from qbr_studio.deck.reading.template_info import TemplateInfo
from qbr_studio.errors import UserError, os_reason
from qbr_studio.paths import resource
from qbr_studio.safeio import GuardedReadError, read_bytes, sanitise_template

if TYPE_CHECKING:
    from pptx.presentation import Presentation

__all__ = ["TemplateInfo", "default_template_path", "load_template", "open_presentation"]

# --------------------------------------------------------------------------------------------
# Named constants: file types.
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
    import pptx  # a kept description and planning need none of it (see module docstring)

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


def _describe(path: Path, prs: Presentation) -> TemplateInfo:
    """The description of a template not described before (only then is its describer
    imported, with the rest of python-pptx)."""
    from qbr_studio.deck.reading.template_description import describe

    return describe(path, prs)
