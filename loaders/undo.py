"""Undo a merge or a load exactly, in one transaction, recorded as a change of its own.

A merge's change record holds the duplicate as it was (labels, properties,
every link) and the kept entity before and after.  The undo refuses unless the
graph is still as the merge left it: no later change that still stands touched
either entity (a change to another entity's links to them names them too), and
the kept entity and every link the merge wrote are unchanged.

A load's before-state is in its ``:LoadUndo`` batches (see `loaders.write`).
The undo deletes the links and entities the load created and gives the
entities and links it updated back exactly their earlier properties (and
labels, where it changed a kind).  It refuses unless the graph is still as the
load left it: no later change that still stands touched an entity the load
wrote or linked, and every entity and link it wrote still carries its load id.
A load recorded before loads kept their before-state cannot be undone.
"""

from __future__ import annotations

import json

import neo4j

from graph.roles import Actor, acting, require
from loaders.changes import Change, Refused, find, in_transaction, record, run, run_all, standing_after
from loaders.delete import restore
from loaders.recover import part_group
from loaders.write import BATCH


def _depends(tx: neo4j.ManagedTransaction, change: dict, ids: list[str], what: str) -> None:
    """Refuse when a later change that still stands touched any of `ids`."""
    later = standing_after(tx, change["seq"], ids)
    if later:
        first = later[0]
        raise Refused(
            f"cannot undo {what}: a later {first['kind']} depends on it "
            f"({first['id']}, {first['at']} by {first['by']}: {first['title']}); undo that first"
        )


def _check(tx: neo4j.ManagedTransaction, merge: dict, state: dict) -> None:
    short = merge["id"][:8]
    keep, dup = state["keep"], state["duplicate"]
    # Whatever changes the kept entity's links names it (a load: the ends of its links; a merge: every other end).
    _depends(tx, merge, [keep["id"], dup["id"]], f"merge {short}")
    nodes = {r["id"]: r for r in run(tx, "entity_nodes", ids=[keep["id"], dup["id"]])}
    if dup["id"] in nodes:
        raise Refused(f"cannot undo merge {short}: an entity with id {dup['id']} exists again")
    if keep["id"] not in nodes:
        raise Refused(f"cannot undo merge {short}: {keep['id']} no longer exists")
    if nodes[keep["id"]]["props"] != keep["after"]:
        raise Refused(f"cannot undo merge {short}: {keep['id']} has changed since the merge")


def _undo_merge(tx: neo4j.ManagedTransaction, merge: dict, change: Change, dry_run: bool) -> None:
    state = json.loads(merge["undo"])
    keep, dup = state["keep"], state["duplicate"]
    if not dry_run:
        run(tx, "lock_entities", ids=[keep["id"], dup["id"]])
    _check(tx, merge, state)
    short = merge["id"][:8]
    change.what, change.title = f"undid {short}: {merge['what']}", f"undid: {merge['title']}"
    change.counts = {
        "entities restored": 1,
        "links restored": len(state["links_removed"]),
        "links removed": len(state["links_created"]),
        "links reverted": len(state["links_updated"]),
        "findings moved back": len(state.get("findings_moved", [])),
    }
    change.entities, change.undoes = merge["entities"], merge["id"]
    if dry_run:
        return
    try:
        run_all(tx, "delete_links", state["links_created"], "deleted")
        reverted = [{**x, "before": x["after"], "after": x["before"]} for x in state["links_updated"]]
        run_all(tx, "update_links", reverted, "updated")
    except Refused as exc:
        raise Refused(f"cannot undo merge {short}: a link it wrote has changed since; nothing was written") from exc
    run(tx, "create_entity", labels=dup["labels"], props=dup["props"])
    run(tx, "set_entity", id=keep["id"], props=keep["before"])
    moved = state.get("findings_moved", [])  # a merge recorded before findings has none
    run_all(tx, "move_findings", [{"id": f, "about": dup["id"]} for f in moved], "moved")
    run_all(tx, "create_links", state["links_removed"], "created")
    record(tx, change)


def _undo_delete(tx: neo4j.ManagedTransaction, deleted: dict, change: Change, dry_run: bool) -> None:
    state = json.loads(deleted["undo"])
    short = deleted["id"][:8]
    _depends(tx, deleted, deleted["entities"], f"delete {short}")
    change.what, change.title = f"undid {short}: {deleted['what']}", f"undid: {deleted['title']}"
    change.counts = {
        "entities restored": 1,
        "links restored": len(state["links"]),
        "findings restored": len(state.get("findings", [])),
    }
    change.entities, change.undoes = deleted["entities"], deleted["id"]
    if not dry_run:
        run(tx, "lock_entities", ids=deleted["entities"])
    restore(tx, state, short, dry_run=dry_run)
    if not dry_run:
        record(tx, change)


