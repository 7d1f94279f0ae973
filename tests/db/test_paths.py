"""Known-answer tests for shortest paths, introductions and suggested partners, and their named analyses."""

import json

import pytest

from analyses.catalog import ParamError, run
from cli.queries import main
from graph import paths, suggest
from graph.model import to_networkx


def graph_of(nodes: dict, links: list[dict]):
    """A MultiDiGraph from ``{id: kind}`` and link dicts (``type`` defaults to PARTNERS_WITH)."""
    return to_networkx(
        [{"id": n, "name": n.upper(), "kind": k} for n, k in nodes.items()],
        [{"type": "PARTNERS_WITH", **link} for link in links],
    )


def link(source, target, **facts):
    return {"source": source, "target": target, **facts}


DIAMOND = graph_of(
    {"a": "Agency", "b": "NGO", "c": "Country", "d": "Agency", "e": "Forum", "f": "Forum"},
    [
        link("a", "b", since="2020", sources=["https://x.example/1"]),
        link("d", "b", type="MEMBER_OF"),
        link("a", "c", type="BASED_IN"),
        link("d", "c", type="OPERATES_IN", until="2019"),
        link("a", "e"),
        link("e", "f"),
        link("f", "d"),
    ],
)


def test_every_shortest_path_with_each_links_dates_and_sources():
    found = paths.shortest_paths(DIAMOND, "a", "d")
    assert [p["ids"] for p in found] == [["a", "b", "d"], ["a", "c", "d"]]
    assert found[0]["names"] == ["A", "B", "D"] and found[0]["hops"] == 2
    first = found[0]["links"]
    assert [(x["source"], x["target"], x["type"]) for x in first] == [
        ("a", "b", "PARTNERS_WITH"),
        ("d", "b", "MEMBER_OF"),
    ]
    assert first[0]["since"] == "2020" and first[0]["sources"] == ["https://x.example/1"]
    assert found[1]["links"][1]["until"] == "2019"


def test_paths_follow_links_against_their_direction():
    assert [p["ids"] for p in paths.shortest_paths(DIAMOND, "d", "a")] == [["d", "b", "a"], ["d", "c", "a"]]


def test_allowed_kinds_in_the_middle_and_allowed_types():
    assert [p["ids"] for p in paths.shortest_paths(DIAMOND, "a", "d", kinds={"NGO", "Forum"})] == [["a", "b", "d"]]
    assert [p["ids"] for p in paths.shortest_paths(DIAMOND, "a", "d", types={"PARTNERS_WITH"})] == [
        ["a", "e", "f", "d"]
    ]
    assert paths.shortest_paths(DIAMOND, "a", "d", types={"FUNDS"}) == []


def test_every_link_of_a_step_is_listed():
    graph = graph_of(
        {"a": "Agency", "b": "Forum"},
        [link("a", "b", type="MEMBER_OF"), link("a", "b", type="CHAIRS"), link("b", "a", type="FUNDS")],
    )
    (found,) = paths.shortest_paths(graph, "a", "b")
    assert sorted(x["type"] for x in found["links"]) == ["CHAIRS", "FUNDS", "MEMBER_OF"]
    assert paths.shortest_paths(graph, "a", "b", types={"FUNDS"})[0]["links"][0]["source"] == "b"


def test_no_path_and_same_entity():
    graph = graph_of({"a": "Agency", "b": "Agency", "z": "NGO"}, [link("a", "b")])
    assert paths.shortest_paths(graph, "a", "z") == []
    assert paths.shortest_paths(graph, "a", "a") == [{"ids": ["a"], "names": ["A"], "hops": 0, "links": []}]


def test_link_weight_from_confidence_and_recency():
    assert paths.link_weight({"confidence": "high"}, "2025-01-01") == 1.0
    assert paths.link_weight({}, "2025-01-01") == paths.UNKNOWN_CONFIDENCE
    # ended mid-2015, read mid-2025: two half-lives
    assert paths.link_weight({"confidence": "medium", "until": "2015-06"}, "2025-06-30") == pytest.approx(0.7 / 4)
    assert paths.link_weight({"confidence": "low"}, "2025-06-30", end_dates=("2020-06-15",)) == pytest.approx(0.2)


INTRO = graph_of(
    {
        "h1": "Agency",
        "h2": "Agency",
        "x": "NGO",
        "y": "NGO",
        "old": "Forum",
        "fji": "Country",
        "t": "Agency",
        "far1": "NGO",
        "far2": "NGO",
    },
    [
        link("h1", "x", confidence="high"),
        link("x", "t", confidence="high"),
        link("h2", "y", confidence="low"),
        link("y", "t", confidence="high"),
        link("h1", "old", confidence="high", type="MEMBER_OF", until="2005"),
        link("t", "old", confidence="high", type="MEMBER_OF"),
        link("h2", "fji", type="OPERATES_IN", confidence="high"),
        link("t", "fji", type="BASED_IN", confidence="high"),
        link("h1", "h2", confidence="high"),
        link("h1", "far1", confidence="high"),
        link("far1", "far2", confidence="high"),
        link("far2", "t", confidence="high"),
    ],
)


