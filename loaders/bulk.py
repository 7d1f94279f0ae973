"""A first load into an empty graph, written by Neo4j's bulk importer instead of transactions.

When the graph holds nothing at all and the load is large (`BULK_FROM` rows or more), the planned rows are written
as the importer's CSV files (`import_files`) and a `Store` (the project's local Neo4j: `neo4j_local.bulk`) swaps
the imported database in.  The graph that comes out is the one the transactional path writes (the same labels and
properties; `tests/db/test_bulk_load.py` compares them), with the same record of the load: its ``Load`` node,
``state: 'writing'`` until `write_bulk` closes it, and ``LoadUndo`` parts naming every row it created, so that the
load can be undone, and a load stopped between the swap and the close is taken back by the next one
(`loaders.recover`).  The importer cannot write an empty list: one is written as the one-item list `EMPTY` and
set to ``[]`` once the database is back (``bulk_empty_lists_*``).
"""

from __future__ import annotations

import json
import math
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import neo4j

from graph.collection import collector_held
from loaders import unchanged
from loaders.model import LoadReport
from loaders.owner import OWNER
from loaders.write import Batch, Plan, batches, records
from queries import cypher, read, typed
from queries.connection import database
from queries.schema import ensure_schema

# Rows from which the importer is the faster way (measured, bench/missed.md): its fixed cost is about 35 s, then
# about 85 µs a row, against about 160 µs a row in transactions: 110,000 rows took 1.44x as long, 1,100,000
# rows wrote in 128 s against about 175 s.
BULK_FROM = 500_000
CATCH_UP = 20_000  # transactions committed at most to carry the old store's transaction ids on
CATCH_UP_THREADS = 8  # each commits its own node: no lock is shared, so commits are flushed together
ARRAY = "\x1f"  # between a list's items in the importer's files (a unit separator: no cell can hold one)
EMPTY = "\x1e"  # the one item of a list that stands for an empty list (a record separator: no cell holds one)
PROPERTY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
TYPES = {bool: "boolean", int: "long", float: "double", str: "", list: "string[]"}


class NoLongerEmpty(RuntimeError):
    """Someone wrote to the graph between the load's check that it was empty and the swap; nothing was written."""


class Store(Protocol):
    """What replaces a whole database by the importer's files (`neo4j_local.bulk.LocalStore`)."""

    def replace(
        self,
        nodes: Sequence[tuple[str, Path]],
        relationships: Sequence[tuple[str, Path]],
        *,
        array_delimiter: str,
        multiline: bool,
    ) -> tuple[float, int]: ...


@dataclass
class Files:
    """The importer's files: ``(labels, path)`` per node file, ``(type, path)`` per relationship file, whether a
    value spans lines, and the properties written as `EMPTY` (``(None, name)`` on nodes, ``(type, name)`` on
    links)."""

    nodes: list[tuple[str, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path]] = field(default_factory=list)
    multiline: bool = False
    empty: set[tuple[str | None, str]] = field(default_factory=set)


def holds_nothing(driver: neo4j.Driver) -> bool:
    """Whether the graph has no node at all (no entity, record, saved view or wording the import would lose)."""
    return not read(driver, "holds_anything")[0]["holds"]


def why_not(planned: Plan, *, rows_from: int = BULK_FROM) -> str | None:
    """Why `planned` is written in transactions and not by the importer, or None when the importer can write it."""
    rows = len(planned.entities) + len(planned.links) + len(planned.findings)
    if rows < rows_from:
        return f"{rows:,} rows (the importer is used from {rows_from:,})"
    if planned.unkept or planned.expected:
        return "the load replaces stored values"
    every = [*planned.entities, *planned.links, *planned.findings]
    if any(r.get("drop") for r in planned.entities):
        return "the load changes an entity's kind"
    for row in every:
        for name, value in row["props"].items():
            if not PROPERTY.fullmatch(name):
                return f"a property name the importer cannot carry ({name!r})"
            if not _carried(value):
                return f"a value the importer cannot carry ({name} = {value!r})"
    return None


def _carried(value: object) -> bool:
    if isinstance(value, str):
        return ARRAY not in value and EMPTY not in value
    if isinstance(value, list):
        return all(isinstance(x, str) and x and ARRAY not in x and EMPTY not in x for x in value)
    if isinstance(value, float):
        return math.isfinite(value)
    return type(value) in TYPES


def _cell(value: object) -> str:
    """One field of the importer's CSV: quoted text, a number, or empty (unquoted) for no value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        value = ARRAY.join(value) if value else EMPTY
    return '"' + str(value).replace('"', '""') + '"'


def _signature(props: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The typed properties of a row: rows of one signature share a file (a column has one type)."""
    return tuple(sorted((k, TYPES[type(v)]) for k, v in props.items() if not isinstance(v, str)))


