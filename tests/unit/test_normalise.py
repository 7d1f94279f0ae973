"""Cell-level normalisation: text, lists, ids (pure, no database); dates are in test_dates.py."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.normalise import clean, slug, split_list


def test_clean_trims_and_normalises_line_endings():
    assert clean("  a\r\nb\u00a0 ") == "a\nb"
    assert clean(float("nan")) == ""
    assert clean(3.0) == "3"
    assert clean(None) == ""


def _clean_as_written_first(value) -> str:
    """`clean` as it was before its fast path for text: every value through ``str`` and the three replacements."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").strip()


class _Text(str):
    """A str subclass (as a reader may give), which takes the general path."""


@given(st.text(alphabet=st.sampled_from(["a", " ", "\r", "\n", "\u00a0", "\t", "é", "\u2003"]) | st.characters()))
def test_clean_of_text_is_what_it_was_before_its_fast_path(text):
    assert clean(text) == _clean_as_written_first(text)
    assert clean(_Text(text)) == _clean_as_written_first(text)


@pytest.mark.parametrize(
    "value", [None, float("nan"), 3.0, 2.5, 7, True, dt.date(2024, 3, 1), dt.datetime(2024, 3, 1, 9, 30), " x "]
)
def test_clean_of_other_values_is_what_it_was(value):
    assert clean(value) == _clean_as_written_first(value)


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
