"""Merging two entities, undoing it exactly, and the history of changes, on a real Neo4j."""

from __future__ import annotations

import getpass
import json

import neo4j
import pytest

from loaders.__main__ import main as loader_cli
from loaders.changes import Refused
from loaders.merge import merge
from loaders.pipeline import load_paths
from loaders.undo import undo

ELEMENTS = """ID,Label,Type,Aliases,Country,Description,Sources
afp,Australian Federal Police,agency,AFP,AUS,,https://afp.example/about
afp-2,Aust. Federal Police,agency,Federal Police|AFP,NZL,Federal police agency,https://other.example/afp
nzp,New Zealand Police,agency,,NZL,,
ecpat,ECPAT International,ngo,,,,
vgt,Virtual Global Taskforce,forum,,,,
FJI,Fiji,country,,,,
"""
CONNECTIONS = """From,To,Type,Since,Until,Notes,Sources
afp,vgt,member of,2010,,founding member,https://vgt.example/members
afp-2,vgt,member of,2010,2024,joined early,https://other.example/vgt
afp-2,ecpat,partners with,2019,,,https://ecpat.example/afp
ecpat,afp-2,funds,2020,,,
afp-2,afp,part of,,,,
afp-2,FJI,operates in,,,,
nzp,vgt,member of,2012,,,
nzp,afp-2,partners with,2015,,,
"""


@pytest.fixture
def loaded(db, tmp_path):
    """The small graph above: afp-2 is a duplicate of afp (same kind), with links of every sort."""
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "connections.csv").write_text(CONNECTIONS, encoding="utf-8")
    report = load_paths(db, [str(tmp_path / "elements.csv"), str(tmp_path / "connections.csv")])
    assert report.errors == []
    return db


def query(driver, text, **params):
    return driver.execute_query(text, params, result_transformer_=neo4j.Result.data)


def dump(driver):
    """Every node but the change records and loads' before-states (labels, properties) and every relationship (type,
    ends, properties)."""
    nodes = query(
        driver,
        "MATCH (n) WHERE NOT n:Change AND NOT n:ChangeCounter AND NOT n:LoadUndo "
        "RETURN labels(n) AS labels, properties(n) AS props",
    )
    links = query(
        driver, "MATCH (a)-[r]->(b) RETURN type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props"
    )
    return (
        sorted(json.dumps({"labels": sorted(n["labels"]), "props": n["props"]}, sort_keys=True) for n in nodes),
        sorted(json.dumps(x, sort_keys=True) for x in links),
    )


def node(driver, entity_id):
    rows = query(driver, "MATCH (n:Entity {id: $id}) RETURN properties(n) AS props", id=entity_id)
    return rows[0]["props"] if rows else None


def links_of(driver, entity_id):
    return {
        (x["type"], x["source"], x["target"])
        for x in query(
            driver,
            "MATCH (a:Entity)-[r]->(b:Entity) WHERE $id IN [a.id, b.id] "
            "RETURN type(r) AS type, a.id AS source, b.id AS target",
            id=entity_id,
        )
    }


def changes(driver, kind):
    return query(driver, "MATCH (c:Change {kind: $kind}) RETURN properties(c) AS c ORDER BY c.seq", kind=kind)


def test_merge_moves_links_names_and_empty_values_to_the_kept_entity(loaded):
    plan, change = merge(loaded, "afp", "afp-2", by="alice")
    assert node(loaded, "afp-2") is None
    afp = node(loaded, "afp")
    assert afp["aliases"] == ["AFP", "Aust. Federal Police", "Federal Police"]
    assert "Federal Police" in afp["aliases_text"]
    assert afp["description"] == "Federal police agency"  # empty on afp: filled
    assert afp["country"] == "AUS"  # never overwritten: a conflict
    assert afp["sources"] == ["https://afp.example/about", "https://other.example/afp"]
    trail = [json.loads(t) for t in afp["merged_from"]]
    assert [(t["id"], t["loaded_from"], t["change"]) for t in trail] == [("afp-2", "elements.csv:3", change.id)]
    assert trail[0]["country"] == "NZL" and trail[0]["load_id"]
    assert links_of(loaded, "afp") == {
        ("MEMBER_OF", "afp", "vgt"),
        ("PARTNERS_WITH", "afp", "ecpat"),
        ("FUNDS", "ecpat", "afp"),
        ("OPERATES_IN", "afp", "FJI"),
        ("PARTNERS_WITH", "nzp", "afp"),
    }  # PART_OF afp-2 -> afp would be a loop: dropped, kept in the change record
    moved = query(loaded, "MATCH (:Entity {id: 'ecpat'})-[r:FUNDS]->(:Entity {id: 'afp'}) RETURN properties(r) AS p")
    assert moved[0]["p"]["key"] == "FUNDS|ecpat|afp|2020|"
    assert moved[0]["p"]["loaded_from"] == "connections.csv:5"  # its own provenance moves with it
    assert {(c["on"], c["property"], c["kept"], c["other"]) for c in plan.conflicts} == {
        ("afp", "country", "AUS", "NZL"),
        ("MEMBER_OF afp -> vgt", "until", None, "2024"),
    }
    [record] = changes(loaded, "merge")
    record = record["c"]
    assert (record["by"], record["what"]) == (
        "alice",
        "merged afp-2 (Aust. Federal Police) into afp (Australian Federal Police)",
    )
    assert record["title"] == "merged Aust. Federal Police into Australian Federal Police"  # names only, for pages
    assert json.loads(record["counts"])["links moved"] == 4
    state = json.loads(record["undo"])
    assert state["duplicate"]["props"]["name"] == "Aust. Federal Police"
    assert len(state["links_removed"]) == 6
    assert {c["property"] for c in state["conflicts"]} == {"country", "until"}
    assert set(record["entities"]) == {"afp", "afp-2", "vgt", "ecpat", "FJI", "nzp"}


