"""Where to invest next: the new links that would bring the most unreached targets within reach (pure).

A target is *unreached* as `graph.gaps.reach` says: no node standing for it
(itself or, with roll-up, one of its units) lies within `max_hops` links of a
node acting for the home set (a home entity or one of its units).  A new link
from a home entity to a partner ``p`` brings target ``t`` within `max_hops`
exactly when ``dist(p, t) <= max_hops - 1`` in the graph as it is: a path
that went back through the home side would already have reached ``t``.  So
which home entity makes the link does not change what it reaches, and each
partner covers a fixed set of unreached targets.

Choosing ``k`` partners that cover the most targets is maximum coverage: the
greedy choice (each step takes the partner that reaches the most targets still
unreached) covers at least ``1 - 1/e`` (about 63%) of what the best ``k``
links could (Nemhauser, Wolsey and Fisher, 1978), and no faster rule does
better in general unless P = NP (Feige, 1998).  Candidates are only the
entities within ``max_hops - 1`` links of an unreached target, found by one
bounded breadth-first search per unreached target, so no pair is tried
blindly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import networkx as nx

from graph.gaps import reach
from graph.model import undirected
from graph.rollup import Sides, by_name, paths_from, sides
from graph.vocabulary import load_vocabulary, undirected_types

GUARANTEE = (
    "chosen greedily (maximum coverage: each link is the one that reaches the most targets still unreached), "
    "which is guaranteed to reach at least 1 − 1/e (about 63%) of what the best possible set of links would"
)
NOT_PARTNERS = frozenset({"Engagement"})  #: kinds not proposed unless a partner filter asks: an event has happened
#: Kinds of link a proposal may be worded as (one starts them; one is not made a unit or based somewhere) ...
PROPOSED = frozenset({"MEMBER_OF", "PARTY_TO", "PARTNERS_WITH", "FUNDS", "OPERATES_IN", "PARTICIPATED_IN"})
#: ... and the wording when no entity like the home entity has such a link to the partner.
DEFAULTS = {"Agreement": "PARTY_TO", "Engagement": "PARTICIPATED_IN"}


def _name(graph: nx.Graph, node: str) -> str:
    return graph.nodes[node].get("name") or node


def unreached(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, max_hops: int = 2, rollup: bool = True
) -> list[str]:
    """Targets not in the home set that no home entity reaches within `max_hops` (`graph.gaps.reach`), by name."""
    rows = reach(graph, home, targets, max_hops=max_hops, rollup=rollup)
    return [r["target"] for r in rows if r["status"] == "unreached" and not r["in_home"]]


def coverage(
    graph: nx.MultiDiGraph,
    s: Sides,
    gaps: list[str],
    *,
    max_hops: int,
    partners: Collection[str] | None = None,
    exclude: Collection[str] = frozenset(),
) -> tuple[dict[str, dict[str, list[str]]], nx.Graph]:
    """What each candidate partner would reach: partner -> {unreached target: path partner ... target's node}.

    Parameters
    ----------
    s
        The rolled-up sides (`graph.rollup.sides`) of the question.
    gaps
        Unreached target ids (`unreached`).
    partners
        Ids that may be proposed (None: every entity but engagements).
    exclude
        Ids never proposed.  Nodes acting for the home set are never proposed.

    Returns
    -------
    tuple
        The coverage, and the simple undirected graph it was measured on.
    """
    simple = undirected(graph)
    covers: dict[str, dict[str, list[str]]] = {}
    for t in gaps:
        for p, path in paths_from(simple, [n for n in s.side[t] if n in simple], max_hops - 1).items():
            if p in s.home_of or p in exclude:
                continue
            if partners is None and simple.nodes[p].get("kind") in NOT_PARTNERS:
                continue
            if partners is not None and p not in partners:
                continue
            covers.setdefault(p, {})[t] = path[::-1]
    return covers, simple


def _maker(simple: nx.Graph, s: Sides, partner: str) -> tuple[str | None, list[str]]:
    """The home entity to make the link, and the path it already has to `partner` ([] when none).

    The nearest home entity (it or a unit is fewest links away: someone there
    can be introduced), ties by most links then name; when nothing of the home
    side is connected to `partner`, the best-linked home entity.
    """
    paths = paths_from(simple, [partner], simple.number_of_nodes())
    near = [n for n in paths if n in s.home_of]
    if near:
        hops = min(len(paths[n]) for n in near)
        closest = {h: n for n in near if len(paths[n]) == hops for h in sorted(s.home_of[n])}
        h = min(closest, key=lambda h: (-simple.degree(h), _name(simple, h), h))
        return h, paths[closest[h]][::-1]  # from the home entity to the partner
    present = [h for h in s.home if h in simple]
    if not present:
        return None, []
    return min(present, key=lambda h: (-simple.degree(h), _name(simple, h), h)), []


def _wording(graph: nx.MultiDiGraph, home: str | None, partner: str) -> str:
    """How the proposed link reads: as entities of the home entity's kind most often link to the partner.

    Only the kinds of link one can start (`PROPOSED`) count; when none does, an agreement is joined as a party,
    an engagement taken part in, anything else partnered with.
    """
    kinds = graph.nodes
    default = DEFAULTS.get(kinds[partner].get("kind") or "", "PARTNERS_WITH")
    like = kinds[home].get("kind") if home else None
    seen: Counter[str] = Counter()
    for u, v, data in [*graph.in_edges(partner, data=True), *graph.out_edges(partner, data=True)]:
        other, rel_type = (u if v == partner else v), data.get("type")
        if (
            rel_type in PROPOSED
            and kinds[other].get("kind") == like
            and (v == partner or rel_type in undirected_types())
        ):
            seen[rel_type] += 1
    rel_type = min(seen, key=lambda t: (-seen[t], t != default, t), default=default)
    return load_vocabulary().reading(rel_type)


def _names(graph: nx.Graph, nodes: Collection[str]) -> str:
    said = [_name(graph, n) for n in by_name(graph, nodes)]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def _reason(simple: nx.Graph, home: str | None, partner: str, new: list[str], path: list[str], max_hops: int) -> str:
    """Why this link, in words: what it reaches and why that home entity makes it."""
    brings = f"brings {_names(simple, new)} within {max_hops} link{'s' if max_hops != 1 else ''}"
    if home is None:
        return brings
    who = _name(simple, home)
    if len(path) > 1:
        route = " → ".join(_name(simple, n) for n in path)
        how = f"{who} is the nearest home entity, {len(path) - 1} links away now ({route})"
    else:
        how = f"nothing of the home side is connected to it yet; {who} has the most links"
    return f"{brings}; {how}"


def investments(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    k: int = 3,
    max_hops: int = 2,
    rollup: bool = True,
    partners: Collection[str] | None = None,
    exclude: Collection[str] = frozenset(),
) -> list[dict]:
    """The `k` new links, home entity to partner, that bring the most unreached targets within `max_hops`.

    Chosen greedily, which is maximum coverage: each link is the one reaching
    the most targets still unreached (ties: the fewer links to them in all,
    then the partner's name), so the `k` links reach at least ``1 - 1/e`` of
    what the best `k` links could.  Fewer than `k` rows when fewer links help.

    Parameters
    ----------
    graph
        The graph on the date asked about.
    home, targets
        Entity ids.
    max_hops
        How many links count as within reach (``max_hops >= 1``); as in `graph.gaps.reach`.
    rollup
        As in the gap analyses: a target counts through its units, a home entity through its units.
    partners
        Ids that may be proposed (None: every entity that is not an engagement).
    exclude
        Ids never proposed.

    Returns
    -------
    list of dict
        ``rank``; ``home`` / ``home_name`` (who makes the link) and
        ``partner`` / ``partner_name`` / ``partner_kind``; ``relationship``
        (how the link reads); ``reaches`` (names of the targets it newly
        reaches) with ``reaches_ids``; ``new``, ``total`` (targets reached by
        this and the earlier links) and ``left`` (names still unreached);
        ``paths`` (the way to each newly reached target, in names) and
        ``reason`` in words.
    """
    if max_hops < 1:
        raise ValueError("max_hops must be at least 1")
    s = sides(graph, home, targets, rollup=rollup)
    gaps = unreached(graph, home, targets, max_hops=max_hops, rollup=rollup)
    covers, simple = coverage(graph, s, gaps, max_hops=max_hops, partners=partners, exclude=exclude)
    left = set(gaps)
    rows: list[dict] = []
    while left and len(rows) < k:
        gain = {p: [t for t in reached if t in left] for p, reached in covers.items()}
        best = min(
            (p for p in gain if gain[p]),
            key=lambda p: (-len(gain[p]), sum(len(covers[p][t]) for t in gain[p]), _name(simple, p), p),
            default=None,
        )
        if best is None:
            break
        new = by_name(simple, gain[best])
        left -= set(new)
        maker, path = _maker(simple, s, best)
        rows.append(
            {
                "rank": len(rows) + 1,
                "home": maker,
                "home_name": _name(simple, maker) if maker else "",
                "partner": best,
                "partner_name": _name(simple, best),
                "partner_kind": simple.nodes[best].get("kind"),
                "relationship": _wording(graph, maker, best),
                "reaches": [_name(simple, t) for t in new],
                "reaches_ids": new,
                "new": len(new),
                "total": len(gaps) - len(left),
                "left": [_name(simple, t) for t in by_name(simple, left)],
                "paths": [
                    " → ".join(_name(simple, n) for n in [*([maker] if maker else []), *covers[best][t]]) for t in new
                ],
                "reason": _reason(simple, maker, best, new, path, max_hops),
            }
        )
    return rows
