"""Delete an entity, its links and the findings about it: an admin's action, recorded with everything it removed,
and undoable exactly.

Ending a link on a date keeps history and is what editors do; a delete is for an entity that should never have
been in the graph (a test row, a wrong import).  Its change record holds the entity (labels and properties) and
every link and finding as they were, so `loaders.undo` can put them back.  A country comes with the graph and is
never deleted.
"""

from __future__ import annotations

import json

import neo4j

from graph.roles import Actor, require
from loaders.changes import Change, Refused, in_transaction, record, run, run_all
from loaders.merge import kinds


def _state(tx: neo4j.ManagedTransaction, entity_id: str) -> dict:
    """The entity and its links as they are: what the delete removes and its undo restores."""
    nodes = run(tx, "entity_nodes", ids=[entity_id])
    if not nodes:
        raise Refused(f"no entity with id {entity_id!r}")
    entity = nodes[0]
    if "Country" in entity["labels"]:
        raise Refused(f"{entity['props'].get('name') or entity_id} is a country: countries come with the graph")
    links = {r["rid"]: r for r in run(tx, "entity_relationships", id=entity_id)}  # a loop comes twice
    if any(r["source"] is None or r["target"] is None for r in links.values()):
        raise Refused(f"{entity_id} has a relationship to a node without an id; it cannot be deleted exactly")
    rows = [{k: r[k] for k in ("type", "source", "target", "props")} for r in links.values()]
    findings = run(tx, "findings_by_about", ids=[entity_id])
    entity_state = {"id": entity_id, "labels": entity["labels"], "props": entity["props"]}
    return {"entity": entity_state, "links": rows, "findings": findings}


def delete_entity(driver: neo4j.Driver, entity_id: str, actor: Actor, *, dry_run: bool = False) -> tuple[dict, Change]:
    """Delete `entity_id` and its links in one transaction, as a change that `loaders.undo.undo` reverts.

    With `dry_run`, only check and count (what a page asks to confirm); nothing is written.

    Returns
    -------
    tuple
        The before-state (``entity``: id, labels, props; ``links``) and the change (``counts``, ``title``).

    Raises
    ------
    graph.roles.Forbidden
        Not an admin (checked before anything is read, unless `dry_run`).
    loaders.changes.Refused
        No such entity, a country, or a state the record could not keep; nothing written.
    """
    if not dry_run:
        require(actor, "delete")
    change = Change(kind="delete", by=actor.name)

    def work(tx: neo4j.ManagedTransaction) -> dict:
        if not dry_run:
            run(tx, "lock_entities", ids=[entity_id])
        state = _state(tx, entity_id)
        try:
            json.dumps(state, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise Refused(f"a property cannot be kept in the change record ({exc}); nothing was deleted") from exc
        entity, links = state["entity"], state["links"]
        name = entity["props"].get("name") or entity_id
        change.what = f"deleted {'/'.join(kinds(entity['labels']))} {entity_id}"
        change.title = f"deleted {name}"
        change.counts = {"entities deleted": 1, "links deleted": len(links), "findings deleted": len(state["findings"])}
        change.entities = [entity_id, *(end for link in links for end in (link["source"], link["target"]))]
        change.undo = state
        if not dry_run:
            run(tx, "delete_entity", id=entity_id)
            run_all(tx, "delete_findings", [{"id": f["id"]} for f in state["findings"]], "deleted")
            record(tx, change)
        return state

    return in_transaction(driver, work, dry_run=dry_run), change


def restore(tx: neo4j.ManagedTransaction, state: dict, short: str, *, dry_run: bool = False) -> None:
    """Put a deleted entity and its links back exactly (the undo of a delete), in the caller's transaction; with
    `dry_run`, only check that it can be (nothing written)."""
    entity = state["entity"]
    ends = {end for link in state["links"] for end in (link["source"], link["target"])} - {entity["id"]}
    found = {r["id"] for r in run(tx, "entity_nodes", ids=[entity["id"], *ends])}
    if entity["id"] in found:
        raise Refused(f"cannot undo delete {short}: an entity with id {entity['id']} exists again")
    if gone := sorted(ends - found):
        raise Refused(f"cannot undo delete {short}: {', '.join(gone)}, which it was linked to, no longer exists")
    findings = state.get("findings", [])  # a delete recorded before findings kept none
    if again := run(tx, "findings_by_id", ids=[f["id"] for f in findings]):
        raise Refused(f"cannot undo delete {short}: a finding with id {again[0]['id']} exists again")
    if not dry_run:
        run(tx, "create_entity", labels=entity["labels"], props=entity["props"])
        run_all(tx, "create_links", state["links"], "created")
        run_all(tx, "create_findings", findings, "created")
