"""Engagement-gap analyses: pure functions of a networkx graph and two sets of entity ids.

Just over 400 lines: the gap analyses share one set of row-building helpers; the roll-up rule and thread search
live in `graph.rollup`.

The graph is a MultiDiGraph as built by `graph.model.to_networkx` (node
attributes ``name``, ``kind``, ``priority``, ``date``...; edge attributes
``type``, ``since``, ``until``...).  A home entity *engaged* a target when both
took part (``PARTICIPATED_IN``) in the same dated ``Engagement``.

Analyses relating home entities to targets take ``rollup`` (default True):
a target then stands for its units, and a country for its agencies and their
units, and a home entity acts through its units (see `graph.rollup`).  Rows
say which unit a finding came through (``via``: words, ``via_ids``: ids).
With ``rollup=False`` every entity stands for itself only.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from graph.dates import active, days_since, period_end
from graph.memo import kept_while_frozen
from graph.nearest import Nearest, adjacency
from graph.rollup import Threads, by_name, engagements, names, sides, via_text
from graph.rollup import participants as participants  # moved there; still importable from here
from graph.standing import counts, standing

STALE_DAYS = {"high": 90, "medium": 180, "low": 365}
ROLE_TYPES = ("CHAIRS", "SECRETARIAT_FOR")
MEMBERSHIP_TYPES = ("MEMBER_OF", "PARTY_TO", *ROLE_TYPES)


def _name(graph: nx.MultiDiGraph, node: str) -> str:
    return graph.nodes[node].get("name") or node


@kept_while_frozen
def party_links(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict]]:
    """The ``PARTY_TO`` links as (party, agreement, data), in the graph's order; kept for a frozen graph: read it
    only (`followup` looked for them among every link twice per run: 0.15 s at 10,000/100,000)."""
    return [(u, v, data) for u, v, data in graph.edges(data=True) if data.get("type") == "PARTY_TO"]


@kept_while_frozen
def parties(graph: nx.MultiDiGraph) -> dict[str, set[str]]:
    """Entity -> the agreements it is party to (its ``PARTY_TO`` links); kept for a frozen graph: read it only."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for u, v, _ in party_links(graph):
        found[u].add(v)
    return dict(found)


def _entity(graph: nx.MultiDiGraph, node: str, prefix: str = "target") -> dict:
    data = graph.nodes[node]
    return {prefix: node, f"{prefix}_name": data.get("name") or node, f"{prefix}_kind": data.get("kind")}


