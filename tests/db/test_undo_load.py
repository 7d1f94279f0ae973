"""Undoing a load exactly, on a real Neo4j: what it created goes, what it updated gets its earlier values back."""

from __future__ import annotations

import json

import neo4j
import pytest

from loaders import undo as undo_module
from loaders import write as write_module
from loaders.__main__ import main as loader_cli
from loaders.changes import Refused, history
from loaders.merge import merge
from loaders.pipeline import load_paths
from loaders.undo import undo
from tests.conftest import SAMPLE

FIRST = {
    "elements.csv": """ID,Label,Type,Aliases,Country,Description
afp,Australian Federal Police,agency,AFP,AUS,Federal police
esafety,eSafety Commissioner,agency,,AUS,
ecpat,ECPAT International,ngo,,,Child rights network
vgt,Virtual Global Taskforce,forum,,,
FJI,Fiji,country,,,
""",
    "connections.csv": """From,To,Type,Since,Notes
afp,vgt,member of,2010,founding member
esafety,vgt,member of,2019,
afp,ecpat,partners with,2018,
afp,FJI,operates in,,
""",
}
# Updates afp (a new alias and description) and ecpat (another kind), leaves esafety and vgt as they are, creates
# meta; updates one link's notes, leaves two, creates two (one between entities the first load created).
SECOND = {
    "more.csv": """ID,Label,Type,Aliases,Country,Description,Tags
afp,Australian Federal Police,agency,AFP|Federal Police,AUS,The federal police agency,policing
ecpat,ECPAT International,forum,,,Child rights network,
meta,Meta,company,,USA,Platforms,
""",
    "more-links.csv": """From,To,Type,Since,Notes
afp,vgt,member of,2010,founding member and chair
meta,vgt,member of,2020,
esafety,meta,partners with,2021,
esafety,ecpat,funds,2022,
afp,FJI,operates in,,
""",
}
RECORDS = ("Change", "Load", "ChangeCounter", "LoadUndo")


def query(driver, text, **params):
    return driver.execute_query(text, params, result_transformer_=neo4j.Result.data)


def dump(driver):
    """Every node but the change and load records (labels, properties) and every relationship (type, ends,
    properties), sorted."""
    nodes = query(
        driver,
        "MATCH (n) WHERE none(l IN labels(n) WHERE l IN $records) RETURN labels(n) AS labels, properties(n) AS props",
        records=list(RECORDS),
    )
    links = query(
        driver,
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, b.id AS target, labels(a) AS a, labels(b) AS b, "
        "properties(r) AS props",
    )
    return (
        sorted(json.dumps({"labels": sorted(n["labels"]), "props": n["props"]}, sort_keys=True) for n in nodes),
        sorted(json.dumps(x, sort_keys=True) for x in links),
    )


