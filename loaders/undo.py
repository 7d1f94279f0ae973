"""Undo a merge exactly, in one transaction, recorded as a change of its own.

The merge's change record holds the duplicate as it was (labels, properties,
every link) and the kept entity before and after.  The undo refuses unless the
graph is still as the merge left it: no later change that still stands touched
either entity (a change to another entity's links to them names them too), and
the kept entity and every link the merge wrote are unchanged.
"""

from __future__ import annotations

import json

import neo4j

from loaders.changes import Change, Refused, find, record, run, run_all, standing_after, user
from queries.connection import database
from queries.schema import ensure_schema


def _check(tx: neo4j.ManagedTransaction, merge: dict, state: dict) -> None:
    short = merge["id"][:8]
    keep, dup = state["keep"], state["duplicate"]
    # Whatever changes the kept entity's links names it (a load: the ends of its links; a merge: every other end).
    later = standing_after(tx, merge["seq"], [keep["id"], dup["id"]])
    if later:
        first = later[0]
        then = "undo that first" if first["kind"] == "merge" else "a load cannot be undone yet"
        raise Refused(
            f"cannot undo merge {short}: a later {first['kind']} depends on it "
            f"({first['id']}, {first['at']} by {first['by']}: {first['what']}); {then}"
        )
    nodes = {r["id"]: r for r in run(tx, "entity_nodes", ids=[keep["id"], dup["id"]])}
    if dup["id"] in nodes:
        raise Refused(f"cannot undo merge {short}: an entity with id {dup['id']} exists again")
    if keep["id"] not in nodes:
        raise Refused(f"cannot undo merge {short}: {keep['id']} no longer exists")
    if nodes[keep["id"]]["props"] != keep["after"]:
        raise Refused(f"cannot undo merge {short}: {keep['id']} has changed since the merge")


def undo(driver: neo4j.Driver, change_id: str, *, by: str | None = None) -> tuple[dict, Change]:
    """Revert the merge `change_id` (its full id or a unique start of it).

    Returns
    -------
    tuple
        The merge's record (``id``, ``what``, ...) and the undo change.

    Raises
    ------
    Refused
        Not a merge, already undone, or a later change depends on it; nothing is written.
    """
    change = Change(kind="undo", by=user(by))

    def work(tx: neo4j.ManagedTransaction) -> dict:
        merge = find(tx, change_id)
        if merge["kind"] != "merge":
            raise Refused(f"change {merge['id']} is a {merge['kind']}; only a merge can be undone")
        if merge["undone_by"]:
            raise Refused(f"merge {merge['id']} was already undone by {merge['undone_by']}")
        state = json.loads(merge["undo"])
        keep, dup = state["keep"], state["duplicate"]
        run(tx, "lock_entities", ids=[keep["id"], dup["id"]])
        _check(tx, merge, state)
        short = merge["id"][:8]
        try:
            run_all(tx, "delete_links", state["links_created"], "deleted")
            reverted = [{**x, "before": x["after"], "after": x["before"]} for x in state["links_updated"]]
            run_all(tx, "update_links", reverted, "updated")
        except Refused as exc:
            raise Refused(f"cannot undo merge {short}: a link it wrote has changed since; nothing was written") from exc
        run(tx, "create_entity", labels=dup["labels"], props=dup["props"])
        run(tx, "set_entity", id=keep["id"], props=keep["before"])
        run_all(tx, "create_links", state["links_removed"], "created")
        change.what = f"undid {merge['id'][:8]}: {merge['what']}"
        change.counts = {
            "entities restored": 1,
            "links restored": len(state["links_removed"]),
            "links removed": len(state["links_created"]),
            "links reverted": len(state["links_updated"]),
        }
        change.entities, change.undoes = merge["entities"], merge["id"]
        record(tx, change)
        return merge

    ensure_schema(driver)
    with driver.session(database=database()) as session:
        merge = session.execute_write(work)
    return merge, change
