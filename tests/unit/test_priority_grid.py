"""The priority grid on a hand-built graph whose measures and quadrants are checked by hand (no database)."""

import pytest

from graph.model import to_networkx
from graph.priority_grid import priority_grid, split

pytestmark = pytest.mark.unit

ON = "2026-06-30"


def world():
    """Home: afp, dfat. Targets: fj (high; both link to it, met 10 and 400 days ago), to (high; nothing),
    ws (low; afp links, met 100 days ago), nr (no priority; nothing). hub lies between dfat and nr."""
    nodes = [
        {"id": "afp", "kind": "Agency", "name": "AFP"},
        {"id": "dfat", "kind": "Agency", "name": "DFAT"},
        {"id": "fj", "kind": "Country", "name": "Fiji", "priority": "high"},
        {"id": "to", "kind": "Country", "name": "Tonga", "priority": "high"},
        {"id": "ws", "kind": "Country", "name": "<img src=x onerror=alert(1)> *Samoa*", "priority": "low"},
        {"id": "nr", "kind": "Country", "name": "Nauru"},
        {"id": "e1", "kind": "Engagement", "name": "Talks", "date": "2026-06-20"},
        {"id": "e2", "kind": "Engagement", "name": "Old talks", "date": "2025-05-26"},
        {"id": "e3", "kind": "Engagement", "name": "Visit", "date": "2026-03-22"},
    ]
    links = [
        ("afp", "fj", "PARTNERS_WITH"),
        ("dfat", "fj", "PARTNERS_WITH"),
        ("afp", "ws", "PARTNERS_WITH"),
        ("afp", "e1", "PARTICIPATED_IN"),
        ("fj", "e1", "PARTICIPATED_IN"),
        ("dfat", "e2", "PARTICIPATED_IN"),
        ("fj", "e2", "PARTICIPATED_IN"),
        ("afp", "e3", "PARTICIPATED_IN"),
        ("ws", "e3", "PARTICIPATED_IN"),
    ]
    return to_networkx(nodes, [{"source": s, "target": t, "type": k} for s, t, k in links])


HOME, TARGETS = {"afp", "dfat"}, {"fj", "to", "ws", "nr", "afp"}


def by_id(rows):
    return {r["target"]: r for r in rows}


def test_measures_are_those_counted_by_hand():
    rows = by_id(priority_grid(world(), HOME, TARGETS, on=ON, rollup=False))
    assert set(rows) == {"fj", "to", "ws", "nr"}  # the home entity among the targets is left out
    fj, ws, to, nr = rows["fj"], rows["ws"], rows["to"], rows["nr"]
    assert (fj["priority"], fj["recency"], fj["frequency"], fj["home_links"]) == (
        3,
        10,
        1,
        2,
    )  # 400 days: not in a year
    assert (ws["priority"], ws["recency"], ws["frequency"], ws["home_links"]) == (1, 100, 1, 1)
    assert (to["priority"], to["recency"], to["frequency"], to["home_links"]) == (3, None, 0, 0)
    assert (nr["priority"], nr["home_links"]) == (0, 0)
    # fj lies on the paths between dfat and afp's other neighbours (ws, e1...): betweenness above zero
    assert fj["betweenness"] > 0 and to["betweenness"] == 0


@pytest.mark.parametrize(
    ("x", "y", "expected", "splits"),
    [
        # priority cut at 2; home_links range 0..2, split 1: above 1 is high
        ("priority", "home_links", {"fj": "Maintain", "to": "Build", "ws": "Watch", "nr": "Watch"}, (2, 1)),
        # recency 10..100, split 55: fewer days is high; never engaged is low
        ("priority", "recency", {"fj": "Maintain", "to": "Build", "ws": "Watch", "nr": "Watch"}, (2, 55)),
        # frequency 0..1, split 0.5: ws has one engagement, low priority -> Review
        ("priority", "frequency", {"fj": "Maintain", "to": "Build", "ws": "Review", "nr": "Watch"}, (2, 0.5)),
    ],
)
def test_quadrants_and_splits(x, y, expected, splits):
    rows = priority_grid(world(), HOME, TARGETS, on=ON, x=x, y=y, rollup=False)
    assert {r["target"]: r["quadrant"] for r in rows} == expected
    assert (rows[0]["x_split"], rows[0]["y_split"]) == pytest.approx(splits)
    assert [r["quadrant"] for r in rows] == sorted(
        (r["quadrant"] for r in rows), key=["Build", "Maintain", "Review", "Watch"].index
    )


def test_advice_is_in_words():
    rows = by_id(priority_grid(world(), HOME, TARGETS, on=ON, rollup=False))
    assert rows["to"]["advice"] == "Build: open relationships here first"
    assert rows["fj"]["advice"] == "Maintain: keep close and coordinated"
    assert rows["ws"]["target_name"] == "<img src=x onerror=alert(1)> *Samoa*"  # names stay as they are: text


def test_never_engaged_is_drawn_at_the_far_end_of_recency():
    rows = by_id(priority_grid(world(), HOME, TARGETS, on=ON, y="recency", rollup=False))
    assert rows["to"]["y"] == 100 and rows["to"]["recency"] is None


def test_an_earlier_date_gives_both_positions_and_who_moved():
    graph = world()
    earlier = graph.copy()
    earlier.remove_nodes_from(["e1", "e3"])  # before the talks and the visit
    earlier.remove_edge("dfat", "fj")
    rows = by_id(priority_grid(graph, HOME, TARGETS, on=ON, rollup=False, before=(earlier, "2026-01-01")))
    assert rows["fj"]["before_quadrant"] == "Maintain" and rows["fj"]["moved"] is False  # links 1 of 0..1: high
    assert (rows["fj"]["before_x"], rows["fj"]["before_y"]) == (3, 1)
    assert rows["ws"]["before_quadrant"] == "Review" and rows["ws"]["moved"] is True  # 1 of 0..1 then; 1 of 0..2 now


@pytest.mark.parametrize(
    ("values", "measure", "cut"),
    [([0, 1, 3], "priority", 2), ([0, 4], "home_links", 2), ([None, 10, 30], "recency", 20), ([None], "recency", 0)],
)
def test_split_rule(values, measure, cut):
    assert split(values, measure) == pytest.approx(cut)


def test_an_unknown_axis_is_refused():
    with pytest.raises(ValueError, match="axis must be one of"):
        priority_grid(world(), HOME, TARGETS, on=ON, x="size")


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"selection": {"grid-point": [{"id": "FJI"}]}}, "FJI"),
        ({"selection": {"grid-point": []}}, None),
        ({"selection": {}}, None),
        (None, None),
    ],
)
def test_a_click_on_a_point_picks_its_id(event, expected):
    from types import SimpleNamespace

    from views.charts import picked

    assert picked(SimpleNamespace(**event) if event else None) == expected


def test_the_weight_of_recorded_risks_is_a_measure_a_grid_can_be_drawn_on():
    g = to_networkx(
        [
            {"id": "h", "name": "Home", "kind": "Agency"},
            {"id": "a", "name": "A", "kind": "Country", "risks": [{"level": "high"}, {"level": "low"}]},
            {"id": "b", "name": "B", "kind": "Country", "risks": []},
        ],
        [],
    )
    rows = {r["target"]: r for r in priority_grid(g, {"h"}, {"a", "b"}, on="2026-12-01", x="risk_weight")}
    assert (rows["a"]["risk_weight"], rows["b"]["risk_weight"]) == (4, 0)
    assert rows["a"]["x_split"] == 2 and rows["a"]["x"] > rows["b"]["x"]
