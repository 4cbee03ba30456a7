"""Text widths kept on disk, so a new ``build`` process doesn't measure the same texts again.

A cold build measures ~2,600 texts with FreeType (``FreeTypeFont.getlength``), ~100 ms of CPU;
a repeated build of the same review measures the very same texts. Widths are kept in the
user's state folder (``paths.state_dir()/text-widths``), one file per font file, named by a
digest of everything a width depends on: the font file's path, size and modification time,
the measuring size, the layout engine, and the Pillow and FreeType versions. Each text's width
is the number FreeType gave, unscaled, so a kept width is exactly the measured one.

Safe to lose and never trusted when damaged: an entry holds its own key and a digest of its
widths, and one that is too large, unreadable, not the expected shape or whose digest doesn't
match is ignored (the texts are measured as before). At most :data:`MAX_TEXTS` widths are kept
per font file and :data:`MAX_FILES` files in the folder (the least recently written go first).
One-shot commands write entries (:func:`keep_measured`) when done, the app once start-up's idle
work is done and when its window closes; any process reads them.
"""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

FOLDER = "text-widths"
"""Folder of the state dir holding kept widths."""

ENTRY_FORMAT = 1
"""Bumped when what an entry holds changes."""

MAX_TEXTS = 32768
"""Widths kept (and remembered in a process) per font file at most."""

MAX_FILES = 16
"""Font files whose widths are kept at most; writing one more removes the oldest."""

MAX_ENTRY_BYTES = 4 * 1024 * 1024
"""An entry larger than this is neither read nor written."""


def _note(message: str, err: Exception) -> None:
    """Log why widths were not used or kept (see :func:`qbr_studio.storage.kept.note`)."""
    from qbr_studio.storage.kept import note  # only then: the preview imports this module

    note(__name__, message, err)


class Widths:
    """The widths of one font file at one measuring size: kept ones, then measured ones."""

    def __init__(self, key: str, entry: Path | None, known: dict[str, float]) -> None:
        self.key = key
        self.entry = entry
        self.known = known
        self.measured = False

    def remember(self, text: str, width: float) -> None:
        if len(self.known) < MAX_TEXTS:
            self.known[text] = width
            self.measured = True


_opened: dict[int, Widths] = {}
"""The :class:`Widths` made in this process (the last :data:`MAX_FILES`), for
:func:`keep_measured`."""


def widths_of(path: Path, size: int, engine: object) -> Widths:
    """The kept widths of the font file ``path`` measured at ``size`` by ``engine`` (an empty
    set, to fill, when there are none or they can't be used)."""
    from PIL import ImageFont

    from qbr_studio.paths import state_dir

    try:
        stat = path.stat()
        identity = [ENTRY_FORMAT, str(path), stat.st_size, stat.st_mtime_ns, size, str(engine)]
        identity += [_pillow_version(), getattr(ImageFont.core, "freetype2_version", "")]
        identity += [_shaping_versions()]  # Raqm's widths depend on HarfBuzz and FriBiDi too
        key = hashlib.sha256(repr(identity).encode()).hexdigest()
        entry = state_dir() / FOLDER / f"{key}.json"
    except (OSError, ValueError) as err:  # no font file or no state folder: measure each run
        _note("Text widths cannot be kept: %s", err)
        widths = Widths("", None, {})
    else:
        widths = Widths(key, entry, _read(entry, key))
    _opened[id(widths)] = widths
    while len(_opened) > MAX_FILES:
        del _opened[next(iter(_opened))]  # widths not kept are only measured again
    return widths


def _pillow_version() -> str:
    import PIL

    return PIL.__version__


def _digest(widths: dict[str, float]) -> str:
    return hashlib.sha256(json.dumps(widths).encode()).hexdigest()


def _read(entry: Path, key: str) -> dict[str, float]:
    try:
        with entry.open("rb") as stream:
            raw = stream.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return {}
        body = json.loads(raw)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, RecursionError) as err:  # damaged or unreadable: measure again
        _note("Kept text widths were not used: %s", err)
        return {}
    if not isinstance(body, dict) or body.get("format") != ENTRY_FORMAT or body.get("key") != key:
        return {}
    widths = body.get("widths")
    if not isinstance(widths, dict) or len(widths) > MAX_TEXTS:
        return {}
    if not all(type(w) is float and math.isfinite(w) and w >= 0 for w in widths.values()):
        return {}
    if body.get("digest") != _digest(widths):
        return {}
    return widths


def keep_measured() -> None:
    """Write the widths measured in this process beside the kept ones; a failure only costs
    speed."""
    from qbr_studio.errors import UserError
    from qbr_studio.storage import atomic_write_bytes
    from qbr_studio.storage.kept import forget_oldest

    for widths in list(_opened.values()):
        if not widths.measured or widths.entry is None:
            continue
        known = dict(widths.known)  # a build on a worker thread may measure meanwhile
        body = {"format": ENTRY_FORMAT, "key": widths.key, "digest": _digest(known)}
        body["widths"] = known
        data = json.dumps(body).encode()
        if len(data) > MAX_ENTRY_BYTES:
            continue
        try:
            widths.entry.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(widths.entry, data, durable=False)
            widths.measured = False
            forget_oldest(widths.entry.parent, ".json", MAX_FILES)
        except (OSError, UserError) as err:  # a read-only or full home: builds stay correct
            _note("Text widths were not kept: %s", err)


def _shaping_versions() -> str:
    """The versions of the text-shaping libraries Pillow's Raqm layout uses ("" without)."""
    try:
        from PIL import features

        return ",".join(
            str(features.version(name) or "") for name in ("raqm", "harfbuzz", "fribidi")
        )
    except (ImportError, ValueError):  # an older Pillow that doesn't name them
        return ""
