"""Date cells: partial ISO dates with their precision, how each was read, financial years and quarters (pure)."""

import datetime as dt

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from graph.dates import active, period_end
from graph.settings import SettingError, fy_start
from loaders.dates import DateError, DateRead, financial_year, parse_date, read_date


@pytest.mark.parametrize(
    ("cell", "iso", "ambiguous"),
    [
        ("2020", "2020", False),
        ("Mar 2020", "2020-03", False),
        ("March 2020", "2020-03", False),
        ("2020-03", "2020-03", False),
        ("03/2020", "2020-03", False),
        ("15/03/2020", "2020-03-15", False),
        ("2020-03-15", "2020-03-15", False),
        ("15 March 2020", "2020-03-15", False),
        ("March 15, 2020", "2020-03-15", False),
        ("1st July 2022", "2022-07-01", False),
        ("03/04/2021", "2021-04-03", True),
        ("04/04/2021", "2021-04-04", False),
        ("12/13/2020", "2020-12-13", False),
        ("15/03/20", "2020-03-15", False),
        (dt.datetime(2021, 5, 1), "2021-05-01", False),
        ("", None, False),
        (float("nan"), None, False),
    ],
)
def test_parse_date_keeps_precision(cell, iso, ambiguous):
    assert parse_date(cell) == (iso, ambiguous)


def test_month_first_swaps_ambiguous_dates():
    assert parse_date("03/04/2021", month_first=True) == ("2021-03-04", True)


@pytest.mark.parametrize("cell", ["31/02/2020", "next year", "2020-13", "0999", "FY2023-25", "Q5 2021", "FY 3000-01"])
def test_bad_dates_raise(cell):
    with pytest.raises(DateError):
        read_date(cell)


def test_a_year_and_month_past_twelve_suggests_the_financial_year():
    with pytest.raises(DateError, match="write a financial year as FY2023-24"):
        read_date("2023-24")


@pytest.mark.parametrize(
    ("cell", "how"),
    [
        ("2020-03-15", ""),
        ("2020", ""),
        (dt.date(2020, 3, 15), ""),
        ("Mar 2020", "month"),
        ("2020/03", "month"),
        ("2020-3-15", "day"),
        ("2020-03-15 10:30", "day; time of day dropped"),
        (dt.datetime(2020, 3, 15, 10, 30), "day; time of day dropped"),
        ("15/03/2020", "day first, as 15 cannot be a month"),
        ("12/13/2020", "month first, as 13 cannot be a month"),
        ("03/04/2021", "day first"),
        ("15/03/20", "day first, as 15 cannot be a month; 20 read as 2020"),
        ("15 March 2020", "day"),
    ],
)
def test_every_reading_says_how_unless_the_cell_was_iso(cell, how):
    assert read_date(cell).how == how


@pytest.mark.parametrize(
    ("cell", "start", "end", "first", "last"),
    [
        ("FY2023-24", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),
        ("FY 2023/24", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),
        ("2023-24 FY", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),
        ("fy2023-2024", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),
        ("FY23-24", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),
        ("FY2023–24", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),  # Excel's en dash
        ("FY24", "2023-07", "2024-06", "2023-07-01", "2024-06-30"),  # one year: the one it ends in
        ("Financial year 2099-00", "2099-07", "2100-06", "2099-07-01", "2100-06-30"),
        ("Q3 2021", "2021-07", "2021-09", "2021-07-01", "2021-09-30"),
        ("2021 Q3", "2021-07", "2021-09", "2021-07-01", "2021-09-30"),
        ("2021-Q3", "2021-07", "2021-09", "2021-07-01", "2021-09-30"),
        ("q1/2020", "2020-01", "2020-03", "2020-01-01", "2020-03-31"),
        ("Q4 2020", "2020-10", "2020-12", "2020-10-01", "2020-12-31"),
        ("Q1 FY2023-24", "2023-07", "2023-09", "2023-07-01", "2023-09-30"),
        ("Q3 FY2023-24", "2024-01", "2024-03", "2024-01-01", "2024-03-31"),
    ],
)
def test_financial_years_and_quarters_are_periods(cell, start, end, first, last):
    found = read_date(cell)
    assert (found.start, found.end, found.period) == (start, end, True)
    assert found.how.endswith(f"{first} to {last}")
    assert found.how.startswith("quarter" if "q" in cell.lower() else "financial year")


