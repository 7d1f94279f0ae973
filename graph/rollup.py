"""Roll-up: what an entity stands for when users ask about countries and organisations.

A **country** stands for its government agencies (``Agency`` nodes whose
``country`` attribute is the country's id, or with a ``BASED_IN`` link to it)
and, transitively, for their units.  Forums, NGOs, companies, programs and
international organisations based in a country are not the country.  Any
entity stands for its **units**: entities with a ``PART_OF`` link into it, at
any depth.  A unit counts only while its ``PART_OF`` (or ``BASED_IN``) link is
active on the date asked about.

Roll-up applies to both sides of a gap analysis: a target is engaged when one
of its units is, and a home entity acts through its units.  A unit that is
itself in the home set, or is itself a target, stays what it is: it is not
rolled into another home entity; and a unit of a home entity is never a
target's unit (home wins).

Also here, since they work on the rolled-up sides: the engagements a target
shared with the home side, and the searches of `reach` and `single_threads`.
"""

from __future__ import annotations

import functools
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass

import networkx as nx

from graph.dates import active, period_end
from graph.memo import kept_while_frozen
from graph.nearest import Adjacency, adjacency

Chain = list[str]  # ids from a unit up to the entity it stands for, both included
THREAD_KINDS = ("one home entity", "home entity", "link", "entity", "intermediary")


