"""The analysis gives exactly the results recorded from the code before its whole-book passes
(``tests/reference/analytics_digests.txt``): every score, driver and sentence, view, signal,
renewal risk, revenue figure, pattern, since-last figure and account view, on 200 random books
(missing drivers, accounts without usage, tickets, NPS or engagement, renewals, overrides,
carried-forward reviews, team-pack weights and windows) and the sample review.

A change meant to change a result re-records the digests (``recorded()``) and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from analytics_books import SEEDS, digest, sample_digest

RECORDED = Path(__file__).parent / "reference" / "analytics_digests.txt"


def _recorded() -> dict[str, str]:
    lines = RECORDED.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


def test_every_recorded_case_is_checked():
    assert set(_recorded()) == {str(s) for s in range(SEEDS)} | {"sample", "sample carried"}


@pytest.mark.parametrize("chunk", range(4))
def test_random_books_give_the_recorded_results(chunk):
    recorded = _recorded()
    for seed in range(chunk, SEEDS, 4):
        assert digest(seed) == recorded[str(seed)], f"book of seed {seed}"


@pytest.mark.parametrize("carried", [False, True])
def test_the_sample_review_gives_the_recorded_results(carried):
    name = "sample carried" if carried else "sample"
    assert sample_digest(carried) == _recorded()[name]