def shared_engagements(
    graph: nx.MultiDiGraph, home: set[str], targets: set[str], *, rollup: bool = True, on: str | None = None
) -> dict[str, list[dict]]:
    """Target id -> engagements it shared with home entities, newest first.

    Each item: ``engagement``, ``date`` (partial ISO), ``home`` (sorted ids of
    the home entities that took part, themselves or through units), ``via`` /
    ``via_ids`` (the target's units that took part when the target did not)
    and ``home_via`` / ``home_via_ids`` (home units that took part).  `on`
    dates the ``PART_OF`` links of the roll-up (None: all count).
    """
    return engagements(graph, sides(graph, home, targets, rollup=rollup, on=on))


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
    starts = {h: [n for n in s.home_nodes(h) if n in graph] for h in home if h in graph}
    near = Nearest(adjacency(graph), starts, max_hops)
    name = names(graph)  # 13,000 paths to word at 10,000 entities: names looked up in a dict, not in networkx
    rows = []
    for target in sorted(targets, key=lambda t: name[t]):
        ends = [n for n in s.side[target] if n in near.distance]
        hops = min((near.distance[n] for n in ends), default=None)
        closest = [n for n in ends if near.distance[n] == hops]
        nearest = sorted({h for n in closest for h in near.nearest(n)}, key=lambda h: (name[h], near.index[h]))
        # The end each home entity's path takes: the first it reaches of the closest, in one order sorted once
        # (a country's units at one distance, asked by each of its 65 nearest home entities at 10,000 entities).
        ordered = sorted(closest, key=lambda n: (n != target, name[n], n))
        found = {}
        for h in nearest:
            end = next(n for n in ordered if near.reaches(h, n))
            found[h] = (near.path(h, end), end)
        units = by_name(graph, {found[h][1] for h in nearest} - {target})
        rows.append(
            {
                **_entity(graph, target),
                "priority": graph.nodes[target].get("priority"),
                "hops": hops,
                "status": "reached" if hops is not None else "unreached",
                "reached_by": [name[h] for h in nearest],
                "paths": [" → ".join([name[n] for n in found[h][0]]) for h in nearest],
                "via": [via_text(graph, s.side[target][u]) for u in units],
                "via_ids": units,
                "in_home": target in s.home,
            }
        )
    return rows


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
    agreements = parties(graph)
    target_of = s.target_of
    # The links of the home side only, both ways (not every link of the graph: 0.15 s at 10,000/100,000).
    for a, ours_of_a in s.home_of.items():
        if a not in graph:
            continue
        for around in (graph.succ[a], graph.pred[a]):
            for b, keyed in around.items():
                theirs_of_b = target_of.get(b)
                if not theirs_of_b:
                    continue
                for data in keyed.values():
                    rel_type = data.get("type", "")
                    for h in ours_of_a:
                        for t in theirs_of_b - {h}:
                            types[h, t].add(rel_type)
                            via[h, t].update({b} - {t})
                            home_via[h, t].update({a} - {h})
    # Agreement -> the units (not the entity itself) party to it, for each target and each home entity.
    theirs = {t: _held_by(agreements, s.side[t], t) for t in targets}
    held_by: defaultdict[str, set[str]] = defaultdict(set)  # agreement -> the targets party to it (or a unit)
    for t, held in theirs.items():
        for a in held:
            held_by[a].add(t)
    latest: dict[str, dict[str, dict]] = {}  # home entity -> target -> their last engagement (newest first)
    for t, items in engaged.items():
        for e in items:
            for h in e["home"]:
                latest.setdefault(h, {}).setdefault(t, e)
    # Names, entity columns and unit wordings are worked out once, not once per cell: at 10,000 entities a matrix of
    # 686 x 200 cells took 3.8 s, most of it sorting and wording the same units again (measured, bench/missed.md).
    name = names(graph)
    via_words: dict[tuple[str, str], str] = {}
    home_words: dict[str, str] = {}
    targets_named = {t: _entity(graph, t) for t in targets}
    typed: defaultdict[str, set[str]] = defaultdict(set)  # home entity -> targets it has a direct link with
    for h, t in types:
        typed[h].add(t)
    rows = []
    in_order = by_name(graph, targets, name)
    for h in by_name(graph, home, name):
        ours = _held_by(agreements, s.home_nodes(h), h)
        home_named = _entity(graph, h, "home")
        lasts = latest.get(h, {})
        # The targets this home entity has anything with; every other pair is a gap, made without looking further.
        some = typed[h] | lasts.keys() | {t for a in ours for t in held_by.get(a, ())}
        for t in in_order:
            if t == h:
                continue
            if t not in some:
                rows.append(
                    {
                        **home_named,
                        **targets_named[t],
                        "direct_links": [],
                        "links": 0,
                        "last_engagement": None,
                        "shared_agreements": [],
                        "score": 0,
                        "via": [],
                        "via_ids": [],
                        "home_via": [],
                    }
                )
                continue
            cell = (h, t)
            held = theirs[t]
            shared = ours.keys() & held.keys() if ours else set()
            last = lasts.get(t)
            linked = types.get(cell, set())
            units_in = set(via.get(cell, ()))
            ours_in = set(home_via.get(cell, ()))
            for a in shared:
                units_in |= held[a]
                ours_in |= ours[a]
            if last:
                units_in.update(last["via_ids"])
                ours_in.update(u for u in last["home_via_ids"] if h in s.home_of[u])
            units = by_name(graph, units_in, name) if len(units_in) > 1 else list(units_in)
            for u in units:
                if (t, u) not in via_words:
                    via_words[t, u] = via_text(graph, s.side[t][u])
            for u in ours_in:
                if u not in home_words:
                    home_words[u] = via_text(graph, s.home_chain[u])
            rows.append(
                home_named
                | targets_named[t]
                | {
                    "direct_links": sorted(linked),
                    "links": len(linked),
                    "last_engagement": last and last["date"],
                    "shared_agreements": sorted(name[a] for a in shared),
                    "score": len(linked) + (1 if last else 0) + len(shared),
                    "via": [via_words[t, u] for u in units],
                    "via_ids": units,
                    "home_via": [home_words[u] for u in by_name(graph, ours_in, name)],
                }
            )
    return rows


def _held_by(agreements: dict[str, set[str]], nodes: Iterable[str], entity: str) -> dict[str, set[str]]:
    """Agreement -> which of `nodes` are party to it, `entity` itself left out (it holds them without a unit)."""
    found: dict[str, set[str]] = {}
    for n in nodes:
        for a in agreements.get(n, ()):
            found.setdefault(a, set()).update({n} - {entity})
    return found


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


def stale(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    on: str,
    thresholds: dict[str, int] | None = None,
    include_current: bool = False,
    rollup: bool = True,
) -> list[dict]:
    """Targets whose last engagement with the home set is older than their priority's threshold, or never.

    A partial date counts from the end of its period; an engagement exactly
    `threshold` days old is not stale.  Targets without a priority use the
    ``low`` threshold.  ``via`` / ``via_ids`` name the target's units the last
    engagement came through.
    """
    limits = {**STALE_DAYS, **(thresholds or {})}
    engaged = shared_engagements(graph, home, targets, rollup=rollup, on=on)
    rows = []
    for t in sorted(targets - home, key=lambda n: _name(graph, n)):
        priority = graph.nodes[t].get("priority")
        limit = limits.get(priority or "low", limits["low"])
        last = engaged.get(t, [None])[0]
        days = days_since(last["date"], on) if last else None
        status = "never engaged" if last is None or days is None else ("stale" if days > limit else "current")
        due = _open_follow_ups(graph, engaged.get(t, []))
        if status == "current" and due:
            status = "follow-up open"  # shown until the follow-up is marked done
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
                    "via": last["via"] if last else [],
                    "via_ids": last["via_ids"] if last else [],
                    "follow_up_due": due[0]["due"] if due else None,
                    "follow_up": due[0]["title"] if due else None,
                    "follow_up_owner": due[0]["owner"] if due else None,
                }
            )
    return rows