@kept_while_frozen
def _index(graph: nx.MultiDiGraph, on: str | None) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Children by ``PART_OF`` and agencies by country, from one pass over the links (kept for a frozen graph)."""
    children: dict[str, set[str]] = defaultdict(set)
    agencies: dict[str, set[str]] = defaultdict(set)
    kinds = graph.nodes
    for source, target, data in graph.edges(data=True):
        rel_type = data.get("type")
        if rel_type not in ("PART_OF", "BASED_IN") or not active(data.get("since"), data.get("until"), on):
            continue
        if rel_type == "PART_OF":
            children[target].add(source)
        elif kinds[source].get("kind") == "Agency" and kinds[target].get("kind") == "Country":
            agencies[target].add(source)
    for node, data in graph.nodes(data=True):
        country = data.get("country")
        if data.get("kind") == "Agency" and isinstance(country, str) and country in graph:
            if kinds[country].get("kind") != "Country":
                continue
            agencies[country].add(node)
    # Sorted so that which of two equally short chains is shown does not depend on load order.
    return {k: sorted(v) for k, v in children.items()}, {k: sorted(v) for k, v in agencies.items()}


def unit_map(graph: nx.MultiDiGraph, entities: Iterable[str], *, on: str | None = None) -> dict[str, dict[str, Chain]]:
    """For each entity, its units and the chain from each unit up to it.

    Parameters
    ----------
    graph
        The graph; ``PART_OF``/``BASED_IN`` links count when active on `on`.
    entities
        Ids to roll up (ids not in `graph` get no units).
    on
        ISO date; None ignores link dates.

    Returns
    -------
    dict
        Entity id -> {unit id: [unit, ..., entity]}, the shortest chain; the
        entity itself is not among its units, even through a ``PART_OF`` cycle.
    """
    below = UnitIndex(graph, on)
    return {entity: below.units(entity) for entity in entities}


class UnitIndex:
    """The ``PART_OF`` and country links of a graph read once, for the units of many entities (`unit_map`)."""

    def __init__(self, graph: nx.MultiDiGraph, on: str | None = None):
        self.graph = graph
        self.children, self.agencies = _index(graph, on)

    def units(self, entity: str, *, removed: Collection[str] = frozenset()) -> dict[str, Chain]:
        """Unit id -> the shortest chain up to `entity`, as if `removed` were not in the graph."""
        if entity not in self.graph or entity in removed:
            return {}
        kinds = self.graph.nodes
        chains: dict[str, Chain] = {entity: [entity]}
        level = [entity]
        while level:  # breadth first, so each chain is a shortest one; `chains` stops cycles
            following = []
            for parent in level:
                below = self.children.get(parent, [])
                if parent == entity and kinds[parent].get("kind") == "Country":
                    below = self.agencies.get(parent, []) + below
                for child in below:
                    if child not in chains and child not in removed:
                        chains[child] = [child, *chains[parent]]
                        following.append(child)
            level = following
        del chains[entity]
        return chains


def units(graph: nx.MultiDiGraph, entity: str, *, on: str | None = None) -> dict[str, Chain]:
    """Units of one entity: unit id -> chain of ids from the unit up to `entity` (see `unit_map`)."""
    return unit_map(graph, [entity], on=on)[entity]


def via_text(graph: nx.Graph, chain: Chain) -> str:
    """The unit end of `chain` in words: ``Fiji Police Force``, ``Cyber Unit, part of Fiji Police Force``.

    The entity at the top of the chain is not named (the row already names it);
    a chain of the entity alone gives ``""``.
    """
    return ", part of ".join(graph.nodes[n].get("name") or n for n in chain[:-1])


@dataclass
class Sides:
    """The home set and the targets of an analysis with what each stands for.

    ``home_of`` maps every node acting for the home set to the home entities
    it acts for (a home entity to itself); ``side`` maps each target to the
    nodes standing for it, each with its chain (the target to ``[target]``).
    Home entities that are also targets stand only for themselves.
    """

    home: set[str]
    home_of: dict[str, set[str]]
    home_chain: dict[str, Chain]
    side: dict[str, dict[str, Chain]]

    @functools.cached_property
    def target_of(self) -> dict[str, set[str]]:
        """Node -> the targets it stands for (built when first asked: `graph.key_players` makes many `Sides`)."""
        found: dict[str, set[str]] = {}
        for target, nodes in self.side.items():
            for node in nodes:
                found.setdefault(node, set()).add(target)
        return found

    @functools.cached_property
    def acting(self) -> dict[str, list[str]]:
        """Home entity -> the nodes acting for it, itself first (built when first asked)."""
        found: dict[str, list[str]] = {}
        for node, of in self.home_of.items():
            for entity in of:
                acting = found.setdefault(entity, [entity])
                if node != entity:
                    acting.append(node)
        return found

    def home_nodes(self, entity: str) -> list[str]:
        """Nodes acting for home entity `entity` (itself first)."""
        return self.acting.get(entity, [entity])


def sides(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, rollup: bool = True, on: str | None = None
) -> Sides:
    """Roll up `home` and `targets` (see the module docstring); ``rollup=False`` makes each stand for itself."""
    home, targets = set(home), set(targets)
    maps = unit_map(graph, home | targets, on=on) if rollup else {}
    return sides_of(home, targets, maps)


def sides_of(
    home: set[str], targets: set[str], maps: Mapping[str, dict[str, Chain]], *, asked: Iterable[str] | None = None
) -> Sides:
    """The `Sides` of `home` and `targets` given the units of each (`unit_map`; none for an entity not in `maps`).

    `asked`, when given, are the only targets whose sides are built (``side`` lists no other; the others still
    count as targets, so their units are not home units): `graph.key_players` asks a few after each loss.
    """
    others = targets - home
    home_of = {h: {h} for h in home}
    home_chain = {h: [h] for h in home}
    for h in sorted(home):
        for unit, chain in maps.get(h, {}).items():
            if unit not in home and unit not in others:
                home_of.setdefault(unit, set()).add(h)
                home_chain.setdefault(unit, chain)
    side = {}
    for t in targets if asked is None else targets.intersection(asked):
        side[t] = {t: [t]}
        if t not in home:
            side[t].update((u, chain) for u, chain in maps.get(t, {}).items() if u not in home_of)
    return Sides(home, home_of, home_chain, side)


def shortest_path(
    adj: Mapping[str, Iterable[str]],
    starts: Iterable[str],
    goals: set[str] | dict,
    *,
    cutoff: int | None = None,
    nodes: Collection[str] = frozenset(),
    edges: Collection[tuple[str, str]] = frozenset(),
) -> list[str] | None:
    """A shortest path (list of ids) from any of `starts` to any of `goals`, or None.

    Avoids `nodes` and the links in `edges` (pairs, both orders listed) and
    takes at most `cutoff` links (None: no limit).  Starts are not goals.
    """
    parent: dict[str, str | None] = {s: None for s in starts if s not in nodes}
    seen = set(nodes).union(parent)  # one test per neighbour: visited or avoided
    level, depth = list(parent), 0
    while level and (cutoff is None or depth < cutoff):
        depth += 1
        following = []
        for v in level:
            for w in adj.get(v, ()):
                if w in seen or (edges and (v, w) in edges):  # no pair built when no link is avoided
                    continue
                seen.add(w)
                parent[w] = v
                if w in goals:
                    path = [w]
                    step = parent[w]
                    while step is not None:
                        path.append(step)
                        step = parent[step]
                    return path[::-1]
                following.append(w)
        level = following
    return None


@kept_while_frozen
def participants(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Engagement id -> ids of the entities that took part in it (kept for a frozen graph: read it only)."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, target, data in graph.edges(data=True):
        if data.get("type") == "PARTICIPATED_IN" and graph.nodes[target].get("kind") == "Engagement":
            found[target].add(source)
    return dict(found)


@kept_while_frozen
def names(graph: nx.Graph) -> dict[str, str]:
    """Node -> its name (its id when it has none), as `_name` gives it; kept for a frozen graph: read it only."""
    return {node: data.get("name") or node for node, data in graph.nodes(data=True)}


def by_name(graph: nx.Graph, nodes: Iterable[str], name: Mapping[str, str] | None = None) -> list[str]:
    """`nodes` sorted by name, then id; `name` is `names(graph)` when the caller holds it (many sorts, one dict)."""
    if name is None:
        return sorted(nodes, key=lambda n: (_name(graph, n), n))
    return sorted(nodes, key=lambda n: (name[n], n))


def _name(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node].get("name") or node


def engagements(graph: nx.MultiDiGraph, s: Sides) -> dict[str, list[dict]]:
    """Target id -> dated engagements it (or a unit) shared with the home side, newest first (see `gaps`)."""
    found: dict[str, list[dict]] = defaultdict(list)
    name = names(graph)
    for engagement, people in participants(graph).items():
        date = graph.nodes[engagement].get("date")
        acting = [p for p in people if p in s.home_of]
        ours = sorted({h for p in acting for h in s.home_of[p]})
        if not date or not ours:
            continue
        home_units = by_name(graph, (p for p in acting if p not in s.home), name)
        home_via = [via_text(graph, s.home_chain[u]) for u in home_units]  # the same for each target: worded once
        # The targets each participant stands for, in one pass over them (a summit's hundreds of participants were
        # read again for each target among them).
        standing_for: dict[str, list[str]] = {}
        for p in people:
            for t in s.target_of.get(p, ()):
                standing_for.setdefault(t, []).append(p)
        for target, for_it in standing_for.items():
            if target in s.home:
                continue
            took = [] if target in people else by_name(graph, for_it, name)
            found[target].append(
                {
                    "engagement": engagement,
                    "date": date,
                    "home": ours,
                    "via": [via_text(graph, s.side[target][u]) for u in took],
                    "via_ids": took,
                    "home_via": list(home_via),
                    "home_via_ids": list(home_units),
                }
            )
    for items in found.values():
        items.sort(key=lambda e: (period_end(e["date"]), e["engagement"]), reverse=True)  # period_end is cached
    return found


def paths_from(simple: nx.Graph, starts: list[str], cutoff: int) -> dict[str, list[str]]:
    """Node -> a shortest path to it from the nearest of `starts`, breadth first in adjacency order (as networkx)."""
    paths = {s: [s] for s in starts}
    level = list(paths)
    for _ in range(cutoff):
        following = []
        for v in level:
            for w in simple.adj[v]:
                if w not in paths:
                    paths[w] = [*paths[v], w]
                    following.append(w)
        level = following
    return paths


class Threads:
    """What targets hang on: entities and links on every path from the home side within `max_hops` links.

    A target is taken with its units as one node.  Anything on every path
    lies on any one shortest path, so only that path's entities and links are
    tried: each is removed in turn and reachability checked again, within
    `max_hops`, then without a limit (a loss that cuts the target off, or one
    that only makes the way longer).  A few breadth-first searches per target.

    `adj` is `graph`'s adjacency when the caller already has it (`graph.nearest.adjacency`); the nodes in
    `removed` are taken as out of the graph (`graph.key_players` tries each loss on one adjacency).
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        s: Sides,
        max_hops: int,
        *,
        adj: Adjacency | None = None,
        removed: Collection[str] = frozenset(),
    ):
        self.graph = graph
        self.adj = adjacency(graph) if adj is None else adj
        self.removed = frozenset(removed)
        self.s, self.max_hops = s, max_hops
        # Home entity -> nodes acting for it alone (lost with it); built when asked, since `graph.key_players`
        # makes one `Threads` per loss and asks about a few home entities on each.
        self._exclusive: dict[str, set[str]] = {}

    def exclusive(self, entity: str) -> set[str]:
        """The nodes acting for home entity `entity` alone (lost with it), itself among them."""
        if entity not in self._exclusive:
            home_of = self.s.home_of
            self._exclusive[entity] = {n for n in self.s.acting.get(entity, ()) if len(home_of[n]) == 1}
        return self._exclusive[entity]

    def path(
        self,
        target: str,
        *,
        nodes: Collection[str] = frozenset(),
        edges: Collection[tuple[str, str]] = frozenset(),
        bounded: bool = True,
    ) -> list[str] | None:
        """A shortest path from the home side to `target` or a unit, home end first, avoiding `nodes`/`edges`."""
        side = self._side(target)
        limit = self.max_hops if bounded else None
        nodes = self.removed.union(nodes) if self.removed else nodes
        found = shortest_path(self.adj, side, self.s.home_of, cutoff=limit, nodes=nodes, edges=edges)
        return found[::-1] if found else None

    def _side(self, target: str) -> list[str]:
        """The nodes standing for `target` that are in the graph."""
        return [n for n in self.s.side[target] if n in self.adj and n not in self.removed]

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
        found, path = self.of(target)
        said = [self._say(target, *thread) for thread in found]
        return sorted(said, key=lambda r: THREAD_KINDS.index(r[0])), path  # stable: path order within a kind

    def _say(self, t: str, kind: str, node: str, ends: list[str]) -> tuple[str, str, str]:
        """One thread of `of` in words."""
        graph, s = self.graph, self.s
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

    def of(self, target: str) -> tuple[list[tuple[str, str, list[str]]], list[str] | None]:
        """Threads as (kind, node, ends), in path order within a kind.

        ``one home entity`` (the only one linked to the target's `ends`), ``home
        unit`` / ``home entity`` (every path starts there), ``link`` (node —
        `ends`, a bridge), ``entity`` (its loss cuts the target off),
        ``intermediary`` (every path within `max_hops` passes it).
        """
        path = self.path(target)
        if path is None:
            return [], None
        return list(self._threads(target, path)), path

    def hangs(self, target: str) -> bool:
        """Whether `target` is reached and hangs by at least one thread (`of`, stopping at the first found)."""
        path = self.path(target)
        return path is not None and next(self._threads(target, path), None) is not None

    def _threads(self, target: str, path: list[str]) -> Iterator[tuple[str, str, list[str]]]:
        """The threads of `of`, one search at a time, given the shortest `path` to `target`."""
        s, side = self.s, self._side(target)
        removed = self.removed
        home = s.home_of.keys()
        # Only the home side among the neighbours: a country's thousand neighbours are matched in one step.
        linked = {n: {h for m in self.adj[n].keys() & home if m not in removed for h in s.home_of[m]} for n in side}
        direct = set().union(*linked.values())
        if len(direct) == 1:
            yield "one home entity", next(iter(direct)), [n for n in side if linked[n]]
        source = path[0]
        unit_cut = source not in s.home and self._cut(target, nodes={source})[0]
        if unit_cut:
            yield "home unit", source, []
        for h in by_name(self.graph, s.home_of[source]):
            alone = self.exclusive(h)
            if not (unit_cut and source in alone) and self._cut(target, nodes=alone | {h})[0]:
                yield "home entity", h, []  # unless the unit's thread already implies it
        for a, b in itertools.pairwise(path):
            ends = [b] if b != path[-1] else [n for n in side if n in self.adj[a]]  # every unit at the end
            if self._cut(target, edges={(a, n) for n in ends} | {(n, a) for n in ends})[1]:
                yield "link", a, ends
        for x in path[1:-1]:
            within, altogether = self._cut(target, nodes={x})
            if within:
                yield "entity" if altogether else "intermediary", x, []

    def two_ways(self, target: str, path: list[str] | None) -> set[str] | None:
        """The nodes of `path` and of a second way to `target` sharing none of them, from another home entity.

        Two such ways within `max_hops` mean no loss off them can make `target` hang by one thread: no entity or
        link lies on both, and each starts from home entities the other's does not act for.  None when there is
        no second way (or no `path`: `target` is unreached).
        """
        if path is None:
            return None
        start = path[0]
        first = self.s.home_of[start]
        shared = {n for n, of in self.s.home_of.items() if of & first}  # nodes acting for the first way's entities
        others = {n: of for n, of in self.s.home_of.items() if n not in shared}
        second = shortest_path(
            self.adj, self._side(target), others, cutoff=self.max_hops, nodes=self.removed | shared | set(path[:-1])
        )
        return set(path) | set(second) if second else None
