"""A small change-event emitter (the napari pattern): no Qt, synchronous, in connect order.

The document emits through it; the Qt controller connects a signal's ``emit`` to it, and
Qt-free code (the command line, tests, scripts) connects plain callables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class EventEmitter(Generic[T]):
    """Calls every connected callback with the emitted value, in the order they connected."""

    def __init__(self) -> None:
        self._callbacks: list[Callable[[T], object]] = []

    def connect(self, callback: Callable[[T], object]) -> Callable[[T], object]:
        """Call ``callback`` on every :meth:`emit`; returns it (usable as a decorator)."""
        self._callbacks.append(callback)
        return callback

    def disconnect(self, callback: Callable[[T], object]) -> None:
        """Stop calling ``callback``; ValueError if it was not connected."""
        self._callbacks.remove(callback)

    def emit(self, value: T) -> None:
        for callback in list(self._callbacks):  # a callback may disconnect itself
            callback(value)
