"""PySide's per-module "does it use PySide?" check, answered from the file's bytes
(ui.pyside_scan): installed by the app (ui.app), and the same answer as PySide's own check for
every module the app has loaded."""

from __future__ import annotations

import sys
import types

import pytest

import qbr_studio.ui.app  # noqa: F401  (the app's modules, PySide's and pydantic's loaded)
from qbr_studio.sample import build_sample_review
from qbr_studio.ui import pyside_scan

pytestmark = pytest.mark.qt


def check():
    return getattr(sys.modules[pyside_scan.FEATURE_MODULE], pyside_scan.CHECK)


def test_the_app_installs_it_once():
    assert hasattr(check(), "__wrapped__")
    assert pyside_scan.install() is False  # already in place: not wrapped twice
    assert not hasattr(check().__wrapped__, "__wrapped__")


def test_every_loaded_module_gets_pysides_own_answer():
    build_sample_review()  # pydantic's validators built too
    ours, theirs = check(), check().__wrapped__
    modules = [m for m in list(sys.modules.values()) if isinstance(m, types.ModuleType)]
    answers = {m.__name__: ours(m) for m in modules}
    assert answers == {m.__name__: theirs(m) for m in modules}
    assert answers["qbr_studio.ui.main_window"] is True
    assert answers["qbr_studio.model.review"] is False
    assert answers["sys"] is False  # built in: PySide's own check says so


def test_a_module_without_a_readable_file_falls_back(tmp_path):
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")  # never written
    assert check()(gone) is check().__wrapped__(gone) is False
    written = tmp_path / "mentions.py"
    written.write_text("# uses PySide6\n", encoding="utf-8")
    mentions = types.ModuleType("mentions")
    mentions.__file__ = str(written)
    assert check()(mentions) is True
