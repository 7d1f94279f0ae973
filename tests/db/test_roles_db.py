"""Roles checked where the write happens: a viewer calling a write function is refused and nothing changes; the
change records carry the actor's name (real Neo4j)."""

from __future__ import annotations

import neo4j
import pytest

from graph.roles import Actor, Forbidden
from loaders.merge import merge
from loaders.model import Wording
from loaders.pipeline import load_paths
from loaders.team import forget_wording, remember_wordings, team_wordings
from loaders.undo import undo
from queries.duplicates import not_duplicate_pairs, remember_not_duplicate
from queries.network import arrangement, delete_view, save_arrangement, save_view, saved_views
from queries.sets import delete_set, save_set, saved_sets

ELEMENTS = """ID,Label,Type,Country
afp,Australian Federal Police,agency,AUS
afp-2,Aust. Federal Police,agency,AUS
vgt,Virtual Global Taskforce,forum,
"""
LINKS = """From,To,Type,Since
afp,vgt,member of,2010
afp-2,vgt,member of,2011
"""
MORE = """ID,Label,Type,Country,Relationship wording
nzp,New Zealand Police,agency,NZL,
"""

VIEWER = Actor("vera@example.org", "viewer", signed_in=True)
EDITOR = Actor("ed@example.org", "editor", signed_in=True)
ADMIN = Actor("ada@example.org", "admin", signed_in=True)


def everything(driver: neo4j.Driver) -> tuple[list, list]:
    """Every node (labels, properties) and relationship in the graph, change records included, in a fixed order."""
    nodes = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props", result_transformer_=neo4j.Result.data
    )
    links = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, elementId(a) AS a, elementId(b) AS b, properties(r) AS p",
        result_transformer_=neo4j.Result.data,
    )
    return sorted(map(repr, nodes)), sorted(map(repr, links))


@pytest.fixture
def files(tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS, encoding="utf-8")
    (tmp_path / "links.csv").write_text(LINKS, encoding="utf-8")
    (tmp_path / "more.csv").write_text(MORE, encoding="utf-8")
    return tmp_path


@pytest.fixture
def loaded(db, files):
    report = load_paths(db, [str(files / "elements.csv"), str(files / "links.csv")], actor=EDITOR)
    assert report.errors == [] and report.written
    return db


def test_an_editor_loads_and_the_load_records_them(loaded):
    rows = loaded.execute_query("MATCH (l:Load) RETURN l.by AS by", result_transformer_=neo4j.Result.data)
    assert rows == [{"by": "ed@example.org"}]


def test_a_viewer_cannot_load_and_nothing_is_written(loaded, files):
    before = everything(loaded)
    wording = Wording("relationship", "hangs out with", "PARTNERS_WITH")
    with pytest.raises(Forbidden, match=r"you \(vera@example.org\) are a viewer"):
        load_paths(loaded, [str(files / "more.csv")], actor=VIEWER, wordings=[wording])
    assert everything(loaded) == before
    # a dry run writes nothing, so a viewer may check files
    report = load_paths(loaded, [str(files / "more.csv")], actor=VIEWER, dry_run=True)
    assert not report.written and report.entities["Agency"]["created"] == 1
    assert everything(loaded) == before


def test_a_viewer_cannot_merge_undo_or_mark_not_duplicate(loaded):
    before = everything(loaded)
    with pytest.raises(Forbidden, match="can merge entities"):
        merge(loaded, "afp", "afp-2", actor=VIEWER)
    with pytest.raises(Forbidden, match="can merge entities"):
        remember_not_duplicate(loaded, "afp", "afp-2", actor=VIEWER)
    load_id = loaded.execute_query("MATCH (l:Load) RETURN l.id AS id", result_transformer_=neo4j.Result.data)[0]["id"]
    with pytest.raises(Forbidden, match="can undo changes"):
        undo(loaded, load_id, actor=VIEWER)
    assert everything(loaded) == before
    assert not_duplicate_pairs(loaded) == set()


