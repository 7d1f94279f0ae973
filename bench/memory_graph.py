"""A generated graph built in memory, as `queries.graphs.load_graph` would read it after a load: no database.

For measuring and checking the pure analyses of `graph/` at sizes a test cannot load (10k entities and more):
the rows of `bench.generate`, turned into entity and link properties as `bench.direct` writes them, then the
graph of one date (`graph.model.on_date`).
"""

from __future__ import annotations

import networkx as nx

from bench.direct import entity_props, link_props, vocabulary
from bench.generate import generate
from graph.model import on_date, to_networkx

AS_OF = "2026-11-30"
NODE_FIELDS = ("name", "country", "region", "priority", "tags", "aliases", "date", "sources")


def generated_graph(entities: int, links: int, *, seed: int = 7, on: str | None = AS_OF) -> nx.MultiDiGraph:
    """The graph of `bench.generate`'s rows on date `on` (None: every link whatever its dates)."""
    vocab = vocabulary()
    nodes: list[dict] = []
    edges: list[dict] = []
    for table, row in generate(entities, links, seed):
        if table == "Elements":
            kind, props = entity_props(vocab, row)
            nodes.append({"id": row["ID"], "kind": kind, **{f: props.get(f) for f in NODE_FIELDS}})
        else:
            rel_type, props = link_props(vocab, row)
            edges.append({"source": row["From"], "target": row["To"], "type": rel_type, **props})
    return on_date(to_networkx(nodes, edges), on)


def home_and_targets(graph: nx.MultiDiGraph, home_country: str = "AUS") -> tuple[set[str], set[str]]:
    """The suite's default question: the home country's agencies, and every country."""
    home = {n for n, d in graph.nodes(data=True) if d.get("kind") == "Agency" and d.get("country") == home_country}
    targets = {n for n, d in graph.nodes(data=True) if d.get("kind") == "Country"}
    return home, targets
