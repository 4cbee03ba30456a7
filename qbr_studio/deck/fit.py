"""Text measurement with real font metrics, so the plan knows how tall every text box is.

Each family is measured with the file :func:`qbr_studio.deck.font_files.resolve` finds for it:
the font itself, a metric-compatible one (Carlito for Calibri, the default template's theme
font) or a wider stand-in, so widths measured here are never narrower than the widths
PowerPoint and LibreOffice lay out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from qbr_studio.deck import kept_widths
from qbr_studio.deck.font_files import FontFile, resolve

_MEASURE_SIZE = 1000
"""Fonts are loaded once at this pixel size and widths scaled, which avoids hinting error."""


@lru_cache(maxsize=32)
def _font(path: Path) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), _MEASURE_SIZE)


LINE_HEIGHT = (1950 + 550) / 2048
"""One line's height as a multiple of the font size: Calibri's (and Carlito's) OS/2 winAscent +
winDescent over units per em, which is what PowerPoint and LibreOffice use for single spacing
(and no less than Verdana's, Arial's or Georgia's)."""


@dataclass(frozen=True)
class FontFace:
    family: str = "Calibri"
    bold: bool = False
    italic: bool = False

    @property
    def file(self) -> FontFile:
        """The file measuring this face (see :mod:`qbr_studio.deck.font_files`)."""
        return resolve(self.family, self.bold, self.italic)

    @property
    def safety(self) -> float:
        return self.file.safety


@lru_cache(maxsize=16)
def _units(found: FontFile) -> Callable[[str], float]:
    """Widths in ``found``'s file at :data:`_MEASURE_SIZE`, each text's remembered.

    Keyed by the file, not the face: a face's file changes when a template embedding that
    font is read (:func:`qbr_studio.deck.font_files.register_embedded`). Wrapping looks the
    file up once per paragraph, then measures every candidate line through this. Widths an
    earlier build measured with the same file are read back, not measured again
    (:mod:`qbr_studio.deck.kept_widths`).
    """
    font, safety = _font(found.path), found.safety
    kept = kept_widths.widths_of(found.path, _MEASURE_SIZE, font.layout_engine)
    known = kept.known

    @lru_cache(maxsize=32768)
    def width(text: str) -> float:
        measured = known.get(text)
        if measured is None:
            measured = font.getlength(text)
            kept.remember(text, measured)
        return measured * safety

    return width


def text_width(text: str, size: float, face: FontFace = FontFace()) -> float:
    """Width in points of ``text`` on one line at ``size`` points."""
    return _units(face.file)(text) / _MEASURE_SIZE * size


def measurer(size: float, face: FontFace = FontFace()) -> Callable[[str], float]:
    """:func:`text_width` at ``size`` in ``face`` for many texts, the face's file looked up
    once (a table measures every word of every cell in two faces)."""
    units = _units(face.file)

    def width(text: str) -> float:
        return units(text) / _MEASURE_SIZE * size

    return width


def _split_long_word(
    word: str, size: float, units: Callable[[str], float], width: float
) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and units(current + char) / _MEASURE_SIZE * size > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


WRAP_SLACK = 0.01
"""Share of a line kept free when wrapping: renderers lay text out on their own grid (twips,
device units), so a line measured to fit within a fraction of a point wraps in LibreOffice."""


def wrap(text: str, size: float, width: float, face: FontFace = FontFace()) -> list[str]:
    """Greedy word wrap of one paragraph into lines no wider than ``width`` points (less
    :data:`WRAP_SLACK`).

    Explicit line breaks (``\\n``) are kept; a word longer than the line is cut by character,
    as PowerPoint does.
    """
    return _wrap(text, size, width * (1 - WRAP_SLACK), _units(face.file))


def wrapper(size: float, width: float, face: FontFace = FontFace()) -> Callable[[str], list[str]]:
    """:func:`wrap` at ``size`` into ``width`` in ``face`` for many paragraphs, the face's file
    looked up once (a table wraps every cell of a row in the same face)."""
    width *= 1 - WRAP_SLACK
    units = _units(face.file)

    def wrapped(text: str) -> list[str]:
        return _wrap(text, size, width, units)

    return wrapped


def _wrap(text: str, size: float, width: float, units: Callable[[str], float]) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        current = ""
        for word in raw.split():
            candidate = f"{current} {word}" if current else word
            if units(candidate) / _MEASURE_SIZE * size <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            if units(word) / _MEASURE_SIZE * size <= width:
                current = word
            else:
                *full, current = _split_long_word(word, size, units, width)
                lines.extend(full)
        lines.append(current)
    return lines


def text_height(lines: int, size: float, spacing: float = 1.0) -> float:
    """Height in points of ``lines`` lines of text at ``size`` points."""
    return lines * size * LINE_HEIGHT * spacing
