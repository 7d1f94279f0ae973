"""Key players: the home-side entities whose loss would cut off or single-thread the most targets (pure).

A *loss* takes the entity and its links out of the graph, as a departure or
a program ending would (`graph.whatif` ``without``); a home entity that leaves
takes its units' roll-up with it.  A target is *cut off* when it was reached
within `max_hops` links (`graph.gaps.reach`) and no longer is, and newly
*single-threaded* when `graph.gaps.single_threads` lists it after the loss and
not before: the fragmentation the loss causes, counted in targets.

The loss is asked with the same targets as the question (a target stays a
target), with the home set less the entity.

Only an entity on some path of at most `max_hops` links from the home side to
a reached target, or a home entity or unit whose units are on one, can change
either answer for that target, so each entity is tried only against those
targets: one bounded breadth-first search from the home side and one pass over
the links per link of `max_hops` find them (`within_reach`).  What an
intermediary's loss alone cuts off is known from the threads before any loss;
a target that two independent ways reach (`graph.rollup.Threads.two_ways`) is
asked again only for a loss on one of them or of a home entity they depend on
(`_fragile`).  The graph is read into an adjacency once; each loss is tried on
it with the entity marked removed, not on a copy.  After a home-side loss the
sides are updated from those before (`HomeLosses`), not rolled up again: the
loss changes the units only of the entities it was a unit of, and searches them
again only where a chain of units passes through it; the home side changes only
at the units that lost a home entity, and a target's side only when it gains a
unit so freed.  A target whose shortest way before misses the loss and keeps its
ends is not searched again (`_kept`), and whether a target hangs by a thread
stops at the first one found (`graph.rollup.Threads.hangs`).  Targets and their units are
not players, nor countries (a country does not leave) nor engagements (they
have happened).
"""

from __future__ import annotations

import networkx as nx

from graph.nearest import Adjacency, adjacency, distances
from graph.rollup import Chain, Sides, Threads, UnitIndex, by_name, sides_of

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


def _fragile(
    s: Sides, adj: Adjacency, maps: dict[str, dict[str, Chain]], target: str, ways: set[str] | None
) -> tuple[set[str], set[str]] | None:
    """Which losses may make `target` hang by one thread, given the nodes of two independent `ways` to it.

    Any loss off both ways leaves two ways from different home entities (`graph.rollup.Threads.two_ways`),
    unless it is a home entity or unit linked directly to the target, a home entity that those or the ways'
    nodes act for, one the target's units hang from, or one that any of those nodes is a unit of.  Returns the
    entities, and the home nodes whose chains' loss may (a loss of anything they are a unit of); None (any loss
    may) when there are no two such ways.
    """
    if ways is None:
        return None
    side = [n for n in s.side[target] if n in adj]
    linked = {m for n in side for m in adj[n] if m in s.home_of}
    entities = {h for n in ways | linked for h in s.home_of.get(n, ())}
    return ways | linked | entities | maps.get(target, {}).keys(), (ways | linked) & s.home_of.keys()


def _asked(fragile: tuple[set[str], set[str]] | None, loss: str, units: set[str]) -> bool:
    """Whether the loss of `loss`, whose units are `units`, may change a target with these `fragile` parts."""
    return fragile is None or loss in fragile[0] or not units.isdisjoint(fragile[1])


