"""Before Qt loads a platform plugin: no display and missing xcb libraries are said in plain
words (exit 2), ``--version`` answers, and ``qbr-studio FILE.qbr`` opens the review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from qbr_studio import __version__
from qbr_studio.cli import main
from qbr_studio.ui import platform_check
from qbr_studio.ui.platform_check import display_problem, missing_libraries, packages_for

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f)
"""
LDD_COMPLETE = "\tlibxcb-icccm.so.4 => /lib/x86_64-linux-gnu/libxcb-icccm.so.4 (0x7f)\n"


@pytest.fixture
def plugins(tmp_path: Path) -> Path:
    folder = tmp_path / "platforms"
    folder.mkdir()
    (folder / "libqxcb.so").write_bytes(b"\x7fELF")
    return folder


def test_no_display_says_to_build_headless(plugins):
    problem = display_problem({}, "linux", plugins, lambda _p: LDD_COMPLETE)
    assert problem is not None
    assert problem.startswith("no display")
    assert "qbr-studio build" in problem


def test_missing_xcb_libraries_are_named_with_their_packages(plugins):
    problem = display_problem({"DISPLAY": ":0"}, "linux", plugins, lambda _p: LDD_MISSING)
    assert problem is not None
    assert "libxcb-icccm.so.4 libxcb-keysyms.so.1" in problem
    assert "apt-get install libxcb-icccm4 libxcb-keysyms1" in problem
    assert "cursor" not in problem.split("—")[0]  # not Qt's misleading xcb-cursor0


def test_nothing_missing_is_no_problem(plugins):
    env = {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}
    assert display_problem(env, "linux", plugins, lambda _p: LDD_COMPLETE) is None


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
    ],
)
def test_headless_platforms_and_other_systems_are_not_checked(plugins, env, platform):
    assert display_problem(env, platform, plugins, lambda _p: LDD_MISSING) is None


def test_ldd_output_is_read_for_not_found_libraries(plugins):
    assert missing_libraries(plugins / "libqxcb.so", lambda _p: LDD_MISSING) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
    ]
    assert packages_for(["libunknown.so.7", "libxcb-cursor.so.0"]) == [
        "libunknown.so.7",
        "libxcb-cursor0",
    ]


def test_the_installed_pyside_has_an_xcb_plugin_to_check():
    folder = platform_check.qt_plugin_dir()
    assert folder is not None
    if sys.platform.startswith("linux"):
        assert (folder / "libqxcb.so").is_file()


def test_cli_without_a_display_refuses_before_qt_loads(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["QBR_STUDIO_CONFIG_DIR"] = str(tmp_path / "c")
    env["QBR_STUDIO_STATE_DIR"] = str(tmp_path / "s")
    code = (
        "import sys\n"
        "from qbr_studio.cli import main\n"
        "code = main([])\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6.Qt')], 'Qt was loaded'\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("a desktop session is always there on Windows and macOS")
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("qbr-studio: no display")
    assert "Traceback" not in done.stderr


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"qbr-studio {__version__}"


def test_a_missing_review_on_the_command_line_is_refused(tmp_path, capsys):
    assert main([str(tmp_path / "gone.qbr")]) == 2
    assert "gone.qbr: no such review file" in capsys.readouterr().err


@pytest.mark.qt
def test_a_review_named_on_the_command_line_opens(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from qbr_studio.model import Meta, Review
    from qbr_studio.storage import save_review
    from qbr_studio.ui import app

    path = tmp_path / "Q4 Dana.qbr"
    save_review(path, Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q4")))
    opened = []

    def run(review):
        window = app.start(review)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: window.doc.is_open, timeout=20_000)
        opened.append(window)
        return 0

    monkeypatch.setattr(app, "run", run)
    assert main([str(path)]) == 0
    assert opened[0].doc.path == path
    assert opened[0].doc.review.meta.csm == "Dana Reyes"
