"""Load checks that need the graph: a part-of circle closed with links already there, and a load of 60,000 links
written completely on the project's Neo4j."""

from __future__ import annotations

import time

import pytest

from loaders.pipeline import load_paths
from tests.conftest import counts


def test_a_part_of_circle_closed_with_the_graphs_links_is_a_warning_naming_them(db, tmp_path):
    (tmp_path / "elements.csv").write_text("Label,Type\nCyber Unit,agency\nCrime Command,agency\nPolice,agency\n")
    (tmp_path / "connections.csv").write_text(
        "From,To,Type\nCyber Unit,Crime Command,part of\nCrime Command,Police,part of\n"
    )
    assert load_paths(db, [str(tmp_path)]).errors == []
    closing = tmp_path / "later.csv"
    closing.write_text("From,To,Type\nPolice,Cyber Unit,part of\n")
    for dry_run in (True, False):
        report = load_paths(db, [str(closing)], dry_run=dry_run)
        (cycle,) = [p for p in report.warnings if "circle" in p.message]
        assert (cycle.file, cycle.row) == ("later.csv", 2)
        assert cycle.message == (
            "part-of links go round in a circle: Police is part of Cyber Unit (later.csv row 2); Cyber Unit is part "
            "of Crime Command (in the graph); Crime Command is part of Police (in the graph). An organisation "
            "cannot be part of itself: check the From and To of these rows (loaded as written)"
        )
    assert counts(db) == (3, 3)  # loaded as written
    again = load_paths(db, [str(closing)])  # the row still says it
    assert [p.row for p in again.warnings if "circle" in p.message] == [2]
    beside = tmp_path / "beside.csv"
    beside.write_text("Label,Type\nCyber Desk,agency\n")
    below = tmp_path / "below.csv"
    below.write_text("From,To,Type\nCyber Desk,Cyber Unit,part of\n")
    unrelated = load_paths(db, [str(beside), str(below)])  # under the circle, not in it: not this load's doing
    assert unrelated.errors == [] and [p for p in unrelated.warnings if "circle" in p.message] == []


@pytest.mark.timeout(1200)
def test_a_load_of_60000_links_is_written_completely(db, tmp_path):
    from bench import generate

    rows = generate.write(tmp_path, 6_000, 60_000, seed=11)
    size = sum(p.stat().st_size for p in tmp_path.iterdir())
    started = time.perf_counter()
    report = load_paths(db, [str(tmp_path)])
    took = time.perf_counter() - started
    print(f"\n{rows} ({size / 2**20:.1f} MB) loaded in {took:.0f} s")
    assert report.errors == [] and report.written
    merged = sum(1 for p in report.warnings if p.file == generate.CONNECTIONS_FILE and "; merged" in p.message)
    created = {
        what: sum(c["created"] for c in counted.values())
        for what, counted in (("entities", report.entities), ("links", report.links))
    }
    assert rows["Connections"] == 60_000 and created["links"] == 60_000 - merged > 55_000
    assert counts(db) == (created["entities"], created["links"])


def test_the_longest_names_ids_and_wording_load_and_longer_ones_write_nothing(db, tmp_path):
    from loaders.validate import MAX_NAME

    wide = "𝔸" * MAX_NAME  # four bytes a character: the most an index entry of a name, ID or link key holds
    elements = tmp_path / "elements.csv"
    elements.write_text(f"ID,Label,Type\n{wide},{wide},Agency\nb{wide[1:]},{wide[1:]}b,Agency\n", encoding="utf-8")
    links = tmp_path / "links.csv"
    links.write_text(f"From,To,Type,Since\n{wide},b{wide[1:]},{wide},2020-01-01\n", encoding="utf-8")
    report = load_paths(db, [str(elements), str(links)])
    assert report.errors == [] and counts(db) == (2, 1)
    elements.write_text(f"Label,Type\n{'𝔸' * 2_100},Agency\n", encoding="utf-8")  # 8,400 bytes: Neo4j stopped the load
    refused = load_paths(db, [str(elements)])
    assert [(e.row, e.column) for e in refused.errors] == [(2, "Label")] and counts(db) == (2, 1)