def test_introductions_prefer_high_confidence_then_recent_links():
    found = paths.introductions(INTRO, {"h1", "h2"}, "t", today="2025-01-01")
    assert [r["ids"] for r in found] == [
        ["h1", "x", "t"],
        ["h1", "far1", "far2", "t"],
        ["h2", "y", "t"],
        ["h1", "old", "t"],
    ]
    assert [r["rank"] for r in found] == [1, 2, 3, 4]
    assert found[0]["score"] == pytest.approx(paths.HOP_WEIGHT)
    assert found[0]["introducer"] == "X" and found[0]["from"] == "H1"
    assert found[2]["score"] == pytest.approx(0.4 * paths.HOP_WEIGHT)
    assert found[3]["links"][0]["until"] == "2005"


def test_introductions_skip_countries_unless_allowed_and_keep_home_at_the_start():
    found = paths.introductions(INTRO, {"h1", "h2"}, "t", today="2025-01-01")
    assert all("fji" not in r["ids"] for r in found)
    assert all(r["ids"][0] in {"h1", "h2"} and not {"h1", "h2"} & set(r["ids"][1:]) for r in found)
    via_country = paths.introductions(INTRO, {"h2"}, "t", today="2025-01-01", through={"Country"})
    assert [r["ids"] for r in via_country] == [["h2", "fji", "t"]]


def test_introductions_limits_and_direct_links():
    assert [r["hops"] for r in paths.introductions(INTRO, {"h1"}, "t", max_hops=2, today="2025-01-01")] == [2, 2]
    assert len(paths.introductions(INTRO, {"h1", "h2"}, "t", limit=1)) == 1
    direct = paths.introductions(INTRO, {"x"}, "t")
    assert direct[0]["ids"] == ["x", "t"] and direct[0]["introducer"] is None
    assert paths.introductions(INTRO, set(), "t") == [] and paths.introductions(INTRO, {"h1"}, "nobody") == []


SUGGEST = graph_of(
    {
        "h": "Agency",
        "p1": "Agency",
        "p2": "NGO",
        "hub": "Forum",
        "c": "Company",
        "d": "NGO",
        "e": "Agency",
        "k": "Country",
        "m": "NGO",
        "already": "NGO",
    },
    [
        link("h", "p1"),
        link("h", "p2"),
        link("h", "hub", type="MEMBER_OF"),
        link("h", "already"),
        link("c", "p1"),
        link("c", "p2"),
        link("d", "p1"),
        link("e", "hub", type="MEMBER_OF"),
        link("m", "hub"),
        link("k", "p1", type="BASED_IN"),
        link("already", "p1"),
    ],
)


def test_suggested_partners_rank_by_adamic_adar_with_the_reason():
    import math

    rows = suggest.suggestions(SUGGEST, {"h"})
    # shared partners' distinct neighbours: p1 5, hub 3, p2 2; ties by name
    assert [r["id"] for r in rows] == ["c", "e", "m", "d"]
    first = rows[0]
    assert first["common"] == 2 and first["via"] == ["P2", "P1"]
    assert first["adamic_adar"] == pytest.approx(1 / math.log(2) + 1 / math.log(5), abs=1e-4)
    assert rows[1]["adamic_adar"] == pytest.approx(1 / math.log(3), abs=1e-4)
    assert first["reason"] == "works with P2, P1 (2 of our partners)"
    assert rows[-1]["reason"] == "works with P1, one of our partners"
    assert all(r["id"] not in {"h", "p1", "p2", "hub", "already", "k"} for r in rows)
    assert "k" in {r["id"] for r in suggest.suggestions(SUGGEST, {"h"}, kinds=None)}


# -- the named analyses on the sample data -----------------------------------------------------------------------


def test_paths_roblox_to_the_philippine_police(sample_db, capsys):
    assert (
        main(["run", "paths", "--param", "from=Roblox", "--param", "to=Philippine National Police", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows and len({r["hops"] for r in rows}) == 1
    for row in rows:
        assert row["entities"][0] == "Roblox" and row["entities"][-1] == "Philippine National Police"
        assert len(row["links"]) >= row["hops"]
        assert all({"type", "since", "until", "sources"} <= set(x) for x in row["links"])


def test_introductions_to_fiji_from_australian_agencies(sample_db, capsys):
    assert (
        main(["run", "introductions", "--home", "kind:Agency country:AUS", "--param", "to=Fiji", "--format", "json"])
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert rows and rows[0]["rank"] == 1 and rows[0]["entities"][-1] == "Fiji"
    scores = [r["score"] for r in rows]
    assert scores == sorted(scores, reverse=True)


def test_suggestions_for_australian_agencies(sample_db):
    rows = run(sample_db, "suggestions", home="kind:Agency country:AUS", params={"limit": "5"})
    assert len(rows) == 5 and all(r["reason"] for r in rows)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"from": "Nobody At All", "to": "pnp"}, "--param from: no entity named"),
        ({"from": "Roblox"}, "needs --param to="),
        ({"from": "Roblox", "to": "pnp", "types": "likes"}, "--param types: unknown 'likes'"),
        ({"from": "Roblox", "to": "pnp", "kinds": "Planet"}, "--param kinds: unknown 'Planet'"),
    ],
)
def test_bad_parameters_are_one_line_errors(sample_db, params, message):
    with pytest.raises(ParamError, match=message):
        run(sample_db, "paths", params=params)


def test_cli_exits_2_with_one_line_on_an_unknown_entity(sample_db, capsys):
    assert main(["run", "paths", "--param", "from=Nobody", "--param", "to=pnp"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --param from:") and err.count("\n") == 1
