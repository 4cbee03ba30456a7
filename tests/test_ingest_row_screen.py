"""The key-column screen for blank, note, totals and example rows gives the same answer on
its fast path (a column of plain ids screened by one regex pass) as value by value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.ingest.tables import _flagged, _suspicious

_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", "  ", "Total", "Grand Total", "EVT0001", "ACCT-17", "(example) Acme",
                     "Note: figures in USD", "event_id", "a\nb", "Acme 1 Inc", "S_9", "Q4 Total",
                     "2026 Total"]),
    st.from_regex(r"[A-Z]{0,4}\d{1,6}", fullmatch=True),
    st.text(max_size=12),
)  # fmt: skip


def _one_by_one(values, header):
    return {
        v for v in values if v == "" or v is None or (isinstance(v, str) and _suspicious(v, header))
    }


@settings(max_examples=300, deadline=None)
@given(values=st.lists(_CELLS, max_size=30), header=st.sampled_from(["event_id", "Account", "E1"]))
def test_the_fast_screen_flags_what_the_value_by_value_screen_flags(values, header):
    distinct = dict.fromkeys(values)
    assert _flagged(distinct, header) == _one_by_one(distinct, header)
