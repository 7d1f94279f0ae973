"""Compare validated rows with the database, then write only what changes, batch by batch, all or nothing.

Stored values are merged with the new rows by `loaders.combine.merge_props`; a stored note or description that a
row replaces with a different text is reported, with the stored text (`loaders.combine.replaced_text`).

Writes that scale: entities go in batches of one kind each, the kind label written in the query
(`queries.labelled`), links in batches of one relationship type each, the type written in the query
(`queries.typed`), so that a link is found by expanding only that type from its two indexed ends (never by a seek
of the type's ``key`` index inside the transaction that writes it; the index serves the reads before the write),
`BATCH` rows a batch.  Each batch is **its own transaction**, so the database's memory holds one batch, not the
whole load; all or nothing is kept by the load's record:

1. ``open_load`` writes the record first, ``state: 'writing'``, with its place in the change order and its owner
   (this process);
2. each batch, in one transaction, reads again what it will replace (nothing that changed since the plan is
   missed), writes, and keeps that **before-state** as one ``:LoadUndo`` node ``{load_id, part, rows}``: ``rows``
   is JSON, one item per row, ``{"id"}`` for an entity the load creates, ``{"id", "labels", "props"}`` for one it
   updates, ``{"type", "source", "target", "key"}`` for a link it creates and the same with ``"props"`` for one it
   updates, ``{"finding"}`` (its id) for a finding it creates and ``{"finding", "props"}`` for one it updates
   (`part_group` sorts them);
3. ``close_load`` ends the record with its summary and the number of parts (``undo_parts``).

A batch that fails takes the batches written before it back (`loaders.recover.take_back`) and the load says
nothing was written; when the database is lost mid-way they cannot be taken back then, and `LoadInterrupted` says
so: the next load (the same command again) takes them back first (`loaders.recover`), then loads.  A load whose
stored values JSON cannot hold (a NaN, a date written by hand in Neo4j's own type) keeps no before-state: it is
written in one transaction, as loads were before, and its undo is refused with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import neo4j

from graph.model import BOOKKEEPING
from graph.settings import user
from loaders import unchanged
from loaders.combine import merge_props, replaced_text
from loaders.model import EntityRow, LoadReport, Problem
from loaders.owner import OWNER
from loaders.recover import take_back
from loaders.validate import Validated
from queries import cypher, labelled, read, read_typed, typed
from queries.connection import database

BATCH = 1000  # rows a query (and a transaction) writes, and rows of before-state one :LoadUndo node holds
LOOKUP = 10_000  # ids or keys one planning read asks for


@dataclass
class Plan:
    """Rows that change the graph, with their merged properties, the counts per status, and what to report."""

    entities: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    finding_counts: Counter = field(default_factory=Counter)
    entity_counts: dict[str, Counter] = field(default_factory=dict)
    link_counts: dict[str, Counter] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # stored notes and descriptions replaced
    created: list[EntityRow] = field(default_factory=list)  # entities with new ids
    unkept: str | None = None  # why the load cannot keep what it replaces (a stored value JSON cannot hold)
    expected: dict[str, dict] = field(default_factory=dict)  # id or link key -> facts an edit was made on


def _grouped(rows: Iterable[dict], by: str) -> dict[str, list[dict]]:
    """Rows grouped by their value of `by`, in order of first appearance."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row[by], []).append(row)
    return groups


def _by_type(rows: Iterable[dict]) -> dict[str, list[dict]]:
    """Link rows grouped by relationship type, in order of first appearance."""
    return _grouped(rows, "type")


def _by_kind(rows: Iterable[dict]) -> dict[str, list[dict]]:
    """Entity rows grouped by kind, in order of first appearance."""
    return _grouped(rows, "kind")


