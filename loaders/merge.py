"""Merge a duplicate entity into the one kept, in one transaction, recorded as a change that can be undone exactly.

Every relationship of the duplicate moves to the kept entity with its type,
properties and provenance; where the kept entity already has the same link
(same type, other end, ``since`` and ``kind``: the loader's link key) the two
become one that keeps both trails.  The duplicate's name and aliases become
aliases, its values fill the kept entity's empty properties (a different
value never overwrites: it is a conflict, kept in the change record), its
provenance goes into ``merged_from`` and its id (with the ids merged into it)
into ``merged_ids``, so that a later load naming it finds the kept entity
(`loaders.identity`), and the duplicate is deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import neo4j

from graph.model import BOOKKEEPING
from graph.roles import Actor, acting, require
from loaders.changes import Change, Refused, in_transaction, record, run, run_all, words
from loaders.model import LinkRow

TRAIL = "merged_from"  # list of JSON texts: the provenance of what was merged into this entity or link
MERGED_IDS = "merged_ids"  # list of the ids merged into this entity, directly or not (an undo restores the list)
NOT_FILLED = BOOKKEEPING | {"id", "name", "aliases", TRAIL}


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def _unite(mine: list, theirs: list) -> list:
    return list(dict.fromkeys([*mine, *theirs]))


def _identity(link: dict) -> tuple:
    """What makes two links the same link (the loader's key): type, ends, since and kind."""
    props = link["props"]
    return link["type"], link["source"], link["target"], props.get("since") or "", props.get("kind") or ""


def _trail(props: dict, **extra: object) -> list[str]:
    """`props`'s own trail plus one JSON entry for `props` itself (without its trail and key)."""
    entry = {**extra, **{k: v for k, v in sorted(props.items()) if k not in (TRAIL, "key")}}
    return [*props.get(TRAIL, []), json.dumps(entry, sort_keys=True)]


@dataclass
class MergePlan:
    """What a merge changes, and the before-state that undoes it."""

    keep: dict  # {id, labels, props}
    duplicate: dict
    keep_after: dict = field(default_factory=dict)
    removed: list[dict] = field(default_factory=list)  # the duplicate's links as they were
    created: list[dict] = field(default_factory=list)  # links the merge creates on the kept entity
    updated: dict[tuple, dict] = field(default_factory=dict)  # the kept entity's links that took a trail
    moved: int = 0
    combined: int = 0
    dropped: int = 0
    aliases_added: list[str] = field(default_factory=list)
    filled: list[str] = field(default_factory=list)
    extended: list[str] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)  # ids of the duplicate's findings, moved to the kept entity

    def counts(self) -> dict[str, int]:
        return {
            "links moved": self.moved,
            "links combined": self.combined,
            "links dropped": self.dropped,
            "aliases added": len(self.aliases_added),
            "properties filled": len(self.filled),
            "lists extended": len(self.extended),
            "conflicts": len(self.conflicts),
            "findings moved": len(self.findings),
        }

    def undo(self) -> dict:
        """The change record's before-state: enough to put both entities and every link back exactly."""
        return {
            "keep": {**self.keep, "before": self.keep["props"], "after": self.keep_after},
            "duplicate": self.duplicate,
            "links_removed": self.removed,
            "links_created": self.created,
            "links_updated": list(self.updated.values()),
            "conflicts": self.conflicts,
            "findings_moved": self.findings,
        }

    def touched(self) -> list[str]:
        ends = {end for link in self.removed for end in (link["source"], link["target"])}
        return sorted(ends | {self.keep["id"], self.duplicate["id"]})

    def what(self) -> str:
        keep, dup = self.keep, self.duplicate
        return (
            f"merged {dup['id']} ({dup['props'].get('name', '')}) into {keep['id']} ({keep['props'].get('name', '')})"
        )

    def title(self) -> str:
        """What the merge did with names only (for pages)."""
        return f"merged {self.duplicate['props'].get('name', '')} into {self.keep['props'].get('name', '')}"


