"""Loading files into a real Neo4j: every format, the report, errors, idempotence and provenance."""

from __future__ import annotations

import csv
import json

import neo4j
import pytest

from loaders.__main__ import main as loader_cli
from loaders.pipeline import load_paths
from tests.conftest import DATA, counts

EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))


def graph_of(driver):
    entities = driver.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS kind, n.name AS name, "
        "n.country AS country, n.aliases AS aliases, n.tags AS tags",
        result_transformer_=neo4j.Result.data,
    )
    links = driver.execute_query(
        "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS type, a.id AS source, b.id AS target, r.since AS since, "
        "r.kind AS kind",
        result_transformer_=neo4j.Result.data,
    )
    return entities, links


def assert_matches_expected(driver, expected):
    entities, links = graph_of(driver)
    assert {(e["id"], e["kind"], e["name"]) for e in entities} == {
        (e["id"], e["kind"], e["name"]) for e in expected["entities"]
    }
    by_id = {e["id"]: e for e in entities}
    for want in expected["entities"]:
        got = by_id[want["id"]]
        if want.get("country"):
            assert got["country"] == want["country"], want["id"]
        assert set(got["aliases"] or []) == set(want.get("aliases") or []), want["id"]
        assert set(got["tags"] or []) == set(want.get("tags") or []), want["id"]
    assert {(x["type"], x["source"], x["target"], x["since"]) for x in links} == {
        tuple(link) for link in expected["links"]
    }
    assert {(x["source"], x["target"], x["kind"]) for x in links if x["type"] == "RELATED_TO"} == {
        tuple(r) for r in expected["related_to_kinds"]
    }


def assert_problems(report, wanted, level):
    found = [p for p in report.problems if p.level == level]
    for want in wanted:
        hits = [
            p
            for p in found
            if p.file.startswith(want["file"])
            and p.row == want["row"]
            and p.column == want["column"]
            and (want["contains"] or "").lower() in p.message.lower()
            and want.get("sheet", "") in p.file
        ]
        assert hits, f"no {level} like {want} in {[str(p) for p in found]}"


@pytest.mark.parametrize(
    "paths",
    [["kumu_warts/Elements.csv", "kumu_warts/Connections.csv"], ["kumu_warts/workbook.xlsx"]],
    ids=["csv-pair", "xlsx-sheets"],
)
def test_kumu_files_with_spreadsheet_warts_give_the_expected_graph(db, paths):
    report = load_paths(db, [str(DATA / p) for p in paths])
    assert report.errors == []
    assert report.written
    assert_matches_expected(db, EXPECTED["kumu_warts"])
    key = "kumu_warts" if paths[0].endswith(".csv") else "kumu_warts_xlsx"
    assert_problems(report, EXPECTED[key]["warnings"], "warning")


def test_folder_path_loads_every_file_in_it(db):
    report = load_paths(db, [str(DATA / "kumu_warts")])  # CSV pair and workbook: same graph twice
    assert report.errors == []
    assert_matches_expected(db, EXPECTED["kumu_warts"])


def test_reloading_the_same_files_changes_nothing_and_says_so(db, capsys):
    paths = [str(DATA / "kumu_warts" / "Elements.csv"), str(DATA / "kumu_warts" / "Connections.csv")]
    assert loader_cli(["load", *paths]) == 0
    before = counts(db)
    stamps = db.execute_query(
        "MATCH (n:Entity) RETURN n.id AS id, n.updated_at AS at ORDER BY id", result_transformer_=neo4j.Result.data
    )
    capsys.readouterr()
    assert loader_cli(["load", *paths]) == 0
    out = capsys.readouterr().out
    assert "Loaded: nothing changed; everything was already in the graph." in out
    assert counts(db) == before
    assert (
        db.execute_query(
            "MATCH (n:Entity) RETURN n.id AS id, n.updated_at AS at ORDER BY id", result_transformer_=neo4j.Result.data
        )
        == stamps
    )


