"""Layout and centrality: networkx against the igraph engine the views use, measured in one run.

    .venv/bin/python -m bench.network_bench [--nodes 2000] [--links 5000]

Prints seconds and ratios; never fails on a time. The graph is a seeded random
preferential-attachment graph shaped like a stakeholder network (a few hubs).
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import networkx as nx

from graph import metrics
from graph.layout import positions, spring_positions


def synthetic(nodes: int, links: int, seed: int = 7) -> tuple[list[dict], list[dict], nx.Graph]:
    """Plain node and link rows of a seeded scale-free graph, and the same graph in networkx."""
    graph = nx.barabasi_albert_graph(nodes, max(1, round(links / nodes)), seed=seed)
    graph = nx.relabel_nodes(graph, {n: f"e{n}" for n in graph})
    rows = [{"id": n} for n in graph]
    return rows, [{"source": u, "target": v} for u, v in graph.edges()], graph


def networkx_layout(rows: list[dict], links: list[dict]) -> dict:
    """nx.spring_layout (needs scipy above 500 nodes); else nx.forceatlas2_layout, numpy only."""
    try:
        import scipy  # type: ignore[import-untyped]  # noqa: F401  (scipy ships no type stubs)
    except ImportError:
        graph = nx.Graph([(x["source"], x["target"]) for x in links])
        graph.add_nodes_from(r["id"] for r in rows)
        return nx.forceatlas2_layout(graph, seed=7)
    return spring_positions(rows, links)


def timed(fn, *args, **kwargs) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


try:
    import scipy  # noqa: F401

    NX_LAYOUT = "nx.spring_layout"
except ImportError:
    NX_LAYOUT = "nx.forceatlas2_layout"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--links", type=int, default=5000)
    args = parser.parse_args()
    rows, links, graph = synthetic(args.nodes, args.links)
    print(f"graph: {graph.number_of_nodes():,} entities, {graph.number_of_edges():,} links")
    pairs = [
        (
            "layout",
            lambda: networkx_layout(rows, links),
            lambda: positions(rows, links),
            NX_LAYOUT,
            "igraph Fruchterman-Reingold",
        ),
        (
            "betweenness (exact)",
            lambda: nx.betweenness_centrality(graph),
            lambda: metrics.betweenness(graph),
            "networkx",
            "igraph",
        ),
        ("closeness", lambda: nx.closeness_centrality(graph), lambda: metrics.closeness(graph), "networkx", "igraph"),
    ]
    for what, slow, fast, slow_name, fast_name in pairs:
        slow_s, slow_out = timed(slow)
        fast_s, fast_out = timed(fast)
        line = f"{what:<20} {slow_name} {slow_s:7.2f} s | {fast_name} {fast_s:6.2f} s | ratio {slow_s / fast_s:6.1f}x"
        if what != "layout":
            line += f" | max difference {max(abs(slow_out[n] - fast_out[n]) for n in graph):.1e}"
        print(line, flush=True)
    k = metrics.SAMPLE_K
    sampled_s, _ = timed(metrics.betweenness, graph, exact_limit=0, k=min(k, graph.number_of_nodes()))
    print(f"betweenness sampled k={k} (igraph, used above {metrics.EXACT_LIMIT:,} entities): {sampled_s:.2f} s")


if __name__ == "__main__":
    main()