def player_row(
    graph: nx.Graph, x: str, home: set[str], s: Sides, cut: set[str], single: set[str], max_hops: int
) -> dict:
    """The row of entity `x`, whose loss cuts off `cut` and newly single-threads `single`, with its reason."""
    name = graph.nodes[x].get("name") or x
    cuts, singles = _names(graph, cut), _names(graph, single)
    return {
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


def ranked(rows: list[dict], k: int) -> list[dict]:
    """The `k` rows (all when `k` is 0) that hit most targets, ranked; ties by cut-offs, then by name."""
    rows = sorted(rows, key=lambda r: (-r["targets_hit"], -r["cut_off"], r["entity_name"], r["entity"]))
    return [{"rank": i, **row} for i, row in enumerate(rows[:k] if k > 0 else rows, 1)]


def _kept(way: list[str], loss: str, after: Sides, target: str) -> bool:
    """Whether `way`, a shortest path to `target` before the loss of `loss`, is still one from the home side to
    it after (`after` are the sides then): it misses the loss and keeps its ends, so `target` is still reached
    within the same links and need not be searched again."""
    return bool(way) and loss not in way and way[0] in after.home_of and way[-1] in after.side[target]


class HomeLosses:
    """The units and `Sides` after each home-side loss, updated from those before rather than rebuilt.

    A loss changes the units only of the entities it was a unit of (`unit_of`), and of those it changes more than
    itself only where a chain passes through it (`through`): a breadth-first search that never went on from the
    lost node visits the same nodes in the same order without it.  The sides then change only at the units whose
    home entities lost one of them.
    """

    def __init__(self, below: UnitIndex | None, maps: dict[str, dict[str, Chain]], s: Sides):
        self.below, self.maps, self.s = below, maps, s
        self.unit_of: dict[str, list[str]] = {}  # node -> the entities it is a unit of
        self.through: set[tuple[str, str]] = set()  # (entity, node) when a chain of the entity's units passes node
        for entity, chains in maps.items():
            for unit, chain in chains.items():
                self.unit_of.setdefault(unit, []).append(entity)
                self.through.update((entity, node) for node in chain[1:-1])

    def units(self, entity: str, loss: str) -> dict[str, Chain]:
        """The units of `entity` (home or target) as `UnitIndex.units` gives them with `loss` removed."""
        chains = self.maps.get(entity, {})
        if loss not in chains:
            return chains
        if (entity, loss) in self.through and self.below:
            return self.below.units(entity, removed={loss})
        return {unit: chain for unit, chain in chains.items() if unit != loss}

    def sides(self, loss: str, tried: set[str]) -> Sides:
        """`graph.rollup.sides_of` of the home set less `loss` (a home entity or unit), with `loss` out of the
        graph, for the targets `tried` (reached targets, not home entities).

        ``acting`` is set too, with the nodes of each home entity in an order that may differ from a rebuilt
        one: `graph.rollup.Threads` reads it only as a set.
        """
        s = self.s
        changed = {e: self.units(e, loss) for e in self.unit_of.get(loss, ())}
        deep = {e for e in changed if (e, loss) in self.through}
        affected = set(self.maps.get(loss, {})) if loss in s.home else set()
        for e in deep:
            affected.update(self.maps[e])  # their chains may change, so their home entities are asked again
        home_of, home_chain = dict(s.home_of), dict(s.home_chain)
        home_of.pop(loss, None)
        home_chain.pop(loss, None)
        touched = set(s.home_of.get(loss, ()))  # home entities whose acting nodes change
        freed: set[str] = set()  # units no longer acting for the home side
        for unit in affected - s.home - {loss}:
            if unit not in s.home_of:
                continue  # a target or home entity: it never acted as a home unit
            touched |= s.home_of[unit]
            of = {h for h in s.home_of[unit] if h != loss and unit in changed.get(h, self.maps.get(h, {}))}
            if of:
                first = min(of)  # `graph.rollup.sides_of` keeps the chain of the first home entity by id
                home_of[unit], home_chain[unit] = of, changed.get(first, self.maps.get(first, {}))[unit]
            else:
                del home_of[unit], home_chain[unit]
                freed.add(unit)
        side = {t: self._side(t, changed.get(t), t in deep, freed, home_of) for t in tried}
        after = Sides(s.home - {loss}, home_of, home_chain, side)
        acting = dict(s.acting)
        acting.pop(loss, None)
        for h in touched - {loss}:
            acting[h] = [n for n in s.acting[h] if n == h or h in home_of.get(n, ())]
        after.acting = acting
        return after

    def _side(
        self, target: str, units: dict[str, Chain] | None, deep: bool, freed: set[str], home_of: dict[str, set[str]]
    ) -> dict[str, Chain]:
        """The side of `target` after a loss, given its `units` then (None: unchanged), the units `freed` from
        the home side and the home side's nodes then; the side before when neither changes it."""
        chains = self.maps.get(target, {}) if units is None else units
        if not deep and freed.isdisjoint(chains):
            return self.s.side[target]  # the loss was never on its side (a home node) and freed none of its units
        return {target: [target], **{u: chain for u, chain in chains.items() if u not in home_of}}


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
    cutters: dict[str, set[str]] = {}  # threaded target -> the entities whose loss alone cuts it off
    fragile: dict[str, tuple[set[str], set[str]] | None] = {}  # other target -> the losses that may change it
    way: dict[str, list[str]] = {}  # reached target -> a shortest path to it from the home side, home end first
    for t in reached:
        found, path = threads.of(t)
        way[t] = path or []
        if found:
            cutters[t] = {node for kind, node, _ in found if kind in ("entity", "intermediary")}
        else:
            fragile[t] = _fragile(s, adj, maps, t, threads.two_ways(t, path))
    # Only an entity on a way of at most max_hops links from the home side to a target can change its answer.
    losses = HomeLosses(below, maps, s)
    near = within_reach(adj, {t: [n for n in s.side[t] if n in adj] for t in reached}, max_hops)
    rows: list[dict] = []
    for x, hops in from_home.items():
        bits = near[max_hops - hops].get(x, 0)
        mine: set[str] = set()  # the units of a home entity or unit: they act for the home side through it
        if x in s.home_of and below:
            mine = below.units(x).keys() & from_home.keys()
            for unit in mine:
                bits |= near[max_hops - from_home[unit]].get(unit, 0)
        if not bits or x in s.target_of or graph.nodes[x].get("kind") in NOT_PLAYERS:
            continue
        hit = {t for i, t in enumerate(reached) if bits >> i & 1}
        asked = {t for t in hit - cutters.keys() if _asked(fragile[t], x, mine)}
        if x in s.home_of:  # a home entity or unit: the home side changes with it
            tried = asked | (hit & cutters.keys())
            after = Threads(graph, losses.sides(x, tried), max_hops, adj=adj, removed={x})
            cut = {t for t in tried if not _kept(way[t], x, after.s, t) and after.path(t) is None}
        else:  # an intermediary: the sides stay, and what its loss alone cuts off is known
            after = Threads(graph, s, max_hops, adj=adj, removed={x})
            cut = {t for t in hit & cutters.keys() if x in cutters[t]}
        single = {t for t in asked - cut if after.hangs(t)}
        if not cut and not single:
            continue
        rows.append(player_row(graph, x, home, s, cut, single, max_hops))
    return ranked(rows, k)
