"""The gap analyses' faster paths against the plain ones (`bench.reference`), on the same generated graph.

Usage: ``.venv/bin/python -m bench.fast_paths [ENTITIES LINKS ...]`` (default ``1000 5000 10000 100000``); builds
each generated graph in memory (`bench.memory_graph`, no database), asks the suite's default question (the home
country's agencies, every country, three links, roll-up on; follow-ups on the graph's date) and prints, per
analysis, the seconds of each way, their ratio and whether the rows are equal (coverage cells of entities that
share a name come in another order, so those are compared in order of name and id).  A plain way expected to take
longer than `PLAIN_BUDGET` (key players beyond 1,000 entities: 270 s to 1,000 s at 2,000) is skipped and said so.
It never fails on a time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from bench import reference
from bench.memory_graph import generated_graph, home_and_targets
from graph import gaps
from graph.key_players import key_players

PLAIN_BUDGET = 300.0  # seconds
PLAIN_LIMIT = {"key_players": 1000}  # entities beyond which the plain way takes longer than the budget

Ask = Callable[[nx.MultiDiGraph, set[str], set[str]], list[dict]]
ON = "2026-11-30"  # the date of `bench.memory_graph.AS_OF`: follow-ups are asked on it


def _asked(fn: Callable[..., list[dict]], name: str) -> Ask:
    """`fn` asked the suite's question: three links for the searches, the date for follow-ups."""
    if name == "followup":
        return lambda graph, home, targets: fn(graph, home, None, on=ON)
    if name == "coverage":
        return lambda graph, home, targets: fn(graph, home, targets)
    return lambda graph, home, targets: fn(graph, home, targets, max_hops=3)


FAST: dict[str, Callable[..., list[dict]]] = {
    "reach": gaps.reach,
    "single_threads": gaps.single_threads,
    "coverage": gaps.coverage,
    "followup": gaps.followup,
    "key_players": key_players,
}
ANALYSES: dict[str, tuple[Ask, Ask]] = {
    name: (_asked(getattr(reference, name), name), _asked(fast, name)) for name, fast in FAST.items()
}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def compare(entities: int, links: int) -> None:
    """Print both ways of each analysis on one generated graph."""
    graph = generated_graph(entities, links)
    home, targets = home_and_targets(graph)
    print(
        f"\n{entities:,} entities, {links:,} links generated: {graph.number_of_nodes():,} nodes and "
        f"{graph.number_of_edges():,} links on the day; {len(home)} home agencies, {len(targets)} countries"
    )
    print(f"{'analysis':<16}{'plain s':>10}{'fast s':>10}{'ratio':>9}  rows")
    for name, (plain, fast) in ANALYSES.items():
        fast_s, fast_rows = timed(lambda: fast(graph, home, targets))  # noqa: B023 (run now)
        if entities > PLAIN_LIMIT.get(name, entities):
            print(f"{name:<16}{'skipped':>10}{fast_s:>10.3f}{'':>9}  plain way not run (over {PLAIN_BUDGET:.0f} s)")
            continue
        plain_s, plain_rows = timed(lambda: plain(graph, home, targets))  # noqa: B023 (run now)
        if name == "coverage":
            plain_rows = sorted(plain_rows, key=lambda c: (c["home_name"], c["home"], c["target_name"], c["target"]))
        same = "equal" if plain_rows == fast_rows else "DIFFERENT"
        print(f"{name:<16}{plain_s:>10.3f}{fast_s:>10.3f}{plain_s / fast_s:>8.1f}x  {same} ({len(fast_rows)} rows)")


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [1000, 5000, 10000, 100000]
    for entities, links in zip(sizes[::2], sizes[1::2], strict=True):
        compare(entities, links)


if __name__ == "__main__":
    main(sys.argv[1:])
