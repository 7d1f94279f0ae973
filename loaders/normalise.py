"""Pure cell-level normalisation: text, lists, ids and dates."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

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


class DateError(ValueError):
    """A cell that cannot be read as a date."""


def clean(value) -> str:
    """Cell value as trimmed text; blanks, NaN and None become ``""``."""
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
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    return text.strip()


def split_list(value) -> list[str]:
    """Split a list cell on ``|`` (Kumu's separator) or ``;``, dropping blanks and repeats."""
    items = []
    for part in re.split(r"[|;\n]", clean(value)):
        part = part.strip()
        if part and part not in items:
            items.append(part)
    return items


def slug(text: str) -> str:
    """Stable id from a name: ascii-folded, lower case, ``-`` between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


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


def parse_date(value, *, month_first: bool = False) -> tuple[str | None, bool]:
    """Read a date cell, keeping its precision.

    Parameters
    ----------
    value : str, date or datetime
        The cell: ``2020``, ``Mar 2020``, ``2020-03``, ``15/03/2020``,
        ``2020-03-15``, ``15 March 2020``, ``March 15, 2020`` or a spreadsheet date.
    month_first : bool
        Read ``03/04/2021`` as 4 March rather than 3 April.

    Returns
    -------
    tuple
        ``(iso, ambiguous)``: ``"2020"``, ``"2020-03"`` or ``"2020-03-15"`` (None
        for a blank cell), and whether day and month could have been swapped.

    Raises
    ------
    DateError
        When the cell is not a date.
    """
    if isinstance(value, (dt.date, dt.datetime)):
        return clean(value)[:10], False
    text = clean(value).lower()
    if not text:
        return None, False
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    if m := re.fullmatch(r"(\d{4})", text):
        return _iso(int(m[1])), False
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", text):
        return _iso(int(m[1]), int(m[2])), False
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?", text):
        return _iso(int(m[1]), int(m[2]), int(m[3])), False
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
        return _iso(int(m[2]), int(m[1])), False
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        day, month = (second, first) if month_first else (first, second)
        ambiguous = first <= 12 and second <= 12 and first != second
        if month > 12 and day <= 12:
            day, month, ambiguous = month, day, False
        return _iso(year, month, day), ambiguous
    if m := re.fullmatch(_MONTH + r"[ ,-]*(\d{4})", text):
        return _iso(int(m[2]), MONTHS[m[1]]), False
    if m := re.fullmatch(r"(\d{1,2})[ -]" + _MONTH + r"[ ,-]*(\d{4})", text):
        return _iso(int(m[3]), MONTHS[m[2]], int(m[1])), False
    if m := re.fullmatch(_MONTH + r" (\d{1,2}),? (\d{4})", text):
        return _iso(int(m[3]), MONTHS[m[1]], int(m[2])), False
    raise DateError(f"{clean(value)!r} is not a date (write 2020, Mar 2020, 2020-03 or 15/03/2020)")