def why_unkept(stored: dict | None) -> str | None:
    """Why `stored` properties cannot be kept as JSON, or None."""
    try:
        json.dumps(stored, allow_nan=False)
    except (TypeError, ValueError) as exc:
        return f"a value it replaced cannot be kept as JSON ({exc})"
    return None


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
    # Nothing of a kind of row is looked up where the graph holds none (its count store says so at once): a first
    # load's 100,000 index seeks found nothing (6.5 s at 10,000/100,000).
    ids = [e.id for e in validated.entities] if read(driver, "entities_stored")[0]["entities"] else []
    stored: dict[str, dict] = {}
    for start in range(0, len(ids), LOOKUP):
        stored.update((r["id"], r) for r in read(driver, "entities_by_id", ids=ids[start : start + LOOKUP]))
    # A row with nothing stored replaces no text and keeps nothing (asked only where something is stored: a first
    # load's million links would each be written out as JSON to find so).
    for row in validated.entities:
        old = stored.get(row.id)
        status, props = _status(old and old["props"], row.props)
        if status == "unchanged" and old is not None and old["kinds"] != [row.kind]:
            status = "updated"
        if old is not None:
            result.problems += replaced_text(row, old["props"])
        result.entity_counts.setdefault(row.kind, Counter())[status] += 1
        if status == "created":
            result.created.append(row)
        if status != "unchanged":
            if old is not None:
                result.unkept = result.unkept or why_unkept(old["props"])
            drop = [kind for kind in (old["kinds"] if old else []) if kind != row.kind]
            result.entities.append(
                {"id": row.id, "kind": row.kind, "drop": drop, "props": props, "loaded_from": row.loaded_from}
            )
    # The stored links are read a batch at a time and compared at once, so only the changed ones' properties stay:
    # a reload of 1,000,000 links held every stored link's properties (1.1 GB) until the last was compared.
    links = validated.links
    compared: list[tuple[str, dict | None, list[Problem], dict | None]] = [("", None, [], None)] * len(links)
    positions: dict[str, list[int]] = {}
    for i, link in enumerate(links):
        positions.setdefault(link.type, []).append(i)
    for rel_type, indexes in positions.items():
        stored_any = read_typed(driver, "links_stored", rel_type)[0]["links"]
        for start in range(0, len(indexes), LOOKUP):
            batch = indexes[start : start + LOOKUP]
            existing: dict[str, dict] = {}
            if stored_any:
                keys = [{"key": links[i].key, "source": links[i].source, "target": links[i].target} for i in batch]
                existing = {r["key"]: r["props"] for r in read_typed(driver, "links_by_key", rel_type, rows=keys)}
            for i in batch:
                before = existing.get(links[i].key)
                status, props = _status(before, links[i].props)
                replaced = replaced_text(links[i], before) if before is not None else []
                changed = status != "unchanged"
                compared[i] = (status, props if changed else None, replaced, before if changed else None)
    for link, (status, to_write, replaced, before) in zip(links, compared, strict=True):
        result.problems += replaced
        result.link_counts.setdefault(link.type, Counter())[status] += 1
        if to_write is not None:
            if before is not None:
                result.unkept = result.unkept or why_unkept(before)
            result.links.append(
                {
                    "type": link.type,
                    "source": link.source,
                    "target": link.target,
                    "key": link.key,
                    "props": to_write,
                    "loaded_from": link.loaded_from,
                }
            )
    _plan_findings(driver, validated, result)
    return result


def _plan_findings(driver: neo4j.Driver, validated: Validated, result: Plan) -> None:
    """The findings a load creates or updates (`loaders.findings`), compared with the stored ones as entities are."""
    ids = [f.id for f in validated.findings]
    stored: dict[str, dict] = {}
    for start in range(0, len(ids), LOOKUP):
        stored.update((r["id"], r["props"]) for r in read(driver, "findings_by_id", ids=ids[start : start + LOOKUP]))
    for finding in validated.findings:
        old = stored.get(finding.id)
        status, props = _status(old, {**finding.props, "about": finding.about})
        result.problems += replaced_text(finding, old)
        result.finding_counts[status] += 1
        if status != "unchanged":
            result.unkept = result.unkept or why_unkept(old)
            result.findings.append({"id": finding.id, "props": props, "loaded_from": finding.loaded_from})


class Conflict(Exception):
    """Someone changed an entity or link after an edit of it was begun; nothing was written.

    ``fields`` maps each property that differs to ``(value the edit was made on, value now)``.
    """

    def __init__(self, what: str, fields: dict[str, tuple[Any, Any]]) -> None:
        self.what, self.fields = what, fields
        names = ", ".join(fields) or "it"
        super().__init__(f"{what} was changed by someone else since you opened it ({names}); nothing was saved")


def facts(props: dict | None) -> dict:
    """`props` without the loader's bookkeeping: what an edit compares."""
    return {k: v for k, v in (props or {}).items() if k not in BOOKKEEPING}


def mark_of(row: dict) -> str:
    """What names a row of before-state: a link's key (it names its type and ends), a finding's id behind a
    prefix no entity id is given (a unit separator), or an entity's id."""
    if "finding" in row:
        return f"finding\x1f{row['finding']}"
    return row.get("key") or row["id"]


def _as_expected(expected: dict[str, dict], row: dict) -> None:
    """Refuse with `Conflict` when `row` (read in the write transaction) is not as the edit that writes it saw it."""
    mark = mark_of(row)
    if mark not in expected:
        return
    seen, now = expected[mark], facts(row.get("props"))
    differ = {k: (seen.get(k), now.get(k)) for k in sorted(set(seen) | set(now)) if seen.get(k) != now.get(k)}
    if differ:
        raise Conflict(mark, differ)


