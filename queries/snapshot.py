"""The whole graph (every entity, every link whatever its dates) kept in a file per graph version, so that the
app's sessions and processes and the command line read it from Neo4j once per change, not once per question.

A snapshot is the pickled `queries.graphs.load_graph` of one database at one `graph_version` (which names the
latest change by its id, so a wiped and reloaded database is never taken for the old one), in `snapshot_dir`:
``SGE_SNAPSHOTS``, else ``~/.cache/stakeholder-graph-explorer``, a folder only its user can read (a pickle is
code to whoever can write it).  ``SGE_SNAPSHOTS=off`` reads from Neo4j every time.  A missing, partial or
unreadable file is read again from Neo4j and rewritten (written to a temporary name, then renamed, so a reader
never sees half a file); the `KEEP` newest are kept.  The graph on a date is derived from it
(`graph.model.on_date`), as ``load_graph(as_of=...)`` would read it.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path

import neo4j
import networkx as nx

from graph.collection import collector_held
from graph.model import on_date
from queries import cypher
from queries.connection import settings
from queries.graphs import graph_version, load_graph

KEEP = 4  # snapshot files kept: a few databases or versions side by side
ENV = "SGE_SNAPSHOTS"


def snapshot_dir() -> Path | None:
    """Where snapshots live, or None when they are off."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.lower() == "off":
        return None
    return Path(chosen).expanduser() if chosen else Path.home() / ".cache" / "stakeholder-graph-explorer"


def _path(folder: Path, version: tuple) -> Path:
    config = settings()
    # The reading queries are in the key too: a snapshot written before a query read a new column is not reused.
    reads = [cypher("entity_table"), cypher("active_links")]
    named = json.dumps([config.uri, config.database, list(version), reads], default=str)
    key = hashlib.sha256(named.encode()).hexdigest()
    return folder / f"history-{key[:20]}.pickle"


def _read(path: Path) -> nx.MultiDiGraph | None:
    try:
        with path.open("rb") as stream, collector_held():  # the graph's objects, none freed meanwhile
            graph = pickle.load(stream)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None
    return graph if isinstance(graph, nx.MultiDiGraph) else None


def _save(folder: Path, path: Path, graph: nx.MultiDiGraph) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-", suffix=".pickle")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(graph, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in sorted(folder.glob("history-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the graph was read, only the snapshot is missing


def history(driver: neo4j.Driver) -> nx.MultiDiGraph:
    """Every entity and every link whatever its dates: ``load_graph(driver)``, from the snapshot when there is one."""
    folder = snapshot_dir()
    if folder is None:
        return load_graph(driver)
    version = graph_version(driver)  # read first: a change meanwhile gives a newer version, never a stale file
    path = _path(folder, version)
    graph = _read(path)
    if graph is None:
        graph = load_graph(driver)
        _save(folder, path, graph)
    return graph


def graphs(driver: neo4j.Driver) -> Callable[[str | None], nx.MultiDiGraph]:
    """``graphs(on)``: the graph on date `on` (None: every link whatever its dates), the history read once."""
    whole: list[nx.MultiDiGraph] = []

    def graph_on(on: str | None) -> nx.MultiDiGraph:
        if not whole:
            whole.append(nx.freeze(history(driver)))
        # Frozen, as the app's: what analyses work out from a graph is kept while it cannot change (graph.memo).
        return whole[0] if on is None else nx.freeze(on_date(whole[0], on))

    return graph_on