def _load_state(tx: neo4j.ManagedTransaction, load: dict, short: str) -> dict[str, list]:
    """The load's before-state, sorted into what it created and what it updated."""
    parts = run(tx, "load_parts", load_id=load["id"])
    if len(parts) != load["parts"]:
        raise Refused(
            f"cannot undo {load['kind']} {short}: its record of what it replaced is incomplete "
            f"({len(parts)} of {load['parts']} parts); nothing was written"
        )
    state: dict[str, list] = {
        f"{group} {status}": [] for group in ("entities", "links", "findings") for status in ("created", "updated")
    }
    for part in parts:
        for row in json.loads(part["rows"]):
            group, status = part_group(row)
            state[f"{group} {status}"].append(row)
    return state


def _batches(tx: neo4j.ManagedTransaction, name: str, rows: list, column: str, **params: object) -> None:
    for start in range(0, len(rows), BATCH):
        run_all(tx, name, rows[start : start + BATCH], column, **params)


def _undo_load(tx: neo4j.ManagedTransaction, load: dict, change: Change, dry_run: bool) -> None:
    short = load["id"][:8]
    if load.get("state") == "writing":
        raise Refused(
            f"cannot undo {load['kind']} {short} ({load['at']}): it is still being written, or it stopped half-way; "
            "a stopped load is taken back by the next load"
        )
    if load["parts"] is None:
        why = (
            f"it was recorded without what it replaced: {load['note']}"
            if load["note"]
            else "it was loaded before loads kept what they replaced, so there is nothing to restore it from"
        )
        raise Refused(f"cannot undo {load['kind']} {short} ({load['at']}, {load['title']}): {why}")
    ids = load["entities"] or []
    if not dry_run:
        for start in range(0, len(ids), BATCH):
            run(tx, "lock_entities", ids=ids[start : start + BATCH])
    _depends(tx, load, ids, f"{load['kind']} {short}")
    state = _load_state(tx, load, short)
    change.what, change.title = f"undid {short}: {load['what']}", f"undid: {load['title']}"
    change.counts = {
        "entities removed": len(state["entities created"]),
        "entities restored": len(state["entities updated"]),
        "links removed": len(state["links created"]),
        "links restored": len(state["links updated"]),
    }
    if state["findings created"] or state["findings updated"]:
        change.counts["findings removed"] = len(state["findings created"])
        change.counts["findings restored"] = len(state["findings updated"])
    change.entities, change.undoes = ids, load["id"]
    if dry_run:
        return
    try:
        _batches(tx, "undo_load_delete_findings", state["findings created"], "deleted", load_id=load["id"])
        _batches(tx, "undo_load_restore_findings", state["findings updated"], "restored", load_id=load["id"])
        _batches(tx, "undo_load_delete_links", state["links created"], "deleted", load_id=load["id"])
        _batches(tx, "undo_load_restore_links", state["links updated"], "restored", load_id=load["id"])
        _batches(tx, "undo_load_restore_entities", state["entities updated"], "restored", load_id=load["id"])
        _batches(tx, "undo_load_delete_entities", state["entities created"], "deleted", load_id=load["id"])
    except Refused as exc:
        raise Refused(
            f"cannot undo {load['kind']} {short}: an entity, link or finding it wrote has changed since (or has a link "
            "it did not write); nothing was written"
        ) from exc
    record(tx, change)


UNDOERS = {"merge": _undo_merge, "load": _undo_load, "edit": _undo_load, "delete": _undo_delete}


def undo(
    driver: neo4j.Driver,
    change_id: str,
    *,
    by: str | None = None,
    dry_run: bool = False,
    actor: Actor | None = None,
) -> tuple[dict, Change]:
    """Revert the merge or load `change_id` (its full id or a unique start of it).

    `actor` makes the undo and is recorded as its ``by`` (default: the local user named `by`, with every role).

    With `dry_run`, only check that it can be undone and work out the counts (nothing is written): what a page
    shows before asking to confirm.

    Returns
    -------
    tuple
        The undone change's record (``id``, ``kind``, ``what``, ``title``, ...) and the undo change
        (``counts``: what it removes and restores).

    Raises
    ------
    Forbidden
        The actor's role cannot undo (unless `dry_run`); nothing is written.
    Refused
        Not a merge or a load, already undone, a load recorded without its before-state, or a later change
        depends on it; nothing is written.
    """
    actor = acting(actor, by)
    if not dry_run:
        require(actor, "undo")
    change = Change(kind="undo", by=actor.name)

    def work(tx: neo4j.ManagedTransaction) -> dict:
        done = find(tx, change_id)
        if done["kind"] not in UNDOERS:
            raise Refused(
                f"change {done['id']} is an {done['kind']}; only a merge, a load, an edit or a delete can be undone"
            )
        if done["undone_by"]:
            raise Refused(f"{done['kind']} {done['id']} was already undone by {done['undone_by']}")
        UNDOERS[done["kind"]](tx, done, change, dry_run)
        return done

    done = in_transaction(driver, work, dry_run=dry_run)
    return done, change
