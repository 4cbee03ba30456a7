"""Text measurement with real font metrics, so the plan knows how tall every text box is.

The bundled Carlito fonts are metric-compatible with Calibri (the default template's theme
font), so widths measured here are the widths PowerPoint and LibreOffice lay out. For other
theme fonts Carlito's metrics are used with :data:`UNKNOWN_FONT_SAFETY` of slack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from qbr_studio.paths import resource

_MEASURE_SIZE = 1000
"""Fonts are loaded once at this pixel size and widths scaled, which avoids hinting error."""
METRIC_COMPATIBLE = {"calibri", "carlito"}
UNKNOWN_FONT_SAFETY = 1.12
"""Widths are multiplied by this for theme fonts we hold no metrics for."""
_FILES = {
    (False, False): "Carlito-Regular.ttf",
    (True, False): "Carlito-Bold.ttf",
    (False, True): "Carlito-Italic.ttf",
    (True, True): "Carlito-BoldItalic.ttf",
}


@lru_cache(maxsize=8)
def _font(bold: bool, italic: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(resource("fonts", _FILES[(bold, italic)])), _MEASURE_SIZE)


LINE_HEIGHT = (1950 + 550) / 2048
"""One line's height as a multiple of the font size: Calibri's (and Carlito's) OS/2 winAscent +
winDescent over units per em, which is what PowerPoint and LibreOffice use for single spacing."""


@dataclass(frozen=True)
class FontFace:
    family: str = "Calibri"
    bold: bool = False
    italic: bool = False

    @property
    def safety(self) -> float:
        return 1.0 if self.family.lower() in METRIC_COMPATIBLE else UNKNOWN_FONT_SAFETY


@lru_cache(maxsize=65536)
def _width_units(text: str, bold: bool, italic: bool) -> float:
    return _font(bold, italic).getlength(text)


def text_width(text: str, size: float, face: FontFace = FontFace()) -> float:
    """Width in points of ``text`` on one line at ``size`` points."""
    return _width_units(text, face.bold, face.italic) / _MEASURE_SIZE * size * face.safety


def _split_long_word(word: str, size: float, face: FontFace, width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, size, face) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


def wrap(text: str, size: float, width: float, face: FontFace = FontFace()) -> list[str]:
    """Greedy word wrap of one paragraph into lines no wider than ``width`` points.

    Explicit line breaks (``\\n``) are kept; a word longer than the line is cut by character,
    as PowerPoint does.
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        current = ""
        for word in raw.split():
            candidate = f"{current} {word}" if current else word
            if text_width(candidate, size, face) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if text_width(word, size, face) <= width:
                current = word
            else:
                *full, current = _split_long_word(word, size, face, width)
                lines.extend(full)
        lines.append(current)
    return lines


def text_height(lines: int, size: float, spacing: float = 1.0) -> float:
    """Height in points of ``lines`` lines of text at ``size`` points."""
    return lines * size * LINE_HEIGHT * spacing
