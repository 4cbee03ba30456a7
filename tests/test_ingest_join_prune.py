"""The account join's near-spelling search prunes its candidates with rapidfuzz before difflib
compares them, without changing what joins: the pruning rests on a bound checked here, and a
runner-up close enough to make a join ambiguous is never pruned away."""

from __future__ import annotations

from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from qbr_studio.ingest.join import FUZZY_MARGIN, FUZZY_MIN, PRUNE_BELOW, AccountDirectory

names = st.text(alphabet="abcdeilmnorst ", min_size=5, max_size=40)


@settings(max_examples=400, deadline=None)
@given(names, names)
def test_rapidfuzz_ratio_is_never_below_difflibs(other, key):
    """What PRUNE_BELOW relies on: difflib's ratio (as the join computes it, seq1 = the
    candidate) is at most rapidfuzz's, so a pruned candidate scores below it in difflib too."""
    matcher = SequenceMatcher(None, other, key, autojunk=False)
    assert matcher.ratio() * 100 <= fuzz.ratio(other, key) + 1e-9


def test_pruning_keeps_every_candidate_that_can_matter():
    assert PRUNE_BELOW < (FUZZY_MIN - FUZZY_MARGIN) * 100


def test_a_close_runner_up_still_makes_a_near_spelling_ambiguous():
    """A runner-up below FUZZY_MIN (87%) but within FUZZY_MARGIN of the best (90%) makes the
    join refuse to choose; pruning at FUZZY_MIN would have joined the best by mistake."""
    directory = AccountDirectory()
    best = directory.add("Harbourview Logistocs Pxrtnurs")  # 3 letters off: 90% alike
    assert directory.resolve("Harbourview Logistics Partners")[0] == best
    directory.add("Harbourview Lxgistocs Pxrtnurs")  # 4 letters off: 87% alike
    assert directory.resolve("Harbourview Logistics Partners") == (None, "")
