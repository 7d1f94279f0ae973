"""The neighbourhood of one entity, cut to a size a static picture can show (pure)."""

from __future__ import annotations

import networkx as nx

from graph.model import undirected

NETWORK_CAP = 60  # entities in a static network picture


def ego_view(
    graph: nx.MultiDiGraph, center: str, *, hops: int = 2, cap: int = NETWORK_CAP
) -> tuple[nx.Graph, int, int]:
    """The entities within `hops` links of `center` as a simple graph, cut to `cap` entities.

    Falls back to 1 hop when `hops` gives more than `cap`; past that keeps the
    centre and its best-connected neighbours.  Returns (graph, hops, entities
    before the cut).
    """
    simple = undirected(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    if center not in simple:
        return nx.Graph(), hops, 0
    for radius in range(hops, 0, -1):
        ego = nx.ego_graph(simple, center, radius=radius)
        if len(ego) <= cap:
            return ego, radius, len(ego)
    ranked = sorted(set(ego) - {center}, key=lambda n: (-simple.degree(n), n))[: cap - 1]
    cut = ego.subgraph([center, *ranked])
    return cut.subgraph(nx.node_connected_component(cut, center)).copy(), radius, len(ego)
