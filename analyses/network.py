"""Network analytics as named analyses (``python -m queries run NAME``); the logic lives in `graph/`."""

from __future__ import annotations

from collections.abc import Callable, Collection

import networkx as nx

from analyses.catalog import Context, ParamError, analysis
from graph import communities as comm
from graph import metrics, paths, suggest
from graph.filters import FilterError, resolve_entity
from graph.vocabulary import KINDS, REL_TYPES, load_vocabulary

TOP = "how many rows, highest first (default 20; 0 for all)"


def ranked(graph: nx.Graph, scores: dict, column: str, top: int, digits: int | None = 6, **extra: dict) -> list[dict]:
    """Rows ``rank, id, name, kind, <column>`` for the entities of `scores`, highest first (ties by name)."""
    nodes = graph.nodes
    order = sorted(scores, key=lambda n: (-scores[n], str(nodes[n].get("name") or n)))
    rows = []
    for rank, node in enumerate(order[:top] if top > 0 else order, 1):
        value = round(scores[node], digits) if digits is not None else scores[node]
        rows.append(
            {
                "rank": rank,
                "id": node,
                "name": nodes[node].get("name") or node,
                "kind": nodes[node].get("kind"),
                column: value,
                **{key: values[node] for key, values in extra.items()},
            }
        )
    return rows


def entity(ctx: Context, name: str) -> str:
    """The id named by ``--param NAME=...`` (id, name or alias)."""
    try:
        return resolve_entity(ctx.graph, ctx.param(name))
    except FilterError as exc:
        raise ParamError(f"--param {name}: {exc}") from None


def _choices(ctx: Context, name: str, allowed: Collection[str], convert: Callable[[str], str]) -> set[str] | None:
    """A comma-separated list parameter, each item checked against the vocabulary."""
    raw = ctx.param(name, "")
    if not raw:
        return None
    chosen = set()
    for item in filter(None, (part.strip() for part in raw.split(","))):
        value = convert(item)
        if value not in allowed:
            raise ParamError(f"--param {name}: unknown {item!r}; use one of {', '.join(allowed)}")
        chosen.add(value)
    return chosen


def kinds_param(ctx: Context, name: str = "kinds") -> set[str] | None:
    return _choices(ctx, name, KINDS, lambda text: load_vocabulary().kind(text) or text)


def types_param(ctx: Context, name: str = "types") -> set[str] | None:
    return _choices(ctx, name, REL_TYPES, lambda text: text.upper().replace(" ", "_"))


@analysis("degree", "distinct neighbours per entity (either direction), most first", {"top": TOP})
def degree(ctx: Context) -> list[dict]:
    return ranked(
        ctx.graph,
        metrics.degree(ctx.graph),
        "degree",
        ctx.param("top", 20, int),
        digits=None,
        links=metrics.link_count(ctx.graph),
    )


@analysis("betweenness", "share of shortest paths through each entity (brokerage), highest first", {"top": TOP})
def betweenness(ctx: Context) -> list[dict]:
    method = metrics.betweenness_method(ctx.graph.number_of_nodes())
    return [
        row | {"method": method}
        for row in ranked(ctx.graph, metrics.betweenness(ctx.graph), "betweenness", ctx.param("top", 20, int))
    ]


@analysis("pagerank", "PageRank on the undirected network: linked to the well linked", {"top": TOP})
def pagerank(ctx: Context) -> list[dict]:
    return ranked(ctx.graph, metrics.pagerank(ctx.graph), "pagerank", ctx.param("top", 20, int))


@analysis("closeness", "closeness (Wasserman–Faust, for a network in pieces): near everyone else", {"top": TOP})
def closeness(ctx: Context) -> list[dict]:
    return ranked(ctx.graph, metrics.closeness(ctx.graph), "closeness", ctx.param("top", 20, int))


@analysis(
    "communities",
    "Louvain communities (seeded, stable): size, kinds, best-connected members",
    {
        "seed": "random seed (default 7)",
        "resolution": "above 1 for smaller groups (default 1)",
        "min_size": "smallest group listed (default 2)",
    },
)
def communities(ctx: Context) -> list[dict]:
    found = comm.louvain(ctx.graph, seed=ctx.param("seed", 7, int), resolution=ctx.param("resolution", 1.0, float))
    return [row for row in comm.groups(ctx.graph, found) if row["size"] >= ctx.param("min_size", 2, int)]


