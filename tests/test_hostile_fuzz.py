"""Mutation fuzzing of every reader, a few hundred cases in the test run (tools/fuzz.py runs
thousands and reports cases/s): each mutated .xlsx/.xls/.csv/.qbr/.pptx is read or refused in
one line; nothing else escapes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import fuzz


@pytest.mark.parametrize(
    ("kind", "cases"), [("xlsx", 80), ("xls", 20), ("csv", 80), ("qbr", 80), ("pptx", 60)]
)
def test_mutated_files_are_read_or_refused_in_one_line(tmp_path, monkeypatch, kind, cases):
    monkeypatch.setenv("QBR_STUDIO_CONFIG_DIR", str(tmp_path / "config"))
    tally = fuzz.fuzz(kind, cases, tmp_path, derandomize=True)
    assert tally.failures == []
    assert tally.cases == cases
    assert tally.refused > 0  # the mutations do reach the refusals


def test_superscript_digits_are_not_numbers_anywhere_in_the_column_guesses():
    """Found by the fuzzer: "120¹000" passed str.isdigit() and then float() raised."""
    from qbr_studio.ingest.columns import content_says
    from qbr_studio.ingest.values import ParseError, date_from_text

    assert content_says("score", ["1", "2", "3", "120¹000"]) is False
    with pytest.raises(ParseError):
        date_from_text("²⁰²⁶-01-01")


def test_the_checker_reports_an_escaping_exception(tmp_path, monkeypatch):
    """A reader that raised anything but UserError would be a failure, not a pass."""

    def broken(kind, data, folder):
        raise KeyError("boom")

    monkeypatch.setattr(fuzz, "_read", broken)
    with pytest.raises(AssertionError, match="KeyError"):
        fuzz.check("csv", b"a,b\n", tmp_path)
