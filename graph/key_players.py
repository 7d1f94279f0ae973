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
the home side and one pass over the links per link of `max_hops` find them
(`within_reach`).  The graph is read into an adjacency once; each loss is
tried on it with the entity marked removed, not on a copy.  Targets and their
units are not players, nor countries (a country does not leave) nor
engagements (they have happened).
"""

from __future__ import annotations

import networkx as nx

from graph.nearest import Adjacency, adjacency, distances
from graph.rollup import Chain, Threads, UnitIndex, by_name, sides_of

NOT_PLAYERS = frozenset({"Country", "Engagement"})


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


def within_reach(adj: Adjacency, sides: dict[str, list[str]], radius: int) -> list[dict[str, int]]:
    """For each radius r up to `radius`: node -> the targets within r links of it, as bits in the order of `sides`.

    `sides` maps each target to the nodes standing for it.  One pass over the links per radius, whatever the
    number of targets (a search from each target would read the neighbourhood once per target).
    """
    level: dict[str, int] = {}
    for i, nodes in enumerate(sides.values()):
        for n in nodes:
            level[n] = level.get(n, 0) | 1 << i
    found = [level]
    for _ in range(radius):
        wider = dict(level)
        for v, bits in level.items():
            for w in adj[v]:
                wider[w] = wider.get(w, 0) | bits
        found.append(wider)
        level = wider
    return found


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
    home, targets = set(home), set(targets)
    adj = adjacency(graph)
    below = UnitIndex(graph) if rollup else None
    maps: dict[str, dict[str, Chain]] = {e: below.units(e) for e in home | targets} if below else {}
    s = sides_of(home, targets, maps)
    from_home = distances(adj, [n for n in s.home_of if n in adj], max_hops)
    reached = sorted(t for t in targets - s.home if any(n in from_home for n in s.side[t]))
    threads = Threads(graph, s, max_hops, adj=adj)
    threaded = {t for t in targets - s.home if t in adj and threads.find(t)[0]}
    # Only an entity on a way of at most max_hops links from the home side to a target can change its answer.
    near = within_reach(adj, {t: [n for n in s.side[t] if n in adj] for t in reached}, max_hops)
    rows: list[dict] = []
    for x, hops in from_home.items():
        bits = near[max_hops - hops].get(x, 0)
        if not bits or x in s.target_of or graph.nodes[x].get("kind") in NOT_PLAYERS:
            continue
        hit = {t for i, t in enumerate(reached) if bits >> i & 1}
        rest = home - {x}
        # A loss changes the units only of the entities it was a unit of.
        lost = {e: below.units(e, removed={x}) if x in maps[e] else maps[e] for e in rest | hit} if below else {}
        after = Threads(graph, sides_of(rest, hit, lost), max_hops, adj=adj, removed={x})
        cut = {t for t in hit if after.path(t) is None}
        if cut:  # the targets asked about change, and with them which units act for the home side
            after = Threads(graph, sides_of(rest, hit - cut, lost), max_hops, adj=adj, removed={x})
        single = {t for t in hit - cut - rest if after.find(t)[0]} - threaded
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
