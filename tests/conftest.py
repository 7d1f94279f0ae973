"""Shared fixtures: one throwaway Neo4j for the session, an empty graph per test, the sample on demand.

The session starts its own Neo4j on a free port with a temporary data folder
(or uses ``NEO4J_TEST_URI``) and points ``NEO4J_URI`` at it, so no test can
reach the database that ``make run`` uses.

Tiers are markers given here, not by hand: tests under ``tests/app/`` are
``app`` and under ``tests/browser/`` ``browser``; elsewhere a test that asks
for the database is ``db`` and every other test is ``unit``.  A test under
``tests/unit/`` that asks for the database is an error.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import neo4j
import pytest

from queries.schema import ensure_schema

# Answers that depend on "today" (staleness, the default as-of date) are pinned, so the suite means the same every
# day; the pages, the CLI and the browser's app server read it through graph.settings.today().
TODAY = "2026-12-01"
os.environ.setdefault("SGE_TODAY", TODAY)
# Graph snapshots (queries.snapshot) of this session's throwaway databases go to a throwaway folder too.
os.environ.setdefault("SGE_SNAPSHOTS", tempfile.mkdtemp(prefix="sge-test-snapshots-"))

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
DATA = Path(__file__).resolve().parent / "data"
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        folder = Path(str(item.fspath)).resolve().relative_to(TESTS).parts[0]
        uses_db = "session_driver" in item.fixturenames
        if folder == "unit" and uses_db:
            raise pytest.UsageError(
                f"{item.nodeid} is under tests/unit/ but asks for the database; move it to tests/db/"
            )
        tier = folder if folder in ("app", "browser") else ("db" if uses_db else "unit")
        item.add_marker(getattr(pytest.mark, tier))


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
        from queries.connection import create_driver

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
