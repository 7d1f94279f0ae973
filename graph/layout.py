"""Node positions computed in Python, so large views need no browser physics."""

from __future__ import annotations

import networkx as nx


def to_networkx(nodes: list[dict], links: list[dict]) -> nx.MultiDiGraph:
    """A MultiDiGraph of the view: node attributes from `nodes`, one edge per link."""
    graph = nx.MultiDiGraph()
    graph.add_nodes_from((n["id"], n) for n in nodes)
    graph.add_edges_from((link["source"], link["target"], link) for link in links
                         if link["source"] in graph and link["target"] in graph)
    return graph


def spring_positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions, seeded so the same view is drawn the same way."""
    graph = nx.Graph(to_networkx(nodes, links))
    layout = nx.spring_layout(graph, seed=seed, method="force", iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}
