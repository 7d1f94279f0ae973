"""Network queries on a tiny hand-built graph in the real Neo4j: hops, filters, as-of dates and the roll-up side."""

import pytest

from graph.network_view import AGENCY_OF
from graph.rollup import units
from loaders.pipeline import load_paths
from queries import read
from queries.graphs import load_graph
from queries.network import ViewTooLarge, ego_ids, lucene_query, rollup_side, search, subgraph

ELEMENTS = """ID,Label,Type,Aliases
afp,Australian Federal Police,agency,AFP
forum,Pacific Islands Forum,forum,PIF
KIR,Kiribati,country,
FJI,Fiji,country,
fpf,Fiji Police Force,police,
vp,Voluntary Principles,principles,VPs
"""
# Kiribati left the forum in July 2022 and rejoined in February 2023; Fiji's police joined the AFP in 2020.
CONNECTIONS = """From,To,Type,Since,Until
KIR,PIF,member of,1971,2022-07
KIR,PIF,member of,2023-02,
Fiji,PIF,member of,1971,
AFP,Fiji Police Force,partners with,2020,
Fiji Police Force,Fiji,based in,,
AFP,VPs,endorsed,03/2020,
"""


@pytest.fixture
def tiny(db, tmp_path):
    (tmp_path / "elements.csv").write_text(ELEMENTS)
    (tmp_path / "connections.csv").write_text(CONNECTIONS)
    report = load_paths(db, [str(tmp_path)])
    assert report.errors == []
    return db


@pytest.mark.parametrize(
    ("hops", "expected"),
    [
        (1, ["afp", "fpf", "vp"]),
        (2, ["FJI", "afp", "fpf", "vp"]),
        (3, ["FJI", "afp", "forum", "fpf", "vp"]),
    ],
)
def test_ego_network_grows_by_hops(tiny, hops, expected):
    assert ego_ids(tiny, "afp", hops) == expected


@pytest.mark.parametrize(
    ("as_of", "members"),
    [
        ("2022-06-30", ["FJI", "KIR"]),
        ("2022-07-31", ["FJI", "KIR"]),  # "until 2022-07" covers the whole month
        ("2022-10-01", ["FJI"]),
        ("2023-06-30", ["FJI", "KIR"]),
        (None, ["FJI", "KIR"]),
    ],
)
def test_as_of_date_follows_membership_that_ended_and_restarted(tiny, as_of, members):
    assert sorted(set(ego_ids(tiny, "forum", 1, as_of=as_of)) - {"forum"}) == members


def test_as_of_before_a_partnership_hides_it(tiny):
    assert ego_ids(tiny, "afp", 1, as_of="2019-12-31") == ["afp"]
    assert ego_ids(tiny, "afp", 1, as_of="2020-03-01") == ["afp", "fpf", "vp"]


def test_type_and_kind_filters(tiny):
    assert ego_ids(tiny, "afp", 3, types=["PARTNERS_WITH", "BASED_IN"]) == ["FJI", "afp", "fpf"]
    nodes, links = subgraph(tiny, ["afp", "fpf", "vp", "FJI"], kinds={"Agency"})
    assert [n["id"] for n in nodes] == ["afp", "fpf"]
    assert [(x["source"], x["type"], x["target"]) for x in links] == [("afp", "PARTNERS_WITH", "fpf")]


def test_subgraph_carries_dates_and_sources(tiny):
    _, links = subgraph(tiny, ["KIR", "forum"])
    assert sorted((x["since"], x["until"]) for x in links) == [("1971", "2022-07"), ("2023-02", None)]


def test_too_large_a_view_is_refused(tiny):
    with pytest.raises(ViewTooLarge, match="more than 2,000"):
        subgraph(tiny, [f"id{i}" for i in range(2001)])


@pytest.mark.parametrize(("text", "first"), [("kiri", "KIR"), ("PIF", "forum"), ("fiji police", "fpf"), ("AFP", "afp")])
def test_search_finds_names_aliases_and_prefixes(tiny, text, first):
    assert search(tiny, text)[0]["id"] == first


def test_lucene_special_characters_are_harmless():
    assert lucene_query('AND "x" (y) -z*') == "AND* AND x* AND y* AND z*"


def test_profile_links_flag_activity_on_the_date(tiny):
    rows = read(tiny, "entity_links", id="KIR", as_of="2022-10-01")
    assert sorted((r["since"], r["active"]) for r in rows) == [("1971", False), ("2023-02", False)]
    rows = read(tiny, "entity_links", id="KIR", as_of="2024-01-01")
    assert sorted((r["since"], r["active"]) for r in rows) == [("1971", False), ("2023-02", True)]


def test_search_puts_an_exact_alias_before_engagements_that_mention_it(db, tmp_path):
    (tmp_path / "elements.csv").write_text(
        "ID,Label,Type,Aliases,Date\npicacc,Philippine Internet Crimes Against Children Center,program,PICACC,\n"
        "e1,PICACC launch meeting,meeting,PICACC launch,2019-02\n"
    )
    assert not load_paths(db, [str(tmp_path)]).errors
    assert [hit["id"] for hit in search(db, "PICACC")] == ["picacc", "e1"]


