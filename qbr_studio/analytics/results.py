"""The base of the analysis's per-account results (drivers, scores, signals, views).

A book's analysis makes about a dozen of these per account; a frozen dataclass's ``__init__``
costs ~0.7 µs a field (``object.__setattr__``), so they are plain slotted classes with a
hand-written ``__init__`` instead, compared, hashed and shown by their values as a frozen
dataclass would be. They are not frozen: nothing outside analytics sets their attributes.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, ClassVar


class Result:
    """``_fields``: the names (attributes or properties) the class is compared, hashed and shown
    by, in the order its ``__init__`` takes them."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _values: ClassVar[Any]

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls._values = staticmethod(attrgetter(*cls._fields))

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values(self) == self._values(other)

    def __hash__(self) -> int:
        return hash(self._values(self))

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({values})"
