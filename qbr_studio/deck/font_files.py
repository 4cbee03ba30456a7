"""Which font file measures (and draws) a template's font: the font itself when this machine
has it, else a metric-compatible stand-in, else the widest plausible one — never a narrower one.

A template names its fonts by family ("Verdana", "Segoe UI"). The file that stands for a family
is found in this order:

0. the template's own embedded font of that family and style, once a template carrying it was
   read (:func:`register_embedded`, from :mod:`qbr_studio.deck.reading.embedded_fonts`);
1. the system's own font of that family: through fontconfig (``fc-match``, asked of its
   library in this process when it loads) where it is installed, else by reading the family
   names (fontTools) of the files in the platform's font folders;
2. a metric-compatible family (same advance widths): Carlito for Calibri, Caladea for Cambria,
   Liberation Sans/Serif/Mono for Arial/Times New Roman/Courier New, DejaVu Sans for Verdana
   (DejaVu descends from Bitstream Vera, Verdana's sibling) — from the system, and the bundled
   Carlito last;
3. a wide stand-in: DejaVu Sans (serif faces: DejaVu Serif) is wider than nearly every text
   face, so a plan measured with it still fits when the real font is used. Only when no
   stand-in is on the machine does bundled Carlito measure, with :data:`UNKNOWN_FONT_SAFETY` of
   slack.

:func:`resolve` says which file and why (``template check`` prints it).
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from pathlib import Path

from qbr_studio.paths import resource

UNKNOWN_FONT_SAFETY = 1.12
"""Widths are multiplied by this when only the bundled Carlito is left to measure with."""

METRIC_COMPATIBLE: dict[str, str] = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "cambria": "Caladea",
    "arial": "Liberation Sans",
    "helvetica": "Liberation Sans",
    "arial narrow": "Liberation Sans Narrow",
    "times new roman": "Liberation Serif",
    "times": "Liberation Serif",
    "courier new": "Liberation Mono",
    "courier": "Liberation Mono",
    "verdana": "DejaVu Sans",
    "bitstream vera sans": "DejaVu Sans",
}
"""Families (lower case) and a family with the same (or, for Verdana, wider-or-equal) advance
widths that is free to install or bundle."""

WIDE_SANS = "DejaVu Sans"
WIDE_SERIF = "DejaVu Serif"
"""Stand-ins for a family nothing here knows: wider than nearly every text face."""

SERIF_HINTS = ("serif", "georgia", "garamond", "times", "roman", "book", "cambria", "palatino")
"""Words in a family name that make it a serif face (its stand-in is then a serif one)."""

BUNDLED = {
    (False, False): "Carlito-Regular.ttf",
    (True, False): "Carlito-Bold.ttf",
    (False, True): "Carlito-Italic.ttf",
    (True, True): "Carlito-BoldItalic.ttf",
}
"""The bundled Carlito files (OFL 1.1, see ``resources/fonts/Carlito-LICENSE.txt``)."""

FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc"})
FC_TIMEOUT = 5.0
"""Seconds: ``fc-match`` answers in milliseconds; a hung one must not hang a build."""


class Source(str, Enum):
    EMBEDDED = "the font itself, embedded in the template"
    SYSTEM = "the font itself"
    METRIC = "metric-compatible stand-in"
    WIDE = "wider stand-in (the font is not on this machine)"
    BUNDLED = "bundled Carlito with 12% slack (no stand-in on this machine)"


@dataclass(frozen=True)
class FontFile:
    """The file measuring a family in one style, which family it holds and why it was chosen."""

    requested: str
    path: Path
    family: str
    source: Source

    @property
    def safety(self) -> float:
        return UNKNOWN_FONT_SAFETY if self.source is Source.BUNDLED else 1.0


_embedded: dict[tuple[str, bool, bool], Path] = {}
"""(family lower case, bold, italic) → the file of a template's embedded font (see
:func:`register_embedded`)."""


def register_embedded(family: str, bold: bool, italic: bool, path: Path) -> None:
    """Measure ``family`` in this style with ``path`` from now on: a template embeds it.

    Process-wide: a family is one design whichever template carries it, and a template
    naming it without embedding it is then measured with the real font too. Only the exact
    style is registered; another style of the family follows the usual order (a bold
    measured with a regular face would be too narrow)."""
    key = (family.strip().lower(), bold, italic)
    if _embedded.get(key) != path:
        _embedded[key] = path
        resolve.cache_clear()


@lru_cache(maxsize=256)
def resolve(family: str, bold: bool = False, italic: bool = False) -> FontFile:
    """The file that measures ``family`` in this style (see the module docstring)."""
    name = family.strip() or "Calibri"
    embedded = _embedded.get((name.lower(), bold, italic))
    if embedded is not None:
        return FontFile(name, embedded, name, Source.EMBEDDED)
    found = _system(name, bold, italic)
    if found is not None:
        return FontFile(name, found, name, Source.SYSTEM)
    compatible = METRIC_COMPATIBLE.get(name.lower())
    if compatible is not None:
        found = _system(compatible, bold, italic)
        if found is not None:
            return FontFile(name, found, compatible, Source.METRIC)
        if compatible == "Carlito":
            return FontFile(name, _bundled(bold, italic), "Carlito", Source.METRIC)
    wide = WIDE_SERIF if any(h in name.lower() for h in SERIF_HINTS) else WIDE_SANS
    for candidate in dict.fromkeys((wide, WIDE_SANS)):
        found = _system(candidate, bold, italic)
        if found is not None:
            return FontFile(name, found, candidate, Source.WIDE)
    return FontFile(name, _bundled(bold, italic), "Carlito", Source.BUNDLED)


def _bundled(bold: bool, italic: bool) -> Path:
    return resource("fonts", BUNDLED[(bold, italic)])


def _system(family: str, bold: bool, italic: bool) -> Path | None:
    """The system's file of exactly ``family`` in this style (or its regular face), if any."""
    if shutil.which("fc-match"):
        return _fc_match(family, bold, italic)
    return _folder_index().get((family.lower(), bold, italic)) or _folder_index().get(
        (family.lower(), False, False)
    )


