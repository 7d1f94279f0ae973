"""Shared fixtures: one throwaway Neo4j for the session, an empty graph per test, the sample on demand.

The session starts its own Neo4j on a free port with a temporary data folder
(or uses ``NEO4J_TEST_URI``) and points ``NEO4J_URI`` at it, so no test can
reach the database that ``make run`` uses.
"""

from __future__ import annotations

import os
from pathlib import Path

import neo4j
import pytest

from graph.schema import ensure_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def neo4j_uri(tmp_path_factory):
    """URI of the test database, started for this session unless NEO4J_TEST_URI names one."""
    uri = os.environ.get("NEO4J_TEST_URI")
    if uri:
        yield uri
        return
    import neo4j_local

    server = neo4j_local.start(tmp_path_factory.mktemp("neo4j"), neo4j_local.free_port())
    yield server.uri
    server.stop()


@pytest.fixture(scope="session")
def graph_state():
    """What the test graph holds now ("empty", "sample" or "dirty"), so the sample loads once."""
    return {"holds": "dirty"}


@pytest.fixture(scope="session")
def session_driver(neo4j_uri):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEO4J_URI", neo4j_uri)
        for key in ("NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
            if f"{key.replace('NEO4J_', 'NEO4J_TEST_')}" in os.environ:
                patch.setenv(key, os.environ[key.replace("NEO4J_", "NEO4J_TEST_")])
            else:
                patch.delenv(key, raising=False)
        from graph.config import create_driver

        driver = create_driver()
        driver.verify_connectivity()
        ensure_schema(driver)
        yield driver
        driver.close()


def _wipe(driver: neo4j.Driver) -> None:
    driver.execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture
def db(session_driver, graph_state):
    """A driver on an empty graph (schema in place); the test may write."""
    _wipe(session_driver)
    graph_state["holds"] = "dirty"
    return session_driver


@pytest.fixture
def sample_db(session_driver, graph_state):
    """A driver on a graph holding the sample data; tests using it must only read."""
    if graph_state["holds"] != "sample":
        from loaders.pipeline import load_paths

        _wipe(session_driver)
        report = load_paths(session_driver, [str(SAMPLE)])
        assert not report.errors, report.errors
        graph_state["holds"] = "sample"
    return session_driver


def counts(driver: neo4j.Driver) -> tuple[int, int]:
    """(entities, links) in the graph."""
    row = driver.execute_query(
        "RETURN COUNT { (:Entity) } AS n, COUNT { ()-[]->() } AS r", result_transformer_=neo4j.Result.single
    )
    return row["n"], row["r"]
