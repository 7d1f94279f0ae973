"""A reload of the files the graph's newest change loaded and found unchanged: said at once, nothing checked again.

A load's record keeps a fingerprint of everything its outcome depends on: each file's name and bytes, the options,
the column mappings and team wording it was read with and the loader's own code; and the day, when the load has
part-of links (the cycles they close are checked among the links open that day; nothing else a load reports or
writes depends on the day, so a nightly load of unchanged engagement records is answered every night).

When the graph's newest change is a finished load with the same fingerprint that itself found every row unchanged,
loading again would find them unchanged too and report the same problems (a load is idempotent): that report is
given back, nothing is read, checked or written, and no record is added.  Any other change since (an edit, a merge,
an undo, another load) makes the next load check every row again, as does ``recheck``.  The record of a load that
changed rows is never matched: the first reload of a load reports differently (no duplicate warnings for entities
that now exist, no replaced notes) and must check everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import neo4j

from graph.dates import local_time
from loaders.model import ColumnMapping, LoadReport, Problem, Wording
from loaders.team import SavedMapping
from queries import read

KEPT_PROBLEMS = 10_000  # a load with more keeps no fingerprint: its reload checks every row (the record stays small)
CODE = Path(__file__).resolve().parent.parent
CODE_FOLDERS = ("loaders", "graph", "queries")  # what reads, checks and writes a row
CODE_SUFFIXES = (".py", ".cypher", ".toml")


@dataclass(frozen=True)
class Fingerprint:
    """What a load's outcome depends on besides the graph: a digest (`fingerprint`) and the day, when it counts."""

    digest: str
    day: str | None = None  # ISO day; None: the load's outcome is the same on any day


@cache
def code_digest() -> str:
    """A digest of the loader's code: another version of the tool checks the same files again."""
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS:
        for path in sorted((CODE / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(path.relative_to(CODE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(
    files: Iterable[Path],
    *,
    month_first: bool,
    change_kinds: bool,
    stored: dict[str, SavedMapping],
    mappings: Iterable[ColumnMapping],
    wordings: Iterable[Wording],
) -> str:
    """What a load's outcome depends on besides the graph, as one digest.

    Parameters
    ----------
    files : paths
        The files in the order they are read; each counts by the name the report gives it and its bytes.
    stored, mappings, wordings
        The column mappings the graph keeps, the ones given to this load, and every team wording it reads with.
    """
    digest = hashlib.sha256()
    for path in files:
        with path.open("rb") as f:
            digest.update(path.name.encode() + b"\0" + hashlib.file_digest(f, "sha256").digest())
    settings = {
        "code": code_digest(),
        "month_first": month_first,
        "change_kinds": change_kinds,
        "stored": {key: dataclasses.asdict(saved) for key, saved in sorted(stored.items())},
        "mappings": [dataclasses.asdict(m) for m in mappings],
        "wordings": [dataclasses.asdict(w) for w in wordings],
    }
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def kept(report: LoadReport) -> str | None:
    """The problems a load record keeps for a later identical reload (JSON), or None when it keeps none."""
    if report.errors or report.rejected_rows or len(report.problems) > KEPT_PROBLEMS:
        return None
    return json.dumps([dataclasses.asdict(p) for p in report.problems], ensure_ascii=False)


def same_as_last(
    driver: neo4j.Driver, print_: str, files: list[str], *, today: str, dry_run: bool
) -> LoadReport | None:
    """The report of loading again, when the graph's newest change is a load of `print_` that changed nothing
    (on `today`, when its day counts).

    The counts are that load's, every row unchanged; its problems are given back as they were; `note` says which
    load it was and when.  None when the files must be checked.
    """
    found = read(driver, "last_change_load")
    if not found:
        return None
    last = found[0]
    if last["fingerprint"] != print_ or last["state"] is not None or last["problem_list"] is None:
        return None
    if last["fingerprint_day"] not in (None, today):
        return None  # its part-of cycles were checked on another day
    summary = json.loads(last["summary"] or "{}")
    counts = [*summary.get("entities", {}).values(), *summary.get("links", {}).values(), summary.get("findings", {})]
    if any(c.get("created") or c.get("updated") for c in counts):
        return None  # a first load reports what a reload does not (duplicates, replaced notes): check again
    report = LoadReport(files=files, dry_run=dry_run, same_as=last["id"])
    report.problems = [Problem(**p) for p in json.loads(last["problem_list"])]
    report.entities = {k: _unchanged(c) for k, c in summary.get("entities", {}).items()}
    report.links = {k: _unchanged(c) for k, c in summary.get("links", {}).items()}
    if summary.get("findings"):
        report.findings = _unchanged(summary["findings"])
    report.note = (
        f"These files are the ones loaded on {local_time(last['at'])} by {last['by'] or 'someone'}, byte for byte, "
        "and the graph has not changed since: nothing was checked or written again."
    )
    return report


def _unchanged(counts: dict[str, int]) -> Counter:
    return Counter(unchanged=sum(counts.values()))
