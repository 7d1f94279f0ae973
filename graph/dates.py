"""Partial ISO dates ("2020", "2020-03", "2020-03-15") and the rule for when a link counts.

A period written in the data (a financial year ``FY2023-24``, a quarter ``Q3 2021``) arrives as two partial
dates: its start in ``since`` and its end in ``until`` (``2023-07`` and ``2024-06``; see `loaders.dates`), so
`active` counts the link on every day of the period and on none outside it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import Any

from graph.settings import timezone

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


@functools.lru_cache(maxsize=65_536)  # a few thousand dates, asked tens of thousands of times per analysis
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


def local_time(when: dt.datetime | str | None = None) -> str:
    """A time in the team's zone, with the zone named: ``2 December 2026, 04:09 AEDT (Australia/Canberra)``."""
    zone = timezone()
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    moment = (when or dt.datetime.now(dt.UTC)).astimezone(zone)
    return f"{moment.day} {moment:%B %Y, %H:%M %Z} ({zone.key})"


def local_date(when: Any) -> str:
    """The day of a stored time (ISO text or a datetime) in the team's zone, as ``2 December 2026``."""
    try:
        moment = dt.datetime.fromisoformat(str(when).replace("Z", "+00:00"))
    except ValueError:
        return str(when or "?")[:10]
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone())
    return f"{moment.day} {moment:%B %Y}"


def local_moment(when: Any) -> str:
    """A stored time (ISO text or a datetime) in the team's zone, short, for tables: ``2 Dec 2026, 04:09``; blank
    for none, the text itself when it is not a time."""
    if not when:
        return ""
    try:
        moment = when if isinstance(when, dt.datetime) else dt.datetime.fromisoformat(str(when).replace("Z", "+00:00"))
    except ValueError:
        return str(when)
    if moment.tzinfo is not None:
        moment = moment.astimezone(timezone())
    return f"{moment.day} {moment:%b %Y, %H:%M}"