def _before(
    tx: neo4j.ManagedTransaction, batch: Batch, seen: set[str], expected: dict[str, dict] | None = None
) -> tuple[list[dict], set[str]]:
    """What the rows of `batch` will replace, read in its write transaction, and the rows' marks.

    Rows named in `expected` (an edit's view of them) must still be as it saw them (else `Conflict`).

    Rows `seen` in an earlier batch are left out (the first one's before-state is the one); `seen` is not changed,
    so that a transaction the driver retries reads the same.
    """
    if batch.findings:
        ids = [r["id"] for r in batch.rows]
        found = {r["id"]: {"props": r["props"]} for r in tx.run(cypher("findings_by_id"), ids=ids).data()}
        rows = [{"finding": r["id"], **found.get(r["id"], {})} for r in batch.rows]
    elif batch.rel_type is None:
        found = {
            r["id"]: {"labels": r["labels"], "props": r["props"]}
            for r in tx.run(cypher("entity_nodes"), ids=[r["id"] for r in batch.rows]).data()
        }
        rows = [{"id": r["id"], **found.get(r["id"], {})} for r in batch.rows]
    else:
        keys = [{"key": r["key"], "source": r["source"], "target": r["target"]} for r in batch.rows]
        query = typed("links_by_key", batch.rel_type)
        found = {r["key"]: {"props": r["props"]} for r in tx.run(query, rows=keys).data()}
        rows = [
            {**{k: r[k] for k in ("type", "source", "target", "key")}, **found.get(r["key"], {})} for r in batch.rows
        ]
    kept, marks = [], set()
    for row in rows:
        _as_expected(expected or {}, row)
        mark = mark_of(row)
        if mark not in seen and mark not in marks:
            marks.add(mark)
            kept.append(row)
    return kept, marks


@dataclass(frozen=True)
class Batch:
    """Rows written by one query: entities of one `kind` (`rel_type` None), links of one relationship type, or
    `findings`."""

    rows: list[dict]
    rel_type: str | None = None
    kind: str | None = None
    findings: bool = False

    @property
    def query(self) -> str:
        if self.findings:
            return cypher("write_findings")
        if self.rel_type is None:
            return labelled("write_entities_of_kind", self.kind or "")
        return typed("write_links", self.rel_type)


def batches(planned: Plan) -> list[Batch]:
    """The planned rows in write order, `BATCH` a batch: entities first (links and findings need their ends), kind by
    kind, then links type by type, then findings."""
    size = BATCH
    found = []
    for kind, rows in _by_kind(planned.entities).items():
        found += [Batch(rows[i : i + size], kind=kind) for i in range(0, len(rows), size)]
    for rel_type, rows in _by_type(planned.links).items():
        found += [Batch(rows[i : i + size], rel_type) for i in range(0, len(rows), size)]
    rows = planned.findings
    found += [Batch(rows[i : i + size], findings=True) for i in range(0, len(rows), size)]
    return found


class LoadInterrupted(Exception):
    """The database was lost mid-load, after some batches were written, and they could not be taken back then."""


class ShortBatch(LoadInterrupted):
    """A batch wrote fewer rows than it holds: an entity a link ends at went (deleted or merged by someone else)
    between the load's check and its write.  The batch was rolled back and the batches before it taken back."""

    def __init__(self, batch: Batch, written: int) -> None:
        what = f"{batch.rel_type} links" if batch.rel_type else f"{batch.kind} entities"
        what = "findings" if batch.findings else what
        super().__init__(
            f"a batch of {len(batch.rows)} {what} wrote only {written}: an entity it names was deleted or merged "
            "since the load was checked (someone else changed the graph meanwhile), so nothing was written. Run the "
            "same load again: it checks the files against the graph as it is now and says which rows"
        )


def _write_batch(tx: neo4j.ManagedTransaction, batch: Batch, common: dict[str, Any]) -> None:
    """Write `batch` in `tx`; `ShortBatch` (the transaction rolls back) when a row was not written."""
    written = tx.run(batch.query, {"rows": batch.rows, **common}).single(strict=True)["written"]
    if written != len(batch.rows):
        raise ShortBatch(batch, written)


def _entities_touched(planned: Plan) -> list[str]:
    """The entities a load writes, links or writes findings about (what a later undo checks and locks)."""
    ends = {x[end] for x in planned.links for end in ("source", "target")}
    return sorted({e["id"] for e in planned.entities} | ends | {f["props"]["about"] for f in planned.findings})


@dataclass(frozen=True)
class Record:
    """A change record's two halves: `opened` for ``open_load`` (before the first row) and `close` for
    ``close_load`` (once every row is written, with ``parts`` and ``note`` still to give)."""

    load_id: str
    loaded_at: str
    opened: dict[str, Any]
    close: dict[str, Any]


