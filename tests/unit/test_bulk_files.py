"""The bulk importer's files from a plan, and when a load is written in transactions instead (pure: no database)."""

from __future__ import annotations

import pytest

from loaders.bulk import ARRAY, EMPTY, _cell, import_files, why_not
from loaders.write import Plan, batches

RECORD = {
    "id": "L1",
    "at": "2026-12-01T00:00:00+00:00",
    "by": "me",
    "files": ["a.csv"],
    "owner": "host:1:L1",
    "kind": "load",
    "what": None,
    "title": None,
}


def entity(id_, kind="Agency", **props):
    return {"id": id_, "kind": kind, "drop": [], "props": {"name": id_, **props}, "loaded_from": f"a.csv:{id_}"}


def link(source, target, **props):
    key = f"FUNDS|{source}|{target}||"
    return {"type": "FUNDS", "source": source, "target": target, "key": key, "props": props, "loaded_from": "b.csv:2"}


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        ("", '""'),
        ('say "hi", twice', '"say ""hi"", twice"'),
        (["a", "b"], f'"a{ARRAY}b"'),
        ([], f'"{EMPTY}"'),
        (2.5, "2.5"),
        (3, "3"),
        (True, "true"),
    ],
)
def test_a_cell_is_quoted_text_a_number_or_nothing(value, cell):
    assert _cell(value) == cell


def test_rows_of_one_kind_share_a_file_per_typed_signature_and_empty_lists_are_marked(tmp_path):
    plan = Plan(
        entities=[entity("a", aliases=["A1"]), entity("b", aliases=[]), entity("c", kind="NGO", notes="two\nlines")],
        links=[link("a", "b", amount=5.0), link("b", "c")],
    )
    files = import_files(plan, RECORD, tmp_path, batches(plan))
    labels = [labels for labels, _ in files.nodes]
    assert labels == ["Entity:Agency", "Entity:NGO", "Load:Change", "ChangeCounter", "LoadUndo"]
    agencies = files.nodes[0][1].read_text(encoding="utf-8").split("\n")
    assert agencies[0] == "id:ID(Entity),name,aliases:string[],aliases_text,loaded_from,load_id,loaded_at,updated_at"
    assert agencies[2].startswith(f'"b","b","{EMPTY}",""')  # an empty list, and no aliases: an empty text
    assert [t for t, _ in files.relationships] == ["FUNDS", "FUNDS"]  # one with an amount (a number), one without
    assert (
        files.relationships[0][1]
        .read_text(encoding="utf-8")
        .split("\n")[0]
        .startswith(":START_ID(Entity),:END_ID(Entity),key,amount:double,")
    )
    assert files.multiline and files.empty == {(None, "aliases")}
    undo = files.nodes[-1][1].read_text(encoding="utf-8").split("\n")
    assert len(undo) == 1 + 3 + 1  # agencies, the NGO, the links: one part each, as the batches would keep them


@pytest.mark.parametrize(
    ("plan", "reason"),
    [
        (Plan(entities=[entity("a")]), "1 rows (the importer is used from 2"),
        (Plan(entities=[entity("a"), entity("b")], unkept="NaN"), "replaces stored values"),
        (Plan(entities=[entity("a"), {**entity("b"), "drop": ["NGO"]}]), "changes an entity's kind"),
        (Plan(entities=[entity("a"), entity("b", notes=f"x{ARRAY}y")]), "a value the importer cannot carry"),
        (Plan(entities=[entity("a"), entity("b", **{"bad name": "x"})]), "a property name"),
    ],
)
def test_a_load_the_importer_cannot_write_says_why(plan, reason):
    assert reason in (why_not(plan, rows_from=2) or "")


def test_a_plain_first_load_can_go_to_the_importer():
    assert why_not(Plan(entities=[entity("a"), entity("b")], links=[link("a", "b")]), rows_from=2) is None
