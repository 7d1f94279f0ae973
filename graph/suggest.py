"""Suggested partners: entities our partners work with and we do not (pure).

The home set's partners are the organisations linked to any home entity. A
candidate is linked to at least one partner but to no home entity. It is
scored by common neighbours (how many of our partners it works with) and by
Adamic–Adar (a shared partner with few links counts more than a hub).
"""

from __future__ import annotations

import math
from collections.abc import Collection

import networkx as nx

from graph.model import undirected

#: Kinds suggested by default: organisations one can partner with.
PARTNER_KINDS = frozenset({"Agency", "NGO", "Company", "InternationalOrganisation", "Forum", "Program"})


def suggestions(
    graph: nx.MultiDiGraph,
    home: set[str],
    *,
    kinds: Collection[str] | None = PARTNER_KINDS,
    via_kinds: Collection[str] | None = PARTNER_KINDS,
    limit: int = 20,
) -> list[dict]:
    """Entities the home set's partners work with but the home set does not, best first.

    Parameters
    ----------
    kinds : collection of str, optional
        Kinds that may be suggested; None or empty for all.
    via_kinds : collection of str, optional
        Kinds that count as partners (a shared country or meeting is not a
        partnership); None or empty for all.

    Returns
    -------
    list of dict
        ``{"rank", "id", "name", "kind", "common", "adamic_adar", "via", "reason"}``;
        `via` names the shared partners, most specific first.
    """
    simple = undirected(graph)
    simple.remove_edges_from(nx.selfloop_edges(simple))
    home = {h for h in home if h in simple}
    partners = {p for h in home for p in simple[h] if not via_kinds or simple.nodes[p].get("kind") in via_kinds} - home
    linked = {p for h in home for p in simple[h]}
    scores: dict[str, list[str]] = {}
    for partner in partners:
        for candidate in simple[partner]:
            if candidate in home or candidate in linked:
                continue
            if kinds and simple.nodes[candidate].get("kind") not in kinds:
                continue
            scores.setdefault(candidate, []).append(partner)
    name = {n: simple.nodes[n].get("name") or n for n in simple}
    rows = []
    for candidate, via in scores.items():
        via.sort(key=lambda p: (simple.degree(p), name[p]))
        adamic_adar = sum(1 / math.log(simple.degree(p)) for p in via)  # a shared partner has degree >= 2
        shown = ", ".join(name[p] for p in via[:3]) + (f" and {len(via) - 3} more" if len(via) > 3 else "")
        rows.append(
            {
                "id": candidate,
                "name": name[candidate],
                "kind": simple.nodes[candidate].get("kind"),
                "common": len(via),
                "adamic_adar": round(adamic_adar, 4),
                "via": [name[p] for p in via],
                "reason": f"works with {shown} ({len(via)} of our partners)"
                if len(via) > 1
                else f"works with {shown}, one of our partners",
            }
        )
    rows.sort(key=lambda r: (-r["adamic_adar"], -r["common"], r["name"]))
    return [{"rank": i, **row} for i, row in enumerate(rows[:limit], 1)]
