"""Coverage by line of effort on hand-built graphs whose answers can be read off the drawing (no database)."""

import pytest

from graph.effort import lines_of_effort, matrix, said, theme_key, theme_names
from graph.model import to_networkx

pytestmark = pytest.mark.unit


def make(nodes, links):
    """Nodes as ``(id, kind, extra props)``, links as ``(source, type, target)``; names are the ids in capitals."""
    rows = [{"id": i, "kind": kind, "name": i.upper(), **extra} for i, kind, extra in nodes]
    return to_networkx(rows, [{"source": s, "target": t, "type": rel} for s, rel, t in links])


# Our agency afp leads a program csp (themes awareness and legislation) that operates in Fiji; afp and Fiji's police
# (a unit of Fiji by its country) met at a dated workshop on reporting; Tonga only has an unthemed meeting with afp.
#
#   afp -LEADS-> csp [Awareness, legislation] -OPERATES_IN-> FJI
#   afp, fiji-police -> workshop [reporting, 2024-05-01];  afp, TON -> meeting [no theme, 2025-01-01]
PACIFIC = make(
    [
        ("afp", "Agency", {"country": "AUS"}),
        ("csp", "Program", {"themes": ["Awareness", "legislation"]}),
        ("FJI", "Country", {}),
        ("TON", "Country", {}),
        ("fiji-police", "Agency", {"country": "FJI"}),
        ("workshop", "Engagement", {"date": "2024-05-01", "themes": ["Reporting"]}),
        ("meeting", "Engagement", {"date": "2025-01-01"}),
    ],
    [
        ("afp", "LEADS", "csp"),
        ("csp", "OPERATES_IN", "FJI"),
        ("afp", "PARTICIPATED_IN", "workshop"),
        ("fiji-police", "PARTICIPATED_IN", "workshop"),
        ("afp", "PARTICIPATED_IN", "meeting"),
        ("TON", "PARTICIPATED_IN", "meeting"),
    ],
)


def cells(rows):
    return {(r["target_id"], r["theme"]): (r["status"], r["home_ids"], r["through_ids"]) for r in rows}


def test_every_target_and_theme_is_a_row_covered_through_a_program_or_an_engagement_or_a_gap():
    rows = lines_of_effort(PACIFIC, {"afp"}, {"FJI", "TON"})
    assert [(r["target_id"], r["theme"]) for r in rows] == [
        ("FJI", "Awareness"),
        ("FJI", "legislation"),
        ("FJI", "Reporting"),
        ("TON", "Awareness"),
        ("TON", "legislation"),
        ("TON", "Reporting"),
    ]
    assert cells(rows) == {
        ("FJI", "Awareness"): ("covered", ["afp"], ["csp"]),
        ("FJI", "legislation"): ("covered", ["afp"], ["csp"]),
        ("FJI", "Reporting"): ("covered", ["afp"], ["workshop"]),
        ("TON", "Awareness"): ("gap", [], []),
        ("TON", "legislation"): ("gap", [], []),
        ("TON", "Reporting"): ("gap", [], []),
    }
    reporting = next(r for r in rows if (r["target_id"], r["theme"]) == ("FJI", "Reporting"))
    assert reporting["last_engagement"] == "2024-05-01" and reporting["via"] == ["FIJI-POLICE"]
    assert reporting["home"] == ["AFP"] and reporting["through"] == ["WORKSHOP"]


def test_without_rollup_fijis_police_is_not_fiji():
    rows = lines_of_effort(PACIFIC, {"afp"}, {"FJI"}, rollup=False)
    assert {theme: status for (_, theme), (status, _, _) in cells(rows).items()} == {
        "Awareness": "covered",  # the program operates in Fiji itself
        "legislation": "covered",
        "Reporting": "gap",  # Fiji's police took part, not Fiji
    }


@pytest.mark.parametrize(
    ("themes", "shown"),
    [
        (["reporting", "LEGISLATION"], ["Reporting", "legislation"]),  # in the order asked, as first written
        (["  Online   safety "], ["online safety"]),  # a theme nobody carries: all gaps, spaces collapsed
    ],
)
def test_themes_asked_for_come_in_their_order_whatever_their_case(themes, shown):
    rows = lines_of_effort(PACIFIC, {"afp"}, {"FJI"}, themes=themes)
    assert [r["theme"] for r in rows] == shown


def test_a_program_counts_only_for_the_home_entity_that_runs_it_not_one_based_beside_it():
    # AUS is home; the program is based in Australia and operates in Fiji, but no Australian agency runs it.
    graph = make(
        [("AUS", "Country", {}), ("p", "Program", {"themes": ["awareness"]}), ("FJI", "Country", {})],
        [("p", "BASED_IN", "AUS"), ("p", "OPERATES_IN", "FJI")],
    )
    assert cells(lines_of_effort(graph, {"AUS"}, {"FJI"})) == {("FJI", "awareness"): ("gap", [], [])}
    funded = make(
        [
            ("AUS", "Country", {}),
            ("dfat", "Agency", {"country": "AUS"}),
            ("p", "Program", {"themes": ["awareness"]}),
            ("FJI", "Country", {}),
        ],
        [("dfat", "FUNDS", "p"), ("p", "OPERATES_IN", "FJI")],
    )
    assert cells(lines_of_effort(funded, {"AUS"}, {"FJI"})) == {("FJI", "awareness"): ("covered", ["AUS"], ["p"])}


def test_an_undated_engagement_counts_for_no_line_of_effort():
    graph = make(
        [("a", "Agency", {}), ("t", "NGO", {}), ("e", "Engagement", {"themes": ["reporting"]})],
        [("a", "PARTICIPATED_IN", "e"), ("t", "PARTICIPATED_IN", "e")],
    )
    assert cells(lines_of_effort(graph, {"a"}, {"t"})) == {("t", "reporting"): ("gap", [], [])}


def test_theme_names_are_first_written_in_id_order():
    assert theme_key(" Online\tSafety ") == "online safety"
    assert theme_names(PACIFIC) == {"awareness": "Awareness", "legislation": "legislation", "reporting": "Reporting"}


def test_the_matrix_and_the_sentence_say_what_the_rows_say():
    rows = lines_of_effort(PACIFIC, {"afp"}, {"FJI", "TON"})
    assert matrix(rows) == [
        {"Target": "FJI", "Awareness": "AFP", "legislation": "AFP", "Reporting": "AFP"},
        {"Target": "TON", "Awareness": "gap", "legislation": "gap", "Reporting": "gap"},
    ]
    assert said(rows) == (
        "3 of 6 target-theme pairs (2 targets, 3 themes) have no home entity working on them. "
        "Fewest targets covered: Awareness (1 of 2). Most gaps: TON (3 of 3 themes)."
    )
    fiji = [r for r in rows if r["target_id"] == "FJI"]
    assert said(fiji) == "A home entity works on every one of the 3 target-theme pairs (1 target, 3 themes)."
    assert said([]) == "No target and theme to compare."
