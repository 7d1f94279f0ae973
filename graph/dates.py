"""Partial ISO dates ("2020", "2020-03", "2020-03-15") and the rule for when a link counts.

A period written in the data (a financial year ``FY2023-24``, a quarter ``Q3 2021``) arrives as two partial
dates: its start in ``since`` and its end in ``until`` (``2023-07`` and ``2024-06``; see `loaders.dates`), so
`active` counts the link on every day of the period and on none outside it.
"""

from __future__ import annotations

import calendar
import datetime as dt

#: The dates the app takes as meant: a URL or command asking for another is refused, a loaded one is warned about
#: (a year like 0001 or 9999 is a typo, and overflows date arithmetic).
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)


def active(since: str | None, until: str | None, on: str | None) -> bool:
    """Whether a link with `since`/`until` counts on date `on` (None: always).

    Blank `since` means an unknown start, blank `until` still open; a partial
    `until` such as ``2022-07`` covers its whole month.
    """
    if on is None:
        return True
    return (not since or since <= on) and (not until or until >= on[: len(until)])


def period_end(partial: str) -> dt.date:
    """The last day a partial date can mean: ``2020`` -> 31 Dec 2020, ``2020-02`` -> 29 Feb 2020."""
    parts = [int(p) for p in partial.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def days_since(partial: str, on: str) -> int:
    """Days from the end of `partial`'s period to `on` (never negative)."""
    return max(0, (dt.date.fromisoformat(on) - period_end(partial)).days)
