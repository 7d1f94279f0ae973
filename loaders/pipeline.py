"""One load from start to end: read, validate, plan, write, report."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import neo4j

from graph.vocabulary import load_vocabulary
from loaders.model import LoadReport
from loaders.read import EXTRA_CELLS, expand_paths, read_file
from loaders.validate import validate
from loaders.write import plan, write
from queries import read
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
        CSV file for rejected rows (default ``rejects.csv``).
    progress : callable, optional
        ``progress(total_rows)`` returns a callback given each written batch size.

    Returns
    -------
    LoadReport
        Counts and problems; ``written`` says whether the graph changed.  The warnings include every row
        without an ID that resolved to a known entity (`loaders.identity`) and every stored note or
        description that a row replaces (`loaders.combine`); a dry run with a database reports the same.

    Raises
    ------
    loaders.read.ReadError
        A path that cannot be read at all.
    """
    report = LoadReport(dry_run=dry_run)
    tables = []
    for path in expand_paths(paths):
        report.files.append(path.name)  # as the user named it (uploads live in a temporary folder)
        tables += read_file(path, report.problems)
    known = read(driver, "entity_lookup") if driver else []
    validated = validate(tables, load_vocabulary(), known, month_first=month_first)
    report.problems += validated.problems
    report.rejected_rows = len(validated.rejected)
    if validated.rejected and allow_errors and not dry_run:
        report.note = f"rejected rows written to {write_rejects(validated.rejected, rejects or 'rejects.csv')}"
    if report.errors and not allow_errors:
        return report
    if driver is None:
        report.note = report.note or "database not reachable: files validated only"
        return report
    if not dry_run:
        ensure_schema(driver)
    planned = plan(driver, validated)
    report.entities, report.links = planned.entity_counts, planned.link_counts
    report.problems += planned.problems
    if dry_run:
        return report
    total = len(planned.entities) + len(planned.links)
    report.load_id = write(driver, planned, report, progress(total) if progress and total else None)
    report.written = total > 0
    return report


def write_rejects(rejected: list[tuple[str, int, dict, str]], path: str) -> str:
    """Write rejected rows, with why, as one CSV a user can fix and load again."""
    headers = list(dict.fromkeys(h for _, _, cells, _ in rejected for h in cells if h != EXTRA_CELLS))
    with Path(path).open("w", newline="", encoding="utf-8-sig") as out:
        writer = csv.writer(out)
        writer.writerow(["File", "Row", "Problem", *headers])
        for file, number, cells, why in rejected:
            writer.writerow([file, number, why, *(cells.get(h, "") for h in headers)])
    return path