def load(driver, folder, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = load_paths(driver, [str(folder / name) for name in files], change_kinds=True)  # SECOND: ecpat a forum
    assert report.errors == [], report.errors
    return report


def facts(dumped):
    """The dumped nodes and links without the load's stamps."""
    stamps = {"load_id", "loaded_at", "updated_at"}
    return [
        sorted(
            json.dumps({**x, "props": {k: v for k, v in x["props"].items() if k not in stamps}}, sort_keys=True)
            for x in map(json.loads, group)
        )
        for group in dumped
    ]


def quoted(cell: str) -> str:
    """A CSV cell in quotes (names may hold commas)."""
    return '"' + cell.replace('"', '""') + '"'


def kinds(driver, entity_id):
    return query(driver, "MATCH (n:Entity {id: $id}) RETURN labels(n) AS labels", id=entity_id)[0]["labels"]


def change(driver, change_id):
    return query(driver, "MATCH (c:Change {id: $id}) RETURN properties(c) AS c", id=change_id)[0]["c"]


def test_undo_of_a_load_restores_the_graph_before_it_exactly(db, tmp_path):
    empty = dump(db)
    assert empty == ([], [])
    first = load(db, tmp_path / "one", FIRST)
    before = dump(db)
    second = load(db, tmp_path / "two", SECOND)
    assert dump(db) != before
    assert sorted(kinds(db, "ecpat")) == ["Entity", "Forum"]
    assert second.entities["Agency"]["updated"] == 1 and second.entities["Company"]["created"] == 1

    done, undone = undo(db, second.load_id, by="bob")
    assert dump(db) == before
    assert sorted(kinds(db, "ecpat")) == ["Entity", "NGO"]  # the kind the second load changed comes back
    assert done["id"] == second.load_id and done["kind"] == "load"
    assert undone.counts == {"entities removed": 1, "entities restored": 2, "links removed": 3, "links restored": 1}
    record = change(db, undone.id)
    assert (record["kind"], record["by"], record["undoes"]) == ("undo", "bob", second.load_id)
    assert record["title"] == "undid: loaded more.csv, more-links.csv"
    assert set(record["entities"]) == {"afp", "ecpat", "meta", "vgt", "esafety"}
    assert change(db, second.load_id)["undone_by"] == undone.id

    undo(db, first.load_id)  # nothing later stands now: the first load goes too
    assert dump(db) == empty
    assert [(r["kind"], r["undone_by"] is not None) for r in history(db)] == [
        ("undo", False),
        ("undo", False),
        ("load", True),
        ("load", True),
    ]


def test_an_undone_load_can_be_loaded_again_and_undone_again(db, tmp_path):
    load(db, tmp_path / "one", FIRST)
    before = dump(db)
    second = load(db, tmp_path / "two", SECOND)
    after = dump(db)
    undo(db, second.load_id)
    again = load(db, tmp_path / "two", SECOND)
    assert again.written
    assert facts(dump(db)) == facts(after)  # a new load, new stamps; the same facts
    undo(db, again.load_id)
    assert dump(db) == before


def test_undo_is_refused_while_a_later_load_depends_on_it(db, tmp_path, capsys):
    first = load(db, tmp_path / "one", FIRST)
    second = load(db, tmp_path / "two", SECOND)
    after = dump(db)
    with pytest.raises(Refused, match=f"cannot undo load {first.load_id[:8]}: a later load depends on it"):
        undo(db, first.load_id)
    assert loader_cli(["undo", first.load_id]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: cannot undo load {first.load_id[:8]}: a later load depends on it ({second.load_id}")
    assert "loaded more.csv, more-links.csv); undo that first" in err and err.count("\n") == 1
    assert dump(db) == after
    assert [r["kind"] for r in history(db)] == ["load", "load"]  # the refused undo left no record


def test_undo_is_refused_while_a_later_merge_depends_on_it_and_a_load_blocks_a_merge_undo(db, tmp_path):
    first = load(db, tmp_path / "one", FIRST)
    _, merged = merge(db, "afp", "esafety")
    with pytest.raises(Refused, match=r"a later merge depends on it .*merged eSafety Commissioner into Australian"):
        undo(db, first.load_id)
    undo(db, merged.id)
    second = load(db, tmp_path / "two", SECOND)
    _, merged = merge(db, "afp", "esafety")
    third = load(db, tmp_path / "three", {"x.csv": "From,To,Type\nafp,meta,partners with\n"})
    with pytest.raises(Refused, match=f"a later load depends on it .{third.load_id}.*undo that first"):
        undo(db, merged.id)
    undo(db, third.load_id)
    undo(db, merged.id)
    undo(db, second.load_id)
    undo(db, first.load_id)
    assert dump(db) == ([], [])


def test_a_later_load_of_other_entities_does_not_block_the_undo(db, tmp_path):
    first = load(db, tmp_path / "one", FIRST)
    other = load(db, tmp_path / "two", {"other.csv": "ID,Label,Type\nofcom,Ofcom,agency\n"})
    unchanged = load(db, tmp_path / "three", {"same.csv": FIRST["elements.csv"]})  # wrote nothing: touched nothing
    assert not unchanged.written
    undo(db, first.load_id)
    assert [json.loads(n)["props"]["id"] for n in dump(db)[0]] == ["ofcom"]
    undo(db, unchanged.load_id)  # a load that changed nothing: its undo changes nothing, and is recorded
    undo(db, other.load_id)
    assert dump(db) == ([], [])


def test_refusals_say_why_and_write_nothing(db, tmp_path, capsys):
    first = load(db, tmp_path / "one", FIRST)
    # A load recorded before loads kept what they replaced: no before-state.
    db.execute_query(
        "MATCH (l:Load {id: $id}) REMOVE l.undo_parts WITH l MATCH (p:LoadUndo {load_id: l.id}) DELETE p",
        id=first.load_id,
    )
    before = dump(db)
    assert loader_cli(["undo", first.load_id[:8]]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: cannot undo load {first.load_id[:8]} ({change(db, first.load_id)['at']}, loaded elements.csv, "
        "connections.csv): it was loaded before loads kept what they replaced, so there is nothing to restore it from\n"
    )
    assert dump(db) == before

    second = load(db, tmp_path / "two", SECOND)
    _, undone = undo(db, second.load_id)
    with pytest.raises(Refused, match=f"load {second.load_id} was already undone by {undone.id}"):
        undo(db, second.load_id)
    with pytest.raises(Refused, match="is an undo; only a merge, a load, an edit or a delete can be undone"):
        undo(db, undone.id)

    third = load(db, tmp_path / "three", SECOND)
    db.execute_query("MATCH (n:Entity {id: 'meta'}) SET n.load_id = 'someone else'")  # written behind its back
    changed = dump(db)
    refused = f"cannot undo load {third.load_id[:8]}: an entity, link or finding it wrote has changed"
    with pytest.raises(Refused, match=refused):
        undo(db, third.load_id)
    assert dump(db) == changed


def test_the_cli_undoes_a_load_and_says_what_it_did(db, tmp_path, capsys):
    first = load(db, tmp_path / "one", FIRST)
    assert loader_cli(["undo", first.load_id, "--by", "carol"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Undone: loaded elements.csv, connections.csv (entities removed: 5, links removed: 4). Change "
    )
    assert out.rstrip().endswith("by carol.")
    assert dump(db) == ([], [])


def test_a_dry_run_checks_and_counts_and_writes_nothing(db, tmp_path):
    load(db, tmp_path / "one", FIRST)
    second = load(db, tmp_path / "two", SECOND)
    after = dump(db)
    done, planned = undo(db, second.load_id, dry_run=True)
    assert done["id"] == second.load_id
    assert planned.counts == {"entities removed": 1, "entities restored": 2, "links removed": 3, "links restored": 1}
    assert dump(db) == after and [r["kind"] for r in history(db)] == ["load", "load"]


def test_a_load_larger_than_a_batch_keeps_its_before_state_in_parts(db, tmp_path, monkeypatch):
    monkeypatch.setattr(write_module, "BATCH", 2)
    monkeypatch.setattr(undo_module, "BATCH", 2)
    load(db, tmp_path / "one", FIRST)
    before = dump(db)
    second = load(db, tmp_path / "two", SECOND)
    parts = query(
        db, "MATCH (p:LoadUndo {load_id: $id}) RETURN p.part AS part, p.rows AS rows ORDER BY p.part", id=second.load_id
    )
    # 3 entities, each batch of one kind: Agency, Forum, Company; then 4 changed links, each batch of one type:
    # MEMBER_OF x2, FUNDS, OPERATES_IN
    assert [p["part"] for p in parts] == [0, 1, 2, 3, 4, 5]
    assert [len(json.loads(p["rows"])) for p in parts] == [1, 1, 1, 2, 1, 1]
    assert change(db, second.load_id)["undo_parts"] == 6
    undo(db, second.load_id)
    assert dump(db) == before


def test_the_sample_round_trips(db, tmp_path):
    report = load_paths(db, [str(SAMPLE)])
    assert report.errors == [] and report.written
    sample = dump(db)
    assert len(sample[0]) > 100 and len(sample[1]) > 100
    # A second load that updates part of the sample and adds to it.
    elements = query(db, "MATCH (n:Agency) RETURN n.id AS id, n.name AS name ORDER BY n.id LIMIT 20")
    rows = "".join(f"{e['id']},{quoted(e['name'])},agency,changed {i}\n" for i, e in enumerate(elements))
    second = load(
        db,
        tmp_path / "two",
        {
            "agencies.csv": "ID,Label,Type,Description\n" + rows + "new-one,A New Agency,agency,new\n",
            "links.csv": "From,To,Type\n" + "".join(f"new-one,{e['id']},partners with\n" for e in elements),
        },
    )
    assert second.entities["Agency"]["updated"] == 20
    undo(db, second.load_id)
    assert dump(db) == sample
    undo(db, report.load_id)
    assert dump(db) == ([], [])


def test_a_load_that_replaces_a_value_json_cannot_hold_is_written_but_cannot_be_undone(db, tmp_path):
    load(db, tmp_path / "one", FIRST)
    db.execute_query("MATCH (n:Entity {id: 'afp'}) SET n.score = 0.0 / 0.0")  # NaN, written by hand
    second = load(db, tmp_path / "two", SECOND)
    assert second.written
    assert query(db, "MATCH (p:LoadUndo {load_id: $id}) RETURN count(p) AS n", id=second.load_id)[0]["n"] == 0
    after = dump(db)
    with pytest.raises(Refused, match=r"it was recorded without what it replaced: a value it replaced cannot be kept"):
        undo(db, second.load_id)
    assert dump(db) == after


def test_an_undo_that_restores_the_counts_still_changes_the_graph_version(db, tmp_path):
    from queries.graphs import graph_version

    load(db, tmp_path / "one", FIRST)
    second = load(
        db, tmp_path / "two", {"more.csv": "ID,Label,Type,Description\nafp,Australian Federal Police,agency,New\n"}
    )
    updated = graph_version(db)
    undo(db, second.load_id)
    restored = graph_version(db)
    assert restored[:3] == updated[:3]  # the same counts and the same newest load
    assert restored != updated  # cached graphs and pages see the undo all the same
