"""Groups and brokers in the undirected network: Louvain communities, cut points, bridges, connectors (pure)."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from graph.model import as_simple


def louvain(graph: nx.Graph, *, seed: int = 7, resolution: float = 1.0) -> dict[str, int]:
    """Community number of each entity, from networkx's Louvain with a fixed seed (stable between runs).

    Communities are numbered by size, largest first (ties: the smallest member id first),
    so community 0 is the biggest group.
    """
    given = as_simple(graph)
    # Nodes and links in sorted order: the same data gives the same groups, however it was read.
    simple: nx.Graph = nx.Graph()
    simple.add_nodes_from(sorted(given, key=str))
    simple.add_edges_from(sorted((tuple(sorted((u, v), key=str)) for u, v in given.edges() if u != v), key=str))
    found = nx.community.louvain_communities(simple, seed=seed, resolution=resolution) if simple else []
    ordered = sorted(found, key=lambda group: (-len(group), min(map(str, group))))
    return {node: number for number, group in enumerate(ordered) for node in group}


def groups(graph: nx.Graph, communities: dict[str, int], *, show: int = 5) -> list[dict]:
    """One row per community: size, kinds, best-connected members, links inside and out.

    Parameters
    ----------
    communities : dict
        ``{id: community}`` as from :func:`louvain`.
    show : int
        How many members to name, most connected first.
    """
    simple = as_simple(graph)
    members: dict[int, list[str]] = {}
    for node, number in communities.items():
        if node in simple:
            members.setdefault(number, []).append(node)
    inside: Counter[int | None] = Counter()
    outside: Counter[int | None] = Counter()
    for u, v in simple.edges():
        if u == v:
            continue
        a, b = communities.get(u), communities.get(v)
        if a == b:
            inside[a] += 1
        else:
            outside[a] += 1
            outside[b] += 1
    rows = []
    for number in sorted(members):
        nodes = sorted(members[number], key=lambda n: (-simple.degree(n), str(simple.nodes[n].get("name") or n)))
        kinds = Counter(simple.nodes[n].get("kind") or "?" for n in nodes)
        rows.append(
            {
                "community": number,
                "size": len(nodes),
                "kinds": ", ".join(f"{count} {kind}" for kind, count in kinds.most_common()),
                "members": [simple.nodes[n].get("name") or n for n in nodes[:show]],
                "links_inside": inside[number],
                "links_out": outside[number],
            }
        )
    return rows


def _dfs(simple: nx.Graph) -> tuple[dict, dict, dict, dict, dict]:
    """One depth-first pass: discovery order, low points, tree parents, subtree and component sizes."""
    disc: dict[str, int] = {}
    low: dict[str, int] = {}
    parent: dict[str, str | None] = {}
    size: dict[str, int] = {}
    component: dict[str, int] = {}
    for root in sorted(simple, key=str):
        if root in disc:
            continue
        members = []
        parent[root] = None
        disc[root] = low[root] = len(disc)
        stack = [(root, iter(simple[root]))]
        while stack:
            node, neighbours = stack[-1]
            for other in neighbours:
                if other == node:
                    continue
                if other not in disc:
                    parent[other] = node
                    disc[other] = low[other] = len(disc)
                    stack.append((other, iter(simple[other])))
                    break
                if other != parent[node]:
                    low[node] = min(low[node], disc[other])
            else:
                stack.pop()
                members.append(node)
                size[node] = 1 + sum(size[c] for c in simple[node] if parent.get(c) == node and c != node)
                up = parent[node]
                if up is not None:
                    low[up] = min(low[up], low[node])
        for node in members:
            component[node] = len(members)
    return disc, low, parent, size, component


def cut_points(graph: nx.Graph) -> list[dict]:
    """Entities whose removal splits their part of the network (articulation points).

    Returns
    -------
    list of dict
        ``{"id", "pieces", "cut_off"}``: how many pieces the part falls into
        without the entity, and how many entities end up outside the largest
        piece; most cut off first.
    """
    simple = as_simple(graph)
    disc, low, parent, size, component = _dfs(simple)
    rows = []
    for node in simple:
        children = [c for c in simple[node] if c != node and parent.get(c) == node]
        split = [size[c] for c in children if low[c] >= disc[node]]
        if parent[node] is not None:
            rest = component[node] - 1 - sum(split)
            pieces = [*split, rest] if split else []
        else:
            pieces = split if len(split) >= 2 else []
        if pieces:
            rows.append({"id": node, "pieces": len(pieces), "cut_off": sum(pieces) - max(pieces)})
    return sorted(rows, key=lambda r: (-r["cut_off"], -r["pieces"], str(r["id"])))


def bridges(graph: nx.Graph) -> list[dict]:
    """Pairs of entities whose one connection holds two parts of the network together.

    Returns
    -------
    list of dict
        ``{"source", "target", "cut_off"}``: `source` is on the smaller side,
        and `cut_off` counts the entities there; largest first.
    """
    simple = as_simple(graph)
    disc, low, parent, size, component = _dfs(simple)
    rows = []
    for child, up in parent.items():
        if up is None or low[child] <= disc[up]:
            continue
        side, other = size[child], component[child] - size[child]
        u, v = (child, up) if side < other or (side == other and str(child) < str(up)) else (up, child)
        rows.append({"source": u, "target": v, "cut_off": min(side, other)})
    return sorted(rows, key=lambda r: (-r["cut_off"], str(r["source"]), str(r["target"])))


def connectors(graph: nx.Graph, communities: dict[str, int], *, minimum: int = 2) -> list[dict]:
    """Entities linked into at least `minimum` communities other than their own.

    Returns
    -------
    list of dict
        ``{"id", "community", "reaches"}`` where `reaches` lists the other
        communities it has neighbours in; most reached first.
    """
    simple = as_simple(graph)
    rows = []
    for node in simple:
        own = communities.get(node)
        others = sorted({communities[n] for n in simple[node] if n != node and n in communities} - {own})
        if len(others) >= minimum:
            rows.append({"id": node, "community": own, "reaches": others})
    return sorted(rows, key=lambda r: (-len(r["reaches"]), str(r["id"])))
