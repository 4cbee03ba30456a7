"""Before Qt loads a platform plugin: can a window open here, and if not, why in plain words.

Qt's own failure is an abort with a message that names the wrong package ("xcb-cursor0 is
needed") whatever is missing, and the same abort when there is no display at all. This module
imports no Qt: it reads the environment and asks ``ldd`` what the xcb plugin cannot find, so
the command line can print one clear line and exit 2 instead.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

HEADLESS = ("offscreen", "minimal", "vnc", "linuxfb", "eglfs", "vkkhrdisplay", "minimalegl")
"""Platforms that need no display server."""

DEBIAN_PACKAGES = {
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}
"""The Debian/Ubuntu package of each library the xcb plugin links (checked with ldd)."""

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)

Ldd = Callable[[Path], str]


def qt_plugin_dir() -> Path | None:
    """Qt's platform plugin folder inside PySide6 (also in a bundle), found without Qt."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    roots = list(spec.submodule_search_locations or []) if spec else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(str(Path(bundle) / "PySide6"))
    for root in roots:
        folder = Path(root) / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


LDD_PLACES = ("/usr/bin/ldd", "/bin/ldd")
"""Where ldd is when PATH doesn't say (a launcher's bare environment, ``env -i``)."""


def _run_ldd(path: Path) -> str:
    ldd = shutil.which("ldd") or next((p for p in LDD_PLACES if Path(p).is_file()), None)
    if ldd is None:
        return ""
    try:
        done = subprocess.run([ldd, str(path)], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout


def missing_libraries(plugin: Path, ldd: Ldd = _run_ldd) -> list[str]:
    """The shared libraries ``plugin`` links that this system lacks (sonames, sorted)."""
    return sorted(set(_NOT_FOUND.findall(ldd(plugin))))


def _shipped(library: str, plugins: Path) -> bool:
    """True for a library that comes with PySide6 or the bundle (ldd may not see it there)."""
    places = [plugins.parent.parent / "lib", plugins.parent.parent.parent.parent]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle))
    return any((place / library).exists() for place in places)


def packages_for(libraries: list[str]) -> list[str]:
    """The Debian packages that provide ``libraries`` (the soname where it is not known)."""
    return sorted({DEBIAN_PACKAGES.get(lib, lib) for lib in libraries})


def display_problem(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    plugins: Path | None = None,
    ldd: Ldd = _run_ldd,
) -> str | None:
    """Why a window cannot open here, in plain words; None if nothing is known to be wrong."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their window system
    wanted = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if wanted in HEADLESS:
        return None
    if wanted == "wayland" or (not wanted and env.get("WAYLAND_DISPLAY")):
        return None  # Qt's wayland plugin needs only what PySide6 itself links
    if not env.get("DISPLAY"):
        return (
            "no display: there is no desktop session to open the window in (DISPLAY is not "
            "set). Run `qbr-studio build FILE.qbr -o OUT.pptx` for headless use, or set "
            "QT_QPA_PLATFORM=offscreen."
        )
    folder = plugins if plugins is not None else qt_plugin_dir()
    plugin = folder / "libqxcb.so" if folder is not None else None
    if plugin is None or not plugin.is_file():
        return None
    missing = [lib for lib in missing_libraries(plugin, ldd) if not _shipped(lib, folder)]
    if not missing:
        return None
    packages = " ".join(packages_for(missing))
    return (
        f"Qt needs these system libraries to open a window: {' '.join(missing)} — install "
        f"them with `sudo apt-get install {packages}` (Debian/Ubuntu; on Fedora "
        "`sudo dnf install xcb-util-wm xcb-util-keysyms xcb-util-cursor`)."
    )
