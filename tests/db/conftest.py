"""What the database tests of changes share: a small graph (two agencies, a forum, one membership), actors of
each role, and a dump of everything an undo must give back exactly."""

from __future__ import annotations

import pytest

from graph.roles import Actor
from loaders.pipeline import load_paths

ELEMENTS = """ID,Label,Type,Aliases,Country,Description,Tags
afp,Australian Federal Police,agency,AFP,AUS,Federal police,policing|federal
fjpol,Fiji Police Force,agency,FPF,FJI,,
vgt,Virtual Global Taskforce,forum,VGT,,,
"""
CONNECTIONS = """From,To,Type,Since,Notes
afp,vgt,member of,2010,founding member
"""
EDITOR = Actor("ed@example.org", "editor", signed_in=True)
VIEWER = Actor("vi@example.org", "viewer", signed_in=True)
ADMIN = Actor("ad@example.org", "admin", signed_in=True)


@pytest.fixture
def small(db, tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS)
    (tmp_path / "connections.csv").write_text(CONNECTIONS)
    report = load_paths(db, [str(tmp_path)])
    assert not report.errors
    return db


def dump(driver) -> tuple[list, list]:
    """Every entity and link with its facts (bookkeeping left out), sorted: what an undo must give back exactly."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id"
    )
    links, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) WHERE a:Entity AND b:Entity "
        "RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b, r.key"
    )
    return [dict(r) for r in nodes], [dict(r) for r in links]
