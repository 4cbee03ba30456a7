"""The windowed executable's entry (``QBR Studio.exe``, the macOS app): started without a
console, it opens the named review, and says why it cannot start in a message box."""

from __future__ import annotations

import io
import sys

import pytest

from qbr_studio import cli

pytestmark = pytest.mark.qt


@pytest.fixture
def boxes(monkeypatch):
    """The messages the windowed entry showed in a message box."""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    return shown


def test_a_missing_review_is_said_in_a_message_box(boxes, tmp_path, capsys):
    assert cli.window_main([str(tmp_path / "gone.qbr")]) == cli.BAD_INPUT
    assert boxes == [f"{tmp_path / 'gone.qbr'}: no such review file"]
    assert "gone.qbr: no such review file" in capsys.readouterr().err


def test_without_a_display_nothing_is_drawn_and_stderr_says_why(boxes, monkeypatch, capsys):
    from qbr_studio.ui import platform_check

    monkeypatch.setattr(platform_check, "display_problem", lambda: "no display: use build")
    assert cli.window_main([]) == cli.BAD_INPUT
    assert boxes == []
    assert capsys.readouterr().err == "qbr-studio: no display: use build\n"


def test_started_without_console_streams_it_opens_the_named_review(boxes, tmp_path, monkeypatch):
    """What opens the window (``ui.app.run``, tested with the command line) gets the review,
    and finds streams to write to."""
    from qbr_studio.model import Meta, Review
    from qbr_studio.storage import save_review
    from qbr_studio.ui import app

    path = tmp_path / "Q4 Dana.qbr"
    save_review(path, Review(meta=Meta(csm="Dana Reyes", quarter="2026-Q4")))
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    opened = []

    def run(review):
        sys.stdout.write("logging and print reach a stream\n")  # None has no write
        sys.stderr.write("and so do warnings\n")
        opened.append(review)
        return 0

    monkeypatch.setattr(app, "run", run)
    assert cli.window_main([str(path)]) == 0
    assert isinstance(sys.stdout, io.TextIOWrapper) and isinstance(sys.stderr, io.TextIOWrapper)
    sys.stdout.close()
    sys.stderr.close()
    assert opened == [path]
    assert boxes == []
