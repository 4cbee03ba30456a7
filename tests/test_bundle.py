"""The self-contained bundle (``python tools/bundle.py``): built, then run from a folder
outside the source tree with ``env -i`` and only the bundle on PATH — ``--version``,
``demo -o DIR``, ``build`` with a PDF, the window offscreen, and the no-display refusal; on
Windows and macOS also the windowed app beside the command (``QBR Studio``, no console).

Marked ``bundle`` (about a minute and a half to build); skipped without PyInstaller.
``.ci/run`` installs PyInstaller, so CI runs it. ``QBR_STUDIO_BUNDLE=DIR`` tests an already
built bundle instead of building one.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from qbr_studio import __version__

pytestmark = pytest.mark.bundle
ROOT = Path(__file__).resolve().parents[1]
EXE = "qbr-studio.exe" if sys.platform == "win32" else "qbr-studio"
WINDOWED_EXE = {"win32": "QBR Studio.exe", "darwin": "QBR Studio"}.get(sys.platform)
"""The windowed app's executable, where the platform tells it from a console program."""


def _icons(tmp: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import bundle
    finally:
        sys.path.remove(str(ROOT / "tools"))
    written = bundle.render_icons(tmp)
    from PIL import Image

    sizes = {Image.open(p).size for p in written if p.suffix == ".png"}
    assert sizes == {(s, s) for s in bundle.HICOLOR_SIZES}
    ico = Image.open(tmp / "qbr-studio.ico")
    assert set(ico.info["sizes"]) == {(s, s) for s in bundle.ICO_SIZES}
    assert (tmp / "qbr-studio.icns").read_bytes()[:4] == b"icns"


def test_icons_are_rendered_at_every_platform_size(tmp_path):
    pytest.importorskip("PIL")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _icons(tmp_path)


@pytest.fixture(scope="module")
def bundle_dir() -> Path:
    given = os.environ.get("QBR_STUDIO_BUNDLE")
    if given:
        return Path(given)
    pytest.importorskip("PyInstaller")
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bundle.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    archive = next((ROOT / "dist").glob(f"qbr-studio-{__version__}-*"))
    if archive.suffix == ".gz":
        with tarfile.open(archive) as tar:
            assert f"qbr-studio/{EXE}" in tar.getnames()
    return ROOT / "dist" / "qbr-studio"


def run_bare(
    bundle: Path, cwd: Path, *args: str, exe: str = EXE, **env: str
) -> subprocess.CompletedProcess:
    """The bundle's executable ``exe`` with nothing but the bundle on PATH (no venv, no
    sources)."""
    base = {"PATH": str(bundle), "HOME": str(cwd), "LANG": "C.UTF-8"}
    if sys.platform == "win32":
        base |= {k: os.environ[k] for k in ("SYSTEMROOT", "TEMP", "USERPROFILE") if k in os.environ}
    cmd = [str(bundle / exe), *args] if sys.platform == "win32" else ["env", "-i"]
    if sys.platform != "win32":
        cmd += [f"{k}={v}" for k, v in {**base, **env}.items()] + [exe, *args]
    return subprocess.run(
        cmd,
        cwd=cwd,
        env={**base, **env} if sys.platform == "win32" else None,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_bundle_runs_without_the_source_tree(bundle_dir, tmp_path):
    assert (bundle_dir / EXE).is_file()
    assert not str(tmp_path).startswith(str(ROOT))
    version = run_bare(bundle_dir, tmp_path, "--version")
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"qbr-studio {__version__}"

    demo = run_bare(bundle_dir, tmp_path, "demo", "-o", "demo")
    assert demo.returncode == 0, demo.stderr
    assert (tmp_path / "demo" / "sample_review.pptx").stat().st_size > 20_000

    build = run_bare(
        bundle_dir,
        tmp_path,
        "build",
        "demo/sample_review.qbr",
        "-o",
        "deck.pptx",
        "--pdf",
        "deck.pdf",
    )
    assert build.returncode == 0, build.stderr
    assert build.stdout.startswith("deck.pptx: ")
    assert (tmp_path / "deck.pdf").read_bytes()[:5] == b"%PDF-"

    bad = run_bare(bundle_dir, tmp_path, "build", "missing.qbr", "-o", "x.pptx")
    assert bad.returncode == 2 and "missing.qbr" in bad.stderr and "Traceback" not in bad.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display check is for Linux")
def test_the_bundle_without_a_display_says_how_to_work_headless(bundle_dir, tmp_path):
    done = run_bare(bundle_dir, tmp_path)
    assert done.returncode == 2
    assert "no display" in done.stderr and "qbr-studio build" in done.stderr


def _smoke_window(bundle: Path, cwd: Path, shot_name: str, *args: str, exe: str = EXE):
    """Start ``exe`` on a fresh HOME, quit once the window is up; its picture goes to
    test-artifacts/bundle/ for a person to look at."""
    shot = ROOT / "test-artifacts" / "bundle" / shot_name
    shot.parent.mkdir(parents=True, exist_ok=True)
    shot.unlink(missing_ok=True)
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "QBR_STUDIO_SMOKE_QUIT_MS": "1500",
        "QBR_STUDIO_SMOKE_SCREENSHOT": str(shot),
    }
    done = run_bare(bundle, cwd, *args, exe=exe, **env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    assert shot.stat().st_size > 10_000
    return done


def test_the_bundle_opens_its_window_on_the_sample(bundle_dir, tmp_path):
    """A first start: the window opens offscreen on the sample."""
    done = _smoke_window(bundle_dir, tmp_path, "first-start-offscreen.png")
    assert "window: Sample review.qbr — QBR Studio" in done.stdout


@pytest.mark.skipif(WINDOWED_EXE is None, reason="on Linux the command is the app")
def test_the_windowed_app_opens_a_review_without_a_console(bundle_dir, tmp_path):
    """The windowed executable beside the command (what the Start menu, a double click and
    the macOS app start) opens the review it is given; it has no console to print to, so the
    window's picture is the proof."""
    assert (bundle_dir / EXE).is_file()
    run_bare(bundle_dir, tmp_path, "demo", "-o", "demo")
    _smoke_window(
        bundle_dir, tmp_path, "windowed-app.png", "demo/sample_review.qbr", exe=WINDOWED_EXE
    )
    if sys.platform == "darwin":
        app = bundle_dir.parent / "QBR Studio.app" / "Contents"
        with (app / "Info.plist").open("rb") as plist:
            info = plistlib.load(plist)
        assert info["CFBundleExecutable"] == WINDOWED_EXE
        assert not info.get("LSBackgroundOnly")
        assert (app / "MacOS" / EXE).is_file()  # the command inside the app too
