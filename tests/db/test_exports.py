"""Round trips for every export: XLSX and CSV load back unchanged; GraphML, GEXF, HTML and PNG read back."""

import csv
import datetime as dt
import io
import json
import re

import networkx as nx
import pytest
from PIL import Image

from graph.layout import positions
from graph.settings import SAMPLE_NOTICE
from loaders.pipeline import load_paths
from queries.network import export_rows
from render import exports
from render.network import has_external_refs
from render.tables import Stamp
from tests.conftest import SAMPLE, counts

ENTITIES = [
    {
        "id": "afp",
        "kind": "Agency",
        "name": "Australian Federal Police",
        "aliases": ["AFP"],
        "country": "AUS",
        "tags": ["police", "pacific"],
        "sources": ["https://afp.gov.au"],
        "priority": "high",
        "team": "ACCCE",
    },
    {"id": "pif", "kind": "Forum", "name": "=Pacific Islands Forum", "description": "<b>regional</b>"},
    {"id": "talk", "kind": "Engagement", "name": "Dialogue 2024", "date": "2024-03-01", "engagement_kind": "dialogue"},
]
LINKS = [
    {
        "source": "afp",
        "target": "pif",
        "type": "MEMBER_OF",
        "since": "2001",
        "confidence": "high",
        "sources": ["https://a.example", "doc 7"],
    },
    {"source": "afp", "target": "pif", "type": "RELATED_TO", "kind": "co-hosts", "notes": "-1 seat"},
    {"source": "afp", "target": "talk", "type": "PARTICIPATED_IN", "role": "host"},
]
POSITIONS = {"afp": (0.0, 0.0), "pif": (1.0, 0.5), "talk": (-1.0, 0.2)}


def snapshot(driver):
    """Every entity and link with its facts, bookkeeping left out, in a stable order."""
    ids = [r["id"] for r in driver.execute_query("MATCH (n:Entity) RETURN n.id AS id").records]
    return export_rows(driver, ids)


@pytest.fixture
def loaded(db):
    report = load_paths(db, [str(SAMPLE)])
    assert not report.errors
    return db


def reload(db, paths):
    db.execute_query("MATCH (n) DETACH DELETE n")
    assert counts(db) == (0, 0)
    report = load_paths(db, [str(p) for p in paths])
    assert not report.errors, report.errors[:3]
    return snapshot(db)


def test_xlsx_round_trip_gives_the_same_entities_and_links(loaded, tmp_path):
    before = snapshot(loaded)
    assert len(before[0]) > 100 and len(before[1]) > 300
    path = tmp_path / "view.xlsx"
    path.write_bytes(exports.to_xlsx(*before))
    after = reload(loaded, [path])
    assert after[0] == before[0]
    assert after[1] == before[1]


def test_csv_pair_round_trip_gives_the_same_entities_and_links(loaded, tmp_path):
    before = snapshot(loaded)
    elements, connections = exports.csv_pair(*before)
    (tmp_path / "elements.csv").write_text(elements, encoding="utf-8")
    (tmp_path / "connections.csv").write_text(connections, encoding="utf-8")
    assert reload(loaded, [tmp_path]) == before


def test_a_marked_sample_csv_pair_and_xlsx_with_their_header_blocks_load_back_exactly(loaded, tmp_path):
    before = snapshot(loaded)
    stamp = Stamp("Network view; whole graph, Label, Type", dt.date(2026, 12, 1), "OFFICIAL: Sensitive", sample=True)
    elements, connections = exports.csv_pair(*before, stamp)
    assert elements.startswith("\ufeff# Marking: OFFICIAL: Sensitive\n") and SAMPLE_NOTICE in connections
    (tmp_path / "pair").mkdir()
    (tmp_path / "pair" / "elements.csv").write_text(elements, encoding="utf-8")
    (tmp_path / "pair" / "connections.csv").write_text(connections, encoding="utf-8")
    (tmp_path / "view.xlsx").write_bytes(exports.to_xlsx(*before, stamp))
    for path in (tmp_path / "pair", tmp_path / "view.xlsx"):
        assert reload(loaded, [path]) == before, path
    report = load_paths(loaded, [str(tmp_path / "pair")], dry_run=True)
    assert sorted(p.file for p in report.problems if p.code == "block") == ["connections.csv", "elements.csv"]


