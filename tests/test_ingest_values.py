"""Value parsers: examples as people write them, and properties over many generated values."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qbr_studio.ingest.columns import name_score, normalise
from qbr_studio.ingest.join import AccountDirectory, core
from qbr_studio.ingest.values import (
    Hints,
    ParseError,
    ValueType,
    date_from_text,
    health_from,
    number_from_text,
    parse_column,
    serial_to_date,
    severity_from,
    to_text,
)
from qbr_studio.model import Health, OpportunityKind, Sentiment

# ----------------------------------------------------------------------------- examples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USD 120,000.00", 120_000.0),
        ("$1.2M", 1_200_000.0),
        ("€ 1.200,50", 1200.5),
        ("85k", 85_000.0),
        ("85,5", 85.5),
        ("1 234 567", 1_234_567.0),
        ("1\u00a0234,5", 1234.5),
        ("CHF 1'250.00", 1250.0),
        ("(1,000)", -1000.0),
        ("-42", -42.0),
        ("3.5 bn", 3.5e9),
        ("0.5", 0.5),
        (".5", 0.5),
    ],
)
def test_numbers_as_people_write_them(text, expected):
    assert number_from_text(text)[0] == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3.4.5", "12-34", "1.2.3,4,5", "$", "1e999999"])
def test_not_numbers(text):
    with pytest.raises(ParseError):
        number_from_text(text)


def test_percent_is_flagged():
    assert number_from_text("85%") == (85.0, True)
    parsed = parse_column(["85%", "0.4", "12.5 %"], "percent")
    assert parsed.values == [0.85, 0.4, 0.125]


def test_percent_column_of_whole_numbers():
    parsed = parse_column([85, 40, 100], "percent")
    assert parsed.values == [0.85, 0.40, 1.0]
    assert parsed.notes


def test_a_percentage_is_not_an_amount():
    parsed = parse_column(["85%"], "money")
    assert parsed.errors == [(0, "85%", "is a percentage, not an amount")]


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2026-12-31", None, dt.date(2026, 12, 31)),
        ("2026-12-31T23:59:00Z", None, dt.date(2026, 12, 31)),
        ("2026/12/31", None, dt.date(2026, 12, 31)),
        ("31/12/2026", None, dt.date(2026, 12, 31)),
        ("12/31/2026", None, dt.date(2026, 12, 31)),
        ("03/04/2026", None, dt.date(2026, 3, 4)),
        ("03/04/2026", True, dt.date(2026, 4, 3)),
        ("03.04.2026", None, dt.date(2026, 4, 3)),
        ("3/4/26 10:15 AM", False, dt.date(2026, 3, 4)),
        ("3-Mar-2026", None, dt.date(2026, 3, 3)),
        ("March 3, 2026", None, dt.date(2026, 3, 3)),
        ("Tue, 3 Mar 2026", None, dt.date(2026, 3, 3)),
        ("1st March 2026", None, dt.date(2026, 3, 1)),
        ("Mar 2026", None, dt.date(2026, 3, 1)),
        ("2026-03", None, dt.date(2026, 3, 1)),
        ("03/2026", None, dt.date(2026, 3, 1)),
        ("3 mars 2026", None, dt.date(2026, 3, 3)),
        ("20260303", None, dt.date(2026, 3, 3)),
        ("46084", None, dt.date(2026, 3, 3)),
    ],
)
def test_dates_as_people_write_them(text, day_first, expected):
    assert date_from_text(text, day_first) == expected


@pytest.mark.parametrize(
    "text", ["31/02/2026", "2026-13-01", "Q3", "soon", "32.01.2026", "Smarch 2026"]
)
def test_not_dates(text):
    with pytest.raises(ParseError, match="is not a date"):
        date_from_text(text)


def test_excel_serials_and_date_cells():
    parsed = parse_column(
        [46084, 46084.75, dt.datetime(2026, 3, 3, 18), dt.date(2026, 3, 3), ""], "date"
    )
    assert parsed.values == [dt.date(2026, 3, 3)] * 4 + [None]
    assert parsed.blank == 1


def test_month_column():
    parsed = parse_column([dt.date(2026, 3, 17), "Apr 2026", "2026-05-31"], "month")
    assert parsed.values == [dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 5, 1)]


def test_date_order_decided_per_column():
    day_first = parse_column(["01/02/2026", "25/02/2026"], "date")
    assert day_first.values == [dt.date(2026, 2, 1), dt.date(2026, 2, 25)]
    month_first = parse_column(["01/02/2026", "02/25/2026"], "date")
    assert month_first.values == [dt.date(2026, 1, 2), dt.date(2026, 2, 25)]
    hinted = parse_column(["01/02/2026"], "date", Hints(decimal_comma=True))
    assert hinted.values == [dt.date(2026, 2, 1)]
    assert "day-first" in hinted.notes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Green", Health.GREEN),
        ("GREEN", Health.GREEN),
        ("g", Health.GREEN),
        ("yellow", Health.YELLOW),
        ("Amber", Health.YELLOW),
        ("At Risk", Health.YELLOW),
        ("red", Health.RED),
        ("Red - churn risk", Health.RED),
        ("🔴", Health.RED),
        (85, Health.GREEN),
        ("55", Health.YELLOW),
        (12.0, Health.RED),
        ("45", Health.RED),  # the app's one band (model.health_band): red below 50
        (50, Health.YELLOW),
    ],
)
def test_health(text, expected):
    assert health_from(text) is expected


@pytest.mark.parametrize("text", ["reduced", "purple", "120"])
def test_not_health(text):
    with pytest.raises(ParseError):
        health_from(text)


def test_words_columns():
    assert parse_column(["Upsell", "Renewal - FY27", "cross sell"], "opp_kind").values == [
        OpportunityKind.EXPANSION,
        OpportunityKind.RENEWAL,
        OpportunityKind.CROSS_SELL,
    ]
    assert parse_column(["Promoter", "blocker", "", "n/a"], "sentiment").values == [
        Sentiment.CHAMPION,
        Sentiment.DETRACTOR,
        None,
        None,
    ]
    assert parse_column(["P1", "Sev 2", "High", "low", "4", 3, "P0"], "severity").values == [
        1, 2, 2, 4, 4, 3, 1,
    ]  # fmt: skip
    assert parse_column(["Low", "med", "HIGH risk"], "risk").values[2].value == "high"


def test_list_and_text():
    assert parse_column(["Analytics; Workflow | Mobile", "A, B", "1,000"], "list").values == [
        ["Analytics", "Workflow", "Mobile"],
        ["A", "B"],
        ["1,000"],
    ]
    assert parse_column([120000.0, 1.5, True, dt.date(2026, 1, 2), "  x  "], "text").values == [
        "120000",
        "1.5",
        "TRUE",
        "2026-01-02",
        "x",
    ]


def test_counts():
    parsed = parse_column([1.0, 2.0, "3", "4.5", -1.0, "1,234"], "count")
    assert parsed.values == [1, 2, 3, None, None, 1234]
    assert [e[2] for e in parsed.errors] == ["is not a whole number", "is negative"]


def test_scores():
    parsed = parse_column([0, 10, "9", 11, 7.5], "score")
    assert parsed.values == [0, 10, 9, None, None]


def test_header_normalisation_and_scores():
    assert normalise("Contract End-Date") == "contract end date"
    assert normalise("# of Seats") == "number of seats"
    assert name_score("ACV (converted)", "accounts", "arr") == 1.0
    assert name_score("Renewal Date (Contract)", "accounts", "renewal_date") == 1.0
    assert name_score("Acount Name", "accounts", "account") >= 0.8
    assert name_score("Industry", "accounts", "arr") == 0.0


def test_account_names_compare_without_legal_forms():
    assert core("The Contoso Group Ltd.") == "contoso"
    assert core("Contoso, Inc") == core("CONTOSO LIMITED")
    directory = AccountDirectory()
    a = directory.add("Site 12 Holdings")
    directory.add("Contoso Ltd")
    assert directory.resolve("Site 13 Holdings") == (None, "")
    assert directory.resolve("Contosso Ltd")[0] == "contoso"
    assert directory.resolve("site 12")[0] == a


# --------------------------------------------------------------------------- properties

amounts = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)
days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31))


@given(amounts)
def test_us_formatted_amounts_round_trip(value):
    for text in (f"{value:,.2f}", f"${value:,.2f}", f"USD {value:,.2f}", f"{value:.2f}"):
        assert number_from_text(text)[0] == pytest.approx(round(value, 2), rel=1e-12, abs=0.006)


@given(amounts)
def test_european_formatted_amounts_round_trip(value):
    us = f"{value:,.2f}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    got = number_from_text(f"€ {eu}", decimal_comma=True)[0]
    assert got == pytest.approx(round(value, 2), rel=1e-12, abs=0.006)


@given(st.integers(min_value=0, max_value=10**12))
def test_whole_numbers_with_thousands_separators(value):
    assert number_from_text(f"{value:,}")[0] == value
    assert parse_column([f"{value:,}"], "count").values == [value]


@given(days)
def test_iso_dates_round_trip(day):
    assert date_from_text(day.isoformat()) == day


@given(days, st.booleans())
def test_slashed_dates_round_trip_with_the_column_order(day, day_first):
    text = day.strftime("%d/%m/%Y" if day_first else "%m/%d/%Y")
    assert date_from_text(text, day_first) == day
    assert parse_column([text], "date", Hints(day_first=day_first)).values == [day]


@given(days, st.sampled_from(["%d %b %Y", "%d-%b-%Y", "%B %d, %Y", "%d.%m.%Y", "%Y%m%d"]))
def test_written_out_dates_round_trip(day, fmt):
    assert date_from_text(day.strftime(fmt)) == day


@given(st.dates(min_value=dt.date(1927, 6, 1), max_value=dt.date(2200, 12, 31)))
def test_excel_serials_round_trip(day):
    serial = (day - dt.date(1899, 12, 30)).days
    assert serial_to_date(serial) == day
    assert parse_column([serial], "date").values == [day]


@given(st.sampled_from(["green", "yellow", "red", "amber"]), st.data())
def test_health_words_in_any_case(word, data):
    flips = data.draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
    text = "".join(c.upper() if f else c for c, f in zip(word, flips, strict=True))
    assert health_from(f"  {text} ") is health_from(word)


@given(st.integers(min_value=1, max_value=4), st.sampled_from(["P{}", "Sev {}", "S{}", "{}"]))
def test_severity_codes(level, pattern):
    assert severity_from(pattern.format(level)) == level


@settings(max_examples=300)
@given(
    st.sampled_from(list(ValueType)),
    st.lists(
        st.one_of(
            st.text(max_size=20),
            st.integers(min_value=-(10**15), max_value=10**15),
            st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(),
            st.dates(),
            st.just(""),
        ),
        max_size=30,
    ),
)
def test_parse_column_never_raises(vtype, raw):
    parsed = parse_column(raw, vtype)
    assert len(parsed.values) == len(raw)
    for index, _value, message in parsed.errors:
        assert parsed.values[index] is None
        assert message.startswith("is ")
    assert 0 <= parsed.blank <= len(raw)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_whole_floats_show_without_decimals(value):
    assert to_text(float(value)) == str(value)


def test_every_field_has_a_value_type_with_a_parser():
    from qbr_studio.ingest.fields import KIND_SPECS

    used = {f.vtype for spec in KIND_SPECS.values() for f in spec.fields}
    assert all(isinstance(v, ValueType) for v in used)
    for vtype in ValueType:
        parse_column(["", "x"], vtype)  # a parser for each: no KeyError
    with pytest.raises(ValueError):
        parse_column(["x"], "flags")  # a misspelt type is not read as anything