def _open_follow_ups(graph: nx.MultiDiGraph, engaged: list[dict]) -> list[dict]:
    """Follow-ups of `engaged` engagements that are due and not marked done, the earliest due first."""
    found = []
    for item in engaged:
        data = graph.nodes.get(item["engagement"], {})
        if data.get("follow_up_due") and not data.get("follow_up_done"):
            owner = data.get("follow_up_owner")
            found.append({"due": data["follow_up_due"], "title": data.get("title") or data.get("name"), "owner": owner})
    return sorted(found, key=lambda f: f["due"])


def follow_ups(graph: nx.MultiDiGraph, *, on: str) -> list[dict]:
    """Every engagement with a follow-up not marked done: its title, date, due date, owner and whether it is overdue.

    A partial due date (``2027-01``) is due at the end of its period.
    """
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "Engagement" or not data.get("follow_up_due") or data.get("follow_up_done"):
            continue
        due = str(data["follow_up_due"])
        rows.append(
            {
                "engagement": node,
                "engagement_name": data.get("title") or data.get("name") or node,
                "date": data.get("date"),
                "due": due,
                "owner": data.get("follow_up_owner"),
                "overdue": period_end(due).isoformat() < on,
            }
        )
    return sorted(rows, key=lambda r: (r["due"], r["engagement_name"]))


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
    party_to = [(u, v, d) for u, v, d in party_links(graph) if v in agreements]
    engaged = shared_engagements(graph, home, {u for u, _, _ in party_to} - home, rollup=rollup, on=on)
    horizon = (dt.date.fromisoformat(on) + dt.timedelta(days=window_days)).isoformat()
    rows = []
    for party, agreement, data in sorted(party_to, key=lambda e: (_name(graph, e[1]), _name(graph, e[0]))):
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
            last = next(iter(engaged.get(party, [])), None)  # newest first: none later if the last is not
            if not last or period_end(last["date"]).isoformat() < since:
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
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    on: str,
    window_days: int = 180,
    min_home: int = 3,
    rollup: bool = True,
) -> list[dict]:
    """Targets that at least `min_home` home entities engaged in separate engagements within the window.

    With roll-up engagements of the target's units count; ``via`` names them.
    """
    start = (dt.date.fromisoformat(on) - dt.timedelta(days=window_days)).isoformat()
    engaged = shared_engagements(graph, home, targets, rollup=rollup, on=on)
    rows = []
    for t, items in sorted(engaged.items(), key=lambda kv: _name(graph, kv[0])):
        recent = [e for e in items if start <= period_end(e["date"]).isoformat() <= on]
        engaged_by = sorted({h for e in recent for h in e["home"]}, key=lambda h: _name(graph, h))
        if len(engaged_by) >= min_home and len(recent) >= 2:
            rows.append(
                {
                    **_entity(graph, t),
                    "home_entities": [_name(graph, h) for h in engaged_by],
                    "count": len(engaged_by),
                    "engagements": [f"{e['date']} {_name(graph, e['engagement'])}" for e in recent],
                    "via": sorted({v for e in recent for v in e["via"]}),
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
    records: defaultdict[str, Counter[str]] = defaultdict(Counter)  # type -> holder -> records, in holder order
    for u, d in holders:
        records[d["type"]][u] += 1
    rows = []
    for u, d in sorted(holders, key=lambda h: (h[1]["type"], _name(graph, h[0]))):
        note = ""
        held = records[d["type"]]  # one holder with two records is not two holders
        if d["type"] in ROLE_TYPES and len(held) > 1:
            others = ", ".join(_name(graph, o) for o in held if o != u)
            open_end = " (an open end date)" if not d.get("until") else ""
            note = f"{len(held)} holders of {d['type'].lower()} on {on}: also {others}; records overlap{open_end}"
        elif held[u] > 1:
            note = f"{held[u]} overlapping {d['type'].lower()} records for this entity"
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


def summary(
    graph: nx.MultiDiGraph,
    home: set[str],
    targets: set[str],
    *,
    on: str,
    max_hops: int = 3,
    thresholds: dict[str, int] | None = None,
    rollup: bool = True,
) -> dict[str, int]:
    """Counts for the tiles above the tables: `graph.standing.counts` of the `graph.standing.standing` rows.

    ``looked_at``: targets not in the home set; ``reached`` / ``unreached``:
    their `reach` rows by status; ``single_threaded``: `single_threads` rows;
    ``stale``, ``never_engaged``, ``current``: `stale` rows (with current ones)
    by status.  `graph` is what the analyses get (the links active on `on`).
    """
    return counts(
        standing(
            reach(graph, home, targets, max_hops=max_hops, rollup=rollup),
            single_threads(graph, home, targets, max_hops=max_hops, rollup=rollup),
            stale(graph, home, targets, on=on, thresholds=thresholds, include_current=True, rollup=rollup),
        )
    )
