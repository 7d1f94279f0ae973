"""The whole graph as networkx, read from Neo4j for the pure analytics in `graph/`."""

from __future__ import annotations

import neo4j
import networkx as nx

from graph.model import to_networkx
from queries import read


def iso(as_of) -> str | None:
    """An as-of value (date or text) as ISO text, or None."""
    return as_of.isoformat() if hasattr(as_of, "isoformat") else (as_of or None)


def graph_version(driver: neo4j.Driver) -> tuple:
    """A key that changes whenever a load, a merge, an undo or a count changes: what a cached graph is valid for."""
    row = read(driver, "graph_version")[0]
    return row["entities"], row["links"], row["loads"], row["last_change"], row["last_id"]


def load_graph(driver: neo4j.Driver, *, as_of=None, types=None) -> nx.MultiDiGraph:
    """Every entity, and the links active on `as_of` of the given `types`, as a MultiDiGraph.

    Entities dated after `as_of` (engagements that had not happened) are left out.
    """
    as_of = iso(as_of)
    nodes = [n for n in read(driver, "entity_table") if not (as_of and (n["date"] or "") > as_of)]
    links = read(driver, "active_links", as_of=as_of, types=list(types) if types else None)
    return to_networkx(nodes, links)
