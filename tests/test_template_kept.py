"""A template's description kept on disk is the very description reading it gives, is used only
while it is valid (same bytes, same code, same font files), and a damaged, foreign or unwritable
cache only costs the time of describing again."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
import template_factory as tf

from qbr_studio.deck import font_files
from qbr_studio.deck.font_files import FontFile, Source, resolve
from qbr_studio.deck.reading import kept_descriptions, template
from qbr_studio.deck.reading.template import default_template_path


@pytest.fixture(autouse=True)
def _forget_embedded():
    font_files._embedded.clear()
    font_files.resolve.cache_clear()
    yield
    font_files._embedded.clear()
    font_files.resolve.cache_clear()


def _no_describing(monkeypatch) -> None:
    def refuse(*_args):
        raise AssertionError("described although a kept description was valid")

    monkeypatch.setattr(template, "_describe", refuse)


def _entry(path: Path) -> Path:
    return kept_descriptions.entry_path(path.read_bytes())


@pytest.mark.parametrize(
    "make", [None, tf.hardest, tf.two_masters, tf.picture_master, tf.potx, tf.verdana]
)
def test_a_kept_description_is_the_one_reading_gives(make, tmp_path, monkeypatch):
    path = default_template_path() if make is None else make(tmp_path)
    fresh = template._load(path)
    assert _entry(path).is_file()
    _no_describing(monkeypatch)
    kept = template._load(path)
    assert pickle.dumps(kept) == pickle.dumps(fresh)  # same values and the same types
    assert kept.path == path


def test_the_same_bytes_under_another_name_share_the_description(tmp_path, monkeypatch):
    first = tf.logo_on_title_layout(tmp_path)
    template._load(first)
    copy = tmp_path / "copy" / "Brand.pptx"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    _no_describing(monkeypatch)
    assert template._load(copy).path == copy


def test_a_damaged_entry_is_described_again(tmp_path, monkeypatch):
    path = tf.decorated(tmp_path)
    fresh = template._load(path)
    _entry(path).write_bytes(b"\x80\x05 not a pickle")
    again = template._load(path)
    assert pickle.dumps(again) == pickle.dumps(fresh)
    _no_describing(monkeypatch)  # and the damaged entry was replaced by a good one
    template._load(path)


def test_an_entry_naming_another_global_is_refused_without_running_it(tmp_path):
    path = tf.decorated(tmp_path)
    fresh = template._load(path)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    _entry(path).write_bytes(pickle.dumps((Evil(), ())))
    assert pickle.dumps(template._load(path)) == pickle.dumps(fresh)
    assert not marker.exists()


def test_an_unwritable_state_folder_only_costs_describing(tmp_path, monkeypatch):
    blocker = tmp_path / "state-is-a-file"
    blocker.write_text("")
    monkeypatch.setenv("QBR_STUDIO_STATE_DIR", str(blocker))
    path = tf.decorated(tmp_path)
    first = template._load(path)
    assert pickle.dumps(template._load(path)) == pickle.dumps(first)


def test_other_font_files_describe_again(tmp_path, monkeypatch):
    path = default_template_path()
    template._load(path)
    real = resolve

    def elsewhere(family: str, bold: bool = False, italic: bool = False) -> FontFile:
        found = real(family, bold, italic)
        return FontFile(found.requested, found.path, found.family, Source.BUNDLED)

    monkeypatch.setattr(kept_descriptions, "resolve", elsewhere)
    assert kept_descriptions.recall(path.read_bytes(), path) is None


def test_changed_code_is_another_entry(tmp_path, monkeypatch):
    path = default_template_path()
    before = _entry(path)
    monkeypatch.setattr(kept_descriptions, "code_fingerprint", lambda: "another version")
    assert _entry(path) != before


MONO = resolve("DejaVu Sans Mono")


@pytest.mark.skipif(MONO.source is not Source.SYSTEM, reason="needs DejaVu Sans Mono")
def test_a_kept_description_registers_the_embedded_fonts_again(tmp_path, monkeypatch):
    family = "Brand Kept"
    path = tf.embedded_font(tmp_path, tf.eot(MONO.path.read_bytes()), family)
    fresh = template._load(path)
    font = next(f for f in fresh.embedded_fonts if f.path is not None and not f.bold)
    font_files._embedded.clear()
    font_files.resolve.cache_clear()
    _no_describing(monkeypatch)
    template._load(path)
    assert resolve(family).path == font.path
    assert resolve(family).source is Source.EMBEDDED


@pytest.mark.skipif(MONO.source is not Source.SYSTEM, reason="needs DejaVu Sans Mono")
def test_a_removed_embedded_font_file_describes_again(tmp_path):
    family = "Brand Gone"
    path = tf.embedded_font(tmp_path, tf.eot(MONO.path.read_bytes()), family)
    fresh = template._load(path)
    font = next(f for f in fresh.embedded_fonts if f.path is not None)
    font.path.unlink()
    assert kept_descriptions.recall(path.read_bytes(), path) is None
    again = template._load(path)  # writes the font's file again
    assert again.embedded_fonts == fresh.embedded_fonts
    assert font.path.is_file()


def test_at_most_max_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(kept_descriptions, "MAX_ENTRIES", 2)
    for make in (tf.decorated, tf.logo_on_title_layout, tf.footer_bar):
        template._load(make(tmp_path))
    folder = _entry(default_template_path()).parent
    assert len(list(folder.glob("*.pickle"))) == 2


def test_a_description_that_cannot_be_pickled_is_described_each_time(tmp_path, monkeypatch):
    path = tf.decorated(tmp_path)

    def refuse(*_args, **_kwargs):
        raise pickle.PicklingError("not today")

    monkeypatch.setattr(kept_descriptions.pickle, "dumps", refuse)
    info = template._load(path)
    assert info.path == path
    assert not _entry(path).exists()


@pytest.mark.parametrize(
    "make", [None, *tf.ALL_BUILDERS], ids=lambda m: getattr(m, "__name__", "bundled")
)
def test_a_kept_description_names_nothing_of_python_pptx(make, tmp_path):
    """So that a start reading it imports no python-pptx: sizes are plain ints."""
    import pickletools

    path = default_template_path() if make is None else make(tmp_path)
    template._load(path)
    names = [
        arg for op, arg, _ in pickletools.genops(_entry(path).read_bytes()) if isinstance(arg, str)
    ]
    assert not [name for name in names if name.startswith("pptx")]


def test_an_entry_of_the_earlier_format_is_not_read(tmp_path, monkeypatch):
    """Format 1 pickled python-pptx's lengths: its entries have another name, described again."""
    path = tf.bundled_copy(tmp_path)
    current = _entry(path)
    kept_descriptions.code_fingerprint.cache_clear()
    monkeypatch.setattr(kept_descriptions, "ENTRY_FORMAT", 1)
    try:
        assert _entry(path) != current
    finally:
        kept_descriptions.code_fingerprint.cache_clear()


def test_the_key_holds_python_pptx_s_version_read_without_importing_it(monkeypatch):
    import importlib.metadata

    import pptx

    kept_descriptions.code_fingerprint.cache_clear()
    seen = kept_descriptions.code_fingerprint()
    monkeypatch.setattr(importlib.metadata, "version", lambda name: f"{name} 0.0.1")
    kept_descriptions.code_fingerprint.cache_clear()
    try:
        assert kept_descriptions.code_fingerprint() != seen, "another python-pptx: another key"
        monkeypatch.undo()
        kept_descriptions.code_fingerprint.cache_clear()
        assert kept_descriptions.code_fingerprint() == seen
        assert importlib.metadata.version("python-pptx") == pptx.__version__
    finally:
        kept_descriptions.code_fingerprint.cache_clear()