def test_errors_exit_1_with_file_row_and_column_and_write_nothing(db, capsys):
    code = loader_cli(["load", str(DATA / "kumu_broken")])
    out = capsys.readouterr().out
    assert code == 1
    assert counts(db) == (0, 0)
    assert db.execute_query("MATCH (l:Load) RETURN count(l) AS n", result_transformer_=neo4j.Result.single)["n"] == 0
    assert "Not loaded: 4 error(s); nothing was written. Fix them, or use --allow-errors" in out
    assert (
        "ERROR: Connections.csv, row 4, column 'FROM': no entity named 'Australian Federal Polce'; "
        "did you mean 'Australian Federal Police' (id australian-federal-police)?" in out
    )
    report = load_paths(db, [str(DATA / "kumu_broken")])
    assert_problems(report, EXPECTED["kumu_broken"]["errors"], "error")


def test_missing_column_is_reported_on_the_header_row(db, capsys):
    assert loader_cli(["load", str(DATA / "missing_column")]) == 1
    out = capsys.readouterr().out
    assert "ERROR: Connections.csv, row 1: missing required column To" in out
    assert counts(db) == (0, 0)


def test_allow_errors_loads_valid_rows_and_writes_rejects(db, tmp_path, capsys):
    rejects = tmp_path / "rejects.csv"
    code = loader_cli(["load", str(DATA / "kumu_broken"), "--allow-errors", "--rejects", str(rejects)])
    out = capsys.readouterr().out
    assert code == 0
    assert "row(s) rejected." in out
    assert counts(db)[0] > 0
    assert not rejects.exists()  # rows of two tables: one file each, beside it
    rows = []
    for table in ("Elements", "Connections"):
        with (tmp_path / f"rejects-{table}.csv").open(encoding="utf-8-sig") as f:
            rows += list(csv.DictReader(f))
    assert {r["Problem"].split(":")[0] for r in rows} >= {
        "Elements.csv row 7",
        "Connections.csv row 4",
        "Connections.csv row 5",
    }
    assert "rejected rows written to " in out and f"{tmp_path / 'rejects-Connections.csv'}" in out


def test_rejects_keep_the_columns_and_load_again_once_fixed(db, tmp_path, capsys):
    source = tmp_path / "source"
    source.mkdir()
    (source / "elements.csv").write_text(
        "Label,Type,Country,Sector\nQueensland Police Service,Agency,AUS,policing\n"
        "Samoa Police,Govt agency,Samoa,policing\n"
    )
    (source / "connections.csv").write_text(
        "From,To,Type,Since\nSamoa Police,Queensland Police Service,partners with,2019\n"
        "Queensland Police Service,Samoa,operates in,2020\n"
    )
    assert loader_cli(["load", str(source), "--allow-errors", "--rejects", str(tmp_path / "rejects.csv")]) == 0
    assert counts(db) == (2, 1)  # QPS and Samoa, the country; Samoa Police is rejected, and its link
    elements = (tmp_path / "rejects-elements.csv").read_text(encoding="utf-8-sig").splitlines()
    assert elements[0] == "Label,Type,Country,Sector,Problem"  # the file's own columns, in order, then why
    assert elements[1].startswith('Samoa Police,Govt agency,Samoa,policing,"elements.csv row 3: unknown kind')
    links = (tmp_path / "rejects-connections.csv").read_text(encoding="utf-8-sig").splitlines()
    assert links[0] == "From,To,Type,Since,Problem"
    assert "because row 3 of elements.csv was rejected" in links[1]

    fixed = tmp_path / "rejects-elements.csv"
    fixed.write_text(fixed.read_text(encoding="utf-8-sig").replace("Govt agency", "Agency"), encoding="utf-8-sig")
    capsys.readouterr()
    assert loader_cli(["load", str(fixed), str(tmp_path / "rejects-connections.csv")]) == 0
    out = capsys.readouterr().out
    assert "0 error(s)" in out or "error(s)" not in out
    assert counts(db) == (3, 2)
    samoa = db.execute_query(
        "MATCH (n:Agency {name: 'Samoa Police'})-[:PARTNERS_WITH]->(:Entity {name: 'Queensland Police Service'}) "
        "RETURN n.sector AS sector, n.problem AS problem",
        result_transformer_=neo4j.Result.single,
    )
    assert samoa["sector"] == "policing" and samoa["problem"] is None  # the Problem column is not loaded


