"""Cell-level normalisation: text, lists, ids (pure, no database); dates are in test_dates.py."""

import pytest

from loaders.normalise import clean, slug, split_list


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
