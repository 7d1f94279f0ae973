"""A network view's filters, two-date comparison and roll-up side (pure), and how the drawing marks them."""

import json
import re

from graph.model import to_networkx
from graph.network_view import (
    AGENCY_OF,
    change_counts,
    compare_links,
    filter_view,
    focus_side,
    measure_table,
    merge_dates,
    showcase,
    with_links,
)
from render.network import CHANGE_STYLES, network_html

NODES = [
    {"id": "a", "name": "A", "kind": "Agency", "region": "Pacific", "tags": ["police"]},
    {"id": "b", "name": "B", "kind": "NGO", "region": "Europe", "tags": []},
    {"id": "c", "name": "C", "kind": "Forum", "region": None, "tags": ["police", "pacific"]},
]
LINKS = [
    {"source": "a", "target": "b", "type": "PARTNERS_WITH", "confidence": "high", "since": "2020"},
    {"source": "a", "target": "c", "type": "MEMBER_OF", "confidence": None},
    {"source": "b", "target": "c", "type": "MEMBER_OF", "confidence": "low"},
]


def test_filter_view_by_region_tag_confidence_and_hidden():
    def ids(result):
        return [n["id"] for n in result[0]], [(x["source"], x["target"]) for x in result[1]]

    assert ids(filter_view(NODES, LINKS, regions={"Pacific"})) == (["a"], [])
    assert ids(filter_view(NODES, LINKS, regions={"Pacific"}, keep="c")) == (["a", "c"], [("a", "c")])
    assert ids(filter_view(NODES, LINKS, tags={"police"})) == (["a", "c"], [("a", "c")])
    assert ids(filter_view(NODES, LINKS, confidence={"high", "unknown"}))[1] == [("a", "b"), ("a", "c")]
    assert ids(filter_view(NODES, LINKS, hide={"b"})) == (["a", "c"], [("a", "c")])


def test_compare_links_marks_gained_and_lost():
    earlier, later = LINKS[:2], [LINKS[0], LINKS[2]]
    marked = {(x["source"], x["target"]): x["change"] for x in compare_links(earlier, later)}
    assert marked == {("a", "b"): None, ("b", "c"): "gained", ("a", "c"): "lost"}
    restarted = [LINKS[0] | {"since": "2023"}]  # the same pair and type, a new period: a new link
    assert [x["change"] for x in compare_links(LINKS[:1], restarted)] == ["gained", "lost"]


def test_drawing_styles_changes_labels_and_settling():
    links = [LINKS[0] | {"change": "gained"}, LINKS[1] | {"change": "lost"}, LINKS[2]]
    page = network_html(NODES, links, positions={"a": (0, 0), "b": (1, 0), "c": (0, 1)}, edge_labels=False, settle=True)
    edges = json.loads(re.search(r"^\s*const sgeEdges = (.*);$", page, re.MULTILINE)[1])
    assert [e["color"] for e in edges[:2]] == [CHANGE_STYLES["gained"]["color"], CHANGE_STYLES["lost"]["color"]]
    assert edges[1]["dashes"] is True and all(e["label"] == "" for e in edges)
    assert "(gained)" in edges[0]["title"] and "Link lost" in page
    options = json.loads(re.search(r"^\s*const sgeOptions = (.*);$", page, re.MULTILINE)[1])
    assert options["physics"]["enabled"] is True  # settles from the given positions
    still = network_html(NODES, LINKS, positions={"a": (0, 0), "b": (1, 0), "c": (0, 1)})
    assert json.loads(re.search(r"^\s*const sgeOptions = (.*);$", still, re.MULTILINE)[1])["physics"] == {
        "enabled": False
    }


def test_merge_dates_keeps_every_entity_once_and_marks_changes_by_date_order():
    today_nodes, then_nodes = NODES[:2], NODES[1:]
    today_links, then_links = [LINKS[0]], [LINKS[2]]
    nodes, links = merge_dates(today_nodes, today_links, then_nodes, then_links, other_is_earlier=True)
    assert [n["id"] for n in nodes] == ["a", "b", "c"]
    assert {(x["source"], x["target"]): x["change"] for x in links} == {("a", "b"): "gained", ("b", "c"): "lost"}
    _, backwards = merge_dates(today_nodes, today_links, then_nodes, then_links, other_is_earlier=False)
    assert {(x["source"], x["target"]): x["change"] for x in backwards} == {("a", "b"): "lost", ("b", "c"): "gained"}
    assert change_counts(links) == {"gained": 1, "lost": 1}
    assert change_counts(LINKS) == {"gained": 0, "lost": 0}


def test_measure_table_joins_measures_for_the_entities_in_view():
    degree = [
        {"id": "a", "name": "A", "kind": "Agency", "degree": 2},
        {"id": "z", "name": "Z", "kind": "NGO", "degree": 1},
    ]
    others = {"pagerank": [{"id": "a", "pagerank": 0.5}, {"id": "z", "pagerank": 0.1}], "closeness": []}
    assert measure_table({"a"}, degree, others) == [
        {"id": "a", "name": "A", "kind": "Agency", "degree": 2, "pagerank": 0.5}
    ]


