"""Generated rows straight into Neo4j with large ``UNWIND ... CREATE`` batches, bypassing the loader.

The graph reads of `bench.suite` need the data in the graph whatever the loader's speed; this writes what the
loader would write for the same files (entity and link properties as ``loaders.validate`` makes them, the link
``key`` the reads use), without its checks, plan or undo records.  Cells are already clean (they come from
`bench.generate`), so the conversion is small.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

import neo4j

from bench.generate import generate
from graph.vocabulary import REL_TYPES, Vocabulary, fold, load_vocabulary
from queries.schema import ensure_schema

BATCH = 10_000
LINK_FIELDS = {"Since": "since", "Until": "until", "Role": "role", "Currency": "currency", "Confidence": "confidence"}


def vocabulary() -> Vocabulary:
    """The shipped vocabulary (the generated files use no team wording)."""
    return load_vocabulary()


def _list(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


def entity_props(vocab: Vocabulary, row: dict) -> tuple[str, dict]:
    """The kind and properties the loader stores for one Elements row of `bench.generate`."""
    kind = vocab.kind(row["Type"]) or "Agency"
    props: dict = {"name": row["Label"]}
    for cell, key in (("Country", "country"), ("Region", "region"), ("Description", "description")):
        if row[cell] and not (kind == "Country" and key == "country"):
            props[key] = row[cell]
    if row["Priority"]:
        props["priority"] = row["Priority"]
    for cell in ("Aliases", "Tags", "Sources"):
        props[cell.lower()] = _list(row[cell])
    if kind == "Engagement":
        props |= {"title": row["Label"], "summary": row["Description"], "date": row["Date"]}
        props["kind"] = row["Engagement Kind"]
    return kind, props


def link_props(vocab: Vocabulary, row: dict) -> tuple[str, dict]:
    """The type and properties the loader stores for one Connections row, ``key`` included."""
    found = vocab.relationship(row["Type"])
    rel_type = found[0] if found else "RELATED_TO"
    props: dict = {key: row[cell] for cell, key in LINK_FIELDS.items() if row[cell]}
    if row["Notes"]:
        props["notes"] = row["Notes"]
    if row["Amount"]:
        props["amount"] = float(row["Amount"])
    props["sources"] = _list(row["Sources"])
    if rel_type == "RELATED_TO":
        props["kind"] = fold(row["Type"])
    props["key"] = "|".join([rel_type, row["From"], row["To"], props.get("since") or "", props.get("kind") or ""])
    return rel_type, props


def wipe(driver: neo4j.Driver) -> None:
    """Delete everything, in transactions of 10,000 (a million links at once would not fit the heap)."""
    with driver.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def _flush(driver: neo4j.Driver, query: str, rows: list[dict]) -> None:
    if rows:
        driver.execute_query(query, rows=rows)
        rows.clear()


def write_rows(driver: neo4j.Driver, rows: Iterable[tuple[str, dict]], *, load_id: str = "bench-direct") -> int:
    """Write generated ``(table, row)`` pairs (all Elements before Connections); the rows written."""
    ensure_schema(driver)
    vocab = vocabulary()
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entity_query = (
        "UNWIND $rows AS r CREATE (n:Entity {id: r.id}) SET n += r.props, n:$(r.kind), "
        "n.aliases_text = reduce(s = '', a IN r.props.aliases | s + ' ' + a), "
        f"n.loaded_from = r.loaded_from, n.load_id = '{load_id}', n.loaded_at = '{at}'"
    )
    entities: list[dict] = []
    links: dict[str, list[dict]] = {t: [] for t in REL_TYPES}
    written = 0
    for number, (table, row) in enumerate(rows):
        written += 1
        if table == "Elements":
            kind, props = entity_props(vocab, row)
            entities.append({"id": row["ID"], "kind": kind, "props": props, "loaded_from": f"Elements.csv:{number}"})
            if len(entities) >= BATCH:
                _flush(driver, entity_query, entities)
            continue
        _flush(driver, entity_query, entities)  # every entity is in before the first link needs it
        rel_type, props = link_props(vocab, row)
        batch = links[rel_type]
        batch.append({"a": row["From"], "b": row["To"], "props": props})
        if len(batch) >= BATCH:
            _flush(driver, _link_query(rel_type, load_id, at), batch)
    _flush(driver, entity_query, entities)
    for rel_type, batch in links.items():
        _flush(driver, _link_query(rel_type, load_id, at), batch)
    driver.execute_query("MERGE (l:Load {id: $id}) SET l.at = $at, l.files = ['generated']", id=load_id, at=at)
    return written


def _link_query(rel_type: str, load_id: str, at: str) -> str:
    assert rel_type in REL_TYPES  # a type from the vocabulary's constants, never from data, goes into the text
    return (
        "UNWIND $rows AS r MATCH (a:Entity {id: r.a}), (b:Entity {id: r.b}) "
        f"CREATE (a)-[x:{rel_type}]->(b) SET x = r.props, x.load_id = '{load_id}', x.loaded_at = '{at}'"
    )


def write_generated(driver: neo4j.Driver, entities: int, links: int, seed: int) -> tuple[int, float]:
    """Generate and write a dataset directly; rows written and seconds taken."""
    start = time.perf_counter()
    written = write_rows(driver, generate(entities, links, seed))
    return written, time.perf_counter() - start
