"""A table's cells tidied and read column by column, each distinct text of a column worked out once.

A large load repeats its values down a column (types, dates, levels, the names links point at, blanks), and the
check reads every cell three ways: as written (for exact duplicate rows), tidied (`loaders.fixes.tidy_cell`) and
as text once tidied (`loaders.normalise.clean`).  Asking a column's answers by value, a slice of rows at a time,
does in C what a loop over cells did in Python (the check of 1,100,000 rows took 115 s, most of it per cell).

Cells that a fix changes are worked out every time, so each row reports its own fixes; so are cells over the
longest a cell may be (the check refuses them) and values other than text.  At most `keep` values of a column
are kept, so a column of distinct values (URLs, notes) does not hold a second copy of the file.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TypeVar

from loaders.fixes import tidy_cell
from loaders.normalise import clean

ABSENT = object()  # a short row's missing cell: not a blank cell, for exact duplicates
SLICE = 10_000  # rows a column is read for at a time: bounds the columns' memory
_AS_WRITTEN, _READ = itemgetter(0), itemgetter(2)

_Item = TypeVar("_Item", bound=tuple)  # (header, ...)
Answer = tuple  # (clean(value) or None when absent, tidied, clean(tidied), fixes as (code, message, change))


@dataclass
class Row:
    """One row's cells as `TableTidier.rows` gives them.

    Attributes
    ----------
    number : int
        The row's number in its file.
    raw, cells : dict
        The cells as read, and tidied (the same dict when tidying changed nothing).
    signature : tuple
        The cells as written once cleaned, one per column (None where the row has no cell): equal for exact
        duplicates.
    read : tuple
        The tidied cells of the columns asked for, as text (blank where absent).
    fixes : list
        ``(header, code, message, change)`` for every fix, in the row's cell order.
    too_long : list
        Headers of cells over the longest a cell may be, in the row's cell order.
    """

    number: int
    raw: dict
    cells: dict
    signature: tuple
    read: tuple
    fixes: list
    too_long: list


class TableTidier:
    """Tidy and read the cells of one table's rows (see the module's docstring).

    Parameters
    ----------
    fields : dict
        Header -> canonical field, as for `loaders.fixes.tidy`.
    longest : int
        Characters beyond which a cell is named in a row's `Row.too_long`.
    keep : int
        Values a column remembers at most.
    slice_rows : int
        Rows a column is read for at a time.
    """

    def __init__(self, fields: dict[str, str], longest: int, keep: int = 100_000, slice_rows: int = SLICE):
        self.fields, self.longest, self.keep, self.slice_rows = fields, longest, keep, slice_rows
        self.seen: dict[str, dict] = {}

    def answer(self, header: str, value: object) -> Answer:
        """``(as written, tidied, read, fixes)`` for one cell, remembered when another cell may ask again."""
        if value is ABSENT:
            return None, ABSENT, "", ()
        if not isinstance(value, str):  # numbers and dates from workbooks: `tidy` keeps them
            cleaned = clean(value)
            return cleaned, value, cleaned, ()
        tidied, fixes = tidy_cell(value, self.fields.get(header))
        if fixes:
            return clean(value), tidied, clean(tidied), fixes
        found = (value, value, value, ())  # tidying changes a cell only with a fix: so it is clean as written too
        column = self.seen.setdefault(header, {})
        if len(column) < self.keep and len(value) <= self.longest:
            column[value] = found
        return found

    def rows(
        self, rows: Sequence[tuple[int, dict]], headers: Sequence[str], asked: Sequence[str], skip: str
    ) -> Iterator[Row]:
        """Each of `rows` tidied, with `asked` headers read as text, the cell under header `skip` (the reader's
        cells without a header) left out of all but `Row.cells` and `Row.raw`."""
        for start in range(0, len(rows), self.slice_rows):
            yield from self._slice(rows[start : start + self.slice_rows], headers, asked, skip)

    def _slice(
        self, rows: Sequence[tuple[int, dict]], headers: Sequence[str], asked: Sequence[str], skip: str
    ) -> Iterator[Row]:
        cells = [c for _, c in rows]
        keys = list(dict.fromkeys([*headers, *set().union(*cells)]))  # a row may have cells its table's headers lack
        keys = [k for k in keys if k != skip]
        changed: dict[int, dict[str, object]] = {}  # row index -> tidied cells that differ from the raw ones
        fixes: dict[int, list[tuple[str, tuple]]] = {}
        too_long: dict[int, list[str]] = {}
        answers: dict[str, list] = {}
        for header in keys:
            column = [c.get(header, ABSENT) for c in cells]
            known = self.seen.setdefault(header, {})
            try:
                found = list(map(known.get, column))
            except TypeError:  # a value that cannot be a key (an object in a JSON cell)
                found = [None] * len(column)
            if None in found:
                for i in [i for i, answer in enumerate(found) if answer is None]:
                    value = column[i]
                    try:
                        answer = known.get(value)  # worked out for an earlier row of this slice
                    except TypeError:
                        answer = None
                    if answer is None:
                        answer = self.answer(header, value)
                        if answer[3]:
                            fixes.setdefault(i, []).append((header, answer[3]))
                        if isinstance(value, str) and len(value) > self.longest:
                            too_long.setdefault(i, []).append(header)
                        if answer[1] is not value and answer[1] != value:
                            changed.setdefault(i, {})[header] = answer[1]
                    found[i] = answer
            answers[header] = found
        blank = [""] * len(cells)
        signatures = zip(*[map(_AS_WRITTEN, answers[k]) for k in keys], strict=True) if keys else [()] * len(cells)
        read = (
            zip(*[map(_READ, answers[h]) if h in answers else blank for h in asked], strict=True)
            if asked
            else [()] * len(cells)
        )
        for i, ((number, raw), signature, asked_read) in enumerate(zip(rows, signatures, read, strict=True)):
            tidied = raw
            if i in changed:
                tidied = dict(raw)
                tidied.update(changed[i])
            notes = [(h, *fix) for h, made in _in_row_order(fixes[i], raw) for fix in made] if i in fixes else []
            long_cells = [h for h, _ in _in_row_order([(h, None) for h in too_long[i]], raw)] if i in too_long else []
            yield Row(number, raw, tidied, signature, asked_read, notes, long_cells)


def _in_row_order(items: list[_Item], raw: dict) -> list[_Item]:
    """`items` by header in the order of the row's own cells (a JSON item's keys need not follow the headers)."""
    if len(items) < 2:
        return items
    order = {header: i for i, header in enumerate(raw)}
    return sorted(items, key=lambda item: order[item[0]])
