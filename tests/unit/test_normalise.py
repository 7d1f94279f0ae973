"""Cell-level normalisation: text, lists, ids (pure, no database); dates are in test_dates.py."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise import clean, slug, split_list


def test_clean_trims_and_normalises_line_endings():
    assert clean("  a\r\nb\u00a0 ") == "a\nb"
    assert clean(float("nan")) == ""
    assert clean(3.0) == "3"
    assert clean(None) == ""


class _Text(str):
    """A str subclass (as a reader may give), which takes `clean`'s general path, not its fast path for text."""


@given(st.text(alphabet=st.sampled_from(["a", " ", "\r", "\n", "\u00a0", "\t", "é", "\u2003"]) | st.characters()))
def test_clean_of_text_is_the_same_by_its_fast_path_and_its_general_one(text):
    assert clean(text) == clean(_Text(text))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.5, "2.5"),
        (7, "7"),
        (dt.date(2024, 3, 1), "2024-03-01"),
        (dt.datetime(2024, 3, 1, 9, 30), "2024-03-01T09:30:00"),
    ],
)
def test_clean_of_other_values(value, expected):
    assert clean(value) == expected


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
