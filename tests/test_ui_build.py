"""Building, exporting and importing from the window: workers, progress, cancel, and errors
that leave everything as it was."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import threading
from pathlib import Path

import pytest
from pptx import Presentation
from PySide6.QtWidgets import QProgressDialog

from qbr_studio.deck import produce as deck_build
from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import desktop, dialogs
from qbr_studio.ui.app import create_window
from qbr_studio.ui.main_window import MainWindow

pytestmark = pytest.mark.qt


def open_window(qtbot, monkeypatch, path: Path) -> MainWindow:
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    win = create_window(path, offer_recovery=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.plan is not None)
    return win


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    path = tmp_path / "review.qbr"
    save_review(path, build_sample_review())
    return open_window(qtbot, monkeypatch, path)


class HeldBuild:
    """The deck build waits in its worker until the test lets it go, so whatever the test
    does "while the deck is being written" lands then on any machine, not after a guess."""

    def __init__(self, monkeypatch) -> None:
        self.started = threading.Event()
        self._release = threading.Event()
        real = deck_build.build_deck

        def build(*args, **kwargs):
            self.started.set()
            if not self._release.wait(60):
                raise TimeoutError("the test never let the build go")
            return real(*args, **kwargs)

        monkeypatch.setattr(deck_build, "build_deck", build)

    def wait_started(self) -> None:
        assert self.started.wait(30), "the build never started"

    def release(self) -> None:
        self._release.set()


@pytest.fixture
def held(monkeypatch):
    hold = HeldBuild(monkeypatch)
    yield hold
    hold.release()  # never leave a worker waiting


def test_build_writes_the_deck_in_a_worker_and_offers_open(
    window, qtbot, tmp_path, monkeypatch, held
):
    out = tmp_path / "decks" / "Q4.pptx"
    out.parent.mkdir()
    opened: list[Path] = []
    shown: list[Path] = []
    monkeypatch.setattr(desktop, "open_file", opened.append)
    monkeypatch.setattr(desktop, "show_in_folder", shown.append)
    with qtbot.waitSignal(window.buildFinished, timeout=60_000) as finished:
        window.build_deck(out)
        assert window.doc.is_open  # the window stays usable while the worker runs
        held.wait_started()
        qtbot.waitUntil(lambda: window.findChild(QProgressDialog) is not None, timeout=2000)
        held.release()
    assert finished.args == [out]
    deck = Presentation(str(out))
    assert len(deck.slides) == len(window.plan.slides)
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert any("Riverbend" in t for t in titles)
    assert [p.name for p in out.parent.iterdir()] == ["Q4.pptx"]  # no temporary left behind
    buttons = {b.text(): b for b in window.message.buttons()}
    buttons["Open"].click()
    buttons["Show in folder"].click()
    assert opened == [out] and shown == [out]


def test_build_asks_where_and_suggests_the_output_folder(window, qtbot, tmp_path, monkeypatch):
    from qbr_studio.ui.preferences import Preferences

    window.apply_preferences(Preferences(default_output_folder=str(tmp_path)))
    asked = []

    def ask(parent, title, suggested, file_filter):
        asked.append(suggested)
        return None

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    window.build_deck()
    assert asked == [tmp_path / "review.pptx"]
    assert not window.outputs.tasks


def test_cancelled_build_changes_nothing(window, qtbot, tmp_path, held):
    out = tmp_path / "Q4.pptx"
    out.write_bytes(b"the previous deck")
    with qtbot.waitSignal(window.buildCancelled, timeout=60_000):
        window.build_deck(out)
        (task,) = window.outputs.tasks
        held.wait_started()  # cancelled while the deck is being written
        assert task.cancel()
        held.release()
    qtbot.waitUntil(lambda: not window.outputs.tasks, timeout=60_000)
    assert out.read_bytes() == b"the previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Q4.pptx", "review.qbr"]
    assert "cancelled" in window.message.text


def test_failed_build_says_why_in_plain_words(window, qtbot, tmp_path):
    out = tmp_path / "missing folder" / "Q4.pptx"
    with qtbot.waitSignal(window.buildFailed, timeout=60_000) as failed:
        window.build_deck(out)
    assert failed.args[0] == f"Could not save {out}: the folder {out.parent} does not exist."
    assert window.message.text == failed.args[0]
    assert not out.parent.exists()


def test_build_uses_the_review_as_it_was_when_asked(window, qtbot, tmp_path, held):
    """Edits made while the deck is written don't leak into it half-way. The edit is to the
    quarter, which the title slide draws (the company is not drawn on any slide yet: issue 16)."""
    out = tmp_path / "Q4.pptx"
    before = window.doc.review.meta.quarter
    with qtbot.waitSignal(window.buildFinished, timeout=60_000):
        window.build_deck(out)
        held.wait_started()
        window.doc.edit("meta.quarter", "2031-Q1", label="Quarter")
        held.release()
    assert window.doc.review.meta.quarter == "2031-Q1"
    text = " ".join(
        shape.text_frame.text
        for shape in Presentation(str(out)).slides[0].shapes
        if shape.has_text_frame
    )
    assert "Q1 2031" not in text
    assert f"{before[-2:]} {before[:4]}" in text  # the quarter as it was, e.g. "Q4 2026"


def test_export_pdf_draws_every_slide(window, tmp_path):
    out = tmp_path / "Q4.pdf"
    assert window.export_pdf(out)
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page")
        >= len(window.plan.slides)
        or len(data) > 10_000
    )
    assert "PDF saved" in window.message.text


def test_export_pdf_to_a_missing_folder_explains(window, tmp_path):
    out = tmp_path / "nowhere" / "Q4.pdf"
    assert not window.export_pdf(out)
    assert str(out) in window.message.text
