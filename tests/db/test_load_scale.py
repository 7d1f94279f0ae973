"""A generated load of a few thousand links (`bench.generate`) on a real Neo4j: it loads, reloads unchanged with
nothing written, and its links read back by key are its rows; and the link write is planned from its two ends'
``Entity.id`` index, never through a relationship index (issue 12)."""

from __future__ import annotations

import neo4j

from bench import generate
from graph.model import BOOKKEEPING
from loaders import pipeline
from loaders.pipeline import load_paths
from loaders.write import Plan
from queries import read_typed, typed
from tests.db.conftest import dump

KEY_READ = 5000  # keys one links_by_key read asks for


def test_a_generated_load_reloads_unchanged_and_its_links_read_back_by_key(db, tmp_path, monkeypatch):
    written = generate.write(tmp_path, 600, 4000, seed=7)
    planned: list[Plan] = []
    real_write = pipeline.write

    def keep_plan(driver, plan, *args, **kwargs):
        planned.append(plan)
        return real_write(driver, plan, *args, **kwargs)

    monkeypatch.setattr(pipeline, "write", keep_plan)
    first = load_paths(db, [str(tmp_path)])
    assert first.errors == [] and first.written
    links = planned[0].links
    assert len(links) > 3000 and len({link["type"] for link in links}) > 5  # a few thousand, of many types
    assert len(planned[0].entities) >= written["Elements"]

    by_key = {}
    for rel_type in sorted({link["type"] for link in links}):
        rows = [{k: x[k] for k in ("key", "source", "target")} for x in links if x["type"] == rel_type]
        for start in range(0, len(rows), KEY_READ):
            for found in read_typed(db, "links_by_key", rel_type, rows=rows[start : start + KEY_READ]):
                assert found["key"] not in by_key  # one link a key
                by_key[found["key"]] = found
    assert set(by_key) == {link["key"] for link in links}
    for link in links:
        found = by_key[link["key"]]
        assert found["type"] == link["type"]
        assert {k: v for k, v in found["props"].items() if k not in BOOKKEEPING} == link["props"]
        assert found["props"]["loaded_from"] == link["loaded_from"]
    stored = dump(db)  # every property, bookkeeping included: what a reload must leave alone
    assert len(stored[1]) == len(links)  # no link written twice

    again = load_paths(db, [str(tmp_path)])
    assert again.errors == [] and not again.written
    assert planned[1].entities == [] and planned[1].links == []
    assert all(set(counts) == {"unchanged"} for counts in again.links.values())
    assert all(set(counts) == {"unchanged"} for counts in again.entities.values())
    assert dump(db) == stored  # not even the bookkeeping changed


def operators(plan: dict) -> list[tuple[str, str, bool]]:
    """Every operator of `plan` as ``(name, details, is a leaf)``, names without their ``@neo4j``."""
    found = [(plan["operatorType"].split("@")[0], plan.get("args", {}).get("Details", ""), not plan.get("children"))]
    for child in plan.get("children", []):
        found += operators(child)
    return found


def explained(driver: neo4j.Driver, query: str) -> list[tuple[str, str, bool]]:
    summary = driver.execute_query("EXPLAIN " + query, rows=[], load_id="x", loaded_at="x").summary
    return operators(summary.plan)


def test_the_link_write_starts_from_the_ends_and_uses_no_relationship_index(db):
    # An empty graph is where the planner's statistics favoured the relationship key index (a first load).
    for rel_type in ("MEMBER_OF", "FUNDS", "RELATED_TO"):
        found = explained(db, typed("write_links", rel_type))
        names = [name for name, _, _ in found]
        assert not [name for name in names if "RelationshipIndex" in name or "Scan" in name], names
        leaves = [(name, details) for name, details, leaf in found if leaf]
        seeks = [(name, details) for name, details in leaves if name.startswith("NodeUniqueIndexSeek")]
        assert len(seeks) == 2 and all(":Entity(id)" in details for _, details in seeks), leaves
        assert {name for name, _ in leaves} <= {"Argument", "Unwind"} | {name for name, _ in seeks}, leaves
        assert any(name.startswith(("Expand(Into)", "OptionalExpand(Into)")) for name in names), names


def test_links_are_read_by_key_with_an_index_seek(db):
    for rel_type in ("MEMBER_OF", "FUNDS"):
        names = [name for name, _, _ in explained(db, typed("links_by_key", rel_type))]
        assert "DirectedRelationshipIndexSeek" in names and not [name for name in names if "Scan" in name], names
