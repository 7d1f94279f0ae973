"""Centrality of entities in the undirected network: degree, betweenness, PageRank, closeness (pure).

Every function takes the networkx graph the project speaks (a MultiDiGraph of
entities and links) and reads it as a simple undirected graph: a pair of
entities is linked when any link joins them, whatever its type or direction.
The heavy lifting runs in igraph (compiled), chosen on numbers measured in
``bench/network_bench.py``: exact betweenness of 2,000 entities takes about
0.3 s there against 14 s in networkx. Results are plain ``{id: number}`` dicts.
"""

from __future__ import annotations

import random

import igraph as ig
import networkx as nx

from graph.model import as_simple

EXACT_LIMIT = 5000  #: betweenness is exact up to this many entities ...
SAMPLE_K = 500  #: ... and estimated from this many seeded source entities above it


def to_igraph(simple: nx.Graph) -> tuple[ig.Graph, list]:
    """An igraph copy of a simple undirected graph, and the node ids in igraph's vertex order."""
    ids = list(simple.nodes)
    index = {node: i for i, node in enumerate(ids)}
    return ig.Graph(n=len(ids), edges=[(index[u], index[v]) for u, v in simple.edges() if u != v]), ids


def degree(graph: nx.Graph) -> dict[str, int]:
    """Distinct neighbours of each entity (links in either direction, several links to one neighbour count once)."""
    simple = as_simple(graph)
    return {node: sum(1 for other in simple[node] if other != node) for node in simple}


def link_count(graph: nx.Graph) -> dict[str, int]:
    """Links touching each entity, every link counted (in and out)."""
    return dict(graph.degree())


def betweenness_method(n_nodes: int, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_K) -> str:
    """How :func:`betweenness` computes for a graph of `n_nodes`: ``"exact"`` or ``"sampled k=K"``."""
    return "exact" if n_nodes <= exact_limit or k >= n_nodes else f"sampled k={k}"


def betweenness(
    graph: nx.Graph, *, exact_limit: int = EXACT_LIMIT, k: int = SAMPLE_K, seed: int = 7
) -> dict[str, float]:
    """Normalised betweenness: the share of shortest paths between other pairs that pass through each entity.

    Parameters
    ----------
    graph : networkx graph
        Read as simple and undirected.
    exact_limit : int
        Exact (Brandes) up to this many entities.
    k, seed : int
        Above `exact_limit`, shortest paths are counted from `k` source
        entities drawn with `seed` and scaled by n/k (as networkx's ``k=``).

    Returns
    -------
    dict
        ``{id: value}``, normalised by ``(n-1)(n-2)/2`` as networkx does, so
        values of graphs of different sizes compare.
    """
    simple = as_simple(graph)
    n = simple.number_of_nodes()
    if n < 3:
        return dict.fromkeys(simple, 0.0)
    g, ids = to_igraph(simple)
    if betweenness_method(n, exact_limit, k) == "exact":
        raw = g.betweenness(directed=False)
    else:
        index = {node: i for i, node in enumerate(ids)}  # drawn from sorted ids: independent of read order
        sources = [index[node] for node in random.Random(seed).sample(sorted(ids, key=str), k)]
        # Paths from k of the n entities, scaled up to all n (igraph halves undirected pairs itself).
        raw = [value * n / k for value in g.betweenness(directed=False, sources=sources)]
    scale = 2.0 / ((n - 1) * (n - 2))
    return {node: value * scale for node, value in zip(ids, raw, strict=True)}


def pagerank(graph: nx.Graph, *, damping: float = 0.85) -> dict[str, float]:
    """PageRank on the undirected network (sums to 1): high for entities linked to well-linked entities."""
    simple = as_simple(graph)
    if not simple:
        return {}
    g, ids = to_igraph(simple)
    return dict(zip(ids, g.pagerank(directed=False, damping=damping), strict=True))


def closeness(graph: nx.Graph) -> dict[str, float]:
    """Closeness with the Wasserman–Faust correction for a network in pieces (as networkx's default).

    ``(r-1)/sum(d) * (r-1)/(n-1)`` where `r` is how many entities (itself
    included) an entity reaches, and `d` the distances to them; 0 when alone.
    """
    simple = as_simple(graph)
    n = simple.number_of_nodes()
    if n < 2:
        return dict.fromkeys(simple, 0.0)
    g, ids = to_igraph(simple)
    reached = [0] * n
    for members in g.connected_components():
        for vertex in members:
            reached[vertex] = len(members)
    values = g.closeness(normalized=True)  # (r-1)/sum(d) within the reachable part; nan when alone
    return {node: 0.0 if reached[i] < 2 else values[i] * (reached[i] - 1) / (n - 1) for i, node in enumerate(ids)}