def records(
    planned: Plan,
    report: LoadReport,
    *,
    by: str | None = None,
    kind: str = "load",
    what: str | None = None,
    title: str | None = None,
    fingerprint: unchanged.Fingerprint | None = None,
) -> Record:
    """The record of a change that writes `planned` (the parameters as `write` takes them)."""
    load_id = str(uuid.uuid4())
    loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    close: dict[str, Any] = {
        "id": load_id,
        "summary": json.dumps(report.as_dict()),
        "problems": [str(p) for p in report.problems[:500]],
        "entities": _entities_touched(planned),
        "fingerprint": None,
        "fingerprint_day": None,
        "problem_list": None,
    }
    if fingerprint and (problems := unchanged.kept(report)) is not None:
        close |= {"fingerprint": fingerprint.digest, "fingerprint_day": fingerprint.day, "problem_list": problems}
    opened = {
        "id": load_id,
        "at": loaded_at,
        "by": user(by),
        "files": report.files,
        "owner": OWNER.name(load_id),
        "kind": kind,
        "what": what,
        "title": title,
    }
    return Record(load_id, loaded_at, opened, close)


def write(
    driver: neo4j.Driver,
    planned: Plan,
    report: LoadReport,
    progress: Callable[[int], object] | None = None,
    *,
    by: str | None = None,
    kind: str = "load",
    what: str | None = None,
    title: str | None = None,
    fingerprint: unchanged.Fingerprint | None = None,
) -> str:
    """Write the planned rows batch by batch, each with what it replaces, between opening and closing the load's record.

    Parameters
    ----------
    progress : callable, optional
        Called with each written batch's size.
    by : str, optional
        Who loads (default ``SGE_USER``, else the OS user).
    kind, what, title : str, optional
        The change record's kind (``load``, or ``edit`` for a form in the app), and what it did in words, with ids
        and with names only (a load's default: ``loaded`` and its files).
    fingerprint : loaders.unchanged.Fingerprint, optional
        What the load's outcome depends on besides the graph (`loaders.unchanged.fingerprint`), kept with its
        problems so that loading the same files again can be answered from the record.

    Returns
    -------
    str
        The id of the load record.

    Raises
    ------
    LoadInterrupted
        The database was lost after some batches were written (the message says how many and what to do).
    neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError
        A batch failed; the batches before it were taken back, so nothing was written.
    """
    record = records(planned, report, by=by, kind=kind, what=what, title=title, fingerprint=fingerprint)
    load_id, opened, close = record.load_id, record.opened, record.close
    todo = batches(planned)
    common: dict[str, Any] = {"load_id": load_id, "loaded_at": record.loaded_at}

    def run(tx: neo4j.ManagedTransaction, name: str, params: dict[str, Any]) -> None:
        tx.run(cypher(name), params).consume()

    if planned.unkept:  # no before-state: one transaction, as loads were before they kept one

        def whole(tx: neo4j.ManagedTransaction) -> None:
            run(tx, "open_load", opened)
            for batch in todo:
                if planned.expected:  # an edit is checked against what it was made on here too
                    _before(tx, batch, set(), planned.expected)
                _write_batch(tx, batch, common)
                if progress:
                    progress(len(batch.rows))
            run(tx, "close_load", {**close, "parts": None, "note": planned.unkept})

        with driver.session(database=database()) as session:
            session.execute_write(whole)
        return load_id

    seen: set[str] = set()

    def one(tx: neo4j.ManagedTransaction, part: int, batch: Batch) -> set[str]:
        before, marks = _before(tx, batch, seen, planned.expected)
        _write_batch(tx, batch, common)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        rows = json.dumps(before, sort_keys=True, allow_nan=False)
        run(tx, "record_load_part", {"load_id": load_id, "part": part, "rows": rows, "at": now})
        return marks

    with OWNER.writing(load_id), driver.session(database=database()) as session:
        session.execute_write(run, "open_load", opened)
        written = 0
        try:
            for part, batch in enumerate(todo):
                seen |= session.execute_write(one, part, batch)
                written += 1
                if progress:
                    progress(len(batch.rows))
            session.execute_write(run, "close_load", {**close, "parts": written, "note": None})
        except BaseException as exc:
            _give_back(driver, load_id, written, len(todo), exc)
            raise
    return load_id


def _give_back(driver: neo4j.Driver, load_id: str, written: int, total: int, cause: BaseException) -> None:
    """After a failed batch, take the batches written back; when the database is gone, say how to finish."""
    try:
        take_back(driver, load_id)
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, OSError) as exc:
        raise LoadInterrupted(
            f"the load stopped after {written} of {total} batches were written ({type(cause).__name__}), and they "
            f"could not be taken back ({type(exc).__name__}). Run the same load again once the database is back: "
            "it takes those batches back first, then loads everything"
        ) from exc
