"""Findings sheets (risks and opportunities about an entity): how they are recognised, read and checked (pure)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.vocabulary import load_vocabulary
from loaders.findings import finding_id, finding_kind
from loaders.mapping import recognised
from loaders.read import read_file
from loaders.templates import template_rows
from loaders.validate import validate

KNOWN = [
    {"id": "afp", "name": "Australian Federal Police", "aliases": ["AFP"], "kind": "Agency"},
    {"id": "FJI", "name": "Fiji", "aliases": [], "kind": "Country"},
]


def read_csv(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return read_file(path, [])


def checked(tmp_path: Path, text: str, name: str = "scan.csv"):
    return validate(read_csv(tmp_path, name, text), load_vocabulary(), KNOWN)


@pytest.mark.parametrize(
    ("headers", "role"),
    [
        ("Entity,Kind,Theme,Level,Finding,Source", "findings"),
        ("Country,Risk or opportunity,Finding", "findings"),
        ("Finding ID,About,Kind,Statement", "findings"),
        ("Entity,Type,Description", "elements"),  # no header only findings have: an elements table as before
    ],
)
def test_a_table_is_read_as_findings_by_a_header_only_findings_have(tmp_path, headers, role):
    (table,) = read_csv(tmp_path, "sheet.csv", headers + "\n" + ",".join("x" for _ in headers.split(",")) + "\n")
    assert table.role == role


def test_a_file_named_findings_with_a_kind_column_is_findings(tmp_path):
    (table,) = read_csv(tmp_path, "Findings.csv", "Entity,Kind,Statement\nFiji,risk,x\n")
    assert table.role == "findings"
    assert recognised(table).columns == {"Entity": "about", "Kind": "kind", "Statement": "text"}


@pytest.mark.parametrize(
    ("written", "kind"),
    [("risk", "risk"), ("Risks", "risk"), ("THREAT", "risk"), ("Opportunity", "opportunity"), ("strength", None)],
)
def test_finding_kinds_and_their_wordings(written, kind):
    assert finding_kind(written) == kind


def test_a_finding_id_is_made_from_entity_kind_and_theme_or_else_the_text():
    assert finding_id("FJI", "risk", "Digital connectivity", "anything") == "FJI-risk-digital-connectivity"
    by_text = finding_id("FJI", "risk", "", "Limited awareness")
    assert by_text == finding_id("FJI", "risk", "  ", "limited  AWARENESS") and by_text.startswith("FJI-risk-")
    assert by_text != finding_id("FJI", "risk", "", "Another finding")


def test_a_row_names_its_entity_by_name_alias_or_country_and_is_read_with_its_fixes(tmp_path):
    result = checked(
        tmp_path,
        "Entity,Kind,Theme,Level,Finding,Source,Date\n"
        "AFP,Opportunities,Reporting,H,Better reporting,https://example.org/scan,2024\n"
        "Fiji,risk,Awareness,low,Limited awareness,,March 2024\n",
    )
    assert [p for p in result.problems if p.level == "error"] == []
    assert [(f.id, f.about, f.props) for f in result.findings] == [
        (
            "afp-opportunity-reporting",
            "afp",
            {
                "kind": "opportunity",
                "text": "Better reporting",
                "theme": "Reporting",
                "level": "high",
                "date": "2024",
                "sources": ["https://example.org/scan"],
            },
        ),
        (
            "FJI-risk-awareness",
            "FJI",
            {
                "kind": "risk",
                "text": "Limited awareness",
                "theme": "Awareness",
                "level": "low",
                "date": "2024-03",
                "sources": [],
            },
        ),
    ]
    fixes = {(p.row, p.column, p.code) for p in result.problems if p.code}
    assert {(2, "Kind", "wording"), (2, "Level", "level"), (3, "Date", "date")} <= fixes
    assert result.entities == []  # naming a known entity creates none


def test_blank_and_unknown_cells_are_errors_at_their_row_and_column(tmp_path):
    result = checked(
        tmp_path,
        "Entity,Kind,Level,Finding\n,risk,,No entity\nFiji,weakness,,Bad kind\nFiji,risk,urgent,\nNowhere,risk,,x\n",
    )
    errors = {(p.row, p.column): p.message for p in result.problems if p.level == "error"}
    assert errors[(2, "Entity")] == "entity is blank"
    assert errors[(3, "Kind")] == "kind 'weakness' is not a finding's kind: use risk or opportunity"
    assert errors[(4, "Finding")] == "finding is blank"
    assert errors[(5, "Entity")].startswith("no entity named 'Nowhere'")
    warned = {(p.row, p.column): p.message for p in result.problems if p.level == "warning"}
    assert warned[(4, "Level")] == "level 'urgent' is not high, medium or low; left blank"
    assert result.findings == [] and sorted(r[1] for r in result.rejected) == [2, 3, 4, 5]


def test_two_rows_on_one_entity_kind_and_theme_are_one_finding_keeping_both_texts(tmp_path):
    result = checked(
        tmp_path,
        "Entity,Kind,Theme,Level,Finding\nFiji,risk,Awareness,low,First text\nFJI,risk,awareness,high,Second\n",
    )
    (finding,) = result.findings
    assert finding.props["text"] == "scan.csv:2: First text; scan.csv:3: Second"
    assert finding.props["level"] == "high" and finding.loaded_from == "scan.csv:2; scan.csv:3"
    (merged,) = [p.message for p in result.problems if p.row == 3 and "merged" in p.message]
    assert merged == (
        "same finding as scan.csv row 2 (same entity, kind and theme); merged; level 'low' replaced by 'high'"
    )


def test_a_finding_about_an_entity_a_rejected_row_would_have_created_is_rejected_too(tmp_path):
    elements = read_csv(tmp_path, "elements.csv", "ID,Label,Type\nnewco,New Co,not a kind\n")
    findings = read_csv(tmp_path, "findings.csv", "Entity,Kind,Finding\nnewco,risk,x\n")
    result = validate([*elements, *findings], load_vocabulary(), KNOWN)
    (knock_on,) = [p for p in result.problems if p.file == "findings.csv"]
    assert knock_on.level == "error" and "New Co" not in knock_on.message and "rejected" in knock_on.message


def test_the_findings_template_loads_cleanly_beside_nothing_else(tmp_path):
    (row,) = template_rows("findings")
    text = ",".join(row) + "\n" + ",".join(f'"{v}"' for v in row.values()) + "\n"
    result = checked(tmp_path, text, "findings-template.csv")
    assert [p for p in result.problems if p.level == "error"] == [] and len(result.findings) == 1


def test_a_finding_closed_before_it_was_assessed_is_an_error_and_a_closing_date_is_kept_as_written(tmp_path):
    result = checked(
        tmp_path,
        "Entity,Kind,Finding,Date,Closed\nFiji,risk,Early,2024-05,2023\nFiji,opportunity,Later,2024,2025-06\n",
    )
    (error,) = [p for p in result.problems if p.level == "error"]
    assert (error.row, error.column, error.message) == (
        2,
        "Closed",
        "closed (2023) before it was assessed (2024-05)",
    )
    (kept,) = result.findings
    assert (kept.props["date"], kept.props["closed"]) == ("2024", "2025-06")
