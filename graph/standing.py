"""Where each target stands: one row per target from the reach, single-thread and stale rows, and their counts.

The Gaps page shows these rows as its answer table and counts them for its
tiles, and ``python -m queries run standing`` prints the same rows, so a tile,
a table and a sentence that describe one thing cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable

COUNTS = ("looked_at", "reached", "unreached", "single_threaded", "stale", "never_engaged", "current")


def standing(reach: list[dict], threads: list[dict], staleness: list[dict]) -> list[dict]:
    """One row per target not in the home set, in the order of `reach`.

    Parameters
    ----------
    reach, threads, staleness : list of dict
        Rows of `graph.gaps.reach`, `graph.gaps.single_threads` and
        `graph.gaps.stale` (with ``include_current=True``) for one question.

    Returns
    -------
    list of dict
        ``reach`` (``reached`` or ``unreached``), ``hops``, ``reached_by``,
        ``reached_via`` (the target's units the nearest paths end at),
        ``paths`` (one shortest path in names per nearest home entity),
        ``engagement`` (``current``, ``stale`` or ``never engaged``),
        ``last_engagement``, ``engaged_with``, ``engaged_via``,
        ``days_since``, ``threshold_days``, ``single_thread`` (the kind of the
        first thread, blank when none) and ``threads`` (every reason).
    """
    by_thread = {r["target"]: r for r in threads}
    by_stale = {r["target"]: r for r in staleness}
    rows = []
    for r in reach:
        if r["in_home"]:
            continue
        thread = by_thread.get(r["target"], {})
        last = by_stale.get(r["target"], {})
        rows.append(
            {
                "target": r["target"],
                "target_name": r["target_name"],
                "target_kind": r["target_kind"],
                "priority": r.get("priority"),
                "reach": r["status"],
                "hops": r["hops"],
                "reached_by": r["reached_by"],
                "reached_via": r["via"],
                "paths": r["paths"],
                "engagement": last.get("status", "current"),
                "last_engagement": last.get("last_engagement"),
                "engaged_with": last.get("with") or [],
                "engaged_via": last.get("via") or [],
                "days_since": last.get("days_since"),
                "threshold_days": last.get("threshold_days"),
                "single_thread": thread.get("thread") or "",
                "threads": thread.get("reasons") or [],
            }
        )
    return rows


def counts(rows: Iterable[dict]) -> dict[str, int]:
    """The tiles over `standing` rows: ``looked_at`` and each count, every one a number of those rows.

    ``reached`` plus ``unreached``, and ``stale`` plus ``never_engaged`` plus
    ``current``, make ``looked_at``.
    """
    rows = list(rows)
    return {
        "looked_at": len(rows),
        "reached": sum(r["reach"] == "reached" for r in rows),
        "unreached": sum(r["reach"] == "unreached" for r in rows),
        "single_threaded": sum(bool(r["single_thread"]) for r in rows),
        "stale": sum(r["engagement"] == "stale" for r in rows),
        "never_engaged": sum(r["engagement"] == "never engaged" for r in rows),
        "current": sum(r["engagement"] == "current" for r in rows),
    }


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def sentence(tally: dict[str, int], max_hops: int) -> str:
    """The tiles as one sentence, from the same `counts`: what was looked at and where each target stands."""
    if not tally["looked_at"]:
        return "No target was looked at: every target is in the home set, or the target filter selects nothing."
    links = _n(max_hops, "link", "links")
    return (
        f"Of {_n(tally['looked_at'], 'target', 'targets')} looked at, {tally['reached']} "
        f"{'is' if tally['reached'] == 1 else 'are'} reached within {links} and {tally['unreached']} "
        f"{'is' if tally['unreached'] == 1 else 'are'} not; {_n(tally['single_threaded'], 'hangs', 'hang')} "
        f"by one thread; {tally['current']} engaged within {'its' if tally['current'] == 1 else 'their'} "
        f"threshold, {tally['stale']} stale and {tally['never_engaged']} never engaged."
    )


PRIORITY_RANK = {"high": 0, "medium": 1, "low": 2}


def severity(row: dict) -> int:
    """How many ways a `standing` row falls short: unreached counts 3, never engaged 2, stale or one thread 1."""
    unreached = 3 if row["reach"] == "unreached" else 0
    engagement = {"never engaged": 2, "stale": 1}.get(row["engagement"], 0)
    return unreached + engagement + (1 if row["single_thread"] else 0)


def worst_first(rows: Iterable[dict]) -> list[dict]:
    """`standing` rows, the biggest gaps first: by priority, then `severity`, countries before other kinds (the
    level people ask about), the farthest first, then by name. Rows with no gap keep their place at the end."""

    def key(row: dict) -> tuple:
        return (
            not severity(row),
            PRIORITY_RANK.get(row.get("priority") or "", 3),
            -severity(row),
            row.get("target_kind") != "Country",
            -(row["hops"] or 99),
            row["target_name"],
        )

    return sorted(rows, key=key)


def gap_line(row: dict, max_hops: int) -> str:
    """What is missing for one `standing` row, in words: ``not reached within 3 links; never engaged``."""
    parts = []
    if row["reach"] == "unreached":
        parts.append(f"not reached within {_n(max_hops, 'link', 'links')}")
    if row["single_thread"]:
        parts.append("hangs by one thread: " + (row["threads"][0] if row["threads"] else row["single_thread"]))
    if row["engagement"] == "never engaged":
        parts.append("never engaged")
    elif row["engagement"] == "stale":
        parts.append(f"last engaged {row['days_since']} days ago (threshold {row['threshold_days']})")
    return "; ".join(parts) or "no gap"


def gap_tables(results: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The Gaps page's tables from the analyses' rows (``reach``, ``single_threads``, ``stale`` with every target):
    ``standing`` (worst first), ``unreached``, ``single_threads`` and ``stale`` (not current)."""
    return {
        "standing": worst_first(standing(results["reach"], results["single_threads"], results["stale"])),
        "unreached": [r for r in results["reach"] if r["status"] == "unreached" and not r["in_home"]],
        "single_threads": results["single_threads"],
        "stale": [r for r in results["stale"] if r["status"] != "current"],
    }
