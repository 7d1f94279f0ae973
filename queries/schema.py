"""Create the database schema (constraints and indexes) idempotently."""

from __future__ import annotations

import neo4j

from graph.vocabulary import load_vocabulary
from queries import cypher, typed
from queries.connection import database


def schema_statements() -> list[str]:
    """The statements of ``queries/schema.cypher``, without its header comments."""
    body = "\n".join(line for line in cypher("schema").splitlines() if not line.startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


def link_types() -> list[str]:
    """Every relationship type the vocabulary knows (the only types a load writes)."""
    vocab = load_vocabulary()
    return sorted({rel_type for rel_type, _ in vocab.relationships.values()} | set(vocab.readings))


def ensure_schema(driver: neo4j.Driver) -> None:
    """Create every constraint and index that does not exist yet, and wait for them to come online.

    Besides ``schema.cypher``: an index on ``key`` for every relationship type (``link_key_index``).
    """
    for statement in [*schema_statements(), *(typed("link_key_index", t) for t in link_types())]:
        driver.execute_query(statement, database_=database())
    driver.execute_query("CALL db.awaitIndexes(120)", database_=database())