def test_a_mapping_file_maps_columns_and_is_remembered_for_the_next_load(db, tmp_path, capsys):
    (tmp_path / "orgs.csv").write_text("Organisation,Category\nSamoa Police,Agency\nTonga Police,Agency\n")
    partners = tmp_path / "partners.csv"
    partners.write_text("Org A,Org B,Relationship,Start\nSamoa Police,Tonga Police,partners with,2019\n")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(
        json.dumps({"role": "connections", "columns": {"Org A": "From", "Org B": "to", "Relationship": "type"}})
    )
    assert loader_cli(["load", str(tmp_path / "orgs.csv"), str(partners), "--mapping", str(mapping)]) == 0
    assert counts(db) == (2, 1)
    since = db.execute_query(
        "MATCH ()-[r:PARTNERS_WITH]->() RETURN r.since AS since", result_transformer_=neo4j.Result.single
    )
    assert since["since"] == "2019"  # Start, a header the mapping does not name, is recognised as Since

    partners.write_text("Org A,Org B,Relationship,Start\nTonga Police,Fiji,operates in,2020\n")
    capsys.readouterr()
    assert loader_cli(["load", str(partners)]) == 0  # no --mapping: the graph remembers the headers
    out = capsys.readouterr().out
    assert "columns read with a saved mapping (1)" in out
    assert counts(db) == (3, 2)
    capsys.readouterr()
    assert loader_cli(["mappings"]) == 0
    saved = json.loads(capsys.readouterr().out)
    columns = {"Org A": "from", "Org B": "to", "Relationship": "type", "Start": "since"}  # completed for the table
    assert saved == [{"role": "connections", "columns": columns}]

    mapping.write_text('{"role": "connections", "columns": {"Org A": "whence"}}')
    assert loader_cli(["load", str(partners), "--mapping", str(mapping)]) == 2
    assert "not a column mapping file: 'whence' is not a column of connections" in capsys.readouterr().err


def test_the_team_vocabulary_is_listed_added_to_and_used(db, tmp_path, capsys):
    path = tmp_path / "elements.csv"
    path.write_text("Label,Type\nSamoa Police,Govt agency\n")
    assert loader_cli(["load", str(path)]) == 1
    assert loader_cli(["vocabulary"]) == 0
    assert "The team vocabulary is empty" in capsys.readouterr().out
    assert loader_cli(["vocabulary", "--add", "kind", "Govt agency", "Agency", "--by", "Sam Lee"]) == 0
    assert loader_cli(["vocabulary", "--add", "relationship", "sponsored by", "~FUNDS"]) == 0
    assert loader_cli(["vocabulary", "--add", "kind", "Govt agency", "Agency"]) == 0
    out = capsys.readouterr().out
    assert "added: kind 'Govt agency' → Agency" in out and "already in the team vocabulary" in out
    assert loader_cli(["vocabulary"]) == 0
    listed = capsys.readouterr().out
    assert "kind         'Govt agency' → Agency  (by Sam Lee, " in listed
    assert "relationship 'sponsored by' → FUNDS, read backwards" in listed
    assert loader_cli(["load", str(path)]) == 0
    assert loader_cli(["vocabulary", "--add", "kind", "Govt agency", "Spaceship"]) == 2
    assert "'Spaceship' is not a kind" in capsys.readouterr().err
    assert loader_cli(["vocabulary", "--remove", "kind", "govt agency"]) == 0
    assert loader_cli(["vocabulary", "--remove", "kind", "govt agency"]) == 2


