"""Column mappings, team wording, templates, problems by cause and rejects files (pure)."""

from __future__ import annotations

import csv

import pytest

from graph.vocabulary import load_vocabulary
from loaders.mapping import (
    assess,
    mapping_from_json,
    mappings_from_json,
    matching,
    parse_field,
    recognised,
    unknown_wordings,
    wording_targets,
)
from loaders.model import FREE, IGNORE, ColumnMapping, LoadReport, Problem, Table, Wording, headers_key
from loaders.pipeline import write_rejects
from loaders.read import read_file, read_tables
from loaders.report import format_report, grouped
from loaders.team import team_vocabulary
from loaders.templates import template_rows
from loaders.validate import COLUMNS, column_map, validate

PARTNERS = "Org A,Org B,Relationship,Start,End\nSamoa Police,Tonga Police,partners with,2019,\n"
TO_FROM = {"Org A": "from", "Org B": "to", "Relationship": "type", "Start": "since", "End": "until"}


def table_of(tmp_path, name: str, text: str) -> Table:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_tables(path, [])[0]


def test_a_header_set_is_the_same_in_any_order_case_or_spacing():
    assert headers_key(["Org A", "Org B"]) == headers_key(["org b", " ORG  A "])
    assert ColumnMapping("connections", {"org a": "from"}).field("Org  A") == "from"


def test_fields_are_named_by_key_label_or_any_recognised_header():
    assert [parse_field("connections", t) for t in ("from", "From", "start date", "Keep", "IGNORE")] == [
        "from",
        "from",
        "since",
        FREE,
        IGNORE,
    ]
    assert parse_field("elements", "Label / Name") == parse_field("elements", "organisation") == "name"
    with pytest.raises(ValueError, match="'whence' is not a column of connections"):
        parse_field("connections", "whence")


def test_a_mapping_file_is_one_mapping_or_a_list():
    one = '{"role": "Connections", "columns": {"Org A": "From"}}'
    assert mappings_from_json(one) == [ColumnMapping("connections", {"Org A": "from"})]
    assert len(mappings_from_json(f"[{one}, {one}]")) == 2
    bad = [
        ("{", "not JSON"),
        ('{"role": "links", "columns": {"A": "from"}}', "role 'links'"),
        ("[1]", "a mapping is"),
    ]
    for text, message in bad:
        with pytest.raises(ValueError, match=message):
            mappings_from_json(text)
    with pytest.raises(ValueError, match="a mapping is"):
        mapping_from_json({"role": "elements", "columns": {}})


def test_what_the_loader_recognises_and_why_a_table_needs_a_mapping(tmp_path):
    partners = table_of(tmp_path, "partners.csv", PARTNERS)
    assert partners.role == "" and assess(partners) == ["not recognised as elements, connections or findings"]
    assert recognised(partners, "connections").columns == {**TO_FROM, "Org A": FREE, "Org B": FREE}
    short = ColumnMapping("connections", {**TO_FROM, "Org A": FREE})
    assert assess(partners, short) == ["no column read as From"]
    twice = ColumnMapping("connections", {**TO_FROM, "End": "since"})
    assert assess(partners, twice) == ["more than one column read as Since: the first is used, the others are free"]
    assert assess(partners, ColumnMapping("connections", TO_FROM)) == []
    orgs = table_of(tmp_path, "orgs.csv", "Organisation,Category,Website\nSamoa Police,Agency,x\n")
    assert orgs.role == "elements" and assess(orgs) == ["headers not recognised (kept as free columns): Website"]


def test_an_explicit_mapping_decides_for_the_headers_it_names(tmp_path):
    orgs = table_of(tmp_path, "orgs.csv", "Organisation,Category,Notes\nSamoa Police,Agency,x\n")
    mapping = ColumnMapping("elements", {"Organisation": "name", "Category": FREE, "Notes": IGNORE})
    assert column_map(orgs, mapping) == ({"name": "Organisation"}, ["Category"])
    assert column_map(orgs) == ({"name": "Organisation", "type": "Category"}, ["Notes"])


def test_a_mapping_naming_some_headers_applies_to_tables_that_have_them_all(tmp_path):
    partners = table_of(tmp_path, "partners.csv", PARTNERS)
    given = ColumnMapping("connections", {"org a": "from", "Org B": "to"})
    found = matching(partners, [given])
    assert found == ColumnMapping("connections", TO_FROM) and found.key == headers_key(partners.headers)
    assert matching(partners, [ColumnMapping("connections", {"Org A": "from", "Org C": "to"})]) is None
    exact = ColumnMapping("connections", {**TO_FROM, "End": IGNORE})
    assert matching(partners, [given, exact]) is exact