def _write_groups(
    folder: Path,
    stem: str,
    rows: Iterable[tuple[dict[str, Any], list[str]]],
    lead: list[str],
    files: Files,
    owner: str | None,
) -> list[Path]:
    """Write rows (properties, leading cells) to one file per signature; `lead` heads the leading cells."""
    groups: dict[tuple, list[tuple[dict[str, Any], list[str]]]] = {}
    for props, leading in rows:
        groups.setdefault(_signature(props), []).append((props, leading))
    paths = []
    for number, (signature, members) in enumerate(groups.items()):
        typed_columns = dict(signature)
        columns = list(dict.fromkeys(k for props, _ in members for k in props))
        header = [*lead, *(f"{c}:{typed_columns[c]}" if typed_columns.get(c) else c for c in columns)]
        path = folder / f"{stem}-{number}.csv"
        # Text columns (most cells) are quoted in line; only typed cells go through `_cell` (a million rows).
        text = [(c, not typed_columns.get(c)) for c in columns]
        lists = [c for c in columns if typed_columns.get(c) == TYPES[list]]
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(header) + "\n")
            for props, leading in members:
                get = props.get
                cells = [
                    ("" if (v := get(c)) is None else '"' + v.replace('"', '""') + '"') if plain else _cell(get(c))
                    for c, plain in text
                ]
                line = ",".join([*leading, *cells])
                if not files.multiline and ("\n" in line or "\r" in line):
                    files.multiline = True
                for c in lists:
                    if get(c) == []:
                        files.empty.add((owner, c))
                out.write(line + "\n")
        paths.append(path)
    return paths


@collector_held()  # a row's dicts a million times over, and no cycles (`graph.collection`)
def import_files(planned: Plan, record: dict[str, Any], folder: Path, parts: list[Batch]) -> Files:
    """Write `planned` (every row created), its load `record` (``open_load``'s parameters) and its ``LoadUndo``
    parts, one per batch of `parts` (`loaders.write.batches`), as the importer's files in `folder`."""
    files = Files()
    stamp = {"load_id": record["id"], "loaded_at": record["at"], "updated_at": record["at"]}
    by_kind: dict[str, list[dict]] = {}
    for row in planned.entities:
        by_kind.setdefault(row["kind"], []).append(row)
    for kind, rows in by_kind.items():
        entity_rows = (
            (
                {k: v for k, v in row["props"].items() if k != "id"}
                | {"aliases_text": "".join(" " + a for a in row["props"].get("aliases") or [])}
                | {"loaded_from": row["loaded_from"], **stamp},
                [_cell(row["id"])],
            )
            for row in rows
        )
        for path in _write_groups(folder, f"entities-{kind}", entity_rows, ["id:ID(Entity)"], files, None):
            files.nodes.append((f"Entity:{kind}", path))
    by_type: dict[str, list[dict]] = {}
    for row in planned.links:
        by_type.setdefault(row["type"], []).append(row)
    for rel_type, rows in by_type.items():
        link_rows = (
            (
                {"key": row["key"], **row["props"], "loaded_from": row["loaded_from"], **stamp},
                [_cell(row["source"]), _cell(row["target"])],
            )
            for row in rows
        )
        lead = [":START_ID(Entity)", ":END_ID(Entity)"]
        for path in _write_groups(folder, f"links-{rel_type}", link_rows, lead, files, rel_type):
            files.relationships.append((rel_type, path))
    finding_rows = (
        ({**row["props"], "loaded_from": row["loaded_from"], **stamp}, [_cell(row["id"])]) for row in planned.findings
    )
    for path in _write_groups(folder, "findings", finding_rows, ["id:ID(Finding)"], files, None):
        files.nodes.append(("Finding", path))
    files.nodes += _record_files(record, folder, parts)
    return files


def undo_rows(parts: list[Batch]) -> Iterator[list[dict]]:
    """What each part of the load's before-state holds, as `loaders.write` keeps it for rows it creates."""
    for batch in parts:
        if batch.findings:
            yield [{"finding": r["id"]} for r in batch.rows]
        elif batch.rel_type is None:
            yield [{"id": r["id"]} for r in batch.rows]
        else:
            yield [{k: r[k] for k in ("type", "source", "target", "key")} for r in batch.rows]


