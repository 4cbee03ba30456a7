"""The bundled Carlito fonts, registered with Qt once, and the plan's font names mapped to them.

Carlito is metric-compatible with Calibri (the default template's theme font), so text the
deck engine measured with Carlito's metrics takes the same width when Qt draws it. Any other
theme font is drawn with the file the plan measured it with (the font itself, a
metric-compatible or a wider stand-in; see :mod:`qbr_studio.deck.font_files`).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFont, QFontDatabase

from qbr_studio.deck.font_files import FontFile, Source, resolve
from qbr_studio.paths import resource

CARLITO = "Carlito"
"""Family name of the bundled fonts."""

FONT_FILES = (
    "Carlito-Regular.ttf",
    "Carlito-Bold.ttf",
    "Carlito-Italic.ttf",
    "Carlito-BoldItalic.ttf",
)
"""Files under ``resources/fonts`` registered with Qt."""

METRIC_ALIASES = {"calibri": CARLITO, "carlito": CARLITO}
"""Plan font names (lower case) drawn with a bundled, metric-compatible family."""

LIGATURES = "liga"
"""OpenType standard ligatures, switched off in every font made here (Qt 6.7+; older Qt
has no per-font feature switch and keeps them)."""

_registered: list[str] | None = None
"""Families Qt reported for the bundled files; ``None`` until :func:`register_fonts` ran."""


def register_fonts() -> list[str]:
    """Add the bundled fonts to Qt's font database (once; needs a QGuiApplication).

    Returns the family names Qt registered, normally ``["Carlito"]``. A file Qt cannot load is
    skipped; text then falls back to a system font rather than failing.
    """
    global _registered
    if _registered is None:
        families: list[str] = []
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
            if font_id >= 0:
                families += QFontDatabase.applicationFontFamilies(font_id)
        _registered = sorted(set(families))
    return list(_registered)


def family_for(name: str) -> str:
    """The Qt family that draws the plan's font ``name``: the family of the file the plan
    measured it with (:func:`qbr_studio.deck.font_files.resolve`), so the preview and PDF wrap
    text where the deck does (Calibri → Carlito, Verdana → DejaVu Sans where it is missing)."""
    register_fonts()
    alias = METRIC_ALIASES.get(name.strip().lower())
    if alias is not None:
        return alias
    return _family_of(resolve(name))


@lru_cache(maxsize=64)
def _family_of(found: FontFile) -> str:
    """Keyed by the file: a family's file changes once a template embedding it is read."""
    if found.source is not Source.EMBEDDED and found.family in QFontDatabase.families():
        return found.family
    font_id = QFontDatabase.addApplicationFont(str(found.path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else CARLITO


def make_font(name: str, pixel_size: float, *, bold: bool = False, italic: bool = False) -> QFont:
    """A font for the plan's family ``name``, ``pixel_size`` painter units high (at least 1).

    Hinting is off and kerning on, so advance widths are the font's design widths, which is
    how the plan measured them (FreeType + HarfBuzz through Pillow); ligatures are off.
    """
    font = QFont(family_for(name))
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setItalic(italic)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setKerning(True)
    # No ligatures: PowerPoint sets none by default, and Qt's PDF output loses the text of
    # ligature glyphs ("ti", "ffi"), which would break searching and copying the PDF.
    tag = getattr(QFont, "Tag", None)
    if tag is not None:
        font.setFeature(tag(LIGATURES), 0)
    return font
