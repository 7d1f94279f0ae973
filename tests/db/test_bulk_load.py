"""A first load written by Neo4j's bulk importer gives the graph the transactional load gives, on real Neo4js.

The importer replaces the whole database, so these tests run it on a Neo4j of their own (started here, stopped and
started again by each import), and compare with the same files loaded in transactions into the session's Neo4j.
"""

from __future__ import annotations

import neo4j
import pytest

import neo4j_local
from bench import generate
from loaders import bulk as bulk_module
from loaders.pipeline import load_paths
from loaders.undo import undo
from neo4j_local.bulk import BulkImportError, LocalStore
from tests.conftest import SAMPLE
from tests.db.test_undo_load import dump, facts

NOTES = 'id,name,kind,country,aliases,notes\nq1,"Quote ""Co""",company,AUS,,"two\nlines; a, b"\nq2,Plain,ngo,NZL,P2,\n'
NOTE_LINKS = 'from,to,type,since,notes\nq1,q2,funds,2021,\nq2,q1,partners with,2020-03,"said ""yes"""\n'


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """A Neo4j of this module's own: each bulk import stops and starts it."""
    folder = tmp_path_factory.mktemp("bulk-neo4j")
    server = neo4j_local.start(folder, neo4j_local.free_port())
    store = LocalStore(server.data_dir, server.port, server)
    driver = neo4j.GraphDatabase.driver(server.uri, notifications_min_severity="OFF")
    yield store, driver
    driver.close()
    (store.server or server).stop()


@pytest.fixture
def empty_own(own):
    store, driver = own
    driver.execute_query("MATCH (n) DETACH DELETE n")
    return store, driver


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The sample with a table of awkward cells (quotes, commas, two lines, empty lists), and a generated graph."""
    folder = tmp_path_factory.mktemp("bulk-files")
    generate.write(folder / "generated", 300, 3000, seed=3)
    (folder / "awkward").mkdir()
    (folder / "awkward" / "elements.csv").write_text(NOTES, encoding="utf-8")
    (folder / "awkward" / "connections.csv").write_text(NOTE_LINKS, encoding="utf-8")
    return {"sample": [str(SAMPLE), str(folder / "awkward")], "generated": [str(folder / "generated")]}


def _stored(driver):
    return facts(dump(driver))


def _counts(driver):
    row = driver.execute_query(
        "RETURN COUNT { (:Entity) } AS n, COUNT { ()-[]->() } AS r", result_transformer_=neo4j.Result.single
    )
    return row["n"], row["r"]


def _records(driver):
    rows, _, _ = driver.execute_query(
        "MATCH (l:Load) RETURN l.state AS state, l.seq AS seq, l.undo_parts AS parts, "
        "COUNT { (p:LoadUndo {load_id: l.id}) } AS kept ORDER BY l.seq"
    )
    return [(r["state"], r["seq"], r["parts"] == r["kept"] > 0) for r in rows]


def test_the_bulk_load_writes_the_graph_the_transactional_load_writes(db, empty_own, files):
    store, driver = empty_own
    plain = load_paths(db, files["sample"])
    bulk = load_paths(driver, files["sample"], store=store, bulk_from=0)
    assert not plain.errors and not bulk.errors
    assert "bulk importer" in bulk.note and "bulk importer" not in plain.note
    assert (bulk.entities, bulk.links, bulk.findings) == (plain.entities, plain.links, plain.findings)
    assert [w.message for w in bulk.warnings] == [w.message for w in plain.warnings]
    assert _stored(driver) == _stored(db)
    # The record is closed as a transactional load closes it: the first change, every part of its before-state kept.
    assert _records(driver) == [(None, 1, True)]


def test_a_generated_graph_bulk_loaded_is_the_same_reloads_unchanged_and_undoes_to_empty(db, empty_own, files):
    store, driver = empty_own
    plain = load_paths(db, files["generated"])
    first = load_paths(driver, files["generated"], store=store, bulk_from=0)
    assert "bulk importer" in first.note and first.changed() == plain.changed() > 3000
    assert _stored(driver) == _stored(db)
    again = load_paths(driver, files["generated"], store=store, bulk_from=0, recheck=True)
    assert again.changed() == 0 and not again.written
    assert sum(c["unchanged"] for c in again.links.values()) == sum(c["created"] for c in first.links.values())
    undo(driver, first.load_id)
    assert _counts(driver) == (0, 0)


def test_a_small_load_or_a_graph_that_holds_something_is_written_in_transactions(empty_own, files):
    store, driver = empty_own
    small = load_paths(driver, files["sample"], store=store)  # under BULK_FROM rows
    assert "bulk importer" not in small.note and small.written
    more = load_paths(driver, files["generated"], store=store, bulk_from=0)  # the graph holds the first load
    assert "bulk importer" not in more.note and more.written
    assert [r[:2] for r in _records(driver)] == [(None, 1), (None, 2)]


def test_a_refused_import_leaves_the_database_empty_and_running(empty_own, tmp_path):
    store, driver = empty_own
    nodes = tmp_path / "nodes.csv"
    nodes.write_text('id:ID(Entity),name\n"a","A"\n', encoding="utf-8")
    links = tmp_path / "links.csv"
    links.write_text(':START_ID(Entity),:END_ID(Entity)\n"a","missing"\n', encoding="utf-8")
    with pytest.raises(BulkImportError, match=r"refused the files .*missing node missing.*nothing was written"):
        store.replace([("Entity", nodes)], [("FUNDS", links)], array_delimiter="\x1f", multiline=False)
    assert _counts(driver) == (0, 0)


def test_a_bulk_load_stopped_before_it_closes_is_taken_back_by_the_next_load(db, empty_own, files, monkeypatch):
    store, driver = empty_own

    def lost(_driver):
        raise neo4j.exceptions.ServiceUnavailable("lost the database")

    monkeypatch.setattr(bulk_module, "ensure_schema", lost)  # after the swap, before the record is closed
    with pytest.raises(neo4j.exceptions.ServiceUnavailable):
        load_paths(driver, files["sample"], store=store, bulk_from=0)
    monkeypatch.undo()
    assert [r[0] for r in _records(driver)] == ["writing"]
    assert _counts(driver)[0] > 100
    again = load_paths(driver, files["sample"], store=store, bulk_from=0)
    assert any("stopped half-way" in str(p) for p in again.problems)  # it says it took the stopped load back
    load_paths(db, files["sample"])
    assert _stored(driver) == _stored(db)