def test_validation_reads_a_table_through_its_mapping(tmp_path):
    orgs = tmp_path / "orgs.csv"
    orgs.write_text("Organisation,Category\nSamoa Police,Agency\nTonga Police,Agency\n")
    partners = tmp_path / "partners.csv"
    partners.write_text(PARTNERS)
    mapping = ColumnMapping("connections", TO_FROM)
    by_headers = {mapping.key: mapping}
    tables = read_file(orgs, []) + read_file(partners, [], by_headers)
    result = validate(tables, load_vocabulary(), mappings=by_headers)
    assert [p for p in result.problems if p.level == "error"] == []
    assert [(link.type, link.source, link.target, link.props["since"]) for link in result.links] == [
        ("PARTNERS_WITH", "samoa-police", "tonga-police", "2019")
    ]


def test_unknown_wording_is_listed_once_with_its_rows_and_team_wording_knows_it(tmp_path):
    elements = table_of(tmp_path, "elements.csv", "Label,Type\nA,Govt agency\nB,govt  agency\nC,Agency\n")
    links = table_of(tmp_path, "links.csv", "From,To,Type\nA,B,sponsored by\nA,C,partners with\n")
    vocab = load_vocabulary()
    assert unknown_wordings([elements, links], vocab) == [
        {"what": "kind", "text": "Govt agency", "rows": 2},
        {"what": "relationship", "text": "sponsored by", "rows": 1},
    ]
    team = team_vocabulary(
        vocab, [Wording("kind", "Govt agency", "Agency"), Wording("relationship", "sponsored by", "FUNDS", True)]
    )
    assert unknown_wordings([elements, links], team) == []
    assert team.kind("GOVT AGENCY") == "Agency" and team.relationship("sponsored by") == ("FUNDS", True)
    assert vocab.kind("govt agency") is None  # the shipped vocabulary is unchanged
    with pytest.raises(ValueError, match="unknown kind label 'Spaceship'"):
        vocab.extended({"craft": "Spaceship"})
    assert "~FUNDS" in wording_targets("relationship", vocab) and "~PARTNERS_WITH" not in wording_targets(
        "relationship", vocab
    )


def test_problems_are_grouped_by_cause_with_causes_first():
    report = LoadReport(
        problems=[
            Problem("warning", "c.csv", 2, "Type", "unknown relationship 'x'"),
            Problem(
                "error", "c.csv", 2, "From", "'A' is not loaded because row 3 of e.csv was rejected", knock_on=True
            ),
            Problem("error", "c.csv", 5, "To", "no entity named 'Q'"),
            Problem("error", "e.csv", 3, "Type", "unknown kind 'Govt agency'"),
            Problem("error", "e.csv", 4, "Type", "unknown kind 'Govt agency'"),
            Problem("error", "e.csv", 5, "Type", "unknown kind 'Govt agency'"),
            Problem("error", "e.csv", 9, "Type", "unknown kind 'Govt agency'"),
        ]
    )
    groups = grouped(report)
    assert [(g.level, g.count, g.knock_on) for g in groups] == [
        ("error", 1, False),  # c.csv's own error was found first
        ("error", 4, False),
        ("error", 1, True),  # every knock-on after every cause
        ("warning", 1, False),
    ]
    assert groups[1].where() == "e.csv rows 3-5, 9, column 'Type'"
    text = format_report(report)
    assert "  ERROR ×4: unknown kind 'Govt agency'\n    e.csv rows 3-5, 9, column 'Type'" in text
    assert "  ERROR: c.csv, row 5, column 'To': no entity named 'Q'" in text


def test_templates_name_every_column_the_loader_knows():
    for role in ("elements", "connections"):
        [row] = template_rows(role)
        assert len(row) == len(COLUMNS[role])
    assert list(template_rows("elements")[0])[:3] == ["ID", "Label", "Type"]
    assert list(template_rows("connections")[0])[:5] == ["From", "To", "Type", "Since", "Until"]


def test_rejects_keep_each_table_s_columns_and_a_last_problem_column(tmp_path):
    rejected = [
        ("Elements.csv", 3, {"Label": "A", "Type": "x", "Notes": None}, "unknown kind 'x'"),
        ("book.xlsx [Links]", 2, {"From": "A", "To": "B"}, "'A' is not loaded"),
    ]
    headers = {"Elements.csv": ["Label", "Type", "Notes"], "book.xlsx [Links]": ["From", "To"]}
    written = write_rejects(rejected, str(tmp_path / "rejects.csv"), headers)
    assert written == [str(tmp_path / "rejects-Elements.csv"), str(tmp_path / "rejects-book-Links.csv")]
    with open(written[0], encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [
            ["Label", "Type", "Notes", "Problem"],
            ["A", "x", "", "Elements.csv row 3: unknown kind 'x'"],
        ]
    assert write_rejects(rejected[:1], str(tmp_path / "one.csv"), headers) == [str(tmp_path / "one.csv")]
    table = read_tables(tmp_path / "one.csv", [])[0]
    assert column_map(table) == (
        {"name": "Label", "type": "Type"},
        ["Notes"],  # the Problem column is read as neither
    )
