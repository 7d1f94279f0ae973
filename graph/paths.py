"""Paths between entities: every shortest path, and ranked introductions from a home set (pure).

Links are walked in either direction. Each step of a path lists every link
between its two entities that the filters allow, with dates, confidence and
sources, so a path can be checked fact by fact.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from itertools import islice, pairwise

import networkx as nx

from graph import settings

CONFIDENCE = {"high": 1.0, "medium": 0.7, "low": 0.4}  #: weight of a link by its confidence ...
UNKNOWN_CONFIDENCE = 0.6  #: ... and when none is recorded
HALF_LIFE_YEARS = 5.0  #: a link last dated this long ago weighs half as much as a current one
HOP_WEIGHT = 0.8  #: each further step multiplies a path's score by this
NOT_INTRODUCERS = frozenset({"Country"})  #: kinds that do not carry an introduction by default
LINK_FIELDS = ("source", "target", "type", "kind", "role", "since", "until", "confidence", "sources")


def _allowed(graph: nx.MultiDiGraph, types: Collection[str] | None = None) -> nx.Graph:
    """Undirected simple view of the links of the allowed `types`."""
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    simple.add_edges_from(
        (u, v) for u, v, d in graph.edges(data=True) if u != v and (not types or d.get("type") in types)
    )
    return simple


def links_between(graph: nx.MultiDiGraph, a: str, b: str, types: Collection[str] | None = None) -> list[dict]:
    """Every link between `a` and `b`, either direction, as plain dicts (dates, confidence, sources)."""
    found = []
    for u, v in ((a, b), (b, a)):
        for data in (graph.get_edge_data(u, v) or {}).values():
            if not types or data.get("type") in types:
                found.append({key: data.get(key) for key in LINK_FIELDS} | {"source": u, "target": v})
    return sorted(found, key=lambda x: (x["type"] or "", x["since"] or "", x["source"]))


def _path(graph: nx.MultiDiGraph, ids: list[str], types: Collection[str] | None = None) -> dict:
    return {
        "ids": list(ids),
        "names": [graph.nodes[n].get("name") or n for n in ids],
        "hops": len(ids) - 1,
        "links": [link for a, b in pairwise(ids) for link in links_between(graph, a, b, types)],
    }


def shortest_paths(
    graph: nx.MultiDiGraph,
    source: str,
    target: str,
    *,
    kinds: Collection[str] | None = None,
    types: Collection[str] | None = None,
    limit: int = 100,
) -> list[dict]:
    """Every shortest path from `source` to `target` (at most `limit`), in a stable order.

    Parameters
    ----------
    kinds : collection of str, optional
        Kinds an entity in the middle of a path may have (the two ends may be anything).
    types : collection of str, optional
        Relationship types a path may follow.

    Returns
    -------
    list of dict
        ``{"ids", "names", "hops", "links"}`` per path; empty when there is none.
    """
    simple = _allowed(graph, types)
    if kinds:
        simple.remove_nodes_from(
            [n for n, d in simple.nodes(data=True) if d.get("kind") not in kinds and n not in (source, target)]
        )
    if source not in simple or target not in simple:
        return []
    if source == target:
        return [_path(graph, [source], types)]
    try:
        found = sorted(islice(nx.all_shortest_paths(simple, source, target), limit * 10))
    except nx.NetworkXNoPath:
        return []
    return [_path(graph, ids, types) for ids in found[:limit]]


def _year(text: str | None) -> float | None:
    """A (possibly partial) ISO date as a fractional year; None when blank or unreadable."""
    if not text:
        return None
    parts = str(text).split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 6
    except ValueError:
        return None
    return year + (month - 0.5) / 12


def link_weight(link: dict, today: str, *, end_dates: tuple = ()) -> float:
    """How much an introduction can lean on one link, from 0 to 1: confidence times recency.

    A link that is still open (no `until`) is current; otherwise its weight
    halves every ``HALF_LIFE_YEARS`` since it was last dated. `end_dates` are
    further dates the link is known by (e.g. an engagement's date).
    """
    confidence = CONFIDENCE.get(str(link.get("confidence") or "").lower(), UNKNOWN_CONFIDENCE)
    dated = [y for y in (_year(link.get("until")), *map(_year, end_dates)) if y is not None]
    if not dated:
        return confidence
    now = _year(today)
    if now is None:
        raise ValueError(f"today must be an ISO date, not {today!r}")
    age = max(0.0, now - max(dated))
    decay: float = 0.5 ** (age / HALF_LIFE_YEARS)
    return confidence * decay


def introductions(
    graph: nx.MultiDiGraph,
    home: set[str],
    target: str,
    *,
    today: str | None = None,
    max_hops: int = 4,
    limit: int = 10,
    through: Collection[str] | None = None,
) -> list[dict]:
    """Ranked paths from the home set to `target`: who can introduce us, best first.

    A path starts at one home entity, passes only non-home entities, and ends at
    `target`. Its score is the product, over its steps, of the best link's
    :func:`link_weight` times ``HOP_WEIGHT`` per step after the first, so
    fewer, recent and high-confidence links rank first.

    Parameters
    ----------
    through : collection of str, optional
        Kinds allowed in the middle of a path; default every kind but ``NOT_INTRODUCERS``.

    Returns
    -------
    list of dict
        ``{"rank", "score", "hops", "from", "introducer", "ids", "names", "links"}``;
        `introducer` is the entity next to the target (None for a direct link).
    """
    today = today or settings.today().isoformat()
    home = {h for h in home if h in graph and h != target}
    if target not in graph or not home:
        return []
    allowed = set(through) if through else {k for _, k in graph.nodes(data="kind")} - NOT_INTRODUCERS
    dates = {n: (d,) if d else () for n, d in graph.nodes(data="date")}
    cost: nx.DiGraph = nx.DiGraph()
    start = ("home",)  # a node no entity id can equal
    best: dict[tuple, float] = {}
    for u, v, data in graph.edges(data=True):
        if u == v:
            continue
        weight = link_weight(data, today, end_dates=dates[u] + dates[v])
        key = (u, v) if str(u) <= str(v) else (v, u)
        best[key] = max(best.get(key, 0.0), weight)
    for (u, v), weight in best.items():
        if weight <= 0:
            continue
        step = -math.log(weight * HOP_WEIGHT)
        for a, b in ((u, v), (v, u)):
            if b in home:
                continue  # home entities only start a path
            if a not in home and a != target and graph.nodes[a].get("kind") not in allowed:
                continue
            if b != target and graph.nodes[b].get("kind") not in allowed:
                continue
            cost.add_edge(a, b, cost=step, weight=weight)
    for h in home:
        if h in cost:
            cost.add_edge(start, h, cost=0.0)
    if start not in cost or target not in cost:
        return []
    rows = []
    try:
        candidates = nx.shortest_simple_paths(cost, start, target, weight="cost")
        for ids in islice(candidates, 200):
            ids = ids[1:]
            if len(ids) - 1 > max_hops:
                continue
            score = math.prod(cost[a][b]["weight"] for a, b in pairwise(ids)) * HOP_WEIGHT ** (len(ids) - 2)
            path = _path(graph, ids)
            rows.append(
                {
                    "score": round(score, 4),
                    "hops": path["hops"],
                    "from": path["names"][0],
                    "introducer": path["names"][-2] if len(ids) > 2 else None,
                    **path,
                }
            )
            if len(rows) == limit:
                break
    except nx.NetworkXNoPath:
        pass
    rows.sort(key=lambda r: (-r["score"], r["hops"], r["names"]))
    return [{"rank": i, **row} for i, row in enumerate(rows, 1)]
