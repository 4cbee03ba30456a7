"""Template descriptions kept on disk, so a one-shot command doesn't describe the same template
again (keep-outs, backdrops, palettes: ~100 ms for the bundled one, every ``build``).

A description is kept in the user's own state folder (``paths.state_dir()/template-descriptions``),
one file per template, named by a digest of:

- the template's bytes (SHA-256): the same bytes wherever the file is and whatever it's called;
- a fingerprint of the code that describes it: the version, the sources of the deck and the
  guarded reading, and the versions of python-pptx, lxml and Pillow (so an upgrade describes
  again).

Describing also measures the layouts' own text with the machine's fonts, and registers the
fonts the template embeds. So an entry also holds the files its theme fonts resolved to (with
their size and modification time); it is used only once the embedded fonts it names are
registered again and the theme fonts resolve to the very same files. Anything else — no
entry, a damaged or foreign one, an unreadable or unwritable folder — describes the template
as before: a kept description is only faster, never different.

Entries are pickles read by an unpickler that builds nothing but the deck's own frozen
dataclasses and enums and paths (no other global is reachable, so reading one needs no
python-pptx); at most :data:`MAX_ENTRIES` are kept, the least recently written go first.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import importlib.metadata
import io
import pathlib
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from qbr_studio.deck.font_files import register_embedded, resolve
from qbr_studio.deck.reading.static_text import MEASURED_STYLES
from qbr_studio.storage import kept
from qbr_studio.storage.kept import forget_oldest, note

if TYPE_CHECKING:
    from qbr_studio.deck.reading.template_info import TemplateInfo

CACHE_FOLDER = "template-descriptions"
"""Folder of the state dir holding kept descriptions."""

ENTRY_FORMAT = 2
"""Bumped when what an entry holds changes (2: slide sizes as ints, not python-pptx's lengths)."""

MAX_ENTRIES = 32
"""Descriptions kept at most; writing one more removes the oldest."""

MAX_ENTRY_BYTES = 32 * 1024 * 1024
"""A description larger than this (a template of huge pictures) is neither kept nor read."""

_CODE = (
    "deck",
    "deck/reading",
    "safeio",
    "model/deck_kinds.py",
    "paths.py",
    "storage/cache.py",
    "storage/pictures.py",  # which backdrop pictures are read at all
)
"""The sources whose change makes every kept description stale (a folder: its .py files)."""

_ALLOWED_MODULES = ("qbr_studio.deck.", "qbr_studio.model.deck_kinds")
"""Modules whose dataclasses and enums an entry may hold."""

_PATH_CLASSES = frozenset({"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"})


@cache
def code_fingerprint() -> str:
    """A digest of the code and libraries that decide what a template's description says."""
    import lxml.etree
    import PIL

    # python-pptx's version from its metadata: importing it costs a start 70-100 ms.
    try:
        pptx_version = importlib.metadata.version("python-pptx")
    except importlib.metadata.PackageNotFoundError:  # a bundle without the metadata
        import pptx

        pptx_version = pptx.__version__
    versions = (ENTRY_FORMAT, pptx_version, PIL.__version__, lxml.etree.LXML_VERSION)
    return kept.code_fingerprint(_CODE, versions)


def entry_path(data: bytes) -> Path:
    """Where the description of the template whose bytes are ``data`` is kept."""
    from qbr_studio.paths import state_dir

    digest = hashlib.sha256(data)
    digest.update(code_fingerprint().encode())
    return state_dir() / CACHE_FOLDER / f"{digest.hexdigest()}.pickle"


FontState = tuple[tuple[str, bool, bool, str, str, str, int, int], ...]
"""Per theme font and measured style: the file it resolves to, why, and its size and mtime."""


def font_state(info: TemplateInfo) -> FontState:
    """The files measuring ``info``'s theme fonts in the styles its layouts' text is measured
    in (see :mod:`qbr_studio.deck.font_files`)."""
    state = []
    for family in dict.fromkeys((info.heading_font, info.body_font)):
        for bold, italic in MEASURED_STYLES:
            found = resolve(family, bold, italic)
            try:
                stat = found.path.stat()
                stamp = (stat.st_size, stat.st_mtime_ns)
            except OSError:
                stamp = (-1, -1)
            row = (family, bold, italic, str(found.path), found.family, found.source.value)
            state.append(row + stamp)
    return tuple(state)


def recall(data: bytes, path: Path) -> TemplateInfo | None:
    """The kept description of the template ``data`` (read from ``path``), if there is a
    valid one; its embedded fonts are registered again."""
    try:
        entry = entry_path(data)
        with entry.open("rb") as stream:
            raw = stream.read(MAX_ENTRY_BYTES + 1)
        if len(raw) > MAX_ENTRY_BYTES:
            return None
        info, fonts = _Unpickler(io.BytesIO(raw)).load()
    except FileNotFoundError:
        return None
    except Exception as err:  # a damaged, foreign or unreadable entry: describe again
        note(__name__, "A kept template description was not used: %s", err)
        return None
    if not _plausible(info, fonts):
        return None
    embedded = [(f.typeface, f.bold, f.italic, f.path) for f in info.embedded_fonts if f.path]
    if not all(font.is_file() for *_, font in embedded):
        return None  # a font the template embeds was removed from the state folder
    for typeface, bold, italic, font in embedded:
        register_embedded(typeface, bold, italic, font)
    if font_state(info) != fonts:
        return None  # the machine's fonts changed since: measure again
    return dataclasses.replace(info, path=path)


def keep(data: bytes, info: TemplateInfo) -> None:
    """Keep ``info``, the description of the template ``data``; a failure only costs speed."""
    from qbr_studio.errors import UserError
    from qbr_studio.storage import atomic_write_bytes

    if any(font.path is None for font in info.embedded_fonts):
        return  # why it is unusable may lie in this machine's state folder: look again next time
    try:
        body = pickle.dumps((dataclasses.replace(info, path=Path()), font_state(info)), protocol=5)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as err:
        note(__name__, "A template description cannot be kept: %s", err)  # described each run
        return
    if len(body) > MAX_ENTRY_BYTES:
        return
    try:
        entry = entry_path(data)
        entry.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(entry, body)
        forget_oldest(entry.parent, ".pickle", MAX_ENTRIES)
    except (OSError, UserError) as err:  # a read-only or full home: builds stay correct
        note(__name__, "A template description was not kept: %s", err)


def _plausible(info: object, fonts: object) -> bool:
    from qbr_studio.deck.reading.template_info import TemplateInfo

    return isinstance(info, TemplateInfo) and isinstance(fonts, tuple)


class _Unpickler(pickle.Unpickler):
    """Builds the deck's own dataclasses and enums and paths, and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        if module in ("pathlib", "pathlib._local") and name in _PATH_CLASSES:  # 3.13: _local
            return getattr(pathlib, name)
        if module.startswith(_ALLOWED_MODULES) and "." not in name:
            found = getattr(sys.modules.get(module), name, None)  # never imports
            if isinstance(found, type) and (
                dataclasses.is_dataclass(found) or issubclass(found, enum.Enum)
            ):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a template description")
