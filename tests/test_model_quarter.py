"""Quarters are accepted the ways people write them, and stored one way."""

from __future__ import annotations

import pytest

from qbr_studio.model import Meta, parse_quarter


@pytest.mark.parametrize(
    "text", ["2026-Q4", "Q4 2026", "2026 Q4", "Q4/2026", "q4-2026", " 2026q4 ", "2026/Q4"]
)
def test_common_spellings_of_a_quarter_are_read(text):
    assert parse_quarter(text) == (2026, 4)


def test_a_quarter_is_stored_in_one_spelling():
    assert Meta(csm="A", quarter="Q1 2027").quarter == "2027-Q1"


@pytest.mark.parametrize("text", ["Q5 2026", "2026", "Q4", "Q4 26", "2026-Q4-1", "Q 4 2026x"])
def test_what_is_not_a_quarter_is_refused_in_plain_words(text):
    with pytest.raises(ValueError, match='look like "2026-Q4"'):
        parse_quarter(text)
