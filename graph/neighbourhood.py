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


PICTURE_CAP = 25  # entities a network picture shows at A4 print size


def nearest(
    graph: nx.MultiDiGraph, center: str, *, hops: int = 2, cap: int = PICTURE_CAP, prefer: frozenset[str] = frozenset()
) -> tuple[nx.Graph, int, int]:
    """The `cap` entities nearest `center` within `hops` links, the most relevant first, as a simple graph.

    Nearer entities come first; at one distance those in `prefer` (the home set), then the best connected, then by
    name.  Returns (graph, the farthest distance shown, the entities within `hops` before the cut).
    """
    simple = undirected(graph)
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    if center not in simple:
        return nx.Graph(), hops, 0
    distance = nx.single_source_shortest_path_length(simple, center, cutoff=hops)
    ranked = sorted(distance, key=lambda n: (distance[n], n not in prefer, -simple.degree(n), n))[:cap]
    shown = simple.subgraph(ranked)
    shown = shown.subgraph(nx.node_connected_component(shown, center)).copy()
    return shown, max((distance[n] for n in shown), default=0), len(distance)
