"""fontconfig asked in this process answers exactly as ``fc-match`` does, and where its library
doesn't load, ``fc-match`` is asked as before."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from qbr_studio.deck import font_files, fontconfig
from qbr_studio.deck.font_files import FC_FORMAT

PATTERNS = (
    "Calibri",
    "Carlito:bold",
    "Carlito:bold:italic",
    "DejaVu Serif:italic",
    "Liberation Sans Narrow",
    "Frobnicate Grotesk",
    "Brand: X",
    "",
)

needs_both = pytest.mark.skipif(
    not (shutil.which("fc-match") and fontconfig.available()),
    reason="needs fontconfig's fc-match and library",
)


def _fc_match(pattern: str) -> str | None:
    done = subprocess.run(
        ["fc-match", "-f", FC_FORMAT, pattern], capture_output=True, text=True, check=False
    )
    return done.stdout if done.returncode == 0 else None


@needs_both
@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_library_answers_as_fc_match(pattern):
    assert fontconfig.match(pattern, FC_FORMAT) == _fc_match(pattern)


@needs_both
def test_without_the_library_fc_match_is_asked_with_the_same_result(monkeypatch):
    queries = (("Carlito", True, False), ("Frobnicate Grotesk", False, False))
    font_files._fc_match.cache_clear()
    try:
        in_process = [font_files._fc_match(*query) for query in queries]
        font_files._fc_match.cache_clear()
        monkeypatch.setattr(fontconfig, "available", lambda: False)
        assert [font_files._fc_match(*query) for query in queries] == in_process
    finally:
        font_files._fc_match.cache_clear()
    assert in_process[0] is not None and in_process[1] is None  # the second: a substitution


def test_no_library_means_no_answer(monkeypatch):
    monkeypatch.setattr(fontconfig, "_library", lambda: None)
    assert not fontconfig.available()
    assert fontconfig.match("Carlito", FC_FORMAT) is None