def test_xlsx_keeps_formula_like_text_as_text_and_round_trips_odd_values(db, tmp_path):
    import openpyxl

    path = tmp_path / "odd.xlsx"
    path.write_bytes(exports.to_xlsx(ENTITIES, LINKS))
    sheet = openpyxl.load_workbook(path)["Elements"]
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=Pacific Islands Forum")
    assert cell.data_type == "s"
    assert not load_paths(db, [str(path)]).errors
    entities, links = snapshot(db)
    by_id = {e["id"]: e for e in entities}
    assert by_id["pif"]["name"] == "=Pacific Islands Forum" and by_id["afp"]["team"] == "ACCCE"
    assert by_id["talk"]["engagement_kind"] == "dialogue" and by_id["afp"]["aliases"] == ["AFP"]
    assert sorted((x["type"], x.get("kind"), x.get("notes")) for x in links) == [
        ("MEMBER_OF", None, None),
        ("PARTICIPATED_IN", None, None),
        ("RELATED_TO", "co-hosts", "-1 seat"),
    ]


def test_csv_neutralises_formula_like_cells():
    elements, connections = exports.csv_pair(ENTITIES, LINKS)
    rows = list(csv.DictReader(io.StringIO(elements)))
    assert rows[1]["Label"] == "'=Pacific Islands Forum" and rows[0]["Aliases"] == "AFP"
    assert rows[0]["Tags"] == "police|pacific"
    assert list(csv.DictReader(io.StringIO(connections)))[1]["Notes"] == "'-1 seat"


def test_graphml_round_trip():
    graph = nx.read_graphml(io.BytesIO(exports.to_graphml(ENTITIES, LINKS, POSITIONS)), force_multigraph=True)
    assert sorted(graph.nodes) == ["afp", "pif", "talk"]
    assert graph.nodes["afp"]["name"] == "Australian Federal Police" and graph.nodes["afp"]["kind"] == "Agency"
    assert graph.nodes["afp"]["tags"] == "police|pacific" and graph.nodes["pif"]["x"] == 1.0
    assert sorted((u, v, d["type"]) for u, v, d in graph.edges(data=True)) == [
        ("afp", "pif", "MEMBER_OF"),
        ("afp", "pif", "RELATED_TO"),
        ("afp", "talk", "PARTICIPATED_IN"),
    ]
    assert next(d for _, _, d in graph.edges(data=True) if d["type"] == "MEMBER_OF")["since"] == "2001"


def test_gexf_round_trip_with_gephi_colours_and_positions():
    graph = nx.read_gexf(io.BytesIO(exports.to_gexf(ENTITIES, LINKS, POSITIONS)))
    assert sorted(graph.nodes) == ["afp", "pif", "talk"]
    assert graph.nodes["afp"]["label"] == "Australian Federal Police" and graph.nodes["afp"]["kind"] == "Agency"
    assert set(graph.nodes["afp"]["viz"]) >= {"color", "position"}
    assert graph.nodes["talk"]["engagement_kind"] == "dialogue"
    assert sorted((u, v, d["label"]) for u, v, d in graph.edges(data=True)) == [
        ("afp", "pif", "MEMBER_OF"),
        ("afp", "pif", "RELATED_TO"),
        ("afp", "talk", "PARTICIPATED_IN"),
    ]


def test_html_is_standalone_offline_and_holds_the_view():
    page = exports.to_html(ENTITIES, LINKS, POSITIONS)
    assert has_external_refs(page) == []
    nodes = json.loads(re.search(r"^\s*const sgeNodes = (.*);$", page, re.MULTILINE)[1])
    assert [n["id"] for n in nodes] == ["afp", "pif", "talk"] and all("x" in n for n in nodes)
    assert "<b>regional</b>" not in page


def test_png_draws_the_view():
    image = Image.open(io.BytesIO(exports.to_png(ENTITIES, LINKS, POSITIONS, size_by={"afp": 3, "pif": 1})))
    assert image.format == "PNG" and image.size == (1600, 1200)
    colours = {colour for _, colour in image.getcolors(maxcolors=1 << 16)}
    assert (0x33, 0x22, 0x88) in colours  # the Agency colour of the legend and the AFP node


def test_positions_are_stable_and_cover_every_entity():
    first = positions(ENTITIES, LINKS)
    assert set(first) == {"afp", "pif", "talk"} and first == positions(ENTITIES, LINKS)
