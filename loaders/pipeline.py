"""One load from start to end: read, validate, plan, write, report.

The graph's column mappings and team wording (`loaders.team`) are fetched here and handed to the pure stages;
the ones a load was given are remembered once it is written.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import neo4j

from graph.cells import inert
from graph.collection import collector_held
from graph.roles import Actor, acting, require
from graph.settings import today
from graph.vocabulary import load_vocabulary
from loaders import fixes, unchanged
from loaders.bulk import BULK_FROM, Store, holds_nothing, why_not, write_bulk
from loaders.cycles import MAX_GRAPH_LINKS, PART_OF, part_of_cycles
from loaders.mapping import matching
from loaders.model import ColumnMapping, LoadReport, Wording, headers_key
from loaders.new_duplicates import new_duplicate_warnings
from loaders.read import EXTRA_CELLS, expand_paths, loadable, read_tables
from loaders.recover import take_back_stopped
from loaders.team import remember_mappings, remember_wordings, saved_mappings, team_vocabulary, team_wordings
from loaders.validate import validate
from loaders.write import plan, write
from queries import read
from queries.duplicates import not_duplicate_pairs
from queries.schema import ensure_schema


def load_paths(
    driver: neo4j.Driver | None,
    paths: list[str],
    *,
    dry_run: bool = False,
    allow_errors: bool = False,
    month_first: bool = False,
    rejects: str | None = None,
    progress: Callable[[int], Callable[[int], object]] | None = None,
    mappings: Sequence[ColumnMapping] = (),
    wordings: Sequence[Wording] = (),
    change_kinds: bool = False,
    actor: Actor | None = None,
    recheck: bool = False,
    store: Store | None = None,
    bulk_from: int = BULK_FROM,
) -> LoadReport:
    """Load files or folders into the graph.

    Parameters
    ----------
    driver : neo4j.Driver or None
        The database; None validates the files alone (a dry run without a database).
    paths : list of str
        Files, or folders of CSV, XLSX and JSON files.
    dry_run : bool
        Report what would change and write nothing.
    allow_errors : bool
        Load the valid rows and write the rejected ones to `rejects`.
    month_first : bool
        Read ``03/04/2021`` as 4 March.
    rejects : str, optional
        CSV file for rejected rows (default ``rejects.csv``); rows from several tables go to one file per table
        beside it (``rejects-Elements.csv``), each with the table's own headers (`write_rejects`).
    progress : callable, optional
        ``progress(total_rows)`` returns a callback given each written batch size.
    mappings : list of ColumnMapping
        Column mappings for this load (`loaders.mapping.matching`), over the ones stored for the same headers;
        remembered once written, each for the whole header set of the table it matched.
    wordings : list of Wording
        Kind and relationship wording for this load, over the team's; added to it once written.
    change_kinds : bool
        Let rows change the kind of an entity the graph holds (`loaders.validate.validate`).
    actor : graph.roles.Actor, optional
        Who loads, recorded as the load's ``by`` (default `graph.roles.local`, every role: the command line).
        Unless it is a dry run, an actor whose role cannot load is refused before anything is read or written.
    recheck : bool
        Check every row even when the graph's newest change is a load of the same files that changed nothing
        (`loaders.unchanged`: otherwise that load's report is given back at once, and nothing is written).
    store : loaders.bulk.Store, optional
        The database's store (the project's local Neo4j): a load of `bulk_from` rows or more into a graph that
        holds nothing at all is written by Neo4j's bulk importer (`loaders.bulk`), the database restarted.
    bulk_from : int
        Rows from which such a first load uses the importer.

    Returns
    -------
    LoadReport
        Counts and problems; ``written`` says whether the graph changed.  The warnings include every row
        without an ID that resolved to a known entity (`loaders.identity`), every new entity that is a likely
        duplicate of another (`loaders.new_duplicates`) and every stored note or description that a row replaces
        (`loaders.combine`); a dry run with a database reports the same.

    Raises
    ------
    graph.roles.Forbidden
        Not a dry run, and the actor's role cannot load; nothing is written.
    loaders.read.ReadError
        A path that cannot be read at all.
    """
    actor = acting(actor)
    if not dry_run:
        require(actor, "load")
    report = LoadReport(dry_run=dry_run)
    stored = saved_mappings(driver) if driver else {}
    files = expand_paths(paths)
    report.files = [path.name for path in files]  # as the user named them (uploads live in a temporary folder)
    wording_in_graph = team_wordings(driver) if driver else []
    print_ = unchanged.fingerprint(
        files,
        month_first=month_first,
        change_kinds=change_kinds,
        stored=stored,
        mappings=mappings,
        wordings=[*wording_in_graph, *wordings],
    )
    on = today().isoformat()
    if (
        driver
        and not recheck
        and (again := unchanged.same_as_last(driver, print_, report.files, today=on, dry_run=dry_run))
    ):
        return again
    found = []
    with collector_held():  # a million rows of cells and no cycles (`graph.collection`)
        for path in files:
            found += read_tables(path, report.problems)
    given = {m.key: m for m in (matching(t, mappings) for t in found) if m is not None}
    by_headers = {key: saved.mapping for key, saved in stored.items()} | given
    tables = loadable(found, report.problems, by_headers)
    report.problems += _read_with_saved_mappings(tables, stored, by_headers)
    vocab = team_vocabulary(load_vocabulary(), [*wording_in_graph, *wordings])
    known = read(driver, "entity_lookup") if driver else []
    validated = validate(tables, vocab, known, month_first=month_first, mappings=by_headers, change_kinds=change_kinds)
    report.problems += validated.problems
    if driver:
        report.problems += _cycles_with_the_graph(driver, validated)
    report.rejected_rows = len(validated.rejected)
    if validated.rejected and allow_errors and not dry_run:
        headers = {t.source: t.headers for t in tables}
        report.rejects_files = write_rejects(validated.rejected, rejects or "rejects.csv", headers)
        report.note = f"rejected rows written to {', '.join(report.rejects_files)}"
    # The rows as read are not needed past the check: let them go before the plan makes its own copy (at 1,000,000
    # links they are about a third of the loader's memory).
    del found, tables
    if report.errors and not allow_errors:
        return report
    if driver is None:
        report.note = report.note or "database not reachable: files validated only"
        return report
    empty = store is not None and not dry_run and holds_nothing(driver)  # asked before anything is written
    if not dry_run:
        ensure_schema(driver)
        report.problems += take_back_stopped(driver)
    part_of = any(x.type == PART_OF for x in validated.links)
    with collector_held():
        planned = plan(driver, validated)
    del validated  # the plan holds what is written; the checked rows (with their origins and texts) can go
    report.entities, report.links, report.findings = planned.entity_counts, planned.link_counts, planned.finding_counts
    report.problems += planned.problems
    report.problems += new_duplicate_warnings(planned.created, known, not_duplicate_pairs(driver))
    if dry_run:
        return report
    total = len(planned.entities) + len(planned.links) + len(planned.findings)
    # The day counts only for the part-of cycles a load's part-of links can close (loaders.cycles).
    fingerprint = unchanged.Fingerprint(print_, on if part_of else None)
    counted = progress(total) if progress and total else None
    why = why_not(planned, rows_from=bulk_from) if empty else None
    if empty and store is not None and why is None:
        report.load_id = write_bulk(driver, store, planned, report, counted, by=actor.name, fingerprint=fingerprint)
        remember_mappings(driver, given.values(), actor=actor)  # after the swap: the import replaces everything
        remember_wordings(driver, wordings, actor=actor)
    else:
        if why and total >= bulk_from:
            report.note = f"written in transactions, not by the bulk importer: {why}"
        remember_mappings(driver, given.values(), actor=actor)
        remember_wordings(driver, wordings, actor=actor)
        report.load_id = write(driver, planned, report, counted, by=actor.name, fingerprint=fingerprint)
    report.written = total > 0
    return report


def _read_with_saved_mappings(tables: list, stored: dict, by_headers: dict) -> list:
    """A fix for each table read with a column mapping saved in the graph, saying whose and when."""
    said = []
    for table in tables:
        saved = stored.get(key := headers_key(table.headers))
        if saved and saved.mapping == by_headers[key]:
            whose = f"the mapping saved on {saved.day} by {saved.by}"
            said.append(fixes.fix("mapping", table.source, 1, None, f"columns read with {whose}", whose))
    return said


def _cycles_with_the_graph(driver: neo4j.Driver, validated) -> list:
    """Warnings for part-of cycles that the load's links close with links already in the graph."""
    parents = sorted({link.target for link in validated.links if link.type == PART_OF})
    if not parents:
        return []
    on = today()
    above = read(driver, "part_of_above", ids=parents, today=on.isoformat(), limit=MAX_GRAPH_LINKS)
    names = {e.id: e.props["name"] for e in validated.entities}
    return part_of_cycles(validated.links, names, on, above)