def test_dry_run_reports_and_writes_nothing(db, capsys):
    assert loader_cli(["load", str(DATA / "kumu_warts" / "workbook.xlsx"), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "would be created or updated" in out
    assert counts(db) == (0, 0)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no/such/file.csv", "no such file or folder"),
        ("pyproject.toml", "not a CSV, XLSX or JSON file"),
        ("{empty}", "no CSV, XLSX or JSON files"),
    ],
)
def test_bad_paths_exit_2(db, tmp_path, capsys, path, message):
    assert loader_cli(["load", path.format(empty=tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_unreadable_workbook_exits_2(db, tmp_path, capsys):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a workbook")
    assert loader_cli(["load", str(broken)]) == 2
    assert "broken.xlsx: cannot be read" in capsys.readouterr().err


def test_provenance_on_every_fact_and_a_load_record(db):
    report = load_paths(db, [str(DATA / "kumu_warts" / "Elements.csv"), str(DATA / "kumu_warts" / "Connections.csv")])
    missing = db.execute_query(
        "MATCH (n:Entity) WHERE n.loaded_from IS NULL OR n.loaded_at IS NULL OR n.load_id <> $id "
        "OR n.sources IS NULL RETURN count(n) AS n",
        id=report.load_id,
        result_transformer_=neo4j.Result.single,
    )
    assert missing["n"] == 0
    missing = db.execute_query(
        "MATCH ()-[r]->() WHERE r.loaded_from IS NULL OR r.loaded_at IS NULL OR r.load_id <> $id RETURN count(r) AS n",
        id=report.load_id,
        result_transformer_=neo4j.Result.single,
    )
    assert missing["n"] == 0
    afp = db.execute_query(
        "MATCH (n:Entity) WHERE 'AFP' IN n.aliases RETURN n.loaded_from AS origin",
        result_transformer_=neo4j.Result.single,
    )
    assert afp["origin"].startswith("Elements.csv:")
    load = db.execute_query(
        "MATCH (l:Load {id: $id}) RETURN l", id=report.load_id, result_transformer_=neo4j.Result.single
    )["l"]
    assert load["by"] and load["at"] and len(load["files"]) == 2
    assert json.loads(load["summary"])["entities"]["Agency"]["created"] > 0


def test_json_in_kumu_shape(db, tmp_path):
    export = {
        "elements": [
            {"_id": "e1", "attributes": {"label": "Pacific Islands Forum", "element type": "Forum"}},
            {"_id": "e2", "attributes": {"label": "Fiji", "element type": "Country", "tags": ["pacific"]}},
        ],
        "connections": [
            {
                "from": "Fiji",
                "to": "Pacific Islands Forum",
                "attributes": {"connection type": "member of", "since": "1971"},
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export))
    report = load_paths(db, [str(path)])
    assert report.errors == []
    entities, links = graph_of(db)
    # Kumu's _id is the entity id; a country's id is always its ISO3 code.
    assert {(e["id"], e["kind"]) for e in entities} == {("e1", "Forum"), ("FJI", "Country")}
    assert [(x["type"], x["source"], x["target"], x["since"]) for x in links] == [("MEMBER_OF", "FJI", "e1", "1971")]


def test_per_kind_sheets_take_their_kind_from_the_sheet_name(db, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    agencies = book.active
    agencies.title = "Agencies"
    agencies.append(["Name", "Country"])
    agencies.append(["Australian Federal Police", "AUS"])
    ngos = book.create_sheet("NGOs")
    ngos.append(["Name"])
    ngos.append(["ECPAT International"])
    links = book.create_sheet("Connections")
    links.append(["From", "To", "Type"])
    links.append(["Australian Federal Police", "ECPAT International", "partners with"])
    book.save(tmp_path / "book.xlsx")
    report = load_paths(db, [str(tmp_path / "book.xlsx")])
    assert report.errors == []
    entities, links = graph_of(db)
    assert {(e["id"], e["kind"]) for e in entities} == {
        ("australian-federal-police", "Agency"),
        ("ecpat-international", "NGO"),
    }
    assert len(links) == 1


def test_connections_file_can_name_entities_loaded_earlier(db, tmp_path):
    (tmp_path / "elements.csv").write_text("Label,Type,Aliases\nAustralian Federal Police,agency,AFP\n")
    (tmp_path / "links.csv").write_text("From,To,Type\nAFP,Tonga,operates in\n")
    assert not load_paths(db, [str(tmp_path / "elements.csv")]).errors
    report = load_paths(db, [str(tmp_path / "links.csv")])
    assert report.errors == []
    assert counts(db) == (2, 1)


def test_latin1_csv_is_read_with_a_warning(db, tmp_path):
    path = tmp_path / "elements.csv"
    path.write_bytes(
        "Label,Type,Description\nSecrétariat Général,agency,Organisme français très actif\n".encode("cp1252")
    )
    report = load_paths(db, [str(path)])
    assert any("not UTF-8" in p.message for p in report.warnings)
    entities, _ = graph_of(db)
    assert entities[0]["name"] == "Secrétariat Général"


def test_a_changed_kind_replaces_the_kind_label(db, tmp_path):
    path = tmp_path / "elements.csv"
    path.write_text("Label,Type\nCyber Safety Pasifika,program\n")
    load_paths(db, [str(path)])
    path.write_text("Label,Type\nCyber Safety Pasifika,initiative\nCyber Safety Pasifika,ngo\n")
    report = load_paths(db, [str(path)])
    assert report.errors  # one id, two kinds in one file
    path.write_text("Label,Type\nCyber Safety Pasifika,ngo\n")
    refused = load_paths(db, [str(path)])  # a kind changes only when the load says it may
    assert [e.message for e in refused.errors] == [
        "'cyber-safety-pasifika' is Cyber Safety Pasifika, a Program in the graph; this row would make it a NGO: "
        "a load changes an entity's kind only when told to (python -m loaders load --change-kinds, or 'Rows may "
        "change an entity's kind' on the Load page). Give the row its own ID if it is another organisation"
    ]
    report = load_paths(db, [str(path)], change_kinds=True)
    assert report.entities["NGO"]["updated"] == 1
    assert any("changes from Program to NGO; its links stay" in w.message for w in report.warnings)
    labels = db.execute_query("MATCH (n:Entity) RETURN labels(n) AS labels", result_transformer_=neo4j.Result.single)
    assert sorted(labels["labels"]) == ["Entity", "NGO"]


def test_an_id_clash_never_turns_a_country_into_another_kind(db, tmp_path):
    elements = tmp_path / "elements.csv"
    elements.write_text("ID,Label,Type\nAUS,Australia,Country\nafp,Australian Federal Police,Agency\n")
    links = tmp_path / "links.csv"
    links.write_text("From,To,Type\nafp,AUS,based in\n")
    load_paths(db, [str(elements), str(links)])
    before = counts(db)
    clash = tmp_path / "clash.csv"
    clash.write_text("ID,Label,Type\nAUS,Australis Shipping,Company\n")
    clash_links = tmp_path / "clash-links.csv"
    clash_links.write_text("From,To,Type\nAUS,afp,partners with\n")
    for change_kinds in (False, True):
        report = load_paths(db, [str(clash), str(clash_links)], change_kinds=change_kinds)
        assert not report.written and counts(db) == before
        (error, knock_on) = report.errors
        assert (error.file, error.row) == ("clash.csv", 2)
        assert error.message.startswith(
            "'AUS' is Australia, a Country in the graph; this row would make it a Company: a country's ID cannot be "
            "another kind's"
        )
        assert (knock_on.file, knock_on.row, knock_on.knock_on) == ("clash-links.csv", 2, True)
    kinds = db.execute_query(
        "MATCH (n:Entity {id: 'AUS'}) RETURN labels(n) AS labels", result_transformer_=neo4j.Result.single
    )
    assert sorted(kinds["labels"]) == ["Country", "Entity"]
