"""The app's window on the bundled sample review, saved to a folder and planned once: the
starting point of the UI tests that need a full review (logo, template, account view)."""

from __future__ import annotations

from pathlib import Path

from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow


def sample_window(qtbot, folder: Path, monkeypatch, section: str | None = None) -> MainWindow:
    """The window on the sample review saved as ``folder/Q4 review.qbr``, 1440×900, its first
    plan made, on ``section`` when given; closing it discards unsaved edits without asking."""
    path = folder / "Q4 review.qbr"
    save_review(path, build_sample_review())
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    qtbot.waitUntil(lambda: win.plan is not None)
    if section is not None:
        win.go_to_section(section)
    return win
