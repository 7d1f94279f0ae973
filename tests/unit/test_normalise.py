"""Cell-level normalisation: dates, lists, ids (pure, no database)."""

import datetime as dt

import pytest

from loaders.normalise import DateError, clean, parse_date, slug, split_list


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
    ],
)
def test_parse_date_keeps_precision(cell, iso, ambiguous):
    assert parse_date(cell) == (iso, ambiguous)


def test_month_first_swaps_ambiguous_dates():
    assert parse_date("03/04/2021", month_first=True) == ("2021-03-04", True)


@pytest.mark.parametrize("cell", ["31/02/2020", "next year", "2020-13", "0999"])
def test_bad_dates_raise(cell):
    with pytest.raises(DateError):
        parse_date(cell)


def test_clean_trims_and_normalises_line_endings():
    assert clean("  a\r\nb\u00a0 ") == "a\nb"
    assert clean(float("nan")) == ""
    assert clean(3.0) == "3"
    assert clean(None) == ""


def test_split_list_on_pipes_and_semicolons():
    assert split_list("AFP | Australian Federal Police;AFP") == ["AFP", "Australian Federal Police"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("eSafety Commissioner", "esafety-commissioner"),
        ("Te Tari Taiwhenua – Department of Internal Affairs", "te-tari-taiwhenua-department-of-internal-affairs"),
        ("  Café  (Pacific) ", "cafe-pacific"),
    ],
)
def test_slug(name, expected):
    assert slug(name) == expected
