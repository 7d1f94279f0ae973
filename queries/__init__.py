"""The database side: the driver factory, named Cypher queries and the readers that turn rows into graphs.

One query per ``.cypher`` file in this folder.  Each file starts with a header
of ``//`` comments: a one-line description, then ``params:`` and ``columns:``
lines.  Values travel only as parameters.  May import `graph` only.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import neo4j
from neo4j.graph import Node, Relationship
from neo4j.graph import Path as GraphPath

from graph.vocabulary import KINDS
from queries.connection import database

QUERY_DIR = Path(__file__).parent


class UnknownQuery(KeyError):
    """No query file of that name."""


@cache
def cypher(name: str) -> str:
    """Text of the query `name` (the file ``queries/NAME.cypher``)."""
    path = QUERY_DIR / f"{name}.cypher"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name) or not path.is_file():
        raise UnknownQuery(name)
    return path.read_text(encoding="utf-8")


def typed(name: str, rel_type: str) -> str:
    """Query `name` with its ``REL_TYPE`` placeholder replaced by the relationship type `rel_type`.

    Only for types that come from the vocabulary (upper-case words joined by ``_``); anything else is refused, so
    no text from a file ever reaches the query.  ``link_key_index_name`` becomes ``link_key_<type>``.
    """
    if not re.fullmatch(r"[A-Z][A-Z0-9_]*", rel_type):
        raise ValueError(f"not a relationship type: {rel_type!r}")
    text = cypher(name)
    if "REL_TYPE" not in text:
        raise UnknownQuery(f"{name} has no REL_TYPE placeholder")
    return text.replace("link_key_index_name", f"link_key_{rel_type.lower()}").replace("REL_TYPE", rel_type)


def labelled(name: str, kind: str) -> str:
    """Query `name` with its ``KIND_LABEL`` placeholder replaced by the kind label `kind`.

    Only for the schema's kinds (`graph.vocabulary.KINDS`); anything else is refused, so no text from a file ever
    reaches the query.
    """
    if kind not in KINDS:
        raise ValueError(f"not a kind label: {kind!r}")
    text = cypher(name)
    if "KIND_LABEL" not in text:
        raise UnknownQuery(f"{name} has no KIND_LABEL placeholder")
    return text.replace("KIND_LABEL", kind)


def describe(name: str) -> dict:
    """Header of a query file: ``description``, ``params`` and ``columns``."""
    info = {"name": name, "description": "", "params": "", "columns": ""}
    for line in cypher(name).splitlines():
        if not line.startswith("//"):
            break
        text = line.lstrip("/ ").strip()
        key, _, rest = text.partition(":")
        if key in ("params", "columns"):
            info[key] = rest.strip()
        elif not info["description"]:
            info["description"] = text
    return info


def names() -> list[str]:
    """Every query name, sorted."""
    return sorted(p.stem for p in QUERY_DIR.glob("*.cypher"))


def rows_of(result: neo4j.Result) -> list[dict]:
    """The rows of `result` as dicts of the values the query built.

    The queries return maps, lists and scalars, which the driver already gives as Python values; the driver's
    `neo4j.Result.data` copies every nested value again to convert graph objects (0.3 s of a 2,000-entity view's
    0.6 s read). A row with a node, relationship or path in a column is converted as `data` would.
    """
    rows = []
    for record in result:
        row = dict(record)
        if any(isinstance(value, (Node, Relationship, GraphPath)) for value in row.values()):
            row = record.data()
        rows.append(row)
    return rows


def read(driver: neo4j.Driver, name: str, /, **params) -> list[dict]:
    """Run query `name` in a read transaction and return its rows as plain dicts."""
    return driver.execute_query(
        cypher(name),
        params,
        routing_=neo4j.RoutingControl.READ,
        database_=database(),
        result_transformer_=rows_of,
    )


def read_typed(driver: neo4j.Driver, name: str, rel_type: str, /, **params) -> list[dict]:
    """`read` of query `name` for one relationship type (`typed`)."""
    return driver.execute_query(
        typed(name, rel_type),
        params,
        routing_=neo4j.RoutingControl.READ,
        database_=database(),
        result_transformer_=rows_of,
    )


def write(driver: neo4j.Driver, name: str, /, **params) -> list[dict]:
    """Run query `name` in its own write transaction and return its rows."""
    return driver.execute_query(
        cypher(name),
        params,
        routing_=neo4j.RoutingControl.WRITE,
        database_=database(),
        result_transformer_=neo4j.Result.data,
    )
