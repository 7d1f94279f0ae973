"""The networkx model of the stakeholder graph, built from plain query rows."""

from __future__ import annotations

import networkx as nx

#: Properties the loader keeps for its own bookkeeping: provenance and lookup keys, not facts users wrote.
BOOKKEEPING = frozenset({"loaded_from", "loaded_at", "updated_at", "load_id", "aliases_text", "key", "merged_from"})


def to_networkx(nodes: list[dict], links: list[dict]) -> nx.MultiDiGraph:
    """A MultiDiGraph: node attributes from `nodes` (keyed by ``id``), one edge per link.

    Links whose ends are not among `nodes` are left out.
    """
    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_nodes_from((n["id"], n) for n in nodes)
    graph.add_edges_from(
        (link["source"], link["target"], link) for link in links if link["source"] in graph and link["target"] in graph
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
