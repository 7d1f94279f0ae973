"""Findings (risks and opportunities about an entity) on a real Neo4j: loaded from a sheet, reloaded without copies,
undone exactly, taken back with a failed load, moved by a merge and back by its undo."""

from __future__ import annotations

import neo4j
import pytest

from loaders.merge import merge
from loaders.pipeline import load_paths
from loaders.undo import undo
from queries import read
from tests.db.test_load_stops import files, stopping_after
from tests.db.test_undo_load import dump

FINDINGS = """Entity,Kind,Theme,Level,Finding,Source,Date
Fiji Police Force,Risk,Digital connectivity,High,Growing digital connectivity brings more children online.,scan,2024
FPF,opportunity,Reporting,m,Enhancing reporting pathways for online harms.,scan,2024
Virtual Global Taskforce,Opportunities,Awareness,,Raising awareness across the members.,,
"""


def findings(driver) -> list[dict]:
    return driver.execute_query(
        "MATCH (f:Finding) RETURN f.id AS id, f.about AS about, f.kind AS kind, f.theme AS theme, f.level AS level, "
        "f.text AS text ORDER BY id",
        result_transformer_=neo4j.Result.data,
    )


def load_findings(driver, folder, text: str = FINDINGS, **options):
    return load_paths(driver, files(folder, {"findings.csv": text}), **options)


def test_a_findings_sheet_loads_one_finding_per_row_about_the_entity_it_names(small, tmp_path):
    report = load_findings(small, tmp_path / "f")
    assert report.errors == [] and report.findings["created"] == 3
    assert findings(small) == [
        {
            "id": "fjpol-opportunity-reporting",
            "about": "fjpol",
            "kind": "opportunity",
            "theme": "Reporting",
            "level": "medium",
            "text": "Enhancing reporting pathways for online harms.",
        },
        {
            "id": "fjpol-risk-digital-connectivity",
            "about": "fjpol",
            "kind": "risk",
            "theme": "Digital connectivity",
            "level": "high",
            "text": "Growing digital connectivity brings more children online.",
        },
        {
            "id": "vgt-opportunity-awareness",
            "about": "vgt",
            "kind": "opportunity",
            "theme": "Awareness",
            "level": None,
            "text": "Raising awareness across the members.",
        },
    ]
    fixed = {(p.row, p.column, p.message) for p in report.warnings if p.code in ("wording", "level")}
    assert (2, "Kind", "kind 'Risk' read as risk") in fixed and (3, "Level", "'m' read as medium") in fixed
    assert (4, "Kind", "kind 'Opportunities' read as opportunity") in fixed
    rows = read(small, "findings_about", ids=["fjpol"])
    assert [(r["about_name"], r["kind"], r["theme"]) for r in rows] == [
        ("Fiji Police Force", "risk", "Digital connectivity"),
        ("Fiji Police Force", "opportunity", "Reporting"),
    ]


def test_reloading_the_same_sheet_changes_nothing_and_a_changed_row_updates_its_finding(small, tmp_path):
    load_findings(small, tmp_path / "one")
    again = load_findings(small, tmp_path / "two")
    assert again.findings == {"unchanged": 3} and not again.written
    changed = FINDINGS.replace("Growing digital connectivity brings", "Fast-growing connectivity brings")
    third = load_findings(small, tmp_path / "three", changed.replace(",High,", ",Low,"))
    assert third.findings == {"updated": 1, "unchanged": 2}
    replaced = {(p.column, p.message) for p in third.warnings if p.row == 2}
    stored = "Growing digital connectivity brings more children online."
    assert ("Finding", f"finding replaced; the stored finding was: {stored!r}") in replaced
    assert {f["id"]: f["level"] for f in findings(small)}["fjpol-risk-digital-connectivity"] == "low"


def test_a_finding_about_an_entity_nobody_knows_is_an_error_at_its_row_and_nothing_is_written(small, tmp_path):
    before = dump(small)
    bad = FINDINGS + "Ministry of Nowhere,risk,Legislation,high,No law yet.,,\nFiji Police Force,weakness,,,x,,\n"
    report = load_findings(small, tmp_path / "bad", bad)
    errors = {(p.row, p.column): p.message for p in report.errors}
    assert errors[(5, "Entity")].startswith("no entity named 'Ministry of Nowhere'")
    assert errors[(6, "Kind")] == "kind 'weakness' is not a finding's kind: use risk or opportunity"
    assert not report.written and dump(small) == before


def test_undoing_a_findings_load_removes_what_it_created_and_restores_what_it_updated(small, tmp_path):
    first = load_findings(small, tmp_path / "one")
    loaded = findings(small)
    second = load_findings(small, tmp_path / "two", FINDINGS.replace(",High,", ",Low,") + "VGT,risk,,,New risk.,,\n")
    assert second.findings == {"created": 1, "updated": 1, "unchanged": 2}
    _, change = undo(small, second.load_id, by="bob")
    assert change.counts["findings removed"] == 1 and change.counts["findings restored"] == 1
    assert findings(small) == loaded
    undo(small, first.load_id, by="bob")
    assert findings(small) == []


def test_a_load_that_fails_after_its_findings_batch_takes_them_back(small, tmp_path):
    before = dump(small)

    def fail():
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        load_findings(small, tmp_path / "f", progress=stopping_after(1, fail))
    assert findings(small) == [] and dump(small) == before


def test_a_merge_moves_the_duplicates_findings_to_the_kept_entity_and_its_undo_moves_them_back(small, tmp_path):
    load_findings(small, tmp_path / "f")
    plan, change = merge(small, "afp", "fjpol", by="bob")
    assert plan.counts()["findings moved"] == 2
    assert {f["id"]: f["about"] for f in findings(small)} == {
        "fjpol-opportunity-reporting": "afp",
        "fjpol-risk-digital-connectivity": "afp",
        "vgt-opportunity-awareness": "vgt",
    }
    _, undone = undo(small, change.id, by="bob")
    assert undone.counts["findings moved back"] == 2
    assert {f["about"] for f in findings(small) if f["id"].startswith("fjpol")} == {"fjpol"}


def test_deleting_an_entity_deletes_the_findings_about_it_and_its_undo_brings_them_back(small, tmp_path):
    from graph.roles import local
    from loaders.delete import delete_entity

    load_findings(small, tmp_path / "f")
    before = findings(small)
    state, change = delete_entity(small, "fjpol", local())
    assert change.counts["findings deleted"] == 2 and len(state["findings"]) == 2
    assert [f["about"] for f in findings(small)] == ["vgt"]
    _, undone = undo(small, change.id, by="bob")
    assert undone.counts["findings restored"] == 2
    assert findings(small) == before
