"""The Overview page's "Likely duplicates": pairs by name with reasons in words, and "Not a duplicate"."""

from __future__ import annotations

import json
import random
import string

import neo4j
import pytest
import streamlit as st

from loaders.pipeline import load_paths
from queries import read
from tests.app.pages import app, texts
from views.overview import DUPLICATES_SHOWN
from views.widgets import md_text

LABEL = "Not a duplicate"


@pytest.fixture(autouse=True)
def fresh_cache():
    # The page keeps its candidates while the graph's loads and size are the same; these tests write behind its back.
    st.cache_data.clear()


def agencies(db, names: list[tuple[str, str]]) -> None:
    db.execute_query(
        "UNWIND $rows AS row CREATE (:Entity:Agency {id: row[0], name: row[1], aliases: [], sources: []})",
        rows=[list(r) for r in names],
    )


def not_duplicate_buttons(at):
    return [b for b in at.button if b.label == LABEL]


def test_the_sample_has_no_likely_duplicates(sample_db):
    at = app()
    assert not at.exception
    assert "Likely duplicates" in [h.value for h in at.subheader]
    assert "No likely duplicates." in [s.value for s in at.success]
    assert not not_duplicate_buttons(at)


def test_a_pair_is_shown_by_name_with_reasons_and_not_a_duplicate_removes_it(db):
    agencies(
        db,
        [
            ("afp", "Australian Federal Police"),
            ("afp-again", "Australian Federal Police"),
            ("dfat", "Department of Foreign Affairs and Trade"),
            ("dfat-short", "DFAT"),
            ("ofcom", "Ofcom"),
        ],
    )
    at = app()
    assert not at.exception
    shown = texts(at)
    assert "2 pairs that may be one organisation" in shown
    assert (
        f"**{md_text('Australian Federal Police')}** and **{md_text('Australian Federal Police')}** "
        f"({md_text('Agency')}): {md_text('same name after folding case, spaces and punctuation')}"
    ) in shown
    assert md_text("'DFAT' matches the initials of 'Department of Foreign Affairs and Trade'") in shown
    assert "afp-again" not in shown  # names, not ids
    assert len(not_duplicate_buttons(at)) == 2

    not_duplicate_buttons(at)[0].click().run()  # the strongest first: the two Australian Federal Police
    assert not at.exception
    assert [(r["a"], r["b"]) for r in read(db, "not_duplicates")] == [("afp", "afp-again")]
    assert len(not_duplicate_buttons(at)) == 1
    shown = texts(at)
    assert "1 pair that may be one organisation" in shown
    assert md_text("Remembered: Australian Federal Police and Australian Federal Police are not duplicates.") in [
        s.value for s in at.success
    ]
    assert md_text("same name after folding case") not in shown

    at = app()  # a new visit remembers it too
    assert len(not_duplicate_buttons(at)) == 1
    not_duplicate_buttons(at)[0].click().run()
    assert "No likely duplicates." in [s.value for s in at.success]


def test_at_most_twenty_are_shown_with_the_total_and_names_are_text(db):
    rng = random.Random(3)
    words = ["".join(rng.choices(string.ascii_lowercase, k=8)) for _ in range(25)]
    agencies(db, [(f"{side}{i}", f"**{w}** [{w}](javascript:{w})") for i, w in enumerate(words) for side in "ab"])
    at = app()
    assert not at.exception
    assert len(not_duplicate_buttons(at)) == DUPLICATES_SHOWN
    shown = texts(at)
    assert f"25 pairs that may be one organisation; the strongest {DUPLICATES_SHOWN} shown" in shown
    assert md_text(f"**{words[0]}** [{words[0]}](javascript:{words[0]})") in shown
    assert "](javascript:" not in shown


# Merge and undo from the Overview: a load undone, a likely duplicate pair merged, then the merge undone.

FIRST = {
    "elements.csv": "ID,Label,Type\nafp,Australian Federal Police,agency\nvgt,Virtual Global Taskforce,forum\n",
    "links.csv": "From,To,Type,Notes\nafp,vgt,member of,founding member\n",
}
SECOND = {
    "more.csv": "ID,Label,Type,Description\nafp,Australian Federal Police,agency,Federal police\nmeta,Meta,company,\n",
    "more-links.csv": "From,To,Type,Notes\nafp,vgt,member of,chair\nmeta,vgt,member of,\n",
}


def load(db, folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = load_paths(db, [str(folder / name) for name in files])
    assert report.errors == []
    return report.load_id


def dump(db):
    """Every entity and link with all its properties (the change and load records left out), sorted."""
    nodes = db.execute_query(
        "MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props", result_transformer_=neo4j.Result.data
    )
    links = db.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, a.id AS a, b.id AS b, properties(r) AS p",
        result_transformer_=neo4j.Result.data,
    )
    return sorted(json.dumps(x, sort_keys=True) for x in nodes), sorted(json.dumps(x, sort_keys=True) for x in links)


def recorded(db, kind):
    return db.execute_query(
        "MATCH (c:Change {kind: $kind}) RETURN c.by AS by, c.undone_by AS undone_by ORDER BY c.seq",
        kind=kind,
        result_transformer_=neo4j.Result.data,
    )


