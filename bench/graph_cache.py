"""A page's graph: read from Neo4j on every rerun, against the graph cached per version, in the same run.

Usage: ``.venv/bin/python -m bench.graph_cache [--entities 10000] [--links 100000]``; starts a throwaway
Neo4j, writes a seeded synthetic graph (agencies, countries, forums, programs, engagements over 15 years;
a few forums with thousands of members), then times what a Gaps page rerun costs each way, and what another
process at the same graph version pays: the history from the snapshot file (`queries.snapshot`) or from Neo4j.
Prints seconds and ratios; never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import neo4j
import networkx as nx

import neo4j_local
from graph.model import on_date
from queries import snapshot
from queries.graphs import graph_version, load_graph
from queries.schema import ensure_schema

KINDS = [("Agency", 0.35), ("NGO", 0.2), ("Company", 0.1), ("Country", 0.02), ("Forum", 0.03), ("Engagement", 0.3)]
TYPES = ["PARTNERS_WITH", "MEMBER_OF", "FUNDS", "OPERATES_IN", "PARTICIPATED_IN", "PART_OF"]


def synthetic(entities: int, links: int, seed: int = 7) -> tuple[list[dict], dict[str, list[dict]]]:
    """Entity rows and link rows by type: heavy-tailed (links prefer low-numbered hubs), dated over 15 years."""
    rng = random.Random(seed)
    nodes = []
    for i in range(entities):
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        year = rng.randint(2011, 2026)
        nodes.append(
            {
                "id": f"e{i}",
                "kind": kind,
                "name": f"{kind} {i}",
                "date": f"{year}-{rng.randint(1, 12):02d}" if kind == "Engagement" else None,
            }
        )
    by_type: dict[str, list[dict]] = defaultdict(list)
    for _ in range(links):
        a = rng.randrange(entities)
        b = int(entities * rng.random() ** 3)  # many links into few hubs
        if a == b:
            continue
        since = rng.randint(2010, 2026)
        until = since + rng.randint(0, 8) if rng.random() < 0.4 else None
        by_type[rng.choice(TYPES)].append(
            {
                "a": f"e{a}",
                "b": f"e{b}",
                "since": str(since),
                "until": str(until) if until else None,
                "notes": "synthetic",
                "sources": ["https://example.org/bench"],
            }
        )
    return nodes, by_type


def write(driver: neo4j.Driver, nodes: list[dict], by_type: dict[str, list[dict]]) -> None:
    """Bench data written directly in batches (the loader's own speed is another benchmark)."""
    ensure_schema(driver)
    by_kind: dict[str, list[dict]] = defaultdict(list)
    for n in nodes:
        by_kind[n["kind"]].append(n)
    for kind, rows in by_kind.items():
        for i in range(0, len(rows), 5000):
            driver.execute_query(
                f"UNWIND $rows AS r CREATE (n:Entity:{kind} {{id: r.id, name: r.name, date: r.date}})",
                rows=rows[i : i + 5000],
            )
    for rel_type, rows in by_type.items():  # types are the constants above, never data
        for i in range(0, len(rows), 5000):
            driver.execute_query(
                f"UNWIND $rows AS r MATCH (a:Entity {{id: r.a}}), (b:Entity {{id: r.b}}) "
                f"CREATE (a)-[:{rel_type} {{since: r.since, until: r.until, notes: r.notes, sources: r.sources}}]->(b)",
                rows=rows[i : i + 5000],
            )
    driver.execute_query("CREATE (:Load {id: 'bench', at: '2026-12-01T00:00:00'})")


def timed(fn, repeat: int = 3) -> float:
    """The best of `repeat` runs, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=100_000)
    args = parser.parse_args()
    nodes, by_type = synthetic(args.entities, args.links)
    with tempfile.TemporaryDirectory() as folder:
        server = neo4j_local.start(folder, neo4j_local.free_port())
        try:
            with neo4j.GraphDatabase.driver(server.uri, notifications_min_severity="OFF") as driver:
                start = time.perf_counter()
                write(driver, nodes, by_type)
                print(
                    f"wrote {len(nodes):,} entities and {sum(map(len, by_type.values())):,} links in "
                    f"{time.perf_counter() - start:.1f} s"
                )
                on = "2024-06-30"
                read_each_rerun = timed(lambda: load_graph(driver, as_of=on))
                cold = timed(lambda: nx.freeze(load_graph(driver)), repeat=1)
                history = nx.freeze(load_graph(driver))
                cached: dict[tuple, nx.MultiDiGraph] = {}

                def warm() -> None:  # what views.cached does on a rerun: the version, then a dict lookup
                    key = (graph_version(driver), on)
                    if key not in cached:
                        cached[key] = nx.freeze(on_date(history, on))

                first_date = timed(lambda: on_date(history, on), repeat=1)
                warm()
                rerun = timed(warm)
                # Another process (the CLI, a second app process) at the same version: the snapshot file.
                os.environ[snapshot.ENV] = str(Path(folder) / "snapshots")
                snapshot.history(driver)  # written once
                from_file = timed(lambda: snapshot.history(driver))
        finally:
            server.stop()
    print(f"graph as of {on}: read on every rerun {read_each_rerun:.2f} s")
    print(
        f"cached: first read of the history {cold:.2f} s, a new date from it {first_date:.2f} s, "
        f"a warm rerun {rerun * 1000:.1f} ms"
    )
    print(
        f"ratio: a rerun is {read_each_rerun / rerun:,.0f}x faster warm; a new date "
        f"{read_each_rerun / first_date:.1f}x faster than reading it"
    )
    print(
        f"another process at the same version: the history from the snapshot file {from_file:.2f} s against "
        f"{cold:.2f} s from Neo4j, ratio {cold / from_file:.1f}x"
    )


if __name__ == "__main__":
    main()
