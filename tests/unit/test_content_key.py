"""`views.cached.content_key`: the key of a cache made from rows changes whenever the rows do (pure)."""

import datetime as dt

import pytest

from views.cached import content_key

ROWS = [{"source": "afp", "type": "PARTNERS_WITH", "target": "pif", "since": dt.date(2020, 1, 1), "sources": ["x"]}]


def test_the_same_rows_give_the_same_key():
    copy = [dict(row, sources=list(row["sources"])) for row in ROWS]
    assert content_key(ROWS, ["source"]) == content_key(copy, ["source"])


@pytest.mark.parametrize(
    "changed",
    [
        [dict(ROWS[0], target="afp")],
        [dict(ROWS[0], since=dt.date(2020, 1, 2))],
        [dict(ROWS[0], sources=["x", "y"])],
        [dict(ROWS[0], notes="")],
        ROWS * 2,
        [],
    ],
)
def test_any_change_in_the_rows_changes_the_key(changed):
    assert content_key(changed, ["source"]) != content_key(ROWS, ["source"])


def test_the_other_values_are_part_of_the_key():
    assert content_key(ROWS, ["source"]) != content_key(ROWS, ["source", "notes"])