def test_undo_a_load_from_recent_loads_after_a_confirmation(db, tmp_path, monkeypatch):
    monkeypatch.setenv("SGE_USER", "Sam Lee")
    first = load(db, tmp_path / "one", FIRST)
    before = dump(db)
    second = load(db, tmp_path / "two", SECOND)
    at = app()
    assert not at.exception
    assert at.button(key=f"undo-load-{first}") and at.button(key=f"undo-load-{second}")

    at.button(key=f"undo-load-{first}").click().run()  # the second load changed what the first wrote
    assert not at.exception
    [refused] = [e.value for e in at.error]
    assert refused.startswith(md_text(f"cannot undo load {first[:8]}: a later load depends on it ({second}"))
    assert not [b for b in at.button if b.label == "Confirm"]

    at.button(key=f"undo-load-{second}").click().run()
    asked = [w.value for w in at.warning]
    assert any(
        w.startswith(md_text("Undo load of more.csv, more-links.csv ("))
        and w.endswith(md_text("): removes 2 created, restores 2 updated."))
        for w in asked
    ), asked
    assert dump(db) != before  # nothing is undone before "Confirm"
    at.button(key=f"undo-confirm-load-{second}").click().run()
    assert not at.exception
    assert md_text(
        "Undone: loaded more.csv, more-links.csv (entities removed: 1, entities restored: 1, links removed: 1, "
        "links restored: 1)."
    ) in [s.value for s in at.success]
    assert dump(db) == before
    [undone] = recorded(db, "undo")
    assert undone["by"] == "Sam Lee"  # SGE_USER: there is no sign-in yet
    assert f"undo-load-{second}" not in [b.key for b in at.button]  # undone: no button any more
    assert any(md_text("(undone)") in e.label for e in at.expander)


def test_merge_a_likely_duplicate_pair_then_undo_it_from_recent_changes(db, tmp_path, monkeypatch):
    monkeypatch.setenv("SGE_USER", "Sam Lee")
    load(
        db,
        tmp_path / "one",
        {
            "elements.csv": "ID,Label,Type\nafp,Australian Federal Police,agency\n"
            "afp-2,australian federal police,agency\nvgt,Virtual Global Taskforce,forum\nFJI,Fiji,country\n",
            "links.csv": "From,To,Type\nafp-2,vgt,member of\nafp-2,FJI,operates in\nafp,FJI,operates in\n",
        },
    )
    before = dump(db)
    at = app()
    assert not at.exception
    assert "Recent changes" not in [h.value for h in at.subheader]  # no merge or undo yet
    key = json.dumps(["afp", "afp-2"])
    at.button(key=f"merge-{key}").click().run()
    assert not at.exception
    radio = at.radio(key=f"merge-keep-{key}")
    assert radio.value == "afp-2"  # the one with more links, by default
    assert radio.options == [
        md_text("australian federal police (2 links, loaded from elements.csv:3)"),
        md_text("Australian Federal Police (1 link, loaded from elements.csv:2)"),
    ]
    shown = " ".join(w.value for w in at.warning)
    assert md_text("Merge Australian Federal Police into australian federal police:") in shown
    radio.set_value("afp").run()  # swap
    shown = " ".join(w.value for w in at.warning)
    assert md_text("Merge australian federal police into Australian Federal Police:") in shown
    assert dump(db) == before  # nothing merged before "Confirm merge"
    assert "Sam Lee" in texts(at)  # who the change is recorded as

    at.button(key=f"merge-confirm-{key}").click().run()
    assert not at.exception
    [said] = [s.value for s in at.success if "Merged" in s.value]
    [merge] = db.execute_query(
        "MATCH (c:Change {kind: 'merge'}) RETURN c.id AS id, c.by AS by", result_transformer_=neo4j.Result.data
    )
    assert said == md_text(
        f"Merged australian federal police into Australian Federal Police (change {merge['id'][:8]}); "
        "undo with the Undo button in Recent changes."
    )
    assert merge["by"] == "Sam Lee"
    assert db.execute_query("MATCH (n:Entity {id: 'afp-2'}) RETURN n").records == []
    assert "Recent changes" in [h.value for h in at.subheader]
    assert md_text("merged australian federal police into Australian Federal Police") in texts(at)
    assert "afp-2" not in texts(at)  # names, not ids

    at.button(key=f"undo-change-{merge['id']}").click().run()
    assert not at.exception
    asked = " ".join(w.value for w in at.warning)
    assert md_text("Undo merged australian federal police into Australian Federal Police (") in asked
    assert md_text("entities restored: 1, links restored: 2, links removed: 1, links reverted: 1.") in asked
    at.button(key=f"undo-confirm-change-{merge['id']}").click().run()
    assert not at.exception
    assert any(s.value.startswith(md_text("Undone: merged australian federal police")) for s in at.success)
    assert dump(db) == before
    assert [r["by"] for r in recorded(db, "undo")] == ["Sam Lee"]
    assert f"undo-change-{merge['id']}" not in [b.key for b in at.button]
    assert "*(undone)*" in texts(at)
    assert at.button(key=f"merge-{key}")  # the pair is listed again


def test_a_refused_merge_undo_says_why(db, tmp_path):
    load(
        db,
        tmp_path / "one",
        {
            "elements.csv": "ID,Label,Type\nafp,Australian Federal Police,agency\n"
            "afp-2,AUSTRALIAN FEDERAL POLICE,agency\n"
        },
    )
    at = app()
    key = json.dumps(["afp", "afp-2"])
    at.button(key=f"merge-{key}").click().run()
    at.button(key=f"merge-confirm-{key}").click().run()
    [merge] = db.execute_query(
        "MATCH (c:Change {kind: 'merge'}) RETURN c.id AS id", result_transformer_=neo4j.Result.data
    )
    load(db, tmp_path / "two", {"more.csv": "ID,Label,Type,Description\nafp,Australian Federal Police,agency,AFP\n"})
    at.button(key=f"undo-change-{merge['id']}").click().run()
    assert not at.exception
    [refused] = [e.value for e in at.error]
    assert md_text("a later load depends on it") in refused and md_text("undo that first") in refused
