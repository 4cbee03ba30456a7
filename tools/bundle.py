"""Build the self-contained app bundle: ``python tools/bundle.py``.

Renders the icons (``resources/icons``) from the app's own icon, runs PyInstaller on
``resources/pyinstaller/qbr-studio.spec`` into ``dist/qbr-studio/`` (the command
``dist/qbr-studio/qbr-studio``, ``.exe`` on Windows; on Windows and macOS also the windowed
app ``QBR Studio`` beside it, which opens no console window, and on macOS
``dist/QBR Studio.app``),
adds the desktop integration files, and archives it as
``dist/qbr-studio-VERSION-SYSTEM-MACHINE.tar.gz`` (``.zip`` on Windows and macOS).

``--icons`` only renders the icons. Needs PyInstaller (``pip install pyinstaller``); exit 2
with one line if it is missing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
ICONS = RESOURCES / "icons"
SPEC = RESOURCES / "pyinstaller" / "qbr-studio.spec"
DIST = ROOT / "dist"
BUNDLE = DIST / "qbr-studio"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
"""Linux icon theme sizes (freedesktop hicolor)."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""Windows .ico sizes (Explorer, taskbar, high-DPI)."""
EXECUTABLES = {
    "win32": (("QBR Studio.exe", "the app (windowed)"), ("qbr-studio.exe", "the command")),
    "darwin": (("QBR Studio", "the app (windowed)"), ("qbr-studio", "the command")),
    "linux": (("qbr-studio", "the app and the command"),),
}
"""What the bundle folder starts, by platform (as the spec builds it)."""
ICNS_SIZE = 1024
"""macOS .icns is written from one 1024 px drawing (Pillow makes every smaller size)."""

sys.path.insert(0, str(ROOT))


def render_icons(folder: Path = ICONS) -> list[Path]:
    """Every platform's icon file, drawn by ``qbr_studio.ui.icons.draw_app_icon``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from qbr_studio.ui.icons import draw_app_icon

    _app = QApplication.instance() or QApplication([])  # (a QApplication: tests reuse it)
    written: list[Path] = []
    drawn: dict[int, Image.Image] = {}
    for size in sorted({*HICOLOR_SIZES, *ICO_SIZES, ICNS_SIZE}):
        png = folder / "hicolor" / f"{size}x{size}" / "apps" / "qbr-studio.png"
        png.parent.mkdir(parents=True, exist_ok=True)
        if not draw_app_icon(size).save(str(png), "PNG"):
            raise SystemExit(f"bundle: could not write {png}")
        drawn[size] = Image.open(png).convert("RGBA")
        if size in HICOLOR_SIZES:
            written.append(png)
        else:
            png.unlink()
            shutil.rmtree(png.parents[1])
    ico = folder / "qbr-studio.ico"
    drawn[256].save(ico, sizes=[(s, s) for s in ICO_SIZES])
    icns = folder / "qbr-studio.icns"
    drawn[ICNS_SIZE].save(icns)
    return [*written, ico, icns]


def archive(bundle: Path) -> Path:
    """The bundle folder in one file to download: .tar.gz on Linux, .zip elsewhere."""
    from qbr_studio import __version__

    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform)
    stem = f"qbr-studio-{__version__}-{system}-{platform.machine().lower()}"
    if sys.platform.startswith("linux"):
        out = bundle.parent / f"{stem}.tar.gz"
        with tarfile.open(out, "w:gz") as tar:
            tar.add(bundle, arcname=bundle.name)
        return out
    out = bundle.parent / f"{stem}.zip"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(bundle.rglob("*")):
            zf.write(path, Path(bundle.name) / path.relative_to(bundle))
    return out


def add_desktop_files(bundle: Path) -> None:
    """Desktop entry, MIME types, AppStream data and icons beside the executable."""
    target = bundle / "desktop"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(RESOURCES / "linux", target / "linux")
    shutil.copytree(ICONS / "hicolor", target / "icons" / "hicolor")


def build() -> int:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        print(
            "bundle: PyInstaller is not installed; run `pip install pyinstaller`", file=sys.stderr
        )
        return 2
    started = time.monotonic()
    render_icons()
    pyinstaller.run(
        [
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level=WARN",
            f"--distpath={DIST}",
            f"--workpath={ROOT / 'build' / 'pyinstaller'}",
        ]
    )
    executables = EXECUTABLES.get(sys.platform, EXECUTABLES["linux"])
    missing = [name for name, _ in executables if not (BUNDLE / name).is_file()]
    if missing:
        print(f"bundle: PyInstaller did not make {', '.join(missing)} in {BUNDLE}", file=sys.stderr)
        return 1
    add_desktop_files(BUNDLE)
    out = archive(BUNDLE)
    size = sum(p.stat().st_size for p in BUNDLE.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"Bundle: {BUNDLE} ({size / 1e6:.0f} MB)")
    for name, what in executables:
        print(f"  {what}: {BUNDLE / name}")
    print(f"Archive: {out} ({out.stat().st_size / 1e6:.0f} MB)")
    print(f"Built in {time.monotonic() - started:.0f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--icons", action="store_true", help="only render resources/icons")
    args = parser.parse_args(argv)
    if args.icons:
        for path in render_icons():
            print(path.relative_to(ROOT))
        return 0
    return build()


if __name__ == "__main__":
    sys.exit(main())
