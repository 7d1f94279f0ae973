"""Read date cells as partial ISO dates, keeping their precision and saying how each was read.

A cell names a day (``2020-03-15``), a month (``2020-03``), a year (``2020``) or a **period**: a financial year
(``FY2023-24``, ``FY 2023/24``, ``2023-24 FY``, ``FY24``) or a quarter (``Q3 2021``, ``2021 Q3``, ``2021-Q3``,
``Q1 FY2023-24``).  A period has a first and a last day, and both are kept as partial dates of the finest
precision that still says exactly that: ``Q3 2021`` is ``2021-07`` to ``2021-09``, ``FY2023-24`` (starting
1 July) is ``2023-07`` to ``2024-06``; a year starting on another day than the 1st keeps days
(``2023-04-06`` to ``2024-04-05``).  The loader stores a period's start in ``since`` (and ``date``) and its end
in ``until``, so that `graph.dates.active` and the as-of queries (``since <= day``; a partial ``until`` covers
its whole month) count the link over the whole period.

Quarters written with a year alone are calendar quarters; a quarter of a financial year is written with it
(``Q1 FY2023-24`` is July to September 2023).  A financial year written with one year (``FY24``) is the one that
ends in it, as Australian and US usage has it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from graph.settings import DEFAULT_FY_START
from loaders.normalise import clean

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%b").lower(),
        dt.date(2000, number, 1).strftime("%B").lower(),
    )
}
MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_YEAR = r"(\d{4}|\d{2})"
_FY = r"(?:fy|financial year) ?" + _YEAR + r"(?: ?[-/] ?" + _YEAR + ")?|" + r"(\d{4}) ?[-/] ?" + _YEAR + " ?fy"


class DateError(ValueError):
    """A cell that cannot be read as a date."""


@dataclass(frozen=True)
class DateRead:
    """A date cell as read.

    Attributes
    ----------
    start, end : str
        Partial ISO dates (``2020``, ``2020-03``, ``2020-03-15``); the same for a day, month or year, the
        first and last of a period otherwise.
    how : str
        How the cell was read when it was not written as an ISO date (``month``, ``day first``,
        ``financial year 2023-07-01 to 2024-06-30``); blank for ISO dates and spreadsheet dates.
    ambiguous : bool
        Day and month could have been swapped (``03/04/2021``).
    period : bool
        A financial year or quarter: `start` and `end` differ in meaning.
    """

    start: str
    end: str
    how: str = ""
    ambiguous: bool = False
    period: bool = False


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    if not 1000 <= year <= 2999:
        raise DateError(f"year {year} is out of range")
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        raise DateError(f"month {month} does not exist")
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError as exc:
        raise DateError(f"day {day} of month {month} in {year} does not exist") from exc


def _shift(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, kept within the month it lands in (31 Jan + 1 month = 28 or 29 Feb)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _partial(first: dt.date, last: dt.date) -> tuple[str, str]:
    """`first` and `last` as partial dates, as coarse as says exactly the same days."""
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return f"{first.year:04d}", f"{last.year:04d}"
    if first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]:
        return first.isoformat()[:7], last.isoformat()[:7]
    return first.isoformat(), last.isoformat()


def _full_year(digits: str, near: int | None = None) -> int:
    """A year from four digits, or two: ``24`` is 2024, and after `near` the year that follows it."""
    if len(digits) == 4:
        return int(digits)
    if near is None:
        return 2000 + int(digits)
    return near // 100 * 100 + int(digits) + (100 if int(digits) < near % 100 else 0)


def financial_year(text: str, fy_start: tuple[int, int] = DEFAULT_FY_START) -> tuple[dt.date, dt.date]:
    """First and last day of the financial year written in `text` (``FY2023-24``, ``2023/24 FY``, ``FY24``).

    Raises
    ------
    DateError
        When `text` is not a financial year, or its two years are not consecutive, or it names two years
        while financial years are calendar years (``SGE_FY_START=01-01``).
    """
    m = re.fullmatch(_FY, text.strip().lower().replace("–", "-").replace("—", "-"))
    if not m:
        raise DateError(f"{text!r} is not a financial year (write FY2023-24)")
    first, second = (m[1], m[2]) if m[1] else (m[3], m[4])
    month, day = fy_start
    if second is None:  # one year: the financial year that ends in it
        year = _full_year(first)
        start_year = year if (month, day) == (1, 1) else year - 1
    else:
        start_year = _full_year(first)
        if _full_year(second, start_year) != start_year + 1:
            raise DateError(f"{text!r} names {first} and {second}, which are not consecutive years")
        if (month, day) == (1, 1):
            raise DateError(f"{text!r} names two years, but financial years are calendar years here (SGE_FY_START)")
    if not 1000 <= start_year <= 2998:
        raise DateError(f"year {start_year} is out of range")
    start = dt.date(start_year, month, day)
    return start, _shift(start, 12) - dt.timedelta(days=1)


def _period(text: str, fy_start: tuple[int, int]) -> DateRead | None:
    """A financial year or quarter, or None when `text` names neither."""
    text = text.replace("–", "-").replace("—", "-")
    if re.fullmatch(_FY, text):
        first, last, what = *financial_year(text, fy_start), "financial year"
    elif m := re.fullmatch(r"q([1-4]) ?[-/]? ?(" + _FY + ")", text):
        year_start, _ = financial_year(m[2], fy_start)
        first = _shift(year_start, 3 * (int(m[1]) - 1))
        last, what = _shift(first, 3) - dt.timedelta(days=1), f"quarter {m[1]} of a financial year"
    elif m := re.fullmatch(r"q([1-4]) ?[-/]? ?(\d{4})|(\d{4}) ?[-/]? ?q([1-4])", text):
        quarter, year = (int(m[1]), int(m[2])) if m[1] else (int(m[4]), int(m[3]))
        _iso(year)
        first = dt.date(year, 3 * quarter - 2, 1)
        last, what = _shift(first, 3) - dt.timedelta(days=1), "quarter"
    else:
        return None
    start, end = _partial(first, last)
    return DateRead(start, end, f"{what} {first.isoformat()} to {last.isoformat()}", period=True)


def _numeric(m: re.Match, month_first: bool) -> DateRead:
    """``15/03/2020``, ``03/04/21``: day first (or month first), flagged when the two could be swapped."""
    first, second, year = int(m[1]), int(m[2]), int(m[3])
    year += 2000 if year < 100 else 0
    day, month = (second, first) if month_first else (first, second)
    ambiguous = first <= 12 and second <= 12 and first != second
    how = "month first" if month_first else "day first"
    if month > 12 and day <= 12:
        day, month = month, day
        how = f"{'day' if month_first else 'month'} first, as {day} cannot be a month"
    elif not ambiguous:
        how = "day" if first == second else f"{how}, as {max(first, second)} cannot be a month"
    if len(m[3]) == 2:
        how += f"; {m[3]} read as {year}"
    iso = _iso(year, month, day)
    return DateRead(iso, iso, how, ambiguous)


def read_date(value, *, month_first: bool = False, fy_start: tuple[int, int] = DEFAULT_FY_START) -> DateRead | None:
    """Read a date cell, keeping its precision (see the module's docstring).

    Parameters
    ----------
    value : str, date or datetime
        The cell: ``2020``, ``Mar 2020``, ``2020-03``, ``15/03/2020``, ``2020-03-15``, ``15 March 2020``,
        ``March 15, 2020``, ``FY2023-24``, ``Q3 2021`` or a spreadsheet date.
    month_first : bool
        Read ``03/04/2021`` as 4 March rather than 3 April.
    fy_start : tuple
        ``(month, day)`` financial years start on (`graph.settings.fy_start`).

    Returns
    -------
    DateRead or None
        None for a blank cell.

    Raises
    ------
    DateError
        When the cell is not a date.
    """
    if isinstance(value, dt.datetime):
        day = value.date().isoformat()
        return DateRead(day, day, "" if value.time() == dt.time() else "day; time of day dropped")
    if isinstance(value, dt.date):
        return DateRead(value.isoformat(), value.isoformat())
    written = re.sub(r"\s+", " ", clean(value))
    text = written.lower()
    if not text:
        return None
    if (
        (m := re.fullmatch(r"(\d{4}) ?[-/] ?(\d{2})", text))
        and int(m[2]) > 12
        and _full_year(m[2], int(m[1])) == int(m[1]) + 1
    ):
        raise DateError(f"{written!r} has no month {int(m[2])}; write a financial year as FY{m[1]}-{m[2]}")
    if _ISO.fullmatch(text):
        written_iso = _iso(*[int(p) for p in text.split("-")])
        return DateRead(written_iso, written_iso)
    if found := _period(text, fy_start):
        return found
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    iso: str | None = None
    how = ""
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", text):
        iso, how = _iso(int(m[1]), int(m[2])), "month"
    elif m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})([ t]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        iso, how = _iso(int(m[1]), int(m[2]), int(m[3])), "day; time of day dropped" if m[4] else "day"
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
        iso, how = _iso(int(m[2]), int(m[1])), "month"
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text):
        return _numeric(m, month_first)
    elif m := re.fullmatch(_MONTH + r"[ ,-]*(\d{4})", text):
        iso, how = _iso(int(m[2]), MONTHS[m[1]]), "month"
    elif m := re.fullmatch(r"(\d{1,2})[ -]" + _MONTH + r"[ ,-]*(\d{4})", text):
        iso, how = _iso(int(m[3]), MONTHS[m[2]], int(m[1])), "day"
    elif m := re.fullmatch(_MONTH + r" (\d{1,2}),? (\d{4})", text):
        iso, how = _iso(int(m[3]), MONTHS[m[1]], int(m[2])), "day"
    if iso is None:
        raise DateError(f"{written!r} is not a date (write 2020, Mar 2020, 2020-03, 15/03/2020, FY2023-24 or Q3 2021)")
    return DateRead(iso, iso, how)


def parse_date(value, *, month_first: bool = False) -> tuple[str | None, bool]:
    """``(iso, ambiguous)`` for a date cell: `read_date`'s start (None for a blank cell) and its ambiguity flag."""
    found = read_date(value, month_first=month_first)
    return (found.start, found.ambiguous) if found else (None, False)
