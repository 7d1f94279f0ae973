"""Saved sets: a name for a filter line, kept in Neo4j and offered wherever a set is picked (see graph.filters)."""

from __future__ import annotations

import datetime as dt

import neo4j

from graph.roles import Actor, acting, require
from queries import read, write


def saved_sets(driver: neo4j.Driver) -> dict[str, str]:
    """Every saved set's filter line by name."""
    return {row["name"]: row["filter"] for row in read(driver, "saved_sets")}


def save_set(driver: neo4j.Driver, name: str, text: str, *, description: str = "", actor: Actor | None = None) -> None:
    """Save (or replace) the set `name` as the filter line `text`.

    `actor` (default the local user) must be allowed to manage saved sets (`graph.roles.Forbidden`, and nothing is
    written); it is kept as the set's ``saved_by``.
    """
    actor = acting(actor)
    require(actor, "manage")
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    write(driver, "save_set", name=name, filter=text, description=description, saved_at=at, by=actor.name)


def delete_set(driver: neo4j.Driver, name: str, *, actor: Actor | None = None) -> int:
    """Delete the saved set `name`; how many were deleted.  `actor` must be allowed to manage saved sets."""
    require(acting(actor), "manage")
    return write(driver, "delete_set", name=name)[0]["deleted"]
