"""The import's column-wise shortcuts give what the plain way gives, on varied inputs: a text
column's blanks found in C, an event log's distinct values per account-month, the row screen
skipping an id column's distinct values, and the distinct dates a date column's parser keeps
for later steps."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.ingest.records import _distinct_per_key
from qbr_studio.ingest.tables import _flagged, _plain_id_column
from qbr_studio.ingest.values import BLANK_WORDS, _by_distinct, parse_column, to_text

_TEXTS = st.one_of(
    st.sampled_from([*sorted(BLANK_WORDS), "", " ", " N/A ", "NULL", "u1", " u1", "U1", "İ"]),
    st.text(max_size=9),
)


@settings(max_examples=300, deadline=None)
@given(raw=st.lists(_TEXTS, max_size=30))
def test_a_text_column_parses_as_each_value_would(raw):
    parsed = parse_column(raw, "text")
    plain = _by_distinct(raw, to_text)
    assert parsed.values == plain.values
    assert parsed.any_blank == plain.any_blank
    assert parsed.blank == plain.blank


@settings(max_examples=300, deadline=None)
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 6), st.sampled_from(["a", "b", "c", "A", 1, 1.0, None])),
        max_size=40,
    ),
    flagged=st.booleans(),
    data=st.data(),
)
def test_distinct_values_per_key_are_a_plain_count(rows, flagged, data):
    codes = [code for code, _ in rows]
    values = [value for _, value in rows]
    flags = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    expected: dict[int, set] = {}
    for (code, value), flag in zip(rows, flags, strict=True):
        if flag or not flagged:
            expected.setdefault(code, set()).add(value)
    got = _distinct_per_key(codes, values, flags if flagged else None)
    assert got == {code: len(group) for code, group in expected.items()}


_IDS = st.one_of(
    st.from_regex(r"[A-Za-z_-]{0,4}\d[\w-]{0,6}", fullmatch=True),
    st.sampled_from(["", " ", "Total", "EVT1 note", "a\nb", "event_id", "E1", "EVT\u0661"]),
)


@settings(max_examples=300, deadline=None)
@given(
    column=st.lists(_IDS, min_size=1, max_size=30),
    header=st.sampled_from(["event_id", "E1", "Id"]),
)
def test_an_id_column_is_passed_over_only_when_nothing_in_it_is_flagged(column, header):
    if _plain_id_column(column, header):
        assert _flagged(dict.fromkeys(column), header) == set()
    else:  # not shown plain: the screen looks at its distinct values, as before
        distinct = dict.fromkeys(column)
        assert _flagged(distinct, header) == _flagged(list(distinct), header)


def test_a_column_with_blanks_or_other_types_is_never_passed_over():
    assert not _plain_id_column(["EVT1", None], "event_id")
    assert not _plain_id_column(["EVT1", 2.0], "event_id")
    assert not _plain_id_column(["EVT1", ""], "event_id")
    assert not _plain_id_column(["EVT1", "EVT2"], "E1")  # a header that is itself an id
    assert _plain_id_column(["EVT1", "EVT2", "ACC-9"], "event_id")


@settings(max_examples=100, deadline=None)
@given(
    times=st.lists(
        st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)),
        min_size=1,
        max_size=30,
    )
)
def test_a_datetime_column_keeps_its_distinct_days(times):
    parsed = parse_column(times, "date")
    assert parsed.values == [t.date() for t in times]
    assert parsed.distinct == set(parsed.values)
    month = parse_column(times, "month")
    assert month.values == [t.date().replace(day=1) for t in times]
    assert month.distinct is None or set(month.distinct) == set(month.values)
