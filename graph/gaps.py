"""Engagement-gap analyses: pure functions of a networkx graph and two sets of entity ids.

The graph is a MultiDiGraph as built by `graph.model.to_networkx` (node
attributes ``name``, ``kind``, ``priority``, ``date``...; edge attributes
``type``, ``since``, ``until``...).  A home entity *engaged* a target when both
took part (``PARTICIPATED_IN``) in the same dated ``Engagement``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

import networkx as nx

from graph.dates import active, days_since, period_end
from graph.model import undirected

STALE_DAYS = {"high": 90, "medium": 180, "low": 365}
ROLE_TYPES = ("CHAIRS", "SECRETARIAT_FOR")
MEMBERSHIP_TYPES = ("MEMBER_OF", "PARTY_TO", *ROLE_TYPES)
_HOME = "\0home"  # a virtual node joined to every home entity


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("name") or node


def _entity(graph: nx.MultiDiGraph, node: str, prefix: str = "target") -> dict:
    data = graph.nodes[node]
    return {prefix: node, f"{prefix}_name": data.get("name") or node, f"{prefix}_kind": data.get("kind")}


def participants(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Engagement id -> ids of the entities that took part in it."""
    found: dict[str, set[str]] = defaultdict(set)
    for source, target, rel_type in graph.edges(data="type"):
        if rel_type == "PARTICIPATED_IN" and graph.nodes[target].get("kind") == "Engagement":
            found[target].add(source)
    return found


def shared_engagements(graph: nx.MultiDiGraph, home: set[str], targets: set[str]) -> dict[str, list[dict]]:
    """Target id -> engagements it shared with home entities, newest first.

    Each item: ``engagement``, ``date`` (partial ISO), ``home`` (sorted ids).
    """
    found: dict[str, list[dict]] = defaultdict(list)
    for engagement, people in participants(graph).items():
        date = graph.nodes[engagement].get("date")
        ours = sorted(people & home)
        if not date or not ours:
            continue
        for target in people & targets:
            if target not in home:
                found[target].append({"engagement": engagement, "date": date, "home": ours})
    for items in found.values():
        items.sort(key=lambda e: (period_end(e["date"]), e["engagement"]), reverse=True)
    return found


def reach(graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, max_hops: int = 3) -> list[dict]:
    """How many links separate each target from the nearest home entity.

    Links are read undirected.  Returns one row per target: ``hops`` (None when
    not within `max_hops`), ``reached_by`` (home entities at that distance) and
    one example ``path`` (names) per home entity.
    """
    simple = undirected(graph)
    paths_from = {h: nx.single_source_shortest_path(simple, h, cutoff=max_hops) for h in home if h in simple}
    rows = []
    for target in sorted(targets, key=lambda t: _name(graph, t)):
        found = {h: paths[target] for h, paths in paths_from.items() if target in paths}
        hops = min((len(p) - 1 for p in found.values()), default=None)
        nearest = sorted((h for h, p in found.items() if len(p) - 1 == hops), key=lambda h: _name(graph, h))
        rows.append(
            {
                **_entity(graph, target),
                "priority": graph.nodes[target].get("priority"),
                "hops": hops,
                "status": "reached" if hops is not None else "unreached",
                "reached_by": [_name(graph, h) for h in nearest],
                "paths": [" → ".join(_name(graph, n) for n in found[h]) for h in nearest],
            }
        )
    return rows


def coverage(graph: nx.MultiDiGraph, home: set[str], targets: set[str]) -> list[dict]:
    """The home x target matrix as rows: direct links by type, last shared engagement, shared agreements.

    Pairs with nothing in common are included (with zeros): they are the gaps.
    """
    engaged = shared_engagements(graph, home, targets)
    agreements = defaultdict(set)
    for source, agreement, rel_type in graph.edges(data="type"):
        if rel_type == "PARTY_TO":
            agreements[source].add(agreement)
    rows = []
    for h in sorted(home, key=lambda n: _name(graph, n)):
        for t in sorted(targets - {h}, key=lambda n: _name(graph, n)):
            types = _link_types(graph, h, t)
            last = next((e["date"] for e in engaged.get(t, []) if h in e["home"]), None)
            shared = sorted(_name(graph, a) for a in agreements[h] & agreements[t])
            rows.append(
                {
                    **_entity(graph, h, "home"),
                    **_entity(graph, t),
                    "direct_links": types,
                    "links": len(types),
                    "last_engagement": last,
                    "shared_agreements": shared,
                    "score": len(types) + (1 if last else 0) + len(shared),
                }
            )
    return rows