@analysis(
    "brokers",
    "entities and links whose removal splits the network, and entities joining communities",
    {"top": "rows of each kind (cut points and bridges; connectors), most cut off first (default 20; 0: all)"},
)
def brokers(ctx: Context) -> list[dict]:
    graph, top = ctx.graph, ctx.param("top", 20, int)
    name = {n: graph.nodes[n].get("name") or n for n in graph}
    rows = [
        {
            "broker": "cut point",
            "id": r["id"],
            "name": name[r["id"]],
            "cut_off": r["cut_off"],
            "reason": f"without it, {r['cut_off']} entities lose their connection ({r['pieces']} pieces)",
        }
        for r in comm.cut_points(graph)
    ]
    rows += [
        {
            "broker": "bridge",
            "id": f"{r['source']}--{r['target']}",
            "name": f"{name[r['source']]} – {name[r['target']]}",
            "cut_off": r["cut_off"],
            "reason": f"the only connection of {r['cut_off']} entities on {name[r['source']]}'s side",
        }
        for r in comm.bridges(graph)
    ]
    rows.sort(key=lambda r: -r["cut_off"])
    found = comm.louvain(graph)
    connect = [
        {
            "broker": "connector",
            "id": r["id"],
            "name": name[r["id"]],
            "cut_off": 0,
            "reason": f"links community {r['community']} with communities {', '.join(map(str, r['reaches']))}",
        }
        for r in comm.connectors(graph, found)
    ]
    if top > 0:
        rows, connect = rows[:top], connect[:top]
    return rows + connect


@analysis(
    "paths",
    "every shortest path between two entities, each with its links' dates and sources",
    {
        "from": "an entity id, name or alias",
        "to": "an entity id, name or alias",
        "kinds": "kinds allowed in the middle, comma-separated (default all)",
        "types": "relationship types to follow, comma-separated (default all)",
        "limit": "most paths listed (default 100)",
    },
)
def shortest(ctx: Context) -> list[dict]:
    source, target = entity(ctx, "from"), entity(ctx, "to")
    found = paths.shortest_paths(
        ctx.graph, source, target, kinds=kinds_param(ctx), types=types_param(ctx), limit=ctx.param("limit", 100, int)
    )
    return [
        {"path": i, "hops": p["hops"], "entities": p["names"], "ids": p["ids"], "links": p["links"]}
        for i, p in enumerate(found, 1)
    ]


@analysis(
    "introductions",
    "who can introduce the home set (--home) to an entity: ranked paths through partners",
    {
        "to": "an entity id, name or alias",
        "max_hops": "longest path (default 4)",
        "limit": "paths listed (default 10)",
        "through": "kinds allowed in the middle, comma-separated (default all but Country)",
    },
)
def introductions(ctx: Context) -> list[dict]:
    target = entity(ctx, "to")
    found = paths.introductions(
        ctx.graph,
        ctx.home,
        target,
        today=ctx.on,
        max_hops=ctx.param("max_hops", 4, int),
        limit=ctx.param("limit", 10, int),
        through=kinds_param(ctx, "through"),
    )
    return [
        {
            "rank": p["rank"],
            "score": p["score"],
            "hops": p["hops"],
            "from": p["from"],
            "introducer": p["introducer"],
            "entities": p["names"],
            "ids": p["ids"],
            "links": p["links"],
        }
        for p in found
    ]


@analysis(
    "suggestions",
    "entities our partners work with and the home set (--home) does not, with the reason",
    {"limit": "rows (default 20)", "kinds": "kinds to suggest, comma-separated (default organisations)"},
)
def suggestions(ctx: Context) -> list[dict]:
    return suggest.suggestions(
        ctx.graph, ctx.home, kinds=kinds_param(ctx) or suggest.PARTNER_KINDS, limit=ctx.param("limit", 20, int)
    )
