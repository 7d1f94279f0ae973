"""The graph snapshot file: the same graph as a read from Neo4j, read from Neo4j once per graph version, and
never taken for another version or another database."""

from __future__ import annotations

import pytest

from analyses.catalog import run
from loaders.pipeline import load_paths
from queries import snapshot
from queries.graphs import load_graph


def rows(graph):
    nodes = sorted((n, sorted((k, repr(v)) for k, v in d.items())) for n, d in graph.nodes(data=True))
    edges = sorted((u, v, sorted((k, repr(x)) for k, x in d.items())) for u, v, d in graph.edges(data=True))
    return nodes, edges


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(snapshot.ENV, str(tmp_path / "snapshots"))
    return tmp_path / "snapshots"


@pytest.fixture
def reads(monkeypatch):
    """Count the reads from Neo4j that the snapshot makes."""
    made = []

    def counted(driver, **options):
        made.append(options)
        return load_graph(driver, **options)

    monkeypatch.setattr(snapshot, "load_graph", counted)
    return made


def test_the_snapshot_is_the_graph_read_from_neo4j_and_read_once(sample_db, folder, reads):
    first = snapshot.history(sample_db)
    assert rows(first) == rows(load_graph(sample_db)) and first.number_of_edges() > 100
    assert len(reads) == 1 and len(list(folder.glob("history-*.pickle"))) == 1
    again = snapshot.history(sample_db)
    assert len(reads) == 1  # from the file
    assert rows(again) == rows(first)


def test_a_change_makes_a_new_snapshot_and_a_wiped_database_is_not_the_old_one(db, folder, reads, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text("ID,Label,Type\nafp,Australian Federal Police,Agency\n", encoding="utf-8")
    load_paths(db, [str(one)])
    assert set(snapshot.history(db)) == {"afp"}
    two = tmp_path / "two.csv"
    two.write_text("ID,Label,Type\nacic,ACIC,Agency\n", encoding="utf-8")
    load_paths(db, [str(two)])
    assert set(snapshot.history(db)) == {"afp", "acic"} and len(reads) == 2
    db.execute_query("MATCH (n) DETACH DELETE n")  # the same counts again after this load: one entity, one load
    load_paths(db, [str(two)])
    assert set(snapshot.history(db)) == {"acic"} and len(reads) == 3


def test_a_broken_file_is_read_again_and_off_reads_every_time(sample_db, folder, reads, monkeypatch):
    snapshot.history(sample_db)
    (path,) = folder.glob("history-*.pickle")
    path.write_bytes(b"not a pickle")
    assert snapshot.history(sample_db).number_of_nodes() > 100 and len(reads) == 2
    monkeypatch.setenv(snapshot.ENV, "off")
    snapshot.history(sample_db)
    snapshot.history(sample_db)
    assert len(reads) == 4


@pytest.mark.parametrize("name", ["reach", "single_threads", "standing", "stale", "coverage", "investments"])
def test_analyses_give_the_same_rows_from_the_snapshot_as_from_neo4j(sample_db, folder, monkeypatch, name):
    asked = {"home": "kind:Agency country:AUS", "targets": "kind:Country region:Pacific"}
    monkeypatch.setenv(snapshot.ENV, "off")
    plain = run(sample_db, name, **asked)
    monkeypatch.setenv(snapshot.ENV, str(folder))
    run(sample_db, name, **asked)  # writes the snapshot
    assert run(sample_db, name, **asked) == plain and plain