def _link_types(graph: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    found = [d["type"] for d in graph.get_edge_data(a, b, default={}).values()]
    found += [d["type"] for d in graph.get_edge_data(b, a, default={}).values()]
    return sorted(set(found))


def single_threads(graph: nx.MultiDiGraph, home: set[str], targets: set[str]) -> list[dict]:
    """Targets hanging by one thread from the home set.

    Rows of three sorts (``thread``): ``one home entity`` (exactly one home
    entity links to the target directly), ``link`` (a bridge whose loss cuts the
    target off from every home entity) and ``entity`` (an articulation point
    whose loss does).  ``via`` names the home entity, link or entity.
    """
    rows = []
    for t in sorted(targets - home, key=lambda n: _name(graph, n)):
        direct = [h for h in home if _link_types(graph, h, t)]
        if len(direct) == 1:
            rows.append({**_entity(graph, t), "thread": "one home entity", "via": _name(graph, direct[0])})
    simple = undirected(graph)
    simple.add_node(_HOME)
    simple.add_edges_from((_HOME, h) for h in home if h in graph)
    component = simple.subgraph(nx.node_connected_component(simple, _HOME)).copy()
    reached = [t for t in targets - home if t in component]
    rows += _bridge_rows(graph, component, reached) + _cut_vertex_rows(graph, component, reached)
    return rows


def _bridge_rows(graph, component: nx.Graph, reached: list[str]) -> list[dict]:
    bridges = list(nx.bridges(component))
    if not bridges:
        return []
    rest = component.copy()
    rest.remove_edges_from(bridges)
    part = {n: i for i, nodes in enumerate(nx.connected_components(rest)) for n in nodes}
    tree = nx.Graph()
    tree.add_nodes_from(set(part.values()))
    for u, v in bridges:
        tree.add_edge(part[u], part[v], link=(u, v))
    rows = []
    for t in sorted(reached, key=lambda n: _name(graph, n)):
        steps = nx.shortest_path(tree, part[_HOME], part[t])
        for a, b in itertools.pairwise(steps):
            u, v = tree.edges[a, b]["link"]
            if _HOME in (u, v):
                home_end = v if u == _HOME else u
                via = f"only through {_name(graph, home_end)}"
            else:
                via = f"{_name(graph, u)} — {_name(graph, v)}"
            rows.append({**_entity(graph, t), "thread": "link", "via": via})
    return rows


def _cut_vertex_rows(graph, component: nx.Graph, reached: list[str]) -> list[dict]:
    blocks = [set(b) for b in nx.biconnected_components(component)]
    cuts = set(nx.articulation_points(component)) - {_HOME}
    tree = nx.Graph()
    block_of = {}
    for i, block in enumerate(blocks):
        for node in block:
            if node in cuts:
                tree.add_edge(("block", i), ("cut", node))
            else:
                block_of[node] = ("block", i)
    if _HOME in nx.articulation_points(component):
        block_of[_HOME] = ("cut", _HOME)
        for i, block in enumerate(blocks):
            if _HOME in block:
                tree.add_edge(("block", i), ("cut", _HOME))
    rows = []
    for t in sorted(reached, key=lambda n: _name(graph, n)):
        start, end = block_of.get(_HOME, ("cut", _HOME)), ("cut", t) if t in cuts else block_of[t]
        if start == end or start not in tree or end not in tree:
            continue
        for kind, node in nx.shortest_path(tree, start, end)[1:-1]:
            if kind == "cut" and node not in (t, _HOME):
                rows.append({**_entity(graph, t), "thread": "entity", "via": _name(graph, node)})
    return rows


def stale(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    on: str,
    thresholds: dict[str, int] | None = None,
    include_current: bool = False,
) -> list[dict]:
    """Targets whose last engagement with the home set is older than their priority's threshold, or never.

    A partial date counts from the end of its period; an engagement exactly
    `threshold` days old is not stale.  Targets without a priority use the
    ``low`` threshold.
    """
    limits = {**STALE_DAYS, **(thresholds or {})}
    engaged = shared_engagements(graph, home, targets)
    rows = []
    for t in sorted(targets - home, key=lambda n: _name(graph, n)):
        priority = graph.nodes[t].get("priority")
        limit = limits.get(priority or "low", limits["low"])
        last = engaged.get(t, [None])[0]
        days = days_since(last["date"], on) if last else None
        status = "never engaged" if last is None else ("stale" if days > limit else "current")
        if status != "current" or include_current:
            rows.append(
                {
                    **_entity(graph, t),
                    "priority": priority,
                    "status": status,
                    "last_engagement": last and last["date"],
                    "engagement": last and _name(graph, last["engagement"]),
                    "with": last and [_name(graph, h) for h in last["home"]],
                    "days_since": days,
                    "threshold_days": limit,
                }
            )
    return rows


def followup(
    graph: nx.MultiDiGraph, home: set[str], agreements: set[str] | None, *, on: str, window_days: int = 90
) -> list[dict]:
    """Parties to agreements that no home entity has engaged since they joined, and ends coming up.

    `agreements` limits the agreements looked at (None: every ``Agreement``).
    """
    agreements = agreements or {n for n, kind in graph.nodes(data="kind") if kind == "Agreement"}
    parties = {u for u, v, t in graph.edges(data="type") if t == "PARTY_TO" and v in agreements} - home
    engaged = shared_engagements(graph, home, parties)
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
                rows.append(
                    {
                        **row,
                        "issue": "no engagement since joining",
                        "last_engagement": next((e["date"] for e in engaged.get(party, [])), None),
                    }
                )
        until = data.get("until")
        if until and on[: len(until)] <= until <= horizon:
            rows.append({**row, "issue": f"ends within {window_days} days", "last_engagement": None})
    return rows


def overlap(graph: nx.MultiDiGraph, first: set[str], second: set[str], *, show: str = "all") -> list[dict]:
    """Entities in both sets, or in only one (``show``: all, both, first, second)."""
    groups = {"both": first & second, "first only": first - second, "second only": second - first}
    wanted = {"all": list(groups), "both": ["both"], "first": ["first only"], "second": ["second only"]}[show]
    return [
        {**_entity(graph, n, "entity"), "in": group}
        for group in wanted
        for n in sorted(groups[group], key=lambda n: _name(graph, n))
    ]


def deconfliction(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, on: str, window_days: int = 180, min_home: int = 3
) -> list[dict]:
    """Targets that at least `min_home` home entities engaged in separate engagements within the window."""
    start = (dt.date.fromisoformat(on) - dt.timedelta(days=window_days)).isoformat()
    rows = []
    for t, items in sorted(shared_engagements(graph, home, targets).items(), key=lambda kv: _name(graph, kv[0])):
        recent = [e for e in items if start <= period_end(e["date"]).isoformat() <= on]
        engaged_by = sorted({h for e in recent for h in e["home"]}, key=lambda h: _name(graph, h))
        if len(engaged_by) >= min_home and len(recent) >= 2:
            rows.append(
                {
                    **_entity(graph, t),
                    "home_entities": [_name(graph, h) for h in engaged_by],
                    "count": len(engaged_by),
                    "engagements": [f"{e['date']} {_name(graph, e['engagement'])}" for e in recent],
                }
            )
    return rows


def _holders(graph: nx.MultiDiGraph, of: str, on: str) -> list[tuple[str, dict]]:
    return [
        (u, d)
        for u, _, d in graph.in_edges(of, data=True)
        if d.get("type") in MEMBERSHIP_TYPES and active(d.get("since"), d.get("until"), on)
    ]


def members(graph: nx.MultiDiGraph, of: str, *, on: str) -> list[dict]:
    """Members, parties and role holders (chairs, secretariat) of `of` on date `on`.

    `graph` must hold every link whatever its dates.  Where records make two
    holders of one role at once, or one member twice, the ``note`` says so.
    """
    holders = _holders(graph, of, on)
    by_type = defaultdict(list)
    for u, d in holders:
        by_type[d["type"]].append(u)
    rows = []
    for u, d in sorted(holders, key=lambda h: (h[1]["type"], _name(graph, h[0]))):
        note = ""
        if d["type"] in ROLE_TYPES and len(by_type[d["type"]]) > 1:
            others = ", ".join(_name(graph, o) for o in by_type[d["type"]] if o != u)
            open_end = " (an open end date)" if not d.get("until") else ""
            note = (
                f"{len(by_type[d['type']])} holders of {d['type'].lower()} on {on}: also {others}; "
                f"records overlap{open_end}"
            )
        elif by_type[d["type"]].count(u) > 1:
            note = f"{by_type[d['type']].count(u)} overlapping {d['type'].lower()} records for this entity"
        rows.append(
            {
                "of": _name(graph, of),
                **_entity(graph, u, "entity"),
                "relationship": d["type"],
                "role": d.get("role"),
                "since": d.get("since"),
                "until": d.get("until"),
                "note": note,
                "sources": d.get("sources") or [],
            }
        )
    return rows


def changes(graph: nx.MultiDiGraph, of: str, *, start: str, end: str) -> list[dict]:
    """Who joined and who left `of` (any membership or role) between two dates."""
    before = {(u, d["type"]) for u, d in _holders(graph, of, start)}
    after = {(u, d["type"]) for u, d in _holders(graph, of, end)}
    rows = [
        {"change": change, **_entity(graph, u, "entity"), "relationship": rel_type}
        for change, pairs in (("joined", after - before), ("left", before - after))
        for u, rel_type in sorted(pairs, key=lambda p: (p[1], _name(graph, p[0])))
    ]
    return rows
