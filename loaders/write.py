"""Compare validated rows with the database, then write only what changes, in one transaction.

Stored values are merged with the new rows by `loaders.combine.merge_props`; a stored note or description that a
row replaces with a different text is reported, with the stored text (`loaders.combine.replaced_text`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import neo4j

from graph.model import BOOKKEEPING
from loaders.combine import merge_props, replaced_text
from loaders.model import LoadReport, Problem
from loaders.validate import Validated
from queries import cypher, read
from queries.connection import database

BATCH = 1000


@dataclass
class Plan:
    """Rows that change the graph, with their merged properties, the counts per status, and what to report."""

    entities: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    entity_counts: dict[str, Counter] = field(default_factory=dict)
    link_counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # stored notes and descriptions replaced


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


def write(
    driver: neo4j.Driver, planned: Plan, report: LoadReport, progress: Callable[[int], object] | None = None
) -> str:
    """Write the planned rows and a record of the load, all in one transaction.

    Returns
    -------
    str
        The id of the load record.
    """
    load_id = str(uuid.uuid4())
    loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

    def work(tx: neo4j.ManagedTransaction) -> None:
        for name, rows in (("write_entities", planned.entities), ("write_links", planned.links)):
            for start in range(0, len(rows), BATCH):
                batch = rows[start : start + BATCH]
                tx.run(cypher(name), rows=batch, load_id=load_id, loaded_at=loaded_at).consume()
                if progress:
                    progress(len(batch))
        tx.run(
            cypher("record_load"),
            id=load_id,
            at=loaded_at,
            by=getpass.getuser(),
            files=report.files,
            summary=json.dumps(report.as_dict()),
            problems=[str(p) for p in report.problems[:500]],
        ).consume()

    with driver.session(database=database()) as session:
        session.execute_write(work)
    return load_id