@pytest.mark.parametrize(
    ("written", "start", "cell", "expected"),
    [
        ("", (7, 1), "FY2023-24", ("2023-07", "2024-06")),
        ("7", (7, 1), "FY2023-24", ("2023-07", "2024-06")),
        ("Jul", (7, 1), "FY2023-24", ("2023-07", "2024-06")),
        ("april", (4, 1), "FY2023-24", ("2023-04", "2024-03")),
        ("10", (10, 1), "FY24", ("2023-10", "2024-09")),  # the US federal year ends in the year it is named for
        ("04-06", (4, 6), "FY2023/24", ("2023-04-06", "2024-04-05")),  # the UK tax year keeps days
        ("01-01", (1, 1), "FY2024", ("2024", "2024")),  # calendar financial years are plain years
        ("1", (1, 1), "Q2 FY2024", ("2024-04", "2024-06")),
        ("04-06", (4, 6), "Q4 FY2023-24", ("2024-01-06", "2024-04-05")),
    ],
)
def test_the_financial_year_start_is_configurable(monkeypatch, written, start, cell, expected):
    monkeypatch.setenv("SGE_FY_START", written)
    assert fy_start() == start
    found = read_date(cell, fy_start=fy_start())
    assert (found.start, found.end) == expected


@pytest.mark.parametrize("written", ["13", "0", "02-30", "July 1st", "2023-07-01", "x"])
def test_a_bad_financial_year_start_is_a_setting_error(monkeypatch, written):
    monkeypatch.setenv("SGE_FY_START", written)
    with pytest.raises(SettingError, match="SGE_FY_START"):
        fy_start()


def test_two_years_make_no_financial_year_when_years_are_calendar_years():
    with pytest.raises(DateError, match="calendar years"):
        financial_year("FY2023-24", (1, 1))


def test_a_quarter_of_a_calendar_year_ignores_the_financial_year_start():
    assert read_date("Q3 2021", fy_start=(4, 6)) == read_date("Q3 2021")


# -- properties ---------------------------------------------------------------------------------------------------
days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2998, 12, 31))


@given(days)
def test_any_iso_date_round_trips_at_every_precision(day):
    for iso in (day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]):
        assert read_date(iso) == DateRead(iso, iso)


@given(days, st.sampled_from(["%d/%m/%Y", "%d %B %Y", "%B %d, %Y", "%d-%b-%Y", "%Y/%m/%d"]))
def test_any_day_written_day_first_or_in_words_reads_as_that_day(day, layout):
    found = read_date(day.strftime(layout))
    assert (found.start, found.end) == (day.isoformat(), day.isoformat()) and found.how


def _assert_period_holds_exactly(found: DateRead, first: dt.date, last: dt.date, inside: dt.date) -> None:
    """The period counts (as since = start, until = end) on its first, last and an inner day, and not beyond."""
    for day in (first, last, inside):
        assert active(found.start, found.end, day.isoformat()), (found, day)
    for day in (first - dt.timedelta(days=1), last + dt.timedelta(days=1)):
        assert not active(found.start, found.end, day.isoformat()), (found, day)
    assert period_end(found.end) == last
    assert found.how.endswith(f"{first.isoformat()} to {last.isoformat()}")


@settings(max_examples=300)
@given(
    st.integers(1001, 2997),
    st.integers(1, 4),
    st.sampled_from(["Q{q} {y}", "{y} Q{q}", "{y}-Q{q}", "q{q}/{y}"]),
    st.integers(0, 89),
)
def test_a_quarter_holds_exactly_its_days(year, quarter, layout, offset):
    found = read_date(layout.format(q=quarter, y=year))
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1) - dt.timedelta(days=1)
    _assert_period_holds_exactly(found, first, last, min(first + dt.timedelta(days=offset), last))


@settings(max_examples=300)
@given(
    st.integers(1001, 2997),
    st.integers(1, 12),
    st.integers(1, 28),
    st.sampled_from(["FY{y}-{n2}", "FY {y}/{n2}", "{y}-{n2} FY", "FY{y}-{n}", "FY{n}"]),
    st.integers(0, 364),
)
def test_a_financial_year_holds_exactly_its_days(year, month, day, layout, offset):
    assume((month, day) != (1, 1))  # calendar financial years are written with one year: see above
    found = read_date(layout.format(y=year, n=year + 1, n2=f"{(year + 1) % 100:02d}"), fy_start=(month, day))
    first = dt.date(year, month, day)
    last = dt.date(year + 1, month, day) - dt.timedelta(days=1)
    _assert_period_holds_exactly(found, first, last, first + dt.timedelta(days=offset))
