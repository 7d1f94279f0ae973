"""Working out a merge without the database: what moves, what combines, what is filled and what conflicts."""

from __future__ import annotations

import json

from loaders.changes import Change
from loaders.merge import plan_merge


def entity(entity_id, **props):
    return {"id": entity_id, "labels": ["Entity", "Agency"], "props": {"id": entity_id, **props}}


def link(kind, source, target, **props):
    return {"type": kind, "source": source, "target": target, "props": props}


def test_values_fill_only_empty_properties_and_lists_unite():
    keep = entity("k", name="Keep", region="", tags=["a"], country="AUS")
    dup = entity("d", name="Dup", region="Pacific", tags=["a"], country="NZL", aliases=["D"])
    plan = plan_merge(keep, dup, [], [], Change(kind="merge", by="t"))
    assert plan.keep_after["region"] == "Pacific"
    assert plan.keep_after["tags"] == ["a"] and plan.extended == []  # nothing new: not extended
    assert plan.keep_after["country"] == "AUS"
    assert plan.conflicts == [{"on": "k", "property": "country", "kept": "AUS", "other": "NZL"}]
    assert plan.keep_after["aliases"] == ["Dup", "D"] and plan.keep_after["aliases_text"] == " Dup D"
    assert plan.keep["props"] == keep["props"]  # the before-state is left as it was


def test_links_between_the_two_are_dropped_and_two_duplicate_links_become_one_moved_link():
    keep, dup = entity("k", name="K"), entity("d", name="D")
    links = [
        link("PART_OF", "d", "k", key="PART_OF|d|k||"),
        link("MEMBER_OF", "d", "f", since="2010", sources=["s1"], loaded_from="a.csv:2"),
        link("MEMBER_OF", "d", "f", since="2010", sources=["s2"], loaded_from="a.csv:3"),
    ]
    plan = plan_merge(keep, dup, links[:1], links, Change(kind="merge", by="t"))
    assert (plan.moved, plan.combined, plan.dropped) == (1, 1, 1)
    [created] = plan.created
    assert (created["source"], created["target"], created["props"]["sources"]) == ("k", "f", ["s1", "s2"])
    assert [json.loads(t)["loaded_from"] for t in created["props"]["merged_from"]] == ["a.csv:3"]
    assert plan.updated == {}  # no link of the kept entity changed
    assert plan.removed == sorted(links, key=lambda x: json.dumps(x, sort_keys=True))
    assert plan.touched() == ["d", "f", "k"]
