"""The app's own start (``app.start``): the review and its current slide are shown with only
the page on screen built; the checklist, the thumbnails and the other pages follow in idle
time, and end up exactly as in a window built all at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qbr_studio.sample import build_sample_review
from qbr_studio.storage import save_review
from qbr_studio.ui import dialogs
from qbr_studio.ui.app import create_window, start
from qbr_studio.ui.main_window import FIRST_PAGES, MainWindow, window_settings
from qbr_studio.ui.sections import SECTIONS

pytestmark = pytest.mark.qt
SIZE = (1440, 900)
PYDANTIC_PLUGINS = "PYDANTIC_DISABLE_PLUGINS"


@pytest.fixture
def review_path(tmp_path: Path) -> Path:
    """The sample, one achievement short of the checklist's minimum (a finding to show)."""
    path = tmp_path / "Q4 review.qbr"
    review = build_sample_review()
    review.achievements = review.achievements[:1]
    save_review(path, review)
    return path


def _started(qtbot, path: Path) -> tuple[MainWindow, list[str]]:
    """``start(path)`` until the review is shown, and what was seen when it was."""
    window = start(path)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    seen: list[str] = []

    def look() -> None:
        seen.extend(page.key for page in window.pages)
        seen.append(f"slide {window.preview.view.accessibleDescription()}")
        seen.append(f"checked {not window.planner.check_pending}")

    window.shown.connect(look)
    with qtbot.waitSignal(window.shown, timeout=20_000):
        pass
    return window, seen


def test_the_review_is_shown_before_the_other_pages_and_the_checklist(
    qtbot, review_path, monkeypatch
):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window, seen = _started(qtbot, review_path)
    assert seen[:-2] == ["overview", *FIRST_PAGES], "only the page on screen (and the checks')"
    assert seen[-2].startswith("slide Slide 1: ") and seen[-1] == "checked False"
    assert window.page("overview").bindings["meta.csm"].widget.text()
    with qtbot.waitSignal(window.planned, timeout=20_000):
        pass
    qtbot.waitUntil(lambda: len(window.pages) == len(SECTIONS), timeout=20_000)
    qtbot.waitUntil(lambda: window.preview.thumbnails_waiting() == 0, timeout=20_000)
    assert window.findings and window.check_page.findings == window.findings
    assert window.todo_label.text() == f"{len(window.findings)} to finish"