def test_an_editor_merges_and_undoes_under_their_own_name(loaded):
    _, merged = merge(loaded, "afp", "afp-2", actor=EDITOR)
    _, undone = undo(loaded, merged.id, actor=Actor("other@example.org", "admin", True))
    assert undone.by == "other@example.org"
    rows = loaded.execute_query(
        "MATCH (c:Change) WHERE c.kind IN ['merge', 'undo'] RETURN c.kind AS kind, c.by AS by ORDER BY c.seq",
        result_transformer_=neo4j.Result.data,
    )
    assert rows == [{"kind": "merge", "by": "ed@example.org"}, {"kind": "undo", "by": "other@example.org"}]
    assert remember_not_duplicate(loaded, "afp", "afp-2", actor=EDITOR)["by"] == "ed@example.org"


@pytest.mark.parametrize("actor", [VIEWER, EDITOR])
def test_only_an_admin_saves_or_deletes_sets_and_views(loaded, actor):
    save_set(loaded, "pacific", "country:FJI", actor=ADMIN)
    save_view(loaded, "mine", "id=afp", focus="afp", as_of=None, filters="", saved_at="2026-01-01", actor=ADMIN)
    before = everything(loaded)
    with pytest.raises(Forbidden, match="can manage saved sets and views"):
        save_set(loaded, "other", "kind:Agency", actor=actor)
    with pytest.raises(Forbidden):
        delete_set(loaded, "pacific", actor=actor)
    with pytest.raises(Forbidden):
        save_view(loaded, "theirs", "id=vgt", focus="vgt", as_of=None, filters="", saved_at="2026-01-02", actor=actor)
    with pytest.raises(Forbidden):
        delete_view(loaded, "mine", actor=actor)
    assert everything(loaded) == before
    assert saved_sets(loaded) == {"pacific": "country:FJI"}
    assert [v["name"] for v in saved_views(loaded)] == ["mine"]
    by = loaded.execute_query(
        "MATCH (n) WHERE n:SavedSet OR n:SavedView RETURN n.saved_by AS by", result_transformer_=neo4j.Result.data
    )
    assert by == [{"by": "ada@example.org"}] * 2
    assert delete_set(loaded, "pacific", actor=ADMIN) == 1
    assert delete_view(loaded, "mine", actor=ADMIN) == 1


def test_team_wording_is_part_of_a_load_and_forgetting_it_is_an_admins(loaded):
    wording = Wording("relationship", "hangs out with", "PARTNERS_WITH")
    with pytest.raises(Forbidden):
        remember_wordings(loaded, [wording], actor=VIEWER)
    assert team_wordings(loaded) == []
    assert remember_wordings(loaded, [wording], actor=EDITOR) == 1
    assert [w.by for w in team_wordings(loaded)] == ["ed@example.org"]
    with pytest.raises(Forbidden):
        forget_wording(loaded, "relationship", "hangs out with", actor=EDITOR)
    assert len(team_wordings(loaded)) == 1
    assert forget_wording(loaded, "relationship", "hangs out with", actor=ADMIN)


def test_anyone_who_may_export_keeps_an_arrangement_for_a_link_and_no_one_else(db):
    layout = '{"afp":[1.5,-2.0]}'
    key = save_arrangement(db, layout, at="2026-01-01T00:00:00+00:00", actor=Actor("vera", "viewer", True))
    assert arrangement(db, key) == layout and arrangement(db, "0" * 12) is None
    with pytest.raises(Forbidden):
        save_arrangement(db, '{"afp":[0,0]}', at="2026-01-01T00:00:00+00:00", actor=Actor("x", "guest", True))
    assert db.execute_query("MATCH (a:Arrangement) RETURN a.created_by AS by").records[0]["by"] == "vera"
    assert db.execute_query("MATCH (a:Arrangement) RETURN count(a) AS n").records[0]["n"] == 1
