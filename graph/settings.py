"""A team's settings from the environment: its default home set, the marking of its exports, and today's date."""

from __future__ import annotations

import datetime as dt
import os


def home_filter() -> str:
    """The default home set, as a filter line (``SGE_HOME``; an Australian team's agencies by default)."""
    return os.environ.get("SGE_HOME", "kind:Agency country:AUS")


def marking() -> str:
    """Classification or dissemination marking for exports (``SGE_MARKING``, default ``OFFICIAL``)."""
    return os.environ.get("SGE_MARKING", "OFFICIAL")


def today() -> dt.date:
    """The date analyses read "today" as: ``SGE_TODAY`` (YYYY-MM-DD) when set, for reproducible runs and tests."""
    pinned = os.environ.get("SGE_TODAY", "").strip()
    return dt.date.fromisoformat(pinned) if pinned else dt.date.today()
