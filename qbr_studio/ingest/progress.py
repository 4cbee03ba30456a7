"""How far an import has got, and a way to stop it: for a front end that shows a progress bar
and a Cancel button (the app's import wizard). No Qt.

``import_sources(..., progress=Progress(on_step))`` makes the import call ``on_step(percent,
text)`` at each phase of each file (checking, reading, each column parsed) and every
:data:`CHUNK_ROWS` rows of the long per-row loops (building accounts and the other records);
:meth:`Progress.cancel` — from any thread — makes the next of those points raise
:class:`~qbr_studio.errors.Cancelled`, and so may ``on_step`` itself. The import is all or
nothing and never modifies the review it was given, so a cancelled import changed nothing.

Inside the import the progress is the *active* one (a context variable, so each thread has
its own): the steps deep in the pipeline call :func:`step` and :func:`rows` without it being
passed down through every function.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from qbr_studio.errors import Cancelled

CHUNK_ROWS = 5_000
"""Rows between two progress points of a per-row loop (a few milliseconds of work)."""

OnStep = Callable[[int, str], None]


class Progress:
    """Reports ``(percent 0–100, what is happening)`` to ``on_step``; :meth:`cancel` stops."""

    def __init__(self, on_step: OnStep | None = None) -> None:
        self._on_step = on_step
        self._cancel = threading.Event()
        self._span = (0.0, 100.0)
        self.percent = 0
        """The last percent reported (never goes down)."""

    def cancel(self) -> None:
        """Stop the import at its next progress point (any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def step(self, fraction: float, text: str) -> None:
        """``fraction`` (0–1) of the current span is done; raises Cancelled if cancelled."""
        if self._cancel.is_set():
            raise Cancelled
        low, high = self._span
        percent = int(low + (high - low) * min(max(fraction, 0.0), 1.0))
        self.percent = max(self.percent, percent)
        if self._on_step is not None:
            self._on_step(self.percent, text)

    @contextlib.contextmanager
    def span(self, low: float, high: float) -> Iterator[None]:
        """Within the block, fractions given to :meth:`step` map to ``low``–``high`` of the
        enclosing span (nested spans: one file of three, then one phase of that file)."""
        outer = self._span
        width = outer[1] - outer[0]
        self._span = (outer[0] + width * low / 100, outer[0] + width * high / 100)
        try:
            yield
        finally:
            self._span = outer


_active: ContextVar[Progress | None] = ContextVar("qbr_import_progress", default=None)


@contextlib.contextmanager
def active(progress: Progress | None) -> Iterator[None]:
    """Make ``progress`` the one :func:`step`, :func:`span` and :func:`rows` report to."""
    token = _active.set(progress)
    try:
        yield
    finally:
        _active.reset(token)


def step(fraction: float, text: str) -> None:
    """Report to the active progress, if any (see :meth:`Progress.step`)."""
    progress = _active.get()
    if progress is not None:
        progress.step(fraction, text)


@contextlib.contextmanager
def span(low: float, high: float) -> Iterator[None]:
    """:meth:`Progress.span` of the active progress (nothing without one)."""
    progress = _active.get()
    if progress is None:
        yield
        return
    with progress.span(low, high):
        yield


def rows(total: int, text: str) -> Callable[[int], None]:
    """A tick for a loop over ``total`` rows: ``tick(p)`` at row ``p`` reports every
    :data:`CHUNK_ROWS` rows ("``text``: 40,000 of 100,000 rows"); a no-op without an active
    progress, so the loop costs nothing more when no one watches."""
    progress = _active.get()
    if progress is None or total <= CHUNK_ROWS:
        return _no_tick

    def tick(p: int) -> None:
        if p % CHUNK_ROWS == 0:
            progress.step(p / total, f"{text}: {p:,} of {total:,} rows")

    return tick


def _no_tick(_p: int) -> None:
    return None
