"""Load checks that need the graph: a part-of circle closed with links already there, and a load of 60,000 links
written completely on the project's Neo4j."""

from __future__ import annotations

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