def test_merge_then_undo_restores_the_graph_exactly(loaded):
    before = dump(loaded)
    _, change = merge(loaded, "afp", "afp-2")
    assert dump(loaded) != before
    undo(loaded, change.id, by="bob")
    assert dump(loaded) == before
    [merged] = changes(loaded, "merge")
    [undone] = changes(loaded, "undo")
    assert merged["c"]["undone_by"] == undone["c"]["id"]
    assert undone["c"]["undoes"] == change.id and undone["c"]["by"] == "bob"


def test_a_link_both_have_keeps_both_provenance_trails(loaded):
    merge(loaded, "afp", "afp-2")
    [link] = query(loaded, "MATCH (:Entity {id: 'afp'})-[r:MEMBER_OF]->(:Entity {id: 'vgt'}) RETURN properties(r) AS p")
    props = link["p"]
    assert props["sources"] == ["https://vgt.example/members", "https://other.example/vgt"]
    assert props["loaded_from"] == "connections.csv:2"
    assert props["notes"] == "founding member; joined early"
    assert "until" not in props  # blank means still open: not filled from the duplicate, a conflict instead
    [trail] = [json.loads(t) for t in props["merged_from"]]
    assert (trail["from"], trail["loaded_from"], trail["notes"], trail["until"]) == (
        "afp-2",
        "connections.csv:3",
        "joined early",
        "2024",
    )
    assert trail["sources"] == ["https://other.example/vgt"] and trail["load_id"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["merge", "afp", "afp"], "error: cannot merge afp into itself: give two different ids"),
        (["merge", "afp", "nobody"], "error: no entity with id 'nobody'"),
        (["merge", "nobody", "afp"], "error: no entity with id 'nobody'"),
        (["merge", "afp", "ecpat"], "error: ecpat is NGO and afp is Agency: only entities of one kind can be merged"),
    ],
    ids=["same-id", "missing-duplicate", "missing-keep", "different-kinds"],
)
def test_merge_refusals_exit_2_with_one_line_and_write_nothing(loaded, capsys, argv, message):
    before = dump(loaded)
    assert loader_cli(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert dump(loaded) == before
    assert changes(loaded, "merge") == []


def test_merge_cli_says_what_it_did_and_its_dry_run_writes_nothing(loaded, capsys):
    before = dump(loaded)
    assert loader_cli(["merge", "afp", "afp-2", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "Would merge afp-2 (Aust. Federal Police) into afp (Australian Federal Police): links moved: 4"
    )
    assert "Dry run: nothing was written." in out
    assert dump(loaded) == before and changes(loaded, "merge") == []
    assert loader_cli(["merge", "afp", "afp-2", "--by", "alice"]) == 0
    out = capsys.readouterr().out
    assert "Merged afp-2 (Aust. Federal Police) into afp (Australian Federal Police)" in out
    assert "Aliases added: Aust. Federal Police, Federal Police." in out
    assert "Conflict on afp, country: kept 'AUS', the duplicate had 'NZL' (kept in the change record)." in out
    assert "Conflict on MEMBER_OF afp -> vgt, until: kept (blank), the duplicate had '2024'" in out
    assert "1 link(s) between the two dropped" in out
    change_id = changes(loaded, "merge")[0]["c"]["id"]
    assert f"Undo it with: python -m loaders undo {change_id}" in out


def test_undo_is_refused_while_a_later_merge_depends_on_it(loaded, capsys):
    before = dump(loaded)
    _, first = merge(loaded, "afp", "afp-2")
    middle = dump(loaded)
    _, second = merge(loaded, "afp", "nzp")
    with pytest.raises(Refused, match=f"cannot undo merge {first.id[:8]}: a later merge depends on it .{second.id}"):
        undo(loaded, first.id)
    assert loader_cli(["undo", first.id]) == 2
    assert "undo that first" in capsys.readouterr().err
    undo(loaded, second.id)
    assert dump(loaded) == middle
    undo(loaded, first.id)  # the later merge is undone: nothing depends on the first any more
    assert dump(loaded) == before


def test_undo_is_refused_after_a_later_load_touched_the_merged_entities(loaded, tmp_path):
    _, change = merge(loaded, "afp", "afp-2")
    (tmp_path / "vgt.csv").write_text(
        "ID,Label,Type,Region\nvgt,Virtual Global Taskforce,forum,Global\n", encoding="utf-8"
    )
    assert load_paths(loaded, [str(tmp_path / "vgt.csv")]).written  # another entity only: no dependency
    undo(loaded, change.id)
    assert node(loaded, "afp-2")["name"] == "Aust. Federal Police"
    assert node(loaded, "vgt")["region"] == "Global"
    _, change = merge(loaded, "afp", "afp-2")
    (tmp_path / "more.csv").write_text("From,To,Type\nafp,nzp,partners with\n", encoding="utf-8")
    report = load_paths(loaded, [str(tmp_path / "more.csv")])
    assert report.errors == [] and report.written
    after_load = dump(loaded)
    with pytest.raises(Refused, match=f"a later load depends on it .{report.load_id}.*undo that first"):
        undo(loaded, change.id)
    assert dump(loaded) == after_load
    undo(loaded, report.load_id)  # the load undone, the merge can be
    undo(loaded, change.id)
    assert node(loaded, "afp-2")["name"] == "Aust. Federal Police"


def test_undo_refuses_an_unknown_id_a_second_undo_and_an_undo_of_an_undo(loaded, capsys):
    with pytest.raises(Refused, match="no change with id 'nope'"):
        undo(loaded, "nope")
    _, change = merge(loaded, "afp", "afp-2")
    assert loader_cli(["undo", change.id[:8], "--by", "bob"]) == 0  # the first characters are enough
    assert capsys.readouterr().out.startswith("Undone: merged afp-2 (Aust. Federal Police) into afp")
    assert loader_cli(["undo", change.id]) == 2
    undo_id = changes(loaded, "undo")[0]["c"]["id"]
    assert f"was already undone by {undo_id}" in capsys.readouterr().err
    with pytest.raises(Refused, match="is an undo; only a merge, a load, an edit or a delete can be undone"):
        undo(loaded, undo_id)


def test_history_lists_changes_newest_first_with_who(loaded, capsys):
    assert loader_cli(["merge", "afp", "afp-2", "--by", "alice"]) == 0
    merge_id = changes(loaded, "merge")[0]["c"]["id"]
    assert loader_cli(["undo", merge_id, "--by", "bob"]) == 0
    capsys.readouterr()
    assert loader_cli(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("  ")[2:4] for line in lines] == [
        ["bob", "undo"],
        ["alice", "merge"],
        [getpass.getuser(), "load"],
    ]
    undo_id = changes(loaded, "undo")[0]["c"]["id"]
    assert lines[0].startswith(f"{undo_id}  20")
    assert f"undid {merge_id[:8]}: merged afp-2" in lines[0] and "links restored: 6" in lines[0]
    assert lines[1].startswith(merge_id) and "links moved: 4" in lines[1] and f"[undone by {undo_id}]" in lines[1]
    assert "loaded elements.csv, connections.csv (entities 6 created; links 8 created)" in lines[2]
    assert loader_cli(["history", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == lines[:1]
    assert loader_cli(["merge", "afp", "nzp", "--by", "carol"]) == 0
    capsys.readouterr()
    assert loader_cli(["history", "--entity", "afp-2"]) == 0  # carol's merge moved the link nzp -> afp-2
    assert [line.split("  ")[2:4] for line in capsys.readouterr().out.splitlines()] == [
        ["carol", "merge"],
        ["bob", "undo"],
        ["alice", "merge"],
        [getpass.getuser(), "load"],
    ]
    assert loader_cli(["history", "--entity", "FJI"]) == 0
    assert [line.split("  ")[3] for line in capsys.readouterr().out.splitlines()] == ["undo", "merge", "load"]
    assert loader_cli(["history", "--entity", "nobody"]) == 0
    assert capsys.readouterr().out.strip() == "No changes recorded."


def test_a_load_is_a_change_that_names_the_entities_it_wrote_or_linked(loaded, tmp_path):
    [first] = changes(loaded, "load")
    assert first["c"]["seq"] >= 1 and first["c"]["what"] == "loaded elements.csv, connections.csv"
    assert set(first["c"]["entities"]) == {"afp", "afp-2", "nzp", "ecpat", "vgt", "FJI"}
    (tmp_path / "more.csv").write_text("From,To,Type\necpat,vgt,member of\n", encoding="utf-8")
    load_paths(loaded, [str(tmp_path / "more.csv")])
    second = changes(loaded, "load")[1]["c"]
    assert second["seq"] > first["c"]["seq"]
    assert sorted(second["entities"]) == ["ecpat", "vgt"]
    assert query(loaded, "MATCH (l:Load:Change {id: $id}) RETURN count(l) AS n", id=second["id"])[0]["n"] == 1
