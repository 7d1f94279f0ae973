"""A network view's filters and two-date comparison (pure), and how the drawing marks them."""

import json
import re

from graph.network_view import change_counts, compare_links, filter_view, measure_table, merge_dates
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