# Tonga: its police is Tonga's by its country column alone (no link), the ministry by a link since 2000; the cyber
# taskforce was part of the police from 2021 to June 2023 and the desk is part of the taskforce; the AFP partners
# with the desk. A forum based in Tonga and an NGO whose country is Tonga are not Tonga.
TONGA_ELEMENTS = """ID,Label,Type,Country
TON,Tonga,country,TON
tpol,Tonga Police,police,TON
mofa,Tonga Ministry of Foreign Affairs,agency,
task,Cyber Taskforce,agency,
desk,Reporting Desk,agency,
forum,Nuku'alofa Forum,forum,TON
ngo,Tonga Helping Hands,ngo,TON
afp,Australian Federal Police,agency,AUS
"""
TONGA_CONNECTIONS = """From,To,Type,Since,Until
mofa,TON,based in,2000,
forum,TON,based in,,
task,tpol,part of,2021,2023-06
desk,task,part of,,
afp,desk,partners with,2022,
"""


@pytest.fixture
def tonga(db, tmp_path):
    (tmp_path / "elements.csv").write_text(TONGA_ELEMENTS)
    (tmp_path / "connections.csv").write_text(TONGA_CONNECTIONS)
    assert load_paths(db, [str(tmp_path)]).errors == []
    return db


@pytest.mark.parametrize(
    ("focus", "as_of", "expected"),
    [
        (
            "TON",
            None,
            {
                "tpol": ["tpol", "TON"],
                "mofa": ["mofa", "TON"],
                "task": ["task", "tpol", "TON"],
                "desk": ["desk", "task", "tpol", "TON"],
            },
        ),
        ("TON", "2022-01-01", {"tpol", "mofa", "task", "desk"}),
        ("TON", "2024-01-01", {"tpol", "mofa"}),  # the taskforce left the police in June 2023, the desk with it
        ("TON", "1999-01-01", {"tpol"}),  # before the ministry's link; the country column has no date
        ("tpol", "2022-01-01", {"task", "desk"}),
        ("forum", None, set()),
        ("nowhere", None, set()),
    ],
)
def test_rollup_side_follows_the_rule_and_the_date(tonga, focus, as_of, expected):
    side = rollup_side(tonga, focus, as_of=as_of)
    assert (side.chains if isinstance(expected, dict) else set(side.chains)) == expected
    graph = load_graph(tonga, as_of=as_of)
    assert side.chains == (units(graph, focus, on=as_of) if focus in graph else {})


def test_rollup_side_ties_units_up_and_hops_count_from_them(tonga):
    side = rollup_side(tonga, "TON", as_of="2022-06-30")
    ties = {(x["source"], x["type"], x["target"]) for x in side.links}
    assert ties == {
        ("tpol", AGENCY_OF, "TON"),
        ("mofa", "BASED_IN", "TON"),
        ("task", "PART_OF", "tpol"),
        ("desk", "PART_OF", "task"),
    }
    assert ego_ids(tonga, "TON", 1, as_of="2022-06-30") == ["TON", "forum", "mofa"]
    with_side = ego_ids(tonga, "TON", 1, as_of="2022-06-30", side=side.chains)
    assert with_side == ["TON", "afp", "desk", "forum", "mofa", "task", "tpol"]  # the AFP: 1 hop from the desk


# On the sample: Fiji stands for its police and its online safety commission (each an Agency with country FJI and
# BASED_IN Fiji); the AFP was part of Home Affairs (2017-12 to 2022-06, again from 2025-05) and of the
# Attorney-General's Department in between, and the ACCCE is part of the AFP.
SAMPLE_SIDES = [
    ("FJI", None, {"fiji-police": ["fiji-police", "FJI"], "fiji-osc": ["fiji-osc", "FJI"]}),
    ("FJI", "2023-01-01", {"fiji-police", "fiji-osc"}),
    ("agd", "2023-01-01", {"afp": ["afp", "agd"], "accce": ["accce", "afp", "agd"]}),
    ("agd", "2026-01-01", set()),
    ("home-affairs", "2023-01-01", set()),
    ("home-affairs", "2026-01-01", {"afp", "accce"}),
    ("afp", None, {"accce": ["accce", "afp"]}),
    ("AUS", None, 14),  # its fourteen agencies (the ACCCE also part of the AFP): the chains checked against the rule
    ("pif", None, set()),  # a forum has no units
]


@pytest.mark.parametrize(("focus", "as_of", "expected"), SAMPLE_SIDES)
def test_rollup_side_agrees_with_graph_rollup_on_the_sample(sample_db, focus, as_of, expected):
    side = rollup_side(sample_db, focus, as_of=as_of)
    if isinstance(expected, int):
        assert len(side.chains) == expected
    else:
        assert (side.chains if isinstance(expected, dict) else set(side.chains)) == expected
    assert side.chains == units(load_graph(sample_db, as_of=as_of), focus, on=as_of)


def test_rows_are_the_values_the_query_built_and_graph_objects_are_converted_as_the_driver_does(tiny):
    import neo4j

    from queries import rows_of

    nested = "MATCH (n:Entity {id: 'afp'}) RETURN n.id AS id, {names: [n.name], tags: []} AS facts"
    whole = "MATCH (n:Entity {id: 'afp'})-[r]->(m) RETURN n, r, m.id AS other ORDER BY other"
    for query in (nested, whole):
        fast = tiny.execute_query(query, result_transformer_=rows_of)
        assert fast == tiny.execute_query(query, result_transformer_=neo4j.Result.data)
    assert tiny.execute_query(nested, result_transformer_=rows_of) == [
        {"id": "afp", "facts": {"names": ["Australian Federal Police"], "tags": []}}
    ]
    node = tiny.execute_query(whole, result_transformer_=rows_of)[0]["n"]
    assert isinstance(node, dict) and node["name"] == "Australian Federal Police"
