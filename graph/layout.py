"""Node positions computed in Python, so large views need no browser physics."""

from __future__ import annotations

import networkx as nx

from graph.model import to_networkx, undirected


def spring_positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions, seeded so the same view is drawn the same way."""
    graph = undirected(to_networkx(nodes, links))
    layout = nx.spring_layout(graph, seed=seed, method="force", iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}
