"""Node positions computed in Python, so large views need no browser physics.

`positions` is the one the views use: igraph's Fruchterman–Reingold, about
50 times faster than ``nx.spring_layout`` on 2,000 entities on this machine
class (``bench/network_bench.py`` measures both in one run).
"""

from __future__ import annotations

import random
import threading

import igraph as ig
import networkx as nx

from graph.model import to_networkx, undirected

_RNG_LOCK = threading.Lock()  # igraph's random generator is process-wide


def spring_positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions from networkx (slow above a few hundred entities), seeded."""
    graph = undirected(to_networkx(nodes, links))
    layout = nx.spring_layout(graph, seed=seed, method="force", iterations=50)
    return {node: (float(x), float(y)) for node, (x, y) in layout.items()}


def positions(nodes: list[dict], links: list[dict], *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Force-directed positions from igraph's Fruchterman–Reingold, seeded so a view is drawn the same way."""
    from graph.metrics import to_igraph

    graph = undirected(to_networkx(nodes, links))
    if not graph:
        return {}
    g, ids = to_igraph(graph)
    with _RNG_LOCK:
        ig.set_random_number_generator(random.Random(seed))
        try:
            layout = g.layout_fruchterman_reingold(grid="auto")
        finally:
            ig.set_random_number_generator(random)
    return {node: (float(x), float(y)) for node, (x, y) in zip(ids, layout.coords, strict=True)}
