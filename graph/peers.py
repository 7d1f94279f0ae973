"""Forums where a peer sits and we don't: pure functions of a networkx graph and sets of entity ids.

The graph is a MultiDiGraph as built by `graph.model.to_networkx`.  An entity
*sits* in a forum (or an international organisation, or an agreement) when it
has a ``MEMBER_OF``, ``PARTY_TO``, ``CHAIRS`` or ``SECRETARIAT_FOR`` link to it
(`graph.gaps.MEMBERSHIP_TYPES`).  With roll-up (`graph.rollup.sides`) a home
entity sits when one of its units does, or when the country it is a government
agency of does (Australia's membership of a forum seats Australia's agencies),
and a peer when one of its units does or, for a peer country, one of its
agencies or their units.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.dates import active
from graph.gaps import MEMBERSHIP_TYPES
from graph.rollup import by_name, sides, via_text
from graph.vocabulary import reading


def _forums(graph: nx.MultiDiGraph, forums: set[str] | None) -> set[str]:
    """The ids looked at: `forums` that are in `graph`, or every ``Forum`` when None."""
    if forums is None:
        return {n for n, data in graph.nodes(data=True) if data.get("kind") == "Forum"}
    return {n for n in forums if n in graph}


def _home_countries(graph: nx.MultiDiGraph, home: set[str], on: str | None) -> set[str]:
    """Countries whose government agencies are home entities: where the country sits, its agencies sit."""
    found = {graph.nodes[h].get("country") for h in home if h in graph and graph.nodes[h].get("kind") == "Agency"}
    for h in home & set(graph):
        if graph.nodes[h].get("kind") == "Agency":
            found.update(
                v
                for _, v, d in graph.out_edges(h, data=True)
                if d.get("type") == "BASED_IN" and active(d.get("since"), d.get("until"), on)
            )
    return {str(c) for c in found if c and c in graph and graph.nodes[c].get("kind") == "Country"}


def forums_looked_at(graph: nx.MultiDiGraph, forums: set[str] | None = None) -> int:
    """How many forums `peer_forums` looks at for the same `forums`: those in `graph`, or every ``Forum``."""
    return len(_forums(graph, forums))


def peer_forums(
    graph: nx.MultiDiGraph,
    home: set[str],
    peers: set[str],
    forums: set[str] | None = None,
    *,
    rollup: bool = True,
    on: str | None = None,
) -> list[dict]:
    """Forums where at least one peer sits and no home entity does, sorted by forum name.

    Parameters
    ----------
    graph
        The graph; a link counts when active on `on`.
    home, peers
        Entity ids.  An entity in both counts as home.
    forums
        Ids to look at (None: every ``Forum``); ids not in `graph` are skipped.
        `forums_looked_at` counts them for the page.
    rollup
        True: home entities and peers sit through their units, a peer country
        through its agencies and their units (`graph.rollup.sides`).  False:
        each sits only itself.
    on
        ISO date dating the membership links and the roll-up's ``PART_OF`` /
        ``BASED_IN`` links; None: every link counts.

    Returns
    -------
    list of dict
        ``forum``, ``forum_name``, ``forum_kind``; ``peers`` (names, sorted)
        and ``peer_count``; ``via`` (the units and agencies peers sat through,
        in words, as `graph.rollup.via_text` gives them; empty when every peer
        sat itself) with ``via_ids``; ``roles`` (how the peers sit, in words:
        ``member of``, ``party to``, ``chairs``, ``secretariat for``).
    """
    looked_at = _forums(graph, forums)
    countries = _home_countries(graph, home, on) if rollup else set()
    s = sides(graph, set(home), set(peers) - set(home) - countries, rollup=rollup, on=on)
    ours: set[str] = set()  # forums where a home entity sits
    seated: defaultdict[str, set[str]] = defaultdict(set)  # forum -> peers that sit there
    units: defaultdict[str, dict[str, str]] = defaultdict(dict)  # forum -> unit -> via words
    roles: defaultdict[str, set[str]] = defaultdict(set)
    for source, forum, data in graph.edges(data=True):
        rel_type = data.get("type")
        if forum not in looked_at or rel_type not in MEMBERSHIP_TYPES:
            continue
        if not active(data.get("since"), data.get("until"), on):
            continue
        if source in s.home_of or source in countries:
            ours.add(forum)
        for peer in by_name(graph, s.target_of.get(source, ())):
            seated[forum].add(peer)
            roles[forum].add(rel_type)
            if source != peer:  # a unit of two peers is named by the chain to the first by name
                units[forum].setdefault(source, via_text(graph, s.side[peer][source]))
    rows = []
    for forum in by_name(graph, set(seated) - ours):
        data = graph.nodes[forum]
        through = by_name(graph, units[forum])
        rows.append(
            {
                "forum": forum,
                "forum_name": data.get("name") or forum,
                "forum_kind": data.get("kind"),
                "peers": sorted(graph.nodes[p].get("name") or p for p in seated[forum]),
                "peer_count": len(seated[forum]),
                "via": [units[forum][u] for u in through],
                "via_ids": through,
                "roles": [reading(t) for t in MEMBERSHIP_TYPES if t in roles[forum]],
            }
        )
    return rows