def _fill(after: dict, theirs: dict, plan: MergePlan, where: str, *, dates_fill: bool = True) -> tuple[list, list]:
    """Fill `after`'s empty properties from `theirs`, unite lists; returns (filled, extended), notes conflicts."""
    filled, extended = [], []
    for key, value in sorted(theirs.items()):
        mine = after.get(key)
        if key in NOT_FILLED or _empty(value) or mine == value:
            continue
        if isinstance(mine, list) and isinstance(value, list):
            if set(value) - set(mine):
                after[key] = _unite(mine, value)
                extended.append(key)
        elif _empty(mine) and (dates_fill or key != "until"):
            after[key] = value
            filled.append(key)
        elif key == "notes" and isinstance(mine, str) and isinstance(value, str):
            after[key] = f"{mine}; {value}"  # notes are kept, both of them
            extended.append(key)
        else:
            plan.conflicts.append({"on": where, "property": key, "kept": mine, "other": value})
    return filled, extended


def _entity(plan: MergePlan, change: Change) -> None:
    keep, dup = plan.keep["props"], plan.duplicate["props"]
    after = dict(keep)
    plan.filled, plan.extended = _fill(after, dup, plan, keep["id"])
    names = [n for n in [dup.get("name"), *(dup.get("aliases") or [])] if not _empty(n)]
    aliases = _unite(keep.get("aliases") or [], [n for n in names if n != keep.get("name")])
    plan.aliases_added = aliases[len(keep.get("aliases") or []) :]
    if plan.aliases_added:
        after["aliases"] = aliases
        after["aliases_text"] = "".join(f" {a}" for a in aliases)  # as write_entities_of_kind.cypher builds it
    after[TRAIL] = [*keep.get(TRAIL, []), *_trail(dup, change=change.id, at=change.at, into=keep["id"])]
    after[MERGED_IDS] = _unite(keep.get(MERGED_IDS) or [], [dup["id"], *(dup.get(MERGED_IDS) or [])])
    after["updated_at"] = change.at
    plan.keep_after = after


def plan_merge(keep: dict, duplicate: dict, keep_links: list[dict], dup_links: list[dict], change: Change) -> MergePlan:
    """Work out a merge from the two entities (``{id, labels, props}``) and their links (``{type, source, target,
    props}``), without touching the database."""
    plan = MergePlan(keep=keep, duplicate=duplicate)
    _entity(plan, change)
    k, d = keep["id"], duplicate["id"]
    targets: dict[tuple, dict] = {}
    for link in keep_links:
        if d not in (link["source"], link["target"]):
            targets.setdefault(_identity(link), {**link, "before": link["props"], "after": dict(link["props"])})
    for link in sorted(dup_links, key=lambda x: json.dumps(x, sort_keys=True, default=str)):
        plan.removed.append(link)
        source, target = (k if end == d else end for end in (link["source"], link["target"]))
        if source == target == k:
            plan.dropped += 1  # a link between the two (or a loop) would become a loop
            continue
        moved = {"type": link["type"], "source": source, "target": target, "props": dict(link["props"])}
        if "key" in moved["props"]:
            moved["props"]["key"] = LinkRow(link["type"], source, target, link["props"], ("", None)).key
        same = targets.get(_identity(moved))
        if same is None:
            plan.moved += 1
            plan.created.append(moved)
            targets[_identity(moved)] = {**moved, "after": moved["props"]}
            continue
        plan.combined += 1
        where = f"{link['type']} {source} -> {target}"
        _fill(same["after"], link["props"], plan, where, dates_fill=False)
        trail = _trail(link["props"], **{"from": d, "change": change.id, "at": change.at})
        same["after"][TRAIL] = [*same["after"].get(TRAIL, []), *trail]
        if "before" in same:
            plan.updated[_identity(same)] = {k2: same[k2] for k2 in ("type", "source", "target", "before", "after")}
    return plan


def kinds(labels: list[str]) -> list[str]:
    return sorted(label for label in labels if label != "Entity")


