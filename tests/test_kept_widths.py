"""Text widths kept on disk between processes (qbr_studio.deck.kept_widths)."""

from __future__ import annotations

import json
import os

import pytest
from PIL import ImageFont

from qbr_studio.deck import fit, kept_widths
from qbr_studio.deck.fit import FontFace, text_width, wrap
from qbr_studio.paths import state_dir

TEXTS = ["Renewal risk", "Quarterly business review", "Net revenue retention 112%", "é ü ß"]


def _no_windows_left() -> None:
    """Windows of earlier test modules still draw thumbnails in idle time (measuring text):
    gone, as in a new process. Nothing to do where Qt was never started."""
    import sys

    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()


@pytest.fixture(autouse=True)
def _fresh_process():
    """Each test starts as a new process would: nothing measured, nothing opened."""
    _no_windows_left()
    fit._units.cache_clear()
    kept_widths._opened.clear()
    yield
    fit._units.cache_clear()
    kept_widths._opened.clear()


def _measure() -> list[float]:
    widths = [text_width(t, 14) for t in TEXTS]
    widths += [text_width(t, 11, FontFace(bold=True)) for t in TEXTS]
    return [*widths, len(wrap(" ".join(TEXTS * 3), 12, 90))]


def _new_process() -> None:
    fit._units.cache_clear()
    kept_widths._opened.clear()


def _entries() -> list:
    folder = state_dir() / kept_widths.FOLDER
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _no_freetype(monkeypatch) -> None:
    def refuse(self, text, *args, **kwargs):
        raise AssertionError(f"measured {text!r} again")

    monkeypatch.setattr(ImageFont.FreeTypeFont, "getlength", refuse)


def test_a_later_process_reads_the_widths_back_exactly(monkeypatch):
    measured = _measure()
    kept_widths.keep_measured()
    assert _entries()
    _new_process()
    _no_freetype(monkeypatch)
    assert _measure() == measured


def test_nothing_is_kept_until_a_one_shot_command_asks():
    _measure()
    assert _entries() == []


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: body.replace(b'"widths"', b'"width"'),
        lambda body: body[: len(body) // 2],
        lambda body: body.replace(b".", b".1", 1),
        lambda body: b"\xff" + body,
    ],
)
def test_a_damaged_entry_is_measured_again(damage):
    measured = _measure()
    kept_widths.keep_measured()
    for entry in _entries():
        entry.write_bytes(damage(entry.read_bytes()))
    _new_process()
    calls = []
    real = ImageFont.FreeTypeFont.getlength

    def counting(self, text, *args, **kwargs):
        calls.append(text)
        return real(self, text, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ImageFont.FreeTypeFont, "getlength", counting)
        assert _measure() == measured
    assert calls


def test_a_width_changed_on_disk_is_not_trusted():
    _measure()
    kept_widths.keep_measured()
    path = FontFace().file.path
    engine = fit._font(path).layout_engine
    key = kept_widths.widths_of(path, fit._MEASURE_SIZE, engine).key
    entry = state_dir() / kept_widths.FOLDER / f"{key}.json"
    body = json.loads(entry.read_bytes())
    assert kept_widths._read(entry, key) == body["widths"]
    text = next(iter(body["widths"]))
    body["widths"][text] += 1.0  # the digest no longer matches
    entry.write_text(json.dumps(body))
    assert kept_widths._read(entry, key) == {}
    assert kept_widths._read(entry, "another key") == {}


def test_a_changed_font_file_is_measured_again(tmp_path, monkeypatch):
    font = tmp_path / "face.ttf"
    font.write_bytes(fit.FontFace().file.path.read_bytes())
    first = kept_widths.widths_of(font, 1000, 1)
    first.remember("x", 1.0)
    kept_widths.keep_measured()
    assert kept_widths.widths_of(font, 1000, 1).known == {"x": 1.0}
    os.utime(font, ns=(1, 1))
    assert kept_widths.widths_of(font, 1000, 1).known == {}
    assert kept_widths.widths_of(font, 500, 1).known == {}


def test_widths_are_bounded(monkeypatch):
    monkeypatch.setattr(kept_widths, "MAX_TEXTS", 3)
    widths = kept_widths.widths_of(fit.FontFace().file.path, 1000, 1)
    for text in "abcdef":
        widths.remember(text, 1.0)
    assert list(widths.known) == ["a", "b", "c"]


def test_only_the_newest_files_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_widths, "MAX_FILES", 2)
    for n in range(4):
        font = tmp_path / f"f{n}.ttf"
        font.write_bytes(b"not a font")
        os.utime(font, ns=(n, n))
        kept_widths.widths_of(font, 1000, 1).remember("x", float(n))
        kept_widths.keep_measured()
    assert len(_entries()) == 2


def test_an_unwritable_state_folder_only_costs_speed(monkeypatch, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(blocked))
    measured = _measure()
    kept_widths.keep_measured()  # no error
    _new_process()
    assert _measure() == measured
