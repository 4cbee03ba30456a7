"""What the window's first paint costs: the shell (menus, toolbar with its drawn icons, the
agenda) is built and painted without naming any ``Qt.*`` enum — PySide creates every one
of them on first use of any, which costs more than a bare window's whole paint — and
without the document model, storage, the deck or what only start-up's second step uses."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.qt
ROOT = Path(__file__).resolve().parents[1]

SHELL = """
import sys
import PySide6.QtCore as QtCore
from qbr_studio.ui.app import create_app
from qbr_studio.ui.main_window import MainWindow
app = create_app(sys.argv[:1])
window = MainWindow()
window.resize(1280, 800)
window.show()
window.grab()  # paints every child, toolbar icons included
app.processEvents()
print("Qt namespace:", "Qt" in QtCore.__dict__)
print("model:", "qbr_studio.model" in sys.modules, "deck:", "qbr_studio.deck" in sys.modules)
later = ("review_mode", "template_check_page", "preferences", "message_bar", "recovery_ui")
print("later:", [name for name in later if f"qbr_studio.ui.{name}" in sys.modules])
"""


def test_the_shell_paints_without_qt_enums_or_the_model(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    env |= {"QBR_STUDIO_CONFIG_DIR": str(tmp_path / "c"), "QBR_STUDIO_STATE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SHELL], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Qt namespace: False" in done.stdout
    assert "model: False deck: False" in done.stdout
    assert "later: []" in done.stdout  # what start-up's second step needs is imported then