def _record_files(record: dict[str, Any], folder: Path, parts: list[Batch]) -> list[tuple[str, Path]]:
    """The load's record (as ``open_load`` writes it, the first change), the change counter and the undo parts."""
    what = record["what"] or "loaded " + ", ".join(record["files"])
    load = {
        "id": record["id"],
        "seq": 1,
        "kind": record["kind"],
        "at": record["at"],
        "by": record["by"],
        "files": record["files"],
        "state": "writing",
        "owner": record["owner"],
        "beat": record["at"],
        "undo_parts": len(parts),
        "what": what,
        "title": record["title"],
    }
    columns = [k for k, v in load.items() if v is not None]
    header = [f"{k}:{TYPES[type(load[k])]}" if TYPES[type(load[k])] else k for k in columns]
    written = []
    path = folder / "load.csv"
    path.write_text(",".join(header) + "\n" + ",".join(_cell(load[k]) for k in columns) + "\n", encoding="utf-8")
    written.append(("Load:Change", path))
    path = folder / "counter.csv"
    path.write_text('name,last:long\n"changes",1\n', encoding="utf-8")
    written.append(("ChangeCounter", path))
    path = folder / "undo.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("load_id,part:long,rows\n")
        for part, rows in enumerate(undo_rows(parts)):
            text = json.dumps(rows, sort_keys=True, allow_nan=False)
            out.write(f"{_cell(record['id'])},{part},{_cell(text)}\n")
    written.append(("LoadUndo", path))
    return written


def write_bulk(
    driver: neo4j.Driver,
    store: Store,
    planned: Plan,
    report: LoadReport,
    progress: Callable[[int], object] | None = None,
    *,
    by: str | None = None,
    fingerprint: unchanged.Fingerprint | None = None,
) -> str:
    """Write `planned` into the empty graph with the importer; returns the load's id (as `loaders.write.write`).

    Raises `neo4j_local.bulk.BulkImportError` (a `RuntimeError`) when the importer refuses the files or the new
    database does not start, `NoLongerEmpty` when someone wrote to the graph meanwhile: the graph is then as it was.
    """
    record = records(planned, report, by=by, fingerprint=fingerprint)
    parts = batches(planned)
    started = time.monotonic()
    with OWNER.writing(record.load_id), tempfile.TemporaryDirectory(prefix="sge-import-") as folder:
        files = import_files(planned, record.opened, Path(folder), parts)
        if not holds_nothing(driver):  # asked again just before the swap: someone may have written meanwhile
            raise NoLongerEmpty(
                "the graph is no longer empty (someone wrote to it while the load was checked); nothing was written. "
                "Run the same load again: it is then written in transactions"
            )
        down, behind = store.replace(files.nodes, files.relationships, array_delimiter=ARRAY, multiline=files.multiline)
        _catch_up(driver, behind)
        _forget_the_old_store(driver)
        _set_empty_lists(driver, files.empty)
        ensure_schema(driver)
        with driver.session(database=database()) as session:
            session.execute_write(
                lambda tx: tx.run(cypher("close_load"), {**record.close, "parts": len(parts), "note": None}).consume()
            )
    if progress:
        progress(len(planned.entities) + len(planned.links) + len(planned.findings))
    report.note = (
        f"first load into an empty graph: written by Neo4j's bulk importer in {time.monotonic() - started:.0f} s "
        f"(the database was restarted, down {down:.0f} s)"
    )
    return record.load_id


def _catch_up(driver: neo4j.Driver, behind: int) -> None:
    """Commit `behind` small transactions, so that the new store's transaction ids go on from the old one's.

    A driver keeps bookmarks (the last transaction it saw) and waits for the database to reach them: one that read
    the empty database (an app left open) would wait in vain on a new store whose count starts again near zero (a
    ``BookmarkTimeout``).  Beyond `CATCH_UP` transactions (an empty database used long) this is not done; such an
    app must be restarted.
    """
    if behind <= 0 or behind > CATCH_UP:
        return

    def commit(count: int) -> None:
        with driver.session(database=database()) as session:
            for _ in range(count):
                session.run(cypher("bulk_catch_up")).consume()

    share, extra = divmod(behind + 1, CATCH_UP_THREADS)
    with ThreadPoolExecutor(CATCH_UP_THREADS) as pool:
        list(pool.map(commit, [share + (i < extra) for i in range(CATCH_UP_THREADS)]))
    with driver.session(database=database()) as session:
        session.run(cypher("bulk_catch_up_done")).consume()


def _forget_the_old_store(driver: neo4j.Driver) -> None:
    """Replace the bookmarks `driver`'s queries wait for (transactions of the old store) with one of the new store."""
    manager = driver.execute_query_bookmark_manager
    with driver.session(database=database()) as session:
        session.run(cypher("holds_anything")).consume()
        fresh = session.last_bookmarks()
    manager.update_bookmarks(manager.get_bookmarks(), fresh.raw_values)


def _set_empty_lists(driver: neo4j.Driver, empty: set[tuple[str | None, str]]) -> None:
    """Give back the empty lists the importer could not write (it was given the one-item list `EMPTY`)."""
    for owner, name in sorted(empty, key=lambda x: (x[0] or "", x[1])):
        query = cypher("bulk_empty_lists_nodes") if owner is None else typed("bulk_empty_lists_links", owner)
        with driver.session(database=database()) as session:
            session.run(query, prop=name, marker=[EMPTY], empty={name: []}).consume()
