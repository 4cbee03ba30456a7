"""Watch a team folder for reviews arriving, changing or leaving (watchdog).

The operating system's notifications are used where they work; on a network drive (SMB/CIFS,
NFS, WebDAV, a UNC path) they often never arrive, so the folder is polled instead — and also
when native watching cannot start (too many watches, a folder the OS cannot watch).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

POLL_SECONDS = 2.0
NETWORK_FILESYSTEMS = frozenset(
    {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "davfs", "fuse.sshfs", "fuse.rclone", "afpfs"}
)


def _mount_types() -> list[tuple[str, str]]:
    """(mount point, filesystem type) of each mount, longest mount point first (Linux)."""
    try:
        with open("/proc/mounts", encoding="utf-8", errors="replace") as mounts:
            found = [(parts[1], parts[2]) for line in mounts if len(parts := line.split()) > 2]
    except OSError:
        return []
    return sorted(found, key=lambda m: -len(m[0]))


def is_network_folder(folder: Path) -> bool:
    """Whether ``folder`` lives on a network drive, where change notifications are unreliable."""
    text = str(folder)
    if text.startswith(("\\\\", "//")):
        return True
    real = os.path.realpath(folder)
    for mount, fs in _mount_types():
        if real == mount or real.startswith(mount.rstrip("/") + "/"):
            return fs in NETWORK_FILESYSTEMS
    return False


class FolderWatch:
    """Calls ``on_change()`` (from the watcher's thread) when anything in ``folder`` changes;
    ``polling`` forces polling, None decides by :func:`is_network_folder`."""

    def __init__(
        self, folder: Path, on_change: Callable[[], None], *, polling: bool | None = None
    ) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        class _Handler(FileSystemEventHandler):
            def on_any_event(self, event: Any) -> None:
                if event.event_type not in ("opened", "closed_no_write"):
                    on_change()

        self.folder = Path(folder)
        self.polling = is_network_folder(self.folder) if polling is None else polling
        handler = _Handler()
        observer: Any = PollingObserver(timeout=POLL_SECONDS) if self.polling else Observer()
        observer.schedule(handler, str(self.folder), recursive=True)
        try:
            observer.start()
        except OSError:  # inotify limits, a folder the OS cannot watch: poll instead
            observer = PollingObserver(timeout=POLL_SECONDS)
            observer.schedule(handler, str(self.folder), recursive=True)
            observer.start()
            self.polling = True
        self._observer = observer

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
