"""Writing entities: the loader's batched ``UNWIND $rows`` query versus one query per row, on the same rows.

Usage: ``.venv/bin/python -m bench.load_batches [N]``; starts a throwaway Neo4j, writes `N` generated
entities (`bench.generate`) both ways with the loader's own ``write_entities_of_kind`` query, batches (one kind
each) and batch size, and prints times and the ratio.  It never fails on a time.  ``python -m bench run`` makes the
same comparison on 10,000 rows (`bench.tasks.batched`).
"""

from __future__ import annotations

import sys
import tempfile
import time
from typing import Any

import neo4j

import loaders.write
import neo4j_local
from bench import generate
from bench.direct import entity_props, vocabulary
from queries import labelled
from queries.schema import ensure_schema

BATCH = getattr(loaders.write, "BATCH", 1000)  # the loader's own batch size, whatever it is today
COMMON: dict[str, Any] = {"load_id": "bench", "loaded_at": "2026-01-01T00:00:00"}


def loader_rows(dataset: generate.Dataset, prefix: str) -> list[dict]:
    """The generated elements as the loader plans them for ``write_entities_of_kind``, ids prefixed (two sets, one
    graph)."""
    vocab = vocabulary()
    found = []
    for number, row in enumerate(generate.element_rows(dataset), start=2):
        kind, props = entity_props(vocab, row)
        found.append({"id": prefix + row["ID"], "kind": kind, "drop": [], "props": props, "loaded_from": f"e:{number}"})
    return found


def write_batched(driver: neo4j.Driver, rows: list[dict]) -> float:
    """Seconds to write `rows` in batches of `BATCH` of one kind each, as the loader does, in one transaction."""
    start = time.perf_counter()
    with driver.session() as session:
        session.execute_write(
            lambda tx: [
                tx.run(batch.query, rows=batch.rows, **COMMON).consume()
                for batch in loaders.write.batches(loaders.write.Plan(entities=rows))
            ]
        )
    return time.perf_counter() - start


def write_one_by_one(driver: neo4j.Driver, rows: list[dict], budget: float = float("inf")) -> tuple[float, int]:
    """Seconds to write `rows` one query each, in one transaction, and how many; stops after `budget` seconds."""
    start = time.perf_counter()
    done = 0

    def work(tx: neo4j.ManagedTransaction) -> None:
        nonlocal done
        done = 0  # a retried transaction starts again
        for row in rows:
            tx.run(labelled("write_entities_of_kind", row["kind"]), rows=[row], **COMMON).consume()
            done += 1
            if time.perf_counter() - start > budget:
                return

    with driver.session() as session:
        session.execute_write(work)
    return time.perf_counter() - start, done


def main(n: int = 2000) -> None:
    dataset = generate.plan(n, seed=11)
    with tempfile.TemporaryDirectory() as folder:
        server = neo4j_local.start(folder, neo4j_local.free_port())
        try:
            with neo4j.GraphDatabase.driver(server.uri) as driver:
                ensure_schema(driver)
                one_by_one, _ = write_one_by_one(driver, loader_rows(dataset, "r-"))
                in_batches = write_batched(driver, loader_rows(dataset, "b-"))
        finally:
            server.stop()
    print(
        f"{len(dataset.entities)} entities: per-row {one_by_one:.2f} s, UNWIND batches of {BATCH} "
        f"{in_batches:.2f} s, ratio {one_by_one / in_batches:.1f}x"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
