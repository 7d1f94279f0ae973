"""Take back a load that stopped half-way, batch by batch, so the graph is as it was before it.

`loaders.write` commits a load in batches, each with its before-state (a ``:LoadUndo`` part).  When a batch
fails, the batches before it are taken back at once (`take_back`); when the database itself was lost, the next
load finds the record still ``writing`` with an owner that is gone (`loaders.owner`) and takes it back first
(`take_back_stopped`).  Each part is taken back newest first, in one transaction with the deletion of the part,
so taking back can itself stop and resume.
"""

from __future__ import annotations

import json

import neo4j

from loaders.model import Problem
from loaders.owner import OWNER
from queries import cypher, read
from queries.connection import database

_STEPS = (  # what taking back one part does, in order: links and findings before the entities at their ends
    ("undo_load_delete_findings", "findings", "created"),
    ("undo_load_restore_findings", "findings", "updated"),
    ("undo_load_delete_links", "links", "created"),
    ("undo_load_restore_links", "links", "updated"),
    ("undo_load_restore_entities", "entities", "updated"),
    ("undo_load_delete_entities", "entities", "created"),
)


def part_group(row: dict) -> tuple[str, str]:
    """Where a row of before-state belongs: ``("entities" | "links" | "findings", "created" | "updated")``."""
    group = "findings" if "finding" in row else "links" if "key" in row else "entities"
    return group, "updated" if "props" in row else "created"


def _take_back_part(tx: neo4j.ManagedTransaction, load_id: str, part: dict) -> None:
    rows = json.loads(part["rows"])
    for name, group, status in _STEPS:
        chosen = [r for r in rows if part_group(r) == (group, status)]
        if chosen:
            tx.run(cypher(name), rows=chosen, load_id=load_id).consume()
    tx.run(cypher("delete_load_part"), load_id=load_id, part=part["part"]).consume()


def take_back(driver: neo4j.Driver, load_id: str) -> int:
    """Take back every batch the unfinished load `load_id` wrote, newest first, then drop its record.

    Returns
    -------
    int
        How many batches were taken back.
    """
    parts = read(driver, "load_parts", load_id=load_id)
    with driver.session(database=database()) as session:
        for part in reversed(parts):
            session.execute_write(_take_back_part, load_id, part)
        session.execute_write(lambda tx: tx.run(cypher("delete_load"), load_id=load_id).consume())
    return len(parts)


def take_back_stopped(driver: neo4j.Driver) -> list[Problem]:
    """Take back every load that stopped half-way (its writer is gone); a warning for each, saying so."""
    said = []
    for load in read(driver, "unfinished_loads"):
        if OWNER.alive(load["owner"], load["beat"]):
            continue
        taken = take_back(driver, load["id"])
        said.append(
            Problem(
                "warning",
                ", ".join(load["files"] or []) or "an earlier load",
                None,
                None,
                f"an earlier load of these files ({load['id'][:8]}, {load['at']} by {load['by']}) stopped half-way "
                f"after {taken} batch{'es' if taken != 1 else ''}; they were taken back before this load, so the "
                "graph was as it had been before that load",
            )
        )
    return said
