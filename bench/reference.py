"""The plain analyses as they were before the faster paths of issue 12, kept to check and measure those against.

Each function here is the earlier code, unchanged but for names and two fixes made in both ways (said in
`key_players`): `reach` ran one breadth-first search per home entity, copying a path into every node it reached;
`single_threads` searched a simple undirected copy of the graph; `key_players` re-ran both on a view of the graph
without each candidate; `coverage` and `followup` scanned a list per cell.  `tests/unit/test_fast_paths.py`
checks that the analyses of `graph/` give the same rows, and `python -m bench.fast_paths` times both ways.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Collection
from typing import cast

import networkx as nx

from graph.dates import period_end
from graph.gaps import _entity, shared_engagements
from graph.key_players import NOT_PLAYERS, player_row, ranked
from graph.model import undirected
from graph.rollup import (
    THREAD_KINDS,
    Sides,
    _name,
    by_name,
    engagements,
    paths_from,
    shortest_path,
    sides,
    unit_map,
    via_text,
)


def reach(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, max_hops: int = 3, rollup: bool = True
) -> list[dict]:
    """How many links separate each target (or its nearest unit) from the nearest home entity (or its units).

    Links are read undirected.  Returns one row per target: ``hops`` (None when
    not within `max_hops`), ``reached_by`` (home entities at that distance),
    one example ``path`` (names) per home entity, ``via`` / ``via_ids`` (the
    target's units the paths end at) and ``in_home`` (targets that are home
    entities are listed as reached in 0 links).
    """
    s = sides(graph, home, targets, rollup=rollup)
    simple = undirected(graph)
    paths = {h: paths_from(simple, [n for n in s.home_nodes(h) if n in simple], max_hops) for h in home if h in simple}
    rows = []
    for target in sorted(targets, key=lambda t: _name(graph, t)):
        found = {}
        for h, to in paths.items():
            ends = [n for n in s.side[target] if n in to]
            if ends:
                end = min(ends, key=lambda n: (len(to[n]), n != target, _name(graph, n), n))
                found[h] = (to[end], end)
        hops = min((len(p) - 1 for p, _ in found.values()), default=None)
        nearest = sorted((h for h, (p, _) in found.items() if len(p) - 1 == hops), key=lambda h: _name(graph, h))
        units = by_name(graph, {found[h][1] for h in nearest} - {target})
        rows.append(
            {
                **_entity(graph, target),
                "priority": graph.nodes[target].get("priority"),
                "hops": hops,
                "status": "reached" if hops is not None else "unreached",
                "reached_by": [_name(graph, h) for h in nearest],
                "paths": [" → ".join(_name(graph, n) for n in found[h][0]) for h in nearest],
                "via": [via_text(graph, s.side[target][u]) for u in units],
                "via_ids": units,
                "in_home": target in s.home,
            }
        )
    return rows


def single_threads(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, max_hops: int = 3, rollup: bool = True
) -> list[dict]:
    """Targets reached within `max_hops` links that hang by one thread from the home set: one row each.

    A target is taken together with its units (contracted into one node).
    ``reasons`` says each thread in words; ``threads`` gives its kind and
    ``via`` what it names, in this order of kinds: ``one home entity`` (one
    home entity links to it directly), ``home entity`` (every path within
    `max_hops` starts from one home entity or home unit), ``link`` (a link
    whose loss cuts it off from every home entity), ``entity`` (an entity
    whose loss does) and ``intermediary`` (every path within `max_hops` goes
    through it, though longer ones do not).  ``thread`` is the first kind,
    ``hops`` the distance.  Unreached targets are never single-threaded.
    """
    s = sides(graph, home, targets, rollup=rollup)
    threads = Threads(graph, s, max_hops)
    rows = []
    for t in sorted((t for t in targets - s.home if t in graph), key=lambda n: _name(graph, n)):
        said, path = threads.find(t)
        if said:
            rows.append(
                {
                    **_entity(graph, t),
                    "thread": said[0][0],
                    "via": [r[1] for r in said],
                    "threads": [r[0] for r in said],
                    "reasons": [r[2] for r in said],
                    "hops": len(path) - 1 if path else None,
                }
            )
    return rows


class Threads:
    """What targets hang on: entities and links on every path from the home side within `max_hops` links.

    A target is taken with its units as one node.  Anything on every path
    lies on any one shortest path, so only that path's entities and links are
    tried: each is removed in turn and reachability checked again, within
    `max_hops`, then without a limit (a loss that cuts the target off, or one
    that only makes the way longer).  A few breadth-first searches per target.
    """

    def __init__(self, graph: nx.MultiDiGraph, s: Sides, max_hops: int):
        self.simple = undirected(graph)
        self.adj = {n: list(nbrs) for n, nbrs in self.simple.adj.items()}
        self.s, self.max_hops = s, max_hops
        self.exclusive = defaultdict(set)  # home entity -> nodes acting for it alone (lost with it)
        for node, of in s.home_of.items():
            if len(of) == 1:
                self.exclusive[next(iter(of))].add(node)

    def path(
        self,
        target: str,
        *,
        nodes: Collection[str] = frozenset(),
        edges: Collection[tuple[str, str]] = frozenset(),
        bounded: bool = True,
    ) -> list[str] | None:
        """A shortest path from the home side to `target` or a unit, home end first, avoiding `nodes`/`edges`."""
        side = [n for n in self.s.side[target] if n in self.adj]
        limit = self.max_hops if bounded else None
        found = shortest_path(self.adj, side, self.s.home_of, cutoff=limit, nodes=nodes, edges=edges)
        return found[::-1] if found else None

    def _cut(
        self, target: str, *, nodes: Collection[str] = frozenset(), edges: Collection[tuple[str, str]] = frozenset()
    ) -> tuple[bool, bool]:
        """(cut off within `max_hops`, cut off altogether) without `nodes` and `edges`."""
        within = self.path(target, nodes=nodes, edges=edges) is None
        return within, within and self.path(target, nodes=nodes, edges=edges, bounded=False) is None

    def find(self, target: str) -> tuple[list[tuple[str, str, str]], list[str] | None]:
        """The threads of `target` as (kind, what it names, reason in words), and the shortest path.

        ([], None) when `target` is unreached.  Kinds, in this order:
        ``one home entity``, ``home entity``, ``link``, ``entity``,
        ``intermediary`` (see `graph.gaps.single_threads`).
        """
        found, path = self._find(target)
        said = [self._say(target, *thread) for thread in found]
        return sorted(said, key=lambda r: THREAD_KINDS.index(r[0])), path  # stable: path order within a kind

    def _say(self, t: str, kind: str, node: str, ends: list[str]) -> tuple[str, str, str]:
        """One thread of `_find` in words."""
        graph, s = self.simple, self.s
        name = _name(graph, node)
        if kind == "one home entity":
            units = "; ".join(via_text(graph, s.side[t][n]) for n in by_name(graph, ends))
            return kind, name, f"only {name} links to it directly" + ("" if t in ends else f" (to {units})")
        if kind in ("home unit", "home entity"):
            text = ", part of ".join(_name(graph, n) for n in s.home_chain[node])
            return "home entity", text, f"only through {text}"
        if kind == "link":
            label = f"{name} — {_name(graph, ends[0]) if len(ends) == 1 else _name(graph, t)}"
            return kind, label, f"losing the link {label} cuts it off from every home entity"
        if kind == "entity":
            return kind, name, f"losing {name} cuts it off from every home entity"
        return kind, name, f"every path within {self.max_hops} links goes through {name}"

    def _find(self, target: str) -> tuple[list[tuple[str, str, list[str]]], list[str] | None]:
        """Threads as (kind, node, ends), in path order within a kind.

        ``one home entity`` (the only one linked to the target's `ends`), ``home
        unit`` / ``home entity`` (every path starts there), ``link`` (node —
        `ends`, a bridge), ``entity`` (its loss cuts the target off),
        ``intermediary`` (every path within `max_hops` passes it).
        """
        s, path = self.s, self.path(target)
        if path is None:
            return [], None
        side = [n for n in s.side[target] if n in self.adj]
        found = []
        linked = {n: {h for m in self.adj[n] if m in s.home_of for h in s.home_of[m]} for n in side}
        direct = set().union(*linked.values())
        if len(direct) == 1:
            found.append(("one home entity", next(iter(direct)), [n for n in side if linked[n]]))
        source = path[0]
        unit_cut = source not in s.home and self._cut(target, nodes={source})[0]
        if unit_cut:
            found.append(("home unit", source, []))
        for h in by_name(self.simple, s.home_of[source]):
            if not (unit_cut and source in self.exclusive[h]) and self._cut(target, nodes=self.exclusive[h] | {h})[0]:
                found.append(("home entity", h, []))  # unless the unit's thread already implies it
        for a, b in itertools.pairwise(path):
            ends = [b] if b != path[-1] else [n for n in side if n in self.simple.adj[a]]  # every unit at the end
            if self._cut(target, edges={(a, n) for n in ends} | {(n, a) for n in ends})[1]:
                found.append(("link", a, ends))
        for x in path[1:-1]:
            within, altogether = self._cut(target, nodes={x})
            if within:
                found.append(("entity" if altogether else "intermediary", x, []))
        return found, path


def _distances(simple: nx.Graph, starts: list[str], radius: int) -> dict[str, int]:
    """Links from the nearest of `starts` to each node within `radius`."""
    return {n: len(path) - 1 for n, path in paths_from(simple, starts, radius).items()}


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
    if rollup:  # the fix of issue 12: a home entity or unit reaches as far as the units acting through it
        for x in list(s.home_of):
            for unit in unit_map(graph, [x])[x]:
                on_the_way[x] |= on_the_way.get(unit, set())
    rows: list[dict] = []
    for x, hit in on_the_way.items():
        if x in s.target_of or graph.nodes[x].get("kind") in NOT_PLAYERS:
            continue
        without = cast(nx.MultiDiGraph, nx.restricted_view(graph, [x], []))  # a view: nothing is copied
        rest = set(home) - {x}
        # Asked with every target, not only those hit: a target stays a target (the earlier code asked about the
        # targets hit alone, so that the others that were units of a home entity briefly acted for it).
        after = reach(without, rest, targets, max_hops=max_hops, rollup=rollup)
        cut = {r["target"] for r in after if r["status"] == "unreached"} & hit
        single = {r["target"] for r in single_threads(without, rest, targets, max_hops=max_hops, rollup=rollup)}
        single = (single & hit) - cut - threaded
        if not cut and not single:
            continue
        rows.append(player_row(graph, x, home, s, cut, single, max_hops))
    return ranked(rows, k)


def coverage(graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, rollup: bool = True) -> list[dict]:
    """The home x target matrix as rows: direct links by type, last shared engagement, shared agreements.

    Pairs with nothing in common are included (with zeros): they are the gaps.
    With roll-up a cell counts what the home entity or its units share with
    the target or its units; ``via`` / ``via_ids`` name the target's units and
    ``home_via`` the home entity's units that the cell's links, last engagement
    and agreements came through.
    """
    s = sides(graph, home, targets, rollup=rollup)
    engaged = engagements(graph, s)
    types: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    via: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    home_via: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    agreements: defaultdict[str, set[str]] = defaultdict(set)
    for u, v, data in graph.edges(data=True):
        rel_type = data.get("type", "")
        if rel_type == "PARTY_TO":
            agreements[u].add(v)
        for a, b in ((u, v), (v, u)):
            for h in s.home_of.get(a, ()):
                for t in s.target_of.get(b, set()) - {h}:
                    types[h, t].add(rel_type)
                    via[h, t].update({b} - {t})
                    home_via[h, t].update({a} - {h})
    theirs = {t: set().union(*(agreements[n] for n in s.side[t])) for t in targets}
    rows = []
    for h in sorted(home, key=lambda n: _name(graph, n)):
        ours = s.home_nodes(h)
        held = set().union(*(agreements[n] for n in ours))
        for t in sorted(targets - {h}, key=lambda n: _name(graph, n)):
            cell = (h, t)
            shared = held & theirs[t]
            via[cell].update(n for n in s.side[t] if n != t and agreements[n] & shared)
            home_via[cell].update(n for n in ours if n != h and agreements[n] & shared)
            last = next((e for e in engaged.get(t, []) if h in e["home"]), None)
            if last:
                via[cell].update(last["via_ids"])
                home_via[cell].update(u for u in last["home_via_ids"] if h in s.home_of[u])
            units = by_name(graph, via[cell])
            rows.append(
                {
                    **_entity(graph, h, "home"),
                    **_entity(graph, t),
                    "direct_links": sorted(types[cell]),
                    "links": len(types[cell]),
                    "last_engagement": last and last["date"],
                    "shared_agreements": sorted(_name(graph, a) for a in shared),
                    "score": len(types[cell]) + (1 if last else 0) + len(shared),
                    "via": [via_text(graph, s.side[t][u]) for u in units],
                    "via_ids": units,
                    "home_via": [via_text(graph, s.home_chain[u]) for u in by_name(graph, home_via[cell])],
                }
            )
    return rows


def followup(
    graph: nx.MultiDiGraph,
    home: set[str],
    agreements: set[str] | None,
    *,
    on: str,
    window_days: int = 90,
    rollup: bool = True,
) -> list[dict]:
    """Parties to agreements that no home entity has engaged since they joined, and ends coming up.

    `agreements` limits the agreements looked at (None: every ``Agreement``).
    With roll-up a party is engaged when one of its units is; ``via`` names the
    units of the last engagement.
    """
    agreements = agreements or {n for n, data in graph.nodes(data=True) if data.get("kind") == "Agreement"}
    parties = {u for u, v, d in graph.edges(data=True) if d.get("type") == "PARTY_TO" and v in agreements} - home
    engaged = shared_engagements(graph, home, parties, rollup=rollup, on=on)
    horizon = (dt.date.fromisoformat(on) + dt.timedelta(days=window_days)).isoformat()
    rows = []
    edges = sorted(graph.edges(data=True), key=lambda e: (_name(graph, e[1]), _name(graph, e[0])))
    for party, agreement, data in edges:
        if data.get("type") != "PARTY_TO" or agreement not in agreements:
            continue
        row = {
            "agreement": agreement,
            "agreement_name": _name(graph, agreement),
            **_entity(graph, party, "party"),
            "role": data.get("role"),
            "joined": data.get("since"),
            "until": data.get("until"),
        }
        if party not in home:
            since = data.get("since") or ""
            later = [e for e in engaged.get(party, []) if period_end(e["date"]).isoformat() >= since]
            if not later:
                last = next(iter(engaged.get(party, [])), None)
                rows.append(
                    {
                        **row,
                        "issue": "no engagement since joining",
                        "last_engagement": last and last["date"],
                        "via": last["via"] if last else [],
                    }
                )
        until = data.get("until")
        if until and on[: len(until)] <= until <= horizon:
            rows.append({**row, "issue": f"ends within {window_days} days", "last_engagement": None, "via": []})
    return rows
