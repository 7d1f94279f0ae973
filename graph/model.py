"""The networkx model of the stakeholder graph, built from plain query rows."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from graph.collection import collector_held

#: Properties the loader keeps for its own bookkeeping: provenance and lookup keys, not facts users wrote.
BOOKKEEPING = frozenset(
    {"loaded_from", "loaded_at", "updated_at", "load_id", "aliases_text", "key", "merged_from", "merged_ids"}
)


def to_networkx(nodes: list[dict], links: list[dict]) -> nx.MultiDiGraph:
    """A MultiDiGraph: node attributes from `nodes` (keyed by ``id``), one edge per link.

    Links whose ends are not among `nodes` are left out.
    """
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    with collector_held():  # a graph's worth of new dicts: see graph.collection
        graph.add_nodes_from((n["id"], n) for n in nodes)
        graph.add_edges_from(
            (link["source"], link["target"], link)
            for link in links
            if link["source"] in graph and link["target"] in graph
        )
    return graph


def link_active(since: str | None, until: str | None, on: str) -> bool:
    """Whether a link counts on `on`, exactly as the as-of queries in `queries/` decide it.

    ``since <= on`` (or no start) and ``until >= on`` cut to the length of
    ``until`` (a partial end such as ``2022-07`` covers its whole month), as text.
    """
    return (since is None or since <= on) and (until is None or until >= on[: len(until)])


def on_date(history: nx.MultiDiGraph, on: str | None, types: Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The graph as on `on` from one that holds every link whatever its dates: what ``load_graph(as_of=on)`` reads.

    Entities dated after `on` (engagements that had not happened) are left
    out, with their links; links are kept when active on `on` and of `types`
    (None: all).  Attribute dicts are shared with `history`, not copied.
    """
    wanted = None if types is None else set(types)
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    with collector_held():  # 1.7-2.2 s with the collector at 10,000/100,000, 0.5 s without (graph.collection)
        graph.add_nodes_from((n, d) for n, d in history.nodes(data=True) if not (on and (d.get("date") or "") > on))
        graph.add_edges_from(
            (u, v, d)
            for u, v, d in history.edges(data=True)
            if u in graph
            and v in graph
            and (wanted is None or d.get("type") in wanted)
            and (on is None or link_active(d.get("since"), d.get("until"), on))
        )
    return graph


def undirected(graph: nx.Graph) -> nx.Graph:
    """The simple undirected graph of `graph`: one edge per linked pair, whatever the types."""
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from(graph.edges())
    return simple


def as_simple(graph: nx.Graph) -> nx.Graph:
    """`graph` itself when it is already simple and undirected, else `undirected(graph)`."""
    return graph if type(graph) is nx.Graph else undirected(graph)
