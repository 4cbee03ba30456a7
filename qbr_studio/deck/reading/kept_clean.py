"""The sanitised templates this process has read, kept by the template's bytes.

Describing a template and writing each deck on it read the same file; sanitising it (inflating
every part, checking and re-zipping them, :func:`qbr_studio.safeio.sanitise_template`) took a
tenth of an in-process build. The same bytes always give the same result, so it is kept for a
few templates, keyed by their SHA-256 and path (the path is in the messages); a template is
not kept when its sanitised package is larger than :data:`MAX_KEPT_BYTES`, nor is a refusal.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

Clean = tuple[bytes, tuple[str, ...]]
"""A sanitised package and, in plain words, what was left out of it."""

MAX_KEPT = 4
"""Templates kept, least recently used out first."""
MAX_KEPT_BYTES = 16 << 20
"""Sanitised packages larger than this are made afresh each time (at most 64 MB kept)."""

_kept: OrderedDict[tuple[bytes, Path], Clean] = OrderedDict()
_lock = threading.Lock()  # described on the GUI thread, written on a worker thread


def cleaned(data: bytes, path: Path, clean: Callable[[bytes, Path], Clean]) -> Clean:
    """``clean(data, path)``, kept from an earlier call with the same bytes and path."""
    key = (hashlib.sha256(data).digest(), path)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
    found = clean(data, path)
    if len(found[0]) <= MAX_KEPT_BYTES:
        with _lock:
            _kept[key] = found
            while len(_kept) > MAX_KEPT:
                _kept.popitem(last=False)
    return found
