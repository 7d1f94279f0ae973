"""A team's settings from the environment: its default home set, the markings of its exports (and the notice on
sample data), today's date, the first day of its financial year, its time zone, the sites it counts as mirrors or
aggregators, and who is making changes."""

from __future__ import annotations

import datetime as dt
import getpass
import os
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_FY_START = (7, 1)  # 1 July: the Australian financial year
DEFAULT_TIMEZONE = "Australia/Canberra"
DEFAULT_MARKINGS = ("OFFICIAL", "OFFICIAL: Sensitive")
#: What every export made while the graph holds sample data (entities tagged ``sample``) says, on every page.
SAMPLE_NOTICE = "SAMPLE / DEMONSTRATION DATA — compiled from public sources, not an official record"
# Sites that copy or collect what others published: a fact resting only on one is flagged in packs.
DEFAULT_AGGREGATORS = (
    "web.archive.org",
    "archive.org",
    "archive.ph",
    "archive.today",
    "wikipedia.org",
    "fdocuments.us",
    "ininet.org",
    "scribd.com",
)


class SettingError(ValueError):
    """An environment setting that cannot be read; the message names the variable and what it accepts."""


def home_filter() -> str:
    """The default home set, as a filter line (``SGE_HOME``; an Australian team's agencies by default)."""
    return os.environ.get("SGE_HOME", "kind:Agency country:AUS")


def marking() -> str:
    """Classification or dissemination marking for exports (``SGE_MARKING``, default ``OFFICIAL``)."""
    return os.environ.get("SGE_MARKING", "").strip() or "OFFICIAL"


def markings() -> tuple[str, ...]:
    """The markings a user may choose for exports: ``SGE_MARKING`` first (the default), then ``SGE_MARKINGS``
    (comma-separated; default ``OFFICIAL`` and ``OFFICIAL: Sensitive``), each once."""
    written = os.environ.get("SGE_MARKINGS")
    listed = DEFAULT_MARKINGS if written is None else tuple(m.strip() for m in written.split(","))
    return tuple(dict.fromkeys(m for m in (marking(), *listed) if m))


def user(name: str | None = None) -> str:
    """Who makes a change: `name` if given, else ``SGE_USER``, else the operating-system user.

    There is no sign-in yet: the command line takes ``--by``, and the app records changes as ``SGE_USER`` (or the OS
    user that runs it).
    """
    if name:
        return name
    configured = os.environ.get("SGE_USER", "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def today() -> dt.date:
    """The date analyses read "today" as: ``SGE_TODAY`` (YYYY-MM-DD) when set, for reproducible runs and tests."""
    pinned = os.environ.get("SGE_TODAY", "").strip()
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()


def fy_start() -> tuple[int, int]:
    """``(month, day)`` a financial year starts on: ``SGE_FY_START``, default 1 July (the Australian year).

    Accepts a month number (``7``), a month name (``Jul``, ``July``) or month and day as in an ISO date
    (``07-01`` is 1 July, ``04-06`` is 6 April).

    Raises
    ------
    SettingError
        When the value is none of those.
    """
    written = os.environ.get("SGE_FY_START", "").strip()
    if not written:
        return DEFAULT_FY_START
    names = {dt.date(2000, m, 1).strftime(f).lower(): m for m in range(1, 13) for f in ("%b", "%B")}
    month, day = names.get(written.lower()), 1
    if month is None and (m := re.fullmatch(r"(\d{1,2})(?:-(\d{1,2}))?", written)):
        month, day = int(m[1]), int(m[2] or 1)
    try:
        dt.date(2001, month or 0, day)  # 2001: no 29 February, which would start a year only now and then
    except ValueError:
        raise SettingError(
            f"SGE_FY_START={written!r} is not a month (7, Jul) or month-day (07-01 for 1 July)"
        ) from None
    assert month is not None
    return month, day


def timezone() -> ZoneInfo:
    """The zone times are shown in: ``SGE_TIMEZONE`` (an IANA name), default Australia/Canberra.

    Raises
    ------
    SettingError
        When the name is not a known time zone.
    """
    name = os.environ.get("SGE_TIMEZONE", "").strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingError(f"SGE_TIMEZONE={name!r} is not a time zone (for example Australia/Canberra)") from None


def aggregator_domains() -> tuple[str, ...]:
    """Domains counted as mirrors or aggregators: ``SGE_AGGREGATOR_DOMAINS`` (comma-separated), else a default list."""
    written = os.environ.get("SGE_AGGREGATOR_DOMAINS")
    if written is None:
        return DEFAULT_AGGREGATORS
    return tuple(d.strip().lower().removeprefix("www.") for d in written.split(",") if d.strip())


def aggregator(source: str) -> str | None:
    """The mirror or aggregator domain `source` (a URL) is on, or None: ``en.wikipedia.org`` counts as
    ``wikipedia.org``."""
    m = re.match(r"https?://([^/:?#]+)", source.strip(), re.IGNORECASE)
    if not m:
        return None
    host = m[1].lower().removeprefix("www.")
    return next((d for d in aggregator_domains() if host == d or host.endswith("." + d)), None)
