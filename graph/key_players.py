"""Key players: the home-side entities whose loss would cut off or single-thread the most targets (pure).

A *loss* takes the entity and its links out of the graph, as a departure or
a program ending would (`graph.whatif` ``without``); a home entity that leaves
takes its units' roll-up with it.  A target is *cut off* when it was reached
within `max_hops` links (`graph.gaps.reach`) and no longer is, and newly
*single-threaded* when `graph.gaps.single_threads` lists it after the loss and
not before: the fragmentation the loss causes, counted in targets.

Only an entity on some path of at most `max_hops` links from the home side to
a reached target can change either answer for that target, so each entity
is tried only against those targets: one bounded breadth-first search from
the home side and one from each reached target find them.  Targets and their
units are not players, nor countries (a country does not leave) nor
engagements (they have happened).
"""

from __future__ import annotations

from collections import defaultdict
from typing import cast

import networkx as nx

from graph.gaps import reach, single_threads
from graph.model import undirected
from graph.rollup import by_name, paths_from, sides

NOT_PLAYERS = frozenset({"Country", "Engagement"})


def _distances(simple: nx.Graph, starts: list[str], radius: int) -> dict[str, int]:
    """Links from the nearest of `starts` to each node within `radius`."""
    return {n: len(path) - 1 for n, path in paths_from(simple, starts, radius).items()}


def _names(graph: nx.Graph, nodes: set[str]) -> list[str]:
    return [graph.nodes[n].get("name") or n for n in by_name(graph, nodes)]


def _reason(name: str, cut: list[str], single: list[str], max_hops: int) -> str:
    parts = []
    if cut:
        parts.append(
            f"{len(cut)} target{'s' if len(cut) != 1 else ''} would be unreached within {max_hops} links "
            f"({', '.join(cut)})"
        )
    if single:
        parts.append(f"{len(single)} would hang by one thread ({', '.join(single)})")
    return f"without {name}, " + " and ".join(parts)


def key_players(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, k: int = 10, max_hops: int = 3, rollup: bool = True
) -> list[dict]:
    """The `k` entities whose loss cuts off or single-threads the most targets, most first.

    Ties go to the entity that cuts off more, then by name.  Entities whose
    loss changes nothing are not listed.

    Returns
    -------
    list of dict
        ``rank``, ``entity`` / ``entity_name`` / ``entity_kind``, ``side``
        (``home entity``, ``home unit`` or ``intermediary``), ``cuts_off``
        (names of targets no longer reached within `max_hops`) and
        ``single_threads`` (names of targets that would newly hang by one
        thread), their counts ``cut_off`` and ``single_threaded``,
        ``targets_hit`` (both together) and ``reason`` in words.
    """
    s = sides(graph, home, targets, rollup=rollup)
    reached = [
        r["target"]
        for r in reach(graph, home, targets, max_hops=max_hops, rollup=rollup)
        if r["status"] == "reached" and not r["in_home"]
    ]
    threaded = {r["target"] for r in single_threads(graph, home, targets, max_hops=max_hops, rollup=rollup)}
    simple = undirected(graph)
    from_home = _distances(simple, [n for n in s.home_of if n in simple], max_hops)
    on_the_way: defaultdict[str, set[str]] = defaultdict(set)  # entity -> reached targets it lies on a way to
    for t in reached:
        for x, hops in _distances(simple, [n for n in s.side[t] if n in simple], max_hops).items():
            if x in from_home and from_home[x] + hops <= max_hops:
                on_the_way[x].add(t)
    rows: list[dict] = []
    for x, hit in on_the_way.items():
        if x in s.target_of or graph.nodes[x].get("kind") in NOT_PLAYERS:
            continue
        without = cast(nx.MultiDiGraph, nx.restricted_view(graph, [x], []))  # a view: nothing is copied
        rest = set(home) - {x}
        after = reach(without, rest, hit, max_hops=max_hops, rollup=rollup)
        cut = {r["target"] for r in after if r["status"] == "unreached"}
        single = {r["target"] for r in single_threads(without, rest, hit - cut, max_hops=max_hops, rollup=rollup)}
        single -= threaded
        if not cut and not single:
            continue
        name = graph.nodes[x].get("name") or x
        cuts, singles = _names(graph, cut), _names(graph, single)
        rows.append(
            {
                "entity": x,
                "entity_name": name,
                "entity_kind": graph.nodes[x].get("kind"),
                "side": "home entity" if x in home else ("home unit" if x in s.home_of else "intermediary"),
                "cuts_off": cuts,
                "single_threads": singles,
                "cut_off": len(cut),
                "single_threaded": len(single),
                "targets_hit": len(cut) + len(single),
                "reason": _reason(name, cuts, singles, max_hops),
            }
        )
    rows.sort(key=lambda r: (-r["targets_hit"], -r["cut_off"], r["entity_name"], r["entity"]))
    return [{"rank": i, **row} for i, row in enumerate(rows[:k] if k > 0 else rows, 1)]
