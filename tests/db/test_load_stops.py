"""A load written in batches stays all or nothing, on a real Neo4j: a failed batch takes the earlier ones back, and
a load stopped by a lost database is taken back by the next load, which then loads in full and says so."""

from __future__ import annotations

import neo4j
import pytest

import neo4j_local
from loaders import write as write_module
from loaders.pipeline import load_paths
from loaders.write import LoadInterrupted
from tests.db.test_undo_load import FIRST, SECOND, dump, facts, load


def files(folder, contents):
    folder.mkdir(exist_ok=True)
    for name, text in contents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [str(folder / name) for name in contents]


def records(driver):
    rows = driver.execute_query(
        "MATCH (l:Load) OPTIONAL MATCH (p:LoadUndo {load_id: l.id}) RETURN l.seq AS seq, l.state AS state, "
        "count(p) AS parts ORDER BY seq",
        result_transformer_=neo4j.Result.data,
    )
    return [(r["state"], r["parts"]) for r in rows]


def stopping_after(batches: int, stop):
    """A progress callback factory that calls `stop` once `batches` batches are written."""

    def progress(total):
        written = []

        def step(rows):
            written.append(rows)
            if len(written) == batches:
                stop()

        return step

    return progress


def test_a_failed_batch_takes_the_batches_before_it_back(db, tmp_path, monkeypatch):
    monkeypatch.setattr(write_module, "BATCH", 2)
    load(db, tmp_path / "one", FIRST)
    before, kept = dump(db), records(db)

    def fail():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        load_paths(db, files(tmp_path / "two", SECOND), progress=stopping_after(2, fail), change_kinds=True)
    assert dump(db) == before  # the two batches written were taken back
    assert records(db) == kept  # and the failed load left no record and no before-state


def test_a_load_stopped_by_a_lost_database_is_taken_back_by_the_next_one(db, tmp_path, monkeypatch):
    monkeypatch.setattr(write_module, "BATCH", 2)
    load(db, tmp_path / "ref-one", FIRST)
    load(db, tmp_path / "ref-two", SECOND)
    expected = facts(dump(db))  # FIRST then SECOND, loaded without trouble

    home = tmp_path / "neo4j"
    server = neo4j_local.start(home, neo4j_local.free_port())
    try:
        with neo4j.GraphDatabase.driver(server.uri, max_transaction_retry_time=1) as driver:
            load_paths(driver, files(tmp_path / "one", FIRST))
            before = dump(driver)
            said = r"stopped after 2 of 6 batches were written \(ServiceUnavailable\), and they could not be taken back"
            with pytest.raises(LoadInterrupted, match=said + " .*Run the same load again"):
                stop = stopping_after(2, server.stop)
                load_paths(driver, files(tmp_path / "two", SECOND), progress=stop, change_kinds=True)
    finally:
        server.stop()
    server = neo4j_local.start(home, neo4j_local.free_port())
    try:
        with neo4j.GraphDatabase.driver(server.uri) as driver:
            assert dump(driver) != before  # two batches stand: the load stopped half-way
            first, stopped = records(driver)
            assert first[0] is None and stopped == ("writing", 2)
            again = load_paths(driver, files(tmp_path / "two", SECOND), change_kinds=True)
            said = [p.message for p in again.warnings if "stopped half-way" in p.message]
            assert len(said) == 1 and "after 2 batches; they were taken back before this load" in said[0]
            assert facts(dump(driver)) == expected  # then loaded in full
            assert records(driver) == [first, (None, 6)]
    finally:
        server.stop()


def test_a_link_whose_end_went_between_the_check_and_the_write_stops_the_load_with_nothing_written(
    db, tmp_path, monkeypatch
):
    from loaders import pipeline
    from loaders.write import ShortBatch

    load_paths(db, files(tmp_path / "one", FIRST))
    files(tmp_path / "two", {"elements.csv": "ID,Label,Type\nnewco,New Co,company\n"})
    (tmp_path / "two" / "connections.csv").write_text("From,To,Type\nnewco,afp,partners with\n")
    real_plan, meanwhile = pipeline.plan, []

    def plan_then_delete(driver, validated):
        planned = real_plan(driver, validated)
        driver.execute_query("MATCH (n:Entity {id: 'afp'}) DETACH DELETE n")  # someone else, meanwhile
        meanwhile.append(dump(driver))
        return planned

    monkeypatch.setattr(pipeline, "plan", plan_then_delete)
    with pytest.raises(ShortBatch, match=r"a batch of 1 PARTNERS_WITH links wrote only 0: .* nothing was written"):
        load_paths(db, [str(tmp_path / "two")])
    assert dump(db) == meanwhile[0]  # New Co, written by the batch before, was taken back too