# Tonga: its police is Tonga's by its country property alone (no link), the ministry by BASED_IN; the taskforce was
# part of the police until June 2023 and the desk is part of the taskforce; a forum based in Tonga is not Tonga.
TONGA = to_networkx(
    [
        {"id": "TON", "kind": "Country", "name": "Tonga"},
        {"id": "tpol", "kind": "Agency", "name": "Tonga Police", "country": "TON"},
        {"id": "mofa", "kind": "Agency", "name": "Foreign Ministry"},
        {"id": "task", "kind": "Agency", "name": "Cyber Taskforce"},
        {"id": "desk", "kind": "Agency", "name": "<b>Desk</b>"},
        {"id": "forum", "kind": "Forum", "name": "Tonga Forum", "country": "TON"},
    ],
    [
        {"source": "mofa", "target": "TON", "type": "BASED_IN", "sources": ["https://example.gov.to"]},
        {"source": "task", "target": "tpol", "type": "PART_OF", "since": "2021", "until": "2023-06"},
        {"source": "desk", "target": "task", "type": "PART_OF"},
        {"source": "forum", "target": "TON", "type": "BASED_IN"},
    ],
)


def test_focus_side_ties_each_unit_to_its_parent_and_says_it_in_names():
    side = focus_side(TONGA, "TON", on="2022-01-01")
    assert set(side.chains) == {"tpol", "mofa", "task", "desk"}
    ties = {(x["source"], x["type"], x["target"]) for x in side.links}
    assert ties == {
        ("tpol", AGENCY_OF, "TON"),  # no link says so: its country property does
        ("mofa", "BASED_IN", "TON"),
        ("task", "PART_OF", "tpol"),
        ("desk", "PART_OF", "task"),
    }
    assert next(x for x in side.links if x["source"] == "mofa")["sources"] == ["https://example.gov.to"]
    assert side.note() == (
        "Roll-up: Tonga includes Foreign Ministry, Tonga Police, Cyber Taskforce (part of Tonga Police) and "
        "<b>Desk</b> (part of Cyber Taskforce, part of Tonga Police)"
    )
    assert "&lt;b&gt;Desk" in side.note(lambda s: s.replace("<", "&lt;").replace(">", "&gt;"))
    assert side.note(limit=2).endswith("Foreign Ministry, Tonga Police and 2 more")
    after = focus_side(TONGA, "TON", on="2024-01-01")  # the taskforce left the police in June 2023
    assert set(after.chains) == {"tpol", "mofa"}
    assert after.note() == "Roll-up: Tonga includes Foreign Ministry and Tonga Police"
    assert focus_side(TONGA, "forum").note() == "" and focus_side(TONGA, "nowhere").chains == {}


def test_with_links_adds_only_new_links_between_entities_in_view():
    side = focus_side(TONGA, "TON", on="2022-01-01")
    drawn = [{"source": "task", "target": "tpol", "type": "PART_OF", "since": "2021"}]
    added = with_links(drawn, side.links, {"TON", "tpol", "task"})
    assert [(x["source"], x["type"]) for x in added] == [("task", "PART_OF"), ("tpol", AGENCY_OF)]


def test_showcase_keeps_the_selection_its_neighbours_and_their_links_lit():
    links = [("a", "b"), ("c", "a"), ("b", "d"), ("d", "e")]
    assert showcase(["a"], links) == (["a", "b", "c"], [("a", "b"), ("c", "a")])
    assert showcase(["a", "e"], links) == (["a", "b", "c", "d", "e"], [("a", "b"), ("c", "a"), ("d", "e")])
    assert showcase(["x"], links) == (["x"], [])  # linked to nothing: alone


def test_links_among_says_which_the_filters_hide():
    from graph.model import to_networkx
    from graph.network_view import links_among

    graph = to_networkx(
        [{"id": i, "name": i} for i in ("a", "b", "c", "d")],
        [
            {"source": "a", "target": "b", "type": "PARTNERS_WITH", "confidence": "high"},
            {"source": "b", "target": "a", "type": "FUNDS", "confidence": "low"},
            {"source": "b", "target": "c", "type": "MEMBER_OF"},
            {"source": "c", "target": "d", "type": "LEADS"},  # d is not selected
        ],
    )
    shown = [
        {"source": "a", "target": "b", "type": "PARTNERS_WITH"},
        {"source": "b", "target": "c", "type": "MEMBER_OF"},
        {"source": "c", "target": "a", "type": "AGENCY_OF"},  # drawn from a country property, not stored
    ]
    found = links_among(graph, ["a", "b", "c"], shown)
    assert [(x["source"], x["type"], x["target"], x["shown"]) for x in found] == [
        ("a", "PARTNERS_WITH", "b", True),
        ("b", "MEMBER_OF", "c", True),
        ("c", "AGENCY_OF", "a", True),
        ("b", "FUNDS", "a", False),  # the confidence filter left it out of the view
    ]
