"""Any cell text loaded into the real Neo4j is stored as the loader read it, and the graph's CSV pair and workbook
exports load back into it exactly (hypothesis, a few examples: each is a load, two exports and two reloads)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from loaders.pipeline import load_paths
from queries.network import export_rows
from render import exports
from tests.unit.test_cell_properties import NOT_IN_XLSX, check_loaded_or_refused, load, texts, write_csv


def snapshot(driver):
    """Entities and links as exported; an empty list is no list (a blank Aliases column stores [], none stores
    nothing: the same fact)."""
    ids = [r["id"] for r in driver.execute_query("MATCH (n:Entity) RETURN n.id AS id").records]
    entities, links = export_rows(driver, ids)
    return [{k: v for k, v in e.items() if v != []} for e in entities], links


def reload(driver, paths) -> tuple:
    driver.execute_query("MATCH (n) DETACH DELETE n")
    report = load_paths(driver, [str(p) for p in paths])
    assert report.errors == [], report.errors[:3]
    return snapshot(driver)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts.filter(lambda t: not NOT_IN_XLSX.search(t)))
def test_any_cell_is_stored_as_read_and_the_graphs_exports_load_back_exactly(db, tmp_path, text):
    path = tmp_path / "Elements.csv"
    write_csv(path, [["e1", text, "Agency", text]])
    loaded = check_loaded_or_refused(load(path), text)  # what the pure read and validation give
    db.execute_query("MATCH (n) DETACH DELETE n")
    report = load_paths(db, [str(path)])
    if loaded is None:
        assert report.errors and not report.written
        return
    before = snapshot(db)
    (entity,) = before[0]
    assert (entity.get("name") or "", entity.get("description") or "") == (loaded["Label"], loaded["Description"])
    elements, connections = exports.csv_pair(*before)
    (tmp_path / "pair").mkdir(exist_ok=True)
    (tmp_path / "pair" / "elements.csv").write_text(elements, encoding="utf-8", newline="")
    (tmp_path / "pair" / "connections.csv").write_text(connections, encoding="utf-8", newline="")
    (tmp_path / "view.xlsx").write_bytes(exports.to_xlsx(*before))
    assert reload(db, [tmp_path / "view.xlsx"]) == before
    assert reload(db, [tmp_path / "pair" / "elements.csv"]) == before
