"""Slide geometry in EMU (English Metric Units), the unit of OOXML: 914,400 per inch.

Every magic number about sizes lives here or in :mod:`qbr_studio.deck.style`.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700


def pt_to_emu(points: float) -> int:
    return round(points * EMU_PER_PT)


def emu_to_pt(emu: int) -> float:
    return emu / EMU_PER_PT


def inches(value: float) -> int:
    return round(value * EMU_PER_INCH)


@dataclass(frozen=True)
class Rect:
    """An axis-aligned box on a slide, in EMU, origin top-left."""

    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def split_columns(self, fractions: tuple[float, ...], gap: int) -> list[Rect]:
        """Cut into columns whose widths follow ``fractions`` (summing to 1), ``gap`` apart."""
        usable = self.w - gap * (len(fractions) - 1)
        out: list[Rect] = []
        x = self.x
        for i, frac in enumerate(fractions):
            w = self.right - x if i == len(fractions) - 1 else round(usable * frac)
            out.append(Rect(x, self.y, w, self.h))
            x += w + gap
        return out

    def split_rows(self, fractions: tuple[float, ...], gap: int) -> list[Rect]:
        usable = self.h - gap * (len(fractions) - 1)
        out: list[Rect] = []
        y = self.y
        for i, frac in enumerate(fractions):
            h = self.bottom - y if i == len(fractions) - 1 else round(usable * frac)
            out.append(Rect(self.x, y, self.w, h))
            y += h + gap
        return out

    def contains(self, other: Rect, tolerance: int = 0) -> bool:
        return (
            other.x >= self.x - tolerance
            and other.y >= self.y - tolerance
            and other.right <= self.right + tolerance
            and other.bottom <= self.bottom + tolerance
        )


@dataclass(frozen=True)
class RGB:
    r: int
    g: int
    b: int

    @classmethod
    def from_hex(cls, text: str) -> RGB:
        text = text.lstrip("#")
        return cls(int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))

    @property
    def hex(self) -> str:
        return f"{self.r:02X}{self.g:02X}{self.b:02X}"
