"""A string enum whose members compare, hash and print as their values, for the kinds the
layers share (slide kinds, deck sections, data kinds, value types), so JSON, a plan read by
older code or a test that names a kind in words still matches."""

from __future__ import annotations

from enum import Enum


class Word(str, Enum):
    def __str__(self) -> str:
        return str.__str__(self)

    __hash__ = str.__hash__
