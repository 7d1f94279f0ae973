"""Likely duplicates read from the database, and pairs remembered as not duplicates (see graph.duplicates)."""

from __future__ import annotations

import datetime as dt

import neo4j

from graph.duplicates import THRESHOLD, likely_duplicates
from graph.roles import Actor, acting, require
from queries import read, write


def not_duplicate_pairs(driver: neo4j.Driver) -> set[frozenset[str]]:
    """Every pair remembered as not a duplicate, as unordered pairs of ids."""
    return {frozenset((row["a"], row["b"])) for row in read(driver, "not_duplicates")}


def duplicate_candidates(driver: neo4j.Driver, *, threshold: float = THRESHOLD) -> list[dict]:
    """Likely duplicates among every entity, remembered pairs included (for a caller that caches, then drops those)."""
    return likely_duplicates(read(driver, "entity_table"), threshold=threshold)


def duplicates(driver: neo4j.Driver, *, threshold: float = THRESHOLD) -> list[dict]:
    """Likely duplicates, strongest first, without the pairs remembered as not duplicates.

    Rows as `graph.duplicates.likely_duplicates` returns them.
    """
    return likely_duplicates(
        read(driver, "entity_table"), not_duplicates=not_duplicate_pairs(driver), threshold=threshold
    )


def remember_not_duplicate(
    driver: neo4j.Driver, a: str, b: str, *, by: str | None = None, actor: Actor | None = None
) -> dict | None:
    """Remember that entities `a` and `b` are not one organisation; saying it twice changes nothing.

    `actor` (default the local user named `by`) must be allowed to merge (`graph.roles.Forbidden`), and is
    kept as the record's ``by``.

    Returns
    -------
    dict or None
        ``{"a", "b", "by", "at", "created"}`` (``created`` False when the
        pair was remembered already, with its first who and when); None when
        either id is not an entity, or both are the same.
    """
    actor = acting(actor, by)
    require(actor, "merge")
    rows = write(
        driver,
        "not_duplicate",
        a=a,
        b=b,
        by=actor.name,
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    return rows[0] if rows else None
