"""Links from the home side to every node within a bound: one breadth-first search for all home entities at once.

`graph.gaps.reach` wants, for each target, the home entities nearest to it and one shortest path from each.  A
search per home entity reads the graph once per home entity (686 of them at 10k entities).  This search runs
once: each node carries the home entities at its distance as the bits of one integer (the union of its parents'
bits, a link nearer), and a path is rebuilt only for a row shown, inside the nodes that lie on a shortest way
from that home entity.  The path rebuilt is the one a search from that home entity alone finds first (the
parent it visits first), so rows are those of the plain search (`bench.reference.reach`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

import networkx as nx

from graph.memo import kept_while_frozen

#: Node -> neighbour -> the neighbour's place among the node's neighbours (links read undirected).
Adjacency = dict[str, dict[str, int]]


@kept_while_frozen
def adjacency(graph: nx.Graph) -> Adjacency:
    """The neighbours of each node of `graph`, links read undirected, in the order `graph.model.undirected` gives.

    Several links between two nodes count once.  Plain dicts, so a search does not pay for networkx's views.
    Kept for a frozen graph (`graph.memo`): read it, do not change it.
    """
    adj: Adjacency = {node: {} for node in graph}
    for u, v in graph.edges():
        around_u, around_v = adj[u], adj[v]
        if v not in around_u:
            around_u[v] = len(around_u)
        if u not in around_v:
            around_v[u] = len(around_v)
    return adj


def distances(adj: Adjacency, starts: Iterable[str], cutoff: int) -> dict[str, int]:
    """Links from the nearest of `starts` to each node within `cutoff` links."""
    found = {s: 0 for s in starts}
    level = list(found)
    for depth in range(1, cutoff + 1):
        following = []
        for v in level:
            for w in adj[v]:
                if w not in found:
                    found[w] = depth
                    following.append(w)
        level = following
    return found


class Nearest:
    """Which home entities are nearest to each node within `cutoff` links, and a shortest path from each.

    Parameters
    ----------
    adj
        The graph as `adjacency` gives it.
    starts
        Home entity -> the nodes it acts through, in the order its own search would start from them.
    cutoff
        The most links a path may take.
    """

    def __init__(self, adj: Adjacency, starts: Mapping[str, list[str]], cutoff: int):
        self.adj = adj
        self.order = list(starts)
        self.index = {h: i for i, h in enumerate(self.order)}
        self.start_at = {h: {n: i for i, n in enumerate(dict.fromkeys(nodes))} for h, nodes in starts.items()}
        self.distance: dict[str, int] = {}
        self.bits: dict[str, int] = {}
        level: list[str] = []
        for i, h in enumerate(self.order):
            for n in self.start_at[h]:
                if n not in self.distance:
                    self.distance[n], self.bits[n] = 0, 0
                    level.append(n)
                self.bits[n] |= 1 << i
        for depth in range(1, cutoff + 1):
            following = []
            for v in level:
                carried = self.bits[v]
                for w in adj[v]:
                    seen = self.distance.get(w)
                    if seen is None:
                        self.distance[w], self.bits[w] = depth, carried
                        following.append(w)
                    elif seen == depth:
                        self.bits[w] |= carried
            level = following
        self._rank: dict[str, dict[str, tuple[int, ...]]] = {}
        self._up: dict[str, dict[str, str]] = {}  # home entity -> node -> its parent on that entity's search
        self._by_bit: dict[str, dict[int, list[str]]] = {}

    def nearest(self, node: str) -> list[str]:
        """The home entities at `node`'s distance (none when it is out of reach), in the order of `starts`."""
        bits, found = self.bits.get(node, 0), []
        while bits:  # the set bits only, lowest first: a country's node is near a few of hundreds of home entities
            low = bits & -bits
            found.append(self.order[low.bit_length() - 1])
            bits ^= low
        return found

    def reaches(self, home: str, node: str) -> bool:
        """Whether `home` is among the nearest home entities of `node`."""
        return bool(self.bits.get(node, 0) >> self.index[home] & 1)

    def path(self, home: str, node: str) -> list[str]:
        """The shortest path from `home`'s nodes to `node` that `home`'s own search finds; `node` must be reached."""
        path = [node]
        while self.distance[path[-1]]:
            path.append(self._parent(home, path[-1]))
        return path[::-1]

    def _parent(self, home: str, node: str) -> str:
        """The neighbour a link nearer to `home` that its own search visits first.

        Kept per home entity: the paths of one home entity to many targets share their first links, and each step
        otherwise compares the places of every candidate again (13,000 paths at 10,000 entities).
        """
        ups = self._up.setdefault(home, {})
        if node not in ups:
            ups[node] = min(self._parents(node)[self.index[home]], key=lambda p: self._place(home, p))
        return ups[node]

    def _parents(self, node: str) -> dict[int, list[str]]:
        """The neighbours a link nearer, by the bit of each home entity they are nearest to.

        Built once per node by walking the set bits of each neighbour: many home entities ask about the same
        node, and each asking for its own among a country's thousand neighbours would cost that many times over.
        """
        if node not in self._by_bit:
            found: defaultdict[int, list[str]] = defaultdict(list)
            depth = self.distance[node] - 1
            for p in self.adj[node]:
                if self.distance.get(p) == depth:
                    bits = self.bits[p]
                    while bits:
                        low = bits & -bits
                        found[low.bit_length() - 1].append(p)
                        bits ^= low
            self._by_bit[node] = found
        return self._by_bit[node]

    def _place(self, home: str, node: str) -> tuple[int, ...]:
        """Where `home`'s own search visits `node`: its parent's place, then `node`'s place among the parent's
        neighbours (a breadth-first search visits a level in its parents' order)."""
        places = self._rank.setdefault(home, {})
        if node not in places:
            if self.distance[node] == 0:
                places[node] = (self.start_at[home][node],)
            else:
                parent = self._parent(home, node)
                places[node] = (*self._place(home, parent), self.adj[parent][node])
        return places[node]
