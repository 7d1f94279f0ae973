"""Cells tidied column by column (`loaders.columns`) are exactly the cells tidied one by one (`loaders.fixes.tidy`).

The check reads a large load a column at a time; every row must still come out as the cell-by-cell rule has it:
the same tidied cells, the same fixes in the row's own cell order, the same exact duplicates, the same cells too
long.  Hypothesis writes the awkward tables (short rows, JSON items with their keys in another order, blanks,
white space, line breaks, control characters, apostrophes, numbers and objects).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import fixes
from loaders.columns import TableTidier
from loaders.normalise import clean
from loaders.read import EXTRA_CELLS

HEADERS = ["Label", "Aliases", "Notes", "Colour", "Type"]
FIELDS = {"Label": "name", "Aliases": "aliases", "Notes": "notes", "Type": "type"}
LONGEST = 12

text = st.text(alphabet=st.sampled_from(list("ab '=\n\r\t\u00a0\u200b\x00|;")), max_size=16)
value = st.one_of(
    text,
    st.sampled_from(["", " ", "a", "a ", "b", "'=1", "x\ny"]),  # repeats, so the slices remember some values
    st.none(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=False, width=16),
    st.just(dt.date(2020, 3, 1)),
    st.just({"nested": 1}),  # an object in a JSON cell cannot be a key
)


@st.composite
def tables(draw):
    rows = []
    for number in range(2, draw(st.integers(0, 40)) + 2):
        keys = draw(st.permutations(HEADERS))[: draw(st.integers(1, len(HEADERS)))]
        cells = {k: draw(value) for k in keys}
        if draw(st.booleans()) and draw(st.booleans()):
            cells[EXTRA_CELLS] = ["spare"]
        rows.append((number, cells))
    return rows


def _one_by_one(rows):
    for number, cells in rows:
        tidied, found = fixes.tidy("t.csv", number, cells, FIELDS)
        signature = tuple(sorted((k, clean(v)) for k, v in cells.items() if k != EXTRA_CELLS))
        too_long = [h for h, v in cells.items() if h != EXTRA_CELLS and isinstance(v, str) and len(v) > LONGEST]
        read = tuple(clean(tidied.get(h)) for h in HEADERS)
        yield tidied, [(p.column, p.code, p.message, p.change) for p in found], signature, too_long, read


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=tables(), slice_rows=st.integers(1, 7))
def test_column_by_column_is_cell_by_cell(rows, slice_rows):
    got = list(TableTidier(FIELDS, LONGEST, keep=5, slice_rows=slice_rows).rows(rows, HEADERS, HEADERS, EXTRA_CELLS))
    expected = list(_one_by_one(rows))
    assert [r.number for r in got] == [n for n, _ in rows]
    for row, (tidied, found, _, too_long, read) in zip(got, expected, strict=True):
        assert row.cells == tidied
        assert row.fixes == found
        assert row.too_long == too_long
        assert row.read == read
    # Two rows are exact duplicates column by column exactly when they are cell by cell.
    for i, (row, one) in enumerate(zip(got, expected, strict=True)):
        for other, two in zip(got[:i], expected[:i], strict=False):
            assert (row.signature == other.signature) == (one[2] == two[2])


def test_a_row_tidying_changes_nothing_in_is_the_row_as_read():
    rows = [(2, {"Label": "A", "Notes": "n"}), (3, {"Label": " B", "Notes": "n"})]
    first, second = TableTidier(FIELDS, LONGEST).rows(rows, HEADERS, ["Label"], EXTRA_CELLS)
    assert first.cells is rows[0][1]
    assert second.cells == {"Label": "B", "Notes": "n"} and second.cells is not rows[1][1]
    assert [(h, code) for h, code, _, _ in second.fixes] == [("Label", "trimmed")]
    assert (first.read, second.read) == (("A",), ("B",))


def test_a_column_of_distinct_values_is_not_kept_beyond_its_limit():
    rows = [(n, {"Notes": f"note {n}"}) for n in range(2, 30)]
    tidier = TableTidier(FIELDS, 100, keep=10)
    read = [r.read for r in tidier.rows(rows, ["Notes"], ["Notes"], EXTRA_CELLS)]
    assert read == [(f"note {n}",) for n in range(2, 30)]
    assert len(tidier.seen["Notes"]) == 10
