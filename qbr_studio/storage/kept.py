"""What the small caches kept in the state folder share (template descriptions, text widths,
team statuses): a fingerprint of the code that makes their entries, so a changed program
never reads an old entry, and a bound on how many entries a cache folder keeps."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


def code_fingerprint(sources: Iterable[str], versions: Iterable[object]) -> str:
    """A digest of ``versions`` (the app's and libraries' versions, a cache's format) and of
    the app's ``sources``: paths below the package, a folder standing for its .py files."""
    import qbr_studio

    root = Path(qbr_studio.__file__).parent
    digest = hashlib.sha256(repr([qbr_studio.__version__, *versions]).encode())
    for name in sources:
        target = root / name
        files = sorted(target.glob("*.py")) if target.is_dir() else [target]
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def note(module: str, message: str, *args: object) -> None:
    """Log, at info level on ``module``'s logger, why an entry was not used or not kept.
    :mod:`logging` is imported only then: a command whose entries are read and kept as usual
    never loads it (~3 ms of a cold ``build``)."""
    import logging

    logging.getLogger(module).info(message, *args)


def forget_oldest(folder: Path, suffix: str, keep: int) -> None:
    """Removes the oldest ``*suffix`` files of ``folder`` beyond the newest ``keep`` (an entry
    that can't be listed or removed is left: the caches are only for speed)."""
    entries = []
    with os.scandir(folder) as items:
        for item in items:
            if item.name.endswith(suffix):
                try:
                    entries.append((item.stat().st_mtime_ns, item.path))
                except OSError:
                    continue
    for _, name in sorted(entries)[: max(0, len(entries) - keep)]:
        try:
            os.remove(name)
        except OSError:
            continue
