"""Fonts a template embeds (``p:embeddedFontLst``, parts ``/ppt/fonts/*.fntdata``), made usable
for measuring: the text is then measured with the template's real font.

PowerPoint stores an embedded font as Embedded OpenType (EOT, W3C submission 2008): a header,
then the TrueType/OpenType font program, XOR-obfuscated with 0x50 when the header's flag says
so, or compressed with MicroType Express (MTX). Other tools write the plain TrueType/OpenType
file. :func:`font_program` takes either and returns the font program, refusing what it cannot
read (MTX compression, a damaged header); fontTools then checks it is a font of glyph outlines
with advance widths. A usable font is written once to a file named by its bytes (see
:mod:`qbr_studio.storage.cache`) and registered with :mod:`qbr_studio.deck.font_files`, so
planning, the preview and the PDF all measure and draw with it. An unusable one is reported
(``template check`` says why) and the family follows the stand-in rule.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio.deck.font_files import register_embedded
from qbr_studio.errors import UserError

if TYPE_CHECKING:
    from pptx.presentation import Presentation

FONT_CACHE = "fonts"
"""Folder of the state dir holding embedded fonts made usable."""

EOT_MAGIC = 0x504C
"""``MagicNumber`` of an EOT header, at byte 34."""
EOT_HEADER_MIN = 36
"""Bytes of an EOT header up to and including the magic number."""
EOT_COMPRESSED = 0x00000004
"""``TTEMBED_TTCOMPRESSED``: the font program is MicroType Express compressed."""
EOT_XOR = 0x10000000
"""``TTEMBED_XORENCRYPTDATA``: every byte of the font program is XORed with 0x50."""
XOR_KEY = 0x50

SFNT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
"""First four bytes of a TrueType or OpenType font program."""

STYLES = (("regular", False, False), ("bold", True, False), ("italic", False, True))
STYLES += (("boldItalic", True, True),)
"""The ``p:embeddedFont`` children naming a style's font part: (tag, bold, italic)."""

_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class UnusableFont(ValueError):
    """An embedded font that can't be measured with; ``str`` says why in plain words."""


@dataclass(frozen=True)
class EmbeddedFont:
    """One style of a font the template embeds: its family as the template names it, the
    part it is in, and the file measuring it (None: unusable, ``problem`` says why)."""

    typeface: str
    bold: bool
    italic: bool
    part: str
    path: Path | None = None
    problem: str = ""

    @property
    def style(self) -> str:
        return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get(
            (self.bold, self.italic), "bold italic"
        )


def font_program(data: bytes) -> bytes:
    """The TrueType/OpenType font program in ``data`` (an EOT or a plain font file)."""
    if data[:4] in SFNT_TAGS:
        return _checked(data)
    if len(data) < EOT_HEADER_MIN:
        raise UnusableFont("neither a font file nor an Embedded OpenType file (too short)")
    eot_size, data_size, _version, flags = struct.unpack_from("<IIII", data, 0)
    (magic,) = struct.unpack_from("<H", data, 34)
    if magic != EOT_MAGIC or eot_size > len(data) or not 0 < data_size <= eot_size:
        raise UnusableFont("neither a font file nor an Embedded OpenType file")
    if flags & EOT_COMPRESSED:
        raise UnusableFont(
            "compressed with MicroType Express, which QBR Studio cannot read; "
            "embed it uncompressed or install the font"
        )
    program = data[eot_size - data_size : eot_size]
    if flags & EOT_XOR:
        program = bytes(b ^ XOR_KEY for b in program)
    return _checked(program)


def _checked(program: bytes) -> bytes:
    """``program`` once fontTools reads its outlines and advance widths."""
    from fontTools.ttLib import TTFont, TTLibError

    try:
        font = TTFont(io.BytesIO(program), lazy=True)
        font["hmtx"]
        font["cmap"]
        if "glyf" not in font and "CFF " not in font and "CFF2" not in font:
            raise UnusableFont("it holds no glyph outlines")
    except UnusableFont:
        raise
    except (TTLibError, KeyError, struct.error, ValueError, AssertionError, EOFError) as err:
        raise UnusableFont(f"its font data is damaged ({type(err).__name__})") from None
    return program


def read_embedded_fonts(prs: Presentation) -> tuple[EmbeddedFont, ...]:
    """Every style of every font ``prs`` embeds, each made usable and registered for
    measuring when it can be (see the module docstring)."""
    from qbr_studio.storage.cache import content_file

    found: list[EmbeddedFont] = []
    listed = prs.element.find(f"{{{_P}}}embeddedFontLst")
    for entry in () if listed is None else listed.findall(f"{{{_P}}}embeddedFont"):
        font = entry.find(f"{{{_P}}}font")
        typeface = "" if font is None else (font.get("typeface") or "").strip()
        if not typeface:
            continue
        for tag, bold, italic in STYLES:
            ref = entry.find(f"{{{_P}}}{tag}")
            r_id = None if ref is None else ref.get(f"{{{_R}}}id")
            if r_id is None:
                continue
            try:
                part = prs.part.related_part(r_id)
            except KeyError:
                missing = "its font part is missing"
                found.append(EmbeddedFont(typeface, bold, italic, r_id, problem=missing))
                continue
            name = str(part.partname).lstrip("/")
            try:
                program = font_program(part.blob)
            except UnusableFont as err:
                found.append(EmbeddedFont(typeface, bold, italic, name, problem=str(err)))
                continue
            suffix = ".otf" if program[:4] == b"OTTO" else ".ttf"
            try:
                path = content_file(FONT_CACHE, program, f"{typeface} {tag}{suffix}")
            except UserError as err:
                found.append(EmbeddedFont(typeface, bold, italic, name, problem=str(err)))
                continue
            register_embedded(typeface, bold, italic, path)
            found.append(EmbeddedFont(typeface, bold, italic, name, path))
    return tuple(found)
