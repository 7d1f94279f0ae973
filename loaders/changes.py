"""Change records: every load, merge and undo is a ``(:Change)`` node in Neo4j.

A change has an ``id``, a ``seq`` (its place in the order of changes, from one
counter node, so that "later" never depends on clock seconds), ``kind``
(``load``, ``merge``, ``undo``), ``by``, ``at`` (UTC ISO), a one-line ``what``
(with ids, for the command line), a ``title`` (the same with names only, for
pages), ``counts`` (JSON), the ``entities`` it touched, and for a merge
``undo``: the JSON before-state that reverts it exactly.  Loads are recorded by
``queries/open_load.cypher`` and ``close_load.cypher`` (``:Load:Change``); their counts are in
``summary``, and their before-state is in ``:LoadUndo`` nodes, one per written
batch (see `loaders.write`).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import neo4j

from graph.settings import user as configured_user
from queries import cypher, read
from queries.connection import database
from queries.schema import ensure_schema

T = TypeVar("T")


class Refused(Exception):
    """A merge or undo that would not be exact or safe; the message is one line for the user."""


CHANGE_KINDS = ("load", "edit", "merge", "delete", "undo")
LISTED_UNDO = ("edit", "merge", "delete")  # undone from a list of changes (a load, from the list of loads)


def now() -> str:
    """The current UTC time as ISO text, to the second (as loads record it)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def user(name: str | None = None) -> str:
    """`name`, else ``SGE_USER``, else the operating-system user (there is no sign-in yet)."""
    return configured_user(name)


@dataclass
class Change:
    """One change before it is recorded."""

    kind: str
    by: str
    what: str = ""
    title: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    entities: list[str] = field(default_factory=list)
    undo: dict | None = None
    undoes: str | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    at: str = field(default_factory=now)


def run(tx: neo4j.ManagedTransaction, name: str, **params: Any) -> list[dict]:
    """Run query `name` in the caller's transaction and return its rows."""
    return tx.run(cypher(name), **params).data()


def run_all(tx: neo4j.ManagedTransaction, name: str, rows: list[dict], column: str, **params: Any) -> None:
    """Run the batch query `name` on `rows` (and `params`); unless it acted on every row, fail (so the transaction
    rolls back)."""
    if rows:
        done = run(tx, name, rows=rows, **params)[0][column]
        if done != len(rows):
            raise Refused(f"the graph is not as expected ({name}: {done} of {len(rows)} rows); nothing was written")


def record(tx: neo4j.ManagedTransaction, change: Change) -> int:
    """Write `change` in the caller's transaction; returns its sequence number."""
    row = tx.run(
        cypher("record_change"),
        id=change.id,
        kind=change.kind,
        at=change.at,
        by=change.by,
        what=change.what,
        title=change.title or change.what,
        counts=json.dumps(change.counts),
        entities=sorted(set(change.entities)),
        undo=json.dumps(change.undo, sort_keys=True) if change.undo is not None else None,
        undoes=change.undoes,
    ).single()
    assert row is not None
    return row["seq"]


def find(tx: neo4j.ManagedTransaction, change_id: str) -> dict:
    """The change with id `change_id`, or the one change whose id starts with it."""
    rows = tx.run(cypher("change_by_id"), id=change_id).data() if change_id else []
    exact = [r for r in rows if r["id"] == change_id]
    if exact or len(rows) == 1:
        return (exact or rows)[0]
    if not rows:
        raise Refused(f"no change with id {change_id!r}; see python -m loaders history")
    raise Refused(f"{change_id!r} is the start of {len(rows)} change ids; give more of it")


def standing_after(tx: neo4j.ManagedTransaction, seq: int, ids: list[str]) -> list[dict]:
    """Changes after `seq` that touched any of `ids` and still stand (undone changes and undos left out)."""
    return tx.run(cypher("changes_after"), seq=seq, ids=ids).data()


def words(counts: dict[str, int]) -> str:
    """``{"links moved": 3, "conflicts": 0}`` as ``links moved: 3`` (zeros left out)."""
    return ", ".join(f"{what}: {n}" for what, n in counts.items() if n) or "nothing to change"


def counts_text(row: dict) -> str:
    """A change's counts in words: from ``counts`` (merges, undos) or a load's ``summary``."""
    if row.get("counts"):
        return words(json.loads(row["counts"]))
    summary = json.loads(row.get("summary") or "{}")
    parts = []
    for group in ("entities", "links"):
        totals = {s: sum(c.get(s, 0) for c in summary.get(group, {}).values()) for s in ("created", "updated")}
        said = ", ".join(f"{n} {s}" for s, n in totals.items() if n)
        if said:
            parts.append(f"{group} {said}")
    findings = summary.get("findings") or {}
    if said := ", ".join(f"{findings[s]} {s}" for s in ("created", "updated") if findings.get(s)):
        parts.append(f"findings {said}")
    return "; ".join(parts) or "nothing changed"


def history(
    driver: neo4j.Driver,
    entity: str | None = None,
    limit: int = 20,
    kinds: list[str] | None = None,
    *,
    by: str | None = None,
    skip: int = 0,
) -> list[dict]:
    """Changes newest first (only those that touched `entity`, of `kinds`, and made by someone whose name contains
    `by`, if given), from the `skip`-th on, with ``counts`` in words.

    Each row has ``title``: what the change did with names only (its ``what`` for records older than titles).
    """
    rows = read(driver, "change_history", entity=entity, limit=limit, kinds=kinds, by=by or None, skip=skip)
    for row in rows:
        row["what"] = row["what"] or "loaded " + ", ".join(row.pop("files") or [])
        row.pop("files", None)
        row["title"] = row["title"] or row["what"]
        row["counts"] = counts_text(row)
    return rows


def format_history(rows: list[dict]) -> str:
    """One line per change: id, when, who, kind, what, counts (and what undid it)."""
    if not rows:
        return "No changes recorded."
    lines = []
    for row in rows:
        line = f"{row['id']}  {row['at']}  {row['by']}  {row['kind']}  {row['what']} ({row['counts']})"
        if row.get("undone_by"):
            line += f" [undone by {row['undone_by']}]"
        lines.append(line)
    return "\n".join(lines)


def in_transaction(driver: neo4j.Driver, work: Callable[[neo4j.ManagedTransaction], T], *, dry_run: bool) -> T:
    """`work` in one transaction: a read one for a dry run, else a write one (schema first), all or nothing."""
    if not dry_run:
        ensure_schema(driver)
    with driver.session(database=database()) as session:
        return session.execute_read(work) if dry_run else session.execute_write(work)