FC_FORMAT = "%{family}\t%{file}"
"""What fontconfig is asked to say of its best match: its family names and its file."""


@lru_cache(maxsize=256)
def _fc_match(family: str, bold: bool, italic: bool) -> Path | None:
    pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
    answer = _fc_answer(pattern)
    if answer is None:
        return None
    families, _, file = answer.partition("\t")
    names = {f.strip().lower() for f in families.split(",")}
    if family.lower() not in names or not file:
        return None  # fontconfig substituted another family: not the font itself
    path = Path(file)
    return path if path.suffix.lower() in FONT_SUFFIXES and path.is_file() else None


def _fc_answer(pattern: str) -> str | None:
    """What ``fc-match -f FC_FORMAT pattern`` prints (None: it failed), asked of the library
    in this process where it loads (:mod:`qbr_studio.deck.fontconfig`), else of fc-match."""
    from qbr_studio.deck import fontconfig

    if fontconfig.available():
        return fontconfig.match(pattern, FC_FORMAT)
    import subprocess  # only where fontconfig's library doesn't load

    try:
        done = subprocess.run(
            ["fc-match", "-f", FC_FORMAT, pattern],
            capture_output=True,
            text=True,
            timeout=FC_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def font_folders() -> list[Path]:
    """The platform's font folders (used where fontconfig is not installed)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return [windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts"]


@lru_cache(maxsize=1)
def _folder_index() -> dict[tuple[str, bool, bool], Path]:
    """(family, bold, italic) → file, from the name tables of the platform's font files."""
    from fontTools.ttLib import TTFont, TTLibError

    index: dict[tuple[str, bool, bool], Path] = {}
    for folder in font_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in FONT_SUFFIXES - {".ttc"}:
                continue
            try:
                font = TTFont(path, lazy=True)
                names = font["name"]
                family = names.getBestFamilyName() or ""
                style = (names.getBestSubFamilyName() or "").lower()
            except (TTLibError, OSError, KeyError, ValueError, AssertionError):
                continue
            key = (family.lower(), "bold" in style, "italic" in style or "oblique" in style)
            index.setdefault(key, path)
    return index
