"""No cyclic garbage collection while the window opens its first review.

Between the first paint and the review shown, start-up makes some 80,000 long-lived objects
(modules, classes, pydantic's validators, the page's widgets, the plan) and next to no
garbage in cycles; at Python's thresholds the collector ran ~140 times over them meanwhile
(30-50 ms CPU). :func:`pause_until` turns it off until a signal (the review is shown) and
back on then, or after :data:`LONGEST_PAUSE_MS` whatever happens; the first collection after
that, in idle time, frees whatever cycles start-up left. (One-shot commands have their own
thresholds: ``qbr_studio.cli.ONE_SHOT_GC_THRESHOLD``.)
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer, SignalInstance

LONGEST_PAUSE_MS = 5000
"""The collector is back on after this long even if the signal never comes."""


def pause_until(signal: SignalInstance) -> None:
    """Turn the cyclic collector off until ``signal`` (or :data:`LONGEST_PAUSE_MS`); left as
    it was if it is off already (someone else's pause, which then ends as they say)."""
    if not gc.isenabled():
        return
    gc.disable()
    resumed = False

    def resume() -> None:
        nonlocal resumed
        if not resumed:
            resumed = True
            gc.enable()

    signal.connect(resume)
    QTimer.singleShot(LONGEST_PAUSE_MS, resume)  # no context object: fires whatever is deleted
