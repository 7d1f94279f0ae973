"""Compare validated rows with the database, then write only what changes, in one transaction.

Stored values are merged with the new rows by `loaders.combine.merge_props`; a stored note or description that a
row replaces with a different text is reported, with the stored text (`loaders.combine.replaced_text`).

The same transaction keeps what the load replaced, so that `loaders.undo` can revert it exactly: before each batch
is written, the entities and links it will write are read again (in the transaction, so nothing that changed since
the plan is missed), and the batch's **before-state** becomes one ``:LoadUndo`` node, ``{load_id, part, rows}``:
``rows`` is JSON, one item per row, ``{"id"}`` for an entity the load creates, ``{"id", "labels", "props"}`` for one
it updates, ``{"type", "source", "target", "key"}`` for a link it creates and the same with ``"props"`` for one it
updates.  One node per batch of `BATCH` rows keeps each record bounded however large the load (a 100,000-row load
writes about 100 of them); the load's record says how many there are (``undo_parts``).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import neo4j

from graph.model import BOOKKEEPING
from graph.settings import user
from loaders.combine import merge_props, replaced_text
from loaders.model import EntityRow, LoadReport, Problem
from loaders.validate import Validated
from queries import cypher, read
from queries.connection import database

BATCH = 1000  # rows a query writes, and rows of before-state one :LoadUndo node holds


@dataclass
class Plan:
    """Rows that change the graph, with their merged properties, the counts per status, and what to report."""

    entities: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    entity_counts: dict[str, Counter] = field(default_factory=dict)
    link_counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # stored notes and descriptions replaced
    created: list[EntityRow] = field(default_factory=list)  # entities with new ids


def _status(old: dict | None, new: dict) -> tuple[str, dict]:
    """``created``, ``updated`` or ``unchanged``, and the properties to write."""
    if old is None:
        return "created", new
    merged = merge_props(old, new)
    facts = {k: v for k, v in old.items() if k not in BOOKKEEPING}
    return ("unchanged" if {k: v for k, v in merged.items() if k not in BOOKKEEPING} == facts else "updated"), merged


def plan(driver: neo4j.Driver, validated: Validated) -> Plan:
    """Decide, row by row, what a load would create, update or leave unchanged, and which stored texts it replaces."""
    result = Plan()
    existing = {r["id"]: r for r in read(driver, "entities_by_id", ids=[e.id for e in validated.entities])}
    for row in validated.entities:
        old = existing.get(row.id)
        status, props = _status(old and old["props"], row.props)
        if status == "unchanged" and old is not None and old["kinds"] != [row.kind]:
            status = "updated"
        result.problems += replaced_text(row, old and old["props"])
        result.entity_counts.setdefault(row.kind, Counter())[status] += 1
        if status == "created":
            result.created.append(row)
        if status != "unchanged":
            drop = [kind for kind in (old["kinds"] if old else []) if kind != row.kind]
            result.entities.append(
                {"id": row.id, "kind": row.kind, "drop": drop, "props": props, "loaded_from": row.loaded_from}
            )
    keys = [{"key": link.key, "source": link.source, "target": link.target} for link in validated.links]
    existing = {r["key"]: r["props"] for r in read(driver, "links_by_key", rows=keys)}
    for link in validated.links:
        status, props = _status(existing.get(link.key), link.props)
        result.problems += replaced_text(link, existing.get(link.key))
        result.link_counts.setdefault(link.type, Counter())[status] += 1
        if status != "unchanged":
            result.links.append(
                {
                    "type": link.type,
                    "source": link.source,
                    "target": link.target,
                    "key": link.key,
                    "props": props,
                    "loaded_from": link.loaded_from,
                }
            )
    return result


def _before(tx: neo4j.ManagedTransaction, name: str, batch: list[dict], seen: set[str]) -> list[dict]:
    """What the rows of `batch` will replace, read in the write transaction (rows seen in an earlier batch left out)."""
    if name == "write_entities":
        found = {
            r["id"]: {"labels": r["labels"], "props": r["props"]}
            for r in tx.run(cypher("entity_nodes"), ids=[r["id"] for r in batch]).data()
        }
        rows = [{"id": r["id"], **found.get(r["id"], {})} for r in batch]
    else:
        keys = [{"key": r["key"], "source": r["source"], "target": r["target"]} for r in batch]
        found = {r["key"]: {"props": r["props"]} for r in tx.run(cypher("links_by_key"), rows=keys).data()}
        rows = [{**{k: r[k] for k in ("type", "source", "target", "key")}, **found.get(r["key"], {})} for r in batch]
    kept = []
    for row in rows:
        mark = row.get("key") or row["id"]  # a link's key names its type and ends
        if mark not in seen:  # a second row for the same entity or link: the first one's before-state is the one
            seen.add(mark)
            kept.append(row)
    return kept


def write(
    driver: neo4j.Driver,
    planned: Plan,
    report: LoadReport,
    progress: Callable[[int], object] | None = None,
    *,
    by: str | None = None,
) -> str:
    """Write the planned rows, what they replace and a record of the load, all in one transaction.

    Parameters
    ----------
    by : str, optional
        Who loads (default ``SGE_USER``, else the OS user).

    Returns
    -------
    str
        The id of the load record.  A stored value that JSON cannot hold (a NaN, a date written by hand in
        Neo4j's own type) leaves the load without its before-state: it is written, and its undo is refused
        with the reason (``undo_note``).
    """
    load_id = str(uuid.uuid4())
    loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def work(tx: neo4j.ManagedTransaction) -> None:
        parts: int | None = 0
        note = None
        for name, rows in (("write_entities", planned.entities), ("write_links", planned.links)):
            seen: set[str] = set()
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                before = _before(tx, name, batch, seen) if parts is not None else []
                tx.run(cypher(name), rows=batch, load_id=load_id, loaded_at=loaded_at).consume()
                if parts is not None:
                    try:
                        text = json.dumps(before, sort_keys=True, allow_nan=False)
                    except (TypeError, ValueError) as exc:
                        note = f"a value it replaced cannot be kept as JSON ({exc})"
                        tx.run(cypher("delete_load_parts"), load_id=load_id).consume()
                        parts = None
                    else:
                        tx.run(cypher("record_load_part"), load_id=load_id, part=parts, rows=text).consume()
                        parts += 1
                if progress:
                    progress(len(batch))
        tx.run(
            cypher("record_load"),
            id=load_id,
            at=loaded_at,
            by=user(by),
            files=report.files,
            summary=json.dumps(report.as_dict()),
            problems=[str(p) for p in report.problems[:500]],
            parts=parts,
            note=note,
        ).consume()

    with driver.session(database=database()) as session:
        session.execute_write(work)
    return load_id
