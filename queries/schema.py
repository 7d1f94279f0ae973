"""Create the database schema (constraints and indexes) idempotently."""

from __future__ import annotations

import neo4j

from queries import cypher
from queries.connection import database


def schema_statements() -> list[str]:
    """The statements of ``queries/schema.cypher``, without its header comments."""
    body = "\n".join(line for line in cypher("schema").splitlines() if not line.startswith("//"))
    return [s.strip() for s in body.split(";") if s.strip()]


def ensure_schema(driver: neo4j.Driver) -> None:
    """Create every constraint and index that does not exist yet, and wait for them to come online."""
    for statement in schema_statements():
        driver.execute_query(statement, database_=database())
    driver.execute_query("CALL db.awaitIndexes(120)", database_=database())
