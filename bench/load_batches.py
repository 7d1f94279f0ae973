"""Writing entities: one batched ``UNWIND $rows`` query versus one query per row, in the same run.

Usage: ``.venv/bin/python -m bench.load_batches [N]``; starts a throwaway Neo4j and prints
times and the ratio.  It never fails on a time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from typing import Any

import neo4j

import neo4j_local
from queries import cypher
from queries.schema import ensure_schema


def rows(n: int, prefix: str) -> list[dict]:
    return [
        {
            "id": f"{prefix}{i}",
            "kind": "NGO",
            "drop": [],
            "loaded_from": f"bench.csv:{i + 2}",
            "props": {"name": f"Organisation {i}", "sources": ["bench"], "tags": ["bench"]},
        }
        for i in range(n)
    ]


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(n: int = 2000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        server = neo4j_local.start(folder, neo4j_local.free_port())
        try:
            with neo4j.GraphDatabase.driver(server.uri) as driver:
                ensure_schema(driver)
                query = cypher("write_entities")
                common: dict[str, Any] = {"load_id": "bench", "loaded_at": "2026-01-01T00:00:00"}

                def batched():
                    with driver.session() as session:
                        session.execute_write(
                            lambda tx: [
                                tx.run(query, rows=chunk, **common).consume()
                                for chunk in (rows(n, "b")[i : i + 1000] for i in range(0, n, 1000))
                            ]
                        )

                def per_row():
                    with driver.session() as session:
                        session.execute_write(
                            lambda tx: [tx.run(query, rows=[row], **common).consume() for row in rows(n, "r")]
                        )

                one_by_one = timed(per_row)
                in_batches = timed(batched)
        finally:
            server.stop()
    print(
        f"{n} entities: per-row {one_by_one:.2f} s, UNWIND batches of 1000 {in_batches:.2f} s, "
        f"ratio {one_by_one / in_batches:.1f}x"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