def test_a_page_needed_before_its_turn_is_built_at_once(qtbot, review_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    window, _seen = _started(qtbot, review_path)
    assert "revenue" not in [page.key for page in window.pages]
    window.go_to_section("revenue")
    assert window.stack.currentWidget() is window.page("revenue")
    assert window.current_section() == "revenue"


def test_pages_built_later_show_what_pages_built_at_once_show(qtbot, review_path, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    settings = window_settings()
    settings.setValue("window/section", "deep_dive")  # start on another page than the first
    settings.sync()
    later, seen = _started(qtbot, review_path)
    assert seen[:-2] == ["deep_dive", *FIRST_PAGES]
    qtbot.waitUntil(lambda: len(later.pages) == len(SECTIONS), timeout=20_000)
    at_once = create_window(review_path, offer_recovery=False)
    qtbot.addWidget(at_once)
    at_once.resize(*SIZE)
    for window in (later, at_once):
        qtbot.waitUntil(lambda w=window: not w.planner.check_pending and w.plan is not None)
        qtbot.waitUntil(lambda w=window: w.preview.thumbnails_waiting() == 0)
    for key, _ in SECTIONS:
        for window in (later, at_once):
            window.go_to_section(key)
        qtbot.wait(100)  # both settle (layouts, scroll bars)
        pictures = [w.page(key).grab().toImage() for w in (later, at_once)]
        assert pictures[0] == pictures[1], f"the {key} page differs when built later"


def test_a_review_whose_first_plan_fails_is_still_shown_and_its_pages_built(
    qtbot, review_path, monkeypatch
):
    from qbr_studio.deck.planning import compose as compose_module

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)

    def broken(*_args, **_kwargs):
        raise RuntimeError("planning broke")

    monkeypatch.setattr(compose_module, "compose", broken)
    window, seen = _started(qtbot, review_path)
    assert seen[0] == "overview"
    qtbot.waitUntil(lambda: len(window.pages) == len(SECTIONS), timeout=20_000)


def _as_a_new_process() -> None:
    """Forget the text widths this process measured, as a new process starts."""
    from qbr_studio.deck import fit, kept_widths

    fit._units.cache_clear()
    kept_widths._opened.clear()


def test_a_second_start_measures_no_text_the_first_one_did(qtbot, review_path, monkeypatch):
    from PIL import ImageFont

    from qbr_studio.deck import kept_widths
    from qbr_studio.paths import state_dir

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    _as_a_new_process()
    first, _seen = _started(qtbot, review_path)
    qtbot.waitUntil(lambda: len(first.pages) == len(SECTIONS), timeout=20_000)  # idle work:
    qtbot.waitUntil(lambda: first.preview.thumbnails_waiting() == 0, timeout=20_000)
    kept = list((state_dir() / kept_widths.FOLDER).glob("*.json"))
    assert kept, "kept once start-up's idle work is done, before the window closes"
    plan = first.plan
    first.close()
    _as_a_new_process()

    def refuse(self, text, *args, **kwargs):
        raise AssertionError(f"measured {text!r} again")

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", refuse)
    second, seen = _started(qtbot, review_path)
    assert second.plan == plan, "the kept widths give the very same plan"
    assert seen[-2].startswith("slide Slide 1: ")
    _as_a_new_process()


def test_texts_measured_after_start_up_are_kept_when_the_window_closes(
    qtbot, review_path, monkeypatch
):
    from qbr_studio.deck import kept_widths
    from qbr_studio.deck.fit import text_width
    from qbr_studio.paths import state_dir

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    _as_a_new_process()
    window, _seen = _started(qtbot, review_path)
    qtbot.waitUntil(lambda: len(window.pages) == len(SECTIONS), timeout=20_000)
    typed = "A team name typed after start-up"
    text_width(typed, 12)  # as the plan after an edit measures it
    window.close()
    entries = (state_dir() / kept_widths.FOLDER).glob("*.json")
    assert any(typed in json.loads(entry.read_text())["widths"] for entry in entries)
    _as_a_new_process()


@pytest.mark.parametrize(("preset", "expected"), [(None, "__all__"), ("", "")])
def test_the_window_looks_for_no_pydantic_plugins_unless_the_user_says(preset, expected):
    env = {k: v for k, v in os.environ.items() if k != PYDANTIC_PLUGINS}
    if preset is not None:
        env[PYDANTIC_PLUGINS] = preset
    code = f"import os, qbr_studio.ui.app; print(repr(os.environ.get({PYDANTIC_PLUGINS!r})))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == repr(expected)


def test_no_garbage_is_collected_until_the_review_is_shown(qtbot, review_path, monkeypatch):
    import gc

    monkeypatch.setattr(dialogs, "ask_save_changes", lambda *_: dialogs.DISCARD)
    assert gc.isenabled()
    window = start(review_path)
    qtbot.addWidget(window)
    when_shown: list[bool] = []
    window.shown.connect(lambda: when_shown.append(gc.isenabled()))  # after the pause's slot
    assert not gc.isenabled(), "paused from the start"
    with qtbot.waitSignal(window.shown, timeout=20_000):
        pass
    assert when_shown == [True], "on again as soon as the review is shown"


def test_the_collector_is_back_on_even_if_the_review_is_never_shown(qtbot, monkeypatch):
    import gc

    from PySide6.QtCore import QObject, Signal

    from qbr_studio.ui import startup_gc

    class Never(QObject):
        shown = Signal()

    monkeypatch.setattr(startup_gc, "LONGEST_PAUSE_MS", 50)
    never = Never()
    startup_gc.pause_until(never.shown)
    assert not gc.isenabled()
    qtbot.waitUntil(gc.isenabled, timeout=2_000)
    gc.disable()  # someone else's pause is theirs to end
    try:
        startup_gc.pause_until(never.shown)
        never.shown.emit()
        qtbot.wait(100)
        assert not gc.isenabled()
    finally:
        gc.enable()


SHOWN_IMPORTS = """
import sys
from pathlib import Path
from qbr_studio.ui.app import create_app, start
app = create_app(sys.argv[:1])
window = start(Path(sys.argv[1]))
def shown():
    print(sorted(name for name in sys.modules if name.split(".")[0] == "pptx")[:3], flush=True)
    app.quit()
window.shown.connect(shown)
app.exec()
"""


def test_a_kept_template_description_shows_the_review_without_python_pptx(review_path, tmp_path):
    env = {
        **os.environ,
        "QBR_STUDIO_STATE_DIR": str(tmp_path / "state"),
        "QBR_STUDIO_CONFIG_DIR": str(tmp_path / "config"),
        "QT_QPA_PLATFORM": "offscreen",
    }

    def pptx_at_shown() -> str:
        run = [sys.executable, "-c", SHOWN_IMPORTS, str(review_path)]
        out = subprocess.run(run, env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout.strip()

    assert pptx_at_shown() != "[]", "the first start describes the template, with python-pptx"
    assert pptx_at_shown() == "[]", "the next one reads the kept description: no python-pptx"