def read_state(tx: neo4j.ManagedTransaction, keep_id: str, dup_id: str) -> tuple[dict, dict, list, list]:
    """Both entities and their links; refuses a missing id or different kinds."""
    nodes = {r["id"]: r for r in run(tx, "entity_nodes", ids=[keep_id, dup_id])}
    for wanted in (keep_id, dup_id):
        if wanted not in nodes:
            raise Refused(f"no entity with id {wanted!r}")
    keep, dup = nodes[keep_id], nodes[dup_id]
    if kinds(keep["labels"]) != kinds(dup["labels"]):
        raise Refused(
            f"{dup_id} is {'/'.join(kinds(dup['labels']))} and {keep_id} is {'/'.join(kinds(keep['labels']))}: "
            "only entities of one kind can be merged; correct the kind and load again first"
        )
    links = []
    for entity in (keep_id, dup_id):
        seen = {r["rid"]: r for r in run(tx, "entity_relationships", id=entity)}
        if any(r["source"] is None or r["target"] is None for r in seen.values()):
            raise Refused(f"{entity} has a relationship to a node without an id; it cannot be merged exactly")
        links.append([{k: r[k] for k in ("type", "source", "target", "props")} for r in seen.values()])
    return keep, dup, links[0], links[1]


def apply(tx: neo4j.ManagedTransaction, plan: MergePlan, change: Change) -> None:
    """Write `plan` and its change record in the caller's transaction."""
    run(tx, "set_entity", id=plan.keep["id"], props=plan.keep_after)
    run_all(tx, "update_links", list(plan.updated.values()), "updated")
    run_all(tx, "create_links", plan.created, "created")
    run(tx, "delete_entity", id=plan.duplicate["id"])
    run_all(tx, "move_findings", [{"id": f, "about": plan.keep["id"]} for f in plan.findings], "moved")
    change.what, change.title, change.counts = plan.what(), plan.title(), plan.counts()
    change.entities, change.undo = plan.touched(), plan.undo()
    record(tx, change)


def merge(
    driver: neo4j.Driver,
    keep_id: str,
    dup_id: str,
    *,
    by: str | None = None,
    dry_run: bool = False,
    actor: Actor | None = None,
) -> tuple[MergePlan, Change]:
    """Merge entity `dup_id` into `keep_id` in one transaction (or, with `dry_run`, only work it out).

    `actor` makes the change and is recorded as its ``by`` (default: the local user named `by`, with every role).

    Raises
    ------
    Forbidden
        The actor's role cannot merge (unless `dry_run`); nothing is read or written.
    Refused
        The same id twice, a missing id or different kinds; nothing is written.
    """
    actor = acting(actor, by)
    if not dry_run:
        require(actor, "merge")
    if keep_id == dup_id:
        raise Refused(f"cannot merge {keep_id} into itself: give two different ids")
    change = Change(kind="merge", by=actor.name)

    def work(tx: neo4j.ManagedTransaction) -> MergePlan:
        if not dry_run:
            run(tx, "lock_entities", ids=[keep_id, dup_id])
        plan = plan_merge(*read_state(tx, keep_id, dup_id), change)
        plan.findings = [r["id"] for r in run(tx, "findings_about", ids=[dup_id])]
        try:
            json.dumps(plan.undo(), allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise Refused(f"a property cannot be kept in the change record ({exc}); nothing was merged") from exc
        if not dry_run:
            apply(tx, plan, change)
        return plan

    plan = in_transaction(driver, work, dry_run=dry_run)
    return plan, change


def _shown(value: object) -> str:
    return "(blank)" if _empty(value) else repr(value)


def format_merge(plan: MergePlan, change: Change, dry_run: bool = False) -> str:
    """What a merge did (or would do), its conflicts, and how to undo it."""
    keep, dup = plan.keep, plan.duplicate
    counts = words(plan.counts())
    lines = [
        f"{'Would merge' if dry_run else 'Merged'} {dup['id']} ({dup['props'].get('name', '')}) "
        f"into {keep['id']} ({keep['props'].get('name', '')}): {counts}."
    ]
    if plan.aliases_added:
        lines.append(f"Aliases added: {', '.join(plan.aliases_added)}.")
    if plan.filled or plan.extended:
        lines.append(f"Taken from the duplicate: {', '.join([*plan.filled, *plan.extended])}.")
    if plan.dropped:
        lines.append(f"{plan.dropped} link(s) between the two dropped (each a loop now; kept in the change record).")
    lines += [
        f"Conflict on {c['on']}, {c['property']}: kept {_shown(c['kept'])}, the duplicate had {_shown(c['other'])} "
        "(kept in the change record)."
        for c in plan.conflicts
    ]
    if dry_run:
        lines.append("Dry run: nothing was written.")
    else:
        lines.append(f"Change {change.id} by {change.by}. Undo it with: python -m loaders undo {change.id}")
    return "\n".join(lines)