def write_rejects(
    rejected: list[tuple[str, int, dict, str]], path: str, headers: dict[str, list[str]] | None = None
) -> list[str]:
    """Write rejected rows as CSV a user can fix and load again: each table's own headers, in order, then `Problem`.

    Rows of one table go to `path`; rows of several tables go to one file per table beside it, named after
    the table (``rejects-Elements.csv``, ``rejects-workbook-Connections.csv``).  ``Problem`` says the row and
    why (``Elements.csv row 7: unknown kind ...``); the loader ignores that last column when the file comes back.
    Returns the files written.
    """
    target = Path(path)
    by_table: dict[str, list[tuple[int, dict, str]]] = {}
    for file, number, cells, why in rejected:
        by_table.setdefault(file, []).append((number, cells, why))
    written = []
    for file, rows in by_table.items():
        out = target.with_name(f"{target.stem}-{_table_name(file)}{target.suffix}") if len(by_table) > 1 else target
        columns = (headers or {}).get(file) or list(dict.fromkeys(h for _, cells, _ in rows for h in cells))
        columns = [h for h in columns if h != EXTRA_CELLS]
        with out.open("w", newline="", encoding="utf-8-sig") as stream:
            writer = csv.writer(stream)
            writer.writerow([*columns, "Problem"])
            for number, cells, why in rows:
                values = ["" if cells.get(h) is None else inert(cells[h]) for h in columns]
                writer.writerow([*values, inert(f"{file} row {number}: {why}")])
        written.append(str(out))
    return written


def _table_name(source: str) -> str:
    """A table's name for a file name: ``Elements`` for Elements.csv, ``workbook-Connections`` for a sheet."""
    file, _, sheet = source.partition(" [")
    name = Path(file).stem + (f"-{sheet.rstrip(']')}" if sheet else "")
    return re.sub(r"[^\w.-]+", "-", name).strip("-.") or "table"
